"""Datelines, bylines, captions and update notes: the furniture around a news text.

Wire copy opens with a dateline ("VLADIVOSTOK, Russia, April 25 (Xinhua) --"),
web copy carries bylines ("By Jane Doe"), photo captions ("Photo: ...") and
update stamps ("UPDATED 10:32 a.m."). They are not sentences of the story:
alignment must not pair a dateline with another outlet's lead, and the
sentence splitter must not glue a dateline onto the lead sentence.

:func:`leading_unit` gives the length of such a unit at the start of a text
(the splitter cuts it off as its own unit); :func:`unit_kind` names the kind of
a whole unit. The place and date a dateline names still count as stated by
its outlet: the unit keeps its tokens and entities like any sentence.
"""

from __future__ import annotations

import re

__all__ = ["UNIT_KINDS", "leading_unit", "unit_kind"]

#: Every kind :func:`unit_kind` returns; ``"body"`` is an ordinary sentence.
UNIT_KINDS = ("body", "dateline", "byline", "caption", "update")

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_CAPS_WORD = r"[A-Z][A-Z.'’-]+"
_NAME_WORD = r"[A-Z][\w.'’-]*"
#: "CITY[, Region][, Month Day[, Year]] [(Agency)] --", or "(Agency) --" alone.
_DATELINE = re.compile(
    rf"""^(?:
        {_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}}                      # CITY in capitals
        (?:
          (?:,[ ]{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,3}}){{0,2}}?     # , Region / Country
          (?:,?[ ]{_MONTH}[ ]\d{{1,2}}(?:,[ ]\d{{4}})?)?              # , Month Day
          (?:[ ]?\([A-Z][\w .&/-]{{1,30}}\))                          # (Agency)
          [ ]?(?:--|—|–|-|―)
        | (?:,[ ]{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,3}}){{0,2}}?     # or no agency: a long dash
          (?:,?[ ]{_MONTH}[ ]\d{{1,2}}(?:,[ ]\d{{4}})?)?
          [ ]?(?:--|—|―)
        )
      | \([A-Z][\w .&/-]{{1,30}}\)[ ]?(?:--|—|–|-)                   # (CNN) --
    )(?=\s)""",
    re.VERBOSE,
)
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von|bin|al)){0,8}\s*(?:[,|].{0,60})?$")
_CAPTION = re.compile(r"^\(?(?:Photo|Photograph|Image|Picture|Caption|File photo|Video|Pictured)\b\s*(?:[:|(—–-]|by\b)", re.I)
_UPDATE = re.compile(rf"^(?:UPDATED?\b|Update[sd]?:|Updated\s+(?:\d|on\b|at\s+\d|{_MONTH})|Last updated\b|Editor'?s note\b)")
_LINE_BREAK = re.compile(r"\s*\n")


def leading_unit(text: str) -> int:
    """Length of a dateline, byline, caption or update line opening ``text`` (0 when none).

    A dateline is cut after its dash; a byline, caption or update note only
    when a line break ends it, and nothing is cut when the unit is the whole
    text (it is then already its own unit).

    >>> t = "VLADIVOSTOK, Russia, April 25 (Xinhua) -- Kim Jong Un arrived on Thursday."
    >>> t[: leading_unit(t)]
    'VLADIVOSTOK, Russia, April 25 (Xinhua) --'
    >>> leading_unit("By Jane Doe\\nKim Jong Un arrived.")
    11
    >>> leading_unit("Kim Jong Un arrived in Vladivostok.")
    0
    """
    m = _DATELINE.match(text)
    if m and text[m.end() :].strip():
        return m.end()
    brk = _LINE_BREAK.search(text)
    if brk and text[brk.end() :].strip():
        first = text[: brk.start()].strip()
        if first and unit_kind(first) != "body":
            return brk.start()
    return 0


def unit_kind(text: str) -> str:
    """The kind of one unit of text: ``"dateline"``, ``"byline"``, ``"caption"``, ``"update"`` or ``"body"``.

    >>> unit_kind("VLADIVOSTOK, Russia, April 25 (Xinhua) --")
    'dateline'
    >>> unit_kind("By Jane Doe")
    'byline'
    >>> unit_kind("Photo: Kim Jong Un at the station.")
    'caption'
    >>> unit_kind("UPDATED")
    'update'
    >>> unit_kind("Kim Jong Un arrived by train.")
    'body'
    """
    stripped = " ".join(text.split())
    if not stripped:
        return "body"
    m = _DATELINE.match(stripped + " ")
    if m and not stripped[m.end() :].strip():
        return "dateline"
    if len(stripped) <= 120 and _BYLINE.match(stripped):
        return "byline"
    if _CAPTION.match(stripped):
        return "caption"
    if len(stripped) <= 80 and _UPDATE.match(stripped):
        return "update"
    return "body"
