"""The index cache: the merged fact base compiled once into SQLite (with FTS5 for `search`).

Parsing YAML on every call would cost more than the answer, so queries read this index. Its
file name carries a hash of the package version and of every input file's path, size, mtime,
ctime and inode, plus the content of small user files: a changed input simply names a different
file, and a stale one is never opened. A missing, corrupt or unwritable cache falls back to a
rebuild (or an in-memory index) so the query still answers; the build goes through `safewrite`
(a `.build-PID-*.sqlite` temp renamed into place), and temps of builds that died (kill -9) are
removed by the next build and by `cache clear`.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, model
from .dates import period_of
from .errors import KzfactsError
from .model import KINDS, Citation, FactBase, Record
from .schema import specs

if TYPE_CHECKING:
    from .inputs import InputFile

from .cache import (  # noqa: F401 - the cache's names, here too for `kzfacts.index` users
    BUILD_PREFIX,
    HASHED_BYTES,
    PREFIX,
    SCHEMA_VERSION,
    _remove_stale,
    cache_dir,
    cache_files,
    cache_key,
    clear_cache,
    remove_stale_builds,
    stale_builds,
)
from .store import Store

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records(kind TEXT NOT NULL, id TEXT NOT NULL, origin TEXT, lo TEXT, hi TEXT,
                     body TEXT NOT NULL, PRIMARY KEY(kind, id));
CREATE TABLE links(kind TEXT NOT NULL, id TEXT NOT NULL, rel TEXT NOT NULL, target TEXT NOT NULL);
CREATE TABLE names(kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, folded TEXT NOT NULL,
                   canonical INTEGER NOT NULL);
CREATE TABLE search_text(kind TEXT NOT NULL, id TEXT NOT NULL, title TEXT, body TEXT, aliases TEXT);
CREATE VIRTUAL TABLE fts USING fts5(kind UNINDEXED, id UNINDEXED, title, body, aliases, content='search_text',
                                   tokenize = 'unicode61 remove_diacritics 2');
"""

# Built after the bulk inserts (one sort instead of 400k B-tree updates), and in C only: the
# build runs them in a thread, without the GIL, while it encodes the records (see `build`).
_INDEX_RELATIONS = """
INSERT INTO fts(fts) VALUES ('rebuild');
CREATE INDEX links_by_target ON links(rel, target);
CREATE INDEX names_by_folded ON names(kind, folded);
CREATE INDEX names_by_id ON names(kind, id);
"""
_INDEX_RECORDS = "CREATE INDEX records_by_date ON records(kind, lo);"


def date_bounds(record: Record) -> tuple[str | None, str | None]:
    """The earliest and latest day a record may refer to, as ISO text for SQL ranges: from the
    fields its kind marks `dated` (schema.py)."""
    texts: list[str] = []
    for attr in _dated(type(record)):
        value = getattr(record, attr)
        if isinstance(value, tuple):
            texts.extend(c.value for c in value if c.value)
        elif value:
            texts.append(value)
    if not texts:
        return None, None
    if len(texts) == 1:
        return _bounds(texts[0])
    bounds = [_bounds(t) for t in texts]
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


_DATED: dict[type, tuple[str, ...]] = {}
_LINKED: dict[type, tuple[tuple[str, str | None, bool], ...]] = {}
_SEARCHED: dict[type, tuple[str, ...]] = {}


def _dated(cls: type) -> tuple[str, ...]:
    if cls not in _DATED:
        _DATED[cls] = tuple(attr for attr, sp in specs(cls) if sp.dated)
    return _DATED[cls]


def _linked(cls: type) -> tuple[tuple[str, str | None, bool], ...]:
    """(attribute, link name or None for a tuple of sub-records to look into, is a tuple)."""
    if cls not in _LINKED:
        out: list[tuple[str, str | None, bool]] = []
        for attr, sp in specs(cls):
            if sp.link:
                out.append((attr, sp.link, sp.read in ("texts", "refs")))
            elif sp.read in ("results", "milestones", "rounds"):
                out.append((attr, None, True))
        _LINKED[cls] = tuple(out)
    return _LINKED[cls]


@functools.lru_cache(maxsize=16384)
def _bounds(text: str) -> tuple[str, str]:
    p = period_of(text)
    return p.lo.isoformat(), p.hi.isoformat()


def _links(record: Record, citations: list[Citation]) -> Iterator[tuple[str, str]]:
    """Every link of a record: the sources it cites, and each field its kind marks with a
    `link` (a term's post and person, an event's people, topics and countries, a vote's type
    and its results' people)."""
    for c in citations:
        yield "cites", c.source
    yield from _field_links(record)


def _field_links(record: Any) -> Iterator[tuple[str, str]]:
    for attr, link, many in _linked(type(record)):
        value = getattr(record, attr)
        if link is None:
            for sub in value:
                yield from _field_links(sub)
        elif many:
            for v in value:
                yield link, v
        elif value:
            yield link, value


def _searched(cls: type) -> tuple[str, ...]:
    if cls not in _SEARCHED:
        _SEARCHED[cls] = tuple(attr for attr, sp in specs(cls) if sp.searched)
    return _SEARCHED[cls]


def _search_text(record: Record, people: dict[str, Record], citations: list[Citation]) -> tuple[str, str, str]:
    """(title, body, aliases): aliases get their own column, weighted like the title, since an
    acronym (SPCA, MLAT) names the record as surely as its title does."""
    parts: list[str] = []
    for attr in _searched(type(record)):
        value = getattr(record, attr, None)
        if isinstance(value, str):
            parts.append(value)
    for pid in getattr(record, "people", ()):
        person = people.get(pid)
        if person is not None:
            parts.append(person.display_name())
    if isinstance(record, model.Term):
        person = people.get(record.person)
        parts.append(person.display_name() if person else record.person)
        parts.append(record.post.replace("-", " "))
    if isinstance(record, model.Vote):
        parts.extend(r.name for r in record.results)
    for c in citations:
        parts.append(c.quote)
        if c.translation:
            parts.append(c.translation)
    return record.display_name(), "\n".join(parts), "\n".join(getattr(record, "aliases", ()))


_PRAGMAS = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;"


def build(base: FactBase, target: str) -> sqlite3.Connection:
    """Write the fact base into a new database at `target` (a path or ':memory:').

    The full-text index and the indexes on links and names are built by SQLite alone, which
    releases the GIL: a thread runs them while this one encodes the records, so a cold build
    of a large overlay uses two cores. The connection is never used by both at once."""
    from .load import paused_gc

    with paused_gc():
        db = sqlite3.connect(target, check_same_thread=False)
        db.executescript(_PRAGMAS + _SCHEMA)
        _write_relations(db, base)
        with _in_background(db, _INDEX_RELATIONS):
            rows = list(_record_rows(base))
        db.executemany("INSERT INTO records VALUES (?,?,?,?,?,?)", rows)
        db.executescript(_INDEX_RECORDS)
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("version", __version__), ("schema", SCHEMA_VERSION), ("replaced", json.dumps(base.replaced)),
             ("as_of", as_of(base) or ""), ("data_version", data_version(rows))],
        )  # fmt: skip
        db.commit()
    return db


def as_of(base: FactBase) -> str | None:
    """The fact base's date, what a reader should know the answers are as fresh as: the last day
    of the latest dated source, or later where an undated text reports a vote's results (a
    result is only known once the vote has happened) or a quote is dated as of a later day."""
    days = [period_of(s.date).hi for s in base.of("sources") if s.date]
    days += [period_of(c.value).hi for v in base.of("votes") if v.results for c in v.date if c.value]
    days += [period_of(c.as_of).lo for k in KINDS for r in base.of(k) for c in r.all_citations() if c.as_of]
    return max(days).isoformat() if days else None


def data_version(rows: list[tuple[Any, ...]]) -> str:
    """A short fingerprint of every record (kind, id, body): equal for equal facts on any machine."""
    digest = 0
    for row in rows:  # in load order, which the sorted input files fix
        digest = zlib.crc32(f"{row[0]}\0{row[1]}\0{row[-1]}".encode(), digest)
    return f"{len(rows)}-{digest:08x}"


@contextlib.contextmanager
def _in_background(db: sqlite3.Connection, script: str) -> Iterator[None]:
    """Run `script` on `db` in a thread while the body runs; its error, if any, is raised after."""
    import threading

    failed: list[BaseException] = []

    def run() -> None:
        try:
            db.executescript(script)
        except BaseException as exc:  # handed to the waiting thread, raised there
            failed.append(exc)

    worker = threading.Thread(target=run, name="kzfacts-index", daemon=True)
    worker.start()
    try:
        yield
    finally:
        worker.join()
    if failed:
        raise failed[0]


def _record_rows(base: FactBase) -> Iterator[tuple[Any, ...]]:
    """(kind, id, origin, lo, hi, body) of every record: what `Store` reads back."""
    encode = body_encoder()
    for table in base.records.values():
        for rid, record in table.items():
            lo, hi = date_bounds(record)
            origin = getattr(record, "origin", None)
            yield record.kind, rid, str(origin) if origin else None, lo, hi, encode(record.to_dict())


def body_encoder() -> Callable[[Any], str]:
    """Compact JSON, non-ASCII kept: `JSONEncoder.encode` makes a new C encoder on every call,
    a quarter of its time on records this small, so one is made once (checked against the
    documented encoder, which stands in wherever the C one is missing or differs)."""
    plain = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    from json import encoder as stdlib

    make = getattr(stdlib, "c_make_encoder", None)
    if make is None:
        return plain
    try:
        chunks = make(None, None, stdlib.encode_basestring, None, ":", ",", False, False, True)

        def encode(obj: Any) -> str:
            return "".join(chunks(obj, 0))

        sample = {"id": "a", "n": [1, 2.5, None, True], "t": 'Астана "q"\n', "e": {}}
        if encode(sample) == plain(sample):
            return encode
    except (TypeError, ValueError):
        pass
    return plain


def _write_relations(db: sqlite3.Connection, base: FactBase) -> None:
    """The links, names and search text tables: everything but the records themselves."""
    from .names import fold, simple_fold

    people = base.records["people"]
    links: list[tuple[str, str, str, str]] = []
    names: list[tuple[Any, ...]] = []
    fts: list[tuple[str, ...]] = []
    for plural, table in base.records.items():
        for rid, record in table.items():
            citations = record.all_citations()
            links.extend((record.kind, rid, rel, target) for rel, target in _links(record, citations))
            if plural in ("people", "posts"):
                label = record.display_name()
                for name in (label, *getattr(record, "aliases", ()), rid):
                    key = fold(name) if plural == "people" else simple_fold(name)
                    names.append((record.kind, rid, name, key, name == label))
            if plural != "posts":
                fts.append((record.kind, rid, *_search_text(record, people, citations)))
    db.executemany("INSERT INTO links VALUES (?,?,?,?)", links)
    db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", names)
    db.executemany("INSERT INTO search_text VALUES (?,?,?,?,?)", fts)


def _valid(path: Path) -> sqlite3.Connection | None:
    """Open an existing index if it is whole and of this version; None otherwise."""
    try:
        size = path.stat().st_size
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        pages, page_size = db.execute("PRAGMA page_count").fetchone()[0], db.execute("PRAGMA page_size").fetchone()[0]
        row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if pages * page_size != size or not row or row[0] != SCHEMA_VERSION:
            db.close()
            return None
        return db
    except sqlite3.Error:
        db.close()
        return None


def _has_builds(folder: Path) -> bool:
    """Whether any build temp is in the cache folder (one listing; a warm query pays ~20 µs)."""
    try:
        return any(name.startswith(BUILD_PREFIX) for name in os.listdir(folder))
    except OSError:
        return False


def open_store(user: Iterable[str] = ()) -> Store:
    """The index for the packaged data plus `user` files: reused when fresh, else rebuilt."""
    from .inputs import input_files

    files = input_files(user)
    key = cache_key((f.path for f in files), (f.path for f in files if not f.packaged))
    folder = cache_dir()
    path = folder / f"{PREFIX}{key}.sqlite"
    db = _valid(path)
    if db is not None:
        if _has_builds(folder):  # what a killed build left goes at the next run, not the next build
            remove_stale_builds(folder)
        return Store(db, path)
    from .load import paused_gc

    # One pause over load and build (each also pauses itself, for callers of either alone):
    # resumed between them, the collector would first walk the whole new fact base.
    with paused_gc():
        return _rebuild(files, path)


def _rebuild(files: list[InputFile], path: Path) -> Store:
    """Load, then build the index at `path`; an in-memory index when the cache cannot be written."""
    from . import safewrite
    from .load import load

    folder = path.parent
    base = load(files=files)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = safewrite.check_file(path, "cache")
        remove_stale_builds(folder)
        with safewrite.replacing([target], prefix=BUILD_PREFIX, suffix=".sqlite") as (tmp,):
            build(base, str(tmp)).close()
    except (OSError, sqlite3.Error, KzfactsError):
        return Store(build(base, ":memory:"), None, rebuilt=True)
    _remove_stale(folder, keep=path)
    db = _valid(path)
    return Store(db, path, rebuilt=True) if db else Store(build(base, ":memory:"), None, rebuilt=True)
