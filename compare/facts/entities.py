"""Entity facts: names found by the parser, merged across spellings, short forms and aliases.

"Kim Jong-un" = "Kim Jong Un" (:func:`entity_key`), "F.B.I." = "FBI", "US" =
"United States" (:data:`ENTITY_ALIASES`), "UN" = "United Nations" (acronyms),
"Washington" = the United States only where it is the subject or possessor
(:data:`CAPITAL_METONYMS`), never in a dateline. Person names are merged with
the longer name they are a form of: "Kim" or "Cho Han" (a surname, a first
name, a name the parser cut short) with the one full name they fit, "Paul Ryan"
with "Paul D. Ryan" (initials, "Jr.", middle names), "Representative Ryan"
and "Mr. Ryan" are "Ryan" (:data:`TITLE_WORDS`; rules in :mod:`.names`).
"The North" is the story's divided country (:data:`DIVIDED_COUNTRIES`) or no
fact at all; a span without a capital letter ("n't", "rifle association") is
no name; a place named only in datelines is where the story was filed, not a
fact. Every merge is written in the fact's ``note``; the label is the spelling
most articles use (a dateline's capitals in title case).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..alignment import AlignedStory
from ..datelines import dateline
from ..normalize import norm_word
from ..vocab import FACT_ENTITY_LABELS
from .names import TITLE_WORDS, fits_name, is_name_variant, richness, untitled
from .units import FactUnit, evidence_record

__all__ = ["CAPITAL_METONYMS", "DIVIDED_COUNTRIES", "ENTITY_ALIASES", "TITLE_WORDS", "entity_facts", "entity_key"]

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
#: Countries a story calls "the North", "the South", ... once it has named them.
DIVIDED_COUNTRIES = {
    "north": ("north korea", "north vietnam", "north yemen"),
    "south": ("south korea", "south vietnam", "south sudan", "south yemen"),
    "east": ("east germany",),
    "west": ("west germany",),
}
_STOP_NAMES = frozenset({"the", "of", "for", "and", "a", "an", "in", "on", "at", "to"})
#: A hyphen and a word right after a person span: the rest of the name ("Cho Han" + "-bum").
_HYPHEN_TAIL = re.compile(r"[-‐‑][^\W\d_]+(?![-‐‑\w])")


def entity_key(text: str) -> str:
    """Normalised form of an entity name: no article, possessive or brackets, hyphens as spaces, initialisms closed up.

    >>> entity_key("Kim Jong-un"), entity_key("the United States'"), entity_key("North Korea’s")
    ('kim jong un', 'united states', 'north korea')
    >>> entity_key("F.B.I."), entity_key("U.S."), entity_key("[Barack] Obama")
    ('fbi', 'united states', 'barack obama')
    """
    t = text.replace("’", "'").replace("[", "").replace("]", "").strip()
    t = re.sub(r"(?:'s|')$", "", t)
    t = re.sub(r"^(?:the)\s+", "", t, flags=re.IGNORECASE)
    t = t.replace(".", "") if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", t) else t
    t = re.sub(r"[-‐‑–]", " ", t)
    t = " ".join(norm_word(w) for w in t.split())
    return ENTITY_ALIASES.get(t, t)


def _display(text: str) -> str:
    """A mention as a label shows it: no leading "the", possessive or editorial brackets."""
    t = text.replace("[", "").replace("]", "").strip()
    return re.sub(r"^(?:the|The)\s+", "", re.sub(r"(?:'s|’s|'|’)$", "", t))


@dataclass
class _Mention:
    article: int
    k: int
    start: int
    end: int
    text: str  # as written
    label: str
    key: str  # entity_key of the name (a leading title dropped)
    display: str  # the name as a label shows it
    note: str = ""  # a metonym or "the North"
    full: bool = True  # the name in full (or a variant of it), not a short form, metonym or "the North"
    dateline: bool = False  # in the article's dateline ("WASHINGTON —")


def _entity_mentions(aligned: AlignedStory, transcripts: set[int]) -> list[_Mention]:
    out = []
    for a, p in enumerate(aligned.parsed):
        if a in transcripts:
            continue
        text = p.doc.text
        cased = any(ch.isupper() for ch in text)
        d = dateline(text)
        for ent in p.doc.ents:
            if ent.label_ not in FACT_ENTITY_LABELS:
                continue
            start, end, surface = ent.start_char, ent.end_char, ent.text
            tail = _HYPHEN_TAIL.match(text, end) if ent.label_ == "PERSON" and len(surface.split()) >= 2 else None
            if tail:  # "Cho Han" + "-bum": the parser stopped at the hyphen
                end = tail.end()
                surface = text[start:end]
            if cased and not any(ch.isupper() for ch in surface):
                continue  # "n't", "rifle association": a name has a capital letter
            key = entity_key(surface)
            if not key or not any(ch.isalpha() for ch in key):
                continue
            k = aligned.sentence_at(a, start)
            if k is None:
                continue
            in_dateline = d is not None and d.start <= start < d.end
            display = _display(surface.title() if in_dateline and surface.isupper() else surface)
            m = _Mention(a, k, start, end, surface, ent.label_, key, display, dateline=in_dateline)
            possessive = ent.end < len(p.doc) and p.doc[ent.end].tag_ == "POS"
            if key in CAPITAL_METONYMS and not in_dateline and (ent.root.dep_ in ("nsubj", "nsubjpass", "poss") or possessive):
                m.note = f"“{surface}” as the government → {CAPITAL_METONYMS[key].title()}"
                m.key, m.full = CAPITAL_METONYMS[key], False
            elif key in DIVIDED_COUNTRIES:
                m.note = f"“the {surface}”" if text[max(0, start - 4) : start].lower() == "the " else f"“{surface}”"
                m.full = False
            out.append(m)
    return out


def _majority_labels(mentions: Iterable[_Mention]) -> dict[str, str]:
    labels: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        labels[m.key][m.label] += 1
    return {k: c.most_common(1)[0][0] for k, c in labels.items()}


def _drop_titles(mentions: list[_Mention]) -> None:
    """Read "Representative Bruce Braley" as "Bruce Braley" when it is a person's name (in place)."""
    persons = {k for k, lab in _majority_labels(mentions).items() if lab == "PERSON"}
    for m in mentions:
        name = untitled(m.display) if m.full else None
        if name is None:
            continue
        key = entity_key(name)
        if key and (m.label == "PERSON" or key in persons):
            m.key, m.display, m.label = key, _display(name), "PERSON"  # a title is a person's


@dataclass
class _Merge:
    target: str
    surface: str = ""
    where: str = ""
    also: tuple[str, ...] = ()


def _choose(cands: set[str], size: Counter) -> tuple[str, tuple[str, ...]] | None:
    """The candidate mentioned at least twice as often as any other (or the only one), and the others."""
    ranked = sorted(cands, key=lambda c: (-size[c], c))
    if len(ranked) == 1 or size[ranked[0]] >= 2 * size[ranked[1]]:
        return ranked[0], tuple(ranked[1:])
    return None


def _merge_names(mentions: list[_Mention]) -> tuple[dict[str, _Merge], dict[tuple[int, str], _Merge]]:
    """Names read as forms of one longer name: story-wide for names of two words or more, per article for one word.

    Returns the story-wide map (name key -> merge) and the per-article one ((article, key) -> merge);
    a merge's target may itself be merged further (see :func:`_final`).
    """
    named = [m for m in mentions if m.full]
    counts = Counter(m.key for m in named)
    majority = _majority_labels(named)
    persons = {k for k in counts if len(k.split()) >= 2 and majority[k] == "PERSON"}
    with_word: dict[str, set[str]] = defaultdict(set)  # word -> the full names holding it
    for k in persons:
        for w in k.split():
            with_word[w].add(k)
    articles: dict[str, set[int]] = defaultdict(set)
    for m in named:
        articles[m.key].add(m.article)
    story: dict[str, _Merge] = {}

    def size() -> Counter:
        out: Counter = Counter()
        for k, n in counts.items():
            out[_final(story, k)] += n
        return out

    # names of two words or more, longest first so that each candidate is already resolved
    for short in sorted((k for k in counts if len(k.split()) >= 2), key=lambda k: (-len(k.split()), k)):
        if majority[short] not in ("PERSON", "ORG"):
            continue
        toks = short.split()
        cands = {_final(story, c) for c in with_word[toks[0]] | with_word[toks[-1]] if fits_name(c, toks)} - {short}
        chosen = _choose(cands, size()) if cands else None
        if not chosen:
            continue
        variant = is_name_variant(short, chosen[0])
        if not variant and len(articles[short]) > len(
            set().union(*(articles[k] for k in counts if _final(story, k) == chosen[0]))
        ):
            continue  # "Glenn Beck" in three articles is not short for "Glenn Beck Rips" in one
        surface = next(m.display for m in named if m.key == short)
        story[short] = _Merge(chosen[0], surface, "" if variant else "in the story", chosen[1])
    per_article: dict[int, set[str]] = defaultdict(set)
    for m in named:
        per_article[m.article].add(_final(story, m.key))
    acronym_targets = {
        "".join(w[0] for w in k.split() if w not in _STOP_NAMES): k
        for k in counts
        if len(k.split()) >= 2 and majority[k] in ("ORG", "GPE", "LOC", "FAC")
    }
    sizes = size()
    finals = set(sizes)
    local: dict[tuple[int, str], _Merge] = {}
    for m in named:
        short = m.key
        if (m.article, short) in local or len(short.split()) != 1:
            continue
        if m.text.isupper() and short in acronym_targets:
            full = acronym_targets[short]
            local[(m.article, short)] = _Merge(_final(story, full), m.display, "acronym")
            continue
        if m.label not in ("PERSON", "ORG"):
            continue
        for pool, where in ((per_article[m.article], "in this article"), (finals, "in the story")):
            cands = {_final(story, c) for c in with_word[short] if fits_name(c, [short]) and _final(story, c) in pool}
            if not cands:
                continue
            chosen = _choose(cands, sizes)
            if chosen:
                local[(m.article, short)] = _Merge(chosen[0], m.display, where, chosen[1])
            break
    return story, local


def _final(story: dict[str, _Merge], key: str) -> str:
    while key in story:
        key = story[key].target
    return key


def _label(ms: list[_Mention]) -> str:
    """The spelling most articles use, then the most frequent, then the one keeping hyphens and accents."""
    full = [m for m in ms if m.full] or ms
    articles: dict[str, set[int]] = defaultdict(set)
    for m in full:
        articles[m.display].add(m.article)
    n = Counter(m.display for m in full)
    return max(n, key=lambda s: (len(articles[s]), n[s], richness(s), len(s), s))


def entity_facts(aligned: AlignedStory, transcripts: set[int]) -> list[FactUnit]:
    """One ``entity`` fact per merged name, in order of first mention."""
    mentions = _entity_mentions(aligned, transcripts)
    _drop_titles(mentions)
    story, local = _merge_names(mentions)
    clusters: dict[str, list[_Mention]] = defaultdict(list)
    merges: dict[str, list[_Merge]] = defaultdict(list)
    for m in mentions:
        if m.key in DIVIDED_COUNTRIES and not m.full:
            continue  # placed below, once the countries are known
        key = m.key
        if (m.article, key) in local:
            merge = local[(m.article, key)]
            key, m.full = _final(story, merge.target), False
            merges[key].append(merge)
        elif key in story:
            merge = story[key]
            key = _final(story, key)
            m.full = m.full and merge.where == ""
            merges[key].append(merge)
        clusters[key].append(m)
    for m in mentions:
        if m.key in DIVIDED_COUNTRIES and not m.full:
            named = [c for c in DIVIDED_COUNTRIES[m.key] if c in clusters]
            ranked = sorted(named, key=lambda c: (-len(clusters[c]), c))
            if ranked and (len(ranked) == 1 or len(clusters[ranked[0]]) > len(clusters[ranked[1]])):
                merges[ranked[0]].append(_Merge(ranked[0], m.note, "direction"))
                clusters[ranked[0]].append(m)
            # else: a direction word alone is no fact
    names = {key: _label(ms) for key, ms in clusters.items()}
    facts = []
    for key, ms in clusters.items():
        if all(m.dateline for m in ms):
            continue  # where the reporters filed from, not a name in the story
        name = names[key]
        fact_key = next((m.key for m in ms if m.full and m.display == name), key)
        label_kind = Counter(m.label for m in ms).most_common(1)[0][0]
        variants = sorted({m.display for m in ms if m.full and m.display != name})
        note_parts = sorted({m.note for m in ms if m.note and m.key not in DIVIDED_COUNTRIES} | _merge_notes(merges[key], names))
        if variants:
            note_parts.insert(0, "also written " + ", ".join(f"“{v}”" for v in variants))
        evidence: dict[int, list[dict]] = defaultdict(list)
        for m in sorted(ms, key=lambda m: (m.article, m.start)):
            evidence[m.article].append(evidence_record(aligned, m.k, (m.start, m.end)))
        aliases = {entity_key(m.text) for m in ms if m.key not in DIVIDED_COUNTRIES} | {m.key for m in ms if m.full} | {key}
        first = min(m.k for m in ms)
        facts.append(
            FactUnit(
                f"entity:{fact_key.replace(' ', '-')}",
                "entity",
                f"{name} ({label_kind})",
                name,
                dict(evidence),
                "; ".join(note_parts),
                aliases=aliases,
                order=(3, first, fact_key),
            )
        )
    facts.sort(key=lambda f: f.order)
    return facts


def _merge_notes(merges: list[_Merge], names: dict[str, str]) -> set[str]:
    """The notes of a cluster's merges, one per short form and place ("in this article", "in the story")."""
    out: dict[tuple[str, str], set[str]] = {}
    for mg in merges:
        if not mg.where:
            continue  # a variant of the full name: listed as "also written"
        out.setdefault((mg.surface, mg.where), set()).update(names.get(a, a.title()) for a in mg.also)
    notes = set()
    for (surface, where), also in out.items():
        target = names.get(next(mg.target for mg in merges if (mg.surface, mg.where) == (surface, where)), "")
        if where == "acronym":
            notes.add(f"“{surface}” read as the acronym of {target}")
        elif where == "direction":
            notes.add(f"{surface} read as {target}")
        else:
            extra = f"; also fits {', '.join(sorted(also))}, chose the most mentioned" if also else ""
            notes.add(f"“{surface}” read as short for {target} ({where}){extra}")
    return notes
