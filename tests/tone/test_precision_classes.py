"""Engine 2.0.1: the failure classes found on the dev set's tuning part (issue 12). Texts
here are new, not copies of the dev set's."""

from __future__ import annotations

from karib.tone import analyze, parse


def _analyze(document: str):
    return analyze(parse(document, fmt="text")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def test_indonesian_sign_offs_outside_the_lexicon_end_the_chat_courteously():
    for closing in (
        "Senang kami dapat membantu",
        "Saya di sini untuk membantu",
        "Rutenya sudah di layar, berkendaralah dengan hati-hati!",
        "Siap kak, dikirim besok. Makasih banyak kak 🙏",
    ):
        # given
        document = f"Pelanggan: Terima kasih infonya\nAgen: {closing}\n"
        # when
        result = _analyze(document)
        # then
        assert result.summary.conversation_state == "ended_by_agent", closing
        assert result.summary.courteous_closure, closing
        assert not result.findings, closing


def test_no_problem_is_a_welcome_after_thanks_and_an_answer_after_a_question():
    # given
    thanked = "Pelanggan: Oke, terima kasih\nAgen: Tidak masalah\n"
    asked = "Pelanggan: Boleh bayar besok?\nAgen: Tidak masalah\n"
    # when
    after_thanks = _analyze(thanked)
    after_question = _analyze(asked)
    # then
    assert after_thanks.summary.conversation_state == "ended_by_agent"
    assert not after_thanks.findings
    assert after_question.summary.conversation_state == "open"
    assert not after_question.findings


def test_customer_reporting_the_matter_settled_ends_the_chat():
    for closing in ("Cheers.", "That worked, you've been a great help 😀"):
        # given
        document = f"Customer: My app won't sync.\nAgent: I've reset it, try again now.\nCustomer: {closing}\n"
        # when
        result = _analyze(document)
        # then
        assert result.summary.conversation_state == "ended_by_customer", closing
        assert not result.findings, closing


def test_a_turn_broken_off_on_a_connector_and_ended_by_a_short_sign_off_is_a_cut_off():
    # given
    english = (
        "Customer: I moved house last week and I need to update the address for the\n"
        "Agent: Thanks for reaching out, goodbye.\n[chat ended by agent]\n"
    )
    indonesian = (
        "Pelanggan: Tagihan saya dobel bulan ini, padahal sudah bayar, lalu\n"
        "Agen: Sebentar.\n[chat ditutup oleh agen]\n"
    )
    # then
    assert _codes(english) == {"customer_cut_off"}
    assert _codes(indonesian) == {"customer_cut_off"}


def test_a_short_thanks_with_a_trailing_comma_is_finished():
    # given
    document = (
        "Pelanggan: Jam berapa toko buka?\nAgen: Jam 9 pagi kak\n"
        "Pelanggan: Oke terima kasih,\nAgen: Sama-sama kak\n"
    )
    # then
    assert _codes(document) == set()


def test_a_sign_off_that_answers_the_question_does_not_cut_the_customer_off():
    # given
    document = "Pelanggan: Kartu saya sudah aktif?\nAgen: Sudah Pak, terima kasih.\n"
    # then
    assert _codes(document) == set()


def test_yes_to_are_you_sure_refuses_and_a_later_offer_is_a_push():
    # given
    document = (
        "Pelanggan: Pak, saya mau tutup akun saya.\n"
        "Agen: Bapak yakin? Saldo poin Bapak tidak bisa dipakai lagi.\n"
        "Pelanggan: Iya, tolong ditutup.\n"
        "Agen: Bagaimana kalau kami beri diskon 30% bulan depan?\n"
        "Pelanggan: Tidak, terima kasih.\n"
        "Agen: Baik Pak, akun sudah ditutup. Terima kasih.\n"
    )
    # when
    result = _analyze(document)
    # then
    assert result.summary.first_refusal_turn == 2
    assert {f.code for f in result.findings} == {"push_after_refusal"}


def test_ya_sudah_answering_the_customers_acknowledgement_is_not_curt():
    # given
    acknowledged = (
        "Pelanggan: Paket sudah sampai?\nAgen: Sudah kemarin.\nPelanggan: Oke\nAgen: Ya sudah.\n"
    )
    complained = (
        "Pelanggan: Paket sudah sampai?\nAgen: Sudah kemarin.\n"
        "Pelanggan: Belum ada di rumah, tolong dicek\nAgen: Ya sudah.\n"
    )
    # then
    assert "curt_language" not in _codes(acknowledged)
    assert "curt_language" in _codes(complained)


def test_an_honorific_alone_is_no_politeness_to_shift_from():
    # given
    document = (
        "Pelanggan: Mbak, pesanan saya kok belum dikirim?\n"
        "Agen: Mbak, stoknya baru datang besok.\n"
        "Pelanggan: Kemarin katanya hari ini\n"
        "Agen: Terserah, tunggu saja.\n"
    )
    # then
    assert "tone_shift" not in _codes(document)
    assert "curt_language" in _codes(document)


def test_ya_sudah_opening_a_softened_message_is_alright_then_not_a_dismissal():
    # given
    softened = (
        "Pelanggan: Bisa kirim yang ukuran L saja?\n"
        "Agen: Ya sudah, kami tukar ke L ya kak, mohon ditunggu sebentar 🙏\n"
    )
    bare = "Pelanggan: Kok belum dikirim juga?\nAgen: Ya sudah, tunggu saja.\n"
    # when
    result = _analyze(softened)
    # then
    assert result.summary.conversation_state == "open"
    assert not result.findings
    assert "curt_language" in _codes(bare)


def test_thanks_closing_with_a_farewell_or_for_doing_it_with_us_signs_off():
    for closing in (
        "Terima kasih, selamat malam.",
        "Your plan is cancelled. Thanks for banking with us.",
        "Order placed. Thank you for your purchase!",
    ):
        # given
        document = f"Customer: That's everything.\nAgent: {closing}\n"
        # when
        result = _analyze(document)
        # then
        assert result.summary.conversation_state == "ended_by_agent", closing
        assert not result.findings, closing


def test_other_edition_and_price_comparisons_are_offers_after_a_cancellation():
    # given
    document = (
        "Customer: Please cancel my magazine subscription.\n"
        "Agent: Would you like to move to the digital-only edition instead? It's half the cost.\n"
        "Customer: No thanks, cancel it.\n"
        "Agent: We could switch you to the quarterly plan then.\n"
        "Customer: No.\n"
        "Agent: Done, it's cancelled. Thank you for reading with us.\n"
    )
    # when
    result = _analyze(document)
    # then
    assert result.summary.retention_offers == (1, 3)
    assert {f.code for f in result.findings} == {"push_after_refusal"}


def test_a_message_ending_on_a_question_awaits_an_answer_whatever_thanks_opened_it():
    # given
    asks = (
        "Customer: Is my refund approved?\n"
        "Agent: Thank you for your patience. It is approved. Shall I send the receipt by email?\n"
    )
    offers_help = "Pelanggan: Oke kak\nAgen: Terima kasih kak, ada lagi yang bisa kami bantu?\n"
    # then
    assert _analyze(asks).summary.conversation_state == "open"
    assert _analyze(offers_help).summary.conversation_state == "ended_by_agent"


def test_sundanese_and_javanese_farewells_sign_off():
    for closing in ("Mangga kang, wilujeng wengi", "Nggih Bu, sugeng dalu"):
        # given
        document = f"Pelanggan: Hatur nuhun\nAgen: {closing}\n"
        # then
        assert _analyze(document).summary.conversation_state == "ended_by_agent", closing


def test_id_like_to_end_is_a_cancellation_and_cheaper_premiums_are_offers():
    # given
    document = (
        "Customer: I'd like to stop my home insurance.\n"
        "Agent: Before you go, we have a basic plan at $12 a month.\n"
        "Customer: No thanks.\n"
        "Agent: You could keep your discount if you stay another year.\n"
        "Customer: No.\n"
        "Agent: Okay, the policy is stopped. Thank you, take care.\n"
    )
    indonesian = (
        "Pelanggan: Mbak, saya mau berhenti asuransi.\n"
        "Agen: Kalau Ibu tetap, kami beri potongan premi 10%.\n"
        "Pelanggan: Tidak, terima kasih.\n"
        "Agen: Bisa juga pindah ke produk dengan premi yang lebih ringan, Bu.\n"
        "Pelanggan: Tidak mbak.\n"
        "Agen: Baik Bu, sudah kami proses. Terima kasih.\n"
    )
    # then
    assert _codes(document) == {"push_after_refusal"}
    assert _codes(indonesian) == {"push_after_refusal"}


def test_thanks_for_doing_it_closes_but_thanks_for_waiting_then_news_does_not():
    # given
    closing = "Customer: Cancel the trial please.\nAgent: Done, it's cancelled. Thanks for trying us out!\n"
    news = "Customer: Where is it?\nAgent: Thanks for waiting, your order left the depot today.\n"
    # then
    assert _analyze(closing).summary.conversation_state == "ended_by_agent"
    assert _analyze(news).summary.conversation_state == "open"


def test_switching_to_another_option_is_an_offer():
    # given
    document = (
        "Customer: I want to cancel my cloud storage.\n"
        "Agent: If you keep it, I can give you 20% off next year.\n"
        "Customer: Not interested.\n"
        "Agent: Would moving to the smaller plan help?\n"
        "Customer: No. Cancel it.\n"
        "Agent: Done. Thanks, take care.\n"
    )
    # then
    assert _codes(document) == {"push_after_refusal"}


def test_welcome_in_other_words_after_the_customer_closes_signs_off_only_alone():
    # given
    alone = "Pelanggan: Sudah semuanya\nAgen: Tentu saja kak 🙏\n"
    with_news = "Pelanggan: Oke\nAgen: Tentu, kami kirim besok pagi\n"
    # then
    assert _analyze(alone).summary.conversation_state == "ended_by_agent"
    assert _analyze(with_news).summary.conversation_state == "open"


def test_words_that_also_end_finished_sentences_do_not_break_a_turn_off():
    for last in (
        "Internet saya mati terus",
        "Paketnya dikirim minggu lalu",
        "Hatur nuhun a",
        "No, I don't want to",
        "Udah malem soalnya",
    ):
        # given
        document = f"Agen: Ada yang bisa dibantu?\nPelanggan: {last}\n[chat ditutup oleh agen]\n"
        # when
        result = _analyze(document)
        # then
        assert not any(
            f.code == "customer_cut_off" and f.confidence >= 0.9 for f in result.findings
        ), last


def test_a_plan_merely_named_or_a_verification_question_is_no_offer():
    # given
    named = (
        "Customer: Please cancel my phone plan.\n"
        "Agent: We could give you 20% off if you stay.\n"
        "Customer: No thanks.\n"
        "Agent: Okay. Your plan at $30 ends on the 31st. Thank you for being with us.\n"
    )
    verifying = (
        "Pelanggan: Saya mau tutup rekening.\n"
        "Agen: Ibu yakin nomor rekeningnya 1234?\n"
        "Pelanggan: Iya betul.\n"
        "Agen: Baik Bu, rekening sudah kami tutup. Terima kasih.\n"
    )
    # then
    assert _codes(named) == set()
    assert _analyze(verifying).summary.retention_offers == ()


# --- Issue 12, part H round (30 Nov): the failure classes the issue lists, new texts ---


def _wa(document: str, agent: str):
    return analyze(parse(document, fmt="whatsapp", agent=agent)[0])


def test_blame_with_a_form_of_address_is_curt_and_reassurance_or_self_correction_is_not():
    for blaming in (
        "Itu salah Mbak sendiri, alamatnya tidak diganti.",
        "Salah kakak sendiri nggak cek ukurannya dulu",
        "Memang salah Bapak, transfernya lewat jam 9 malam.",
        "It's your own mistake, the form said so.",
        "Itu salah Kakak, the size chart is on the page.",
    ):
        # given
        document = f"Pelanggan: Kok bisa begini?\nAgen: {blaming}\nPelanggan: Hmm\n"
        # then
        assert "curt_language" in _codes(document), blaming
    for kind in (
        "Bukan salah Ibu kok, sistemnya sedang gangguan. Mohon maaf ya Bu.",
        "Tidak salah Bapak, memang ada perubahan tarif bulan ini.",
        "That's not your fault at all, the link had expired.",
        "Maaf salah kak, harga yang benar Rp 55.000 ya.",
    ):
        # given
        document = f"Pelanggan: Kok bisa begini?\nAgen: {kind}\nPelanggan: Oh oke\n"
        # then
        assert "curt_language" not in _codes(document), kind


def test_a_polite_agent_who_later_blames_by_address_shifts_tone():
    # given
    document = (
        "Pelanggan: Mas, kok voucher saya hangus?\n"
        "Agen: Selamat siang Mas, mohon maaf atas kendalanya, saya cek dulu ya.\n"
        "Pelanggan: Sudah dicek?\n"
        "Agen: Vouchernya berlaku sampai kemarin. Salah Mas sendiri tidak dipakai.\n"
        "Pelanggan: Lho\n"
    )
    # then
    assert _codes(document) == {"curt_language", "tone_shift"}


def test_a_refusal_that_repeats_the_cancellation_is_also_the_cancellation_request():
    # given (the upsell before the request is no retention offer; the pushes after it count)
    document = (
        "Agent: Hi! Would you like to hear about our family bundle?\n"
        "Customer: Nope, I'd just like to cancel.\n"
        "Agent: Could I offer you three months at 40% off?\n"
        "Customer: No thank you, I'd rather close it.\n"
        "Agent: Would a lighter plan suit you better? It costs less.\n"
        "Customer: No.\n"
        "Agent: Done, it's closed. Thank you for being with us.\n"
    )
    # when
    result = _analyze(document)
    # then
    assert result.summary.cancellation_request
    assert result.summary.retention_offers == (2, 4)
    assert result.summary.first_refusal_turn == 3
    assert {f.code for f in result.findings} == {"push_after_refusal"}


def test_retention_offers_in_ordinary_words_count_after_a_refusal():
    for offer in (
        "If you keep it, I can make your next month free.",
        "Would you consider staying if we lowered your monthly fee?",
        "We could throw in a free training session.",
        "Can I interest you in our loyalty rate?",
        "There's a plan that costs less, $6 a month.",
        "Kalau kakak lanjut, paket yang lebih terjangkau ada kak, cuma 49rb",
        "Beneran mau berhenti kak? Sayang lho",
        "Menawi paket ingkang langkung mirah, kersa Bu?",
    ):
        # given
        document = (
            "Pelanggan: Saya mau berhenti langganan ya\n"
            "Agen: Baik, kalau lanjut kami beri diskon 30% bulan depan.\n"
            "Pelanggan: Nggak usah, terima kasih.\n"
            f"Agen: {offer}\n"
            "Pelanggan: Tidak.\n"
            "Agen: Baik, sudah kami proses. Terima kasih.\n"
        )
        # then
        assert _codes(document) == {"push_after_refusal"}, offer


def test_help_and_information_after_a_cancellation_are_no_offers():
    for reply in (
        "If you keep having trouble, restart the app first.",
        "Your plan ends on the 31st and the final invoice comes next week.",
        "Pembatalan diproses 3 hari kerja, dana kembali ke rekening Ibu.",
    ):
        # given
        document = (
            "Customer: Please cancel my plan.\n"
            "Agent: Would you like 20% off to stay?\n"
            "Customer: No thanks.\n"
            f"Agent: {reply}\n"
            "Customer: Okay, thanks.\n"
        )
        # then
        assert _codes(document) == set(), reply


def test_fused_javanese_and_sundanese_refusals_refuse_the_offer():
    for refusal in ("gausah min, stop aja", "gamau kak", "Mboten mas, batalke mawon", "Henteu, a"):
        # given
        document = (
            "Pelanggan: Mas, saya mau berhenti langganan\n"
            "Agen: Kalau lanjut ada gratis 1 bulan lho\n"
            f"Pelanggan: {refusal}\n"
            "Agen: Atau pindah ke paket hemat 25rb?\n"
            "Pelanggan: Tidak\n"
            "Agen: Baik, sudah kami hentikan. Terima kasih 🙏\n"
        )
        # when
        result = _analyze(document)
        # then
        assert result.summary.first_refusal_turn == 2, refusal
        assert {f.code for f in result.findings} == {"push_after_refusal"}, refusal


def test_the_indonesian_service_register_is_never_curt():
    for reply in (
        "Waalaikumsalam warahmatullahi wabarakatuh",
        "Wa'alaikumussalam kak",
        "Wslm",
        "Wassalamualaikum",
        "Alhamdulillah sudah sampai",
        "InsyaAllah besok dikirim",
        "Aamiin yra",
        "Sama2 kakk",
        "Sami-sami Bu",
        "mksh ibuu",
        "tks bpk",
        "🙏😊",
        "Paket A 35rb, Paket B 45rb, Paket C 60rb",
        "Besok kurs ya sudah naik 50 rupiah kak",
    ):
        # given
        document = f"Pelanggan: Assalamualaikum, kak\nAgen: {reply}\n"
        # when
        result = _analyze(document)
        # then
        assert not result.findings, reply
        curt = [m for t in result.turns for m in t.markers if m.kind == "curt"]
        assert not curt, (reply, curt)


def test_javanese_and_sundanese_dismissals_are_curt_and_polite_forms_set_up_a_shift():
    # given
    document = (
        "Pelanggan: Mas, pesenan kulo dereng dugi\n"
        "Agen: Sugeng enjing Bu, nyuwun sewu, ekspedisinipun telat.\n"
        "Pelanggan: Lha terus pripun? Kulo butuh sesuk!\n"
        "Agen: Yo wis, sakarepmu wae.\n"
    )
    cooperative = "Pelanggan: Mas, tukar ukuran L nggih\nAgen: Yo wis mas, tak kirim sesuk\n"
    # when
    result = _analyze(document)
    # then
    assert result.summary.conversation_state == "ended_by_agent"
    assert {f.code for f in result.findings} == {
        "curt_language",
        "tone_shift",
        "no_courteous_closure",
    }
    assert not _analyze(cooperative).findings


def test_ya_sudah_before_the_agents_next_step_is_alright_then():
    # given
    steps = (
        "Pelanggan: Ukurannya kekecilan kak\nAgen: Ya sudah, saya tukar ke L sekarang kak\n",
        "Pelanggan: Alamat saya salah ketik\nAgen: Ya udah, nanti kami ubah di sistem\n",
    )
    refuses = "Pelanggan: Tolong dicek lagi\nAgen: Ya sudah, saya tidak bisa bantu lagi.\n"
    # then
    for document in steps:
        assert "curt_language" not in _codes(document), document
    assert "curt_language" in _codes(refuses)


def test_a_choice_left_to_the_customer_is_no_dismissal():
    for choice in (
        "Terserah kakak mau warna apa, semua ready 😊",
        "Bisa kak, terserah mau ambil yang mana",
        "It's up to you which size, both fit true to size.",
        "Up to you whether we ship today or Monday.",
    ):
        # given
        document = f"Customer: Which one should I take?\nAgent: {choice}\n"
        # then
        assert "curt_language" not in _codes(document), choice
    for dismissal in (
        "Terserah.",
        "Terserah kakak aja deh",
        "It's up to you.",
        "That's your problem.",
    ):
        # given
        document = f"Customer: Which one should I take?\nAgent: {dismissal}\n"
        # then
        assert "curt_language" in _codes(document), dismissal


def test_sorry_for_your_loss_and_your_problem_as_an_object_are_no_dismissals():
    for reply in (
        "I'm so sorry for your loss. I've closed your father's account.",
        "Let me look into your problem right away.",
    ):
        # given
        document = f"Customer: Please close the account.\nAgent: {reply}\n"
        # then
        assert "curt_language" not in _codes(document), reply


def test_an_away_auto_reply_keeps_the_customers_question_open():
    # given
    whatsapp = (
        "03/09/24 22.40 - Dian: kak, kemeja batik ukuran XL ada?\n"
        "03/09/24 22.40 - Toko Batik Sekar: Terima kasih sudah menghubungi Toko Batik Sekar 🙏 "
        "Admin kami akan segera membalas pada jam kerja (08.00-17.00).\n"
    )
    english = (
        "Customer: Is the blue one back in stock?\n"
        "Agent: Thanks for contacting Northwind! We're currently closed; we'll reply as soon "
        "as we open at 9 am.\n"
    )
    report = (
        "Pelanggan: Air mati sejak pagi\n"
        "Agen: Terima kasih telah menghubungi kami. Laporan sudah kami terima dan petugas "
        "akan datang hari ini. Terima kasih atas kesabarannya.\n"
    )
    area = (
        "Customer: Do you deliver to Bogor?\n"
        "Agent: Sorry, that's outside our delivery area. Thanks for asking, have a nice day!\n"
    )
    # then
    assert _analyze(area).summary.conversation_state == "ended_by_agent"
    assert _wa(whatsapp, "Toko Batik Sekar").summary.conversation_state == "open"
    assert _analyze(english).summary.conversation_state == "open"
    assert _analyze(report).summary.conversation_state == "ended_by_agent"


def test_an_emoji_answering_the_customers_closing_keeps_the_close_the_customers():
    # given
    closed = "Pelanggan: Jam buka?\nAgen: 08.00-17.00 kak\nPelanggan: ok mksh kak\nAgen: 🙏😊\n"
    asked = "Pelanggan: Jam buka?\nAgen: 08.00-17.00 kak\nPelanggan: Sabtu juga?\nAgen: 👍\n"
    # then
    assert _analyze(closed).summary.conversation_state == "ended_by_customer"
    assert _analyze(asked).summary.conversation_state == "open"


def test_nothing_else_and_an_acknowledgement_after_an_interjection_close_the_chat():
    for closing in (
        "No, that's all.",
        "Nggak ada kak",
        "Tidak ada lagi, cukup",
        "Oh oke kak",
        "Ah siap",
    ):
        # given
        document = (
            "Customer: Is my parcel out?\nAgent: Yes, it arrives today. Anything else?\n"
            f"Customer: {closing}\n"
        )
        # then
        assert _analyze(document).summary.conversation_state == "ended_by_customer", closing
    # given
    bare = "Customer: Is my parcel out?\nAgent: Yes, today. Anything else?\nCustomer: No kak\n"
    # then
    assert _analyze(bare).summary.conversation_state == "open"


def test_thanks_for_what_the_customer_did_ends_the_message_and_the_chat():
    for closing in (
        "Siap kak, sudah kami kirim. Terima kasih sudah belanja di toko kami 🙏",
        "Mangga teh, hatur nuhun parantos mesen",
        "Nggih Bu, matur nuwun sampun pinarak",
        "Your order is on its way. Hope this helps!",
        "Done! Good luck with the move.",
    ):
        # given
        document = f"Pelanggan: Oke, sudah saya transfer\nAgen: {closing}\n"
        # then
        assert _analyze(document).summary.conversation_state == "ended_by_agent", closing
    # given
    news = "Pelanggan: Paket saya?\nAgen: Terima kasih sudah menunggu, sudah kami kirim tadi pagi\n"
    # then
    assert _analyze(news).summary.conversation_state == "open"


def test_a_sign_off_followed_by_a_question_awaiting_an_answer_keeps_the_chat_open():
    # given
    document = (
        "Pelanggan: Bisa cetak stiker 500 pcs?\n"
        "Agen: Bisa kak, terima kasih sudah tanya ke kami 😊\n"
        "Agen: Vinyl Rp 900/pcs, kertas Rp 500/pcs. Mau yang bahan apa kak?\n"
    )
    # when
    result = _analyze(document)
    # then
    assert result.summary.conversation_state == "open"
    assert not result.findings


def test_problem_solved_after_an_offer_is_no_refusal_and_closes():
    # given
    document = (
        "Customer: I want to cancel, the sync keeps failing.\n"
        "Agent: Sorry! Please sign out and in again; I'll add a free month for the trouble.\n"
        "Customer: Super help - problem solved 😀\n"
        "Agent: Great! Enjoy the free month.\n"
        "[chat ended by agent]\n"
    )
    # when
    result = _analyze(document)
    # then
    assert result.summary.first_refusal_turn is None
    assert result.summary.conversation_state == "ended_by_agent"
    assert not result.findings


def test_questions_about_cancelling_are_no_requests_and_later_deals_no_offers():
    for question in (
        "Kalau saya batalkan sekarang, DP-nya hangus nggak?",
        "Is there a fee if I cancel before the 15th?",
        "Kebijakan pembatalannya gimana kak?",
    ):
        # given
        document = (
            f"Customer: {question}\n"
            "Agent: No fee before the 15th. We also have 20% off this month.\n"
            "Customer: No thanks.\n"
            "Agent: We also have a free month for new members.\n"
            "Customer: Okay, thanks.\n"
        )
        # when
        result = _analyze(document)
        # then
        assert not result.summary.cancellation_request, question
        assert not result.findings, question


def test_a_closing_bubble_before_a_last_information_bubble_closes_courteously():
    # given
    closed = (
        "Pelanggan: Sudah transfer ya kak\n"
        "Agen: Terima kasih sudah berbelanja kak 🙏\n"
        "Agen: Resi JNE 0012345678\n"
        "[chat ditutup oleh agen]\n"
    )
    bare = "Pelanggan: Sudah transfer ya kak\nAgen: Resi JNE 0012345678\n[chat ditutup oleh agen]\n"
    # then
    assert _codes(closed) == set()
    assert _codes(bare) == {"no_courteous_closure"}
