"""Terminal views with Rich: year-grouped timelines, tables, charts, a citation under each fact.

Imported only for terminal output, so JSON and CSV never pay for Rich.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..query import Result
from . import Options
from .flat import claim_sources, rows, select, text

QUOTE_SHORT = 110


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Rich exits 1 on a closed pipe; ours is a quiet success, handled once in the CLI."""
        raise BrokenPipeError


def write(result: Result, opts: Options, out: TextIO) -> None:
    if opts.fields:
        select(rows(result), opts.fields)  # the view shows every field, but a typo is still an error
    console = _Console(file=out, highlight=False, soft_wrap=False)
    if opts.pager and out.isatty():
        with console.pager(styles=True):
            _render(console, result, opts)
    else:
        _render(console, result, opts)


def _render(console: Console, result: Result, opts: Options) -> None:
    if not result.items:
        console.print(f"[yellow]{escape(result.empty)}[/]")
        return
    view = VIEWS.get(result.view, _generic)
    if opts.chart and result.view in CHARTS:
        view = CHARTS[result.view]
    view(console, result, opts)
    for note in result.notes:
        console.print(f"[yellow]note:[/] {escape(note)}")


def cite_lines(citations: list[dict[str, Any]], opts: Options, indent: str = "    ") -> list[Text]:
    """The short citation under a fact: source id and quote (shortened unless --long)."""
    if not opts.quotes:
        return []
    lines = []
    for c in citations:
        quote = " ".join(c["quote"].split())
        if not opts.long and len(quote) > QUOTE_SHORT:
            quote = quote[: QUOTE_SHORT - 1] + "…"
        line = Text(indent)
        line.append(c["source"], style="cyan")
        line.append(f" “{quote}”", style="dim")
        if opts.long and c.get("translation"):
            line.append(f" [{c['translation']}]", style="dim italic")
        lines.append(line)
    return lines


def _all_cites(item: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(item.get("citations") or [])
    for value in item.values():
        if isinstance(value, list):
            for claim in value:
                if isinstance(claim, dict) and "value" in claim:
                    found.extend(claim.get("citations") or [])
    unique: dict[tuple[str, str], dict[str, Any]] = {}
    for c in found:
        unique.setdefault((c["source"], c["quote"]), c)
    return list(unique.values())


def _timeline(console: Console, result: Result, opts: Options) -> None:
    year = None
    for item in result.items:
        first = min(c["value"] for c in item["date"])
        if first[:4] != year:
            year = first[:4]
            console.print()
            console.rule(f"[bold]{year}[/]", align="left")
        when = claim_sources(item["date"])
        line = Text.assemble((f"{when:<12}", "bold"), " ", item["title"])
        if item.get("topics"):
            line.append(f"  [{', '.join(item['topics'])}]", style="dim")
        console.print(line)
        if item.get("kind") == "vote" and item.get("summary"):
            console.print(Text("    " + item["summary"], style="dim"))
        if item.get("ratified") or item.get("in_force"):
            stages = [("signed", item["date"]), ("ratified", item.get("ratified")), ("in force", item.get("in_force"))]
            text = " · ".join(f"{name} {claim_sources(cl)}" for name, cl in stages if cl)
            console.print(Text("    " + text, style="cyan"))
        if opts.long and item.get("summary") and item.get("kind") != "vote":
            console.print(Text("    " + item["summary"]))
        if opts.long and item.get("people_names"):
            console.print(Text("    people: " + ", ".join(item["people_names"]), style="dim"))
        for c in cite_lines(item["citations"], opts):
            console.print(c)


def _who(console: Console, result: Result, opts: Options) -> None:
    at = result.meta.get("at")
    table = Table(title=f"Who held it {'at ' + at if at else '(latest evidence)'}", show_lines=opts.quotes)
    for col in ("Post", "Side", "Holder", "Term", "Evidence"):
        table.add_column(col)
    for item in result.items:
        holder = Text(item["name"], style="bold")
        if item["ambiguous"]:
            holder.append(" (ambiguous)", style="yellow")
        term = term_text(item)
        label = item.get("latest_evidence_label") or item["latest_evidence_source"] or "-"
        evidence = f"latest evidence {item['latest_evidence'] or 'undated'}, {label}"
        cell = Text.assemble(holder)
        for c in cite_lines(item["citations"], opts, indent="\n"):
            cell.append_text(c)
        side = {"kz": "Kazakhstan", "uk": "United Kingdom"}.get(item["country"] or "", item["country"] or "")
        table.add_row(item["post_label"], side, cell, term, evidence)
    console.print(table)


def term_text(item: dict[str, Any]) -> str:
    """`since 2019-06-12`, `2017-02-15 – 2022-10 (end from successor's start)`, `2008 – before 2016-02-01`."""
    if item["open"]:
        return f"since {item['start']}" + (" (acting)" if item.get("acting") else "")
    if item["end"]:
        text = f"{item['start'] or '?'} – {item['end']}"
        return text + (" (end derived)" if item.get("end_derived_from") else "")
    if item.get("bounded_by") and item.get("span_to"):
        return f"{item['start'] or '?'} – by {item['span_to']}"
    if not item["start"]:
        return f"seen {item['latest_evidence']}" if item.get("latest_evidence") else "undated"
    return f"{item['start']} – ?"


def _history(console: Console, result: Result, opts: Options) -> None:
    """Every holder as a bar on one time axis per post."""
    width = max(20, min(60, console.width - 50))
    years = [int(i[k][:4]) for i in result.items for k in ("span_from", "span_to") if i.get(k)]
    if not years:
        return _generic(console, result, opts)
    lo, hi = min(years), max(max(years), *(int((i["latest_evidence"] or "0")[:4]) for i in result.items))
    hi = max(hi, lo + 1)
    post = None
    for item in result.items:
        if item["post"] != post:
            post = item["post"]
            console.print()
            console.rule(f"[bold]{escape(item['post_label'])}[/]  {lo}–{hi}", align="left")
        if item.get("gap"):
            a = round((int(item["start"][:4]) - lo) / (hi - lo) * (width - 1))
            b = max(a + 1, round((int(item["end"][:4]) - lo) / (hi - lo) * (width - 1)) + 1)
            bar = Text.assemble(" " * a, ("░" * (b - a), "red"), " " * (width - b))
            label = Text(f"{'no holder known':<24} ", style="red")
            console.print(Text.assemble(label, bar, f" {item['start']} – {item['end']}"))
            continue
        bar = Text(" " * width)
        if item.get("span_from"):
            start = int(item["span_from"][:4])
            end = int(item["span_to"][:4]) if item.get("span_to") else hi
            a = round((start - lo) / (hi - lo) * (width - 1))
            b = max(a + 1, round((end - lo) / (hi - lo) * (width - 1)) + 1)
            bar = Text(" " * a)
            bar.append("█" * (b - a), style="green" if item["open"] else "blue")
            bar.append(" " * (width - b))
        console.print(Text.assemble((f"{item['name'][:24]:<24} ", "bold"), bar, f" {term_text(item)}"))
        if item.get("bounded_by"):
            console.print(Text(f"{'':25}end unknown; the next holder is known from the day after", style="dim"))
        if item["open"] or (not item["start"] and item.get("latest_evidence")):
            evidence = f"latest evidence {item['latest_evidence'] or '-'} ({item['latest_evidence_source'] or '-'})"
            console.print(Text(f"{'':25}{evidence}", style="dim"))


def _person(console: Console, result: Result, opts: Options) -> None:
    item = result.items[0]
    console.print(Text(item["name"], style="bold"), Text(f"({item['id']})", style="dim"))
    if item["aliases"]:
        console.print("also: " + ", ".join(item["aliases"]))
    if item["birth_year"]:
        console.print("born: " + claim_sources(item["birth_year"]))
    for c in cite_lines(item["citations"], opts, indent="  "):
        console.print(c)
    if item["terms"]:
        table = Table(title="Terms", show_lines=False)
        for col in ("Post", "From", "To"):
            table.add_column(col)
        for t in item["terms"]:
            table.add_row(t["post_label"], t["start"] or "?", t["end"] or "open / unknown")
        console.print(table)
    if item["events"]:
        console.print(Text("Events", style="bold"))
        for e in item["events"]:
            console.print(f"  {' / '.join(e['date']):<12} {escape(e['title'])}")
    if item["votes"]:
        console.print(Text("Votes", style="bold"))
        for v in item["votes"]:
            console.print(f"  {escape(v['title'] or v['vote'])}")


def _trade(console: Console, result: Result, opts: Options) -> None:
    table = Table(title="Trade and investment figures (each for its own period; never summed)", show_lines=opts.quotes)
    for col in ("Period", "Indicator", "Direction", "Value", "Growth"):
        table.add_column(col)
    for item in result.items:
        value = f"{claim_sources(item['value'])} {item.get('unit') or ''} {item.get('currency') or ''}".strip()
        growth = ""
        if item.get("growth_pct"):
            growth = f"{claim_sources(item['growth_pct'])}%" + (
                f" vs {item['growth_base']}" if item.get("growth_base") else ""
            )
        direction = f"{item.get('from') or '?'} → {item.get('to') or '?'}" if item["indicator"] != "turnover" else \
            f"{item.get('from') or '?'} ↔ {item.get('to') or '?'}"  # fmt: skip
        cell = Text(item["period"] or item.get("period_label") or "period not stated")
        if opts.long and item.get("period_label"):
            cell.append(f"\n{item['period_label']}", style="dim")
        for c in cite_lines(item["citations"], opts, indent="\n"):
            cell.append_text(c)
        table.add_row(cell, item["indicator"], direction, value, growth)
    console.print(table)


def _elections(console: Console, result: Result, opts: Options) -> None:
    table = Table(title="Elections and referendums", show_lines=False)
    for col in ("Date", "Type", "Vote", "Turnout", "Winner / outcome"):
        table.add_column(col)
    for item in result.items:
        turnout = claim_sources(item["turnout"])
        table.add_row(
            claim_sources(item["date"]), item["type"], item.get("title") or item["id"],
            f"{turnout}%" if turnout else "", item.get("winner") or item.get("outcome") or "",
        )  # fmt: skip
    console.print(table)


def _vote(console: Console, result: Result, opts: Options) -> None:
    for item in result.items:
        console.print()
        head = Text(item.get("title") or item["id"], style="bold")
        head.append(f"  {claim_sources(item['date'])}")
        console.print(head)
        console.print(Text("  " + "; ".join(vote_facts(item))))
        if item.get("outcome"):
            console.print(Text("  " + item["outcome"]))
        if item.get("rounds"):
            rounds = Table(show_lines=False, title="Rounds", title_justify="left")
            for col in ("Round", "Date", "Turnout %", "Seats filled", "Note"):
                rounds.add_column(col)
            for r in item["rounds"]:
                rounds.add_row(
                    str(r["round"]), claim_sources(r["date"]), claim_sources(r["turnout"]),
                    claim_sources(r["seats"]), r.get("note") or "",
                )  # fmt: skip
            console.print(rounds)
        if item["results"]:
            tiers = any(r.get("list_seats") or r.get("district_seats") for r in item["results"])
            cols = ["Candidate / party / option", "Votes", "Share %", "Seats"]
            cols += ["List seats", "District seats"] if tiers else []
            table = Table(show_lines=False)
            for col in cols:
                table.add_column(col, justify="left" if col.startswith("Cand") else "right")
            for r in item["results"]:
                cells = [r["name"], *(claim_sources(r[k]) for k in ("votes", "share", "seats"))]
                cells += [claim_sources(r.get("list_seats")), claim_sources(r.get("district_seats"))] if tiers else []
                table.add_row(*cells)
            console.print(table)
        for c in cite_lines(_all_cites(item), opts, indent="  "):
            console.print(c)


def vote_facts(item: dict[str, Any]) -> list[str]:
    """The vote's measures, each named for what it counts (electors are not voters)."""
    voters = "electors" if item.get("indirect") else "voters"
    named = [
        ("seats", "seats at stake {}"), ("candidates", "candidates {}"), ("registered", f"registered {voters} {{}}"),
        ("ballots_issued", "ballots issued {}"), ("cast", f"{voters} who voted {{}}" if item.get("indirect") else "ballots cast {}"),
        ("turnout", "turnout {}%"),
    ]  # fmt: skip
    return [form.format(claim_sources(item[k])) for k, form in named if item.get(k)]


def _search(console: Console, result: Result, opts: Options) -> None:
    for item in result.items:
        title = _marked(item["title_marked"])
        console.print(Text.assemble((f"{item['kind']:<7}", "dim"), " ", title, (f"  {item['id']}", "dim")))
        console.print(Text("    ").append_text(_marked(item["snippet_marked"])))


def _marked(s: str) -> Text:
    """FTS highlight markers (\\x02...\\x03) as bold yellow."""
    out = Text()
    bold = False
    for part in s.replace("\x03", "\x02").split("\x02"):
        out.append(part, style="bold yellow" if bold else "")
        bold = not bold
    return out


def _sources(console: Console, result: Result, opts: Options) -> None:
    table = Table(title="Sources")
    for col in ("Id", "Date", "Publisher", "Lang", "Facts"):
        table.add_column(col)
    for item in result.items:
        table.add_row(
            item["id"], item["date"] or "unknown", item["publisher"] or "", item["language"], str(item["facts"])
        )
    console.print(table)


def _source(console: Console, result: Result, opts: Options) -> None:
    item = result.items[0]
    console.print(Text(item["title"] or item["id"], style="bold"))
    for key in ("id", "publisher", "date", "url", "file", "language"):
        console.print(f"  {key:<10} {escape(str(item.get(key) or 'unknown'))}")
    console.print(Text(f"Facts citing it ({len(item['facts'])})", style="bold"))
    for fact in item["facts"]:
        console.print(Text.assemble((f"  {fact['kind']:<7}", "dim"), f" {fact['title']}", (f"  {fact['id']}", "dim")))
        for c in cite_lines([{"source": item["id"], "quote": q} for q in fact["quotes"]], opts, indent="      "):
            console.print(c)


def _stats(console: Console, result: Result, opts: Options) -> None:
    item = result.items[0]
    table = Table(title="Fact base")
    table.add_column("What")
    table.add_column("Count", justify="right")
    for kind, n in item["counts"].items():
        table.add_row(kind, str(n))
    table.add_row("sources cited", str(item["sources_cited"]))
    table.add_row("quotes", str(item["quotes"]))
    table.add_row("records with disagreements", str(item["records_with_disagreements"]))
    console.print(table)
    console.print(f"evidence spans {item['span']['from']} to {item['span']['to']}")


def _generic(console: Console, result: Result, opts: Options) -> None:
    table = Table()
    keys = [k for k in result.items[0] if k not in ("citations", "title_marked", "snippet_marked")]
    for k in keys:
        table.add_column(k)
    for item in result.items:
        table.add_row(*(text(item.get(k)) for k in keys))
    console.print(table)


def _bars(console: Console, title: str, rows: list[tuple[str, float, str]], note: str | None = None) -> None:
    """Horizontal bars scaled to the largest value; label, bar, value text."""
    console.print(Text(title, style="bold"))
    if note:
        console.print(Text(note, style="yellow"))
    top = max((v for _, v, _ in rows), default=0) or 1
    width = max(10, min(50, console.width - 60))
    label_w = min(40, max((len(lbl) for lbl, _, _ in rows), default=10))
    for label, value, shown in rows:
        n = max(1, round(value / top * width)) if value > 0 else 0
        console.print(Text.assemble((f"{label[:label_w]:<{label_w}} ", ""), ("█" * n, "green"), f" {shown}"))


def _trade_chart(console: Console, result: Result, opts: Options) -> None:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for item in result.items:
        key = (item["indicator"], item.get("unit") or "", item.get("currency") or "")
        groups.setdefault(key, []).append(item)
    for (indicator, unit, currency), items in groups.items():
        lengths = {_period_kind(i["period"]) for i in items}
        note = None
        if len(lengths) > 1:
            note = "periods of different length on one scale: " + ", ".join(sorted(lengths)) + " (compare with care)"
        rows = []
        for i in items:
            for claim in i["value"]:
                srcs = short_sources([c["source"] for c in claim["citations"] or i["citations"]])
                period = i["period"] or "period not stated"
                label = f"{period} {i.get('from') or ''}→{i.get('to') or ''}"
                rows.append((label, float(claim["value"]), f"{claim['value']:g} {unit} {currency} ({srcs})"))
        console.print()
        _bars(console, f"{indicator} ({unit} {currency})".replace("  ", " "), rows, note)


def short_sources(sources: list[str]) -> str:
    unique = list(dict.fromkeys(sources))
    return unique[0] + (f" +{len(unique) - 1}" if len(unique) > 1 else "") if unique else "-"


def _period_kind(period: str | None) -> str:
    if not period:
        return "not stated"
    if "/" in period:
        return "open-ended (cumulative)" if period.endswith("..") else "range"
    return {4: "year", 7: "month", 10: "day"}.get(len(period), "other")


def _vote_chart(console: Console, result: Result, opts: Options) -> None:
    for item in result.items:
        console.print()
        turnout = claim_sources(item["turnout"])
        title = f"{item.get('title') or item['id']} ({claim_sources(item['date'])})"
        rows = []
        for r in item["results"]:
            for claim in r["share"]:
                rows.append((r["name"], float(claim["value"]), f"{claim['value']:g}%"))
        if not rows:
            console.print(Text(title, style="bold"))
            console.print("  no vote shares recorded")
            continue
        _bars(console, title, rows, None)
        if turnout:
            console.print(f"turnout {turnout}%")


VIEWS: dict[str, Callable[[Console, Result, Options], None]] = {
    "timeline": _timeline, "who": _who, "history": _history, "person": _person, "trade": _trade,
    "elections": _elections, "vote": _vote, "search": _search, "sources": _sources, "source": _source,
    "stats": _stats,
}  # fmt: skip
CHARTS: dict[str, Callable[[Console, Result, Options], None]] = {"trade": _trade_chart, "vote": _vote_chart}
