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
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, model
from .dates import period_of
from .errors import KzfactsError
from .model import Citation, FactBase, Record
from .schema import specs

if TYPE_CHECKING:
    from .inputs import InputFile

SCHEMA_VERSION = "6"
PREFIX = "index-"
BUILD_PREFIX = ".build-"  # temp files of a build in progress: .build-<pid>-<random>.sqlite
HASHED_BYTES = 1 << 20  # user files also count by content until they add up to this (see cache_key)

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


def cache_dir() -> Path:
    """KZFACTS_CACHE, else $XDG_CACHE_HOME/kzfacts, else ~/.cache/kzfacts."""
    explicit = os.environ.get("KZFACTS_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kzfacts"


_CODE = ("index.py", "model.py", "load.py", "names.py")


def cache_key(paths: Iterable[Path], hashed: Iterable[Path] = ()) -> str:
    """Hash of the version and each input's path, size, mtime, ctime and inode: what decides staleness.

    The modules that shape the index count as inputs too, so an edited checkout never reads an
    index built by older code under the same version number. ctime cannot be set back (touch
    and utime change it too), so an edit that restores size and mtime still names a new index;
    the files in `hashed` (the user's) also count by content, up to 1 MiB in all (well under a
    millisecond), for file systems with coarse timestamps. Beyond that (generated overlays) files
    count by their status only, so warm calls stay cheap.
    """
    parts = [f"{__version__}\0{SCHEMA_VERSION}"]
    here = Path(__file__).parent
    for p in [*(here / name for name in _CODE), *paths]:
        try:
            st = p.stat()
            parts.append(f"{os.path.abspath(p)}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
        except OSError:
            parts.append(f"{p}\0missing")
    digest, budget = 0, HASHED_BYTES
    for p in hashed:
        digest, budget = _content_crc(p, digest, budget)
    data = "\0".join(parts).encode() + digest.to_bytes(4, "little")
    # crc32 and adler32 together: 64 bits, without paying hashlib's import on every call.
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _content_crc(path: Path, digest: int, budget: int) -> tuple[int, int]:
    """crc32 of a regular file's bytes chained onto `digest`, while the files so far fit in
    `budget` bytes; beyond it (a generated overlay) or when unreadable, the file adds nothing."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size <= budget:
                return zlib.crc32(fh.read(size + 1), digest), budget - size
    except OSError:
        pass
    return digest, 0


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
            [("version", __version__), ("schema", SCHEMA_VERSION), ("replaced", json.dumps(base.replaced))],
        )
        db.commit()
    return db


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


class Store:
    """Read access to an index: the only thing query functions see."""

    def __init__(self, db: sqlite3.Connection, path: Path | None = None, rebuilt: bool = False):
        self.db = db
        self.path = path
        self.rebuilt = rebuilt
        self._cache: dict[tuple[str, str], Record] = {}

    def _decode(self, kind: str, rid: str, body: str) -> Any:
        key = (kind, rid)
        record = self._cache.get(key)
        if record is None:
            record = self._cache[key] = model.from_dict(json.loads(body))
        return record

    def _many(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        return [self._decode(k, i, b) for k, i, b in self.db.execute(sql, tuple(args))]

    def get(self, kind: str, rid: str) -> Any:
        row = self.db.execute("SELECT kind, id, body FROM records WHERE kind=? AND id=?", (kind, rid)).fetchone()
        return self._decode(*row) if row else None

    def all(self, kind: str) -> list[Any]:
        return self._many("SELECT kind, id, body FROM records WHERE kind=? ORDER BY lo, id", (kind,))

    def between(self, kind: str, lo: str | None, hi: str | None, linked: tuple[str, str] | None = None) -> list[Any]:
        """Records of `kind` whose dates may fall within [lo, hi] (ISO days; None = unbounded),
        optionally only those with a link (rel, target), e.g. ("type", "presidential")."""
        if linked is None:
            sql = "SELECT kind, id, body FROM records r WHERE kind=? "
            args: tuple[Any, ...] = (kind,)
        else:
            sql = (
                "SELECT r.kind, r.id, r.body FROM records r JOIN links l ON l.kind=r.kind AND l.id=r.id "
                "WHERE r.kind=? AND l.rel=? AND l.target=? "
            )
            args = (kind, *linked)
        sql += "AND (? IS NULL OR r.hi >= ?) AND (? IS NULL OR r.lo <= ?) ORDER BY r.lo, r.id"
        return self._many(sql, (*args, lo, lo, hi, hi))

    def linked(self, kind: str, rel: str, targets: Iterable[str]) -> list[Any]:
        """Records of `kind` that link to any target by `rel` (post, person, topic, country, cites)."""
        targets = list(targets)
        marks = ",".join("?" * len(targets))
        return self._many(
            f"SELECT DISTINCT r.kind, r.id, r.body FROM links l JOIN records r ON r.kind=l.kind AND r.id=l.id "
            f"WHERE l.kind=? AND l.rel=? AND l.target IN ({marks}) ORDER BY r.lo, r.id",
            (kind, rel, *targets),
        )

    def citing(self, source: str) -> list[Any]:
        return self._many(
            "SELECT DISTINCT r.kind, r.id, r.body FROM links l JOIN records r ON r.kind=l.kind AND r.id=l.id "
            "WHERE l.rel='cites' AND l.target=? ORDER BY r.kind, r.lo, r.id",
            (source,),
        )

    def link_targets(self, kind: str, rel: str) -> list[str]:
        return [t for (t,) in self.db.execute("SELECT DISTINCT target FROM links WHERE kind=? AND rel=?", (kind, rel))]

    def names(self, kind: str) -> list[tuple[str, str, str]]:
        """(id, name, folded name) of every name and alias of people or posts."""
        return list(self.db.execute("SELECT id, name, folded FROM names WHERE kind=?", (kind,)))

    def labels(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, str]:
        """id -> canonical name of people or posts (all of them, or just `ids`)."""
        if ids is None:
            rows = self.db.execute("SELECT id, name FROM names WHERE kind=? AND canonical", (kind,))
            return dict(rows.fetchall())
        wanted = list(dict.fromkeys(ids))
        marks = ",".join("?" * len(wanted))
        sql = f"SELECT id, name FROM names WHERE kind=? AND canonical AND id IN ({marks})"
        return dict(self.db.execute(sql, (kind, *wanted)).fetchall())

    def search(
        self, match: str, limit: int, lo: str | None = None, hi: str | None = None
    ) -> list[tuple[str, str, str, str, float]]:
        """(kind, id, highlighted title, highlighted snippet, rank), best first; with `lo`/`hi`
        (ISO days) only records whose dates may fall in that range."""
        ranged = lo is not None or hi is not None
        sql = (
            "SELECT f.kind, f.id, highlight(fts, 2, char(2), char(3)), snippet(fts, 3, char(2), char(3), '…', 16), "
            "bm25(fts, 0, 0, 5.0, 1.0, 10.0) AS rank FROM fts f "
            + ("JOIN records r ON r.kind=f.kind AND r.id=f.id " if ranged else "")
            + "WHERE fts MATCH ? "
            + ("AND (? IS NULL OR r.hi >= ?) AND (? IS NULL OR r.lo <= ?) " if ranged else "")
            + "ORDER BY f.kind = 'source', rank LIMIT ?"
        )
        args: tuple[Any, ...] = (match, lo, lo, hi, hi, limit) if ranged else (match, limit)
        return list(self.db.execute(sql, args))

    def count(self, kind: str) -> int:
        return int(self.db.execute("SELECT count(*) FROM records WHERE kind=?", (kind,)).fetchone()[0])

    def span(self, kinds: tuple[str, ...]) -> tuple[str | None, str | None]:
        marks = ",".join("?" * len(kinds))
        sql = f"SELECT min(lo), max(CASE WHEN hi < '9999' THEN hi ELSE lo END) FROM records WHERE kind IN ({marks})"
        lo, hi = self.db.execute(sql, kinds).fetchone()
        return lo, hi

    def replaced(self) -> list[str]:
        row = self.db.execute("SELECT value FROM meta WHERE key='replaced'").fetchone()
        return list(json.loads(row[0])) if row else []


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


def open_store(user: Iterable[str] = ()) -> Store:
    """The index for the packaged data plus `user` files: reused when fresh, else rebuilt."""
    from .inputs import input_files

    files = input_files(user)
    key = cache_key((f.path for f in files), (f.path for f in files if not f.packaged))
    folder = cache_dir()
    path = folder / f"{PREFIX}{key}.sqlite"
    db = _valid(path)
    if db is not None:
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


def _remove_stale(folder: Path, keep: Path, spare: int = 3) -> None:
    """Keep the newest few indexes (with and without an overlay, say) and delete the rest."""

    def age(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    others = sorted((p for p in folder.glob(f"{PREFIX}*.sqlite") if p != keep), key=age, reverse=True)
    for old in others[spare:]:
        with contextlib.suppress(OSError):
            old.unlink()


def stale_builds(folder: Path) -> list[Path]:
    """Temps of builds whose process is gone, and unowned ones from before temps named their pid."""
    from . import safewrite

    dead = safewrite.stale_temps(folder, BUILD_PREFIX, ".sqlite")
    legacy = [p for p in folder.glob(f"{BUILD_PREFIX}*.sqlite") if not _OWNED.match(p.name)]
    return sorted({*dead, *legacy})


_OWNED = re.compile(re.escape(BUILD_PREFIX) + r"\d+-[0-9a-f]+\.sqlite$")


def remove_stale_builds(folder: Path) -> int:
    """Delete what a killed build left (a cold build of a large overlay can leave 100+ MB)."""
    from . import safewrite

    return sum(safewrite.remove(p) for p in stale_builds(folder))


def cache_files() -> list[Path]:
    """Index files, then temp files of builds (in progress or left by a killed one)."""
    folder = cache_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*.sqlite")) + sorted(folder.glob(f"{BUILD_PREFIX}*.sqlite"))


def clear_cache() -> int:
    """Delete every index file and every stale build temp; returns how many were removed.

    A build still running in another process keeps its temp: removing it would only make that
    process fall back to an in-memory index."""
    folder = cache_dir()
    removed = 0
    for path in sorted(folder.glob(f"{PREFIX}*.sqlite")) if folder.is_dir() else []:
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    if folder.is_dir():
        removed += remove_stale_builds(folder)
    return removed
