"""Questions that assemble a picture from many: the dated briefing card, and who faced whom.

A diplomat preparing a meeting asks a dozen questions to see both sides at one date; `brief`
answers them at once, each fact with its citations and its age. `counterparts` is the
self-join a reader would otherwise write by hand: every overlap of two posts' tenures, with
the recorded events that involved both holders inside it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import dates, model
from ..dates import period_of
from ..errors import KzfactsError
from ..store import Store
from ..succession import Span, post_end, post_spans
from .catalogue import disagreements
from .common import Result, date_arg, match_posts, with_labels
from .offices import who
from .votes import vote_entry

# (group, post ids) of the brief, both sides of each
BRIEF_POSTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Heads of state", ("kz-president", "uk-monarch")),
    ("Heads of government", ("kz-prime-minister", "uk-prime-minister")),
    ("Foreign ministers", ("kz-foreign-minister", "uk-foreign-secretary")),
    ("Ambassadors", ("kz-ambassador-uk", "uk-ambassador-kz")),
    ("Parliament", ("kz-senate-chair", "kz-mazhilis-chair")),
    ("Trade and Europe", ("uk-trade-envoy-kz", "uk-minister-europe")),
)
MILESTONES = 8
FLOWS = ("trade", "kz exports", "uk exports", "uk investment")  # the four flows a briefing gives
PAIRS: tuple[tuple[str, str], ...] = (
    ("kz-foreign-minister", "uk-foreign-secretary"),
    ("kz-president", "uk-prime-minister"),
    ("kz-prime-minister", "uk-prime-minister"),
    ("kz-ambassador-uk", "uk-ambassador-kz"),
)


def _first_day(claims: model.Claims) -> date:
    return min((period_of(c.value).lo for c in claims if c.value), default=date.max)


def _old(day: date, latest: str | None) -> bool:
    """Evidence more than STALE_MONTHS before `day` (or none at all)."""
    return latest is None or dates.add_months(period_of(latest).hi, dates.STALE_MONTHS) < day


def brief(store: Store, at: str | None = None) -> Result:
    """Both sides' holders of the core posts at a date, the latest trade figures, the recent
    milestones, the last and next vote, what sources dispute, and how fresh each line is."""
    when = date_arg(at, "--at")
    day = when.hi if when is not None else dates.today()
    at_text = at or day.isoformat()
    # a year or month is briefed as of its last day, so holders, figures and milestones agree
    holders, stale, shown = _holders(store, day.isoformat(), day)
    trade = _trade(store, day, stale, shown)
    milestones, scheduled = _milestones(store, day, at is None, shown)
    votes = sorted(store.all("vote"), key=lambda v: _first_day(v.date))
    last = [v for v in votes if _first_day(v.date) <= day]
    upcoming = [v for v in votes if _first_day(v.date) > day]
    shown += last[-1:] + upcoming[:1]
    disputed = [
        {"kind": r.kind, "id": r.id, "title": r.display_name(), "fields": fields}
        for r in shown if (fields := disagreements(r))
    ]  # fmt: skip
    item = {
        "at": at_text, "day": day.isoformat(), "as_of": store.meta("as_of"), "holders": holders, "trade": trade, "milestones": milestones,
        "scheduled": scheduled, "votes": {"last": vote_entry(last[-1]) if last else None,
                                          "next": vote_entry(upcoming[0]) if upcoming else None},
        "disagreements": disputed, "stale": stale,
    }  # fmt: skip
    return with_labels(store, Result("brief", [item], "no facts", meta={"at": at_text, "as_of": store.meta("as_of")}))


def _holders(store: Store, at: str, day: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Any]]:
    holders: list[dict[str, Any]] = []
    stale: list[dict[str, Any]] = []
    shown: list[Any] = []
    for group, posts in BRIEF_POSTS:
        for pid in posts:
            post: model.Post | None = store.get("post", pid)
            if post is None:
                continue
            answer = who(store, pid, at)
            for item in answer.items:
                is_open = item["end"] is None and item["bounded_by"] is None
                item = {**item, "group": group, "stale": is_open and _old(day, item["latest_evidence"])}
                holders.append(item)
                term = store.get("term", item["term"])
                shown.append(term)
                if item["stale"]:
                    stale.append({"what": f"{item['post_label']}: {item['name']}", "latest": item["latest_evidence"]})
            if not answer.items:
                seen = (answer.meta.get("last_seen", {}).get(pid) or "").removeprefix("last seen: ") or None
                label = answer.meta["post_labels"][pid]
                end = post_end(post)
                ended = " / ".join(dict.fromkeys(c.value for c in post.end if c.value)) if end and end <= day else None
                holders.append({"group": group, "post": pid, "post_label": label,
                                "country": answer.meta["post_countries"][pid], "name": None, "last_seen": seen,
                                "post_ended": ended, "citations": []})  # fmt: skip
                if ended is None:  # a post that no longer exists is not a gap in the evidence
                    stale.append({"what": f"{label}: no holder known", "latest": seen})
    return holders, stale, shown


def _trade(store: Store, day: date, stale: list[dict[str, Any]], shown: list[Any]) -> list[dict[str, Any]]:
    """The latest figure of each Kazakhstan–UK flow published for a period before `day`."""
    latest: dict[str, model.TradeFigure] = {}
    for f in store.all("trade"):
        key = _flow(f)
        if key is None or not f.period or period_of(f.period).hi > day:
            continue
        if key not in latest or period_of(f.period).hi > period_of(latest[key].period or "").hi:
            latest[key] = f
    out = []
    for _, f in sorted(latest.items(), key=lambda kv: FLOWS.index(kv[0])):
        item = {**f.to_dict(), "stale": _old(day, f.period)}
        out.append(item)
        shown.append(f)
        if item["stale"]:
            stale.append({"what": f"{f.indicator} {f.from_ or '?'}→{f.to or '?'} ({f.period})", "latest": f.period})
    return out


def _flow(f: model.TradeFigure) -> str | None:
    """Which of the briefing's four Kazakhstan–UK flows a figure measures, if any (a direction
    the text does not state is none of them)."""
    if f.indicator == "turnover" and {f.from_, f.to} == {"kz", "uk"}:
        return "trade"
    if (f.indicator, f.from_, f.to) in (("exports", "kz", "uk"), ("imports", "kz", "uk")):
        return "kz exports" if f.indicator == "exports" else "uk exports"
    if (f.indicator, f.from_, f.to) in (("exports", "uk", "kz"), ("imports", "uk", "kz")):
        return "uk exports" if f.indicator == "exports" else "kz exports"
    if f.indicator in ("fdi", "investment") and (f.from_, f.to) == ("uk", "kz"):
        return "uk investment"
    return None


def _milestones(store: Store, day: date, ahead: bool, shown: list[Any]) -> tuple[list[Any], list[Any]]:
    """The last Kazakhstan–UK milestones surely on or before `day` (one dated only "2024" is
    not shown at 2024-04-24: it may be later); with no --at, those dated after today too, which
    the texts give as scheduled."""
    bilateral = [e for e in store.all("event") if {"kz", "uk"} <= set(e.countries)]
    bilateral.sort(key=lambda e: (_first_day(e.date), e.id))
    past = [e for e in bilateral if _last_day(e.date) <= day][-MILESTONES:]  # surely before, not maybe
    later = [e for e in bilateral if _first_day(e.date) > day] if ahead else []
    shown += past + later
    return [e.to_dict() for e in reversed(past)], [e.to_dict() for e in later]


# -- counterparts ------------------------------------------------------------------------------


def counterparts(store: Store, post_a: str | None = None, post_b: str | None = None) -> Result:
    """Every overlap of two posts' tenures (default: the standard pairs), with the recorded
    events that involved both holders inside it; an overlap with none says so."""
    if (post_a is None) != (post_b is None):
        raise KzfactsError("counterparts: give two posts (POST_A POST_B), or none for the standard pairs")
    if post_a is not None and post_b is not None:
        pairs = [(a, b) for a in match_posts(store, post_a) for b in match_posts(store, post_b) if a != b]
    else:
        pairs = [(a, b) for a, b in PAIRS if store.get("post", a) and store.get("post", b)]
    items: list[dict[str, Any]] = []
    for a, b in pairs:
        items.extend(_overlaps(store, a, b))
    return with_labels(store, Result("counterparts", items, "no overlaps: the two posts' holders never met in time",
                                     meta={"pairs": pairs}))  # fmt: skip


def _spans(store: Store, pid: str) -> tuple[model.Post, list[model.Term], dict[str, Span]]:
    post: model.Post = store.get("post", pid)
    terms = store.linked("term", "post", [pid])
    return post, terms, post_spans(terms, post.single_holder, post_end(post))


def _overlaps(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    post_a, terms_a, spans_a = _spans(store, a)
    post_b, terms_b, spans_b = _spans(store, b)
    names = store.labels("person", [t.person for t in (*terms_a, *terms_b)])
    out = []
    for ta in terms_a:
        sa = spans_a[ta.id]
        for tb in terms_b:
            sb = spans_b[tb.id]
            if sa.lo is None or sa.hi is None or sb.lo is None or sb.hi is None or ta.person == tb.person:
                continue
            lo, hi = max(sa.lo, sb.lo), min(sa.hi, sb.hi)
            if lo > hi:
                continue
            sure_lo = max(d for d in (sa.sure_lo, sb.sure_lo) if d) if sa.sure_lo and sb.sure_lo else None
            sure_hi = min(d for d in (sa.sure_hi, sb.sure_hi) if d) if sa.sure_hi and sb.sure_hi else None
            certain = sure_lo is not None and sure_hi is not None and sure_lo <= sure_hi
            contacts = [
                {"id": e.id, "date": [c.value for c in e.date], "title": e.title, "topics": list(e.topics),
                 "citations": [c.to_dict() for c in e.citations]}
                for e in store.linked("event", "person", [ta.person])
                if tb.person in e.people and _first_day(e.date) <= hi and lo <= _last_day(e.date)
            ]  # fmt: skip
            contacts.sort(key=lambda c: c["date"])
            out.append({
                "post_a": a, "post_a_label": post_a.label, "post_b": b, "post_b_label": post_b.label,
                "person_a": ta.person, "name_a": names.get(ta.person, ta.person), "term_a": ta.id,
                "person_b": tb.person, "name_b": names.get(tb.person, tb.person), "term_b": tb.id,
                "from": lo.isoformat(), "to": None if hi == date.max else hi.isoformat(),
                "certain_from": sure_lo.isoformat() if certain and sure_lo else None,
                "certain_to": sure_hi.isoformat() if certain and sure_hi else None,
                "precision": "certain" if certain else "possible", "contacts": contacts, "no_contact": not contacts,
                "citations": [c.to_dict() for c in (*ta.citations[:1], *tb.citations[:1])],
            })  # fmt: skip
    out.sort(key=lambda i: (i["post_a"], i["post_b"], i["from"]))
    return out


def _last_day(claims: list[Any]) -> date:
    return max((period_of(c.value).hi for c in claims if c.value), default=date.min)
