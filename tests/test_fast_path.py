"""The machine-format fast path answers exactly as the Typer app does, or hands over."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kzfacts.fast import parse

from .conftest import kz

CASES = [
    ["who", "president", "--json"],
    ["who", "ambassador", "--at", "2018-06", "--json"],
    ["who", "ambassador", "--history", "--csv"],
    ["who", "president", "--json", "--fields", "name,start"],
    ["who", "president", "--json", "--fields", "nope"],
    ["who", "ambasador", "--json"],
    ["who", "president", "--at", "2018-13", "--json"],
    ["timeline", "--from", "2015", "--to", "2016", "--json"],
    ["timeline", "--topic", "elections", "--country", "kz", "--ndjson"],
    ["timeline", "--from", "2016", "--to", "2015", "--json"],
    ["trade", "--year", "2016", "--indicator", "turnover", "--csv"],
    ["elections", "kz-presidential-2022", "--json"],
    ["elections", "--type", "presidential", "--json"],
    ["search", "Expo 2017", "--limit", "3", "--json"],
    ["person", "Toqayev", "--json"],
    ["sources", "--csv", "--fields", "id,facts"],
    ["source", "seed-001", "--json"],
    ["stats", "--json"],
    ["elections", "--from", "2019", "--to", "2022-06", "--json"],
    ["elections", "--type", "presidential", "--from", "2010", "--csv"],
    ["elections", "--from", "2023", "--to", "2019", "--json"],
    ["trade", "--from", "2016", "--to", "2017-04", "--json"],
    ["trade", "--to", "2013", "--indicator", "turnover", "--csv"],
    ["search", "Expo", "--from", "2017-06", "--to", "2017-06", "--json"],
    ["search", "SPCA", "--to", "2024", "--ndjson"],
    ["search", "Expo", "--from", "2017-13", "--json"],
    # every declared question, and the terminal, Markdown and plain views too (issue 24)
    ["who", "president"],
    ["who", "ambassador", "--at", "2018-06", "--table"],
    ["who", "president", "--json", "--csv"],
    ["who", "president", "--history", "--at", "2018", "--json"],
    ["trade", "--chart", "--json"],
    ["trade", "--chart", "--table"],
    ["elections", "--chart", "--table"],
    ["elections", "kz-presidential-2022", "--table", "--quotes", "all"],
    ["timeline", "--from", "2024", "--table", "--long"],
    ["timeline", "--from", "2024", "--markdown"],
    ["person", "Ilyassov", "--table", "--no-quotes"],
    ["search", "Expo 2017", "--limit", "5", "--table"],
    ["sources", "--markdown", "--fields", "id,title"],
    ["posts", "--csv"],
    ["show", "kz-uk-spca-signed-2024", "--table"],
    ["show", "kz-uk-spca-signed-2024", "--json"],
    ["source", "seed-001", "--table"],
    ["stats", "--markdown"],
    ["who", "president", "--quotes", "some", "--table"],
    ["who", "president", "--pager", "--no-pager", "--table"],
    ["brief", "--at", "2024-04-24", "--table"],
    ["brief", "--at", "2013", "--csv"],
    ["brief", "--at", "2024-04-24", "--markdown"],
    ["counterparts", "president", "uk prime minister", "--table"],
    ["counterparts", "--json", "--fields", "name_a,name_b,from,to,no_contact"],
    ["counterparts", "foreign minister", "--json"],
    ["elections", "kz-presidential-2019", "--year", "2019", "--json"],
]


def test_every_declared_question_is_in_the_differential_cases() -> None:
    from kzfacts.commands import QUESTIONS

    assert {q.name for q in QUESTIONS} <= {c[0] for c in CASES}


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c) for c in CASES])
def test_fast_path_matches_typer(args: list[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    assert parse(args) is not None, "the fast path should take this command line"
    env = {**os.environ, "KZFACTS_CACHE": str(tmp_path_factory.getbasetemp() / "cache")}
    fast = subprocess.run([sys.executable, "-m", "kzfacts", *args], capture_output=True, text=True, env=env)
    typer = kz(*args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (typer.code, typer.out, typer.err)


@pytest.mark.parametrize(
    "args",
    [
        ["who", "--help"],
        ["who", "president", "--json", "--at=2018"],
        ["who", "president", "extra", "--json"],
        ["search", "x", "--limit", "0", "--json"],
        ["trade", "--year", "twenty", "--json"],
        ["--version"],
        ["check"],
        ["who", "president", "--json", "--json"],  # given twice: Click's rule, Typer's message
        ["cite", "kz-uk-spca-signed-2024"],
        ["export"],
    ],
)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert parse(args) is None


def test_the_fast_path_does_not_import_typer_or_rich(tmp_path_factory: pytest.TempPathFactory) -> None:
    code = (
        "import sys, runpy; sys.argv = ['kzfacts', 'who', 'president', '--json'];"
        "import kzfacts.__main__ as m\n"
        "try:\n    m.main()\nexcept SystemExit:\n    pass\n"
        "print([n for n in ('typer', 'rich', 'click', 'yaml') if n in sys.modules], file=sys.stderr)"
    )
    env = {**os.environ, "KZFACTS_CACHE": str(tmp_path_factory.getbasetemp() / "cache")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stderr.strip().splitlines()[-1] == "[]"
