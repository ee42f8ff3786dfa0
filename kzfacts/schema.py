"""Each kind of record described once, as data on its fields (as FollowTheMoney describes
`Occupancy` in a schema file): how a field is read from YAML, what it refers to, its choices,
whether it dates the record or links it in the index. The loader's validation (`load.py`),
`from_dict`, `to_dict`, the index's dates and links (`index.py`) are all derived from it, so a
new measure on a kind is one line in `model.py`:

    spoiled: Claims = spec("claims", of="integer")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass, field, fields
else:
    from .struct import field, fields
    from .struct import struct as dataclass

from .claims import Citation, cites, claims
from .struct import _MISSING

READS = (
    "id", "text", "texts", "ref", "refs", "flag", "date", "choice", "claims", "term_date", "citations",
    "results", "rounds", "milestones", "preset", "derived", "none",
)  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """The whole description of one field."""

    read: str  # how the loader reads it (READS): "preset" by the enclosing reader, "derived" by another field, "none" never
    of: str = ""  # claims: the value's type (date, real, integer, plain)
    required: bool = False
    ref: str | None = None  # ref/refs: the kind (plural) the value names
    choices: tuple[str, ...] = ()
    link: str | None = None  # the index links the record to each value under this name
    dated: bool = False  # the record's date range in the index reads this field
    searched: bool = False  # the index's full-text body includes this field
    claims_in: str | None = None  # term_date: the attribute that keeps the claims as given
    citations_required: bool = True  # citations: at least one
    default: Any = True  # flag: the value when absent


def spec(read: str, default: Any = ..., **kw: Any) -> Any:
    """A field described by its Spec; `default` as a dataclass default (none: required)."""
    flag_default = kw.pop("flag_default", True)
    meta = {"spec": Spec(read, default=flag_default, **kw)}
    return field(metadata=meta) if default is ... else field(default=default, metadata=meta)


_SPECS: dict[type, tuple[tuple[str, Spec], ...]] = {}


def specs(cls: type) -> tuple[tuple[str, Spec], ...]:
    """(attribute, Spec) of every described field of a record class, in field order."""
    found = _SPECS.get(cls)
    if found is None:
        found = _SPECS[cls] = tuple(
            (f.name, f.metadata["spec"])
            for f in fields(cls)
            if "spec" in f.metadata  # type: ignore[arg-type]
        )
    return found


def key(attr: str) -> str:
    """The YAML and JSON key of an attribute: `from_` is `from`."""
    return attr.rstrip("_")


def yaml_keys(cls: type) -> tuple[str, ...]:
    """Every key a record of this class may carry in YAML."""
    return tuple(key(a) for a, s in specs(cls) if s.read not in ("derived", "none"))


def _dump(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}


def field_names(obj: Any) -> tuple[str, ...]:
    """The dataclass fields of a record (ClassVars such as `kind` excluded), once per class."""
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(obj))
    return names


class Record:
    """Shared behaviour of every kind: an id, citations, where it was read from."""

    kind: ClassVar[str]
    plural: ClassVar[str]
    id: str
    citations: tuple[Citation, ...]
    origin: Origin | None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _compiled(type(self)).to_dict(self)
        return out

    def all_citations(self) -> list[Citation]:
        """The record's citations and those of every claim inside it."""
        found: list[Citation] = _compiled(type(self)).all_citations(self)
        return found

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Any:
        """Rebuild a record from its `to_dict` form (trusted input: the index cache)."""
        return _compiled(cls).from_dict(cls, d)

    def display_name(self) -> str:
        for attr in ("title", "name", "label"):
            value = getattr(self, attr, None)
            if isinstance(value, str) and value:
                return value
        return self.id


class _Compiled:
    """Per-class `to_dict`, `all_citations` and `from_dict`, generated from the field
    annotations on first use: a 100k-record index build calls them for every record, and the
    generic loop over fields with isinstance checks was a third of the build."""

    def __init__(self, cls: type) -> None:
        annotations: dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            annotations.update(klass.__dict__.get("__annotations__", {}))  # noqa: RUF063 - no inspect import
        declared = [f for f in fields(cls) if f.name != "origin"]  # type: ignore[arg-type]
        items, cites_src = [f'"kind": {cls.kind!r}'], ["    found = []"]  # type: ignore[attr-defined]
        args: list[str] = []
        scope: dict[str, Any] = {"_dump": _dump, "claims": claims, "cites": cites}
        for f in declared:
            n, k = f.name, key(f.name)
            kind = str(annotations.get(n, ""))
            arg_count = len(args)
            if kind == "Claims":
                items.append(f'"{k}": [c.to_dict() for c in self.{n}]')
                cites_src.append(f"    for c in self.{n}: found.extend(c.citations)")
                args.append(f'claims(d.get("{k}"))')
            elif kind == "tuple[Citation, ...]":
                items.append(f'"{n}": [c.to_dict() for c in self.{n}]')
                if n == "citations":
                    cites_src.insert(1, "    found.extend(self.citations)")
                args.append(f'cites(d.get("{k}"))')
            elif kind.startswith("tuple[") and kind.removeprefix("tuple[").split(",")[0] in SUBRECORDS:
                sub = kind.removeprefix("tuple[").split(",")[0]
                scope[sub] = SUBRECORDS[sub]
                items.append(f'"{n}": [r.to_dict() for r in self.{n}]')
                cites_src.append(f"    for r in self.{n}: found.extend(r.all_citations())")
                args.append(f'tuple({sub}.from_dict(x) for x in d.get("{k}") or ())')
            elif kind == "tuple[str, ...]":
                items.append(f'"{k}": list(self.{n})')
                args.append(f'tuple(d.get("{k}") or ())')
            elif kind.startswith("tuple["):
                items.append(f'"{k}": _dump(self.{n})')
                args.append(f'tuple(d.get("{k}") or ())')
            else:
                items.append(f'"{k}": self.{n}')
                if kind == "bool":
                    args.append(f'bool(d.get("{k}", {f.default!r}))')
                elif _has_default(f):
                    scope[f"_d_{n}"] = f.default
                    args.append(f'_d_{n} if d.get("{k}") is None else d["{k}"]')
                else:
                    args.append(f'd["{k}"]')
            args[arg_count:] = [f"{n}={a}" for a in args[arg_count:]]
        source = (
            "def to_dict(self):\n    return {" + ", ".join(items) + "}\n"
            "def all_citations(self):\n" + "\n".join(cites_src) + "\n    return found\n"
            "def from_dict(cls, d):\n    return cls(" + ", ".join(args) + ")\n"
        )
        exec(source, scope)
        self.to_dict: Any = scope["to_dict"]
        self.all_citations: Any = scope["all_citations"]
        self.from_dict: Any = scope["from_dict"]


def _has_default(f: Any) -> bool:
    return f.default is not _MISSING


SUBRECORDS: dict[str, type] = {}  # sub-records a kind holds a tuple of: VoteResult, VoteRound, TermMilestone

_COMPILED: dict[type, _Compiled] = {}


def _compiled(cls: type) -> _Compiled:
    found = _COMPILED.get(cls)
    if found is None:
        found = _COMPILED[cls] = _Compiled(cls)
    return found


@dataclass(frozen=True, slots=True)
class Origin:
    """The file and line a record was read from, for error messages and `check` warnings."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"
