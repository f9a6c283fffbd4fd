"""Model selection experiment (29 Nov): 5-fold stratified CV macro-F1 on SmSA train+valid of
the shipped unit features under multinomial logistic regression (C 10, 30), NB-SVM-style
one-vs-rest (C 0.3, 1) and their logit sums (LR + a x NB, a in 0.5, 1, 2: still one linear
model over the same features, so the runtime could replay it unchanged).

    PYTHONPATH=src python scripts/tone_cv_combinations.py [DATA_DIR]   # ~20 min, 2 cores

The vocabulary and IDF are fitted once on all 12,260 texts (no labels; per-fold fitting is
what ``train_tone_models.py --cv`` does), labels only on the training folds. Needs
scikit-learn (training only).
"""

import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_tone_models as T

data = Path(sys.argv[1]) if len(sys.argv) > 1 else T.REPO.parent / "shared" / "data"
tx, ty = T.load_smsa(data / "indonlu-smsa" / "train_preprocess.tsv")
vx, vy = T.load_smsa(data / "indonlu-smsa" / "valid_preprocess.tsv")
X_texts = tx + vx
y = np.array(ty + vy)
t0 = time.time()
vec = T.UnitVectorizer(T.MIN_DF).fit(X_texts)
M = vec.transform(X_texts)
print("vectorised", M.shape, round(time.time() - t0), flush=True)
L = np.array(T.LABELS)
folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=T.SEED).split(X_texts, y))
res = {}


def add(name, f):
    res.setdefault(name, []).append(f)


for k, (tr, te) in enumerate(folds):
    lrs = {}
    for C in (10.0, 30.0):
        m = LogisticRegression(
            C=C, max_iter=3000, class_weight="balanced", random_state=T.SEED
        ).fit(M[tr], y[tr])
        order = [list(m.classes_).index(label) for label in T.LABELS]
        logit = np.asarray(M[te] @ m.coef_[order].T + m.intercept_[order])
        lrs[C] = logit
        add(f"lr{C}", f1_score(y[te], L[logit.argmax(1)], average="macro"))
    for C in (0.3, 1.0):
        coef, b = T.fit_nb_ovr(M[tr], y[tr], C)
        s = np.asarray(M[te] @ coef.T + b)
        add(f"nb{C}", f1_score(y[te], L[s.argmax(1)], average="macro"))
        for a in (0.5, 1.0, 2.0):
            for C2, lg in lrs.items():
                comb = lg + a * s
                add(f"lr{C2}+{a}nb{C}", f1_score(y[te], L[comb.argmax(1)], average="macro"))
    print("fold", k, round(time.time() - t0), flush=True)
for n, v in sorted(res.items(), key=lambda kv: -np.mean(kv[1])):
    print(f"{n:22s} {np.mean(v):.4f} ± {np.std(v):.4f}")
