"""Feature units of the shipped sentiment model (shared by training and inference).

A text is split into *units* whose feature vectors are simply added up:

* each distinct normalised token: its char 2-5grams within `` token `` (word-boundary marks,
  so they depend on the token alone) — one unit per distinct token;
* each token occurrence: its word unigram ``w token``;
* each adjacent token pair: its word bigram ``b left right``;
* with a negation scope (models whose features include ``n x``): each token among the
  NEGATION_SCOPE tokens after a negator (``tidak``, ``bukan``, ...): ``n token``.

Feature values are raw counts times IDF (no sublinear TF), and the row is scaled by
``1 / sqrt(sum of the units' squared norms)`` — an additive stand-in for the L2 norm. Both
the score and the norm are therefore sums of per-unit terms, so inference can cache one
row per token and never builds the ~360 feature strings of an utterance.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import pairwise

from karib.tone.normalize import normalize_tokens

CHAR_MIN = 2
CHAR_MAX = 5
# Negation scope (model selection candidates, ``scripts/tone_cv_combinations.py``): the
# normalised tokens among the NEGATION_SCOPE after one of these.
NEGATORS = frozenset({"tidak", "bukan", "belum", "jangan", "kurang", "tanpa", "tak"})
NEGATION_SCOPE = 3


@lru_cache(maxsize=65536)
def char_ngrams(token: str) -> tuple[str, ...]:
    """Char 2-5grams of `` token `` (cached: tokens repeat a lot)."""
    padded = " " + token + " "
    size = len(padded)
    grams: list[str] = []
    for n in range(CHAR_MIN, CHAR_MAX + 1):
        if n > size:
            break
        grams.extend([padded[i : i + n] for i in range(size - n + 1)])
    return tuple(grams)


def token_unit(token: str) -> Counter[str]:
    """Char n-gram counts of one distinct token."""
    return Counter(char_ngrams(token))


def negated(tokens: list[str]) -> list[str]:
    """The tokens in a negation scope: the NEGATION_SCOPE tokens after a negator (a
    negator itself starts a new scope and is not negated)."""
    out: list[str] = []
    left = 0
    for token in tokens:
        if token in NEGATORS:
            left = NEGATION_SCOPE
        elif left:
            out.append(token)
            left -= 1
    return out


def sentiment_units(text: str, *, negation: bool = False) -> list[Counter[str]]:
    """The additive units of ``text`` (see the module docstring); used for training."""
    tokens = normalize_tokens(text)
    units = [token_unit(t) for t in dict.fromkeys(tokens)]
    units.extend(Counter({"w " + t: 1}) for t in tokens)
    units.extend(Counter({"b " + a + " " + b: 1}) for a, b in pairwise(tokens))
    if negation:
        units.extend(Counter({"n " + t: 1}) for t in negated(tokens))
    return units
