"""Plain text for pipes: tab-separated key columns, no colour, no header, grep-friendly."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from ..query import Result
from . import Options
from .flat import claim_sources, rows, select, text

COLUMNS: dict[str, tuple[str, ...]] = {
    "timeline": ("date", "title", "id"),
    "who": ("post_label", "name", "start", "end", "latest_evidence", "ambiguous"),
    "history": ("post_label", "name", "start", "end", "span_to", "latest_evidence", "gap"),
    "person": ("id", "name", "aliases", "birth_year"),
    "trade": ("period", "indicator", "from", "to", "value", "unit", "currency", "growth_pct", "growth_base"),
    "elections": ("date", "type", "id", "turnout", "winner"),
    "vote": ("vote", "date", "name", "votes", "share", "seats"),
    "search": ("kind", "id", "title", "snippet", "date"),
    "sources": ("id", "date", "publisher", "facts", "title"),
    "source": ("kind", "id", "title"),
    "stats": ("counts", "quotes", "span"),
    "posts": ("id", "label", "country", "holders", "certain_pct", "aliases"),
    "record": ("field", "value"),
}


def cell(row: dict[str, Any], key: str) -> str:
    return claim_sources(row.get(key)).replace("\t", " ").replace("\n", " ")


def write(result: Result, opts: Options, out: TextIO) -> None:
    if not result.items:
        sys.stderr.write(result.empty + "\n")
        for note in result.notes:  # why nothing was found: a post that ended, a side with no holder
            sys.stderr.write(f"note: {note}\n")
        return
    flat = rows(result)
    if result.view == "record":
        flat = [{"field": k, "value": v} for k, v in result.items[0].items() if k != "citations"]
    select(flat, opts.fields, result.view)  # an unknown field is an error here too, not a blank column
    columns = opts.fields or list(COLUMNS.get(result.view, tuple(flat[0])))
    for row in flat:
        out.write("\t".join(cell(row, k) for k in columns) + "\n")
    for note in result.notes:
        sys.stderr.write(f"note: {note}\n")
    if result.view == "person":
        item = result.items[0]
        for t in item["terms"]:
            out.write(f"term\t{t['post_label']}\t{t['start'] or '?'}\t{t['end'] or 'open'}\n")
        for e in item["events"]:
            out.write(f"event\t{text(e['date'])}\t{e['title']}\n")
