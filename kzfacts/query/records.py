"""Any one record: shown in full, or as a citation to paste."""

from __future__ import annotations

from typing import Any

from .. import model
from ..errors import KzfactsError
from ..names import did_you_mean, suggest
from ..store import Store
from .catalogue import source
from .common import Result, clean_arg, with_labels
from .votes import _winner, vote_summary

# -- posts, show, cite -----------------------------------------------------------------------


SHOW_KINDS = ("event", "term", "vote", "trade", "person", "post", "source")


def find_record(store: Store, record_id: str) -> model.Record:
    """The record with this id, whatever its kind; an unknown id suggests the nearest ids."""
    rid = clean_arg(record_id, "ID")
    for kind in SHOW_KINDS:
        record = store.get(kind, rid)
        if record is not None:
            return record  # type: ignore[no-any-return]
    ids = store.record_ids()
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


def cite(store: Store, record_id: str | None = None, all_sources: bool = False) -> Result:
    """A ready-to-paste citation: the fact in one sentence, then each source with its quotes.

    With `all_sources`, every source without a fact or quotes: what a reference manager
    imports in one go (`cite --all-sources --format bibtex`)."""
    if all_sources:
        if record_id is not None:
            raise KzfactsError("give a record ID or --all-sources, not both")
        every = sorted(store.all("source"), key=lambda s: str(s.id))
        return Result("cite", [{"sources": [reference(s.id, s, []) for s in every]}])
    if record_id is None:
        raise KzfactsError("give a record ID (see kzfacts search), or --all-sources for every source")
    record = find_record(store, record_id)
    sources_of: dict[str, list[dict[str, Any]]] = {}
    if isinstance(record, model.Source):
        sources_of[record.id] = []
    for c in record.all_citations():
        quotes = sources_of.setdefault(c.source, [])
        if all(q["quote"] != c.quote for q in quotes):
            quotes.append({"quote": c.quote, **({"translation": c.translation} if c.translation else {})})
    refs = [reference(sid, store.get("source", sid), quotes) for sid, quotes in sources_of.items()]
    item = {"kind": record.kind, "id": record.id, "fact": fact_sentence(store, record), "sources": refs}
    return Result("cite", [item])


def reference(sid: str, s: model.Source | None, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """One cited source's metadata (None fields when the id is not a known source) with the
    quotes taken from it; `source_kind` and `title_inferred` let a reference manager's entry
    pick its type and leave out a title that is our description rather than the publisher's."""
    return {
        "id": sid, "title": s.title if s else None, "title_en": s.title_en if s else None,
        "publisher": s.publisher if s else None, "date": s.date if s else None, "url": s.url if s else None,
        "language": s.language if s else None, "retrieved": s.retrieved if s else None,
        "source_kind": s.source_kind if s else None, "title_inferred": s.title_inferred if s else False,
        "quotes": quotes,
    }  # fmt: skip


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
