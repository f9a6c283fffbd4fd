"""A small learned model of curt agent turns (pure Python, no Django, no numpy).

``curt_probability(text)`` is the calibrated probability that one agent turn is curt in the
sense of the labelling definitions in docs/tone.md (dismissal, blame, rude words, sarcasm,
bare commands), read from the turn's own words only. It is a logistic regression over
hashed features of the normalised text: word unigrams and bigrams (with start and end
marks) and a few structural cues (second person, question mark, imperative start,
politeness softeners, exclamation, length), with Platt scaling fitted on out-of-fold
scores. Character 3-5-grams were tried and dropped: they learn each writer's spelling and
halve the cross-validated recall at high precision. The weights
(``data/curt_model.json.gz``) are made by ``scripts/train_curt.py`` from the tuning share
of the tone development set (written parts and Taskmaster-4 / ABCD rows; never IndoSMD,
whose licence is CC BY-SA); the cross-validated figures are printed by ``bench/curt_cv.py``.
The shipped weights are those of the parts A-S round (30 Nov, L2 3e-3 chosen by
leave-one-writer-out cross-validation): they read two hand-written near-misses of
tests/tone/test_precision_part_p.py at 0.97-0.98, so they go with a detectors' threshold of
0.98 (see docs/tone.md and bench/curt_cv.py).

The detectors use it beside the rules (`detectors.learned_curt_turns`): where no rule finds a
curt turn, a turn at or above `CURT_MODEL_THRESHOLD` raises `curt_language` with a lower
confidence of its own.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
import zlib
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "curt_model.json.gz"
DIM = 1 << 18

_URL = re.compile(r"(?:https?://|www\.)\S+")
_DIGITS = re.compile(r"\d+")
_REPEAT = re.compile(r"([a-z])\1+")
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> frozenset[str]:
    """A word list squeezed like the text it is matched against ("sorry" -> "sory")."""
    return frozenset(_REPEAT.sub(r"\1", w) for w in text.split())


_SECOND_PERSON = _words(
    "you your yours yourself u ur kamu kau lu lo loe elo elu anda kakak kak ka mas mbak mba "
    "bapak bpk pak ibu bu bro sis gan"
)
_SOFTENERS = _words(
    "please pls plz sorry apologies apologize apologise thank thanks thankyou welcome glad "
    "happy appreciate kindly tolong mohon maaf mf punten nyuwun sewu terima kasih makasih "
    "mksh tks thx hatur nuhun silakan silahkan izin ijin boleh semoga"
)
_IMPERATIVE = _words(
    "read check ask go call talk wait send do try look see use book baca cek tanya tunggu "
    "kirim datang bayar isi coba lihat liat sabar ajukan scroll"
)


def normalise(text: str) -> str:
    """Lower case, URLs and digits folded, repeated letters squeezed ("ibuu" -> "ibu")."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _URL.sub(" url ", text)
    text = _DIGITS.sub("0", text)
    return _REPEAT.sub(r"\1", text)


def features(text: str) -> list[str]:
    """The named features of one turn (hashed into ``DIM`` buckets by ``_bucket``)."""
    norm = normalise(text)
    words = _WORD.findall(norm)
    feats = ["bias"]
    feats.extend("w:" + w for w in words)
    feats.extend(f"b:{a} {b}" for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True))
    bag = set(words)
    if bag & _SECOND_PERSON:
        feats.append("s:second_person")
    if "?" in text:
        feats.append("s:question")
    if "!" in text:
        feats.append("s:exclamation")
    if words and words[0] in _IMPERATIVE:
        feats.append("s:imperative_start")
    feats.append("s:softener" if bag & _SOFTENERS else "s:no_softener")
    size = len(words)
    feats.append("s:len<=3" if size <= 3 else "s:len<=8" if size <= 8 else "s:len>8")
    return feats


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (DIM - 1)


def hashed(text: str) -> dict[int, float]:
    """Bucket -> value (counts scaled by 1/sqrt(#features), so long turns are not louder)."""
    feats = features(text)
    out: dict[int, float] = {}
    for f in feats:
        key = _bucket(f)
        out[key] = out.get(key, 0.0) + 1.0
    scale = 1.0 / math.sqrt(len(feats))
    return {k: v * scale for k, v in out.items()}


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class CurtModel:
    """Weights (sparse bucket -> weight) and the Platt scaling of the raw score."""

    def __init__(self, weights: dict[int, float], platt_a: float, platt_b: float) -> None:
        self.weights = weights
        self.platt_a = platt_a
        self.platt_b = platt_b

    def score(self, text: str) -> float:
        """The raw linear score of one turn."""
        w = self.weights
        return sum(w.get(k, 0.0) * v for k, v in hashed(text).items())

    def probability(self, text: str) -> float:
        return _sigmoid(self.platt_a * self.score(text) + self.platt_b)

    def to_json(self) -> dict[str, object]:
        return {
            "format": "karib-curt-1",
            "dim": DIM,
            "platt": [self.platt_a, self.platt_b],
            "weights": {str(k): round(v, 5) for k, v in sorted(self.weights.items()) if v},
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> CurtModel:
        if data.get("format") != "karib-curt-1" or data.get("dim") != DIM:
            raise ValueError("unknown curt model format")
        raw = data["weights"]
        platt = data["platt"]
        if not isinstance(raw, dict) or not isinstance(platt, list):
            raise ValueError("malformed curt model")
        return cls({int(k): float(v) for k, v in raw.items()}, float(platt[0]), float(platt[1]))


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> CurtModel:
    """The shipped model, read once (lazy, cached)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return CurtModel.from_json(json.load(handle))


def curt_probability(text: str) -> float:
    """Calibrated probability (0-1) that this agent turn is curt, from its words alone."""
    if not text or not _WORD.search(text):
        return 0.0
    return load_model().probability(text)
