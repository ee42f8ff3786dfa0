"""JSON and NDJSON: the items exactly as queries return them (claims and citations included)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..query import Result
from . import Options
from .flat import select

_INTERNAL = ("title_marked", "snippet_marked")


def records(result: Result, opts: Options) -> list[dict[str, Any]]:
    items = [{k: v for k, v in item.items() if k not in _INTERNAL} for item in result.items]
    return select(items, opts.fields, result.view)


def write(result: Result, opts: Options, out: TextIO) -> None:
    """UTF-8 as it is; on a stream that cannot spell it (ascii), `\\u` escapes, the same data."""
    from ..streams import narrow

    items = records(result, opts)
    escape = narrow(out)
    if opts.fmt == "ndjson":
        for item in items:
            out.write(json.dumps(item, ensure_ascii=escape) + "\n")
    else:
        out.write(json.dumps(items, ensure_ascii=escape, indent=2) + "\n")
