"""Shared helpers of the benchmark scripts: finding BASIL, locating gold sentences."""

from __future__ import annotations

import json
import os
import sys
from itertools import combinations
from pathlib import Path

import yaml

import compare
from compare import Article, Story

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kim-putin-2019"


def basil_dir() -> Path | None:
    """The BASIL development data (``COMPARE_BASIL_DIR`` or ``../shared/benchmarks/basil-dev``)."""
    for cand in (os.environ.get("COMPARE_BASIL_DIR"), ROOT.parent / "shared" / "benchmarks" / "basil-dev"):
        if cand and Path(cand, "articles").is_dir():
            return Path(cand)
    return None


def basil_article(stem: str, base: Path) -> tuple[Article, list[list[str]]]:
    """One BASIL article (``<triplet>_<n>``) as an :class:`Article`, plus its paragraphs."""
    path = next(base.glob(f"articles/*/{stem}.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = data["body-paragraphs"]
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    art = Article(id=data["source"], outlet=data["source"], text=text, title=data.get("title"), date=data.get("date"), url=data.get("url"))
    return art, paragraphs


def basil_story(entry: dict, base: Path) -> Story:
    return Story([basil_article(stem, base)[0] for stem in entry["articles"].values()], name=entry["triplet"])


def sentence_at(comparison: compare.Comparison, article: str, locator: str) -> int:
    """Row index in ``comparison.sentences`` of the sentence holding ``locator``."""
    text = comparison.story[article].text
    pos = text.find(locator)
    if pos < 0:
        raise SystemExit(f"locator not found in {article}: {locator!r}")
    sents = comparison.sentences
    hit = sents[(sents.article == article) & (sents.start <= pos) & (sents.end > pos)]
    return int(hit.index[0])


def gold_pairs(comparison: compare.Comparison, facts: list[dict]) -> set[frozenset[int]]:
    """Cross-article sentence pairs that state the same fact."""
    pairs = set()
    for fact in facts:
        located = [(a, sentence_at(comparison, a, loc)) for a, locs in fact["stated_by"].items() for loc in locs]
        for (a1, s1), (a2, s2) in combinations(located, 2):
            if a1 != a2:
                pairs.add(frozenset((s1, s2)))
    return pairs


def predicted_pairs(comparison: compare.Comparison) -> set[frozenset[int]]:
    sents = comparison.sentences.dropna(subset=["group"])
    pairs = set()
    for _, grp in sents.groupby("group"):
        for (i, a1), (j, a2) in combinations(zip(grp.index, grp.article), 2):
            if a1 != a2:
                pairs.add(frozenset((i, j)))
    return pairs


def prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def say(*args) -> None:
    print(*args, flush=True)
    sys.stdout.flush()
