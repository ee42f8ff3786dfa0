"""`who --history`: every holder of a post as a bar on one time axis, gaps in red, notes per post."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..query import Result
from .terminal import Page, ident
from .who import evidence_text, holder_tokens, term_text

NAME = 22


def render(page: Page, result: Result) -> None:
    years = [int(i[k][:4]) for i in result.items for k in ("span_from", "span_to") if i.get(k)]
    years += [int(i["latest_evidence"][:4]) for i in result.items if i.get("latest_evidence")]
    if not years:
        years = [0, 1]
    lo, hi = min(years), max(max(years), min(years) + 1)
    width = max(10, min(50, page.width - NAME - 32))
    post = None
    for item in result.items:
        if item["post"] != post:
            if post is not None:
                page.flush()
                page.blank()
            post = item["post"]
            page.heading(item["post_label"], (f"  {lo}–{hi}", ""))
        row(page, item, lo, hi, width)


def _bar(first: int, last: int, lo: int, hi: int, width: int) -> tuple[int, int]:
    a = round((first - lo) / (hi - lo) * (width - 1))
    b = max(a + 1, round((last - lo) / (hi - lo) * (width - 1)) + 1)
    return a, b


def row(page: Page, item: dict[str, Any], lo: int, hi: int, width: int) -> None:
    """Name, bar, term; continuation lines hang under the term so the bars stay aligned."""
    if item.get("gap"):
        a, b = _bar(int(item["start"][:4]), int(item["end"][:4]), lo, hi, width)
        bar = Text.assemble(" " * a, ("░" * (b - a), "red"), " " * (width - b))
        page.line((f"{'no holder known':<{NAME}} ", "red"), bar, f" {item['start']} – {item['end']}", hang=NAME + 1)
        return
    bar = Text(" " * width)
    if item.get("span_from"):
        end = int(item["span_to"][:4]) if item.get("span_to") else hi
        a, b = _bar(int(item["span_from"][:4]), end, lo, hi, width)
        bar = Text.assemble(" " * a, ("█" * (b - a), "green" if item["open"] else "blue"), " " * (width - b))
    name = item["name"] if len(item["name"]) <= NAME else item["name"][: NAME - 1] + "…"
    under = NAME + 2 + width if page.width - NAME - width >= 24 else NAME + 1
    page.line(
        (f"{name:<{NAME}} ", "bold"),
        bar,
        f" {term_text(item)}",
        page.cite(item["citations"], facts=holder_tokens(page, item)),
        hang=under,
    )
    extra = []
    if item.get("bounded_by"):
        extra.append("end unknown; the next holder is known from the day after")
    if item["open"] or (not item["start"] and item.get("latest_evidence")):
        extra.append(evidence_text(page, item))
    page.line(("; ".join(extra), "dim"), ident(item["term"], "  " if extra else ""), indent=NAME + 1, hang=2)
