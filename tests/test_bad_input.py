"""A catalogue of bad input: each case ends in one clear line on stderr naming what is at fault
and a documented exit status (or in a correct answer), never a traceback or a guess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT, kz, write

Args = Callable[[Path], list[str]]


@dataclass
class Case:
    name: str
    args: Args
    code: int
    expect: str  # substring of the single stderr line (or of stdout when code == 0)


def plain(*args: str) -> Args:
    return lambda _: list(args)


def user_file(text: str | bytes, *command: str, name: str = "mine.yaml") -> Args:
    def build(tmp: Path) -> list[str]:
        path = tmp / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return ["--data", str(path), *(command or ("stats",))]

    return build


CITE = "citations: [{source: seed-001, quote: 'On 19 January 1992'}]"

CASES = [
    # unknown names, with suggestions
    Case("unknown command", plain("nosuch"), 2, "no command 'nosuch'"),
    Case("misspelt command", plain("tmeline"), 2, "did you mean 'timeline'?"),
    Case("unknown post", plain("who", "ambasador"), 2, "no post 'ambasador'; did you mean 'ambassador'"),
    Case("unknown person", plain("person", "Zzyzx Qwerty"), 2, "no person 'Zzyzx Qwerty'"),
    Case(
        "unknown topic", plain("timeline", "--topic", "diplomcy"), 2, "no topic 'diplomcy'; did you mean 'diplomacy'?"
    ),
    Case("unknown skip topic", plain("timeline", "--skip-topic", "domestik"), 2, "no topic 'domestik'"),
    Case("unknown country", plain("timeline", "--country", "atlantis"), 2, "no country 'atlantis'"),
    Case("unknown vote type", plain("elections", "--type", "presidental"), 2, "did you mean 'presidential'?"),
    Case("unknown indicator", plain("trade", "--indicator", "turnovr"), 2, "did you mean 'turnover'"),
    Case("unknown source", plain("source", "seed-01"), 2, "no source 'seed-01'"),
    Case("unknown vote id", plain("elections", "kz-presidential-2020"), 2, "no vote 'kz-presidential-2020'"),
    Case("unknown option", plain("timeline", "--jsn"), 2, "No such option: --jsn"),
    Case("missing argument", plain("who"), 2, "Missing argument"),
    # dates
    Case("month 13", plain("who", "president", "--at", "2018-13"), 2, "--at '2018-13': month 13 does not exist"),
    Case("30 February", plain("who", "president", "--at", "2018-02-30"), 2, "day 30 does not exist in 2018-02"),
    Case("two-digit year", plain("timeline", "--from", "18"), 2, "--from '18' is not YYYY"),
    Case("slash date", plain("timeline", "--to", "2018/06"), 2, "--to '2018/06' is not YYYY"),
    Case("one-digit month", plain("who", "president", "--at", "2018-6"), 2, "--at '2018-6' is not YYYY"),
    Case("from after to", plain("timeline", "--from", "2020", "--to", "2010"), 2, "--from 2020 is after --to 2010"),
    Case("year too early", plain("who", "president", "--at", "0999"), 2, "year out of range"),
    Case("year too late", plain("timeline", "--from", "3000"), 2, "year out of range"),
    Case("five-digit year", plain("timeline", "--from", "20180"), 2, "--from '20180' is not YYYY"),
    Case("year option not a number", plain("trade", "--year", "abc"), 2, "Invalid value for '--year'"),
    Case("year option out of range", plain("elections", "--year", "99999"), 2, "--year '99999'"),
    # empty, whitespace, long, control characters, undecodable bytes
    Case("empty date", plain("timeline", "--from", ""), 2, "--from: empty value"),
    Case("empty post", plain("who", ""), 2, "POST: empty value"),
    Case("whitespace post", plain("who", "   "), 2, "POST: empty value"),
    Case("empty person", plain("person", ""), 2, "NAME: empty value"),
    Case("whitespace search", plain("search", " \t "), 2, "TEXT: empty value"),
    Case("punctuation-only search", plain("search", "!!!"), 2, "has no words to search for"),
    Case("very long post", plain("who", "x" * 10_000), 2, "POST: value is 10000 characters long"),
    Case("very long name", plain("person", "y" * 10_000), 2, "NAME: value is 10000 characters long"),
    Case("very long search", plain("search", "z" * 10_000), 2, "TEXT: value is 10000 characters long"),
    Case("very long date", plain("timeline", "--from", "2" * 10_000), 2, "--from: value is 10000 characters long"),
    Case("control character", plain("who", "pres\x01ident"), 2, "POST: value contains control characters"),
    Case("escape sequence", plain("person", "\x1b[31mred"), 2, "NAME: value contains control characters"),
    Case("undecodable bytes", plain("person", "Tok\udcffayev"), 2, "NAME: value contains control characters"),
    # inputs that must simply work
    Case("Cyrillic name", plain("person", "кошербаев"), 0, "Kosherbayev"),
    Case("Cyrillic post", plain("who", "президент", "--at", "2020"), 0, "Tokayev"),
    Case("accented post", plain("who", "PRÉSIDENT", "--at", "2020"), 0, "Tokayev"),
    # option combinations rejected before any work
    Case("two formats", plain("timeline", "--json", "--csv"), 2, "choose one output format, not --json and --csv"),
    Case("chart with json", plain("trade", "--chart", "--json"), 2, "--chart draws in the terminal"),
    Case("chart without vote", plain("elections", "--chart"), 2, "--chart needs --year or a vote id"),
    Case("history with at", plain("who", "president", "--history", "--at", "2018"), 2, "--history shows every holder"),
    Case(
        "unknown field",
        plain("timeline", "--json", "--fields", "nope"),
        2,
        "--fields: unknown field 'nope'; valid fields:",
    ),
    Case("empty fields", plain("timeline", "--json", "--fields", " , "), 2, "--fields: give at least one field name"),
    Case("limit zero", plain("search", "expo", "--limit", "0"), 2, "Invalid value for '--limit'"),
    Case("export unknown format", plain("export", "--format", "xml"), 2, "--format: unknown format 'xml'"),
    Case("export sqlite without -o", plain("export", "--format", "sqlite"), 2, "--format sqlite needs -o PATH"),
    Case(
        "export into missing folder",
        lambda t: ["export", "--format", "sqlite", "-o", str(t / "no" / "x.db")],
        2,
        "does not exist",
    ),
    Case(
        "export csv onto a file",
        lambda t: ["export", "--format", "csv", "-o", str(write(t, "f.txt", "x"))],
        2,
        "is a file; give a folder",
    ),
    # user data files
    Case(
        "data path missing",
        plain("--data", "/nonexistent/mine.yaml", "stats"),
        2,
        "--data /nonexistent/mine.yaml: no such file",
    ),
    Case("data path empty", plain("--data", "", "stats"), 2, "--data: empty path"),
    Case("empty YAML", user_file(""), 2, "mine.yaml: empty file"),
    Case("list instead of mapping", user_file("- a\n- b\n"), 2, "mine.yaml:1: expected a mapping of kinds"),
    Case("tabs", user_file("events:\n\t- id: x\n"), 2, "mine.yaml:2: invalid YAML"),
    Case(
        "bad indentation",
        user_file("events:\n  - id: x\n    date: '2018'\n   title: t\n"),
        2,
        "mine.yaml:4: invalid YAML",
    ),
    Case(
        "duplicate keys",
        user_file(f"events:\n  - id: x\n    id: y\n    date: '2018'\n    title: t\n    {CITE}\n"),
        2,
        "mine.yaml:3: duplicate key 'id'",
    ),
    Case(
        "duplicate id",
        user_file(
            f"events:\n  - {{id: x, date: '2018', title: t, {CITE}}}\n  - {{id: x, date: '2019', title: u, {CITE}}}\n"
        ),
        2,
        "mine.yaml:3: duplicate event id 'x'",
    ),
    Case("unknown kind", user_file("gossip:\n  - id: x\n"), 2, "mine.yaml:1: unknown kind 'gossip'"),
    Case(
        "citation without quote",
        user_file("events:\n  - id: x\n    date: '2018'\n    title: t\n    citations:\n      - source: seed-001\n"),
        2,
        "mine.yaml:6: citation of 'seed-001' has no quote",
    ),
    Case(
        "date of the wrong type",
        user_file(f"events:\n  - id: x\n    date: true\n    title: t\n    {CITE}\n"),
        2,
        "mine.yaml:3: 'date' must be a date",
    ),
    Case(
        "date as a YAML date",
        user_file(f"events:\n  - id: x\n    date: 2018-13-01\n    title: t\n    {CITE}\n"),
        2,
        "mine.yaml:3: date '2018-13-01': month 13",
    ),
    Case("records not a list", user_file("events: {id: x}\n"), 2, "mine.yaml:1: 'events' must be a list"),
    Case(
        "unknown field",
        user_file(f"events:\n  - id: x\n    date: '2018'\n    titel: t\n    title: t\n    {CITE}\n"),
        2,
        "mine.yaml:4: unknown field 'titel'",
    ),
    Case("python tag", user_file("events: !!python/object:os.system [ls]\n"), 2, "mine.yaml:1: unsupported YAML tag"),
    Case("not UTF-8", user_file(b"events:\n  - id: caf\xe9\n"), 2, "mine.yaml:2: not UTF-8 text"),
    Case("file over the size limit", user_file(b"# " + b"x" * (17 * 2**20) + b"\n"), 2, "the limit is 16 MiB"),
    Case(
        "folder of YAML files",
        lambda t: ["--data", str(write(t, "sub.yaml", "") and t), "stats"],
        2,
        "sub.yaml: empty file",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    r = kz(*case.args(tmp_path))
    assert r.code == case.code, r
    assert "Traceback" not in r.err + r.out
    if case.code == 0:
        assert case.expect in r.out, r
        return
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("kzfacts: error: ")
    assert case.expect in lines[0], r.err
    assert r.out == ""


def test_quote_not_in_its_source_fails_check(tmp_path: Path) -> None:
    src = tmp_path / "texts"
    src.mkdir()
    (src / "note.txt").write_text("title: notes\n---\nThe embassy opened in 1996.\n", encoding="utf-8")
    mine = write(
        tmp_path, "mine.yaml",
        "sources:\n  - {id: note, file: note.txt}\n"
        "events:\n  - id: x\n    date: '1996'\n    title: t\n"
        "    citations: [{source: note, quote: 'The embassy opened in 1997.'}]\n",
    )  # fmt: skip
    r = kz("--data", str(mine), "check", "--sources", str(src))
    assert r.code == 2
    assert f"{mine}:4: event 'x': quote not found in note" in r.out


def test_unreadable_user_file(tmp_path: Path) -> None:
    mine = write(tmp_path, "mine.yaml", "events: []\n")
    mine.chmod(0)
    try:
        if os.access(mine, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        r = kz("--data", str(mine), "stats")
        assert r.code == 2 and "mine.yaml: cannot read" in r.err
    finally:
        mine.chmod(0o600)


def test_export_to_a_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from kzfacts import safewrite

    def full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safewrite.os, "fsync", full)
    target = tmp_path / "all.json"
    r = kz("export", "-o", str(target))
    assert r.code == 2 and "No space left on device" in r.err and len(r.err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_read_only_cache_file_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZFACTS_CACHE", str(tmp_path))
    assert kz("stats").code == 0
    for f in tmp_path.glob("index-*.sqlite"):
        f.chmod(0o444)
    r = kz("who", "president", "--json")
    assert r.code == 0 and r.json()[0]["post"] == "kz-president"


def test_closed_stdout_ends_quietly() -> None:
    env = {**os.environ, "KZFACTS_CACHE": os.environ["KZFACTS_CACHE"]}
    proc = subprocess.run(
        f"'{sys.executable}' -m kzfacts timeline --json | head -c 100",
        shell=True, capture_output=True, text=True, cwd=ROOT, env=env, check=False,
    )  # fmt: skip
    assert len(proc.stdout) == 100
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


def test_internal_error_is_one_line_with_status_1(monkeypatch: pytest.MonkeyPatch) -> None:
    from kzfacts import query

    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(query, "stats", broken)
    r = kz("stats")
    assert r.code == 1
    assert r.err.strip() == (
        "kzfacts: error: internal error: ZeroDivisionError: boom (please report it; set KZFACTS_DEBUG=1 for the traceback)"
    )


def test_catalogue_has_at_least_fifty_cases() -> None:
    assert len(CASES) >= 50
