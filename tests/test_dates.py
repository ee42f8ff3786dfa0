"""Partial dates: parsing, round-trips and the interval comparisons queries rely on."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzfacts.dates import PartialDate, Period, overlaps, parse_date, parse_period, within
from kzfacts.errors import DateError, KzfactsError


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1000, 2999))
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None:
        day = draw(st.none() | st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day)


@given(partial_dates())
def test_every_valid_partial_date_round_trips(d: PartialDate) -> None:
    assert parse_date(str(d)) == d
    assert d.first_day <= d.last_day


@given(st.text(max_size=12))
def test_anything_else_is_rejected_with_the_error_type(text: str) -> None:
    try:
        parsed = parse_date(text)
    except DateError:
        return
    assert str(parsed) == text.strip()


@pytest.mark.parametrize("bad", ["2018-13", "2018-02-30", "18", "2018/06", "2018-6", "0999", "3000", "", "2018-00"])
def test_invalid_dates_are_refused(bad: str) -> None:
    with pytest.raises(KzfactsError):
        parse_date(bad)


def test_a_year_stands_for_every_day_in_it() -> None:
    assert Period(parse_date("2018")).lo == date(2018, 1, 1)
    assert Period(parse_date("2018")).hi == date(2018, 12, 31)
    assert Period(parse_date("2016-02")).hi == date(2016, 2, 29)


def test_ranges_and_open_ranges() -> None:
    r = parse_period("2017-06-22/2017-06-26")
    assert (r.lo, r.hi) == (date(2017, 6, 22), date(2017, 6, 26))
    assert str(r) == "2017-06-22/2017-06-26"
    assert parse_period("1993/..").open_ended
    with pytest.raises(DateError):
        parse_period("2017-06-26/2017-06-22")


@given(partial_dates(), partial_dates())
def test_within_implies_overlap_and_overlap_is_symmetric(a: PartialDate, b: PartialDate) -> None:
    pa, pb = Period(a), Period(b)
    assert overlaps(pa, pb) == overlaps(pb, pa)
    if within(pa, pb):
        assert overlaps(pa, pb)


@given(partial_dates())
def test_a_coarser_date_is_never_within_a_finer_one(d: PartialDate) -> None:
    year = Period(PartialDate(d.year))
    assert within(Period(d), year)
    if d.month is not None:
        assert not within(year, Period(d))
