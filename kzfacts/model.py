"""The fact model: plain typed records, shaped after Popolo (people, posts, terms) and Wikidata
(every claim carries its references; conflicting claims stand side by side).

Each field is described once, by its `spec(...)` (schema.py): how the loader reads and checks
it, what it refers to, whether it dates the record or links it in the index. Records are built
by `load.py` (validated, from YAML) or by `from_dict` (trusted, from the index cache); both,
and `to_dict`, are derived from the fields. `to_dict` is the stable JSON shape documented in
the README: claimable fields are always lists of `{"value", "citations"}`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass, field
else:
    from .struct import field
    from .struct import struct as dataclass
from typing import Any, ClassVar

from .claims import Citation, Claim, Claims, cites, claims, disputed, most_precise, rounded_alike, values
from .schema import SUBRECORDS, Origin, Record, field_names, spec, specs

__all__ = [
    "BY_KIND", "KINDS", "MILESTONE_TYPES", "Citation", "Claim", "Claims", "Event", "FactBase", "Origin", "Person",
    "Post", "Record", "Source", "Term", "TermMilestone", "TradeFigure", "Vote", "VoteResult", "VoteRound", "cites",
    "claims", "disputed", "field_names", "from_dict", "most_precise", "rounded_alike", "specs", "values",
]  # fmt: skip

SOURCE_KINDS = ("official", "news", "reference", "analysis", "other")
DATE_BASES = ("url", "text")
TRADE_INDICATORS = ("turnover", "exports", "imports", "fdi", "investment", "deals", "other")
VOTE_TYPES = ("presidential", "parliamentary", "referendum")
MILESTONE_TYPES = (
    "appointed", "elected", "reelected", "confirmed", "sworn_in", "arrived", "credentials",
    "took_office", "left", "relieved", "resigned", "died",
)  # fmt: skip


@dataclass
class Source(Record):
    kind: ClassVar[str] = "source"
    plural: ClassVar[str] = "sources"
    id: str = spec("id")
    file: str = spec("text", required=True)
    collection: str | None = spec("text", None)
    title: str | None = spec("text", None)
    publisher: str | None = spec("text", None, searched=True)
    url: str | None = spec("text", None)
    date: str | None = spec("date", None)
    language: str = spec("text", "en")
    citations: tuple[Citation, ...] = spec("none", ())  # a source cites nothing
    title_inferred: bool = spec(
        "flag", False, flag_default=False
    )  # the stored copy shows no title: ours is descriptive
    title_en: str | None = spec("text", None)  # an English rendering of a non-English title
    date_basis: str | None = spec("choice", None, choices=DATE_BASES)  # where `date` was read: url or text
    source_kind: str | None = spec("choice", None, choices=SOURCE_KINDS)
    retrieved: str | None = spec("date", None)  # the day the text was retrieved
    origin: Origin | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("citations")
        return out


@dataclass
class Post(Record):
    kind: ClassVar[str] = "post"
    plural: ClassVar[str] = "posts"
    id: str = spec("id")
    label: str = spec("text", required=True, searched=True)
    country: str | None = spec("text", None)
    aliases: tuple[str, ...] = spec("texts", ())
    single_holder: bool = spec("flag", True, flag_default=True)
    citations: tuple[Citation, ...] = spec("citations", (), citations_required=False)
    coverage_from: str | None = spec("date", None)  # the month from which `stats` measures who held it
    end: Claims = spec("claims", (), of="date")  # the post or its body ceases to exist: no term runs past it
    successor: str | None = spec("ref", None, ref="posts")  # the post that replaces it
    note: str | None = spec("text", None)
    origin: Origin | None = field(default=None, compare=False)


@dataclass
class Person(Record):
    kind: ClassVar[str] = "person"
    plural: ClassVar[str] = "people"
    id: str = spec("id")
    name: str = spec("text", required=True)
    aliases: tuple[str, ...] = spec("texts", ())
    birth_year: Claims = spec("claims", (), of="integer")
    citations: tuple[Citation, ...] = spec("citations", ())
    origin: Origin | None = field(default=None, compare=False)


@dataclass
class TermMilestone(Record):
    """A dated point inside a term (appointed, credentials presented, left), as the US Office of
    the Historian's lists keep them apart from the term's own start and end."""

    kind: ClassVar[str] = "milestone"
    plural: ClassVar[str] = "milestones"
    type: str = spec("choice", required=True, choices=MILESTONE_TYPES)
    date: Claims = spec("claims", (), of="date", required=True, dated=True)
    note: str | None = spec("text", None)
    citations: tuple[Citation, ...] = spec("citations", (), citations_required=False)

    @property
    def id(self) -> str:  # type: ignore[override]
        return self.type

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("kind")
        return out


@dataclass
class Term(Record):
    """A person in a post; `end` None means open (still held as of the latest evidence)."""

    kind: ClassVar[str] = "term"
    plural: ClassVar[str] = "terms"
    EXPORT: ClassVar[tuple[str, ...]] = ("id", "post", "person", "start", "end", "acting", "end_derived_from", "note")
    id: str = spec("id")
    post: str = spec("ref", required=True, ref="posts", link="post")
    person: str = spec("ref", required=True, ref="people", link="person")
    start: str | None = spec("term_date", None, claims_in="start_claims", dated=True)
    end: str | None = spec("term_date", None, claims_in="end_claims", dated=True)
    end_derived_from: str | None = spec("ref", None, ref="terms")
    note: str | None = spec("text", None, searched=True)
    citations: tuple[Citation, ...] = spec("citations", ())
    acting: bool = spec("flag", False, flag_default=False)
    start_claims: Claims = spec("derived", ())  # where texts disagree; `start`/`end` then span every claim
    end_claims: Claims = spec("derived", ())
    milestones: tuple[TermMilestone, ...] = spec("milestones", ())  # appointed, credentials... inside the term
    origin: Origin | None = field(default=None, compare=False)


@dataclass
class Event(Record):
    kind: ClassVar[str] = "event"
    plural: ClassVar[str] = "events"
    EXPORT: ClassVar[tuple[str, ...]] = (
        "id", "date", "title", "summary", "topics", "countries", "aliases", "ratified", "in_force", "note",
    )  # fmt: skip
    id: str = spec("id")
    date: Claims = spec("claims", of="date", required=True, dated=True)
    title: str = spec("text", required=True)
    summary: str | None = spec("text", None, searched=True)
    topics: tuple[str, ...] = spec("texts", (), link="topic")
    countries: tuple[str, ...] = spec("texts", (), link="country")
    people: tuple[str, ...] = spec("refs", (), ref="people", link="person")
    note: str | None = spec("text", None, searched=True)
    citations: tuple[Citation, ...] = spec("citations", ())
    aliases: tuple[str, ...] = spec("texts", ())
    ratified: Claims = spec("claims", (), of="date")  # an agreement's stages; `date` is its signing
    in_force: Claims = spec("claims", (), of="date")
    origin: Origin | None = field(default=None, compare=False)


@dataclass
class TradeFigure(Record):
    kind: ClassVar[str] = "trade"
    plural: ClassVar[str] = "trade"
    EXPORT: ClassVar[tuple[str, ...]] = (
        "id", "indicator", "from_", "to", "period", "period_label", "value", "unit", "currency", "growth_pct",
        "growth_base", "note",
    )  # fmt: skip
    id: str = spec("id")
    indicator: str = spec("choice", required=True, choices=TRADE_INDICATORS, searched=True)
    period: str | None = spec("date", dated=True)  # None: the text gives no period
    value: Claims = spec("claims", of="real", required=True)
    from_: str | None = spec("text", None)
    to: str | None = spec("text", None)
    period_label: str | None = spec("text", None, searched=True)
    unit: str | None = spec("text", None)
    currency: str | None = spec("text", None)
    growth_pct: Claims = spec("claims", (), of="real")
    growth_base: str | None = spec("text", None)
    note: str | None = spec("text", None, searched=True)
    citations: tuple[Citation, ...] = spec("citations", ())
    origin: Origin | None = field(default=None, compare=False)

    def display_name(self) -> str:
        flow = f"{self.from_ or '?'}→{self.to or '?'}"
        return f"{self.indicator} {flow} {self.period_label or self.period or 'period not stated'}"


@dataclass
class VoteResult(Record):
    """One candidate, party or option; empty citations mean the vote's citations."""

    kind: ClassVar[str] = "result"
    plural: ClassVar[str] = "results"
    name: str = spec("text", required=True)
    person: str | None = spec("ref", None, ref="people", link="person")
    party: Claims = spec("claims", (), of="plain")
    votes: Claims = spec("claims", (), of="integer")
    share: Claims = spec("claims", (), of="real")
    seats: Claims = spec("claims", (), of="integer")
    citations: tuple[Citation, ...] = spec("citations", (), citations_required=False)
    list_seats: Claims = spec("claims", (), of="integer")  # seat tiers: party list and single-member districts
    district_seats: Claims = spec("claims", (), of="integer")

    @property
    def id(self) -> str:  # type: ignore[override]
        return self.name

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("kind")
        return out


@dataclass
class VoteRound(Record):
    """One round of a vote (a runoff, a repeat vote): its own date, turnout and seats filled."""

    kind: ClassVar[str] = "round"
    plural: ClassVar[str] = "rounds"
    round: int = spec("preset")  # read and checked by the rounds reader (reader.subrecords): 1, 2, ...
    date: Claims = spec("claims", (), of="date")
    turnout: Claims = spec("claims", (), of="real")
    registered: Claims = spec("claims", (), of="integer")
    cast: Claims = spec("claims", (), of="integer")
    seats: Claims = spec("claims", (), of="integer")
    note: str | None = spec("text", None)
    citations: tuple[Citation, ...] = spec("citations", (), citations_required=False)

    @property
    def id(self) -> str:  # type: ignore[override]
        return f"round {self.round}"

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("kind")
        return out


@dataclass
class Vote(Record):
    kind: ClassVar[str] = "vote"
    plural: ClassVar[str] = "votes"
    EXPORT: ClassVar[tuple[str, ...]] = (
        "id", "type", "chamber", "title", "date", "indirect", "seats", "candidates", "registered", "ballots_issued",
        "cast", "turnout", "outcome", "note",
    )  # fmt: skip
    id: str = spec("id")
    type: str = spec("choice", required=True, choices=VOTE_TYPES, link="type")
    date: Claims = spec("claims", of="date", required=True, dated=True)
    title: str | None = spec("text", None)
    chamber: str | None = spec("text", None)
    turnout: Claims = spec("claims", (), of="real")
    registered: Claims = spec("claims", (), of="integer")
    cast: Claims = spec("claims", (), of="integer")
    outcome: str | None = spec("text", None, searched=True)
    note: str | None = spec("text", None, searched=True)
    results: tuple[VoteResult, ...] = spec("results", ())
    citations: tuple[Citation, ...] = spec("citations", ())
    indirect: bool = spec("flag", False, flag_default=False)  # electors vote: registered/cast count them
    seats: Claims = spec("claims", (), of="integer")  # seats at stake
    candidates: Claims = spec("claims", (), of="integer")
    ballots_issued: Claims = spec("claims", (), of="integer")
    rounds: tuple[VoteRound, ...] = spec("rounds", ())
    origin: Origin | None = field(default=None, compare=False)


SUBRECORDS.update({"VoteResult": VoteResult, "VoteRound": VoteRound, "TermMilestone": TermMilestone})
KINDS: dict[str, type[Record]] = {cls.plural: cls for cls in (Source, Post, Person, Term, Event, TradeFigure, Vote)}
BY_KIND: dict[str, type[Record]] = {cls.kind: cls for cls in KINDS.values()}


def from_dict(d: dict[str, Any]) -> Record:
    """Rebuild a record from its `to_dict` form (trusted input: the index cache)."""
    return BY_KIND[d["kind"]].from_dict(d)  # type: ignore[no-any-return]


@dataclass
class FactBase:
    """The merged, validated fact base: records by kind and id, plus what the merge replaced."""

    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {k: {} for k in KINDS})
    replaced: list[str] = field(default_factory=list)

    def of(self, plural: str) -> list[Any]:
        return list(self.records[plural].values())

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.records.items()}
