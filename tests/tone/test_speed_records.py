"""The cheaper per-turn paths give exactly what they replace: the sentiment rows gathered in
one pass over a plain turn's records (packed), ``is_question`` with one ``rstrip``, the piece filter
grouped by leading characters, and ``records.utterance_score``."""

from __future__ import annotations

import dataclasses
import gzip
import json
import math
import random
import re
import struct
from itertools import compress, islice, pairwise
from operator import eq
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karib.tone import lexicon, pieces, scoring, strategies
from karib.tone.features import NEGATORS, negated
from karib.tone.filters import grouped_filter
from karib.tone.normalize import ascii_pieces, normalize_tokens
from karib.tone.questions import question_test
from karib.tone.records import Marker, UtteranceScore, utterance_score
from karib.tone.sentiment import load_model, round4

UNPACK = struct.Struct("4d").unpack
FIXTURE = Path(__file__).parent / "cases" / "smsa_outputs.jsonl.gz"
TURNS = [
    "tidak enak , tidak enak sama sekali , bukan main mahalnya , tidak tidak tidak",
    "pelayanannya cepat dan ramah, makanan enak enak dan murah murah",
    "saya tidak mau berhenti langganan , jangan ditutup ya kak",
    "harga naik terus , belum pernah saya lihat yang seperti ini , kurang ajar",
    "ok",
    "",
    "gimana kak?",
    "boleh tanya kenapa belum dikirim",
    "kapan",
    "di mana alamatnya",
    "Kirim sekarang juga!!!",
]


def _smsa_texts() -> list[str]:
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as handle:
        return [str(json.loads(line)["text"]) for line in handle]


def _old_rows(tokens: list[str]) -> list[tuple[float, float, float, float]]:
    """The row order of ``SentimentModel.predict_tokens`` before ``pieces.unit_rows``."""
    model = load_model()
    distinct = dict.fromkeys(tokens)
    rows = [model.row_of(t) for t in distinct]
    ordered = sorted(tokens)
    repeats = compress(ordered, map(eq, ordered, islice(ordered, 1, None)))
    rows += filter(None, map(model.word_row_of, repeats))
    rows += filter(None, (model.rights_of(a).get(b) for a, b in pairwise(tokens)))
    if not NEGATORS.isdisjoint(tokens):
        rows += filter(None, map(model.negated_row_of, negated(tokens)))
    return rows


@pytest.mark.parametrize("text", [*TURNS, *_smsa_texts()[::2]])
def test_unit_rows_are_the_rows_of_the_general_path_in_its_order(text):
    # given: a plain turn, or one whose pieces have no records (checked on the general path)
    records = pieces.records_of(ascii_pieces(text.lower()))
    tokens = normalize_tokens(text)
    if records is None:
        assert (
            scoring.score_utterance(text).to_dict()
            == scoring._score(text, text.lower(), ascii_pieces(text.lower())).to_dict()
        )
        return
    # when
    rows = pieces.unit_rows(records)
    # then: the same rows (packed) in the same order, so the same sums and the same scores
    assert [UNPACK(row) for row in rows] == _old_rows(tokens)
    assert load_model().packed_scores(rows) == load_model().predict_tokens(tokens)


_question_text = st.lists(
    st.sampled_from([*"apkhdimnswo ?.,!'-_\t\n1é’", "kah", "apa", "di mana", "Berapa"]),
    max_size=20,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_question_text)
def test_is_question_equals_the_question_pattern_on_any_text(text):
    # when / then
    assert scoring.is_question(text) == (lexicon.QUESTION_RE.search(text) is not None)


def test_is_question_equals_the_question_pattern_on_long_turns():
    # given
    texts = [*TURNS, *_smsa_texts()]
    texts += [t + " kah ?!" for t in texts] + [t + " berapa ... " for t in texts]
    texts += [t + " apa é" for t in texts[:50]]
    # when / then
    for text in texts:
        assert scoring.is_question(text) == (lexicon.QUESTION_RE.search(text) is not None), text


def test_question_test_finds_the_last_word_before_trailing_signs():
    # given
    test = question_test(re.compile(r"(?!)"), re.compile(r"(?<!\w)kah\W*$"), 6)
    # when / then
    assert test("benar kah  ...  !!  ")
    assert test("benar kah é ") is False
    assert test("benar kahé") is False
    assert test("é kah ") is True


_piece = st.text(alphabet=st.sampled_from(list("abdegiklmnoprstuy'_0")), min_size=1, max_size=9)


@pytest.mark.parametrize(
    "dispatch", [lexicon.MARKER_DISPATCH, strategies.PHRASE_DISPATCH], ids=["markers", "phrases"]
)
def test_the_grouped_piece_filter_passes_the_pieces_of_the_plain_alternation(dispatch):
    # given
    assert dispatch.pieces is not None
    plain = re.compile("|".join(f for f in dispatch._filters if f is not None))
    turns = [*TURNS, *_smsa_texts()]
    words = {p for t in turns for p in ascii_pieces(t.lower())}
    words |= {w for _, _, p in lexicon.ENTRIES for w in re.findall(r"[a-z']+", p)}
    words |= {w[:n] for w in list(words) for n in (1, 2, 3)}
    # when / then
    for word in sorted(words):
        assert (dispatch.pieces.fullmatch(word) is None) == (plain.fullmatch(word) is None), word

    @settings(max_examples=300, deadline=None)
    @given(_piece)
    def same(word):
        assert (dispatch.pieces.fullmatch(word) is None) == (plain.fullmatch(word) is None)

    same()


def test_grouped_filter_groups_by_leading_pair_and_keeps_unknown_leads_everywhere():
    # given: "ab..." (pair ab), "a" then a separator (a piece of one char), unknown start
    # and one with more leading strings than are grouped (tried on every piece)
    filters = ["ab[a-z]*", "a", "[0-9]+", None, "q[a-z]"]
    leads = [{"ab"}, {"a "}, None, {"zz"}, {"qa", "qb", "qc", "qd", "qe"}]
    # when
    grouped = re.compile(grouped_filter(filters, leads))
    # then
    assert [w for w in ("abc", "a", "ac", "42", "zz", "b", "qz") if grouped.fullmatch(w)] == [
        "abc",
        "a",
        "42",
        "qz",
    ]


def test_utterance_score_equals_the_constructor_and_stays_frozen():
    # given
    marker = Marker("polite", "thanks", "makasih", 0, 7)
    fields = ("makasih", 0.68, "positive", {"positive": 0.9}, (marker,), ("thanks",))
    # when
    fast = utterance_score(*fields)
    # then
    assert fast == UtteranceScore(*fields)
    assert fast.to_dict() == UtteranceScore(*fields).to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.politeness = 1.0  # type: ignore[misc]


def test_round4_equals_round_to_four_digits_on_probabilities():
    # given: random probabilities, every 4-digit value, the half-way points and their
    # neighbouring doubles
    rng = random.Random(20261130)
    values = [rng.random() for _ in range(200_000)] + [0.0, 1.0, 5e-324, 5e-5, 1e-5]
    for k in range(10_001):
        half = (k + 0.5) / 1e4
        values += [k / 1e4, half, math.nextafter(half, 0.0), math.nextafter(half, 1.0)]
    # when / then
    for value in values:
        assert repr(round4(value)) == repr(round(value, 4)), value
