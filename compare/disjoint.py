"""Disjoint sets (union–find): the one partition helper behind quote versions, statements and copy families.

Several analyses join items pairwise ("these two quotations are one remark",
"these two articles are one wire text") and then need the groups the joins
make. :class:`DisjointSets` does that in near-linear time, with path halving.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["DisjointSets"]

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Items joined into groups; an item not seen before is a group of its own.

    >>> d = DisjointSets(range(4))
    >>> d.union(0, 2), d.union(3, 2), d.union(2, 0)
    (True, True, False)
    >>> d.groups()
    [[0, 2, 3], [1]]
    """

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {x: x for x in items}

    def find(self, x: T) -> T:
        """The representative of ``x``'s group."""
        parent = self._parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: T, y: T) -> bool:
        """Join the groups of ``x`` and ``y``; False when they were already one."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return False
        self._parent[ry] = rx
        return True

    def same(self, x: T, y: T) -> bool:
        """Whether ``x`` and ``y`` are in one group."""
        return self.find(x) == self.find(y)

    def groups(self) -> list[list[T]]:
        """Every group, its items in the order first seen, groups by their first item."""
        out: dict[T, list[T]] = {}
        for x in list(self._parent):
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())
