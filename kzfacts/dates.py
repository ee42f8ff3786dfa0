"""Partial dates (`2013`, `1992-10`, `1992-01-19`) and periods (`2017-06-22/2017-06-26`, `1993/..`).

Sources rarely give a full date, so a date here stands for every day it covers: `2018` is the
interval 2018-01-01..2018-12-31. Two dates are comparable only through those intervals, which
is what lets a query at a coarse date say "ambiguous" instead of guessing (docs/dates.md).
"""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass
else:
    from .struct import struct as dataclass
from datetime import date
from functools import lru_cache

from .errors import DateError, KzfactsError

MIN_YEAR = 1000
MAX_YEAR = 2999
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
OPEN = ".."


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class Period:
    """A partial date, or a range of two (the end may be open: `1993/..`)."""

    start: PartialDate
    end: PartialDate | None = None  # None with is_range: open end
    is_range: bool = False

    @property
    def lo(self) -> date:
        return self.start.first_day

    @property
    def hi(self) -> date:
        if not self.is_range:
            return self.start.last_day
        return self.end.last_day if self.end else date.max

    @property
    def open_ended(self) -> bool:
        return self.is_range and self.end is None

    def __str__(self) -> str:
        if not self.is_range:
            return str(self.start)
        return f"{self.start}/{self.end or OPEN}"


def parse_date(text: object, *, what: str = "date") -> PartialDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; anything else is a DateError naming `what`."""
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if isinstance(text, str) and len(text) <= 10:
        try:
            return _parse_cached(text)
        except DateError:
            pass  # parse again below, for a message that names `what`
    return _parse_date(text, what)


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> PartialDate:
    """Large fact bases repeat the same few thousand dates; parse each once."""
    return _parse_date(text, "date")


def _parse_date(text: object, what: str) -> PartialDate:
    if not isinstance(text, str):
        raise DateError(f"{what} must be a string like 2018, 2018-06 or 2018-06-22, not {type(text).__name__}")
    match = _DATE_RE.match(text.strip())
    if not match:
        raise DateError(f"{what} {_show(text)} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"{what} {_show(text)}: year out of range {MIN_YEAR}-{MAX_YEAR}")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{what} {_show(text)}: month {month} does not exist")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"{what} {_show(text)}: day {day} does not exist in {year}-{month:02d}")
    return PartialDate(year, month, day)


def parse_period(text: object, *, what: str = "date") -> Period:
    """Parse a partial date or a `start/end` range (`end` may be `..`: open)."""
    if isinstance(text, str) and "/" in text:
        left, _, right = text.strip().partition("/")
        start = parse_date(left, what=what)
        if right.strip() == OPEN:
            return Period(start, None, True)
        end = parse_date(right, what=what)
        if end.last_day < start.first_day:
            raise DateError(f"{what} {_show(text)}: the range ends before it starts")
        return Period(start, end, True)
    return Period(parse_date(text, what=what))


@lru_cache(maxsize=8192)
def period_of(text: str) -> Period:
    """Parse a trusted date text (from the index) once per distinct value."""
    return parse_period(text)


@lru_cache(maxsize=8192)
def canonical_period(text: str) -> str:
    """The canonical text of a date or range, cached: big fact bases repeat their dates."""
    return str(parse_period(text))


def overlaps(a: Period, b: Period) -> bool:
    """True when some day could belong to both."""
    return a.lo <= b.hi and b.lo <= a.hi


def within(inner: Period, outer: Period) -> bool:
    """True when every day of `inner` is certainly in `outer`."""
    return outer.lo <= inner.lo and inner.hi <= outer.hi


def _show(text: object) -> str:
    shown = repr(text)
    return shown if len(shown) <= 40 else shown[:37] + "...'"


STALE_MONTHS = 12  # an open term is offered, and current, only this long past its latest evidence


def today() -> date:
    """Today, or KZFACTS_TODAY (YYYY-MM-DD) so answers about freshness can be reproduced."""
    import os

    given = os.environ.get("KZFACTS_TODAY")
    if not given:
        return date.today()
    try:
        return date.fromisoformat(given.strip())
    except ValueError:
        raise KzfactsError(f"KZFACTS_TODAY: '{given}' is not a day like 2026-04-01") from None


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day where it has fewer."""
    if day in (date.min, date.max):
        return day
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    if year < 1:
        return date.min
    if year > 9999:
        return date.max
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    return date(year, month + 1, 28)
