"""`person`: the name and id, other names, then one line per term (and its dated milestones),
event and vote."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..query import Result
from .facts import name_tokens
from .terminal import Page, ident, shorten


def render(page: Page, result: Result) -> None:
    item = result.items[0]
    tokens = name_tokens(item["name"], *item["aliases"])
    page.line((item["name"], "bold"), page.cite(item["citations"], facts=tokens), ident(item["id"]))
    if item["aliases"]:
        names = "; ".join(item["aliases"])
        if not page.opts.long and page.opts.quotes != "all":
            names = shorten(names, 2 * (page.width - 6) - 8)
        page.line(("also: ", "dim"), names, hang=6)
    if item["birth_year"]:
        page.line(("born: ", "dim"), page.claims(item["birth_year"]))
    if item["terms"]:
        page.heading("Posts held")
        for t in item["terms"]:
            span = f"{t['start'] or '?'} – {t['end'] or 'open'}"
            cite = page.cite(t["citations"], facts=tokens)
            page.line(f"{span:<23} ", t["post_label"], cite, ident(t["term"]), indent=2, hang=24)
            if t.get("milestones"):
                page.line(milestones(page, t["milestones"]), indent=26, hang=0)
    if item["events"]:
        page.heading("Events")
        for e in item["events"]:
            page.line(f"{' / '.join(e['date']):<11} ", e["title"], ident(e["event"]), indent=2, hang=12)
    if item["votes"]:
        page.heading("Votes")
        for v in item["votes"]:
            page.line(v["title"] or v["vote"], ident(v["vote"]), indent=2, hang=4)


def milestones(page: Page, items: list[dict[str, Any]]) -> Text:
    """A term's dated points on one line: `arrived 2022-10 [1] · relieved 2025-10-20 [3]`."""
    out = Text()
    for i, m in enumerate(items):
        when = " / ".join(dict.fromkeys(str(c["value"]) for c in m["date"]))
        cites = m["citations"] or [c for d in m["date"] for c in d["citations"]]
        out.append(" · " if i else "")
        out.append(f"{m['type'].replace('_', ' ')} ", style="dim")
        out.append(when)
        out.append_text(page.cite(cites))
    return out
