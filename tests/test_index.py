"""The index cache: rebuilt when an input changes, recovered when corrupt, bypassed when the
cache folder cannot be written, and never changing an answer."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kzfacts import index, query

from .conftest import FIXTURES, kz, write


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KZFACTS_CACHE", str(folder))
    return folder


def test_first_query_builds_an_index_and_the_second_reuses_it(cache: Path) -> None:
    first = index.open_store()
    assert first.rebuilt and first.path is not None and first.path.parent == cache
    second = index.open_store()
    assert not second.rebuilt and second.path == first.path


def test_changed_input_file_rebuilds(cache: Path, tmp_path: Path) -> None:
    mine = write(tmp_path, "mine.yaml", (FIXTURES / "good.yaml").read_text())
    before = index.open_store([str(mine)])
    assert [e["id"] for e in query.timeline(before, topics=["fixture-topic"]).items] == ["fixture-relations-1992"]
    text = mine.read_text().replace("Fixture event about diplomatic relations", "Renamed fixture event")
    mine.write_text(text)
    os.utime(mine, ns=(mine.stat().st_atime_ns, mine.stat().st_mtime_ns + 10**9))
    after = index.open_store([str(mine)])
    assert after.rebuilt and after.path != before.path
    assert query.timeline(after, topics=["fixture-topic"]).items[0]["title"] == "Renamed fixture event"


@pytest.mark.parametrize("damage", ["truncate", "zero", "garbage", "other-schema"])
def test_corrupt_cache_file_is_recovered(cache: Path, damage: str) -> None:
    path = index.open_store().path
    assert path is not None
    if damage == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif damage == "zero":
        path.write_bytes(b"")
    elif damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    else:
        import sqlite3

        db = sqlite3.connect(path)
        db.execute("UPDATE meta SET value='0' WHERE key='schema'")
        db.commit()
        db.close()
    r = kz("who", "president", "--json")
    assert r.code == 0 and r.err == ""
    assert r.json()[0]["post"] == "kz-president"


def test_unwritable_cache_falls_back_to_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = write(tmp_path, "file-not-folder", "x")
    monkeypatch.setenv("KZFACTS_CACHE", str(blocker / "cache"))
    store = index.open_store()
    assert store.path is None and store.rebuilt
    r = kz("who", "president", "--json")
    assert r.code == 0 and r.json()


def test_read_only_cache_folder_still_answers(cache: Path) -> None:
    cache.mkdir(parents=True)
    cache.chmod(0o500)
    try:
        if os.access(cache, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        r = kz("timeline", "--json")
        assert r.code == 0 and len(r.json()) > 0
    finally:
        cache.chmod(0o700)


def test_results_identical_with_and_without_cache(cache: Path) -> None:
    from kzfacts.load import load

    cached = index.open_store()
    memory = index.Store(index.build(load(), ":memory:"))
    questions = [
        lambda s: query.timeline(s, "2015", "2017"),
        lambda s: query.who(s, "ambassador", "2018-06"),
        lambda s: query.who(s, "president"),
        lambda s: query.person(s, "Idrisov"),
        lambda s: query.trade(s),
        lambda s: query.elections(s, year=2022),
        lambda s: query.search(s, "Expo"),
        lambda s: query.stats(s),
    ]
    for ask in questions:
        assert json.dumps(ask(cached).items) == json.dumps(ask(memory).items)


def test_cache_info_and_clear(cache: Path) -> None:
    kz("stats")
    info = kz("cache", "info")
    assert info.code == 0 and str(cache) in info.out and "index-" in info.out
    cleared = kz("cache", "clear")
    assert cleared.code == 0 and "removed 1 index file" in cleared.out
    assert not list(cache.glob("index-*.sqlite"))


def test_machine_formats_import_neither_rich_nor_yaml_when_warm(cache: Path) -> None:
    """The lean path: a warm --json query never pays for Rich or PyYAML."""
    import subprocess
    import sys

    from .conftest import ROOT

    code = (
        "import sys\nfrom kzfacts.cli import main\nsys.argv = ['kzfacts', 'who', 'president', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(m for m in ('rich', 'yaml') if m in sys.modules))\n"
    )
    env = {**os.environ, "KZFACTS_CACHE": str(cache)}
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert warm.stderr == "", f"imported on the warm JSON path: {warm.stderr}"
    assert json.loads(warm.stdout)[0]["post"] == "kz-president"


def test_background_index_step_failure_is_raised_not_lost(tmp_path: Path) -> None:
    """The FTS and link indexes are built in a thread; its error must reach the build, or a
    half-built index would be renamed into the cache."""
    import sqlite3

    db = sqlite3.connect(str(tmp_path / "x.sqlite"), check_same_thread=False)
    ran = []
    broken = index._in_background(db, "CREATE INDEX broken ON missing(x);")
    with pytest.raises(sqlite3.OperationalError, match="no such table"), broken:
        ran.append("body")
    assert ran == ["body"]


@pytest.mark.parametrize("enabled", [True, False])
def test_load_and_build_leave_the_garbage_collector_as_they_found_it(enabled: bool) -> None:
    import gc

    from kzfacts.load import load

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        index.build(load(), ":memory:").close()
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_search_index_lists_every_record_but_posts(cache: Path) -> None:
    """The FTS table reads its text from `search_text` (external content): every record but
    posts is there, and the full-text index agrees with it (FTS5's own integrity check)."""
    store = index.open_store()
    db = store.db
    kinds = dict(db.execute("SELECT kind, count(*) FROM search_text GROUP BY kind").fetchall())
    records = dict(db.execute("SELECT kind, count(*) FROM records WHERE kind != 'post' GROUP BY kind").fetchall())
    assert kinds == records
    import sqlite3

    writable = sqlite3.connect(str(store.path))
    writable.execute("INSERT INTO fts(fts, rank) VALUES ('integrity-check', 1)")
    writable.close()


def test_record_bodies_are_the_documented_compact_json() -> None:
    """The index encodes bodies with one reused C encoder; every packaged record must come out
    byte for byte as `json.dumps` writes it, and read back as the same record."""
    from kzfacts import model
    from kzfacts.load import load

    encode = index.body_encoder()
    records = [r for table in load().records.values() for r in table.values()]
    assert len(records) > 1000
    for record in records:
        expected = json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))
        assert encode(record.to_dict()) == expected
        assert model.from_dict(json.loads(expected)) == record
