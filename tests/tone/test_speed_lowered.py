"""The lower-cased twins of the per-utterance tests give exactly what the plain tests give.

On ASCII text ``score_utterance`` tests the imperative and the question on ``text.lower()``
with case-sensitive twins of the IGNORECASE patterns (``lexicon.IMPERATIVE_LOWER_RE``,
``lexicon.is_lowered_question``), hands that lower-cased copy to
``cancellation.polite_request``, and the sentiment model cuts a new token's char n-grams
with ``sentiment.gram_slices`` instead of ``features.char_ngrams`` (its row is checked
against the one-by-one sum in ``test_speed_packed.py``).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karib.tone import lexicon, scoring
from karib.tone.cancellation import polite_request
from karib.tone.features import char_ngrams
from karib.tone.normalize import expand
from karib.tone.sentiment import gram_slices

TEXTS = [
    "Cek dulu pesanan Bapak",
    "CEK DULU PESANAN BAPAK",
    "  ...Tunggu!! saya lagi sibuk",
    "Hold   on, I'm checking",
    "HOLD ON",
    "Just do it.",
    "Apa bisa saya tutup kartu kredit saya",
    "APAKAH paket saya sudah dikirim",
    "Kapan dikirim",
    "kirim kapan...",
    "Paketnya belum",
    "Why is my order late",
    "could you please cancel my subscription",
    "Mohon dibatalkan ya kak",
    "MOHON DIBATALKAN",
    "I want to END MY plan",
    "Bisa saya batalkan pesanan saya setelah dibayar?",
    "Berapa",
    "kah",
    "terima kasih",
    "",
    "   ",
    "?!",
]


def _words() -> list[str]:
    """The imperative, question and cancellation patterns' own words, and filler."""
    found: list[str] = []
    for pattern in (lexicon.IMPERATIVE, lexicon.QUESTION):
        for part in expand(pattern).replace("(", "|").replace(")", "|").split("|"):
            word = part.strip("^\\W*?:!<[]'$ ")
            if word.isalpha():
                found.append(word)
    return found + ["batal", "tutup", "cancel", "close", "stop", "my", "end", "saya", "ya"]


def _variants(rng: random.Random, words: list[str], count: int) -> list[str]:
    separators = [" ", "  ", ", ", ". ", "? ", "! ", " - ", "\n", "'", "...", "_"]
    texts = []
    for _ in range(count):
        text = "".join(
            rng.choice(words) + rng.choice(separators) for _ in range(rng.randrange(1, 6))
        )
        text = rng.choice([text, text.upper(), text.title(), text.capitalize(), " " + text])
        texts.append(text.rstrip() if rng.random() < 0.5 else text)
    return texts


def _span(match: object) -> tuple[int, int] | None:
    return None if match is None else match.span()  # type: ignore[attr-defined]


def _same_tests(text: str) -> None:
    lowered = text.lower()
    assert _span(lexicon.IMPERATIVE_LOWER_RE.match(lowered)) == _span(
        lexicon.IMPERATIVE_RE.match(text)
    ), text
    assert lexicon.is_lowered_question(lowered) == lexicon.is_question(text), text
    assert _span(polite_request(text, lowered)) == _span(polite_request(text)), text
    markers = scoring.find_markers(text)
    assert scoring.acts_of(text, markers, lowered) == scoring.acts_of(text, markers), text


@pytest.mark.parametrize("text", TEXTS)
def test_lowered_twins_answer_as_the_plain_tests(text):
    # given an ASCII text in any case / when / then
    _same_tests(text)


def test_lowered_twins_answer_as_the_plain_tests_on_pattern_words():
    # given: the patterns' own words, glued with separators, in every case
    texts = _variants(random.Random(20261130), _words(), 3000)
    # when / then
    for text in texts:
        _same_tests(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_lowered_twins_answer_as_the_plain_tests_on_any_ascii(text):
    _same_tests(text)


@pytest.mark.parametrize("size", range(1, 16))
def test_gram_slices_cut_the_char_ngrams(size):
    # given a token of every length up to 15
    token = "abcdefghijklmno"[:size]
    # when
    padded = " " + token + " "
    grams = tuple(padded[cut] for cut in gram_slices(len(padded)))
    # then
    assert grams == char_ngrams(token)
