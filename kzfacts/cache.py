"""Where the index cache lives, the key that names a current index, and removing old ones.

An index file's name carries a hash of the package version, the index schema, the modules that
shape it and every input file's path, size, mtime, ctime and inode (plus the content of small
user files): a changed input names a different file, so a stale index is never opened.
"""

from __future__ import annotations

import contextlib
import os
import re
import zlib
from collections.abc import Iterable
from pathlib import Path

from . import __version__

SCHEMA_VERSION = "8"
PREFIX = "index-"
BUILD_PREFIX = ".build-"  # temp files of a build in progress: .build-<pid>-<random>.sqlite
HASHED_BYTES = 1 << 20  # user files also count by content until they add up to this (see cache_key)


def cache_dir() -> Path:
    """KZFACTS_CACHE, else $XDG_CACHE_HOME/kzfacts, else ~/.cache/kzfacts."""
    explicit = os.environ.get("KZFACTS_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kzfacts"


_CODE = (
    "index.py",
    "model.py",
    "schema.py",
    "claims.py",
    "load.py",
    "reader.py",
    "fieldread.py",
    "names.py",
    "store.py",
    "cache.py",
)


def cache_key(paths: Iterable[Path], hashed: Iterable[Path] = ()) -> str:
    """Hash of the version and each input's path, size, mtime, ctime and inode: what decides staleness.

    The modules that shape the index count as inputs too, so an edited checkout never reads an
    index built by older code under the same version number. ctime cannot be set back (touch
    and utime change it too), so an edit that restores size and mtime still names a new index;
    the files in `hashed` (the user's) also count by content, up to 1 MiB in all (well under a
    millisecond), for file systems with coarse timestamps. Beyond that (generated overlays) files
    count by their status only, so warm calls stay cheap.
    """
    parts = [f"{__version__}\0{SCHEMA_VERSION}"]
    here = Path(__file__).parent
    for p in [*(here / name for name in _CODE), *paths]:
        try:
            st = p.stat()
            parts.append(f"{os.path.abspath(p)}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
        except OSError:
            parts.append(f"{p}\0missing")
    digest, budget = 0, HASHED_BYTES
    for p in hashed:
        digest, budget = _content_crc(p, digest, budget)
    data = "\0".join(parts).encode() + digest.to_bytes(4, "little")
    # crc32 and adler32 together: 64 bits, without paying hashlib's import on every call.
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _content_crc(path: Path, digest: int, budget: int) -> tuple[int, int]:
    """crc32 of a regular file's bytes chained onto `digest`, while the files so far fit in
    `budget` bytes; beyond it (a generated overlay) or when unreadable, the file adds nothing."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size <= budget:
                return zlib.crc32(fh.read(size + 1), digest), budget - size
    except OSError:
        pass
    return digest, 0


def _remove_stale(folder: Path, keep: Path, spare: int = 3) -> None:
    """Keep the newest few indexes (with and without an overlay, say) and delete the rest."""

    def age(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    others = sorted((p for p in folder.glob(f"{PREFIX}*.sqlite") if p != keep), key=age, reverse=True)
    for old in others[spare:]:
        with contextlib.suppress(OSError):
            old.unlink()


def stale_builds(folder: Path) -> list[Path]:
    """Temps of builds whose process is gone, and unowned ones from before temps named their pid."""
    from . import safewrite

    dead = safewrite.stale_temps(folder, BUILD_PREFIX, ".sqlite")
    legacy = [p for p in folder.glob(f"{BUILD_PREFIX}*.sqlite") if not _OWNED.match(p.name)]
    return sorted({*dead, *legacy})


_OWNED = re.compile(re.escape(BUILD_PREFIX) + r"\d+-[0-9a-f]+\.sqlite$")


def remove_stale_builds(folder: Path) -> int:
    """Delete what a killed build left (a cold build of a large overlay can leave 100+ MB)."""
    from . import safewrite

    return sum(safewrite.remove(p) for p in stale_builds(folder))


def cache_files() -> list[Path]:
    """Index files, then temp files of builds (in progress or left by a killed one)."""
    folder = cache_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*.sqlite")) + sorted(folder.glob(f"{BUILD_PREFIX}*.sqlite"))


def clear_cache() -> int:
    """Delete every index file and every stale build temp; returns how many were removed.

    A build still running in another process keeps its temp: removing it would only make that
    process fall back to an in-memory index."""
    folder = cache_dir()
    removed = 0
    for path in sorted(folder.glob(f"{PREFIX}*.sqlite")) if folder.is_dir() else []:
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    if folder.is_dir():
        removed += remove_stale_builds(folder)
    return removed
