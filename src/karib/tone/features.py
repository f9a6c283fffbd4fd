"""Feature extraction for the shipped sentiment model (shared by training and inference)."""

from __future__ import annotations

from itertools import pairwise

from karib.tone.normalize import normalize_tokens

CHAR_MIN = 2
CHAR_MAX = 5


def sentiment_features(text: str) -> list[str]:
    """Word 1-2grams and char 2-5grams (within words, with boundary marks) of normalised text."""
    tokens = normalize_tokens(text)
    feats = ["w " + t for t in tokens]
    feats.extend(["b " + a + " " + b for a, b in pairwise(tokens)])
    for token in set(tokens):
        padded = " " + token + " "
        size = len(padded)
        for n in range(CHAR_MIN, CHAR_MAX + 1):
            if n > size:
                break
            feats.extend([padded[i : i + n] for i in range(size - n + 1)])
    return feats
