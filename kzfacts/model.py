"""The fact model: plain typed records, shaped after Popolo (people, posts, terms) and Wikidata
(every claim carries its references; conflicting claims stand side by side).

Records are built by `load.py` (validated, from YAML) or by `from_dict` (trusted, from the
index cache). `to_dict` is the stable JSON shape documented in the README: claimable fields are
always lists of `{"value", "citations"}`, so scripts never meet a value that is sometimes a list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass, field, fields
else:
    from .struct import field, fields
    from .struct import struct as dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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

    def display_name(self) -> str:
        for attr in ("title", "name", "label"):
            value = getattr(self, attr, None)
            if isinstance(value, str) and value:
                return value
        return self.id


class _Compiled:
    """Per-class `to_dict` and `all_citations`, generated from the field annotations on first
    use: a 100k-record index build calls them for every record, and the generic loop over
    fields with isinstance checks was a third of the build."""

    def __init__(self, cls: type) -> None:
        annotations: dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            annotations.update(klass.__dict__.get("__annotations__", {}))  # noqa: RUF063 - no inspect import
        names = [n for n in (f.name for f in fields(cls)) if n != "origin"]  # type: ignore[arg-type]
        items, cites = [f'"kind": {cls.kind!r}'], ["    found = []"]  # type: ignore[attr-defined]
        for n in names:
            kind = str(annotations.get(n, ""))
            if kind == "Claims":
                items.append(f'"{n.rstrip("_")}": [c.to_dict() for c in self.{n}]')
                cites.append(f"    for c in self.{n}: found.extend(c.citations)")
            elif kind == "tuple[Citation, ...]":
                items.append(f'"{n}": [c.to_dict() for c in self.{n}]')
                if n == "citations":
                    cites.insert(1, "    found.extend(self.citations)")
            elif kind.startswith(("tuple[Vote", "tuple[TermMilestone")):
                items.append(f'"{n}": [r.to_dict() for r in self.{n}]')
                cites.append(f"    for r in self.{n}: found.extend(r.all_citations())")
            elif kind == "tuple[str, ...]":
                items.append(f'"{n}": list(self.{n})')
            elif kind.startswith("tuple["):
                items.append(f'"{n}": _dump(self.{n})')
            else:
                items.append(f'"{n.rstrip("_")}": self.{n}')
        source = (
            "def to_dict(self):\n    return {" + ", ".join(items) + "}\n"
            "def all_citations(self):\n" + "\n".join(cites) + "\n    return found\n"
        )
        scope: dict[str, Any] = {"_dump": _dump}
        exec(source, scope)
        self.to_dict: Any = scope["to_dict"]
        self.all_citations: Any = scope["all_citations"]


_COMPILED: dict[type, _Compiled] = {}


def _compiled(cls: type) -> _Compiled:
    found = _COMPILED.get(cls)
    if found is None:
        found = _COMPILED[cls] = _Compiled(cls)
    return found


@dataclass(frozen=True)
class Origin:
    """The file and line a record was read from, for error messages and `check` warnings."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Source(Record):
    kind: ClassVar[str] = "source"
    plural: ClassVar[str] = "sources"
    id: str
    file: str
    collection: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    language: str = "en"
    citations: tuple[Citation, ...] = ()
    title_inferred: bool = False  # the stored copy shows no title: ours is descriptive
    title_en: str | None = None  # an English rendering of a non-English title
    date_basis: str | None = None  # where `date` was read: "url" or "text"
    source_kind: str | None = None  # official, news, reference, analysis or other
    retrieved: str | None = None  # the day the text was retrieved
    origin: Origin | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("citations")
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(
            d["id"], d["file"], d.get("collection"), d.get("title"), d.get("publisher"),
            d.get("url"), d.get("date"), d.get("language") or "en", (), bool(d.get("title_inferred")),
            d.get("title_en"), d.get("date_basis"), d.get("source_kind"), d.get("retrieved"),
        )  # fmt: skip


@dataclass
class Post(Record):
    kind: ClassVar[str] = "post"
    plural: ClassVar[str] = "posts"
    id: str
    label: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    single_holder: bool = True
    citations: tuple[Citation, ...] = ()
    coverage_from: str | None = None  # the month from which `stats` measures who held it
    end: Claims = ()  # the post or its body ceases to exist: no term runs past it
    successor: str | None = None  # the post that replaces it
    note: str | None = None
    origin: Origin | None = field(default=None, compare=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Post:
        return cls(
            d["id"], d["label"], d.get("country"), tuple(d.get("aliases") or ()),
            bool(d.get("single_holder", True)), cites(d.get("citations")), d.get("coverage_from"),
            claims(d.get("end")), d.get("successor"), d.get("note"),
        )  # fmt: skip


@dataclass
class Person(Record):
    kind: ClassVar[str] = "person"
    plural: ClassVar[str] = "people"
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    birth_year: Claims = ()
    citations: tuple[Citation, ...] = ()
    origin: Origin | None = field(default=None, compare=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Person:
        return cls(
            d["id"], d["name"], tuple(d.get("aliases") or ()), claims(d.get("birth_year")),
            cites(d.get("citations")),
        )  # fmt: skip


@dataclass
class Term(Record):
    """A person in a post; `end` None means open (still held as of the latest evidence)."""

    kind: ClassVar[str] = "term"
    plural: ClassVar[str] = "terms"
    id: str
    post: str
    person: str
    start: str | None = None
    end: str | None = None
    end_derived_from: str | None = None
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    acting: bool = False
    start_claims: Claims = ()  # where texts disagree; `start`/`end` then span every claim
    end_claims: Claims = ()
    milestones: tuple[TermMilestone, ...] = ()  # dated points inside the term: appointed, credentials...
    origin: Origin | None = field(default=None, compare=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Term:
        return cls(
            d["id"], d["post"], d["person"], d.get("start"), d.get("end"),
            d.get("end_derived_from"), d.get("note"), cites(d.get("citations")), bool(d.get("acting")),
            claims(d.get("start_claims")), claims(d.get("end_claims")),
            tuple(TermMilestone.from_dict(x) for x in d.get("milestones") or ()),
        )  # fmt: skip


MILESTONE_TYPES = (
    "appointed", "elected", "reelected", "confirmed", "sworn_in", "arrived", "credentials",
    "took_office", "left", "relieved", "resigned", "died",
)  # fmt: skip


@dataclass
class TermMilestone(Record):
    """A dated point inside a term (appointed, credentials presented, left), as the US Office of
    the Historian's lists keep them apart from the term's own start and end."""

    kind: ClassVar[str] = "milestone"
    plural: ClassVar[str] = "milestones"
    type: str
    date: Claims = ()
    note: str | None = None
    citations: tuple[Citation, ...] = ()

    @property
    def id(self) -> str:  # type: ignore[override]
        return self.type

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("kind")
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TermMilestone:
        return cls(d["type"], claims(d.get("date")), d.get("note"), cites(d.get("citations")))


@dataclass
class Event(Record):
    kind: ClassVar[str] = "event"
    plural: ClassVar[str] = "events"
    id: str
    date: Claims
    title: str
    summary: str | None = None
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    aliases: tuple[str, ...] = ()
    ratified: Claims = ()  # an agreement's stages; `date` is its signing
    in_force: Claims = ()
    origin: Origin | None = field(default=None, compare=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            d["id"], claims(d["date"]), d["title"], d.get("summary"), tuple(d.get("topics") or ()),
            tuple(d.get("countries") or ()), tuple(d.get("people") or ()), d.get("note"), cites(d.get("citations")),
            tuple(d.get("aliases") or ()), claims(d.get("ratified")), claims(d.get("in_force")),
        )  # fmt: skip


@dataclass
class TradeFigure(Record):
    kind: ClassVar[str] = "trade"
    plural: ClassVar[str] = "trade"
    id: str
    indicator: str
    period: str | None  # None: the text gives no period
    value: Claims
    from_: str | None = None
    to: str | None = None
    period_label: str | None = None
    unit: str | None = None
    currency: str | None = None
    growth_pct: Claims = ()
    growth_base: str | None = None
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    origin: Origin | None = field(default=None, compare=False)

    def display_name(self) -> str:
        flow = f"{self.from_ or '?'}→{self.to or '?'}"
        return f"{self.indicator} {flow} {self.period_label or self.period or 'period not stated'}"

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TradeFigure:
        return cls(
            d["id"], d["indicator"], d.get("period"), claims(d["value"]), d.get("from"), d.get("to"),
            d.get("period_label"), d.get("unit"), d.get("currency"), claims(d.get("growth_pct")),
            d.get("growth_base"), d.get("note"), cites(d.get("citations")),
        )  # fmt: skip


@dataclass
class VoteResult(Record):
    """One candidate, party or option; empty citations mean the vote's citations."""

    kind: ClassVar[str] = "result"
    plural: ClassVar[str] = "results"
    name: str
    person: str | None = None
    party: Claims = ()
    votes: Claims = ()
    share: Claims = ()
    seats: Claims = ()
    citations: tuple[Citation, ...] = ()
    list_seats: Claims = ()  # seat tiers: party list and single-member districts; `seats` is all
    district_seats: Claims = ()

    @property
    def id(self) -> str:  # type: ignore[override]
        return self.name

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("kind")
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> VoteResult:
        return cls(
            d["name"], d.get("person"), claims(d.get("party")), claims(d.get("votes")), claims(d.get("share")),
            claims(d.get("seats")), cites(d.get("citations")), claims(d.get("list_seats")),
            claims(d.get("district_seats")),
        )  # fmt: skip


@dataclass
class VoteRound(Record):
    """One round of a vote (a runoff, a repeat vote): its own date, turnout and seats filled."""

    kind: ClassVar[str] = "round"
    plural: ClassVar[str] = "rounds"
    round: int
    date: Claims = ()
    turnout: Claims = ()
    registered: Claims = ()
    cast: Claims = ()
    seats: Claims = ()
    note: str | None = None
    citations: tuple[Citation, ...] = ()

    @property
    def id(self) -> str:  # type: ignore[override]
        return f"round {self.round}"

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("kind")
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> VoteRound:
        return cls(
            d["round"], claims(d.get("date")), claims(d.get("turnout")), claims(d.get("registered")),
            claims(d.get("cast")), claims(d.get("seats")), d.get("note"), cites(d.get("citations")),
        )  # fmt: skip


@dataclass
class Vote(Record):
    kind: ClassVar[str] = "vote"
    plural: ClassVar[str] = "votes"
    id: str
    type: str
    date: Claims
    title: str | None = None
    chamber: str | None = None
    turnout: Claims = ()
    registered: Claims = ()
    cast: Claims = ()
    outcome: str | None = None
    note: str | None = None
    results: tuple[VoteResult, ...] = ()
    citations: tuple[Citation, ...] = ()
    indirect: bool = False  # electors (the Senate: maslikhat deputies) vote: registered/cast count them
    seats: Claims = ()  # seats at stake
    candidates: Claims = ()
    ballots_issued: Claims = ()
    rounds: tuple[VoteRound, ...] = ()
    origin: Origin | None = field(default=None, compare=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Vote:
        return cls(
            d["id"], d["type"], claims(d["date"]), d.get("title"), d.get("chamber"),
            claims(d.get("turnout")), claims(d.get("registered")), claims(d.get("cast")), d.get("outcome"),
            d.get("note"), tuple(VoteResult.from_dict(r) for r in d.get("results") or ()), cites(d.get("citations")),
            bool(d.get("indirect")), claims(d.get("seats")), claims(d.get("candidates")),
            claims(d.get("ballots_issued")), tuple(VoteRound.from_dict(r) for r in d.get("rounds") or ()),
        )  # fmt: skip


KINDS: dict[str, type[Record]] = {cls.plural: cls for cls in (Source, Post, Person, Term, Event, TradeFigure, Vote)}
BY_KIND: dict[str, type[Record]] = {cls.kind: cls for cls in KINDS.values()}


def from_dict(d: dict[str, Any]) -> Record:
    """Rebuild a record from its `to_dict` form (trusted input: the index cache)."""
    return BY_KIND[d["kind"]].from_dict(d)  # type: ignore[attr-defined, no-any-return]


@dataclass
class FactBase:
    """The merged, validated fact base: records by kind and id, plus what the merge replaced."""

    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {k: {} for k in KINDS})
    replaced: list[str] = field(default_factory=list)

    def of(self, plural: str) -> list[Any]:
        return list(self.records[plural].values())

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.records.items()}
