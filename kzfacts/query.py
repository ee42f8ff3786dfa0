"""The questions people ask, as pure functions over a Store that return plain records.

Nothing here prints or knows about terminals: each function returns a `Result` whose items are
JSON-ready dicts (the documented machine format), and `render/` decides how to show them.
Where sources disagree, every claim stays in the item; no function picks one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass, field
else:
    from .struct import field
    from .struct import struct as dataclass
from datetime import date
from typing import Any

from . import model
from .dates import Period, parse_date, period_of
from .errors import KzfactsError
from .index import Store
from .names import did_you_mean, fold, similarity, simple_fold, suggest
from .succession import Coverage, Span, coverage, current, post_end, post_spans, term_span

MAX_ARG = 200
VOTE_TYPES = ("presidential", "parliamentary", "referendum")


@dataclass
class Result:
    """What a query found: `items` for every output, `notes` and `meta` for the terminal view."""

    view: str
    items: list[dict[str, Any]]
    empty: str = "no facts found"
    notes: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


# -- arguments -------------------------------------------------------------------------------


def clean_arg(value: str, what: str) -> str:
    """Reject empty, oversized or control-character arguments before any lookup."""
    text = value.strip()
    if not text:
        raise KzfactsError(f"{what}: empty value")
    if len(text) > MAX_ARG:
        raise KzfactsError(f"{what}: value is {len(text)} characters long; the limit is {MAX_ARG}")
    if any(ord(ch) < 32 or ord(ch) == 127 or 0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise KzfactsError(f"{what}: value contains control characters or undecodable bytes")
    return text


def date_arg(value: str | None, what: str) -> Period | None:
    if value is None:
        return None
    return Period(parse_date(clean_arg(value, what), what=what))


def year_arg(value: int | None, what: str = "--year") -> Period | None:
    return None if value is None else date_arg(str(value), what)


def date_range(year: int | None, start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """The ISO days [lo, hi] asked for by --year, --from and --to together (each narrows).

    Timeline's rules for every command: partial dates widen to their whole period, `--to` is
    inclusive, and a `--from` after the `--to` is an error naming both."""
    lo, hi = date_arg(start, "--from"), date_arg(end, "--to")
    if lo and hi and lo.lo > hi.hi:
        raise KzfactsError(f"--from {start} is after --to {end}")
    span = year_arg(year)
    days_lo = max(d for d in (lo.lo if lo else None, span.lo if span else None) if d) if lo or span else None
    days_hi = min(d for d in (hi.hi if hi else None, span.hi if span else None) if d) if hi or span else None
    return (days_lo.isoformat() if days_lo else None), (days_hi.isoformat() if days_hi else None)


def cited_sources(value: Any, found: dict[str, None] | None = None) -> dict[str, None]:
    """Every source id cited anywhere inside an item (claims, results, rounds, terms), in order."""
    found = {} if found is None else found
    if isinstance(value, dict):
        if isinstance(value.get("source"), str) and "quote" in value:
            found[value["source"]] = None
        for v in value.values():
            cited_sources(v, found)
    elif isinstance(value, list):
        for v in value:
            cited_sources(v, found)
    return found


def with_labels(store: Store, result: Result) -> Result:
    """Put a short human label for every cited source into `meta["source_labels"]`.

    Renderers know nothing about the index, yet a note should read `Kazinform, 2022-03-27`
    rather than a slug, so the query hands the labels over with the items."""
    ids = list(cited_sources(result.items))
    result.meta["source_labels"] = {sid: short_label(s) for sid in ids if (s := store.get("source", sid))}
    return result


def _choose(given: str, known: list[str], what: str, option: str) -> str:
    """Match an option value case-insensitively against known values, or fail with suggestions."""
    text = clean_arg(given, option)
    for k in known:
        if k.casefold() == text.casefold():
            return k
    raise KzfactsError(
        f"no {what} '{text}'", hint=did_you_mean(suggest(text, known)) or f"known: {', '.join(sorted(known))}"
    )


# -- matching --------------------------------------------------------------------------------


def match_posts(store: Store, given: str) -> list[str]:
    """Post ids whose id, label or alias matches `given`; `ambassador` gives both sides."""
    text = clean_arg(given, "POST")
    q = simple_fold(text)
    rows = store.names("post")
    found = [pid for pid, _, f in rows if f == q]
    if not found and q:
        words = set(q.split())
        found = [pid for pid, _, f in rows if words <= set(f.split())]
    if not found:
        hint = did_you_mean(suggest(text, [n for _, n, _ in rows if " " in n or "-" not in n]))
        listed = "`kzfacts posts` lists every post"
        raise KzfactsError(f"no post '{text}'", hint=f"{hint} ({listed})" if hint else listed)
    return list(dict.fromkeys(sorted(found)))


def match_person(store: Store, given: str) -> str:
    """The one person whose name or alias matches `given` across spellings; else an error."""
    text = clean_arg(given, "NAME")
    q = fold(text)
    rows = store.names("person")
    tiers = [
        {pid for pid, _, f in rows if f == q},
        {pid for pid, _, f in rows if q and set(q.split()) <= set(f.split())},
        {pid for pid, _, f in rows if q and _fuzzy(q, f) >= 85},
    ]
    labels = store.labels("person")
    for ids in tiers:
        if len(ids) == 1:
            return ids.pop()
        if len(ids) > 1:
            names = ", ".join(f"{labels.get(i, i)} ({i})" for i in sorted(ids))
            raise KzfactsError(f"'{text}' matches several people: {names}", hint="give more of the name or the id")
    raise KzfactsError(f"no person '{text}'", hint=did_you_mean(suggest(text, list(labels.values()))))


def _fuzzy(q: str, name: str) -> float:
    whole = similarity(q, name)
    if " " in q:
        return whole
    return max([whole, *(similarity(q, token) for token in name.split() if len(token) > 2)])


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


# -- who -------------------------------------------------------------------------------------


def _holding(p: model.Post, t: model.Term, s: Span, people: dict[str, str]) -> dict[str, Any]:
    """One person in one post: the record `who` and `who --history` print."""
    return {
        "post": p.id, "post_label": p.label, "country": p.country, "person": t.person,
        "name": people.get(t.person, t.person), "term": t.id, "start": t.start, "end": t.end, "acting": t.acting,
        "start_claims": [c.to_dict() for c in t.start_claims], "end_claims": [c.to_dict() for c in t.end_claims],
        "open": t.end is None and t.start is not None and s.bounded_by is None,
        "end_derived_from": t.end_derived_from, "bounded_by": s.bounded_by,
        "span_from": s.lo.isoformat() if s.lo else None,
        "span_to": s.hi.isoformat() if s.hi and s.hi != date.max else None,
        "latest_evidence": s.latest, "latest_evidence_source": s.latest_source,
        "citations": [c.to_dict() for c in t.citations],
    }  # fmt: skip


def who(store: Store, post: str, at: str | None = None) -> Result:
    """Who held the post(s) at `at` (default: the latest evidence), both sides for `ambassador`.

    A side with no candidate is still reported (a note), never silently dropped."""
    when = date_arg(at, "--at")
    post_ids = match_posts(store, post)
    items: list[dict[str, Any]] = []
    notes: list[str] = []
    for pid in post_ids:
        p: model.Post = store.get("post", pid)
        terms = store.linked("term", "post", [pid])
        people = store.labels("person", (t.person for t in terms))
        spans = post_spans(terms, p.single_holder, post_end(p))
        if when is None:
            chosen = current(terms, spans, p.single_holder)
            unsure: list[model.Term] = []
        else:
            chosen = [t for t in terms if spans[t.id].may_cover(when)]
            unsure = [t for t in chosen if not spans[t.id].certain(when)]
        ambiguous = bool(unsure) or (p.single_holder and len(chosen) > 1)
        closed = post_end(p)
        if closed is not None and (when is None or when.hi > closed):
            ended = " or ".join(dict.fromkeys(str(c.value) for c in p.end))
            before = f", before {at}" if when is not None and when.lo > closed else ""
            notes.append(f"{p.label}: the post ended {ended}{before}; nobody holds it after that")
        if not chosen:
            notes.append(f"{p.label}: no holder known at {at or 'any date'}")
        elif ambiguous:
            notes.append(f"{p.label}: ambiguous at {at or 'the latest evidence'}: {_why(chosen, unsure, spans, when)}")
        for t in chosen:
            item = {**_holding(p, t, spans[t.id], people), "ambiguous": ambiguous}
            sid = spans[t.id].latest_source
            src = store.get("source", sid) if sid else None
            item["latest_evidence_label"] = source_label(src) if src else None
            items.append(item)
    posts = [store.get("post", p) for p in post_ids]
    labels = ", ".join(p.label for p in posts)
    meta = {"at": at, "posts": post_ids, "post_labels": {p.id: p.label for p in posts},
            "post_countries": {p.id: p.country for p in posts}}  # fmt: skip
    return with_labels(store, Result("who", items, f"no facts: nobody in the fact base held {labels} at {at or 'any date'}",
                                     notes, meta))  # fmt: skip


def _why(chosen: list[model.Term], unsure: list[model.Term], spans: dict[str, Span], when: Period | None) -> str:
    """Say why an answer is not certain, most specific reason first."""
    if when is not None and len(chosen) == 1 and chosen[0].end is None:
        s = spans[chosen[0].id]
        if s.bounded_by is None and s.sure_hi is not None and when.hi > s.sure_hi:
            return f"beyond the latest evidence, {s.latest or chosen[0].start}"
    if len(chosen) > 1:
        return f"{len(chosen)} possible holders"
    return "the evidence does not cover the whole date"


def source_label(src: model.Source) -> str:
    """A short human name for a source: its publisher and the date the text shows, else its id."""
    parts = [x for x in (src.publisher, src.date) if x]
    return ", ".join(parts) if parts else src.id


SHORT_PUBLISHER = 48


def short_label(src: model.Source) -> str:
    """A note's name for a source: the publisher up to its first qualifier, and the date.

    Publishers are recorded in full ("Central Election Commission of Kazakhstan, press release
    27.03.2023"); a footnote needs only the first part, capped so that a note's quote starts
    on its first line at 80 columns. No publisher: the source id, which `kzfacts show` opens."""
    publisher = re.split(r", | \(|; ", src.publisher)[0].strip() if src.publisher else ""
    if len(publisher) > SHORT_PUBLISHER:
        publisher = publisher[: SHORT_PUBLISHER - 1].rsplit(" ", 1)[0] + "…"
    parts = [x for x in (publisher, src.date) if x]
    return ", ".join(parts) if publisher else (f"{src.id}, {src.date}" if src.date else src.id)


def history(store: Store, post: str) -> Result:
    """Every holder of the post(s), in order, with each stretch where no holder is known.

    Gaps are items too (`gap: true`, `start`/`end` the first and last month), so a script sees
    the holes in a succession as plainly as a person does."""
    post_ids = match_posts(store, post)
    items: list[dict[str, Any]] = []
    for pid in post_ids:
        p: model.Post = store.get("post", pid)
        terms = store.linked("term", "post", [pid])
        people = store.labels("person", (t.person for t in terms))
        spans = post_spans(terms, p.single_holder, post_end(p))
        items.extend({**_holding(p, t, spans[t.id], people), "gap": False} for t in terms)
        cov = post_coverage(p, terms)
        if cov is not None:
            items.extend(_gap(p, a, b) for a, b in cov.gaps)
    items.sort(key=lambda i: (i["post"], i["span_from"] or "9999"))
    return with_labels(
        store, Result("history", items, "no facts: no terms recorded for this post", meta={"posts": post_ids})
    )


def _gap(p: model.Post, first: str, last: str) -> dict[str, Any]:
    keys = ("person", "name", "term", "end_derived_from", "bounded_by", "latest_evidence", "latest_evidence_source")
    return {
        "post": p.id, "post_label": p.label, "country": p.country, **dict.fromkeys(keys), "start": first,
        "end": last, "acting": False, "start_claims": [], "end_claims": [], "open": False,
        "span_from": f"{first}-01", "span_to": str(period_of(last).hi), "citations": [], "gap": True,
    }  # fmt: skip


def post_coverage(p: model.Post, terms: list[model.Term], until: date | None = None) -> Coverage | None:
    """Month-by-month coverage from the post's `coverage_from` (else its first known term) to
    the last month whose 15th has passed."""
    if p.coverage_from:
        since = period_of(p.coverage_from).lo
    else:
        spans = [term_span(t) for t in terms]
        since_d = min((s.lo for s in spans if s.lo), default=None)
        if since_d is None:
            return None
        since = since_d
    return coverage(terms, p.single_holder, since, until or date.today(), post_end(p))


# -- person ----------------------------------------------------------------------------------


def person(store: Store, name: str) -> Result:
    """One person: names, every term held, events and votes they appear in."""
    pid = match_person(store, name)
    p: model.Person = store.get("person", pid)
    posts = store.labels("post")
    item = p.to_dict()
    item["terms"] = [
        {"term": t.id, "post": t.post, "post_label": posts.get(t.post, t.post), "start": t.start, "end": t.end,
         "citations": [c.to_dict() for c in t.citations], "milestones": [m.to_dict() for m in t.milestones]}
        for t in store.linked("term", "person", [pid])
    ]  # fmt: skip
    item["events"] = [
        {"event": e.id, "date": [c.value for c in e.date], "title": e.title}
        for e in store.linked("event", "person", [pid])
    ]
    item["votes"] = [{"vote": v.id, "title": v.title, "type": v.type} for v in store.linked("vote", "person", [pid])]
    return with_labels(store, Result("person", [item]))


# -- trade -----------------------------------------------------------------------------------


def trade(
    store: Store, year: int | None = None, indicator: str | None = None, start: str | None = None,
    end: str | None = None,
) -> Result:  # fmt: skip
    """Trade figures, each for its own period; overlapping periods are listed, never summed."""
    lo, hi = date_range(year, start, end)
    figures: list[model.TradeFigure] = store.between("trade", lo, hi)
    if indicator is not None:
        known = sorted({f.indicator for f in store.all("trade")})
        chosen = _choose(indicator, known, "indicator", "--indicator")
        figures = [f for f in figures if f.indicator == chosen]
    items = [f.to_dict() for f in figures]
    return with_labels(store, Result("trade", items, "no facts: no trade figures match", meta={"year": year}))


# -- elections -------------------------------------------------------------------------------


def elections(
    store: Store, vote_type: str | None = None, year: int | None = None, vote_id: str | None = None,
    start: str | None = None, end: str | None = None,
) -> Result:  # fmt: skip
    """Votes in date order; with a year or an id, the full result tables."""
    if vote_id is not None:
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


def record_date(record: model.Record) -> str | None:
    """The date a record speaks of, as a person would write it: claims joined, a term's span."""
    if isinstance(record, (model.Event, model.Vote)):
        return " / ".join(dict.fromkeys(str(v) for v in model.values(record.date))) or None
    if isinstance(record, model.Term):
        if not record.start and not record.end:
            return None
        return f"{record.start or '?'} – {record.end or ('open' if record.start else '?')}"
    if isinstance(record, model.TradeFigure):
        return record.period or record.period_label
    if isinstance(record, model.Source):
        return record.date
    return None


def _plain(marked: str) -> str:
    return marked.replace("\x02", "").replace("\x03", "")


# -- sources and stats -----------------------------------------------------------------------


def sources(store: Store) -> Result:
    """Every source with how many facts cite it."""
    counts: dict[str, int] = {}
    for target, n in store.db.execute(
        "SELECT target, count(DISTINCT kind || id) FROM links WHERE rel='cites' GROUP BY target"
    ):
        counts[target] = n
    items = []
    for s in store.all("source"):
        item = s.to_dict()
        item["facts"] = counts.get(s.id, 0)
        items.append(item)
    items.sort(key=lambda i: i["id"])
    return Result("sources", items, "no sources")


def source(store: Store, source_id: str) -> Result:
    """One source and every fact that cites it, with the quotes."""
    sid = clean_arg(source_id, "ID")
    s = store.get("source", sid)
    if s is None:
        ids = [x.id for x in store.all("source")]
        raise KzfactsError(f"no source '{sid}'", hint=did_you_mean(suggest(sid, ids)))
    item = s.to_dict()
    item["facts"] = [
        {
            "kind": r.kind,
            "id": r.id,
            "title": r.display_name(),
            "quotes": [c.quote for c in r.all_citations() if c.source == sid],
        }
        for r in store.citing(sid)
    ]
    return with_labels(store, Result("source", [item]))


def stats(store: Store) -> Result:
    """Counts per kind, sources cited, the span of dated evidence, disagreements."""
    counts = {cls.plural: store.count(cls.kind) for cls in model.KINDS.values()}
    cited = store.db.execute("SELECT count(DISTINCT target) FROM links WHERE rel='cites'").fetchone()[0]
    quotes = 0
    disputed = []
    for kind in ("event", "person", "term", "trade", "vote"):
        for r in store.all(kind):
            quotes += len(r.all_citations())
            if disagreements(r):
                disputed.append(r.id)
    lo, hi = store.span(("event", "vote", "trade", "term"))
    posts = []
    for p in store.all("post"):
        cov = post_coverage(p, store.linked("term", "post", [p.id]))
        if cov is not None:
            posts.append({
                "post": p.id, "label": p.label, "core": p.coverage_from is not None, "months": cov.months,
                "certain": cov.certain, "ambiguous": cov.ambiguous, "unknown": cov.unknown, "certain_pct": cov.share,
                "gaps": [{"from": a, "to": b} for a, b in cov.gaps],
                "unsure": [{"from": a, "to": b} for a, b in cov.unsure],
            })  # fmt: skip
    posts.sort(key=lambda c: (not c["core"], c["post"]))
    item = {
        "counts": counts, "sources": counts["sources"], "sources_cited": cited, "quotes": quotes,
        "span": {"from": lo, "to": hi}, "records_with_disagreements": len(disputed),
        "user_records_replacing_packaged": len(store.replaced()), "coverage": posts,
    }  # fmt: skip
    return Result("stats", [item])


def disagreements(record: model.Record) -> list[str]:
    """Names of the fields in which the record holds more than one distinct claim."""
    found = []
    targets: list[tuple[str, Any]] = [("", record)]
    if isinstance(record, model.Vote):
        targets += [(f"{r.name}: ", r) for r in record.results]
        targets += [(f"round {r.round}: ", r) for r in record.rounds]
    for prefix, obj in targets:
        for name in model.field_names(obj):
            value = getattr(obj, name)
            if isinstance(value, tuple) and value and isinstance(value[0], model.Claim) and model.disputed(value):
                found.append(prefix + name.rstrip("_"))
    return found


# -- posts, show, cite -----------------------------------------------------------------------


def posts(store: Store) -> Result:
    """Every post with its aliases, side, how many people held it and its month-by-month coverage."""
    items = []
    for p in store.all("post"):
        terms = store.linked("term", "post", [p.id])
        cov = post_coverage(p, terms)
        items.append({
            "id": p.id, "label": p.label, "country": p.country, "aliases": list(p.aliases),
            "single_holder": p.single_holder, "holders": len({t.person for t in terms}), "terms": len(terms),
            "coverage_from": p.coverage_from,
            "coverage_months": cov.months if cov else 0, "certain_pct": cov.share if cov else None,
            "gaps": len(cov.gaps) if cov else 0, "citations": [c.to_dict() for c in p.citations],
        })  # fmt: skip
    items.sort(key=lambda i: (i["country"] or "", i["id"]))
    return with_labels(store, Result("posts", items, "no posts"))


SHOW_KINDS = ("event", "term", "vote", "trade", "person", "post", "source")


def find_record(store: Store, record_id: str) -> model.Record:
    """The record with this id, whatever its kind; an unknown id suggests the nearest ids."""
    rid = clean_arg(record_id, "ID")
    for kind in SHOW_KINDS:
        record = store.get(kind, rid)
        if record is not None:
            return record  # type: ignore[no-any-return]
    ids = [i for (i,) in store.db.execute("SELECT id FROM records")]
    raise KzfactsError(f"no record '{rid}'", hint=did_you_mean(suggest(rid, ids)) or "see kzfacts search")


def show(store: Store, record_id: str) -> Result:
    """One record of any kind in full: every field, every claim, every citation.

    People's and posts' ids are given their names (`person_name`, `post_label`) so the view
    reads as text; a source comes with the facts that cite it, as `kzfacts source` gives them."""
    record = find_record(store, record_id)
    if isinstance(record, model.Source):
        return source(store, record.id)
    item = record.to_dict()
    if isinstance(record, model.Term):
        item["person_name"] = store.labels("person", [record.person]).get(record.person, record.person)
        item["post_label"] = store.labels("post", [record.post]).get(record.post, record.post)
    if isinstance(record, model.Event) and record.people:
        people = store.labels("person", record.people)
        item["people_names"] = [people.get(p, p) for p in record.people]
    if isinstance(record, model.Vote):
        item["winner"] = _winner(record)
    if isinstance(record, (model.Person, model.Post)):
        rel = "person" if isinstance(record, model.Person) else "post"
        item["terms"] = [t.id for t in store.linked("term", rel, [record.id])]
    return with_labels(store, Result("record", [item]))


def cite(store: Store, record_id: str) -> Result:
    """A ready-to-paste citation: the fact in one sentence, then each source with its quotes."""
    record = find_record(store, record_id)
    sources_of: dict[str, list[dict[str, Any]]] = {}
    if isinstance(record, model.Source):
        sources_of[record.id] = []
    for c in record.all_citations():
        quotes = sources_of.setdefault(c.source, [])
        if all(q["quote"] != c.quote for q in quotes):
            quotes.append({"quote": c.quote, **({"translation": c.translation} if c.translation else {})})
    refs = []
    for sid, quotes in sources_of.items():
        s: model.Source | None = store.get("source", sid)
        refs.append({
            "id": sid, "title": s.title if s else None, "title_en": s.title_en if s else None,
            "publisher": s.publisher if s else None, "date": s.date if s else None, "url": s.url if s else None,
            "language": s.language if s else None, "retrieved": s.retrieved if s else None, "quotes": quotes,
        })  # fmt: skip
    item = {"kind": record.kind, "id": record.id, "fact": fact_sentence(store, record), "sources": refs}
    return Result("cite", [item])


def fact_sentence(store: Store, record: model.Record) -> str:
    """The fact in one plain sentence, with every claim where sources disagree."""

    def claims(cl: model.Claims) -> str:
        return " or ".join(str(v) for v in dict.fromkeys(model.values(cl)))

    if isinstance(record, model.Event):
        return f"{record.title.rstrip('.')} ({claims(record.date)})."
    if isinstance(record, model.Term):
        name = store.labels("person", [record.person]).get(record.person, record.person)
        post = store.labels("post", [record.post]).get(record.post, record.post)
        acting = "acting " if record.acting else ""
        if record.end:
            return f"{name} was {acting}{post} from {record.start or 'an unknown date'} to {record.end}."
        return f"{name} has been {acting}{post} since {record.start or 'an unknown date'} (as far as the sources show)."
    if isinstance(record, model.Vote):
        return f"{(record.title or record.id).rstrip('.')} ({claims(record.date)}): {vote_summary(record)}."
    if isinstance(record, model.TradeFigure):
        what = " ".join(x for x in (record.unit, record.currency) if x)
        flow = f" {record.from_ or '?'}→{record.to or '?'}" if record.from_ or record.to else ""
        period = record.period_label or record.period or "period not stated"
        return f"{record.indicator}{flow}, {period}: {claims(record.value)} {what}.".replace(" .", ".")
    if isinstance(record, model.Person):
        born = f" (born {claims(record.birth_year)})" if record.birth_year else ""
        return f"{record.name}{born}."
    if isinstance(record, model.Post):
        return f"{record.label}."
    if isinstance(record, model.Source):
        return f"{record.title or record.id}."
    return f"{record.display_name()}."
