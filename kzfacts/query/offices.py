"""Questions about who held which post: who, history, coverage, one person."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import dates, model
from ..dates import Period, period_of
from ..store import Store
from ..succession import Coverage, Span, coverage, current, post_end, post_spans, term_span
from .common import Result, date_arg, match_person, match_posts, source_label, with_labels

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
    today = dates.today()
    post_ids = match_posts(store, post)
    items: list[dict[str, Any]] = []
    notes: list[str] = []
    last_seen: dict[str, str] = {}
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
        ambiguous = bool(unsure) or (p.single_holder and len(chosen) > 1) or any(t.start is None for t in chosen)
        closed = post_end(p)
        if closed is not None and (when is None or when.hi > closed):
            ended = " or ".join(dict.fromkeys(str(c.value) for c in p.end))
            before = f", before {at}" if when is not None and when.lo > closed else ""
            notes.append(f"{p.label}: the post ended {ended}{before}; nobody holds it after that")
        if not chosen:
            last = _last_seen(terms, spans, when) if when is not None else None
            seen = f"last seen: {people.get(last.person, last.person)}, {spans[last.id].latest}" if last else ""
            if seen:
                last_seen[pid] = seen
            if not (when is not None and closed is not None and when.lo > closed):  # ended: said above
                notes.append(f"{p.label}: no holder known at {at or 'any date'}" + (f"; {seen}" if seen else ""))
        elif ambiguous:
            notes.append(f"{p.label}: ambiguous at {at or 'the latest evidence'}: {_why(chosen, unsure, spans, when)}")
        for t in chosen:
            span = spans[t.id]
            item = {**_holding(p, t, span, people), "ambiguous": ambiguous}
            item["start_unknown"] = t.start is None
            item["ended"] = when is None and t.end is not None  # the last known holder left; nobody after is known
            item["possibly_outdated"] = when is None and _stale(t, span, today)
            if item["ended"]:
                notes.insert(0, f"{p.label}: no holder known since {t.end}; last: {item['name']}, "
                                f"{t.start or 'start unknown'} – {t.end}")  # fmt: skip
            elif item["possibly_outdated"]:
                notes.append(f"{p.label}: {item['name']}: possibly outdated (latest evidence {span.latest})")
            sid = spans[t.id].latest_source
            src = store.get("source", sid) if sid else None
            item["latest_evidence_label"] = source_label(src) if src else None
            items.append(item)
    posts = [store.get("post", p) for p in post_ids]
    labels = ", ".join(p.label for p in posts)
    meta = {"at": at, "posts": post_ids, "post_labels": {p.id: p.label for p in posts},
            "post_countries": {p.id: p.country for p in posts}, "last_seen": last_seen,
            "names": store.aliases("person", (i["person"] for i in items))}  # fmt: skip
    return with_labels(store, Result("who", items, f"no facts: nobody in the fact base held {labels} at {at or 'any date'}",
                                     notes, meta))  # fmt: skip


def _stale(t: model.Term, span: Span, today: date) -> bool:
    """An open term whose latest evidence is more than STALE_MONTHS before today."""
    if t.end is not None or span.bounded_by is not None or not span.latest:
        return False
    return dates.add_months(period_of(span.latest).hi, dates.STALE_MONTHS) < today


def _last_seen(terms: list[model.Term], spans: dict[str, Span], when: Period) -> model.Term | None:
    """The term the texts last speak of before `when` (for "no holder known; last seen: ...")."""

    def known(t: model.Term) -> date:
        return spans[t.id].known_to or date.min

    before = [t for t in terms if spans[t.id].latest and date.min < known(t) <= when.lo]
    return max(before, key=known, default=None)


def _why(chosen: list[model.Term], unsure: list[model.Term], spans: dict[str, Span], when: Period | None) -> str:
    """Say why an answer is not certain, most specific reason first."""
    if when is not None and len(chosen) == 1 and chosen[0].end is None:
        s = spans[chosen[0].id]
        if s.bounded_by is None and s.sure_hi is not None and when.hi > s.sure_hi:
            return f"beyond the latest evidence, {s.latest or chosen[0].start}"
    if len(chosen) > 1:
        return f"{len(chosen)} possible holders"
    if chosen and chosen[0].start is None:
        return "start unknown"
    return "the evidence does not cover the whole date"


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
    names = store.aliases("person", (i["person"] for i in items if i["person"]))
    return with_labels(
        store,
        Result("history", items, "no facts: no terms recorded for this post", meta={"posts": post_ids, "names": names}),
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
    return coverage(terms, p.single_holder, since, until or dates.today(), post_end(p))


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
