"""Every chart returns its Figure, has a title and labelled axes, and renders to a non-empty PNG."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import compare  # noqa: E402
from compare import Story  # noqa: E402


def png_bytes(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


@pytest.mark.parametrize("chart", ["plot_framing", "plot_coverage"])
def test_chart_renders(seed_comparison, chart):
    fig = getattr(seed_comparison, chart)()
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    data = png_bytes(fig)
    assert data.startswith(b"\x89PNG") and len(data) > 5_000


@pytest.fixture(scope="module")
def ten_outlets(seed_story, nlp):
    """Ten outlets: the four seed articles and six that each keep part of the founding article."""
    base = seed_story["aljazeera"].text.split("\n\n")
    texts = {seed_story.labels[a.id]: a.text for a in seed_story}
    for n in range(6):
        texts[f"Excerpt {n + 1} (constructed)"] = "\n\n".join(p for i, p in enumerate(base) if i % 6 != n)
    return compare.compare(Story.from_texts(texts), nlp=nlp, progress=False)


def test_coverage_heat_map_stays_readable_with_ten_outlets(ten_outlets):
    assert len(ten_outlets.coverage.columns) == 10 and len(ten_outlets.coverage) >= 100
    fig = ten_outlets.plot_coverage()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) <= 61  # long lists are cut, the rest counted
    assert not any(t.endswith(("(PERSON)", "(ORG)", "(GPE)")) for t in labels)  # the reader's labels, as in the report
    width, height = fig.get_size_inches()
    assert height <= 40 and width <= 20
    assert len(png_bytes(fig)) > 5_000


def test_framing_counts_have_whole_number_ticks():
    import pandas as pd

    findings = pd.DataFrame({"outlet": ["A", "A", "B"], "category": ["loaded", "hedge", "loaded"], "voice": ["editorial"] * 3})
    fig = compare.plots.plot_framing(findings, ["A", "B"])
    ticks = fig.axes[0].get_yticks()
    plt.close(fig)
    assert all(float(t).is_integer() for t in ticks)
