"""The reader of one file's records: every field read and checked by its Spec (schema.py).

`FieldReader` (fieldread.py) reads single values; `Reader.read` applies them to any kind by
its description, then a kind's own rules (a term may not end before it starts, a post's end
needs a citation...) run from `RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from . import model
from .dates import parse_period
from .fieldread import _BAD_TEXT, FieldReader, _Invalid, at, line_of, lines, typename
from .model import Record
from .schema import Spec, specs, yaml_keys
from .schema import key as keyof

__all__ = ["Reader", "at", "line_of", "lines", "typename"]


class Reader(FieldReader):
    """Validates the records of one file into model records."""

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
