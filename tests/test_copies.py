"""Wire copies: a seed article republished with edits under another outlet name is found, with its edits."""

from __future__ import annotations

import pandas as pd
import pytest

import compare
from compare.copies import COPY_COLUMNS

from helpers import SEED


def _republished() -> tuple[compare.Article, compare.Article]:
    """Al Jazeera's seed article and a republished copy: lead rewritten, ending cut, one scene changed, no title."""
    story = compare.load_story(SEED)
    original = next(a for a in story if a.id == "aljazeera")
    paragraphs = original.text.split("\n\n")
    body = paragraphs[1:]  # the first paragraph repeats the title: the copy drops it
    body[1] = (
        "The North Korean leader travelled to Vladivostok by armoured train to meet Vladimir Putin, "
        "weeks after his talks with Donald Trump in Hanoi collapsed."
    )
    body = body[: int(len(body) * 0.7)]  # the ending is cut
    scene = next(i for i, p in enumerate(body) if "1950-53" in p)
    body[scene] = body[scene].replace("helped rebuild North Korea", "sent engineers to rebuild North Korea")
    copy = compare.Article(id="gazette", outlet="Harbour Gazette (test copy)", text="\n\n".join(body), title=None)
    return original, copy


@pytest.fixture(scope="module")
def copy_comparison(nlp) -> compare.Comparison:
    story = compare.load_story(SEED)
    original, copy = _republished()
    articles = [*story, copy]
    return compare.compare(compare.Story(articles, name="copied"), nlp=nlp, progress=False)


def test_copy_found_with_its_edits(copy_comparison):
    df = copy_comparison.copies
    assert list(df.columns) == COPY_COLUMNS
    assert len(df) == 1, df
    row = df.iloc[0]
    assert {row.article_a, row.article_b} == {"aljazeera", "gazette"}
    assert row.shared >= 0.8
    edits = " | ".join(row.edits)
    assert "drops the title" in edits
    assert "rewrites the lead" in edits or "armoured train" in edits
    assert "sent engineers" in edits  # the changed scene
    assert "cuts the ending" in edits


def test_constructed_rewrites_are_not_copies(seed_comparison):
    """The seed's wire, courier and ledger retell Al Jazeera's facts in their own words: not copies."""
    assert seed_comparison.copies.empty
    assert list(seed_comparison.copies.columns) == COPY_COLUMNS


def test_one_shared_sentence_is_not_a_copy(nlp):
    shared = "The two leaders are scheduled to meet on Thursday in the far eastern city of Vladivostok."
    story = compare.Story.from_texts(
        {
            "Wire": f"Kim arrived by train on Wednesday. {shared} Trade between the countries has fallen.",
            "Daily": f"Crowds waited at the station for hours. {shared} Analysts expect little from the talks.",
        }
    )
    c = compare.compare(story, nlp=nlp, progress=False)
    assert c.copies.empty


def test_copy_family_counted_once_in_missing(copy_comparison):
    m = copy_comparison.missing
    assert not m.empty
    fam = m[m.note.str.contains("copies of one text", regex=False)]
    assert not fam.empty
    # a fact stated only by the two copies counts as one source
    both = m[m.stated_by.apply(lambda s: set(s) >= {"Al Jazeera", "Harbour Gazette (test copy)"})]
    assert (both.n_stated < both.stated_by.apply(len)).all()


def test_copies_is_a_dataframe_for_one_article(nlp):
    c = compare.compare(compare.Story.from_texts({"Wire": "Kim met Putin on Thursday."}), nlp=nlp, progress=False)
    assert isinstance(c.copies, pd.DataFrame) and c.copies.empty
