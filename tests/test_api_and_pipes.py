"""The library API answers what `--json` prints; pipes close quietly; `--fields` typos fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kzfacts

from .conftest import kz, write


def test_api_who_returns_the_records_the_cli_prints() -> None:
    rows = kzfacts.who("ambassador", at="2018-06")
    assert rows == kz("who", "ambassador", "--at", "2018-06", "--json").json()
    assert {r["post"] for r in rows} == {"kz-ambassador-uk", "uk-ambassador-kz"}
    assert all(r["citations"] for r in rows)


def test_api_covers_every_question() -> None:
    assert (
        kzfacts.timeline(start="2024-04", end="2024-04", country="uk")
        == kz("timeline", "--from", "2024-04", "--to", "2024-04", "--country", "uk", "--json").json()
    )
    assert kzfacts.trade(indicator="turnover") == kz("trade", "--indicator", "turnover", "--json").json()
    assert kzfacts.elections(id="kz-presidential-2022")[0]["id"] == "kz-presidential-2022"
    assert kzfacts.person("Toqayev")[0]["id"] == "kassym-jomart-tokayev"
    assert kzfacts.search("Expo", limit=3) == kz("search", "Expo", "--limit", "3", "--json").json()
    assert any(h["gap"] is False for h in kzfacts.history("president"))


def test_api_errors_are_kzfacts_errors_with_the_cli_message() -> None:
    with pytest.raises(kzfacts.KzfactsError, match="no post 'ambasador'"):
        kzfacts.who("ambasador")


def test_api_open_reads_user_overlays(tmp_path: Path) -> None:
    mine = write(
        tmp_path,
        "mine.yaml",
        """
events:
  - id: my-meeting-2024
    date: "2024-05-02"
    title: A meeting I attended
    topics: [diplomacy]
    countries: [kz, uk]
    citations: [{source: seed-001, quote: "Kazakh-British relations"}]
""",
    )
    facts = kzfacts.open(data=[str(mine)])
    assert "my-meeting-2024" in [e["id"] for e in facts.timeline(start="2024-05-02", end="2024-05-02")]
    assert "my-meeting-2024" not in [e["id"] for e in kzfacts.timeline(start="2024-05-02", end="2024-05-02")]


def test_importing_kzfacts_loads_no_query_code() -> None:
    code = "import sys, kzfacts; print(sorted(m for m in sys.modules if m.startswith('kzfacts')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['kzfacts']"


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--table"],
        ["timeline"],
        ["timeline", "--json"],
        ["timeline", "--csv"],
        ["timeline", "--ndjson"],
        ["who", "president", "--history", "--table"],
        ["elections", "--table"],
        ["search", "Kazakhstan", "--table", "--limit", "50"],
    ],
)
def test_a_reader_that_closes_early_gets_a_quiet_exit_0(args: list[str]) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.Popen([sys.executable, "-m", "kzfacts", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(20)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""


@pytest.mark.parametrize("fmt", [[], ["--json"], ["--csv"], ["--table"]])
def test_an_unknown_field_is_an_error_in_every_format(fmt: list[str]) -> None:
    r = kz("who", "president", "--fields", "name,nope", *fmt)
    assert r.code == 2
    assert r.out == ""
    assert r.err.count("\n") == 1 and "unknown field 'nope'" in r.err and "valid fields: post" in r.err


# One call per declared question, with the arguments a user would give; the library must answer
# with the records `--json` prints, under the same parameter names.
WALK = {
    "timeline": (["--from", "2024-04", "--to", "2024-04", "--country", "uk"], {"from_": "2024-04", "to": "2024-04", "country": "uk"}),
    "who": (["ambassador", "--at", "2018-06"], {"post": "ambassador", "at": "2018-06"}),
    "person": (["Toqayev"], {"name": "Toqayev"}),
    "trade": (["--from", "2016", "--to", "2017", "--indicator", "turnover"], {"from_": "2016", "to": "2017", "indicator": "turnover"}),
    "elections": (["--type", "presidential", "--from", "2019"], {"type": "presidential", "from_": "2019"}),
    "search": (["Expo", "--limit", "3", "--to", "2017"], {"text": "Expo", "limit": 3, "to": "2017"}),
    "sources": ([], {}),
    "source": (["seed-001"], {"id": "seed-001"}),
    "stats": ([], {}),
    "posts": ([], {}),
    "show": (["kz-uk-spca-signed-2024"], {"id": "kz-uk-spca-signed-2024"}),
    "brief": (["--at", "2024-04-24"], {"at": "2024-04-24"}),
    "counterparts": (["ambassador", "foreign secretary"], {"post_a": "ambassador", "post_b": "foreign secretary"}),
}  # fmt: skip


def test_every_declared_question_is_answered_alike_by_the_library_and_the_cli() -> None:
    from kzfacts.commands import LIBRARY, QUESTIONS

    assert {q.name for q in QUESTIONS} == set(WALK)
    for question in QUESTIONS:
        argv, kwargs = WALK[question.name]
        names = {a.name for a in question.args}
        assert set(kwargs) <= names, question.name
        cli = kz(question.name, *argv, "--json")
        assert cli.code == 0, cli
        assert getattr(kzfacts, question.name)(**kwargs) == cli.json(), question.name
        assert question.name in LIBRARY and question.name in kzfacts.__all__
    assert kzfacts.history("president") == kz("who", "president", "--history", "--json").json()


def test_the_library_names_its_arguments_as_the_cli_does() -> None:
    with pytest.raises(kzfacts.KzfactsError, match="unknown argument 'when'"):
        kzfacts.who("president", when="2018")
    with pytest.raises(kzfacts.KzfactsError, match="cannot be combined with --at"):
        kzfacts.who("president", at="2018", history=True)
    # the names before `from_`/`to` still answer, so old notebooks keep working
    assert kzfacts.timeline(start="2024-04", end="2024-04") == kzfacts.timeline(from_="2024-04", to="2024-04")


def test_fields_are_checked_against_the_view_even_when_nothing_is_found() -> None:
    empty = kz("timeline", "--from", "1700", "--to", "1701", "--json", "--fields", "nope")
    assert empty.code == 2 and "--fields: unknown field 'nope'" in empty.err and "valid fields: kind, id" in empty.err
    assert kz("timeline", "--from", "1700", "--to", "1701", "--json", "--fields", "id,title").out.strip() == "[]"
    assert kz("search", "zzzqqq", "--csv", "--fields", "titel").code == 2


def test_every_view_declares_every_field_its_records_carry() -> None:
    from kzfacts.commands import BY_NAME, ask, bind
    from kzfacts.index import open_store
    from kzfacts.views import fields_of

    store = open_store([])
    for name, (_, kwargs) in WALK.items():
        result = ask(store, BY_NAME[name], bind(BY_NAME[name], (), kwargs))
        declared = set(fields_of(result.view) or ())
        carried = {k for item in result.items for k in item} - {"title_marked", "snippet_marked"}
        assert carried <= declared, (name, result.view, carried - declared)


def test_each_exit_status_is_what_the_readme_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """OK, INTERNAL and USAGE through both entry paths; INTERRUPTED (130) and TERMINATED (143)
    are pinned by the signal tests in test_safety.py."""
    from kzfacts import commands
    from kzfacts.errors import ExitStatus

    assert [(s.name, int(s)) for s in ExitStatus] == [
        ("OK", 0), ("INTERNAL", 1), ("USAGE", 2), ("INTERRUPTED", 130), ("TERMINATED", 143),
    ]  # fmt: skip
    assert kz("who", "president").code == ExitStatus.OK
    assert kz("who", "ambasador").code == ExitStatus.USAGE
    assert kz("who", "president", "--limit", "3").code == ExitStatus.USAGE  # Typer's own usage error
    from kzfacts.fast import run

    assert run(["who", "ambasador", "--json"]) == ExitStatus.USAGE

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    question = commands.BY_NAME["stats"]
    monkeypatch.setattr(question, "answer", broken)
    r = kz("stats")
    assert r.code == ExitStatus.INTERNAL and "internal error" in r.err and "Traceback" not in r.err
    assert run(["stats", "--json"]) == ExitStatus.INTERNAL
