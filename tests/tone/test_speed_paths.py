"""The fast paths of the per-utterance analysis give exactly what the plain definitions give.

``Dispatch.finditer`` must equal the combined alternation's ``finditer`` (on every path: the
piece filter on ASCII text, the candidate scan otherwise), and ``score_utterance``'s plain
ASCII path (one cached record per piece) must equal the general path.
"""

from __future__ import annotations

import json
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karib.tone import lexicon, pieces, scoring, strategies
from karib.tone.dispatch import Dispatch
from karib.tone.normalize import ascii_pieces, expand
from karib.tone.scoring import score_utterance


def _settled(records: list[pieces.Record] | None) -> list[tuple[object, ...]]:
    return [(*r[:3], pieces.settled(r[3]), *r[4:]) for r in records or []]


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]


def _same_as_combined(dispatch: Dispatch, lowered: str) -> None:
    expected = _spans(list(dispatch.combined.finditer(lowered)))
    assert _spans(dispatch.finditer(lowered)) == expected, lowered
    if lowered.isascii():
        assert _spans(dispatch.finditer(lowered, ascii_pieces(lowered))) == expected, lowered


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        # An optional group whose one-character start is followed by something unknown:
        # the match starts with "i " (not "ia", as joining "i" with "am" said).
        (r"(?:i\s+)?am", "i am here"),
        (r"(?:i\s+)?am", "é i am here"),  # non-ASCII text: the candidate scan
        (r"(?:x\s*)?yz", "so x yz"),
        (r"(?:a|b\s+)cd", "b cd"),
        (r"(?:k,?\s*)+ok", "k, k ok"),
    ],
)
def test_dispatch_finds_matches_that_start_with_an_open_prefix(pattern, text):
    # given
    dispatch = Dispatch([("g0", pattern), ("g1", "zz")])
    # when / then
    _same_as_combined(dispatch, text)
    assert dispatch.finditer(text)


def test_dispatch_equals_the_combined_pattern_on_marker_and_strategy_texts():
    # given: texts made of the patterns' own words and phrases, some glued or elongated
    rng = random.Random(20251130)
    words: list[str] = []
    for pattern in [p for _, _, p in lexicon.ENTRIES] + [p for _, p in strategies.PHRASES]:
        for alternative in expand(pattern).split("|"):
            plain = re.sub(r"\\s[*+]?", " ", alternative)
            plain = re.sub(r"\(\?P<\w+>|[()?:\\+*\[\]{}^$=!<]", "", plain)
            words.append(" ".join(plain.split()))
    separators = [" ", " ", ", ", ". ", "! ", "? ", "-", "'", " 2 ", "  ", " 10% "]
    texts = []
    for _ in range(3000):
        parts = [rng.choice(words) for _ in range(rng.randrange(1, 12))]
        texts.append("".join(p + rng.choice(separators) for p in parts).strip())
    # when / then
    for text in texts:
        for dispatch in (lexicon.MARKER_DISPATCH, strategies.PHRASE_DISPATCH):
            _same_as_combined(dispatch, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aikmnostu '-,.!?2é")), max_size=40))
def test_dispatch_equals_the_combined_pattern_on_any_text(text):
    _same_as_combined(lexicon.MARKER_DISPATCH, text)
    _same_as_combined(strategies.PHRASE_DISPATCH, text)


def test_a_pattern_the_piece_filter_cannot_model_falls_back_to_the_candidate_scan():
    # given: a group with its own flags is not modelled
    dispatch = Dispatch([("g0", r"(?i:ab)c"), ("g1", "cd")])
    # when / then
    assert dispatch.pieces is None
    _same_as_combined(dispatch, "abc cd")


PLAIN_TEXTS = [
    "Saya mau tutup kartu kredit saya, tolong diproses ya kak",
    "terserah, kan sudah saya bilang dari tadi",
    "pelayanannya cepat dan ramah, makanan enak enak dan murah murah",
    "Ya sudah",
    "no thanks, I am sure. Please just close it",
    "I'm sure, I don't want the offer. Don't call me again, it's fine",
    "Could you please check my order again? It has been 3 days",
    "tidak mau berhenti langganan, tidak perlu diskon",
    "ok",
    "  ",
    "",
]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_the_plain_path_equals_the_general_path(text):
    # given
    lowered = text.lower()
    assert pieces.records_of(ascii_pieces(lowered)) is not None
    # when
    fast = score_utterance(text).to_dict()
    general = scoring._score(text, lowered, ascii_pieces(lowered)).to_dict()
    # then
    assert json.dumps(fast) == json.dumps(general)


def test_pieces_without_a_record_take_the_general_path():
    # given: slang that expands to two words, an elongated word, pieces of two tokens
    # when / then
    assert pieces.records_of(["makasih", "kak"]) is None
    assert pieces.records_of(["kakkk"]) is None
    assert pieces.records_of(["rock'n'roll"]) is None
    assert pieces.records_of(["a_b"]) is None
    assert pieces.records_of(["'hello"]) is None
    assert score_utterance("makasih kak").to_dict()["acts"] == ["thanks"]


def test_records_of_a_fresh_cache_equal_the_cached_records():
    # given
    turn = ascii_pieces("halo kak saya mau tanya soal tagihan bulan ini")
    cached = pieces.records_of(turn)
    # when
    pieces.clear_cache()
    fresh = pieces.records_of(turn)
    # then (a new piece's decision may wait for its narrowing: compared as settled)
    assert _settled(fresh) == _settled(cached)
