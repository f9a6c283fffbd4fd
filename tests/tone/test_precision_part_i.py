"""The failure classes of the part-I round (docs/tone-history.md), each with new texts (not the dev
set's): policy questions against requests in polite question form, cooperative
acknowledgements, closings, and retention offers and refusals in new wording."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


# --- 1. A question about the cancellation policy or procedure is no request ---


@pytest.mark.parametrize(
    "question",
    [
        "Berapa lama proses pembatalan kartu?",
        "Kalau mau cancel prosedurnya gimana?",
        "Does cancelling my plan affect my points?",
        "Mau nanya dong, pembatalan tiket pesawat bisa full refund ga?",
        "Kak kalo mau cancel langganan caranya gimana ya?",
        "Will cancelling the order affect my voucher?",
        "Quick question about cancelling - do I get the deposit back?",
        "Saya mau tanya soal cancel reservasi, kena denda nggak?",
        "How long does cancelling a card take?",
        "How do I cancel if I change my mind later?",
    ],
)
def test_a_policy_question_is_no_cancellation_request(question: str) -> None:
    # given
    document = f"Customer: {question}\nAgent: Let me check that for you.\n"
    # when
    summary = _analyze(document).summary
    # then
    assert summary.cancellation_request is False


def test_a_policy_question_followed_by_information_and_a_no_raises_no_push() -> None:
    # given: the agent mentions perks while answering; the customer's "no" refuses nothing
    document = (
        "Customer: Hi, will cancelling my membership affect my reward points?\n"
        "Agent: If you cancel, the 4,100 points would be forfeited. You can also pause it.\n"
        "Customer: No, I'm staying, I was only curious.\n"
        "Agent: Sure! Members also get free shipping this month.\n"
        "Customer: thanks\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "push_after_refusal" not in codes


@pytest.mark.parametrize(
    "request_text",
    [
        "Apa bisa saya tutup rekening saya minggu ini?",
        "Kak, mohon dibatalkan ya pesanan saya",
        "tolong di-cancel aja ya kak order saya",
        "mohon dinonaktifkan ya kartu saya",
        "I wanted to ask if you could cancel my plan?",
        "Batalin aja kak pesanan saya",
    ],
)
def test_a_request_in_polite_question_form_is_a_cancellation_request(request_text: str) -> None:
    # given
    document = f"Customer: {request_text}\nAgent: Let me check that for you.\n"
    # when
    summary = _analyze(document).summary
    # then
    assert summary.cancellation_request is True


@pytest.mark.parametrize(
    "request_text",
    [
        "Kak aku mau berhenti langganan ya, caranya gimana?",
        "Saya mau cancel, prosedurnya gimana?",
        "Cancel my plan, how long until the refund?",
        "Please cancel my card. Will it affect my points?",
    ],
)
def test_a_stated_request_with_a_procedure_question_stays_a_request(request_text: str) -> None:
    # given: a guard for the policy-question rule (the wish or the imperative is stated)
    document = f"Customer: {request_text}\nAgent: Let me check that for you.\n"
    # when
    summary = _analyze(document).summary
    # then
    assert summary.cancellation_request is True


def test_a_polite_passive_request_then_offers_after_a_refusal_is_a_push() -> None:
    # given
    document = (
        "Pelanggan: kak mohon dibatalin ya pesanan saya, kelamaan\n"
        "Agen: Halo kak, gimana kalau ongkirnya kami gratiskan?\n"
        "Pelanggan: nggak usah kak, batal aja\n"
        "Agen: Atau kami kasih voucher 20rb buat belanja berikutnya kak?\n"
        "Pelanggan: nggak kak\n"
        "Agen: Baik kak, sudah dibatalkan. Terima kasih 🙏\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "push_after_refusal" in codes


# --- 2. A "fine / ya sudah" followed by a report of what was done is no dismissal ---


@pytest.mark.parametrize(
    "reply",
    [
        "Fine, I've changed the delivery slot to Friday morning.",
        "Fine, done - the invoice now shows the new company name.",
        "Fine, I'll resend the code right now.",
        "Ya sudah, sudah dikirim ulang ya kak e-tiketnya.",
        "Yaudah, udah diganti ya kak fotonya.",
    ],
)
def test_a_cooperative_acknowledgement_is_not_curt(reply: str) -> None:
    # given
    document = (
        "Customer: Hi, can you fix my order details please?\n"
        "Agent: Hello, sorry about that! What should I change?\n"
        "Customer: Just do what I wrote in the form, hurry up.\n"
        f"Agent: {reply}\n"
        "Customer: ok thanks\n"
    )
    # when
    codes = _codes(document)
    # then
    assert codes == set()


@pytest.mark.parametrize(
    "reply",
    ["Fine. I don't care.", "Fine, whatever.", "Ya sudah, sudah dibilang dari tadi baca dong."],
)
def test_a_dismissal_stays_curt(reply: str) -> None:
    # given
    document = (
        "Customer: Hi, can you fix my order details please?\n"
        "Agent: Hello, sorry about that! What should I change?\n"
        "Customer: Just do what I wrote in the form, hurry up.\n"
        f"Agent: {reply}\n"
        "Customer: ok\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "curt_language" in codes


# --- 3. Closings: returned wishes, regional and religious thanks, automated notes ---


@pytest.mark.parametrize(
    "document",
    [
        # the customer returns the agent's wishes, then the agent closes the chat
        (
            "Customer: Got it, thank you\nAgent: You're welcome, enjoy your weekend!\n"
            "Customer: Same to you\n[chat ended by agent]\n"
        ),
        (
            "Pelanggan: oke kak makasih\nAgen: Sama-sama kak, sehat selalu ya\n"
            "Pelanggan: kakak juga ya\n[chat ditutup oleh agen]\n"
        ),
        # Javanese and religious thanks close courteously
        (
            "Pelanggan: Sampun kula transfer, mas\nAgen: Nggih bu, sampun mlebet. Matur sembah "
            "nuwun\n[chat ditutup oleh agen]\n"
        ),
        (
            "Pelanggan: Oke kak sudah saya transfer\nAgen: Barakallahu fiikum kak\n"
            "[chat ditutup oleh agen]\n"
        ),
        # a polite close that leaves the door open
        (
            "Pelanggan: Nanti saya kabari lagi ya kak\nAgen: Siap kak, ditunggu kabarnya 🙏\n"
            "[chat ditutup oleh agen]\n"
        ),
    ],
)
def test_a_courteous_close_raises_no_ending_finding(document: str) -> None:
    # when
    codes = _codes(document)
    # then
    assert not codes & {"no_courteous_closure", "customer_cut_off"}


def test_a_sign_off_followed_by_an_automated_note_ends_the_chat() -> None:
    # given
    document = (
        "Pelanggan: Oke mbak, nanti sore saya ambil\n"
        "Agen: Terima kasih sudah servis di Bengkel Maju. Pesan ini dikirim otomatis, "
        "mohon tidak membalas.\n"
    )
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "ended_by_agent"


def test_a_bare_close_still_has_no_courteous_closure() -> None:
    # given
    document = "Customer: ok\nAgent: Closing this ticket now.\n[chat ended by agent]\n"
    # when
    codes = _codes(document)
    # then
    assert "no_courteous_closure" in codes


# --- 4. Retention offers by what they offer, refusals in new wording ---


def _after_refusal(offer: str, *, indonesian: bool) -> str:
    if indonesian:
        return (
            "Pelanggan: Saya mau berhenti langganan.\n"
            "Agen: Sebelum berhenti, ada diskon 20% kak.\n"
            "Pelanggan: Tidak, terima kasih.\n"
            f"Agen: {offer}\n"
            "Pelanggan: Nggak, tutup aja.\n"
            "Agen: Baik, sudah dibatalkan. Terima kasih.\n"
        )
    return (
        "Customer: I want to cancel my subscription.\n"
        "Agent: Before you go, we can give you a 20% discount.\n"
        "Customer: No thanks.\n"
        f"Agent: {offer}\n"
        "Customer: No, cancel it.\n"
        "Agent: Done. Thank you.\n"
    )


@pytest.mark.parametrize(
    ("offer", "indonesian"),
    [
        ("Would $15 off your next order change your mind?", False),
        ("Our team can give you two free cleaning sessions.", False),
        ("Let me knock $8 off your monthly bill.", False),
        ("Are you absolutely sure? Your rate is locked in.", False),
        ("You could move to our student membership for half the monthly fee.", False),
        ("We could also refund your last two months of fees.", False),
        ("Is there anything I could do to keep you?", False),
        ("I could credit $10 to your account for the trouble.", False),
        ("Kami kasih voucher 50rb kalau kakak lanjut bulan depan ya", True),
        ("Mau coba paket keluarga kak? Jatuhnya lebih irit", True),
        ("Kalau Bapak tetap pakai kartu ini, poinnya 3x lipat Pak", True),
        ("Kak, bulan ini free ongkir terus lho kalau tetap member", True),
        ("Apa tidak sebaiknya dipikirkan dulu, Bu?", True),
        ("Jika Bapak mempertahankan polisnya, preminya tetap seperti tahun lalu.", True),
        ("There's a lite version for $4.99 if that works better.", False),
        ("We'd love to keep you - can we offer 3 months at $5?", False),
        ("Kak, kalau pindah ke plan yang monthly 49k aja gimana?", True),
        ("Kalau kakak stay, next month kami kasih free 1 bulan", True),
        ("Bisa juga pakai sistem cuti dulu kak, 2 bulan", True),
    ],
)
def test_an_offer_after_a_refusal_is_a_push(offer: str, indonesian: bool) -> None:
    # when
    summary = _analyze(_after_refusal(offer, indonesian=indonesian)).summary
    # then
    assert summary.pushes_after_refusal == 1


@pytest.mark.parametrize(
    ("reply", "indonesian"),
    [
        ("Done. We can refund the remaining $12 to your card within 5 days.", False),
        ("Understood, I'll keep you posted on the refund.", False),
        ("Mohon maaf kak, tidak ada paket yang lebih murah dari ini.", True),
        ("Baik, kalau Bapak tetap lanjut tutup, saya proses sekarang ya.", True),
        ("Done. Your lite version access ends on the 30th.", False),
        (
            "Siap kak, kalau kakak stay di Bandung cabang kami ada, tapi langganan sudah berhenti.",
            True,
        ),
    ],
)
def test_honouring_the_cancellation_is_no_offer(reply: str, indonesian: bool) -> None:
    # when
    summary = _analyze(_after_refusal(reply, indonesian=indonesian)).summary
    # then
    assert summary.pushes_after_refusal == 0


@pytest.mark.parametrize(
    "refusal",
    [
        "I've made up my mind, thanks.",
        "I'm good, thanks.",
        "My mind's made up, thanks.",
        "Moal, hatur nuhun",
        "Still no.",
        "That won't change my mind",
        "Terima kasih tawarannya, tapi tidak",
        "I'm going to pass on that",
        "Ora mas, matur nuwun",
        "Teu, hatur nuhun",
    ],
)
def test_a_refusal_in_other_words_makes_the_next_offer_a_push(refusal: str) -> None:
    # given
    document = (
        "Customer: Please cancel my subscription.\n"
        "Agent: We can give you 30% off for three months if you stay.\n"
        f"Customer: {refusal}\n"
        "Agent: What about a free month instead?\n"
        "Customer: Cancel it.\n"
        "Agent: Done. Thank you.\n"
    )
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.first_refusal_turn == 2
    assert "push_after_refusal" in {f.code for f in analysis.findings}
