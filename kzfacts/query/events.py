"""Questions about what happened: the timeline and full-text search."""

from __future__ import annotations

import re
from typing import Any

from .. import model
from ..dates import period_of
from ..errors import KzfactsError
from ..store import Store
from .common import Result, _choose, _plain, clean_arg, date_range, record_date, with_labels
from .votes import _first_day, vote_entry

# -- timeline --------------------------------------------------------------------------------


def timeline(
    store: Store,
    start: str | None = None,
    end: str | None = None,
    topics: list[str] | None = None,
    skip_topics: list[str] | None = None,
    countries: list[str] | None = None,
) -> Result:
    """Events in date order between `start` and `end` (inclusive, partial dates widen)."""
    lo_day, hi_day = date_range(None, start, end)
    known_topics = sorted({*store.link_targets("event", "topic"), "elections"})
    keep = {_choose(t, known_topics, "topic", "--topic") for t in topics or ()}
    skip = {_choose(t, known_topics, "topic", "--skip-topic") for t in skip_topics or ()}
    known_countries = store.link_targets("event", "country")
    where = {_choose(c, known_countries, "country", "--country") for c in countries or ()}
    events = [
        ev for ev in store.between("event", lo_day, hi_day)
        if (not keep or keep & set(ev.topics)) and not skip & set(ev.topics)
        and (not where or where & set(ev.countries))
    ]  # fmt: skip
    people = store.labels("person", (p for ev in events for p in ev.people))
    items = []
    for ev in events:
        item = ev.to_dict()
        item["people_names"] = [people.get(p, p) for p in ev.people]
        items.append(item)
    if "elections" not in skip and (not keep or "elections" in keep) and (not where or "kz" in where):
        votes = store.between("vote", lo_day, hi_day)
        items.extend(vote_entry(v) for v in votes)
    for item in items:
        item["ongoing"] = _ongoing(item["date"], lo_day)
    # each happening once, in date order; what began before the range (a span such as "1999/..")
    # follows the dated entries of the range, marked ongoing, not placed as if it happened in it
    items.sort(key=lambda i: (i["ongoing"], _first_day(i["date"]), i["id"]))
    return with_labels(store, Result("timeline", items, "no facts: no events match", meta={"from": start, "to": end}))


def _ongoing(dates: list[dict[str, Any]], lo_day: str | None) -> bool:
    """A span (`1999/..`, `2015/2016-07`) that began before the asked range."""
    return lo_day is not None and any(
        "/" in str(c["value"]) and period_of(str(c["value"]).split("/")[0]).lo.isoformat() < lo_day for c in dates
    )


# -- search ----------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def search(store: Store, text: str, limit: int = 20, start: str | None = None, end: str | None = None) -> Result:
    """Full-text search over titles, summaries, aliases, names and quotes; best matches first.

    Each hit carries its date (`date`, as text; empty for undated kinds) so a reader can place
    it in time; with --from/--to only records dated within the range are kept."""
    words = _WORD.findall(clean_arg(text, "TEXT"))
    if not words:
        raise KzfactsError(f"TEXT: '{text.strip()}' has no words to search for")
    lo, hi = date_range(None, start, end)
    exact = " ".join(f'"{w}"' for w in words[:32])
    wide = limit * 3  # room to rank exact title and alias matches first before cutting to `limit`
    rows = store.search(exact, wide, lo, hi) or store.search(" ".join(f'"{w}"*' for w in words[:32]), wide, lo, hi)
    phrase = " ".join(words).casefold()
    items: list[dict[str, Any]] = []
    for kind, rid, title, snip, rank in rows:
        record = store.get(kind, rid)
        title = _title(store, record, title)
        aliases = list(getattr(record, "aliases", ()) or ()) if kind == "event" else []
        plain_title = _plain(title).casefold()
        named = (
            2 if phrase == plain_title or any(phrase == a.casefold() for a in aliases) else int(phrase in plain_title)
        )
        items.append({
            "kind": kind, "id": rid, "title": _plain(title), "snippet": _plain(snip), "rank": round(rank, 3),
            "date": record_date(record) if record is not None else None, "aliases": aliases,
            "title_marked": title, "snippet_marked": snip, "_named": named,
        })  # fmt: skip
    items.sort(key=lambda i: -int(i["_named"]))  # exact title or alias, then title containing it; bm25 within
    for item in items:
        del item["_named"]
    return Result("search", items[:limit], f"no facts match '{text.strip()}'", meta={"words": words})


def _title(store: Store, record: Any, marked: str) -> str:
    """A hit's title as a reader names it: a term as its holder and post (its id is shown
    beside it anyway), a trade figure with its amount and period."""
    if isinstance(record, model.Term):
        person = store.labels("person", [record.person]).get(record.person, record.person)
        post = store.labels("post", [record.post]).get(record.post, record.post)
        return f"{person}, {post}"
    if isinstance(record, model.TradeFigure):
        amount = " / ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in model.values(record.value))
        unit = " ".join(x for x in (record.unit, record.currency) if x)
        period = record.period_label or record.period or "period not stated"
        return f"{record.indicator} {record.from_ or '?'}→{record.to or '?'} {amount} {unit} ({period})"
    return marked
