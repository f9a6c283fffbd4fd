"""Sentiment model selection: 5-fold stratified CV macro-F1 on SmSA train+valid.

    PYTHONPATH=src nice -n 10 python scripts/tone_cv_combinations.py [DATA_DIR] [--holdout]

Every candidate keeps the runtime's additive units (``features.py``: char 2-5grams per
distinct token, word unigrams and bigrams, count x IDF, scaled by 1/sqrt(sum of the unit
norms^2)), so the runtime replays any of them as one linear model. Per fold the vocabulary
(min_df), the IDF and the naive-Bayes ratios are fitted on the training folds only. The
units are built once as sparse matrices (a token x char-n-gram matrix shared by all texts,
text x word and text x bigram counts), so a variant is a few sparse products.

Variants: ``neg`` adds a unit ``n x`` per token among the 3 after a negator (tidak, bukan,
belum, jangan, kurang, tanpa, tak); ``binw`` counts each word unigram once per text;
``mindf2`` keeps features seen in 2 training texts (3 otherwise). Classifiers: multinomial
logistic regression (C 10, balanced), NB-SVM-style one-vs-rest (naive-Bayes log-count
ratios, C 1), linear SVM (C 0.1, 0.3) and logit sums of them (one linear model). Prints
mean ± sd over the folds and the paired difference to the shipped configuration (``base lr
C10``) with its standard error. ``--holdout`` fits the main candidates on SmSA train and
prints macro-F1 on SmSA valid and NusaX-ind (checks only, never trained on). About 9 min
CPU (40 min wall at load 8, ``nice -n 10``). Needs scikit-learn and SciPy.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_tone_models as T
from karib.tone.features import char_ngrams, negated
from karib.tone.normalize import normalize_tokens


class Units:
    """Sparse unit counts of a corpus: char n-grams per distinct token, word, bigram and
    negated-word occurrences (text rows)."""

    def __init__(self, texts: list[str]) -> None:
        token_lists = [normalize_tokens(t) for t in texts]
        tokens: dict[str, int] = {}
        grams: dict[str, int] = {}
        words: dict[str, int] = {}
        pairs: dict[str, int] = {}
        negs: dict[str, int] = {}
        rows_p, cols_p = [], []
        w_rows, w_cols, b_rows, b_cols, n_rows, n_cols = [], [], [], [], [], []
        for row, toks in enumerate(token_lists):
            for tok in dict.fromkeys(toks):
                rows_p.append(row)
                cols_p.append(tokens.setdefault(tok, len(tokens)))
            for tok in toks:
                w_rows.append(row)
                w_cols.append(words.setdefault(tok, len(words)))
            for a, b in pairwise(toks):
                b_rows.append(row)
                b_cols.append(pairs.setdefault(a + " " + b, len(pairs)))
            for tok in negated(toks):
                n_rows.append(row)
                n_cols.append(negs.setdefault(tok, len(negs)))
        u_rows, u_cols, u_vals = [], [], []
        for tok, row in tokens.items():
            for gram, count in Counter(char_ngrams(tok)).items():
                u_rows.append(row)
                u_cols.append(grams.setdefault(gram, len(grams)))
                u_vals.append(count)
        n = len(texts)

        def counts(r: list[int], c: list[int], width: int) -> sparse.csr_matrix:
            return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, width), dtype=np.float64)

        self.presence = counts(rows_p, cols_p, len(tokens))
        self.token_grams = sparse.csr_matrix(
            (u_vals, (u_rows, u_cols)), shape=(len(tokens), len(grams)), dtype=np.float64
        )
        self.words = counts(w_rows, w_cols, len(words))
        self.pairs = counts(b_rows, b_cols, len(pairs))
        self.negs = counts(n_rows, n_cols, len(negs))

    def design(
        self,
        train: np.ndarray,
        test: np.ndarray,
        *,
        neg: bool,
        binary_words: bool,
        min_df: int = T.MIN_DF,
    ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """Train and test rows scaled as the runtime does, vocabulary and IDF from train."""
        words = (self.words > 0).astype(np.float64) if binary_words else self.words
        # Per block: text x feature counts and, per text and feature, the sum of the
        # squared unit counts (char units: squared n-gram counts per token; occurrence
        # units have count 1).
        blocks = [
            (self.presence @ self.token_grams, self.presence @ self.token_grams.power(2)),
            (words, words),
            (self.pairs, self.pairs),
        ]
        if neg:
            blocks.append((self.negs, self.negs))
        total = len(train)
        out_train, out_test, norms_train, norms_test = [], [], [], []
        for value, square in blocks:
            value, square = value.tocsc(), square.tocsc()
            df = np.asarray((value[train] > 0).sum(axis=0)).ravel()
            keep = np.flatnonzero(df >= min_df)
            idf = np.log((1 + total) / (1 + df[keep])) + 1.0
            scale = sparse.diags(idf)
            sq_idf = idf * idf
            v, s = value[:, keep], square[:, keep]
            out_train.append(v[train] @ scale)
            out_test.append(v[test] @ scale)
            norms_train.append(s[train] @ sq_idf)
            norms_test.append(s[test] @ sq_idf)
        result = []
        for parts, norms in ((out_train, norms_train), (out_test, norms_test)):
            norm = np.sqrt(np.sum(norms, axis=0))
            inv = np.divide(1.0, norm, out=np.zeros_like(norm), where=norm > 0)
            result.append(sparse.diags(inv) @ sparse.hstack(parts).tocsr())
        return result[0], result[1]


def lr_and_nb(
    train_m: sparse.csr_matrix, test_m: sparse.csr_matrix, train_y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Test logits (LABELS order) of the multinomial LR (C 10) and the NB-SVM model (C 1)."""
    model = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced", random_state=T.SEED)
    model.fit(train_m, train_y)
    order = [list(model.classes_).index(label) for label in T.LABELS]
    lr = np.asarray(test_m @ model.coef_[order].T + model.intercept_[order])
    coef, b = T.fit_nb_ovr(train_m, train_y, 1.0)
    return lr, np.asarray(test_m @ coef.T + b)


class Holdout:
    """SmSA train (to fit on), then SmSA valid and NusaX-ind (to check on), as one corpus;
    ``parts`` index the checked rows (``test``): SmSA valid, all of NusaX-ind and the
    NusaX-ind texts no SmSA text nearly copies (never trained on)."""

    def __init__(self, data: Path) -> None:
        tx, ty = T.load_smsa(data / "indonlu-smsa" / "train_preprocess.tsv")
        vx, vy = T.load_smsa(data / "indonlu-smsa" / "valid_preprocess.tsv")
        nx: list[str] = []
        ny: list[str] = []
        for split in ("train", "valid", "test"):
            xs, ys = T.load_nusax(data / "nusax-senti" / "indonesian" / f"{split}.csv")
            nx += xs
            ny += ys
        unseen = T.nearest_overlap(tx + vx)(nx) < T.NEAR_COPY
        self.texts = tx + vx + nx
        self.labels = np.array(ty + vy + ny)
        self.train = np.arange(len(tx))
        self.test = np.arange(len(tx), len(self.texts))
        self.parts = {
            "smsa valid": np.arange(len(vx)),
            "nusax-ind all": np.arange(len(vx), len(vx) + len(nx)),
            f"nusax-ind unseen ({unseen.sum()})": len(vx) + np.flatnonzero(unseen),
        }

    def figures(self, logits: np.ndarray) -> str:
        """Macro-F1 per part of the test rows' ``logits``."""
        truth = self.labels[self.test]
        predicted = np.array(T.LABELS)[logits.argmax(1)]
        return "  ".join(
            f"{part} {f1_score(truth[rows], predicted[rows], average='macro'):.4f}"
            for part, rows in self.parts.items()
        )


def holdout(data: Path) -> None:
    """The main candidates fitted on SmSA train: macro-F1 on SmSA valid, on all of NusaX-ind
    and on the NusaX-ind texts no SmSA text nearly copies (never trained on)."""
    check = Holdout(data)
    units = Units(check.texts)
    y = check.labels
    for vname, neg, min_df in (("base", False, 3), ("neg mindf2", True, 2)):
        train_m, test_m = units.design(
            check.train, check.test, neg=neg, binary_words=False, min_df=min_df
        )
        lr, nb = lr_and_nb(train_m, test_m, y[check.train])
        for name, logits in (("lr C10", lr), ("lr C10 + 0.5 nb C1", lr + 0.5 * nb)):
            print(f"{vname} {name:20s} {check.figures(logits)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default=str(T.REPO.parent / "shared" / "data"))
    parser.add_argument("--quick", action="store_true", help="2 folds of 5, fewer candidates")
    parser.add_argument(
        "--holdout",
        action="store_true",
        help="fit on SmSA train only; macro-F1 on SmSA valid and NusaX-ind (checks)",
    )
    args = parser.parse_args()
    data = Path(args.data)
    if args.holdout:
        holdout(data)
        return
    tx, ty = T.load_smsa(data / "indonlu-smsa" / "train_preprocess.tsv")
    vx, vy = T.load_smsa(data / "indonlu-smsa" / "valid_preprocess.tsv")
    texts = tx + vx
    y = np.array(ty + vy)
    labels = np.array(T.LABELS)
    t0 = time.process_time()
    units = Units(texts)
    print("units built", round(time.process_time() - t0), "s CPU", flush=True)
    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=T.SEED).split(texts, y))
    if args.quick:
        folds = folds[:2]
    results: dict[str, list[float]] = {}
    variants = {
        "base": (False, False, T.MIN_DF),
        "neg": (True, False, T.MIN_DF),
        "neg+binw": (True, True, T.MIN_DF),
        "neg mindf2": (True, False, 2),
    }
    if args.quick:
        variants = {"neg": variants["neg"]}

    def score(name: str, logits: np.ndarray, truth: np.ndarray) -> None:
        results.setdefault(name, []).append(
            f1_score(truth, labels[logits.argmax(1)], average="macro")
        )

    for k, (train, test) in enumerate(folds):
        for vname, (neg, binw, min_df) in variants.items():
            train_m, test_m = units.design(train, test, neg=neg, binary_words=binw, min_df=min_df)
            lr, nb = lr_and_nb(train_m, test_m, y[train])
            score(f"{vname} lr C10", lr, y[test])
            score(f"{vname} nb C1", nb, y[test])
            for a in (0.5, 1.0):
                score(f"{vname} lr C10 + {a:g} nb C1", lr + a * nb, y[test])
            for c in (0.1, 0.3):
                svm = LinearSVC(C=c, class_weight="balanced", random_state=T.SEED)
                svm.fit(train_m, y[train])
                order = [list(svm.classes_).index(label) for label in T.LABELS]
                sv = np.asarray(test_m @ svm.coef_[order].T + svm.intercept_[order])
                score(f"{vname} svm C{c:g}", sv, y[test])
                # The SVM margins are about a third of the LR logits' scale.
                score(f"{vname} lr C10 + 1 nb C1 + 3 svm C{c:g}", lr + nb + 3 * sv, y[test])
            print(f"fold {k} {vname}: {time.process_time() - t0:.0f} s CPU", flush=True)
    reference = np.array(results["base lr C10"]) if "base lr C10" in results else None
    for name, values in sorted(results.items(), key=lambda kv: -np.mean(kv[1])):
        line = f"{name:40s} {np.mean(values):.4f} ± {np.std(values):.4f}"
        if reference is not None:
            diff = np.array(values) - reference
            se = diff.std(ddof=1) / np.sqrt(len(diff))
            line += f"  paired diff {diff.mean():+.4f} ± {se:.4f} (se)"
        print(line + "  folds " + " ".join(f"{v:.4f}" for v in values))


if __name__ == "__main__":
    main()
