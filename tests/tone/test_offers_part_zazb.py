"""Part-ZAZB round (docs/tone-history.md): retention offers in wordings the tuning shares of
parts Y, Z, ZA and ZB showed the rules missing, each as a class with new texts (not the dev
set's) and near-misses that must not count as a push:

- the customer's product changed or moved down in place of the cancellation, "aja / saja /
  instead" marking the alternative ("paketnya diturunin ke yang 25rb aja?", "We could
  switch your plan to pay-as-you-go instead");
- a price matched in more words ("We may be able to match it.", "Kami bisa samakan
  harganya");
- something given on a condition of staying ("kalau mau lanjut ada voucher 50rb", "if you
  stay there's a $15 credit");
- deliveries skipped for weeks ("skip the next 3 weeks instead").
"""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse


def _codes(document: str) -> set[str]:
    return {f.code for f in analyze(parse(document, fmt="text", name="case")[0]).findings}


def _second_offer(offer: str) -> str:
    """A known offer, a clear refusal, then ``offer``: a push when it offers."""
    return (
        "Customer: Halo kak, saya mau berhenti langganan. I don't use it anymore.\n"
        "Agent: Halo kak! Kalau lanjut, bulan depan kami kasih gratis 1 bulan lho 😊\n"
        "Customer: nggak usah kak, berhenti aja. no thanks\n"
        f"Agent: {offer}\n"
        "Customer: no\n"
        "Agent: Baik kak, langganan sudah kami hentikan. Terima kasih!\n"
    )


def _first_offer(offer: str) -> str:
    """``offer`` first, a refusal, then "are you sure? you'll lose ...": a push only when
    ``offer`` is read as the first offer (the refusal is then a refusal of it)."""
    return (
        "Customer: Hi, I'd like to cancel my subscription please.\n"
        f"Agent: {offer}\n"
        "Customer: no thanks, just cancel it\n"
        "Agent: Are you sure? You'll lose your loyalty rate if you leave.\n"
        "Customer: yes I'm sure\n"
        "Agent: Done, it's cancelled. Thank you for being with us!\n"
    )


OFFERS = [
    "Kalau gitu paketnya diturunin ke yang 25rb aja kak?",
    "Langganannya bisa kami ubah jadi tanpa perpanjangan otomatis saja kak, mau?",
    "Kartunya kami ganti ke kartu tanpa iuran aja ya Pak?",
    "We could switch your plan to pay-as-you-go instead?",
    "I can change your contract to a monthly rolling one instead.",
    "Can I ask what the other quote is? We may be able to match it.",
    "We might be able to match their price.",
    "Kami bisa samakan harganya dengan provider lain kak.",
    "Tapi kalau mau lanjut ada voucher 50rb buat bulan depan kak.",
    "Kalau tetap langganan dapat diskon 20% lho kak.",
    "If you stay, there's a $15 credit for you.",
    "Would you like to skip the next 3 weeks instead?",
]


@pytest.mark.parametrize("offer", OFFERS)
def test_second_offer_after_refusal_is_a_push(offer: str) -> None:
    codes = _codes(_second_offer(offer))
    assert "push_after_refusal" in codes, (offer, codes)


@pytest.mark.parametrize(
    "offer",
    [
        "We could switch your plan to pay-as-you-go instead?",
        "Before you go, we may be able to match the other quote.",
        "Would you like to skip the next 2 weeks instead? No charge.",
        "Paketnya bisa kami turunin ke yang 30rb aja kak?",
    ],
)
def test_first_offer_makes_the_refusal(offer: str) -> None:
    codes = _codes(_first_offer(offer))
    assert "push_after_refusal" in codes, (offer, codes)


NOT_OFFERS = [
    "Paketnya sudah kami ubah jadi tidak aktif ya kak.",
    "Baik kak, langganannya sudah diganti jadi berhenti per bulan depan saja.",
    "Kalau mau lanjut lagi nanti, tinggal daftar ulang di aplikasi kak.",
    "We can match it to your account number, one moment.",
    "Please change the delivery address to your new flat instead.",
    "Noted, I'll skip the survey and process it now.",
]


@pytest.mark.parametrize("reply", NOT_OFFERS)
def test_near_misses_are_no_push(reply: str) -> None:
    codes = _codes(_second_offer(reply))
    assert "push_after_refusal" not in codes, (reply, codes)
