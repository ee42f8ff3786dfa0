"""`brief` (a one-page card at a date) and `counterparts` (who faced whom), through the CLI
and the library, on the packaged facts."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import kzfacts
from kzfacts.dates import period_of

from .conftest import kz

AT = "2024-04-24"  # the day the Strategic Partnership and Cooperation Agreement was signed


def card(at: str = AT) -> dict[str, Any]:
    run = kz("brief", "--at", at, "--json")
    assert run.code == 0, run
    (item,) = run.json()
    return item


def test_the_brief_names_both_sides_as_who_does_at_the_same_date() -> None:
    item = card()
    names = {h["post"]: h["name"] for h in item["holders"]}
    for post in ("kz-president", "kz-prime-minister", "kz-foreign-minister", "kz-ambassador-uk",
                 "uk-prime-minister", "uk-foreign-secretary", "uk-ambassador-kz"):  # fmt: skip
        holders = [h["name"] for h in kzfacts.who(post, at=AT)]
        assert names[post] in holders, post
    assert {"Kassym-Jomart Tokayev", "Olzhas Bektenov", "Murat Nurtleu", "Magzhan Ilyassov"} <= set(names.values())
    assert {"Rishi Sunak", "David Cameron", "Kathy Leach"} <= set(names.values())
    assert kzfacts.brief(at=AT) == [item]


def test_the_brief_shows_only_milestones_surely_on_or_before_its_date() -> None:
    item = card()
    ids = [e["id"] for e in item["milestones"]]
    assert ids[0] == "kz-uk-spca-signed-2024"  # the most recent first
    day = date.fromisoformat(AT)
    assert all(max(period_of(c["value"]).hi for c in e["date"]) <= day for e in item["milestones"])
    assert "tokayev-congratulates-starmer-2024" not in ids  # dated only "2024": it may be (and was) later
    assert item["scheduled"] == []  # only a briefing for today lists what the texts give as scheduled
    assert item["votes"]["next"]["id"] == "kz-referendum-2024"


def test_a_brief_at_a_year_is_the_picture_on_its_last_day() -> None:
    item = card("2013")
    assert item["day"] == "2013-12-31"
    names = {h["post"]: h["name"] for h in item["holders"]}
    assert [h["name"] for h in kzfacts.who("kz-senate-chair", at="2013-12-31")] == [names["kz-senate-chair"]]


def test_the_brief_says_which_lines_rest_on_old_evidence() -> None:
    item = card()
    (envoy,) = [h for h in item["holders"] if h["post"] == "uk-trade-envoy-kz"]
    assert envoy["name"] is None and envoy["last_seen"].startswith("Emma Nicholson")
    assert any(s["what"].startswith("UK Trade Envoy") for s in item["stale"])
    day = date.fromisoformat(AT)
    for f in item["trade"]:
        assert period_of(f["period"]).hi <= day  # a figure for a period not yet over is not "latest"
    flows = {(f["indicator"], f["from"], f["to"]) for f in item["trade"]}
    assert ("turnover", "kz", "uk") in flows or ("turnover", "uk", "kz") in flows


def test_the_brief_card_fits_one_page_and_reads_as_rows_in_a_spreadsheet() -> None:
    for at in (AT, "1996", "2013", "2017", "2023"):
        table = kz("brief", "--at", at, "--table", env={"COLUMNS": "80"})
        lines = table.out.splitlines()
        assert table.code == 0 and len(lines) <= 60 and all(len(line) <= 80 for line in lines), at
    table = kz("brief", "--at", AT, "--table", env={"COLUMNS": "80"})
    assert "David Cameron" in table.out and "Strategic Partnership" in table.out
    rows = list(csv.DictReader(io.StringIO(kz("brief", "--at", AT, "--csv").out)))
    assert {r["section"] for r in rows} >= {"holders", "trade", "milestones", "votes"}
    assert any(r["value"] == "Murat Nurtleu" and r["what"].startswith("Minister of Foreign Affairs") for r in rows)
    assert kz("brief", "--at", "2024-13").code == 2  # a date that is not one


def test_counterparts_lists_the_overlaps_and_the_contacts_inside_them() -> None:
    items = kzfacts.counterparts("foreign minister", "foreign secretary")
    assert items == kz("counterparts", "foreign minister", "foreign secretary", "--json").json()
    (nc,) = [i for i in items if i["name_a"] == "Murat Nurtleu" and i["name_b"] == "David Cameron"]
    assert "kz-uk-spca-signed-2024" in {c["id"] for c in nc["contacts"]} and not nc["no_contact"]
    for i in items:  # each contact involves both holders and falls inside their overlap
        for c in i["contacts"]:
            event = kzfacts.show(c["id"])[0]
            assert {i["person_a"], i["person_b"]} <= set(event["people"])
            assert min(period_of(v).lo for v in c["date"]) <= period_of(i["to"] or "9999").hi
    assert any(i["no_contact"] for i in items)  # an overlap with nothing recorded says so
    pairs = kzfacts.counterparts()  # the standard pairs
    (nazarbayev,) = [i for i in pairs if i["name_a"] == "Nursultan Nazarbayev" and i["name_b"] == "David Cameron"]
    assert any(c["date"][0].startswith("2013-06-30") for c in nazarbayev["contacts"])


def test_counterparts_needs_two_posts_or_none() -> None:
    run = kz("counterparts", "foreign minister")
    assert run.code == 2 and "give two posts" in run.err and "Traceback" not in run.err


def test_a_post_that_ended_is_not_an_unknown_holder() -> None:
    """The Senate and Mazhilis chairs end on 2026-07-01 (the chambers' replacement): after that
    the card says the post ended, not that the evidence is missing."""
    item = card("2026-08")
    chairs = [h for h in item["holders"] if h["post"] in ("kz-senate-chair", "kz-mazhilis-chair")]
    assert chairs and all(h["name"] is None and h["post_ended"] for h in chairs)
    assert not any("Chair of the" in s["what"] for s in item["stale"])
    before = card("2026-02")
    assert {h["name"] for h in before["holders"] if h["post"] == "kz-senate-chair"} == {"Maulen Ashimbayev"}


def test_an_overlap_that_may_run_past_the_facts_ends_in_a_question_mark() -> None:
    """JSON keeps the possible end (12 months past the latest evidence); the terminal does not
    print a date after the fact base's own as a known end."""
    (stats,) = kz("stats", "--json").json()
    items = kzfacts.counterparts("foreign minister", "foreign secretary")
    later = [i for i in items if i["to"] and i["to"] > stats["as_of"]]
    assert later and all(i["certain_to"] and i["certain_to"] <= i["to"] for i in later)
    table = kz("counterparts", "foreign minister", "foreign secretary", "--table", env={"COLUMNS": "200"}).out
    for i in later:
        line = next(x for x in table.splitlines() if f"{i['name_a']} – {i['name_b']}" in x)
        assert f"{i['from']} – ?" in line and i["to"] not in line
