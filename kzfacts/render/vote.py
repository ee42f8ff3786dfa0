"""One vote in full (`elections ID`, `elections --year Y`) and `--chart`, vote-share bars.

The measures are named for what they count (electors are not voters; ballots issued are not
ballots cast); rounds and seat tiers get their own lines; disputed figures show every claim,
each with its note.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from ..query import Result
from .terminal import Page, Part, ident


def render(page: Page, result: Result) -> None:
    for n, item in enumerate(result.items):
        if n:
            page.flush()
            page.blank()
        one(page, item)


def one(page: Page, item: dict[str, Any]) -> None:
    page.line((item.get("title") or item["id"], "bold"), page.cite(item["citations"]), "  ",
              page.claims(item["date"]), ident(item["id"]), hang=4)  # fmt: skip
    facts = vote_facts(page, item)
    if facts:
        page.line(Text("; ").join(facts), indent=2, hang=2)
    if item.get("outcome"):
        page.line(item["outcome"], indent=2, hang=2)
    for r in item.get("rounds") or []:
        parts: list[Part] = [f"round {r['round']}: ", page.claims(r["date"])]
        for key, form in (("turnout", "turnout {}%"), ("seats", "seats filled {}")):
            if r.get(key):
                parts += ["; ", page.claims(r[key], form)]
        if r.get("note"):
            parts.append(f"; {r['note']}")
        page.line(*parts, page.cite(r.get("citations") or []), indent=2, hang=4)
    if item["results"]:
        results(page, item)


def results(page: Page, item: dict[str, Any]) -> None:
    """Results as a borderless table; list and district seats only when the vote has tiers."""
    tiers = any(r.get("list_seats") or r.get("district_seats") for r in item["results"])
    seats = any(r.get("seats") for r in item["results"])
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="dim",
                  width=None, expand=False)  # fmt: skip
    table.add_column("", width=1, no_wrap=True)  # the indent, kept on wrapped rows too
    table.add_column("candidate / party / option", overflow="fold")
    cols = ["votes", "share %"] + (["seats"] if seats else []) + (["list", "district"] if tiers else [])
    for col in cols:
        table.add_column(col, justify="right", overflow="fold")
    for r in item["results"]:
        cells = [Text(""), Text.assemble(r["name"], page.cite(r.get("citations") or [], by_source=True))]
        keys = ["votes", "share"] + (["seats"] if seats else []) + (["list_seats", "district_seats"] if tiers else [])
        # disputed figures stack in their cell, one claim a line, so the columns stay narrow
        cells += [page.claims(r.get(k), fallback=item["citations"], sep=" /\n") for k in keys]
        table.add_row(*cells)
    page.console.print(table, width=page.width)


def vote_facts(page: Page, item: dict[str, Any]) -> list[Text]:
    """The vote's measures, each named for what it counts (electors are not voters)."""
    voters = "electors" if item.get("indirect") else "voters"
    named = [
        ("seats", "seats at stake {}"), ("candidates", "candidates {}"), ("registered", f"registered {voters} {{}}"),
        ("ballots_issued", "ballots issued {}"), ("cast", f"{voters} who voted {{}}" if item.get("indirect") else "ballots cast {}"),
        ("turnout", "turnout {}%"),
    ]  # fmt: skip
    return [page.claims(item[k], form, item["citations"]) for k, form in named if item.get(k)]


def chart(page: Page, result: Result) -> None:
    for n, item in enumerate(result.items):
        if n:
            page.flush()
        page.blank()
        page.line((item.get("title") or item["id"], "bold"), "  ", page.claims(item["date"]), ident(item["id"]))
        bars = [(r["name"], float(c["value"]), f"{c['value']:g}%") for r in item["results"] for c in r["share"]]
        if not bars:
            page.line("no vote shares recorded", indent=2)
            continue
        label_w = min(max(len(b[0]) for b in bars), max(12, page.width // 3))
        width = max(8, page.width - label_w - 12)
        for name, share, shown in bars:
            bar = "█" * (max(1, round(share / 100 * width)) if share > 0 else 0)
            label = name if len(name) <= label_w else name[: label_w - 1] + "…"
            page.line(f"{label:<{label_w}} ", (bar, "green"), f" {shown}", hang=label_w + 1)
        if item.get("turnout"):
            page.line("turnout ", page.claims(item["turnout"], "{}%", item["citations"]))
