"""`sources` (one line per source) and `source ID` (its metadata, then every fact citing it)."""

from __future__ import annotations

from ..query import Result
from .terminal import Page, ident


def render(page: Page, result: Result) -> None:
    if result.view == "source":
        one(page, result)
        return
    for item in result.items:
        label = ", ".join(x for x in (item["publisher"], item["date"]) if x) or "publisher unknown"
        facts = f"{item['facts']} fact{'s' * (item['facts'] != 1)}"
        page.line((label, "bold"), f"  {item['title'] or ''}  ", (facts, "dim"), ident(item["id"]), hang=4)


def one(page: Page, result: Result) -> None:
    item = result.items[0]
    page.line((item["title"] or item["id"], "bold"), ident(item["id"]), hang=4)
    for key in ("publisher", "date", "url", "file", "language", "collection"):
        if item.get(key):
            page.line((f"{key:<10} ", "dim"), str(item[key]), indent=2, hang=11)
    page.heading(f"Facts citing it ({len(item['facts'])})")
    for fact in item["facts"]:
        marker = page.cite([{"source": item["id"], "quote": q} for q in fact["quotes"]])
        page.line((f"{fact['kind']:<7}", "dim"), fact["title"], marker, ident(fact["id"]), indent=2, hang=7)
