"""The bald on-record request strategies (bare command, stated want) and the per-language
reading of the politeness score (docs/tone-history.md, "Politeness on customer-service turns")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from karib.tone import score_utterance
from karib.tone.strategies import find_strategies, load_weights, reads_polite

TURNS = Path(__file__).parent / "politeness" / "service_turns.jsonl"


def _labels(text: str) -> set[str]:
    return {m.label for m in find_strategies(text, text.lower(), words=False)}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Set a reminder for the meeting at 6 pm.", "bare_command"),
        ("show me the bill for this month", "bare_command"),
        ("OK. Give me the total for the order.", "bare_command"),
        ("Explain why my card was charged twice.", "bare_command"),
        ("I need a refund for the order.", "want_statement"),
        ("We just want the invoice for the order.", "want_statement"),
        ("I'm in need of a taxi to the airport.", "want_statement"),
    ],
)
def test_bald_requests_are_found_as_strategies(text, label):
    # when
    labels = _labels(text)
    # then
    assert label in labels


@pytest.mark.parametrize(
    "text",
    [
        "Please set a reminder for the meeting.",
        "Could you show me the bill for this month?",
        "The set of cups is broken, is it the order?",
        "Do you have the bill for this month?",
        "My order needs a receipt, it is what I wanted.",
    ],
)
def test_softened_requests_and_statements_are_no_bald_requests(text):
    # when
    labels = _labels(text)
    # then
    assert not labels & {"bare_command", "want_statement"}


def test_stack_exchange_reads_a_bare_command_as_impolite_leaning():
    # when
    weights = load_weights()
    # then
    assert weights.strategies["bare_command"] < 0
    assert weights.cuts["other"] < weights.cuts["english"]


@pytest.mark.parametrize(
    ("text", "polite"),
    [
        ("Could you show me the bill for this month?", True),
        ("Show me the bill for this month.", False),
        ("Send the invoice now.", False),
        ("Tolong carikan jadwal kereta besok.", True),
        ("Bisakah anda menjadwalkan ulang pertemuan saya?", True),
        ("Carikan jadwal kereta besok.", False),
        ("Jadwalkan ulang pertemuan saya.", False),
    ],
)
def test_the_reading_takes_the_cut_of_the_turns_language(text, polite):
    # given
    politeness = score_utterance(text).politeness
    # when
    read = reads_polite(text, politeness)
    # then
    assert read is polite


def test_the_development_part_is_read_at_the_aim():
    # given: the development part only (the held-out part is reported, never asserted on)
    with TURNS.open(encoding="utf-8") as handle:
        turns = [json.loads(line) for line in handle]
    development = [t for t in turns if t["part"] == "development" and t["label"] != "neither"]
    # when
    right = sum(
        reads_polite(t["text"], score_utterance(t["text"]).politeness) == (t["label"] == "polite")
        for t in development
    )
    # then
    assert right / len(development) >= 0.85
