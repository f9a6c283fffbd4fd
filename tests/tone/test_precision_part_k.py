"""The failure classes part K's tuning share showed (docs/tone-history.md, part-K round), each with
new texts (not the dev set's): offers pushed after a refusal that named the offered thing or
followed a "putus" request, curt words of the WhatsApp register and a shift after friendly
emoji, a customer left after a holding reply, and a live wait that is no sign-off."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


# --- 1. Pushes: a refusal naming the offered thing, a "putus" request ---

PUSH_AFTER_NAMED_REFUSAL = [
    (
        "Customer: Please cancel my hotel booking for the 12th.\n"
        "Agent: I understand. Instead, we can offer you a credit of $150 for a future stay.\n"
        "Customer: I'd like my money back, not a credit.\n"
        "Agent: The credit is really the better option, and we'd add a free breakfast on top.\n"
    ),
    (
        "Pelanggan: kak tolong batalkan pesanan tiket konser saya\n"
        "Agen: Baik kak. Sebagai gantinya kami bisa kasih voucher 150rb ya kak\n"
        "Pelanggan: refund aja kak, bukan voucher\n"
        "Agen: Vouchernya kami naikkan jadi 200rb kak, plus gratis ongkir\n"
    ),
    (
        "Customer: I want to cancel my gym membership.\n"
        "Agent: We can offer you a free month of personal training if you stay.\n"
        "Customer: I don't want the training sessions, just cancel.\n"
        "Agent: How about a discount of 30% for the next six months instead?\n"
    ),
]
PUTUS_PUSH = (
    "Pelanggan: sore kak, saya mau putus nomor pascabayar saya\n"
    "Agen: Sore Bu. Sebelum diputus, kami ada penawaran: abonemen turun jadi 60rb. Mau Bu?\n"
    "Pelanggan: nggak kak, putus aja\n"
    "Agen: Kalau Ibu bertahan, 2 bulan ke depan gratis abonemen Bu\n"
)


@pytest.mark.parametrize("document", PUSH_AFTER_NAMED_REFUSAL)
def test_an_offer_after_a_refusal_that_names_the_offered_thing_is_a_push(document: str) -> None:
    assert "push_after_refusal" in _codes(document)


def test_an_offer_after_a_putus_request_and_its_refusal_is_a_push() -> None:
    assert "push_after_refusal" in _codes(PUTUS_PUSH)


OFFER_WORDINGS = [
    ("en", "You'd be giving up your gold status, are you certain?"),
    ("en", "We can give you double miles on your next two trips if you keep the reservation."),
    ("id", "Kami sarankan tetap langganan kak, nanti dapat kuota tambahan 5GB tiap bulan"),
    ("id", "Mending jadi saldo aja kak, nanti dapet tambahan 10%"),
]


def _after_a_refusal(lang: str, offer: str) -> str:
    if lang == "en":
        return (
            "Customer: Please cancel my membership.\n"
            "Agent: Before that, we can offer you 20% off for 3 months.\n"
            "Customer: No thanks, please cancel it.\n"
            f"Agent: {offer}\n"
        )
    return (
        "Pelanggan: kak saya mau berhenti langganan\n"
        "Agen: Sebelumnya, kami bisa kasih diskon 20% 3 bulan kak\n"
        "Pelanggan: nggak kak makasih, berhenti aja\n"
        f"Agen: {offer}\n"
    )


@pytest.mark.parametrize(("lang", "offer"), OFFER_WORDINGS)
def test_a_loss_a_bonus_or_more_given_after_a_refusal_is_a_push(lang: str, offer: str) -> None:
    assert "push_after_refusal" in _codes(_after_a_refusal(lang, offer))


INFORMATION_AFTER_DONE = [
    ("en", "Done, cancelled. You'd be losing access on the 31st, so save your files."),
    ("en", "I've cancelled it. Are you certain the refund card is the one ending in 42?"),
    ("id", "Sudah kami batalkan ya kak. Poin kakak akan hangus akhir bulan ini"),
    ("id", "Baik kak, bulan ini ada tambahan biaya admin 5rb ya, dapat tambahan biaya itu"),
]


@pytest.mark.parametrize(("lang", "text"), INFORMATION_AFTER_DONE)
def test_a_loss_or_a_fee_told_after_the_cancellation_is_done_is_no_push(
    lang: str, text: str
) -> None:
    assert "push_after_refusal" not in _codes(_after_a_refusal(lang, text))


def test_a_question_about_the_offered_thing_is_no_refusal() -> None:
    # given (the customer asks about the offer, then takes it: nothing is pushed)
    document = (
        "Customer: I want to cancel my flight booking.\n"
        "Agent: We can offer you a voucher worth 120% of the fare instead.\n"
        "Customer: Is that not a voucher that expires in a month?\n"
        "Agent: It is valid for 12 months, and we'd add 500 bonus miles.\n"
        "Customer: ok I'll take it\n"
    )
    # then
    assert "push_after_refusal" not in _codes(document)


def test_putus_about_a_relationship_or_a_news_item_is_no_cancellation() -> None:
    # given
    document = (
        "Pelanggan: kak jaringan di rumah saya sering putus, kenapa ya?\n"
        "Agen: Mohon maaf kak, sedang ada gangguan di area kakak.\n"
    )
    # then
    assert not _analyze(document).summary.cancellation_request


# --- 2. Curt words of the WhatsApp register; a shift after friendly emoji ---

CURT_TEXTS = [
    "Ya udah sih, tunggu aja kak. Bukan cuma kakak yang nunggu",
    "Jangan cerewet dong kak, pesanannya lagi diproses",
    "Kakak rewel banget sih, sabar",
    "Stop nagging, the parcel will come when it comes.",
]


@pytest.mark.parametrize("text", CURT_TEXTS)
def test_a_dismissal_or_calling_the_customer_fussy_is_curt(text: str) -> None:
    # given
    document = f"Pelanggan: kak paket saya kapan sampai?\nAgen: {text}\n"
    # then
    assert "curt_language" in _codes(document)


def test_the_agent_calling_itself_fussy_or_ya_sudah_inside_a_sentence_is_not_curt() -> None:
    # given
    document = (
        "Pelanggan: kak harga promo sampai kapan?\n"
        "Agen: Maaf ya kak saya bawel nanya terus 🙏 promonya sampai Minggu, "
        "Senin harga ya sudah normal lagi\n"
    )
    # then
    assert "curt_language" not in _codes(document)


def test_curt_words_after_friendly_emoji_earlier_are_a_tone_shift() -> None:
    # given (no please or thanks earlier: a smile and an honorific only)
    document = (
        "Pelanggan: kak sepatu yg hitam size 40 ada?\n"
        "Agen: Ada kak 🙂 harga 320rb\n"
        "Pelanggan: bisa kurang gk kak\n"
        "Pelanggan: kak? bisa nego gk\n"
        "Agen: Kan sudah saya bilang harga pas. Baca dong deskripsinya\n"
    )
    # then
    assert {"tone_shift", "curt_language"} <= _codes(document)


def test_an_agent_curt_from_the_start_has_no_tone_shift() -> None:
    # given
    document = (
        "Pelanggan: kak sepatu yg hitam size 40 ada?\n"
        "Agen: Baca dong deskripsinya\n"
        "Pelanggan: oh iya maaf\n"
        "Agen: Kan sudah saya bilang di deskripsi 🙂\n"
    )
    # then
    assert "tone_shift" not in _codes(document)


# --- 3. A holding reply and the end: the customer is cut off ---


def test_a_complaint_left_after_a_holding_reply_and_the_agent_ending_is_a_cut_off() -> None:
    # given (a complaint in question form without its "?")
    document = (
        "Agen: Customer service PLN, dengan Dewi, ada yang bisa dibantu?\n"
        "Pelanggan: Mbak, token listrik saya kok habis cepat banget minggu ini, padahal "
        "nggak ada yang pakai\n"
        "Agen: Tunggu ya.\n"
        "[panggilan diakhiri oleh agen]\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" in codes
    assert "no_courteous_closure" not in codes


def test_a_holding_reply_after_the_customer_closed_cuts_nobody_off() -> None:
    # given
    document = (
        "Pelanggan: Sudah ya mbak, makasih\nAgen: Sebentar ya.\n[panggilan diakhiri oleh agen]\n"
    )
    # then
    assert "customer_cut_off" not in _codes(document)


# --- 4. A live wait or a hand-over last: the chat still awaits ---

LIVE_WAITS = [
    (
        "Agen: Baik Pak, semoga lekas pulih ya. Saya sambungkan ke tim klaim kami\n"
        "Agen: Mohon ditunggu sebentar ya Pak\n"
    ),
    "Agent: Happy holidays! I'm transferring you to our billing team now.\n",
    "Agent: Thanks for your patience, all the best. Please hold while I check.\n",
]


@pytest.mark.parametrize("tail", LIVE_WAITS)
def test_a_live_wait_last_keeps_the_chat_open_whatever_wishes_came_before(tail: str) -> None:
    # given
    document = "Pelanggan: mau klaim rawat jalan\n" + tail
    # then
    assert _analyze(document).summary.conversation_state == "open"


def test_a_sign_off_with_a_wait_for_a_delivery_still_ends_the_chat() -> None:
    # given
    document = (
        "Pelanggan: oke kak makasih\n"
        "Agen: Sama-sama kak, paketnya sebentar lagi dikirim ya, ditunggu 🙏\n"
    )
    # then
    assert _analyze(document).summary.conversation_state == "ended_by_agent"


def test_a_shipping_queue_after_a_welcome_is_no_live_wait() -> None:
    # given
    document = (
        "Pelanggan: oke kak makasih\n"
        "Agen: Sama-sama kak, pesanan sudah masuk antrean pengiriman, dikirim besok 🙏\n"
    )
    # then
    assert _analyze(document).summary.conversation_state == "ended_by_agent"


# --- A wish of a good time ahead, in whatever words, closes; what someone has does not ---


@pytest.mark.parametrize(
    "wish", ["Have a fab-u-lous weekend!", "Have a super relaxing evening :)", "Have an epic trip!"]
)
def test_a_wish_of_a_good_time_ahead_in_any_words_ends_the_chat(wish: str) -> None:
    document = (
        "Customer: Can I get two lattes to go?\n"
        f"Agent: Sure, two lattes coming up in five minutes. {wish}\n"
    )
    assert _analyze(document).summary.conversation_state == "ended_by_agent"


@pytest.mark.parametrize(
    "information",
    [
        "We have a public holiday on Monday, so it ships on Tuesday.",
        "I have a late shift today; my colleague will follow up tomorrow morning?",
    ],
)
def test_what_someone_has_is_no_wish(information: str) -> None:
    document = f"Customer: When will my order ship?\nAgent: {information}\n"
    assert _analyze(document).summary.conversation_state == "open"
