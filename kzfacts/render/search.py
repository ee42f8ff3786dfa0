"""`search`: one hit per entry, kind, date and title (the match highlighted), the passage beneath."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..query import Result
from .terminal import Page, ident, shorten


def render(page: Page, result: Result) -> None:
    for item in result.items:
        hit(page, item)


def hit(page: Page, item: dict[str, Any]) -> None:
    when = item.get("date") or "undated"
    page.line((f"{item['kind']:<7}", "dim"), (f"{when:<11} ", "bold"), marked(item["title_marked"]),
              ident(item["id"]), hang=19)  # fmt: skip
    snippet = marked(" ".join(item["snippet_marked"].split()))
    limit = page.width - 8
    if len(snippet.plain) > limit:
        snippet = snippet[: len(shorten(snippet.plain, limit)) - 1] + Text("…")
    page.line(snippet, indent=8, hang=0, style="dim")


def marked(s: str) -> Text:
    """FTS highlight markers (\\x02...\\x03) as bold yellow; the text itself never markup."""
    out = Text()
    bold = False
    for part in s.replace("\x03", "\x02").split("\x02"):
        out.append(part, style="bold yellow" if bold else "")
        bold = not bold
    return out
