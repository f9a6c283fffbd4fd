"""The failure classes of the part-J round (docs/tone.md), each with new texts (not the dev
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
