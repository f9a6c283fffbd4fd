"""Conversation-level behaviour of ``analyze``: the agent's side, refusals, curt language
and closings."""

from __future__ import annotations

import itertools

import pytest

from karib.tone import analyze, parse


def _analyze(document: str, **kwargs: str):
    return analyze(parse(document, fmt="text", **kwargs)[0])


# --- the customer's wording never moves the agent's score ---------------------------------

AGENT_TURNS = (
    "Selamat pagi Kak, ada yang bisa dibantu?",
    "Mohon maaf sekali atas ketidaknyamanannya Kak, saya bantu cek sekarang ya.",
    "Sudah saya eskalasikan ke tim teknis, estimasi selesai hari ini.",
    "Terima kasih atas kesabarannya Kak, semoga harinya menyenangkan.",
)
CUSTOMER_VOICES = {
    "calm": (
        "Saya sudah 3 kali komplain soal internet, mohon dibantu ya.",
        "Baik, terima kasih.",
        "Oke siap.",
    ),
    "angry": (
        "Pelayanan kalian goblok banget, udah 3 kali komplain gak beres2!!",
        "Cepetan dong, lemot banget sih",
        "Terserah lah",
    ),
    "curt": ("internet mati", "y", "ok"),
    "english_rude": ("This is ridiculous, you're useless", "Whatever. Hurry up.", "Fine."),
}


def _interleave(agent: tuple[str, ...], customer: tuple[str, ...]) -> str:
    lines = []
    for a, c in itertools.zip_longest(agent, customer):
        if a is not None:
            lines.append(f"Agen: {a}")
        if c is not None:
            lines.append(f"Pelanggan: {c}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(CUSTOMER_VOICES, 2)))
def test_agent_scores_are_invariant_to_customer_wording(first, second):
    """Property: with the same agent turns and customer turns that make no refusal (so the
    refusal-driven pivot is the same, here absent), every agent turn's politeness and
    markers, ``agent_politeness``, ``tone_shift``, ``courteous_closure`` and the agent's
    findings are equal; the score too, as the conversation ends on the agent's turn."""
    # given two conversations that differ only in the customer's turns
    one = _analyze(_interleave(AGENT_TURNS, CUSTOMER_VOICES[first]))
    two = _analyze(_interleave(AGENT_TURNS, CUSTOMER_VOICES[second]))
    # then the agent side is identical
    assert one.summary.first_refusal_turn == two.summary.first_refusal_turn is None

    def agent_view(result):
        return [(t.politeness, t.markers) for t in result.turns if t.role == "agent"]

    assert agent_view(one) == agent_view(two)
    for key in ("agent_politeness", "tone_shift", "courteous_closure", "score"):
        assert getattr(one.summary, key) == getattr(two.summary, key), key
    assert [f.code for f in one.findings] == [f.code for f in two.findings] == []


def test_angry_customer_does_not_create_dropped_address():
    # given the reviewer's angry-customer conversation
    result = _analyze(_interleave(AGENT_TURNS, CUSTOMER_VOICES["angry"]))
    # then no agent turn carries dropped_address and the score is the calm one
    assert not any(m.label == "dropped_address" for t in result.turns for m in t.markers)
    assert result.summary.tone_shift is False
    assert result.summary.score == 91


# --- a negated cancellation ----------------------------------------------------------------

NOT_CANCEL = """Agen: Selamat siang Kak, ada yang bisa dibantu?
Pelanggan: Kak, tolong jangan batalkan pesanan saya ya, saya baru transfer.
Agen: Baik Kak, pesanan aman. Sebagai permohonan maaf, kami kasih voucher diskon 10% ya.
Pelanggan: Nggak usah kak, yang penting barangnya sampai.
Agen: Siap Kak. Kami juga tambahkan gratis ongkir untuk pesanan berikutnya ya.
Pelanggan: Oke makasih kak.
Agen: Sama-sama Kak, semoga harinya menyenangkan!
"""


def test_negated_cancel_conversation_has_no_pushes():
    summary = _analyze(NOT_CANCEL).summary
    assert summary.cancellation_request is False
    assert summary.pushes_after_refusal == 0


# --- curt language ------------------------------------------------------------------------

RUDE_FIRST = """Agen: Terserah anda mau apa, bodoh.
Pelanggan: Saya mau tanya tagihan.
Agen: Baik Bu, terima kasih, semoga harinya menyenangkan.
"""


@pytest.mark.parametrize(
    ("document", "turns"),
    [
        (RUDE_FIRST, (0,)),
        ("Agent: Whatever.\nCustomer: My card?\nAgent: Thanks, have a nice day!\n", (0,)),
        ("Agen: Halo Bu\nPelanggan: tagihan?\nAgen: Kan sudah saya bilang, baca dong.\n", (2,)),
    ],
)
def test_curt_language_finding_whatever_the_pivot(document, turns):
    result = _analyze(document)
    found = [f for f in result.findings if f.code == "curt_language"]
    assert found and found[0].turns == turns


def test_curt_language_lowers_the_score():
    polite = RUDE_FIRST.replace("Terserah anda mau apa, bodoh.", "Selamat pagi, ada apa?")
    assert _analyze(RUDE_FIRST).summary.score <= _analyze(polite).summary.score - 10


# --- accepting an offer is no refusal -----------------------------------------------------

OFFER = """Agen: Selamat siang Kak, ada yang bisa dibantu?
Pelanggan: Mau berhenti langganan kak, mahal.
Agen: Sayang banget kak, gimana kalau kami kasih diskon 50% selama 3 bulan?
Pelanggan: {reply}
Agen: Siap kak, terima kasih, semoga harinya menyenangkan.
"""


@pytest.mark.parametrize(
    ("reply", "refusal"),
    [
        ("Nggak apa-apa deh kak, aku ambil diskonnya.", None),
        ("no problem, I'll take it", None),
        ("boleh", None),
        ("oke deal", None),
        ("Oh, saya tidak mau berhenti langganan kalau begitu.", None),
        ("Nggak usah kak, tetap berhenti.", 3),
        ("Tidak, terima kasih.", 3),
        ("No thanks.", 3),
    ],
)
def test_accepting_an_offer_is_not_a_refusal(reply, refusal):
    summary = _analyze(OFFER.format(reply=reply)).summary
    assert summary.first_refusal_turn == refusal


# --- a dismissive close -------------------------------------------------------------------

CURT_THANKS = """Agen: Selamat siang Ibu, ada yang bisa saya bantu?
Pelanggan: Saya mau berhenti langganan.
Agen: Ibu yakin? Poin Ibu akan hangus semua lho.
Pelanggan: Gak, saya udah yakin.
Agen: {close}
"""


@pytest.mark.parametrize(
    ("close", "closure", "dropped"),
    [
        ("Ya sudah, terima kasih.", False, True),
        ("Baik, terima kasih.", True, True),
        ("Baik Ibu, terima kasih.", True, False),
    ],
)
def test_short_and_dismissive_closings(close, closure, dropped):
    result = _analyze(CURT_THANKS.format(close=close))
    last = result.turns[-1]
    assert result.summary.courteous_closure is closure
    assert any(m.label == "dropped_address" for m in last.markers) is dropped
