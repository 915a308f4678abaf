"""Entity facts: names found by the parser, merged across spellings, short forms and aliases.

"Kim Jong-un" = "Kim Jong Un" (:func:`entity_key`), "Kim" = the one full name
it can stand for, "UN" = "United Nations" (acronyms), "US" = "United States"
(:data:`ENTITY_ALIASES`), and "Washington" = the United States only where it
is the subject or possessor (:data:`CAPITAL_METONYMS`). Every merge is written
in the fact's ``note``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..alignment import AlignedStory
from ..normalize import norm_word
from ..vocab import FACT_ENTITY_LABELS
from .units import FactUnit, evidence_record

__all__ = ["CAPITAL_METONYMS", "ENTITY_ALIASES", "entity_facts", "entity_key"]

#: Aliases folded before merging (normalised lower-case forms).
ENTITY_ALIASES = {
    "us": "united states",
    "u s": "united states",
    "usa": "united states",
    "u s a": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "u k": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "un": "united nations",
    "u n": "united nations",
    "eu": "european union",
    "dprk": "north korea",
    "ussr": "soviet union",
}
#: Capitals that stand for their government when they act ("Washington says", "Moscow's offer").
CAPITAL_METONYMS = {
    "washington": "united states",
    "moscow": "russia",
    "beijing": "china",
    "pyongyang": "north korea",
    "seoul": "south korea",
    "tokyo": "japan",
    "london": "united kingdom",
    "paris": "france",
}
_STOP_NAMES = frozenset({"the", "of", "for", "and", "a", "an", "in", "on", "at", "to"})


def entity_key(text: str) -> str:
    """Normalised form of an entity name: no article, no possessive, hyphens as spaces.

    >>> entity_key("Kim Jong-un"), entity_key("the United States'"), entity_key("North Korea’s")
    ('kim jong un', 'united states', 'north korea')
    """
    t = text.replace("’", "'").strip()
    t = re.sub(r"(?:'s|')$", "", t)
    t = re.sub(r"^(?:the)\s+", "", t, flags=re.IGNORECASE)
    t = t.replace(".", " ") if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", t) else t
    t = re.sub(r"[-‐‑–]", " ", t)
    t = " ".join(norm_word(w) for w in t.split())
    return ENTITY_ALIASES.get(t, t)


@dataclass
class _Mention:
    article: int
    k: int
    start: int
    end: int
    text: str
    label: str
    key: str
    note: str = ""


def _entity_mentions(aligned: AlignedStory, transcripts: set[int]) -> list[_Mention]:
    out = []
    for a, p in enumerate(aligned.parsed):
        if a in transcripts:
            continue
        for ent in p.doc.ents:
            if ent.label_ not in FACT_ENTITY_LABELS:
                continue
            key = entity_key(ent.text)
            if not key or not any(ch.isalpha() for ch in key):
                continue
            note = ""
            root = ent.root
            possessive = ent.end < len(p.doc) and p.doc[ent.end].tag_ == "POS"
            if key in CAPITAL_METONYMS and (root.dep_ in ("nsubj", "nsubjpass", "poss") or possessive):
                note = f"“{ent.text}” as the government → {CAPITAL_METONYMS[key].title()}"
                key = CAPITAL_METONYMS[key]
            k = aligned.sentence_at(a, ent.start_char)
            if k is None:
                continue
            out.append(_Mention(a, k, ent.start_char, ent.end_char, ent.text, ent.label_, key, note))
    return out


def _fits(full: str, toks: list[str]) -> bool:
    """Whether the key ``full`` is longer than the words ``toks`` and starts or ends with them."""
    ft = full.split()
    return len(ft) > len(toks) and (ft[: len(toks)] == toks or ft[-len(toks) :] == toks)


def _merge_short_forms(mentions: list[_Mention]) -> dict[tuple[int, str], tuple[str, str]]:
    """Map (article, short key) to (full key, note) for names that stand for one longer name."""
    counts = Counter(m.key for m in mentions)
    labels: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        labels[m.key][m.label] += 1
    full_names = {k for k in counts if len(k.split()) >= 2 and labels[k].most_common(1)[0][0] == "PERSON"}
    per_article: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        per_article[m.article].add(m.key)
    acronym_targets = {
        "".join(w[0] for w in k.split() if w not in _STOP_NAMES): k
        for k in counts
        if len(k.split()) >= 2 and labels[k].most_common(1)[0][0] in ("ORG", "GPE", "LOC", "FAC")
    }
    mapping: dict[tuple[int, str], tuple[str, str]] = {}
    for m in mentions:
        short = m.key
        if (m.article, short) in mapping:
            continue
        toks = short.split()
        if len(toks) == 1 and m.text.isupper() and short in acronym_targets:
            full = acronym_targets[short]
            mapping[(m.article, short)] = (full, f"“{m.text}” read as the acronym of {full.title()}")
            continue
        if m.label not in ("PERSON", "ORG") or short in full_names:
            continue
        for pool, where in ((per_article[m.article], "in this article"), (set(counts), "in the story")):
            cands = sorted(c for c in full_names & pool if _fits(c, toks))
            if not cands:
                continue
            ranked = sorted(cands, key=lambda c: (-counts[c], c))
            if len(ranked) == 1 or counts[ranked[0]] >= 2 * counts[ranked[1]]:
                extra = (
                    f"; also fits {', '.join(c.title() for c in ranked[1:])}, chose the most mentioned" if len(ranked) > 1 else ""
                )
                mapping[(m.article, short)] = (ranked[0], f"“{m.text}” read as short for {ranked[0].title()} ({where}){extra}")
            break
    return mapping


def entity_facts(aligned: AlignedStory, transcripts: set[int]) -> list[FactUnit]:
    """One ``entity`` fact per merged name, in order of first mention."""
    mentions = _entity_mentions(aligned, transcripts)
    mapping = _merge_short_forms(mentions)
    clusters: dict[str, list[_Mention]] = defaultdict(list)
    notes: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        key = m.key
        if (m.article, key) in mapping:
            key, note = mapping[(m.article, key)]
            notes[key].add(note)
        if m.note:
            notes[key].add(m.note)
        clusters[key].append(m)
    facts = []
    for key, ms in clusters.items():
        surfaces = Counter(m.text for m in ms)
        full = [s for s in surfaces if entity_key(s) == key]
        name = max(full or surfaces, key=lambda s: (surfaces[s], len(s), s))
        name = re.sub(r"^(?:the|The)\s+", "", re.sub(r"(?:'s|’s)$", "", name))
        label_kind = Counter(m.label for m in ms).most_common(1)[0][0]
        variants = sorted({m.text for m in ms if m.text != name and entity_key(m.text) == key})
        note_parts = sorted(notes[key])
        if variants:
            note_parts.insert(0, "also written " + ", ".join(f"“{v}”" for v in variants))
        evidence: dict[int, list[dict]] = defaultdict(list)
        for m in sorted(ms, key=lambda m: (m.article, m.start)):
            evidence[m.article].append(evidence_record(aligned, m.k, (m.start, m.end)))
        aliases = {entity_key(m.text) for m in ms} | {key}
        first = min(m.k for m in ms)
        facts.append(
            FactUnit(
                f"entity:{key.replace(' ', '-')}",
                "entity",
                f"{name} ({label_kind})",
                name,
                dict(evidence),
                "; ".join(note_parts),
                aliases=aliases,
                order=(3, first, key),
            )
        )
    facts.sort(key=lambda f: f.order)
    return facts
