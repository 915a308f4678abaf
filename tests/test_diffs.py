"""Word diffs between two sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare import diff_words
from compare.diffs import DIFF_COLUMNS, excerpt_ops, word_window


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


def test_dotted_initialisms_are_house_style():
    assert changes("the I.R.S. and the F.B.I. met U.S. officials", "the IRS and the FBI met US officials") == []


def test_an_excerpt_is_diffed_against_the_part_it_was_cut_from():
    a = "We have not lost any games. We have not missed any training or matches."
    b = "We have not missed any training and matches"
    lo, hi = word_window(a, b)
    assert a[lo:hi] == "We have not missed any training or matches"
    ops = [(o.op, a[o.a_start : o.a_end], b[o.b_start : o.b_end]) for o in excerpt_ops(a, b) if o.op != "equal"]
    assert ops == [("delete", "We have not lost any games", ""), ("replace", "or", "and")]


def test_an_excerpt_with_a_cut_inside_keeps_its_words_matched():
    a = "We would be remiss in our duty to our readers if we did not object to this plan"
    b = "However, we would be remiss … if we did not object to this plan"
    ops = [(o.op, a[o.a_start : o.a_end], b[o.b_start : o.b_end]) for o in excerpt_ops(a, b) if o.op != "equal"]
    assert ops == [("insert", "", "However"), ("delete", "in our duty to our readers", "")]


def test_excerpt_ops_offsets_and_no_words():
    a, b = "Kim was in trouble, they said.", "Cho was in trouble"
    for o in excerpt_ops(a, b):
        assert 0 <= o.a_start <= o.a_end <= len(a) and 0 <= o.b_start <= o.b_end <= len(b)
    assert [o.op for o in excerpt_ops(a, b)] == ["replace", "equal", "delete"]
    assert word_window(a, "") == (0, len(a))
    assert [o.op for o in excerpt_ops("", "new words")] == ["insert"]


def test_empty_inputs():
    assert diff_words("", "").empty
    assert changes("", "new words") == [["insert", "", "new words"]]


@given(st.lists(st.sampled_from("Kim met Putin in Vladivostok on Thursday , said officials .".split()), max_size=12))
def test_a_sentence_against_itself_is_all_equal(words):
    text = " ".join(words)
    assert set(diff_words(text, text).op) <= {"equal"}


def test_a_very_long_excerpt_falls_back_to_the_plain_diff():
    from compare.diffs import MAX_EXCERPT_CELLS, excerpt_ops, word_ops

    words = [f"w{i}" for i in range(600)]
    a, b = " ".join(words), " ".join(words[:300] + ["changed"] + words[301:])
    assert MAX_EXCERPT_CELLS < 600 * 600
    assert excerpt_ops(a, b) == word_ops(a, b, words_only=True)
