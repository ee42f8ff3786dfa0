"""`who`: one line per holder under each post's heading, the evidence's age beneath, notes last.

Every post asked about keeps its heading: a side with nobody known at the date says
"no holder known" rather than vanishing from the answer.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..query import Result
from .facts import name_tokens
from .terminal import Page, ident

SIDES = {"kz": "Kazakhstan", "uk": "United Kingdom"}


def render(page: Page, result: Result) -> None:
    at = result.meta.get("at")
    page.heading(f"Who held the post at {at}" if at else "Latest known holder (by the latest evidence)")
    by_post: dict[str, list[dict[str, Any]]] = {}
    for item in result.items:
        by_post.setdefault(item["post"], []).append(item)
    posts = result.meta.get("posts") or list(by_post)
    labels = result.meta.get("post_labels") or {}
    countries = result.meta.get("post_countries") or {}
    for post in posts:
        items = by_post.get(post, [])
        first = items[0] if items else {"post_label": labels.get(post, post), "country": countries.get(post)}
        side = SIDES.get(first["country"] or "", first["country"] or "")
        page.line((f"{side} · " if side else "", "bold"), (first["post_label"], "bold"))
        if not items:
            seen = (result.meta.get("last_seen") or {}).get(post)
            page.line(("no holder known", "yellow"), f" at {at}" if at else "", f"; {seen}" if seen else "", indent=2)
        for item in items:
            if item.get("ended"):
                page.line((f"no holder known since {item['end']}; last known holder:", "yellow"), indent=2)
            holder(page, item)


def holder(page: Page, item: dict[str, Any]) -> None:
    """`Name  term [n]` and, dimmed beneath, the latest evidence and the term's id."""
    name = Text(item["name"], style="bold")
    if item.get("ambiguous"):
        name.append(" (possible)", style="yellow")
    page.line(
        name, "  ", term_text(item), page.cite(item["citations"], facts=holder_tokens(page, item)), indent=2, hang=4
    )
    if item.get("possibly_outdated"):
        page.line((f"possibly outdated (latest evidence {item['latest_evidence']})", "yellow"), indent=4)
    page.line((evidence_text(page, item), "dim"), ident(item["term"]), indent=4, hang=2)


def holder_tokens(page: Page, item: dict[str, Any]) -> list[str]:
    """The words a note may name the holder by: every spelling of their name the data knows."""
    names = page.meta.get("names", {}).get(item.get("person"), [])
    return name_tokens(item["name"], *names)


def evidence_text(page: Page, item: dict[str, Any]) -> str:
    """`latest evidence: Kazinform, 2022-03-27`, the date said once when the label carries it."""
    when = item.get("latest_evidence") or "undated"
    sid = item.get("latest_evidence_source")
    label = page.labels.get(sid or "", sid or "")
    if label and label.endswith(when):
        return f"latest evidence: {label}"
    return f"latest evidence {when}" + (f" ({label})" if label else "")


def term_text(item: dict[str, Any]) -> str:
    """`since 2019-06-12`, `2017-02-15 – 2022-10 (end from successor's start)`, `2008 – by 2016-02-01`."""
    acting = " (acting)" if item.get("acting") else ""
    if item["open"]:
        return f"since {item['start']}{acting}"
    if item["end"]:
        text = f"{item['start'] or 'start unknown'} – {item['end']}{acting}"
        return text + (" (end: successor's start)" if item.get("end_derived_from") else "")
    if item.get("bounded_by") and item.get("span_to"):
        return f"{item['start'] or 'start unknown'} – by {item['span_to']}{acting}"
    if not item["start"]:
        seen = f", seen {item['latest_evidence']}" if item.get("latest_evidence") else ""
        return f"start unknown{seen}{acting}"
    return f"{item['start']} – ?{acting}"
