"""What is never a fact of the story: bylines, agency and outlet names (and what datelines state).

A news article opens with a dateline ("VLADIVOSTOK, Russia, April 25 (Xinhua)
--"), may carry a byline ("By Jane Doe", "Reporting by ...; Editing by ...")
and names wire agencies as its source. None of these is something an outlet
can leave out: a place in the dateline counts as *stated* by that outlet, and
agency names, outlet names, bylines and reporters' names are never fact units
(:func:`is_non_fact`): not in the facts table, the coverage matrix, the facts
only one outlet states, nor the missing facts.

Datelines are parsed by :func:`compare.datelines.dateline` (the same parser
the sentence splitter uses); the agency a dateline names is never a fact.
"""

from __future__ import annotations

import re

from ..alignment import AlignedStory
from ..datelines import dateline
from .entities import entity_key
from .units import FactUnit

__all__ = ["WIRE_AGENCIES", "bylines", "is_non_fact", "non_fact_names"]

#: Wire agencies and syndication services (normalised keys, :func:`entity_key`).
WIRE_AGENCIES = frozenset(
    {
        "reuters",
        "thomson reuters",
        "associated press",
        "ap",
        "the associated press",
        "afp",
        "agence france presse",
        "agence france-presse",
        "xinhua",
        "xinhua news agency",
        "bloomberg",
        "bloomberg news",
        "tass",
        "itar tass",
        "ria novosti",
        "interfax",
        "yonhap",
        "yonhap news agency",
        "kyodo",
        "kyodo news",
        "upi",
        "united press international",
        "dpa",
        "efe",
        "ansa",
        "pti",
        "press trust of india",
        "kcna",
        "korean central news agency",
        "cnn wire",
        "pa media",
        "press association",
    }
)

_BYLINE = [
    re.compile(r"^\s*By\s+(?P<names>[A-Z][\w.'’\-]+(?:\s+(?:and\s+)?[A-Z][\w.'’\-]+){0,5})\s*$", re.MULTILINE),
    re.compile(r"(?:Reporting|Writing|Editing|Additional reporting|Compiled|Written)\s+by\s+(?P<names>[^;)\n.]{3,80})"),
    re.compile(
        r"(?<![\w.'’\-])(?P<names>[A-Z][\w.'’\-]{0,40}(?:\s+[A-Z][\w.'’\-]{0,40}){1,2})\s+contributed(?:\s+reporting|\s+to this (?:report|article))"
    ),
]


def bylines(text: str) -> set[str]:
    """Names in the article's bylines and credit lines ("By X", "Reporting by X", "X contributed reporting")."""
    names: set[str] = set()
    for rx in _BYLINE:
        for m in rx.finditer(text):
            for part in re.split(r",|;|\band\b|\bin\b|&", m.group("names")):
                part = part.strip(" .")
                if part and part[0].isupper() and len(part.split()) <= 4:
                    names.add(entity_key(part))
    return names


def non_fact_names(aligned: AlignedStory) -> set[str]:
    """Entity keys that are never facts: outlet names, wire agencies, byline names and their surnames."""
    out = set(WIRE_AGENCIES)
    for a, p in enumerate(aligned.parsed):
        art = p.article
        for name in (art.outlet, aligned.labels[a], art.meta.get("author", ""), art.meta.get("byline", "")):
            if isinstance(name, str) and name.strip():
                key = entity_key(re.sub(r"\(.*?\)", "", name))
                if key:
                    out.add(key)
        for key in bylines(art.text):
            out.add(key)
            if len(key.split()) > 1:
                out.add(key.split()[-1])
        d = dateline(art.text)
        if d and d.agency:
            out.add(entity_key(d.agency))
    return out


def is_non_fact(f: FactUnit, names: set[str]) -> bool:
    """Whether entity fact ``f`` is one of ``names`` (:func:`non_fact_names`), or a person known by one of their surnames."""
    if f.kind != "entity":
        return False
    return bool(f.aliases & names) or (f.label.endswith("(PERSON)") and any(a.split()[-1] in names for a in f.aliases if a))
