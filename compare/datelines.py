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

:func:`parse_dateline` is the one dateline parser: both of those and
:func:`dateline` (the dateline opening one of an article's first paragraphs,
whose place names and agency the missing-fact checks use) call it. It is a
small rule on the characters, independent of the parser's sentence splits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["UNIT_KINDS", "Dateline", "dateline", "leading_unit", "parse_dateline", "unit_kind"]

#: Every kind :func:`unit_kind` returns; ``"body"`` is an ordinary sentence.
UNIT_KINDS = ("body", "dateline", "byline", "caption", "update")

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_SP = "[ \u00a0]"
_CAPS_WORD = r"[A-Z][A-Z.'’-]{1,40}"
_NAME_WORD = r"[A-Z][\w.'’-]{0,40}"
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von|bin|al)){0,8}\s*(?:[,|].{0,60})?$")
_CAPTION = re.compile(r"^\(?(?:Photo|Photograph|Image|Picture|Caption|File photo|Video|Pictured)\b\s*(?:[:|(—–-]|by\b)", re.I)
_UPDATE = re.compile(rf"^(?:UPDATED?\b|Update[sd]?:|Updated\s+(?:\d|on\b|at\s+\d|{_MONTH})|Last updated\b|Editor'?s note\b)")
_LINE_BREAK = re.compile(r"\s*\n")
#: "[CITY[, Region][, Month Day[, Year]]] [(Agency)] dash"; which combinations count is decided in :func:`parse_dateline`.
#: Every repetition is bounded, so a match costs the same on a 40,000-character word as on a short one.
_DATELINE = re.compile(
    rf"""(?:
        (?P<place>{_CAPS_WORD}(?:{_SP}{_CAPS_WORD}){{0,3}})                                  # CITY in capitals
        (?P<region>(?:,{_SP}{_NAME_WORD}(?:{_SP}{_NAME_WORD}){{0,3}}){{0,2}}?)             # , Region / Country
        (?:,?{_SP}(?P<date>{_MONTH}{_SP}\d{{1,2}}(?:,{_SP}\d{{4}})?|\d{{1,2}}{_SP}{_MONTH}(?:{_SP}\d{{4}})?))?
      )?
      (?:{_SP}?\((?P<agency>[A-Z][\w .&/'’-]{{1,39}}|dpa)\))?                              # (Agency)
      {_SP}{{0,2}}(?P<dash>-{{2,3}}|–-|—|―|–|-|:)""",
    re.VERBOSE,
)
_LONG_DASHES = frozenset({"--", "---", "–-", "—", "―"})
_PARAGRAPH = re.compile(r"(\n\s*\n)")


@dataclass(frozen=True)
class Dateline:
    """A dateline: ``place``, ``region``, ``date`` and ``agency`` as written ("" when absent); ``start``/``end`` offsets.

    ``end`` is just after its dash (or colon): what follows is the story.
    """

    place: str
    region: str
    date: str
    agency: str
    start: int
    end: int

    @property
    def names(self) -> list[str]:
        """The place names the dateline states (the place and its region)."""
        parts = [self.place.title()] + [p.strip() for p in self.region.split(",") if p.strip()]
        return [p for p in parts if p]


def parse_dateline(text: str) -> Dateline | None:
    """The dateline that opens ``text`` (the one parser behind :func:`leading_unit`, :func:`unit_kind`, :func:`dateline`).

    A place in capitals, an optional region and date, an optional agency in
    brackets, then a dash; or an agency alone ("(CNN) --"). A plain hyphen or
    en dash needs an agency, region or date besides the place and a space
    after it ("U.S. - China talks" is a sentence); so does a colon, which never
    follows an update note. A long dash may touch the story ("WASHINGTON—Joining")
    only after a place of five letters or more or with an agency, region or date
    ("U.S.—China" and "NATO—Russia" are not datelines).

    >>> d = parse_dateline("VLADIVOSTOK, Russia, April 25 (Xinhua) -- Kim Jong Un arrived.")
    >>> d.place, d.region, d.date, d.agency, d.end, d.names
    ('VLADIVOSTOK', 'Russia', 'April 25', 'Xinhua', 41, ['Vladivostok', 'Russia'])
    >>> parse_dateline("U.S. - China talks resumed.") is None
    True
    """
    m = _DATELINE.match(text)
    if not m:
        return None
    place = " ".join((m.group("place") or "").split())
    region = " ".join((m.group("region") or "").split()).strip(", ")
    date = " ".join((m.group("date") or "").split())
    agency = " ".join((m.group("agency") or "").split())
    dash = m.group("dash")
    spaced = m.end() == len(text) or text[m.end()].isspace()
    more = bool(agency or region or date)
    if not (place or agency):
        return None
    if dash in _LONG_DASHES:
        ok = spaced or more or sum(ch.isalpha() for ch in place) >= 5
    elif dash == ":":
        ok = bool(place) and more and not _UPDATE.match(text) and not _CAPTION.match(text)
    else:
        ok = spaced and more
    return Dateline(place, region, date, agency, 0, m.end()) if ok else None


def dateline(text: str, *, paragraphs: int = 3) -> Dateline | None:
    """The dateline that opens one of the first ``paragraphs`` paragraphs of ``text``, if any.

    >>> d = dateline("Kim meets Putin\\n\\nVLADIVOSTOK, Russia, April 25 (Xinhua) -- Kim arrived.")
    >>> d.place, d.region, d.date, d.agency, d.start
    ('VLADIVOSTOK', 'Russia', 'April 25', 'Xinhua', 17)
    """
    offset = 0
    for para in _PARAGRAPH.split(text, maxsplit=paragraphs)[: 2 * paragraphs]:
        body = para.lstrip()
        d = parse_dateline(body)
        if d:
            shift = offset + len(para) - len(body)
            return replace(d, start=d.start + shift, end=d.end + shift)
        offset += len(para)
    return None


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
    d = parse_dateline(text)
    if d and text[d.end :].strip():
        return d.end
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
    d = parse_dateline(stripped)
    if d and not stripped[d.end :].strip():
        return "dateline"
    if len(stripped) <= 120 and _BYLINE.match(stripped):
        return "byline"
    if _CAPTION.match(stripped):
        return "caption"
    if len(stripped) <= 80 and _UPDATE.match(stripped):
        return "update"
    return "body"
