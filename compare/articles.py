"""Articles and stories: reading news articles from files, texts, frames and URLs.

An :class:`Article` keeps its body exactly as read, because every offset that a
later stage reports (sentences, findings, quotes) points into ``Article.text``.
A :class:`Story` is an ordered collection of articles about one event.

Supported files: ``.md``/``.txt`` (optional YAML front matter; a plain ``.txt``
may end with a ``Source: X`` line naming the outlet), ``.json``/``.jsonl``/
``.csv`` (one article per object or row), and ``.html``/``.htm`` (main text and
metadata extracted with trafilatura).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, Union

import pandas as pd
import yaml

from .errors import ArticleFormatError, CompareWarning, FetchError, StoryError

__all__ = ["Article", "Story", "load_story", "fetch_article", "ARTICLE_SUFFIXES"]

PathArg = Union[str, "PathLike[str]"]

#: File endings read as articles; anything else in a story folder is skipped.
ARTICLE_SUFFIXES = (".md", ".txt", ".json", ".jsonl", ".csv", ".html", ".htm")
#: File endings that may sit in a story folder without being articles (answer keys, notes).
_QUIET_SUFFIXES = (".yaml", ".yml", ".png", ".ipynb")
#: A story folder's answer sheet, read into ``Story.answer_key``.
ANSWER_KEY = "answer_key.yaml"
#: An extracted HTML article shorter than this is an extraction failure, not an article.
MIN_HTML_CHARS = 200

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_SOURCE_LINE = re.compile(r"(?:\A|\n)[ \t]*Source:[ \t]*(\S[^\n]*?)[ \t]*\s*\Z")
_KNOWN_FIELDS = ("id", "outlet", "title", "date", "url", "text")


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
        Metadata as given; ``date`` is an ISO string when the source had a date.
    text : str
        The body exactly as read. Every offset reported by later stages refers to it.
    meta : Mapping
        Any other metadata (front matter keys such as ``language``, ``constructed``).
    """

    id: str
    outlet: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

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
    """

    def __init__(self, articles: Iterable[Article], *, name: str = "story", answer_key: Mapping[str, Any] | None = None) -> None:
        self.articles: tuple[Article, ...] = tuple(articles)
        self.name = name
        #: The story folder's ``answer_key.yaml`` (classroom answer sheet), when it has one.
        self.answer_key = answer_key
        ids = [a.id for a in self.articles]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise StoryError(name, f"article ids must be unique; repeated: {', '.join(dupes)}")
        outlets = [a.outlet for a in self.articles]
        self.labels: dict[str, str] = {
            a.id: a.outlet if outlets.count(a.outlet) == 1 else f"{a.outlet} ({a.id})"
            for a in self.articles
        }

    # -- collection protocol -------------------------------------------------
    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, str):
            for a in self.articles:
                if a.id == key:
                    return a
            raise KeyError(key)
        return self.articles[key]

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
    def from_texts(cls, texts: Mapping[str, str], *, name: str = "story") -> "Story":
        """Build a story from ``{outlet: text}``; ids are made from the outlet names.

        Examples
        --------
        >>> s = Story.from_texts({"Wire": "Kim met Putin.", "Daily": "Kim met the Russian leader."})
        >>> s.ids
        ['wire', 'daily']
        """
        records = [{"outlet": outlet, "text": text} for outlet, text in texts.items()]
        return cls(articles_from_records(records, source=name, default_id=None), name=name)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, name: str = "story") -> "Story":
        """Build a story from a DataFrame with columns ``outlet`` and ``text``.

        Optional columns ``id``, ``title``, ``date``, ``url``; any other column
        goes into ``Article.meta``.
        """
        records = frame.to_dict(orient="records")
        return cls(articles_from_records(records, source=name, default_id=None), name=name)


# ---------------------------------------------------------------------------
# Loading files


def load_story(
    path: PathArg | Sequence[PathArg], *, name: str | None = None
) -> Story:
    """Read a folder, one file, or a list of files into a :class:`Story`.

    A folder is read in file-name order; files that are not articles (answer
    keys, notes) are skipped, unknown file types with a :class:`CompareWarning`.

    Raises
    ------
    ArticleFormatError
        A path is missing, empty, binary, not UTF-8, or not a readable article;
        the message names the file and the reason.

    Examples
    --------
    >>> story = load_story("seeds/kim-putin-2019")
    >>> story.ids
    ['aljazeera', 'courier', 'ledger', 'wire']
    """
    paths: list[Path]
    if isinstance(path, (str, PathLike)):
        root = Path(path)
        if not root.exists():
            raise ArticleFormatError(root, "no such file or folder")
        if root.is_dir():
            paths = []
            for p in sorted(root.iterdir()):
                if p.name.startswith(".") or not p.is_file():
                    continue
                if p.suffix.lower() in ARTICLE_SUFFIXES:
                    paths.append(p)
                elif p.suffix.lower() not in _QUIET_SUFFIXES:
                    warnings.warn(
                        f"{p}: skipped, not an article file ({', '.join(ARTICLE_SUFFIXES)})",
                        CompareWarning,
                        stacklevel=2,
                    )
            if not paths:
                raise ArticleFormatError(root, "folder holds no article files")
        else:
            paths = [root]
        story_name = name or (root.name if root.is_dir() else root.stem)
    else:
        paths = [Path(p) for p in path]
        if not paths:
            raise StoryError("load_story", "no files given")
        story_name = name or "story"

    articles: list[Article] = []
    for p in paths:
        articles.extend(read_articles(p))
    key = None
    if isinstance(path, (str, PathLike)) and Path(path).is_dir() and (Path(path) / ANSWER_KEY).is_file():
        key = _read_answer_key(Path(path) / ANSWER_KEY)
    return Story(unique_ids(articles), name=story_name, answer_key=key)


def _read_answer_key(path: Path) -> dict:
    try:
        key = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ArticleFormatError(path, f"answer key is not valid YAML ({type(e).__name__})") from None
    if not isinstance(key, dict):
        raise ArticleFormatError(path, "answer key must be a mapping")
    return key


def read_articles(path: PathArg) -> list[Article]:
    """Read one file into its article(s); see :func:`load_story` for the formats."""
    p = Path(path)
    if not p.exists():
        raise ArticleFormatError(p, "no such file")
    if p.is_dir():
        raise ArticleFormatError(p, "is a folder; use load_story() for a folder")
    suffix = p.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ArticleFormatError(
            p, f"unsupported file type {suffix or '(none)'}; use one of {', '.join(ARTICLE_SUFFIXES)}"
        )
    raw = p.read_bytes()
    if suffix in (".html", ".htm"):
        return [article_from_html(raw, source=p, default_id=p.stem)]
    text = _decode(raw, p)
    if suffix in (".md", ".txt"):
        return [article_from_text(text, source=p, default_id=p.stem)]
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ArticleFormatError(p, f"not valid JSON (line {e.lineno}: {e.msg})") from None
        records = data if isinstance(data, list) else [data]
        return articles_from_records(records, source=p, default_id=p.stem)
    if suffix == ".jsonl":
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ArticleFormatError(p, f"line {n} is not valid JSON ({e.msg})") from None
        return articles_from_records(records, source=p, default_id=p.stem)
    # .csv
    import io

    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise ArticleFormatError(p, f"not a readable CSV ({e})") from None
    return articles_from_records(frame.to_dict(orient="records"), source=p, default_id=p.stem)


def _decode(raw: bytes, source: Path) -> str:
    if not raw.strip():
        raise ArticleFormatError(source, "file is empty")
    if b"\x00" in raw[:8192]:
        raise ArticleFormatError(source, "binary file, not text")
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as e:
        raise ArticleFormatError(
            source, f"not UTF-8 text (undecodable byte at position {e.start}); save it as UTF-8"
        ) from None


def article_from_text(text: str, *, source: object, default_id: str) -> Article:
    meta: dict[str, Any] = {}
    body = text
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1) or "") or {}
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark else ""
            raise ArticleFormatError(source, f"front matter is not valid YAML{where}") from None
        if not isinstance(loaded, dict):
            raise ArticleFormatError(source, "front matter must be a mapping of key: value")
        meta = {str(k): v for k, v in loaded.items()}
        body = text[m.end():]
    src = _SOURCE_LINE.search(body)
    if src:
        meta.setdefault("outlet", src.group(1))
        meta["source_line"] = src.group(0).strip()
        body = body[: src.start()]
    body = body.strip()
    if not body:
        raise ArticleFormatError(source, "article has no text after its front matter")
    meta.setdefault("text", body)
    return article_from_record(meta, source=source, default_id=default_id)


def article_from_html(raw: bytes, *, source: object, default_id: str, url: str | None = None) -> Article:
    import trafilatura

    if not raw.strip():
        raise ArticleFormatError(source, "file is empty")
    if b"\x00" in raw[:8192]:
        raise ArticleFormatError(source, "binary file, not HTML")
    doc = trafilatura.bare_extraction(
        raw, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_HTML_CHARS:
        raise ArticleFormatError(
            source,
            f"no article text found in the HTML (extracted {len(text)} characters, "
            f"need at least {MIN_HTML_CHARS}); save the article page itself, not an index page",
        )
    # trafilatura separates paragraphs with one newline; make paragraph breaks explicit.
    text = re.sub(r"\n+", "\n\n", text)
    record = {
        "text": text,
        "title": doc.title,
        "date": doc.date,
        "url": url or doc.url,
        "outlet": doc.sitename or doc.hostname,
        "author": doc.author,
        "extracted_with": "trafilatura",
    }
    return article_from_record(
        {k: v for k, v in record.items() if v}, source=source, default_id=default_id
    )


def article_from_record(record: Mapping[str, Any], *, source: object, default_id: str | None) -> Article:
    rec = {str(k): v for k, v in record.items() if not _missing(v)}
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleFormatError(source, "article has no text (a 'text' field is required)")
    outlet = str(rec.get("outlet") or default_id or "").strip()
    if not outlet:
        raise ArticleFormatError(source, "article names no outlet (add an 'outlet' field)")
    art_id = str(rec.get("id") or default_id or _slug(outlet))
    meta = {k: v for k, v in rec.items() if k not in _KNOWN_FIELDS}
    return Article(
        id=art_id,
        outlet=outlet,
        text=text,
        title=_opt_str(rec.get("title")),
        date=_opt_str(rec.get("date")),
        url=_opt_str(rec.get("url")),
        meta=meta,
    )


def articles_from_records(
    records: Sequence[Any], *, source: object, default_id: str | None
) -> list[Article]:
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
    if isinstance(v, float) and v != v:
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


# ---------------------------------------------------------------------------
# Fetching URLs

#: Limits for :func:`fetch_article`.
FETCH_TIMEOUT = 15.0
FETCH_MAX_BYTES = 5_000_000


def fetch_article(
    url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = FETCH_MAX_BYTES, id: str | None = None
) -> Article:
    """Download one article page and extract it with trafilatura.

    Only ``http``/``https`` URLs are fetched, with a timeout and a size limit;
    the page is never executed, only parsed.

    Raises
    ------
    FetchError
        Offline, timed out, too large, or not an HTTP(S) URL.
    ArticleFormatError
        The page holds no article text.
    """
    if not re.match(r"(?i)^https?://", url):
        raise FetchError(url, "only http:// and https:// URLs can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "compare/0.1 (news comparison toolkit)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(max_bytes + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise FetchError(url, f"could not fetch ({reason}); are you offline? Save the page as .html and load the file instead") from None
    if len(raw) > max_bytes:
        raise FetchError(url, f"page is larger than {max_bytes:,} bytes")
    return article_from_html(raw, source=url, default_id=id or _slug(re.sub(r"(?i)^https?://", "", url))[:60], url=url)
