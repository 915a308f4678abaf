"""Train the framing model on BASIL lexical-bias spans, cross-validated by event.

Every candidate of :mod:`compare.framing_rules` in the 70 ``basil-dev``
triplets (each triplet compared as one story, so the other outlets' wording is
a feature) is labelled 1 when it overlaps a BASIL ``lex`` span, else 0. A
logistic regression (scikit-learn, standardised features, balanced L2) is

1. cross-validated by event: 5 folds grouped by triplet; inside each training
   part an inner grouped 4-fold CV gives out-of-fold scores on which the
   threshold is chosen for precision: the lowest threshold whose token
   precision is at least the plain lexicon's on the same training part (the
   default view is never less precise than the lexicon, and keeps as much
   recall as it can); the held-out part is scored once with the model and
   threshold of its training part;
2. fitted on all of ``basil-dev`` (threshold chosen the same way) and written
   to ``compare/models/framing.json`` with the cross-validated figures.

Reads BASIL from ``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``.
Deterministic. Run::

    python training/train_framing.py            # CV figures and the model file
    python training/train_framing.py --no-write # CV figures only

``--cache FILE`` keeps the candidate table between runs while experimenting
(it is not checked against the code: delete it after changing the rules).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from basil_lexical import gold_spans, tokens  # noqa: E402

import compare  # noqa: E402
from compare.framing import framing_candidates  # noqa: E402
from compare.framing_score import FEATURES  # noqa: E402

from _common import basil_article, basil_dir  # noqa: E402

MODEL = ROOT / "compare" / "models" / "framing.json"
#: Categories the benchmark scores (BASIL's lexical bias is loaded word choice).
SCORED = ("loaded", "name_calling")
C = 0.3
FOLDS = 5


def extract(base: Path, cache: Path | None) -> tuple[pd.DataFrame, dict]:
    """Candidates with features and labels, and per article its word tokens and gold flags."""
    if cache is not None and cache.is_file():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    nlp = compare.load_nlp()
    stems = sorted(p.stem for p in base.glob("articles/*/*.json"))
    triplets: dict[str, list[str]] = {}
    for s in stems:
        triplets.setdefault(s.rsplit("_", 1)[0], []).append(s)
    frames, articles = [], {}
    for t, (trip, members) in enumerate(sorted(triplets.items())):
        arts = [basil_article(s, base) for s in members]
        story = compare.Story([a for a, _ in arts], name=trip)
        c = compare.compare(story, nlp=nlp, progress=False)
        df = framing_candidates(c.aligned)
        for stem, (art, paras) in zip(members, arts):
            ann = next(base.glob(f"annotations/*/{stem}_ann.json"), None)
            gold = gold_spans(ann, art.text, paras) if ann is not None else []
            toks = tokens(art.text)
            flags = np.array([any(s < e2 and s2 < e for s2, e2, _ in gold) for s, e in toks], dtype=bool)
            articles[(trip, art.id)] = (toks, flags)
            mine = df["article"] == art.id
            df.loc[mine, "label"] = [
                int(any(s < ge and gs < e for gs, ge, _ in gold)) for s, e in zip(df.start[mine], df.end[mine])
            ]
        df["triplet"] = trip
        frames.append(df)
        print(f"\r{t + 1}/{len(triplets)} triplets", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    table = pd.concat(frames, ignore_index=True)
    table["label"] = table["label"].fillna(0).astype(int)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump((table, articles), fh)
    return table, articles


def token_counts(table: pd.DataFrame, selected: np.ndarray, articles: dict, which: set | None = None) -> tuple[int, int, int]:
    """Token-level (tp, fp, fn) of the selected loaded/name-calling candidates over the given articles."""
    keys = which if which is not None else set(articles)
    tp = fp = fn = 0
    picked = table[selected & table["category"].isin(SCORED).to_numpy()]
    spans: dict = {}
    for r in picked.itertuples():
        spans.setdefault((r.triplet, r.article), []).append((r.start, r.end))
    for key in keys:
        toks, gold = articles[key]
        mine = sorted(spans.get(key, []))
        hit = (
            np.array([any(s < e2 and s2 < e for s2, e2 in mine) for s, e in toks], dtype=bool)
            if mine
            else np.zeros(len(toks), bool)
        )
        tp += int((hit & gold).sum())
        fp += int((hit & ~gold).sum())
        fn += int((~hit & gold).sum())
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int, beta: float = 1.0) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    b2 = beta * beta
    f = (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0
    return p, r, f


def _fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    # Continuous features are standardised; 0/1 features are left as they are, so a rare flag
    # (another outlet's swap, a comparative candidate) is not blown up to a huge z-score.
    scaler = StandardScaler().fit(x)
    binary = np.all(np.isin(x, (0.0, 1.0)), axis=0)
    mean = np.where(binary, 0.0, scaler.mean_)
    scale = np.where(binary | (scaler.scale_ <= 1e-9), 1.0, scaler.scale_)
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit((x - mean) / scale, y)
    return mean, scale, clf.coef_[0], float(clf.intercept_[0])


def _predict(params, x: np.ndarray) -> np.ndarray:
    mean, scale, coef, intercept = params
    return 1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ coef + intercept)))


def choose_threshold(table: pd.DataFrame, articles: dict, groups: np.ndarray) -> float:
    """The lowest threshold at least as precise as the lexicon, on inner grouped out-of-fold scores of ``table``."""
    from sklearn.model_selection import GroupKFold

    x, y = table[list(FEATURES)].to_numpy(), table["label"].to_numpy()
    oof = np.zeros(len(table))
    for tr, te in GroupKFold(n_splits=4).split(x, y, groups):
        oof[te] = _predict(_fit(x[tr], y[tr]), x[te])
    keys = {k for k in articles if k[0] in set(groups)}
    lexicon = prf(*token_counts(table, (table["source"] == "lexicon").to_numpy(), articles, keys))[0]
    for t in np.round(np.arange(0.30, 0.96, 0.025), 3):
        if prf(*token_counts(table, oof >= t, articles, keys))[0] >= lexicon:
            return float(t)
    return 0.95


def cross_validate(table: pd.DataFrame, articles: dict) -> dict:
    """Outer grouped CV: token P/R/F1 of the model at its training-part threshold, and of the plain lexicon."""
    from sklearn.model_selection import GroupKFold

    x, y, groups = table[list(FEATURES)].to_numpy(), table["label"].to_numpy(), table["triplet"].to_numpy()
    model = np.zeros(3, dtype=int)
    thresholds = []
    for tr, te in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        t = choose_threshold(table.iloc[tr].reset_index(drop=True), articles, groups[tr])
        thresholds.append(t)
        p = _predict(_fit(x[tr], y[tr]), x)
        held = set(groups[te])
        keys = {k for k in articles if k[0] in held}
        sel = (p >= t) & np.isin(groups, list(held))
        model += token_counts(table, sel, articles, keys)
    lexicon = np.array(token_counts(table, (table["source"] == "lexicon").to_numpy(), articles))
    return {
        "model": dict(zip(("precision", "recall", "f1"), map(lambda v: round(v, 3), prf(*model)))),
        "lexicon": dict(zip(("precision", "recall", "f1"), map(lambda v: round(v, 3), prf(*lexicon)))),
        "thresholds": thresholds,
        "counts": {"model": model.tolist(), "lexicon": lexicon.tolist()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="reuse the candidate table in this file (written when absent); never checked against the code: delete it after changing the framing rules",
    )
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    base = basil_dir()
    if base is None:
        print("BASIL not found (set COMPARE_BASIL_DIR); nothing to train on.")
        return 1
    table, articles = extract(base, args.cache)
    print(f"{len(table)} candidates, {int(table.label.sum())} overlap a BASIL lex span, {table.triplet.nunique()} events")
    cv = cross_validate(table, articles)
    print(f"CV by event ({FOLDS} folds), token level, loaded + name_calling:")
    for name in ("model", "lexicon"):
        print(f"  {name:8} P {cv[name]['precision']:.3f} R {cv[name]['recall']:.3f} F1 {cv[name]['f1']:.3f}")
    print(f"  thresholds chosen in the training parts: {cv['thresholds']}")
    x, y = table[list(FEATURES)].to_numpy(), table["label"].to_numpy()
    mean, scale, coef, intercept = _fit(x, y)
    threshold = choose_threshold(table, articles, table["triplet"].to_numpy())
    print(f"final threshold {threshold}")
    for name, w in sorted(zip(FEATURES, coef), key=lambda kv: -abs(kv[1]))[:12]:
        print(f"  {name:18} {w:+.3f}")
    if not args.no_write:
        model = {
            "about": "Logistic regression over compare.framing_score.FEATURES, trained by training/train_framing.py "
            "on BASIL basil-dev lexical-bias spans (70 events). Coefficients only; no article text.",
            "features": list(FEATURES),
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in coef],
            "intercept": round(intercept, 6),
            "threshold": threshold,
            "cv": {k: cv[k] for k in ("model", "lexicon", "thresholds")},
        }
        MODEL.parent.mkdir(parents=True, exist_ok=True)
        MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
