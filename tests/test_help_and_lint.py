"""Every command teaches with an example; the code stays ruff- and mypy-clean."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, kz

COMMANDS = ["timeline", "who", "person", "trade", "elections", "search", "sources", "source", "stats", "check",
            "export", "cache info", "cache clear"]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    r = kz(*command.split(), "--help")
    assert r.code == 0
    assert "Example: kzfacts " in r.out, r.out


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
    if shutil.which(name, path=str(ROOT / ".venv" / "bin")) or shutil.which(name):
        return [sys.executable, "-m", name]
    pytest.skip(f"{name} is not installed (pip install -e '.[test]')")


def test_ruff_lint_and_format_are_clean() -> None:
    for args in (["check", "kzfacts", "tests", "bench"], ["format", "--check", "kzfacts", "tests", "bench"]):
        proc = subprocess.run([*_tool("ruff"), *args], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_is_clean() -> None:
    proc = subprocess.run([*_tool("mypy")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
