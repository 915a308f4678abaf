"""Person names: titles, initials, "Jr." and the longer names a shorter one is a form of.

Pure string rules on normalised name keys (:func:`compare.facts.entities.entity_key`),
used by :mod:`compare.facts.entities` to merge "Representative Paul D. Ryan",
"Paul Ryan", "Mr. Ryan" and "Ryan" into one person. Title words and
:func:`untitled` live in :mod:`compare.speakers`, which strips them from speakers' names too.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from ..lexicons import read_lexicon_lines
from ..speaker_words import TITLE_WORDS, untitled

__all__ = ["NAME_SUFFIXES", "TITLE_WORDS", "fits_name", "is_initial", "is_name_variant", "name_core", "richness", "untitled"]
__all__ += ["same_first_name", "same_person_name"]

NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def is_initial(word: str) -> bool:
    """Whether ``word`` is one letter, with or without a full stop ("D.", "W")."""
    return bool(re.fullmatch(r"[^\W\d_]\.?", word))


def name_core(words: list[str]) -> list[str]:
    """The words of a name without initials and "Jr." ("paul d. ryan jr." -> paul, ryan)."""
    return [w for w in words if not is_initial(w) and w.rstrip(".") not in NAME_SUFFIXES] or words


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def fits_name(full: str, toks: list[str]) -> bool:
    """Whether the name ``full`` is longer than the words ``toks`` and holds them, starting or ending as it does.

    The start and end are taken without initials and "Jr.": "Alito" fits "Samuel A. Alito Jr.",
    "Hillary Clinton" fits "Hillary Rodham Clinton", "Cho Han" fits "Cho Han Bum". A name of two
    words or more must start as the full name starts. A name with initials fits no name with
    other initials.

    >>> fits_name("samuel a. alito jr.", ["alito"]), fits_name("cho han bum", ["cho", "han"])
    (True, True)
    >>> fits_name("george h. w. bush", ["george", "w.", "bush"]), fits_name("kim jong un", ["jong"])
    (False, False)
    >>> fits_name("omar mir seddique mateen", ["seddique", "mateen"])
    False
    """
    ft = full.split()
    if len(ft) <= len(toks) or not _subsequence(toks, ft):
        return False
    if any(map(is_initial, toks)) and sum(map(is_initial, ft)) > sum(map(is_initial, toks)):
        return False  # "George W. Bush" is not "George H. W. Bush"
    core = name_core(ft)
    if len(name_core(toks)) >= 2:
        # two words or more must begin as the name begins: "Seddique Mateen" is not "Omar Mir Seddique Mateen"
        # (a father and his son), though "Mateen" alone may be short for either
        return toks[0] == core[0]
    return toks[0] == core[0] or toks[-1] == core[-1]


def is_name_variant(short: str, full: str) -> bool:
    """Whether two names differ only in initials, "Jr." or middle names (same first and last word)."""
    s, f = name_core(short.split()), name_core(full.split())
    return len(s) >= 2 and s[0] == f[0] and s[-1] == f[-1]


@functools.cache
def _nicknames() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(row[1:]) for row in read_lexicon_lines("nicknames.txt")}


#: Letters from which a first name misspelt by one letter is still the same name ("Vincente" for "Vicente").
MISSPELT_LETTERS = 6


def same_first_name(a: str, b: str, *, misspelt: bool = True) -> bool:
    """Whether two first names may be one person's: "tim" and "timothy", "bob" and "robert"
    (``lexicons/nicknames.txt``), or, with ``misspelt``, one letter apart in a long name ("vicente", "vincente")."""
    if a == b:
        return True
    if misspelt and min(len(a), len(b)) >= MISSPELT_LETTERS and Levenshtein.distance(a, b) <= 1:
        return True
    nick = _nicknames()
    full_a, full_b = nick.get(a, frozenset()), nick.get(b, frozenset())
    return b in full_a or a in full_b or bool(full_a & full_b)


def same_person_name(a: str, b: str) -> bool:
    """Whether two names of as many words are one person's, a first name written short ("tim murray", "timothy murray")."""
    wa, wb = name_core(a.split()), name_core(b.split())
    return len(wa) == len(wb) >= 2 and wa[1:] == wb[1:] and same_first_name(wa[0], wb[0])


def richness(s: str) -> int:
    """Hyphens, apostrophes and accents a spelling keeps ("Kim Jong-un", "O'Neill", "Peña")."""
    return sum(ch in "-‐‑'’" or (ch.isalpha() and not ch.isascii()) for ch in unicodedata.normalize("NFC", s))
