"""`kzfacts export`: the whole merged fact base for other tools.

- `json`: `{"sources": [...], "records": [...]}` (the stable contract in the README);
- `sqlite`: a normalised database with foreign keys and an FTS table that Datasette serves
  as-is, plus `metadata.json` beside it;
- `csv`: one CSV per table of that database, with a Frictionless `datapackage.json` beside them;
- `popolo`: people, posts and terms as a Popolo JSON document (persons, organizations, posts,
  memberships; kzfacts/popolo.py).

Every export goes through `safewrite`: temp files beside the target, renamed into place only
when all of them are written (the SQLite file together with its metadata.json; a CSV export as a
whole folder), so a full disk, a crash or Ctrl-C leaves the previous export whole.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from . import __version__, datapackage, describe, model, popolo, safewrite, tables, tenures
from .errors import KzfactsError
from .load import load
from .model import FactBase

FORMATS = ("json", "sqlite", "csv", "popolo")
JSON_FORMATS = ("json", "popolo")  # one JSON document, to stdout or -o FILE

SCHEMA_FIXED = """
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
SCHEMA = tables.schema() + SCHEMA_FIXED + tenures.SCHEMA  # typed tables from the model, claims, citations, FTS, tenures

TABLES = (*tables.tables(), "claims", "citations", "tenures")
DATAPACKAGE = "datapackage.json"  # the CSV folder's Frictionless descriptor (kzfacts/datapackage.py)


def run(user: Iterable[str], fmt: str, out: Path | None) -> None:
    """Check the target before loading anything, so a refused -o PATH costs nothing."""
    if fmt not in FORMATS:
        raise KzfactsError(f"--format: unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    to_stdout = out is None or str(out) == safewrite.STDOUT
    if fmt not in JSON_FORMATS and to_stdout:
        raise KzfactsError(f"--format {fmt} needs -o PATH (a {'folder' if fmt == 'csv' else 'file'}, not stdout)")
    if fmt in JSON_FORMATS:
        target = None if to_stdout else safewrite.check_file(out)  # type: ignore[arg-type]
        from .streams import narrow

        escape = target is None and narrow(sys.stdout)  # an ascii stdout gets \u escapes, the same data
        build = as_json if fmt == "json" else popolo.document
        chunks = json.JSONEncoder(ensure_ascii=escape, indent=1).iterencode(build(load(user, lean=True)))
        if target is None:
            _to_stdout(chunks)
        else:
            _write(lambda temps: _write_chunks(Path(temps[0]), chunks), [target])
    elif fmt == "sqlite":
        assert out is not None
        targets = sqlite_targets(out)
        base = load(user, lean=True)
        _write(lambda temps: fill_sqlite(base, temps[0], temps[1], out.stem), targets)
    else:
        assert out is not None
        target = safewrite.check_folder(out, {f"{t}.csv" for t in TABLES} | {DATAPACKAGE})
        base = load(user, lean=True)
        _write(lambda temps: fill_csv(base, temps[0]), [target])


def _to_stdout(chunks: Iterable[str]) -> None:
    from .streams import write_stdout

    for block in _blocks(chunks):
        write_stdout(block)
    write_stdout("\n")


def _write_chunks(path: Path, chunks: Iterable[str]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for block in _blocks(chunks):
            out.write(block)
        out.write("\n")


def _blocks(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """The encoder's many small pieces joined into blocks of about `size` characters."""
    buffer: list[str] = []
    held = 0
    for chunk in chunks:
        buffer.append(chunk)
        held += len(chunk)
        if held >= size:
            yield "".join(buffer)
            buffer, held = [], 0
    if buffer:
        yield "".join(buffer)


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


class _Lazy(list):  # type: ignore[type-arg]
    """A list the JSON encoder walks one item at a time, made as it goes: a 200,000-record
    export never holds every record's dict (nor the whole text) at once. The output is byte for
    byte what json.dumps(indent=1) gives for the same list."""

    def __init__(self, items: Callable[[], Iterator[Any]], count: int):
        super().__init__()
        self._items, self._count = items, count

    def __iter__(self) -> Iterator[Any]:
        return self._items()

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0


def as_json(base: FactBase) -> dict[str, Any]:
    kinds = ("posts", "people", "terms", "events", "trade", "votes")

    def records() -> Iterator[dict[str, Any]]:
        return (r.to_dict() for plural in kinds for r in base.of(plural))

    def sources() -> Iterator[dict[str, Any]]:
        return (s.to_dict() for s in base.of("sources"))

    count = sum(len(base.records[k]) for k in kinds)
    return {"kzfacts": __version__, "sources": _Lazy(sources, len(base.records["sources"])),
            "records": _Lazy(records, count)}  # fmt: skip


def rows(base: FactBase) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) for every row of the normalised export."""
    yield from tables.rows(base)
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
    yield from tenures.rows(base)  # each term as `who` reads it


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


def fill_sqlite(base: FactBase, db_path: Path, metadata_path: Path, database: str = "kzfacts") -> None:
    """Write the database and its metadata.json into the two temp files `safewrite` gave us;
    `database` is the name Datasette will serve the file under (its stem: kzfacts.db -> kzfacts)."""
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
    metadata_path.write_bytes(json.dumps(metadata(database), indent=2).encode())


def metadata(database: str = "kzfacts") -> dict[str, Any]:
    """Datasette metadata: title, licence, where the facts come from, and under `databases` keyed
    by the database's name (Datasette names a file by its stem) what each table and column holds,
    facets, units and the canned query `who_held` (kzfacts/describe.py)."""
    return {
        "title": "kzfacts: a source-cited fact base about Kazakhstan",
        "description": "Every fact cites a source and a verbatim quote (table citations).",
        "license": "MIT (code); quotes are short excerpts of the cited public sources",
        "source": "kzfacts " + __version__,
        "source_url": "https://pypi.org/project/kzfacts/",
        "databases": {database: describe.database()},
    }


def fill_csv(base: FactBase, folder: Path) -> None:
    """One CSV per table, and their datapackage.json, into the temp folder `safewrite` swaps in whole."""
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    with contextlib.ExitStack() as files:  # each row written as it comes: no table held whole
        writers = {}
        for table in TABLES:
            out = files.enter_context((folder / f"{table}.csv").open("w", encoding="utf-8", newline=""))
            writers[table] = csv.writer(out, lineterminator="\n")
            writers[table].writerow(_columns(db, table))
        for table, row in rows(base):
            writers[table].writerow(row)
    package = datapackage.descriptor(db, TABLES)
    (folder / DATAPACKAGE).write_bytes((json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode())
