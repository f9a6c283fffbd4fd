"""Packed sentiment rows (``sentiment.packed``) give exactly the sums and scores of the row
tuples they replace, on any rows; the char n-gram row summed with ``sum(column, start)``
equals the one-by-one loop it replaces; records keyed by their token are the records of
their pieces."""

from __future__ import annotations

import math
import struct
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karib.tone import pieces, scoring
from karib.tone.features import char_ngrams
from karib.tone.normalize import ascii_pieces, normalize_tokens
from karib.tone.sentiment import _ZERO, SentimentModel, load_model, packed

UNPACK = struct.Struct("4d").unpack
_value = st.floats(allow_nan=False, allow_infinity=False, width=64) | st.sampled_from(
    [0.0, -0.0, 5e-324, -5e-324, 1e-300, 1e300, 0.1, 0.2, 0.3]
)
_row = st.tuples(_value, _value, _value, st.floats(0.0, 1e6) | st.just(0.0))


def _exact(scores: dict[str, float]) -> list[tuple[str, str]]:
    return [(label, repr(value)) for label, value in scores.items()]


@settings(max_examples=500, deadline=None)
@given(st.lists(_row, max_size=60))
def test_packed_rows_sum_to_the_sums_of_the_row_tuples(rows):
    # given: the softmax replaced by the identity on the four column sums
    model = load_model()
    original = SentimentModel._softmax
    SentimentModel._softmax = lambda self, *sums: {"sums": sums}  # type: ignore[method-assign]
    try:
        # when
        fast = model.packed_scores([packed(row) for row in rows])["sums"]
        slow = model.scores(list(rows))["sums"]
    finally:
        SentimentModel._softmax = original  # type: ignore[method-assign]
    # then: the same floats bit for bit (repr tells -0.0 from 0.0)
    assert [repr(x) for x in fast] == [repr(x) for x in slow]


_small = st.floats(-50.0, 50.0) | st.sampled_from([0.0, -0.0, 5e-324, 1e-300, 0.1, 0.2])
_small_row = st.tuples(_small, _small, _small, st.floats(0.0, 50.0))


@settings(max_examples=500, deadline=None)
@given(st.lists(_small_row, max_size=60))
def test_packed_scores_equal_the_scores_of_the_row_tuples(rows):
    # given
    model = load_model()
    # when
    fast = model.packed_scores([packed(row) for row in rows])
    # then
    assert _exact(fast) == _exact(model.scores(list(rows)))


def test_packed_rows_hold_the_row_doubles_exactly():
    # given
    rows = [(0.1, -0.0, 1e-310, 3.5), (math.pi, -math.e, 1e300, 0.0)]
    # when / then
    for row in rows:
        assert UNPACK(packed(row)) == row
        assert [repr(x) for x in UNPACK(packed(row))] == [repr(x) for x in row]


def test_the_model_packs_its_word_negated_and_bigram_rows():
    # given
    model = load_model()
    # when / then
    assert model.packed_words.keys() == model._words.keys()
    assert all(UNPACK(model.packed_words[t]) == row for t, row in model._words.items())
    assert all(UNPACK(model.packed_negs[t]) == row for t, row in model._negs.items())
    for (left, right), row in model._pairs.items():
        assert UNPACK(model.packed_rights_of(left)[right]) == row
    assert model.packed_rights_of("no such token qq") == {}


def _loop_row(model: SentimentModel, token: str) -> tuple[float, float, float, float]:
    """``_ngram_row`` as it summed before (one by one in a Python loop)."""
    s0, s1, s2, q = model._words.get(token, _ZERO)
    for gram, count in Counter(char_ngrams(token)).items():
        row = model._chars.get(gram)
        if row is None:
            continue
        v0, v1, v2, sq = row
        if count == 1:
            s0 += v0
            s1 += v1
            s2 += v2
            q += sq
        else:
            s0 += count * v0
            s1 += count * v1
            s2 += count * v2
            q += count * count * sq
    return (s0, s1, s2, q)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abdegiklmnoprstuy0'")), min_size=1, max_size=14))
def test_the_ngram_row_equals_the_one_by_one_sum(token):
    # given
    model = load_model()
    # when / then
    assert model._ngram_row(token) == _loop_row(model, token)


def test_the_ngram_row_equals_the_one_by_one_sum_on_words_of_the_model():
    # given: tokens with a word row, tokens without one, no known n-gram at all
    model = load_model()
    tokens = [*list(model._words)[:3000], "qqqqxz", "zzz", "x", "makanannyaaa"]
    # when / then
    for token in tokens:
        assert model._ngram_row(token) == _loop_row(model, token), token


@pytest.mark.parametrize(
    "text",
    [
        "12 34 12 gak ga tidak yg yang bgt banget",
        "tidak tidak gak ga 99 100 tidak",
        "Thx thx thanks makan makan",
    ],
)
def test_pieces_that_share_a_token_share_its_row_cached_or_fresh(text):
    # given: different pieces with one token ("12", "34" -> "00"; "gak", "ga" -> "tidak")
    turn = ascii_pieces(text.lower())
    tokens = normalize_tokens(text)
    expected = load_model().predict_tokens(tokens)
    pieces.clear_cache()
    # when
    fresh = pieces.records_of(turn)
    cached = pieces.records_of(turn)
    # then
    assert fresh is not None
    assert cached == fresh
    assert [r[0] for r in fresh] == tokens
    assert load_model().packed_scores(pieces.unit_rows(fresh)) == expected
    assert (
        scoring.score_utterance(text).to_dict()
        == scoring._score(text, text.lower(), turn).to_dict()
    )
