"""Which files make up the fact base: the packaged YAML, then the user's, in order.

Kept apart from the loader so a warm query can compute the cache key without importing YAML.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass
else:
    from .struct import struct as dataclass
from pathlib import Path

from .errors import KzfactsError

PACKAGE_DATA = Path(__file__).parent / "data"
YAML_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class InputFile:
    """A file to load; `shown` is how messages name it."""

    path: Path
    shown: str
    packaged: bool


def packaged_files() -> list[InputFile]:
    root = PACKAGE_DATA
    return [
        InputFile(p, f"kzfacts/data/{p.relative_to(root).as_posix()}", True)
        for p in sorted(root.rglob("*"))
        if p.suffix in YAML_SUFFIXES and p.is_file()
    ]


def user_paths_from_env() -> list[str]:
    """Paths from KZFACTS_DATA, an os.pathsep list (empty items ignored)."""
    return [p for p in os.environ.get("KZFACTS_DATA", "").split(os.pathsep) if p.strip()]


def user_files(paths: Iterable[str]) -> list[InputFile]:
    """Expand user paths (files, or folders searched for *.yaml) in the order given."""
    found: list[InputFile] = []
    for given in paths:
        if not given.strip():
            raise KzfactsError("--data: empty path")
        path = Path(given)
        if path.is_dir():
            inner = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
            found.extend(InputFile(p, str(p), False) for p in inner)
        elif path.exists():
            found.append(InputFile(path, given, False))
        else:
            raise KzfactsError(f"--data {given}: no such file or folder")
    return found


def input_files(user: Iterable[str] = ()) -> list[InputFile]:
    return packaged_files() + user_files([*user_paths_from_env(), *user])
