"""Questions about votes: elections and referendums, their winners, one-line summaries."""

from __future__ import annotations

from typing import Any

from .. import model
from ..dates import period_of
from ..errors import KzfactsError
from ..names import did_you_mean, suggest
from ..store import Store
from .common import VOTE_TYPES, Result, _choose, clean_arg, date_range, with_labels


def _first_day(dates: list[dict[str, Any]]) -> str:
    return min((period_of(c["value"]).lo.isoformat() for c in dates if c.get("value")), default="9999")


def vote_entry(vote: model.Vote) -> dict[str, Any]:
    """A vote as a timeline entry: the same keys as an event, its outcome in one line."""
    topics = ["elections", *(["parliament"] if vote.type == "parliamentary" else [])]
    return {
        "kind": "vote", "id": vote.id, "date": [c.to_dict() for c in vote.date], "title": vote.title or vote.id,
        "summary": vote_summary(vote), "topics": topics, "countries": ["kz"],
        "people": [r.person for r in vote.results if r.person], "note": vote.note,
        "citations": [c.to_dict() for c in vote.citations], "aliases": [], "ratified": [], "in_force": [],
        "people_names": [],
    }  # fmt: skip


def vote_summary(vote: model.Vote) -> str:
    """The outcome in one line: the text's own words where the data has them, then the turnout."""
    parts = [vote.outcome.rstrip(". ")] if vote.outcome else []
    if not parts and (winner := _winner(vote)):
        row = next(r for r in vote.results if r.name == winner)
        share = " / ".join(f"{v}%" for v in model.values(row.share))
        parts.append(f"{winner} {share}".strip())
    if vote.turnout:
        parts.append("turnout " + " / ".join(f"{v}%" for v in model.values(vote.turnout)))
    if vote.rounds:
        parts.append(f"{len(vote.rounds)} rounds")
    return "; ".join(parts)


# -- elections -------------------------------------------------------------------------------


def elections(
    store: Store, vote_type: str | None = None, year: int | None = None, vote_id: str | None = None,
    start: str | None = None, end: str | None = None,
) -> Result:  # fmt: skip
    """Votes in date order; with a year or an id, the full result tables."""
    if vote_id is not None:
        given = [o for o, v in (("--type", vote_type), ("--year", year), ("--from", start), ("--to", end)) if v]
        if given:  # one vote is chosen by its id: a filter beside it would be silently ignored
            raise KzfactsError(f"elections: a vote ID cannot be combined with {given[0]}",
                               hint="give the ID alone, or the filters alone")  # fmt: skip
        vid = clean_arg(vote_id, "ID")
        vote = store.get("vote", vid)
        if vote is None:
            ids = [v.id for v in store.all("vote")]
            raise KzfactsError(f"no vote '{vid}'", hint=did_you_mean(suggest(vid, ids)))
        return with_labels(store, Result("vote", [_vote_item(store, vote)]))
    chosen = _choose(vote_type, list(VOTE_TYPES), "vote type", "--type") if vote_type else None
    lo, hi = date_range(year, start, end)
    votes = store.between("vote", lo, hi, linked=("type", chosen) if chosen else None)
    items = [_vote_item(store, v) for v in votes]
    return with_labels(store, Result("vote" if year is not None else "elections", items, "no facts: no votes match"))


def _vote_item(store: Store, vote: model.Vote) -> dict[str, Any]:
    item = vote.to_dict()
    item["winner"] = _winner(vote)
    return item


def _winner(vote: model.Vote) -> str | None:
    """The result with the largest share or votes, only when every claim agrees on it."""

    def best(field_name: str) -> str | None:
        tops = set()
        rows = [(r.name, [c.value for c in getattr(r, field_name)]) for r in vote.results]
        rows = [(n, vs) for n, vs in rows if vs]
        if len(rows) < 2:
            return None
        for pick in (min, max):
            top = max(rows, key=lambda r: pick(r[1]))
            tops.add(top[0])
        return tops.pop() if len(tops) == 1 else None

    return best("share") or best("votes") or best("seats")
