"""`brief`: a one-page briefing card at a date, answer first, one short note per fact.

Who sits across the table (both sides on one line per pair of posts), the latest trade
figures, recent milestones (and scheduled ones), the last and next vote, what sources dispute,
and how fresh it all is. Notes take one line each, so the card fits 60 lines at 80 columns.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..query import Result
from .facts import date_tokens, figure_tokens, name_tokens
from .terminal import Page, shorten
from .trade import amount_unit, flow

SIDES = {"kz": "KZ", "uk": "UK"}
GROUP = 20


def render(page: Page, result: Result) -> None:
    item = result.items[0]
    page.note_lines = 1
    day = f" (as of {item['day']})" if item["day"] != item["at"] else ""
    page.heading(f"Briefing at {item['at']}{day}")
    page.heading("Who sits across the table")
    by_group: dict[str, list[dict[str, Any]]] = {}
    for h in item["holders"]:
        by_group.setdefault(h["group"], []).append(h)
    for group, rows in by_group.items():
        parts: list[Any] = []
        for i, h in enumerate(rows):
            parts += [" · " if i else "", *holder(page, h)]
        page.line((f"{group:<{GROUP}}", "dim"), *parts, indent=2, hang=GROUP)
    page.heading("Latest trade and investment figures")
    if not item["trade"]:
        page.line(("none published for a period before this date", "yellow"), indent=2)
    for f in item["trade"]:
        growth = ""
        if f.get("growth_pct"):
            pct = f["growth_pct"][0]["value"]
            growth = f" ({'+' if pct > 0 else ''}{pct:g}%)"
        cite = page.cite(f["citations"], facts=figure_tokens([c["value"] for c in f["value"]]))
        old = (" old", "yellow") if f["stale"] else ""
        page.line(f"{f['period']:<10} ", (flow(f), "bold"), " ", page.claims(f["value"]), f" {amount_unit(f)}{growth}",
                  cite, old, indent=2, hang=11)  # fmt: skip
    page.heading("Recent Kazakhstan–UK milestones")
    for e in item["milestones"]:
        event(page, e)
    if item["scheduled"]:
        page.heading("Scheduled (as the texts give them)")
        for e in item["scheduled"]:
            event(page, e)
    votes(page, item["votes"])
    footer(page, item)


def holder(page: Page, h: dict[str, Any]) -> list[Any]:
    """`KZ Name [3]`, marked possible, old, or `no holder known` with who was last seen."""
    side = SIDES.get(h.get("country") or "", "")
    if not h.get("name"):
        if h.get("post_ended"):
            return [f"{side} ", (f"post ended {h['post_ended']}", "dim")]
        seen = [(f" (last seen: {h['last_seen']})", "dim")] if h.get("last_seen") else []
        return [f"{side} ", ("no holder known", "yellow"), *seen]
    names = page.meta.get("names", {}).get(h.get("person"), [])
    out: list[Any] = [f"{side} ", (h["name"], "bold")]
    if h.get("ambiguous"):
        out.append(("?", "yellow"))  # the freshness box says what "?" means
    out.append(page.cite(h["citations"], facts=name_tokens(h["name"], *names)))
    if h.get("stale"):
        out.append((" (old)", "yellow"))
    return out


def event(page: Page, e: dict[str, Any]) -> None:
    when = " / ".join(dict.fromkeys(str(c["value"]) for c in e["date"]))
    cite = page.cite(e["citations"], facts=date_tokens([c["value"] for c in e["date"]]))
    title = shorten(e["title"], page.width - 2 - max(11, len(when) + 1) - len(cite.plain) - 1)  # one line each
    page.line(f"{when:<10} ", title, cite, indent=2, hang=11)


def votes(page: Page, v: dict[str, Any]) -> None:
    parts: list[Any] = []
    for name, vote in (("last", v.get("last")), ("next", v.get("next"))):
        if parts:
            parts.append(" · ")
        if vote is None:
            parts += [f"{name}: ", ("none recorded", "dim")]
            continue
        when = min(str(c["value"]) for c in vote["date"])
        cite = page.cite(vote["citations"], facts=date_tokens([c["value"] for c in vote["date"]]))
        parts += [f"{name}: {when} ", (vote["title"].split(" (")[0], "bold"), cite]
    page.line(("Votes  ", "bold"), *parts, hang=7)


def footer(page: Page, item: dict[str, Any]) -> None:
    disputed = item["disagreements"]
    if disputed:
        names = ", ".join(f"{d['id']} ({', '.join(d['fields'][:2])}{'…' if len(d['fields']) > 2 else ''})"
                          for d in disputed)  # fmt: skip
        page.line(("Disputed  ", "bold"), (shorten(names, page.width - 10), "yellow"), hang=10)
    stale = item["stale"]
    text = Text(f"facts as of {item['as_of']}; ")
    if stale:
        text.append(f"over a year old here: {'; '.join(s['what'] for s in stale)}", style="yellow")
    else:
        text.append("no line rests on evidence over a year old", style="dim")
    if any(h.get("ambiguous") for h in item["holders"]):
        text.append("; ? = possible holder (see who --at)", style="dim")
    page.line(("Fresh  ", "bold"), text, hang=7)
