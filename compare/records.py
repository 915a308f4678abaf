"""Articles and stories: the :class:`Article` and :class:`Story` records and their constructors.

An :class:`Article` keeps its body exactly as read, because every offset that a
later stage reports (sentences, findings, quotes) points into ``Article.text``.
A :class:`Story` is an ordered collection of articles about one event. Files are
read in :mod:`compare.readers`; every record from a file, a frame or a mapping
becomes an article through :func:`article_from_record`, where fields are checked.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import pandas as pd

from .errors import ArticleFormatError, StoryError, UnknownNameError, UsageError, UsageTypeError
from .fields import missing, nested_unicode_problem, opt_str, shown, slug, strict_bool, unicode_problem

__all__ = ["Article", "Story", "article_from_record", "articles_from_records", "unique_ids"]

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
            problem = unicode_problem(value)
            if problem:
                raise UsageError(argument, f"field '{name}' {problem}")
        if not isinstance(self.meta, Mapping):
            raise UsageTypeError("Article(meta=...)", f"field 'meta' must be a mapping, not {type(self.meta).__name__}")
        meta = dict(self.meta)
        if "constructed" in meta:
            meta["constructed"] = strict_bool(
                meta["constructed"], lambda reason: UsageError("Article(meta=...)", f"field 'constructed' {reason}")
            )
        problem = nested_unicode_problem(meta)
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
                f"story[{shown(key)}]", f"no article with this id; the ids are {', '.join(self.ids) or '(none)'}"
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
                raise UsageTypeError(argument, f"each key must be an outlet name (a non-blank str), not {shown(outlet)}")
            where = f"Story.from_texts(texts[{outlet!r}])"
            if not isinstance(text, str):
                raise UsageTypeError(where, f"must be the article's text (a str), not {type(text).__name__}")
            if not text.strip():
                raise UsageError(where, "is blank; every article needs text")
            problem = unicode_problem(outlet) or unicode_problem(text)
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


def article_from_record(record: Mapping[str, Any], *, source: object, default_id: str | None) -> Article:
    """One article from a mapping with ``text`` and ``outlet`` (and optional ``id, title, date, url``).

    This is where every file's fields are checked; a problem is an
    :class:`ArticleFormatError` naming ``source`` and the field.
    """
    if not isinstance(record, Mapping):
        raise ArticleFormatError(source, "each article must be an object with outlet, title, date, url, text")
    rec = {str(k): v for k, v in record.items() if not missing(v)}
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
        rec["constructed"] = strict_bool(
            rec["constructed"], lambda reason: ArticleFormatError(source, f"field 'constructed' {reason}")
        )
    outlet = str(rec.get("outlet") or default_id or "").strip()
    if not outlet:
        raise ArticleFormatError(source, "article names no outlet (add an 'outlet' field)")
    art_id = str(rec.get("id") or default_id or slug(outlet))
    meta = {k: v for k, v in rec.items() if k not in _KNOWN_FIELDS}
    try:
        return Article(
            id=art_id,
            outlet=outlet,
            text=text,
            title=opt_str(rec.get("title")),
            date=opt_str(rec.get("date")),
            url=opt_str(rec.get("url")),
            meta=meta,
        )
    except (UsageError, UsageTypeError) as e:
        raise ArticleFormatError(source, e.reason) from None


def articles_from_records(records: Sequence[Any], *, source: object, default_id: str | None) -> list[Article]:
    """Articles from a list of records (a JSON/JSONL/CSV file, a frame); ids made unique."""
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
            art = _replace_id(art, f"{default_id}-{slug(art.outlet)}")
        out.append(art)
    return unique_ids(out)


def _replace_id(article: Article, new_id: str) -> Article:
    return replace(article, id=new_id)


def unique_ids(articles: list[Article]) -> list[Article]:
    """``articles`` with repeated ids made unique (``id-2``, ``id-3``, ...)."""
    seen: dict[str, int] = {}
    out = []
    for a in articles:
        if a.id in seen:
            seen[a.id] += 1
            a = _replace_id(a, f"{a.id}-{seen[a.id]}")
        seen.setdefault(a.id, 1)
        out.append(a)
    return out
