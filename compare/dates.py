"""Days named relative to an article's date: weekdays, "yesterday", "last week", "earlier this month".

News dates most events by the day of the week ("the House voted Tuesday") or
relative to the day of writing ("earlier this week", "last month"). Two
outlets can only be compared on such days once each is resolved against its
own article's date: "Tuesday" in a Wednesday article and "yesterday" in the
same day's paper are one day.

:func:`find_day_mentions` finds the expressions in a text; :func:`readings`
turns one into the spans of days it can mean given the article's date (the
most plausible first: a weekday in the past tense is the last such day, one
in the future tense the next; "last week" may be the calendar week, Monday
or Sunday first, or the seven days before). :func:`overlap` compares two
such lists: the days agree when the most plausible readings meet, surely
differ when no readings meet at all, and are uncertain otherwise.
:func:`calendar_span` gives the span of an ISO date or a year the same way.
Plain code over a closed vocabulary, like :mod:`compare.numbers`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "WEEKDAYS",
    "DayMention",
    "Span",
    "calendar_span",
    "find_day_mentions",
    "overlap",
    "parse_anchor",
    "readings",
    "span_text",
]

#: Weekday names, Monday first (``date.weekday()`` order).
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: A span of days, both ends included.
Span = tuple[date, date]

_WEEKDAY_RE = re.compile(
    r"\b(?:(?P<q>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate)\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:'s|’s)?\b"
)
_RELATIVE_RE = re.compile(
    r"\b(?P<rel>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)"
    r"|(?:(?:earlier|later)\s+)?this\s+(?:week|month|year)|(?:last|next)\s+(?:week|weekend|month|year)|this\s+weekend)\b",
    re.IGNORECASE,
)
#: Words before a weekday that make it part of a name ("Super Tuesday", "Fox News Sunday", "Easter Sunday").
_NAME_BEFORE = re.compile(
    r"\b(?:Super|Black|Good|Cyber|Ash|Easter|Palm|Holy|Bloody|Maundy|Shrove|Fat|Giving|Small Business|News|Patriots'?)\s+$"
)
#: A weekday followed by a calendar date ("Tuesday, April 25") or a capitalised name ("Sunday Times") is not a bare weekday.
_NOT_AFTER = re.compile(r"^(?:,?\s+(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)|\s+[A-Z])")


@dataclass(frozen=True)
class DayMention:
    """A weekday or a relative date in a text.

    Attributes
    ----------
    text : str
        The expression as written ("Tuesday", "earlier this week").
    start, end : int
        Character offsets into the text searched.
    weekday : int or None
        0 (Monday) to 6 for a weekday, else None.
    key : str
        Normalised expression: ``"last Tuesday"``, ``"Tuesday"``, ``"earlier this week"``, ``"yesterday"``.
    """

    text: str
    start: int
    end: int
    weekday: int | None
    key: str


def find_day_mentions(text: str) -> list[DayMention]:
    """Weekdays and relative dates in ``text``, in text order (weekdays inside names or calendar dates left out)."""
    found: list[DayMention] = []
    for m in _WEEKDAY_RE.finditer(text):
        if not m["q"] and _NAME_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        if _NOT_AFTER.match(text[m.end() : m.end() + 12]):
            continue
        w = WEEKDAYS.index(m["w"])
        q = (m["q"] or "").lower()
        key = f"{q} {m['w']}" if q in ("last", "next", "this") else m["w"]
        found.append(DayMention(m.group(), m.start(), m.end(), w, key))
    for m in _RELATIVE_RE.finditer(text):
        key = " ".join(m["rel"].lower().split())
        found.append(DayMention(m.group(), m.start(), m.end(), None, key))
    return sorted(found, key=lambda d: d.start)


def parse_anchor(value: str | None) -> date | None:
    """The day of an article's date as given (``"2016-03-25"``, ``"2016-03-25T10:00:00Z"``); None when unreadable."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _week(d: date, first: int) -> Span:
    """The calendar week of ``d`` starting on weekday ``first`` (0 Monday, 6 Sunday)."""
    start = d - timedelta(days=(d.weekday() - first) % 7)
    return start, start + timedelta(days=6)


def _month(year: int, month: int) -> Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(d: date, months: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def _valid(spans: list[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for s in spans:
        if s[0] <= s[1] and s not in out:
            out.append(s)
    return tuple(out)


def readings(mention: DayMention, anchor: date, tense: str | None = None) -> tuple[Span, ...]:
    """The spans of days ``mention`` can mean in an article dated ``anchor``, the most plausible first.

    ``tense`` (``"past"``, ``"future"`` or None when unknown) picks the last or
    the next such weekday; an unknown tense keeps both readings (past first).
    """
    day = timedelta(days=1)
    if mention.weekday is not None:
        back = (anchor.weekday() - mention.weekday) % 7
        past, future = anchor - timedelta(days=back or 7), anchor + timedelta(days=(7 - back) % 7 or 7)
        q = mention.key.split()[0] if " " in mention.key else ""
        if q == "last":
            return _valid([(past, past)])
        if q == "next":
            return _valid([(future, future), (future + 7 * day, future + 7 * day)])
        if back == 0 and q != "this":
            return _valid(
                [(anchor, anchor)] + ([(future, future)] if tense == "future" else [(past, past)] if tense == "past" else [])
            )
        if tense == "future":
            return _valid([(future, future)])
        if tense == "past":
            return _valid([(past, past)])
        return _valid([(past, past), (future, future)])
    key = mention.key
    if key in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return ((anchor, anchor),)
    if key in ("yesterday", "last night"):
        return ((anchor - day, anchor - day),)
    if key == "tomorrow":
        return ((anchor + day, anchor + day),)
    if key.endswith("weekend"):
        sat = anchor - timedelta(days=(anchor.weekday() - 5) % 7)  # the last Saturday, or today
        coming = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
        if key == "last weekend":
            prev = sat - 7 * day if anchor.weekday() in (5, 6) else sat
            return _valid([(prev, prev + day), (sat, sat + day)])
        return _valid([(sat, sat + day) if anchor.weekday() in (5, 6) else (coming, coming + day)])
    if key.endswith("week"):
        weeks = [_week(anchor, 0), _week(anchor, 6)]
        if key == "this week":
            return _valid(weeks)
        if key == "earlier this week":
            return _valid([(w[0], anchor - day) for w in weeks]) or ((anchor - 7 * day, anchor - day),)
        if key == "later this week":
            return _valid([(anchor + day, w[1]) for w in weeks]) or ((anchor + day, anchor + 7 * day),)
        sign = -1 if key == "last week" else 1
        shifted = [(w[0] + sign * 7 * day, w[1] + sign * 7 * day) for w in weeks]
        loose = (anchor - 7 * day, anchor - day) if sign < 0 else (anchor + day, anchor + 7 * day)
        return _valid([*shifted, loose])
    if key.endswith("month"):
        this = _month(anchor.year, anchor.month)
        if key == "this month":
            return (this,)
        if key == "earlier this month":
            return _valid([(this[0], anchor - day)]) or ((anchor - 7 * day, anchor - day),)
        if key == "later this month":
            return _valid([(anchor + day, this[1])]) or ((anchor + day, anchor + 7 * day),)
        return (_month(*_shift_month(anchor, -1 if key == "last month" else 1)),)
    if key.endswith("year"):
        this = (date(anchor.year, 1, 1), date(anchor.year, 12, 31))
        if key == "this year":
            return (this,)
        if key == "earlier this year":
            return _valid([(this[0], anchor - day)]) or ((anchor - 31 * day, anchor - day),)
        if key == "later this year":
            return _valid([(anchor + day, this[1])]) or ((anchor + day, anchor + 31 * day),)
        y = anchor.year + (-1 if key == "last year" else 1)
        return ((date(y, 1, 1), date(y, 12, 31)),)
    return ()


def calendar_span(value: str | float, anchor: date | None = None, high: float | None = None) -> Span | None:
    """The span of days of an ISO date (``"2019-04-25"``, ``"2019-04"``, ``"--04-25"`` in ``anchor``'s year) or a year.

    ``high`` is the last year of a span of years ("1966 to 1978"). None when
    the date cannot be placed (no year and no anchor, or no such day).
    """
    try:
        if not isinstance(value, str):
            last = int(high) if high is not None else int(value)
            return date(int(value), 1, 1), date(last, 12, 31)
        parts = value.split("-")
        if value.startswith("--"):
            if anchor is None:
                return None
            d = date(anchor.year, int(parts[2]), int(parts[3]))
            return d, d
        if len(parts) == 2:
            return _month(int(parts[0]), int(parts[1]))
        d = date(int(parts[0]), int(parts[1]), int(parts[2]))
        return d, d
    except (ValueError, IndexError):
        return None


def _meet(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def overlap(a: tuple[Span, ...], b: tuple[Span, ...]) -> str:
    """``"agree"`` when the most plausible readings meet, ``"differ"`` when no readings meet, else ``"uncertain"``."""
    if not a or not b:
        return "uncertain"
    if _meet(a[0], b[0]):
        return "agree"
    if any(_meet(x, y) for x in a for y in b):
        return "uncertain"
    return "differ"


def span_text(span: Span) -> str:
    """``"1 November 2011"``, ``"1–7 November 2011"``, ``"November 2011"``, ``"2010"`` or ``"30 October – 5 November 2011"``."""
    a, b = span
    if a == b:
        return f"{a.day} {a:%B} {a.year}"
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31):
        return str(a.year) if a.year == b.year else f"{a.year}–{b.year}"
    if a.day == 1 and (a.year, a.month) == (b.year, b.month) and b.day == calendar.monthrange(b.year, b.month)[1]:
        return f"{a:%B} {a.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {a:%B} {a.year}"
    return f"{a.day} {a:%B} – {b.day} {b:%B} {b.year}"
