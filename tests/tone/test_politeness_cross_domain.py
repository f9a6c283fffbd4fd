"""Politeness outside Stack Exchange (engine 2.3; docs/tone-history.md, "Politeness, engine 2.3"):
the two failure classes of the service turns (bare commands read as polite, orders closed
by "please" read as impolite), with new texts from two registers (service requests and
requests between wiki editors), and the shape of the shipped model (no topic words in the
fitted lexicon, strategies kept to their direction)."""

from __future__ import annotations

import pytest

from karib.tone import score_utterance
from karib.tone.strategies import DIRECTIONS, find_strategies, load_weights, reads_polite


def _labels(text: str) -> set[str]:
    return {m.label for m in find_strategies(text, text.lower(), words=False)}


def _reads_polite(text: str) -> bool:
    return reads_polite(text, score_utterance(text).politeness)


@pytest.mark.parametrize(
    "text",
    [
        "Two flat whites, please.",
        "Can you explain that again please?",
        "A receipt for the order please",
        "Hi! A table for four, please. Thanks",
    ],
)
def test_a_please_that_closes_its_sentence_is_found_as_one(text):
    # when
    labels = _labels(text)
    # then
    assert "please_end" in labels
    assert "please_en" not in labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Please. I said no.", "please_start"),
        ("Could you please add a source for this?", "please_en"),
    ],
)
def test_a_please_at_the_start_or_inside_the_sentence_keeps_its_strategy(text, label):
    # when
    labels = _labels(text)
    # then
    assert label in labels
    assert "please_end" not in labels


@pytest.mark.parametrize(
    ("text", "bald"),
    [
        ("Stop reverting my edits.", True),
        ("Book a table for two at eight.", True),
        ("Remove the paragraph you added yesterday.", True),
        ("Please remove the paragraph you added yesterday.", False),
        ("Remove the paragraph, thanks.", False),
        ("Hi. Remove the paragraph you added yesterday.", False),
        ("Book a table for two, could you?", False),
        ("Remove the paragraph, I think it is wrong.", False),
    ],
)
def test_a_bare_command_is_bald_only_without_any_softener(text, bald):
    # when
    labels = _labels(text)
    # then
    assert ("bald_command" in labels) is bald


@pytest.mark.parametrize(
    "text",
    [
        "Book a table for two at eight tonight.",
        "Show me the balance of my savings account.",
        "Send the tracking number to my email.",
        "Schedule a call with the plumber for Monday morning.",
        "Stop reverting my edits to this article.",
        "Remove the section you added and use the talk page first.",
    ],
)
def test_bare_commands_read_impolite(text):
    # when / then
    assert _reads_polite(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "Two flat whites with oat milk, please.",
        "Hello! A medium green tea, please.",
        "I'd like to order a large cappuccino and nothing else please",
        "A window seat for tomorrow's flight please",
    ],
)
def test_orders_closed_by_please_read_polite(text):
    # when / then
    assert _reads_polite(text) is True


@pytest.mark.parametrize(
    ("text", "polite"),
    [
        ("Could you please take a look at the article when you have a moment? Thanks!", True),
        ("Hi, would you mind adding a source for this claim? I'd appreciate it.", True),
        ("Sorry to bother you, but could you check my last edit?", True),
        ("Why did you revert my edit?", False),
        ("So what is your source for this?", False),
        ("You removed the whole section again.", False),
    ],
)
def test_requests_between_editors_read_by_their_strategies(text, polite):
    # when / then
    assert _reads_polite(text) is polite


def test_the_fitted_lexicon_holds_no_topic_words():
    # when
    words = load_weights().words
    # then: Stack Exchange's topics ("set", "show", "install", "homework") are not cues
    assert words
    assert not {"set", "show", "schedule", "give", "install", "homework", "order"} & set(words)
    assert not {"please", "thanks", "sorry", "hi"} & set(words)


def test_every_fitted_strategy_keeps_its_direction():
    # when
    weights = load_weights()
    # then
    for label, direction in DIRECTIONS.items():
        assert weights.strategies.get(label, 0.0) * direction >= 0, label
