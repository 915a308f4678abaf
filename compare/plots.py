"""Plots: matplotlib charts of the framing and facts tables.

Every function takes the DataFrames it draws (data first) and an optional
``ax``; it returns the matplotlib ``Figure`` so callers can save or embed it.
Charts have a title and labelled axes and never call ``plt.show()``.

Charts stay bounded whatever the story's size: at most :data:`MAX_OUTLETS`
outlets and :data:`MAX_FACTS` facts are drawn (the rest are counted in the
title), and every label is plain text (no mathtext: "$5m" stays "$5m") cut to
:data:`LABEL_CHARS` characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

import pandas as pd

from .charts import fact_label
from .framing import CATEGORIES, VOICES
from .snippets import shorten

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__: list[str] = ["plot_framing", "plot_coverage", "MAX_FACTS", "MAX_OUTLETS", "LABEL_CHARS"]

#: Most fact rows a coverage chart draws.
MAX_FACTS = 60
#: Most outlets a chart draws (the ones with the most findings or facts).
MAX_OUTLETS = 30
#: Longest label drawn on a chart axis.
LABEL_CHARS = 48


#: Colour-blind-safe colours (Okabe–Ito) per framing category, and a hatch per voice.
FRAMING_COLORS = {
    "loaded": "#D55E00",
    "name_calling": "#CC79A7",
    "intensifier": "#E69F00",
    "hedge": "#56B4E9",
    "attribution": "#0072B2",
    "blame": "#009E73",
}
VOICE_HATCHES = {"editorial": "", "quoted": "//", "reported": ".."}


def plot_framing(
    findings: pd.DataFrame, outlets: Sequence[str], ax: Axes | None = None, *, max_outlets: int = MAX_OUTLETS
) -> Figure:
    """Bar chart of framing findings per outlet and category, editorial vs quoted.

    One group of bars per outlet; within it one bar per category (Okabe–Ito
    colours), stacked by voice: solid for the outlet's own words (editorial),
    hatched ``//`` for quotations and ``..`` for reported speech, so colour is
    not the only cue.

    Parameters
    ----------
    findings : DataFrame
        Framing findings (``Comparison.framing``: ``outlet``, ``category``, ``voice``).
    outlets : sequence of str
        The outlets to draw, in order.
    ax : matplotlib Axes, optional
        Draw into this axes; a new figure is made otherwise.
    max_outlets : int
        Most outlets drawn: those with the most findings, the rest counted in the title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    df = findings
    outlets = list(outlets)
    hidden = 0
    if len(outlets) > max_outlets:
        counts = df["outlet"].value_counts()
        keep = set(sorted(outlets, key=lambda o: (-int(counts.get(o, 0)), outlets.index(o)))[:max_outlets])
        hidden = len(outlets) - max_outlets
        outlets = [o for o in outlets if o in keep]
    if ax is None:
        fig, ax = plt.subplots(figsize=(max(6.0, 1.8 * len(outlets) + 2), 4.5))
    else:
        fig = cast("Figure", ax.figure)
    width = 0.8 / len(CATEGORIES)
    for k, cat in enumerate(CATEGORIES):
        bottom = [0] * len(outlets)
        for voice in VOICES:
            heights = [int(((df["outlet"] == o) & (df["category"] == cat) & (df["voice"] == voice)).sum()) for o in outlets]
            xs = [i - 0.4 + width * (k + 0.5) for i in range(len(outlets))]
            ax.bar(
                xs,
                heights,
                width,
                bottom=bottom,
                color=FRAMING_COLORS[cat],
                hatch=VOICE_HATCHES[voice],
                edgecolor="black",
                linewidth=0.5,
            )
            bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_xticks(range(len(outlets)))
    ax.set_xticklabels([_label(o) for o in outlets], rotation=15, ha="right")
    ax.set_xlabel("Outlet")
    ax.set_ylabel("Framing findings")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no "1.25 findings"
    more = f" ({hidden} more outlets not shown)" if hidden else ""
    ax.set_title(f"Framing findings per outlet and category{more}")
    _plain_text(ax)
    handles = [Patch(facecolor=FRAMING_COLORS[c], edgecolor="black", label=c.replace("_", " ")) for c in CATEGORIES]
    handles += [Patch(facecolor="white", edgecolor="black", hatch=VOICE_HATCHES[v], label=v) for v in VOICES]
    ax.legend(handles=handles, fontsize="small", ncol=2, frameon=False)
    fig.tight_layout()
    return fig


#: Colour-blind-safe two-colour map for :func:`plot_coverage` (Okabe–Ito blue on light grey).
COVERAGE_COLORS = ("#F0F0F0", "#0072B2")


def plot_coverage(
    coverage: pd.DataFrame,
    facts: pd.DataFrame,
    ax: Axes | None = None,
    *,
    title: str = "",
    max_facts: int = MAX_FACTS,
    max_outlets: int = MAX_OUTLETS,
    label_width: int = LABEL_CHARS,
) -> Figure:
    """Heat map of which outlet states which fact.

    Rows are the facts stated by at least two outlets, most widely reported
    first (at most ``max_facts``; the rest are counted in the title); columns
    are the outlets. Facts stated by one outlet only are collapsed into a
    last row that gives, per outlet, how many such facts it has. Filled
    (blue) cells mean "states it", light grey "does not"; the one-outlet row
    is written as numbers, so colour is never the only cue.

    Parameters
    ----------
    coverage : DataFrame
        Fact × outlet booleans (``Comparison.coverage``).
    facts : DataFrame
        The fact units (``Comparison.facts``), for row labels.
    ax : matplotlib Axes, optional
        Draw into this axes; a new figure is made otherwise.
    title : str
        The story's name, shown in the title.
    max_facts : int
        Most fact rows drawn (readable up to about 100).
    max_outlets : int
        Most outlet columns drawn (those stating the most facts).
    label_width : int
        Fact labels are cut to this many characters.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.colors import ListedColormap

    cov = coverage
    hidden_outlets = max(0, len(cov.columns) - max_outlets)
    if hidden_outlets:
        keep = cov.sum(axis=0).sort_values(ascending=False, kind="mergesort").index[:max_outlets]
        cov = cov[[c for c in cov.columns if c in set(keep)]]
    facts = facts.set_index("fact")
    n_out = cov.sum(axis=1) if len(cov) else cov.sum(axis=1)
    shared = cov[n_out >= 2]
    single = cov[n_out == 1]
    hidden = max(0, len(shared) - max_facts)
    shared = shared.iloc[:max_facts]
    n_rows = len(shared) + 1
    if ax is None:
        height = min(2.0 + 0.22 * n_rows, 30.0)
        width = 4.5 + 0.7 * max(len(cov.columns), 1) + label_width * 0.055
        fig, ax = plt.subplots(figsize=(width, height))
    else:
        fig = cast("Figure", ax.figure)
    matrix = shared.to_numpy(dtype=float) if len(shared) else np.zeros((0, len(cov.columns)))
    if len(matrix):
        ax.imshow(
            matrix,
            aspect="auto",
            cmap=ListedColormap(COVERAGE_COLORS),
            vmin=0,
            vmax=1,
            interpolation="nearest",
            extent=(-0.5, len(cov.columns) - 0.5, len(shared) - 0.5, -0.5),
        )
    for j, col in enumerate(cov.columns):
        ax.text(j, len(shared), str(int(single[col].sum())), ha="center", va="center", fontsize=8)
    labels = [shorten(fact_label(facts.at[f, "kind"], facts.at[f, "label"]), label_width) for f in shared.index] + [
        "only one outlet (count)"
    ]
    ax.set_yticks(range(n_rows))
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_xticks(range(len(cov.columns)))
    ax.set_xticklabels([_label(c) for c in cov.columns], rotation=30, ha="right", fontsize=8)
    ax.set_xlim(-0.5, len(cov.columns) - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.axhline(len(shared) - 0.5, color="#333333", linewidth=0.8)
    ax.set_xlabel("Outlet")
    ax.set_ylabel("Fact (stated by two or more outlets)")
    more = f"; {hidden} more not shown" if hidden else ""
    more += f"; {hidden_outlets} more outlets not shown" if hidden_outlets else ""
    story = f" — {_label(title)}" if title else ""
    ax.set_title(f"Which outlet states which fact{story} ({len(shared)} shared facts{more})")
    _plain_text(ax)
    fig.tight_layout()
    return fig


def _label(text: object) -> str:
    return shorten(str(text), LABEL_CHARS)


def _plain_text(ax: Axes) -> None:
    """Show every label as written: "$" in a label is money, not mathtext."""
    texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()]
    for t in texts:
        t.set_parse_math(False)
