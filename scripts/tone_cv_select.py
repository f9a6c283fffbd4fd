"""Sentiment model selection, round 4: feature-group scales, NB-scaled features, a fresh
repeated CV of the winner.

    PYTHONPATH=src nice -n 10 python scripts/tone_cv_select.py [DATA_DIR] select
    PYTHONPATH=src nice -n 10 python scripts/tone_cv_select.py [DATA_DIR] confirm NAME...
    PYTHONPATH=src nice -n 10 python scripts/tone_cv_select.py [DATA_DIR] holdout NAME...

Every candidate stays one linear model over the runtime's additive units (``features.py``:
char 2-5grams per distinct token, word unigrams and bigrams, negated words; count x a
per-feature scale, row scaled by 1/sqrt(sum of the unit norms^2)). The model file's
per-feature "idf" is that scale, so anything that only changes it replays unchanged:

* group scales: the IDF of the word unigrams, bigrams and negated words multiplied by a
  constant (``w1.5 b1.5`` = 1.5 for words and bigrams); a larger scale both weighs the group
  more in the row norm and regularises its weights less;
* NB scaling (``nb0.5``): the IDF multiplied by (max over classes of |naive-Bayes log-count
  ratio| + 0.05) ** 0.5, the ratios fitted on the training folds (a class-independent
  version of Wang & Manning's NB features);
* classifiers: multinomial logistic regression (C, balanced) plus a weight times the NB-SVM
  one-vs-rest model (``train_tone_models.fit_nb_ovr``, C 1): a logit sum, one linear model.

``select``: 5-fold stratified CV on SmSA train+valid (seed 13, the folds of the earlier
rounds), every candidate; prints mean ± sd and the paired difference to the shipped
configuration (``base lr C10``) with its standard error. ``confirm``: the named candidates
and the shipped one on a fresh 5x2 repeated CV (5 folds, seeds 101 and 102), against
selection luck. ``holdout``: fitted on SmSA train, macro-F1 on SmSA valid and NusaX-ind
(all, and the texts no SmSA text nearly copies; a check only, never trained on). The SmSA
test split is never read. Vocabulary (min_df), IDF, scales and NB ratios are fitted on the
training folds only. Needs scikit-learn and SciPy; ≈ 200 s CPU per fold of ``select``.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_tone_models as T
from tone_cv_combinations import Holdout, Units

NB_FLOOR = 0.05
CONFIRM_SEEDS = (101, 102)


@dataclass(frozen=True)
class Features:
    negation: bool = True
    min_df: int = 2
    word_scale: float = 1.0
    pair_scale: float = 1.0
    nb_power: float = 0.0


@dataclass(frozen=True)
class Candidate:
    features: Features
    c_value: float = 10.0
    nb_weight: float = 0.0


BASE = Features(negation=False, min_df=3)
CANDIDATES: dict[str, Candidate] = {"base lr C10": Candidate(BASE)}
for _fname, _features in {
    "neg2": Features(),
    "neg2 w1.5": Features(word_scale=1.5),
    "neg2 w1.5 b1.5": Features(word_scale=1.5, pair_scale=1.5),
    "neg2 w2 b2": Features(word_scale=2.0, pair_scale=2.0),
    "neg2 nb0.5": Features(nb_power=0.5),
    "neg2 nb1": Features(nb_power=1.0),
}.items():
    for _c in (10.0, 30.0):
        CANDIDATES[f"{_fname} lr C{_c:g}"] = Candidate(_features, _c)
    for _w in (0.5, 1.0):
        CANDIDATES[f"{_fname} lr C10 + {_w:g}nb"] = Candidate(_features, 10.0, _w)


def nb_ratios(matrix: sparse.csr_matrix, labels: np.ndarray) -> np.ndarray:
    """Naive-Bayes log-count ratios per class (rows in LABELS order), binarised counts, +1."""
    binary = (matrix > 0).astype(np.float64)
    out = []
    for label in T.LABELS:
        positive = labels == label
        p = np.asarray(binary[positive].sum(axis=0)).ravel() + 1.0
        q = np.asarray(binary[~positive].sum(axis=0)).ravel() + 1.0
        out.append(np.log((p / p.sum()) / (q / q.sum())))
    return np.vstack(out)


class Design:
    """Unit blocks of a corpus; ``matrices`` builds the scaled train and test rows."""

    def __init__(self, texts: list[str], labels: np.ndarray) -> None:
        units = Units(texts)
        chars = units.presence @ units.token_grams
        squares = units.presence @ units.token_grams.power(2)
        # (value, sum of squared unit counts) per block: chars, words, pairs, negated words.
        self.blocks = [
            (chars.tocsc(), squares.tocsc()),
            (units.words.tocsc(), units.words.tocsc()),
            (units.pairs.tocsc(), units.pairs.tocsc()),
            (units.negs.tocsc(), units.negs.tocsc()),
        ]
        self.labels = labels

    def matrices(
        self, train: np.ndarray, test: np.ndarray, features: Features
    ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        scales = (1.0, features.word_scale, features.pair_scale, features.word_scale)
        blocks = self.blocks if features.negation else self.blocks[:3]
        values, squares, idfs = [], [], []
        for (value, square), scale in zip(blocks, scales, strict=False):
            df = np.asarray((value[train] > 0).sum(axis=0)).ravel()
            keep = np.flatnonzero(df >= features.min_df)
            idfs.append((np.log((1 + len(train)) / (1 + df[keep])) + 1.0) * scale)
            values.append(value[:, keep])
            squares.append(square[:, keep])
        value = sparse.hstack(values).tocsr()
        square = sparse.hstack(squares).tocsr()
        idf = np.concatenate(idfs)
        if features.nb_power:
            ratios = nb_ratios(value[train], self.labels[train])
            idf = idf * (np.abs(ratios).max(axis=0) + NB_FLOOR) ** features.nb_power
        out = []
        for rows in (train, test):
            norm = np.sqrt(square[rows] @ (idf * idf))
            inverse = np.divide(1.0, norm, out=np.zeros_like(norm), where=norm > 0)
            out.append((sparse.diags(inverse) @ value[rows] @ sparse.diags(idf)).tocsr())
        return out[0], out[1]


def logits(
    train_m: sparse.csr_matrix, test_m: sparse.csr_matrix, labels: np.ndarray, c_value: float
) -> np.ndarray:
    model = LogisticRegression(
        C=c_value, max_iter=3000, class_weight="balanced", random_state=T.SEED
    )
    model.fit(train_m, labels)
    order = [list(model.classes_).index(label) for label in T.LABELS]
    return np.asarray(test_m @ model.coef_[order].T + model.intercept_[order])


def nb_logits(
    train_m: sparse.csr_matrix, test_m: sparse.csr_matrix, labels: np.ndarray
) -> np.ndarray:
    coef, intercept = T.fit_nb_ovr(train_m, labels, T.NB_C)
    return np.asarray(test_m @ coef.T + intercept)


def score_candidates(
    design: Design,
    train: np.ndarray,
    test: np.ndarray,
    names: list[str],
) -> dict[str, np.ndarray]:
    """Test logits of the named candidates (one design and one fit shared where they can be)."""
    out: dict[str, np.ndarray] = {}
    by_features: dict[Features, list[str]] = {}
    for name in names:
        by_features.setdefault(CANDIDATES[name].features, []).append(name)
    y = design.labels[train]
    for features, group in by_features.items():
        train_m, test_m = design.matrices(train, test, features)
        lr: dict[float, np.ndarray] = {}
        nb = None
        for name in group:
            candidate = CANDIDATES[name]
            if candidate.c_value not in lr:
                lr[candidate.c_value] = logits(train_m, test_m, y, candidate.c_value)
            result = lr[candidate.c_value]
            if candidate.nb_weight:
                if nb is None:
                    nb = nb_logits(train_m, test_m, y)
                result = result + candidate.nb_weight * nb
            out[name] = result
    return out


def cross_validate(design: Design, names: list[str], seeds: tuple[int, ...]) -> None:
    labels = np.array(T.LABELS)
    results: dict[str, list[float]] = {name: [] for name in names}
    started = time.process_time()
    for seed in seeds:
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
        for k, (train, test) in enumerate(folds.split(np.zeros(len(design.labels)), design.labels)):
            for name, values in score_candidates(design, train, test, names).items():
                predicted = labels[values.argmax(axis=1)]
                results[name].append(f1_score(design.labels[test], predicted, average="macro"))
            done = f"{time.process_time() - started:.0f} s CPU"
            print(f"seed {seed} fold {k}: {done}", flush=True)
    reference = np.array(results["base lr C10"])
    for name, values in sorted(results.items(), key=lambda kv: -np.mean(kv[1])):
        diff = np.array(values) - reference
        se = diff.std(ddof=1) / np.sqrt(len(diff))
        print(
            f"{name:28s} {np.mean(values):.4f} ± {np.std(values):.4f}  "
            f"paired {diff.mean():+.4f} ± {se:.4f} (se)  wins {int((diff > 0).sum())}/{len(diff)}"
        )


def holdout(data: Path, names: list[str]) -> None:
    """Fitted on SmSA train: macro-F1 on SmSA valid, NusaX-ind and its unseen texts."""
    check = Holdout(data)
    design = Design(check.texts, check.labels)
    for name, values in score_candidates(design, check.train, check.test, names).items():
        print(f"{name:28s} {check.figures(values)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default=str(T.REPO.parent / "shared" / "data"))
    parser.add_argument("mode", choices=("select", "confirm", "holdout"))
    parser.add_argument("names", nargs="*", help="candidates (confirm, holdout)")
    args = parser.parse_args()
    data = Path(args.data)
    names = ["base lr C10", *(n for n in args.names if n != "base lr C10")]
    if args.mode == "holdout":
        holdout(data, names)
        return
    tx, ty = T.load_smsa(data / "indonlu-smsa" / "train_preprocess.tsv")
    vx, vy = T.load_smsa(data / "indonlu-smsa" / "valid_preprocess.tsv")
    design = Design(tx + vx, np.array(ty + vy))
    if args.mode == "select":
        cross_validate(design, list(CANDIDATES), (T.SEED,))
    else:
        cross_validate(design, names, CONFIRM_SEEDS)


if __name__ == "__main__":
    main()
