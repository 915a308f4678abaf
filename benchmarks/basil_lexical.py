"""Score the framing detector against BASIL lexical-bias spans (a benchmark, not a test).

Token-level precision, recall and F1 of ``loaded`` + ``name_calling`` findings
against BASIL ``bias == "lex"`` spans, overall and split by quote yes/no, with a
VADER-only baseline (|valence| >= 2.0) computed in the same run.

Reads BASIL from ``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``;
prints a message and exits 0 when it is absent. Run::

    python benchmarks/basil_lexical.py [--top-fp N]

``--top-fp N`` also prints the N words the system most often flags outside any
gold span (aggregate false positives, to weed out lexicon entries that news
prose uses literally); it never prints gold spans.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare  # noqa: E402
from compare.framing import framing  # noqa: E402
from compare.lexicons import valence  # noqa: E402
from compare.parsing import ParsedArticle, split_sentences  # noqa: E402
from compare.quotes import quote_spans  # noqa: E402

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
    ap.add_argument("--top-fp", type=int, default=0, metavar="N", help="print the N most frequent false-positive words")
    args = ap.parse_args(argv)
    base = basil_dir()
    if base is None:
        print("BASIL not found (set COMPARE_BASIL_DIR or put it in ../shared/benchmarks/basil-dev); skipping.")
        return 0
    stems = sorted(p.stem for p in base.glob("articles/*/*.json"))
    arts = [basil_article(s, base) for s in stems]
    nlp = compare.load_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a, _ in arts), batch_size=16))
    t_parse = time.perf_counter() - t0
    counts = {k: {"sys": [0, 0, 0], "vader": [0, 0, 0]} for k in ("all", "quote", "no quote")}  # tp, fp, fn
    false_pos: Counter[str] = Counter()
    t0 = time.perf_counter()
    for stem, (art, paras), doc in zip(stems, arts, docs):
        ann = next(base.glob(f"annotations/*/{stem}_ann.json"), None)
        if ann is None:
            continue
        gold = gold_spans(ann, art.text, paras)
        parsed = ParsedArticle(art, doc, tuple(split_sentences(doc)))
        df = framing(parsed)
        pred = [(r.start, r.end) for r in df.itertuples() if r.category in CATEGORIES]
        vader = [(t.idx, t.idx + len(t)) for t in doc if abs(valence(t.text)) >= BASELINE_VALENCE]
        quotes = quote_spans(art.text)
        for tok in tokens(art.text):
            g = [(s, e) for s, e, _ in gold]
            in_gold = covered(tok, g)
            gq = covered(tok, [(s, e) for s, e, q in gold if q]) if in_gold else covered(tok, quotes)
            split = "quote" if gq else "no quote"
            for name, spans in (("sys", pred), ("vader", vader)):
                hit = covered(tok, spans)
                if name == "sys" and hit and not in_gold:
                    false_pos[art.text[tok[0] : tok[1]].lower()] += 1
                for key in ("all", split):
                    c = counts[key][name]
                    if hit and in_gold:
                        c[0] += 1
                    elif hit:
                        c[1] += 1
                    elif in_gold:
                        c[2] += 1
    t_detect = time.perf_counter() - t0
    print(f"BASIL lexical bias: {len(arts)} articles; parse {t_parse:.1f}s, detect {t_detect:.1f}s")
    print("token-level scores of loaded + name_calling against bias == 'lex' spans")
    print(f"{'split':10} {'system':>24}   {'VADER |v|>=2.0 baseline':>24}")
    for key in ("all", "quote", "no quote"):
        cells = []
        for name in ("sys", "vader"):
            tp, fp, fn = counts[key][name]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            cells.append(f"P {p:.3f} R {r:.3f} F1 {f:.3f}")
        print(f"{key:10} {cells[0]:>24}   {cells[1]:>24}")
    if args.top_fp:
        top = sorted(false_pos.items(), key=lambda kv: (-kv[1], kv[0]))[: args.top_fp]
        print("most frequent false-positive words (system): " + ", ".join(f"{w} {n}" for w, n in top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
