"""Patterns that read a whole turn are linear in its length (a turn may be 50 MB): the
"are you sure?" check is a word search before the last question mark, the same answers as the
backtracking pattern it replaced (which rescanned the rest of the turn for every "yakin")."""

from __future__ import annotations

import itertools
import random
import re

from karib.tone.offers import asks_sure

# The pattern before: quadratic on "yakin yakin yakin ..." without a question mark.
_BEFORE = re.compile(
    r"(?<!\w)(?:yakin(?!\w)[^?]*\?|are\s+you\s+(?:really\s+|absolutely\s+|completely\s+|"
    r"quite\s+|totally\s+|100%\s+)?sure)",
    re.IGNORECASE,
)
_PIECES = ["yakin", "Yakin", "?", " ", "x", "ayakin", "yakinx", "are you sure", "mau", ",", "\n"]


def test_asks_sure_answers_as_the_backtracking_pattern_did():
    # every short combination, and random longer ones
    texts = ["".join(c) for n in range(1, 4) for c in itertools.product(_PIECES, repeat=n)]
    generator = random.Random(7)
    texts += ["".join(generator.choices(_PIECES, k=generator.randint(4, 30))) for _ in range(3000)]
    for text in texts:
        assert asks_sure(text) == (_BEFORE.search(text) is not None), repr(text)


def test_asks_sure_reads_offers_and_not_other_questions():
    assert asks_sure("Yakin mau ditutup, kak? Ada cashback 50% lho")
    assert asks_sure("Are you absolutely sure you want to leave?")
    assert not asks_sure("Saya yakin bisa bantu. Ada lagi yang bisa dibantu")
    assert not asks_sure("Apakah nomornya benar? Saya yakin sudah terkirim")
