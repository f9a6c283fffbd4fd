"""Regression tests for the review of the tone engine (issue 3 review, groups A and B)."""

from __future__ import annotations

import itertools
import json

import pytest

from karib.tone import analyze, parse, score_utterance


def _analyze(document: str, **kwargs: str):
    return analyze(parse(document, fmt="text", **kwargs)[0])


def _labels(text: str) -> dict[str, str]:
    return {m.label: text[m.start : m.end] for m in score_utterance(text).markers}


# --- A1: the customer's wording never moves the agent's score --------------------------------

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


# --- A2, B7: cancellation requests ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cancel"),
    [
        ("Tolong batalkan saja langganan saya kak", True),
        ("Batalkan saja", True),
        ("Saya mau tutup kartu kredit", True),
        ("Please cancel my membership.", True),
        ("Tolong jangan batalkan pesanan saya", False),
        ("I don't want to cancel, I just want to know the fee", False),
        ("Saya tidak mau berhenti langganan", False),
        ("Kenapa pesanan saya di-cancel sepihak?", False),
        ("Teleponnya ditutup saja dulu mbak", False),
        ("Saya mau nonaktifkan notifikasi", False),
        ("How do I unsubscribe from the newsletter emails?", False),
    ],
)
def test_cancellation_request(text, cancel):
    assert ("cancellation_request" in score_utterance(text).acts) is cancel


@pytest.mark.parametrize(
    "text", ["Saya tidak mau berhenti langganan", "I don't want to cancel, just asking"]
)
def test_negated_cancel_is_no_refusal_either(text):
    assert "refusal" not in score_utterance(text).acts


def test_batalkan_saja_is_a_request_not_a_refusal():
    assert score_utterance("Tolong batalkan saja langganan saya kak").acts == (
        "cancellation_request",
    )


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


# --- A3: role labels in a role column --------------------------------------------------------


@pytest.mark.parametrize(
    ("agent_label", "customer_label"),
    [
        ("Agen", "Pelanggan"),
        ("CS", "nasabah"),
        ("Customer Service", "Customer"),
        ("agent", "customer"),
        ("Petugas", "Member"),
    ],
)
def test_role_column_labels_map_like_speaker_names(agent_label, customer_label):
    csv_doc = (
        "conversation_id,speaker,text,role\n"
        f"c1,Rina,Halo kak,{agent_label}\n"
        f"c1,Budi,mau cancel,{customer_label}\n"
    )
    json_doc = json.dumps(
        {
            "conversation_id": "j1",
            "turns": [
                {"speaker": "Rina", "role": agent_label, "text": "Halo kak"},
                {"speaker": "Budi", "role": customer_label, "text": "mau cancel"},
            ],
        }
    )
    for document, fmt in ((csv_doc, "csv"), (json_doc, "json")):
        turns = parse(document, fmt=fmt)[0].turns
        assert [(t.speaker, t.role) for t in turns] == [
            ("Rina", "agent"),
            ("Budi", "customer"),
        ], fmt


# --- A4: elongated words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "raw"),
    [
        ("Makasiiih kak", "thanks", "Makasiiih"),
        ("Makasiiih kak", "address", "kak"),
        ("oke kakkk", "address", "kakkk"),
        ("Terima kasih bangettt kak", "address", "kak"),
        ("pleaseee help me", "please", "pleaseee"),
        ("Maaaaf ya kak", "apology", "Maaaaf"),
        ("Selamaaat pagiii Ibu", "greeting", "Selamaaat pagiii"),
    ],
)
def test_elongated_markers_keep_raw_spans(text, label, raw):
    found = [m for m in score_utterance(text).markers if m.label == label]
    assert found, _labels(text)
    marker = found[0]
    assert (marker.text, text[marker.start : marker.end]) == (raw, raw)


# --- A5: curt language -----------------------------------------------------------------------

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


# --- B6: accepting an offer ------------------------------------------------------------------

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


# --- B8: English retention offers ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We could give you 3 months free if you stay",
        "You get 2 months free.",
        "Dapat 3 bulan gratis kak.",
        "If you stay with us we can help.",
        "Kalau tetap berlangganan, Kakak dapat poin ganda.",
    ],
)
def test_retention_offers(text):
    assert "retention_offer" in score_utterance(text).acts


# --- B9: strategy weights on service turns ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["What about a free upgrade to premium?", "You'll lose all your points"],
)
def test_strategies_do_not_wreck_neutral_offer_turns(text):
    assert score_utterance(text).politeness >= 0.4


# --- B10: a dismissive close -----------------------------------------------------------------

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


# --- B11: curt words and short requests -------------------------------------------------------


@pytest.mark.parametrize("text", ["Berhenti langganan", "Batalkan saja", "Cancel it"])
def test_short_requests_are_not_one_word_replies(text):
    assert "one_word" not in _labels(text)


def test_no_thanks_is_not_perfectly_polite():
    assert score_utterance("No thanks").politeness < 0.9


@pytest.mark.parametrize("text", ["Terserah", "Whatever", "Terserah lah"])
def test_curt_words_are_not_positive(text):
    assert score_utterance(text).sentiment != "positive"
