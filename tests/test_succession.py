"""Who held each core post, month by month, on the packaged data: named answers at named
dates, current holders that are never stale, no certainty past the evidence, and a coverage
floor per post that fails when the succession record loses ground."""

from __future__ import annotations

from datetime import date

import pytest

import kzfacts
from kzfacts.index import open_store
from kzfacts.query import post_coverage

from .conftest import kz

# The floor each core post must keep: certain months out of all months (stats --json), in percent.
# Raise it when the data gets better; a drop is a regression in the fact base.
FLOORS = {
    "kz-president": 95,
    "kz-prime-minister": 95,
    "kz-foreign-minister": 80,
    "kz-ambassador-uk": 60,
    "uk-ambassador-kz": 50,
    "uk-prime-minister": 95,
    "uk-foreign-secretary": 80,
    "kz-senate-chair": 95,
    "kz-mazhilis-chair": 85,
}


def one_holder(post: str, at: str) -> str:
    """The one certain holder of a single post at `at`, through the real CLI."""
    rows = kz("who", post, "--at", at, "--json").json()
    assert len(rows) == 1, rows
    assert rows[0]["ambiguous"] is False, rows[0]
    return str(rows[0]["name"])


@pytest.mark.parametrize(
    ("post", "at", "name"),
    [
        ("uk-foreign-secretary", "2006-09", "Margaret Beckett"),
        ("uk-foreign-secretary", "2015-06", "Philip Hammond"),
        ("uk-foreign-secretary", "2022-01", "Liz Truss"),
        ("uk-foreign-secretary", "2019-09", "Dominic Raab"),
        ("uk-foreign-secretary", "2025-01", "David Lammy"),
        ("kz-prime-minister", "2020-06", "Askar Mamin"),
        ("kz-senate-chair", "1997-06", "Omirbek Baigeldi"),
        ("kz-president", "2005-06", "Nursultan Nazarbayev"),
        ("kz-president", "2020-06", "Kassym-Jomart Tokayev"),
        ("uk-prime-minister", "2008-06", "Gordon Brown"),
    ],
)
def test_named_holders_at_named_dates(post: str, at: str, name: str) -> None:
    assert one_holder(post, at) == name


def test_who_ambassador_names_both_sides_and_the_current_uk_ambassador() -> None:
    rows = kz("who", "ambassador", "--json").json()
    sides = {r["post"]: r for r in rows}
    assert set(sides) == {"kz-ambassador-uk", "uk-ambassador-kz"}
    assert sides["uk-ambassador-kz"]["name"] == "Sally Axworthy"


def test_current_holders_are_never_ones_whose_successor_is_recorded() -> None:
    store = open_store()
    for post in store.all("post"):
        if not post.single_holder:
            continue
        rows = kzfacts.who(post.id)
        history = [h for h in kzfacts.history(post.id) if not h["gap"] and h["post"] == post.id]
        for row in rows:
            started_later = [
                h for h in history
                if h["person"] != row["person"] and h["span_from"] and row["span_from"]
                and h["span_from"] > row["span_from"] and h["start"]
            ]  # fmt: skip
            assert not started_later, (post.id, row["name"], [h["name"] for h in started_later])


def test_trade_envoy_is_the_latest_appointed() -> None:
    rows = kz("who", "trade envoy", "--json").json()
    assert [r["name"] for r in rows] == ["John Alderdice"]


def test_current_answer_says_how_old_its_evidence_is() -> None:
    (row,) = kz("who", "president", "--json").json()
    assert row["latest_evidence"] and row["latest_evidence_source"]
    table = kz("who", "president", "--table", env={"COLUMNS": "160"}).out
    assert f"latest evidence {row['latest_evidence']}" in table


def test_no_certainty_past_the_evidence_and_no_holder_a_year_beyond_it() -> None:
    """Within STALE_MONTHS of the latest evidence an open term is possible, never certain;
    beyond that nobody is offered, and the answer says who was last seen and when."""
    from kzfacts.dates import STALE_MONTHS, add_months, period_of

    (row,) = kz("who", "president", "--json").json()
    last = period_of(row["latest_evidence"]).hi
    soon = add_months(last, STALE_MONTHS // 2).isoformat()
    rows = kz("who", "president", "--at", soon, "--json").json()
    assert [(r["name"], r["ambiguous"]) for r in rows] == [(row["name"], True)]
    assert "beyond the latest evidence" in kz("who", "president", "--at", soon).err
    late = add_months(last, STALE_MONTHS + 1).isoformat()
    assert kz("who", "president", "--at", late, "--json").json() == []
    err = kz("who", "president", "--at", late).err
    assert f"no holder known at {late}; last seen: {row['name']}, {row['latest_evidence']}" in err
    assert kz("who", "president", "--at", "2999", "--json").json() == []


def test_an_open_term_past_a_year_of_its_evidence_is_marked_possibly_outdated() -> None:
    (row,) = kz("who", "president", "--json", env={"KZFACTS_TODAY": "2029-01-01"}).json()
    assert row["possibly_outdated"] is True and row["ended"] is False
    (fresh,) = kz("who", "president", "--json", env={"KZFACTS_TODAY": "2026-04-01"}).json()
    assert fresh["possibly_outdated"] is False
    view = kz("who", "president", "--table", env={"KZFACTS_TODAY": "2029-01-01", "COLUMNS": "80"}).out
    assert f"possibly outdated (latest evidence {row['latest_evidence']})" in view
    bad = kz("who", "president", env={"KZFACTS_TODAY": "yesterday"})
    assert bad.code == 2 and "KZFACTS_TODAY: 'yesterday' is not a day" in bad.err


def test_a_latest_holder_whose_term_ended_is_not_called_current() -> None:
    rows = {r["post"]: r for r in kz("who", "ambassador", "--json").json()}
    kz_side = rows["kz-ambassador-uk"]
    assert kz_side["ended"] is True and kz_side["end"]
    view = kz("who", "ambassador", "--table", env={"COLUMNS": "80"}).out
    assert f"no holder known since {kz_side['end']}" in view
    assert "Latest known holder" in view and "Who holds" not in view
    assert kz("who", "ambassador").err.startswith(
        f"note: Ambassador of Kazakhstan to the United Kingdom: no holder known since {kz_side['end']}; "
        f"last: {kz_side['name']}"
    )


def test_stats_says_how_fresh_the_facts_are_and_every_view_ends_with_it() -> None:
    (stats,) = kz("stats", "--json").json()
    assert stats["as_of"] and stats["data_version"]
    assert kz("who", "president", "--table").out.rstrip().endswith(f"facts as of {stats['as_of']}")
    assert kz("who", "president", "--markdown").out.rstrip().endswith(f"_facts as of {stats['as_of']}_")
    # never older than a result the fact base reports (undated texts give the 2026 referendum's)
    held = [v for v in kz("elections", "--json").json() if v["winner"] or v.get("turnout")]
    assert max(min(c["value"] for c in v["date"]) for v in held) <= stats["as_of"]
    dated = [s["date"] for s in kz("sources", "--json").json() if s.get("date")]
    assert max(d.split("/")[0] for d in dated) <= stats["as_of"]


def test_a_holder_whose_start_no_text_gives_is_offered_as_possible() -> None:
    from kzfacts.dates import PartialDate, Period
    from kzfacts.model import Citation, Term
    from kzfacts.succession import post_spans

    before = Term("a", "post", "p1", "2009-09-04", "2011-04-08")
    seen = Term("b", "post", "p2", citations=(Citation("x", "q", as_of="2011-07-02"),))
    spans = post_spans([before, seen], single_holder=True)
    # b may have begun the day after a ended, and certainly held it on 2011-07-02
    assert spans["b"].may_cover(Period(PartialDate(2011, 6))) and not spans["b"].certain(Period(PartialDate(2011, 6)))
    assert not spans["b"].may_cover(Period(PartialDate(2011, 3)))
    rows = kz("who", "foreign minister", "--at", "1995", "--json").json()
    assert rows and all("start_unknown" in r for r in rows)


def test_history_shows_each_stretch_with_no_known_holder() -> None:
    rows = kz("who", "uk ambassador", "--history", "--json").json()
    gaps = [r for r in rows if r["gap"]]
    store = open_store()
    post = store.get("post", "uk-ambassador-kz")
    cov = post_coverage(post, store.linked("term", "post", ["uk-ambassador-kz"]))
    assert cov is not None
    assert [(g["start"], g["end"]) for g in gaps] == cov.gaps
    if gaps:
        view = kz("who", "uk ambassador", "--history", "--table", env={"COLUMNS": "120"}).out
        assert "no holder known" in view and gaps[0]["start"] in view


def test_stats_reports_month_by_month_coverage_for_every_core_post() -> None:
    (stats,) = kz("stats", "--json").json()
    core = {c["post"]: c for c in stats["coverage"] if c["core"]}
    assert set(core) == set(FLOORS)
    for post, floor in FLOORS.items():
        c = core[post]
        assert c["certain"] + c["ambiguous"] + c["unknown"] == c["months"]
        assert c["certain_pct"] >= floor, (post, c["certain_pct"])


def test_coverage_is_what_who_answers_on_the_15th() -> None:
    """The stats figure is not a separate computation: it agrees with `who --at` month by month."""
    store = open_store()
    post = store.get("post", "kz-senate-chair")
    terms = store.linked("term", "post", ["kz-senate-chair"])
    cov = post_coverage(post, terms, until=date(2000, 12, 31))
    assert cov is not None
    certain = 0
    for year in range(1996, 2001):
        for month in range(1, 13):
            if (year, month) < (1996, 2):
                continue
            rows = kzfacts.who("kz-senate-chair", at=f"{year}-{month:02d}-15")
            certain += len(rows) == 1 and not rows[0]["ambiguous"]
    assert certain == cov.certain
