"""The reader of one file's records: every field read and checked by its Spec (schema.py).

The field readers (text, dates, numbers, claims, citations) keep the fast common cases of a
large overlay; `read` applies them to any kind by its description, then a kind's own rules
(a term may not end before it starts, a post's end needs a citation...) run in `RULES`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from . import model
from .dates import canonical_period, parse_period
from .errors import KzfactsError
from .inputs import InputFile
from .model import Citation, Claim, Claims, Origin, Record
from .schema import Spec, specs, yaml_keys
from .schema import key as keyof
from .yamlread import INT_LIMIT

MAX_QUOTE = 300
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STAGES = ("preliminary", "final")
# C0 controls but tab, LF and CR; DEL; C1 controls; lone surrogates.
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_FIELD_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def lines(items: list[Any]) -> list[int]:
    """Line of each item: recorded for YAML, unknown (0) for JSON read on the fast path."""
    return getattr(items, "lines", None) or [getattr(items, "line", 0)] * len(items)


def line_of(m: dict[str, Any], key: str) -> int:
    found = getattr(m, "lines", None)
    return found.get(key, getattr(m, "line", 0)) if found else getattr(m, "line", 0)


def at(shown: str, line: int, msg: str) -> str:
    return f"{shown}:{line}: {msg}" if line else f"{shown}: {msg}"


def typename(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "null"
    return {bool: "boolean", int: "number", float: "number", str: "string"}.get(type(value), type(value).__name__)


class _Invalid(Exception):
    """Stops reading one record after its problem was recorded."""


class Reader:
    """Validates the records of one file into model records."""

    def __init__(self, f: InputFile, ids: dict[str, set[str]], problems: list[str]):
        self.f, self.ids, self.problems = f, ids, problems
        self.failed = False

    def problem(self, line: int, msg: str) -> None:
        self.problems.append(at(self.f.shown, line, msg))
        self.failed = True

    def records(self, plural: str, items: Any, line: int) -> Iterator[Record]:
        cls = model.KINDS.get(plural)
        if cls is None:
            self.problem(line, f"unknown kind '{plural}' (expected one of: {', '.join(model.KINDS)})")
            return
        if items is None:
            return
        if not isinstance(items, list):
            self.problem(line, f"'{plural}' must be a list of records, not a {typename(items)}")
            return
        for item, item_line in zip(items, lines(items)):
            if not isinstance(item, dict):
                self.problem(item_line, f"a record in '{plural}' must be a mapping, not a {typename(item)}")
                continue
            self.failed = False
            try:
                record = self.read(cls, item)
            except _Invalid:
                continue
            if not self.failed:
                yield record

    # -- any kind, by its description ------------------------------------------------------

    def read(self, cls: type[Any], m: dict[str, Any], preset: dict[str, Any] | None = None) -> Any:
        """One record of `cls`: its keys checked, each field read by its Spec, then its rules."""
        plan = _PLANS.get(cls) or _plan(cls)
        self.fields(m, plan.allowed)
        values: dict[str, Any] = dict(preset) if preset else {}
        for read, attr, k, sp in plan.steps:
            read(self, m, attr, k, sp, values)
        for attr in plan.required:
            if attr not in values:
                values[attr] = None  # its problem is told; the record is dropped
        if plan.origin:
            values["origin"] = self.origin(m)
        record = cls(**values)
        if plan.rule is not None:
            plan.rule(self, m, record)
        return record

    def _id(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        out[attr] = self.ident(m)

    def _text(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        raw = m.get(k)
        if type(raw) is str and (stripped := raw.strip()) and not _BAD_TEXT.search(raw):
            out[attr] = stripped  # the common case
            return
        value = self.text(m, k, required=sp.required)
        if value is not None or sp.required:
            out[attr] = value

    def _texts(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        out[attr] = self.texts(m, k, sp.ref)

    def _ref(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        out[attr] = self.ref(m, k, sp.ref or "", required=sp.required)

    def _flag(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        value = m.get(k, sp.default)
        if not isinstance(value, bool):
            self.problem(self.line(m, k), f"'{k}' must be true or false")
            value = sp.default
        out[attr] = value

    def _date(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        out[attr] = self.date(m.get(k), self.line(m, k), k)

    def _choice(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        value = self.text(m, k, required=sp.required)
        if value is not None and value not in sp.choices:
            self.problem(self.line(m, k), f"{k} {value!r} is not one of: {', '.join(sp.choices)}")
        out[attr] = value

    def _claims(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        found = self.claims(m, k, getattr(self, sp.of))
        if sp.required and not found and m.get(k) is None:
            self.problem(getattr(m, "line", 0), f"missing required field '{k}'")
        out[attr] = found

    def _term_date(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        out[attr], out[sp.claims_in or f"{attr}_claims"] = self.term_date(m, k)

    def _citations(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        out[attr] = self.citations(m, required=sp.citations_required)

    def _results(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        out[attr] = self.subrecords(m, k, model.VoteResult, "a result")

    def _milestones(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        out[attr] = self.subrecords(m, k, model.TermMilestone, "a milestone")

    def _rounds(self, m: dict[str, Any], attr: str, k: str, sp: Spec, out: dict[str, Any]) -> None:
        out[attr] = self.subrecords(m, k, model.VoteRound, "a round")

    def subrecords(self, m: dict[str, Any], k: str, cls: type[Any], what: str) -> tuple[Any, ...]:
        items = m.get(k)
        if items is None:
            return ()
        if not isinstance(items, list):
            self.problem(self.line(m, k), f"'{k}' must be a list")
            return ()
        out = []
        for item, item_line in zip(items, lines(items)):
            if not isinstance(item, dict):
                self.problem(item_line, f"{what} must be a mapping, not a {typename(item)}")
                continue
            preset = None
            if cls is model.VoteRound:
                number = item.get("round")
                if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                    where = self.line(item, "round") if "round" in item else item_line
                    self.problem(where, "a round needs 'round': 1, 2, ...")
                    continue
                preset = {"round": number}
            out.append(self.read(cls, item, preset))
        return tuple(out)

    # -- field readers -------------------------------------------------------------------

    def line(self, m: dict[str, Any], key: str) -> int:
        return line_of(m, key)

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
            self.problem(self.line(m, key), f"'{key}' must be a list, not a {typename(value)}")
            return ()
        known = self.ids[plural] if plural else None
        if all(type(item) is str and not _BAD_TEXT.search(item) and (known is None or item in known) for item in value):
            return tuple(value)  # the common case: nothing to tell, no line to look up
        out = []
        for item, line in zip(value, lines(value)):
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
            self.problem(line, f"'{key}' must be a date like \"2018-06-22\", not a {typename(value)}")
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
            self.problem(self.line(m, key), f"'{key}' must be a list of {{source, quote}}, not a {typename(value)}")
            return ()
        out = []
        for item, line in zip(value, lines(value)):
            if not isinstance(item, dict):
                self.problem(line, f"a citation must be a mapping {{source, quote}}, not a {typename(item)}")
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
            for item, item_line in zip(value, lines(value)):
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
            shown = f"{value!r}" if isinstance(value, str) else f"a {typename(value)}"
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
            self.problem(line, f"{what} must be text, not a {typename(value)}")
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

    def choice(self, m: dict[str, Any], key: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(m, key)
        if value is not None and value not in choices:
            self.problem(self.line(m, key), f"{key} {value!r} is not one of: {', '.join(choices)}")
        return value


# -- rules of a kind beyond its fields ------------------------------------------------------


def _source_rule(r: Reader, m: dict[str, Any], s: model.Source) -> None:
    if s.date_basis and m.get("date") is None:
        r.problem(r.line(m, "date_basis"), "'date_basis' without a 'date'")


def _post_rule(r: Reader, m: dict[str, Any], p: model.Post) -> None:
    if any(not c.citations for c in p.end) and not p.citations:
        r.problem(r.line(m, "end"), "a post's 'end' needs citations (on the claim or the post)")


def _term_rule(r: Reader, m: dict[str, Any], t: model.Term) -> None:
    if t.start and t.end and parse_period(t.end).hi < parse_period(t.start).lo:
        r.problem(r.line(m, "end"), f"term ends ({t.end}) before it starts ({t.start})")


def _milestone_rule(r: Reader, m: dict[str, Any], t: model.TermMilestone) -> None:
    if not t.citations and any(not c.citations for c in t.date):
        r.problem(getattr(m, "line", 0), "a milestone needs citations (on itself or on its date claims)")


class _Plan:
    """How to read one kind, worked out once from its description."""

    __slots__ = ("allowed", "origin", "required", "rule", "steps")

    def __init__(self, cls: type[Any]) -> None:
        self.allowed = yaml_keys(cls)
        self.steps = tuple((_READ[sp.read], attr, keyof(attr), sp) for attr, sp in specs(cls) if sp.read in _READ)
        self.required = tuple(attr for attr, sp in specs(cls) if sp.required)
        self.origin = cls.plural in model.KINDS
        self.rule = RULES.get(cls)


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type[Any]) -> _Plan:
    found = _PLANS[cls] = _Plan(cls)
    return found


RULES: dict[type, Callable[[Reader, dict[str, Any], Any], None]] = {
    model.Source: _source_rule, model.Post: _post_rule, model.Term: _term_rule, model.TermMilestone: _milestone_rule,
}  # fmt: skip

_READ: dict[str, Callable[[Reader, dict[str, Any], str, str, Spec, dict[str, Any]], None]] = {
    "id": Reader._id, "text": Reader._text, "texts": Reader._texts, "refs": Reader._texts, "ref": Reader._ref,
    "flag": Reader._flag, "date": Reader._date, "choice": Reader._choice, "claims": Reader._claims,
    "term_date": Reader._term_date, "citations": Reader._citations, "results": Reader._results,
    "rounds": Reader._rounds, "milestones": Reader._milestones,
}  # fmt: skip
