"""`show ID`: any record in full, one field per line, every claim with its note, every citation.

Fields are printed in the record's own order and under their JSON names, so what a reader
sees here is what `--json` gives a script; nested results and rounds are one line each.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..query import Result
from .terminal import Page, ident

SKIP = ("kind", "id", "citations", "title", "name", "label")
KEY = 16


def render(page: Page, result: Result) -> None:
    for item in result.items:
        title = item.get("title") or item.get("name") or item.get("label") or item["id"]
        page.line((f"{item['kind']} ", "dim"), (str(title), "bold"), page.cite(item.get("citations") or []),
                  ident(item["id"]), hang=4)  # fmt: skip
        for key, value in item.items():
            if key in SKIP or value in (None, [], "", False):
                continue
            field(page, key, value, item.get("citations") or [])


def field(page: Page, key: str, value: Any, fallback: list[dict[str, Any]]) -> None:
    label = (f"{key:<{KEY}} ", "dim")
    if isinstance(value, list) and value and isinstance(value[0], dict) and "value" not in value[0]:
        page.line(label, f"{len(value)}", indent=2)
        for sub in value:
            page.line(nested(page, sub, fallback), indent=4, hang=4)
        return
    page.line(label, show_value(page, value, fallback), indent=2, hang=KEY + 1)


def nested(page: Page, sub: dict[str, Any], fallback: list[dict[str, Any]]) -> Text:
    """A result or round in one line: `Amanat: votes 3341510 [4] / 3431510 [5]; seats 62`."""
    head = sub.get("name") or sub.get("type") or (f"round {sub['round']}" if "round" in sub else None)
    out = Text(f"{str(head).replace('_', ' ')}: " if head else "")
    skip = ("name", "type", "round", "citations")
    parts = [(k, v) for k, v in sub.items() if k not in skip and v not in (None, [], "")]
    for i, (k, v) in enumerate(parts):
        out.append("; " if i else "")
        out.append(f"{k} ", style="dim")
        out.append_text(show_value(page, v, sub.get("citations") or fallback))
    out.append_text(page.cite(sub.get("citations") or []))
    return out


def show_value(page: Page, value: Any, fallback: list[dict[str, Any]]) -> Text:
    if isinstance(value, list) and value and isinstance(value[0], dict) and "value" in value[0]:
        if len(value) == 1 and value[0].get("citations"):
            return Text(str(value[0]["value"])) + page.cite(value[0]["citations"])
        return page.claims(value, fallback=fallback)
    if isinstance(value, list):
        return Text("; ".join(str(v) for v in value))
    if isinstance(value, bool):
        return Text("yes" if value else "no")
    if isinstance(value, dict):
        return Text(", ".join(f"{k} {v}" for k, v in value.items()))
    return Text(str(value))
