"""The shipped sentiment model: sparse TF-IDF weights of a logistic regression.

The weights live in ``data/sentiment.json.gz`` (built by ``scripts/train_tone_models.py``)
and are loaded lazily, once per process. Prediction replays scikit-learn's pipeline
(sublinear TF, IDF, L2 norm, multinomial softmax) with plain dicts.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import lru_cache
from importlib import resources

from karib.tone.features import sentiment_features

MODEL_FILE = "sentiment.json.gz"


class SentimentModel:
    """Sparse linear model: ``weights[feature] = (idf, w_class0, w_class1, ...)``."""

    __slots__ = ("classes", "intercept", "meta", "weights")

    def __init__(
        self,
        classes: tuple[str, ...],
        intercept: tuple[float, ...],
        weights: dict[str, tuple[float, ...]],
        meta: dict[str, object],
    ) -> None:
        self.classes = classes
        self.intercept = intercept
        self.weights = weights
        self.meta = meta

    def predict(self, text: str) -> dict[str, float]:
        counts: dict[str, int] = {}
        for feat in sentiment_features(text):
            counts[feat] = counts.get(feat, 0) + 1
        weights = self.weights
        n = len(self.classes)
        sums = [0.0] * n
        norm = 0.0
        log = math.log
        for feat, count in counts.items():
            row = weights.get(feat)
            if row is None:
                continue
            value = (1.0 + log(count)) * row[0] if count > 1 else row[0]
            norm += value * value
            for k in range(n):
                sums[k] += value * row[k + 1]
        scale = 1.0 / math.sqrt(norm) if norm > 0.0 else 0.0
        logits = [s * scale + b for s, b in zip(sums, self.intercept, strict=True)]
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        return {c: round(e / total, 4) for c, e in zip(self.classes, exps, strict=True)}


@lru_cache(maxsize=1)
def load_model() -> SentimentModel:
    """Load the packaged model once per process."""
    blob = resources.files("karib.tone").joinpath("data", MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(blob))
    classes = tuple(data["classes"])
    intercept = tuple(float(x) for x in data["intercept"])
    weights = {feat: tuple(row) for feat, row in data["features"].items()}
    return SentimentModel(classes, intercept, weights, data.get("meta", {}))


def predict(text: str) -> tuple[str, dict[str, float]]:
    """The most likely label and the probabilities of positive, neutral and negative."""
    scores = load_model().predict(text)
    label = max(scores, key=scores.__getitem__)
    return label, scores
