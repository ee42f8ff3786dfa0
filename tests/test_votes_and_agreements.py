"""Votes tell measures apart (rounds, seat tiers, electors, count stages); every national vote
the texts name is a record and a timeline entry; agreements carry their stages; trade figures
carry their reporter."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from .conftest import kz


def values(claims: list[dict[str, Any]]) -> list[Any]:
    return [c["value"] for c in claims]


def vote(vid: str) -> dict[str, Any]:
    [v] = kz("elections", vid, "--json").json()
    return v


EXPECTED = {
    "presidential": [1991, 1999, 2005, 2011, 2015, 2019, 2022],
    "mazhilis": [1995, 1999, 2004, 2007, 2012, 2016, 2021, 2023],
    "senate": [1995, 1999, 2002, 2005, 2008, 2011, 2014, 2017, 2020, 2023],
    "referendum": [1995, 1995, 2022, 2024, 2026],
}


def test_every_national_vote_the_texts_name_is_a_record() -> None:
    votes = kz("elections", "--json").json()
    years: dict[str, list[int]] = {k: [] for k in EXPECTED}
    for v in votes:
        key = v["chamber"] if v["type"] == "parliamentary" and v["chamber"] else v["type"]
        if key in years:
            years[key].append(int(min(values(v["date"]))[:4]))
    for key, wanted in EXPECTED.items():
        for year in set(wanted):
            assert years[key].count(year) >= wanted.count(year), (key, year)
    assert any(v["id"] == "kz-supreme-kenges-1994" and values(v["date"]) == ["1994-03-07"] for v in votes)


def test_a_vote_in_rounds_keeps_each_rounds_date_and_seats() -> None:
    v = vote("kz-mazhilis-1995")
    rounds = {r["round"]: r for r in v["rounds"]}
    assert [values(rounds[n]["date"]) for n in (1, 2, 3)] == [["1995-12-09"], ["1995-12-23"], ["1996-02-04"]]
    assert values(rounds[2]["seats"]) == [13] and values(rounds[3]["seats"]) == [13]
    assert sorted(values(rounds[1]["seats"])) == [41, 43]  # two texts disagree on the first round
    view = kz("elections", "kz-mazhilis-1995", "--table", env={"COLUMNS": "120"}).out
    assert "round 1: 1995-12-09" in view and "round 3: 1996-02-04" in view and "seats filled 13" in view


def test_a_senate_election_counts_electors_not_voters() -> None:
    v = vote("kz-senate-2014")
    assert v["indirect"] is True and v["chamber"] == "senate"
    assert values(v["registered"]) == [3279] and values(v["cast"]) == [3236]
    assert values(v["seats"]) == [16] and values(v["turnout"]) == [98.7]
    view = kz("elections", "kz-senate-2014", "--table", env={"COLUMNS": "120"}).out
    assert "registered electors 3279" in view and "electors who voted 3236" in view


def test_party_list_and_total_seats_are_two_measures_not_a_disagreement() -> None:
    amanat = next(r for r in vote("kz-mazhilis-2023")["results"] if r["name"] == "Amanat")
    assert values(amanat["list_seats"]) == [40] and values(amanat["district_seats"]) == [22]
    assert values(amanat["seats"]) == [62]
    line = next(x for x in kz("check").out.splitlines() if x.startswith("disagreement") and "'kz-mazhilis-2023'" in x)
    assert "Amanat: votes" in line and "Amanat: seats" not in line


def test_preliminary_and_final_counts_are_stages_not_disagreements() -> None:
    v = vote("kz-presidential-2022")
    stages = {c.get("stage") for c in v["turnout"]}
    assert {"preliminary", "final"} <= stages


def test_votes_are_timeline_entries_with_their_outcome_and_filter_like_a_topic() -> None:
    items = kz("timeline", "--from", "2022-11", "--to", "2022-11", "--json").json()
    entry = next(i for i in items if i["id"] == "kz-presidential-2022")
    assert entry["kind"] == "vote" and "elections" in entry["topics"] and "turnout 69.4" in entry["summary"]
    only = kz("timeline", "--topic", "elections", "--json").json()
    assert {i["kind"] for i in only} >= {"vote"} and all("elections" in i["topics"] for i in only)
    assert len([i for i in only if i["kind"] == "vote"]) == len(kz("elections", "--json").json())
    without = kz("timeline", "--skip-topic", "elections", "--json").json()
    assert not any(i["kind"] == "vote" for i in without)


def test_an_agreement_shows_signing_ratification_and_entry_into_force_together() -> None:
    items = kz("timeline", "--from", "1994", "--to", "1994", "--json").json()
    dtc = next(i for i in items if i["id"] == "kz-uk-double-taxation-convention-1994")
    assert values(dtc["date"]) == ["1994-03-21"]
    assert values(dtc["ratified"]) == ["1996-06-26"] and values(dtc["in_force"]) == ["1996-07-15"]
    view = kz("timeline", "--from", "1994-03", "--to", "1994-03", "--table", env={"COLUMNS": "160"}).out
    assert "signed 1994-03-21 · ratified 1996-06-26 · in force 1996-07-15" in view


def test_a_trade_figure_names_its_reporter() -> None:
    rows = kz("trade", "--year", "2013", "--indicator", "turnover", "--json").json()
    fig = next(r for r in rows if r["id"] == "kz-uk-turnover-2013")
    assert values(fig["value"]) == [2.1] and fig["unit"] == "billion" and fig["currency"] == "USD"
    assert "Customs Control Committee" in fig["note"]
    exports = kz("trade", "--year", "2013", "--indicator", "exports", "--json").json()
    assert [values(r["value"]) for r in exports if r["id"] == "kz-uk-exports-2013"] == [[1.5]]


def test_the_sqlite_export_keeps_rounds_and_tiers(tmp_path: Path) -> None:
    target = tmp_path / "kz.db"
    assert kz("export", "--format", "sqlite", "-o", str(target)).code == 0
    db = sqlite3.connect(target)
    assert db.execute("SELECT count(*) FROM vote_rounds WHERE vote='kz-mazhilis-1995'").fetchone()[0] == 3
    row = db.execute("SELECT list_seats, district_seats, seats FROM vote_results "
                     "WHERE vote='kz-mazhilis-2023' AND name='Amanat'").fetchone()  # fmt: skip
    assert row == (40, 22, 62)
    assert db.execute("SELECT registered, \"cast\", indirect FROM votes WHERE id='kz-senate-2014'").fetchone() == (
        3279, 3236, 1,
    )  # fmt: skip


@pytest.mark.parametrize("vid", ["kz-presidential-2011", "kz-referendum-2024", "kz-mazhilis-1999"])
def test_fuller_results_for_the_votes_the_issue_named(vid: str) -> None:
    v = vote(vid)
    assert v["turnout"] and len(v["results"]) >= 4
