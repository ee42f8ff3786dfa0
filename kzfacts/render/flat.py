"""Flatten result items into rows of text for CSV and plain output.

Claims become `v1 / v2` (every claim, never one picked); citations `source: quote` joined
with ` | `; lists `; `. A vote's results become one row each, since that is the table people
load into a spreadsheet.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import KzfactsError
from ..query import Result


def text(value: Any) -> str:
    """One cell: claims, citations and lists folded into readable text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        if value and isinstance(value[0], dict) and "value" in value[0]:
            return " / ".join(text(c["value"]) for c in value)
        if value and isinstance(value[0], dict) and "quote" in value[0]:
            return " | ".join(f"{c['source']}: {c['quote']}" for c in value)
        if value and isinstance(value[0], dict):
            return json.dumps(value, ensure_ascii=False)
        return "; ".join(text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def claim_sources(value: Any) -> str:
    """`53 (seed-002) / 54 (seed-002)` when claims carry their own sources."""
    if not isinstance(value, list) or not value or not isinstance(value[0], dict) or "value" not in value[0]:
        return text(value)
    parts = []
    for c in value:
        unique = list(dict.fromkeys(x["source"] for x in c.get("citations") or []))
        srcs = ", ".join(unique[:2]) + (f" +{len(unique) - 2}" if len(unique) > 2 else "")
        parts.append(f"{text(c['value'])} ({srcs})" if srcs and len(value) > 1 else text(c["value"]))
    return " / ".join(parts)


def claim_values(value: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    """(value as text, its own citations) per claim; a plain value is one claim with none."""
    if value is None or value == [] or value == "":
        return []
    if isinstance(value, list) and value and isinstance(value[0], dict) and "value" in value[0]:
        return [(text(c["value"]), list(c.get("citations") or [])) for c in value]
    return [(text(value), [])]


def rows(result: Result) -> list[dict[str, Any]]:
    """The items as flat rows (a vote becomes one row per result)."""
    if result.view == "vote":
        out = []
        for vote in result.items:
            for r in vote.get("results") or [{}]:
                out.append(
                    {
                        "vote": vote["id"], "type": vote["type"], "date": vote["date"], "turnout": vote["turnout"],
                        "registered": vote["registered"], "name": r.get("name"), "party": r.get("party"),
                        "votes": r.get("votes"), "share": r.get("share"), "seats": r.get("seats"),
                        "list_seats": r.get("list_seats"), "district_seats": r.get("district_seats"),
                        "chamber": vote.get("chamber"), "citations": r.get("citations") or vote["citations"],
                    }
                )  # fmt: skip
        return out
    if result.view == "source":
        item = result.items[0]
        return [{"source": item["id"], **fact} for fact in item["facts"]]
    if result.view == "brief":
        return brief_rows(result.items[0]) if result.items else []
    if result.view == "elections":
        return [{k: v for k, v in item.items() if k != "results"} for item in result.items]
    return list(result.items)


def select(records: list[dict[str, Any]], fields: list[str] | None, view: str | None = None) -> list[dict[str, Any]]:
    """Keep only `fields` (in that order); an unknown one is an error naming the valid ones,
    checked against the view's declared fields (views.py), so a typo fails on an empty
    result too, not only when something was found."""
    if not fields:
        return records
    from ..views import fields_of

    valid: list[str] = list(fields_of(view) or ()) if view else []
    for r in records:
        valid.extend(k for k in r if k not in valid)
    unknown = [f for f in fields if f not in valid]
    if unknown and (records or valid):
        shown = [k for k in valid if k not in ("title_marked", "snippet_marked")]
        raise KzfactsError(f"--fields: unknown field '{unknown[0]}'", hint=f"valid fields: {', '.join(shown)}")
    return [{f: r.get(f) for f in fields} for r in records]


def brief_rows(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The briefing card as one row per line of it (section, what, value, when, id), so a
    spreadsheet or Markdown table reads like the terminal card, not like nested JSON."""

    def row(section: str, what: str, value: Any, when: Any, id: Any, note: str, cites: Any) -> dict[str, Any]:
        return {"section": section, "what": what, "value": value, "when": when, "id": id, "note": note,
                "citations": cites or []}  # fmt: skip

    def dates(claims: Any) -> str:
        return " / ".join(dict.fromkeys(v for v, _ in claim_values(claims)))

    out = []
    for h in item["holders"]:
        note = "; ".join(n for n, on in (("possible", h.get("ambiguous")), ("over a year old", h.get("stale"))) if on)
        if not h.get("name"):
            note = f"no holder known; last seen: {h['last_seen']}" if h.get("last_seen") else "no holder known"
            note = f"post ended {h['post_ended']}" if h.get("post_ended") else note
        out.append(row("holders", h["post_label"], h.get("name"), h.get("start"), h.get("term"), note, h["citations"]))
    for f in item["trade"]:
        amount = f"{' / '.join(v for v, _ in claim_values(f['value']))} {f.get('unit') or ''} {f.get('currency') or ''}"
        arrow = "↔" if f["indicator"] == "turnover" else "→"
        what = f"{f['indicator']} {f.get('from') or '?'}{arrow}{f.get('to') or '?'}"
        note = "over a year old" if f.get("stale") else ""
        out.append(row("trade", what, " ".join(amount.split()), f["period"], f["id"], note, f["citations"]))
    for section in ("milestones", "scheduled"):
        for e in item[section]:
            out.append(row(section, e["title"], None, dates(e["date"]), e["id"], "", e["citations"]))
    for which, v in (item.get("votes") or {}).items():
        if v:
            out.append(row("votes", f"{which} vote", v["title"], dates(v["date"]), v["id"], "", v["citations"]))
    for d in item["disagreements"]:
        out.append(row("disputed", d["title"], ", ".join(d["fields"]), None, d["id"], "", []))
    for st in item["stale"]:
        out.append(row("stale", st["what"], None, st.get("latest"), None, "over a year old here", []))
    return out
