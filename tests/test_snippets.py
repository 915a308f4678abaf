"""The one text shortener: word-boundary cuts, one line, bounded length, cheap on long texts."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.snippets import shorten


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Kim Jong Un arrived.", 40, "Kim Jong Un arrived."),
        ("Kim  Jong Un\narrived.", 40, "Kim Jong Un arrived."),
        ("Kim Jong Un arrived in Vladivostok by train on Wednesday.", 30, "Kim Jong Un arrived in…"),
        ("Kim Jong Un arrived in Vladivostok, by train.", 36, "Kim Jong Un arrived in Vladivostok…"),
        ("Kim Jong Un arrived in Vladivostok by train.", 35, "Kim Jong Un arrived in Vladivostok…"),
        ("https://example.com/a-very-long-path/with-no-spaces", 20, "https://example.com…"),
        ("Kim Supercalifragilisticexpialidocious arrived", 20, "Kim Supercalifragil…"),
        ("anything", 1, "…"),
        ("anything", 0, ""),
    ],
)
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected


@given(st.text(alphabet=" ab\n,—", max_size=80), st.integers(min_value=1, max_value=60))
def test_shorten_fits_and_keeps_a_prefix(text, limit):
    out = shorten(text, limit)
    flat = " ".join(text.split())
    assert len(out) <= limit and "\n" not in out
    assert out == flat or (out.endswith("…") and flat.startswith(out[:-1]))


def test_shorten_reads_only_the_start_of_a_long_text():
    text = "word " * 2_000_000
    start = time.perf_counter()
    assert shorten(text, 20) == "word word word word…"
    assert shorten("A" * 40_000, 10) == "AAAAAAAAA…"
    assert time.perf_counter() - start < 0.1


def test_facts_units_shorten_is_the_shared_helper():
    from compare.facts import units

    assert units.shorten is shorten
