"""Quotation marks: where the quoted words of a text are, from the text alone.

:func:`quote_spans` finds the outermost quotations in curly or straight, double
or single marks; apostrophes ("Korea’s", "labourers’") are not marks, a
quotation continued in the next paragraph is one span, and a show's title
("on NBC's “Meet the Press”") is not a quotation. :func:`inside` tells whether
a character lies in one of the spans. Who said the words is
:mod:`compare.quotes`.
"""

from __future__ import annotations

import bisect
import re

from .vocab import PARAGRAPH_BREAK

__all__ = ["inside", "overlaps", "paragraph_breaks", "quote_spans"]

_DOUBLE_OPEN = '“„«"'
DOUBLE_CLOSE = '”»"'
_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"
_OPEN_CONTEXT = set("([{—–-/:") | set(_DOUBLE_OPEN)
_ELISION = re.compile(r"(?:\d\ds\b|tis\b|twas\b|em\b|n\b|cause\b|til\b)", re.IGNORECASE)
#: A quotation longer than this (characters) that never closes is a stray mark.
_MAX_SINGLE = 400
#: Words before a quoted title of a show or publication ("said on “Meet the Press”", "the CNN program “State of the Union”").
_TITLE_CUE = re.compile(
    r"\b(?:[Oo]n|program|programme|show|series|titled|entitled|newspaper|magazine)(?:\s+[A-Z][\w.&-]*(?:['’]s?)?){0,3}\s*$"
    r"|\b(?:told|to)\s+(?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*['’]s?\s*$"  # "told NBC’s “Meet the Press”"
    # "an episodic drama like “Homeland”", "a memoir called “Dreams”"
    r"|\b(?:drama|film|movie|sitcom|series|show|book|novel|memoir|song|album|play|musical|documentary)s?"
    r"\s+(?:like|called|named|such\s+as)\s*$"
)
#: Words after a quoted title ("on PBS’s the “Charlie Rose” show", "the “Today” programme").
_TITLE_AFTER = re.compile(r"[”\"’']?\s*(?:show|program|programme|series|broadcast|podcast|documentary|segment)\b(?!\s+of\b)")
_TITLE_SMALL = frozenset("a an and the of on in to for at by with or de".split())
_TITLE_WORDS = 8


def _is_single_open(text: str, i: int) -> bool:
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if not (prev.isspace() or prev in _OPEN_CONTEXT):
        return False
    if not (nxt.isalnum() or nxt in "…$£€"):
        return False
    return not _ELISION.match(text, i + 1)


def _is_single_close(text: str, i: int) -> bool:
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and not nxt.isalnum()


def _is_title(text: str, start: int, end: int) -> bool:
    """Whether the quoted words ``start:end`` are the title of a show or publication, not a quotation.

    "said on “Fox News Sunday.”", "on NBC's “Meet the Press”": a few words, all
    capitalised but the small ones, right after "on", "program", "show" ... or
    right before "show", "program" ("the “Charlie Rose” show").
    A quoted nickname ("called him “Lyin' Ted”") has no such cue and stays a quotation.
    """
    words = re.findall(r"[^\W\d_][\w'’-]*", text[start:end])
    if not words or len(words) > _TITLE_WORDS or not words[0][0].isupper():
        return False
    if any(not w[0].isupper() and w.lower() not in _TITLE_SMALL for w in words):
        return False
    if _TITLE_AFTER.match(text, end, min(len(text), end + 40)):
        return True
    before = text[max(0, start - 60) : start].rstrip()
    return bool(_TITLE_CUE.search(before[:-1] if before[-1:] in _DOUBLE_OPEN + _SINGLE_OPEN else before))


_NAME_BEFORE = re.compile(r"(?:^|\s)[A-Z][\w.'’-]*\s+$")
_NAME_AFTER = re.compile(r"\s+[A-Z][\w'’-]+")


def _is_nickname(text: str, start: int, end: int) -> bool:
    """Whether the quoted words ``start:end`` are a nickname inside a name (William “Mo” Cowan), not a quotation."""
    words = text[start:end].split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return False
    before = text[max(0, start - 40) : start]
    before = before[:-1] if before[-1:] in _DOUBLE_OPEN + _SINGLE_OPEN else before
    after = text[end : end + 40]
    after = after[1:] if after[:1] in DOUBLE_CLOSE + _SINGLE_CLOSE else after
    return bool(_NAME_BEFORE.search(before)) and bool(_NAME_AFTER.match(after))


def paragraph_breaks(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in PARAGRAPH_BREAK.finditer(text)]


def quote_spans(text: str, sentence_ends: list[int] | None = None) -> list[tuple[int, int]]:
    """Character spans (marks excluded) of the outermost quotations in ``text``.

    Handles curly and straight, double and single marks; apostrophes
    ("Korea’s", "labourers’") are not quotation marks. A quotation left open at
    a paragraph break continues when the next paragraph opens with a mark of
    the same kind, or closes a double quotation before it opens one (the
    opening mark was lost); otherwise a double quotation ends with its sentence (or
    paragraph) and a single one is dropped as a stray apostrophe.

    >>> t = "He said “no” and ‘yes’ but Korea’s labourers’ pay fell."
    >>> [t[s:e] for s, e in quote_spans(t)]
    ['no', 'yes']
    """
    breaks = paragraph_breaks(text)
    break_at = dict(breaks)
    spans: list[tuple[int, int]] = []
    kind = None  # "d" or "s" while a quotation is open
    start = 0
    i = 0
    n = len(text)

    def fallback_end(open_at: int) -> int:
        ends = [b[0] for b in breaks if b[0] > open_at] + [n]
        end = ends[0]
        if sentence_ends:
            k = bisect.bisect_right(sentence_ends, open_at)
            if k < len(sentence_ends):
                end = min(end, sentence_ends[k])
        return end

    while i < n:
        ch = text[i]
        if kind is not None:
            brk = (i, break_at[i]) if i in break_at else None
            if brk is not None:
                nxt = text[brk[1]] if brk[1] < n else ""
                opens = _DOUBLE_OPEN if kind == "d" else _SINGLE_OPEN
                if nxt and nxt in opens:  # quotation continues in the next paragraph
                    i = brk[1] + 1
                    continue
                if kind == "d" and _closed_in_next(text, brk[1], breaks):
                    i = brk[1]  # “… innocence.⏎⏎Ted Cruz’s problem is his … Cruz.”: its opening mark was lost
                    continue
                if kind == "d":
                    spans.append((start, fallback_end(start - 1)))
                kind = None
                i = brk[1]
                continue
            if kind == "d" and ch in DOUBLE_CLOSE:
                spans.append((start, i))
                kind = None
            elif kind == "d" and ch == "“":  # a new quotation opens before the last one closed
                spans.append((start, fallback_end(start - 1)))
                start = i + 1
            elif kind == "s" and ch in _SINGLE_CLOSE and _is_single_close(text, i):
                spans.append((start, i))
                kind = None
            elif kind == "s" and i - start > _MAX_SINGLE:
                kind = None
                i = start
                continue
            i += 1
            continue
        if ch in _DOUBLE_OPEN:
            kind, start = "d", i + 1
        elif ch in _SINGLE_OPEN and _is_single_open(text, i):
            kind, start = "s", i + 1
        i += 1
    if kind == "d":
        spans.append((start, fallback_end(start - 1)))
    out = []
    for s, e in spans:
        e = min(e, n)
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in DOUBLE_CLOSE):
            e -= 1  # a span closed at its sentence's end keeps no closing mark
        if e > s and text[s:e].strip(".,;:!?—– ") and not _is_title(text, s, e) and not _is_nickname(text, s, e):
            out.append((s, e))
    return sorted(set(out))


def _closed_in_next(text: str, start: int, breaks: list[tuple[int, int]]) -> bool:
    """Whether the paragraph at ``start`` closes a double quotation (a curly ”) before it opens one."""
    end = next((b for b, _ in breaks if b > start), len(text))
    m = re.search(r"[“”\"]", text[start:end])
    return m is not None and m.group() == "”"


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the sorted, disjoint ``spans``."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of the sorted, disjoint ``spans`` overlaps ``start:end``."""
    k = max(0, bisect.bisect_right(spans, (start, float("inf"))) - 1)
    return any(s < end and start < e for s, e in spans[k : k + 2])  # the span holding ``start``, or the next one
