"""Score the framing detector against BASIL lexical-bias spans (a benchmark, not a test).

Token-level precision, recall and F1 of ``loaded`` + ``name_calling`` findings
against BASIL ``bias == "lex"`` spans on ``basil-dev``, cross-validated by event
(5 folds grouped by triplet, see ``training/train_framing.py``): the scored
model at its default threshold (threshold and coefficients fitted on the
training part of each fold only), next to the plain lexicon (every lexicon
candidate, no model) and a VADER-only baseline (|valence| >= 2.0).

Reads BASIL from ``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``;
prints a message and exits 0 when it is absent. Needs scikit-learn (a test
dependency). Run::

    python benchmarks/basil_lexical.py
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare.lexicons import valence  # noqa: E402

from _common import basil_article, basil_dir  # noqa: E402

CATEGORIES = ("loaded", "name_calling")
BASELINE_VALENCE = 2.0
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def gold_spans(ann_path: Path, text: str, paragraphs: list[list[str]]) -> list[tuple[int, int, bool]]:
    """Article-offset spans of the ``lex`` annotations: (start, end, in_quote)."""
    data = json.loads(ann_path.read_text(encoding="utf-8"))
    para_texts = [" ".join(p) for p in paragraphs]
    starts, pos = [], 0
    for p in para_texts:
        starts.append(pos)
        pos += len(p) + 2
    out = []
    for a in data.get("phrase-level-annotations", []):
        if a.get("bias") != "lex":
            continue
        txt, quote = a.get("txt", ""), a.get("quote") == "yes"
        cands = [(starts[k] + m.start()) for k, p in enumerate(para_texts) for m in re.finditer(re.escape(txt), p)]
        if not cands:
            continue
        best = min(cands, key=lambda c: abs((c - starts[max(0, _para_of(starts, c))]) - int(a.get("start", 0) or 0)))
        out.append((best, best + len(txt), quote))
    return out


def _para_of(starts: list[int], pos: int) -> int:
    k = 0
    for i, s in enumerate(starts):
        if s <= pos:
            k = i
    return k


def tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def covered(tok: tuple[int, int], spans) -> bool:
    return any(s < tok[1] and tok[0] < e for s, e in spans)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=None, help="reuse the candidate table pickled here (training cache)")
    args = ap.parse_args(argv)
    base = basil_dir()
    if base is None:
        print("BASIL not found (set COMPARE_BASIL_DIR or put it in ../shared/benchmarks/basil-dev); skipping.")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
    import train_framing  # noqa: PLC0415  (training code: needs scikit-learn)

    t0 = time.perf_counter()
    table, articles = train_framing.extract(base, args.cache)
    t_extract = time.perf_counter() - t0
    cv = train_framing.cross_validate(table, articles)
    vader = [0, 0, 0]
    for stem in sorted(p.stem for p in base.glob("articles/*/*.json")):
        art, _ = basil_article(stem, base)
        toks, gold = articles[(stem.rsplit("_", 1)[0], art.id)][:2]
        for (s, e), g in zip(toks, gold):
            hit = abs(valence(art.text[s:e])) >= BASELINE_VALENCE
            vader[0 if hit and g else 1 if hit else 2] += bool(hit or g)
    print(
        f"BASIL lexical bias (basil-dev): {len(articles)} articles, {table.triplet.nunique()} events; candidates in {t_extract:.1f}s"
    )
    print("token-level scores of loaded + name_calling against bias == 'lex' spans, cross-validated by event (5 folds)")
    rows = [
        ("scored model, default threshold", cv["model"]),
        ("plain lexicon (no model)", cv["lexicon"]),
        (f"VADER |v|>={BASELINE_VALENCE}", dict(zip(("precision", "recall", "f1"), train_framing.prf(*vader)))),
    ]
    for name, m in rows:
        print(f"  {name:34} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    print(f"  thresholds chosen in the training parts: {cv['thresholds']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
