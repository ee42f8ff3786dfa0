"""Every file kzfacts writes goes through here: exports (JSON, SQLite with metadata.json, a CSV
folder) and the index cache.

The rules, each for a reason a user has been bitten by:

- Only a regular file, a folder we exported before (CSV), or a new path is a target. Renaming
  over a symlink replaces the link, not what it points to; over `/dev/null` or `/proc/self/fd/1`
  it replaces a device. `-` means stdout and is handled by the caller.
- Everything is written to temp files in the target's own folder (so the final rename cannot
  cross file systems), fsynced, given the old file's mode (or the umask's, for a new file), and
  only then renamed into place: a full disk, a crash or Ctrl-C leaves the old file whole.
- Several targets (a SQLite file and its metadata.json) are all written before any is renamed.
- Temp files carry our pid in their name: they are removed on every exit path we see (errors,
  Ctrl-C, and SIGTERM or SIGHUP, which raise `Interrupted` while temps exist), and the next
  write to the same place removes those whose process is gone (kill -9, power loss).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Interrupted, KzfactsError

STDOUT = "-"
TEMP_TAG = "kzfacts-"
TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class Target:
    """A checked destination: its path and, when it already exists, its mode and owner to keep."""

    path: Path
    mode: int | None = None
    owner: tuple[int, int] | None = None
    folder: bool = False


def kind_of(mode: int) -> str:
    """What a non-regular file is, in the words `ls -l` users know."""
    kinds = (
        (stat.S_ISLNK, "symlink"),
        (stat.S_ISDIR, "folder"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
    )
    return next((name for test, name in kinds if test(mode)), "special file")


def check_file(path: Path, option: str = "-o") -> Target:
    """A regular file or a new path in an existing folder; anything else is a KzfactsError."""
    st = _lstat(path, option)
    if st is None:
        return Target(path)
    if not stat.S_ISREG(st.st_mode):
        what = kind_of(st.st_mode)
        if what == "folder":
            raise KzfactsError(f"{option} {path}: is a folder; give a file name")
        raise KzfactsError(
            f"{option} {path}: is a {what}; kzfacts writes only a regular file or a new path (or - for stdout)"
        )
    return Target(path, stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid))


def check_folder(path: Path, ours: set[str], option: str = "-o") -> Target:
    """A new path, or a folder holding nothing but files named in `ours` (a previous export).

    The whole folder is swapped for the new one, so a folder with anything else in it is refused
    rather than emptied."""
    st = _lstat(path, option)
    if st is None:
        return Target(path, folder=True)
    if stat.S_ISREG(st.st_mode):
        raise KzfactsError(f"{option} {path}: is a file; give a folder for --format csv")
    if not stat.S_ISDIR(st.st_mode):
        raise KzfactsError(f"{option} {path}: is a {kind_of(st.st_mode)}; kzfacts writes only a folder or a new path")
    try:
        names = sorted(os.listdir(path))
    except OSError as exc:
        raise KzfactsError(f"{option} {path}: cannot read folder: {exc.strerror or exc}") from None
    foreign = [n for n in names if n not in ours]
    if foreign:
        raise KzfactsError(
            f"{option} {path}: holds files kzfacts did not write ({', '.join(foreign[:3])}); "
            "give a new or empty folder, or a previous CSV export"
        )
    return Target(path, stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid), folder=True)


def _lstat(path: Path, option: str) -> os.stat_result | None:
    """The target's own status (not a symlink's target), or None for a new path in a real folder."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise KzfactsError(f"{option} {path}: cannot use: {exc.strerror or exc}") from None
    parent = path.parent
    if not parent.is_dir():
        raise KzfactsError(f"{option} {path}: folder {parent} does not exist")
    return None


def umask() -> int:
    """The process umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temp_name(target: Path, prefix: str | None = None, suffix: str = TEMP_SUFFIX) -> Path:
    """A hidden name beside `target` that says whose it is: `.NAME.kzfacts-PID-RANDOM.tmp`."""
    head = prefix if prefix is not None else f".{target.name}.{TEMP_TAG}"
    return target.with_name(f"{head}{os.getpid()}-{os.urandom(4).hex()}{suffix}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def stale_temps(folder: Path, prefix: str, suffix: str = TEMP_SUFFIX) -> list[Path]:
    """Temp files (or folders) in `folder` named `PREFIX<pid>-<random>SUFFIX` whose process is gone."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)-[0-9a-f]+" + re.escape(suffix) + "$")
    found = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        m = pattern.match(name)
        if m and not _alive(int(m.group(1))):
            found.append(folder / name)
    return sorted(found)


def remove(path: Path) -> bool:
    """Delete a temp file or folder; True when it is gone. Never follows a symlink."""
    try:
        if path.is_dir() and not path.is_symlink():
            import shutil

            shutil.rmtree(path)
        else:
            path.unlink()
        return True
    except FileNotFoundError:
        return True
    except OSError:
        return False


def sweep(target: Path) -> None:
    """Remove temps left beside `target` by a process that died before it could (kill -9)."""
    for old in stale_temps(target.parent, f".{target.name}.{TEMP_TAG}"):
        remove(old)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _settle(temp: Path, target: Target) -> None:
    """fsync, then the old file's mode and owner (or the umask's mode for a new one)."""
    if target.folder:
        for inner in temp.iterdir():
            os.chmod(inner, _old_mode(target.path / inner.name) or 0o666 & ~umask())
            _fsync(inner)
        os.chmod(temp, target.mode if target.mode is not None else 0o777 & ~umask())
    else:
        _fsync(temp)
        os.chmod(temp, target.mode if target.mode is not None else 0o666 & ~umask())
    if target.owner is not None and target.owner != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # only root may give a file away; others keep their own
            os.chown(temp, *target.owner)


def _old_mode(path: Path) -> int | None:
    """The mode of the file a folder swap replaces, so each CSV keeps its own."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(folder)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(done == 0)


def _swap_in(temp: Path, target: Target) -> None:
    """Rename the finished temp over the target; a folder is exchanged whole, then the old one removed."""
    if target.folder and target.mode is not None:
        if _exchange(temp, target.path):
            remove(temp)  # now holds the old export
            return
        old = temp_name(target.path)
        os.rename(target.path, old)
        try:
            os.rename(temp, target.path)
        except BaseException:  # an error or a signal between the renames: put the old one back
            os.rename(old, target.path)
            raise
        remove(old)
        return
    os.replace(temp, target.path)


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """While temps exist, SIGTERM and SIGHUP raise Interrupted (as SIGINT raises KeyboardInterrupt),
    so the `finally` that removes them runs; the previous handlers come back afterwards.

    Only here, not for the whole process: a query has nothing to clean up, and importing
    `signal` would cost every warm call."""
    import signal

    saved: list[tuple[int, Any]] = []
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            saved.append((sig, signal.signal(sig, _raise_interrupted)))
        except (ValueError, OSError):  # not the main thread: the default action stands
            pass
    try:
        yield
    finally:
        for sig, handler in saved:
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, handler)


@contextlib.contextmanager
def replacing(targets: Sequence[Target], prefix: str | None = None, suffix: str = TEMP_SUFFIX) -> Iterator[list[Path]]:
    """Temp paths for `targets` (empty files, or empty folders for folder targets) to fill.

    When the body returns, every temp is fsynced and given its mode, then each is renamed over
    its target in order. When anything escapes the body (an error, KeyboardInterrupt, the
    Interrupted of SIGTERM) or the renames fail, every temp still present is removed and the
    targets are as they were."""
    temps: list[Path] = []
    with signals_raise():
        yield from _replacing(targets, temps, prefix, suffix)


def _replacing(targets: Sequence[Target], temps: list[Path], prefix: str | None, suffix: str) -> Iterator[list[Path]]:
    try:
        for target in targets:
            sweep(target.path)
            temp = temp_name(target.path, prefix, suffix)
            if target.folder:
                temp.mkdir(mode=0o700)
            else:
                os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            temps.append(temp)
        yield list(temps)
        for temp, target in zip(temps, targets):
            _settle(temp, target)
        for temp, target in zip(temps, targets):
            _swap_in(temp, target)
        for folder in {t.path.parent for t in targets}:
            _fsync_folder(folder)
    finally:
        for temp in temps:
            if os.path.lexists(temp):
                remove(temp)


def write_bytes(path: Path, data: bytes, option: str = "-o") -> None:
    """Write one file all or nothing (see `replacing`); OSError becomes one line naming `option PATH`."""
    target = check_file(path, option)
    try:
        with replacing([target]) as (temp,), open(temp, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise KzfactsError(f"{option} {path}: cannot write: {exc.strerror or exc}") from None
