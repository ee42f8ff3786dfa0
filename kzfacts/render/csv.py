"""CSV with a header: one flat row per item (per result for a vote), every claim kept."""

from __future__ import annotations

import csv
from typing import TextIO

from ..query import Result
from . import Options
from .flat import rows, select, text

_INTERNAL = ("title_marked", "snippet_marked")


def write(result: Result, opts: Options, out: TextIO) -> None:
    flat = select([{k: v for k, v in r.items() if k not in _INTERNAL} for r in rows(result)], opts.fields, result.view)
    header: list[str] = []
    for r in flat:
        header.extend(k for k in r if k not in header)
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(header)
    for r in flat:
        writer.writerow([text(r.get(k)) for k in header])
