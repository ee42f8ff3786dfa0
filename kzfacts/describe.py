"""What each table and column of the SQLite and CSV exports holds, for Datasette's metadata.json.

`database()` is the block `export.metadata` files under the database's name: a description of
every table (the FTS tables and their internal shadow tables too) and column, facets where a
column sorts the rows into a few groups, units for percentages, and the canned query
`who_held`. A `<field>_disputed` or `<field>_precision` column is described from its field, so
a measure added to a kind needs one line here (tests/test_export_answers_like_the_cli.py fails
until it has one).
"""

from __future__ import annotations

from typing import Any

from .tenures import WHO_HELD

TABLES = {
    "sources": "Where the facts come from: one row per source text (metadata only; the texts are not included)",
    "posts": "Offices (kz-president, uk-ambassador-kz...): the vocabulary terms refer to",
    "people": "Every person the facts name, with every spelling the sources use",
    "terms": "A person in a post, with the start and end the sources give (see tenures for how who reads them)",
    "term_milestones": "Dated points inside a term (appointed, credentials presented, left...), apart from its start and end",
    "events": "Dated milestones: visits, agreements, appointments, elections, domestic events",
    "event_people": "Who an event names: one row per event and person",
    "trade": "Trade and investment figures between countries, as the sources state them",
    "votes": "Elections and referendums",
    "vote_results": "A vote's results: one row per candidate, party or option",
    "vote_rounds": "A vote's rounds (runoffs, repeat votes), each with its own date and counts",
    "claims": "Every claim of every claimable field, one row per claim and citation: nothing a dispute hides is lost",
    "citations": "Every quote, by record and field: the verbatim passage of the source that supports the fact",
    "tenures": (
        "Each term as `kzfacts who POST --at DAY` reads it: the days it may cover (possible_from..possible_to) and "
        "certainly covers (certain_from..certain_to), and what set each bound. The canned query who_held answers "
        "like the CLI"
    ),
    "events_fts": "Full-text index of events (title, summary, aliases): ?_search= on events",
    "people_fts": "Full-text index of people (name, aliases): ?_search= on people",
    "votes_fts": "Full-text index of votes (title, outcome): ?_search= on votes",
    "citations_fts": "Full-text index of citations (quote, translation): ?_search= on citations",
}

_FTS_SHADOWS = ("data", "idx", "docsize", "config")  # SQLite's own tables behind each FTS5 table

_DATE = "ISO date as the source gives it (1992, 1992-10, 1992-10-19, a range 2017-06-22/2017-06-26)"
_CLAIM = "NULL where the sources disagree (each claim is a row of claims)"

COLUMNS: dict[str, dict[str, str]] = {
    "sources": {
        "id": "Source id, as records cite it",
        "file": "File name of the stored text (in ../shared/seeds or ../shared/sources)",
        "collection": "seeds or sources: the folder the text is stored in",
        "title": "The page's own title; where the stored copy shows none, a descriptive one (title_inferred = 1)",
        "publisher": "The site or organisation that published the page",
        "url": "Where the text was published",
        "date": "The day the page was published (ISO), where known",
        "language": "Language code of the text (en, ru, kk, fr...)",
        "title_inferred": "1 when the title is ours (descriptive) rather than shown by the stored copy",
        "title_en": "English rendering of a title not in English",
        "date_basis": "Where the date was read: url (the address shows it) or text (a dateline)",
        "source_kind": "official, news, reference, analysis or other",
        "retrieved": "The day the stored copy was retrieved",
    },
    "posts": {
        "id": "Post id (kz-president, uk-ambassador-kz...)",
        "label": "The post's name",
        "country": "Whose post it is (kz, uk...): for an ambassador, the sending side",
        "aliases": "Other names the post goes by, joined with '; '",
        "single_holder": "1 when one person holds the post at a time",
        "coverage_from": "The month from which kzfacts stats measures who held it (set on the core posts)",
        "end": "When the post or its body ceased to exist; " + _CLAIM,
        "successor": "The post that replaced it",
        "note": "How the end was read, what is uncertain",
    },
    "people": {
        "id": "Person id (firstname-lastname)",
        "name": "The name in its most common English spelling",
        "aliases": "Every other spelling the sources use (Cyrillic, transliterations), joined with '; '",
        "birth_year": "Year of birth, where a source gives it; " + _CLAIM,
    },
    "terms": {
        "id": "Term id",
        "post": "The post held",
        "person": "Who held it",
        "start": "The start the sources give, " + _DATE + "; NULL when unknown or disputed",
        "end": "The end the sources give; NULL when open (held as of the latest evidence), unknown or disputed",
        "acting": "1 for an acting or interim holder",
        "end_derived_from": "The successor's term whose cited start gives this end",
        "note": "How the dates were read, what is uncertain",
    },
    "term_milestones": {
        "term": "The term",
        "position": "Order within the term, from 1",
        "type": "appointed, elected, reelected, confirmed, sworn_in, arrived, credentials, took_office, left, "
        "relieved, resigned or died",
        "date": "When, " + _DATE + "; " + _CLAIM,
        "note": "What the milestone was, where the type does not say it all",
    },
    "events": {
        "id": "Event id (a slug with its year)",
        "date": "When, " + _DATE + "; for an agreement, its signing; " + _CLAIM,
        "title": "Short plain-English title",
        "summary": "One or two sentences that say only what the quotes say",
        "topics": "Topics (diplomacy, visit, agreement, trade...), joined with '; '",
        "countries": "Country codes the event concerns (kz, uk, us...), joined with '; '",
        "aliases": "Acronyms and other names (search matches them), joined with '; '",
        "ratified": "An agreement's ratification date, where the texts give it; " + _CLAIM,
        "in_force": "An agreement's entry into force, where the texts give it; " + _CLAIM,
        "note": "How the date was read, whose ratification, what is uncertain",
    },
    "event_people": {"event": "The event", "person": "A person the event names"},
    "trade": {
        "id": "Figure id",
        "indicator": "turnover, exports, imports, fdi, investment, deals or other",
        "from": "Exporter or investor (country code); for turnover and deals one partner; unknown when the text "
        "does not say; NULL for all countries",
        "to": "Importer or recipient (country code); for turnover and deals the other partner",
        "period": "The period the figure covers, " + _DATE + "; cumulative figures an open range (1993/..)",
        "period_label": "The period as the text words it (January-April 2017)",
        "value": "The figure, in `unit` (billion, million...) of `currency`; " + _CLAIM,
        "unit": "The scale of value as written: billion, million, percent, rank...",
        "currency": "USD, GBP, EUR...; NULL for a figure that is not money",
        "growth_pct": "Growth in percent, where the text gives it; " + _CLAIM,
        "growth_base": "What the growth compares with, as the text says",
        "note": "How the figure was read",
    },
    "votes": {
        "id": "Vote id (kz-presidential-2019, kz-mazhilis-2023...)",
        "type": "presidential, parliamentary or referendum",
        "chamber": "mazhilis or senate for a parliamentary vote",
        "title": "The vote's name",
        "date": "Election day (the first round), " + _DATE + "; " + _CLAIM,
        "indirect": "1 for an indirect election (the Senate: maslikhat deputies elect)",
        "seats": "Seats at stake; " + _CLAIM,
        "candidates": "Candidates on the ballot; " + _CLAIM,
        "registered": "Registered voters (electors, for an indirect election); " + _CLAIM,
        "ballots_issued": "Ballots issued; " + _CLAIM,
        "cast": "Ballots cast (electors who voted, for an indirect election); " + _CLAIM,
        "turnout": "Turnout in percent; " + _CLAIM,
        "outcome": "The outcome in short",
        "note": "How the counts were read, what is uncertain",
    },
    "vote_results": {
        "vote": "The vote",
        "position": "Order as listed, from 1",
        "name": "Candidate, party or option",
        "person": "The candidate, where a person",
        "party": "The candidate's party; " + _CLAIM,
        "votes": "Votes received; " + _CLAIM,
        "share": "Share of the vote in percent; " + _CLAIM,
        "seats": "Seats won in all; " + _CLAIM,
        "list_seats": "Seats won on the party list; " + _CLAIM,
        "district_seats": "Seats won in single-member districts; " + _CLAIM,
    },
    "vote_rounds": {
        "vote": "The vote",
        "round": "Round number (1, 2...)",
        "date": "The round's date; " + _CLAIM,
        "turnout": "Turnout in percent; " + _CLAIM,
        "registered": "Registered voters; " + _CLAIM,
        "cast": "Ballots cast; " + _CLAIM,
        "seats": "Seats filled in this round; " + _CLAIM,
        "note": "What the round was",
    },
    "claims": {
        "kind": "Kind of the record (post, person, term, event, trade, vote)",
        "record": "Id of the record",
        "field": "The field claimed: turnout, results[2].votes, rounds[0].date, start_claims...",
        "value": "The value as claimed (typed: a number stays a number)",
        "stage": "preliminary or final count, where the text says which (not a dispute between stages)",
        "source": "The source of the claim",
        "quote": "The passage of the source that makes the claim",
    },
    "citations": {
        "kind": "Kind of the record (post, person, term, event, trade, vote)",
        "record": "Id of the record",
        "field": "The field the quote supports (NULL: the record as a whole)",
        "source": "The source quoted",
        "quote": "The verbatim passage (at most 300 characters)",
        "translation": "English translation of a quote not in English",
        "as_of": "The date at which the text shows this to be true (a term's evidence)",
    },
    "tenures": {
        "term": "The term (one row per term)",
        "post": "The post held",
        "person": "Who held it",
        "name": "The holder's name",
        "certain_from": "First day who --at names this holder without doubt (ISO day); NULL with certain_to: never "
        "(a start no text gives is never certain)",
        "certain_to": "Last day who --at names this holder without doubt: the end's first day, or for an open term "
        "its latest evidence; NULL when certain_from is NULL",
        "possible_from": "First day who --at offers this holder (ISO day); NULL: never offered (no date, no dated "
        "evidence)",
        "possible_to": "Last day who --at offers this holder: the end's last day, or for an open term 12 months past "
        "its latest evidence, bounded by the next holder and the post's end; NULL when open-ended",
        "from_basis": "What set possible_from: stated (the start), earliest_evidence or before_end (12 months "
        "before the first the texts say of a term with no start), predecessor_end (the day after the "
        "predecessor was last certainly in post)",
        "to_basis": "What set possible_to: stated (the end), successor_start (an end derived from the successor's "
        "cited start), latest_evidence (12 months past it), bounded_by (the day before the next holder certainly "
        "held the post), post_ended (the post's end)",
        "acting": "1 for an acting or interim holder",
        "possibly_outdated": "1 for an open term whose latest evidence is more than 12 months before the day of "
        "the export (who without --at says 'possibly outdated')",
        "latest_evidence": "The latest the texts say of the term (a dated mention, else its start), as given",
        "bounded_by": "With to_basis bounded_by: the next holder's term",
    },
}

FACETS = {
    "sources": ["source_kind", "language", "collection"],
    "posts": ["country", "single_holder"],
    "terms": ["post", "acting"],
    "term_milestones": ["type"],
    "events": ["countries"],
    "trade": ["indicator", "from", "to", "currency", "unit"],
    "votes": ["type", "chamber"],
    "claims": ["kind", "stage"],
    "citations": ["kind"],
    "tenures": ["post", "from_basis", "to_basis", "acting"],
}

UNITS = {  # Datasette shows these with their unit (Pint); trade's value has its unit in each row
    "votes": {"turnout": "percent"},
    "vote_rounds": {"turnout": "percent"},
    "vote_results": {"share": "percent"},
    "trade": {"growth_pct": "percent"},
}

_FTS_CONTENT = {"events_fts": "events", "people_fts": "people", "votes_fts": "votes", "citations_fts": "citations"}

QUERIES = {
    "who_held": {
        "title": "Who held a post on a day",
        "description": (
            "The holders `kzfacts who POST --at DAY` lists: post is a post id (kz-president, uk-ambassador-kz; "
            "see posts), at a day YYYY-MM-DD. ambiguous = 1 when one of them is not certain that day, or a "
            "single-holder post has more than one possible holder. No row: no holder known that day."
        ),
        "sql": WHO_HELD,
        "params": ["post", "at"],
    }
}


def column(table: str, name: str) -> str | None:
    """A column's description; `<field>_disputed` and `<field>_precision` from their field."""
    own = COLUMNS.get(table, {})
    if name in own:
        return own[name]
    for suffix, text in (
        ("_disputed", "1 when the sources disagree on {f} ({f} is then NULL; every claim is a row of claims)"),
        ("_precision", "How much of {f} the source gave: year, month, day, range or open range"),
    ):
        if name.endswith(suffix) and name[: -len(suffix)] in own:
            return text.format(f=name[: -len(suffix)])
    return None


def database() -> dict[str, Any]:
    """Datasette's block for the export's database (export.metadata files it under its name)."""
    columns = _schema_columns()
    tables: dict[str, Any] = {}
    for table, description in TABLES.items():
        entry: dict[str, Any] = {"description": description}
        source = _FTS_CONTENT.get(table, table)  # an FTS table's columns are its content table's
        described = {c: d for c in columns.get(table, ()) if (d := column(source, c))}
        if described:
            entry["columns"] = described
        if table in FACETS:
            entry["facets"] = FACETS[table]
        if table in UNITS:
            entry["units"] = UNITS[table]
        tables[table] = entry
        if table in _FTS_CONTENT:
            for shadow in _FTS_SHADOWS:
                tables[f"{table}_{shadow}"] = {"description": f"SQLite's internal {shadow} of {table}", "hidden": True}
    return {
        "description": "The kzfacts fact base: every fact with its sources; tenures reads terms as `kzfacts who` does",
        "tables": tables,
        "queries": QUERIES,
    }


def _schema_columns() -> dict[str, list[str]]:
    import sqlite3

    from .export import SCHEMA

    db = sqlite3.connect(":memory:")
    try:
        db.executescript(SCHEMA)
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: [row[1] for row in db.execute(f"PRAGMA table_info({n})")] for n in names}
    finally:
        db.close()
