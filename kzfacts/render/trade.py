"""`trade`: one line per figure with its period's length, and `--chart`, an honest bar chart.

The chart draws only amounts of money: million and billion become one unit per currency,
on one scale per currency and section; Kazakhstan–UK trade in goods is a section of its own,
apart from the UK's investment in Kazakhstan, and both apart from other figures (total or EU
investment, trade with other partners, flows whose direction the text leaves unknown, deals); ranks, percentages and counts are
listed, not drawn, since a bar would compare them with money. Each bar names its period
and how long it is, and a section whose periods differ in length says so.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..dates import period_of
from ..query import Result
from .facts import figure_tokens
from .terminal import Page, ident

SCALE = {"million": 1e6, "billion": 1e9}
TRADE = ("turnover", "exports", "imports")
SECTIONS = ("Kazakhstan–UK trade in goods", "UK investment in Kazakhstan", "Other figures")


def render(page: Page, result: Result) -> None:
    page.heading("Trade and investment figures (each for its own period; never summed)")
    for item in result.items:
        page.line(f"{period_text(item)}  ", (flow(item), "bold"), "  ", page.claims(item["value"]),
                  f" {amount_unit(item)}", growth(page, item), page.cite(item["citations"], facts=_figures(item)), ident(item["id"]),
                  hang=4)  # fmt: skip
        if page.opts.long and item.get("note"):
            page.line((item["note"], "dim"), indent=4, hang=0)


def _figures(item: dict[str, Any]) -> list[str]:
    return figure_tokens([c["value"] for c in item["value"]])


def flow(item: dict[str, Any]) -> str:
    arrow = "↔" if item["indicator"] in ("turnover", "deals") else "→"
    return f"{item['indicator']} {item.get('from') or '?'}{arrow}{item.get('to') or '?'}"


def amount_unit(item: dict[str, Any]) -> str:
    return " ".join(x for x in (item.get("unit"), item.get("currency")) if x)


def growth(page: Page, item: dict[str, Any]) -> Text:
    if not item.get("growth_pct"):
        return Text()
    base = f" vs {item['growth_base']}" if item.get("growth_base") else ""
    return Text.assemble(", growth ", page.claims(item["growth_pct"], "{}%"), base)


def period_text(item: dict[str, Any]) -> str:
    """`2017-01/2017-04 (4 months)`: the period and its length, so unlike spans show as unlike."""
    period = item.get("period")
    if not period:
        return "period not stated"
    return f"{period} ({period_length(period)})"


def period_length(period: str) -> str:
    if period.endswith("/.."):
        return f"cumulative since {period[:-3]}"
    span = period_of(period)
    days = (span.hi - span.lo).days + 1
    if days == 1:
        return "day"
    months = (span.hi.year - span.lo.year) * 12 + span.hi.month - span.lo.month + 1
    if months % 12 == 0 and span.lo.month == 1:
        return "year" if months == 12 else f"{months // 12} years"
    return f"{months} month{'s' * (months != 1)}"


def section(item: dict[str, Any]) -> str:
    if item["indicator"] in TRADE and {item.get("from"), item.get("to")} == {"kz", "uk"}:
        return SECTIONS[0]
    if item["indicator"] in ("fdi", "investment") and (item.get("from"), item.get("to")) == ("uk", "kz"):
        return SECTIONS[1]
    return SECTIONS[2]


def chart(page: Page, result: Result) -> None:
    money: dict[tuple[str, str], list[tuple[str, float, str, list[dict[str, Any]], str]]] = {}
    listed: dict[str, list[dict[str, Any]]] = {}
    for item in result.items:
        unit, currency = item.get("unit") or "", item.get("currency") or ""
        if unit not in SCALE or not currency:
            listed.setdefault(section(item), []).append(item)
            continue
        for claim in item["value"]:
            amount = float(claim["value"]) * SCALE[unit]
            label = f"{item.get('period') or 'no period'} {flow(item)}"
            length = period_length(item["period"]) if item.get("period") else "period not stated"
            money.setdefault((section(item), currency), []).append(
                (label, amount, length, claim.get("citations") or item["citations"], item["id"])
            )
    for name in SECTIONS:
        for (sec, currency), bars in money.items():
            if sec == name:
                draw(page, f"{name}, {currency}", currency, bars)
        if listed.get(name):
            page.blank()
            page.heading(f"{name}: not amounts of money, so listed rather than drawn")
            for item in listed[name]:
                page.line(f"{period_text(item)}  ", (flow(item), "bold"), "  ", page.claims(item["value"]),
                          f" {amount_unit(item)}", page.cite(item["citations"], facts=_figures(item)), ident(item["id"]), indent=2, hang=4)  # fmt: skip


def draw(page: Page, title: str, currency: str, bars: list[tuple[str, float, str, list[dict[str, Any]], str]]) -> None:
    """Bars on one scale in one unit (billion when the largest is a billion or more)."""
    top = max(b[1] for b in bars) or 1.0
    unit = "billion" if top >= 1e9 else "million"
    lengths = sorted({b[2] for b in bars})
    page.blank()
    page.heading(f"{title} ({unit})")
    if len(lengths) > 1:
        page.line(("periods of different length: " + ", ".join(lengths) + "; compare with care", "yellow"), hang=2)
    label_w = min(max(len(b[0]) for b in bars), max(12, page.width // 3))
    value_w = 24
    width = max(8, page.width - label_w - value_w - 3)
    for label, amount, length, cites, rid in bars:
        n = max(1, round(amount / top * width)) if amount > 0 else 0
        shown = f"{round(amount / SCALE[unit], 6):g} {unit} {currency}"
        text = label if len(label) <= label_w else label[: label_w - 1] + "…"
        page.line(f"{text:<{label_w}} ", ("█" * n, "green"), f" {shown} ({length})", page.cite(cites), ident(rid),
                  hang=label_w + 1)  # fmt: skip
