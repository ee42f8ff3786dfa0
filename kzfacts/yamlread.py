"""Read YAML into plain values that remember their line numbers.

PyYAML's constructors forget where a value came from, and every data error must name its
`file:line`. So we compose the node graph (the C parser when present) and convert it ourselves,
which also lets us refuse duplicate keys and keep `1992-01-19` a string instead of a date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_NODES = 5_000_000

_constructor = yaml.constructor.SafeConstructor()
_SCALARS = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
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
        text = _text(path)
        import json

        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise YamlProblem([(exc.lineno, f"invalid JSON: {exc.msg}")]) from None
    return read_yaml(path)


def read_yaml(path: Path) -> Any:
    """Read one YAML file into Map/Seq/scalars, or raise YamlProblem with every problem found."""
    return parse_yaml(_text(path))


def _text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlProblem([(0, f"cannot read: {exc.strerror or exc}")]) from None
    if path.is_dir():
        raise YamlProblem([(0, "is a directory, not a YAML file")])
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            [(0, f"file is {size / 2**20:.0f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB per file (split it)")]
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlProblem([(0, f"cannot read: {exc.strerror or exc}")]) from None
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
    except yaml.YAMLError as exc:
        raise YamlProblem([(0, f"invalid YAML: {str(exc).splitlines()[0]}")]) from None
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

    def convert(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem([(node.start_mark.line + 1, "too many values (alias expansion?)")])
        line = node.start_mark.line + 1
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
                key = self.convert(key_node)
                if not isinstance(key, str):
                    self.problems.append((key_line, f"keys must be text, not {key!r}"))
                    continue
                if key in out:
                    self.problems.append((key_line, f"duplicate key '{key}' (first on line {out.lines[key]})"))
                    continue
                out[key] = self.convert(value_node)
                out.lines[key] = key_line
            return out
        if isinstance(node, yaml.SequenceNode):
            seq = Seq()
            seq.line, seq.lines = line, []
            for item in node.value:
                seq.append(self.convert(item))
                seq.lines.append(item.start_mark.line + 1)
            return seq
        if node.tag in _TEXT_TAGS:
            return node.value
        assert isinstance(node, yaml.ScalarNode)
        build = _SCALARS.get(node.tag)
        if build is None:
            self.problems.append((line, f"unsupported YAML tag {node.tag}"))
            return None
        return build(node)
