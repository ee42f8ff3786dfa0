"""The export's `tenures` table: each term as `who` reads it, so SQL answers like the CLI.

One row per term, from the same spans `who --at` answers from (`succession.post_spans`, bounded
by the post's end): `possible_from`..`possible_to` are the days on which `who POST --at DAY`
offers the term, `certain_from`..`certain_to` the days on which it names it without doubt
(a term whose start no text gives is never certain: "start unknown"). With those two ranges,
the `WHO_HELD` query below lists exactly the holders `kzfacts who POST --at DAY` lists, and
marks them ambiguous exactly when it does: a candidate not certain that day, or more than one
candidate in a single-holder post. `from_basis` and `to_basis` say which rule set each bound
(`Span.lo_basis`, `Span.hi_basis`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from . import dates, model
from .model import FactBase
from .query.offices import _stale
from .succession import post_end, post_spans

COLUMNS = (
    "term", "post", "person", "name", "certain_from", "certain_to", "possible_from", "possible_to", "from_basis",
    "to_basis", "acting", "possibly_outdated", "latest_evidence", "bounded_by",
)  # fmt: skip

SCHEMA = """
CREATE TABLE tenures(term TEXT PRIMARY KEY REFERENCES terms(id), post TEXT NOT NULL REFERENCES posts(id),
                     person TEXT NOT NULL REFERENCES people(id), name TEXT NOT NULL, certain_from TEXT,
                     certain_to TEXT, possible_from TEXT, possible_to TEXT, from_basis TEXT, to_basis TEXT,
                     acting INTEGER NOT NULL, possibly_outdated INTEGER NOT NULL, latest_evidence TEXT,
                     bounded_by TEXT REFERENCES terms(id));
"""

# Who held :post on :at (a day, YYYY-MM-DD): the candidates are the terms whose possible range
# holds the day (a NULL possible_to is open-ended); the answer is ambiguous when one of them is
# not certain that day, or when a single-holder post has more than one.
WHO_HELD = """\
with held as (
  select term, post, person, name, possible_from,
    coalesce(:at >= certain_from and (certain_to is null or :at <= certain_to), 0) as certain
  from tenures
  where post = :post and :at >= possible_from and (possible_to is null or :at <= possible_to)
)
select post, person, name, term,
  ((select count(*) from held) > 1 and (select single_holder from posts where id = :post))
    or (select min(certain) from held) = 0 as ambiguous
from held
order by possible_from, term"""


def _days(lo: date | None, hi: date | None) -> tuple[str | None, str | None]:
    """A range of days as ISO text; (None, None) when it holds no day, the end None when open."""
    if lo is None or hi is None or lo > hi or lo == date.max:
        return None, None
    return lo.isoformat(), None if hi == date.max else hi.isoformat()


def rows(base: FactBase) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """("tenures", row) for every term, in the order of the terms table."""
    posts: dict[str, model.Post] = base.records["posts"]  # type: ignore[assignment]
    people: dict[str, model.Person] = base.records["people"]  # type: ignore[assignment]
    terms: list[model.Term] = base.of("terms")
    by_post: dict[str, list[model.Term]] = {}
    for t in terms:
        by_post.setdefault(t.post, []).append(t)
    spans = {}
    for pid, held in by_post.items():
        p = posts[pid]
        spans.update(post_spans(held, p.single_holder, post_end(p)))  # as `who` reads the post
    today = dates.today()
    for t in terms:
        s = spans[t.id]
        possible = _days(s.lo, s.hi)
        # `who` calls a day certain when the span certainly covers it, the term is offered that
        # day at all, and its start is known.
        certain: tuple[str | None, str | None] = (None, None)
        if t.start is not None and possible[0] is not None and s.sure_lo is not None and s.sure_hi is not None:
            assert s.lo is not None and s.hi is not None
            certain = _days(max(s.lo, s.sure_lo), min(s.hi, s.sure_hi))
        person = people.get(t.person)
        yield "tenures", (
            t.id, t.post, t.person, person.name if person else t.person, *certain, *possible, s.lo_basis, s.hi_basis,
            int(t.acting), int(_stale(t, s, today)), s.latest, s.bounded_by,
        )  # fmt: skip
