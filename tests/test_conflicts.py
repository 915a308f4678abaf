"""Number conflicts of every kind, planted in small stories written for these tests."""

from __future__ import annotations

import pytest

import compare
from compare.facts import CONFLICT_COLUMNS, conflicts
from compare.facts.conflicts import NUMBER_KINDS


def _compare(nlp, texts: dict[str, str]) -> compare.Comparison:
    return compare.compare(compare.Story.from_texts(texts), nlp=nlp, progress=False)


@pytest.fixture(scope="module")
def planted(nlp) -> compare.Comparison:
    """Two reports of one afternoon; the second changes an age, a percentage, a duration, a date,
    a count and an amount of money, and gives one amount only approximately."""
    story = compare.Story.from_texts(
        {
            "Wire": "Rep. Anthony Weiner, 46, said on Wednesday that his Twitter account was hacked. "
            "Unemployment in the district rose to 12% in May. "
            "The talks with the union lasted three hours on April 25, 2019. "
            "Police arrested 30 protesters outside the city hall building. "
            "The company paid $5 million in fines to the state regulator. "
            "The mayor's office said the repairs would cost $2.4 million.",
            "Daily": "Rep. Anthony Weiner, 47, said on Wednesday that his Twitter account had been hacked. "
            "Unemployment in the district rose to 15 percent in May. "
            "The talks with the union lasted four hours on April 26, 2019. "
            "Police arrested 45 protesters outside the city hall building. "
            "The company paid about $5 million in fines to the state regulator. "
            "The mayor's office said the repairs would cost more than $2 million.",
        },
        name="planted",
    )
    return compare.compare(story, nlp=nlp, progress=False)


def test_every_kind_of_planted_conflict_is_found(planted):
    cf = planted.conflicts
    assert list(cf.columns) == CONFLICT_COLUMNS
    found = cf[cf.status == "conflict"]
    got = {(r.kind, str(r.text_a), str(r.text_b)) for r in found.itertuples()}
    expected = {
        ("age", "46", "47"),
        ("percent", "12%", "15 percent"),
        ("duration", "three hours", "four hours"),
        ("date", "April 25, 2019", "April 26, 2019"),
        ("count", "30", "45"),
    }
    assert expected <= got
    assert set(found.kind) <= set(NUMBER_KINDS)


def test_each_conflict_row_shows_both_sentences(planted):
    for r in planted.conflicts.itertuples():
        assert str(r.text_a) in r.sentence_a and str(r.text_b) in r.sentence_b
        assert r.article_a != r.article_b or r.sentence_a != r.sentence_b


def test_qualifier_and_bound_are_agreement_with_a_note(planted):
    cf = planted.conflicts
    money = cf[cf.kind == "money"]
    assert len(money) == 2 and (money.status == "agreement").all()
    notes = " ".join(money.note)
    assert "qualifier" in notes and "bound" in notes


def test_rounded_figure_is_agreement(nlp):
    c = _compare(
        nlp,
        {
            "A": "The couple paid $43,885,310 in federal taxes between 2007 and 2014, the returns show.",
            "B": "The couple paid $43 million in federal taxes between 2007 and 2014, the returns show.",
        },
    )
    cf = conflicts(c)
    money = cf[cf.kind == "money"]
    assert len(money) == 1 and money.iloc[0].status == "agreement" and "rounding" in money.iloc[0].note


def test_unrelated_numbers_are_not_compared(nlp):
    c = _compare(
        nlp,
        {
            "A": "Police arrested 30 protesters outside the city hall building on Sunday.",
            "B": "The city council approved a budget of 45 pages after a long debate.",
        },
    )
    assert (conflicts(c).status != "conflict").all()


def test_figures_for_years_far_apart_are_not_a_conflict(nlp):
    """One report's share for one year and another year's share are two figures (a review found such a row)."""
    c = _compare(
        nlp,
        {
            "A": "The trust fund can pay 77 percent of benefits after 2036, the trustees said on Monday.",
            "B": "The trust fund could pay 74 percent of benefits by 2085, the trustees said on Monday.",
        },
    )
    percent = conflicts(c)
    assert not ((percent.kind == "percent") & (percent.status == "conflict")).any()
    close = _compare(
        nlp,
        {
            "A": "The trust fund can pay 77 percent of benefits after 2036, the trustees said on Monday.",
            "B": "The trust fund can pay 74 percent of benefits after 2036, the trustees said on Monday.",
        },
    )
    assert ((conflicts(close).kind == "percent") & (conflicts(close).status == "conflict")).any()


def _dated(nlp, texts: dict[str, tuple[str | None, str]]) -> compare.Comparison:
    """A story of short articles, each with its own date (or None)."""
    arts = [compare.Article(id=name, outlet=name, text=text, date=day) for name, (day, text) in texts.items()]
    return compare.compare(compare.Story(arts, name="dated"), nlp=nlp, progress=False)


def test_weekdays_resolved_against_the_article_dates_conflict(nlp):
    c = _dated(
        nlp,
        {
            "Wire": ("2011-11-02", "The House passed the motto resolution on Tuesday by a vote of 396 to 9."),
            "Daily": ("2011-11-02", "The House passed the motto resolution on Wednesday by a vote of 396 to 9."),
        },
    )
    cf = conflicts(c)
    days = cf[cf.unit == "day"]
    assert len(days) == 1 and days.iloc[0].status == "conflict" and days.iloc[0].kind == "date"
    assert "1 November 2011" in days.iloc[0].note and "2 November 2011" in days.iloc[0].note


def test_relative_date_and_weekday_of_one_day_agree(nlp):
    c = _dated(
        nlp,
        {
            "Wire": ("2016-03-25", "The tabloid published the story yesterday, and the senator denied it."),
            "Daily": ("2016-03-25", "The tabloid published the story on Thursday, and the senator denied it."),
        },
    )
    cf = conflicts(c)
    days = cf[cf.unit == "day"]
    assert len(days) == 1 and days.iloc[0].status == "agreement" and "24 March 2016" in days.iloc[0].note


def test_uncertain_relative_date_is_not_a_conflict(nlp):
    # "on Monday" without a tense may be the last Monday or the next; "next week" may hold the next one.
    c = _dated(
        nlp,
        {
            "Wire": ("2016-06-08", "The senators vote on the budget bill on Monday in the chamber."),
            "Daily": ("2016-06-08", "The senators vote on the budget bill next week in the chamber."),
        },
    )
    cf = conflicts(c)
    days = cf[cf.unit == "day"]
    assert len(days) == 1 and days.iloc[0].status == "uncertain" and "may differ" in days.iloc[0].note
    assert (cf.status != "conflict").all()


def test_weekdays_without_article_dates_are_compared_by_name(nlp):
    c = _compare(
        nlp,
        {
            "A": "The governor signed the budget bill into law on Tuesday at the state capitol.",
            "B": "The governor signed the budget bill into law on Thursday at the state capitol.",
        },
    )
    days = conflicts(c)[lambda d: d.unit == "day"]
    assert len(days) == 1 and days.iloc[0].status == "conflict" and "no article date" in days.iloc[0].note


def test_different_figures_at_the_digit_both_give_conflict(nlp):
    c = _compare(
        nlp,
        {
            "A": "The lawsuit covers 1.5 million women who worked at the retailer's stores.",
            "B": "The lawsuit covers 1.6 million women who worked at the retailer's stores.",
        },
    )
    counts = conflicts(c)[lambda d: d.kind == "count"]
    assert len(counts) == 1 and counts.iloc[0].status == "conflict"


def test_day_readings():
    from datetime import date

    from compare.dates import calendar_span, find_day_mentions, overlap, readings

    wed = date(2011, 11, 2)
    mentions = find_day_mentions("It passed Tuesday. It rose last week. He won Super Tuesday.")
    assert [m.key for m in mentions] == ["Tuesday", "last week"]  # a weekday inside a name is no date
    tue, last_week = mentions
    assert readings(tue, wed, "past") == ((date(2011, 11, 1),) * 2,)
    assert readings(tue, wed, "future") == ((date(2011, 11, 8),) * 2,)
    assert len(readings(tue, wed)) == 2  # tense unknown: last and next Tuesday
    assert readings(last_week, wed)[0] == (date(2011, 10, 24), date(2011, 10, 30))
    # 1 November is outside the calendar week before but inside the seven days before: not surely different
    assert overlap(readings(tue, wed, "past"), readings(last_week, wed)) == "uncertain"
    last_month = find_day_mentions("It fell last month.")[0]
    assert overlap(readings(tue, wed, "past"), readings(last_month, wed)) == "differ"
    assert overlap(readings(tue, wed, "past"), ((date(2011, 11, 1),) * 2,)) == "agree"
    assert calendar_span("--04-30", wed) == (date(2011, 4, 30), date(2011, 4, 30))


_COURT = {
    "a": "The Supreme Court heard arguments on Tuesday in the sex discrimination case against the retailer. "
    "Several justices doubted that a lawsuit involving as many as {a} women seeking back pay could go ahead. "
    "The company says its managers decide pay locally.",
    "b": "The Supreme Court appeared ready on Tuesday to block a huge sex discrimination lawsuit against the retailer. "
    "The case, filed for up to {b} women, could limit class actions nationwide. "
    "Lawyers for the women say the company paid them less.",
    "c": "The justices heard the retailer's appeal on Tuesday. A ruling is expected by June.",
}


def _court(nlp, a: str, b: str) -> compare.Comparison:
    return _compare(nlp, {"a": _COURT["a"].format(a=a), "b": _COURT["b"].format(b=b), "c": _COURT["c"]})


def test_the_same_counted_thing_in_loosely_matched_sentences_is_compared(nlp):
    c = _court(nlp, "1.5 million", "1.6 million")
    pairs = {frozenset((i, j)) for i, j, _ in c.aligned.possible}
    assert frozenset((1, 4)) in pairs  # the two sentences are only a faded "possible" match
    assert c.aligned.group_of(1) is None or c.aligned.group_of(1) != c.aligned.group_of(4)
    (row,) = c.conflicts.itertuples()
    assert (row.status, row.thing, row.text_a, row.text_b) == ("conflict", "woman", "as many as 1.5 million", "up to 1.6 million")
    assert "both are bounds" in row.note


def test_far_apart_figures_in_loosely_matched_sentences_are_two_figures(nlp):
    assert _court(nlp, "1.5 million", "40,000").conflicts.empty


def test_a_bound_met_in_loosely_matched_sentences_is_not_listed(nlp):
    exact = _COURT["a"].replace("as many as {a}", "{a}")
    c = _compare(nlp, {"a": exact.format(a="1.2 million"), "b": _COURT["b"].format(b="1.6 million"), "c": _COURT["c"]})
    assert frozenset((1, 4)) in {frozenset((i, j)) for i, j, _ in c.aligned.possible}
    assert c.conflicts.empty  # "up to 1.6 million" admits 1.2 million, and a faded match says no more


def test_a_precise_figure_one_digit_off_is_a_conflict_even_without_a_named_thing(nlp):
    c = _compare(
        nlp,
        {
            "a": "The former congressman pleaded guilty on Wednesday. Records released later showed that his campaign "
            "paid $5,687.75 at a holistic retreat on the island and more than $300 for flowers and dinners.",
            "b": "The former congressman admitted the fraud in court on Wednesday. In 2008 he used the money for a "
            "$5,587.75 vacation at a holistic retreat on the island.",
            "c": "The judge set sentencing for June.",
        },
    )
    rows = c.conflicts[c.conflicts.status == "conflict"]
    assert [(r.text_a, r.text_b) for r in rows.itertuples()] == [("$5,687.75", "$5,587.75")]
    assert "one digit apart" in rows.iloc[0].note


def test_a_sentence_that_also_gives_the_other_figure_does_not_contradict_it(nlp):
    c = _compare(
        nlp,
        {
            "a": "The police chief said protests were calmer on Wednesday. The chief said there were six arrests "
            "Wednesday, compared to 47 the previous night.",
            "b": "Protests were calmer in the town on Wednesday. Still, the police made 47 arrests overnight.",
            "c": "The governor visited the town.",
        },
    )
    assert c.conflicts[c.conflicts.status == "conflict"].empty


def test_nearly_a_figure_admits_a_somewhat_smaller_one():
    from compare.facts.rounding import agree
    from compare.numbers import parse_quantity

    ok, note = agree("duration", parse_quantity("almost two weeks"), parse_quantity("12 days"))
    assert ok and note.startswith("compatible")
    assert agree("count", parse_quantity("nearly 500"), parse_quantity("450"))[0]
    assert not agree("count", parse_quantity("nearly 500"), parse_quantity("300"))[0]
    assert not agree("duration", parse_quantity("almost two weeks"), parse_quantity("3 days"))[0]
