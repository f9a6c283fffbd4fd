"""The ninth stop's cheaper per-turn steps give exactly what they skip or replace.

* ``filters.start_heads``: a start-anchored pattern (the imperative test, the anchored
  marker alternatives) matches ASCII text only when the text's first two word characters
  (``dispatch.head_of``) are one of its heads;
* the records' cue flag: ``cancellation.polite_request`` finds nothing in a plain turn none
  of whose pieces holds one of its cue words;
* ``SentimentModel.packed_label_scores``: ``packed_scores`` and the label ``max`` picks.
"""

from __future__ import annotations

import re
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karib.tone import lexicon, pieces, scoring
from karib.tone.cancellation import polite_request
from karib.tone.dispatch import Dispatch, head_of, heads_of, may_start
from karib.tone.normalize import ascii_pieces, expand
from karib.tone.sentiment import load_model, packed

_PACK = struct.Struct("4d").pack


def _pattern_words() -> list[str]:
    """The literal words of the imperative and the anchored marker alternatives."""
    found: list[str] = []
    sources = [expand(lexicon.IMPERATIVE)]
    assert lexicon.MARKER_DISPATCH.anchored is not None
    sources.append(lexicon.MARKER_DISPATCH.anchored.pattern)
    for source in sources:
        for part in re.split(r"[()|?:\\^*+\[\]<>!=$]+", source):
            word = part.strip("Wsb,. '")
            if word.isalpha():
                found.append(word)
    return found


WORDS = _pattern_words()
SEPARATORS = [" ", "  ", ", ", "! ", "\t", "\n", "... ", "'", " '", "-", ""]
ASCII_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(SEPARATORS),
        st.text(alphabet=st.characters(max_codepoint=127), max_size=4),
    ),
    max_size=6,
).map("".join)


def test_the_heads_are_known_for_the_imperative_and_the_anchored_alternatives():
    # given / when / then: both patterns are modelled (otherwise nothing is skipped)
    assert pieces.IMPERATIVE_HEADS is not None
    assert "tu" in pieces.IMPERATIVE_HEADS  # "tunggu"
    assert lexicon.MARKER_DISPATCH.anchored_heads is not None
    assert "ya" in lexicon.MARKER_DISPATCH.anchored_heads  # "ya sudah"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^\W*(?:ab|cd)e", frozenset({"ab", "cd"})),
        (r"^\W*a(?:b|c)|^\W*x[yz]", frozenset({"ab", "ac", "xy", "xz"})),
        (r"^\W*(?:ab)?cd", frozenset({"ab", "cd"})),  # the optional group read through
        (r"^\W*a", None),  # one character: shorter than a head
        (r"^\W*\.ab", None),  # starts with a non-word character
        (r"^ab", None),  # no leading \W*
        (r"^\W*ab|cd", None),  # an alternative that is not start-anchored
        (r"^\W*a\s*b", None),  # "a" then a space (not modelled): unknown
    ],
)
def test_start_heads_only_when_every_alternative_starts_with_two_word_characters(pattern, expected):
    # given / when / then
    assert heads_of(pattern) == expected


@settings(max_examples=400, deadline=None)
@given(ASCII_TEXTS)
def test_no_start_anchored_match_outside_the_heads(text):
    # given
    lowered = text.lower()
    anchored = lexicon.MARKER_DISPATCH.anchored
    assert anchored is not None
    # when / then: a match means the head is known (the converse need not hold)
    if lexicon.IMPERATIVE_LOWER_RE.match(lowered) is not None:
        assert head_of(lowered) in pieces.IMPERATIVE_HEADS
    if anchored.match(lowered) is not None:
        assert head_of(lowered) in lexicon.MARKER_DISPATCH.anchored_heads


@settings(max_examples=400, deadline=None)
@given(ASCII_TEXTS)
def test_the_first_piece_tells_the_head_or_nothing(text):
    # given
    lowered = text.lower()
    turn = ascii_pieces(lowered)
    # when / then: may_start is head_of's test, or True when the first piece cannot tell
    for heads in (pieces.IMPERATIVE_HEADS, lexicon.MARKER_DISPATCH.anchored_heads):
        assert heads is not None
        if head_of(lowered) in heads:
            assert may_start(turn, heads)
        if turn and len(turn[0]) >= 2 and turn[0][0] != "'":
            assert may_start(turn, heads) == (head_of(lowered) in heads)


@pytest.mark.parametrize(
    "text",
    ["ya sudah", "  ...Ya udah deh.", "yo wis", "Your problem", "fine", "Deal with it", "ok"],
)
def test_dispatch_with_anchored_heads_equals_the_combined_pattern(text):
    # given
    lowered = text.lower()
    dispatch = lexicon.MARKER_DISPATCH
    # when
    found = [(m.lastgroup, m.span()) for m in dispatch.finditer(lowered)]
    # then
    assert found == [(m.lastgroup, m.span()) for m in dispatch.combined.finditer(lowered)]


def test_a_dispatch_without_anchored_heads_still_tries_its_anchored_pattern():
    # given: an anchored alternative whose start is not two word characters
    dispatch = Dispatch([("g0", r"^\W*a"), ("g1", "bc")])
    # when / then
    assert dispatch.anchored_heads is None
    assert [m.span() for m in dispatch.finditer("a bc")] == [(0, 1), (2, 4)]


CUE_TEXTS = st.lists(
    st.sampled_from(
        [
            "batal",
            "pembatalan",
            "cancel",
            "tutup",
            "ditutup",
            "close",
            "stop",
            "berhenti",
            "nonaktifkan",
            "end",
            "my",
            "pendek",
            "apa",
            "bisa",
            "saya",
            "mohon",
            "please",
            "kartu",
            "?",
            ",",
            "tolong",
        ]
    ),
    max_size=8,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(CUE_TEXTS)
def test_polite_request_finds_nothing_without_a_cue_piece(text):
    # given
    lowered = text.lower()
    records = pieces.records_of(ascii_pieces(lowered))
    # when / then: a request is only found in a turn with a cue piece
    if records is not None and not any(map(pieces.CUES, records)):
        assert polite_request(text, lowered) is None
    assert (
        scoring.score_utterance(text).to_dict()
        == scoring._score(text, lowered, ascii_pieces(lowered)).to_dict()
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(-5, 5, allow_nan=False),
            st.floats(-5, 5, allow_nan=False),
            st.floats(-5, 5, allow_nan=False),
            st.floats(0, 5, allow_nan=False),
        ),
        max_size=12,
    )
)
def test_packed_label_scores_are_packed_scores_and_their_max_label(rows):
    # given
    model = load_model()
    units = [packed(row) for row in rows]
    # when
    label, scores = model.packed_label_scores(units)
    # then
    expected = model.packed_scores(units)
    assert scores == expected
    assert label == max(expected, key=expected.__getitem__)


def test_packed_label_scores_pick_the_first_of_equal_probabilities():
    # given: no rows (equal logits up to the intercept) and rows that tie two classes
    model = load_model()
    for units in ([], [_PACK(1.0, 1.0, -1.0, 1.0)], [_PACK(0.0, 0.0, 0.0, 0.0)]):
        # when
        label, scores = model.packed_label_scores(units)
        # then
        assert label == max(scores, key=scores.__getitem__)


@settings(max_examples=400, deadline=None)
@given(ASCII_TEXTS)
def test_the_plain_path_with_start_bits_equals_the_general_path(text):
    # given: texts made of the imperative's and the anchored alternatives' own words
    lowered = text.lower()
    turn = ascii_pieces(lowered)
    records = pieces.records_of(turn)
    # when / then: the first record's bits are may_start of the first piece
    if records:
        starts = records[0][pieces.STARTS]
        assert bool(starts & pieces.IMPERATIVE_START) == may_start(turn, pieces.IMPERATIVE_HEADS)
        assert bool(starts & pieces.ANCHORED_START) == may_start(
            turn, lexicon.MARKER_DISPATCH.anchored_heads
        )
    assert scoring.score_utterance(text).to_dict() == scoring._score(text, lowered, turn).to_dict()
