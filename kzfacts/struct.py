"""`dataclass` for the start-up path, at a fraction of its import cost.

Every query starts a process, and `dataclasses` (with `inspect`) plus its per-class work cost
more than the answer: about a fifth of a warm `who --json`. Modules that build records import
`struct` and `field` from here at run time and from `dataclasses` under `TYPE_CHECKING`, so the
type checker still sees ordinary dataclasses. Supported: positional/keyword `__init__` in field
order, defaults and `default_factory`, `compare=False`, `metadata`, `frozen` (hashable; assignment is not
blocked), `__eq__`, `__repr__` and `fields()`. Nothing else is used in this package.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_MISSING: Any = object()


class Field:
    __slots__ = ("compare", "default", "default_factory", "metadata", "name")

    def __init__(
        self, default: Any = _MISSING, default_factory: Any = _MISSING, compare: bool = True,
        metadata: dict[str, Any] | None = None,
    ) -> None:  # fmt: skip
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.metadata = metadata or {}


def field(
    *, default: Any = _MISSING, default_factory: Any = _MISSING, compare: bool = True,
    metadata: dict[str, Any] | None = None,
) -> Any:  # fmt: skip
    return Field(default, default_factory, compare, metadata)


def fields(obj: Any) -> tuple[Field, ...]:
    return obj.__struct_fields__  # type: ignore[no-any-return]


def struct(cls: Any = None, /, *, frozen: bool = False, slots: bool = False) -> Any:
    """Class decorator: an `__init__` compiled once per class, generic `__eq__`/`__repr__`.

    `slots`: the class is rebuilt with `__slots__` (no per-instance dict), as dataclasses does:
    for the small values a fact base holds by the hundred thousand (claims, citations)."""

    def wrap(klass: type) -> type:
        return _build(_slotted(klass) if slots else klass, frozen)

    return wrap if cls is None else wrap(cls)


def _slotted(klass: type) -> type:
    """`klass` again, with a slot per own field; defaults stay with the fields (the generated
    `__init__` fills them), not as class attributes, which slots would clash with."""
    own = _own_fields(klass)
    names = tuple(f.name for f in own)
    namespace = {k: v for k, v in klass.__dict__.items() if k not in (*names, "__dict__", "__weakref__")}
    namespace["__slots__"] = names
    namespace["__struct_defaults__"] = own  # read back by _own_fields (the class attributes are gone)
    return type(klass)(klass.__name__, klass.__bases__, namespace)


def _own_fields(klass: type) -> list[Field]:
    if "__struct_defaults__" in klass.__dict__:  # a slotted class: its fields were read before
        return list(klass.__dict__["__struct_defaults__"])
    found: list[Field] = []
    for name, annotation in klass.__dict__.get("__annotations__", {}).items():  # noqa: RUF063 - no inspect import
        if "ClassVar" in str(annotation):
            continue
        value = klass.__dict__.get(name, _MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        found.append(f)
    return found


def _build(klass: type, frozen: bool) -> type:
    inherited: list[Field] = []
    for base in reversed(klass.__mro__[1:]):
        inherited.extend(getattr(base, "__struct_own__", ()))
    own = _own_fields(klass)
    by_name = {f.name: f for f in inherited}
    by_name.update({f.name: f for f in own})
    all_fields = tuple(by_name.values())
    params, body, scope = [], [], {"_MISSING": _MISSING}
    for f in all_fields:
        if f.default_factory is not _MISSING:
            scope[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            body.append(f"    self.{f.name} = _f_{f.name}() if {f.name} is _MISSING else {f.name}")
        else:
            if f.default is not _MISSING:
                scope[f"_d_{f.name}"] = f.default
                params.append(f"{f.name}=_d_{f.name}")
            else:
                params.append(f.name)
            body.append(f"    self.{f.name} = {f.name}")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, scope)  # the one generated function, as dataclasses does for __init__
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{klass.__qualname__}.__init__"
    klass.__init__ = init  # type: ignore[misc]
    klass.__struct_own__ = tuple(own)  # type: ignore[attr-defined]
    klass.__struct_fields__ = all_fields  # type: ignore[attr-defined]
    compared = tuple(f.name for f in all_fields if f.compare)
    klass.__struct_compared__ = compared  # type: ignore[attr-defined]
    for f in own:  # class attributes that held defaults would shadow nothing, but keep them plain
        if "__slots__" in klass.__dict__:
            break  # slots are the attributes; defaults live in __init__
        if isinstance(klass.__dict__.get(f.name), Field):
            if f.default is not _MISSING:
                setattr(klass, f.name, f.default)
            else:
                delattr(klass, f.name)
    if "__eq__" not in klass.__dict__:
        klass.__eq__ = _eq  # type: ignore[assignment]
    if "__repr__" not in klass.__dict__:
        klass.__repr__ = _repr  # type: ignore[assignment]
    klass.__hash__ = _hash if frozen else None  # type: ignore[assignment]
    return klass


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, n) for n in self.__struct_compared__)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    inner = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self.__struct_fields__)
    return f"{self.__class__.__qualname__}({inner})"
