"""Renderers: turn a query Result into output. One function per format, one dispatcher.

Machine formats (json, ndjson, csv, markdown) are plain standard-library output with stable
field names; only the terminal views (`terminal.py` and one module per view) import Rich, so
scripts never pay for it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass
else:
    from ..struct import struct as dataclass
from typing import TextIO

from ..query import Result


@dataclass
class Options:
    """How to show a result: the format and the view switches a command offers."""

    fmt: str = "plain"
    fields: list[str] | None = None
    quotes: str = "one"  # one quote per fact with the rest counted, "all", or "none"
    long: bool = False
    chart: bool = False
    pager: str = "auto"  # "auto": page when longer than the screen; "always" (--pager); "never"


def wants_terminal(stream: TextIO) -> bool:
    """A Rich view for a terminal (or when FORCE_COLOR asks), plain text in a pipe."""
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def options(
    json_: bool, ndjson: bool, csv_: bool, table: bool, fields: str | None, no_quotes: bool = False,
    long: bool = False, chart: bool = False, pager: bool = False, markdown: bool = False, quotes: str = "one",
    no_pager: bool = False,
) -> Options:  # fmt: skip
    """Validate the output flags together before any work, naming the clashing options."""
    from ..errors import KzfactsError

    flags = (("--json", json_), ("--ndjson", ndjson), ("--csv", csv_), ("--table", table), ("--markdown", markdown))
    chosen = [name for name, on in flags if on]
    if len(chosen) > 1:
        raise KzfactsError(f"choose one output format, not {' and '.join(chosen)}")
    if chart and chosen and chosen[0] != "--table":
        raise KzfactsError(f"--chart draws in the terminal; it cannot be combined with {chosen[0]}")
    if pager and no_pager:
        raise KzfactsError("choose --pager or --no-pager, not both")
    if quotes not in ("one", "all"):
        raise KzfactsError(f"--quotes: '{quotes}' is not one of: one, all", hint="--no-quotes hides them")
    fmt = chosen[0].lstrip("-") if chosen else ("table" if wants_terminal(sys.stdout) or chart else "plain")
    picked = [f.strip() for f in fields.split(",") if f.strip()] if fields is not None else None
    if fields is not None and not picked:
        raise KzfactsError("--fields: give at least one field name")
    return Options(
        fmt=fmt, fields=picked, quotes="none" if no_quotes else quotes, long=long, chart=chart,
        pager="always" if pager else "never" if no_pager else "auto",
    )  # fmt: skip


def emit(result: Result, opts: Options, out: TextIO | None = None) -> None:
    """Write `result` in its format; a stdout that cannot take it is an OutputError (one line)."""
    out = out or sys.stdout
    try:
        _emit(result, opts, out)
    except BrokenPipeError:
        raise
    except (OSError, UnicodeEncodeError) as exc:
        from ..streams import output_error

        raise output_error(exc) from None


def _emit(result: Result, opts: Options, out: TextIO) -> None:
    if opts.fmt in ("json", "ndjson"):
        from . import json as json_out

        json_out.write(result, opts, out)
    elif opts.fmt == "csv":
        from . import csv as csv_out

        csv_out.write(result, opts, out)
    elif opts.fmt == "table":
        from . import terminal

        terminal.write(result, opts, out)
    elif opts.fmt == "markdown":
        from . import markdown

        markdown.write(result, opts, out)
    else:
        from . import plain

        plain.write(result, opts, out)
