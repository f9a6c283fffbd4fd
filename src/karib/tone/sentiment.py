"""The shipped sentiment model: sparse weights of a logistic regression on additive units.

The weights live in ``data/sentiment.json.gz`` (built by ``scripts/train_tone_models.py``)
and are loaded lazily, once per process. Features and normalisation are defined in
``features.py``: the score and the norm are sums over tokens, token pairs and distinct
tokens, so each distinct token's char n-gram contribution is computed once and cached.

The model file also ships these per-token rows, precomputed at build time for every token of
the training data (``tokens``: token -> 4 floats, exactly what ``_token_row`` computes from
the rounded weights, so the scores are identical): a known token costs one dict lookup even
in a fresh process; other tokens take the char n-gram path and are cached.
"""

from __future__ import annotations

import gzip
import json
import math
import struct
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from itertools import compress, islice, pairwise
from operator import eq
from typing import cast

from karib.tone.features import CHAR_MAX, CHAR_MIN, NEGATORS, negated
from karib.tone.normalize import normalize_tokens, preload

MODEL_FILE = "sentiment.json.gz"
CACHE_LIMIT = 200_000
_ZERO = (0.0, 0.0, 0.0, 0.0)

Row = tuple[float, float, float, float]
# The bigram rows of a token that starts no known bigram (shared, never written to).
NO_RIGHTS: dict[str, Row] = {}
# A row packed as 4 C doubles (32 bytes): one object instead of a tuple and 4 floats.
_PACK = struct.Struct("4d").pack
NO_PACKED_RIGHTS: dict[str, bytes] = {}


def packed(row: Row) -> bytes:
    """``row`` as the 4 doubles ``packed_scores`` sums."""
    return _PACK(*row)


class SentimentModel:
    """Sparse linear model: ``weights[feature] = (idf, w_class0, w_class1, w_class2)`` (a
    sequence of 4 floats)."""

    __slots__ = (
        "_chars",
        "_known",
        "_negs",
        "_pairs",
        "_rights",
        "_tokens",
        "_words",
        "classes",
        "intercept",
        "meta",
        "packed_negs",
        "packed_rights",
        "packed_words",
        "weights",
    )

    def __init__(
        self,
        classes: tuple[str, ...],
        intercept: tuple[float, ...],
        weights: Mapping[str, Sequence[float]],
        meta: dict[str, object],
        tokens: dict[str, Row] | None = None,
    ) -> None:
        self.classes = classes
        self.intercept = intercept
        self.weights = weights
        self.meta = meta
        # Pre-multiplied rows (idf*w0, idf*w1, idf*w2, idf**2) per char n-gram, per word
        # unigram (``w x``, keyed ``x``) and per bigram (``b x y``, keyed ``(x, y)``).
        self._chars: dict[str, Row] = {}
        self._words: dict[str, Row] = {}
        # Bigram rows keyed by the token pair (``zip`` makes the keys in C).
        self._pairs: dict[tuple[str, str], Row] = {}
        # Negated-word rows (``n x``, keyed ``x``): empty unless the model has a negation
        # scope.
        self._negs: dict[str, Row] = {}
        for feat, (idf, w0, w1, w2) in weights.items():
            row = (idf * w0, idf * w1, idf * w2, idf * idf)
            # Word features are ``w x`` / ``b x y`` / ``n x``; char n-grams only have spaces
            # at their ends, so a space at index 1 of a longer feature marks a word feature.
            if len(feat) > 2 and feat[1] == " ":
                if feat[0] == "b":
                    left, _, right = feat[2:].partition(" ")
                    self._pairs[sys.intern(left), sys.intern(right)] = row
                elif feat[0] == "n":
                    self._negs[sys.intern(feat[2:])] = row
                else:
                    self._words[sys.intern(feat[2:])] = row
            else:
                self._chars[feat] = row
        # The bigram rows again, by left token and then right token: a token's bigram rows
        # travel with it (``rights_of``), so a text's bigrams need no pair keys.
        self._rights: dict[str, dict[str, Row]] = {}
        for (left, right), row in self._pairs.items():
            self._rights.setdefault(left, {})[right] = row
        # The same rows packed (``packed``, for ``packed_scores``): the word, negated-word and
        # bigram rows that the per-piece records use (``pieces.py``). Built once at load.
        self.packed_words = {token: _PACK(*row) for token, row in self._words.items()}
        self.packed_negs = {token: _PACK(*row) for token, row in self._negs.items()}
        self.packed_rights = {
            left: {right: _PACK(*row) for right, row in rights.items()}
            for left, rights in self._rights.items()
        }
        # Shipped per-token rows (model data) and the per-token row cache, which starts as
        # (and is reset to) a copy of them: a known token costs one look-up even cold.
        self._known: dict[str, Row] = tokens if tokens is not None else {}
        self._tokens: dict[str, Row] = dict(self._known)

    def clear_cache(self) -> None:
        """Reset the per-token row cache to the state of a freshly loaded model."""
        self._tokens.clear()
        self._tokens.update(self._known)

    def token_rows(self, tokens: Iterable[str]) -> dict[str, Row]:
        """The n-gram rows of ``tokens`` (computed, not looked up): what the model file
        ships under ``tokens``."""
        return {token: self._ngram_row(token) for token in tokens}

    def _token_row(self, token: str) -> Row:
        """Char n-gram contribution of one distinct token plus one occurrence of its word
        unigram (cached)."""
        result = self._ngram_row(token)
        cache = self._tokens
        if len(cache) >= CACHE_LIMIT:
            self.clear_cache()
        cache[token] = result
        return result

    def _ngram_row(self, token: str) -> Row:
        """Word unigram row of ``token`` plus its char n-gram rows, summed in the order of
        ``features.token_unit`` (first occurrence), so every path gives the same floats."""
        get = self._chars.get
        start = self._words.get(token, _ZERO)
        # ``features.char_ngrams(token)``, cut in C from the padded token by the slices of
        # its length (no Python loop per n-gram; a new token's n-grams are seldom needed
        # twice: its row is cached).
        padded = " " + token + " "
        grams = list(map(padded.__getitem__, gram_slices(len(padded))))
        if len(set(grams)) == len(grams):
            # No repeated n-gram (most tokens): the counts are all 1, no Counter needed.
            # ``sum(column, start)`` adds the column to ``start`` one by one, in order.
            found = list(filter(None, map(get, grams)))
            if not found:
                return start
            s0, s1, s2, q = map(sum, zip(*found, strict=False), start)
            return (s0, s1, s2, q)
        s0, s1, s2, q = start
        for gram, count in Counter(grams).items():
            row = get(gram)
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

    def predict(self, text: str) -> dict[str, float]:
        return self.predict_tokens(normalize_tokens(text))

    def predict_tokens(self, tokens: list[str]) -> dict[str, float]:
        """``predict`` of a text whose normalised tokens are ``tokens``: the rows of its
        units (one per distinct token, one per further occurrence, one per known bigram,
        one per known negated word)
        gathered with C-level look-ups and summed column by column.

        Further occurrences are found without a Counter: in the sorted tokens, every token
        equal to its predecessor is one more occurrence (``compress`` over ``eq``, in C),
        and each adds its word unigram row once."""
        distinct = set(tokens)
        found = list(map(self._tokens.get, distinct))
        if all(found):
            rows = cast("list[Row]", found)
        else:
            token_row = self._token_row
            rows = [row or token_row(token) for token, row in zip(distinct, found, strict=True)]
        if len(distinct) != len(tokens):
            rows += self._repeats(tokens)
        rows += filter(None, map(self._pairs.get, pairwise(tokens)))
        return self._probabilities(tokens, rows)

    def row_of(self, token: str) -> Row:
        """The row of one distinct token: its char n-grams and one word unigram (cached)."""
        return self._tokens.get(token) or self._token_row(token)

    def rights_of(self, token: str) -> dict[str, Row]:
        """The bigram rows of ``token`` followed by each right neighbour the model knows."""
        return self._rights.get(token, NO_RIGHTS)

    def word_row_of(self, token: str) -> Row | None:
        """The word unigram row of ``token`` (one further occurrence), if the model has it."""
        return self._words.get(token)

    def packed_rights_of(self, token: str) -> dict[str, bytes]:
        """``rights_of(token)`` with the rows packed."""
        return self.packed_rights.get(token, NO_PACKED_RIGHTS)

    def negated_row_of(self, token: str) -> Row | None:
        """The negated-word row of ``token`` (one occurrence in a negation scope), if the
        model has it."""
        return self._negs.get(token)

    def predict_rows(self, tokens: list[str], rows: list[Row]) -> dict[str, float]:
        """``predict_tokens`` given the rows of the units of ``tokens`` other than the
        negated words, in any order: ``row_of`` each distinct token, ``word_row_of`` each
        further occurrence (when not None), the bigram rows of each token and its right
        neighbour found in ``rights_of`` (``rows`` is extended in place)."""
        return self._probabilities(tokens, rows)

    def _repeats(self, tokens: list[str]) -> Iterator[Row]:
        """The word unigram rows of the further occurrences of tokens."""
        ordered = sorted(tokens)
        repeats = compress(ordered, map(eq, ordered, islice(ordered, 1, None)))
        return filter(None, map(self._words.get, repeats))

    def _probabilities(self, tokens: list[str], rows: list[Row]) -> dict[str, float]:
        """Adds the negated-word rows of ``tokens`` to ``rows``, then the class
        probabilities of the sum."""
        if self._negs and not NEGATORS.isdisjoint(tokens):
            rows += filter(None, map(self._negs.get, negated(tokens)))
        return self.scores(rows)

    def scores(self, rows: list[Row]) -> dict[str, float]:
        """The class probabilities of the sum of ``rows`` (every unit's row, negated words
        included), summed column by column in the order given."""
        # (Every row has four columns: a strict zip would only check that at each step.)
        s0, s1, s2, q = map(sum, zip(*rows, strict=False)) if rows else _ZERO
        return self._softmax(s0, s1, s2, q)

    def packed_scores(self, units: list[bytes]) -> dict[str, float]:
        """``scores`` of the rows ``units`` packed (``packed``): the same sums in the same
        order (``sum`` of each column of the doubles, read through a memoryview), with no
        float objects per row."""
        if not units:
            return self._softmax(*_ZERO)
        columns = memoryview(b"".join(units)).cast("d")
        return self._softmax(
            sum(columns[0::4]), sum(columns[1::4]), sum(columns[2::4]), sum(columns[3::4])
        )

    def packed_label_scores(self, units: list[bytes]) -> tuple[str, dict[str, float]]:
        """``packed_scores(units)`` and its label: the first class of the highest
        probability, as ``max(scores, key=scores.__getitem__)`` picks it (no ``max`` with a
        key: its argument parsing is a code path of its own on every turn)."""
        if not units:
            return self._labelled(*_ZERO)
        columns = memoryview(b"".join(units)).cast("d")
        return self._labelled(
            sum(columns[0::4]), sum(columns[1::4]), sum(columns[2::4]), sum(columns[3::4])
        )

    def _softmax(self, s0: float, s1: float, s2: float, q: float) -> dict[str, float]:
        """The class probabilities of the summed row ``(s0, s1, s2, q)``."""
        scale = 1.0 / math.sqrt(q) if q > 0.0 else 0.0
        b0, b1, b2 = self.intercept
        l0, l1, l2 = s0 * scale + b0, s1 * scale + b1, s2 * scale + b2
        # ``max(l0, l1, l2)`` (the first of equal floats; equal floats subtract alike).
        top = l0 if l0 >= l1 else l1
        if l2 > top:
            top = l2
        e0, e1, e2 = math.exp(l0 - top), math.exp(l1 - top), math.exp(l2 - top)
        total = e0 + e1 + e2
        c0, c1, c2 = self.classes
        return {c0: round4(e0 / total), c1: round4(e1 / total), c2: round4(e2 / total)}

    def _labelled(self, s0: float, s1: float, s2: float, q: float) -> tuple[str, dict[str, float]]:
        """``_softmax`` and the first class of the highest rounded probability."""
        scores = self._softmax(s0, s1, s2, q)
        p0, p1, p2 = scores.values()
        c0, c1, c2 = self.classes
        if p1 > p0:
            return (c2, scores) if p2 > p1 else (c1, scores)
        return (c2, scores) if p2 > p0 else (c0, scores)


_GRAM_SLICES: dict[int, tuple[slice, ...]] = {}


def gram_slices(size: int) -> tuple[slice, ...]:
    """The slices that cut ``features.char_ngrams`` from a padded token of ``size`` chars:
    each n from CHAR_MIN to CHAR_MAX, each start, in that order."""
    found = _GRAM_SLICES.get(size)
    if found is None:
        found = _GRAM_SLICES[size] = tuple(
            slice(i, i + n)
            for n in range(CHAR_MIN, CHAR_MAX + 1)
            if n <= size
            for i in range(size - n + 1)
        )
    return found


def round4(x: float) -> float:
    """Exactly ``round(x, 4)`` for ``0 <= x <= 1``, cheaper (``round`` with digits goes
    through a decimal string). ``x * 10000`` is within 2**-40 of the exact product, so
    unless that product is within 1e-4 of a half-integer its nearest integer ``r`` is the
    one ``round`` picks, and ``r / 10000`` (one correctly rounded division) is the double
    nearest to the decimal ``round`` returns. Near a half-integer ``round`` decides."""
    scaled = x * 10000.0
    nearest = math.floor(scaled + 0.5)
    if abs(scaled - nearest) > 0.4999:
        return round(x, 4)
    return nearest / 10000.0


@lru_cache(maxsize=1)
def load_model() -> SentimentModel:
    """Load the packaged model once per process."""
    blob = resources.files("karib.tone").joinpath("data", MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(blob))
    classes = tuple(data["classes"])
    if len(classes) != 3:
        raise ValueError("the sentiment model must have exactly three classes")
    intercept = tuple(float(x) for x in data["intercept"])
    # (The rows stay the lists the JSON gives: the model reads them once, at load.)
    weights: dict[str, list[float]] = data["features"]
    tokens: dict[str, Row] = {}
    for token, (s0, s1, s2, q) in data.get("tokens", {}).items():
        # Interned, like the words of the features: a hit then compares by identity.
        tokens[sys.intern(token)] = (s0, s1, s2, q)
    # The shipped vocabulary also seeds the normalisation of the words that are already
    # normal (a fresh process then skips computing it for them).
    preload(tokens)
    return SentimentModel(classes, intercept, weights, data.get("meta", {}), tokens)


def predict(text: str) -> tuple[str, dict[str, float]]:
    """The most likely label and the probabilities of positive, neutral and negative."""
    scores = load_model().predict(text)
    label = max(scores, key=scores.__getitem__)
    return label, scores
