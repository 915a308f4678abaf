"""Readers: story folders, files, and the formats an article may come in.

Supported files: ``.md``/``.txt`` (optional YAML front matter; a plain ``.txt``
may end with a ``Source: X`` line naming the outlet; see
:mod:`compare.frontmatter`), ``.json``/``.jsonl``/``.csv`` (one article per
object or row), and ``.html``/``.htm`` (main text and metadata extracted with
trafilatura). Bytes come from :func:`compare.files.read_bytes` (regular files
only, size limit); anything wrong with a user's file is one
:class:`~compare.errors.ArticleFormatError` naming the file.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union, cast

import pandas as pd

if TYPE_CHECKING:
    from trafilatura.settings import Document

from .errors import ArticleFormatError, StoryError, UsageTypeError, one_line
from .files import as_path, decode_text, file_kind, os_reason, read_bytes, stat_path, warn_about
from .frontmatter import article_from_text, load_yaml
from .pieces import check_length
from .records import Article, Story, article_from_record, articles_from_records, unique_ids

__all__ = ["ANSWER_KEY", "ARTICLE_SUFFIXES", "article_from_html", "load_story", "read_articles"]

PathArg = Union[str, "PathLike[str]"]

#: File endings read as articles; anything else in a story folder is skipped.
ARTICLE_SUFFIXES = (".md", ".txt", ".json", ".jsonl", ".csv", ".html", ".htm")
#: File endings that may sit in a story folder without being articles (answer keys, notes).
_QUIET_SUFFIXES = (".yaml", ".yml", ".png", ".ipynb")
#: A story folder's answer sheet, read into ``Story.answer_key``.
ANSWER_KEY = "answer_key.yaml"
#: An extracted HTML article shorter than this is an extraction failure, not an article.
MIN_HTML_CHARS = 200
#: An HTML page larger than this (bytes) whose extracted text is under
#: ``HTML_MIN_SHARE`` of its size gets a :class:`CompareWarning`: most of it was dropped.
HTML_LARGE_BYTES = 1_000_000
HTML_MIN_SHARE = 0.01


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
        root = as_path(path, "load_story(path)")
        if stat.S_ISDIR(stat_path(root).st_mode):
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
        paths = [as_path(p, f"load_story(path[{n}])") for n, p in enumerate(path)]
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
        raise ArticleFormatError(root, os_reason(e, "folder")) from None
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
                reason = "a link to a file that does not exist" if isinstance(e, FileNotFoundError) else os_reason(e)
                warn_about(p, f"skipped, {reason}")
            continue
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            warn_about(p, f"skipped, {file_kind(mode)} is not a regular file")
            continue
        if entry == ANSWER_KEY:
            key_path = p
        elif suffix in ARTICLE_SUFFIXES:
            paths.append(p)
        elif suffix not in _QUIET_SUFFIXES:
            warn_about(p, f"skipped, not an article file ({', '.join(ARTICLE_SUFFIXES)})")
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
            warn_about(p, f"{same}; read once")
            continue
        seen[key] = p
        out.append(p)
    return out


def _read_answer_key(path: Path) -> dict:
    text = decode_text(read_bytes(path), path)
    key = load_yaml(text, path, "answer key")
    if not isinstance(key, dict):
        raise ArticleFormatError(path, "answer key must be a mapping")
    return key


def read_articles(path: PathArg) -> list[Article]:
    """Read one file into its article(s); see :func:`load_story` for the formats.

    An article longer than :func:`compare.files.max_chars` characters is an
    :class:`ArticleFormatError` naming the file and the limit.
    """
    p = as_path(path, "read_articles(path)")
    articles = _read_file(p)
    for n, a in enumerate(articles, 1):
        check_length(a.text, p if len(articles) == 1 else f"{p} (article {n})")
    return articles


def _read_file(p: Path) -> list[Article]:
    if stat.S_ISDIR(stat_path(p).st_mode):
        raise ArticleFormatError(p, "is a folder; use load_story() for a folder")
    suffix = p.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ArticleFormatError(p, f"unsupported file type {suffix or '(none)'}; use one of {', '.join(ARTICLE_SUFFIXES)}")
    raw = read_bytes(p)
    if suffix in (".html", ".htm"):
        return [article_from_html(raw, source=p, default_id=p.stem)]
    text = decode_text(raw, p)
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


def article_from_html(raw: bytes, *, source: object, default_id: str, url: str | None = None) -> Article:
    """One article from an HTML page: main text and metadata extracted with trafilatura."""
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
        warn_about(
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
