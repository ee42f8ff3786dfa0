"""`person`: the name and id, other names, then one line per term, event and vote."""

from __future__ import annotations

from ..query import Result
from .terminal import Page, ident, shorten


def render(page: Page, result: Result) -> None:
    item = result.items[0]
    page.line((item["name"], "bold"), page.cite(item["citations"]), ident(item["id"]))
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
            page.line(f"{span:<23} ", t["post_label"], page.cite(t["citations"]), ident(t["term"]), indent=2, hang=24)
    if item["events"]:
        page.heading("Events")
        for e in item["events"]:
            page.line(f"{' / '.join(e['date']):<11} ", e["title"], ident(e["event"]), indent=2, hang=12)
    if item["votes"]:
        page.heading("Votes")
        for v in item["votes"]:
            page.line(v["title"] or v["vote"], ident(v["vote"]), indent=2, hang=4)
