"""`who POST --at D` returns exactly the terms whose span may contain some day of D, checked
against a brute-force oracle that walks every day, on generated terms."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kzfacts.dates import PartialDate, Period
from kzfacts.model import Citation, Term
from kzfacts.succession import post_spans, term_span, terms_at


@st.composite
def pdates(draw: st.DrawFn, lo: int = 2000, hi: int = 2005) -> PartialDate:
    year = draw(st.integers(lo, hi))
    month = draw(st.none() | st.integers(1, 12))
    day = None if month is None else draw(st.none() | st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day)


@st.composite
def terms(draw: st.DrawFn) -> list[Term]:
    out = []
    for i in range(draw(st.integers(1, 5))):
        start = draw(st.none() | pdates())
        end = draw(st.none() | pdates())
        if start and end and end.last_day < start.first_day:
            start, end = end, start
        as_of = draw(st.none() | pdates())
        cites = (Citation("src", "q", as_of=str(as_of) if as_of else None),)
        out.append(Term(f"t{i}", "post", f"p{i}", str(start) if start else None, str(end) if end else None,
                        citations=cites))  # fmt: skip
    return out


def oracle(ts: list[Term], at: Period) -> set[str]:
    """Day by day: a term counts when any day of `at` lies in its span (docs/dates.md)."""
    found = set()
    for t in ts:
        s = term_span(t)
        if s.lo is None or s.hi is None:
            continue
        day = at.lo
        while day <= at.hi:
            if s.lo <= day <= s.hi:
                found.add(t.id)
                break
            day += timedelta(days=1)
    return found


@settings(max_examples=150, deadline=None)
@given(terms(), pdates(1999, 2006))
def test_terms_at_matches_the_day_by_day_oracle(ts: list[Term], at: PartialDate) -> None:
    period = Period(at)
    assert {t.id for t in terms_at(ts, period)} == oracle(ts, period)


def test_span_rules() -> None:
    open_term = Term("a", "post", "p", "2018-01", None)
    s = term_span(open_term)
    assert s.lo == date(2018, 1, 1) and s.hi == date(2019, 1, 31)  # a year past what the texts say of it
    closed = Term("b", "post", "p", "2010", "2012-06")
    s = term_span(closed)
    assert (s.lo, s.hi, s.sure_lo, s.sure_hi) == (
        date(2010, 1, 1),
        date(2012, 6, 30),
        date(2010, 12, 31),
        date(2012, 6, 1),
    )
    evidence_only = Term("c", "post", "p", citations=(Citation("x", "q", as_of="2011-03"),))
    s = term_span(evidence_only)
    # seen in post in 2011-03, start and end unknown: possible a year either side, certain in none
    assert (s.lo, s.hi, s.latest) == (date(2010, 3, 1), date(2012, 3, 31), "2011-03")
    # A source's own date is not evidence: a 2025 article may mention a minister of 2010.
    undated = Term("d", "post", "p", citations=(Citation("x", "q"),))
    assert term_span(undated).latest is None


def test_single_holder_post_bounds_an_open_term_by_the_next_holder() -> None:
    first = Term("a", "post", "p1", "2008", None, citations=(Citation("x", "q", as_of="2015-06"),))
    later = Term("b", "post", "p2", citations=(Citation("x", "q", as_of="2016-02"),))
    spans = post_spans([first, later], single_holder=True)
    # b held it on some day of 2016-02, at the latest the 29th: a cannot have held it after the 28th.
    assert spans["a"].hi == date(2016, 2, 28) and spans["a"].bounded_by == "b"
    # b was seen in 2016-02 and nothing ends it: it may still hold it a year on, not two.
    assert [t.id for t in terms_at([first, later], Period(PartialDate(2016, 12)), single_holder=True)] == ["b"]
    assert terms_at([first, later], Period(PartialDate(2018)), single_holder=True) == []
    assert not spans["b"].certain(Period(PartialDate(2016, 2))) and not spans["b"].certain(Period(PartialDate(2017)))
    # b's start is unknown: it may have begun the day after a was last certainly in post
    assert spans["b"].lo == date(2015, 6, 2)
