"""The failure classes part N's tuning share showed (docs/tone-history.md, part-N round), each with
new texts (not the dev set's): leave granted in scorn (to lose out, to complain wherever)
and blame turned back on the customer are curt, and a tone shift after polite turns; a
policy, an insurance or an account stopped is a cancellation request; the product kept in
another form (moved to a new car, a branch, a later date) and a pause proposed in the
passive are offers; a Javanese wish of the time of day opening an information message
greets, a thanks for what the customer did signs off with an address before the
farewell, a sticker closes like an emoji, regional thanks and "ditunggu orderan lagi"
close; a sign-off that first reports the request done answered it. Every class comes with
near-misses that must not fire."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _agent_reply(lang: str, text: str) -> str:
    """A customer's complaint and the agent's reply."""
    if lang == "en":
        return f"Customer: My parcel is a week late and nobody answers.\nAgent: {text}\n"
    return f"Pelanggan: kak paket saya telat seminggu, gimana sih\nAgen: {text}\n"


# --- 1. Leave granted in scorn, blame turned back: curt ---

SCORN_OR_BLAME = [
    ("id", "Kalau Ibu mau rugi terus ya silakan aja."),
    ("id", "Ya kalau kakak pengennya rugi, monggo."),
    ("id", "Mau lapor ke siapa aja silakan, kami nggak takut."),
    ("id", "Silakan komplain ke mana pun, Bu, hasilnya sama."),
    ("id", "Mau viralin ke mana juga boleh kak."),
    ("en", "Complain to whoever you like, it won't change anything."),
    ("en", "Go ahead and complain, sir."),
    ("en", "If you want to throw away your bonus, then go ahead."),
    ("id", "Jangan salahin admin dong kak, kurirnya yang telat."),
    ("id", "Nggak usah menyalahkan kami ya Pak."),
    ("id", "Bapak sendiri yang pilih pengiriman reguler, ya wajar lama."),
    ("en", "Don't blame us, the courier lost it."),
    ("en", "That's your own problem if you didn't track it."),
    ("en", "Frankly that was a foolish choice of courier."),
    # telling off and brushing off, in more words
    ("id", "Kalau mau lapor ya silakan aja."),
    ("id", "Kami nggak takut dikomplain, Bu."),
    ("id", "Kalau nggak cocok ya jangan langganan di sini."),
    ("id", "Jangan asal menuduh ya Kak."),
    ("id", "Kan udah tercantum di deskripsi produk kak."),
    ("id", "Jangan ngegas gitu dong Pak."),
    ("id", "Kami juga capek, jangan komplain mulu."),
    ("en", "Did you even look at the tracking page?"),
    ("en", "Don't take it out on us, sir."),
    ("en", "That's just the way it is."),
]


@pytest.mark.parametrize(("lang", "text"), SCORN_OR_BLAME)
def test_scorn_and_blame_turned_back_are_curt(lang: str, text: str) -> None:
    # given
    document = _agent_reply(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "curt_language" in codes


NOT_SCORN_OR_BLAME = [
    ("id", "Kalau nggak mau rugi, paket tahunan lebih hemat kak."),
    ("id", "Kalau mau komplain, silakan hubungi 1500-123 ya Bu."),
    ("id", "Silakan pilih mau dikirim ke mana saja, kak."),
    ("id", "Apakah Bapak sendiri yang memesan paket ini?"),
    ("id", "Ibu sendiri yang bisa memilih jadwalnya di aplikasi."),
    ("id", "Bukan salah Kakak kok, mohon maaf atas keterlambatannya."),
    ("en", "Please don't blame yourself, these things happen."),
    ("en", "There are no silly questions, happy to help."),
    ("en", "If you want to keep your points, go ahead and log in first."),
    ("en", "It's not your problem at all, we'll sort it out."),
    ("id", "Kalau mau lapor, silakan lewat menu Bantuan di aplikasi."),
    ("id", "Saya nggak takut kok Kak, nanti kami bantu sampai beres."),
    ("id", "Jangan asal klik link yang mengatasnamakan kami ya Kak."),
    ("id", "Kan sudah ada di keranjang, tinggal checkout kak."),
    ("en", "Did you read the e-mail we sent yesterday?"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_SCORN_OR_BLAME)
def test_information_and_reassurance_are_not_curt(lang: str, text: str) -> None:
    # given
    document = _agent_reply(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "curt_language" not in codes
    assert "tone_shift" not in codes


def test_scorn_after_polite_turns_is_a_tone_shift() -> None:
    # given: a polite agent, then leave to complain wherever
    document = (
        "Agen: Selamat siang, dengan Rina, ada yang bisa dibantu? 🙏\n"
        "Pelanggan: refund saya belum masuk dua minggu!\n"
        "Agen: Mohon maaf Bu, boleh nomor pesanannya?\n"
        "Pelanggan: 88213. ini parah banget\n"
        "Agen: Mau lapor ke mana aja silakan Bu, prosesnya memang 14 hari.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert {"curt_language", "tone_shift"} <= codes


# --- 2. A policy, an insurance or an account stopped: a cancellation request ---

STOP_REQUESTS = [
    "Halo, saya mau stop asuransi kesehatan saya mulai bulan depan.",
    "mas tolong hentikan polis saya ya",
    "Saya ingin mengakhiri rekening tabungan ini.",
    "kak mau setop akun premium aku",
]


@pytest.mark.parametrize("text", STOP_REQUESTS)
def test_stopping_a_policy_or_an_account_is_a_cancellation(text: str) -> None:
    # given
    document = f"Pelanggan: {text}\nAgen: Baik, segera kami proses.\n"
    # when
    summary = _analyze(document).summary
    # then
    assert summary.cancellation_request


NOT_STOP_REQUESTS = [
    "Kalau stop polis sekarang, nilai tunainya kembali berapa?",
    "Saya sudah stop asuransi itu tahun lalu, kenapa masih ditagih?",
    "Kartu saya hilang, tolong stop kartunya sekarang.",
]


@pytest.mark.parametrize("text", NOT_STOP_REQUESTS)
def test_a_question_a_report_or_a_lost_card_is_no_cancellation(text: str) -> None:
    # given
    document = f"Pelanggan: {text}\nAgen: Baik, kami cek ya.\n"
    # when
    summary = _analyze(document).summary
    # then
    assert not summary.cancellation_request


# --- 3. The product kept in another form, a pause in the passive: offers ---


def _offer_refused_then(lang: str, text: str) -> str:
    """A cancellation request, a first offer, a refusal and the agent's next turn."""
    if lang == "en":
        return (
            "Customer: I'd like to cancel my gym membership, I'm moving to Bandung.\n"
            "Agent: Sorry to hear that. Would you like a 20% discount for three months?\n"
            "Customer: No, thank you.\n"
            f"Agent: {text}\n"
        )
    return (
        "Pelanggan: saya mau tutup akun saya kak\n"
        "Agen: Yakin Kak? Ada voucher 50 ribu buat Kakak lho.\n"
        "Pelanggan: nggak kak makasih\n"
        f"Agen: {text}\n"
    )


KEPT_ELSEWHERE_OR_PAUSED = [
    ("en", "Would you like to move your membership to another branch in Bandung instead?"),
    ("en", "We could move the line to your new address in Bandung instead."),
    ("en", "Could we deactivate it temporarily instead?"),
    ("id", "Akunnya kami pindahkan ke nomor baru Kakak aja gimana?"),
    ("id", "Akunnya ditangguhkan sementara aja Kak, nanti bisa aktif lagi."),
    ("id", "Mau dinonaktifkan dulu, Kak?"),
    ("id", "Kalau langganannya dipindah ke paket keluarga aja gimana Kak?"),
]


@pytest.mark.parametrize(("lang", "text"), KEPT_ELSEWHERE_OR_PAUSED)
def test_keeping_the_product_elsewhere_or_paused_after_a_refusal_is_a_push(
    lang: str, text: str
) -> None:
    # given
    document = _offer_refused_then(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "push_after_refusal" in codes


NEW_REFUSALS = [
    ("id", "Saya udah mutusin, mbak."),
    ("id", "kagak deh kak"),
    ("id", "ra usah mas"),
    ("id", "pass dulu kak"),
    ("en", "I'll have to decline."),
    ("en", "I'm not changing my mind."),
    ("en", "That doesn't interest me, sorry."),
]


@pytest.mark.parametrize(("lang", "reply"), NEW_REFUSALS)
def test_declining_in_other_words_makes_the_next_offer_a_push(lang: str, reply: str) -> None:
    # given: the first offer declined in other words, then a second offer
    if lang == "en":
        document = (
            "Customer: I'd like to cancel my streaming plan.\n"
            "Agent: Would you like a 20% discount for three months?\n"
            f"Customer: {reply}\n"
            "Agent: We can also give you a free month on us.\n"
        )
    else:
        document = (
            "Pelanggan: mau berhenti langganan kak\n"
            "Agen: Ada diskon 30% 3 bulan kak, mau?\n"
            f"Pelanggan: {reply}\n"
            "Agen: Kalau gitu kami kasih gratis 1 bulan ya kak?\n"
        )
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.first_refusal_turn == 2
    assert "push_after_refusal" in {f.code for f in analysis.findings}


@pytest.mark.parametrize(
    "reply", ["Udah mutusin kak, ambil yang diskon aja.", "kagak apa-apa kak, saya ambil"]
)
def test_deciding_to_take_the_offer_is_no_refusal(reply: str) -> None:
    # given
    document = (
        "Pelanggan: mau berhenti langganan kak\n"
        "Agen: Ada diskon 30% 3 bulan kak, mau?\n"
        f"Pelanggan: {reply}\n"
        "Agen: Siap, diskonnya sudah aktif ya kak. Sekalian mau kami kasih gratis 1 bulan?\n"
    )
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.first_refusal_turn is None
    assert "push_after_refusal" not in {f.code for f in analysis.findings}


NOT_KEPT_OR_PAUSED = [
    ("en", "Understood. I'll transfer you to our cancellations team now."),
    ("en", "Done. Your account is deactivated temporarily and deleted in 30 days."),
    ("id", "Baik Kak, akun akan dinonaktifkan sementara selama proses penghapusan."),
    ("id", "Baik Kak, saldo akan dikembalikan ke rekening lain yang Kakak daftarkan."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_KEPT_OR_PAUSED)
def test_a_hand_over_or_the_procedure_is_no_push(lang: str, text: str) -> None:
    # given
    document = _offer_refused_then(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "push_after_refusal" not in codes


# --- 4. State: greetings, thanks, stickers ---

OPEN_AFTER_GREETING = [
    "Sugeng enjing Mbak 🙏 Stok kebaya brokat tinggal warna hijau, Rp 275.000.",
    "Wilujeng siang Teh, ukuran L masih aya, harga 150 rb.",
]


@pytest.mark.parametrize("text", OPEN_AFTER_GREETING)
def test_a_wish_of_the_time_of_day_opening_information_leaves_the_chat_open(text: str) -> None:
    # given
    document = f"Pembeli: mbak masih ada stok?\nPenjual: {text}\n"
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.conversation_state == "open"
    assert not analysis.findings


CLOSED_BY_AGENT = [
    # a wish of the time of day after a thanks, or alone, still signs off
    "Matur nuwun sanget Bu, sugeng sonten.",
    "Sugeng dalu Mas 🙏",
    "Terima kasih sudah pakai Netku, Pak. Selamat malam!",
    "Terima kasih sudah order di Batik Sekar, Kak Sinta. Selamat siang 🙏",
    "Alah sampai Uni, tarimo kasih yo 🙏 Ditunggu orderan salanjuiknyo!",
    "Siap Kak, ditunggu orderannya lagi ya 😊",
]


@pytest.mark.parametrize("text", CLOSED_BY_AGENT)
def test_farewells_and_closing_thanks_end_the_chat_on_the_agents_side(text: str) -> None:
    # given
    document = f"Pembeli: oke mbak, sudah saya transfer\nPenjual: {text}\n"
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "ended_by_agent"


STILL_OPEN = [
    "Terima kasih sudah menunggu, Kak. Pesanannya kami kirim besok, mau pakai JNE atau J&T?",
    "Siap Kak, ditunggu orderannya ya",
    "Terima kasih Kak. Totalnya Rp 120.000, transfer ke BCA ya.",
]


@pytest.mark.parametrize("text", STILL_OPEN)
def test_a_thanks_before_news_or_an_awaited_order_leaves_the_chat_open(text: str) -> None:
    # given
    document = f"Pembeli: mau pesan 2 ya kak\nPenjual: {text}\n"
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "open"


@pytest.mark.parametrize(
    "closing", ["[stiker jempol]", "[sticker: thumbs up]", "[stiker]", "tarimo kasih uni"]
)
def test_a_sticker_or_a_regional_thanks_closes_on_the_customers_side(closing: str) -> None:
    # given: the agent's information, then the customer's sticker
    document = (
        "Pembeli: paketnya sudah dikirim?\n"
        "Penjual: Sudah Kak, resi JNE 0123456789 🙏\n"
        f"Pembeli: {closing}\n"
    )
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.conversation_state == "ended_by_customer"
    assert not analysis.findings


@pytest.mark.parametrize("last", ["[foto bukti transfer]", "[pesan suara 0:15]"])
def test_a_photo_or_a_voice_note_awaits_the_agent(last: str) -> None:
    # given
    document = "Pembeli: totalnya berapa?\nPenjual: Rp 85.000 Kak, transfer ke BCA ya.\n"
    document += f"Pembeli: {last}\n"
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "open"


# --- 5. A sign-off that reports the request done answered it ---

DONE_THEN_THANKS = [
    ("Customer: Could you just close it?", "Fine, it's closed. Thanks for being with us."),
    ("Customer: Can you refund it today?", "OK, refunded. Thank you for your patience!"),
    ("Pelanggan: bisa langsung dibatalkan?", "Pembatalan sudah kami proses. Terima kasih Kak"),
]


@pytest.mark.parametrize(("question", "reply"), DONE_THEN_THANKS)
def test_a_sign_off_that_reports_the_request_done_cuts_nobody_off(
    question: str, reply: str
) -> None:
    # given
    agent = "Agent" if question.startswith("Customer") else "Agen"
    document = f"{question}\n{agent}: {reply}\n"
    # when
    analysis = _analyze(document)
    # then: ended by the agent, courteously, nobody cut off, nothing curt
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert not analysis.findings


SIGN_OFF_WITHOUT_ANSWER = [
    ("Customer: Why was I charged twice this month?", "Thank you for contacting us. Goodbye!"),
    ("Pelanggan: kapan refund saya masuk?", "Terima kasih telah menghubungi kami. Sampai jumpa!"),
]


@pytest.mark.parametrize(("question", "reply"), SIGN_OFF_WITHOUT_ANSWER)
def test_a_sign_off_that_reports_nothing_still_cuts_the_question_off(
    question: str, reply: str
) -> None:
    # given
    agent = "Agent" if question.startswith("Customer") else "Agen"
    document = f"{question}\n{agent}: {reply}\n"
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" in codes


# --- 6. A menu or a catalogue handed over on asking: the chat awaits the pick ---

HAND_OVERS = [
    (
        "Customer: Could I see your drinks menu?",
        "Agent: Here you go. Let me know if you need anything else.",
    ),
    (
        "Pembeli: kak boleh minta katalognya?",
        "Penjual: Berikut katalognya ya kak, kabari kalau ada yang cocok.",
    ),
    ("Customer: Can you send me the price list again?", "Agent: Sure, here it is! Anything else?"),
]


@pytest.mark.parametrize(("asked", "reply"), HAND_OVERS)
def test_a_menu_handed_over_on_asking_leaves_the_chat_open(asked: str, reply: str) -> None:
    # given
    document = f"{asked}\n{reply}\n"
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "open"


def test_an_offer_of_more_help_after_the_order_still_closes() -> None:
    # given: the order placed, then the same offer of more help
    document = (
        "Customer: A large latte with oat milk, please.\n"
        "Agent: Here you go, your receipt. Let me know if you need anything else.\n"
    )
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "ended_by_agent"
