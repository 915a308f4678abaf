"""Checks shared by articles, files and records: one place for what a valid field is.

Every user-supplied value that becomes part of an :class:`~compare.records.Article`
passes through these helpers (text that cannot be written as UTF-8, booleans
such as ``constructed``, blank values, ids made from outlet names).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .snippets import shorten

__all__ = ["missing", "nested_unicode_problem", "opt_str", "shown", "slug", "strict_bool", "unicode_problem"]

_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})


def shown(value: Any, width: int = 40) -> str:
    """A short repr of a user's value for an error message."""
    return shorten(repr(value), width)


def unicode_problem(text: str) -> str | None:
    """Why ``text`` cannot be written as UTF-8 (a lone surrogate), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return (
            f"holds a lone surrogate (\\u{ord(text[e.start]):04x}) at character {e.start}, "
            "which is not valid Unicode text and cannot be written out"
        )
    return None


def nested_unicode_problem(value: Any) -> str | None:
    """:func:`unicode_problem` for every str key and value nested in ``value`` (no recursion)."""
    stack = [("meta", value)]
    while stack:
        where, v = stack.pop()
        if isinstance(v, str):
            problem = unicode_problem(v)
            if problem:
                return f"{where} {problem}"
        elif isinstance(v, Mapping):
            for k, item in v.items():
                stack.append((where, k))
                stack.append((f"{where}[{shown(k, 30)}]", item))
        elif isinstance(v, (list, tuple, set, frozenset)):
            stack.extend((where, item) for item in v)
    return None


def strict_bool(value: Any, error: Callable[[str], Exception]) -> bool:
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
    raise error(f"must be true or false (also yes/no, 1/0), not {shown(value)}")


def missing(v: Any) -> bool:
    """True for None, NaN and blank text: a field that was not given."""
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def opt_str(v: Any) -> str | None:
    """``v`` as stripped text (dates as ISO strings), or None when it is missing."""
    if missing(v):
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v).strip()


def slug(s: str) -> str:
    """An id made from a name: lower case, runs of other characters as ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "article"
