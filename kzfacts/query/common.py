"""What every question shares: the Result it returns, argument checks, matching a post or a
person across spellings, and the short labels its citations carry."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass, field
else:
    from ..struct import field
    from ..struct import struct as dataclass

from .. import model
from ..dates import Period, parse_date
from ..errors import KzfactsError
from ..names import did_you_mean, fold, similarity, simple_fold, suggest
from ..store import Store

MAX_ARG = 200
VOTE_TYPES = ("presidential", "parliamentary", "referendum")


@dataclass
class Result:
    """What a query found: `items` for every output, `notes` and `meta` for the terminal view."""

    view: str
    items: list[dict[str, Any]]
    empty: str = "no facts found"
    notes: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


# -- arguments -------------------------------------------------------------------------------


def clean_arg(value: str, what: str) -> str:
    """Reject empty, oversized or control-character arguments before any lookup."""
    text = value.strip()
    if not text:
        raise KzfactsError(f"{what}: empty value")
    if len(text) > MAX_ARG:
        raise KzfactsError(f"{what}: value is {len(text)} characters long; the limit is {MAX_ARG}")
    if any(ord(ch) < 32 or ord(ch) == 127 or 0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise KzfactsError(f"{what}: value contains control characters or undecodable bytes")
    if text.startswith("-") and not what.startswith("-"):  # `who -- --at`: an option in an argument's place
        raise KzfactsError(f"{what}: '{text}' looks like an option, and no {what} starts with '-'",
                           hint="give options before `--`, arguments after it")  # fmt: skip
    return text


def date_arg(value: str | None, what: str) -> Period | None:
    if value is None:
        return None
    return Period(parse_date(clean_arg(value, what), what=what))


def year_arg(value: int | None, what: str = "--year") -> Period | None:
    return None if value is None else date_arg(str(value), what)


def date_range(year: int | None, start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """The ISO days [lo, hi] asked for by --year, --from and --to together (each narrows).

    Timeline's rules for every command: partial dates widen to their whole period, `--to` is
    inclusive, and a `--from` after the `--to` is an error naming both."""
    lo, hi = date_arg(start, "--from"), date_arg(end, "--to")
    if lo and hi and lo.lo > hi.hi:
        raise KzfactsError(f"--from {start} is after --to {end}")
    span = year_arg(year)
    days_lo = max(d for d in (lo.lo if lo else None, span.lo if span else None) if d) if lo or span else None
    days_hi = min(d for d in (hi.hi if hi else None, span.hi if span else None) if d) if hi or span else None
    return (days_lo.isoformat() if days_lo else None), (days_hi.isoformat() if days_hi else None)


def cited_sources(value: Any, found: dict[str, None] | None = None) -> dict[str, None]:
    """Every source id cited anywhere inside an item (claims, results, rounds, terms), in order."""
    found = {} if found is None else found
    if isinstance(value, dict):
        if isinstance(value.get("source"), str) and "quote" in value:
            found[value["source"]] = None
        for v in value.values():
            cited_sources(v, found)
    elif isinstance(value, list):
        for v in value:
            cited_sources(v, found)
    return found


def with_labels(store: Store, result: Result) -> Result:
    """Put what a note needs to name every cited source (publisher, date) into `meta["sources"]`.

    Renderers know nothing about the index, yet a note should read `Kazinform, 2022-03-27`
    rather than a slug, so the query hands the labels over with the items."""
    ids = list(cited_sources(result.items))
    result.meta["as_of"] = store.meta("as_of")
    result.meta["sources"] = {
        sid: {"publisher": s.publisher, "date": s.date} for sid in ids if (s := store.get("source", sid))
    }
    return result


def _choose(given: str, known: list[str], what: str, option: str) -> str:
    """Match an option value case-insensitively against known values, or fail with suggestions."""
    text = clean_arg(given, option)
    for k in known:
        if k.casefold() == text.casefold():
            return k
    raise KzfactsError(
        f"no {what} '{text}'", hint=did_you_mean(suggest(text, known)) or f"known: {', '.join(sorted(known))}"
    )


# -- matching --------------------------------------------------------------------------------


def match_posts(store: Store, given: str) -> list[str]:
    """Post ids whose id, label or alias matches `given`; `ambassador` gives both sides."""
    text = clean_arg(given, "POST")
    q = simple_fold(text)
    rows = store.names("post")
    found = [pid for pid, _, f in rows if f == q]
    if not found and q:
        words = set(q.split())
        found = [pid for pid, _, f in rows if words <= set(f.split())]
    if not found:
        hint = did_you_mean(suggest(text, [n for _, n, _ in rows if " " in n or "-" not in n]))
        listed = "`kzfacts posts` lists every post"
        raise KzfactsError(f"no post '{text}'", hint=f"{hint} ({listed})" if hint else listed)
    return list(dict.fromkeys(sorted(found)))


def match_person(store: Store, given: str) -> str:
    """The one person whose name or alias matches `given` across spellings; else an error."""
    text = clean_arg(given, "NAME")
    if store.get("person", text) is not None:
        return text  # a person's id names them exactly
    q = fold(text)
    rows = store.names("person")
    tiers: list[Callable[[], set[str]]] = [  # tried in turn: fuzzy matching only when nothing closer matched
        lambda: {pid for pid, _, f in rows if f == q},
        lambda: {pid for pid, _, f in rows if q and set(q.split()) <= set(f.split())},
        lambda: {pid for pid, _, f in rows if q and _fuzzy(q, f) >= 85},
    ]
    labels = store.labels("person")
    for tier in tiers:
        ids = tier()
        if len(ids) == 1:
            return ids.pop()
        if len(ids) > 1:
            names = ", ".join(f"{labels.get(i, i)} ({i})" for i in sorted(ids))
            raise KzfactsError(f"'{text}' matches several people: {names}", hint="give more of the name or the id")
    raise KzfactsError(f"no person '{text}'", hint=did_you_mean(suggest(text, list(labels.values()))))


def _fuzzy(q: str, name: str) -> float:
    whole = similarity(q, name)
    if " " in q:
        return whole
    return max([whole, *(similarity(q, token) for token in name.split() if len(token) > 2)])


def source_label(src: model.Source) -> str:
    """A short human name for a source: its publisher and the date the text shows, else its id."""
    parts = [x for x in (src.publisher, src.date) if x]
    return ", ".join(parts) if parts else src.id


def record_date(record: model.Record) -> str | None:
    """The date a record speaks of, as a person would write it: claims joined, a term's span."""
    if isinstance(record, (model.Event, model.Vote)):
        return " / ".join(dict.fromkeys(str(v) for v in model.values(record.date))) or None
    if isinstance(record, model.Term):
        if not record.start and not record.end:
            return None
        return f"{record.start or '?'} – {record.end or ('open' if record.start else '?')}"
    if isinstance(record, model.TradeFigure):
        return record.period
    if isinstance(record, model.Source):
        return record.date
    return None


def _plain(marked: str) -> str:
    return marked.replace("\x02", "").replace("\x03", "")
