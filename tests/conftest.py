"""Shared test helpers: a hermetic environment (own cache folder, no user data from the
environment) and `kz(...)`, which runs the real CLI through Typer's CliRunner with stdout and
stderr kept apart."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kzfacts.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def hermetic(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KZFACTS_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
    for var in ("KZFACTS_DATA", "FORCE_COLOR", "KZFACTS_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    yield


class Run:
    def __init__(self, result: Any):
        self.code = int(result.exit_code)
        self.out: str = result.stdout
        self.err: str = result.stderr
        self.exception = result.exception

    def json(self) -> Any:
        return json.loads(self.out)

    def __repr__(self) -> str:
        return f"Run(code={self.code}, out={self.out[:300]!r}, err={self.err[:300]!r})"


def kz(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Run:
    """Invoke the CLI in-process; a stray exception is a test failure, never swallowed."""
    result = CliRunner().invoke(app, list(args), env=env, input=input, catch_exceptions=True)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
