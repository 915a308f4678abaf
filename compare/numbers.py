"""Numbers: find and normalise the quantities, money, percentages and dates of news text.

:func:`parse_quantity` turns one expression ("$500m", "more than 2,000 tonnes of
wheat", "1950-53", "half a million", "Thursday 25/04") into a :class:`Quantity`
with a numeric value, a canonical unit and the counted thing.
:func:`find_quantities` scans a spaCy ``Doc`` or ``Span`` for such expressions
and attaches the counted thing from the dependency parse ("10,000 North Korean
labourers" -> ``labourer``).

The parser is plain code over a closed vocabulary rather than a general units
library: news numbers come in a small set of shapes (scaled money such as
"$34m", rounding words, year ranges), and general parsers read "$500m" as
500 metres.

Canonical units: currency codes (``USD``, ``GBP``, ``EUR``, ...), ``t`` (tonnes),
``kg``, ``km``, ``mi``, ``m`` (metres, written out only), ``l``, ``%``,
``pp`` (percentage points), ``year`` (a calendar year), ``date`` (an ISO date,
possibly without year: ``--04-25``), the duration units ``years``, ``months``,
``weeks``, ``days``, ``hours``, ``minutes``; ``None`` for plain counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quantity", "QuantityMention", "parse_quantity", "find_quantities", "same_amount", "token_value", "tokens_within"]

_UNITS_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "zero": 0,
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion")
_LONE_SCALES = {"dozen": 12.0, **{w: _SCALES[w] for w in _SCALE_WORDS}}
_VAGUE = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_VAGUE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_CURRENCY_SYMBOLS = {
    "us$": "USD",
    "a$": "AUD",
    "c$": "CAD",
    "hk$": "HKD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₩": "KRW",
    "₽": "RUB",
    "₹": "INR",
}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "yen": "JPY",
    "won": "KRW",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
}
_MEASURES = {
    "tonnes": "t",
    "tonne": "t",
    "tons": "t",
    "ton": "t",
    "t": "t",
    "kg": "kg",
    "kilograms": "kg",
    "kilogram": "kg",
    "kilogrammes": "kg",
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "miles": "mi",
    "mile": "mi",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "litres": "l",
    "liters": "l",
    "litre": "l",
    "liter": "l",
    "%": "%",
    "percent": "%",
    "pc": "%",
    "years": "years",
    "year": "years",
    "months": "months",
    "month": "months",
    "weeks": "weeks",
    "week": "weeks",
    "days": "days",
    "day": "days",
    "hours": "hours",
    "hour": "hours",
    "minutes": "minutes",
    "minute": "minutes",
}
_MULTI_UNITS = (("per", "cent"), ("percentage", "points"), ("percentage", "point"), ("metric", "tons"), ("metric", "tonnes"))
_MULTI_UNIT_CODES = {
    ("per", "cent"): "%",
    ("percentage", "points"): "pp",
    ("percentage", "point"): "pp",
    ("metric", "tons"): "t",
    ("metric", "tonnes"): "t",
}
#: Qualifiers, normalised: what the writer says about the precision of the number.
_QUALIFIERS = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "an estimated": "about",
    "estimated": "about",
    "more than": "more than",
    "over": "more than",
    "upwards of": "more than",
    "in excess of": "more than",
    "just over": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "just under": "less than",
    "up to": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "at most": "up to",
    "as high as": "up to",
    "between": "between",
}
_APPROX = {"about", "nearly"}
_MONTHS = {
    m: i for i, m in enumerate("january february march april may june july august september october november december".split(), 1)
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_DATE_PATTERNS = (
    # 25/04, 25/04/2019, 4/25/19
    re.compile(rf"(?:{_WEEKDAYS},?\s+)?(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<y>\d{{2}}|\d{{4}}))?\b", re.I),
    # 25 April 2019, 25th of April
    re.compile(
        rf"(?:{_WEEKDAYS},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})(?:,?\s+(?P<y>\d{{4}}))?\b",
        re.I,
    ),
    # April 25, 2019
    re.compile(rf"(?:{_WEEKDAYS},?\s+)?(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?", re.I),
    # April 2019
    re.compile(rf"(?P<mon>{_MONTH_RE})\s+(?P<y>\d{{4}})\b", re.I),
    # 2019-04-25
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
)
_YEAR_RANGE = re.compile(r"\b(?P<lo>1[5-9]\d\d|20\d\d)\s*(?:-|–|—|to|until|till|through)\s*(?P<hi>\d{4}|\d{2})\b(?![,.]?\d)")

_TOKEN = re.compile(r"us\$|a\$|c\$|hk\$|[$£€¥₩₽₹]|\d[\d,]*(?:\.\d+)?|\.\d+|%|[a-z]+(?:-[a-z]+)*|[-–—]", re.I)


@dataclass(frozen=True)
class Quantity:
    """A normalised number as stated in a text.

    Attributes
    ----------
    value : float or str
        The number stated (the first one for a range), scaled: "$500m" -> ``5e8``.
        An ISO date string for unit ``"date"`` (``"2019-04-25"``, or ``"--04-25"``
        without year; ``"2019-04"`` for a month).
    unit : str or None
        Canonical unit (see module docstring); ``None`` for a plain count.
    low, high : float or None
        Bounds the text allows: both equal to ``value`` for an exact number,
        ``low`` only for "more than", ``high`` only for "up to"/"as many as",
        both for a range ("1950-53" -> 1950, 1953).
    approx : bool
        The writer marks the number as approximate ("about", "some", "nearly",
        "hundreds of").
    qualifier : str or None
        Normalised qualifier: ``about``, ``nearly``, ``more than``, ``at least``,
        ``less than``, ``up to``, ``between`` or ``None``.
    thing : str or None
        What is counted ("wheat", "labourers"), when the text says.
    text : str
        The expression as written.
    """

    value: float | str
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    approx: bool = False
    qualifier: str | None = None
    thing: str | None = None
    text: str = ""

    @property
    def is_range(self) -> bool:
        """True for an explicit range ("1950-53", "between 10 and 20")."""
        return self.low is not None and self.high is not None and self.low != self.high

    def display(self) -> str:
        """A short normalised rendering: ``"500,000,000 USD"``, ``"1950–1953 year"``."""
        if isinstance(self.value, str):
            return _date_text(self.value)
        if self.unit == "year":
            return f"{self.low:.0f}–{self.high:.0f}" if self.is_range else f"{self.value:.0f}"
        if self.is_range:
            num = f"{_fmt(self.low)}–{_fmt(self.high)}"
        else:
            num = _fmt(self.value)
        q = f"{self.qualifier} " if self.qualifier and self.qualifier != "between" else ""
        return f"{q}{num}{' ' + self.unit if self.unit else ''}"


@dataclass(frozen=True)
class QuantityMention:
    """A :class:`Quantity` found in a document, with offsets into the document text."""

    quantity: Quantity
    start: int
    end: int


_MONTH_NAMES = "January February March April May June July August September October November December".split()


def _date_text(iso: str) -> str:
    """``"--04-25"`` -> ``"25 April"``, ``"2019-04"`` -> ``"April 2019"``."""
    parts = iso.split("-")
    year, rest = (parts[0], parts[1:]) if parts[0] else ("", parts[2:])
    month = _MONTH_NAMES[int(rest[0]) - 1]
    text = f"{int(rest[1])} {month}" if len(rest) > 1 else month
    return f"{text} {year}".strip()


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.6g}"


# ---------------------------------------------------------------------------
# Parsing one expression


def _parse_date(text: str) -> Quantity | None:
    s = text.strip()
    m = _YEAR_RANGE.fullmatch(s)
    if m:
        lo, hi = int(m["lo"]), m["hi"]
        high = int(hi) if len(hi) == 4 else lo // 100 * 100 + int(hi)
        if high < lo:
            high += 100
        return Quantity(float(lo), "year", float(lo), float(high), text=text)
    for pat in _DATE_PATTERNS:
        m = pat.fullmatch(s)
        if not m:
            continue
        g = m.groupdict()
        year = g.get("y")
        if year and len(year) == 2:
            year = "20" + year if int(year) < 50 else "19" + year
        day: int | None
        if g.get("a"):  # numeric day/month: day first unless impossible
            a, b = int(g["a"]), int(g["b"])
            day, month = (b, a) if b > 12 and a <= 12 else (a, b)
        elif g.get("m"):
            day, month = int(g["d"]), int(g["m"])
        else:
            month = _MONTHS[
                g["mon"].lower().rstrip(".")[:4] if g["mon"].lower().startswith("sept") else g["mon"].lower().rstrip(".")[:3]
            ]
            day = int(g["d"]) if g.get("d") else None
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            return None
        if day is None:
            return Quantity(f"{year}-{month:02d}", "date", text=text)
        return Quantity(f"{year or '-'}-{month:02d}-{day:02d}", "date", text=text)
    return None


def _word_number(tokens: list[str], i: int) -> tuple[float | None, int, bool]:
    """A number written in words from ``tokens[i]``: (value, next index, vague)."""
    if i < len(tokens) and tokens[i] in _VAGUE and i + 1 < len(tokens) and tokens[i + 1] == "of":
        value, j = 2 * _VAGUE[tokens[i]], i + 2
        # "tens of thousands", "hundreds of millions of": the scales multiply.
        while j < len(tokens) and tokens[j] in _VAGUE_SCALES:
            value, j = value * _VAGUE_SCALES[tokens[j]], j + 1
            if j < len(tokens) and tokens[j] == "of":
                j += 1
        return value, j, True
    total, current, j, seen = 0.0, 0.0, i, False
    if j < len(tokens) and tokens[j] == "half":
        if j + 2 < len(tokens) and tokens[j + 1] in ("a", "an") and tokens[j + 2] in _SCALES:
            return 0.5 * _SCALES[tokens[j + 2]], j + 3, False
        return None, i, False
    if j < len(tokens) and tokens[j] in ("a", "an"):
        if j + 1 < len(tokens) and tokens[j + 1] in _SCALE_WORDS + ("dozen",):
            current, j, seen = 1.0, j + 1, True
        else:
            return None, i, False
    while j < len(tokens):
        tok = tokens[j]
        parts = tok.split("-")
        if all(p in _UNITS_WORDS for p in parts):
            current += sum(_UNITS_WORDS[p] for p in parts)
            seen = True
        elif tok == "dozen" and seen:
            current *= 12
        elif tok == "hundred" and seen:
            current = (current or 1) * 100
        elif tok in ("thousand", "million", "billion", "trillion") and seen:
            total += (current or 1) * _SCALES[tok]
            current = 0.0
        elif tok == "and" and seen and j + 1 < len(tokens) and tokens[j + 1].split("-")[0] in _UNITS_WORDS:
            pass
        else:
            break
        j += 1
    if not seen:
        return None, i, False
    return total + current, j, False


def _number(tokens: list[str], i: int) -> tuple[float | None, int, bool]:
    """A number (digits with an optional scale, or words) starting at ``tokens[i]``."""
    if i >= len(tokens):
        return None, i, False
    tok = tokens[i]
    if tok[0].isdigit() or tok[0] == ".":
        try:
            value = float(tok.replace(",", ""))
        except ValueError:
            return None, i, False
        j = i + 1
        if j < len(tokens) and tokens[j] in _SCALES:
            value *= _SCALES[tokens[j]]
            j += 1
        return value, j, False
    return _word_number(tokens, i)


def token_value(text: str) -> float | None:
    """The number one word stands for, read like :func:`parse_quantity` reads numbers.

    Digits with separators, a currency sign, a percent sign or a scale suffix
    ("10,000", "$34m", "5%", "2.5bn") or one number word ("twelve", "dozen",
    "million"); ``None`` for anything else ("1950-53" is a range, not a number).

    >>> token_value("10,000"), token_value("$500m"), token_value("twelve"), token_value("1950-53")
    (10000.0, 500000000.0, 12.0, None)
    """
    if len(text) > 64:
        return None
    tokens = [t for t in (m.group().lower() for m in _TOKEN.finditer(text)) if t not in _CURRENCY_SYMBOLS and t != "%"]
    if len(tokens) == 1 and tokens[0] in _LONE_SCALES:
        return _LONE_SCALES[tokens[0]]
    value, end, _ = _number(tokens, 0)
    return value if value is not None and end == len(tokens) else None


def _qualifier(tokens: list[str], i: int) -> tuple[str | None, int]:
    for n in (3, 2, 1):
        phrase = " ".join(tokens[i : i + n])
        if len(tokens[i : i + n]) == n and phrase in _QUALIFIERS:
            return _QUALIFIERS[phrase], i + n
    return None, i


def _unit(tokens: list[str], i: int) -> tuple[str | None, int]:
    if i < len(tokens) - 1 and (pair := (tokens[i], tokens[i + 1])) in _MULTI_UNIT_CODES:
        return _MULTI_UNIT_CODES[pair], i + 2
    if i < len(tokens) - 1 and tokens[i] in ("us", "u") and tokens[i + 1] in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[tokens[i + 1]], i + 2
    if i < len(tokens) and tokens[i] in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[tokens[i]], i + 1
    if i < len(tokens) and tokens[i] in _MEASURES:
        return _MEASURES[tokens[i]], i + 1
    return None, i


def parse_quantity(text: str) -> Quantity | None:
    """Normalise one number expression; ``None`` when ``text`` holds no number.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"$34m"``, ``"more than 2,000 tonnes of wheat"``,
        ``"1950-53"``, ``"half a million"``, ``"10 per cent"``, ``"Thursday 25/04"``.

    Returns
    -------
    Quantity or None

    Examples
    --------
    >>> parse_quantity("$500m").value, parse_quantity("500 million dollars").unit
    (500000000.0, 'USD')
    >>> q = parse_quantity("more than 2,000 tonnes of wheat")
    >>> q.value, q.unit, q.low, q.high, q.qualifier, q.thing
    (2000.0, 't', 2000.0, None, 'more than', 'wheat')
    >>> parse_quantity("1950-53").high
    1953.0
    >>> parse_quantity("Thursday 25/04").value
    '--04-25'
    """
    date = _parse_date(text)
    if date is not None:
        return date
    tokens = [t.lower() for t in _TOKEN.findall(_HYPHEN_UNIT.sub(" ", text))]  # "13-year" reads as "13 year"
    i = 0
    qualifier, i = _qualifier(tokens, i)
    currency = None
    if i < len(tokens) and tokens[i] in _CURRENCY_SYMBOLS:
        currency, i = _CURRENCY_SYMBOLS[tokens[i]], i + 1
    value, j, vague = _number(tokens, i)
    if value is None:
        return None
    i = j
    high = None
    if i + 1 < len(tokens) and tokens[i] in ("-", "–", "—", "to", "and"):
        k = i + 1
        if k < len(tokens) and tokens[k] in _CURRENCY_SYMBOLS:
            if currency is None:  # "2017 to $34m" is two numbers, not a range
                k = len(tokens)
            k += 1
        second, k2, _ = _number(tokens, k)
        if second is not None:
            high, i = second, k2
            # "$5-10m": a scale written once applies to both ends.
            if tokens[j - 1] not in _SCALES and tokens[k2 - 1] in _SCALES and value * _SCALES[tokens[k2 - 1]] <= high:
                value *= _SCALES[tokens[k2 - 1]]
    unit, i = _unit(tokens, i)
    if currency is None and unit in set(_CURRENCY_WORDS.values()):
        currency = unit
    unit = currency or unit
    rest = [t for t in tokens[i:] if t not in ("-", "–", "—")]
    if rest and rest[0] == "of":
        rest = rest[1:]
    thing = rest[-1] if rest else None
    is_year = (
        unit is None
        and thing is None
        and high is None
        and qualifier is None
        and not vague
        and float(value).is_integer()
        and 1500 <= value <= 2100
        and "," not in text
        and re.search(r"\d{4}", text) is not None
    )
    if is_year:
        unit = "year"
    return _make(value, high, unit, qualifier, vague, thing, text)


def _make(
    value: float, high: float | None, unit: str | None, qualifier: str | None, vague: bool, thing: str | None, text: str
) -> Quantity:
    if high is not None:
        lo, hi, qualifier = value, high, qualifier if qualifier not in (None, "between") else "between"
        if qualifier == "between":
            qualifier = None
    elif vague or qualifier in ("more than", "at least"):
        lo, hi = value, None
    elif qualifier in ("less than", "up to"):
        lo, hi = None, value
    else:
        lo = hi = value
    approx = vague or qualifier in _APPROX
    return Quantity(float(value), unit, lo, hi, approx, qualifier, thing, text)


def same_amount(a: Quantity, b: Quantity, *, tolerance: float = 0.1) -> tuple[bool, str]:
    """Whether two quantities state the same amount, and a note on how they differ.

    Equal values agree (a note names differing qualifiers); values within
    ``tolerance`` (relative) agree as rounding when at least one side is marked
    approximate or is a round number. Units must match.

    Examples
    --------
    >>> same_amount(parse_quantity("about 10,000"), parse_quantity("10,000"))
    (True, 'same value; qualifier differs: about 10,000 vs 10,000')
    >>> same_amount(parse_quantity("2,000 tonnes"), parse_quantity("3,000 tonnes"))[0]
    False
    """
    if a.unit != b.unit:
        return False, "different units"
    if isinstance(a.value, str) or isinstance(b.value, str):
        return (a.value == b.value), ""
    if (a.low, a.high, a.value) == (b.low, b.high, b.value):
        if a.qualifier != b.qualifier and not ({a.qualifier, b.qualifier} <= _APPROX | {None} and a.approx == b.approx):
            return True, f"same value; qualifier differs: {a.display()} vs {b.display()}"
        return True, ""
    if a.value == b.value:
        return True, f"same value; qualifier differs: {a.display()} vs {b.display()}"
    big = max(abs(a.value), abs(b.value)) or 1.0
    if abs(a.value - b.value) / big <= tolerance and (a.approx or b.approx or _round(a.value) or _round(b.value)):
        return True, f"rounding: {a.display()} vs {b.display()}"
    return False, ""


def _round(x: float) -> bool:
    if x == 0:
        return True
    mag = 10 ** max(0, len(str(int(abs(x)))) - 2)
    return x % mag == 0 and abs(x) >= 100


# ---------------------------------------------------------------------------
# Finding numbers in parsed text

_QUAL_RE = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
_CUR_RE = r"(?:US\$|A\$|C\$|HK\$|[$£€¥₩₽₹])"
_NUMWORD_RE = "|".join(sorted(list(_UNITS_WORDS) + list(_SCALE_WORDS) + ["dozen"], key=len, reverse=True))
_WORDS_RE = rf"(?:(?:half\s+an?|an?)\s+(?:{'|'.join(_SCALE_WORDS)}|dozen)|(?:{_NUMWORD_RE})(?:(?:[\s-]+(?:and\s+)?)(?:{_NUMWORD_RE}))*|(?:{'|'.join(_VAGUE)})\s+of(?:\s+(?:{'|'.join(_VAGUE_SCALES)})(?:\s+of)?)*)"
_DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"(?:\s?(?:thousand|million|billion|trillion)|(?:bn|mn|mln|tn|trn|m|k|b)(?![a-z]))"
_UNIT_WORDS = sorted(set(_MEASURES) | set(_CURRENCY_WORDS), key=len, reverse=True)
_UNIT_WORDS_RE = "|".join(re.escape(u) for u in _UNIT_WORDS)
#: A unit after the number: "2,000 tonnes", "10 per cent", or hyphenated before a noun ("a 13-year path",
#: "a four-day visit"; not an age, "30-year-old", which the conflicts stage reads from the words after it).
_UNIT_RE = (
    rf"(?:\s?%|\s+(?:per\s+cent|percentage\s+points?|metric\s+(?:tons|tonnes)|(?:US\s+)?(?:{_UNIT_WORDS_RE}))\b"
    rf"|-(?:{_UNIT_WORDS_RE})\b(?!-old))"
)
_NUM_RE = rf"(?:{_CUR_RE}\s?)?(?:{_DIGITS_RE}|{_WORDS_RE})(?:{_SCALE_RE})?"
_HYPHEN_UNIT = re.compile(rf"(?<=\w)-(?=(?:{_UNIT_WORDS_RE})\b)", re.I)
_EXPR = re.compile(
    rf"(?<![\w$£€.,-])(?:(?:{_QUAL_RE})\s+)?{_NUM_RE}(?:\s*(?:-|–)\s*{_NUM_RE}|(?<=\d)\s+and\s+{_NUM_RE}(?=\W))?{_UNIT_RE}?(?![\w])",
    re.I,
)
_DATE_FINDERS = [_YEAR_RANGE, *_DATE_PATTERNS[:4]]
#: A time of day ("2:52 p.m.", "10:30", "3 pm") is no amount: its digits are never read as numbers.
_CLOCK = re.compile(
    r"(?<![\w.,:])\d{1,2}(?::[0-5]\d(?![\d:]))?(?:\s?(?:[ap]\.\s?m\.|[ap]m\b))|(?<![\w.,:])\d{1,2}:[0-5]\d(?![\d:])", re.I
)


def _date_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pat in _DATE_FINDERS:
        for m in pat.finditer(text):
            if _parse_date(m.group()) is not None and not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    return spans


def find_quantities(span) -> list[QuantityMention]:
    """Every number expression in a spaCy ``Doc`` or ``Span``, with its counted thing.

    Offsets are character offsets into the ``Doc`` text. Plain "one"/"a" and
    ordinals are not numbers here; a bare four-digit number from 1500 to 2100
    is a calendar year unless it counts something ("2000 tonnes").

    Parameters
    ----------
    span : spacy.tokens.Doc or spacy.tokens.Span

    Returns
    -------
    list of QuantityMention, in text order.
    """
    doc = getattr(span, "doc", span)
    base = getattr(span, "start_char", 0)
    text = span.text
    found: list[QuantityMention] = []
    taken = _date_spans(text)
    for s, e in taken:
        q = parse_quantity(text[s:e])
        if q is not None:
            found.append(QuantityMention(q, base + s, base + e))
    taken += [m.span() for m in _CLOCK.finditer(text)]
    for m in _EXPR.finditer(text):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken):
            continue
        q = parse_quantity(m.group())
        if q is None or _trivial(q, m.group()):
            continue
        thing = _thing(doc, base + s, base + e, q)
        if q.unit == "year" and thing and _counts(doc, base + s, base + e) and m.group()[-1].isdigit():
            q = _replace(q, unit=None)
        found.append(QuantityMention(_replace(q, thing=thing or q.thing), base + s, base + e))
    return sorted(found, key=lambda x: (x.start, x.end))


def _replace(q: Quantity, **kw) -> Quantity:
    from dataclasses import replace

    return replace(q, **kw)


def _trivial(q: Quantity, text: str) -> bool:
    """Plain small words ("one", "a dozen" is kept) and lone scale words are not facts."""
    if any(ch.isdigit() for ch in text):
        return False
    return q.unit is None and not q.approx and q.value is not None and float(q.value) < 2


_NO_THING = frozenset({"date", "pp", "years", "months", "weeks", "days", "hours", "minutes"})
_THING_SKIP = frozenset({"%", "percent", "cent", "point", "points"})


def tokens_within(doc, start: int, end: int) -> list:
    """The tokens of ``doc`` wholly inside characters ``start:end`` (found by offset, not by scanning the document)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def _counts(doc, start: int, end: int) -> bool:
    """The number counts a plural noun ("2000 people"), not names a year ("2017 resolution")."""
    toks = tokens_within(doc, start, end)
    return bool(toks) and toks[-1].dep_ == "nummod" and toks[-1].ent_type_ != "DATE" and toks[-1].head.tag_ in ("NNS", "NNPS")


def _thing(doc, start: int, end: int, q: Quantity) -> str | None:
    """The counted thing: the noun the number modifies, "of X" after a unit, or the subject."""
    toks = tokens_within(doc, start, end)
    if not toks or not doc.has_annotation("DEP") or q.unit in _NO_THING:
        return None
    inside = {t.i for t in toks}
    last = toks[-1]
    # "2,000 tonnes of wheat": the unit word's "of" object.
    for t in toks:
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = [c for c in child.children if c.dep_ == "pobj"]
                if obj:
                    return _lemma(obj[0])
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and q.unit not in (None, "year", "date"):
        obj = [c for c in nxt.children if c.dep_ == "pobj"]
        if obj:
            return _lemma(obj[0])
    # The noun the number modifies: "10,000 North Korean labourers".
    head = last
    for _ in range(3):
        if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.head.i != head.i:
            head = head.head
            if head.i not in inside and head.pos_ in ("NOUN", "PROPN"):
                if head.lower_ in _THING_SKIP or head.lower_ in _MEASURES:
                    continue
                return _lemma(head)
        else:
            break
    if q.unit in ("year", "date", "pp"):
        return None
    # "trade fell from $60m", "the labourers numbered as many as 50,000": the verb's subject.
    verb = head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        if subj:
            return _lemma(subj[0])
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return _lemma(verb.head)
    return None


def _lemma(tok) -> str:
    from .normalize import norm_word

    return norm_word(tok.lemma_ if tok.pos_ != "PROPN" else tok.text)
