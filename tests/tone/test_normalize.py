"""The shared tokenisation pass equals the regular expressions it replaces."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from karib.tone import normalize, strategies

TEXT = st.text(alphabet="aAbkK0 9_'\u2019.,!?-\t\né😀", max_size=40)


@given(TEXT)
def test_raw_tokens_are_the_token_pattern_matches(text: str) -> None:
    # given
    lowered = text.lower().replace("\u2019", "'")
    # when
    tokens = normalize.raw_tokens(lowered)
    # then
    assert tokens == normalize._TOKEN_RE.findall(lowered)


@given(TEXT)
def test_elongation_flag_is_a_run_of_three_equal_letters(text: str) -> None:
    # given
    lowered = text.lower()
    expected = normalize.LETTER_RUN_RE.search(lowered) is not None
    # when (twice: once computing the tokens, once from the cache)
    first = normalize.tokens_of(lowered)
    second = normalize.tokens_of(lowered)
    # then
    assert first[1] is expected
    assert second == first
    assert first[2] == len(normalize._TOKEN_RE.findall(lowered.replace("\u2019", "'")))


def test_tokens_are_folded_squeezed_and_mapped() -> None:
    # given
    text = "Gak mau, Rp 15.000 bangeeet_ok I\u2019m"
    # when
    tokens, elongated, count = normalize.tokens_of(text.lower())
    # then
    assert tokens == ["tidak", "mau", "rp", "00", "00", "bangeet", "oke", "i'm"]
    assert elongated
    assert count == 8


@given(TEXT)
def test_strategy_words_are_the_word_pattern_matches(text: str) -> None:
    # given
    lowered = text.lower()
    # when
    words = strategies.lower_words(lowered)
    # then
    assert words == strategies._WORD_RE_LOWER.findall(lowered)
