"""The failure classes part M's tuning share showed (docs/tone-history.md, part-M round), each with
new texts (not the dev set's): a bare acknowledgement or a promised check before the end
event, after a question "ok" cannot answer, cuts the customer off; a sign-off that opens
with the answer (a when, a day, a number) answered; a new question after a thanks, with a
reason after it, is still open when a sign-off template follows; telling the customer off
for asking (Indonesian, Sundanese, English) is curt; Sundanese cancellation requests and
offers, and a hyphenated "no-fee" offer; a closing thanks that ends on the customer's name,
or on what the customer did and a farewell of the time of day, signs off. Every class comes
with near-misses that must not fire."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _ended_after(question: str, reply: str) -> str:
    """The customer's question, the agent's reply and the agent's end event."""
    agent = "Agent" if question.startswith("Customer") else "Agen"
    event = "[Chat ended by agent]" if agent == "Agent" else "[Chat diakhiri oleh agen]"
    return f"{question}\n{agent}: {reply}\n{event}\n"


def _agent_reply(lang: str, text: str) -> str:
    """A customer's nudge and the agent's reply."""
    if lang == "en":
        return f"Customer: Any news on my order?\nAgent: {text}\n"
    return f"Pelanggan: kak gimana?\nAgen: {text}\n"


def _after_ok(text: str) -> str:
    """The customer's "ok" and the agent's message (written with its speaker)."""
    customer = "Customer: ok" if text.startswith("Agent") else "Pelanggan: oke"
    return f"{customer}\n{text}\n"


# --- 1. A bare acknowledgement or a promised check, then the end event ---

ACK_OR_CHECK_THEN_END = [
    ("Pelanggan: kak paketnya dikirim pakai kurir apa? resinya mana", "Oke kak."),
    ("Pelanggan: min refundnya masuk ke rekening atau ke saldo aplikasi?", "Baik."),
    ("Pelanggan: teknisi datangnya jam berapa kak?", "Noted kak"),
    ("Pelanggan: kak hoodie-nya ready warna apa aja?", "Ok noted kak 🙏"),
    ("Customer: When will the technician come, morning or afternoon?", "Noted."),
    ("Customer: Which branch can I pick the new card up from?", "Ok, got it."),
    ("Pelanggan: kak, ongkir ke Bandung berapa ya?", "Kami cek dulu ya kak"),
    ("Pelanggan: jadwal servisnya bisa hari apa aja?", "Diperiksa dulu."),
    ("Customer: Why was I charged twice this month?", "Let me check."),
    ("Customer: Where is my parcel now?", "I'll look into it."),
]


@pytest.mark.parametrize(("question", "reply"), ACK_OR_CHECK_THEN_END)
def test_an_acknowledgement_or_a_check_before_the_end_cuts_the_question_off(
    question: str, reply: str
) -> None:
    # given
    document = _ended_after(question, reply)
    # when
    codes = _codes(document)
    # then: one ending finding, the cut-off
    assert "customer_cut_off" in codes
    assert "no_courteous_closure" not in codes


ACK_THAT_CUTS_NOBODY_OFF = [
    # "ok" answers a yes/no question
    ("Pelanggan: Bisa bayar di tempat kak?", "Oke."),
    ("Pelanggan: Pesanan saya sudah dikirim atau belum?", "Oke kak."),
    ("Customer: Can I pick it up tomorrow?", "Sure."),
    # the customer had closed
    ("Pelanggan: Oke makasih kak, kapan-kapan saya order lagi", "Oke."),
    # the reply reports the check done, or answers
    ("Pelanggan: kak ongkirnya berapa?", "Sudah dicek kak, 15 ribu."),
    ("Pelanggan: kapan sampainya kak?", "Oke kak, besok sampai."),
]


@pytest.mark.parametrize(("question", "reply"), ACK_THAT_CUTS_NOBODY_OFF)
def test_an_acknowledgement_after_a_yes_no_question_or_a_close_cuts_nobody_off(
    question: str, reply: str
) -> None:
    # given
    document = _ended_after(question, reply)
    # then
    assert "customer_cut_off" not in _codes(document)


# --- 2. A sign-off that opens with the answer answered ---

ANSWER_THEN_THANKS = [
    "Pelanggan: kak kapan barangnya sampai?\nAgen: Besok siang kak. Terima kasih 🙏\n",
    "Pelanggan: iraha dugi na kang?\nAgen: Enjing, hatur nuhun.\n",
    "Customer: When is the refund due?\nAgent: Friday. Thank you!\n",
    "Customer: How many days does delivery take?\nAgent: 3 working days. Thanks, take care!\n",
    "Pelanggan: tokonya buka jam berapa kak?\nAgen: Jam 9 kak. Makasih ya 😊\n",
]


@pytest.mark.parametrize("document", ANSWER_THEN_THANKS)
def test_a_sign_off_opening_with_the_answer_cuts_nobody_off(document: str) -> None:
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert "customer_cut_off" not in {f.code for f in analysis.findings}


SIGN_OFF_WITHOUT_ANSWER = [
    "Pelanggan: kak kapan barangnya sampai?\nAgen: Terima kasih kak, sampai jumpa.\n",
    "Customer: When is the refund due?\nAgent: Thanks, goodbye!\n",
]


@pytest.mark.parametrize("document", SIGN_OFF_WITHOUT_ANSWER)
def test_a_short_sign_off_without_the_answer_still_cuts_off(document: str) -> None:
    assert "customer_cut_off" in _codes(document)


# --- 3. A new question after a thanks, a reason after it, then a sign-off template ---

QUESTION_AFTER_THANKS = [
    (
        "Customer: Perfect, thank you. One more thing, could you also send the invoice to my "
        "work email? My manager needs it.\n"
        "Agent: Thank you for contacting us! Have a lovely day. 🙂\n"
    ),
    (
        "Pelanggan: Oke makasih kak. Satu lagi, bisa dikirim ke alamat kantor? Soalnya saya "
        "di kantor sampai sore.\n"
        "Agen: Terima kasih sudah berbelanja di toko kami, semoga harinya menyenangkan 🙏\n"
    ),
    (
        "Customer: Thanks for sorting that. Also, can I move the delivery to Saturday? I won't "
        "be home on Friday.\n"
        "Agent: Thanks for chatting with us today! Take care.\n"
    ),
]


@pytest.mark.parametrize("document", QUESTION_AFTER_THANKS)
def test_a_sign_off_template_after_a_new_question_cuts_it_off(document: str) -> None:
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert "customer_cut_off" in {f.code for f in analysis.findings}


QUESTION_CLOSED_OR_ANSWERED = [
    # the customer thanked after the question
    (
        "Customer: Can I move the delivery to Saturday? Never mind, thanks anyway!\n"
        "Agent: Thank you for contacting us! Have a lovely day.\n"
    ),
    # the agent answered first
    (
        "Customer: Thanks. Also, can I move the delivery to Saturday? I'm away on Friday.\n"
        "Agent: Yes, done, Saturday it is. Thank you for contacting us!\n"
    ),
    # the sign-off carries the information
    (
        "Customer: Thanks. Also, can I move the delivery to Saturday? I'm away on Friday.\n"
        "Agent: Your slot is now Saturday 9 to 12. Thank you for contacting us!\n"
    ),
]


@pytest.mark.parametrize("document", QUESTION_CLOSED_OR_ANSWERED)
def test_a_question_withdrawn_or_answered_is_not_cut_off(document: str) -> None:
    assert "customer_cut_off" not in _codes(document)


# --- 4. Telling the customer off for asking is curt ---

TELLING_OFF = [
    ("id", "Sabar dong kak, pesanan lagi banyak."),
    ("id", "Gak usah chat terus kak, nanti juga dibalas."),
    ("id", "Jangan spam dong kak."),
    ("id", "Ibu jangan telpon tiap jam dong, kami juga kerja."),
    ("id", "Kami bukan ngurusin Bapak doang."),
    ("id", "Kakak bukan satu-satunya pelanggan di sini."),
    ("id", "Saya capek jelasin hal yang sama ke kakak."),
    ("id", "Pan tos dicarioskeun, resina nu eta."),
    ("id", "Teteh nu teu ngartos, sanes abdi nu lepat."),
    ("id", "Tos dibejakeun ti tadi a."),
    ("id", "Baca deui wae chat na, teh."),
    ("en", "That's not our problem."),
    ("en", "Not our concern, talk to the courier."),
    ("en", "Please stop messaging us every hour."),
    ("en", "You're not our only customer, you know."),
    ("en", "I'm tired of explaining this."),
]


@pytest.mark.parametrize(("lang", "text"), TELLING_OFF)
def test_telling_the_customer_off_is_curt(lang: str, text: str) -> None:
    # given
    document = _agent_reply(lang, text)
    # then
    assert "curt_language" in _codes(document)


NOT_TELLING_OFF = [
    ("id", "Sabar ya kak, pesanan sedang dikemas 🙏"),
    ("id", "Ibu jangan khawatir terus ya, paketnya aman."),
    ("id", "Jangan ragu tanya terus ya kak kalau ada yang bingung"),
    ("id", "Kakak nggak usah telpon lagi, sudah kami proses ya"),
    ("id", "Maaf ya kak bikin kakak capek jawab pertanyaan kami 🙏"),
    ("id", "Bukan masalah kok kak, saya bantu cek"),
    ("id", "Jangan spam klik tombol bayar ya kak, nanti tagihannya dobel"),
    ("id", "Tos dikirim kamari, punten telat infona."),
    ("id", "Punten, parantos dijelaskeun di halaman produk nya teh."),
    ("id", "Mangga dibaca deui syarat na, teh."),
    ("en", "It's not your problem, we'll sort it out."),
    ("en", "Don't worry, it's not your fault."),
    ("en", "No problem at all, I'll check for you."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_TELLING_OFF)
def test_reassurance_and_information_are_not_curt(lang: str, text: str) -> None:
    # given
    document = _agent_reply(lang, text)
    # then
    assert "curt_language" not in _codes(document)


def test_telling_off_after_polite_turns_is_a_tone_shift() -> None:
    # given
    document = (
        "Pelanggan: kak pesanan saya kapan dikirim?\n"
        "Agen: Mohon maaf kak, sedang kami proses ya 🙏\n"
        "Pelanggan: kak?? udah 3 hari\n"
        "Agen: Sabar dong kak, kami bukan ngurusin kakak doang.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert {"curt_language", "tone_shift"} <= codes


# --- 5. Sundanese cancellation requests and offers; a hyphenated "no-fee" offer ---

SUNDANESE_REQUESTS = [
    "kang, paket internet abdi eureunkeun nya ti bulan payun",
    "teh, langganan koran abdi hoyong dibolaykeun",
    "polis asuransi abdi bade dibolaykeun teh",
]


@pytest.mark.parametrize("text", SUNDANESE_REQUESTS)
def test_a_sundanese_request_with_the_product_first_is_a_cancellation(text: str) -> None:
    # given
    document = f"Pelanggan: {text}\nAgen: Mangga, urang bantosan\n"
    # then
    assert _analyze(document).summary.cancellation_request


SUNDANESE_NOT_REQUESTS = [
    "langganan abdi tos dieureunkeun kamari tapi masih ditagih",
    "paket abdi ulah dieureunkeun nya, masih dianggo",
    "langganan abdi moal dieureunkeun, ngan bade naros tagihan",
]


@pytest.mark.parametrize("text", SUNDANESE_NOT_REQUESTS)
def test_a_sundanese_report_or_negation_is_no_cancellation(text: str) -> None:
    # given
    document = f"Pelanggan: {text}\nAgen: Mangga, urang bantosan\n"
    # then
    assert not _analyze(document).summary.cancellation_request


def test_sundanese_offers_after_a_refusal_are_a_push() -> None:
    # given
    document = (
        "Pelanggan: teh, paket internet abdi eureunkeun nya, tos ngalih ka kos\n"
        "Agen: Oh kitu teh. Upami diganti janten paket hemat kumaha?\n"
        "Pelanggan: teu kedah teh, hatur nuhun. eureunkeun wae\n"
        "Agen: Kumaha upami sasih payun gratis heula?\n"
        "Pelanggan: henteu teh\n"
    )
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.pushes_after_refusal == 1
    assert "push_after_refusal" in {f.code for f in analysis.findings}


def test_a_sundanese_request_honoured_without_offers_is_no_push() -> None:
    # given
    document = (
        "Pelanggan: teh, paket internet abdi eureunkeun nya\n"
        "Agen: Mangga teh, tos dieureunkeun. Hatur nuhun tos langganan salami ieu 🙏\n"
    )
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.retention_offers == ()
    assert analysis.summary.conversation_state == "ended_by_agent"


def test_a_hyphenated_no_fee_product_offered_then_declined_makes_the_next_offer_a_push() -> None:
    # given
    document = (
        "Customer: I'd like to close my credit card, please.\n"
        "Agent: Of course. Before I do, our no-fee Classic card keeps your credit line open. "
        "Interested?\n"
        "Customer: I'd rather not. Please close it.\n"
        "Agent: I could add 5,000 bonus points if you stay another month.\n"
        "Customer: No.\n"
    )
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.pushes_after_refusal == 1


# --- 6. A closing thanks ending on the customer's name or a farewell of the time of day ---

CLOSING_THANKS = [
    "Agen: Baik Bu, tiketnya sudah kami buat. Terima kasih Bu Sari.",
    "Agen: Pesanan sudah dikirim. Terima kasih sudah order di Toko Rina, selamat sore Kak Dewi.",
    "Agen: Permintaan sudah kami catat. Terima kasih sudah menggunakan NusaNet, selamat malam.",
    "Agent: Your refund is on its way. Thank you, Mrs Tan.",
    "Agen: Mangga, pesenan tos dikirim. Hatur nuhun tos balanja di urang salami ieu 🙏",
]


@pytest.mark.parametrize("text", CLOSING_THANKS)
def test_a_closing_thanks_with_the_name_or_a_farewell_ends_the_chat(text: str) -> None:
    # given
    document = _after_ok(text)
    # then
    assert _analyze(document).summary.conversation_state == "ended_by_agent"


THANKS_OPENING_MORE = [
    "Agen: Terima kasih Pak Andi, boleh minta nomor KTP-nya?",
    "Agen: Terima kasih Bu Sari, pesanan akan kami kirim besok pagi",
    "Agen: Terima kasih sudah menunggu, selamat malam Pak, paketnya kami kirim besok",
    "Agent: Thank you, Mrs Tan, your order ships on Monday",
]


@pytest.mark.parametrize("text", THANKS_OPENING_MORE)
def test_a_thanks_opening_a_question_or_news_leaves_the_chat_open(text: str) -> None:
    # given
    document = _after_ok(text)
    # then
    assert _analyze(document).summary.conversation_state == "open"


def _after_a_yes(offer: str) -> str:
    """A cancellation request, an "are you sure", the customer's yes and ``offer``."""
    return (
        "Customer: Please cancel my plan.\n"
        "Agent: Are you sure? You'd lose your points.\n"
        "Customer: Yes, I'm sure. Cancel it.\n"
        f"Agent: {offer}\n"
    )


def test_a_no_fee_plan_offered_after_the_yes_is_a_push() -> None:
    assert "push_after_refusal" in _codes(
        _after_a_yes("We could move you to our no-fee basic plan instead?")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Done, it's a no-fee cancellation since you're in the first month. Thank you!",
        "Done. There's no fee to cancel in the first month. Thank you!",
        "Done, and there are no fees for closing it early. Take care!",
    ],
)
def test_no_fee_for_leaving_helps_the_customer_leave_and_is_no_push(text: str) -> None:
    assert "push_after_refusal" not in _codes(_after_a_yes(text))
