"""Select the fitted lexicon's vocabulary and the closing-please and bald-command cues
(engine 2.3) by cross-validation that leaves a domain out; never by the held-out turns.

    PYTHONPATH=src python tests/tone/politeness/cv_lexicon.py DATA_DIR [--quick]

DATA_DIR holds ``stanford-politeness/`` (the Stack Exchange requests; e.g. ../shared/data).
Needs scikit-learn (training only). Every candidate is fitted on Stack Exchange only
(``scripts/train_tone_models.py``'s ``PolitenessDesign``, weights and cut); candidates:

* vocabulary of the fitted word lexicon (``lexicon_vocabulary``): ``all`` words of 5+
  requests (engine 2.2), ``none``, the closed-class ``function`` words, or the words whose
  sign is ``stable`` across the training communities;
* cues (``strategies.py``): ``base`` (engine 2.2's strategies), ``please_end`` (a closing
  "please" gets its own fitted weight), ``bald`` (a bare command without any softener,
  fitted), ``bald_hand`` (the same cue weighted as the hand ``bare_imperative`` marker,
  0.25, not fitted) and the two combinations;
* signs: the strategies' weights as Stack Exchange fits them, or ``directed`` (a strategy
  fitted against its direction in politeness theory, ``STRATEGY_DIRECTIONS``, is left out).

Figures per candidate: Stack Exchange in-domain 10-fold CV; leave one community out (25
folds: fit on 24 communities, weights, vocabulary and cut, test on the 25th; pooled over
all requests, and the mean over communities); Stack Overflow -> the 24 others (the engine
2.0 split); the development service turns read with ``strategies.reads_polite`` (the
Stack Exchange cut for English turns, the hand-marker cut otherwise).

The choice, fixed before any run: the best mean of (leave one community out, pooled) and
(service development turns, all); ties go to the earlier candidate in the printed order.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from itertools import product
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
TURNS = Path(__file__).resolve().parent / "service_turns.jsonl"
VOCABULARIES = ("all", "none", "function", "stable")
CUES: dict[str, tuple[frozenset[str], bool]] = {
    # name: (labels left out, bald command weighted as a hand marker)
    "base": (frozenset({"bald_command", "please_end"}), False),
    "please_end": (frozenset({"bald_command"}), False),
    "bald": (frozenset({"please_end"}), False),
    "bald_hand": (frozenset({"please_end"}), True),
    "please_end+bald": (frozenset(), False),
    "please_end+bald_hand": (frozenset(), True),
}
# Strategy signs: as Stack Exchange fits them, or kept to their direction in politeness
# theory (``STRATEGY_DIRECTIONS``; a strategy fitted the other way is left out).
SIGNS = ("fitted", "directed")


def load_turns() -> list[dict[str, Any]]:
    with TURNS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with stanford-politeness/")
    parser.add_argument("--quick", action="store_true", help="skip the 10-fold CV")
    parser.add_argument("--only", default="", help="candidates, e.g. all:base,none:bald")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "scripts"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import numpy as np
    import train_tone_models as training
    from cv_select import weights_in_use
    from sklearn.model_selection import StratifiedKFold

    from karib.tone.scoring import CURT_WEIGHTS, score_utterance
    from karib.tone.strategies import reads_polite

    texts, labels, communities = training.load_politeness(args.data, with_communities=True)  # type: ignore[misc]
    development = [
        t for t in load_turns() if t["label"] != "neither" and t["part"] == "development"
    ]
    gold = [t["label"] == "polite" for t in development]
    english = [t["language"] == "en" for t in development]
    names = sorted(set(communities))
    everything = np.arange(len(texts))
    folds = list(
        StratifiedKFold(n_splits=10, shuffle=True, random_state=training.SEED).split(texts, labels)
    )
    print(
        "| vocabulary | cues | signs | words | SE 10-fold | leave one community out (pooled / mean) "
        "| SO -> others | service dev en | id | all | chooses |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    results = []
    designs: dict[str, Any] = {}
    for signs, (cue_name, (exclude, bald_hand)), vocabulary in product(
        SIGNS, CUES.items(), VOCABULARIES
    ):
        if args.only and f"{vocabulary}:{cue_name}:{signs}" not in args.only.split(","):
            continue
        if cue_name not in designs:
            hand = {"bald_command": CURT_WEIGHTS["bare_imperative"]} if bald_hand else {}
            designs[cue_name] = training.PolitenessDesign(
                texts, exclude, hand=hand, communities=communities
            )
        design = designs[cue_name]
        design.vocabulary = vocabulary
        design.directed = signs == "directed"

        def held_out(train: np.ndarray, test: np.ndarray, design: Any = design) -> np.ndarray:
            weights = design.fit(train, labels)
            cut = training.best_threshold(design.engine_scores(train, weights), labels[train])
            return design.engine_scores(test, weights) >= cut

        in_domain = float("nan")
        if not args.quick:
            right = sum(int(np.sum(held_out(a, b) == labels[b])) for a, b in folds)
            in_domain = right / len(texts)
        per_community = []
        right = 0
        for name in names:
            test = np.array([i for i, c in enumerate(communities) if c == name])
            train = np.array([i for i, c in enumerate(communities) if c != name])
            hits = int(np.sum(held_out(train, test) == labels[test]))
            right += hits
            per_community.append(hits / len(test))
        pooled = right / len(texts)
        so = np.array([i for i, c in enumerate(communities) if c == training.CROSS_DOMAIN_TRAIN])
        rest = np.array([i for i, c in enumerate(communities) if c != training.CROSS_DOMAIN_TRAIN])
        so_rest = float(np.mean(held_out(so, rest) == labels[rest]))
        payload = design.fit(everything, labels)
        payload["cuts"] = {
            "english": training.best_threshold(design.engine_scores(everything, payload), labels),
            "other": training.best_threshold(0.5 + design.hand_only, labels),
        }
        weights = training.as_weights(payload)
        weights.cuts = payload["cuts"]
        with weights_in_use(weights):
            predicted = [
                reads_polite(t["text"], score_utterance(t["text"]).politeness) for t in development
            ]
        right_by = {"en": 0, "id": 0}
        count_by = {"en": 0, "id": 0}
        for p, g, e in zip(predicted, gold, english, strict=True):
            key = "en" if e else "id"
            count_by[key] += 1
            right_by[key] += p == g
        service = sum(right_by.values()) / len(development)
        score = (pooled + service) / 2
        results.append((score, vocabulary, cue_name, signs))
        print(
            f"| {vocabulary} | {cue_name} | {signs} | {len(payload['words'])} | {in_domain:.3f} "
            f"| {pooled:.3f} / {statistics.mean(per_community):.3f} | {so_rest:.3f} "
            f"| {right_by['en'] / count_by['en']:.3f} | {right_by['id'] / count_by['id']:.3f} "
            f"| {service:.3f} | {score:.3f} |",
            flush=True,
        )
    best = max(results, key=lambda r: r[0])
    print(f"chosen: vocabulary {best[1]}, cues {best[2]}, signs {best[3]} ({best[0]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
