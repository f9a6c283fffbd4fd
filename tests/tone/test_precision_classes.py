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
