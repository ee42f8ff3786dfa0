"""`kzfacts export --format popolo`: people, posts and terms as a Popolo JSON document
(https://www.popoloproject.com/specs/): `persons`, `organizations`, `posts`, `memberships`.

- A person is a kzfacts person: `other_names` from its aliases, `birth_date` (a year) where the
  texts give one and agree.
- Organizations: kzfacts posts name the country (or international body) whose office they are,
  not a narrower institution, so there is one organization per distinct post `country` code,
  id `org-<code>` (`org-kz` Kazakhstan, `org-uk` United Kingdom, `org-osce` the OSCE; an
  unknown code is named by the code itself), listed in code order. A post with no country has
  no organization.
- A post keeps its id and label, its aliases as `other_label`, `end_date` where it ended.
- A membership is a term (its id is the term's id): person, post, the post's organization, the
  post's label as `role`, `start_date` and `end_date`.

Dates are Popolo partial dates (YYYY, YYYY-MM, YYYY-MM-DD). Where kzfacts holds more than one
date (a range such as `2011-04-08/2011-07-02`, or claims that disagree, as Kazhegeldin's start on
12 or 14 October 1994), the Popolo date is the most precise date every claim and every end of
a range falls in (`1994-10`), and is left out when they share no year (`1995` against
`1996-02`): one claim is never picked over another. The kzfacts date is then kept under
`kzfacts:start` (`kzfacts:end`, `kzfacts:birth_year`), and disagreeing claims, each with its
citations, under `kzfacts:start_claims` (`kzfacts:end_claims`, `kzfacts:birth_year_claims`).

`sources` on each object lists, per cited text with an address, `{url, note}`: the note holds
the verbatim quotes, one per line, with their English translation. Popolo's link needs a URL,
so a text with none appears only in `kzfacts:citations` (every citation as the JSON export
writes it: source id, quote, translation, as_of); `kzfacts:sources` at the top describes every
source cited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from . import __version__, model
from .model import FactBase

PARTIAL = re.compile(r"^[0-9]{4}(-[0-9]{2}){0,2}$")  # Popolo's date pattern
ORGANIZATIONS = {
    "kz": ("Kazakhstan", "country"),
    "uk": ("United Kingdom", "country"),
    "osce": ("Organization for Security and Co-operation in Europe", "international organization"),
}
EXT = "kzfacts:"  # the prefix of every key that is not Popolo's


def organization_id(country: str | None) -> str | None:
    return f"org-{country}" if country else None


def partial_date(values: Iterable[Any]) -> str | None:
    """The most precise Popolo date that every value (and both ends of a range) falls in; None
    where they share no year, an end is open (`1993/..`), or there is no value."""
    ends: list[list[str]] = []
    for value in values:
        for end in str(value).split("/"):
            if not PARTIAL.match(end):
                return None  # `..` (open) or not a date
            ends.append(end.split("-"))
    common: list[str] = []
    for i in range(3):
        parts = {e[i] if i < len(e) else None for e in ends}
        if len(parts) != 1 or None in parts:
            break
        common.append(parts.pop())  # type: ignore[arg-type]
    return "-".join(common) or None


def links(citations: Iterable[model.Citation], sources: dict[str, model.Source]) -> list[dict[str, str]]:
    """Popolo `sources`: one `{url, note}` per cited text with an address, its quotes in the note."""
    notes: dict[str, list[str]] = {}
    for c in citations:
        source = sources.get(c.source)
        if source is None or not source.url:
            continue
        line = f"“{c.quote}”"
        if c.translation:
            line += f" (translation: “{c.translation}”)"
        if c.as_of:
            line += f" (as of {c.as_of})"
        lines = notes.setdefault(source.url, [])
        if line not in lines:
            lines.append(line)
    return [{"url": url, "note": "\n".join(lines)} for url, lines in notes.items()]


def _citations(citations: Iterable[model.Citation]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for c in citations:
        d = c.to_dict()
        if d not in out:
            out.append(d)
    return out


def _cited(record: model.Record, sources: dict[str, model.Source]) -> dict[str, Any]:
    """`sources` and `kzfacts:citations` of a record: every citation in it, claims' included."""
    found = record.all_citations()
    if not found:
        return {}
    linked = links(found, sources)
    return {**({"sources": linked} if linked else {}), EXT + "citations": _citations(found)}


def _dated(
    out: dict[str, Any], popolo_key: str, name: str, shown: Any, claims: model.Claims, values: list[Any]
) -> None:
    """Set `popolo_key` by the disputed-date rule; keep the kzfacts date and disputed claims beside it."""
    date = partial_date(values) if values else None
    if date:
        out[popolo_key] = date
    if shown is not None and str(shown) != date:
        out[EXT + name] = shown
    if claims and model.disputed(claims):
        out[EXT + name + "_claims"] = [c.to_dict() for c in claims]


def person(p: model.Person, sources: dict[str, model.Source]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "name": p.name}
    if p.aliases:
        out["other_names"] = [{"name": a} for a in p.aliases]
    years = list(model.values(p.birth_year))
    shown = years[0] if len(years) == 1 else None
    _dated(out, "birth_date", "birth_year", shown, p.birth_year, years)
    return {**out, **_cited(p, sources)}


def post(p: model.Post, sources: dict[str, model.Source]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "label": p.label}
    if p.aliases:
        out["other_label"] = list(p.aliases)
    if p.country:
        out["organization_id"] = organization_id(p.country)
    ends = list(model.values(p.end))
    shown = ends[0] if len(ends) == 1 else None
    _dated(out, "end_date", "end", shown, p.end, ends)
    if p.successor:
        out[EXT + "successor"] = p.successor
    if p.note:
        out[EXT + "note"] = p.note
    return {**out, **_cited(p, sources)}


def membership(t: model.Term, posts: dict[str, model.Post], sources: dict[str, model.Source]) -> dict[str, Any]:
    held = posts.get(t.post)
    out: dict[str, Any] = {"id": t.id, "person_id": t.person, "post_id": t.post}
    if held is not None and held.country:
        out["organization_id"] = organization_id(held.country)
    if held is not None:
        out["role"] = held.label
    for name, shown, claims in (("start", t.start, t.start_claims), ("end", t.end, t.end_claims)):
        values = [c.value for c in claims] if claims else ([shown] if shown else [])
        _dated(out, f"{name}_date", name, shown, claims, values)
    if t.acting:
        out[EXT + "acting"] = True
    if t.end_derived_from:
        out[EXT + "end_derived_from"] = t.end_derived_from
    if t.note:
        out[EXT + "note"] = t.note
    return {**out, **_cited(t, sources)}


def organization(code: str) -> dict[str, Any]:
    name, classification = ORGANIZATIONS.get(code, (code, None))
    out: dict[str, Any] = {"id": organization_id(code), "name": name}
    if classification:
        out["classification"] = classification
    out[EXT + "country"] = code
    return out


def document(base: FactBase) -> dict[str, Any]:
    """The whole Popolo document of a fact base."""
    sources: dict[str, model.Source] = base.records["sources"]  # type: ignore[assignment]
    posts: dict[str, model.Post] = base.records["posts"]  # type: ignore[assignment]
    codes = sorted({p.country for p in posts.values() if p.country})
    persons = [person(p, sources) for p in base.of("people")]
    post_items = [post(p, sources) for p in posts.values()]
    memberships = [membership(t, posts, sources) for t in base.of("terms")]
    cited = {c["source"] for item in (*persons, *post_items, *memberships) for c in item.get(EXT + "citations", ())}
    return {
        EXT + "version": __version__,
        "persons": persons,
        "organizations": [organization(code) for code in codes],
        "posts": post_items,
        "memberships": memberships,
        EXT + "sources": [s.to_dict() for s in sources.values() if s.id in cited],
    }
