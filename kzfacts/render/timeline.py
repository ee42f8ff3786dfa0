"""`timeline`: a rule per year, one line per event (date, title, marker, id), notes per year."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..query import Result
from .facts import date_tokens
from .flat import claim_sources
from .terminal import Page, ident

DATE = 11


def render(page: Page, result: Result) -> None:
    year = None
    for item in result.items:
        if item.get("ongoing"):
            if year != "ongoing":
                if year is not None:
                    page.flush()
                year = "ongoing"
                page.blank()
                since = result.meta.get("from")
                page.console.rule(Text(f"Ongoing (began before {since})", style="bold"), align="left")
            entry(page, item)
            continue
        first = min(c["value"] for c in item["date"])
        if first[:4] != year:
            if year is not None:
                page.flush()
            year = first[:4]
            page.blank()
            page.console.rule(Text(year, style="bold"), align="left")
        entry(page, item)


def entry(page: Page, item: dict[str, Any]) -> None:
    """The event in one line, then (indented) what it adds: a vote's outcome, an agreement's stages."""
    when = page.claims(item["date"])
    pad = " " * max(1, DATE + 1 - len(when.plain))
    facts = date_tokens([c["value"] for c in item["date"]])
    page.line((when.plain if len(item["date"]) == 1 else when), pad, item["title"], page.cite(item["citations"], facts=facts),
              ident(item["id"]), hang=DATE + 1)  # fmt: skip
    under = DATE + 1
    if item.get("kind") == "vote" and item.get("summary"):
        page.line((item["summary"], "dim"), indent=under)
    if item.get("ratified") or item.get("in_force"):
        stages = [("signed", item["date"]), ("ratified", item.get("ratified")), ("in force", item.get("in_force"))]
        text = " · ".join(f"{name} {claim_sources(cl)}" for name, cl in stages if cl)
        page.line((text, "cyan"), indent=under)
    if page.opts.long:
        if item.get("summary") and item.get("kind") != "vote":
            page.line(item["summary"], indent=under, hang=0)
        if item.get("aliases"):
            page.line(("also called: " + "; ".join(item["aliases"]), "dim"), indent=under)
        if item.get("people_names"):
            page.line(("people: " + ", ".join(item["people_names"]), "dim"), indent=under)
        if item.get("topics"):
            page.line(("topics: " + ", ".join(item["topics"]), "dim"), indent=under)
