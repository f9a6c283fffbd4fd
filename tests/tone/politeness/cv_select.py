"""Select the politeness strategy features and the per-language reading by cross-validation
on the DEVELOPMENT part of the service turns only; then report the shipped engine.

    PYTHONPATH=src python tests/tone/politeness/cv_select.py DATA_DIR      # the selection
    PYTHONPATH=src python tests/tone/politeness/cv_select.py --report      # the shipped engine

Engine 2.2's selection; engine 2.3's (lexicon vocabulary, strategy directions, the bald
command and closing please) is ``cv_lexicon.py``, whose strategies get columns here too, so
the selection no longer reproduces engine 2.2's figures exactly; ``--report`` reports the
shipped engine.

DATA_DIR holds ``stanford-politeness/`` (the Stack Exchange requests; e.g. ../shared/data).
Needs scikit-learn (training only). Every candidate's weights and cuts named "se" are fitted
on Stack Exchange only (``scripts/train_tone_models.py``'s ``PolitenessDesign``); the service
turns only choose among the candidates:

* features: which of the new strategies (``bare_command``, ``want_statement`` in
  ``strategies.py``) the model may use (a left-out one gets no column, so weight 0);
* English reading (turns read as English, ``strategies.looks_english``): the Stack Exchange
  cut (``se``) or the accuracy-best cut of the training folds' English turns (``dev``);
* reading of the other turns (no fitted strategies, hand markers only): the Stack Exchange
  cut, the cut Stack Exchange fits for the hand-marker score alone (``se_hand``) or the
  training folds' accuracy-best cut (``dev``).

Folds (polite and impolite development turns). The choice: grouped by source, i.e. leave one
corpus out (Taskmaster-4 coffee orders, ABCD, English in-car, IndoSMD): the issue asks for a
domain the model was not trained on, so a cut must carry over to another corpus. Also shown:
5 folds grouped by dialog, dealt per language after a seeded shuffle, 5 seeds (mean ± sd).
A fold that leaves no turn of a reading to fit on falls back to the Stack Exchange cut.
The best leave-one-corpus-out accuracy wins; ties go to the earlier (simpler) candidate in
the printed order. ``--report`` prints the figures of the shipped engine
(``strategies.reads_polite``) on both parts, per language; run it once, after the choice.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from itertools import pairwise, product
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
TURNS = Path(__file__).resolve().parent / "service_turns.jsonl"
FEATURE_SETS: dict[str, frozenset[str]] = {
    "none": frozenset({"bare_command", "want_statement"}),
    "bare_command": frozenset({"want_statement"}),
    "want_statement": frozenset({"bare_command"}),
    "both": frozenset(),
}
ENGLISH_READINGS = ("se", "dev")
OTHER_READINGS = ("se", "se_hand", "dev")
FOLDS = 5
SEEDS = (1, 2, 3, 4, 5)

Decide = Callable[[list[int], list[int]], list[bool]]


def load_turns() -> list[dict[str, Any]]:
    with TURNS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def read_as_english(text: str) -> bool:
    from karib.tone.strategies import looks_english, lower_words

    return looks_english(lower_words(text.lower()))


@contextmanager
def weights_in_use(weights: Any) -> Iterator[None]:
    """``score_utterance`` with ``weights`` instead of the shipped file."""
    from karib.tone import scoring, strategies

    saved = strategies.load_weights

    def replacement() -> Any:
        return weights

    strategies.load_weights = replacement  # type: ignore[assignment]
    scoring.load_weights = replacement  # type: ignore[assignment]
    try:
        yield
    finally:
        strategies.load_weights = saved
        scoring.load_weights = saved


def midpoint_cut(pairs: list[tuple[float, bool]], default: float) -> float:
    """The accuracy-best cut (polite when score >= cut) of (score, is polite) pairs, halfway
    between two neighbouring scores (or just outside them); ties: the lowest; ``default``
    when there are no pairs."""
    if not pairs:
        return default
    values = sorted({s for s, _ in pairs})
    candidates = [values[0] - 0.001, *((a + b) / 2 for a, b in pairwise(values))]
    candidates.append(values[-1] + 0.001)
    return max(candidates, key=lambda c: sum((s >= c) == p for s, p in pairs))


def dialog_folds(turns: list[dict[str, Any]], seed: int) -> list[int]:
    """Fold of each turn: dialogs shuffled with ``seed``, dealt round-robin per language."""
    fold_of: dict[str, int] = {}
    for language in ("en", "id"):
        groups = sorted({t["id"].split("#")[0] for t in turns if t["language"] == language})
        random.Random(seed).shuffle(groups)
        fold_of.update({g: n % FOLDS for n, g in enumerate(groups)})
    return [fold_of[t["id"].split("#")[0]] for t in turns]


def corpus_folds(turns: list[dict[str, Any]]) -> list[int]:
    """Leave one corpus out: the corpus is the id's prefix (tm4, abcd, smd, indosmd)."""
    corpora = sorted({t["id"].split("-")[0] for t in turns})
    return [corpora.index(t["id"].split("-")[0]) for t in turns]


def reading(
    scores: list[float],
    english: list[bool],
    polite: list[bool],
    cuts: dict[str, float],
    english_reading: str,
    other_reading: str,
) -> Decide:
    """(training rows, test rows) -> predicted polite of the test rows."""

    def decide(train: list[int], test: list[int]) -> list[bool]:
        def cut(is_english: bool, how: str) -> float:
            if how == "se":
                return cuts["se"]
            if how == "se_hand":
                return cuts["hand"]
            pairs = [(scores[i], polite[i]) for i in train if english[i] == is_english]
            return midpoint_cut(pairs, cuts["se"])

        english_cut, other_cut = cut(True, english_reading), cut(False, other_reading)
        return [scores[i] >= (english_cut if english[i] else other_cut) for i in test]

    return decide


def cross_validate(decide: Decide, polite: list[bool], folds: list[int]) -> float:
    """Accuracy over every test fold (each turn is tested once)."""
    right = 0
    for k in sorted(set(folds)):
        test = [i for i, f in enumerate(folds) if f == k]
        train = [i for i, f in enumerate(folds) if f != k]
        right += sum(p == polite[i] for p, i in zip(decide(train, test), test, strict=True))
    return right / len(polite)


def select(data: Path) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    import numpy as np
    import train_tone_models as training

    from karib.tone.scoring import score_utterance

    texts, labels = training.load_politeness(data)[:2]
    development = [
        t for t in load_turns() if t["label"] != "neither" and t["part"] == "development"
    ]
    polite = [t["label"] == "polite" for t in development]
    english = [read_as_english(t["text"]) for t in development]
    print(f"development: {len(development)} turns, {sum(english)} read as English")
    by_dialog = [dialog_folds(development, seed) for seed in SEEDS]
    by_corpus = corpus_folds(development)
    results = []
    everything = np.arange(len(texts))
    for name, exclude in FEATURE_SETS.items():
        design = training.PolitenessDesign(texts, exclude)
        payload = design.fit(everything, labels)
        cuts = {
            "se": training.best_threshold(design.engine_scores(everything, payload), labels),
            "hand": training.best_threshold(0.5 + design.hand, labels),
        }
        with weights_in_use(training.as_weights(payload)):
            scores = [score_utterance(t["text"]).politeness for t in development]
        weights = payload["strategies"]
        print(
            f"features {name}: Stack Exchange cut {cuts['se']:.4f}, hand-only cut "
            f"{cuts['hand']:.4f}; bare_command {weights.get('bare_command', 0.0):+.4f}, "
            f"want_statement {weights.get('want_statement', 0.0):+.4f}"
        )
        for english_reading, other_reading in product(ENGLISH_READINGS, OTHER_READINGS):
            decide = reading(scores, english, polite, cuts, english_reading, other_reading)
            dialog = [cross_validate(decide, polite, folds) for folds in by_dialog]
            corpus = cross_validate(decide, polite, by_corpus)
            results.append(
                (corpus, statistics.mean(dialog), statistics.pstdev(dialog), name)
                + (english_reading, other_reading)
            )
    print(
        "| features | English cut | other cut | leave one corpus out (chooses) "
        "| 5 folds by dialog, mean ± sd of 5 seeds |"
    )
    print("|---|---|---|---|---|")
    for corpus, mean, sd, name, english_reading, other_reading in results:
        print(
            f"| {name} | {english_reading} | {other_reading} | {corpus:.3f} | {mean:.3f} ± {sd:.3f} |"
        )
    best = max(results, key=lambda r: r[0])
    print(f"chosen: features {best[3]}, English cut {best[4]}, other cut {best[5]}")
    return 0


def figures(gold: list[bool], predicted: list[bool]) -> dict[str, float]:
    """Accuracy and per-class precision and recall of polite (True) / impolite (False)."""

    def ratio(a: int, b: int) -> float:
        return a / b if b else math.nan

    pairs = list(zip(gold, predicted, strict=True))
    out = {"accuracy": ratio(sum(g == p for g, p in pairs), len(pairs))}
    for name, value in (("polite", True), ("impolite", False)):
        hits = sum(g == p == value for g, p in pairs)
        out[f"{name} P"] = ratio(hits, predicted.count(value))
        out[f"{name} R"] = ratio(hits, gold.count(value))
    return out


def report_rows(turns: list[dict[str, Any]]) -> list[list[str]]:
    """Figures of the shipped engine: the per-language reading (``reads_polite``) and the
    single Stack Exchange cut, per part and language."""
    from karib.tone.scoring import score_utterance
    from karib.tone.strategies import reads_polite

    blob = resources.files("karib.tone").joinpath("data", "politeness_en.json").read_text()
    single = float(json.loads(blob)["cuts"]["english"])
    binary = [t for t in turns if t["label"] != "neither"]
    scores = {t["id"]: score_utterance(t["text"]).politeness for t in binary}
    readings: dict[str, Callable[[dict[str, Any]], bool]] = {
        "per-language": lambda t: reads_polite(t["text"], scores[t["id"]]),
        f"one cut {single:.3f}": lambda t: scores[t["id"]] >= single,
    }
    rows = []
    for part, language, (name, decide) in product(
        ("development", "held_out"), ("en", "id", "all"), readings.items()
    ):
        chosen = [t for t in binary if t["part"] == part and language in ("all", t["language"])]
        gold = [t["label"] == "polite" for t in chosen]
        result = figures(gold, [decide(t) for t in chosen])
        head = [part.replace("_", " "), language, name, f"{len(chosen)} ({gold.count(False)})"]
        rows.append(head + [f"{v:.3f}" if not math.isnan(v) else "—" for v in result.values()])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, help="folder with stanford-politeness/")
    parser.add_argument("--report", action="store_true", help="figures of the shipped engine")
    args = parser.parse_args(argv)
    if not args.report:
        if args.data is None:
            parser.error("DATA_DIR is needed for the selection")
        return select(args.data)
    print(
        "| part | language | reading | items (impolite) | accuracy | polite P | polite R "
        "| impolite P | impolite R |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in report_rows(load_turns()):
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
