"""Renderers: turn a query Result into output. One function per format, one dispatcher.

Machine formats (json, ndjson, csv) are plain standard-library output with stable field names;
only the terminal view imports Rich, so scripts never pay for it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

from ..query import Result


@dataclass
class Options:
    """How to show a result: the format and the view switches a command offers."""

    fmt: str = "plain"
    fields: list[str] | None = None
    quotes: bool = True
    long: bool = False
    chart: bool = False
    pager: bool = False


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
    long: bool = False, chart: bool = False, pager: bool = False,
) -> Options:  # fmt: skip
    """Validate the output flags together before any work, naming the clashing options."""
    from ..errors import KzfactsError

    chosen = [name for name, on in (("--json", json_), ("--ndjson", ndjson), ("--csv", csv_), ("--table", table)) if on]
    if len(chosen) > 1:
        raise KzfactsError(f"choose one output format, not {' and '.join(chosen)}")
    if chart and chosen and chosen[0] != "--table":
        raise KzfactsError(f"--chart draws in the terminal; it cannot be combined with {chosen[0]}")
    fmt = chosen[0].lstrip("-") if chosen else ("table" if wants_terminal(sys.stdout) or chart else "plain")
    picked = [f.strip() for f in fields.split(",") if f.strip()] if fields is not None else None
    if fields is not None and not picked:
        raise KzfactsError("--fields: give at least one field name")
    return Options(fmt=fmt, fields=picked, quotes=not no_quotes, long=long, chart=chart, pager=pager)


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
        from . import table

        table.write(result, opts, out)
    else:
        from . import plain

        plain.write(result, opts, out)
