"""Helpers shared by the tests: paths, gold locators and hand-built spaCy documents.

``make_doc`` builds a parsed ``Doc`` from words, heads, dependency labels, parts
of speech and entities, as spaCy's own test guide does, so rule code (quote
and speaker rules, clause cutting, framing judges) is pinned on exact parses
without the trained model's moods.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import compare

from metrics import sentence_at

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p for p in (ROOT / "seeds").glob("*/") if p.is_dir())
SEED = ROOT / "seeds" / "kim-putin-2019"


def covered(text: str, sentences) -> bool:
    """Whether ``sentences`` tile ``text``: each holds its own slice, none overlap, every non-space character is in one."""
    mask = [False] * len(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
        for i in range(s.start, s.end):
            assert not mask[i], "sentences overlap"
            mask[i] = True
    return all(mask[i] for i, ch in enumerate(text) if not ch.isspace())


def locate(comparison: compare.Comparison, article: str, locator: str) -> int:
    """Row of ``comparison.sentences`` holding ``locator`` in ``article`` (see ``benchmarks/metrics.py``)."""
    return sentence_at(comparison, article, locator)


def make_doc(
    words: Sequence[str],
    *,
    heads: Sequence[int],
    deps: Sequence[str],
    pos: Sequence[str],
    lemmas: Sequence[str] | None = None,
    ents: Sequence[str] | None = None,
    spaces: Sequence[bool] | None = None,
    sent_starts: Sequence[bool] | None = None,
    tags: Sequence[str] | None = None,
):
    """A ``Doc`` with a hand-written parse. ``heads`` are absolute token indices.

    ``ents`` are IOB tags such as ``"B-PERSON"``, ``"I-PERSON"``, ``"O"``.
    Sentence starts default to the first token only.
    """
    import spacy
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab
    n = len(words)
    doc = Doc(
        vocab,
        words=list(words),
        spaces=list(spaces) if spaces is not None else [True] * (n - 1) + [False],
        heads=list(heads),
        deps=list(deps),
        pos=list(pos),
        tags=list(tags) if tags is not None else None,
        lemmas=list(lemmas) if lemmas is not None else [w.lower() for w in words],
        ents=list(ents) if ents is not None else None,
        sent_starts=list(sent_starts) if sent_starts is not None else [True] + [False] * (n - 1),
    )
    return doc


def hand_parsed(doc):
    """A ``ParsedArticle`` of a hand-built ``Doc`` (article id ``"a"``, outlet ``"A"``)."""
    from compare import Article
    from compare.parsing import ParsedArticle, split_sentences

    art = Article(id="a", outlet="A", text=doc.text)
    return ParsedArticle(article=art, doc=doc, sentences=tuple(split_sentences(doc)))
