"""The terminal views as a person reads them at 80 columns: answer first, numbered notes,
bounded length, no line wider than the terminal, data never read as markup, a pager only
in a terminal; and the commands they come with (show, cite, posts, --markdown, date ranges)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from .conftest import kz, write

NARROW = {"COLUMNS": "80"}

BOUNDS = [
    (["who", "ambassador", "--at", "2018-06"], 16),
    (["who", "president"], 12),
    (
        ["elections", "kz-presidential-2022"],
        36,
    ),  # 30 until each disputed figure got a note that carries it, +1 "facts as of"
    (["person", "Ilyassov"], 33),  # 30, +1 for a term's dated milestones, +1 for the "facts as of" line
    (["search", "Expo 2017", "--limit", "5"], 20),
]


def view(*args: str, columns: int = 80) -> str:
    r = kz(*args, "--table", env={"COLUMNS": str(columns)})
    assert r.code == 0, r
    return r.out


@pytest.mark.parametrize(("args", "most"), BOUNDS, ids=[" ".join(a) for a, _ in BOUNDS])
def test_the_five_views_fit_their_bounds_at_80_columns(args: list[str], most: int) -> None:
    lines = view(*args).splitlines()
    assert len(lines) <= most, "\n".join(lines)


VIEWS = [
    ["who", "ambassador", "--at", "2018-06"],
    ["who", "ambassador", "--at", "2024"],
    ["who", "ambassador", "--history"],
    ["who", "president", "--quotes", "all"],
    ["timeline", "--from", "2024"],
    ["timeline", "--from", "1994", "--to", "1994", "--long"],
    ["person", "Ilyassov"],
    ["person", "Idrissov", "--quotes", "all"],
    ["trade"],
    ["trade", "--chart"],
    ["elections"],
    ["elections", "--year", "2023"],
    ["elections", "kz-mazhilis-1995"],
    ["elections", "--year", "2022", "--chart"],
    ["search", "strategic dialogue"],
    ["sources"],
    ["source", "seed-001"],
    ["stats"],
    ["posts"],
    ["show", "kz-presidential-2022"],
    ["show", "kz-uk-spca-signed-2024"],
    ["show", "kz-uk-turnover-2013"],
    ["show", "erlan-idrissov"],
    ["show", "kz-ambassador-uk"],
    ["show", "kz-ambassador-uk-erlan-idrissov-2017"],
]


@pytest.mark.parametrize("columns", [80, 160])
@pytest.mark.parametrize("args", VIEWS, ids=[" ".join(a) for a in VIEWS])
def test_no_line_is_wider_than_the_terminal(args: list[str], columns: int) -> None:
    out = view(*args, columns=columns)
    wide = [line for line in out.splitlines() if cell_len(line) > columns]
    assert not wide, wide[:3]


def test_who_answers_first_then_numbered_notes_with_labels_and_counts() -> None:
    lines = view("who", "ambassador", "--at", "2018-06").splitlines()
    idrissov = next(i for i, line in enumerate(lines) if "Erlan Idrissov" in line)
    assert "2017-02-15 – 2022-10" in lines[idrissov] and "[1]" in lines[idrissov]
    assert "kz-ambassador-uk-erlan-idrissov-2017" in "\n".join(lines)  # the id, to follow with `show`
    note = next(i for i, line in enumerate(lines) if line.startswith("[1] "))
    assert note > idrissov
    assert lines[note].startswith("[1] Embassy of the Republic of Kazakhstan in the UK, 2017-10-19: “Since February")
    assert lines[note + 1].startswith("    ")  # the wrapped note hangs under its text
    [row] = [r for r in kz("who", "ambassador", "--at", "2018-06", "--json").json() if r["name"] == "Erlan Idrissov"]
    others = len({c["source"] for c in row["citations"]}) - 1
    assert f"+{others} more sources" in lines[note + 1]


def test_quotes_all_shows_every_quote_and_no_quotes_none() -> None:
    [row] = kz("who", "president", "--json").json()
    quotes = {(c["source"], c["quote"]) for c in row["citations"]}
    every = view("who", "president", "--quotes", "all", columns=160)
    assert sum(1 for line in every.splitlines() if line.startswith("[")) == len(quotes)
    assert "more source" not in every
    bare = view("who", "president", "--no-quotes")
    assert "“" not in bare and "[1]" not in bare and "Kassym-Jomart Tokayev" in bare
    assert "is not one of" in kz("who", "president", "--quotes", "some").err


def test_who_keeps_a_side_with_no_holder_known() -> None:
    out = view("who", "ambassador", "--at", "1992-06")
    assert "Ambassador of Kazakhstan to the United Kingdom" in out
    assert "Ambassador of the United Kingdom to Kazakhstan" in out
    assert "no holder known" in out


def test_search_hits_show_kind_date_and_title_and_match_aliases() -> None:
    out = view("search", "Expo 2017", "--limit", "5")
    first = out.splitlines()[0]
    assert first.startswith("event  2017") and "EXPO 2017" in first
    hits = kz("search", "SPCA", "--json").json()
    spca = next(h for h in hits if h["id"] == "kz-uk-spca-signed-2024")
    assert spca["date"] == "2024-04-24" and "SPCA" in spca["aliases"]
    assert hits.index(spca) <= 1
    [mlat] = [h for h in kz("search", "MLAT", "--json").json() if h["id"] == "kz-uk-mla-treaty-2015"]
    assert mlat["kind"] == "event"


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["elections", "--from", "2019", "--to", "2022-06"], "date"),
        (["trade", "--from", "2016", "--to", "2017-04"], "period"),
        (["search", "Kazakhstan", "--from", "2017-06", "--to", "2017-06", "--limit", "50"], "date"),
    ],
)
def test_from_and_to_narrow_elections_trade_and_search(args: list[str], key: str) -> None:
    items = kz(*args, "--json").json()
    assert items
    for item in items:
        value = item[key]
        text = json.dumps(value)
        assert any(y in text for y in ("2016", "2017", "2019", "2020", "2021", "2022", "/..")), item["id"]
    everything = kz(args[0], *(["Kazakhstan", "--limit", "50"] if args[0] == "search" else []), "--json").json()
    assert len(items) < len(everything)


def test_date_ranges_follow_timelines_rules() -> None:
    votes = kz("elections", "--from", "2022-11", "--to", "2022-11", "--json").json()
    assert [v["id"] for v in votes] == ["kz-presidential-2022"]
    for command in (["elections"], ["trade"], ["search", "Expo"]):
        r = kz(*command, "--from", "2020", "--to", "2019", "--json")
        assert r.code == 2 and "--from 2020 is after --to 2019" in r.err
        assert kz(*command, "--from", "2019-13", "--json").code == 2


def test_show_opens_any_record_in_full() -> None:
    for rid, wanted in [
        ("kz-uk-spca-signed-2024", "Strategic Partnership and Cooperation Agreement"),
        ("kz-ambassador-uk-erlan-idrissov-2017", "Erlan Idrissov"),
        ("kz-presidential-2022", "Meiram Kazhyken"),
        ("kz-uk-turnover-2013", "2.1"),
        ("erlan-idrissov", "Idrisov"),
        ("kz-ambassador-uk", "ambassador in london"),
        ("seed-001", "Kazakh-British relations"),
    ]:
        out = view("show", rid, columns=160)
        assert wanted in out and rid in out, rid
    [vote] = kz("show", "kz-presidential-2022", "--json").json()
    [same] = kz("elections", "kz-presidential-2022", "--json").json()
    assert {k: v for k, v in vote.items() if k != "winner"} == {k: v for k, v in same.items() if k != "winner"}
    notes = [line for line in view("show", "kz-uk-turnover-2013", columns=160).splitlines() if line.startswith("[")]
    [fig] = kz("show", "kz-uk-turnover-2013", "--json").json()
    assert len(notes) == len({(c["source"], c["quote"]) for c in fig["citations"]})  # every citation, by default


def test_show_an_unknown_id_suggests_the_nearest() -> None:
    r = kz("show", "kz-presidential-202")
    assert r.code == 2 and "no record 'kz-presidential-202'" in r.err and "did you mean" in r.err


def test_posts_lists_aliases_side_holders_and_coverage() -> None:
    items = kz("posts", "--json").json()
    amb = next(p for p in items if p["id"] == "kz-ambassador-uk")
    assert amb["country"] == "kz" and "ambassador in london" in amb["aliases"]
    assert amb["holders"] >= 7 and amb["certain_pct"] is not None and amb["coverage_months"] > 300
    [stats] = kz("stats", "--json").json()
    assert next(c for c in stats["coverage"] if c["post"] == "kz-ambassador-uk")["certain_pct"] == amb["certain_pct"]
    out = view("posts")
    assert "Ambassador of Kazakhstan to the United Kingdom  Kazakhstan  kz-ambassador-uk" in out
    assert "kazakh ambassador" in out
    assert "kzfacts posts" in kz("who", "ambasador").err


def test_cite_gives_the_fact_then_each_source_in_three_formats() -> None:
    text = kz("cite", "kz-uk-spca-signed-2024").out
    assert text.startswith("Kazakhstan and UK sign the Strategic Partnership and Cooperation Agreement (2024-04-24).")
    assert "[1] “Kazakhstan, United Kingdom sign strategic partnership" in text and "EFE" in text
    md = kz("cite", "kz-uk-spca-signed-2024", "--format", "markdown").out
    assert md.splitlines()[0].endswith("[^1][^2][^3][^4]" + md.splitlines()[0].split("[^4]", 1)[1])
    assert "[^1]: [Kazakhstan, United Kingdom sign" in md and "(https://efecomunica.efe.com/" in md
    data = json.loads(kz("cite", "kz-ambassador-uk-erlan-idrissov-2017", "--format", "json").out)
    assert (
        data["fact"] == "Erlan Idrissov was Ambassador of Kazakhstan to the United Kingdom from 2017-02-15 to 2022-10."
    )
    assert any(s["id"] == "seed-001" and s["date"] == "2017-10-19" and s["quotes"] for s in data["sources"])
    assert kz("cite", "kz-uk-spca-signed-2024", "--format", "endnote").code == 2


@pytest.mark.parametrize(
    "args",
    [["timeline", "--from", "2024-04", "--to", "2024-04"], ["who", "ambassador", "--at", "2018-06"],
     ["who", "president", "--history"], ["person", "Ilyassov"], ["trade", "--year", "2016"],
     ["elections", "--type", "presidential"], ["elections", "kz-presidential-2022"], ["search", "Expo"],
     ["sources"], ["source", "seed-001"], ["stats"], ["posts"], ["show", "kz-uk-spca-signed-2024"]],
)  # fmt: skip
def test_markdown_on_every_command_is_a_table(args: list[str]) -> None:
    r = kz(*args, "--markdown")
    assert r.code == 0, r
    lines = r.out.splitlines()
    assert lines[0].startswith("| ") and set(lines[1].replace("|", "").split()) == {"---"}
    width = lines[0].count(" | ")
    assert all(line.count(" | ") - line.count("\\|") >= width for line in lines[2:] if line.startswith("| "))


def test_data_is_never_markup(tmp_path: Path) -> None:
    overlay = write(
        tmp_path,
        "markup.yaml",
        """
sources:
  - {id: markup-notes, file: markup.txt, title: "Notes [/] [bold]not bold[/bold]", publisher: "[draft] Press", date: "2024-05-02"}
events:
  - id: markup-meeting-2024
    date: "2024-05-02"
    title: "A meeting [/] about the [draft] agreement"
    aliases: ["[red]SPCA draft[/red]"]
    topics: [diplomacy]
    countries: [kz, uk]
    citations:
      - {source: markup-notes, quote: "We met [/] on 2 May [draft] 2024."}
""",
    )
    title = "A meeting [/] about the [draft] agreement"
    data = ["--data", str(overlay)]
    for args in (["timeline", "--from", "2024-05-02", "--to", "2024-05-02"], ["search", "meeting draft"],
                 ["show", "markup-meeting-2024"], ["source", "markup-notes"]):  # fmt: skip
        r = kz(*data, *args, "--table", env={"COLUMNS": "160"})
        assert r.code == 0, r
        assert title in r.out, (args, r.out)
    note = kz(*data, "timeline", "--from", "2024-05-02", "--to", "2024-05-02", "--table", env={"COLUMNS": "160"}).out
    assert "[draft] Press, 2024-05-02: “We met [/] on 2 May [draft] 2024.”" in note
    assert "[red]SPCA draft[/red]" in kz(*data, "show", "markup-meeting-2024", "--table").out
    assert title in kz(*data, "cite", "markup-meeting-2024").out
    assert "A meeting [/] about the [draft] agreement" in kz(*data, "show", "markup-meeting-2024", "--markdown").out


def _in_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run kzfacts with stdout on a pseudo-terminal (so it is a TTY) and return what it printed."""
    main, side = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "kzfacts", *args], stdin=side, stdout=side, stderr=side,
                            env={**os.environ, **env}, close_fds=True)  # fmt: skip
    os.close(side)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def terminal_env(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {
        "KZFACTS_CACHE": str(tmp_path_factory.getbasetemp() / "cache"),
        "COLUMNS": "80",
        "LINES": "24",
        "KZFACTS_PAGER": f"cat > '{tmp_path / 'paged.txt'}'",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
    }


def test_long_output_in_a_terminal_goes_through_the_pager(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    shown = _in_a_terminal(["timeline", "--from", "2015"], terminal_env)
    paged = (tmp_path / "paged.txt").read_text(encoding="utf-8")
    assert "Kazakhstan" in paged and paged.count("\n") > 24
    assert "2015" not in shown  # the pager had it, not the screen


def test_short_output_stays_on_screen_and_no_pager_turns_it_off(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    shown = _in_a_terminal(["who", "president"], terminal_env)
    assert "Kassym-Jomart Tokayev" in shown and not (tmp_path / "paged.txt").exists()
    shown = _in_a_terminal(["timeline", "--from", "2015", "--no-pager"], terminal_env)
    assert "2015" in shown and not (tmp_path / "paged.txt").exists()
    _in_a_terminal(["who", "president", "--pager"], terminal_env)  # --pager: page even a short answer
    assert "Kassym-Jomart Tokayev" in (tmp_path / "paged.txt").read_text(encoding="utf-8")


def test_the_pager_is_never_used_in_a_pipe(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    out = subprocess.run([sys.executable, "-m", "kzfacts", "timeline", "--from", "2015", "--table", "--pager"],
                         capture_output=True, text=True, env={**os.environ, **terminal_env}).stdout  # fmt: skip
    assert "2015" in out and not (tmp_path / "paged.txt").exists()


def test_trade_chart_is_honest() -> None:
    out = view("trade", "--chart", columns=160)
    lines = out.splitlines()
    assert any(line.startswith("Kazakhstan–UK trade in goods, USD (billion)") for line in lines)
    assert "UK investment in Kazakhstan, USD (billion)" in out and "UK investment in Kazakhstan, GBP (billion)" in out
    listed = out.index("not amounts of money, so listed rather than drawn")
    rank = next(i for i, line in enumerate(lines) if "uk-investor-rank-in-kz-2013" in line)
    assert "█" not in lines[rank] and out.index("uk-investor-rank-in-kz-2013") > listed
    assert "million" not in "\n".join(line for line in lines if "█" in line)  # one unit per currency
    assert "(4 months)" in out and "(year)" in out and "periods of different length" in out
    bilateral = out[: out.index("UK investment in Kazakhstan")]
    assert (
        "fdi" not in bilateral and "unknown" not in bilateral
    )  # a direction the text does not state is not drawn as one
    investment = out[out.index("UK investment in Kazakhstan") : out.index("Other figures")]
    assert "?→kz" not in investment and "eu→kz" not in investment
    assert "deals kz↔uk" in out[out.index("Other figures") :] or "deals kz→uk" in out[out.index("Other figures") :]
    assert "gdp" not in out.casefold()  # GDP is not a trade figure


def test_seat_tiers_and_rounds_stay_visible_at_80_columns() -> None:
    """Rich crops a table it cannot fit, so the width test alone would not see a lost column."""
    out = view("elections", "kz-mazhilis-2023")
    header = next(line for line in out.splitlines() if "votes" in line and "share %" in line)
    assert header.rstrip().endswith("seats  list  district")
    amanat = next(line for line in out.splitlines() if line.lstrip().startswith("Amanat"))
    assert amanat.split()[-3:] == ["62", "40", "22"]
    senate = view("elections", "kz-senate-2014")
    assert "registered electors 3279" in senate and "electors who voted 3236" in senate
    rounds = view("elections", "kz-mazhilis-1995")
    assert "round 2: 1995-12-23; seats filled 13" in rounds
