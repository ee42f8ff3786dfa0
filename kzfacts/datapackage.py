"""`datapackage.json` for the CSV export: a Frictionless Tabular Data Package descriptor.

Every CSV of the export is a resource whose schema is read from the SQLite schema the CSVs are
written from (PRAGMA table_info and foreign_key_list), so a column or table added there is
described here with nothing else edited. The SQL type gives the field type (INTEGER integer,
REAL number, TEXT string, untyped `claims.value` any); a kind's flags and every `<field>_disputed`
are boolean (`1`/`0` in the CSV); dates are strings with the partial-date pattern (`1992`,
`1992-10`, `1992-10-19`, a range `A/B`, an open range `A/..`), since Frictionless's `date`
type takes only whole days. Primary keys are the tables' own (`id`), plus (parent, `position`)
for the numbered parts (`vote_results`, `term_milestones`); foreign keys are the REFERENCES.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from . import __version__, model, tables
from .schema import key, specs

PARTIAL_DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
DATE_PATTERN = f"{PARTIAL_DATE}(/({PARTIAL_DATE}|\\.\\.))?"
PRECISIONS = ["year", "month", "day", "range", "open range"]

_TYPES = {"INTEGER": "integer", "REAL": "number", "TEXT": "string", "": "any"}
_BOOLEAN = {"type": "boolean", "trueValues": ["1"], "falseValues": ["0"]}

LICENSE = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
DESCRIPTION = (
    "The kzfacts fact base (Kazakhstan: officials, Kazakhstan-UK relations, trade, elections) as one "
    "CSV per table of the SQLite export. Every fact cites a source and a verbatim quote (citations.csv, "
    "claims.csv). The MIT License is kzfacts's own (its code and its compilation of the facts); the "
    "quotes are short excerpts of third-party texts (news, official pages, reference works) listed in "
    "sources.csv, whose rights stay with their publishers."
)


def _records() -> Iterator[tuple[str, type]]:
    """(table, record class) of every typed table: each kind and its sub-record lists."""
    for cls in model.KINDS.values():
        yield cls.plural, cls  # type: ignore[attr-defined]
        for table, sub, _, _ in tables._parts(cls):
            if sub is not None:
                yield table, sub


def _kinds_of_columns() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Per table, the columns that are flags and those that hold dates, from the kinds' specs."""
    flags: dict[str, set[str]] = {}
    dates: dict[str, set[str]] = {"citations": {"as_of"}}
    for table, cls in _records():
        for attr, sp in specs(cls):
            if sp.read == "flag":
                flags.setdefault(table, set()).add(key(attr))
            elif sp.read in ("date", "term_date") or (sp.read == "claims" and sp.of == "date"):
                dates.setdefault(table, set()).add(key(attr))
    return flags, dates


def _field(name: str, sql_type: str, notnull: bool, is_flag: bool, is_date: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name}
    if is_flag or name.endswith("_disputed"):
        field.update(_BOOLEAN)
        if name.endswith("_disputed"):
            field["description"] = f"1 where sources disagree on {name.removesuffix('_disputed')} (then NULL)"
    elif is_date:
        field.update(type="string", description="ISO 8601 partial date, range A/B or open range A/..")
        field["constraints"] = {"pattern": DATE_PATTERN}
    elif name.endswith("_precision"):
        field.update(type="string", constraints={"enum": PRECISIONS})
    else:
        field["type"] = _TYPES.get(sql_type.upper(), "string")
    if notnull:
        field.setdefault("constraints", {})["required"] = True
    return field


def resource(db: sqlite3.Connection, table: str) -> dict[str, Any]:
    """One CSV's resource: path, dialect and its Table Schema."""
    flags, dates = _kinds_of_columns()
    columns = db.execute(f"PRAGMA table_info({table})").fetchall()  # cid, name, type, notnull, default, pk
    fields = [
        _field(name, sql_type, bool(notnull), name in flags.get(table, ()), name in dates.get(table, ()))
        for _, name, sql_type, notnull, _, _ in columns
    ]
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    names = [c[1] for c in columns]
    primary = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]]
    if not primary and "position" in names:
        primary = [names[0], "position"]  # a numbered part: its parent and its place in the list
    if primary:
        schema["primaryKey"] = primary
    foreign = []
    for _, _, target, column, target_column, *_ in db.execute(f"PRAGMA foreign_key_list({table})").fetchall():
        foreign.append({"fields": [column], "reference": {"resource": target, "fields": [target_column or "id"]}})
    if foreign:
        schema["foreignKeys"] = sorted(foreign, key=lambda fk: names.index(fk["fields"][0]))
    return {
        "name": table,
        "path": f"{table}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\n", "header": True},
        "schema": schema,
    }


def descriptor(db: sqlite3.Connection, table_names: Iterable[str]) -> dict[str, Any]:
    """The whole datapackage.json: the package's metadata and one resource per CSV."""
    return {
        "profile": "tabular-data-package",
        "name": "kzfacts",
        "title": "kzfacts: a source-cited fact base about Kazakhstan",
        "description": DESCRIPTION,
        "version": __version__,
        "licenses": [LICENSE],
        "sources": [
            {"title": f"kzfacts {__version__}", "path": "https://pypi.org/project/kzfacts/"},
            {"title": "The third-party texts each fact quotes: see sources.csv (title, publisher, url)"},
        ],
        "contributors": [{"title": "kzfacts contributors", "role": "author"}],
        "keywords": ["Kazakhstan", "officials", "elections", "trade", "citations"],
        "resources": [resource(db, t) for t in table_names],
    }
