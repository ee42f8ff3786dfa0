"""Load and validate the fact base: packaged YAML, then user files merged over it.

Two passes: the first reads every file and collects every id, so the second can check each
reference (a citation's source, a term's person) at the exact line where it is made, whichever
file defines the target. Every problem of the run is reported at once, one `file:line: ...` each.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import model
from .dates import parse_period
from .errors import DataError, KzfactsError
from .model import Citation, Claim, Claims, FactBase, Origin, Record
from .yamlread import Map, Seq, YamlProblem, read_yaml

PACKAGE_DATA = Path(__file__).parent / "data"
MAX_QUOTE = 300
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
VOTE_TYPES = ("presidential", "parliamentary", "referendum")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class InputFile:
    """A file to load; `shown` is how messages name it."""

    path: Path
    shown: str
    packaged: bool


def packaged_files() -> list[InputFile]:
    root = PACKAGE_DATA
    return [
        InputFile(p, f"kzfacts/data/{p.relative_to(root).as_posix()}", True)
        for p in sorted(root.rglob("*"))
        if p.suffix in YAML_SUFFIXES and p.is_file()
    ]


def user_paths_from_env() -> list[str]:
    """Paths from KZFACTS_DATA, an os.pathsep list (empty items ignored)."""
    return [p for p in os.environ.get("KZFACTS_DATA", "").split(os.pathsep) if p.strip()]


def user_files(paths: Iterable[str]) -> list[InputFile]:
    """Expand user paths (files, or folders searched for *.yaml) in the order given."""
    found: list[InputFile] = []
    for given in paths:
        if not given.strip():
            raise KzfactsError("--data: empty path")
        path = Path(given)
        if path.is_dir():
            inner = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
            found.extend(InputFile(p, str(p), False) for p in inner)
        elif path.exists():
            found.append(InputFile(path, given, False))
        else:
            raise KzfactsError(f"--data {given}: no such file or folder")
    return found


def input_files(user: Iterable[str] = ()) -> list[InputFile]:
    return packaged_files() + user_files([*user_paths_from_env(), *user])


def load(user: Iterable[str] = (), *, files: list[InputFile] | None = None) -> FactBase:
    """Load the packaged fact base with user files merged over it; DataError lists every problem."""
    files = input_files(user) if files is None else files
    problems: list[str] = []
    docs: list[tuple[InputFile, Map]] = []
    for f in files:
        try:
            doc = read_yaml(f.path)
        except YamlProblem as exc:
            problems.extend(_at(f.shown, line, msg) for line, msg in exc.problems)
            continue
        if doc is None:
            problems.append(f"{f.shown}: empty file (expected a mapping such as 'events: [...]')")
            continue
        if not isinstance(doc, Map):
            problems.append(f"{f.shown}:1: expected a mapping of kinds (events, people, ...), not a {_typename(doc)}")
            continue
        docs.append((f, doc))
    ids = _collect_ids(docs, problems)
    base = FactBase()
    for f, doc in docs:
        reader = _Reader(f, ids, problems)
        for plural, items in doc.items():
            for record in reader.records(plural, items, doc.lines[plural]):
                _merge(base, record, f, problems)
    if problems:
        raise DataError(problems)
    return base


def _merge(base: FactBase, record: Record, f: InputFile, problems: list[str]) -> None:
    table = base.records[record.plural]
    old = table.get(record.id)
    if old is not None:
        old_origin = getattr(old, "origin", None)
        if f.packaged or (old_origin and not old_origin.file.startswith("kzfacts/data/")):
            problems.append(f"{record.origin}: duplicate {record.kind} id '{record.id}' (also at {old_origin})")
            return
        base.replaced.append(f"{record.origin}: {record.kind} '{record.id}' replaces the packaged one at {old_origin}")
    table[record.id] = record


def _collect_ids(docs: list[tuple[InputFile, Map]], problems: list[str]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {k: set() for k in model.KINDS}
    for _, doc in docs:
        for plural, items in doc.items():
            if plural in ids and isinstance(items, Seq):
                ids[plural].update(i["id"] for i in items if isinstance(i, Map) and isinstance(i.get("id"), str))
    return ids


def _at(shown: str, line: int, msg: str) -> str:
    return f"{shown}:{line}: {msg}" if line else f"{shown}: {msg}"


def _typename(value: Any) -> str:
    if isinstance(value, Map):
        return "mapping"
    if isinstance(value, Seq):
        return "list"
    if value is None:
        return "null"
    return {bool: "boolean", int: "number", float: "number", str: "string"}.get(type(value), type(value).__name__)


class _Invalid(Exception):
    """Stops reading one record after its problem was recorded."""


class _Reader:
    """Validates the records of one file into model records."""

    def __init__(self, f: InputFile, ids: dict[str, set[str]], problems: list[str]):
        self.f, self.ids, self.problems = f, ids, problems
        self.failed = False

    def problem(self, line: int, msg: str) -> None:
        self.problems.append(_at(self.f.shown, line, msg))
        self.failed = True

    def records(self, plural: str, items: Any, line: int) -> Iterator[Record]:
        build: Callable[[Map], Record] | None = getattr(self, f"_{plural}", None)
        if plural not in model.KINDS or build is None:
            self.problem(line, f"unknown kind '{plural}' (expected one of: {', '.join(model.KINDS)})")
            return
        if items is None:
            return
        if not isinstance(items, Seq):
            self.problem(line, f"'{plural}' must be a list of records, not a {_typename(items)}")
            return
        for item, item_line in zip(items, items.lines):
            if not isinstance(item, Map):
                self.problem(item_line, f"a record in '{plural}' must be a mapping, not a {_typename(item)}")
                continue
            self.failed = False
            try:
                record = build(item)
            except _Invalid:
                continue
            if not self.failed:
                yield record

    # -- field readers -------------------------------------------------------------------

    def line(self, m: Map, key: str) -> int:
        return m.lines.get(key, m.line)

    def fields(self, m: Map, allowed: tuple[str, ...]) -> None:
        for key in m:
            if key not in allowed:
                self.problem(self.line(m, key), f"unknown field '{key}' (expected one of: {', '.join(allowed)})")

    def text(self, m: Map, key: str, *, required: bool = False) -> str | None:
        value = m.get(key)
        if value is None:
            if required:
                self.problem(m.line, f"missing required field '{key}'")
                raise _Invalid
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(self.line(m, key), f"'{key}' must be text, not a {_typename(value)}")
            return None
        text = str(value).strip()
        if required and not text:
            self.problem(self.line(m, key), f"'{key}' is empty")
        return text or None

    def ident(self, m: Map) -> str:
        rid = self.text(m, "id", required=True)
        if rid is None or not ID_RE.match(rid):
            self.problem(self.line(m, "id"), f"id {rid!r} must be lowercase letters, digits and dashes")
            raise _Invalid
        return rid

    def ref(self, m: Map, key: str, plural: str, *, required: bool = False) -> str | None:
        value = self.text(m, key, required=required)
        if value is not None and value not in self.ids[plural]:
            self.problem(self.line(m, key), f"{key} '{value}' is not a known {model.KINDS[plural].kind} id")
        return value

    def texts(self, m: Map, key: str, plural: str | None = None) -> tuple[str, ...]:
        value = m.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = Seq([value])
            value.lines = [self.line(m, key)]
        if not isinstance(value, Seq):
            self.problem(self.line(m, key), f"'{key}' must be a list, not a {_typename(value)}")
            return ()
        out = []
        for item, line in zip(value, value.lines):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.problem(line, f"items of '{key}' must be text, not a {_typename(item)}")
                continue
            if plural and str(item) not in self.ids[plural]:
                self.problem(line, f"{key}: '{item}' is not a known {model.KINDS[plural].kind} id")
            out.append(str(item))
        return tuple(out)

    def date(self, value: Any, line: int, key: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problem(line, f"'{key}' must be a date like \"2018-06-22\", not a {_typename(value)}")
            return None
        try:
            return str(parse_period(value, what=key))
        except KzfactsError as exc:
            self.problem(line, exc.message)
            return None

    def citations(self, m: Map, key: str = "citations", *, required: bool = True) -> tuple[Citation, ...]:
        value = m.get(key)
        if value is None or value == []:
            if required:
                self.problem(m.line, "no citations: every fact needs at least one {source, quote}")
            return ()
        if not isinstance(value, Seq):
            self.problem(self.line(m, key), f"'{key}' must be a list of {{source, quote}}, not a {_typename(value)}")
            return ()
        out = []
        for item, line in zip(value, value.lines):
            if not isinstance(item, Map):
                self.problem(line, f"a citation must be a mapping {{source, quote}}, not a {_typename(item)}")
                continue
            self.fields(item, ("source", "quote", "translation", "as_of"))
            source = self.text(item, "source")
            quote = item.get("quote")
            if source is None:
                self.problem(line, "citation has no source")
                continue
            if source not in self.ids["sources"]:
                self.problem(self.line(item, "source"), f"citation source '{source}' is not a known source id")
            if not isinstance(quote, str) or not quote.strip():
                self.problem(line, f"citation of '{source}' has no quote")
                continue
            if len(quote) > MAX_QUOTE:
                self.problem(self.line(item, "quote"), f"quote is {len(quote)} characters; the limit is {MAX_QUOTE}")
            as_of = self.date(item.get("as_of"), self.line(item, "as_of"), "as_of")
            out.append(Citation(source, quote.strip(), self.text(item, "translation"), as_of))
        return tuple(out)

    def claims(self, m: Map, key: str, check: Callable[[Any, int], Any]) -> Claims:
        """A plain value (supported by the record's citations) or a list of {value, citations}."""
        value = m.get(key)
        if value is None:
            return ()
        line = self.line(m, key)
        if isinstance(value, Seq) and all(isinstance(i, Map) for i in value):
            out = []
            for item, item_line in zip(value, value.lines):
                self.fields(item, ("value", "citations"))
                if item.get("value") is None:
                    self.problem(item_line, f"a claim of '{key}' needs a value")
                    continue
                checked = check(item["value"], self.line(item, "value"))
                out.append(Claim(checked, self.citations(item)))
            return tuple(out)
        if isinstance(value, (Seq, Map)):
            self.problem(line, f"'{key}' must be a value or a list of {{value, citations}} claims")
            return ()
        return (Claim(check(value, line)),)

    def number(self, key: str, *, integer: bool = False) -> Callable[[Any, int], Any]:
        def check(value: Any, line: int) -> Any:
            if isinstance(value, str):
                try:
                    value = float(value.replace(",", "")) if not integer else int(value.replace(",", ""))
                except ValueError:
                    pass
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.problem(line, f"'{key}' must be a number, not {value!r}")
                return None
            if integer and not float(value).is_integer():
                self.problem(line, f"'{key}' must be a whole number, not {value!r}")
            return int(value) if integer else value

        return check

    def plain_text(self, key: str) -> Callable[[Any, int], Any]:
        def check(value: Any, line: int) -> Any:
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                self.problem(line, f"'{key}' must be text, not a {_typename(value)}")
                return None
            return str(value)

        return check

    def date_check(self, key: str) -> Callable[[Any, int], Any]:
        return lambda value, line: self.date(value, line, key)

    def origin(self, m: Map) -> Origin:
        return Origin(self.f.shown, m.line)

    # -- kinds ---------------------------------------------------------------------------

    def _sources(self, m: Map) -> Record:
        self.fields(m, ("id", "file", "collection", "title", "publisher", "url", "date", "language"))
        return model.Source(
            self.ident(m), self.text(m, "file", required=True) or "", self.text(m, "collection"),
            self.text(m, "title"), self.text(m, "publisher"), self.text(m, "url"),
            self.date(m.get("date"), self.line(m, "date"), "date"), self.text(m, "language") or "en",
            origin=self.origin(m),
        )  # fmt: skip

    def _posts(self, m: Map) -> Record:
        self.fields(m, ("id", "label", "country", "aliases", "single_holder", "citations"))
        single = m.get("single_holder", True)
        if not isinstance(single, bool):
            self.problem(self.line(m, "single_holder"), "'single_holder' must be true or false")
        return model.Post(
            self.ident(m), self.text(m, "label", required=True) or "", self.text(m, "country"),
            self.texts(m, "aliases"), bool(single), self.citations(m, required=False), origin=self.origin(m),
        )  # fmt: skip

    def _people(self, m: Map) -> Record:
        self.fields(m, ("id", "name", "aliases", "birth_year", "citations"))
        return model.Person(
            self.ident(m), self.text(m, "name", required=True) or "", self.texts(m, "aliases"),
            self.claims(m, "birth_year", self.number("birth_year", integer=True)), self.citations(m),
            origin=self.origin(m),
        )  # fmt: skip

    def _terms(self, m: Map) -> Record:
        self.fields(m, ("id", "post", "person", "start", "end", "end_derived_from", "note", "citations"))
        term = model.Term(
            self.ident(m), self.ref(m, "post", "posts", required=True) or "",
            self.ref(m, "person", "people", required=True) or "",
            self.date(m.get("start"), self.line(m, "start"), "start"),
            self.date(m.get("end"), self.line(m, "end"), "end"),
            self.ref(m, "end_derived_from", "terms"), self.text(m, "note"), self.citations(m),
            origin=self.origin(m),
        )  # fmt: skip
        if term.start and term.end and parse_period(term.end).hi < parse_period(term.start).lo:
            self.problem(self.line(m, "end"), f"term ends ({term.end}) before it starts ({term.start})")
        return term

    def _events(self, m: Map) -> Record:
        self.fields(m, ("id", "date", "title", "summary", "topics", "countries", "people", "note", "citations"))
        rid = self.ident(m)
        dates = self.claims(m, "date", self.date_check("date"))
        if not dates:
            self.problem(m.line, "missing required field 'date'")
        return model.Event(
            rid, dates, self.text(m, "title", required=True) or "", self.text(m, "summary"),
            self.texts(m, "topics"), self.texts(m, "countries"), self.texts(m, "people", "people"),
            self.text(m, "note"), self.citations(m), origin=self.origin(m),
        )  # fmt: skip

    def _trade(self, m: Map) -> Record:
        allowed = ("id", "indicator", "from", "to", "period", "period_label", "value", "unit", "currency")
        self.fields(m, (*allowed, "growth_pct", "growth_base", "note", "citations"))
        rid = self.ident(m)
        period = self.date(m.get("period"), self.line(m, "period"), "period")
        value = self.claims(m, "value", self.number("value"))
        if not value:
            self.problem(m.line, "missing required field 'value'")
        return model.TradeFigure(
            rid, self.text(m, "indicator", required=True) or "", period, value,
            self.text(m, "from"), self.text(m, "to"), self.text(m, "period_label"), self.text(m, "unit"),
            self.text(m, "currency"), self.claims(m, "growth_pct", self.number("growth_pct")),
            self.text(m, "growth_base"), self.text(m, "note"), self.citations(m), origin=self.origin(m),
        )  # fmt: skip

    def _votes(self, m: Map) -> Record:
        allowed = (
            "id",
            "type",
            "chamber",
            "title",
            "date",
            "turnout",
            "registered",
            "cast",
            "outcome",
            "note",
            "results",
        )
        self.fields(m, (*allowed, "citations"))
        rid = self.ident(m)
        vtype = self.text(m, "type", required=True)
        if vtype not in VOTE_TYPES:
            self.problem(self.line(m, "type"), f"type {vtype!r} is not one of: {', '.join(VOTE_TYPES)}")
        dates = self.claims(m, "date", self.date_check("date"))
        if not dates:
            self.problem(m.line, "missing required field 'date'")
        results = m.get("results")
        rows: list[model.VoteResult] = []
        if results is not None and not isinstance(results, Seq):
            self.problem(self.line(m, "results"), "'results' must be a list")
        for item, line in zip(results or [], getattr(results, "lines", [])):
            if not isinstance(item, Map):
                self.problem(line, f"a result must be a mapping, not a {_typename(item)}")
                continue
            self.fields(item, ("name", "person", "party", "votes", "share", "seats", "citations"))
            rows.append(
                model.VoteResult(
                    self.text(item, "name", required=True) or "",
                    self.ref(item, "person", "people"),
                    self.claims(item, "party", self.plain_text("party")),
                    self.claims(item, "votes", self.number("votes", integer=True)),
                    self.claims(item, "share", self.number("share")),
                    self.claims(item, "seats", self.number("seats", integer=True)),
                    self.citations(item, required=False),
                )
            )
        return model.Vote(
            rid, vtype or "", dates, self.text(m, "title"), self.text(m, "chamber"),
            self.claims(m, "turnout", self.number("turnout")),
            self.claims(m, "registered", self.number("registered", integer=True)),
            self.claims(m, "cast", self.number("cast", integer=True)), self.text(m, "outcome"), self.text(m, "note"),
            tuple(rows), self.citations(m), origin=self.origin(m),
        )  # fmt: skip
