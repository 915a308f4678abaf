"""How far a better pair model could take alignment on BASIL (a benchmark; nothing here is shipped).

Missing-fact recall (``missing_facts.py``) is bounded by alignment: a fact two
outlets state is only found missing from the third when the two stating
sentences are matched. This script asks whether the *model* or the *signal*
limits that match. On the candidate pairs :func:`compare.align` proposes
(built exactly as ``training/train_pair_score.py`` builds them), fitted on the
training triplets of ``benchmarks/gold/basil_facts.yaml`` and scored on the
test triplets, it prints the average precision and the pair recall at the
shipped precision (0.74) of:

* ``shipped features, logistic`` — the shipped model's form, refitted here;
* ``+ soft word overlap`` — plus an IDF-weighted soft match of the two
  sentences' content words by their centred wordllama vectors (synonyms count:
  "photo" / "picture"), both directions and the non-identical part;
* ``gradient boosting`` — the same features in scikit-learn's
  ``HistGradientBoostingClassifier`` (non-linear).

Also printed: candidate recall (gold pairs proposed at all), the ceiling of any
model on these candidates. Needs scikit-learn (the ``test`` extra). Reads BASIL
from ``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``; prints a
message and exits 0 when it is absent. Run::

    python benchmarks/alignment_ceiling.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import compare  # noqa: E402
from compare.embeddings import background, embed  # noqa: E402

from _common import basil_dir, load_yaml, say  # noqa: E402

#: The pair precision the shipped cut-off reaches on the test part (``alignment_quality.py``).
PRECISION = 0.74
_POS = ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM")


def _content(sentence) -> list[str]:
    span = sentence.span
    return [] if span is None else [t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop and t.pos_ in _POS]


def _word_vectors(words: list[str]) -> np.ndarray:
    """Unit word vectors with the model's shared direction removed (raw static cosines are all high)."""
    v = embed(words)
    bg = background()
    v = v - np.outer(v @ bg, bg)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def soft_overlap(d: dict, vocab: dict[str, int], vectors: np.ndarray) -> np.ndarray:
    """Per candidate pair: min and max over the two directions of the IDF-weighted best word match,
    and the mean best match among non-identical words."""
    words = [_content(s) for s in d["sentences"]]
    df: dict[str, int] = {}
    for ws in words:
        for w in set(ws):
            df[w] = df.get(w, 0) + 1
    idf = {w: np.log(1 + len(words) / c) for w, c in df.items()}
    out = np.zeros((len(d["table"].left), 3))
    for r, (i, j) in enumerate(zip(d["table"].left.tolist(), d["table"].right.tolist())):
        a, b = words[i], words[j]
        if not a or not b:
            continue
        sim = np.clip(vectors[[vocab[w] for w in a]] @ vectors[[vocab[w] for w in b]].T, 0, 1)
        wa, wb = np.array([idf[w] for w in a]), np.array([idf[w] for w in b])
        f1, f2 = (sim.max(1) * wa).sum() / wa.sum(), (sim.max(0) * wb).sum() / wb.sum()
        other = sim * (np.array(a)[:, None] != np.array(b)[None, :])
        g = ((other.max(1) * wa).sum() / wa.sum() + (other.max(0) * wb).sum() / wb.sum()) / 2
        out[r] = (min(f1, f2), max(f1, f2), g)
    return out


def held_out(name: str, y: np.ndarray, p: np.ndarray) -> None:
    """Print average precision and the recall at :data:`PRECISION` of scores ``p`` for labels ``y``."""
    from sklearn.metrics import average_precision_score, precision_recall_curve

    prec, rec, _ = precision_recall_curve(y, p)
    at = rec[prec >= PRECISION].max() if (prec >= PRECISION).any() else 0.0
    say(f"  {name:<40} average precision {average_precision_score(y, p):.3f}   recall at P {PRECISION} {at:.3f}")


def logistic(f: np.ndarray, y: np.ndarray, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """Test-part probabilities of a logistic regression on standardised features, fitted on the training part."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = f[train].mean(0), f[train].std(0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=1.0, max_iter=3000, random_state=0).fit((f[train] - mean) / scale, y[train])
    return model.predict_proba((f[test] - mean) / scale)[:, 1]


def main() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from train_pair_score import GOLD, story_data

    base = basil_dir()
    if base is None or not GOLD.exists():
        say("BASIL data or gold annotations not found: skipping")
        return
    t0 = time.perf_counter()
    nlp = compare.load_nlp()
    entries = load_yaml(GOLD)["triplets"]
    data = [(e.get("split", "train"), story_data(e, base, nlp)) for e in entries]
    vocab: dict[str, int] = {}
    for _, d in data:
        for s in d["sentences"]:
            for w in _content(s):
                vocab.setdefault(w, len(vocab))
    vectors = _word_vectors(sorted(vocab, key=vocab.__getitem__))
    x = np.vstack([d["table"].features for _, d in data])
    soft = np.vstack([soft_overlap(d, vocab, vectors) for _, d in data])
    y = np.concatenate([d["labels"] for _, d in data])
    split = np.concatenate([[sp] * len(d["labels"]) for sp, d in data])
    train, test = split == "train", split == "test"
    for part, mask in (("train", train), ("test", test)):
        n_gold = sum(len(d["gold"]) for sp, d in data if sp == part)
        say(f"{part}: {int(mask.sum())} candidate pairs; candidate recall {int(y[mask].sum())}/{n_gold} gold pairs")

    say("held-out test pairs (fitted on the training triplets):")
    for name, f in (("shipped features, logistic", x), ("+ soft word overlap, logistic", np.hstack([x, soft]))):
        held_out(name, y[test], logistic(f, y, train, test))
    for name, f in (("shipped features, gradient boosting", x), ("+ soft word overlap, gradient boosting", np.hstack([x, soft]))):
        gbm = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0)
        held_out(name, y[test], gbm.fit(f[train], y[train]).predict_proba(f[test])[:, 1])
    say(f"({time.perf_counter() - t0:.1f}s)")


if __name__ == "__main__":
    main()
