"""Word swaps: the words one outlet uses where another uses different ones.

For every aligned group, the replaced words of :func:`compare.diffs.word_ops`
between sentences of different outlets, one or two content words a side,
classified by the framing lexicon ("said" → "claimed" is ``attribution``,
"Pyongyang" → "the regime" is ``name_calling``).
"""

from __future__ import annotations

import os
import re

import pandas as pd

from .alignment import AlignedStory
from .diffs import word_ops
from .framing import CATEGORIES, VALENCE_EVALUATIVE
from .lexicons import Lexicon, load_lexicon, saying_verbs, valence
from .normalize import norm_word

__all__ = ["wording", "WORDING_COLUMNS"]

#: Columns of :func:`wording` and :attr:`Comparison.wording`.
WORDING_COLUMNS = ["group", "outlet_a", "word_a", "outlet_b", "word_b", "category"]
_STOP_SWAP = frozenset("the a an of to in on at for by with and or but that this its his her their it he she they".split())


def _swap_words(text: str) -> str:
    words = [w for w in re.findall(r"[\w’'-]+", text)]
    while words and words[0].lower() in _STOP_SWAP:
        words.pop(0)
    while words and words[-1].lower() in _STOP_SWAP:
        words.pop()
    return " ".join(words)


_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "thought": "think", "swore": "swear", "spun": "spin"}


def _word_forms(word: str) -> list[str]:
    """The word and its likely base forms ("craved" -> "crave", "toiling" -> "toil")."""
    w = word.lower()
    forms = [w, _IRREGULAR.get(w, w)]
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
        ("es", ""),
        ("s", ""),
        ("d", ""),
    ):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            forms.append(w[: -len(suffix)] + repl)
    return forms


def _lex_category(phrase: str, lex: Lexicon) -> str | None:
    cat = lex.category(phrase.lower())
    if cat:
        return cat
    for word in phrase.split():
        for form in _word_forms(word):
            if lex.category(form):
                return lex.category(form)
    return None


def _swap_category(a: str, b: str, lex: Lexicon) -> str:
    verbs = saying_verbs()
    kinds = [next((verbs[f] for f in _word_forms(w.split()[-1]) if f in verbs), None) for w in (a, b)]
    if "attribution" in kinds and None not in kinds and kinds[0] != kinds[1]:
        return "attribution"
    cats = {_lex_category(a, lex), _lex_category(b, lex)}
    for cat in CATEGORIES:
        if cat in cats and cat != "attribution":
            return cat
    if max(abs(valence(f)) for w in (a, b) for t in w.split() for f in _word_forms(t)[:1]) >= VALENCE_EVALUATIVE:
        return "loaded"
    return "neutral"


def _content_len(words: str) -> int:
    return sum(1 for w in words.split() if w.lower() not in _STOP_SWAP)


def wording(aligned: AlignedStory, *, extra_lexicon: str | os.PathLike | None = None) -> pd.DataFrame:
    """Word swaps between aligned sentences of different outlets.

    For every aligned group and every pair of its sentences from different
    outlets, the replaced words of :func:`compare.diffs.word_ops` of one to
    two words a side (numbers, and neutral swaps involving names, left out) — "said" →
    "claimed", "Pyongyang" → "the regime", "ended abruptly" → "collapsed".

    Parameters
    ----------
    aligned : AlignedStory
    extra_lexicon : path, optional
        A user lexicon file added to the packaged one.

    Returns
    -------
    pandas.DataFrame
        Columns

        - ``group``: the alignment group;
        - ``outlet_a``, ``word_a``: the earlier outlet (story order) and its words;
        - ``outlet_b``, ``word_b``: the other outlet and the words it uses instead;
        - ``category``: ``attribution`` (a judging verb of saying against a
          neutral one), ``name_calling``, ``loaded`` … when either side is
          framing (lexicon or VADER valence), else ``neutral``.
    """
    lex = load_lexicon(extra_lexicon)
    rows, seen = [], set()
    for group in aligned.groups:
        g, members = group.number, aligned.group_sentences(group.number)
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if a.article == b.article:
                    continue
                if a.article > b.article:
                    a, b = b, a
                la, lb = aligned.labels[a.article], aligned.labels[b.article]
                for op in word_ops(a.text, b.text):
                    if op.op != "replace":
                        continue
                    wa, wb = _swap_words(a.text[op.a_start : op.a_end]), _swap_words(b.text[op.b_start : op.b_end])
                    if not wa or not wb or _content_len(wa) > 2 or _content_len(wb) > 2:
                        continue
                    if any(ch.isdigit() for ch in wa + wb) or norm_word(wa) == norm_word(wb):
                        continue
                    category = _swap_category(wa, wb, lex)
                    if category == "neutral" and any(w[:1].isupper() for w in (wa + " " + wb).split()):
                        continue  # a name or a sentence start against other words: misaligned, not a swap
                    key = (g, la, wa, lb, wb)
                    if key in seen:
                        continue
                    seen.add(key)
                    rows.append((g, la, wa, lb, wb, category))
    df = pd.DataFrame(rows, columns=WORDING_COLUMNS)
    return df.astype({"group": "int64"}) if len(df) else df
