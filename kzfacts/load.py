"""Load and validate the fact base: packaged YAML, then user files merged over it.

Two passes: the first reads every file and collects every id, so the second can check each
reference (a citation's source, a term's person) at the exact line where it is made, whichever
file defines the target. Every problem of the run is reported at once, one `file:line: ...` each.
"""

from __future__ import annotations

import contextlib
import gc
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from . import model
from .dates import canonical_period, parse_period
from .errors import DataError, KzfactsError
from .inputs import PACKAGE_DATA, InputFile, input_files, packaged_files, user_files
from .model import Citation, Claim, Claims, FactBase, Origin, Record
from .yamlread import INT_LIMIT, Map, YamlProblem, parse_yaml, read_data, read_text

__all__ = ["PACKAGE_DATA", "InputFile", "input_files", "load", "packaged_files", "user_files"]

MAX_QUOTE = 300
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
VOTE_TYPES = ("presidential", "parliamentary", "referendum")
STAGES = ("preliminary", "final")
TRADE_INDICATORS = ("turnover", "exports", "imports", "fdi", "investment", "deals", "other")
SOURCE_KINDS = ("official", "news", "reference", "analysis", "other")
DATE_BASES = ("url", "text")
_SOURCE_FIELDS = (
    "id", "file", "collection", "title", "publisher", "url", "date", "language",
    "title_inferred", "title_en", "date_basis", "source_kind", "retrieved",
)  # fmt: skip
# C0 controls but tab, LF and CR; DEL; C1 controls; lone surrogates.
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def load(user: Iterable[str] = (), *, files: list[InputFile] | None = None) -> FactBase:
    """Load the packaged fact base with user files merged over it; DataError lists every problem."""
    with paused_gc():
        return _load(input_files(user) if files is None else files)


def _load(files: list[InputFile]) -> FactBase:
    problems: list[str] = []
    docs: list[tuple[InputFile, dict[str, Any]]] = []
    for f in files:
        try:
            doc = _packaged_doc(f) if f.packaged else read_data(f.path)
        except YamlProblem as exc:
            problems.extend(_at(f.shown, line, msg) for line, msg in exc.problems)
            continue
        if doc is None:
            problems.append(f"{f.shown}: empty file (expected a mapping such as 'events: [...]')")
            continue
        if not isinstance(doc, dict):
            problems.append(f"{f.shown}:1: expected a mapping of kinds (events, people, ...), not a {_typename(doc)}")
            continue
        docs.append((f, doc))
    ids = _collect_ids(docs, problems)
    base = FactBase()
    for f, doc in docs:
        found: list[str] = []
        _read_records(base, f, doc, ids, found)
        if found and not isinstance(doc, Map):
            found = _with_lines(f, ids) or found
        problems.extend(found)
    if problems:
        raise DataError(problems)
    return base


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Loading and indexing make millions of small objects and no cycles: the collector's passes
    over them find nothing and cost a fifth of a cold build of a large overlay (measured in
    bench/). It resumes afterwards; what is garbage by then is freed by reference counts."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_PACKAGED: dict[tuple[str, int, int, int], Any] = {}
_FIELD_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def _packaged_doc(f: InputFile) -> Any:
    """A packaged file's parsed document, read once per process while its status is unchanged.

    The packaged YAML is most of every cold load; a program (or test suite) that loads several
    times, with different overlays, need not parse it again. Documents are never mutated."""
    try:
        st = f.path.stat()
    except OSError:
        return read_data(f.path)
    key = (str(f.path), st.st_size, st.st_mtime_ns, st.st_ino)
    if key not in _PACKAGED:
        _PACKAGED[key] = read_data(f.path)
    return _PACKAGED[key]


def _with_lines(f: InputFile, ids: dict[str, set[str]]) -> list[str]:
    """A JSON file read without lines: read it again as YAML (JSON is YAML) to name them.
    Empty when PyYAML cannot parse it (some JSON escapes, extreme nesting): its syntax complaint
    would blame valid JSON, so the line-less problems stand."""
    try:
        doc = parse_yaml(read_text(f.path))
    except YamlProblem as exc:  # the YAML reader's own problems name lines too, when it has them
        named = all(line and not msg.startswith("invalid YAML") for line, msg in exc.problems)
        return [_at(f.shown, line, msg) for line, msg in exc.problems] if named else []
    found: list[str] = []
    if isinstance(doc, dict):
        _read_records(FactBase(), f, doc, ids, found)
    return found


def _read_records(
    base: FactBase, f: InputFile, doc: dict[str, Any], ids: dict[str, set[str]], problems: list[str]
) -> None:
    reader = _Reader(f, ids, problems)
    for plural, items in doc.items():
        for record in reader.records(plural, items, _line_of(doc, plural)):
            _merge(base, record, f, problems)


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


def _collect_ids(docs: list[tuple[InputFile, dict[str, Any]]], problems: list[str]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {k: set() for k in model.KINDS}
    for _, doc in docs:
        for plural, items in doc.items():
            if plural in ids and isinstance(items, list):
                ids[plural].update(i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str))
    return ids


def _lines(items: list[Any]) -> list[int]:
    """Line of each item: recorded for YAML, unknown (0) for JSON read on the fast path."""
    return getattr(items, "lines", None) or [getattr(items, "line", 0)] * len(items)


def _line_of(m: dict[str, Any], key: str) -> int:
    lines = getattr(m, "lines", None)
    return lines.get(key, getattr(m, "line", 0)) if lines else getattr(m, "line", 0)


def _at(shown: str, line: int, msg: str) -> str:
    return f"{shown}:{line}: {msg}" if line else f"{shown}: {msg}"


def _typename(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
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
        build: Callable[[dict[str, Any]], Record] | None = getattr(self, f"_{plural}", None)
        if plural not in model.KINDS or build is None:
            self.problem(line, f"unknown kind '{plural}' (expected one of: {', '.join(model.KINDS)})")
            return
        if items is None:
            return
        if not isinstance(items, list):
            self.problem(line, f"'{plural}' must be a list of records, not a {_typename(items)}")
            return
        for item, item_line in zip(items, _lines(items)):
            if not isinstance(item, dict):
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

    def line(self, m: dict[str, Any], key: str) -> int:
        return _line_of(m, key)

    def fields(self, m: dict[str, Any], allowed: tuple[str, ...]) -> None:
        known = _FIELD_SETS.get(allowed)
        if known is None:
            known = _FIELD_SETS[allowed] = frozenset(allowed)
        if known.issuperset(m):
            return  # the common case, in C
        for key in m:
            if key not in allowed:
                self.problem(self.line(m, key), f"unknown field '{key}' (expected one of: {', '.join(allowed)})")

    def text(self, m: dict[str, Any], key: str, *, required: bool = False) -> str | None:
        value = m.get(key)
        if type(value) is str and (stripped := value.strip()) and not _BAD_TEXT.search(value):
            return stripped  # the common case, without looking up a line no message needs
        if value is None:
            if required:
                self.problem(getattr(m, "line", 0), f"missing required field '{key}'")
                raise _Invalid
            return None
        raw = self.as_text(value, self.line(m, key), f"'{key}'")
        if raw is None:
            return None
        text = raw.strip()
        if required and not text:
            self.problem(self.line(m, key), f"'{key}' is empty")
        return text or None

    def ident(self, m: dict[str, Any]) -> str:
        before = len(self.problems)
        rid = self.text(m, "id", required=True)
        if rid is None and len(self.problems) > before:
            raise _Invalid  # its problem (control characters, not text) is already told
        if rid is None or not ID_RE.match(rid):
            self.problem(self.line(m, "id"), f"id {rid!r} must be lowercase letters, digits and dashes")
            raise _Invalid
        return rid

    def ref(self, m: dict[str, Any], key: str, plural: str, *, required: bool = False) -> str | None:
        value = self.text(m, key, required=required)
        if value is not None and value not in self.ids[plural]:
            self.problem(self.line(m, key), f"{key} '{value}' is not a known {model.KINDS[plural].kind} id")
        return value

    def texts(self, m: dict[str, Any], key: str, plural: str | None = None) -> tuple[str, ...]:
        value = m.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(self.line(m, key), f"'{key}' must be a list, not a {_typename(value)}")
            return ()
        known = self.ids[plural] if plural else None
        if all(type(item) is str and not _BAD_TEXT.search(item) and (known is None or item in known) for item in value):
            return tuple(value)  # the common case: nothing to tell, no line to look up
        out = []
        for item, line in zip(value, _lines(value)):
            text = self.as_text(item, line, f"items of '{key}'")
            if text is None:
                continue
            if plural and str(item) not in self.ids[plural]:
                self.problem(line, f"{key}: '{item}' is not a known {model.KINDS[plural].kind} id")
            out.append(text)
        return tuple(out)

    def date(self, value: Any, line: int, key: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problem(line, f"'{key}' must be a date like \"2018-06-22\", not a {_typename(value)}")
            return None
        try:
            return canonical_period(str(value))
        except KzfactsError:
            pass
        try:
            return str(parse_period(value, what=key))  # again, for a message naming the field
        except KzfactsError as exc:
            self.problem(line, exc.message)
            return None

    def citations(self, m: dict[str, Any], key: str = "citations", *, required: bool = True) -> tuple[Citation, ...]:
        value = m.get(key)
        if value is None or value == []:
            if required:
                self.problem(getattr(m, "line", 0), "no citations: every fact needs at least one {source, quote}")
            return ()
        if not isinstance(value, list):
            self.problem(self.line(m, key), f"'{key}' must be a list of {{source, quote}}, not a {_typename(value)}")
            return ()
        out = []
        for item, line in zip(value, _lines(value)):
            if not isinstance(item, dict):
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
            if _BAD_TEXT.search(quote):
                self.as_text(quote, self.line(item, "quote"), "'quote'")  # tells what is wrong with it
                continue
            if len(quote) > MAX_QUOTE:
                self.problem(self.line(item, "quote"), f"quote is {len(quote)} characters; the limit is {MAX_QUOTE}")
            as_of = item.get("as_of")
            if as_of is not None:
                as_of = self.date(as_of, self.line(item, "as_of"), "as_of")
            out.append(Citation(source, quote.strip(), self.text(item, "translation"), as_of))
        return tuple(out)

    def claims(self, m: dict[str, Any], key: str, check: Callable[[Any, int, str], Any]) -> Claims:
        """A plain value (supported by the record's citations) or a list of {value, citations}.

        `check(value, line, key)` reads one value (`date`, `real`, `integer`, `plain`)."""
        value = m.get(key)
        if value is None:
            return ()
        if not isinstance(value, (list, dict)):
            return (Claim(check(value, self.line(m, key), key)),)  # the common case
        line = self.line(m, key)
        if isinstance(value, list) and all(isinstance(i, dict) for i in value):
            out = []
            for item, item_line in zip(value, _lines(value)):
                self.fields(item, ("value", "citations", "stage"))
                if item.get("value") is None:
                    self.problem(item_line, f"a claim of '{key}' needs a value")
                    continue
                stage = self.text(item, "stage")
                if stage is not None and stage not in STAGES:
                    self.problem(self.line(item, "stage"), f"stage {stage!r} is not one of: {', '.join(STAGES)}")
                checked = check(item["value"], self.line(item, "value"), key)
                out.append(Claim(checked, self.citations(item), stage))
            return tuple(out)
        self.problem(line, f"'{key}' must be a value or a list of {{value, citations}} claims")
        return ()

    def real(self, value: Any, line: int, key: str) -> Any:
        return self.number(value, line, key, integer=False)

    def integer(self, value: Any, line: int, key: str) -> Any:
        return self.number(value, line, key, integer=True)

    def number(self, value: Any, line: int, key: str, *, integer: bool) -> Any:
        """A finite number, an integer within 64 bits where `integer`; text is never read as one.

        `'1,2'` once became 12 and `'NaN'` a float that no JSON reader accepts: a number in
        quotes is a mistake to show, not a value to guess."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            shown = f"{value!r}" if isinstance(value, str) else f"a {_typename(value)}"
            self.problem(line, f"'{key}' must be a number, not {shown[:60]}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(line, f"'{key}' must be a finite number, not {value}")
            return None
        if integer and not float(value).is_integer():
            self.problem(line, f"'{key}' must be a whole number, not {value!r}")
            return None
        if (integer or isinstance(value, int)) and not -INT_LIMIT <= int(value) < INT_LIMIT:
            self.problem(line, f"'{key}' is too large; the limit is 64 bits")
            return None
        return int(value) if integer else value

    def as_text(self, value: Any, line: int, what: str) -> str | None:
        """Text, or a number written as text; anything else is a problem naming `what`.

        Control characters (NUL, ESC: they would colour or cut a terminal) and lone surrogates
        (no UTF-8 output can hold them) are problems too; tab and newline are fine."""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(line, f"{what} must be text, not a {_typename(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(line, f"{what} must be text, not {value}")
            return None
        if isinstance(value, int) and not -INT_LIMIT <= value < INT_LIMIT:
            self.problem(line, f"{what} must be text, not a {len(str(abs(value)))}-digit number")
            return None
        text = str(value)
        bad = _BAD_TEXT.search(text)
        if bad:
            char = bad.group(0)
            kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
            self.problem(line, f"{what} contains {kind} (U+{ord(char):04X})")
            return None
        return text

    def plain(self, value: Any, line: int, key: str) -> str | None:
        return self.as_text(value, line, f"'{key}'")

    def origin(self, m: dict[str, Any]) -> Origin:
        return Origin(self.f.shown, getattr(m, "line", 0))

    # -- kinds ---------------------------------------------------------------------------

    def _sources(self, m: dict[str, Any]) -> Record:
        self.fields(m, _SOURCE_FIELDS)
        basis = self.choice(m, "date_basis", DATE_BASES)
        if basis and m.get("date") is None:
            self.problem(self.line(m, "date_basis"), "'date_basis' without a 'date'")
        return model.Source(
            self.ident(m), self.text(m, "file", required=True) or "", self.text(m, "collection"),
            self.text(m, "title"), self.text(m, "publisher"), self.text(m, "url"),
            self.date(m.get("date"), self.line(m, "date"), "date"), self.text(m, "language") or "en",
            (), self.flag(m, "title_inferred"), self.text(m, "title_en"), basis,
            self.choice(m, "source_kind", SOURCE_KINDS),
            self.date(m.get("retrieved"), self.line(m, "retrieved"), "retrieved"), origin=self.origin(m),
        )  # fmt: skip

    def choice(self, m: dict[str, Any], key: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(m, key)
        if value is not None and value not in choices:
            self.problem(self.line(m, key), f"{key} {value!r} is not one of: {', '.join(choices)}")
        return value

    def _posts(self, m: dict[str, Any]) -> Record:
        self.fields(
            m,
            (
                "id",
                "label",
                "country",
                "aliases",
                "single_holder",
                "coverage_from",
                "citations",
                "end",
                "successor",
                "note",
            ),
        )
        single = m.get("single_holder", True)
        if not isinstance(single, bool):
            self.problem(self.line(m, "single_holder"), "'single_holder' must be true or false")
        citations = self.citations(m, required=False)
        end = self.claims(m, "end", self.date)
        if any(not c.citations for c in end) and not citations:
            self.problem(self.line(m, "end"), "a post's 'end' needs citations (on the claim or the post)")
        return model.Post(
            self.ident(m), self.text(m, "label", required=True) or "", self.text(m, "country"),
            self.texts(m, "aliases"), bool(single), citations,
            self.date(m.get("coverage_from"), self.line(m, "coverage_from"), "coverage_from"),
            end, self.ref(m, "successor", "posts"), self.text(m, "note"), origin=self.origin(m),
        )  # fmt: skip

    def _people(self, m: dict[str, Any]) -> Record:
        self.fields(m, ("id", "name", "aliases", "birth_year", "citations"))
        return model.Person(
            self.ident(m), self.text(m, "name", required=True) or "", self.texts(m, "aliases"),
            self.claims(m, "birth_year", self.integer), self.citations(m),
            origin=self.origin(m),
        )  # fmt: skip

    def flag(self, m: dict[str, Any], key: str) -> bool:
        value = m.get(key, False)
        if not isinstance(value, bool):
            self.problem(self.line(m, key), f"'{key}' must be true or false")
        return value is True

    def term_date(self, m: dict[str, Any], key: str) -> tuple[str | None, Claims]:
        """A plain date, or claims when texts disagree: then the span of every claim."""
        value = m.get(key)
        if not isinstance(value, list):
            return self.date(value, self.line(m, key), key), ()
        found = [c for c in self.claims(m, key, self.date) if c.value]
        if not found:
            return None, ()
        first = min(found, key=lambda c: parse_period(c.value).lo).value
        last = max(found, key=lambda c: parse_period(c.value).hi).value
        lo, hi = (first.split("/")[0], last.split("/")[-1])
        return (first if first == last else f"{lo}/{hi}"), tuple(found)

    def _terms(self, m: dict[str, Any]) -> Record:
        allowed = ("id", "post", "person", "start", "end", "end_derived_from", "acting", "note", "citations")
        self.fields(m, (*allowed, "milestones"))
        start, start_claims = self.term_date(m, "start")
        end, end_claims = self.term_date(m, "end")
        term = model.Term(
            self.ident(m), self.ref(m, "post", "posts", required=True) or "",
            self.ref(m, "person", "people", required=True) or "", start, end,
            self.ref(m, "end_derived_from", "terms"), self.text(m, "note"), self.citations(m),
            self.flag(m, "acting"), start_claims, end_claims, self.milestones(m), origin=self.origin(m),
        )  # fmt: skip
        if term.start and term.end and parse_period(term.end).hi < parse_period(term.start).lo:
            self.problem(self.line(m, "end"), f"term ends ({term.end}) before it starts ({term.start})")
        return term

    def milestones(self, m: dict[str, Any]) -> tuple[model.TermMilestone, ...]:
        items = m.get("milestones")
        if items is None:
            return ()
        if not isinstance(items, list):
            self.problem(self.line(m, "milestones"), "'milestones' must be a list")
            return ()
        out = []
        for item, line in zip(items, _lines(items)):
            if not isinstance(item, dict):
                self.problem(line, f"a milestone must be a mapping, not a {_typename(item)}")
                continue
            self.fields(item, ("type", "date", "note", "citations"))
            kind = self.choice(item, "type", model.MILESTONE_TYPES)
            dates = self.claims(item, "date", self.date)
            if kind is None or not dates:
                self.problem(line, "a milestone needs a 'type' and a 'date'")
                continue
            cites = self.citations(item, required=False)
            if not cites and any(not c.citations for c in dates):
                self.problem(line, "a milestone needs citations (on itself or on its date claims)")
            out.append(model.TermMilestone(kind, dates, self.text(item, "note"), cites))
        return tuple(out)

    def _events(self, m: dict[str, Any]) -> Record:
        allowed = ("id", "date", "title", "summary", "topics", "countries", "people", "note", "citations")
        self.fields(m, (*allowed, "aliases", "ratified", "in_force"))
        rid = self.ident(m)
        dates = self.claims(m, "date", self.date)
        if not dates and m.get("date") is None:
            self.problem(getattr(m, "line", 0), "missing required field 'date'")
        return model.Event(
            rid, dates, self.text(m, "title", required=True) or "", self.text(m, "summary"),
            self.texts(m, "topics"), self.texts(m, "countries"), self.texts(m, "people", "people"),
            self.text(m, "note"), self.citations(m), self.texts(m, "aliases"),
            self.claims(m, "ratified", self.date),
            self.claims(m, "in_force", self.date), origin=self.origin(m),
        )  # fmt: skip

    def _trade(self, m: dict[str, Any]) -> Record:
        allowed = ("id", "indicator", "from", "to", "period", "period_label", "value", "unit", "currency")
        self.fields(m, (*allowed, "growth_pct", "growth_base", "note", "citations"))
        rid = self.ident(m)
        indicator = self.choice(m, "indicator", TRADE_INDICATORS)
        period = self.date(m.get("period"), self.line(m, "period"), "period")
        value = self.claims(m, "value", self.real)
        if not value and m.get("value") is None:
            self.problem(getattr(m, "line", 0), "missing required field 'value'")
        return model.TradeFigure(
            rid, indicator or self.text(m, "indicator", required=True) or "", period, value,
            self.text(m, "from"), self.text(m, "to"), self.text(m, "period_label"), self.text(m, "unit"),
            self.text(m, "currency"), self.claims(m, "growth_pct", self.real),
            self.text(m, "growth_base"), self.text(m, "note"), self.citations(m), origin=self.origin(m),
        )  # fmt: skip

    def _votes(self, m: dict[str, Any]) -> Record:
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
            "indirect",
            "seats",
            "candidates",
            "ballots_issued",
            "rounds",
        )
        self.fields(m, (*allowed, "citations"))
        rid = self.ident(m)
        vtype = self.text(m, "type", required=True)
        if vtype not in VOTE_TYPES:
            self.problem(self.line(m, "type"), f"type {vtype!r} is not one of: {', '.join(VOTE_TYPES)}")
        dates = self.claims(m, "date", self.date)
        if not dates and m.get("date") is None:
            self.problem(getattr(m, "line", 0), "missing required field 'date'")
        results = m.get("results")
        rows: list[model.VoteResult] = []
        if results is not None and not isinstance(results, list):
            self.problem(self.line(m, "results"), "'results' must be a list")
        for item, line in zip(results or [], _lines(results or [])):
            if not isinstance(item, dict):
                self.problem(line, f"a result must be a mapping, not a {_typename(item)}")
                continue
            self.fields(
                item,
                ("name", "person", "party", "votes", "share", "seats", "list_seats", "district_seats", "citations"),
            )
            rows.append(
                model.VoteResult(
                    self.text(item, "name", required=True) or "",
                    self.ref(item, "person", "people"),
                    self.claims(item, "party", self.plain),
                    self.claims(item, "votes", self.integer),
                    self.claims(item, "share", self.real),
                    self.claims(item, "seats", self.integer),
                    self.citations(item, required=False),
                    self.claims(item, "list_seats", self.integer),
                    self.claims(item, "district_seats", self.integer),
                )
            )
        return model.Vote(
            rid, vtype or "", dates, self.text(m, "title"), self.text(m, "chamber"),
            self.claims(m, "turnout", self.real),
            self.claims(m, "registered", self.integer),
            self.claims(m, "cast", self.integer), self.text(m, "outcome"), self.text(m, "note"),
            tuple(rows), self.citations(m), self.flag(m, "indirect"),
            self.claims(m, "seats", self.integer),
            self.claims(m, "candidates", self.integer),
            self.claims(m, "ballots_issued", self.integer),
            self.rounds(m), origin=self.origin(m),
        )  # fmt: skip

    def rounds(self, m: dict[str, Any]) -> tuple[model.VoteRound, ...]:
        items = m.get("rounds")
        if items is None:
            return ()
        if not isinstance(items, list):
            self.problem(self.line(m, "rounds"), "'rounds' must be a list")
            return ()
        out = []
        for item, line in zip(items, _lines(items)):
            if not isinstance(item, dict):
                self.problem(line, f"a round must be a mapping, not a {_typename(item)}")
                continue
            self.fields(item, ("round", "date", "turnout", "registered", "cast", "seats", "note", "citations"))
            number = item.get("round")
            if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                self.problem(self.line(item, "round") if "round" in item else line, "a round needs 'round': 1, 2, ...")
                continue
            out.append(
                model.VoteRound(
                    number, self.claims(item, "date", self.date),
                    self.claims(item, "turnout", self.real),
                    self.claims(item, "registered", self.integer),
                    self.claims(item, "cast", self.integer),
                    self.claims(item, "seats", self.integer), self.text(item, "note"),
                    self.citations(item, required=False),
                )
            )  # fmt: skip
        return tuple(out)
