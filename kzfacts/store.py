"""The Store: every read of the index, each a method returning records or plain values, so
the questions (query/) never write SQL."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import model
from .model import Record


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

    def aliases(self, kind: str, ids: Iterable[str]) -> dict[str, list[str]]:
        """id -> every name it has (canonical first) for the given people or posts."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        sql = f"SELECT id, name FROM names WHERE kind=? AND id IN ({marks}) ORDER BY id, canonical DESC"
        out: dict[str, list[str]] = {}
        for rid, name in self.db.execute(sql, (kind, *wanted)):
            out.setdefault(rid, []).append(name)
        return out

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

    def meta(self, key: str) -> str | None:
        """A value the build recorded: `as_of` (the latest dated source), `data_version`."""
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row and row[0] else None

    def replaced(self) -> list[str]:
        row = self.db.execute("SELECT value FROM meta WHERE key='replaced'").fetchone()
        return list(json.loads(row[0])) if row else []

    def record_ids(self) -> list[str]:
        """Every record's id, of any kind (for "did you mean" on an unknown id)."""
        return [i for (i,) in self.db.execute("SELECT id FROM records")]

    def citation_counts(self) -> dict[str, int]:
        """source id -> how many facts cite it."""
        sql = "SELECT target, count(DISTINCT kind || id) FROM links WHERE rel='cites' GROUP BY target"
        return {target: n for target, n in self.db.execute(sql)}

    def sources_cited(self) -> int:
        """How many sources at least one fact cites."""
        return int(self.db.execute("SELECT count(DISTINCT target) FROM links WHERE rel='cites'").fetchone()[0])
