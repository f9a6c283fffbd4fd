"""Whether a turn is a question: ``lexicon.QUESTION_RE.search(text) is not None``, cheaply.

``lexicon`` splits QUESTION_RE in three parts: a "?" anywhere, a question word at the start
(``start``), a question word at the end (``end``, searched from ``window`` characters before
the last word character). The end of the last word is found here with one ``str.rstrip``
on ASCII text (every ASCII character that is no ``\\w`` is stripped) instead of a regex
match per trailing character; other text keeps the per-character test, whose ``\\w`` is
Unicode's. ``question_test`` builds the test from lexicon's compiled parts, so this module
imports nothing from lexicon (lexicon may take its ``is_question`` from here).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD_CHAR_RE = re.compile(r"\w")
# Every ASCII character that is no \w: rstrip of these ends ASCII text at its last \w.
NOT_WORD_ASCII = "".join(chr(i) for i in range(128) if _WORD_CHAR_RE.match(chr(i)) is None)
# The parts each test was built from (``pieces.py`` reads them for its question bits).
QUESTION_PARTS: dict[Callable[[str], bool], tuple[re.Pattern[str], re.Pattern[str], int]] = {}


def question_test(
    start: re.Pattern[str], end: re.Pattern[str], window: int
) -> Callable[[str], bool]:
    """``is_question(text)``: a "?" in ``text``, or ``start`` matches at 0, or ``end``
    finds a match from ``window`` characters before the end of the last word character."""
    start_match = start.match
    end_search = end.search
    word_char = _WORD_CHAR_RE.match

    def is_question(text: str) -> bool:
        """Exactly ``QUESTION_RE.search(text) is not None``, faster on long turns."""
        if "?" in text or start_match(text) is not None:
            return True
        if text.isascii():
            last = len(text.rstrip(NOT_WORD_ASCII))
        else:
            last = len(text)
            while last and word_char(text, last - 1) is None:
                last -= 1
        return end_search(text, max(0, last - window)) is not None

    QUESTION_PARTS[is_question] = (start, end, window)
    return is_question


def question_mark(text: str) -> bool:
    """``is_question`` of a text whose start and end can hold no question word: a "?"."""
    return "?" in text
