"""The failure classes part O's tuning share showed (docs/tone-history.md, part-O round), each with
new texts (not the dev set's): the customer told it was said already, sent to read it
or scroll up, belittled or threatened is curt language, and a tone shift after a polite
take-up ("Baik, Pak"); a payment pause is a retention offer; a holding reply with the
address after a comma, or a sign-off template ending on a farewell of the time of day,
cuts the customer's question off; an auto-reply that promises the answer signs nothing
off; a deferral to talk it over, or an apology ending on "oke", closes on the customer's
side; wishes for the customer's new place sign off. Every class comes with near-misses
that must not fire."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _state(document: str) -> str:
    return _analyze(document).summary.conversation_state


def _agent_reply(lang: str, text: str) -> str:
    """A customer's question and the agent's reply."""
    if lang == "en":
        return f"Customer: Where can I find my warranty card?\nAgent: {text}\n"
    return f"Pelanggan: kak kartu garansinya di mana ya?\nAgen: {text}\n"


# --- 1. Told it was said already, sent to look it up, belittled, threatened: curt ---

CURT = [
    # said already, in so many words
    ("id", "Sudah saya jelaskan tiga kali ya Bu, jawabannya tetap sama."),
    ("id", "Udah dibilangin dua kali kak, stoknya kosong."),
    ("id", "Linknya masih nggak dibuka juga, Kak."),
    ("id", "Wis tak jelaske ping telu, Mas, garansine neng kardus."),
    ("en", "Per my previous email, the card is inside the box."),
    ("en", "I don't know how else to explain it to you."),
    ("en", "For the third time, it's inside the box."),
    ("en", "I've answered this twice already."),
    ("en", "I'm not going to repeat myself."),
    ("en", "Obviously you didn't read the leaflet."),
    ("id", "Saya nggak mau jelasin ulang ya Kak."),
    # sent to read it, scroll up, search for it
    ("id", "Baca deskripsi produknya, Kak, semua ada di sana."),
    ("id", "Baca sendiri di halaman bantuan ya."),
    ("id", "Scroll ke atas dong kak, udah aku kirim."),
    ("id", "Google aja kak caranya."),
    ("id", "Kami tidak menjawab pertanyaan yang sama berulang kali."),
    ("id", "Moco dhewe neng buku panduan, Mas."),
    ("en", "Just read the manual."),
    ("en", "Look it up yourself on our website."),
    ("en", "Just scroll up, the link is there."),
    # the customer's care called into question, belittled
    ("id", "Ibu aja yang kurang cermat pas checkout."),
    ("id", "Masa gini aja harus dijelasin lagi, Kak."),
    ("id", "Begitu saja tidak paham."),
    ("id", "Ya iyalah kak, namanya juga barang promo."),
    ("id", "Kitu wae teu ngartos, Teh."),
    ("en", "It's not rocket science, it's in the box."),
    ("en", "How hard is it to open the box?"),
    # rules are rules, ultimatums
    ("id", "Aturan ya aturan, Bu."),
    ("id", "Kalau komplain terus, nomor Kakak kami blokir."),
    ("en", "Rules are rules."),
    ("en", "If you keep sending these messages, we'll block your account."),
    ("id", "Kami tidak akan melayani Bapak lagi."),
    ("en", "We will no longer respond to your messages."),
]


@pytest.mark.parametrize(("lang", "text"), CURT)
def test_said_already_look_it_up_belittling_and_threats_are_curt(lang: str, text: str) -> None:
    # given
    document = _agent_reply(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "curt_language" in codes


NOT_CURT = [
    ("id", "Silakan baca FAQ di website kami untuk info lengkapnya ya Kak 🙏"),
    ("id", "Kode OTP sudah kami kirim dua kali ke nomor Bapak, mohon dicek."),
    ("id", "Kakak juga bisa baca sendiri panduannya di aplikasi, atau saya bantu di sini."),
    ("id", "Seperti yang saya sampaikan tadi, kartunya ada di dalam kardus ya Kak."),
    ("id", "Caranya gitu aja kak, gampang kok 😊"),
    ("id", "Kartu Bapak sudah kami blokir demi keamanan."),
    ("id", "Iya kak, betul, ada di dalam kardus."),
    ("id", "Pesan Kakak masih kami cek juga ya, mohon ditunggu."),
    ("en", "As I mentioned earlier, the card is inside the box."),
    ("en", "Per our policy, warranty claims need the card."),
    ("en", "Please scroll up to see the link I sent 😊"),
    ("en", "It's not hard to set up, I'll guide you step by step."),
    ("en", "Please read the manual's page 4 for the warranty terms."),
    ("en", "We don't answer questions by phone, only by chat, sorry!"),
    ("id", "Mohon maaf, saya tidak akan mengulangi kesalahan ini lagi."),
    ("id", "Pesanan di atas jam 9 malam tidak akan kami layani hari itu ya Kak."),
    ("id", "Kalau kartunya hilang, langsung kami blokir ya Pak, demi keamanan."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_CURT)
def test_polite_referrals_and_reports_are_not_curt(lang: str, text: str) -> None:
    # given
    document = _agent_reply(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "curt_language" not in codes
    assert "tone_shift" not in codes


@pytest.mark.parametrize(
    "opening",
    ["Baik, Pak Budi. Pesanan sudah kami kirim kemarin.", "Sure, sir. Your order shipped."],
)
def test_curt_after_a_take_up_with_the_address_is_a_tone_shift(opening: str) -> None:
    # given: the first reply takes the request up with the customer's address
    document = (
        "Pelanggan: Pesanan saya sudah dikirim?\n"
        f"Agen: {opening}\n"
        "Pelanggan: Resinya di mana ya?\n"
        "Agen: Masa gitu aja nggak tahu, ada di aplikasi.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert {"curt_language", "tone_shift"} <= codes


def test_curt_after_a_bare_take_up_is_no_tone_shift() -> None:
    # given: "Baik." with no address and no other polite cue
    document = (
        "Pelanggan: Pesanan saya sudah dikirim?\n"
        "Agen: Baik. Pesanan sudah dikirim kemarin.\n"
        "Pelanggan: Resinya di mana ya?\n"
        "Agen: Masa gitu aja nggak tahu, ada di aplikasi.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "curt_language" in codes
    assert "tone_shift" not in codes


# --- 2. A payment paused after a refusal: a push ---

PAUSES = [
    ("id", "Atau Ibu bisa libur iuran dua bulan dulu?"),
    ("id", "Kalau mau, cuti pembayaran 3 bulan juga bisa, Bu."),
    ("en", "Or you could take a premium holiday for three months."),
    ("en", "We could let you skip the next payment instead."),
]


@pytest.mark.parametrize(("lang", "offer"), PAUSES)
def test_a_payment_paused_after_a_refusal_is_a_push(lang: str, offer: str) -> None:
    # given
    if lang == "en":
        document = (
            "Customer: I want to cancel my gym membership.\n"
            "Agent: Before you go, we can give you 30% off next month.\n"
            "Customer: No thanks, please just cancel it.\n"
            f"Agent: {offer}\n"
        )
    else:
        document = (
            "Pelanggan: Saya mau berhenti langganan gym.\n"
            "Agen: Sebelum itu, ada diskon 30% untuk bulan depan, Bu.\n"
            "Pelanggan: Nggak usah, berhenti saja.\n"
            f"Agen: {offer}\n"
        )
    # when
    codes = _codes(document)
    # then
    assert "push_after_refusal" in codes


def test_a_payment_stopped_as_asked_is_no_push() -> None:
    # given
    document = (
        "Pelanggan: Saya mau berhenti langganan gym.\n"
        "Agen: Sebelum itu, ada diskon 30% untuk bulan depan, Bu.\n"
        "Pelanggan: Nggak usah, berhenti saja.\n"
        "Agen: Baik Bu, pembayaran iuran bulan depan sudah kami hentikan.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "push_after_refusal" not in codes


# --- 3. Holding replies and sign-off templates that leave the question open ---


@pytest.mark.parametrize(
    ("question", "reply", "event"),
    [
        ("Kartunya bisa diambil besok?", "Sebentar ya, Kak.", "[Chat ditutup oleh agen]"),
        ("Can I pick it up tomorrow?", "One moment, sir.", "[Chat closed by agent]"),
        ("Bisa dikirim hari ini?", "Tunggu dulu, Bu.", "[Chat ditutup oleh agen]"),
    ],
)
def test_a_holding_reply_with_the_address_after_a_comma_cuts_off(
    question: str, reply: str, event: str
) -> None:
    # given
    document = f"Pelanggan: {question}\nAgen: {reply}\n{event}\n"
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" in codes
    assert "no_courteous_closure" not in codes


@pytest.mark.parametrize(
    "sign_off",
    [
        "Terima kasih telah menghubungi Layanan Pajak Daerah Sukamaju. Selamat sore.",
        "Thank you for contacting Northwind Customer Care. Good afternoon.",
    ],
)
def test_a_sign_off_template_ending_on_a_farewell_cuts_the_question_off(sign_off: str) -> None:
    # given: the only reply to the question is a sign-off of more than eight words
    document = f"Pelanggan: Kalau telat bayar dendanya berapa?\nAgen: {sign_off}\n"
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert "customer_cut_off" in {f.code for f in analysis.findings}


def test_a_sign_off_after_the_answer_and_the_thanks_cuts_nobody_off() -> None:
    # given
    document = (
        "Pelanggan: Kalau telat bayar dendanya berapa?\n"
        "Agen: Dendanya 2% per bulan, Bu.\n"
        "Pelanggan: Oh oke, makasih.\n"
        "Agen: Terima kasih telah menghubungi Layanan Pajak Daerah Sukamaju. Selamat sore.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" not in codes


# --- 4. State: auto-replies, deferrals, apologies with an ack, wishes for a new place ---


@pytest.mark.parametrize(
    "auto_reply",
    [
        "Terima kasih telah menghubungi Toko Sinar. Kami akan membalas pesan Anda secepatnya.",
        "Thanks for contacting Harbor Inn! We will reply to your message shortly.",
        "Halo, terima kasih telah menghubungi kami. Pesan Anda sudah kami terima.",
    ],
)
def test_an_auto_reply_before_the_answer_signs_nothing_off(auto_reply: str) -> None:
    # given: the auto-reply, then a price list awaiting the customer's pick
    document = (
        "Pelanggan: Harga kamar untuk dua orang berapa?\n"
        f"Agen: {auto_reply}\n"
        "Agen: Standard Rp500.000, Deluxe Rp750.000 per malam.\n"
    )
    # when
    state = _state(document)
    # then
    assert state == "open"


@pytest.mark.parametrize(
    "last",
    [
        "Oke, nanti saya diskusikan dulu sama suami ya",
        "Sip, aku pikir-pikir dulu kak",
        "Alright, I'll talk it over with my wife first",
        "OK, I'll think about it",
        "maaf kak, aku salah baca. oke",
        "Sorry, I missed that. OK",
    ],
)
def test_a_deferral_or_an_apology_ending_on_an_ack_closes(last: str) -> None:
    # given
    document = (
        "Pelanggan: Paket keluarga harganya berapa?\n"
        "Agen: Paket keluarga Rp450.000 per bulan untuk 4 orang.\n"
        f"Pelanggan: {last}\n"
    )
    # when
    state = _state(document)
    # then
    assert state == "ended_by_customer"


@pytest.mark.parametrize(
    "last",
    [
        "Maaf, pelayanannya kurang baik.",
        "Let me check my account number",
        "Maaf kak, kalau yang bulanan gimana?",
    ],
)
def test_a_complaint_a_step_to_come_or_a_question_stays_open(last: str) -> None:
    # given
    document = (
        "Pelanggan: Paket keluarga harganya berapa?\n"
        "Agen: Paket keluarga Rp450.000 per bulan untuk 4 orang.\n"
        f"Pelanggan: {last}\n"
    )
    # when
    state = _state(document)
    # then
    assert state == "open"


@pytest.mark.parametrize(
    "reply",
    [
        "Muhun, parantos diproses. Hatur nuhun, wilujeng di bumi anyar, Kang.",
        "Sudah kami proses ya Kak. Selamat menempati rumah baru!",
    ],
)
def test_wishes_for_the_new_place_sign_off(reply: str) -> None:
    # given
    document = f"Pelanggan: Saya pindah rumah, tolong stop langganan internetnya.\nAgen: {reply}\n"
    # when
    state = _state(document)
    # then
    assert state == "ended_by_agent"


def test_a_welcome_in_sundanese_is_no_sign_off() -> None:
    # given: "wilujeng sumping" greets, and the agent asks
    document = (
        "Pelanggan: Punten, bade naros paket internet.\n"
        "Agen: Wilujeng sumping, Kang. Bade paket nu mana?\n"
    )
    # when
    state = _state(document)
    # then
    assert state == "open"
