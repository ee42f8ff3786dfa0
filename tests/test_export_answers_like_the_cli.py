"""The SQLite export answers "who held POST on DAY?" as `kzfacts who POST --at DAY` does.

The `tenures` table carries each term as `who` reads it, and metadata.json's canned query
`who_held` turns it into the CLI's answer: the same holders, ambiguous on the same days. Here
the query runs with plain sqlite3 for every core post on the 15th of every 7th month, and for
every post on each day a tenure bound falls on (and the days either side), against the library's
`kzfacts.who`. metadata.json is keyed by the name Datasette gives the file, describes every table
and column, and Datasette serves the file with it."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import kzfacts
from kzfacts.index import open_store

from .conftest import kz

SHADOW = ("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")  # SQLite's own tables behind FTS5
BASES_FROM = {"stated", "earliest_evidence", "before_end", "predecessor_end", None}
BASES_TO = {"stated", "successor_start", "latest_evidence", "bounded_by", "post_ended", None}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("export")
    path = folder / "kzfacts.db"
    r = kz("export", "--format", "sqlite", "-o", str(path))
    assert r.code == 0, r
    return path, json.loads((folder / "metadata.json").read_text())


def who_held(db: sqlite3.Connection, sql: str, post: str, day: str) -> list[tuple[str, str, bool]]:
    rows = db.execute(sql, {"post": post, "at": day}).fetchall()
    assert all(r[0] == post for r in rows)
    return sorted((r[3], r[1], bool(r[4])) for r in rows)  # (term, person, ambiguous)


def who(post: str, day: str) -> list[tuple[str, str, bool]]:
    return sorted((i["term"], i["person"], i["ambiguous"]) for i in kzfacts.who(post, at=day) if i["post"] == post)


def every_7th_month(since: str, until: date = date(2026, 12, 31)) -> list[str]:
    y, m = int(since[:4]), int(since[5:7] or 1)
    days = []
    while date(y, m, 15) <= until:
        days.append(f"{y:04d}-{m:02d}-15")
        y, m = y + (m + 6) // 12, (m + 6) % 12 + 1
    return days


def test_who_held_lists_the_core_posts_holders_as_who_does(exported: tuple[Path, dict[str, Any]]) -> None:
    path, meta = exported
    sql = meta["databases"]["kzfacts"]["queries"]["who_held"]["sql"]
    db = sqlite3.connect(path)
    core = [p for p in open_store([]).all("post") if p.coverage_from]
    assert len(core) >= 9
    compared, answered, ambiguous, differ = 0, 0, 0, []
    for post in core:
        for day in every_7th_month(post.coverage_from):
            got, want = who_held(db, sql, post.id, day), who(post.id, day)
            compared += 1
            answered += bool(want)
            ambiguous += any(a for *_, a in want)
            if got != want:
                differ.append(f"{post.id} {day}: export {got}, who {want}")
    assert differ == []
    assert compared > 450 and answered > 400 and ambiguous > 20  # the sample holds every kind of answer


def test_who_held_agrees_on_the_days_each_bound_falls_on(exported: tuple[Path, dict[str, Any]]) -> None:
    """Every post, every day a term may or certainly begins or ends, and the days either side."""
    path, meta = exported
    sql = meta["databases"]["kzfacts"]["queries"]["who_held"]["sql"]
    db = sqlite3.connect(path)
    days: dict[str, set[date]] = {}
    for post, *bounds in db.execute("SELECT post, certain_from, certain_to, possible_from, possible_to FROM tenures"):
        for d in filter(None, bounds):
            day = date.fromisoformat(d)
            days.setdefault(post, set()).update({day - timedelta(days=1), day, day + timedelta(days=1)})
    differ = [
        f"{post} {day}: export {got}, who {want}"
        for post, sample in days.items() for day in map(str, sorted(sample))
        if (got := who_held(db, sql, post, day)) != (want := who(post, day))
    ]  # fmt: skip
    assert differ == []
    assert sum(map(len, days.values())) > 1000


def test_the_uk_ambassador_in_mid_2018_is_one_person(exported: tuple[Path, dict[str, Any]]) -> None:
    """Issue 21: reading `terms` naively gave several; who_held gives who's one, not ambiguous."""
    path, meta = exported
    db = sqlite3.connect(path)
    rows = db.execute(meta["databases"]["kzfacts"]["queries"]["who_held"]["sql"],
                      {"post": "uk-ambassador-kz", "at": "2018-06-15"}).fetchall()  # fmt: skip
    assert [(r[1], r[4]) for r in rows] == [(i["person"], 0) for i in kzfacts.who("uk-ambassador-kz", at="2018-06-15")]
    assert len(rows) == 1


def test_tenures_hold_one_row_per_term_with_named_bases(exported: tuple[Path, dict[str, Any]]) -> None:
    path, _ = exported
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    terms = {r["id"]: r for r in db.execute("SELECT * FROM terms")}
    rows = db.execute("SELECT * FROM tenures").fetchall()
    assert [r["term"] for r in rows] == list(terms)  # the terms table's order
    assert {r["from_basis"] for r in rows} <= BASES_FROM and {r["to_basis"] for r in rows} <= BASES_TO
    assert {"stated", "successor_start", "latest_evidence", "bounded_by"} <= {r["to_basis"] for r in rows}
    for r in rows:
        t = terms[r["term"]]
        assert (r["post"], r["person"], r["acting"]) == (t["post"], t["person"], t["acting"])
        if r["certain_from"] is not None:  # certain only where offered, and only with a known start
            assert r["possible_from"] <= r["certain_from"] <= r["certain_to"] <= (r["possible_to"] or "9999")
            assert r["from_basis"] == "stated"
        if r["to_basis"] == "bounded_by":
            assert r["bounded_by"] in terms and terms[r["bounded_by"]]["post"] == r["post"]
        if r["to_basis"] == "successor_start":
            assert t["end_derived_from"] is not None
    assert db.execute("PRAGMA foreign_key_check(tenures)").fetchall() == []


def test_csv_export_has_the_same_tenures(exported: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    path, _ = exported
    assert kz("export", "--format", "csv", "-o", str(tmp_path / "csv")).code == 0
    with (tmp_path / "csv" / "tenures.csv").open(newline="") as f:
        from_csv = list(csv.reader(f))
    db = sqlite3.connect(path)
    columns = [row[1] for row in db.execute("PRAGMA table_info(tenures)")]
    assert from_csv[0] == columns
    in_db = [["" if v is None else str(v) for v in row] for row in db.execute("SELECT * FROM tenures")]
    assert from_csv[1:] == in_db


def test_metadata_is_keyed_by_the_database_name_and_describes_every_table(
    exported: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    path, meta = exported
    assert list(meta["databases"]) == [path.stem] == ["kzfacts"]
    other = tmp_path / "facts-2026.sqlite"
    assert kz("export", "--format", "sqlite", "-o", str(other)).code == 0
    assert list(json.loads((tmp_path / "metadata.json").read_text())["databases"]) == ["facts-2026"]
    described = meta["databases"]["kzfacts"]["tables"]
    db = sqlite3.connect(path)
    tables = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert "tenures" in tables
    assert [t for t in tables if not described.get(t, {}).get("description")] == []
    undescribed = [
        f"{t}.{c}" for t in tables if not t.endswith(SHADOW)
        for (_, c, *_) in db.execute(f"PRAGMA table_info({t})") if c not in described[t].get("columns", {})
    ]  # fmt: skip
    assert undescribed == []
    for table, entry in described.items():
        for col in [*entry.get("facets", []), *entry.get("units", {})]:
            assert col in [row[1] for row in db.execute(f"PRAGMA table_info({table})")], (table, col)
    query = meta["databases"]["kzfacts"]["queries"]["who_held"]
    assert query["params"] == ["post", "at"] and ":post" in query["sql"] and ":at" in query["sql"]


def test_datasette_serves_tenures_and_who_held_with_the_metadata(exported: tuple[Path, dict[str, Any]]) -> None:
    pytest.importorskip("datasette", reason="datasette is not installed")
    from datasette.app import Datasette

    path, meta = exported
    ds = Datasette([str(path)], metadata=meta)

    async def get(url: str) -> Any:
        response = await ds.client.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        return response.json()

    async def fetch() -> tuple[Any, ...]:
        await ds.invoke_startup()
        tables = [await get(f"/kzfacts/{t}.json?_size=1") for t in meta["databases"]["kzfacts"]["tables"]
                  if not t.endswith(SHADOW)]  # fmt: skip
        tenures = await get("/kzfacts/tenures.json?_shape=array&_size=max")
        held = await get("/kzfacts/who_held.json?post=uk-ambassador-kz&at=2018-06-15&_shape=array")
        info = await get("/kzfacts/tenures.json?_extra=facet_results")
        return tables, tenures, held, info

    tables, tenures, held, info = asyncio.run(fetch())
    assert len(tables) >= 15
    assert len(tenures) == sqlite3.connect(path).execute("SELECT count(*) FROM terms").fetchone()[0]
    assert [(h["person"], h["ambiguous"]) for h in held] == [
        (i["person"], int(i["ambiguous"])) for i in kzfacts.who("uk-ambassador-kz", at="2018-06-15")
    ]
    facets = info.get("facet_results", {})
    facets = facets.get("results", facets)  # 0.65 returns the facets by name; 1.0 nests them under results
    assert "post" in facets and "to_basis" in facets
    table_meta = ds.table_metadata("kzfacts", "tenures")
    assert table_meta["description"].startswith("Each term as")


def test_the_docs_show_the_query_metadata_json_carries(exported: tuple[Path, dict[str, Any]]) -> None:
    _, meta = exported
    sql = meta["databases"]["kzfacts"]["queries"]["who_held"]["sql"]
    docs = Path(__file__).resolve().parent.parent / "docs"
    for name in ("export.md", "recipes.md"):
        assert f"```sql\n{sql}\n```" in (docs / name).read_text(encoding="utf-8"), name
