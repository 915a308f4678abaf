"""Articles and stories: reading news articles from files, texts, frames and URLs.

An :class:`Article` keeps its body exactly as read, because every offset that a
later stage reports (sentences, findings, quotes) points into ``Article.text``.
A :class:`Story` is an ordered collection of articles about one event.

Supported files: ``.md``/``.txt`` (optional YAML front matter; a plain ``.txt``
may end with a ``Source: X`` line naming the outlet), ``.json``/``.jsonl``/
``.csv`` (one article per object or row), and ``.html``/``.htm`` (main text and
metadata extracted with trafilatura).

Every file is read by one reader (:func:`_read_bytes`): only regular files
(never a FIFO, a device such as ``/dev/zero``, or a link to one), and at most
:data:`MAX_FILE_BYTES` bytes. All YAML (front matter and ``answer_key.yaml``)
goes through one loader (:func:`_load_yaml`). Anything wrong with a user's
file is one :class:`~compare.errors.ArticleFormatError` naming the file.
"""

from __future__ import annotations

import codecs
import json
import math
import operator
import os
import re
import stat
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Union, cast

import numpy as np
import pandas as pd
import yaml

if TYPE_CHECKING:
    from trafilatura.settings import Document

from .errors import (
    ArticleFormatError,
    CompareWarning,
    StoryError,
    UnknownNameError,
    UsageError,
    UsageTypeError,
    one_line,
)

__all__ = ["ARTICLE_SUFFIXES", "MAX_FILE_BYTES", "Article", "Story", "load_story"]

PathArg = Union[str, "PathLike[str]"]

#: File endings read as articles; anything else in a story folder is skipped.
ARTICLE_SUFFIXES = (".md", ".txt", ".json", ".jsonl", ".csv", ".html", ".htm")
#: File endings that may sit in a story folder without being articles (answer keys, notes).
_QUIET_SUFFIXES = (".yaml", ".yml", ".png", ".ipynb")
#: A story folder's answer sheet, read into ``Story.answer_key``.
ANSWER_KEY = "answer_key.yaml"
#: An extracted HTML article shorter than this is an extraction failure, not an article.
MIN_HTML_CHARS = 200
#: Largest file read, in bytes; the environment variable ``COMPARE_MAX_FILE_BYTES`` overrides it.
MAX_FILE_BYTES = 50_000_000
#: Largest YAML text parsed (front matter, answer key), in characters.
MAX_YAML_CHARS = 1_000_000
#: An HTML page larger than this (bytes) whose extracted text is under
#: ``HTML_MIN_SHARE`` of its size gets a :class:`CompareWarning`: most of it was dropped.
HTML_LARGE_BYTES = 1_000_000
HTML_MIN_SHARE = 0.01

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_SOURCE_LINE = re.compile(r"(?:\A|\n)[ \t]*Source:[ \t]*(\S[^\n]*?)[ \t]*\s*\Z")
#: A final ``Source: X`` line is an outlet name only when X is this short.
_MAX_SOURCE_NAME_CHARS = 60
_MAX_SOURCE_NAME_WORDS = 6
_KNOWN_FIELDS = ("id", "outlet", "title", "date", "url", "text")
#: Keys that make a ``---`` block at the top of a ``.txt`` file its front matter.
FRONT_MATTER_FIELDS = ("id", "outlet", "title", "date", "url", "language", "constructed", "kind")
#: Front-matter fields whose unquoted YAML values are kept exactly as written
#: (``date: 2019-04-25``, ``id: 007``, ``outlet: ON``, ``title: 1.10`` stay text).
_AS_WRITTEN_FIELDS = ("id", "outlet", "title", "date", "url", "language", "text", "kind")
_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})


@dataclass(frozen=True)
class Article:
    """One news article.

    Attributes
    ----------
    id : str
        Unique within its story: the file name without extension, or the outlet.
    outlet : str
        Who published it ("Al Jazeera", "Wire (constructed)").
    title, date, url : str or None
        Metadata as given; ``date`` is the date as written in the source
        (an ISO string when the source held a date or datetime object).
    text : str
        The body exactly as read. Every offset reported by later stages refers to it.
    meta : Mapping
        Any other metadata (front matter keys such as ``language``, ``constructed``).

    Raises
    ------
    UsageTypeError
        ``id``, ``outlet`` or ``text`` is not a str, ``title``/``date``/``url``
        is neither a str nor None, or ``meta`` is not a mapping.
    UsageError
        ``id`` or ``outlet`` is blank, a text holds a lone surrogate (it could
        not be written as UTF-8), or ``meta['constructed']`` is not a boolean.
    """

    id: str
    outlet: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        for name in ("id", "outlet", "text", "title", "date", "url"):
            value = getattr(self, name)
            if value is None and name in ("title", "date", "url"):
                continue
            argument = f"Article({name}=...)"
            if not isinstance(value, str):
                wanted = "a str" if name in ("id", "outlet", "text") else "a str or None"
                raise UsageTypeError(argument, f"field '{name}' must be {wanted}, not {type(value).__name__}")
            if name in ("id", "outlet") and not value.strip():
                raise UsageError(argument, f"field '{name}' must not be blank")
            problem = _unicode_problem(value)
            if problem:
                raise UsageError(argument, f"field '{name}' {problem}")
        if not isinstance(self.meta, Mapping):
            raise UsageTypeError("Article(meta=...)", f"field 'meta' must be a mapping, not {type(self.meta).__name__}")
        meta = dict(self.meta)
        if "constructed" in meta:
            meta["constructed"] = _strict_bool(
                meta["constructed"], lambda reason: UsageError("Article(meta=...)", f"field 'constructed' {reason}")
            )
        problem = _nested_unicode_problem(meta)
        if problem:
            raise UsageError("Article(meta=...)", problem)
        object.__setattr__(self, "meta", MappingProxyType(meta))

    @property
    def language(self) -> str:
        """The article's language code (``meta['language']``, default ``"en"``)."""
        return str(self.meta.get("language") or "en")

    @property
    def constructed(self) -> bool:
        """True for teaching articles written for this project rather than by an outlet."""
        return bool(self.meta.get("constructed", False))


class Story:
    """An ordered, iterable collection of :class:`Article` s about one event.

    Index it by position or by article id; ``labels`` gives each article a
    display name that is unique in the story (the outlet, or ``outlet (id)``
    when one outlet has several articles).

    Raises
    ------
    UsageTypeError
        ``articles`` is not an iterable of :class:`Article`, or ``name`` is not a str.
    StoryError
        Two articles share an id.
    """

    def __init__(self, articles: Iterable[Article], *, name: str = "story", answer_key: Mapping[str, Any] | None = None) -> None:
        if not isinstance(name, str):
            raise UsageTypeError("Story(name=...)", f"must be a str, not {type(name).__name__}")
        if isinstance(articles, (str, bytes, Mapping)) or not isinstance(articles, Iterable):
            raise UsageTypeError(
                "Story(articles)",
                f"must be an iterable of Article, not {type(articles).__name__}; "
                "use Story.from_texts({outlet: text}) for plain texts or load_story(path) for files",
            )
        self.articles: tuple[Article, ...] = tuple(articles)
        for n, a in enumerate(self.articles, 1):
            if not isinstance(a, Article):
                raise UsageTypeError(
                    "Story(articles)",
                    f"item {n} is a {type(a).__name__}, not an Article; use Story.from_texts({{outlet: text}}) for plain texts",
                )
        if answer_key is not None and not isinstance(answer_key, Mapping):
            raise UsageTypeError("Story(answer_key=...)", f"must be a mapping or None, not {type(answer_key).__name__}")
        self.name = name
        #: The story folder's ``answer_key.yaml`` (classroom answer sheet), when it has one.
        self.answer_key = answer_key
        ids = [a.id for a in self.articles]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise StoryError(name, f"article ids must be unique; repeated: {', '.join(dupes)}")
        outlets = [a.outlet for a in self.articles]
        self.labels: dict[str, str] = {
            a.id: a.outlet if outlets.count(a.outlet) == 1 else f"{a.outlet} ({a.id})" for a in self.articles
        }

    # -- collection protocol -------------------------------------------------
    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        """The article with id ``key`` (a str), or at position ``key`` (an int or slice).

        Raises :class:`~compare.errors.UnknownNameError` (a ``KeyError``) for an
        unknown id and :class:`~compare.errors.UsageTypeError` for any other key type.
        """
        if isinstance(key, str):
            for a in self.articles:
                if a.id == key:
                    return a
            raise UnknownNameError(
                f"story[{_shown(key)}]", f"no article with this id; the ids are {', '.join(self.ids) or '(none)'}"
            )
        if isinstance(key, slice):
            return self.articles[key]
        try:
            if isinstance(key, bool):  # True/False are not positions
                raise TypeError
            position = operator.index(key)
        except TypeError:
            raise UsageTypeError("story[...]", f"index by article id (str) or position (int), not {type(key).__name__}") from None
        return self.articles[position]

    def __repr__(self) -> str:
        return f"Story({self.name!r}, {len(self)} articles: {', '.join(self.labels.values())})"

    def _repr_html_(self) -> str:
        from .render import story_html

        return story_html(self)

    @property
    def ids(self) -> list[str]:
        """Article ids in story order."""
        return [a.id for a in self.articles]

    def to_frame(self) -> pd.DataFrame:
        """One row per article: ``id, outlet, title, date, url, words, constructed``."""
        return pd.DataFrame(
            [
                {
                    "id": a.id,
                    "outlet": a.outlet,
                    "title": a.title,
                    "date": a.date,
                    "url": a.url,
                    "words": len(a.text.split()),
                    "constructed": a.constructed,
                }
                for a in self.articles
            ],
            columns=["id", "outlet", "title", "date", "url", "words", "constructed"],
        )

    # -- constructors ----------------------------------------------------------
    @classmethod
    def from_texts(cls, texts: Mapping[str, str], *, name: str = "story") -> Story:
        """Build a story from ``{outlet: text}``; ids are made from the outlet names.

        Raises :class:`~compare.errors.UsageTypeError` when ``texts`` is not a
        mapping of str to str, and :class:`~compare.errors.UsageError` when it is
        empty or a text is blank or not valid Unicode.

        Examples
        --------
        >>> s = Story.from_texts({"Wire": "Kim met Putin.", "Daily": "Kim met the Russian leader."})
        >>> s.ids
        ['wire', 'daily']
        """
        argument = "Story.from_texts(texts)"
        if not isinstance(texts, Mapping):
            raise UsageTypeError(
                argument,
                f"must be a mapping of outlet name to article text, like {{'Wire': 'Kim met Putin.'}}, "
                f"not {type(texts).__name__}",
            )
        if not texts:
            raise UsageError(argument, "is empty; give at least one {outlet: text}")
        for outlet, text in texts.items():
            if not isinstance(outlet, str) or not outlet.strip():
                raise UsageTypeError(argument, f"each key must be an outlet name (a non-blank str), not {_shown(outlet)}")
            where = f"Story.from_texts(texts[{outlet!r}])"
            if not isinstance(text, str):
                raise UsageTypeError(where, f"must be the article's text (a str), not {type(text).__name__}")
            if not text.strip():
                raise UsageError(where, "is blank; every article needs text")
            problem = _unicode_problem(outlet) or _unicode_problem(text)
            if problem:
                raise UsageError(where, problem)
        records = [{"outlet": outlet, "text": text} for outlet, text in texts.items()]
        return cls(articles_from_records(records, source=name, default_id=None), name=name)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, name: str = "story") -> Story:
        """Build a story from a DataFrame with columns ``outlet`` and ``text``.

        Optional columns ``id``, ``title``, ``date``, ``url``; any other column
        goes into ``Article.meta``.
        """
        if not isinstance(frame, pd.DataFrame):
            raise UsageTypeError(
                "Story.from_frame(frame)", f"must be a pandas DataFrame with columns outlet and text, not {type(frame).__name__}"
            )
        records = frame.to_dict(orient="records")
        return cls(articles_from_records(records, source=name, default_id=None), name=name)


# ---------------------------------------------------------------------------
# Validation shared by Article, files and records


def _shown(value: Any, width: int = 40) -> str:
    """A short repr of a user's value for an error message."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _unicode_problem(text: str) -> str | None:
    """Why ``text`` cannot be written as UTF-8 (a lone surrogate), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return (
            f"holds a lone surrogate (\\u{ord(text[e.start]):04x}) at character {e.start}, "
            "which is not valid Unicode text and cannot be written out"
        )
    return None


def _nested_unicode_problem(value: Any) -> str | None:
    """:func:`_unicode_problem` for every str key and value nested in ``value`` (no recursion)."""
    stack = [("meta", value)]
    while stack:
        where, v = stack.pop()
        if isinstance(v, str):
            problem = _unicode_problem(v)
            if problem:
                return f"{where} {problem}"
        elif isinstance(v, Mapping):
            for k, item in v.items():
                stack.append((where, k))
                stack.append((f"{where}[{_shown(k, 30)}]", item))
        elif isinstance(v, (list, tuple, set, frozenset)):
            stack.extend((where, item) for item in v)
    return None


def _strict_bool(value: Any, error: Callable[[str], Exception]) -> bool:
    """``value`` as a bool: a real bool, 0/1, or true/false/yes/no/1/0 (any case); else ``error(reason)``."""
    if isinstance(value, np.generic):  # numpy scalars from a DataFrame
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise error(f"must be true or false (also yes/no, 1/0), not {_shown(value)}")


# ---------------------------------------------------------------------------
# Reading files: one reader, one limit


def _max_file_bytes() -> int:
    """:data:`MAX_FILE_BYTES`, or the environment variable ``COMPARE_MAX_FILE_BYTES`` when set."""
    env = os.environ.get("COMPARE_MAX_FILE_BYTES", "").strip()
    if not env:
        return MAX_FILE_BYTES
    try:
        value = int(env.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise UsageError(
            "COMPARE_MAX_FILE_BYTES",
            f"must be a positive whole number of bytes (default {MAX_FILE_BYTES}), not {_shown(env)}",
        )
    return value


def _too_large(path: object, size: str, limit: int) -> ArticleFormatError:
    return ArticleFormatError(
        path,
        f"file is {size} bytes, over the limit of {limit:,} bytes (set COMPARE_MAX_FILE_BYTES to read larger files)",
    )


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "a special file"


def _os_reason(e: OSError, what: str = "file") -> str:
    if isinstance(e, PermissionError):
        return f"permission denied: cannot read this {what}"
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read this {what} ({e.strerror or type(e).__name__})"


def _stat(path: Path) -> os.stat_result:
    """``os.stat(path)`` (following links); any failure is an ArticleFormatError naming ``path``."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ArticleFormatError(path, "is a link to a file that does not exist") from None
        raise ArticleFormatError(path, "no such file or folder") from None
    except OSError as e:
        raise ArticleFormatError(path, _os_reason(e)) from None
    except ValueError:  # a NUL character in the path
        raise ArticleFormatError(path, "is not a valid path (it holds a NUL character)") from None


def _read_bytes(path: Path) -> bytes:
    """The bytes of the regular file ``path``: never a FIFO or device, never more than the limit.

    The file is checked with ``os.stat`` (after following links) before it is
    opened, opened non-blocking, checked again on the open descriptor (it may
    have been swapped), and read in chunks up to the limit plus one byte.
    """
    limit = _max_file_bytes()
    st = _stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise ArticleFormatError(path, "is a folder; use load_story() for a folder")
    if not stat.S_ISREG(st.st_mode):
        raise ArticleFormatError(path, f"is {_file_kind(st.st_mode)}, not a regular file; only regular files are read")
    if st.st_size > limit:
        raise _too_large(path, f"{st.st_size:,}", limit)
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, name, 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise ArticleFormatError(path, _os_reason(e)) from None
    chunks: list[bytes] = []
    size = 0
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ArticleFormatError(path, f"is {_file_kind(mode)}, not a regular file; only regular files are read")
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as e:
        raise ArticleFormatError(path, _os_reason(e)) from None
    finally:
        os.close(fd)
    if size > limit:
        raise _too_large(path, f"more than {limit:,}", limit)
    return b"".join(chunks)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(raw: bytes, source: Path) -> str:
    """Text of a file: UTF-8 (BOM optional), or UTF-16/UTF-32 with a BOM; newlines made ``\\n``."""
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), None)
    if encoding is None:
        if not raw.strip():
            raise ArticleFormatError(source, "file is empty")
        if b"\x00" in raw[:8192]:
            raise ArticleFormatError(source, "binary file, not text")
        encoding = "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as e:
        name = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        raise ArticleFormatError(source, f"not {name} text (undecodable byte at position {e.start}); save it as UTF-8") from None
    if not text.strip():
        raise ArticleFormatError(source, "file is empty")
    if "\x00" in text[:8192]:
        raise ArticleFormatError(source, "binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------
# YAML: one loader for front matter and answer keys

_YAML_STR = "tag:yaml.org,2002:str"
_YAML_SCALARS = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class _YamlRefused(yaml.MarkedYAMLError):
    """YAML this package refuses to load (aliases, anchors)."""


class _YamlLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` for users' YAML.

    - Aliases and anchors are refused, so a few lines cannot expand into
      billions of nodes ("billion laughs").
    - No implicit timestamps: ``date: 2019-02-30`` stays the string as written
      instead of raising ``ValueError`` (or becoming a ``date``).
    """

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _YamlRefused(
                None,
                None,
                f"uses an alias (*{event.anchor}); aliases and anchors are not allowed, write the value out",
                cast("yaml.error.Mark | None", event.start_mark),  # SafeLoader builds pure-Python marks
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _YamlRefused(
                None,
                None,
                f"defines an anchor (&{anchor}); aliases and anchors are not allowed, write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_yaml(text: str, source: object, what: str, *, first_line: int = 1, as_written: Iterable[str] = ()) -> Any:
    """Parse the YAML ``text`` with :class:`_YamlLoader`; every failure is an ArticleFormatError.

    ``what`` names the YAML in messages ("front matter", "answer key") and
    ``first_line`` is the file line the YAML starts on. Top-level keys in
    ``as_written`` keep their unquoted scalar values as the text written.
    """
    if len(text) > MAX_YAML_CHARS:
        raise ArticleFormatError(source, f"{what} is longer than the limit of {MAX_YAML_CHARS:,} characters")
    keep = frozenset(as_written)
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if keep and isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if (
                    isinstance(key, yaml.ScalarNode)
                    and key.value in keep
                    and isinstance(value, yaml.ScalarNode)
                    and value.tag in _YAML_SCALARS
                ):
                    value.tag = _YAML_STR
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f" (line {mark.line + first_line})" if mark else ""
        if isinstance(e, _YamlRefused):
            raise ArticleFormatError(source, f"{what}{where} {e.problem}") from None
        raise ArticleFormatError(source, f"{what} is not valid YAML{where}") from None
    except yaml.YAMLError as e:
        raise ArticleFormatError(source, f"{what} is not valid YAML ({type(e).__name__})") from None
    except RecursionError:
        raise ArticleFormatError(source, f"{what} is nested too deeply to read") from None
    except ValueError as e:
        limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
        if limit and "digits" in str(e):  # int() refuses numbers this long
            raise ArticleFormatError(source, f"{what} holds a number with more than {limit:,} digits") from None
        raise ArticleFormatError(source, f"{what} could not be read (ValueError: {str(e)[:120]})") from None
    except Exception as e:  # noqa: BLE001 - whatever else odd input provokes, never a traceback
        raise ArticleFormatError(source, f"{what} could not be read ({type(e).__name__}: {str(e)[:120]})") from None
    finally:
        loader.dispose()


# ---------------------------------------------------------------------------
# Loading files


def _as_path(value: Any, argument: str) -> Path:
    """``value`` as a Path, or a UsageTypeError/UsageError naming ``argument``."""
    if isinstance(value, PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise UsageTypeError(argument, f"must be a file or folder path (a str or pathlib.Path), not {type(value).__name__}")
    if not value.strip():
        raise UsageError(argument, "is an empty path; give a file or folder")
    return Path(value)


def _warn(source: object, reason: str) -> None:
    warnings.warn(f"{one_line(source)}: {reason}", CompareWarning, stacklevel=3)


def load_story(path: PathArg | Sequence[PathArg], *, name: str | None = None) -> Story:
    """Read a folder, one file, or a list of files into a :class:`Story`.

    A folder is read in file-name order; files that are not articles (answer
    keys, notes) are skipped, unknown file types with a :class:`CompareWarning`.
    Only regular files are read: a FIFO, device or socket in a folder is
    skipped with a warning, and given by name it is an error. A file given
    twice (or two paths to the same file) is read once, with a warning.

    Front matter: a ``.md`` file may start with a YAML block between two
    ``---`` lines; it must be a mapping, and its ``outlet``, ``title``,
    ``date``, ``url``, ``id`` fields (kept as written) fill the article's
    fields, any other key goes into ``Article.meta``. A ``.txt`` file's first
    ``---`` block is front matter only when it is a YAML mapping with at least
    one of the keys ``id, outlet, title, date, url, language, constructed,
    kind``; otherwise the whole file, ``---`` lines included, is the article
    text (with a warning). ``constructed`` must be a boolean (true/false,
    yes/no, 1/0). A ``text`` key is used only when the file has no body after
    the front matter; having both is an error. A final ``Source: X`` line
    (X short, like an outlet name) names the outlet when the front matter does
    not, and leaves the text; when the front matter names the outlet, the line
    leaves the text only if it names the same outlet.

    Raises
    ------
    ArticleFormatError
        A path is missing, unreadable, not a regular file, too large
        (``MAX_FILE_BYTES``), empty, binary, not UTF-8/UTF-16, or not a
        readable article; the message names the file and the reason.
    UsageTypeError
        ``path`` is not a path or a list of paths.

    Examples
    --------
    >>> story = load_story("seeds/kim-putin-2019")
    >>> story.ids
    ['aljazeera', 'courier', 'ledger', 'wire']
    """
    if name is not None and not isinstance(name, str):
        raise UsageTypeError("load_story(name=...)", f"must be a str or None, not {type(name).__name__}")
    key_path: Path | None = None
    paths: list[Path]
    if isinstance(path, (str, PathLike)):
        root = _as_path(path, "load_story(path)")
        if stat.S_ISDIR(_stat(root).st_mode):
            paths, key_path = _scan_folder(root)
            story_name = name or root.name or root.resolve().name or "story"
        else:
            paths = [root]
            story_name = name or root.stem
    elif isinstance(path, (bytes, Mapping)) or not isinstance(path, Iterable):
        raise UsageTypeError(
            "load_story(path)",
            f"must be a file or folder path (a str or pathlib.Path) or a list of them, not {type(path).__name__}",
        )
    else:
        paths = [_as_path(p, f"load_story(path[{n}])") for n, p in enumerate(path)]
        if not paths:
            raise StoryError("load_story", "no files given")
        story_name = name or "story"

    articles: list[Article] = []
    for p in _distinct(paths):
        articles.extend(read_articles(p))
    key = _read_answer_key(key_path) if key_path is not None else None
    return Story(unique_ids(articles), name=story_name, answer_key=key)


def _scan_folder(root: Path) -> tuple[list[Path], Path | None]:
    """The article files of a story folder in name order, and its answer key (or None)."""
    try:
        with os.scandir(root) as entries:
            names = sorted(e.name for e in entries)
    except OSError as e:
        raise ArticleFormatError(root, _os_reason(e, "folder")) from None
    paths: list[Path] = []
    key_path = None
    for entry in names:
        p = root / entry
        suffix = p.suffix.lower()
        if entry.startswith("."):
            continue
        try:
            mode = os.stat(p).st_mode
        except OSError as e:
            if suffix in ARTICLE_SUFFIXES or entry == ANSWER_KEY:
                reason = "a link to a file that does not exist" if isinstance(e, FileNotFoundError) else _os_reason(e)
                _warn(p, f"skipped, {reason}")
            continue
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            _warn(p, f"skipped, {_file_kind(mode)} is not a regular file")
            continue
        if entry == ANSWER_KEY:
            key_path = p
        elif suffix in ARTICLE_SUFFIXES:
            paths.append(p)
        elif suffix not in _QUIET_SUFFIXES:
            _warn(p, f"skipped, not an article file ({', '.join(ARTICLE_SUFFIXES)})")
    if not paths:
        raise ArticleFormatError(root, "folder holds no article files")
    return paths, key_path


def _distinct(paths: list[Path]) -> list[Path]:
    """``paths`` without repeats of one file (same path, a link to it, a hard link); repeats warn."""
    seen: dict[object, Path] = {}
    out = []
    for p in paths:
        try:
            st = os.stat(p)
        except (OSError, ValueError):
            out.append(p)  # the reader reports it
            continue
        key: object = (st.st_dev, st.st_ino) if st.st_ino else os.path.realpath(p)
        if key in seen:
            first = seen[key]
            same = "given twice" if first == p else f"the same file as {one_line(first)}"
            _warn(p, f"{same}; read once")
            continue
        seen[key] = p
        out.append(p)
    return out


def _read_answer_key(path: Path) -> dict:
    text = _decode(_read_bytes(path), path)
    key = _load_yaml(text, path, "answer key")
    if not isinstance(key, dict):
        raise ArticleFormatError(path, "answer key must be a mapping")
    return key


def read_articles(path: PathArg) -> list[Article]:
    """Read one file into its article(s); see :func:`load_story` for the formats."""
    p = _as_path(path, "read_articles(path)")
    if stat.S_ISDIR(_stat(p).st_mode):
        raise ArticleFormatError(p, "is a folder; use load_story() for a folder")
    suffix = p.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ArticleFormatError(p, f"unsupported file type {suffix or '(none)'}; use one of {', '.join(ARTICLE_SUFFIXES)}")
    raw = _read_bytes(p)
    if suffix in (".html", ".htm"):
        return [article_from_html(raw, source=p, default_id=p.stem)]
    text = _decode(raw, p)
    if suffix in (".md", ".txt"):
        return [article_from_text(text, source=p, default_id=p.stem, optional_front_matter=suffix == ".txt")]
    if suffix == ".json":
        data = _parse_json(text, p)
        records = data if isinstance(data, list) else [data]
        return articles_from_records(records, source=p, default_id=p.stem)
    if suffix == ".jsonl":
        records = []
        # Split on "\n" only: str.splitlines() also splits at U+2028/U+2029, which
        # may sit unescaped inside a JSON string.
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                records.append(_parse_json(line, p, line=n))
        return articles_from_records(records, source=p, default_id=p.stem)
    # .csv
    import io

    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as e:
        raise ArticleFormatError(p, f"not a readable CSV ({e})") from None
    return articles_from_records(frame.to_dict(orient="records"), source=p, default_id=p.stem)


#: Nesting depth reported as "too deep" when JSON parsing hits the recursion limit.
_JSON_REPORT_DEPTH = 500


def _parse_json(text: str, source: Path, *, line: int | None = None) -> Any:
    """``json.loads(text)``; invalid, too deeply nested or over-long numbers name the file and line.

    ``line`` is the line number of ``text`` in a JSONL file (None for a whole JSON file).
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        if line is None:
            raise ArticleFormatError(source, f"not valid JSON (line {e.lineno}: {e.msg})") from None
        raise ArticleFormatError(source, f"line {line} is not valid JSON ({e.msg})") from None
    except RecursionError:
        problem, at = "nested too deeply", _json_problem_line(text, deep=True)
    except ValueError:  # an integer longer than sys.get_int_max_str_digits()
        limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
        problem = f"a number has more than {limit:,} digits" if limit else "a number is too long"
        at = _json_problem_line(text, deep=False)
    if line is None:
        raise ArticleFormatError(source, f"not valid JSON (line {at}: {problem})")
    raise ArticleFormatError(source, f"line {line} is not valid JSON ({problem})")


def _json_problem_line(text: str, *, deep: bool) -> int:
    """The 1-based line of the first too-deep nesting (``deep``) or over-long integer in ``text``."""
    digits = max(getattr(sys, "get_int_max_str_digits", lambda: 0)(), 1)
    token = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|(?<![\d.eE])\d{' + str(digits + 1) + r",}(?![\d.eE])")
    depth = 0
    for m in token.finditer(text):
        t = m.group()
        if deep and t in ("[", "{"):
            depth += 1
            if depth >= _JSON_REPORT_DEPTH:
                return text.count("\n", 0, m.start()) + 1
        elif deep and t in ("]", "}"):
            depth -= 1
        elif not deep and t[0].isdigit():
            return text.count("\n", 0, m.start()) + 1
    return 1


def _same_name(a: str, b: str) -> bool:
    """True when two outlet names differ only in case, spaces and punctuation ("AlJazeera", "Al Jazeera")."""
    return re.sub(r"[\W_]+", "", a.casefold()) == re.sub(r"[\W_]+", "", b.casefold())


def _looks_like_outlet(name: str) -> bool:
    """A ``Source:`` value short like an outlet name, not a sentence ("Reuters contributed reporting.")."""
    return (
        len(name) <= _MAX_SOURCE_NAME_CHARS
        and len(name.split()) <= _MAX_SOURCE_NAME_WORDS
        and not name.endswith((".", "!", "?", ";", ":"))
    )


def article_from_text(text: str, *, source: object, default_id: str, optional_front_matter: bool = False) -> Article:
    """One article from the text of a ``.md``/``.txt`` file (rules in :func:`load_story`).

    With ``optional_front_matter`` (``.txt``), a first ``---`` block is front
    matter only when it is a YAML mapping with a key in ``FRONT_MATTER_FIELDS``.
    """
    meta: dict[str, Any] = {}
    body = text
    m = _FRONT_MATTER.match(text)
    if m:
        block = m.group(1) or ""
        if optional_front_matter:
            loaded = None
            if len(block) <= MAX_YAML_CHARS:
                try:
                    loaded = _load_yaml(block, source, "front matter", first_line=2, as_written=_AS_WRITTEN_FIELDS)
                except ArticleFormatError:
                    loaded = None
            if isinstance(loaded, dict) and any(str(k) in FRONT_MATTER_FIELDS for k in loaded):
                meta = {str(k): v for k, v in loaded.items()}
                body = text[m.end() :]
            else:
                _warn(
                    source,
                    "starts with a '---' block that is not front matter (not a YAML mapping with any of "
                    f"{', '.join(FRONT_MATTER_FIELDS)}); it is kept as article text",
                )
        else:
            loaded = _load_yaml(block, source, "front matter", first_line=2, as_written=_AS_WRITTEN_FIELDS)
            loaded = {} if loaded is None else loaded
            if not isinstance(loaded, dict):
                raise ArticleFormatError(source, "front matter must be a mapping of key: value")
            meta = {str(k): v for k, v in loaded.items()}
            body = text[m.end() :]
    src = _SOURCE_LINE.search(body)
    if src and _looks_like_outlet(src.group(1)) and "source_line" not in meta:
        named = src.group(1)
        outlet = meta.get("outlet")
        if _missing(outlet):
            meta["outlet"] = named
        if _same_name(str(meta["outlet"]), named):
            meta["source_line"] = src.group(0).strip()
            body = body[: src.start()]
    body = body.strip()
    if not _missing(meta.get("text")):
        if body:
            raise ArticleFormatError(
                source,
                "has both a 'text' field in its front matter and a body after it; remove one of them",
            )
    elif not body:
        raise ArticleFormatError(source, "article has no text after its front matter")
    else:
        meta["text"] = body
    return article_from_record(meta, source=source, default_id=default_id)


def article_from_html(raw: bytes, *, source: object, default_id: str, url: str | None = None) -> Article:
    import trafilatura

    if not raw.strip():
        raise ArticleFormatError(source, "file is empty")
    if b"\x00" in raw[:8192]:
        raise ArticleFormatError(source, "binary file, not HTML")
    try:
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False, include_tables=False)
    except RecursionError:
        raise ArticleFormatError(source, "the HTML is nested too deeply to read") from None
    except Exception as e:  # noqa: BLE001 - a user's page must not end in a traceback
        raise ArticleFormatError(source, f"the HTML could not be read ({type(e).__name__})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_HTML_CHARS:
        raise ArticleFormatError(
            source,
            f"no article text found in the HTML (extracted {len(text)} characters, "
            f"need at least {MIN_HTML_CHARS}); save the article page itself, not an index page",
        )
    kept = len(text.encode("utf-8", "surrogatepass"))
    if len(raw) > HTML_LARGE_BYTES and kept < HTML_MIN_SHARE * len(raw):
        _warn(
            source,
            f"only {kept:,} bytes of article text were extracted from a {len(raw):,}-byte page "
            f"(under {HTML_MIN_SHARE:.0%}); check that the whole article was kept",
        )
    # trafilatura separates paragraphs with one newline; make paragraph breaks explicit.
    text = re.sub(r"\n+", "\n\n", text)
    doc = cast("Document", doc)  # text was found, so bare_extraction returned a Document (as_dict=False)
    record = {
        "text": text,
        "title": doc.title,
        "date": doc.date,
        "url": url or doc.url,
        "outlet": doc.sitename or doc.hostname,
        "author": doc.author,
        "extracted_with": "trafilatura",
    }
    return article_from_record({k: v for k, v in record.items() if v}, source=source, default_id=default_id)


def article_from_record(record: Mapping[str, Any], *, source: object, default_id: str | None) -> Article:
    """One article from a mapping with ``text`` and ``outlet`` (and optional ``id, title, date, url``).

    This is where every file's fields are checked; a problem is an
    :class:`ArticleFormatError` naming ``source`` and the field.
    """
    if not isinstance(record, Mapping):
        raise ArticleFormatError(source, "each article must be an object with outlet, title, date, url, text")
    rec = {str(k): v for k, v in record.items() if not _missing(v)}
    text = rec.get("text")
    if text is not None and not isinstance(text, str):
        raise ArticleFormatError(source, f"field 'text' must be text, not {type(text).__name__}")
    if not isinstance(text, str) or not text.strip():
        raise ArticleFormatError(source, "article has no text (a 'text' field is required)")
    for name in ("id", "outlet", "title", "date", "url"):
        value = rec.get(name)
        if isinstance(value, (bool, bytes, Mapping, list, tuple, set)):
            raise ArticleFormatError(source, f"field '{name}' must be text, not {type(value).__name__}")
    if "constructed" in rec:
        rec["constructed"] = _strict_bool(
            rec["constructed"], lambda reason: ArticleFormatError(source, f"field 'constructed' {reason}")
        )
    outlet = str(rec.get("outlet") or default_id or "").strip()
    if not outlet:
        raise ArticleFormatError(source, "article names no outlet (add an 'outlet' field)")
    art_id = str(rec.get("id") or default_id or _slug(outlet))
    meta = {k: v for k, v in rec.items() if k not in _KNOWN_FIELDS}
    try:
        return Article(
            id=art_id,
            outlet=outlet,
            text=text,
            title=_opt_str(rec.get("title")),
            date=_opt_str(rec.get("date")),
            url=_opt_str(rec.get("url")),
            meta=meta,
        )
    except (UsageError, UsageTypeError) as e:
        raise ArticleFormatError(source, e.reason) from None


def articles_from_records(records: Sequence[Any], *, source: object, default_id: str | None) -> list[Article]:
    if not records:
        raise ArticleFormatError(source, "holds no articles")
    out = []
    for n, rec in enumerate(records, 1):
        where = f"{source} (article {n})" if len(records) > 1 else source
        if not isinstance(rec, Mapping):
            raise ArticleFormatError(where, "each article must be an object with outlet, title, date, url, text")
        rid = None if default_id is None else (default_id if len(records) == 1 else None)
        art = article_from_record(rec, source=where, default_id=rid)
        if default_id is not None and len(records) > 1 and not rec.get("id"):
            art = _replace_id(art, f"{default_id}-{_slug(art.outlet)}")
        out.append(art)
    return unique_ids(out)


def _replace_id(article: Article, new_id: str) -> Article:
    from dataclasses import replace

    return replace(article, id=new_id)


def unique_ids(articles: list[Article]) -> list[Article]:
    seen: dict[str, int] = {}
    out = []
    for a in articles:
        if a.id in seen:
            seen[a.id] += 1
            a = _replace_id(a, f"{a.id}-{seen[a.id]}")
        seen.setdefault(a.id, 1)
        out.append(a)
    return out


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def _opt_str(v: Any) -> str | None:
    if _missing(v):
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v).strip()


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "article"
