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
    env: Callable[[Path], dict[str, str]] | None = None


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
JCITE = '"citations": [{"source": "seed-001", "quote": "On 19 January 1992"}]'


def trade(value: str) -> str:
    """A valid trade figure whose `value` (line 5) is the case."""
    return f"trade:\n  - id: t\n    indicator: turnover\n    period: '2018'\n    value: {value}\n    {CITE}\n"


def vote(field: str, value: str) -> str:
    """A valid vote with one extra field (line 5)."""
    return f"votes:\n  - id: v\n    type: referendum\n    date: '2018'\n    {field}: {value}\n    {CITE}\n"


def event(field: str, value: str) -> str:
    """A valid event whose `field` (line 4) is the case (YAML double-quoted escapes work)."""
    fields = {"title": '"t"', "summary": '"s"'}
    fields[field] = value
    body = "".join(f"    {k}: {v}\n" for k, v in fields.items())
    return f"events:\n  - id: x\n    date: '2018'\n{body}    {CITE}\n"


def json_trade(value: str) -> str:
    """The JSON twin of `trade`, the value on line 3."""
    return f'{{"trade": [{{"id": "t", "indicator": "turnover", "period": "2018",\n  {JCITE},\n  "value": {value}}}]}}\n'


def json_file(text: str, *command: str) -> Args:
    return user_file(text, *command, name="mine.json")


def made(build: Callable[[Path], Path], *command: str, option: str = "--data") -> Args:
    """A special file (FIFO, symlink, folder...) made in the case's temp folder, then the command."""

    def args(tmp: Path) -> list[str]:
        path = build(tmp)
        if option == "-o":
            return [*command, "-o", str(path)]
        return [option, str(path), *(command or ("stats",))]

    return args


def fifo(name: str = "pipe.yaml") -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        os.mkfifo(tmp / name)
        return tmp / name

    return build


def symlink(to: str, name: str = "link") -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        target = Path(to) if to.startswith("/") else tmp / to
        if not to.startswith("/"):
            target.mkdir(exist_ok=True) if to.endswith("/") else target.write_text("old\n")
        (tmp / name).symlink_to(target)
        return tmp / name

    return build


def folder(*names: str, special: Callable[[Path], Path] | None = None) -> Callable[[Path], Path]:
    """A folder holding empty files `names` (and perhaps a special file)."""

    def build(tmp: Path) -> Path:
        d = tmp / "d"
        d.mkdir()
        for n in names:
            (d / n).write_text("x\n")
        if special is not None:
            special(d)
        return d

    return build


def existing(path: str) -> Callable[[Path], Path]:
    return lambda _: Path(path)


def env_data(build: Callable[[Path], Path]) -> Callable[[Path], dict[str, str]]:
    return lambda tmp: {"KZFACTS_DATA": str(build(tmp))}


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


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


# -- YAML 1.2 core schema and finite numbers: one reader policy (issue 15) -----------------------
POLICY = [
    Case("YAML .nan", user_file(trade(".nan")), 2, "mine.yaml:5: .nan is not a finite number"),
    Case("YAML .NaN", user_file(trade(".NaN")), 2, "mine.yaml:5: .NaN is not a finite number"),
    Case("YAML .inf", user_file(trade(".inf")), 2, "mine.yaml:5: .inf is not a finite number"),
    Case("YAML -.Inf", user_file(trade("-.Inf")), 2, "mine.yaml:5: -.Inf is not a finite number"),
    Case("YAML 1e400", user_file(trade("1e400")), 2, "mine.yaml:5: 1e400 is too large to be a finite number"),
    Case("YAML 5000-digit integer", user_file(trade("9" * 5000)), 2, "mine.yaml:5: integer 999999999999... has 5000"),
    Case("YAML 2**63", user_file(vote("cast", str(2**63))), 2, "mine.yaml:5: integer 922337203685... is too large"),
    Case("float beyond 64-bit int", user_file(vote("cast", "1e300")), 2, "mine.yaml:5: 'cast' is too large"),
    Case("quoted number with comma", user_file(trade("'1,2'")), 2, "mine.yaml:5: 'value' must be a number, not '1,2'"),
    Case("quoted number", user_file(trade("'12'")), 2, "mine.yaml:5: 'value' must be a number, not '12'"),
    Case("sexagesimal is text", user_file(trade("12:30")), 2, "mine.yaml:5: 'value' must be a number, not '12:30'"),
    Case("underscores are text", user_file(trade("1_000")), 2, "must be a number, not '1_000'"),
    Case("quoted NaN", user_file(trade("'NaN'")), 2, "mine.yaml:5: 'value' must be a number, not 'NaN'"),
    Case("number is not yes", user_file(trade("yes")), 2, "'value' must be a number, not 'yes'"),
    Case("list as a number", user_file(trade("[1, 2]")), 2, "mine.yaml:5: 'value' must be a value or a list of"),
    Case(
        "leading zero is decimal",
        user_file(trade("012"), "trade", "--year", "2018", "--csv", "--fields", "id,value"),
        0,
        "t,12",
    ),
    Case("0x is hex", user_file(trade("0x1F"), "trade", "--year", "2018", "--csv", "--fields", "id,value"), 0, "t,31"),
    Case(
        "0o is octal", user_file(trade("0o17"), "trade", "--year", "2018", "--csv", "--fields", "id,value"), 0, "t,15"
    ),
    Case(
        "no is text, not false",
        lambda t: [*user_file(event("title", "no"))(t)[:2], "search", "no", "--csv", "--fields", "id,title"],
        0,
        "x,no",
    ),
    Case(
        "country no is Norway",
        lambda t: [
            *user_file(event("countries", "[no]"))(t)[:2],
            "timeline",
            "--country",
            "no",
            "--csv",
            "--fields",
            "id",
        ],
        0,
        "x",
    ),
    Case(
        "yes is not true",
        user_file("posts:\n  - id: p\n    label: P\n    single_holder: yes\n"),
        2,
        "mine.yaml:4: 'single_holder' must be true or false",
    ),
    Case("on is not true", user_file(vote("indirect", "on")), 2, "mine.yaml:5: 'indirect' must be true or false"),
    Case("whole number expected", user_file(vote("cast", "12.5")), 2, "mine.yaml:5: 'cast' must be a whole number"),
    Case(
        "quoted birth year",
        user_file(f"people:\n  - id: p\n    name: P\n    birth_year: '1953'\n    {CITE}\n"),
        2,
        "mine.yaml:4: 'birth_year' must be a number, not '1953'",
    ),
    Case(
        "NaN in a claim",
        user_file(vote("turnout", f"\n      - value: .nan\n        {CITE}")),
        2,
        "mine.yaml:6: .nan is not a finite number",
    ),
    Case("explicit !!int not an integer", user_file(trade("!!int x")), 2, "mine.yaml:5: 'x' is not an integer"),
    Case("explicit !!float not a number", user_file(trade("!!float abc")), 2, "mine.yaml:5: 'abc' is not a number"),
    Case(
        "explicit !!bool yes", user_file(vote("indirect", "!!bool yes")), 2, "mine.yaml:5: 'yes' is not true or false"
    ),
    Case("explicit !!null", user_file(trade("!!null x")), 2, "mine.yaml:5: 'x' is not null"),
    Case("explicit !!binary", user_file(trade("!!binary AAAA")), 2, "mine.yaml:5: unsupported YAML tag"),
    Case("explicit !!set", user_file("events: !!set {a}\n"), 2, "mine.yaml:1: unsupported YAML tag"),
    Case("deep YAML nesting", user_file(event("title", deep(40))), 2, "nested deeper than 32 levels"),
    Case("very deep YAML nesting", user_file(event("title", deep(2000))), 2, "mine.yaml:4: invalid YAML"),
    Case(
        "merge key is a plain key",
        user_file(f"events:\n  - id: x\n    date: '2018'\n    title: t\n    <<: {{}}\n    {CITE}\n"),
        2,
        "mine.yaml:5: merge keys (<<) are not supported",
    ),
    Case(
        "duplicate key in a citation",
        user_file(
            "events:\n  - id: x\n    date: '2018'\n    title: t\n    citations:\n"
            "      - {source: seed-001, quote: a, quote: b}\n"
        ),
        2,
        "mine.yaml:6: duplicate key 'quote'",
    ),
    Case("second events list in YAML", user_file("events: []\nevents: []\n"), 2, "mine.yaml:2: duplicate key 'events'"),
    # control characters and surrogates in text
    Case(
        "ESC in a title",
        user_file(event("title", '"a\\e[31mb"')),
        2,
        "mine.yaml:4: 'title' contains a control character (U+001B)",
    ),
    Case("NUL in a title", user_file(event("title", '"a\\0b"')), 2, "'title' contains a control character (U+0000)"),
    Case("BEL in a summary", user_file(event("summary", '"a\\ab"')), 2, "mine.yaml:5: 'summary' contains a control"),
    Case(
        "DEL in a summary",
        user_file(event("summary", '"a\\x7fb"')),
        2,
        "'summary' contains a control character (U+007F)",
    ),
    Case("C1 control in a title", user_file(event("title", '"a\\x9bb"')), 2, "contains a control character (U+009B)"),
    Case("ESC in an alias", user_file(event("aliases", '["a\\eb"]')), 2, "mine.yaml:6: items of 'aliases' contains a"),
    Case(
        "ESC in a quote",
        user_file(
            "events:\n  - id: x\n    date: '2018'\n    title: t\n    citations:\n"
            '      - {source: seed-001, quote: "On 19\\e January 1992"}\n'
        ),
        2,
        "mine.yaml:6: 'quote' contains a control character (U+001B)",
    ),
    Case(
        "ESC in an id",
        user_file(event("title", '"t"').replace("id: x", 'id: "x\\e"')),
        2,
        "mine.yaml:2: 'id' contains a control character",
    ),
    Case(
        "ESC in a source file",
        user_file('sources:\n  - {id: s, file: "a\\eb.txt"}\n'),
        2,
        "mine.yaml:2: 'file' contains a control character",
    ),
    Case("lone surrogate escape in YAML", user_file(event("title", '"\\ud800"')), 2, "mine.yaml:4: invalid YAML"),
    Case(
        "tab and newline are fine in a summary",
        lambda t: [*user_file(event("summary", '"a\\tb\\nc"'))(t)[:2], "stats", "--json"],
        0,
        '"events"',
    ),
    # JSON overlays: the same policy, with lines
    Case("JSON NaN", json_file(json_trade("NaN")), 2, "mine.json:3: NaN is not a finite number"),
    Case("JSON Infinity", json_file(json_trade("Infinity")), 2, "mine.json:3: Infinity is not a finite number"),
    Case("JSON -Infinity", json_file(json_trade("-Infinity")), 2, "mine.json:3: -Infinity is not a finite number"),
    Case("JSON 1e400", json_file(json_trade("1e400")), 2, "mine.json:3: 1e400 is too large to be a finite number"),
    Case("JSON 5000-digit integer", json_file(json_trade("9" * 5000)), 2, "mine.json:3: integer 999999999999... has"),
    Case(
        "JSON 30-digit integer", json_file(json_trade("1" * 30)), 2, "mine.json:3: integer 111111111111... is too large"
    ),
    Case(
        "JSON text as a number", json_file(json_trade('"1,2"')), 2, "mine.json:3: 'value' must be a number, not '1,2'"
    ),
    Case(
        "JSON duplicate key",
        json_file('{"events": [{"id": "x",\n "id": "y"}]}\n'),
        2,
        "mine.json:2: duplicate key 'id'",
    ),
    Case(
        "JSON second events list",
        json_file('{"events": [],\n "events": []}\n'),
        2,
        "mine.json:2: duplicate key 'events'",
    ),
    Case(
        "JSON nested 2000 deep",
        json_file('{"events": ' + deep(2000) + "}"),
        2,
        "mine.json: nested deeper than 32 levels",
    ),
    Case(
        "JSON nested 50 deep", json_file('{"events": ' + deep(50) + "}"), 2, "mine.json:1: nested deeper than 32 levels"
    ),
    Case(
        "JSON lone surrogate",
        json_file('{"events": [{"id": "x", "date": "2018", "title": "\\ud800", ' + JCITE + "}]}"),
        2,
        "'title' contains a lone surrogate (U+D800)",
    ),
    Case(
        "JSON NUL in a title",
        json_file('{"events": [{"id": "x", "date": "2018",\n"title": "a\\u0000b", ' + JCITE + "}]}"),
        2,
        "mine.json:2: 'title' contains a control character (U+0000)",
    ),
    Case("JSON syntax error", json_file('{"events": [,]}\n'), 2, "mine.json:1: invalid JSON"),
    Case("JSON empty file", json_file(""), 2, "mine.json:1: invalid JSON"),
    Case("JSON top-level list", json_file("[1, 2]\n"), 2, "mine.json:1: expected a mapping of kinds"),
    Case("JSON records not a list", json_file('{"events": {}}\n'), 2, "mine.json:1: 'events' must be a list"),
    Case("JSON boolean as a number", json_file(json_trade("true")), 2, "mine.json:3: 'value' must be a number"),
]

# -- special files and folders as input ------------------------------------------------------------
SPECIAL = [
    Case("FIFO as --data", made(fifo()), 2, "pipe.yaml: is a FIFO, not a regular file"),
    Case("/dev/zero as --data", plain("--data", "/dev/zero", "stats"), 2, "--data /dev/zero: is a character device"),
    Case("/dev/null as --data", plain("--data", "/dev/null", "stats"), 2, "--data /dev/null: is a character device"),
    Case("symlink to /dev/zero", made(symlink("/dev/zero", "z.yaml")), 2, "z.yaml: is a character device"),
    Case("FIFO inside a data folder", made(folder("a.yaml", special=fifo("p.yaml"))), 2, "p.yaml: is a FIFO"),
    Case(
        "folder of .txt files",
        made(folder("a.txt", "b.txt")),
        2,
        "no .yaml, .yml, .json files in this folder (found a.txt",
    ),
    Case("folder of .YAML files", made(folder("a.YAML")), 2, "names are case-sensitive"),
    Case("empty folder", made(folder()), 2, "no .yaml, .yml, .json files in this folder (it is empty)"),
    Case(
        "KZFACTS_DATA missing",
        plain("stats"),
        2,
        "KZFACTS_DATA /nonexistent/x.yaml: no such file",
        env=lambda _: {"KZFACTS_DATA": "/nonexistent/x.yaml"},
    ),
    Case("KZFACTS_DATA FIFO", plain("stats"), 2, "KZFACTS_DATA ", env=env_data(fifo())),
    Case("KZFACTS_DATA empty folder", plain("stats"), 2, "(it is empty)", env=env_data(folder())),
    Case(
        "KZFACTS_DATA device",
        plain("stats"),
        2,
        "KZFACTS_DATA /dev/zero: is a character device",
        env=lambda _: {"KZFACTS_DATA": "/dev/zero"},
    ),
    Case(
        "KZFACTS_DATA bad file",
        plain("stats"),
        2,
        "mine.yaml:1: unknown kind 'gossip'",
        env=lambda t: {"KZFACTS_DATA": str(write(t, "mine.yaml", "gossip: []\n"))},
    ),
    Case(
        "--data after the command",
        plain("who", "--data", "x.yaml", "president"),
        2,
        "--data is a global option: give it before the command",
    ),
    Case(
        "--data after the command, fast path",
        plain("who", "president", "--json", "--data", "x.yaml"),
        2,
        "--data is a global option",
    ),
    Case("--version after the command", plain("stats", "--version"), 2, "--version is a global option"),
    Case("--sources not a folder", plain("check", "--sources", "/dev/null"), 2, "--sources /dev/null: not a folder"),
]

# -- newlines and escapes in what the user typed are escaped in the one error line ------------------
ESCAPED = [
    Case("newline in --data", plain("--data", "a\nb.yaml", "stats"), 2, "--data a\\nb.yaml: no such file"),
    Case("ESC in --data", plain("--data", "\x1b[31mred", "stats"), 2, "--data \\x1b[31mred: no such file"),
    Case("newline in a command", plain("who\nami"), 2, "no command 'who\\nami'"),
    Case("ESC in a command", plain("\x1b[2Jx"), 2, "no command '\\x1b[2Jx'"),
    Case(
        "newline in --at", plain("who", "president", "--at", "2018\n06"), 2, "--at: value contains control characters"
    ),
    Case("ESC in --topic", plain("timeline", "--topic", "\x1b[31m"), 2, "--topic: value contains control"),
    Case("newline in -o", lambda t: ["export", "-o", str(t / "no\ndir" / "x.json")], 2, "no\\ndir"),
    Case("newline in --format", plain("export", "--format", "js\non"), 2, "unknown format 'js\\non'"),
    Case("CR in a search", plain("search", "a\rb"), 2, "TEXT: value contains control characters"),
]

# -- export targets: only a regular file, a previous export or a new path -------------------------
TARGETS = [
    Case(
        "-o a symlink", made(symlink("real.json"), "export", option="-o"), 2, "link: is a symlink; kzfacts writes only"
    ),
    Case("-o a dangling symlink", made(symlink("/nonexistent/x"), "export", option="-o"), 2, "is a symlink"),
    Case("-o /dev/null", plain("export", "-o", "/dev/null"), 2, "-o /dev/null: is a character device"),
    Case("-o /proc/self/fd/1", plain("export", "-o", "/proc/self/fd/1"), 2, "-o /proc/self/fd/1: is a symlink"),
    Case("-o a FIFO", made(fifo("out.json"), "export", option="-o"), 2, "out.json: is a FIFO"),
    Case("-o a folder for JSON", lambda t: ["export", "-o", str(t)], 2, "is a folder; give a file name"),
    Case("-o - for JSON is stdout", plain("export", "-o", "-"), 0, '"sources"'),
    Case(
        "sqlite -o a symlink", made(symlink("real.db"), "export", "--format", "sqlite", option="-o"), 2, "is a symlink"
    ),
    Case("sqlite -o /dev/null", plain("export", "--format", "sqlite", "-o", "/dev/null"), 2, "is a character device"),
    Case("sqlite -o -", plain("export", "--format", "sqlite", "-o", "-"), 2, "--format sqlite needs -o PATH (a file"),
    Case(
        "sqlite -o metadata.json",
        lambda t: ["export", "--format", "sqlite", "-o", str(t / "metadata.json")],
        2,
        "metadata.json is written beside the database",
    ),
    Case(
        "sqlite beside a symlinked metadata.json",
        lambda t: ["export", "--format", "sqlite", "-o", str(symlink("m.json", "metadata.json")(t).parent / "x.db")],
        2,
        "metadata.json: is a symlink",
    ),
    Case("csv -o -", plain("export", "--format", "csv", "-o", "-"), 2, "--format csv needs -o PATH (a folder"),
    Case(
        "csv -o a symlinked folder", made(symlink("real/"), "export", "--format", "csv", option="-o"), 2, "is a symlink"
    ),
    Case(
        "csv -o a folder of other files",
        made(folder("notes.txt"), "export", "--format", "csv", option="-o"),
        2,
        "holds files kzfacts did not write (notes.txt)",
    ),
    Case("csv -o /dev/null", plain("export", "--format", "csv", "-o", "/dev/null"), 2, "is a character device"),
    Case(
        "csv into a missing folder",
        lambda t: ["export", "--format", "csv", "-o", str(t / "a" / "b")],
        2,
        "does not exist",
    ),
    Case("popolo without -o is stdout", plain("export", "--format", "popolo"), 0, '"memberships"'),
    Case("popolo -o /dev/null", plain("export", "--format", "popolo", "-o", "/dev/null"), 2, "is a character device"),
    Case("popolo -o a folder", lambda t: ["export", "--format", "popolo", "-o", str(t)], 2, "is a folder; give a file"),
    Case(
        "popolo -o a symlink", made(symlink("p.json"), "export", "--format", "popolo", option="-o"), 2, "is a symlink"
    ),
    Case(
        "popolo into a missing folder",
        lambda t: ["export", "--format", "popolo", "-o", str(t / "no" / "p.json")],
        2,
        "does not exist",
    ),
]

# -- completion -------------------------------------------------------------------------------------
COMPLETION = [
    Case("show completion, unknown shell", plain("--show-completion", "nosuchshell"), 2, "unknown shell 'nosuchshell'"),
    Case("show completion=unknown", plain("--show-completion=tcsh"), 2, "--show-completion: unknown shell 'tcsh'"),
    Case("install completion, unknown shell", plain("--install-completion", "csh"), 2, "unknown shell 'csh'"),
    Case("show completion, extra argument", plain("--show-completion", "bash", "x"), 2, "unexpected argument 'x'"),
    Case("show completion zsh", plain("--show-completion", "zsh"), 0, "#compdef kzfacts"),
    Case("show completion fish", plain("--show-completion", "fish"), 0, "complete --command kzfacts"),
    Case("show completion=bash", plain("--show-completion=bash"), 0, "_KZFACTS_COMPLETE"),
    Case(
        "install completion, read-only HOME (bash)",
        plain("--install-completion", "bash"),
        2,
        "--install-completion bash: cannot write",
        env=lambda _: {"HOME": "/proc"},
    ),
    Case(
        "install completion, read-only HOME (zsh)",
        plain("--install-completion", "zsh"),
        2,
        "--install-completion zsh: cannot write",
        env=lambda _: {"HOME": "/proc"},
    ),
    Case(
        "install completion, read-only HOME (fish)",
        plain("--install-completion", "fish"),
        2,
        "--install-completion fish: cannot write",
        env=lambda _: {"HOME": "/proc"},
    ),
]


def loop_folder(tmp: Path) -> Path:
    """A data folder whose subfolder links back to it, and a link to itself."""
    (tmp / "d" / "sub").mkdir(parents=True)
    (tmp / "d" / "sub" / "up").symlink_to("..")
    (tmp / "d" / "self").symlink_to("self")
    (tmp / "d" / "a.yaml").write_text(f"events:\n  - id: x\n    date: '2018'\n    title: Looped\n    {CITE}\n")
    return tmp / "d"


NUMBERED = (
    "sources:\n  - id: 123\n    title: Numbered\n    file: x.txt\n"
    "events:\n  - id: e-numbered\n    date: '2018'\n    title: Cites 123\n"
    "    citations: [{source: 123, quote: 'abc'}]\n"
)

EDGES = [
    Case("raw NUL byte in YAML", user_file(b"events:\n  - id: x\x00\n"), 2, "mine.yaml:2: control character 0x00"),
    Case("raw ESC byte in YAML", user_file(b"events:\n\n  - id: \x1b[31m\n"), 2, "mine.yaml:3: control character 0x1b"),
    Case(
        "merge key with an alias",
        user_file(f"events:\n  - &b\n    id: a\n    date: '2018'\n    title: t\n    {CITE}\n  - <<: *b\n    id: c\n"),
        2,
        "mine.yaml:7: merge keys (<<) are not supported",
    ),
    Case("a number as a source id is cited by it", user_file(NUMBERED, "cite", "e-numbered"), 0, "Numbered"),
    Case("a number as a source id is shown", user_file(NUMBERED, "source", "123", "--json"), 0, '"id": "123"'),
    Case("symlink loops in a data folder", made(loop_folder, "search", "Looped", "--json"), 0, '"id": "x"'),
    Case("option after -- (who)", plain("who", "--", "--at"), 2, "POST: '--at' looks like an option"),
    Case("option after -- (search)", plain("search", "--", "-x"), 2, "TEXT: '-x' looks like an option"),
    Case("option after -- (show)", plain("show", "--", "--json"), 2, "ID: '--json' looks like an option"),
    Case("option after -- (person)", plain("person", "--", "-h"), 2, "NAME: '-h' looks like an option"),
    Case("empty --at", plain("who", "president", "--at", ""), 2, "--at: empty value"),
    Case("empty --at (brief)", plain("brief", "--at", ""), 2, "--at: empty value"),
    Case(
        "election id with --year",
        plain("elections", "kz-presidential-2019", "--year", "2019"),
        2,
        "a vote ID cannot be combined with --year",
    ),
    Case(
        "election id with --type",
        plain("elections", "kz-presidential-2019", "--type", "referendum"),
        2,
        "a vote ID cannot be combined with --type",
    ),
    Case(
        "election id with --from",
        plain("elections", "kz-presidential-2019", "--from", "2010", "--json"),
        2,
        "a vote ID cannot be combined with --from",
    ),
    Case("counterparts with one post", plain("counterparts", "president"), 2, "give two posts"),
]

CASES += POLICY + SPECIAL + ESCAPED + TARGETS + COMPLETION + EDGES


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    r = kz(*case.args(tmp_path), env=case.env(tmp_path) if case.env else None)
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


def test_catalogue_has_at_least_150_cases() -> None:
    assert len(CASES) >= 150
