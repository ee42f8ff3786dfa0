"""`stats`: the counts, the evidence's span, and month-by-month coverage of each post."""

from __future__ import annotations

from ..query import Result
from .terminal import Page


def render(page: Page, result: Result) -> None:
    item = result.items[0]
    page.heading("Fact base")
    counts = ", ".join(f"{n} {kind}" for kind, n in item["counts"].items())
    page.line(counts, indent=2, hang=2)
    page.line(f"{item['sources_cited']} sources cited, {item['quotes']} quotes, "
              f"{item['records_with_disagreements']} records where sources disagree", indent=2, hang=2)  # fmt: skip
    page.line(f"evidence spans {item['span']['from']} to {item['span']['to']}", indent=2)
    if item.get("user_records_replacing_packaged"):
        page.line(f"{item['user_records_replacing_packaged']} of your records replace packaged ones", indent=2)
    if item.get("coverage"):
        page.heading("Coverage: months with one certain holder")
        for c in item["coverage"]:
            gaps = f", {len(c['gaps'])} gap{'s' * (len(c['gaps']) != 1)}" if c["gaps"] else ""
            page.line(f"{c['certain_pct']:>5}%  ", c["label"], (f"  {c['months']} months{gaps}", "dim"),
                      (f"  {c['post']}", "dim"), indent=2, hang=8)  # fmt: skip
