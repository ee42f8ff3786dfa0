"""Who may and who certainly held a post: the reading of term dates (docs/dates.md, "Terms").

`who`, `who --history` and `stats` all answer from these spans, so a date is never read two
ways. A span says where a term may lie and where it certainly lies; nothing here guesses
between the two, and an open term is certain only up to its latest evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass, field
else:
    from .struct import field
    from .struct import struct as dataclass
from datetime import date, timedelta

from . import model
from .dates import STALE_MONTHS, PartialDate, Period, add_months, period_of


@dataclass
class Span:
    """Where a term may lie (lo..hi) and where it certainly lies (sure_lo..sure_hi)."""

    lo: date | None
    hi: date | None
    sure_lo: date | None
    sure_hi: date | None
    latest: str | None
    latest_source: str | None
    bounded_by: str | None = None  # single-holder post: the next holder's term that closes this open one
    known_to: date | None = None  # the last day any text speaks of this term (start, evidence or end)
    # What set `lo` and `hi` (the export's tenures table shows them): lo is `stated` (the start),
    # `earliest_evidence` or `before_end` (12 months before the first the texts say of it), or
    # `predecessor_end`; hi is `stated` (the end), `successor_start` (an end derived from the
    # successor's cited start), `latest_evidence` (the 12-month rule), `bounded_by` or `post_ended`.
    lo_basis: str | None = None
    hi_basis: str | None = None

    def certain(self, at: Period) -> bool:
        """True when every day of `at` is certainly inside the term."""
        return self.sure_lo is not None and self.sure_hi is not None and self.sure_lo <= at.lo and at.hi <= self.sure_hi

    def may_cover(self, at: Period) -> bool:
        return (
            self.lo is not None and self.hi is not None and self.lo <= self.hi and self.lo <= at.hi and at.lo <= self.hi
        )


def term_span(term: model.Term) -> Span:
    """One term's span. An open term is certain only to its latest evidence, and may have gone
    on at most STALE_MONTHS past it (docs/dates.md); a term whose start no text gives may have
    begun up to STALE_MONTHS before the first the texts say of it."""
    # A dated mention ("as_of 2003") shows the person in post on some day of that period, not
    # on every day of it: certainty runs from the earliest mention's last day to the latest's first.
    evidence = [(period_of(c.as_of), c.source) for c in term.citations if c.as_of]
    ev_lo = min((p.lo for p, _ in evidence), default=None)
    ev_sure_lo = min((p.hi for p, _ in evidence), default=None)
    ev_sure_hi = max((p.lo for p, _ in evidence), default=None)
    latest_p, latest_src = max(evidence, key=lambda e: e[0].hi, default=(None, None))
    start = period_of(term.start) if term.start else None
    end = period_of(term.end) if term.end else None
    first_known = min((d for d in (ev_lo, end.lo if end else None) if d), default=None)
    lo = start.lo if start else (add_months(first_known, -STALE_MONTHS) if first_known else None)
    sure_lo = start.hi if start else ev_sure_lo
    hi: date | None
    sure_hi: date | None
    if end:
        hi, sure_hi = end.hi, end.lo
    elif start:
        last_known = max(start.hi, latest_p.hi) if latest_p else start.hi
        hi = add_months(last_known, STALE_MONTHS)
        sure_hi = max(start.hi, ev_sure_hi) if ev_sure_hi else start.hi
    else:
        hi = add_months(latest_p.hi, STALE_MONTHS) if latest_p else None
        sure_hi = ev_sure_hi
    latest, latest_source = (str(latest_p), latest_src) if latest_p else (None, None)
    if latest is None and term.start:
        # No dated mention: the start is the latest the texts say of it.
        first = (term.start_claims[-1].citations if term.start_claims else ()) or term.citations
        latest, latest_source = term.start, first[0].source if first else None
    known = [d for d in (start.lo if start else None, latest_p.lo if latest_p else None, end.lo if end else None) if d]
    lo_basis = "stated" if start else None if first_known is None else "earliest_evidence"
    if lo_basis == "earliest_evidence" and (ev_lo is None or (end is not None and end.lo < ev_lo)):
        lo_basis = "before_end"  # no dated mention before the end: 12 months before the end
    hi_basis = ("successor_start" if term.end_derived_from else "stated") if end else None
    if hi_basis is None and hi is not None:
        hi_basis = "latest_evidence"
    return Span(
        lo, hi, sure_lo, sure_hi, latest, latest_source, known_to=max(known, default=None), lo_basis=lo_basis,
        hi_basis=hi_basis,
    )  # fmt: skip


def post_end(post: model.Post) -> date | None:
    """The last day the post may exist (its latest end claim), or None while it goes on."""
    return max((period_of(c.value).hi for c in post.end if c.value), default=None)


def post_spans(terms: list[model.Term], single_holder: bool, closes: date | None = None) -> dict[str, Span]:
    """Spans of a post's terms. In a single-holder post an open term cannot outlast the first
    day a later term (another person's, or the same person's next one) certainly holds the post,
    so it is bounded there and says by which term. No term outlasts the post itself (`closes`)."""
    spans = {t.id: term_span(t) for t in terms}
    if closes is not None:
        for s in spans.values():
            if s.hi is not None and s.hi > closes:
                s.hi = max(closes, s.lo) if s.lo else closes
                s.hi_basis = "post_ended"
            if s.sure_hi is not None and s.sure_hi > closes:
                s.sure_hi = closes
    if not single_holder:
        return spans
    for t in terms:
        s = spans[t.id]
        if t.end is not None or s.hi is None or s.sure_lo is None:
            continue
        after = [
            (o_span.sure_lo, o.id) for o in terms
            if o.id != t.id and (o_span := spans[o.id]).sure_lo is not None
            and o_span.lo is not None and o_span.lo > s.sure_lo  # it began after this one certainly had
        ]  # fmt: skip
        if after:
            first, by = min(after)
            if first - timedelta(days=1) < s.hi:
                s.hi = max(first - timedelta(days=1), s.lo or first)
                s.bounded_by = by
                s.hi_basis = "bounded_by"
            # It ended somewhere before `first`: certain only up to its latest evidence.
            s.sure_hi = max(s.sure_lo, period_of(s.latest).lo if s.latest else s.sure_lo)
    for t in terms:  # a start no text gives: not before the last day a predecessor certainly held it
        s = spans[t.id]
        if t.start is not None or s.lo is None or s.sure_lo is None:
            continue
        before = [
            o_span.sure_hi for o in terms
            if o.id != t.id and (o_span := spans[o.id]).sure_hi and o_span.sure_hi < s.sure_lo
        ]  # fmt: skip
        if before and max(before) + timedelta(days=1) > s.lo:
            s.lo, s.lo_basis = max(before) + timedelta(days=1), "predecessor_end"
    return spans


def terms_at(terms: list[model.Term], at: Period, single_holder: bool = False) -> list[model.Term]:
    """Every term whose span may contain some day of `at`: the candidates, never a guess."""
    spans = post_spans(terms, single_holder)
    return [t for t in terms if spans[t.id].may_cover(at)]


def current(terms: list[model.Term], spans: dict[str, Span], single_holder: bool) -> list[model.Term]:
    """The holder(s) the latest evidence shows. In a single-holder post that is the term some
    text speaks of last, so a holder whose successor is recorded is never offered as current,
    even when neither term has an end."""
    if single_holder:
        # Latest first; on the same day an open term (the successor) goes before an ended one,
        # and of two that both end, the one that began later (the successor) goes first.
        key = {
            t.id: (spans[t.id].known_to, t.end is None, spans[t.id].lo or date.min)
            for t in terms
            if spans[t.id].known_to
        }
        last = max(key.values(), default=None)
        return [t for t in terms if last is not None and key.get(t.id) == last]
    reach = max((s.hi for s in spans.values() if s.hi), default=None)
    return [t for t in terms if reach is not None and spans[t.id].hi == reach]


# -- coverage: month by month ----------------------------------------------------------------


def month_days(since: date, until: date) -> list[date]:
    """The 15th of every month from `since`'s month to `until`, the day coverage is sampled on."""
    days = []
    y, m = since.year, since.month
    while (d := date(y, m, 15)) <= until:
        days.append(d)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return days


@dataclass
class Coverage:
    """How much of a post's existence the fact base can answer with one certain holder."""

    months: int = 0
    certain: int = 0
    ambiguous: int = 0
    unknown: int = 0
    gaps: list[tuple[str, str]] = field(default_factory=list)  # runs of months with no holder known
    unsure: list[tuple[str, str]] = field(default_factory=list)  # runs with candidates, none certain

    @property
    def share(self) -> float:
        return round(100 * self.certain / self.months, 1) if self.months else 0.0


def coverage(
    terms: list[model.Term], single_holder: bool, since: date, until: date, closes: date | None = None
) -> Coverage:
    """Classify each month (its 15th) as one certain holder, ambiguous, or no holder known.

    A multi-holder post counts a month as certain when every candidate certainly held it. A gap
    is a run of months in which no day has a possible holder; a month whose 15th is unknown but
    another day is known counts as unknown without opening a gap."""
    spans = post_spans(terms, single_holder, closes)
    if closes is not None:
        until = min(until, closes)
    cov = Coverage()
    runs: dict[str, list[list[date]]] = {"unknown": [], "ambiguous": []}
    previous = ""
    for day in month_days(since, until):
        at = Period(_pd(day))
        cands = [t for t in terms if spans[t.id].may_cover(at)]
        sure = [t for t in cands if spans[t.id].certain(at)]
        if not cands:
            status = "unknown"
        elif len(sure) == len(cands) and (len(cands) == 1 or not single_holder):
            status = "certain"
        else:
            status = "ambiguous"
        cov.months += 1
        setattr(cov, status, getattr(cov, status) + 1)
        if status == "unknown" and any(spans[t.id].may_cover(_whole_month(day)) for t in terms):
            status = "partial"  # a holder is known on some day of the month: not a gap
        if status in runs:
            if status == previous:
                runs[status][-1][1] = day
            else:
                runs[status].append([day, day])
        previous = status
    cov.gaps = [(_month(a), _month(b)) for a, b in runs["unknown"]]
    cov.unsure = [(_month(a), _month(b)) for a, b in runs["ambiguous"]]
    return cov


def _pd(day: date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def _whole_month(day: date) -> Period:
    return Period(PartialDate(day.year, day.month))


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
