"""Patterns and reads that were quadratic on long turns (found by `bench/tone_pathological.py`
after the part-J and part-K rounds), kept to the same answers on ordinary text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from karib.tone.autoreplies import _AUTO_NOTE_TAIL_RE
from karib.tone.cancellation import SENTENCE_REACH, sentence_of
from karib.tone.signoffs import _AGENT_CLOSING_RE

# The two patterns as they were, for the comparison.
OLD_CHEERS_RE = re.compile(r"(?:^|[.!]\s+)\W*cheers\W*$", re.IGNORECASE)
NEW_CHEERS_RE = re.compile(r"(?:^|[.!](?=\s))\W*cheers\W*$", re.IGNORECASE)
OLD_AUTO_NOTE_RE = re.compile(
    _AUTO_NOTE_TAIL_RE.pattern.removeprefix(r"(?:^|(?<=\w))"), re.IGNORECASE
)

PIECES = [
    " ",
    ".",
    "!",
    ",",
    "\n",
    "-",
    "x",
    "a",
    " cheers",
    "Cheers",
    "this is an automated message",
    " pesan ini dikirim otomatis",
    " do not reply",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_closing_cheers_reads_as_before(text: str) -> None:
    assert (OLD_CHEERS_RE.search(text) is None) == (NEW_CHEERS_RE.search(text) is None)
    assert NEW_CHEERS_RE.pattern in _AGENT_CLOSING_RE.pattern


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_automated_note_starts_where_it_did(text: str) -> None:
    old, new = OLD_AUTO_NOTE_RE.search(text), _AUTO_NOTE_TAIL_RE.search(text)
    assert (old.span() if old else None) == (new.span() if new else None)


def test_a_sentence_is_read_at_most_its_reach_around_the_words() -> None:
    # given a turn of cancellation words with no full stop, and one with stops
    text = "batal cancel " * 2000
    start = text.index("cancel", 10_000)
    end = start + len("cancel")
    # when / then: the sentence is cut at the reach
    assert sentence_of(text, start, end) == (start - SENTENCE_REACH, end + SENTENCE_REACH)
    short = "Halo kak. Berapa lama proses pembatalan kartu? Terima kasih."
    word = short.index("pembatalan")
    assert sentence_of(short, word, word + 10) == (9, short.index("?") + 1)
