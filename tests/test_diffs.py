"""Word diffs between two sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare import diff_words
from compare.diffs import DIFF_COLUMNS


def changes(a, b):
    d = diff_words(a, b)
    return d[d.op != "equal"][["op", "a_text", "b_text"]].values.tolist()


def test_columns_and_offsets():
    a, b = "Cho said Kim was in trouble.", "Cho claimed Kim was in deep trouble."
    d = diff_words(a, b)
    assert list(d.columns) == DIFF_COLUMNS
    for row in d.itertuples():
        assert a[row.a_start : row.a_end] == row.a_text
        assert b[row.b_start : row.b_end] == row.b_text


def test_said_claimed_is_a_replacement_and_deep_an_insertion():
    assert changes("Cho said Kim was in trouble.", "Cho claimed Kim was in deep trouble.") == [
        ["replace", "said", "claimed"],
        ["insert", "", "deep"],
    ]


def test_spelling_variants_and_case_are_equal():
    assert changes("Kim Jong-un arrived on his armoured train", "kim Jong Un arrived on his armored train") == []


def test_deletion():
    assert changes("the infamous and bullying resolution", "the resolution") == [["delete", "infamous and bullying", ""]]


def test_empty_inputs():
    assert diff_words("", "").empty
    assert changes("", "new words") == [["insert", "", "new words"]]


@given(st.lists(st.sampled_from("Kim met Putin in Vladivostok on Thursday , said officials .".split()), max_size=12))
def test_a_sentence_against_itself_is_all_equal(words):
    text = " ".join(words)
    assert set(diff_words(text, text).op) <= {"equal"}
