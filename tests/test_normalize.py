"""Word normalisation: spelling folding, and linear time on any token."""

from __future__ import annotations

import subprocess
import sys

from compare.normalize import norm_word, tokenize


def test_spelling_is_folded():
    assert [norm_word(w) for w in ("Armoured", "analysed", "colours", "hour", "Jong-un")] == [
        "armored",
        "analyzed",
        "colors",
        "hour",
        "jong-un",
    ]


def test_a_huge_token_is_left_as_written_and_fast():
    """A 200,000-character token (a base64 blob, a long URL) took 834 s with a regex ``sub``."""
    code = "from compare.normalize import norm_word; w = 'a' * 200_000 + 'our'; assert norm_word(w) == w"
    proc = subprocess.run([sys.executable, "-c", code], timeout=60, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_tokenize_keeps_offsets():
    text = "Kim's $500m deal."
    assert all(text[lo:hi] == tok for tok, lo, hi in tokenize(text))


def test_dotted_initialisms_are_one_word_equal_to_the_undotted_form():
    words = [norm_word(t) for t, _, _ in tokenize("The I.R.S. and the U.S.’s F.B.I. met at 9 a.m.")]
    assert words == ["the", "irs", "and", "the", "us's", "fbi", "met", "at", "9", "am"]
    assert norm_word("I.R.S.") == norm_word("IRS") and norm_word("U.S.") == norm_word("US")
    assert [t for t, _, _ in tokenize("J. Russell George")] == ["J", ".", "Russell", "George"]  # one initial is not folded
