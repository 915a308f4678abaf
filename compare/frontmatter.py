"""Front matter and YAML: one safe loader for users' YAML, and ``.md``/``.txt`` articles.

All YAML (front matter and ``answer_key.yaml``) goes through :func:`load_yaml`:
a ``SafeLoader`` that refuses aliases and anchors (no "billion laughs") and
builds no timestamps (``date: 2019-02-30`` stays text). :func:`article_from_text`
splits a ``.md``/``.txt`` file into front matter, body and an optional final
``Source: X`` line (rules in :func:`compare.readers.load_story`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any, cast

import yaml

from .errors import ArticleFormatError
from .fields import missing
from .files import warn_about
from .records import Article, article_from_record

__all__ = ["FRONT_MATTER_FIELDS", "MAX_YAML_CHARS", "article_from_text", "load_yaml"]

#: Largest YAML text parsed (front matter, answer key), in characters.
MAX_YAML_CHARS = 1_000_000
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_SOURCE_LINE = re.compile(r"(?:\A|\n)[ \t]*Source:[ \t]*(\S[^\n]*?)[ \t]*\s*\Z")
#: A final ``Source: X`` line is an outlet name only when X is this short.
_MAX_SOURCE_NAME_CHARS = 60
_MAX_SOURCE_NAME_WORDS = 6
#: Keys that make a ``---`` block at the top of a ``.txt`` file its front matter.
FRONT_MATTER_FIELDS = ("id", "outlet", "title", "date", "url", "language", "constructed", "kind")
#: Front-matter fields whose unquoted YAML values are kept exactly as written
#: (``date: 2019-04-25``, ``id: 007``, ``outlet: ON``, ``title: 1.10`` stay text).
AS_WRITTEN_FIELDS = ("id", "outlet", "title", "date", "url", "language", "text", "kind")

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


def load_yaml(text: str, source: object, what: str, *, first_line: int = 1, as_written: Iterable[str] = ()) -> Any:
    """Parse the YAML ``text`` with :class:`_YamlLoader`; every failure is an ArticleFormatError.

    ``what`` names the YAML in messages ("front matter", "answer key") and
    ``first_line`` is the file line the YAML starts on. Top-level keys in
    ``as_written`` keep their unquoted scalar values as the text written.
    """
    if len(text) > MAX_YAML_CHARS:
        raise ArticleFormatError(source, f"{what} is longer than the limit of {MAX_YAML_CHARS:,} characters")
    keep = frozenset(as_written)
    try:
        loader = _YamlLoader(text)
    except yaml.reader.ReaderError as e:  # a control character YAML does not allow (NUL, ESC, ...)
        raise ArticleFormatError(source, f"{what} holds a character YAML does not allow (U+{e.character:04X})") from None
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
                    loaded = load_yaml(block, source, "front matter", first_line=2, as_written=AS_WRITTEN_FIELDS)
                except ArticleFormatError:
                    loaded = None
            if isinstance(loaded, dict) and any(str(k) in FRONT_MATTER_FIELDS for k in loaded):
                meta = {str(k): v for k, v in loaded.items()}
                body = text[m.end() :]
            else:
                warn_about(
                    source,
                    "starts with a '---' block that is not front matter (not a YAML mapping with any of "
                    f"{', '.join(FRONT_MATTER_FIELDS)}); it is kept as article text",
                )
        else:
            loaded = load_yaml(block, source, "front matter", first_line=2, as_written=AS_WRITTEN_FIELDS)
            loaded = {} if loaded is None else loaded
            if not isinstance(loaded, dict):
                raise ArticleFormatError(source, "front matter must be a mapping of key: value")
            meta = {str(k): v for k, v in loaded.items()}
            body = text[m.end() :]
    src = _SOURCE_LINE.search(body)
    if src and _looks_like_outlet(src.group(1)) and "source_line" not in meta:
        named = src.group(1)
        outlet = meta.get("outlet")
        if missing(outlet):
            meta["outlet"] = named
        if _same_name(str(meta["outlet"]), named):
            meta["source_line"] = src.group(0).strip()
            body = body[: src.start()]
    body = body.strip()
    if not missing(meta.get("text")):
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
