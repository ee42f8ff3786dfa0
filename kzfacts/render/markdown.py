"""`--markdown`: a GitHub-flavoured Markdown table, for pasting into articles and issues.

The columns are the plain view's (or `--fields`), plus `sources`: each row's citations as
short labels, since a table pasted into an article should still say where its facts come
from. Cell text is escaped (`|`, backslashes, newlines), never interpreted.
"""

from __future__ import annotations

from typing import Any, TextIO

from ..query import Result, cited_sources
from . import Options
from .flat import rows, select, text
from .labels import source_labels
from .plain import COLUMNS, cell


def escape(value: str) -> str:
    """A cell's text, safe inside a Markdown table row and shown as written."""
    return " ".join(value.replace("\\", "\\\\").replace("|", "\\|").split())


def write(result: Result, opts: Options, out: TextIO) -> None:
    if not result.items:
        out.write(f"_{escape(result.empty)}_\n")
        return
    flat = record_rows(result)
    select(flat, opts.fields, result.view)
    columns = opts.fields or [c for c in COLUMNS.get(result.view, tuple(flat[0])) if c != "citations"]
    labels: dict[str, str] = source_labels(result.meta)
    with_sources = not opts.fields and any(cited_sources(r) for r in flat)
    header = [*columns, *(["sources"] if with_sources else [])]
    out.write("| " + " | ".join(header) + " |\n")
    out.write("| " + " | ".join("---" for _ in header) + " |\n")
    for row in flat:
        cells = [escape(cell(row, k)) for k in columns]
        if with_sources:
            cells.append(escape("; ".join(labels.get(s, s) for s in cited_sources(row))))
        out.write("| " + " | ".join(cells) + " |\n")
    for note in result.notes:
        out.write(f"\n> note: {escape(note)}\n")
    if result.meta.get("as_of"):
        out.write(f"\n_facts as of {result.meta['as_of']}_\n")


def record_rows(result: Result) -> list[dict[str, Any]]:
    """One record (`show`) as field/value rows; everything else as the plain view's rows."""
    if result.view == "record":
        item = result.items[0]
        return [{"field": k, "value": text(v)} for k, v in item.items() if k != "citations"]
    return rows(result)
