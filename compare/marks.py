"""Marks on sentence text for the views: framing findings and meaningfully "added" words.

A mark is ``(start, end, css classes, tooltip)`` with offsets into one
sentence's text. :func:`added_marks` marks a content word only when no other
outlet's sentence in the same group carries it in any form: not as the same
lemma, not as a spelling variant (:func:`compare.normalize.norm_word`), and
not as a near-synonym by the alignment's semantic signal (wordllama vectors,
:func:`compare.embeddings.embed`, cosine at least :data:`SYNONYM_COSINE`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .normalize import norm_word

if TYPE_CHECKING:  # pragma: no cover
    from .alignment import AlignedStory
    from .comparison import Comparison

__all__ = [
    "Mark",
    "added_marks",
    "framing_marks",
    "sentence_marks",
    "segments",
    "content_words",
    "CATEGORY_LABELS",
    "TAGS",
    "SYNONYM_COSINE",
]

Mark = tuple[int, int, str, str]

#: Framing categories in legend order, with their legend text.
CATEGORY_LABELS = {
    "loaded": "loaded word",
    "name_calling": "name-calling",
    "intensifier": "intensifier",
    "hedge": "hedge",
    "attribution": "judging verb of saying",
    "blame": "blame",
}
#: One-letter tags shown after a highlighted word, so colour is never the only cue.
TAGS = {"loaded": "L", "name_calling": "N", "intensifier": "I", "hedge": "H", "attribution": "A", "blame": "B"}
#: Two words whose wordllama vectors are at least this similar count as the same word
#: ("labourers"/"workers" 0.53; "leader"/"dictator" 0.21 and "said"/"claimed" 0.39 stay different).
SYNONYM_COSINE = 0.5
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})


def content_words(aligned: AlignedStory, k: int) -> list[tuple[int, int, str, str]]:
    """Content words of sentence ``k``: ``(start, end, lemma form, surface form)``, offsets in the sentence."""
    s = aligned.sentences[k]
    per_sentence = aligned.parsed[s.article].derived("view_content_words", _article_content_words)
    return per_sentence.get(s.index, [])


def _article_content_words(parsed) -> dict[int, list[tuple[int, int, str, str]]]:
    """Content words of every sentence of one parsed article (computed once per document)."""
    out: dict[int, list[tuple[int, int, str, str]]] = {}
    for s in parsed.sentences:
        words = []
        for t in s.span:
            if t.is_stop or t.is_punct or t.is_space or t.pos_ not in _CONTENT_POS or not any(ch.isalnum() for ch in t.text):
                continue
            lo = t.idx - s.start
            if lo < 0 or lo + len(t.text) > len(s.text):
                continue
            words.append((lo, lo + len(t.text), norm_word(t.lemma_ or t.text), norm_word(t.text)))
        out[s.index] = words
    return out


#: Word vectors already computed (bounded: cleared when it grows past this many words).
_CACHE_WORDS = 20000
_cache: dict[str, np.ndarray] = {}


def _vectors(words: Iterable[str]) -> dict[str, np.ndarray]:
    """Unit vectors of single words, embedded in one batch and remembered."""
    from .embeddings import embed

    wanted = sorted(set(words))
    missing = [w for w in wanted if w not in _cache]
    if missing:
        if len(_cache) + len(missing) > _CACHE_WORDS:
            _cache.clear()
            missing = wanted
        _cache.update(zip(missing, embed(missing)))
    return {w: _cache[w] for w in wanted}


def added_marks(aligned: AlignedStory, k: int, others: Sequence[int], *, semantic: bool = True) -> list[Mark]:
    """Content words of sentence ``k`` that none of the ``others`` (flat sentence ids) carries in any form."""
    if not others:
        return []
    mine = content_words(aligned, k)
    theirs = [w for o in others for w in content_words(aligned, o)]
    forms = {w[2] for w in theirs} | {w[3] for w in theirs}
    left = [w for w in mine if w[2] not in forms and w[3] not in forms]
    if left and semantic and theirs:
        vecs = _vectors({w[3] for w in left} | {w[3] for w in theirs})
        other_m = np.stack([vecs[w[3]] for w in theirs])
        left = [w for w in left if float(np.max(other_m @ vecs[w[3]])) < SYNONYM_COSINE]
    names = ", ".join(dict.fromkeys(aligned.labels[aligned.sentences[o].article] for o in others))
    return [(lo, hi, "add", f"no other outlet's sentence has this word in any form ({names})") for lo, hi, _, _ in left]


def framing_marks(c: Comparison, categories: Iterable[str] | None) -> dict[str, list[Mark]]:
    """Framing findings as marks per article id (offsets in the article)."""
    frame = c.framing
    wanted = set(categories) if categories is not None else None
    marks: dict[str, list[Mark]] = {}
    for row in frame.to_dict("records"):
        cat = row.get("category")
        if wanted is not None and cat not in wanted:
            continue
        voice = row.get("voice") or "editorial"
        speaker = row.get("speaker")
        who = f" ({speaker})" if voice != "editorial" and isinstance(speaker, str) and speaker and speaker != "unknown" else ""
        reason = row.get("reason")
        reason = f": {reason}" if isinstance(reason, str) and reason else ""
        title = f"{CATEGORY_LABELS.get(cat, str(cat))}, {voice}{who}{reason}"
        marks.setdefault(row["article"], []).append((int(row["start"]), int(row["end"]), f"fr fr-{cat} v-{voice}", title))
    return marks


def sentence_marks(c: Comparison, k: int, others: Sequence[int], fmarks: dict[str, list[Mark]]) -> list[Mark]:
    """Added-word marks and the framing marks falling inside sentence ``k``."""
    s = c.aligned.sentences[k]
    art = c.parsed[s.article].article
    marks = added_marks(c.aligned, k, others)
    marks += [(lo - s.start, hi - s.start, cls, t) for lo, hi, cls, t in fmarks.get(art.id, []) if lo >= s.start and hi <= s.end]
    return marks


def segments(text: str, marks: Sequence[Mark]) -> list[dict]:
    """Cut ``text`` at mark boundaries; each piece carries the classes and titles covering it."""
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        if lo >= hi:
            continue
        cover = [m for m in marks if m[0] <= lo and m[1] >= hi]
        ends = [m for m in cover if m[1] == hi and "fr-" in m[2]]
        out.append(
            {
                "text": text[lo:hi],
                "cls": " ".join(dict.fromkeys(c for m in cover for c in m[2].split())),
                "title": " · ".join(dict.fromkeys(m[3] for m in cover if m[3])),
                "tag": "".join(TAGS.get(c[3:], "") for m in ends for c in m[2].split() if c.startswith("fr-")),
            }
        )
    return out
