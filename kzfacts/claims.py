"""Claims and their references, after Wikidata: every value carries the passages that support
it, and values that sources give differently stand side by side (`disputed` says when two
really disagree: not two stages of one count, not one figure at two precisions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass
else:
    from .struct import struct as dataclass


@dataclass(frozen=True, slots=True)
class Citation:
    """A source id and a verbatim passage of it that supports the claim."""

    source: str
    quote: str
    translation: str | None = None
    as_of: str | None = None  # the date at which the text shows the fact to hold

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "quote": self.quote}
        if self.translation:
            out["translation"] = self.translation
        if self.as_of:
            out["as_of"] = self.as_of
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Citation:
        return cls(d["source"], d["quote"], d.get("translation"), d.get("as_of"))


@dataclass(frozen=True, slots=True)
class Claim:
    """One value for a field; empty citations mean "the record's own citations support it"."""

    value: Any
    citations: tuple[Citation, ...] = ()
    stage: str | None = None  # "preliminary" or "final": a count's stage, not a disagreement

    def to_dict(self) -> dict[str, Any]:
        out = {"value": self.value, "citations": [c.to_dict() for c in self.citations]}
        if self.stage:
            out["stage"] = self.stage
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(d["value"], cites(d.get("citations")), d.get("stage"))


Claims = tuple[Claim, ...]


def cites(items: list[dict[str, Any]] | None) -> tuple[Citation, ...]:
    return tuple(Citation.from_dict(c) for c in items or ())


def claims(items: list[dict[str, Any]] | None) -> Claims:
    return tuple(Claim.from_dict(c) for c in items or ())


def disputed(cl: Claims) -> bool:
    """Two claims of one measure with different values; a preliminary and a final count of
    the same vote are two stages, and 84.0 beside 83.97 is one figure at two precisions, not
    a disagreement (both claims still stand, each with its source)."""
    for i, a in enumerate(cl):
        for b in cl[i + 1 :]:
            same_stage = a.stage is None or b.stage is None or a.stage == b.stage
            if a.value != b.value and same_stage and not rounded_alike(a.value, b.value):
                return True
    return False


def most_precise(cl: Claims) -> Any:
    """The value of the claim given to the most decimal places (the first where none is finer)."""
    numbers = [c.value for c in cl if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]
    return max(numbers, key=_places) if len(numbers) == len(cl) else cl[0].value


def rounded_alike(a: Any, b: Any) -> bool:
    """True when the less precise number is the other rounded to its precision (75.4 and 75.45)."""
    if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return False
    places = min(_places(a), _places(b))
    if _places(a) == _places(b):
        return False
    return bool(abs(a - b) <= 0.5 * 10**-places + 1e-9)


def _places(x: float) -> int:
    text = repr(float(x))
    return 0 if "e" in text or text.endswith(".0") else len(text.split(".")[1])


def values(cl: Claims) -> list[Any]:
    """Distinct claimed values in the order the data gives them."""
    seen: list[Any] = []
    for c in cl:
        if c.value not in seen:
            seen.append(c.value)
    return seen
