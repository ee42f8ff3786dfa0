"""Load and validate the fact base: packaged YAML, then user files merged over it.

Two passes: the first reads every file and collects every id, so the second can check each
reference (a citation's source, a term's person) at the exact line where it is made, whichever
file defines the target. Every problem of the run is reported at once, one `file:line: ...` each.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from typing import Any

from . import model
from .errors import DataError
from .inputs import PACKAGE_DATA, InputFile, input_files, packaged_files, user_files
from .model import FactBase, Record
from .reader import Reader, at, line_of, typename
from .yamlread import Map, YamlProblem, parse_yaml, read_data, read_text

__all__ = ["PACKAGE_DATA", "InputFile", "input_files", "load", "packaged_files", "user_files"]

# The vocabularies a field's choices come from (model.py), here too for older imports.
TRADE_INDICATORS = model.TRADE_INDICATORS
SOURCE_KINDS = model.SOURCE_KINDS
DATE_BASES = model.DATE_BASES
VOTE_TYPES = model.VOTE_TYPES


def load(user: Iterable[str] = (), *, files: list[InputFile] | None = None, lean: bool = False) -> FactBase:
    """Load the packaged fact base with user files merged over it; DataError lists every problem.

    `lean` (an export): user files are parsed twice, once for their ids and once for their
    records, so their parsed documents never all stand in memory beside the records (a
    200,000-record overlay: 308 MB -> see docs/performance.md), at the cost of a second parse."""
    with paused_gc():
        return _load(input_files(user) if files is None else files, lean)


def _parse(f: InputFile, problems: list[str]) -> dict[str, Any] | None:
    """A file's document, or None with its problems told."""
    try:
        doc = _packaged_doc(f) if f.packaged else read_data(f.path)
    except YamlProblem as exc:
        problems.extend(at(f.shown, line, msg) for line, msg in exc.problems)
        return None
    if doc is None:
        problems.append(f"{f.shown}: empty file (expected a mapping such as 'events: [...]')")
        return None
    if not isinstance(doc, dict):
        problems.append(f"{f.shown}:1: expected a mapping of kinds (events, people, ...), not a {typename(doc)}")
        return None
    return doc


def _load(files: list[InputFile], lean: bool = False) -> FactBase:
    problems: list[str] = []
    docs: list[tuple[InputFile, dict[str, Any] | None]] = []
    ids: dict[str, set[str]] = {k: set() for k in model.KINDS}
    for f in files:
        doc = _parse(f, problems)
        if doc is not None:
            _collect_ids(doc, ids)
            docs.append((f, None if lean and not f.packaged else doc))
    base = FactBase()
    docs.reverse()
    while docs:  # each file's parsed document is let go once read: never every record twice over
        f, doc = docs.pop()
        doc = doc if doc is not None else _parse(f, [])
        if doc is None:  # pragma: no cover - the file changed between the two reads
            continue
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
        return [at(f.shown, line, msg) for line, msg in exc.problems] if named else []
    found: list[str] = []
    if isinstance(doc, dict):
        _read_records(FactBase(), f, doc, ids, found)
    return found


def _read_records(
    base: FactBase, f: InputFile, doc: dict[str, Any], ids: dict[str, set[str]], problems: list[str]
) -> None:
    reader = Reader(f, ids, problems)
    for plural, items in doc.items():
        for record in reader.records(plural, items, line_of(doc, plural)):
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


def _collect_ids(doc: dict[str, Any], ids: dict[str, set[str]]) -> None:
    """Every id a document declares, by kind: records may cite those of any file."""
    for plural, items in doc.items():
        if plural in ids and isinstance(items, list):
            ids[plural].update(  # `id: 123` is read as the text "123", so it is cited as such too
                str(i["id"]) for i in items if isinstance(i, dict) and type(i.get("id")) in (str, int)
            )
