"""The tenth stop's question bits: a plain turn whose first piece cannot start a question
word and whose last piece cannot end one is a question exactly when it holds a "?".

``pieces.question_bits`` reads the parts of ``lexicon.is_lowered_question`` (the start part
and the end part); these tests check the bits against the test itself, on texts made of
the parts' own words, and the plain path of ``score_utterance`` against the general one.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from karib.tone import lexicon, pieces, scoring
from karib.tone.normalize import ascii_pieces
from karib.tone.questions import QUESTION_PARTS, question_mark

START, END, _ = QUESTION_PARTS[lexicon.is_lowered_question]
WORDS = sorted(
    {w for w in re.findall(r"[a-z]+", START.pattern + " " + END.pattern) if len(w) > 1} - {"w"}
)
SEPARATORS = [" ", "  ", ", ", "! ", "\t", "\n", "... ", "'", " '", "-", "?", ""]
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(SEPARATORS),
        st.sampled_from(["saya", "makanan", "enak", "mana", "dia", "s", "2"]),
        st.text(alphabet=st.characters(max_codepoint=127), max_size=3),
    ),
    max_size=6,
).map("".join)


def _bits(lowered: str) -> int:
    found = ascii_pieces(lowered)
    if not found:
        return 0
    first = pieces.question_bits(found[0]) & pieces.QUESTION_START
    return first | pieces.question_bits(found[-1]) & pieces.QUESTION_END


def test_the_parts_are_modelled():
    # given / when / then: the start part's spaced alternative ("di mana") is known and the
    # end part is words of letters (otherwise every piece gets both bits)
    assert "di" in (pieces._SPACED_FIRSTS or ())
    assert pieces._END_LETTERS


def test_question_bits_of_words():
    # given / when / then
    assert pieces.question_bits("apa") == pieces.QUESTION_START | pieces.QUESTION_END
    assert pieces.question_bits("what") == pieces.QUESTION_START
    assert pieces.question_bits("di") == pieces.QUESTION_START  # "di mana"
    assert pieces.question_bits("kah") == pieces.QUESTION_END
    assert pieces.question_bits("makanan") == 0
    assert pieces.question_bits("'") == pieces.QUESTION_START | pieces.QUESTION_END


@settings(max_examples=800, deadline=None)
@given(TEXTS)
def test_without_bits_a_question_is_a_question_mark(text):
    # given
    lowered = text.lower()
    if not lowered.isascii():
        return
    # when
    bits = _bits(lowered)
    # then
    if not bits:
        assert lexicon.is_lowered_question(lowered) == question_mark(lowered)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_plain_path_gives_the_acts_of_the_general_path(text):
    # given
    lowered = text.lower()
    if not lowered.isascii():
        return
    # when
    plain = scoring.score_utterance(text)
    general = scoring._score(text, lowered, ascii_pieces(lowered))
    # then
    assert plain.to_dict() == general.to_dict()


def test_statements_and_questions_on_the_plain_path():
    # given / when / then
    assert "question" not in scoring.score_utterance("makanan enak sekali").acts
    assert "question" in scoring.score_utterance("di mana toko nya").acts
    assert "question" in scoring.score_utterance("toko nya buka jam berapa").acts
    assert "question" in scoring.score_utterance("makanan nya enak?").acts
    assert "question" in scoring.score_utterance("makanan nya enak kah").acts
