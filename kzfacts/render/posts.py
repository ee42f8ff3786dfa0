"""`posts`: every post with its side, holders and coverage, its aliases beneath."""

from __future__ import annotations

from ..query import Result
from .terminal import Page, ident
from .who import SIDES


def render(page: Page, result: Result) -> None:
    for item in result.items:
        side = SIDES.get(item["country"] or "", item["country"] or "other")
        holders = f"{item['holders']} holder{'s' * (item['holders'] != 1)}"
        cover = (
            f", {item['certain_pct']}% of {item['coverage_months']} months covered" if item["coverage_months"] else ""
        )
        gaps = f", {item['gaps']} gap{'s' * (item['gaps'] != 1)}" if item["gaps"] else ""
        page.line((item["label"], "bold"), (f"  {side}", ""), ident(item["id"]), hang=4)
        page.line((f"{holders}{cover}{gaps}", ""), indent=4, hang=2)
        if item["aliases"]:
            page.line(("also: " + "; ".join(item["aliases"]), "dim"), indent=4, hang=6)
