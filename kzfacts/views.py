"""Every view a question's result is shown in, declared once: the fields its records carry
(what `--fields` may name, checked even when nothing was found) and the terminal module that
draws it. Renderers and the help test read this registry; nothing here imports Rich.
"""

from __future__ import annotations

_HOLDING = (
    "post", "post_label", "country", "person", "name", "term", "start", "end", "acting", "start_claims",
    "end_claims", "open", "end_derived_from", "bounded_by", "span_from", "span_to", "latest_evidence",
    "latest_evidence_source", "citations",
)  # fmt: skip
_EVENT = (
    "kind", "id", "date", "title", "summary", "topics", "countries", "people", "note", "citations", "aliases",
    "ratified", "in_force", "people_names",
)  # fmt: skip
_VOTE = (
    "kind", "id", "type", "date", "title", "chamber", "turnout", "registered", "cast", "outcome", "note", "results",
    "citations", "indirect", "seats", "candidates", "ballots_issued", "rounds", "winner",
)  # fmt: skip
_VOTE_ROW = (
    "vote", "type", "date", "turnout", "registered", "name", "party", "votes", "share", "seats", "list_seats",
    "district_seats", "chamber", "citations",
)  # fmt: skip
_SOURCE = (
    "kind", "id", "file", "collection", "title", "publisher", "url", "date", "language", "title_inferred",
    "title_en", "date_basis", "source_kind", "retrieved", "facts",
)  # fmt: skip
_TERM = ("post", "person", "start", "end", "end_derived_from", "acting", "start_claims", "end_claims", "milestones",
         "person_name", "post_label")  # fmt: skip
_TRADE = ("indicator", "period", "value", "from", "to", "period_label", "unit", "currency", "growth_pct",
          "growth_base")  # fmt: skip
_OTHER = ("name", "birth_year", "terms", "label", "country", "single_holder", "coverage_from", "successor")

# view -> the fields of its JSON records (and of its flat rows, where a view flattens differently)
FIELDS: dict[str, tuple[str, ...]] = {
    "timeline": (*_EVENT, "type", "chamber", "turnout", "winner", "ongoing"),
    "who": (*_HOLDING, "ambiguous", "latest_evidence_label", "start_unknown", "ended", "possibly_outdated"),
    "history": (*_HOLDING, "gap"),
    "person": ("kind", "id", "name", "aliases", "birth_year", "citations", "terms", "events", "votes"),
    "trade": ("kind", "id", *_TRADE, "note", "citations"),
    "elections": _VOTE,
    "vote": (*_VOTE, *_VOTE_ROW),
    "search": ("kind", "id", "title", "snippet", "rank", "date", "aliases"),
    "sources": _SOURCE,
    "source": (*_SOURCE, "source", "quotes"),
    "stats": (
        "counts",
        "sources",
        "sources_cited",
        "quotes",
        "span",
        "records_with_disagreements",
        "user_records_replacing_packaged",
        "coverage",
        "as_of",
        "data_version",
    ),
    "posts": (
        "id",
        "label",
        "country",
        "aliases",
        "single_holder",
        "holders",
        "terms",
        "coverage_from",
        "coverage_months",
        "certain_pct",
        "gaps",
        "citations",
    ),
    "brief": (
        "at",
        "day",
        "as_of",
        "holders",
        "trade",
        "milestones",
        "scheduled",
        "votes",
        "disagreements",
        "stale",
        "section",
        "what",
        "value",
        "when",
        "id",
        "note",
        "citations",
    ),
    "counterparts": (
        "post_a",
        "post_a_label",
        "post_b",
        "post_b_label",
        "person_a",
        "name_a",
        "term_a",
        "person_b",
        "name_b",
        "term_b",
        "from",
        "to",
        "certain_from",
        "certain_to",
        "precision",
        "contacts",
        "no_contact",
        "citations",
    ),
    "record": tuple(dict.fromkeys((*_EVENT, *_TERM, *_TRADE, *_VOTE, *_OTHER, "field", "value", "end"))),
}

# view -> module under render/ with `render(page, result)`; views with a `chart(page, result)`
TERMINAL: dict[str, str] = {
    "timeline": "timeline", "who": "who", "history": "history", "person": "person", "trade": "trade",
    "elections": "elections", "vote": "vote", "search": "search", "sources": "sources", "source": "sources",
    "stats": "stats", "posts": "posts", "record": "record", "brief": "brief", "counterparts": "counterparts",
}  # fmt: skip
CHARTS: dict[str, str] = {"trade": "trade", "vote": "vote"}


def fields_of(view: str) -> tuple[str, ...] | None:
    """The declared fields of a view (None for a view nobody declared: its records' own keys)."""
    return FIELDS.get(view)
