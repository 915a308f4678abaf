"""Hostile data that is read fine but used to break an analysis: far-off dates, language detection."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import pandas as pd
import pytest

from compare import Article, CompareWarning, Story
from compare.clustering import cluster_stories
from compare.corpus import load_corpus
from compare.language import MIN_ENGLISH_SHARE, english_share, language_problem, looks_english

from helpers import ROOT

# ---------------------------------------------------------------------------
# Dates outside pandas' nanosecond range (1677-09-22 .. 2262-04-11)

FAR_DATES = {"ancient": "0001-01-01", "future": "9999-12-31", "normal": "2019-04-25", "later": "2019-04-26"}


def _far_corpus() -> list[Article]:
    text = "Kim Jong Un met Vladimir Putin in Vladivostok for talks on the nuclear programme."
    return [Article(id=name, outlet=f"Outlet {name}", text=text, date=date) for name, date in FAR_DATES.items()]


def test_far_dates_are_unknown_for_windowing_with_a_warning_naming_the_article(blank_nlp):
    with pytest.warns(CompareWarning) as caught:
        frame = cluster_stories(_far_corpus(), nlp=blank_nlp, cache=False, progress=False)
    messages = [str(w.message) for w in caught]
    for name in ("ancient", "future"):
        assert any(m.startswith(f"{name}: date '{FAR_DATES[name]}' is outside the range") for m in messages), messages
    assert not any(m.startswith(("normal:", "later:")) for m in messages)
    assert frame["date"].isna().tolist() == [True, True, False, False]
    assert str(frame["date"].dtype) == "datetime64[ns]"
    # unknown dates join on similarity alone: all four texts are the same story
    assert frame["story"].nunique() == 1


def test_far_dates_are_kept_as_written_on_the_articles(tmp_path):
    pd.DataFrame(
        [{"outlet": f"O{k}", "date": d, "text": "Kim met Putin in Vladivostok."} for k, d in enumerate(FAR_DATES.values())]
    ).to_csv(tmp_path / "far.csv", index=False)
    corpus = load_corpus(tmp_path / "far.csv")
    assert [a.date for a in corpus] == list(FAR_DATES.values())


def test_stories_cli_with_far_dates_exits_0_and_warns(tmp_path):
    rows = [
        {"outlet": f"Outlet {k}", "date": d, "text": "Kim Jong Un met Vladimir Putin in Vladivostok for talks."}
        for k, d in enumerate(FAR_DATES.values())
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "archive.csv", index=False)
    done = subprocess.run(
        [sys.executable, "-m", "compare", "stories", "archive.csv", "-o", "stories.csv", "--no-progress", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    warned = [ln for ln in done.stderr.splitlines() if ln.startswith("warning:")]
    assert any("archive-outlet-0: date '0001-01-01' is outside the range" in ln for ln in warned), done.stderr
    assert any("archive-outlet-1: date '9999-12-31' is outside the range" in ln for ln in warned), done.stderr
    out = pd.read_csv(tmp_path / "stories.csv")
    assert len(out) == 4 and out["date"].isna().sum() == 2


# ---------------------------------------------------------------------------
# The non-English warning: a bounded sample, never "'en' is unsupported"

# Our own sentences, varied so that no window of a long text is unusual.
ENGLISH = [
    "The city council voted on Tuesday to delay the new budget until the auditors finish their review.",
    "Officials said that the delay would not affect the schools, which are funded from a separate account.",
    "Several residents told the meeting they had waited more than a year for repairs to their street.",
    "The mayor, who was not at the vote, said in a statement that she supported a short delay.",
    "A spokesperson for the auditors declined to say when the review would be complete.",
]
FRENCH = (
    "Le conseil municipal a voté mardi le report du nouveau budget jusqu'à la fin de l'audit. "
    "Selon les responsables, ce report ne touchera pas les écoles, financées par un compte séparé. "
    "Plusieurs habitants ont déclaré attendre depuis plus d'un an la réfection de leur rue."
)


def long_english(chars: int = 200_000, *, header: str = "") -> str:
    out, n = [header] if header else [], 0
    while sum(map(len, out)) < chars:
        out.append(" ".join(ENGLISH[(n + k) % len(ENGLISH)] for k in range(3)))
        n += 1
    return "\n\n".join(out)


def test_long_english_text_looks_english_even_with_an_odd_start():
    table = "\n".join(f"Álvarez Núñez Ødegaard Łukasz {k} | Zürich São Paulo Kraków" for k in range(300))
    text = long_english(header=table)
    assert looks_english(text) and language_problem("en", text) is None
    assert english_share(text) >= MIN_ENGLISH_SHARE


def test_french_text_does_not_look_english_and_the_reason_never_blames_en():
    text = "\n\n".join([FRENCH] * 50)
    assert not looks_english(text)
    problem = language_problem("en", text)
    assert problem and "does not look like English" in problem
    assert "'en'" not in problem
    assert "'fr'" in (language_problem("fr", long_english(2_000)) or "")
    assert language_problem("en-GB", long_english(2_000)) is None
    assert language_problem("en", "Too short to judge.") is None


def test_the_sample_is_bounded():
    """A 5 MB text is judged from a fixed-size sample: as fast as a 0.1 MB one, not 50 times slower."""
    import time

    small, big = long_english(100_000), long_english(5_000_000)
    t0 = time.perf_counter()
    english_share(small)
    t1 = time.perf_counter()
    english_share(big)
    t2 = time.perf_counter()
    assert (t2 - t1) < 5 * (t1 - t0) + 0.05


def test_framing_warns_for_a_french_file_and_not_for_long_english(tmp_path, nlp):
    from compare import load_story
    from compare.framing import framing

    (tmp_path / "reportage.md").write_text("---\noutlet: Le Quotidien\n---\n" + FRENCH + "\n", encoding="utf-8")
    (tmp_path / "longread.md").write_text("---\noutlet: Wire\n---\n" + long_english(20_000) + "\n", encoding="utf-8")
    story = load_story(tmp_path)
    with pytest.warns(CompareWarning) as caught:
        assert framing(story["reportage"], nlp=nlp).empty
    (message,) = [str(w.message) for w in caught if "framing" in str(w.message)]
    assert message.startswith("reportage: no framing findings: its text does not look like English")
    assert "'en'" not in message
    with warnings.catch_warnings():
        warnings.simplefilter("error", CompareWarning)
        framing(story["longread"], nlp=nlp)


def test_declared_language_is_named(nlp):
    from compare.framing import framing

    article = Article(id="nota", outlet="Zeitung", text=long_english(2_000), meta={"language": "de"})
    with pytest.warns(CompareWarning, match=r"nota: no framing findings: its language is 'de', and only English"):
        framing(article, nlp=nlp)


def test_story_of_english_articles_has_no_language_warning(nlp):
    from compare.framing import framing

    story = Story.from_texts({"Wire": long_english(30_000), "Daily": long_english(8_000)})
    with warnings.catch_warnings():
        warnings.simplefilter("error", CompareWarning)
        for article in story:
            framing(article, nlp=nlp)


def test_a_blob_in_an_english_article_does_not_make_it_foreign():
    """Base64 blobs and long URLs are single over-long tokens: they hold no words and do not count."""
    blob = "QUJDZGVm0123+/" * 15_000
    text = long_english(3_000) + f"\n\nAttachment: {blob}\n\nhttps://example.org/{'a1b2' * 500}\n\n" + long_english(500)
    assert language_problem("en", text) is None
