"""Export: the JSON contract, and a normalised SQLite database that Datasette can serve."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kzfacts import model
from kzfacts.load import load

from .conftest import kz


def test_json_export_holds_every_record_with_kind_id_and_citations() -> None:
    r = kz("export")
    assert r.code == 0
    doc = r.json()
    base = load()
    assert len(doc["sources"]) == base.counts()["sources"]
    kinds = {rec["kind"] for rec in doc["records"]}
    assert kinds == {"post", "person", "term", "event", "trade", "vote"}
    events = [rec for rec in doc["records"] if rec["kind"] == "event"]
    assert len(events) == base.counts()["events"]
    assert all(rec["id"] and rec["citations"] for rec in doc["records"] if rec["kind"] != "post")
    first = next(e for e in events if e["id"] == "diplomatic-relations-established-1992")
    assert first["date"][0]["value"] == "1992-01-19"


def test_json_export_is_streamed_yet_byte_for_byte_what_json_dumps_gives(tmp_path: Path) -> None:
    """The export writes record by record (a big overlay never holds the whole text); the
    file is exactly the one-shot document, and every record's dict is the library's own."""
    from kzfacts import export

    r = kz("export", "-o", str(tmp_path / "kz.json"))
    assert r.code == 0
    text = (tmp_path / "kz.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    assert text == json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    assert kz("export").out == text  # stdout: the same bytes
    base = load()
    eager = {"kzfacts": doc["kzfacts"], "sources": [s.to_dict() for s in base.of("sources")],
             "records": [r.to_dict() for k in ("posts", "people", "terms", "events", "trade", "votes")
                         for r in base.of(k)]}  # fmt: skip
    assert doc == eager
    lazy = export.as_json(base)
    assert len(lazy["records"]) == len(eager["records"]) and list(lazy["records"]) == eager["records"]


def test_sqlite_export_has_foreign_keys_and_matching_counts(tmp_path: Path) -> None:
    target = tmp_path / "kz.db"
    r = kz("export", "--format", "sqlite", "-o", str(target))
    assert r.code == 0, r
    base = load()
    db = sqlite3.connect(target)
    db.execute("PRAGMA foreign_keys=ON")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for table, kind in (("events", "events"), ("people", "people"), ("terms", "terms"), ("votes", "votes"),
                        ("trade", "trade"), ("sources", "sources"), ("posts", "posts")):  # fmt: skip
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == base.counts()[kind], table
    quotes = sum(
        len(r.all_citations()) for k in ("posts", "people", "terms", "events", "trade", "votes") for r in base.of(k)
    )
    assert db.execute("SELECT count(*) FROM citations").fetchone()[0] == quotes
    hit = db.execute("SELECT count(*) FROM citations_fts WHERE citations_fts MATCH 'diplomatic'").fetchone()[0]
    assert hit > 0
    meta = json.loads((tmp_path / "metadata.json").read_text())
    assert meta["title"] and meta["license"]


def test_csv_export_writes_one_file_per_table(tmp_path: Path) -> None:
    r = kz("export", "--format", "csv", "-o", str(tmp_path / "csv"))
    assert r.code == 0
    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert "events.csv" in names and "vote_results.csv" in names and "citations.csv" in names
    header = (tmp_path / "csv" / "terms.csv").read_text().splitlines()[0]
    assert header.startswith("id,post,person,start,start_precision,start_disputed,end,")
    votes = (tmp_path / "csv" / "votes.csv").read_text().splitlines()
    assert "turnout_disputed" in votes[0].split(",")


def test_sqlite_export_types_every_number_and_keeps_disputes_as_claims(tmp_path: Path) -> None:
    target = tmp_path / "kz.db"
    assert kz("export", "--format", "sqlite", "-o", str(target)).code == 0
    db = sqlite3.connect(target)
    avg = db.execute("SELECT avg(turnout) FROM votes WHERE turnout IS NOT NULL").fetchone()[0]
    assert isinstance(avg, float) and 40 < avg < 100
    numeric = {
        "votes": ("turnout", "registered", "cast", "seats", "candidates", "ballots_issued"),
        "vote_results": ("votes", "share", "seats", "list_seats", "district_seats"),
        "trade": ("value", "growth_pct"),
        "people": ("birth_year",),
    }
    for table, cols in numeric.items():
        for col in cols:
            kinds = {t for (t,) in db.execute(f'SELECT DISTINCT typeof("{col}") FROM {table}')}
            assert kinds <= {"integer", "real", "null"}, (table, col, kinds)
    # A disputed field is NULL with its flag set, and each claim is a row of `claims`.
    base = load()
    disputed = [v for v in base.of("votes") if model.disputed(v.turnout)]
    assert disputed
    vid = disputed[0].id
    row = db.execute("SELECT turnout, turnout_disputed FROM votes WHERE id=?", (vid,)).fetchone()
    assert row == (None, 1)
    claimed = {v for (v,) in db.execute("SELECT value FROM claims WHERE record=? AND field='turnout'", (vid,))}
    assert claimed == {c.value for c in disputed[0].turnout}


def test_datasette_search_returns_only_matching_rows(tmp_path: Path) -> None:
    pytest.importorskip("datasette", reason="datasette is not installed")
    target = tmp_path / "kz.db"
    assert kz("export", "--format", "sqlite", "-o", str(target)).code == 0
    exe = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
    out = subprocess.run(
        [exe, str(target), "--get", "/kz/events.json?_search=Expo&_shape=array&_size=max"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    rows = json.loads(out)
    total = sqlite3.connect(target).execute("SELECT count(*) FROM events").fetchone()[0]
    assert 0 < len(rows) < total
    assert all("expo" in (r["title"] + (r["summary"] or "") + (r["aliases"] or "")).lower() for r in rows)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_datasette_serves_the_export(tmp_path: Path) -> None:
    pytest.importorskip("datasette", reason="datasette is not installed (pip install datasette to run this check)")
    target = tmp_path / "kz.db"
    assert kz("export", "--format", "sqlite", "-o", str(target)).code == 0
    port = _free_port()
    exe = shutil.which("datasette") or sys.executable
    cmd = [exe, "serve"] if exe != sys.executable else [exe, "-m", "datasette", "serve"]
    proc = subprocess.Popen([*cmd, str(target), "-m", str(tmp_path / "metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/kz/events.json?_shape=array&_size=5"
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    rows = json.load(resp)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("datasette did not answer on the loopback port")
        assert rows and "title" in rows[0]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
