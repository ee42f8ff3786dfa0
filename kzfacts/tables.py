"""The export's typed tables, derived from each kind's description (schema.py), so a measure
added to a kind gets its column with nothing else edited.

One table per kind (`votes`), one per list of sub-records (`vote_results`, `vote_rounds`,
`term_milestones`) and one per list of references (`event_people`). A claimable field becomes
its agreed value (NULL where sources disagree) and `<field>_disputed`; a field that dates the
record also gets `<field>_precision`. Columns follow a kind's `EXPORT` order where it declares
one (the order docs/export.md documents), then every other field in the kind's own order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import model
from .model import FactBase
from .schema import Spec, key, specs

_SQL_TYPE = {"date": "TEXT", "real": "REAL", "integer": "INTEGER", "plain": "TEXT"}
_SUB = ("results", "rounds", "milestones")
_SUBRECORDS: dict[str, type] = {
    "results": model.VoteResult,
    "rounds": model.VoteRound,
    "milestones": model.TermMilestone,
}


def agreed(claims: model.Claims) -> tuple[Any, int]:
    """(value, disputed) for a typed column: the value when every claim agrees, else NULL and 1.

    Claims of different count stages are not a dispute, and a final count the texts agree on
    is the value even where preliminary counts differ."""
    if not claims:
        return None, 0
    final = tuple(c for c in claims if c.stage == "final")
    if final and not model.disputed(final):
        return model.most_precise(final), 0  # an agreed final count outranks the preliminary ones
    if model.disputed(claims):
        return None, 1
    return model.most_precise(claims), 0  # 84.0 beside 83.97: one figure, the finer one typed


def precision(text: str | None) -> str | None:
    """day, month, year, range or open range: how much of an ISO date text the source gave."""
    if not text:
        return None
    if "/" in text:
        return "open range" if text.endswith("/..") else "range"
    return {4: "year", 7: "month", 10: "day"}.get(len(text), "unknown")


def _ordered(cls: type) -> list[tuple[str, Spec]]:
    """A kind's described fields in column order: its EXPORT names first, then the rest."""
    described = dict(specs(cls))
    first = [a for a in getattr(cls, "EXPORT", ()) if a in described]
    return [(a, described[a]) for a in first] + [(a, s) for a, s in described.items() if a not in first]


def _columns(cls: type, attrs: list[tuple[str, Spec]]) -> list[str]:
    """SQL column definitions of a kind's scalar fields."""
    cols: list[str] = []
    for attr, sp in attrs:
        name, null = _quoted(key(attr)), " NOT NULL" if sp.required else ""
        if sp.read == "id":
            cols.append(f"{name} TEXT PRIMARY KEY")
        elif sp.read in ("text", "choice", "texts"):
            cols.append(f"{name} TEXT{null}")
        elif sp.read == "ref":
            cols.append(f"{name} TEXT{null} REFERENCES {sp.ref}(id)")
        elif sp.read == "flag" or sp.read == "preset":
            cols.append(f"{name} INTEGER NOT NULL")
        elif sp.read == "date":
            cols.append(f"{name} TEXT")
            cols += [f"{key(attr)}_precision TEXT"] if sp.dated else []
        elif sp.read in ("claims", "term_date"):
            cols.append(f"{name} {_SQL_TYPE.get(sp.of, 'TEXT')}")
            cols += [f"{key(attr)}_precision TEXT"] if sp.dated else []
            cols.append(f"{key(attr)}_disputed INTEGER NOT NULL")
    return cols


def _quoted(name: str) -> str:
    return f'"{name}"' if name in ("from", "to", "end", "cast") else name


def _cells(record: Any, attrs: list[tuple[str, Spec]]) -> list[Any]:
    out: list[Any] = []
    for attr, sp in attrs:
        value = getattr(record, attr)
        if sp.read in ("id", "text", "choice", "ref", "preset"):
            out.append(value)
        elif sp.read == "texts":
            out.append("; ".join(value))
        elif sp.read == "flag":
            out.append(int(value))
        elif sp.read == "date":
            out += [value, precision(value)] if sp.dated else [value]
        elif sp.read == "term_date":
            claims = getattr(record, sp.claims_in or f"{attr}_claims")
            if claims and model.disputed(claims):
                out += [None, None, 1]
            else:
                out += [value, precision(value), 0]
        elif sp.read == "claims":
            shown, disputed = agreed(value)
            out += [shown, precision(shown), disputed] if sp.dated else [shown, disputed]
    return out


def _scalar(attrs: list[tuple[str, Spec]]) -> list[tuple[str, Spec]]:
    return [(a, s) for a, s in attrs if s.read not in (*_SUB, "refs", "citations", "none", "derived")]


def _parts(cls: type) -> Iterator[tuple[str, type | None, str, Spec | None]]:
    """(table, sub-record class or None for a reference list, attribute, spec) of a kind."""
    for attr, sp in _ordered(cls):
        if sp.read in _SUB:
            yield f"{cls.kind}_{key(attr)}", _SUBRECORDS[sp.read], attr, sp  # type: ignore[attr-defined]
        elif sp.read == "refs":
            yield f"{cls.kind}_{key(attr)}", None, attr, sp  # type: ignore[attr-defined]


def schema() -> str:
    """CREATE TABLE statements for every kind and its parts."""
    out = []
    for cls in model.KINDS.values():
        out.append(f"CREATE TABLE {cls.plural}({', '.join(_columns(cls, _scalar(_ordered(cls))))});")  # type: ignore[attr-defined]
        for table, sub, _, sp in _parts(cls):
            parent = f"{cls.kind} TEXT NOT NULL REFERENCES {cls.plural}(id)"  # type: ignore[attr-defined]
            if sub is None:
                assert sp is not None and sp.ref
                target = model.KINDS[sp.ref]
                out.append(f"CREATE TABLE {table}({parent}, {target.kind} TEXT NOT NULL REFERENCES {sp.ref}(id));")
                continue
            cols = _columns(sub, _scalar(_ordered(sub)))
            numbered = [] if any(a for a, s in specs(sub) if s.read == "preset") else ["position INTEGER NOT NULL"]
            out.append(f"CREATE TABLE {table}({', '.join([parent, *numbered, *cols])});")
    return "\n".join(out) + "\n"


def tables() -> list[str]:
    """Every typed table's name, each kind followed by its parts."""
    names = []
    for cls in model.KINDS.values():
        names.append(cls.plural)  # type: ignore[attr-defined]
        names += [table for table, *_ in _parts(cls)]
    return names


def rows(base: FactBase) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) for every record of every kind and its parts."""
    for plural, cls in model.KINDS.items():
        scalar = _scalar(_ordered(cls))
        parts = list(_parts(cls))
        for record in base.of(plural):
            yield plural, tuple(_cells(record, scalar))
            for table, sub, attr, _ in parts:
                items = getattr(record, attr)
                if sub is None:
                    for target in items:
                        yield table, (record.id, target)
                    continue
                sub_scalar = _scalar(_ordered(sub))
                numbered = not any(s.read == "preset" for _, s in specs(sub))
                for i, item in enumerate(items):
                    yield table, (record.id, *([i + 1] if numbered else []), *_cells(item, sub_scalar))
