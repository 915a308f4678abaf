"""Word swaps: the words one outlet uses where another uses different ones.

For every aligned group and every pair of sentences of different outlets, two
words are a swap only when they fill the same slot: the same position in a
replace block of :func:`compare.diffs.word_ops` with a compatible part of
speech, or the same dependency role under a head with the same lemma
(:func:`compare.framing.slot_swap`), and the two words are related in meaning
or the two sentences near-parallel (:data:`SWAP_COSINE`, :data:`SWAP_SHARE`).
Names, places and numbers never form a swap, except that a label from the
framing lexicon put where another outlet names the person or country
("Pyongyang" → "the regime") is ``name_calling``.
Each swap is classified by the framing lexicon ("said" → "claimed" is
``attribution``).
"""

from __future__ import annotations

import os
import re

import pandas as pd

from .alignment import AlignedStory
from .diffs import WordOp, word_ops
from .embeddings import embed
from .framing import CATEGORIES, VALENCE_EVALUATIVE
from .framing_rules import slot_swap
from .lexicons import Lexicon, load_lexicon, saying_verbs, valence
from .parsing import Sentence
from .syntax import entity_span

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


def _label_for_name(tok, sent: Sentence, other: Sentence, ops: list[WordOp], lex: Lexicon):
    """A lexicon label in ``sent`` put where ``other`` has a name ("the regime" for "Pyongyang"), or None."""
    if lex.token_category(tok) != "name_calling":
        return None
    pos = tok.idx - sent.start
    for op in ops:
        if op.op == "replace" and op.b_start <= pos < op.b_end:
            names = [
                t
                for t in other.span
                if op.a_start <= t.idx - other.start < op.a_end and t.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
            ]
            if names and len(other.text[op.a_start : op.a_end].split()) <= 3:
                ent = names[0]
                span = entity_span(ent)
                return span.text if span is not None else ent.text
    return None


def _shared(a: str, ops: list[WordOp], b: str) -> float:
    """Share of the shorter sentence's words that the word diff finds equal in both."""
    equal = sum(len(a[o.a_start : o.a_end].split()) for o in ops if o.op == "equal")
    return equal / max(1, min(len(a.split()), len(b.split())))


def _pair_swaps(a: Sentence, b: Sentence, lex: Lexicon) -> list[tuple[str, str, float]]:
    """(word of ``a``, word of ``b``, shared words) for every slot the two sentences fill with different words."""
    if a.span is None or b.span is None:
        return []
    ops_ab, ops_ba = word_ops(a.text, b.text), word_ops(b.text, a.text)
    share = _shared(a.text, ops_ab, b.text)
    out, used_a = [], set()
    for tok in b.span:
        hit = slot_swap(tok, b, a, ops_ab)
        if hit is not None and hit.i not in used_a:
            used_a.add(hit.i)
            out.append((hit.text, tok.text, share))
            continue
        name = _label_for_name(tok, b, a, ops_ab, lex)
        if name is not None:
            out.append((name, _swap_words(tok.doc[max(tok.i - 1, 0)].text + " " + tok.text), share))
    for tok in a.span:
        name = _label_for_name(tok, a, b, ops_ba, lex)
        if name is not None:
            out.append((_swap_words(tok.doc[max(tok.i - 1, 0)].text + " " + tok.text), name, share))
    return out


#: A swap is kept when its two words are related in meaning (wordllama cosine at least this) ...
SWAP_COSINE = 0.1
#: ... or its two sentences are near-parallel (at least this share of the shorter one's words equal).
#: Chosen on hand-labelled swaps of the BASIL train triplets (precision 0.30 -> 0.57, recall 0.73);
#: on the test triplets 0.26 -> 0.47 at recall 0.80 (benchmarks/word_swaps.py, gold/swap_judgements.yaml).
SWAP_SHARE = 0.6


def _related(rows: list[tuple]) -> list[tuple]:
    """Rows whose words could stand for each other: related in meaning, or in near-parallel sentences.

    Two loosely aligned sentences put unrelated words in the "same slot" of a word
    diff ("criticized" / "meet"); those are not swaps.
    """
    if not rows:
        return []
    words = sorted({w for r in rows for w in (r[2], r[4])})
    vec = dict(zip(words, embed(words)))
    return [r[:6] for r in rows if r[6] >= SWAP_SHARE or float(vec[r[2]] @ vec[r[4]]) >= SWAP_COSINE]


def wording(aligned: AlignedStory, *, extra_lexicon: str | os.PathLike | None = None, every_slot: bool = False) -> pd.DataFrame:
    """Word swaps between aligned sentences of different outlets.

    For every aligned group and every pair of its sentences from different
    outlets, the pairs of words that fill the same slot (see the module
    docstring): "said" → "claimed", "criticised" → "slammed", "Pyongyang" →
    "the regime". Names, places and numbers against each other are never swaps.

    Parameters
    ----------
    aligned : AlignedStory
    extra_lexicon : path, optional
        A user lexicon file added to the packaged one.
    every_slot : bool
        Keep slots whose words are unrelated in loosely parallel sentences too
        (for measuring the filter; ``benchmarks/word_swaps.py``).

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
                for wa, wb, share in _pair_swaps(a, b, lex):
                    key = (g, la, wa, lb, wb)
                    if key in seen or wa.lower() == wb.lower():
                        continue
                    seen.add(key)
                    rows.append((g, la, wa, lb, wb, _swap_category(wa, wb, lex), share))
    shown = [r[:6] for r in rows] if every_slot else _related(rows)
    df = pd.DataFrame(shown, columns=WORDING_COLUMNS)
    return df.astype({"group": "int64"}) if len(df) else df
