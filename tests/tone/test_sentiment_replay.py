"""The runtime's sentiment sum replays the training definition of the units.

``features.sentiment_units`` is what training vectorises; ``SentimentModel.predict_tokens``
sums cached per-token rows, further occurrences, bigram rows and negated-word rows instead.
Both must give the same scores, with and without a negation scope in the model.
"""

from __future__ import annotations

import math
import random

import pytest

from karib.tone.features import NEGATION_SCOPE, NEGATORS, negated, sentiment_units
from karib.tone.sentiment import SentimentModel, load_model

LABELS = ("positive", "neutral", "negative")
TEXTS = [
    "pelayanannya tidak ramah, tidak ramah sama sekali, makanannya enak enak banget",
    "bukan main enak nya , tapi kurang bersih dan belum dibayar",
    "gak enak gak enak gak enak",
    "tidak",
    "",
    "Terima kasih kak, sudah sampai. Mantap mantap mantap!!",
    "saya tidak bisa login, aplikasinya tidak jalan tanpa internet",
]


def synthetic_model(texts: list[str], *, negation: bool) -> SentimentModel:
    """A model with a weight for every feature of ``texts`` (seeded random values)."""
    rng = random.Random(7)
    features = sorted(
        {f for text in texts for unit in sentiment_units(text, negation=negation) for f in unit}
    )
    weights = {
        f: (rng.uniform(1.0, 3.0), rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1))
        for f in features
    }
    return SentimentModel(LABELS, (0.1, -0.2, 0.05), weights, {})


def reference(model: SentimentModel, text: str, *, negation: bool) -> dict[str, float]:
    """The scores by the training definition: units summed feature by feature."""
    score = [0.0, 0.0, 0.0]
    norm = 0.0
    for unit in sentiment_units(text, negation=negation):
        unit_norm = 0.0
        for feature, count in unit.items():
            idf, *row = model.weights.get(feature, (0.0, 0.0, 0.0, 0.0))
            for k in range(3):
                score[k] += count * idf * row[k]
            unit_norm += (count * idf) ** 2
        norm += unit_norm
    scale = 1.0 / math.sqrt(norm) if norm > 0 else 0.0
    logits = [s * scale + b for s, b in zip(score, model.intercept, strict=True)]
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    return {c: round(e / sum(exps), 4) for c, e in zip(LABELS, exps, strict=True)}


@pytest.mark.parametrize("negation", [False, True])
def test_predict_equals_the_unit_definition(negation: bool) -> None:
    # given
    model = synthetic_model(TEXTS, negation=negation)
    for text in TEXTS:
        # when
        actual = model.predict(text)
        # then
        expected = reference(model, text, negation=negation)
        assert actual == pytest.approx(expected, abs=1e-4), text


def test_negated_words_are_the_scope_after_a_negator() -> None:
    tokens = ["ini", "tidak", "enak", "dan", "mahal", "sekali", "tapi", "bukan", "bukan", "murah"]
    assert negated(tokens) == ["enak", "dan", "mahal", "murah"]
    assert NEGATION_SCOPE == 3
    assert {"tidak", "bukan", "belum", "jangan"} <= NEGATORS


def test_a_model_without_negation_features_ignores_negators() -> None:
    # given: the same weights, once with negated-word features added
    plain = synthetic_model(TEXTS, negation=False)
    weights = dict(plain.weights)
    weights["n enak"] = (2.0, 5.0, 0.0, -5.0)
    negating = SentimentModel(LABELS, plain.intercept, weights, {})
    # then: only a text with "enak" in a negation scope changes
    assert plain.predict("makanannya enak") == negating.predict("makanannya enak")
    assert plain.predict("tidak enak") != negating.predict("tidak enak")


def test_repeated_tokens_count_their_word_unigram_each_time() -> None:
    model = load_model()
    once = model.predict("enak")
    thrice = model.predict("enak enak enak")
    assert once != thrice
    assert sum(thrice.values()) == pytest.approx(1.0, abs=1e-3)
