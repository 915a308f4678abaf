"""Shared helpers of the benchmark scripts: finding BASIL, locating gold sentences."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

import yaml

from compare import Article, Story

from metrics import gold_pairs, predicted_pairs, prf, sentence_at  # noqa: F401  (re-exported for the scripts)

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
    art = Article(
        id=data["source"], outlet=data["source"], text=text, title=data.get("title"), date=data.get("date"), url=data.get("url")
    )
    return art, paragraphs


def basil_story(entry: dict, base: Path) -> Story:
    # article ids lower-cased: a few BASIL files say "NYT"/"FOX"/"HPO", the gold's keys are lower case
    arts = [basil_article(stem, base)[0] for stem in entry["articles"].values()]
    return Story([dataclasses.replace(a, id=a.id.lower()) for a in arts], name=entry["triplet"])


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def say(*args) -> None:
    print(*args, flush=True)
    sys.stdout.flush()
