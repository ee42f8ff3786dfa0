"""Questions about the fact base itself: its sources, counts and posts."""

from __future__ import annotations

from typing import Any

from .. import model
from ..errors import KzfactsError
from ..names import did_you_mean, suggest
from ..store import Store
from .common import Result, clean_arg, with_labels
from .offices import post_coverage

# -- sources and stats -----------------------------------------------------------------------


def sources(store: Store) -> Result:
    """Every source with how many facts cite it."""
    counts = store.citation_counts()
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
    cited = store.sources_cited()
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
        "as_of": store.meta("as_of"), "data_version": store.meta("data_version"),
    }  # fmt: skip
    return Result("stats", [item], meta={"as_of": store.meta("as_of")})


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
