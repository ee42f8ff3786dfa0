"""Which files make up the fact base: the packaged YAML, then the user's, in order.

Kept apart from the loader so a warm query can compute the cache key without importing YAML.
"""

from __future__ import annotations

import os
import stat
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


def user_files(paths: Iterable[str], option: str = "--data") -> list[InputFile]:
    """Expand user paths (files, or folders searched for *.yaml, *.yml, *.json) in the order given.

    Only regular files are data: a FIFO would block the read forever and /dev/zero would fill
    memory. A folder that cannot be read, or holds no data file, is an error rather than an
    overlay that silently adds nothing. `option` names where the path came from in messages."""
    found: list[InputFile] = []
    for given in paths:
        if not given.strip():
            raise KzfactsError(f"{option}: empty path")
        path = Path(given)
        try:
            st = path.stat()
        except FileNotFoundError:
            raise KzfactsError(f"{option} {given}: no such file or folder") from None
        except OSError as exc:
            raise KzfactsError(f"{option} {given}: cannot read: {exc.strerror or exc}") from None
        if stat.S_ISDIR(st.st_mode):
            found.extend(InputFile(p, str(p), False) for p in folder_files(path, option))
        elif stat.S_ISREG(st.st_mode):
            found.append(InputFile(path, given, False))
        else:
            from .safewrite import kind_of

            raise KzfactsError(f"{option} {given}: is a {kind_of(st.st_mode)}, not a regular file")
    return found


def folder_files(folder: Path, option: str) -> list[Path]:
    """Every data file under `folder`, sorted; symlinked folders are not followed (no loops)."""
    found: list[Path] = []
    others: list[str] = []

    def walk(d: Path) -> None:
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            raise KzfactsError(f"{option} {folder}: cannot read folder {d}: {exc.strerror or exc}") from None
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                walk(path)
            elif path.suffix in YAML_SUFFIXES:
                if not entry.is_file():
                    from .safewrite import kind_of

                    raise KzfactsError(f"{option} {path}: is a {kind_of(path.lstat().st_mode)}, not a regular file")
                found.append(path)
            else:
                others.append(entry.name)

    walk(folder)
    if not found:
        seen = f" (found {', '.join(others[:3])}; names are case-sensitive)" if others else " (it is empty)"
        raise KzfactsError(f"{option} {folder}: no {', '.join(YAML_SUFFIXES)} files in this folder{seen}")
    return sorted(found)


def input_files(user: Iterable[str] = ()) -> list[InputFile]:
    """Packaged files, then KZFACTS_DATA's, then --data's: later ones replace earlier records."""
    return packaged_files() + user_files(user_paths_from_env(), "KZFACTS_DATA") + user_files(user)
