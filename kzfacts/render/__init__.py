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


def emit(result: Result, opts: Options, out: TextIO | None = None) -> None:
    out = out or sys.stdout
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
