"""The per-token rows shipped in the model file give exactly the n-gram path's scores."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from karib.tone import normalize
from karib.tone.features import token_unit
from karib.tone.sentiment import SentimentModel, load_model

# 100 long SmSA train texts and their upper-cased twins (Apache-2.0; the copy in the
# repository that ``test_output_freeze.py`` records).
SMSA_TEXTS = Path(__file__).parent / "cases" / "smsa_outputs.jsonl.gz"
SAMPLE = [
    "Selamat pagi kak, saya mau tutup kartu kredit saya",
    "pelayanannya cepat dan ramah banget, makasiiih",
    "paket aku kok blm nyampe ya, sudah 3 hari",
    "internet saya mati sejak kemarin, tolong dong",
    "I'd like to cancel my subscription please",
    "xqzwv blorpt kakkkk 0812-3456-7890 Rp 15.000",
]


def counter_row(model: SentimentModel, token: str) -> tuple[float, float, float, float]:
    """The row as engine 1.1 summed it (word unigram, then the n-gram Counter)."""
    s0, s1, s2, q = model._words.get(token, (0.0, 0.0, 0.0, 0.0))
    for gram, count in token_unit(token).items():
        row = model._chars.get(gram)
        if row is not None:
            s0 += count * row[0]
            s1 += count * row[1]
            s2 += count * row[2]
            q += count * count * row[3]
    return (s0, s1, s2, q)


def test_shipped_rows_equal_the_ngram_path() -> None:
    model = load_model()
    assert len(model._known) > 10_000
    for token, row in model._known.items():
        assert row == model._ngram_row(token) == counter_row(model, token), token


def texts() -> list[str]:
    with gzip.open(SMSA_TEXTS, "rt", encoding="utf-8") as handle:
        return SAMPLE + [str(json.loads(line)["text"]) for line in handle]


@pytest.mark.parametrize("cold", [True, False])
def test_scores_identical_with_and_without_shipped_rows(cold: bool) -> None:
    shipped = load_model()
    bare = SentimentModel(shipped.classes, shipped.intercept, shipped.weights, {})
    if cold:
        shipped.clear_cache()
        assert shipped._tokens == shipped._known
    for text in texts():
        assert shipped.predict(text) == bare.predict(text), text


def test_preloaded_normalisations_equal_the_computed_ones() -> None:
    load_model()
    assert len(normalize._KNOWN) > 10_000
    for token, normal in normalize._KNOWN.items():
        assert normalize._normalize_token(token) == normal, token
    assert normalize._KNOWN["gak"] == ("tidak",)
    assert "gakkk" not in normalize._KNOWN
    normalize.clear_cache()
    assert normalize._TOKEN_CACHE == normalize._KNOWN
