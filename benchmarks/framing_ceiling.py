"""How far a word-level model gets on BASIL lexical bias when every open-class word is a candidate (a benchmark).

``basil_lexical.py`` scores the shipped model, whose candidates come from the
lexicons. This script asks whether a wider net would reach the issue's target
(token F1 0.25): every adjective, adverb, verb and noun of every ``basil-dev``
article (stop words aside) is a candidate, described by VADER valence, part of
speech, dependency role, position, whether it stands inside quotation marks,
its lexicon category if any, and optionally its 256 wordllama dimensions. A
logistic regression (scikit-learn, balanced classes) is cross-validated by
event (5 folds grouped by triplet). The threshold is then the one with the best
token F1 *on the held-out scores*: an optimistic ceiling, not a figure the tool
could claim. Nothing here is shipped.

Reads BASIL from ``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``;
prints a message and exits 0 when it is absent. Needs scikit-learn. Run::

    python benchmarks/framing_ceiling.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil_lexical import gold_spans, tokens  # noqa: E402

import compare  # noqa: E402
from compare.embeddings import embed  # noqa: E402
from compare.lexicons import load_lexicon, valence  # noqa: E402
from compare.quotemarks import inside, quote_spans  # noqa: E402

from _common import basil_article, basil_dir  # noqa: E402

POS = ("ADJ", "ADV", "VERB", "NOUN")
DEPS = ("amod", "advmod", "ROOT", "acomp", "dobj", "nsubj", "pobj", "xcomp", "compound", "conj")
CATEGORIES = ("loaded", "name_calling", "intensifier", "hedge", "attribution", "blame")


def word_table(base: Path) -> tuple[pd.DataFrame, dict]:
    """One row per open-class word of every article, and per article its tokens with gold flags."""
    nlp, lex = compare.load_nlp(), load_lexicon()
    rows, articles = [], {}
    for stem in sorted(p.stem for p in base.glob("articles/*/*.json")):
        art, paras = basil_article(stem, base)
        ann = next(base.glob(f"annotations/*/{stem}_ann.json"), None)
        gold = gold_spans(ann, art.text, paras) if ann is not None else []
        toks = tokens(art.text)
        articles[stem] = np.array([any(s < ge and gs < e for gs, ge, _ in gold) for s, e in toks], dtype=bool), toks
        doc = nlp(art.text)
        quoted = quote_spans(art.text)
        sents = list(doc.sents)
        for k, sent in enumerate(sents):
            for t in sent:
                if not t.is_alpha or t.is_stop or t.pos_ not in POS:
                    continue
                rows.append(
                    {
                        "triplet": stem.rsplit("_", 1)[0],
                        "article": stem,
                        "start": t.idx,
                        "word": t.lower_,
                        "pos": t.pos_,
                        "dep": t.dep_,
                        "position": k / max(1, len(sents)),
                        "first": k < 3,
                        "quoted": inside(quoted, t.idx),
                        "valence": valence(t.lower_),
                        "category": lex.token_category(t) or "",
                        "label": int(any(t.idx < ge and gs < t.idx + len(t) for gs, ge, _ in gold)),
                    }
                )
    return pd.DataFrame(rows), articles


def features(df: pd.DataFrame, vectors: np.ndarray | None) -> np.ndarray:
    v = df["valence"].to_numpy(float)[:, None] / 4
    cols = [
        v,
        np.abs(v),
        (v < 0).astype(float),
        *((df["pos"] == p).to_numpy(float)[:, None] for p in POS),
        *((df["dep"] == d).to_numpy(float)[:, None] for d in DEPS),
        *((df["category"] == c).to_numpy(float)[:, None] for c in CATEGORIES),
        df[["position", "first", "quoted"]].to_numpy(float),
    ]
    if vectors is not None:
        cols.append(vectors)
    return np.hstack(cols)


def token_f1(df: pd.DataFrame, selected: np.ndarray, articles: dict) -> tuple[float, float, float]:
    """Token-level precision, recall and F1 of the selected words against every gold token."""
    picked: dict[str, set[int]] = {}
    for stem, start in zip(df["article"][selected], df["start"][selected]):
        picked.setdefault(stem, set()).add(start)
    tp = fp = fn = 0
    for stem, (gold, toks) in articles.items():
        hit = np.array([s in picked.get(stem, ()) for s, _ in toks], dtype=bool)
        tp += int((hit & gold).sum())
        fp += int((hit & ~gold).sum())
        fn += int((~hit & gold).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ceiling(df: pd.DataFrame, x: np.ndarray, articles: dict, c: float) -> tuple[float, tuple[float, float, float]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    y, groups = df["label"].to_numpy(), df["triplet"].to_numpy()
    scores = np.zeros(len(df))
    for tr, te in GroupKFold(n_splits=5).split(x, y, groups):
        clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(x[tr], y[tr])
        scores[te] = clf.predict_proba(x[te])[:, 1]
    return max(((float(t), token_f1(df, scores >= t, articles)) for t in np.arange(0.5, 0.99, 0.02)), key=lambda v: v[1][2])


def main() -> int:
    base = basil_dir()
    if base is None:
        print("BASIL not found (set COMPARE_BASIL_DIR or put it in ../shared/benchmarks/basil-dev); skipping.")
        return 0
    t0 = time.perf_counter()
    df, articles = word_table(base)
    words = sorted(set(df["word"]))
    index = {w: i for i, w in enumerate(words)}
    vectors = embed(words)[[index[w] for w in df["word"]]]
    gold = sum(int(g.sum()) for g, _ in articles.values())
    print(
        f"BASIL basil-dev: {len(articles)} articles, {len(df)} open-class words, {int(df['label'].sum())} of them in a "
        f"lex span ({gold} gold tokens in all; {time.perf_counter() - t0:.0f}s)"
    )
    print("logistic regression, CV by event (5 folds); threshold with the best held-out token F1 (optimistic):")
    for name, x, c in (
        ("valence, POS, role, position, quotes, lexicon", features(df, None), 0.1),
        ("... + wordllama embedding", features(df, vectors), 0.1),
        ("... + wordllama embedding, stronger L2", features(df, vectors), 0.02),
    ):
        t, (p, r, f) = ceiling(df, x, articles, c)
        print(f"  {name:48} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (threshold {t:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
