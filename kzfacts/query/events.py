"""Questions about what happened: the timeline and full-text search."""

from __future__ import annotations

import re

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
        items.sort(key=lambda i: (_first_day(i["date"]), i["id"]))
    return with_labels(store, Result("timeline", items, "no facts: no events match", meta={"from": start, "to": end}))


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
    rows = store.search(exact, limit, lo, hi) or store.search(" ".join(f'"{w}"*' for w in words[:32]), limit, lo, hi)
    items = []
    for kind, rid, title, snip, rank in rows:
        record = store.get(kind, rid)
        items.append({
            "kind": kind, "id": rid, "title": _plain(title), "snippet": _plain(snip), "rank": round(rank, 3),
            "date": record_date(record) if record is not None else None,
            "aliases": list(getattr(record, "aliases", ()) or ()) if kind == "event" else [],
            "title_marked": title, "snippet_marked": snip,
        })  # fmt: skip
    return Result("search", items, f"no facts match '{text.strip()}'", meta={"words": words})
