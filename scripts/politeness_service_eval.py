"""Cross-domain politeness: the engine (trained on Stack Exchange only) on service turns.

    PYTHONPATH=src python scripts/politeness_service_eval.py [--markdown]

Reads ``tests/tone/politeness/service_turns.jsonl`` (public task-oriented dialog turns
labelled polite / impolite / neither by the definitions in docs/tone-history.md, "Politeness on
customer-service turns") and scores every turn with ``score_utterance(text).politeness``.
Binary task as in Danescu-Niculescu-Mizil et al. (2013): polite against impolite, "neither"
left out. Two readings, both fixed before the engine was run on the turns:

* threshold: polite when the politeness is at or above the cut fitted on all Stack Exchange
  requests (``politeness_threshold`` in ``politeness_en.json``), impolite otherwise;
* three-way: above 0.5 polite, below 0.5 impolite, exactly 0.5 (no cue found) abstains.

Also the engine's own reading, ``strategies.reads_polite`` (per language: the Stack Exchange
cut for turns read as English, the hand-marker cut otherwise; engine 2.2 on).

Prints accuracy and the precision / recall of "impolite" per part (development, held out)
and language. The model is never trained on these turns.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

from karib.tone.scoring import score_utterance
from karib.tone.strategies import reads_polite

REPO = Path(__file__).resolve().parent.parent
TURNS = REPO / "tests" / "tone" / "politeness" / "service_turns.jsonl"
PARTS = ("development", "held_out")
NEUTRAL = 0.5
HEADER = (
    "part | language | reading | items (impolite) | coverage | accuracy | impolite P | impolite R"
)


def load_turns(path: Path = TURNS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def se_threshold() -> float:
    blob = resources.files("karib.tone").joinpath("data", "politeness_en.json").read_text()
    return float(json.loads(blob)["meta"]["figures"]["politeness_threshold"])


def figures(items: Iterable[tuple[str, str | None]]) -> dict[str, float]:
    """Accuracy, coverage and impolite precision / recall of (gold, predicted) pairs; a
    predicted None abstains (counted in coverage, left out of the rest); NaN where a ratio
    has no denominator."""
    pairs = list(items)
    decided = [(g, p) for g, p in pairs if p is not None]
    flagged = [g for g, p in decided if p == "impolite"]
    impolite = [p for g, p in decided if g == "impolite"]
    return {
        "items": float(len(pairs)),
        "coverage": len(decided) / len(pairs) if pairs else 0.0,
        "accuracy": sum(g == p for g, p in decided) / len(decided) if decided else math.nan,
        "impolite_precision": flagged.count("impolite") / len(flagged) if flagged else math.nan,
        "impolite_recall": impolite.count("impolite") / len(impolite) if impolite else math.nan,
        "impolite_items": float(sum(g == "impolite" for g, _ in pairs)),
    }


def development_cut(binary: list[dict[str, str]], scores: dict[str, float]) -> float:
    """The accuracy-best cut on the development part (ties: the lowest such cut)."""
    development = [t for t in binary if t["part"] == "development"]

    def accuracy(cut: float) -> float:
        right = sum((scores[t["id"]] >= cut) == (t["label"] == "polite") for t in development)
        return right / len(development)

    return max(sorted({scores[t["id"]] for t in development}), key=accuracy)


def three_way(score: float) -> str | None:
    """Above the neutral 0.5 polite, below it impolite, no cue found (exactly 0.5) none."""
    if score == NEUTRAL:
        return None
    return "polite" if score > NEUTRAL else "impolite"


def evaluate(turns: list[dict[str, str]], threshold: float) -> list[dict[str, object]]:
    """Figures per part, language and reading: the Stack Exchange cut (``threshold``), the
    cut fitted on the development part (a one-number domain adaptation; its held-out row is
    the figure to quote for it), the three-way reading and the engine's per-language
    reading (``reads_polite``)."""
    scores = {t["id"]: score_utterance(t["text"]).politeness for t in turns}
    binary = [t for t in turns if t["label"] != "neither"]
    fitted = development_cut(binary, scores)
    texts = {t["id"]: t["text"] for t in turns}
    readings: dict[str, Callable[[str], str | None]] = {
        "threshold": lambda i: "polite" if scores[i] >= threshold else "impolite",
        f"dev cut {fitted:.3f}": lambda i: "polite" if scores[i] >= fitted else "impolite",
        "three-way": lambda i: three_way(scores[i]),
        "per-language": lambda i: "polite" if reads_polite(texts[i], scores[i]) else "impolite",
    }
    rows: list[dict[str, object]] = []
    for part in PARTS:
        for language in ("en", "id", "all"):
            chosen = [t for t in binary if t["part"] == part and language in ("all", t["language"])]
            for reading, decide in readings.items():
                pairs = [(t["label"], decide(t["id"])) for t in chosen]
                rows.append(
                    {"part": part, "language": language, "reading": reading, **figures(pairs)}
                )
    return rows


def _ratio(value: object) -> str:
    return "—" if math.isnan(float(value)) else f"{float(value):.3f}"  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--threshold", type=float, default=None, help="override the SE cut")
    args = parser.parse_args(argv)
    threshold = se_threshold() if args.threshold is None else args.threshold
    rows = evaluate(load_turns(), threshold)
    print(f"threshold (fitted on Stack Exchange) {threshold:.4f}")
    print(f"| {HEADER} |" if args.markdown else HEADER.replace(" |", ""))
    if args.markdown:
        print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        cells = [
            str(row["part"]).replace("_", " "),
            str(row["language"]),
            str(row["reading"]),
            f"{row['items']:.0f} ({row['impolite_items']:.0f})",
            f"{row['coverage']:.3f}",
            *(_ratio(row[key]) for key in ("accuracy", "impolite_precision", "impolite_recall")),
        ]
        print("| " + " | ".join(cells) + " |" if args.markdown else " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
