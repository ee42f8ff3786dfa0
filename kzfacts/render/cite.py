"""`cite ID`: a citation to paste: the fact in one sentence, then each source with its quotes.

Text, Markdown or JSON; no Rich, since a citation is pasted elsewhere, not viewed here. For a
reference manager, the sources as CSL-JSON, BibTeX or RIS entries (`reference.py`).
"""

from __future__ import annotations

import io
import json
from typing import Any, TextIO

from ..errors import KzfactsError
from ..query import Result
from ..streams import narrow
from . import reference
from .markdown import escape

FORMATS = ("text", "markdown", "json", *reference.FORMATS)


def check_format(fmt: str, all_sources: bool = False) -> str:
    """The format asked for, before any work; every source at once is only a reference manager's
    import (as JSON it is `kzfacts sources --json`)."""
    chosen = fmt.strip().casefold()
    if chosen not in FORMATS:
        raise KzfactsError(f"--format: '{fmt}' is not one of: {', '.join(FORMATS)}")
    if all_sources and chosen not in reference.FORMATS:
        raise KzfactsError(
            f"--all-sources needs --format csl-json, bibtex or ris, not {chosen}",
            hint="kzfacts sources --json lists every source as JSON",
        )
    return chosen


def write(result: Result, fmt: str, out: TextIO) -> None:
    item = result.items[0]
    if fmt in reference.FORMATS:
        reference.write(item["sources"], fmt, out)
    elif fmt == "json":
        out.write(json.dumps(item, ensure_ascii=narrow(out), indent=2) + "\n")
    elif fmt == "markdown":
        out.write(markdown(item))
    else:
        out.write(text(item, _terminal_width(out)))


def value(result: Result, fmt: str) -> Any:
    """What `kzfacts.cite` returns: the JSON formats as the data they print (json a dict,
    csl-json a list of items), every other format as the text the CLI prints into a pipe."""
    if fmt == "json":
        return result.items[0]
    if fmt == "csl-json":
        return reference.csl_items(result.items[0]["sources"])
    buffer = io.StringIO()
    write(result, fmt, buffer)
    return buffer.getvalue()


def _terminal_width(out: TextIO) -> int | None:
    """The terminal's width when writing to one (a citation read there is wrapped to it); None
    in a pipe, so what is pasted elsewhere keeps one line per source and per quote."""
    try:
        if not out.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    import shutil

    return max(40, shutil.get_terminal_size().columns)


def _title(s: dict[str, Any]) -> str:
    """The publisher's title, then its English rendering where the title is not English."""
    if not s.get("title"):
        return str(s["id"])
    english = f" [“{s['title_en']}”]" if s.get("title_en") and s["title_en"] != s["title"] else ""
    return f"“{s['title']}”{english}"


def _source_line(s: dict[str, Any]) -> str:
    parts = [_title(s), s.get("publisher"), s.get("date"), s.get("url")]
    accessed = f" Retrieved {s['retrieved']}." if s.get("retrieved") else ""
    return ", ".join(p for p in parts if p) + "." + accessed


def text(item: dict[str, Any], width: int | None = None) -> str:
    """The citation as plain text; wrapped to `width` (a terminal's) with hanging indents."""
    lines = [_wrap(item["fact"], width, "")]
    lines.append("")
    for n, s in enumerate(item["sources"], 1):
        lines.append(_wrap(f"[{n}] {_source_line(s)}", width, " " * (len(str(n)) + 3)))
        for q in s["quotes"]:
            lines.append(_wrap(f"    “{' '.join(q['quote'].split())}”", width, "     "))
            if q.get("translation"):
                lines.append(_wrap(f"    (translation: “{' '.join(q['translation'].split())}”)", width, "     "))
    lines.append(f"(kzfacts show {item['id']})")
    return "\n".join(lines) + "\n"


def _wrap(line: str, width: int | None, indent: str) -> str:
    if width is None or len(line) <= width:
        return line
    import textwrap

    return textwrap.fill(line, width=width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def markdown(item: dict[str, Any]) -> str:
    marks = "".join(f"[^{n}]" for n in range(1, len(item["sources"]) + 1))
    lines = [f"{escape(item['fact'])}{marks}", ""]
    for n, s in enumerate(item["sources"], 1):
        title = escape(s.get("title") or s["id"])
        if s.get("title_en") and s["title_en"] != s.get("title"):
            title += f" [{escape(s['title_en'])}]"
        head = f"[{title}]({s['url']})" if s.get("url") else title
        rest = ", ".join(escape(p) for p in (s.get("publisher"), s.get("date")) if p)
        quotes = " ".join(f"“{escape(q['quote'])}”" + (f" (“{escape(q['translation'])}”)" if q.get("translation") else "")
                          for q in s["quotes"])  # fmt: skip
        accessed = f" (retrieved {s['retrieved']})" if s.get("retrieved") else ""
        lines.append(f"[^{n}]: {head}" + (f", {rest}" if rest else "") + accessed + (f": {quotes}" if quotes else ""))
    lines += ["", f"<!-- kzfacts {item['kind']} {item['id']} -->"]
    return "\n".join(lines) + "\n"
