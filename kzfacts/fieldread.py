"""Reading one value of a record: text, ids, references, dates, numbers, claims, citations.

Each reader records a problem at the value's line (one problem per mistake) and keeps the fast
common case of a large overlay; `reader.Reader` applies them to any kind by its description.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from . import model
from .dates import canonical_period, parse_period
from .errors import KzfactsError
from .inputs import InputFile
from .model import Citation, Claim, Claims, Origin
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


class FieldReader:
    """Reads and checks single values of one file's records, recording each problem once."""

    def __init__(self, f: InputFile, ids: dict[str, set[str]], problems: list[str]):
        self.f, self.ids, self.problems = f, ids, problems
        self.failed = False

    def problem(self, line: int, msg: str) -> None:
        self.problems.append(at(self.f.shown, line, msg))
        self.failed = True

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
