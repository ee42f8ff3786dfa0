"""`counterparts`: per pair of posts, one line per overlap of two holders, the recorded
contacts beneath it, and overlaps with no recorded contact said plainly."""

from __future__ import annotations

from typing import Any

from ..query import Result
from .facts import date_tokens
from .terminal import Page


def render(page: Page, result: Result) -> None:
    pair = None
    for item in result.items:
        if (item["post_a"], item["post_b"]) != pair:
            if pair is not None:
                page.flush()
                page.blank()
            pair = (item["post_a"], item["post_b"])
            page.heading(f"{item['post_a_label']} × {item['post_b_label']}")
        overlap(page, item)


def overlap(page: Page, item: dict[str, Any]) -> None:
    span = f"{item['from']} – {item['to'] or 'open'}"
    as_of = page.meta.get("as_of")
    if as_of and item["to"] and item["to"] > as_of:  # a possible end after the facts run out
        span = f"{item['from']} – ?"
    sure = ""
    if item["precision"] == "certain" and (item["certain_from"], item["certain_to"]) != (item["from"], item["to"]):
        sure = f" (certain {item['certain_from']} – {item['certain_to']})"
    elif item["precision"] == "possible":
        sure = " (possible)"
    page.line((f"{item['name_a']} – {item['name_b']}", "bold"), f"  {span}{sure}", indent=2, hang=4)
    if item["no_contact"]:
        page.line(("no recorded contact", "yellow"), indent=4)
    for c in item["contacts"]:
        when = " / ".join(dict.fromkeys(str(v) for v in c["date"]))
        page.line(
            f"{when:<10} ", c["title"], page.cite(c["citations"], facts=date_tokens(c["date"])), indent=4, hang=11
        )
