"""`elections`: one line per vote (date, type, title, turnout, winner or outcome) with its id."""

from __future__ import annotations

from ..query import Result
from .terminal import Page, Part, ident


def render(page: Page, result: Result) -> None:
    page.heading("Elections and referendums")
    for item in result.items:
        turnout = page.claims(item["turnout"], "{}%")
        who = item.get("winner") or item.get("outcome") or ""
        tail: list[Part] = [", turnout ", turnout] if turnout.plain else []
        when = page.claims(item["date"])
        page.line(when, " " * max(1, 12 - len(when.plain)), (item.get("title") or item["id"], "bold"), *tail,
                  (f" · {who}" if who else ""), page.cite(item["citations"]), ident(item["id"]), hang=12)  # fmt: skip
