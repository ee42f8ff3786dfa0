"""Every command teaches with an example; the code stays ruff- and mypy-clean."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kzfacts.commands import QUESTIONS

from .conftest import ROOT, kz

# every declared question, and the actions declared in cli.py
COMMANDS = [q.name for q in QUESTIONS] + ["cite", "check", "export", "cache info", "cache clear"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    r = kz(*command.split(), "--help")
    assert r.code == 0
    assert "Example: kzfacts " in r.out, r.out
    question = next((q for q in QUESTIONS if q.name == command), None)
    if question is not None:  # every declared option is in its help
        assert all(a.flag in r.out for a in question.options), r.out
        assert question.summary in " ".join(r.out.split())


def test_no_arguments_prints_an_overview() -> None:
    r = kz()
    assert r.code == 0
    assert "kzfacts who ambassador --at 2018" in r.out and "--json" in r.out


def test_version() -> None:
    from kzfacts import __version__

    assert kz("--version").out.strip() == f"kzfacts {__version__}"


def test_python_dash_m_entry_point() -> None:
    proc = subprocess.run([sys.executable, "-m", "kzfacts", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.startswith("kzfacts ")


def _tool(name: str) -> list[str]:
    """The tool from this checkout's venv, the venv running the tests (a shared one), or PATH."""
    beside = str(Path(sys.executable).parent)
    if shutil.which(name, path=str(ROOT / ".venv" / "bin")) or shutil.which(name, path=beside) or shutil.which(name):
        return [sys.executable, "-m", name]
    pytest.skip(f"{name} is not installed (pip install -e '.[test]')")


def test_ruff_lint_and_format_are_clean() -> None:
    for args in (["check", "kzfacts", "tests", "bench"], ["format", "--check", "kzfacts", "tests", "bench"]):
        proc = subprocess.run([*_tool("ruff"), *args], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_is_clean() -> None:
    proc = subprocess.run([*_tool("mypy")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("kzfacts who amb", "ambassador"),
        ("kzfacts person Idr", "Idrissov"),
        ("kzfacts timeline --topic dipl", "diplomacy"),
    ],
)
def test_shell_completion_offers_names_from_the_fact_base(words: str, expected: str) -> None:
    env = {**os.environ, "_KZFACTS_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - 1)}  # fmt: skip
    proc = subprocess.run([sys.executable, "-m", "kzfacts"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert expected in proc.stdout.splitlines(), proc.stdout + proc.stderr


def test_installed_package_carries_its_data(tmp_path: Path) -> None:
    """Run from outside the source tree: the installed package (a wheel, when installed with
    `pip install .`) must find its fact base without the checkout."""
    script = f"{sys.executable[: -len('python')]}kzfacts" if sys.executable.endswith("python") else None
    if not script or not shutil.which(script):
        pytest.skip("no kzfacts console script beside this Python (install the package first)")
    where = subprocess.run([sys.executable, "-c", "import kzfacts.inputs as i; print(i.PACKAGE_DATA)"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout.strip()  # fmt: skip
    assert any(p.endswith(".yaml") for p in os.listdir(where))
    proc = subprocess.run([script, "stats", "--json"], capture_output=True, text=True, cwd=tmp_path, check=True,
                          env={**os.environ, "KZFACTS_CACHE": str(tmp_path / "cache")})  # fmt: skip
    assert json.loads(proc.stdout)[0]["counts"]["events"] >= 100
