"""Facts and coverage: what each outlet states, leaves out, changes or attributes.

A *fact unit* is something an article states that can be looked for in the
others. Four kinds:

- ``claim``: an alignment group (the same event or statement reported by
  several outlets), or a sentence no other outlet aligns with;
- ``entity``: a person, organisation or place, merged across spelling variants
  ("Kim Jong-un" = "Kim Jong Un"), short forms ("Kim", "Cho" = the one full
  name they can stand for), acronyms ("UN" = "United Nations") and a few
  aliases ("US" = "United States"; "Washington" only where it is the subject or
  possessor, i.e. the government). Every merge is written in the ``note``;
- ``number``: a quantity normalised by :mod:`compare.numbers`
  ("$500m" = "500 million dollars" = 5e8 USD), with its counted thing;
- ``quote``: a direct quotation, the versions of one statement across outlets
  grouped (see :func:`quote_table`).

Missing facts are checked before they are reported: an outlet is only said to
omit a fact when none of its sentences is a likely counterpart (alignment
score, shared content words and names, the same number in any form, any name
variant of the entity). False "missing" reports accuse an outlet of an omission
it did not make, so these checks lean towards silence.

A transcript in the story (``kind: transcript`` in its front matter) is the
primary source for quotes and is never treated as an outlet.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .alignment import AlignedStory
from .diffs import word_ops
from .errors import CompareWarning, UsageTypeError
from .normalize import norm_word, tokenize
from .numbers import (
    Quantity,
    QuantityMention,
    find_quantities,
    parse_quantity,
    same_amount,
)
from .settings import Settings
from .vocab import FACT_ENTITY_LABELS, UNKNOWN

__all__ = [
    "extract_facts",
    "coverage",
    "missing_facts",
    "unique_facts",
    "conflicts",
    "quote_table",
    "sources",
    "parse_quantity",
    "Quantity",
    "FACT_COLUMNS",
    "MISSING_COLUMNS",
    "UNIQUE_COLUMNS",
    "CONFLICT_COLUMNS",
    "QUOTE_COLUMNS",
    "SOURCE_COLUMNS",
    "EVIDENCE_KEYS",
    "FactAnalysis",
    "FactUnit",
    "analyse_facts",
    "as_analysis",
]

#: Columns of :func:`extract_facts` (``Comparison.facts``).
FACT_COLUMNS = ["fact", "kind", "label", "value", "articles", "outlets", "n_outlets", "importance", "evidence", "note"]
#: Columns of :func:`missing_facts` (``Comparison.missing``).
MISSING_COLUMNS = [
    "outlet", "article", "fact", "kind", "label", "stated_by", "n_stated", "importance",
    "evidence", "evidence_article", "evidence_start", "evidence_end", "note",
]
#: Columns of :func:`unique_facts` (``Comparison.unique``).
UNIQUE_COLUMNS = ["outlet", "article", "fact", "kind", "label", "importance", "evidence", "evidence_start", "evidence_end", "note"]
#: Columns of :func:`conflicts` (``Comparison.conflicts``).
CONFLICT_COLUMNS = [
    "thing", "unit", "status", "outlet_a", "article_a", "value_a", "text_a", "sentence_a",
    "outlet_b", "article_b", "value_b", "text_b", "sentence_b", "group", "note", "evidence",
]
#: Columns of :func:`quote_table` (``Comparison.quotes``).
QUOTE_COLUMNS = ["quote", "outlet", "article", "speaker", "start", "end", "text", "variant", "reference", "verb", "changes", "note"]
#: Columns of :func:`sources`.
SOURCE_COLUMNS = ["outlet", "article", "speaker", "n_quotes", "n_reported", "first_start", "first_sentence"]
#: Keys of each evidence record (a dict) in the ``evidence`` columns.
EVIDENCE_KEYS = ["article", "outlet", "sent", "start", "end", "text", "match_start", "match_end"]

#: Aliases folded before merging (normalised lower-case forms).
ENTITY_ALIASES = {
    "us": "united states", "u s": "united states", "usa": "united states", "u s a": "united states",
    "america": "united states", "uk": "united kingdom", "u k": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "un": "united nations", "u n": "united nations",
    "eu": "european union", "dprk": "north korea", "ussr": "soviet union",
}
#: Capitals that stand for their government when they act ("Washington says", "Moscow's offer").
CAPITAL_METONYMS = {
    "washington": "united states", "moscow": "russia", "beijing": "china", "pyongyang": "north korea",
    "seoul": "south korea", "tokyo": "japan", "london": "united kingdom", "paris": "france",
}
#: Words whose insertion into a quotation changes its meaning or tone.
TONE_WORDS = frozenset(
    "deep deeply very extremely totally utterly completely absolutely really so too huge massive terrible "
    "awful desperate desperately dire never not no none nothing always only just even clearly obviously "
    "blatant blatantly brutal".split()
)
#: Score (0–1) from which a sentence of another outlet counts as a possible counterpart of a claim.
COUNTERPART_CUTOFF = 0.4
#: Share of a claim's weighted content that an outlet's passage must contain to count as stating it.
CONTENT_CUTOFF = 0.3
_LEAD_SENTENCES = 3
_MIN_CLAIM_WORDS = 5
_STOP_NAMES = frozenset({"the", "of", "for", "and", "a", "an", "in", "on", "at", "to"})


# ---------------------------------------------------------------------------
# Internal records


@dataclass
class FactUnit:
    fact: str
    kind: str
    label: str
    value: Any
    evidence: dict[int, list[dict]] = field(default_factory=dict)  # article position -> evidence records
    note: str = ""
    thing: str | None = None
    quantity: Quantity | None = None
    aliases: set[str] = field(default_factory=set)
    order: tuple = ()

    @property
    def articles(self) -> list[int]:
        return sorted(self.evidence)

    def sentences(self) -> set[int]:
        return {ev["_k"] for evs in self.evidence.values() for ev in evs}


@dataclass
class FactAnalysis:
    """The fact units of one aligned story and what the facts tables share.

    ``facts`` are :class:`FactUnit` s in story order; ``outlets`` and
    ``transcripts`` are article positions; ``quotes`` the story's quotations
    with their groups; ``numbers`` each article's quantities.
    """

    aligned: AlignedStory
    facts: list[FactUnit]
    outlets: list[int]  # article positions that are outlets (not transcripts)
    transcripts: list[int]
    quotes: list[dict]
    numbers: dict[int, list[QuantityMention]]

    @property
    def features(self) -> tuple[tuple[frozenset[str], str], ...]:
        """Each sentence's alignment features (shared with the aligner, not recomputed)."""
        return self.aligned.features

    @property
    def weights(self) -> Mapping[str, float]:
        """Each feature's weight, as the aligner computed it."""
        return self.aligned.weights


def analyse_facts(aligned: AlignedStory) -> FactAnalysis:
    """Find the fact units of an aligned story once; every facts table reads the result.

    :class:`~compare.Comparison` caches it as ``fact_analysis``.
    """
    return _analyse(aligned)


def as_analysis(source: FactAnalysis | AlignedStory | Any) -> FactAnalysis:
    """The fact analysis of ``source``: a :class:`FactAnalysis`, an :class:`AlignedStory`
    (analysed now) or a :class:`~compare.Comparison` (its cached ``fact_analysis``)."""
    if isinstance(source, FactAnalysis):
        return source
    if isinstance(source, AlignedStory):
        return analyse_facts(source)
    cached = getattr(source, "fact_analysis", None)
    if isinstance(cached, FactAnalysis):
        return cached
    raise UsageTypeError("facts", f"need a Comparison, an AlignedStory or a FactAnalysis, not {type(source).__name__}")


# ---------------------------------------------------------------------------
# Sentences and evidence


def _evidence(aligned: AlignedStory, k: int, match: tuple[int, int] | None = None) -> dict:
    s = aligned.sentences[k]
    art = aligned.parsed[s.article].article
    lo, hi = match if match else (s.start, s.end)
    lo, hi = max(lo, s.start), min(hi, s.end)  # a quotation may run on into the next sentence
    return {
        "article": art.id,
        "outlet": aligned.story.labels[art.id],
        "sent": s.index,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "match_start": lo,
        "match_end": hi,
        "_k": k,
    }


def _public_evidence(evs: dict[int, list[dict]]) -> list[dict]:
    return [{key: ev[key] for key in EVIDENCE_KEYS} for a in sorted(evs) for ev in evs[a][:1]]


def _is_lead(aligned: AlignedStory, k: int) -> bool:
    s = aligned.sentences[k]
    n = len(aligned.parsed[s.article].article.text)
    return s.index < _LEAD_SENTENCES or s.start < 0.15 * n


def _shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------------------
# Claims


def _content_words(span) -> int:
    return sum(1 for t in span if t.is_alpha and not t.is_stop)


def _claims(aligned: AlignedStory, transcripts: set[int]) -> list[FactUnit]:
    facts: list[FactUnit] = []
    grouped: set[int] = set()
    for kind, g in aligned.rows:
        if kind != "g":
            continue
        evidence: dict[int, list[dict]] = defaultdict(list)
        for s in aligned.group_sentences(g):
            k = aligned.sentence_id(s.article, s.index)
            grouped.add(k)
            if s.article not in transcripts:
                evidence[s.article].append(_evidence(aligned, k))
        if not evidence:
            continue
        ordered = [ev for a in sorted(evidence) for ev in evidence[a]]
        titles = {(aligned.parsed[a].article.title or "").strip() for a in evidence}
        plain = [ev for ev in ordered if not ev["text"].rstrip().endswith("?") and ev["text"].strip() not in titles]
        first = (plain or ordered)[0]
        facts.append(FactUnit(f"claim:{g}", "claim", _shorten(first["text"]), g, dict(evidence), order=(0, ordered[0]["_k"])))
    for k, s in enumerate(aligned.sentences):
        if k in grouped or s.article in transcripts:
            continue
        text = s.text.strip()
        art = aligned.parsed[s.article].article
        if text.endswith("?") or _content_words(s.span) < _MIN_CLAIM_WORDS or text == (art.title or "").strip():
            continue
        ev = _evidence(aligned, k)
        facts.append(FactUnit(f"claim:{art.id}:{s.index}", "claim", _shorten(text), None, {s.article: [ev]}, order=(0, k)))
    facts.sort(key=lambda f: f.order)
    return facts


# ---------------------------------------------------------------------------
# Entities


def entity_key(text: str) -> str:
    """Normalised form of an entity name: no article, no possessive, hyphens as spaces.

    >>> entity_key("Kim Jong-un"), entity_key("the United States'"), entity_key("North Korea’s")
    ('kim jong un', 'united states', 'north korea')
    """
    t = text.replace("’", "'").strip()
    t = re.sub(r"(?:'s|')$", "", t)
    t = re.sub(r"^(?:the)\s+", "", t, flags=re.I)
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

        def fits(full: str) -> bool:
            ft = full.split()
            return len(ft) > len(toks) and (ft[: len(toks)] == toks or ft[-len(toks):] == toks)

        for pool, where in ((per_article[m.article], "in this article"), (set(counts), "in the story")):
            cands = sorted(c for c in full_names & pool if fits(c))
            if not cands:
                continue
            ranked = sorted(cands, key=lambda c: (-counts[c], c))
            if len(ranked) == 1 or counts[ranked[0]] >= 2 * counts[ranked[1]]:
                extra = f"; also fits {', '.join(c.title() for c in ranked[1:])}, chose the most mentioned" if len(ranked) > 1 else ""
                mapping[(m.article, short)] = (ranked[0], f"“{m.text}” read as short for {ranked[0].title()} ({where}){extra}")
            break
    return mapping


def _entities(aligned: AlignedStory, transcripts: set[int]) -> list[FactUnit]:
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
            evidence[m.article].append(_evidence(aligned, m.k, (m.start, m.end)))
        aliases = {entity_key(m.text) for m in ms} | {key}
        first = min(m.k for m in ms)
        facts.append(FactUnit(f"entity:{key.replace(' ', '-')}", "entity", f"{name} ({label_kind})", name, dict(evidence),
                           "; ".join(note_parts), aliases=aliases, order=(3, first, key)))
    facts.sort(key=lambda f: f.order)
    return facts


# ---------------------------------------------------------------------------
# Numbers


def _number_key(q: Quantity) -> str:
    if isinstance(q.value, str):
        return f"{q.unit}:{q.value}"
    if q.is_range:
        return f"{q.unit or 'count'}:{q.low:g}-{q.high:g}"
    return f"{q.unit or 'count'}:{q.value:g}"


def _numbers(aligned: AlignedStory, transcripts: set[int], found: dict[int, list[QuantityMention]]) -> list[FactUnit]:
    groups: dict[str, list[tuple[int, QuantityMention]]] = defaultdict(list)
    for a, mentions in found.items():
        if a in transcripts:
            continue
        for m in mentions:
            q = m.quantity
            if q.unit is None and q.thing is None and not isinstance(q.value, str) and float(q.value) < 10:
                continue  # "two" with nothing counted says little
            groups[_number_key(q)].append((a, m))
    facts = []
    for key, items in groups.items():
        evidence: dict[int, list[dict]] = defaultdict(list)
        for a, m in sorted(items, key=lambda x: (x[0], x[1].start)):
            k = aligned.sentence_at(a, m.start)
            if k is not None:
                evidence[a].append(_evidence(aligned, k, (m.start, m.end)))
        if not evidence:
            continue
        things = Counter(m.quantity.thing for _, m in items if m.quantity.thing)
        thing = things.most_common(1)[0][0] if things else None
        quals = sorted({m.quantity.text for _, m in items})
        q0 = items[0][1].quantity
        plain = Quantity(q0.value, q0.unit, q0.low, q0.high, thing=thing)
        label = plain.display() + (f" ({thing})" if thing else "")
        note = "written " + ", ".join(f"“{t}”" for t in quals)
        first = min(ev["_k"] for evs in evidence.values() for ev in evs)
        facts.append(FactUnit(f"number:{key}", "number", label, q0.value if not q0.is_range else (q0.low, q0.high),
                           dict(evidence), note, thing=thing, quantity=plain, order=(2, first, key)))
    facts.sort(key=lambda f: f.order)
    return facts


# ---------------------------------------------------------------------------
# Quotes


def _speaker_key(speaker: str, mapping: dict[str, str]) -> str:
    if not speaker or speaker == UNKNOWN:
        return UNKNOWN
    key = entity_key(speaker)
    return mapping.get(key, key)


def _speaker_map(names: list[str]) -> dict[str, str]:
    """Short speaker names to the one longer name they fit ("cho" -> "cho han bum")."""
    keys = sorted({entity_key(n) for n in names if n and n != UNKNOWN})
    out = {}
    for k in keys:
        toks = k.split()
        cands = [f for f in keys if len(f.split()) > len(toks)
                 and (f.split()[: len(toks)] == toks or f.split()[-len(toks):] == toks)]
        if len(cands) == 1:
            out[k] = cands[0]
    return out


def _words(text: str) -> list[str]:
    return [norm_word(t) for t, _, _ in tokenize(text) if any(ch.isalnum() for ch in t)]


def _same_statement(a: str, b: str) -> bool:
    return _same_words(_words(a), _words(b))


def _same_words(wa: list[str], wb: list[str]) -> bool:
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    if min(len(wa), len(wb)) < 4:
        return False
    equal = [i2 - i1 for tag, i1, i2, _, _ in Levenshtein.opcodes(wa, wb) if tag == "equal"]
    shared = sum(equal)
    return shared / min(len(wa), len(wb)) >= 0.6 or max(equal, default=0) >= 8


def _classify(reference: str, version: str, version_pos: list[str] | None = None) -> tuple[str, str]:
    """``identical``, ``trimmed``, ``reworded`` or ``altered`` and a short list of the changes."""
    wr, wv = _words(reference), _words(version)
    if wr == wv:
        return "identical", ""
    ops = word_ops(reference, version)
    changes, inserted, replaced = [], [], []
    for o in ops:
        a_txt, b_txt = reference[o.a_start:o.a_end], version[o.b_start:o.b_end]
        op = {(True, True): o.op, (True, False): "delete", (False, True): "insert"}.get(
            (bool(_words(a_txt)), bool(_words(b_txt))), "equal")
        if o.op == "equal" or op == "equal":
            continue
        if op == "delete":
            changes.append(f"drops “{_shorten(a_txt, 60)}”")
        elif op == "insert":
            changes.append(f"adds “{_shorten(b_txt, 60)}”")
            inserted.extend(_words(b_txt))
        else:
            changes.append(f"“{_shorten(a_txt, 40)}” → “{_shorten(b_txt, 40)}”")
            replaced.append((_words(a_txt), _words(b_txt)))
    if not inserted and not replaced:
        return "trimmed", "; ".join(changes)
    new_words = set(inserted) | {w for _, b in replaced for w in b}
    old_words = {w for a, _ in replaced for w in a}
    neg = lambda ws: sum(w in ("not", "no", "never", "n't", "none", "nothing") for w in ws)  # noqa: E731
    numbers_changed = {w for w in new_words if w[:1].isdigit()} != {w for w in old_words if w[:1].isdigit()}
    tone = (new_words - old_words) & TONE_WORDS
    if tone or numbers_changed or neg(wr) != neg(wv) or (version_pos and set(inserted) & set(version_pos)):
        return "altered", "; ".join(changes)
    return "reworded", "; ".join(changes)


def _modifiers(parsed, start: int, end: int) -> list[str]:
    """Adjectives and adverbs of a quotation (inserted ones change its tone)."""
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    return [norm_word(t.text) for t in (span if span is not None else ()) if t.pos_ in ("ADJ", "ADV") and t.dep_ in ("amod", "advmod")]


def _quotes(aligned: AlignedStory, transcripts: set[int]) -> list[dict]:
    from .quotes import find_quotes

    records = []
    for a, p in enumerate(aligned.parsed):
        if a in transcripts:
            continue
        for q in find_quotes(p):
            if not _words(q.text):
                continue
            records.append({"a": a, "q": q})
    mapping = _speaker_map([r["q"].speaker for r in records])
    for r in records:
        r["speaker_key"] = _speaker_key(r["q"].speaker, mapping)
    # Group versions of the same statement (union-find over pairs from different articles).
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [_words(r["q"].text) for r in records]
    for i, j in _candidate_pairs(words):
        if records[i]["a"] != records[j]["a"] and _same_words(words[i], words[j]):
            parent[find(j)] = find(i)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        clusters[find(i)].append(i)
    order = sorted(clusters.values(), key=lambda ms: min((records[i]["a"], records[i]["q"].start) for i in ms))
    transcript = [(t, aligned.parsed[t]) for t in transcripts]
    for n, members in enumerate(order, 1):
        _classify_group(aligned, [records[i] for i in members], n, transcript)
    return [records[i] for ms in order for i in sorted(ms, key=lambda i: (records[i]["a"], records[i]["q"].start))]


def _candidate_pairs(words: list[list[str]]) -> list[tuple[int, int]]:
    """Pairs of quotes that share a content word (only those can be the same statement)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    index: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in set(ws) - STOP_WORDS:
            index[w].append(i)
    pairs = {(x, y) for ids in index.values() for k, x in enumerate(ids) for y in ids[k + 1 :]}
    by_words: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        by_words[tuple(ws)].append(i)
    pairs |= {(x, y) for ids in by_words.values() for k, x in enumerate(ids) for y in ids[k + 1 :]}
    return sorted(pairs)


def _classify_group(aligned: AlignedStory, group: list[dict], n: int, transcript: list) -> None:
    labels = aligned.story.labels
    speakers = {r["speaker_key"] for r in group if r["speaker_key"] != UNKNOWN}
    misattributed = len(speakers) > 1
    by_article: dict[int, list[dict]] = defaultdict(list)
    for r in group:
        by_article[r["a"]].append(r)
    ref_text, ref_label = None, None
    for t, parsed in transcript:
        best = max((fuzz.partial_ratio_alignment(" ".join(_words(r["q"].text)), " ".join(_words(parsed.article.text))) for r in group),
                   key=lambda al: al.score, default=None)
        if best is not None and best.score >= 80:
            ref_text = _transcript_span(parsed.article.text, group)
            ref_label = labels[parsed.article.id]
            break
    if ref_text is None:
        ref_a = max(by_article, key=lambda a: (sum(len(_words(r["q"].text)) for r in by_article[a]), -a))
        ref_label = labels[aligned.parsed[ref_a].article.id]
        refs = [r["q"].text for r in sorted(by_article[ref_a], key=lambda r: r["q"].start)]
    else:
        refs = [ref_text]
    candidates = refs + ([" ".join(refs)] if len(refs) > 1 else [])
    for r in group:
        q = r["q"]
        best = max(candidates, key=lambda c: (_shared_words(c, q.text), -abs(len(c) - len(q.text))))
        pos = _modifiers(aligned.parsed[r["a"]], q.start, q.end)
        variant, changes = _classify(best, q.text, pos)
        note = []
        if misattributed:
            names = sorted({x["q"].speaker for x in group if x["speaker_key"] != UNKNOWN})
            note.append("attributed to different speakers: " + ", ".join(names))
        if q.speaker == UNKNOWN:
            note.append("no speaker named")
        r.update(quote=n, variant=variant, reference=ref_label, changes=changes, note="; ".join(note))


def _shared_words(a: str, b: str) -> int:
    wa, wb = _words(a), _words(b)
    return sum(i2 - i1 for tag, i1, i2, _, _ in Levenshtein.opcodes(wa, wb) if tag == "equal")


def _transcript_span(text: str, group: list[dict]) -> str:
    """The transcript's words that best match the longest version of the quotation."""
    longest = max((r["q"].text for r in group), key=len)
    al = fuzz.partial_ratio_alignment(longest, text)
    lo, hi = al.dest_start, al.dest_end
    while lo > 0 and text[lo - 1].isalnum():
        lo -= 1
    while hi < len(text) and text[hi].isalnum():
        hi += 1
    return text[lo:hi]


def _quote_facts(aligned: AlignedStory, quotes: list[dict]) -> list[FactUnit]:
    by_quote: dict[int, list[dict]] = defaultdict(list)
    for r in quotes:
        by_quote[r["quote"]].append(r)
    facts = []
    for n, rs in sorted(by_quote.items()):
        evidence: dict[int, list[dict]] = defaultdict(list)
        for r in rs:
            k = aligned.sentence_at(r["a"], r["q"].start)
            if k is not None:
                evidence[r["a"]].append(_evidence(aligned, k, (r["q"].start, r["q"].end)))
        if not evidence:
            continue
        known = [r["q"].speaker for r in rs if r["q"].speaker != UNKNOWN]
        speaker = max(known, key=lambda s: (len(s), s)) if known else UNKNOWN
        text = max((r["q"].text for r in rs), key=len)
        first = min(ev["_k"] for evs in evidence.values() for ev in evs)
        facts.append(FactUnit(f"quote:{n}", "quote", f"{speaker}: “{_shorten(text, 70)}”", text, dict(evidence),
                           rs[0]["note"], order=(1, first)))
    return facts


# ---------------------------------------------------------------------------
# The analysis


def _analyse(aligned: AlignedStory) -> FactAnalysis:
    parsed = aligned.parsed
    transcripts = {a for a, p in enumerate(parsed) if str(p.article.meta.get("kind", "")).lower() == "transcript"}
    outlets = [a for a in range(len(parsed)) if a not in transcripts]
    numbers = {a: find_quantities(p.doc) for a, p in enumerate(parsed)}
    quotes = _quotes(aligned, transcripts)
    facts = (
        _claims(aligned, transcripts)
        + _quote_facts(aligned, quotes)
        + _numbers(aligned, transcripts, numbers)
        + _entities(aligned, transcripts)
    )
    return FactAnalysis(aligned, facts, outlets, sorted(transcripts), quotes, numbers)


def _importance(aligned: AlignedStory, f: FactUnit) -> float:
    lead = sum(any(_is_lead(aligned, ev["_k"]) for ev in evs) for evs in f.evidence.values())
    return round(len(f.evidence) + 0.5 * lead / max(len(f.evidence), 1), 3)


def _labels_of(aligned: AlignedStory, arts: list[int]) -> list[str]:
    return [aligned.story.labels[aligned.parsed[a].article.id] for a in arts]


def extract_facts(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Fact units found in any article of a comparison.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        One row per fact, claims first, then quotes, numbers and entities, each
        in reading order. Columns (:data:`FACT_COLUMNS`):

        - ``fact``: id, e.g. ``claim:3`` (alignment group 3), ``claim:wire:7``
          (a sentence no other outlet aligns with), ``quote:2``,
          ``number:t:2000``, ``entity:kim-jong-un``;
        - ``kind``: ``claim``, ``quote``, ``number`` or ``entity``;
        - ``label``: a short readable description;
        - ``value``: group number (claim), quotation text (quote), normalised
          value (number: float, ``(low, high)`` or ISO date) or name (entity);
        - ``articles``: ids of the articles stating it; ``outlets``: their labels;
        - ``n_outlets``: how many outlets state it;
        - ``importance``: ``n_outlets`` plus up to 0.5 for lead position;
        - ``evidence``: one record per article (dict with :data:`EVIDENCE_KEYS`:
          sentence text and offsets, and the offsets of the matched words);
        - ``note``: merges made (spelling variants, short forms), numbers as
          written, quote attribution remarks.
    """
    an = as_analysis(source)
    aligned = an.aligned
    rows = []
    for f in an.facts:
        arts = f.articles
        rows.append((
            f.fact, f.kind, f.label, f.value,
            [aligned.parsed[a].article.id for a in arts], _labels_of(aligned, arts),
            len(arts), _importance(aligned, f), _public_evidence(f.evidence), f.note,
        ))
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def coverage(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Which outlet states which fact: a boolean fact × outlet matrix.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        Index ``fact`` (ids as in :func:`extract_facts`), one boolean column per
        outlet (story display labels, story order; transcripts excluded). Rows
        ordered by the number of outlets stating the fact (most first), then
        importance, then the order of :func:`extract_facts`.
    """
    an = as_analysis(source)
    aligned = an.aligned
    labels = _labels_of(aligned, an.outlets)
    rows, keys = [], []
    for pos, f in enumerate(an.facts):
        row = [a in f.evidence for a in an.outlets]
        rows.append(row)
        keys.append((-sum(row), -_importance(aligned, f), pos))
    df = pd.DataFrame(rows, columns=labels, index=pd.Index([f.fact for f in an.facts], name="fact"), dtype=bool)
    order = sorted(range(len(rows)), key=lambda i: keys[i])
    return df.iloc[order]


# ---------------------------------------------------------------------------
# Counterpart checks (before calling a fact missing)


def _content_share(an: FactAnalysis, source: int, passage: set[str]) -> float:
    """Weighted share of a sentence's features found in a passage's features."""
    feats = an.features[source][0]
    total = sum(an.weights.get(f, 0.0) for f in feats)
    if not total:
        return 0.0
    return sum(an.weights.get(f, 0.0) for f in feats if f in passage) / total


def _claim_counterpart(aligned: AlignedStory, an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    """Whether ``outlet`` has a sentence that may state claim ``f``, and which."""
    ks = aligned.article_sentences(outlet)
    best_k, best = None, 0.0
    for src in f.sentences():
        for k in ks:
            sc = aligned.pair_score(src, k)
            if sc > best:
                best_k, best = k, sc
    if best >= COUNTERPART_CUTOFF:
        return True, f"possible counterpart (score {best:.2f}): “{_shorten(aligned.sentences[best_k].text, 80)}”"
    windows = [set(an.features[k][0]) for k in ks]
    windows += [set(an.features[a][0]) | set(an.features[b][0]) for a, b in zip(ks, ks[1:])]
    share = max((max((_content_share(an, src, w) for w in windows), default=0.0) for src in f.sentences()), default=0.0)
    if share >= CONTENT_CUTOFF:
        return True, f"its wording overlaps {share:.0%} of the claim's names and words"
    return False, ""


def _number_counterpart(aligned: AlignedStory, an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    for m in an.numbers.get(outlet, []):
        if f.quantity is not None and same_amount(m.quantity, f.quantity)[0]:
            return True, f"states the same amount as “{m.quantity.text}”"
    for src in f.sentences():
        for k in aligned.article_sentences(outlet):
            if aligned.pair_score(src, k) >= aligned.settings.score_cutoff:
                return True, "reports the same claim without the number"
    return False, ""


def _entity_counterpart(aligned: AlignedStory, f: FactUnit, outlet: int) -> tuple[bool, str]:
    text = " ".join(entity_key(w) for w in aligned.parsed[outlet].article.text.split())
    padded = f" {text} "
    for alias in sorted(f.aliases):
        if f" {alias} " in padded:
            return True, f"names it as “{alias}”"
    if f.label.endswith("(PERSON)"):
        last = sorted(f.aliases, key=len)[-1].split()[-1]
        if len(last) >= 4 and f" {last} " in padded:
            return True, f"names “{last}”"
    return False, ""


def _counterpart(aligned: AlignedStory, an: FactAnalysis, f: FactUnit, outlet: int) -> tuple[bool, str]:
    if f.kind == "entity":
        return _entity_counterpart(aligned, f, outlet)
    if f.kind == "number":
        return _number_counterpart(aligned, an, f, outlet)
    return _claim_counterpart(aligned, an, f, outlet)


def _default_min(n_outlets: int) -> int:
    """Half of the other outlets, rounded up; at least 2 once there are 3 outlets.

    A fact only one outlet states is that outlet's own (see :func:`unique_facts`):
    on the benchmarks more than half of such "omissions" were paraphrases the
    aligner missed, so they are not reported as missing by default.
    """
    others = n_outlets - 1
    return max(1 if others < 2 else 2, math.ceil(others / 2))


def missing_facts(source: FactAnalysis | AlignedStory, min_outlets: int | None = None) -> pd.DataFrame:
    """Facts an outlet omits that at least ``min_outlets`` other outlets state.

    Before a fact is reported missing from an outlet, that outlet's sentences
    are searched for a counterpart: a sentence the aligner scored at least
    :data:`COUNTERPART_CUTOFF` against a sentence stating the fact, a passage
    holding at least :data:`CONTENT_CUTOFF` of the fact's weighted names,
    numbers and words, the same amount in any form (numbers), or any name
    variant (entities). Only facts with no counterpart are listed.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).
    min_outlets : int, optional
        Default: half of the other outlets, rounded up, at least 1 — and at
        least 2 when the story has three or more outlets, because a fact only
        one outlet states is too often a paraphrase the aligner missed (see
        :func:`unique_facts` for those).

    Returns
    -------
    pandas.DataFrame
        One row per (outlet, fact), most important first (more outlets stating
        it, lead position), then story order. Columns (:data:`MISSING_COLUMNS`):
        ``outlet``, ``article`` (the omitting outlet and its article id),
        ``fact``, ``kind``, ``label``, ``stated_by`` (outlet labels),
        ``n_stated``, ``importance``, ``evidence`` (the full text of a sentence
        that states it), ``evidence_article``, ``evidence_start``,
        ``evidence_end`` (where that sentence is), ``note``.

    Warns
    -----
    CompareWarning
        When the story has a single outlet: nothing can be missing.
    """
    an = as_analysis(source)
    aligned = an.aligned
    if len(an.outlets) < 2:
        warnings.warn(
            f"{aligned.story.name}: one outlet only, so no fact can be missing; add another outlet's article",
            CompareWarning, stacklevel=2,
        )
        return pd.DataFrame([], columns=MISSING_COLUMNS)
    if min_outlets is not None:
        Settings(min_outlets=min_outlets)  # the one place options are checked
    k_min = _default_min(len(an.outlets)) if min_outlets is None else min_outlets
    rows = []
    for pos, f in enumerate(an.facts):
        stating = [a for a in an.outlets if a in f.evidence]
        if len(stating) < k_min:
            continue
        for outlet in an.outlets:
            if outlet in f.evidence:
                continue
            found, _ = _counterpart(aligned, an, f, outlet)
            if found:
                continue
            ev = f.evidence[stating[0]][0]
            art = aligned.parsed[outlet].article
            imp = _importance(aligned, f)
            note = f.note
            if len(stating) == 1:
                note = "; ".join(x for x in ("stated by one outlet only: check by hand", note) if x)
            rows.append(((-imp, outlet, pos), (
                aligned.story.labels[art.id], art.id, f.fact, f.kind, f.label, _labels_of(aligned, stating),
                len(stating), imp, ev["text"], ev["article"], ev["start"], ev["end"], note,
            )))
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame([r for _, r in rows], columns=MISSING_COLUMNS)


def unique_facts(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Facts that only one outlet states (and no other outlet has a likely counterpart of).

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        Columns (:data:`UNIQUE_COLUMNS`): ``outlet``, ``article``, ``fact``,
        ``kind``, ``label``, ``importance``, ``evidence`` (sentence text),
        ``evidence_start``, ``evidence_end``, ``note``. Most important first,
        then story order. Empty for a one-outlet story.
    """
    an = as_analysis(source)
    aligned = an.aligned
    if len(an.outlets) < 2:
        return pd.DataFrame([], columns=UNIQUE_COLUMNS)
    rows = []
    for pos, f in enumerate(an.facts):
        stating = [a for a in an.outlets if a in f.evidence]
        if len(stating) != 1:
            continue
        if any(_counterpart(aligned, an, f, o)[0] for o in an.outlets if o != stating[0]):
            continue
        ev = f.evidence[stating[0]][0]
        imp = _importance(aligned, f)
        rows.append(((-imp, stating[0], pos), (
            ev["outlet"], ev["article"], f.fact, f.kind, f.label, imp, ev["text"], ev["start"], ev["end"], f.note,
        )))
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame([r for _, r in rows], columns=UNIQUE_COLUMNS)


# ---------------------------------------------------------------------------
# Number conflicts


def conflicts(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """The same counted thing given different values, by two outlets or one article twice.

    Two numbers are compared when they have the same unit and counted thing
    and their sentences report the same claim (same alignment group, or an
    alignment score of at least :data:`COUNTERPART_CUTOFF`; within one article,
    sentences whose other words mostly agree). Values that differ only by
    rounding or qualifier ("about 10,000" vs "10,000") are listed with status
    ``agreement`` and a note, never as a conflict.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        Columns (:data:`CONFLICT_COLUMNS`): ``thing``, ``unit``, ``status``
        (``conflict`` or ``agreement``), for each side ``outlet_*``,
        ``article_*``, ``value_*`` (normalised), ``text_*`` (the number as
        written), ``sentence_*`` (full sentence); ``group`` (alignment group or
        <NA>), ``note``, ``evidence`` (two evidence records). Conflicts first.
    """
    an = as_analysis(source)
    aligned = an.aligned
    group_of = {}
    for kind, g in aligned.rows:
        if kind == "g":
            for s in aligned.group_sentences(g):
                group_of[(s.article, s.index)] = g
    items = []
    for a in an.outlets:
        for m in an.numbers.get(a, []):
            q = m.quantity
            if q.thing is None or q.unit in ("year", "date") or isinstance(q.value, str):
                continue
            k = aligned.sentence_at(a, m.start)
            if k is not None:
                items.append((a, k, m))
    seen, rows = set(), []
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            (a1, k1, m1), (a2, k2, m2) = items[x], items[y]
            q1, q2 = m1.quantity, m2.quantity
            if k1 == k2 or q1.unit != q2.unit or q1.thing != q2.thing:
                continue
            s1, s2 = aligned.sentences[k1], aligned.sentences[k2]
            g1, g2 = group_of.get((s1.article, s1.index)), group_of.get((s2.article, s2.index))
            if a1 == a2:
                if not _similar_context(an, k1, k2):
                    continue
            elif not ((g1 is not None and g1 == g2) or aligned.pair_score(k1, k2) >= COUNTERPART_CUTOFF):
                continue
            agree, note = same_amount(q1, q2)
            if agree and not note:
                continue
            if not agree and _has_match(items, a1, a2, q1, q2, k1, k2):
                continue
            key = (k1, k2, q1.text, q2.text)
            if key in seen:
                continue
            seen.add(key)
            if not agree:
                note = f"{q1.display()} vs {q2.display()}"
                if _compatible(q1, q2):
                    note += " (not strictly contradictory: one is a bound)"
            ev1, ev2 = _evidence(aligned, k1, (m1.start, m1.end)), _evidence(aligned, k2, (m2.start, m2.end))
            rows.append(((0 if not agree else 1, k1, k2), (
                q1.thing, q1.unit, "agreement" if agree else "conflict",
                ev1["outlet"], ev1["article"], _value(q1), q1.text, ev1["text"],
                ev2["outlet"], ev2["article"], _value(q2), q2.text, ev2["text"],
                g1 if g1 is not None and g1 == g2 else pd.NA, note,
                [{k: ev[k] for k in EVIDENCE_KEYS} for ev in (ev1, ev2)],
            )))
    rows.sort(key=lambda r: r[0])
    df = pd.DataFrame([r for _, r in rows], columns=CONFLICT_COLUMNS)
    df["group"] = df["group"].astype("Int64")
    return df


def _value(q: Quantity) -> Any:
    return (q.low, q.high) if q.is_range else q.value


def _has_match(items, a1: int, a2: int, q1: Quantity, q2: Quantity, k1: int, k2: int) -> bool:
    """True when the other sentence also gives the first one's value (then the pair is not a conflict)."""
    others2 = [m.quantity for a, k, m in items if k == k2 and m.quantity.thing == q1.thing and m.quantity.unit == q1.unit]
    others1 = [m.quantity for a, k, m in items if k == k1 and m.quantity.thing == q2.thing and m.quantity.unit == q2.unit]
    return any(same_amount(q1, o)[0] for o in others2) or any(same_amount(q2, o)[0] for o in others1)


def _compatible(a: Quantity, b: Quantity) -> bool:
    def inside(q: Quantity, x: float) -> bool:
        return (q.low is None or x >= q.low) and (q.high is None or x <= q.high)

    a_exact, b_exact = a.low == a.high, b.low == b.high
    return (b_exact and not a_exact and inside(a, float(b.value))) or (a_exact and not b_exact and inside(b, float(a.value)))


def _similar_context(an: FactAnalysis, k1: int, k2: int) -> bool:
    l1 = " ".join(w for w in an.features[k1][1].split() if not w[:1].isdigit())
    l2 = " ".join(w for w in an.features[k2][1].split() if not w[:1].isdigit())
    return bool(l1 and l2) and fuzz.token_set_ratio(l1, l2) >= 70


# ---------------------------------------------------------------------------
# Quotes and sources


def quote_table(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Direct quotations, the versions of one statement grouped and compared word by word.

    Versions of the same statement (mostly the same words, in different
    outlets) share a ``quote`` id. Each version is compared with the
    reference — a transcript in the story when it holds the words, otherwise
    the outlet that quotes most of the statement — and classified:

    - ``identical``: the same words (spelling and punctuation aside);
    - ``trimmed``: words left out, none added (one is a sub-span of the other);
    - ``reworded``: words swapped without a change of meaning or tone;
    - ``altered``: inserted or swapped words that change meaning or tone
      (intensifiers, negation, numbers, added adjectives/adverbs).

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        One row per quotation. Columns (:data:`QUOTE_COLUMNS`): ``quote``
        (group id), ``outlet``, ``article``, ``speaker`` (as written,
        ``UNKNOWN`` when none), ``start``, ``end`` (offsets of the quoted
        words in ``Article.text``), ``text``, ``variant``, ``reference`` (label
        of the version compared with), ``verb`` (attribution verb lemma),
        ``changes`` (word changes against the reference), ``note`` (e.g. a
        quotation attributed to different speakers in different outlets).
    """
    an = as_analysis(source)
    aligned = an.aligned
    rows = []
    for r in an.quotes:
        q = r["q"]
        art = aligned.parsed[r["a"]].article
        rows.append((r["quote"], aligned.story.labels[art.id], art.id, q.speaker, q.start, q.end, q.text,
                     r["variant"], r["reference"], q.verb, r["changes"], r["note"]))
    df = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return df.astype({"quote": "int64", "start": "int64", "end": "int64"}) if len(df) else df


def sources(source: FactAnalysis | AlignedStory) -> pd.DataFrame:
    """Who gets a voice in each article: quoted and reported speakers.

    Parameters
    ----------
    source : Comparison, AlignedStory or FactAnalysis
        What to read the fact units from (see :func:`as_analysis`).

    Returns
    -------
    pandas.DataFrame
        One row per (outlet, speaker), in story order and then by first
        appearance. Columns (:data:`SOURCE_COLUMNS`): ``outlet``, ``article``,
        ``speaker`` (the fullest name the article uses; ``UNKNOWN`` for
        unattributed quotations), ``n_quotes`` (direct quotations),
        ``n_reported`` (indirect speech), ``first_start`` (offset of the first
        sentence where the speaker is quoted or reported), ``first_sentence``.
    """
    from .quotes import find_quotes, find_reported

    an = as_analysis(source)
    aligned = an.aligned
    rows = []
    for a in an.outlets:
        p = aligned.parsed[a]
        stats: dict[str, list] = {}
        names: dict[str, str] = {}
        items = [(q, 0) for q in find_quotes(p)] + [(q, 1) for q in find_reported(p)]
        mapping = _speaker_map([q.speaker for q, _ in items])
        for q, reported in sorted(items, key=lambda x: x[0].start):
            key = _speaker_key(q.speaker, mapping)
            names[key] = max(names.get(key, q.speaker), q.speaker, key=lambda s: (len(s), s))
            k = aligned.sentence_at(a, q.start)
            s = aligned.sentences[k] if k is not None else None
            st = stats.setdefault(key, [0, 0, s.start if s else q.start, s.text if s else q.text])
            st[reported] += 1
        for key, (nq, nr, first, sent) in sorted(stats.items(), key=lambda kv: kv[1][2]):
            rows.append((aligned.story.labels[p.article.id], p.article.id, names[key], nq, nr, first, sent))
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)
