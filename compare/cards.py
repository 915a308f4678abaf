"""Fact cards and the overview matrix: the view for stories with many outlets.

One card per aligned group: a reference sentence (the reference outlet's, or
the most central one: highest summed pair score to the group's other
sentences), each other outlet's version on its own line with only meaningful
differences marked (:mod:`compare.marks`), the outlets that do not report it as
chips, and possible counterparts (``AlignedStory.possible``) faded with their
score. Sentences no other outlet matches are listed in "only one outlet"
cards, so every sentence of every article is shown once.

Above the cards, an overview matrix: outlets × the most reported facts, each
cell linking to its card. Everything here is plain data; templates render it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from .marks import framing_marks, segments, sentence_marks
from .snippets import shorten

if TYPE_CHECKING:  # pragma: no cover
    from .alignment import AlignedStory
    from .comparison import Comparison

__all__ = ["cards_model", "possible_by_sentence", "reference_sentence", "MATRIX_FACTS", "POSSIBLE_PER_CARD"]

#: Most facts (groups) in the overview matrix.
MATRIX_FACTS = 12
#: Most possible counterparts considered for one card (one per outlet that does not report the fact).
POSSIBLE_PER_CARD = 12
#: Most lines of possible counterparts on one card (the same wording in several outlets is one line).
POSSIBLE_LINES = 4
#: Longest fact label in the matrix key.
LABEL_CHARS = 110


def possible_by_sentence(aligned: AlignedStory) -> dict[int, list[tuple[int, float]]]:
    """For each flat sentence id, its possible counterparts ``(other id, score)``, best first.

    Only sentences that no group holds are offered: a sentence already matched
    with its own counterparts has a home, and offering it again under every
    group it faintly resembles buried the real candidates (on the bundled story
    one lead sentence was the "possible counterpart" of five groups).
    """
    out: dict[int, list[tuple[int, float]]] = {}
    for i, j, score in aligned.possible:
        if aligned.group_of(int(j)) is None:
            out.setdefault(int(i), []).append((int(j), float(score)))
        if aligned.group_of(int(i)) is None:
            out.setdefault(int(j), []).append((int(i), float(score)))
    for v in out.values():
        v.sort(key=lambda p: (-p[1], p[0]))
    return out


def _best_per_outlet(cands: dict[int, float], aligned: AlignedStory, *, exclude: set[int]) -> list[tuple[int, float]]:
    """The best-scoring possible counterpart of each outlet not in ``exclude``, best first.

    Only outlets that have no sentence in the group are offered one: the
    question a possible counterpart answers is "does this outlet report it after all?".
    """
    best: dict[int, tuple[int, float]] = {}
    for o, score in sorted(cands.items(), key=lambda p: (-p[1], p[0])):
        art = aligned.sentences[o].article
        if art not in exclude and art not in best:
            best[art] = (o, score)
    return sorted(best.values(), key=lambda p: (-p[1], p[0]))


def _faded_lines(best: Sequence[tuple[int, float]], faded: Callable[[int, float], dict], aligned: AlignedStory) -> list[dict]:
    """One line per distinct wording; other outlets with the same wording are listed under it."""
    lines: dict[str, dict] = {}
    for o, score in best:
        s = aligned.sentences[o]
        key = " ".join(s.text.split()).casefold()
        if key in lines:
            lines[key]["also"].append(f"{aligned.labels[s.article]} #{s.index}")
            lines[key]["articles"].append(s.article)
        else:
            lines[key] = {**faded(o, score), "also": [], "articles": [s.article]}
    return list(lines.values())


def reference_sentence(aligned: AlignedStory, members: Sequence[int], reference: int | None = None) -> int:
    """The card's reference: the reference outlet's first sentence, else the most central member."""
    if reference is not None:
        for k in members:
            if aligned.sentences[k].article == reference:
                return k

    def centrality(k: int) -> tuple[float, int]:
        art = aligned.sentences[k].article
        return (sum(aligned.pair_score(k, o) for o in members if aligned.sentences[o].article != art), -k)

    return max(members, key=centrality)


def cards_model(
    c: Comparison,
    *,
    shown: Sequence[int],
    categories: Iterable[str] | None = None,
    reference: int | None = None,
    root: str,
) -> dict:
    """Cards and overview matrix as plain data for the article positions ``shown``."""
    aligned = c.aligned
    labels = list(aligned.labels)
    sents = aligned.sentences
    fmarks = framing_marks(c, categories)
    possible = possible_by_sentence(aligned)
    shown_set = set(shown)
    order = {col: n for n, col in enumerate(shown)}

    def line(k: int, others: Sequence[int]) -> dict:
        s = sents[k]
        return {"outlet": labels[s.article], "sent": s.index, "segments": segments(s.text, sentence_marks(c, k, others, fmarks))}

    def faded(k: int, score: float) -> dict:
        s = sents[k]
        return {"outlet": labels[s.article], "sent": s.index, "text": s.text, "score": f"{score:.2f}"}

    cards: list[dict] = []
    singles: list[dict] = []

    def flush() -> None:
        if singles:
            cards.append({"kind": "single", "anchor": f"{root}-s{singles[0]['flat']}", "lines": list(singles)})
            singles.clear()

    groups_seen: list[dict] = []
    for kind, key in aligned.rows:
        if kind == "g":
            g = aligned.group(key)
            members = [k for k in g.members if sents[k].article in shown_set]
            if not members:
                continue
            flush()
            ref = reference_sentence(aligned, members, reference)
            present = {sents[k].article for k in members}
            versions = sorted((k for k in members if k != ref), key=lambda k: (order[sents[k].article], k))
            cands: dict[int, float] = {}
            for k in g.members:
                for o, score in possible.get(k, []):
                    if o not in g.members and sents[o].article in shown_set:
                        cands[o] = max(cands.get(o, 0.0), score)
            best = _best_per_outlet(cands, aligned, exclude=present)[:POSSIBLE_PER_CARD]
            faded_lines = _faded_lines(best, faded, aligned)[:POSSIBLE_LINES]
            maybe = {a for p in faded_lines for a in p["articles"]}
            card = {
                "kind": "group",
                "group": int(key),
                "anchor": f"{root}-g{key}",
                "score": f"{g.score:.2f}",
                "confidence": g.confidence,
                "reason": g.reason,
                "n_outlets": len(present),
                "reference": line(ref, [o for o in g.members if sents[o].article != sents[ref].article]),
                "versions": [],
                "same": [],
                "possible": faded_lines,
                "absent": [labels[col] for col in shown if col not in present and col not in maybe],
                "label": shorten(sents[ref].text, LABEL_CHARS),
                "present": present,
                "maybe": maybe,
            }
            _collapse(card, ref, versions, functools.partial(_version_line, line, g.members, sents), aligned)
            cards.append(card)
            groups_seen.append(card)
        else:
            s = sents[key]
            if s.article not in shown_set:
                continue
            entry = line(key, [])
            entry["flat"] = key
            mine = {o: sc for o, sc in possible.get(key, []) if sents[o].article in shown_set}
            entry["possible"] = _faded_lines(_best_per_outlet(mine, aligned, exclude={s.article}), faded, aligned)[:2]
            singles.append(entry)
    flush()
    return {"cards": cards, "matrix": _matrix(groups_seen, [labels[col] for col in shown], list(shown))}


def _version_line(line: Callable[[int, Sequence[int]], dict], members: Sequence[int], sents: Sequence, k: int) -> dict:
    """The line of version ``k``, its added words judged against the group's other outlets."""
    return line(k, [o for o in members if sents[o].article != sents[k].article])


def _collapse(card: dict, ref: int, versions: Sequence[int], make_line: Callable[[int], dict], aligned: AlignedStory) -> None:
    """Versions worded exactly like the reference or an earlier version become names under it, not repeated lines."""
    sents = aligned.sentences

    def key(k: int) -> str:
        return " ".join(sents[k].text.split()).casefold()

    def who(k: int) -> str:
        return f"{aligned.labels[sents[k].article]} #{sents[k].index}"

    first: dict[str, dict] = {}
    for k in versions:
        if key(k) == key(ref):
            card["same"].append(who(k))
        elif key(k) in first:
            first[key(k)]["also"].append(who(k))
        else:
            entry = make_line(k)
            entry["also"] = []
            first[key(k)] = entry
            card["versions"].append(entry)


def _matrix(groups: list[dict], outlets: list[str], shown: list[int]) -> dict:
    """Outlets × the most reported facts; each cell says stated / possible / not, and links to the card."""
    top = sorted(groups, key=lambda g: (-g["n_outlets"], g["group"]))[:MATRIX_FACTS]
    top.sort(key=lambda g: g["group"])
    facts = [{"n": n + 1, "group": g["group"], "href": "#" + g["anchor"], "label": g["label"]} for n, g in enumerate(top)]
    rows = []
    for label, col in zip(outlets, shown):
        cells = []
        for f, g in zip(facts, top):
            state = "yes" if col in g["present"] else ("maybe" if col in g["maybe"] else "no")
            cells.append({"state": state, "href": f["href"], "title": f"{label}, fact {f['n']}: " + _STATE_TEXT[state]})
        rows.append({"outlet": label, "cells": cells, "n": sum(c["state"] == "yes" for c in cells)})
    return {"facts": facts, "rows": rows, "hidden": max(0, len(groups) - len(top))}


_STATE_TEXT = {"yes": "reports it", "maybe": "possible counterpart", "no": "does not report it"}
