"""Plots: matplotlib charts of a :class:`~compare.Comparison`.

Every function takes the comparison (data first) and an optional ``ax``; it
returns the matplotlib ``Figure`` so callers can save or embed it. Charts have
a title and labelled axes and never call ``plt.show()``.
"""

from __future__ import annotations

__all__: list[str] = []
