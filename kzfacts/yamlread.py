"""Read YAML into plain values that remember their line numbers.

PyYAML's constructors forget where a value came from, and every data error must name its
`file:line`. So we compose the node graph (the C parser when present) and convert it ourselves,
which also lets us refuse duplicate keys and keep `1992-01-19` a string instead of a date.

One reader policy for YAML and JSON alike:
- YAML 1.2 core schema, not PyYAML's 1.1: `012` is 12 (not octal 10), `12:30` and `no` are
  text (not 750 and false), `1_000` is text; only `true/false`, `null/~`, decimal, `0o` and
  `0x` integers and decimal floats are anything but text.
- Numbers are finite and integers fit in 64 bits (SQLite's INTEGER): `.nan`, `.inf`, `1e400`,
  JSON's `NaN`/`Infinity` and 5,000-digit integers are errors naming their line.
- Duplicate keys are errors in JSON too (a second `"events"` list would drop the first), and
  so is nesting deeper than any record needs.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - only without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_NODES = 5_000_000
MAX_DEPTH = 32  # a vote's result's claim's citation is 8 deep; anything near this is not data
INT_LIMIT = 2**63  # SQLite's INTEGER is 64-bit signed

_INT10 = re.compile(r"[-+]?[0-9]+$")
_INT8 = re.compile(r"0o[0-7]+$")
_INT16 = re.compile(r"0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"\.(nan|NaN|NAN)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's composer with the YAML 1.2 core schema's implicit types instead of 1.1's."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML declares it so


_DIGITS = list("-+0123456789")
for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), _DIGITS),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        [*_DIGITS, "."],
    ),
    ("tag:yaml.org,2002:merge", re.compile(r"^<<$"), ["<"]),  # recognised only to be refused by name
):
    _Loader.add_implicit_resolver(_tag, _regexp, _first)


class BadValue(ValueError):
    """A scalar the reader policy refuses; its message says what and why."""


def to_int(text: str) -> int:
    """A YAML 1.2 core integer, within 64 bits."""
    if len(text) > 40:
        raise BadValue(f"integer {text[:12]}... has {len(text)} digits; the limit is 64 bits")
    if _INT10.match(text):
        value = int(text, 10)
    elif _INT8.match(text):
        value = int(text[2:], 8)
    elif _INT16.match(text):
        value = int(text[2:], 16)
    else:
        raise BadValue(f"{text!r} is not an integer")
    return check_int(value)


def check_int(value: int) -> int:
    if not -INT_LIMIT <= value < INT_LIMIT:
        raise BadValue(f"integer {str(value)[:12]}... is too large; the limit is 64 bits")
    return value


def to_float(text: str) -> float:
    """A YAML 1.2 core float, finite: NaN and infinities are not facts."""
    if _INF.match(text) or _NAN.match(text):
        raise BadValue(f"{text} is not a finite number")
    if not _FLOAT.match(text):
        raise BadValue(f"{text!r} is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise BadValue(f"{text[:20]} is too large to be a finite number")
    return value


def to_bool(text: str) -> bool:
    if text not in _BOOL:
        raise BadValue(f"{text!r} is not true or false")
    return _BOOL[text]


def to_null(text: str) -> None:
    if text not in _NULL:
        raise BadValue(f"{text!r} is not null")
    return None


_SCALARS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:int": to_int,
    "tag:yaml.org,2002:float": to_float,
    "tag:yaml.org,2002:bool": to_bool,
    "tag:yaml.org,2002:null": to_null,
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_TEXT_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}


class Map(dict):  # type: ignore[type-arg]
    """A mapping with the line of each key (1-based)."""

    line: int = 0
    lines: dict[str, int]


class Seq(list):  # type: ignore[type-arg]
    """A sequence with the line of each item (1-based)."""

    line: int = 0
    lines: list[int]


class YamlProblem(Exception):
    """Problems found while reading one file, each `(line, message)`."""

    def __init__(self, problems: list[tuple[int, str]]):
        super().__init__(problems[0][1] if problems else "")
        self.problems = problems


def read_data(path: Path) -> Any:
    """Read a YAML file (with line numbers) or a JSON file (fast, lines unknown).

    JSON is the format for large generated overlays: the standard library parses it tens of
    times faster than PyYAML. Where a JSON file turns out invalid, the loader re-reads it as YAML
    (JSON is YAML) to name the lines.
    """
    if path.suffix == ".json":
        return parse_json(read_text(path))
    return read_yaml(path)


class _Refused(Exception):
    """Raised from inside json.loads by a hook: the file breaks the reader policy."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise _Refused(f"duplicate key '{key}'")
    return out


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a finite number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"{text[:20]} is too large to be a finite number")
    return value


_CONSTANT_RE = re.compile(r"(?<![\w\"])(-?Infinity|NaN)(?![\w\"])")


def parse_json(text: str) -> Any:
    """Parse JSON under the reader policy; a problem names its line (via the YAML reader if need be)."""
    import json

    try:
        return json.loads(text, object_pairs_hook=_unique, parse_constant=_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise YamlProblem([(exc.lineno, f"invalid JSON: {exc.msg}")]) from None
    except _Refused as exc:
        problem = str(exc)
    except RecursionError:
        problem = f"nested deeper than {MAX_DEPTH} levels"
    except ValueError:  # int() of a number with thousands of digits
        problem = "an integer is too large; the limit is 64 bits"
    try:
        parse_yaml(text)  # JSON is YAML: the YAML reader names the line of most problems
    except YamlProblem as exc:  # its syntax complaints would blame valid JSON: only its policy ones count
        if exc.problems and all(line and not msg.startswith("invalid YAML") for line, msg in exc.problems):
            raise
    found = _CONSTANT_RE.search(text) if "not a finite" in problem else None
    raise YamlProblem([(text.count("\n", 0, found.start()) + 1 if found else 0, problem)])


def read_yaml(path: Path) -> Any:
    """Read one YAML file into Map/Seq/scalars, or raise YamlProblem with every problem found."""
    return parse_yaml(read_text(path))


def read_text(path: Path) -> str:
    """The file's text, read with a bound: only a regular file, at most MAX_FILE_BYTES.

    Opened non-blocking, so a FIFO swapped in after the caller looked cannot hang the read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise YamlProblem([(0, "is a directory, not a YAML file")]) from None
    except OSError as exc:
        raise YamlProblem([(0, f"cannot read: {exc.strerror or exc}")]) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise YamlProblem([(0, "is a directory, not a YAML file")])
        if not stat.S_ISREG(st.st_mode):
            raise YamlProblem([(0, "not a regular file")])
        if st.st_size > MAX_FILE_BYTES:
            raise YamlProblem(
                [
                    (
                        0,
                        f"file is {st.st_size / 2**20:.0f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB per file (split it)",
                    )
                ]
            )
        try:
            raw = fh.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise YamlProblem([(0, f"cannot read: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem([(0, f"file grew past {MAX_FILE_BYTES // 2**20} MiB while being read")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem([(line, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})")]) from None
    return text


def parse_yaml(text: str) -> Any:
    """Parse one YAML document from text (see read_yaml)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise YamlProblem([(line, f"invalid YAML: {what}")]) from None
    except yaml.reader.ReaderError as exc:  # a NUL or other control character: name it and its line
        line = text[: exc.position].count("\n") + 1
        raise YamlProblem([(line, f"control character 0x{int(exc.character):02x}: "
                                  "not allowed in YAML text")]) from None  # fmt: skip
    except yaml.YAMLError as exc:
        raise YamlProblem([(0, f"invalid YAML: {str(exc).splitlines()[0]}")]) from None
    except RecursionError:
        raise YamlProblem([(0, f"nested deeper than {MAX_DEPTH} levels")]) from None
    if node is None:
        return None
    converter = _Converter()
    value = converter.convert(node)
    if converter.problems:
        raise YamlProblem(converter.problems)
    return value


class _Converter:
    def __init__(self) -> None:
        self.problems: list[tuple[int, str]] = []
        self.count = 0

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem([(node.start_mark.line + 1, "too many values (alias expansion?)")])
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise YamlProblem([*self.problems, (line, f"nested deeper than {MAX_DEPTH} levels")])
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            self.problems.append((line, f"unsupported YAML tag {node.tag}"))
            return None
        if isinstance(node, yaml.MappingNode):
            out = Map()
            out.line, out.lines = line, {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append((key_line, "merge keys (<<) are not supported"))
                    continue
                key = self.convert(key_node, depth + 1)
                if not isinstance(key, str):
                    self.problems.append((key_line, f"keys must be text, not {key!r}"))
                    continue
                if key in out:
                    self.problems.append((key_line, f"duplicate key '{key}' (first on line {out.lines[key]})"))
                    continue
                out[key] = self.convert(value_node, depth + 1)
                out.lines[key] = key_line
            return out
        if isinstance(node, yaml.SequenceNode):
            seq = Seq()
            seq.line, seq.lines = line, []
            for item in node.value:
                seq.append(self.convert(item, depth + 1))
                seq.lines.append(item.start_mark.line + 1)
            return seq
        if node.tag in _TEXT_TAGS:
            return node.value
        assert isinstance(node, yaml.ScalarNode)
        build = _SCALARS.get(node.tag)
        if build is None:
            self.problems.append((line, f"unsupported YAML tag {node.tag}"))
            return None
        try:
            return build(node.value)
        except BadValue as exc:
            self.problems.append((line, str(exc)))
            return None
