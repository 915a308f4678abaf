"""Escaping untrusted text for the places it lands outside HTML.

Article text, titles, outlet names and file names come from users and from the
web. HTML is escaped by the templates (Jinja autoescape); this module covers
the two other places such text lands:

- :func:`terminal` — one line on a terminal: control characters (ESC
  sequences, carriage returns, newlines, bidi overrides) are shown as visible
  escapes, so an outlet named ``"\\x1b[2J"`` cannot clear a teacher's screen and
  a file name with a newline cannot split a one-line error message;
- :func:`csv_cell` — a cell of a CSV file a spreadsheet may open: a value
  starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return would be run
  as a formula, so it gets a leading apostrophe (the OWASP CSV-injection rule).

Examples
--------
>>> terminal("Wire\\x1b[31m\\nred")
'Wire\\\\x1b[31m\\\\nred'
>>> csv_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> csv_cell("-5"), csv_cell(-5)
("'-5", -5)
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pandas as pd

__all__ = ["terminal", "csv_cell", "csv_safe"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def terminal(text: object) -> str:
    """``text`` as one printable line: control and format characters shown as escapes."""
    s = str(text)
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Zl", "Zp"):
            out.append(_visible(ch))
        else:
            out.append(ch)
    return "".join(out)


def csv_cell(value: Any) -> Any:
    """A cell value that a spreadsheet shows as text, never runs as a formula.

    Strings starting with ``= + - @``, tab or carriage return get a leading
    ``'``; numbers and other values pass through unchanged.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`csv_cell` (headers too)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(csv_cell)
    out.columns = [csv_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out
