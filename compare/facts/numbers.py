"""Number facts: quantities normalised by :mod:`compare.numbers`, grouped by value and unit.

"$500m" = "500 million dollars" = 5e8 USD; each fact keeps its counted thing
and notes the forms it was written in. (Numbers that disagree are found by
:mod:`compare.facts.conflicts`.)
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..alignment import AlignedStory
from ..numbers import Quantity, QuantityMention
from .units import FactUnit, evidence_record

__all__ = ["number_facts"]


def _number_key(q: Quantity) -> str:
    if isinstance(q.value, str):
        return f"{q.unit}:{q.value}"
    if q.is_range:
        return f"{q.unit or 'count'}:{q.low:g}-{q.high:g}"
    return f"{q.unit or 'count'}:{q.value:g}"


def number_facts(aligned: AlignedStory, transcripts: set[int], found: dict[int, list[QuantityMention]]) -> list[FactUnit]:
    """One ``number`` fact per normalised value (``found``: each article's quantities)."""
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
                evidence[a].append(evidence_record(aligned, k, (m.start, m.end)))
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
        facts.append(
            FactUnit(
                f"number:{key}",
                "number",
                label,
                q0.value if not q0.is_range else (q0.low, q0.high),
                dict(evidence),
                note,
                thing=thing,
                quantity=plain,
                order=(2, first, key),
            )
        )
    facts.sort(key=lambda f: f.order)
    return facts
