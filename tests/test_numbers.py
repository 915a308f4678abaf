"""Number normalisation (compare.numbers): a table of real-world forms, and finding numbers in text."""

from __future__ import annotations

import pytest

from compare.numbers import Quantity, find_quantities, parse_quantity, same_amount

# text, value, unit, low, high, qualifier, thing
FORMS = [
    ("$34m", 34e6, "USD", 34e6, 34e6, None, None),
    ("34 million dollars", 34e6, "USD", 34e6, 34e6, None, None),
    ("$500m", 5e8, "USD", 5e8, 5e8, None, None),
    ("500 million dollars", 5e8, "USD", 5e8, 5e8, None, None),
    ("US$1.2bn", 1.2e9, "USD", 1.2e9, 1.2e9, None, None),
    ("£3.5 billion", 3.5e9, "GBP", 3.5e9, 3.5e9, None, None),
    ("€20m", 20e6, "EUR", 20e6, 20e6, None, None),
    ("5 million euros", 5e6, "EUR", 5e6, 5e6, None, None),
    ("$5-10m", 5e6, "USD", 5e6, 10e6, None, None),
    ("2,000 tonnes", 2000, "t", 2000, 2000, None, None),
    ("more than 2,000 tonnes", 2000, "t", 2000, None, "more than", None),
    ("more than 2,000 tonnes of wheat", 2000, "t", 2000, None, "more than", "wheat"),
    ("as many as 50,000", 50000, None, None, 50000, "up to", None),
    ("up to 40 years", 40, "years", None, 40, "up to", None),
    ("at least 12 people", 12, None, 12, None, "at least", "people"),
    ("fewer than 20", 20, None, None, 20, "less than", None),
    ("about 10,000", 10000, None, 10000, 10000, "about", None),
    ("Around 10,000", 10000, None, 10000, 10000, "about", None),
    ("Some 10,000 labourers", 10000, None, 10000, 10000, "about", "labourers"),
    ("nearly 300 people", 300, None, 300, 300, "nearly", "people"),
    ("half a million", 5e5, None, 5e5, 5e5, None, None),
    ("1.5 million", 1.5e6, None, 1.5e6, 1.5e6, None, None),
    ("twenty-five", 25, None, 25, 25, None, None),
    ("two hundred thousand", 2e5, None, 2e5, 2e5, None, None),
    ("a dozen", 12, None, 12, 12, None, None),
    ("hundreds of", 200, None, 200, None, None, None),
    ("between 100 and 200", 100, None, 100, 200, None, None),
    ("10 per cent", 10, "%", 10, 10, None, None),
    ("10%", 10, "%", 10, 10, None, None),
    ("2.5 percent", 2.5, "%", 2.5, 2.5, None, None),
    ("3 percentage points", 3, "pp", 3, 3, None, None),
    ("1,000km", 1000, "km", 1000, 1000, None, None),
    ("two months", 2, "months", 2, 2, None, None),
    ("1950-53", 1950, "year", 1950, 1953, None, None),
    ("1998–2003", 1998, "year", 1998, 2003, None, None),
    ("2006 until 2012", 2006, "year", 2006, 2012, None, None),
    ("2006 through 2012", 2006, "year", 2006, 2012, None, None),
    ("2017", 2017, "year", 2017, 2017, None, None),
]

DATES = [
    ("Thursday 25/04", "--04-25"),
    ("Thursday, 25 April", "--04-25"),
    ("25 April 2019", "2019-04-25"),
    ("April 25, 2019", "2019-04-25"),
    ("April 2019", "2019-04"),
    ("2019-04-25", "2019-04-25"),
    ("4/25/19", "2019-04-25"),
]


@pytest.mark.parametrize("text, value, unit, low, high, qualifier, thing", FORMS, ids=[f[0] for f in FORMS])
def test_parse_quantity_forms(text, value, unit, low, high, qualifier, thing):
    q = parse_quantity(text)
    assert q is not None
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert (q.low is None, q.high is None) == (low is None, high is None)
    if low is not None:
        assert q.low == pytest.approx(low)
    if high is not None:
        assert q.high == pytest.approx(high)
    assert q.qualifier == qualifier
    assert q.thing == thing
    assert q.text == text


@pytest.mark.parametrize("text, iso", DATES)
def test_parse_dates(text, iso):
    q = parse_quantity(text)
    assert (q.value, q.unit) == (iso, "date")


def test_equal_forms_normalise_alike():
    assert parse_quantity("$500m").value == parse_quantity("500 million dollars").value == 5e8
    assert parse_quantity("Thursday 25/04").value == parse_quantity("25 April").value


def test_approx_flags():
    assert parse_quantity("about 10,000").approx
    assert parse_quantity("hundreds of").approx
    assert not parse_quantity("more than 2,000").approx


@pytest.mark.parametrize("text", ["", "no numbers here", "the one thing", "$"])
def test_no_number(text):
    assert parse_quantity(text) is None


def test_same_amount_rounding_is_agreement_with_note():
    ok, note = same_amount(parse_quantity("about 10,000"), parse_quantity("10,000"))
    assert ok and "qualifier" in note
    ok, note = same_amount(parse_quantity("about 10,000"), parse_quantity("9,870"))
    assert ok and note.startswith("rounding")
    assert same_amount(parse_quantity("about 10,000"), parse_quantity("around 10,000")) == (True, "")


def test_same_amount_differs():
    assert not same_amount(parse_quantity("2,000 tonnes"), parse_quantity("3,000 tonnes"))[0]
    assert not same_amount(parse_quantity("$5m"), parse_quantity("5m tonnes"))[0]


def test_display():
    assert parse_quantity("$500m").display() == "500,000,000 USD"
    assert parse_quantity("1950-53").display() == "1950–1953"
    assert parse_quantity("Thursday 25/04").display() == "25 April"
    assert isinstance(parse_quantity("more than 2,000 tonnes"), Quantity)


def test_find_quantities_blank_pipeline(blank_nlp):
    doc = blank_nlp("Trade fell from $60m in 2017 to $34m in 2018. He met them on Thursday 25/04, in the catch-22.")
    found = [(doc.text[m.start : m.end], m.quantity.display()) for m in find_quantities(doc)]
    assert found == [
        ("$60m", "60,000,000 USD"),
        ("2017", "2017"),
        ("$34m", "34,000,000 USD"),
        ("2018", "2018"),
        ("Thursday 25/04", "25 April"),
    ]


def test_find_quantities_attaches_thing(nlp):
    doc = nlp("Around 10,000 North Korean labourers are still employed. Russia shipped more than 2,000 tonnes of wheat.")
    things = {doc.text[m.start : m.end]: m.quantity.thing for m in find_quantities(doc)}
    assert things == {"Around 10,000": "laborer", "more than 2,000 tonnes": "wheat"}


def test_a_hyphenated_unit_is_the_numbers_unit_and_an_age_stays_an_age(blank_nlp):
    doc = blank_nlp("A 13-year path, a four-day visit and a 2-mile race; a 30-year-old driver.")
    found = {doc.text[m.start : m.end]: m.quantity.unit for m in find_quantities(doc)}
    assert found == {"13-year": "years", "four-day": "days", "2-mile": "mi", "30": None}


def test_find_quantities_empty(blank_nlp):
    assert find_quantities(blank_nlp("Nothing to count here.")) == []


def test_a_time_of_day_is_no_amount(blank_nlp):
    doc = blank_nlp("UPDATE 2:52 p.m. -- the hearing resumed at 3 pm, at 10:30 and at 9 a.m., and 12 people left.")
    found = [doc.text[m.start : m.end] for m in find_quantities(doc)]
    assert found == ["12"]


def test_vague_amounts_multiply():
    assert parse_quantity("tens of thousands of dollars").low == 20_000
    assert parse_quantity("tens of thousands of dollars").unit == "USD"
    assert parse_quantity("hundreds of millions of dollars").low == 200_000_000
    assert parse_quantity("hundreds of thousands of").low == 200_000
    assert parse_quantity("thousands of").low == 2_000


def test_a_chained_vague_amount_is_one_mention(blank_nlp):
    doc = blank_nlp("He must forfeit $750,000, plus tens of thousands of dollars' worth of memorabilia.")
    found = [(doc.text[m.start : m.end], m.quantity.low) for m in find_quantities(doc)]
    assert found == [("$750,000", 750_000), ("tens of thousands of dollars", 20_000)]
