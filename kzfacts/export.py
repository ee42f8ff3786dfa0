"""`kzfacts export`: the whole merged fact base for other tools.

- `json`: `{"sources": [...], "records": [...]}` (the stable contract in the README);
- `sqlite`: a normalised database with foreign keys and an FTS table that Datasette serves
  as-is, plus `metadata.json` beside it;
- `csv`: one CSV per table of that database.

Every export goes through `safewrite`: temp files beside the target, renamed into place only
when all of them are written (the SQLite file together with its metadata.json; a CSV export as a
whole folder), so a full disk, a crash or Ctrl-C leaves the previous export whole.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import __version__, model, safewrite
from .errors import KzfactsError
from .load import load
from .model import FactBase

FORMATS = ("json", "sqlite", "csv")

SCHEMA = """
CREATE TABLE sources(id TEXT PRIMARY KEY, file TEXT, collection TEXT, title TEXT, publisher TEXT, url TEXT,
                     date TEXT, language TEXT, title_en TEXT, title_inferred INTEGER NOT NULL, date_basis TEXT,
                     source_kind TEXT, retrieved TEXT);
CREATE TABLE posts(id TEXT PRIMARY KEY, label TEXT NOT NULL, country TEXT, aliases TEXT, single_holder INTEGER,
                   "end" TEXT, end_disputed INTEGER NOT NULL, successor TEXT REFERENCES posts(id));
CREATE TABLE people(id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT, birth_year INTEGER,
                    birth_year_disputed INTEGER NOT NULL);
CREATE TABLE terms(id TEXT PRIMARY KEY, post TEXT NOT NULL REFERENCES posts(id),
                   person TEXT NOT NULL REFERENCES people(id), start TEXT, start_precision TEXT,
                   start_disputed INTEGER NOT NULL, "end" TEXT, end_precision TEXT, end_disputed INTEGER NOT NULL,
                   acting INTEGER NOT NULL, end_derived_from TEXT REFERENCES terms(id), note TEXT);
CREATE TABLE term_milestones(term TEXT NOT NULL REFERENCES terms(id), position INTEGER NOT NULL, type TEXT NOT NULL,
                             date TEXT, date_precision TEXT, date_disputed INTEGER NOT NULL, note TEXT);
CREATE TABLE events(id TEXT PRIMARY KEY, date TEXT, date_precision TEXT, date_disputed INTEGER NOT NULL,
                    title TEXT NOT NULL, summary TEXT, topics TEXT, countries TEXT, aliases TEXT,
                    ratified TEXT, ratified_disputed INTEGER NOT NULL, in_force TEXT,
                    in_force_disputed INTEGER NOT NULL, note TEXT);
CREATE TABLE event_people(event TEXT NOT NULL REFERENCES events(id), person TEXT NOT NULL REFERENCES people(id));
CREATE TABLE trade(id TEXT PRIMARY KEY, indicator TEXT NOT NULL, "from" TEXT, "to" TEXT, period TEXT,
                   period_precision TEXT, period_label TEXT, value REAL, value_disputed INTEGER NOT NULL, unit TEXT,
                   currency TEXT, growth_pct REAL, growth_pct_disputed INTEGER NOT NULL, growth_base TEXT, note TEXT);
CREATE TABLE votes(id TEXT PRIMARY KEY, type TEXT NOT NULL, chamber TEXT, title TEXT, date TEXT,
                   date_precision TEXT, date_disputed INTEGER NOT NULL, indirect INTEGER NOT NULL,
                   seats INTEGER, seats_disputed INTEGER NOT NULL, candidates INTEGER,
                   candidates_disputed INTEGER NOT NULL, registered INTEGER, registered_disputed INTEGER NOT NULL,
                   ballots_issued INTEGER, ballots_issued_disputed INTEGER NOT NULL, "cast" INTEGER,
                   cast_disputed INTEGER NOT NULL, turnout REAL, turnout_disputed INTEGER NOT NULL,
                   outcome TEXT, note TEXT);
CREATE TABLE vote_rounds(vote TEXT NOT NULL REFERENCES votes(id), round INTEGER NOT NULL, date TEXT,
                         date_disputed INTEGER NOT NULL, turnout REAL, turnout_disputed INTEGER NOT NULL,
                         registered INTEGER, registered_disputed INTEGER NOT NULL, "cast" INTEGER,
                         cast_disputed INTEGER NOT NULL, seats INTEGER, seats_disputed INTEGER NOT NULL, note TEXT);
CREATE TABLE vote_results(vote TEXT NOT NULL REFERENCES votes(id), position INTEGER NOT NULL, name TEXT NOT NULL,
                          person TEXT REFERENCES people(id), party TEXT, party_disputed INTEGER NOT NULL,
                          votes INTEGER, votes_disputed INTEGER NOT NULL, share REAL, share_disputed INTEGER NOT NULL,
                          seats INTEGER, seats_disputed INTEGER NOT NULL, list_seats INTEGER,
                          list_seats_disputed INTEGER NOT NULL, district_seats INTEGER,
                          district_seats_disputed INTEGER NOT NULL);
CREATE TABLE claims(kind TEXT NOT NULL, record TEXT NOT NULL, field TEXT NOT NULL, value, stage TEXT,
                    source TEXT REFERENCES sources(id), quote TEXT);
CREATE TABLE citations(kind TEXT NOT NULL, record TEXT NOT NULL, field TEXT, source TEXT NOT NULL REFERENCES sources(id),
                       quote TEXT NOT NULL, translation TEXT, as_of TEXT);
CREATE VIRTUAL TABLE events_fts USING fts5(title, summary, aliases, content="events");
CREATE VIRTUAL TABLE people_fts USING fts5(name, aliases, content="people");
CREATE VIRTUAL TABLE votes_fts USING fts5(title, outcome, content="votes");
CREATE VIRTUAL TABLE citations_fts USING fts5(quote, translation, content="citations");
"""

# FTS tables name their content table with double quotes: that is how Datasette detects them
# (as sqlite-utils' enable_fts writes them), so `?_search=` on the table uses full-text search.
FTS = ("events_fts", "people_fts", "votes_fts", "citations_fts")

TABLES = (
    "sources",
    "posts",
    "people",
    "terms",
    "term_milestones",
    "events",
    "event_people",
    "trade",
    "votes",
    "vote_rounds",
    "vote_results",
    "claims",
    "citations",
)


def run(user: Iterable[str], fmt: str, out: Path | None) -> None:
    """Check the target before loading anything, so a refused -o PATH costs nothing."""
    if fmt not in FORMATS:
        raise KzfactsError(f"--format: unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    to_stdout = out is None or str(out) == safewrite.STDOUT
    if fmt != "json" and to_stdout:
        raise KzfactsError(f"--format {fmt} needs -o PATH (a {'folder' if fmt == 'csv' else 'file'}, not stdout)")
    if fmt == "json":
        target = None if to_stdout else safewrite.check_file(out)  # type: ignore[arg-type]
        document = json.dumps(as_json(load(user)), ensure_ascii=False, indent=1) + "\n"
        if target is None:
            _to_stdout(document)
        else:
            _write(lambda temps: Path(temps[0]).write_bytes(document.encode()), [target])
    elif fmt == "sqlite":
        assert out is not None
        targets = sqlite_targets(out)
        base = load(user)
        _write(lambda temps: fill_sqlite(base, temps[0], temps[1]), targets)
    else:
        assert out is not None
        target = safewrite.check_folder(out, {f"{t}.csv" for t in TABLES})
        base = load(user)
        _write(lambda temps: fill_csv(base, temps[0]), [target])


def _to_stdout(document: str) -> None:
    from .streams import write_stdout

    write_stdout(document)


def _write(fill: Any, targets: list[safewrite.Target]) -> None:
    """Fill temps for `targets`, then swap them in; any failure leaves the old export as it was."""
    try:
        with safewrite.replacing(targets) as temps:
            fill(temps)
    except (OSError, sqlite3.Error) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise KzfactsError(f"-o {targets[0].path}: cannot write: {message}") from None


def sqlite_targets(path: Path) -> list[safewrite.Target]:
    """The database and the metadata.json Datasette reads beside it, both checked up front."""
    if path.name == "metadata.json":
        raise KzfactsError(f"-o {path}: metadata.json is written beside the database; give another name")
    return [safewrite.check_file(path), safewrite.check_file(path.with_name("metadata.json"))]


def as_json(base: FactBase) -> dict[str, Any]:
    records = [
        r.to_dict() for plural in ("posts", "people", "terms", "events", "trade", "votes") for r in base.of(plural)
    ]
    return {"kzfacts": __version__, "sources": [s.to_dict() for s in base.of("sources")], "records": records}


def agreed(claims: model.Claims) -> tuple[Any, int]:
    """(value, disputed) for a typed column: the value when every claim agrees, else NULL and 1.

    Claims of different count stages are not a dispute, and a final count the texts agree on
    is the value even where preliminary counts differ."""
    if not claims:
        return None, 0
    final = tuple(c for c in claims if c.stage == "final")
    if final and not model.disputed(final):
        return model.most_precise(final), 0  # an agreed final count outranks the preliminary ones
    if model.disputed(claims):
        return None, 1
    return model.most_precise(claims), 0  # 84.0 beside 83.97: one figure, the finer one typed


def precision(text: str | None) -> str | None:
    """day, month, year, range or open range: how much of an ISO date text the source gave."""
    if not text:
        return None
    if "/" in text:
        return "open range" if text.endswith("..") else "range"
    return {4: "year", 7: "month", 10: "day"}.get(len(text))


def _date(claims: model.Claims) -> tuple[Any, Any, int]:
    value, disputed = agreed(claims)
    return value, precision(value), disputed


def _term_date(text: str | None, claims: model.Claims) -> tuple[Any, Any, int]:
    if claims and model.disputed(claims):
        return None, None, 1
    return text, precision(text), 0


def rows(base: FactBase) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) for every row of the normalised export."""
    for s in base.of("sources"):
        yield "sources", (
            s.id, s.file, s.collection, s.title, s.publisher, s.url, s.date, s.language, s.title_en,
            int(s.title_inferred), s.date_basis, s.source_kind, s.retrieved,
        )  # fmt: skip
    for p in base.of("posts"):
        yield (
            "posts",
            (p.id, p.label, p.country, "; ".join(p.aliases), int(p.single_holder), *agreed(p.end), p.successor),
        )
    for p in base.of("people"):
        yield "people", (p.id, p.name, "; ".join(p.aliases), *agreed(p.birth_year))
    for t in base.of("terms"):
        yield "terms", (
            t.id, t.post, t.person, *_term_date(t.start, t.start_claims), *_term_date(t.end, t.end_claims),
            int(t.acting), t.end_derived_from, t.note,
        )  # fmt: skip
        for i, m in enumerate(t.milestones):
            yield "term_milestones", (t.id, i + 1, m.type, *_date(m.date), m.note)
    for e in base.of("events"):
        yield "events", (
            e.id, *_date(e.date), e.title, e.summary, "; ".join(e.topics), "; ".join(e.countries),
            "; ".join(e.aliases), *agreed(e.ratified), *agreed(e.in_force), e.note,
        )  # fmt: skip
        for person in e.people:
            yield "event_people", (e.id, person)
    for f in base.of("trade"):
        yield "trade", (
            f.id, f.indicator, f.from_, f.to, f.period, precision(f.period), f.period_label, *agreed(f.value),
            f.unit, f.currency, *agreed(f.growth_pct), f.growth_base, f.note,
        )  # fmt: skip
    for v in base.of("votes"):
        yield "votes", (
            v.id, v.type, v.chamber, v.title, *_date(v.date), int(v.indirect), *agreed(v.seats),
            *agreed(v.candidates), *agreed(v.registered), *agreed(v.ballots_issued), *agreed(v.cast),
            *agreed(v.turnout), v.outcome, v.note,
        )  # fmt: skip
        for rd in v.rounds:
            yield "vote_rounds", (
                v.id, rd.round, *agreed(rd.date), *agreed(rd.turnout), *agreed(rd.registered), *agreed(rd.cast),
                *agreed(rd.seats), rd.note,
            )  # fmt: skip
        for i, r in enumerate(v.results):
            yield "vote_results", (
                v.id, i + 1, r.name, r.person, *agreed(r.party), *agreed(r.votes), *agreed(r.share),
                *agreed(r.seats), *agreed(r.list_seats), *agreed(r.district_seats),
            )  # fmt: skip
    for plural in ("posts", "people", "terms", "events", "trade", "votes"):
        for rec in base.of(plural):
            for name, claim in _claims(rec):
                for cc in claim.citations or (None,):
                    yield "claims", (
                        rec.kind, rec.id, name, claim.value, claim.stage, cc.source if cc else None,
                        cc.quote if cc else None,
                    )  # fmt: skip
            for field, c in _cited(rec):
                yield "citations", (rec.kind, rec.id, field, c.source, c.quote, c.translation, c.as_of)


def _claims(rec: model.Record, prefix: str = "") -> Iterator[tuple[str, model.Claim]]:
    """Every claim of a record, by field (`results[2].votes`, `rounds[1].turnout`, `start_claims`)."""
    for name in model.field_names(rec):
        value = getattr(rec, name)
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, model.Claim):
                    yield prefix + name.rstrip("_"), item
                elif isinstance(item, (model.VoteResult, model.VoteRound, model.TermMilestone)):
                    yield from _claims(item, f"{prefix}{name}[{i}].")


def _cited(rec: model.Record) -> Iterator[tuple[str | None, model.Citation]]:
    for c in rec.citations:
        yield None, c
    for name in model.field_names(rec):
        value = getattr(rec, name)
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, model.Claim):
                    for c in item.citations:
                        yield name.rstrip("_"), c
                elif isinstance(item, (model.VoteResult, model.VoteRound, model.TermMilestone)):
                    for sub, c in _cited(item):
                        yield f"{name}[{i}].{sub or 'citations'}", c


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def fill_sqlite(base: FactBase, db_path: Path, metadata_path: Path) -> None:
    """Write the database and its metadata.json into the two temp files `safewrite` gave us."""
    db = sqlite3.connect(db_path)
    try:
        db.execute("PRAGMA journal_mode=OFF")  # a fresh temp needs no journal, and leaves none when killed
        db.executescript(SCHEMA)
        for table, row in rows(base):
            db.execute(f"INSERT INTO {table} VALUES ({','.join('?' * len(row))})", row)
        for fts in FTS:
            db.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        db.commit()
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        db.close()
    if problems:
        raise KzfactsError(f"export: {len(problems)} broken references, first: {problems[0]}")
    metadata_path.write_bytes(json.dumps(metadata(), indent=2).encode())


def metadata() -> dict[str, Any]:
    """Datasette metadata: title, licence and where the facts come from."""
    return {
        "title": "kzfacts: a source-cited fact base about Kazakhstan",
        "description": "Every fact cites a source and a verbatim quote (table citations).",
        "license": "MIT (code); quotes are short excerpts of the cited public sources",
        "source": "kzfacts " + __version__,
        "source_url": "https://pypi.org/project/kzfacts/",
        "databases": {"*": {"tables": {"citations": {"description": "Every quote, by record and field"}}}},
    }


def fill_csv(base: FactBase, folder: Path) -> None:
    """One CSV per table into the temp folder `safewrite` swaps in whole."""
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    by_table: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    for table, row in rows(base):
        by_table[table].append(row)
    for table, table_rows in by_table.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_columns(db, table))
        writer.writerows(table_rows)
        (folder / f"{table}.csv").write_bytes(buffer.getvalue().encode())
