"""Every command through the real CLI, asserting real values from the fact base in each output
mode (JSON, NDJSON, CSV, plain text, the terminal view)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import kz


def values(claims: list[dict]) -> list:
    return [c["value"] for c in claims]


def by_id(items: list[dict], rid: str) -> dict:
    return next(i for i in items if i["id"] == rid)


# -- timeline ---------------------------------------------------------------------------------


def test_timeline_1992_in_json() -> None:
    items = kz("timeline", "--from", "1992", "--to", "1992", "--json").json()
    ev = by_id(items, "diplomatic-relations-established-1992")
    assert values(ev["date"]) == ["1992-01-19"]
    assert set(ev["countries"]) >= {"kz", "uk"}
    assert ev["citations"][0]["source"] == "seed-001"
    assert "19 January 1992" in ev["citations"][0]["quote"]
    # Two texts disagree on the month: both claims stay.
    assert set(values(by_id(items, "uk-embassy-kazakhstan-opened-1992")["date"])) == {"1992-10", "1992-11"}
    assert all(min(values(i["date"]))[:4] == "1992" for i in items)


def test_timeline_filters_by_country_and_topic() -> None:
    uk = kz("timeline", "--from", "2015", "--to", "2017", "--country", "uk", "--json").json()
    assert uk and all("uk" in i["countries"] for i in uk)
    domestic = kz("timeline", "--topic", "domestic", "--json").json()
    assert domestic and all("domestic" in i["topics"] for i in domestic)
    without = kz("timeline", "--skip-topic", "domestic", "--json").json()
    assert not any("domestic" in i["topics"] for i in without)
    assert {i["id"] for i in domestic}.isdisjoint({i["id"] for i in without})


def test_timeline_bounds_widen_to_whole_periods() -> None:
    late_2017 = kz("timeline", "--from", "2017-11-20", "--to", "2017", "--json").json()
    assert "abdrakhmanov-johnson-strategic-dialogue-london-2017" in {i["id"] for i in late_2017}
    for item in late_2017:  # every event may fall between 2017-11-20 and 2017-12-31
        assert any(
            (v[:4] == "2017" and (len(v) == 4 or v[:10] >= "2017-11")) or (v.endswith("/..") and v[:4] <= "2017")
            for v in values(item["date"])
        ), item
    whole_year = kz("timeline", "--from", "2017", "--to", "2017", "--json").json()
    assert {i["id"] for i in late_2017} <= {i["id"] for i in whole_year}


def test_timeline_terminal_view_groups_by_year_with_citations() -> None:
    r = kz("timeline", "--from", "1992", "--to", "1992", "--table")
    assert r.code == 0
    assert "1992 ─" in r.out and "1992-01-19" in r.out
    assert "Embassy of the Republic of Kazakhstan in the UK, 2017-10-19: “" in r.out  # a note, by its label
    assert "diplomatic relations" in r.out and "diplomatic-relations-established-1992" in r.out
    assert "“" not in kz("timeline", "--from", "1992", "--to", "1992", "--table", "--no-quotes").out


def test_timeline_ndjson_and_csv() -> None:
    lines = kz("timeline", "--from", "1992", "--to", "1992", "--ndjson").out.splitlines()
    assert any(json.loads(line)["id"] == "diplomatic-relations-established-1992" for line in lines)
    rows = list(csv.DictReader(io.StringIO(kz("timeline", "--from", "1992", "--to", "1992", "--csv").out)))
    row = next(r for r in rows if r["id"] == "diplomatic-relations-established-1992")
    assert row["date"] == "1992-01-19" and row["citations"].startswith("seed-001: ")


def test_no_facts_is_success_with_an_explicit_message() -> None:
    r = kz("timeline", "--from", "1700", "--to", "1701", "--json")
    assert r.code == 0 and r.json() == []
    plain = kz("timeline", "--from", "1700", "--to", "1701")
    assert plain.code == 0 and plain.out == "" and "no facts" in plain.err


# -- who --------------------------------------------------------------------------------------


def test_who_ambassador_mid_2018_names_both_sides() -> None:
    items = kz("who", "ambassador", "--at", "2018-06", "--json").json()
    sides = {i["post"]: i for i in items}
    assert sides["kz-ambassador-uk"]["name"] == "Erlan Idrissov"
    assert sides["uk-ambassador-kz"]["name"] == "Michael Gifford"
    assert sides["uk-ambassador-kz"]["start"] == "2018-01"
    assert not any(i["ambiguous"] for i in items)
    table = kz("who", "ambassador", "--at", "2018-06", "--table").out
    assert "Erlan Idrissov" in table and "Michael Gifford" in table and "United Kingdom" in table


def test_who_at_a_coarse_date_lists_every_candidate_and_says_ambiguous() -> None:
    # The Kazakh ambassador changed in February 2017: the year 2017 has two candidates.
    items = kz("who", "ambassador", "--at", "2017", "--json").json()
    kzs = [i for i in items if i["post"] == "kz-ambassador-uk"]
    assert {i["name"] for i in kzs} == {"Yerzhan Kazykhanov", "Erlan Idrissov"}
    assert all(i["ambiguous"] for i in kzs)
    assert "ambiguous at 2017" in kz("who", "ambassador", "--at", "2017").err


def test_who_president_latest_evidence_is_open_and_says_so() -> None:
    [now] = kz("who", "president", "--json").json()
    assert now["name"] == "Kassym-Jomart Tokayev" and now["open"] and now["start"] == "2019-06-12"
    assert now["latest_evidence"] and now["latest_evidence_source"]
    table = kz("who", "president", "--table").out
    assert "since 2019-06-12" in table and "latest evidence" in table


def test_who_president_in_2010_and_foreign_minister_in_2013() -> None:
    [p] = kz("who", "president", "--at", "2010", "--json").json()
    assert p["name"] == "Nursultan Nazarbayev" and p["start"] == "1990-04-24"
    both = kz("who", "foreign minister", "--at", "2013", "--json").json()  # both sides' foreign ministers
    [fm] = [i for i in both if i["post"] == "kz-foreign-minister"]
    assert fm["name"] == "Erlan Idrissov" and not fm["ambiguous"]
    assert [i["name"] for i in both if i["post"] == "uk-foreign-secretary"] == ["William Hague"]


def test_who_prime_minister_in_march_2017() -> None:
    items = kz("who", "prime minister", "--at", "2017-03", "--json").json()
    kz_pm = [i for i in items if i["post"] == "kz-prime-minister"]
    assert [i["name"] for i in kz_pm] == ["Bakytzhan Sagintayev"]


def test_who_history_draws_every_holder() -> None:
    items = kz("who", "ambassador", "--history", "--json").json()
    names = [i["name"] for i in items if i["post"] == "kz-ambassador-uk"]
    assert names.index("Kanat Saudabayev") < names.index("Erlan Idrissov") < names.index("Magzhan Ilyassov")
    out = kz("who", "ambassador", "--history", "--table").out
    ilyassov = next(i for i in items if i["name"] == "Magzhan Ilyassov" and i["post"] == "kz-ambassador-uk")
    assert "█" in out and "Magzhan Ilyassov" in out and f"{ilyassov['start']} – {ilyassov['end']}" in out


# -- person -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "person"),
    [("Tleuberdi", "mukhtar-tileuberdi"), ("Idrisov", "erlan-idrissov"), ("Toqayev", "kassym-jomart-tokayev"),
     ("Masimov", "karim-massimov"), ("Токаев", "kassym-jomart-tokayev")],
)  # fmt: skip
def test_person_matches_every_spelling(spelling: str, person: str) -> None:
    [p] = kz("person", spelling, "--json").json()
    assert p["id"] == person


def test_person_shows_terms_and_events() -> None:
    [p] = kz("person", "Idrissov", "--json").json()
    posts = {(t["post"], t["start"]) for t in p["terms"]}
    assert ("kz-ambassador-uk", "2017-02-15") in posts
    assert ("kz-ambassador-uk", "2002-07-18") in posts
    assert any(e["event"] == "idrissov-credentials-queen-2017" for e in p["events"])
    out = kz("person", "Idrissov", "--table").out
    assert "Erlan Idrissov" in out and "Ambassador of Kazakhstan to the United Kingdom" in out


# -- trade ------------------------------------------------------------------------------------


def test_trade_figures_with_period_growth_and_disagreement() -> None:
    items = kz("trade", "--year", "2017", "--json").json()
    exports = by_id(items, "kz-uk-exports-2017-jan-apr")
    assert exports["period"] == "2017-01/2017-04" and values(exports["value"]) == [331.7]
    assert exports["unit"] == "million" and exports["currency"] == "USD" and values(exports["growth_pct"]) == [31]
    assert values(by_id(items, "kz-uk-turnover-2017-jan-apr")["value"]) == [422.6]
    earlier = kz("trade", "--year", "2016", "--json").json()
    assert sorted(values(by_id(earlier, "kz-uk-turnover-2016-jan-apr")["value"])) == [333.7, 334.3]


def test_trade_indicator_filter_and_terminal_shows_both_claims() -> None:
    turnover = kz("trade", "--indicator", "turnover", "--json").json()
    assert turnover and all(t["indicator"] == "turnover" for t in turnover)
    out = kz("trade", "--year", "2016", "--table").out
    assert "333.7" in out and "334.3" in out and "never summed" in out


def test_trade_chart_labels_value_and_source() -> None:
    out = kz("trade", "--indicator", "turnover", "--chart").out
    # one unit per currency: 422.6 million is drawn as 0.4226 billion, on the billions' scale
    assert "█" in out and "0.4226 billion USD (4 months)" in out and "2017-01/2017-04" in out
    assert "periods of different length" in out and "Embassy of the Republic of Kazakhstan in the UK" in out


# -- elections --------------------------------------------------------------------------------


def test_elections_list_in_date_order_with_turnout_and_winner() -> None:
    items = kz("elections", "--type", "presidential", "--json").json()
    dates = [min(values(v["date"])) for v in items]
    assert dates == sorted(dates) and "1991-12-01" in dates
    assert by_id(items, "kz-presidential-2019")["winner"] == "Kassym-Jomart Tokayev"
    assert by_id(items, "kz-presidential-2015")["winner"] == "Nursultan Nazarbayev"


def test_elections_keep_every_disagreement() -> None:
    [v] = kz("elections", "kz-presidential-2022", "--json").json()
    assert values(v["date"]) == ["2022-11-20", "2022-12"]
    kazhyken = next(r for r in v["results"] if r["name"] == "Meiram Kazhyken")
    assert sorted(values(kazhyken["votes"])) == [200907, 300907]
    tokayev = next(r for r in v["results"] if r["name"] == "Kassym-Jomart Tokayev")
    assert values(tokayev["share"]) == [81.31]
    [m] = kz("elections", "kz-mazhilis-2023", "--json").json()
    assert {53, 54, 52.9} <= set(values(m["turnout"]))
    amanat = next(r for r in m["results"] if r["name"] == "Amanat")
    assert sorted(values(amanat["votes"])) == [3341510, 3431510]
    [j] = kz("elections", "kz-mazhilis-2021", "--json").json()
    assert values(j["date"]) == ["2021-01-10", "2021-01-13"]


def test_elections_year_shows_full_results_in_every_mode() -> None:
    out = kz("elections", "--year", "2022", "--table").out
    assert "81.31" in out and "Meiram Kazhyken" in out and "200907 [" in out and "300907 [" in out
    rows = list(csv.DictReader(io.StringIO(kz("elections", "--year", "2022", "--csv").out)))
    tok = next(r for r in rows if r["name"] == "Kassym-Jomart Tokayev")
    assert tok["vote"] == "kz-presidential-2022" and tok["share"] == "81.31"
    chart = kz("elections", "--year", "2022", "--chart").out
    assert "█" in chart and "81.31%" in chart and "turnout" in chart


# -- search, sources, stats -------------------------------------------------------------------


def test_search_finds_expo_best_first_and_highlights_in_a_terminal() -> None:
    items = kz("search", "Expo", "--json").json()
    assert items[0]["kind"] == "event" and "expo" in items[0]["title"].lower()
    assert "title_marked" not in items[0]
    colour = kz("search", "Expo", "--table", env={"FORCE_COLOR": "1"}).out
    assert "\x1b[" in colour


def test_sources_and_one_source_with_its_facts() -> None:
    items = kz("sources", "--json").json()
    seed = by_id(items, "seed-001")
    assert seed["date"] == "2017-10-19" and seed["facts"] > 20
    [one] = kz("source", "seed-001", "--json").json()
    assert any(f["id"] == "diplomatic-relations-established-1992" for f in one["facts"])
    assert "Kazakh-British relations" in kz("source", "seed-001", "--table").out


def test_stats_counts_meet_the_coverage_targets() -> None:
    [s] = kz("stats", "--json").json()
    counts = s["counts"]
    assert counts["events"] >= 100 and counts["terms"] >= 60 and counts["trade"] >= 25
    assert s["span"]["from"] <= "1991-12-01" and s["records_with_disagreements"] >= 4


def test_piped_output_is_plain_text_without_colour() -> None:
    r = kz("who", "ambassador", "--at", "2018-06")
    assert "\x1b[" not in r.out and "\t" in r.out
    assert "Michael Gifford" in r.out


def test_fields_selects_json_and_csv_columns() -> None:
    items = kz("who", "president", "--at", "2010", "--json", "--fields", "name,start").json()
    assert items == [{"name": "Nursultan Nazarbayev", "start": "1990-04-24"}]
    out = kz("who", "president", "--at", "2010", "--csv", "--fields", "name,start").out
    assert out == "name,start\nNursultan Nazarbayev,1990-04-24\n"
