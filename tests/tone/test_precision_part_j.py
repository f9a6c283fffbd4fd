"""The failure classes of the part-J round (docs/tone-history.md), each with new texts (not the dev
set's): one cancellation rule for the per-utterance and the conversation pass, and the
classes part J's tuning share showed."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse, score_utterance
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _requests_in_conversation(text: str) -> bool:
    document = f"Customer: {text}\nAgent: Let me check that for you.\n"
    return _analyze(document).summary.cancellation_request


# --- 1. One cancellation rule: `karib tone score` reads a policy question as the ---
# --- conversation analysis does, and keeps stated wishes and polite requests ---

POLICY_QUESTIONS = [
    "Will cancelling the booking affect my deposit?",
    "Berapa hari proses pembatalan polis asuransi?",
    "kalo mau batalkan pesanan caranya gimana kak?",
    "How long does cancelling a subscription take to go through?",
    "Mau tanya, pembatalan reservasi hotel kena charge nggak?",
    "Kalau cancel langganan sekarang poinnya hangus ga?",
    "Gimana cara stop langganan?",
]
REQUESTS = [
    "aku mau cancel langganan, caranya gimana?",
    "Could you cancel my subscription please?",
    "mohon dibatalkan saja reservasinya",
    "tolong di-cancel ya booking saya",
    "Bisa saya tutup rekening saya minggu ini?",
    "Cancel my plan please, how long until the refund?",
]


@pytest.mark.parametrize("question", POLICY_QUESTIONS)
def test_score_reads_a_policy_question_as_no_cancellation_request(question: str) -> None:
    # when
    acts = score_utterance(question).acts
    # then
    assert "cancellation_request" not in acts
    assert "question" in acts


@pytest.mark.parametrize("request_text", REQUESTS)
def test_score_keeps_a_stated_wish_or_polite_request_as_a_cancellation_request(
    request_text: str,
) -> None:
    # when
    acts = score_utterance(request_text).acts
    # then
    assert "cancellation_request" in acts


@pytest.mark.parametrize("text", POLICY_QUESTIONS + REQUESTS)
def test_score_and_the_conversation_read_the_cancellation_alike(text: str) -> None:
    # when
    per_utterance = "cancellation_request" in score_utterance(text).acts
    # then
    assert per_utterance is _requests_in_conversation(text)


# --- 2. Retention offers by what they offer, in frames the lexicon misses ---
# (part J's tuning share: a fee made free far from its noun, a gift for staying, an
# alternative that "would suit you better", keeping on a condition with a benefit; then
# the classes the brief lists, probed with new texts)


def _push_document(second_offer: str, refusal: str = "No thanks.") -> str:
    return (
        "Customer: I want to cancel my subscription.\n"
        "Agent: I understand. What if we gave you 20% off for three months?\n"
        f"Customer: {refusal}\n"
        f"Agent: {second_offer}\n"
        "Customer: ok\n"
    )


@pytest.mark.parametrize(
    "offer",
    [
        "Selain itu, biaya admin bulan depan dan seterusnya juga bisa kami gratiskan.",
        "As a thank-you for sticking with us, we'd mail you a hamper.",
        "Would the quarterly box suit you better?",
        "If you keep the line, we'll cover your next repair.",
        "Kami bisa kasih harga 75rb saja per bulan untuk Bapak.",
        "Bisa saya bantu ajukan keringanan iuran jadi setengahnya, Bu.",
        "Let me knock the price down to $15 for you.",
        "Annual fee tahun depan kita bebasin kak",
        "Dua bulan ke depan free buat kakak",
        "You could put the membership on hold for up to 3 months.",
        "Let me see if I can find you a better deal.",
        "If you stick with us for another year, your rate is locked at $40.",
        "Kalau Bapak lanjut setahun lagi, harganya kami kunci di 300rb.",
        "We've got a retention offer on your account: 3 months at $10.",
        "Would pausing for the summer be an option?",
        "You could switch to pay-as-you-go and only pay when you use it.",
        "Mas, kuotanya bisa kami dobelin tanpa nambah biaya lho",
        "Pripun menawi kula gratisaken sewulan?",
        "Coba dulu paket malam kak, cuma 25rb.",
        "We'd be happy to extend your trial by two more weeks.",
        "Kami juga bisa turunkan iurannya jadi 40rb kak.",
        "Kalau dijeda sebulan gimana kak?",
        "Would you be open to a lower-priced plan?",
        "Is there anything that would make you stay?",
        "Maybe try the student plan instead?",
        "Sayang lho kak, tinggal 2 bulan lagi dapat hadiah",
        "Let me check if I can get you a loyalty credit.",
    ],
)
def test_an_offer_in_new_wording_after_a_refusal_is_a_push(offer: str) -> None:
    # when
    codes = _codes(_push_document(offer))
    # then
    assert "push_after_refusal" in codes


@pytest.mark.parametrize(
    "after",
    [
        "Before you go, please confirm your email so we can send the confirmation.",
        "The cancellation fee is waived because you're within the 14-day window.",
        "If you stay on the line, I'll send you a short survey.",
        "Done. You'll get a confirmation email shortly.",
        "Sorry, we can't waive the fee on this plan, but the cancellation is done.",
        "Baik kak, akun kakak sudah kami hapus. Terima kasih.",
        "If you keep the receipt, we can refund the remaining balance.",
        "Certainly. The early termination fee is waived since you're moving.",
        "Would you like the refund to your card instead?",
        "We'll give you a credit for the unused days.",
    ],
)
def test_what_offers_nothing_after_a_refusal_is_no_push(after: str) -> None:
    # when
    codes = _codes(_push_document(after))
    # then
    assert "push_after_refusal" not in codes


@pytest.mark.parametrize(
    "refusal",
    [
        "I'd rather not.",
        "Pass, thanks",
        "Sorry, no.",
        "Skip aja kak",
        "That's not necessary.",
        "Appreciate it, but I'm moving abroad next month.",
        "Makasih tawarannya kak, tapi aku udah jarang pake, jadi berhenti aja ya",
        "Matur nuwun, nanging mboten, Mas.",
        "Hehe ga dulu kak, lagi hemat",
        "Hapunten A, tetep bade eureun.",
        "Udah kak gapapa, berhentiin aja",
    ],
)
def test_a_refusal_in_new_wording_makes_the_next_offer_a_push(refusal: str) -> None:
    # when
    codes = _codes(_push_document("We could also make next month free.", refusal))
    # then
    assert "push_after_refusal" in codes


@pytest.mark.parametrize(
    "reply",
    [
        "Oke boleh deh kak",
        "Sounds good, keep me on.",
        "Yes please!",
        "Thanks, but let me think about it.",
        "Makasih kak, tapi aku pikir-pikir dulu ya",
        "Thanks, but is there a cheaper one?",
        "Thanks, but I'll take the discount instead.",
    ],
)
def test_accepting_the_offer_is_no_refusal(reply: str) -> None:
    # when
    codes = _codes(_push_document("We could also make next month free.", reply))
    # then
    assert "push_after_refusal" not in codes


# --- 3. Cancellation requests in more words (both passes) ---


@pytest.mark.parametrize(
    "text",
    [
        "mau stop langganan kak",
        "tolong hentikan langganan saya",
        "Saya mau keluar dari keanggotaan.",
        "I want out of my contract.",
        "Please don't renew my plan.",
        "I no longer want the premium plan, please remove it.",
        "Kula badhe mandhegaken langganan.",
        "Bisa tolong matikan auto-renewal langganan saya?",
    ],
)
def test_a_request_to_stop_in_more_words_is_a_cancellation_request(text: str) -> None:
    # then
    assert "cancellation_request" in score_utterance(text).acts
    assert _requests_in_conversation(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "Saya tidak mau keluar dari keanggotaan, cuma mau ganti kartu.",
        "Jangan stop langganan saya ya kak",
        "Matikan notifikasi langganan promo dong",
    ],
)
def test_a_negated_stop_or_a_notification_is_no_cancellation_request(text: str) -> None:
    # then
    assert "cancellation_request" not in score_utterance(text).acts


# --- 4. Closings: an offer of more help on a condition, a thanks closed by an apology ---


@pytest.mark.parametrize(
    "closing",
    [
        "Siap kak, kalau masih ada yang mau ditanyakan, chat aja ya",
        "Baik Bu, jika ada keperluan lain silakan hubungi kami.",
        "If you need anything else, just let us know.",
        "Makasih ya kak, mohon maaf atas keterlambatannya",
        "Thanks for waiting, and sorry again for the mix-up.",
        "Sawangsulna Teh",
        "Happy shopping!",
        "Selamat berbelanja kembali",
        "Have a blessed day",
        "Salam sehat",
        "Cheers!",
    ],
)
def test_a_closing_in_new_wording_ends_the_chat_courteously(closing: str) -> None:
    # given
    document = (
        "Customer: Is my parcel out for delivery?\n"
        "Agent: Yes, it arrives this afternoon.\n"
        "Customer: ok\n"
        f"Agent: {closing}\n"
    )
    # when
    result = _analyze(document)
    # then
    assert result.summary.conversation_state == "ended_by_agent"
    assert not {f.code for f in result.findings}


def test_a_thanks_opening_information_still_awaits_an_answer() -> None:
    # given
    document = (
        "Customer: Is my parcel out for delivery?\n"
        "Agent: Thanks for waiting, it is on its way and should arrive by 5 pm.\n"
    )
    # then
    assert _analyze(document).summary.conversation_state == "open"


# --- 5. Cut-off: a new question after the customer's thanks still awaits its answer ---


@pytest.mark.parametrize(
    "last_customer",
    [
        "Thanks, that fixed it. Also, can I add a second user?",
        "Makasih kak. Oh iya, yang ukuran L masih ada?",
    ],
)
def test_a_new_question_after_thanks_is_cut_off_by_a_short_sign_off(last_customer: str) -> None:
    # given
    document = (
        "Agent: Your password has been reset.\n"
        f"Customer: {last_customer}\n"
        "Agent: Thank you, goodbye.\n"
        "[chat closed by agent]\n"
    )
    # then
    assert "customer_cut_off" in _codes(document)


@pytest.mark.parametrize(
    "last_customer", ["Thanks, that's all.", "Is that all? Thanks!", "Oke makasih kak"]
)
def test_a_closing_thanks_is_not_cut_off(last_customer: str) -> None:
    # given
    document = (
        "Agent: Your password has been reset.\n"
        f"Customer: {last_customer}\n"
        "Agent: Thank you, goodbye.\n"
        "[chat closed by agent]\n"
    )
    # then
    assert "customer_cut_off" not in _codes(document)


@pytest.mark.parametrize(
    ("request_text", "sign_off", "cut_off"),
    [
        ("Tolong kirim ulang invoicenya ya kak", "Terima kasih, selamat sore.", True),
        ("Please check why I was charged twice.", "Thank you for contacting us.", True),
        ("Tolong kirim ulang invoicenya ya kak", "Baik kak, terima kasih.", False),
        ("Tolong kirim ulang invoicenya ya kak", "Sudah dikirim ulang ya kak, makasih", False),
        ("Please resend the invoice.", "Invoice resent, thank you!", False),
        ("Please resend the invoice, thanks!", "Thank you, goodbye.", False),
    ],
)
def test_a_request_left_untaken_by_a_sign_off_and_an_end_event_is_cut_off(
    request_text: str, sign_off: str, cut_off: bool
) -> None:
    # given
    document = f"Customer: {request_text}\nAgent: {sign_off}\n[chat closed by agent]\n"
    # then
    assert ("customer_cut_off" in _codes(document)) is cut_off


# --- 6. A question about the offer keeps it open: the "no" after the answer refuses it ---

ASKED_THEN_REFUSED_ID = (
    "Pelanggan: mau berhenti langganan kak\n"
    "Agen: Gimana kalau kami kasih diskon 30%?\n"
    "Pelanggan: diskonnya berapa lama kak?\n"
    "Agen: 3 bulan kak.\n"
    "Pelanggan: nggak deh kak, tetap berhenti\n"
    "Agen: Atau pindah ke paket hemat 50rb aja kak?\n"
)
ASKED_THEN_REFUSED_EN = (
    "Customer: Cancel my plan please.\n"
    "Agent: We could give you 2 months free.\n"
    "Customer: Would that renew automatically after?\n"
    "Agent: Yes, at the normal rate.\n"
    "Customer: No thanks then, cancel it.\n"
    "Agent: What if we lowered the normal rate to $20?\n"
)
UNDECIDED_THEN_NO_TO_ANOTHER_QUESTION = (
    "Pelanggan: mau berhenti langganan kak\n"
    "Agen: Gimana kalau kami kasih diskon 30%?\n"
    "Pelanggan: hmm oke, tapi saya tanya suami dulu\n"
    "Agen: Baik kak, mau dikirim info via email?\n"
    "Pelanggan: nggak usah\n"
    "Agen: Oke kak, diskonnya berlaku sampai Jumat ya\n"
)


@pytest.mark.parametrize(
    ("document", "push"),
    [
        (ASKED_THEN_REFUSED_ID, True),
        (ASKED_THEN_REFUSED_EN, True),
        (UNDECIDED_THEN_NO_TO_ANOTHER_QUESTION, False),
    ],
)
def test_a_no_after_a_question_about_the_offer_refuses_it(document: str, push: bool) -> None:
    # then
    assert ("push_after_refusal" in _codes(document)) is push


# --- 7. A cancellation already made and reported is no request ---


@pytest.mark.parametrize(
    ("text", "cancel"),
    [
        ("Saya sudah batalkan pesanan tapi dana belum kembali", False),
        ("sudah saya batalkan kemarin lewat aplikasi", False),
        ("I already cancel my plan but still got charged", False),
        ("udah stop langganan dari bulan lalu tapi masih ditagih", False),
        ("udah fix mau cancel kak", True),
        ("sdh mau tutup kartu aja", True),
    ],
)
def test_a_reported_cancellation_is_no_request_a_wish_still_is(text: str, cancel: bool) -> None:
    # then
    assert ("cancellation_request" in score_utterance(text).acts) is cancel
    assert _requests_in_conversation(text) is cancel


def test_a_voucher_after_a_reported_cancellation_is_no_push() -> None:
    # given: the customer reports a cancellation already made; the agent compensates
    document = (
        "Pelanggan: Saya sudah batalkan pesanan tapi dana belum kembali\n"
        "Agen: Mohon maaf kak, kami kasih voucher 20rb sebagai kompensasi ya\n"
        "Pelanggan: nggak butuh voucher, saya mau dananya kembali\n"
        "Agen: Baik kak, dana kami proses hari ini, vouchernya tetap boleh dipakai ya\n"
    )
    # then
    assert "push_after_refusal" not in _codes(document)
