"""Rebuild the shipped tone model(s) from the public data and print the evaluation figures.

Usage (from the repository root):

    PYTHONPATH=src python scripts/train_tone_models.py [DATA_DIR] [--no-write]

DATA_DIR defaults to ``../shared/data``. Needs scikit-learn (a training-only dependency).
Deterministic: fixed seeds, sorted features, rounded weights. Trains on the SmSA train
split only (valid is used for the calibration temperature and the reported figure). ``--cv``
prints the 5-fold cross-validated macro-F1 on SmSA train+valid of the engine 1.x model and
of the shipped configuration (the selection itself is ``tone_cv_select.py``). NusaX is used for
checks only: its CC BY-SA licence would bind a model trained on it.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

from karib.tone.features import sentiment_units
from karib.tone.normalize import normalize_tokens
from karib.tone.scoring import (
    CURT_WEIGHTS,
    SERVICE_ACTS,
    STRATEGY_ACT_CAP,
    find_markers,
    hand_delta,
)
from karib.tone.sentiment import SentimentModel
from karib.tone.strategies import (
    DIRECTIONS as STRATEGY_DIRECTIONS,
)
from karib.tone.strategies import LABELS as STRATEGY_LABELS
from karib.tone.strategies import (
    PLEASE_END_LABEL,
    StrategyWeights,
    english_words,
    find_strategies,
    squash,
)

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "src" / "karib" / "tone" / "data" / "sentiment.json.gz"
SEED = 13
C_VALUE = 30.0
MIN_DF = 2
# Model selection (round 4, ``tone_cv_select.py``: 5-fold CV on SmSA train+valid, confirmed
# on a fresh 5x2 CV): the negation scope, min_df 2, word features scaled x2, C 30; the
# weight of the NB-SVM model in the logit sum (0: plain LR).
NEGATION = True
NB_WEIGHT = 0.0
# Per-feature scales folded into the model file's "idf" (the runtime multiplies both the
# value and the row norm by it): word unigrams and negated words, bigrams, and an optional
# factor (max over classes |naive-Bayes log-count ratio| + NB_FLOOR) ** NB_POWER.
WORD_SCALE = 2.0
PAIR_SCALE = 2.0
NB_POWER = 0.0
NB_FLOOR = 0.05
# Calibration by one temperature fitted on SmSA valid (argmax unchanged): C 30 and the
# doubled word scales make the logits larger than the engine 1.x model's (which was
# calibrated without it).
CALIBRATE = True
DECIMALS = 4
LABELS = ("positive", "neutral", "negative")


def load_smsa(path: Path) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text, label = line.rstrip("\n").rsplit("\t", 1)
            texts.append(text)
            labels.append(label)
    return texts, labels


def load_nusax(path: Path) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["label"] for r in rows]


NEAR_COPY = 0.5


def nearest_overlap(reference: list[str]) -> Callable[[list[str]], np.ndarray]:
    """A function giving, per text, the largest Jaccard index between its set of words
    (lower-cased, ``\\w+``) and that of any ``reference`` text."""
    vectorizer = CountVectorizer(binary=True, token_pattern=r"\w+")  # noqa: S106
    vectorizer.fit(reference)
    known = vectorizer.transform(reference)
    known_sizes = np.asarray(known.sum(axis=1)).ravel()

    def largest(texts: list[str]) -> np.ndarray:
        found = vectorizer.transform(texts)
        # Words outside the reference vocabulary count in the union too.
        sizes = np.array([len(set(re.findall(r"\w+", t.lower()))) for t in texts])
        shared = (found @ known.T).toarray()
        union = sizes[:, None] + known_sizes[None, :] - shared
        return (shared / np.maximum(union, 1)).max(axis=1)

    return largest


class UnitVectorizer:
    """Count x IDF over additive units, rows scaled by 1/sqrt(sum of unit norms^2).

    Exactly what ``sentiment.SentimentModel.predict`` replays (see ``features.py``).
    """

    def __init__(
        self,
        min_df: int,
        *,
        negation: bool = False,
        word_scale: float = 1.0,
        pair_scale: float = 1.0,
    ) -> None:
        self.min_df = min_df
        self.negation = negation
        self.word_scale = word_scale
        self.pair_scale = pair_scale
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0)

    def fit(self, texts: list[str]) -> UnitVectorizer:
        df: Counter[str] = Counter()
        for text in texts:
            units = sentiment_units(text, negation=self.negation)
            df.update({feat for unit in units for feat in unit})
        kept = sorted(feat for feat, n in df.items() if n >= self.min_df)
        self.vocabulary = {feat: col for col, feat in enumerate(kept)}
        total = len(texts)
        self.idf = np.array(
            [
                (math.log((1 + total) / (1 + df[feat])) + 1.0) * self.group_scale(feat)
                for feat in kept
            ]
        )
        return self

    def group_scale(self, feat: str) -> float:
        """WORD_SCALE for ``w x`` and ``n x``, PAIR_SCALE for ``b x y``, 1 for char n-grams."""
        if len(feat) > 2 and feat[1] == " ":
            return self.pair_scale if feat[0] == "b" else self.word_scale
        return 1.0

    def scale_by_nb(self, texts: list[str], labels: np.ndarray, power: float) -> None:
        """Multiply each feature's scale by (max over classes |NB log-count ratio| + NB_FLOOR)
        ** power, the ratios counted on ``texts`` (the training texts)."""
        ratios = nb_ratios(self.transform(texts), labels)
        self.idf = self.idf * (np.abs(ratios).max(axis=0) + NB_FLOOR) ** power

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        vocabulary, idf = self.vocabulary, self.idf
        for row, text in enumerate(texts):
            acc: Counter[int] = Counter()
            norm = 0.0
            for unit in sentiment_units(text, negation=self.negation):
                for feat, count in unit.items():
                    col = vocabulary.get(feat)
                    if col is None:
                        continue
                    value = count * idf[col]
                    acc[col] += value
                    norm += value * value
            scale = 1.0 / math.sqrt(norm) if norm > 0.0 else 0.0
            for col, value in sorted(acc.items()):
                rows.append(row)
                cols.append(col)
                values.append(value * scale)
        return sparse.csr_matrix(
            (values, (rows, cols)), shape=(len(texts), len(vocabulary)), dtype=np.float64
        )


NB_C = 1.0
CV_FOLDS = 5


def nb_ratios(matrix: sparse.csr_matrix, labels: np.ndarray) -> np.ndarray:
    """Naive-Bayes log-count ratios per class (rows in LABELS order): binarised counts, +1
    smoothing (Wang & Manning 2012)."""
    binary = (matrix > 0).astype(np.float64)
    out = []
    for label in LABELS:
        positive = labels == label
        p = np.asarray(binary[positive].sum(axis=0)).ravel() + 1.0
        q = np.asarray(binary[~positive].sum(axis=0)).ravel() + 1.0
        out.append(np.log((p / p.sum()) / (q / q.sum())))
    return np.vstack(out)


def fit_nb_ovr(
    matrix: sparse.csr_matrix, labels: np.ndarray, c_value: float
) -> tuple[np.ndarray, np.ndarray]:
    """NB-SVM-style one-vs-rest logistic regressions (Wang & Manning 2012): per class, the
    features scaled by their naive-Bayes log-count ratio r (binarised counts, +1 smoothing),
    then a balanced logistic regression. Returns weights already multiplied by r (rows in
    LABELS order) and intercepts: one linear model over the same features, which the
    runtime replays unchanged (argmax of the three scores, softmax for probabilities)."""
    coefs, intercepts = [], []
    for label, ratio in zip(LABELS, nb_ratios(matrix, labels), strict=True):
        positive = labels == label
        model = LogisticRegression(
            C=c_value, max_iter=3000, class_weight="balanced", random_state=SEED
        )
        model.fit(matrix @ sparse.diags(ratio), positive.astype(int))
        coefs.append(model.coef_[0] * ratio)
        intercepts.append(float(model.intercept_[0]))
    return np.vstack(coefs), np.array(intercepts)


@dataclass(frozen=True)
class SentimentConfig:
    """Features and classifier of one sentiment candidate (``tone_cv_select.py``)."""

    negation: bool = NEGATION
    min_df: int = MIN_DF
    word_scale: float = WORD_SCALE
    pair_scale: float = PAIR_SCALE
    nb_power: float = NB_POWER
    c_value: float = C_VALUE
    nb_weight: float = NB_WEIGHT

    def vectorizer(self, texts: list[str], labels: np.ndarray) -> UnitVectorizer:
        """The vectoriser fitted on ``texts`` (labels only for the NB scaling)."""
        vectorizer = UnitVectorizer(
            self.min_df,
            negation=self.negation,
            word_scale=self.word_scale,
            pair_scale=self.pair_scale,
        ).fit(texts)
        if self.nb_power:
            vectorizer.scale_by_nb(texts, labels, self.nb_power)
        return vectorizer

    def describe(self) -> tuple[str, str]:
        """The model file's ``features`` and ``model`` texts (without the calibration)."""
        features = "additive units: char 2-5grams per distinct token, word 1-2grams" + (
            ", negated words (3 tokens after a negator)" if self.negation else ""
        )
        features += f" (min_df {self.min_df}); count x IDF"
        if self.word_scale != 1.0 or self.pair_scale != 1.0:
            features += (
                f" (word unigrams and negated words x {self.word_scale:g},"
                f" bigrams x {self.pair_scale:g})"
            )
        if self.nb_power:
            features += (
                f" x (max over classes |naive-Bayes log-count ratio| + {NB_FLOOR:g})"
                f" ** {self.nb_power:g}"
            )
        features += ", scaled by 1/sqrt(sum of unit norms^2)"
        model = f"multinomial logistic regression C={self.c_value:g}, class_weight=balanced"
        if self.nb_weight:
            model += (
                f", plus {self.nb_weight:g} x NB-SVM-style one-vs-rest logistic regressions "
                f"(naive-Bayes log-count ratios, C={NB_C:g}, balanced)"
            )
        return features, model


SHIPPED = SentimentConfig()
# The engine 1.x model (the reference of every paired comparison).
ENGINE_1 = SentimentConfig(
    negation=False,
    min_df=3,
    word_scale=1.0,
    pair_scale=1.0,
    nb_power=0.0,
    c_value=10.0,
    nb_weight=0.0,
)


def fit_sentiment(
    matrix: sparse.csr_matrix, labels: np.ndarray, config: SentimentConfig = SHIPPED
) -> tuple[np.ndarray, np.ndarray]:
    """A multinomial logistic regression (``config.c_value``, balanced) plus
    ``config.nb_weight`` times the NB-SVM-style one-vs-rest model (NB_C): one coefficient
    row per class in LABELS order and the intercepts (the sum of two linear models over the
    same features is one linear model, which the runtime replays unchanged)."""
    model = LogisticRegression(
        C=config.c_value, max_iter=3000, class_weight="balanced", random_state=SEED
    )
    model.fit(matrix, labels)
    order = [list(model.classes_).index(label) for label in LABELS]
    coef, intercept = model.coef_[order], model.intercept_[order]
    if config.nb_weight:
        nb_coef, nb_intercept = fit_nb_ovr(matrix, labels, NB_C)
        coef = coef + config.nb_weight * nb_coef
        intercept = intercept + config.nb_weight * nb_intercept
    return coef, intercept


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def log_loss(logits: np.ndarray, labels: np.ndarray) -> float:
    index = np.array([LABELS.index(label) for label in labels])
    probabilities = softmax(logits)[np.arange(len(index)), index]
    return float(-np.mean(np.log(np.clip(probabilities, 1e-12, None))))


def expected_calibration_error(logits: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    """ECE of the top class (equal-width confidence bins)."""
    probabilities = softmax(logits)
    confidence = probabilities.max(axis=1)
    correct = np.array(LABELS)[probabilities.argmax(axis=1)] == labels
    edges = np.linspace(0.0, 1.0, bins + 1)
    error = 0.0
    for low, high in pairwise(edges):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            error += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(error)


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature T minimising the log-loss of softmax(logits / T) (calibration; the
    argmax, hence every label and the macro-F1, is unchanged)."""
    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 400))
    return float(min(grid, key=lambda t: log_loss(logits / t, labels)))


def cross_validate(texts: list[str], labels: np.ndarray) -> dict[str, float]:
    """5-fold stratified CV macro-F1 on SmSA train+valid of the engine 1.x model (plain
    multinomial LR, no negation scope) and the shipped configuration (NEGATION, NB_WEIGHT),
    the vectoriser fitted on the training folds only (``tone_cv_combinations.py`` runs the
    wider search on the same footing)."""
    candidates = {"lr_c10": ENGINE_1, "shipped": SHIPPED}
    out: dict[str, list[float]] = {name: [] for name in candidates}
    folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(texts, labels):
        train_texts = [texts[i] for i in train_idx]
        test_texts = [texts[i] for i in test_idx]
        for name, config in candidates.items():
            vectorizer = config.vectorizer(train_texts, labels[train_idx])
            train_m = vectorizer.transform(train_texts)
            test_m = vectorizer.transform(test_texts)
            coef, intercept = fit_sentiment(train_m, labels[train_idx], config)
            predicted = np.array(LABELS)[np.asarray(test_m @ coef.T + intercept).argmax(axis=1)]
            out[name].append(float(f1_score(labels[test_idx], predicted, average="macro")))
    figures: dict[str, float] = {}
    for name, values in out.items():
        figures[f"cv5_macro_f1_{name}"] = float(np.mean(values))
        figures[f"cv5_macro_f1_{name}_std"] = float(np.std(values))
    return figures


def train_sentiment(data: Path, write: bool, output: Path = OUTPUT) -> dict[str, float]:
    train_x, train_y = load_smsa(data / "indonlu-smsa" / "train_preprocess.tsv")
    valid_x, valid_y = load_smsa(data / "indonlu-smsa" / "valid_preprocess.tsv")
    vectorizer = SHIPPED.vectorizer(train_x, np.array(train_y))
    matrix = vectorizer.transform(train_x)
    valid_matrix = vectorizer.transform(valid_x)
    coef, intercept = fit_sentiment(matrix, np.array(train_y), SHIPPED)
    valid_logits = np.asarray(valid_matrix @ coef.T + intercept)
    valid_labels = np.array(valid_y)
    # Calibration: one temperature fitted on SmSA valid (it leaves every argmax as it is).
    temperature = fit_temperature(valid_logits, valid_labels) if CALIBRATE else 1.0
    figures: dict[str, float] = {
        "smsa_valid_log_loss_uncalibrated": log_loss(valid_logits, valid_labels),
        "smsa_valid_ece_uncalibrated": expected_calibration_error(valid_logits, valid_labels),
    }
    coef, intercept = coef / temperature, intercept / temperature
    valid_logits = valid_logits / temperature
    figures["temperature"] = temperature
    figures["smsa_valid_log_loss"] = log_loss(valid_logits, valid_labels)
    figures["smsa_valid_ece"] = expected_calibration_error(valid_logits, valid_labels)
    predicted = np.array(LABELS)[valid_logits.argmax(axis=1)]
    figures["smsa_valid_macro_f1"] = float(f1_score(valid_y, predicted, average="macro"))
    figures["smsa_valid_accuracy"] = float(accuracy_score(valid_y, predicted))
    # Export: rows (idf, weights per class in LABELS order), rounded; replayed by sentiment.py.
    idf = vectorizer.idf
    features = {
        feat: [round(float(idf[col]), DECIMALS)]
        + [round(float(coef[k, col]), DECIMALS) for k in range(len(LABELS))]
        for feat, col in sorted(vectorizer.vocabulary.items())
    }
    features_text, model_text = SHIPPED.describe()
    if CALIBRATE:
        model_text += f"; logits divided by a temperature of {temperature:.3f} (SmSA valid)"
    payload = {
        "classes": list(LABELS),
        "intercept": [round(float(b), DECIMALS) for b in intercept],
        "features": features,
        "meta": {
            "trained_on": "IndoNLU SmSA train (Apache-2.0)",
            "features": features_text,
            "model": model_text,
            "figures": {k: round(v, 4) for k, v in figures.items()},
        },
    }
    # The exported (rounded) model replayed by the runtime must agree with scikit-learn.
    replay = SentimentModel(
        tuple(LABELS),
        tuple(payload["intercept"]),
        {feat: tuple(row) for feat, row in features.items()},
        {},
    )
    replay_scores = [replay.predict(t) for t in valid_x]
    replayed = [max(p, key=p.__getitem__) for p in replay_scores]
    # Per-token rows shipped with the model (a known token costs one lookup even cold): every
    # normalised token of the training texts, exactly as the runtime computes them from the
    # rounded weights (floats written with repr, so they load back bit for bit).
    vocabulary = sorted({token for text in train_x for token in normalize_tokens(text)})
    token_rows = replay.token_rows(vocabulary)
    payload["tokens"] = {token: list(row) for token, row in token_rows.items()}
    shipped = SentimentModel(
        tuple(LABELS),
        tuple(payload["intercept"]),
        {feat: tuple(row) for feat, row in features.items()},
        {},
        {token: tuple(row) for token, row in json.loads(json.dumps(token_rows)).items()},
    )
    for texts, reference in ((valid_x, replay_scores), (train_x, None)):
        for i, text in enumerate(texts):
            expected = replay.predict(text) if reference is None else reference[i]
            if shipped.predict(text) != expected:
                raise RuntimeError(f"shipped token rows change the scores of {text!r}")
    figures["runtime_replay_agreement_smsa_valid"] = float(
        np.mean([a == b for a, b in zip(replayed, predicted, strict=True)])
    )
    figures["runtime_replay_macro_f1_smsa_valid"] = float(
        f1_score(valid_y, replayed, average="macro")
    )
    if write:
        output.parent.mkdir(parents=True, exist_ok=True)
        blob = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
        output.write_bytes(gzip.compress(blob, compresslevel=9, mtime=0))
        print(
            f"wrote {output} ({output.stat().st_size / 1024:.0f} KiB, "
            f"{len(features)} features, {len(token_rows)} token rows)"
        )
    # Checks on NusaX (information only, never trained on). NusaX's Indonesian texts come
    # from SmSA, most of them lightly edited: the held-out check counts only the texts whose
    # word set overlaps no SmSA train or valid text by a Jaccard index of NEAR_COPY or more.
    near = nearest_overlap(train_x + valid_x)
    for language in ("indonesian", "english"):
        xs, ys = [], []
        for split in ("train", "valid", "test"):
            path = data / "nusax-senti" / language / f"{split}.csv"
            if path.exists():
                split_x, split_y = load_nusax(path)
                xs += split_x
                ys += split_y
        if not xs:
            continue
        logits = np.asarray(vectorizer.transform(xs) @ coef.T + intercept)
        nusax_predicted = np.array(LABELS)[logits.argmax(axis=1)]
        gold = np.array(ys)
        figures[f"nusax_{language}_all_macro_f1"] = float(
            f1_score(gold, nusax_predicted, average="macro")
        )
        if language == "indonesian":
            # The English texts are translations: the overlap is judged on the Indonesian.
            unseen = near(xs) < NEAR_COPY
        figures[f"nusax_{language}_unseen_items"] = float(unseen.sum())
        figures[f"nusax_{language}_unseen_macro_f1"] = float(
            f1_score(gold[unseen], nusax_predicted[unseen], average="macro")
        )
    return figures


def load_politeness(
    data: Path, *, with_communities: bool = False
) -> tuple[list[str], np.ndarray] | tuple[list[str], np.ndarray, list[str]]:
    path = data / "stanford-politeness" / "stack-exchange.annotated.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    scores = np.array([float(r["Normalized Score"]) for r in rows])
    low, high = np.quantile(scores, 0.25), np.quantile(scores, 0.75)
    texts, labels, communities = [], [], []
    for row, score in zip(rows, scores, strict=True):
        if score >= high or score <= low:
            texts.append(row["Request"])
            labels.append(1 if score >= high else 0)
            communities.append(row["Community"].split(" ", 1)[-1])
    if with_communities:
        return texts, np.array(labels), communities
    return texts, np.array(labels)


CROSS_DOMAIN_TRAIN = "Stack Overflow"


def politeness_cross_domain(data: Path) -> dict[str, float]:
    """Train on the Stack Overflow requests only (weights and threshold), test on the
    requests of every other Stack Exchange community (cooking, bicycles, English usage,
    physics, gaming ...): a domain the model was not trained on. Also leave one community
    out: 25 fits on 24 communities (weights, vocabulary and cut), each tested on the 25th,
    pooled over all requests."""
    texts, labels, communities = load_politeness(data, with_communities=True)  # type: ignore[misc]
    design = shipped_design(texts, communities)
    train_idx = np.array([i for i, c in enumerate(communities) if c == CROSS_DOMAIN_TRAIN])
    test_idx = np.array([i for i, c in enumerate(communities) if c != CROSS_DOMAIN_TRAIN])
    weights = design.fit(train_idx, labels)
    cut = best_threshold(design.engine_scores(train_idx, weights), labels[train_idx])
    test_scores = design.engine_scores(test_idx, weights)
    hand = 0.5 + design.hand_only
    hand_cut = best_threshold(hand[train_idx], labels[train_idx])
    right = 0
    for name in sorted(set(communities)):
        test = np.array([i for i, c in enumerate(communities) if c == name])
        train = np.array([i for i, c in enumerate(communities) if c != name])
        fitted = design.fit(train, labels)
        fold_cut = best_threshold(design.engine_scores(train, fitted), labels[train])
        right += int(np.sum((design.engine_scores(test, fitted) >= fold_cut) == labels[test]))
    return {
        "politeness_cross_domain_train_items": float(len(train_idx)),
        "politeness_cross_domain_test_items": float(len(test_idx)),
        "politeness_cross_domain_test_communities": float(len({communities[i] for i in test_idx})),
        "politeness_cross_domain_accuracy": float(
            np.mean((test_scores >= cut) == labels[test_idx])
        ),
        "politeness_cross_domain_hand_markers_accuracy": float(
            np.mean((hand[test_idx] >= hand_cut) == labels[test_idx])
        ),
        "politeness_leave_one_community_out_accuracy": right / len(texts),
    }


POLITENESS_OUTPUT = REPO / "src" / "karib" / "tone" / "data" / "politeness_en.json"
POLITENESS_C = 0.1
LEXICON_MIN_DF = 5
WORD_MIN_WEIGHT = 0.05
ENGLISH_CAP = 0.35
# Engine 2.3 (``tests/tone/politeness/cv_lexicon.py``: leave one Stack Exchange community out
# and the development service turns): the lexicon's vocabulary, whether strategies keep
# their direction (``strategies.DIRECTIONS``), the strategies weighted as the hand
# ``bare_imperative`` marker instead of fitted, and the strategies left out.
POLITENESS_VOCABULARY = "function"
POLITENESS_DIRECTED = True
POLITENESS_HAND = {"bald_command": CURT_WEIGHTS["bare_imperative"]}
POLITENESS_EXCLUDE = frozenset({"please_end"})


# Closed-class English words (pronouns, determiners and quantifiers, auxiliaries and modals
# with their contractions, question words, negation, conjunctions and discourse markers,
# degree adverbs, interjections): the words a request is framed with, not what it is about.
# Stack Exchange's content words are its topics ("set", "show", "install", "homework"). The
# words of the strategies themselves ("please", "thanks", "sorry", "hi") count through them.
FUNCTION_WORDS = frozenset(
    """i me my mine myself we us our ours ourselves you your yours yourself yourselves he him
    his himself she her hers herself they them their theirs themselves one someone anyone
    everyone somebody anybody everybody nobody something anything everything nothing none
    this these those such other another each every all both either neither some any no many
    much more most few less least several enough own same
    do does did done doing don't doesn't didn't have has had having haven't hasn't hadn't
    am been being isn't aren't wasn't weren't can could may might must shall should will
    would can't cannot couldn't mustn't shan't shouldn't won't wouldn't i'm i'd i've i'll
    you're you'd you've you'll we're we'd we've we'll he's she's they're they'd they've
    it'll that's there's here's what's who's let's
    what why how where when which who whom whose whether
    not never yes yeah yep ok okay sure no nope
    so then but yet also too just only even still already again anyway anyhow however though
    although because since unless until while if else otherwise instead rather than besides
    actually really indeed maybe perhaps probably possibly certainly clearly obviously simply
    basically generally usually always often sometimes ever there here now very quite pretty
    fairly somewhat bit little lot lots kind sort well oh""".split()  # noqa: SIM905 - a word list
)
VOCABULARIES = ("all", "none", "function", "stable")
# A word's sign is stable when, in the communities where it occurs in STABLE_MIN_ITEMS+
# requests, its requests lean the same way (more or less polite than their community's) in
# at least STABLE_AGREEMENT of them, over at least STABLE_MIN_COMMUNITIES communities.
STABLE_MIN_ITEMS = 2
STABLE_MIN_COMMUNITIES = 3
STABLE_AGREEMENT = 0.75


def lexicon_vocabulary(
    policy: str,
    frequent: set[str],
    words: list[set[str]],
    labels: np.ndarray,
    communities: list[str] | None,
) -> list[str]:
    """The words the fitted lexicon may use, among the ``frequent`` ones of the training
    requests (their ``words``, ``labels`` and ``communities``): ``all``, ``none``, the
    closed-class ``function`` words, or the ``stable`` ones (the same sign in most
    communities, see STABLE_*)."""
    if policy == "all":
        return sorted(frequent)
    if policy == "none":
        return []
    if policy == "function":
        return sorted(frequent & FUNCTION_WORDS)
    if policy != "stable" or communities is None:
        raise ValueError(f"unknown vocabulary policy or no communities: {policy}")
    base = {
        c: float(np.mean(labels[[i for i, x in enumerate(communities) if x == c]]))
        for c in set(communities)
    }
    lean: dict[str, list[float]] = {}
    per: dict[tuple[str, str], list[int]] = {}
    for ws, label, community in zip(words, labels, communities, strict=True):
        for w in ws & frequent:
            per.setdefault((w, community), []).append(int(label))
    for (w, community), hits in per.items():
        if len(hits) >= STABLE_MIN_ITEMS:
            lean.setdefault(w, []).append(float(np.mean(hits)) - base[community])
    kept = []
    for w, leans in lean.items():
        signs = [x for x in leans if x != 0.0]
        if len(signs) < STABLE_MIN_COMMUNITIES:
            continue
        positive = sum(x > 0 for x in signs) / len(signs)
        if max(positive, 1.0 - positive) >= STABLE_AGREEMENT:
            kept.append(w)
    return sorted(kept)


class PolitenessDesign:
    """Per request: the hand-weighted marker delta, the strategy labels and the words.

    ``exclude``: strategy labels the model may not use (no column, so weight 0). ``hand``:
    strategy labels weighted as curt hand markers (politeness points, not fitted; folded into
    the hand delta, and like a curt marker they keep the fitted strategies from adding).
    ``vocabulary``: which words may enter the fitted lexicon (``lexicon_vocabulary``);
    ``communities``: each request's community (the ``stable`` vocabulary needs them).
    ``directed``: a strategy whose fitted sign contradicts ``STRATEGY_DIRECTIONS`` is left
    out (weight 0) and the rest refitted."""

    def __init__(
        self,
        texts: list[str],
        exclude: frozenset[str] = frozenset(),
        *,
        hand: dict[str, float] | None = None,
        vocabulary: str = "all",
        communities: list[str] | None = None,
        directed: bool = False,
    ) -> None:
        hand_markers = [find_markers(t, strategies=False) for t in texts]
        self.hand_cues = dict(hand or {})
        self.hand_only = np.array([hand_delta(m) for m in hand_markers], dtype=float)
        found = [{m.label for m in find_strategies(t, t.lower(), words=False)} for t in texts]
        # As ``StrategyWeights.cue``: no cue next to a hand bare_imperative or polite marker.
        imperative = [
            any(m.label == "bare_imperative" or m.kind == "polite" for m in ms)
            for ms in hand_markers
        ]
        cues = np.array(
            [
                0.0 if imp else -max((self.hand_cues.get(x, 0.0) for x in labels), default=0.0)
                for labels, imp in zip(found, imperative, strict=True)
            ]
        )
        self.hand = self.hand_only + cues
        self.curt = [
            any(m.kind == "curt" for m in ms)
            or (bool(labels & self.hand_cues.keys()) and not any(m.kind == "polite" for m in ms))
            for ms, labels in zip(hand_markers, found, strict=True)
        ]
        self.service = [any(m.label in SERVICE_ACTS for m in ms) for ms in hand_markers]
        if PLEASE_END_LABEL in exclude:
            # Without its own column a closing "please" is one "please" among others.
            found = [
                labels - {PLEASE_END_LABEL} | {"please_en"}
                if PLEASE_END_LABEL in labels
                else labels
                for labels in found
            ]
        self.exclude = exclude
        self.strategies = [labels - exclude - self.hand_cues.keys() for labels in found]
        self.words = [english_words(t.lower()) for t in texts]
        self.vocabulary = vocabulary
        self.communities = communities
        self.directed = directed

    def matrix(self, rows: np.ndarray, vocabulary: list[str]) -> tuple[np.ndarray, list[str]]:
        names = ["hand", *STRATEGY_LABELS, *("w:" + w for w in vocabulary)]
        column = {name: col for col, name in enumerate(names)}
        out = np.zeros((len(rows), len(names)))
        for r, i in enumerate(rows):
            out[r, 0] = self.hand[i]
            for label in self.strategies[i]:
                out[r, column[label]] = 1.0
            for word in self.words[i]:
                col = column.get("w:" + word)
                if col is not None:
                    out[r, col] = 1.0
        return out, names

    def fit(self, rows: np.ndarray, labels: np.ndarray) -> dict[str, object]:
        df: Counter[str] = Counter()
        for i in rows:
            df.update(self.words[i])
        vocabulary = lexicon_vocabulary(
            self.vocabulary,
            {w for w, n in df.items() if n >= LEXICON_MIN_DF},
            [self.words[i] for i in rows],
            labels[rows],
            None if self.communities is None else [self.communities[i] for i in rows],
        )
        matrix, names = self.matrix(rows, vocabulary)
        model = LogisticRegression(C=POLITENESS_C, max_iter=5000, random_state=SEED)
        model.fit(matrix, labels[rows])
        coef = model.coef_[0]
        while self.directed:
            # A strategy fitted against its direction loses its column; the rest are refitted
            # (until every strategy left agrees with its direction).
            against = [
                col
                for col, name in enumerate(names)
                if STRATEGY_DIRECTIONS.get(name, 0) * coef[col] < 0
            ]
            if not against:
                break
            matrix[:, against] = 0.0
            model.fit(matrix, labels[rows])
            coef = model.coef_[0]
        hand_coef = float(coef[0])
        if hand_coef <= 0.05:
            raise RuntimeError(f"hand-marker coefficient too small to scale by: {hand_coef}")
        strategies = {
            name: round(float(c), DECIMALS)
            for name, c in zip(names[1 : 1 + len(STRATEGY_LABELS)], coef[1:], strict=False)
        }
        if PLEASE_END_LABEL in self.exclude:
            strategies[PLEASE_END_LABEL] = strategies["please_en"]
        words = {
            name[2:]: round(float(c), DECIMALS)
            for name, c in zip(names, coef, strict=True)
            if name.startswith("w:") and abs(c) >= WORD_MIN_WEIGHT
        }
        return {
            # The fitted weights are in logit units; dividing by the hand-marker coefficient
            # puts them in the units of the hand weights (politeness points).
            "scale": round(1.0 / hand_coef, DECIMALS),
            "cap": ENGLISH_CAP,
            "strategies": strategies,
            "words": dict(sorted(words.items())),
            "hand": dict(sorted(self.hand_cues.items())),
        }

    def engine_scores(self, rows: np.ndarray, weights: dict[str, object]) -> np.ndarray:
        """What ``scoring.politeness_of`` computes for these requests with ``weights``."""
        replay = StrategyWeights(
            float(weights["scale"]),  # type: ignore[arg-type]
            float(weights["cap"]),  # type: ignore[arg-type]
            weights["strategies"],  # type: ignore[arg-type]
            weights["words"],  # type: ignore[arg-type]
        )
        out = []
        # (the hand cues are in self.hand and self.curt already)
        for i in rows:
            total = sum(replay.strategies.get(label, 0.0) for label in self.strategies[i])
            total += sum(replay.words.get(word, 0.0) for word in self.words[i])
            english = squash(replay.scale * total, replay.cap)
            if self.curt[i]:
                english = min(0.0, english)
            if self.service[i]:
                english = min(STRATEGY_ACT_CAP, max(-STRATEGY_ACT_CAP, english))
            out.append(min(1.0, max(0.0, 0.5 + self.hand[i] + english)))
        return np.array(out)


def as_weights(payload: dict[str, object]) -> StrategyWeights:
    """The runtime weights of a fitted payload (``PolitenessDesign.fit``)."""
    return StrategyWeights(
        float(payload["scale"]),  # type: ignore[arg-type]
        float(payload["cap"]),  # type: ignore[arg-type]
        dict(payload["strategies"]),  # type: ignore[call-overload]
        dict(payload["words"]),  # type: ignore[call-overload]
        None,
        dict(payload.get("hand", {})),  # type: ignore[call-overload]
    )


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    candidates = np.unique(scores)
    return float(max(candidates, key=lambda t: float(np.mean((scores >= t) == labels))))


def shipped_design(texts: list[str], communities: list[str]) -> PolitenessDesign:
    """The design of the shipped configuration (POLITENESS_*)."""
    return PolitenessDesign(
        texts,
        POLITENESS_EXCLUDE,
        hand=POLITENESS_HAND,
        vocabulary=POLITENESS_VOCABULARY,
        communities=communities,
        directed=POLITENESS_DIRECTED,
    )


def train_politeness(data: Path, write: bool) -> dict[str, float]:
    texts, labels, communities = load_politeness(data, with_communities=True)  # type: ignore[misc]
    design = shipped_design(texts, communities)
    everything = np.arange(len(texts))
    folds = StratifiedKFold(n_splits=10, shuffle=True, random_state=SEED)
    hand_acc, engine_acc = [], []
    for train_idx, test_idx in folds.split(texts, labels):
        # Hand markers only (the engine before the fitted strategies): threshold fitted.
        hand = 0.5 + design.hand_only
        cut = best_threshold(hand[train_idx], labels[train_idx])
        hand_acc.append(float(np.mean((hand[test_idx] >= cut) == labels[test_idx])))
        # Full engine scorer: weights and threshold fitted on the training folds only.
        weights = design.fit(train_idx, labels)
        cut = best_threshold(design.engine_scores(train_idx, weights), labels[train_idx])
        test_scores = design.engine_scores(test_idx, weights)
        engine_acc.append(float(np.mean((test_scores >= cut) == labels[test_idx])))
    weights = design.fit(everything, labels)
    # The cut between polite and impolite fitted on all Stack Exchange requests (what a
    # binary reading of the engine's politeness uses on other domains).
    threshold = best_threshold(design.engine_scores(everything, weights), labels)
    # The per-language reading (``strategies.reads_polite``, chosen by cross-validation on
    # the development service turns: ``tests/tone/politeness/cv_select.py``): a turn read as
    # English takes this cut; any other turn has the hand markers only, so it takes the cut
    # Stack Exchange fits for the hand-marker score alone.
    hand_threshold = best_threshold(0.5 + design.hand_only, labels)
    weights["cuts"] = {
        "english": round(threshold, DECIMALS),
        "other": round(hand_threshold, DECIMALS),
    }
    figures = {
        "politeness_items": float(len(texts)),
        "politeness_hand_markers_cv10_accuracy": float(np.mean(hand_acc)),
        "politeness_engine_cv10_accuracy": float(np.mean(engine_acc)),
        "politeness_engine_cv10_accuracy_std": float(np.std(engine_acc)),
        "politeness_lexicon_words": float(len(weights["words"])),  # type: ignore[arg-type]
        "politeness_threshold": threshold,
        "politeness_threshold_hand_markers": hand_threshold,
    }
    payload = {
        **weights,
        "meta": {
            "trained_on": "Stanford Politeness Corpus, Stack Exchange requests, top vs bottom "
            "quartile of Normalized Score (CC BY 4.0, Danescu-Niculescu-Mizil et al. 2013)",
            "model": f"logistic regression C={POLITENESS_C} over the hand-marker delta, "
            f"strategy indicators and word indicators (min_df {LEXICON_MIN_DF}, vocabulary "
            f"{POLITENESS_VOCABULARY}); words with |weight| < {WORD_MIN_WEIGHT} dropped; "
            + (
                "strategies fitted against their direction (strategies.DIRECTIONS) left out; "
                if POLITENESS_DIRECTED
                else ""
            )
            + f"weighted as the hand bare_imperative marker: {sorted(POLITENESS_HAND)}",
            "cuts": "english: the cut fitted on all Stack Exchange requests; other (turns not "
            "read as English, hand markers only): the cut Stack Exchange fits for the "
            "hand-marker score alone",
            "figures": {k: round(v, 4) for k, v in figures.items()},
        },
    }
    if write:
        POLITENESS_OUTPUT.write_text(
            json.dumps(payload, indent=0, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"wrote {POLITENESS_OUTPUT.relative_to(REPO)}")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--no-write", action="store_true", help="evaluate without writing")
    parser.add_argument("--politeness-only", action="store_true", help="skip the sentiment model")
    parser.add_argument("--sentiment-only", action="store_true", help="skip the politeness model")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="sentiment model path")
    parser.add_argument(
        "--cv",
        action="store_true",
        help="model selection: 5-fold CV macro-F1 on SmSA train+valid of the candidates",
    )
    args = parser.parse_args(argv)
    data = Path(args.data)
    started = time.perf_counter()
    figures: dict[str, float] = {}
    if args.cv:
        train_x, train_y = load_smsa(data / "indonlu-smsa" / "train_preprocess.tsv")
        valid_x, valid_y = load_smsa(data / "indonlu-smsa" / "valid_preprocess.tsv")
        figures.update(cross_validate(train_x + valid_x, np.array(train_y + valid_y)))
    if not args.politeness_only:
        figures.update(train_sentiment(data, write=not args.no_write, output=args.output))
    if not args.sentiment_only:
        figures.update(train_politeness(data, write=not args.no_write))
        figures.update(politeness_cross_domain(data))
    for key, value in figures.items():
        print(f"{key:42s} {value:.4f}")
    print(f"{'seconds':42s} {time.perf_counter() - started:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
