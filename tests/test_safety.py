"""Nothing lost, nothing fooled (issue 15): writes that keep what they replace, signals that
leave no temp behind, streams that fail in one line, a stale index, sources that must stay in
their folder, and a user without permissions.

Anything about a whole process (signals, closed descriptors, another user) runs the real entry
point in a subprocess, every wait bounded by a timeout."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, kz, write

TIMEOUT = 30
NOBODY = 65534


def env(**extra: str) -> dict[str, str]:
    """The hermetic environment of the suite, for a subprocess, pointed at this checkout."""
    out = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", **extra}
    out.pop("KZFACTS_DATA", None)
    return out


def run(*args: str, shell_redirect: str = "", **kw: object) -> subprocess.CompletedProcess[str]:
    """`python -m kzfacts ARGS` as a user runs it (the fast path and Typer), with a shell
    redirection such as `>&-` when given."""
    if shell_redirect:
        quoted = " ".join(_quote(a) for a in (sys.executable, "-m", "kzfacts", *args))
        cmd: list[str] | str = f"exec {quoted} {shell_redirect}"
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, env=env(), timeout=TIMEOUT, check=False)
    return subprocess.run(
        [sys.executable, "-m", "kzfacts", *args], capture_output=True, text=True, env=env(), timeout=TIMEOUT,
        check=False, **kw,  # type: ignore[call-overload]
    )  # fmt: skip


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def one_error(stderr: str, expect: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("kzfacts: error: ") and expect in lines[0], stderr
    assert "Traceback" not in stderr and "internal error" not in stderr


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- safe writes: modes, refusals, all or nothing ----------------------------------------------


@pytest.fixture
def mask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_export_gets_the_umask_mode(tmp_path: Path, mask: None) -> None:
    assert kz("export", "-o", str(tmp_path / "a.json")).code == 0
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644
    os.umask(0o027)
    assert kz("export", "--format", "sqlite", "-o", str(tmp_path / "a.db")).code == 0
    assert stat.S_IMODE((tmp_path / "a.db").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "metadata.json").stat().st_mode) == 0o640


def test_overwritten_export_keeps_its_mode(tmp_path: Path, mask: None) -> None:
    target = write(tmp_path, "a.json", "old\n")
    target.chmod(0o604)
    assert kz("export", "-o", str(target)).code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert json.loads(target.read_text())["sources"]


def test_symlink_target_and_its_file_are_untouched(tmp_path: Path) -> None:
    real = write(tmp_path, "real.json", "old\n")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    r = kz("export", "-o", str(link))
    assert r.code == 2 and "is a symlink" in r.err
    assert link.is_symlink() and real.read_text() == "old\n"
    assert temps(tmp_path) == []


def test_sqlite_export_is_all_or_nothing_when_metadata_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzfacts import export

    db, meta = tmp_path / "kz.db", tmp_path / "metadata.json"
    assert kz("export", "--format", "sqlite", "-o", str(db)).code == 0
    before = (db.read_bytes(), meta.read_bytes())

    def broken(database: str = "kzfacts") -> dict[str, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "metadata", broken)
    r = kz("export", "--format", "sqlite", "-o", str(db))
    assert r.code == 2 and "No space left on device" in r.err
    assert (db.read_bytes(), meta.read_bytes()) == before
    assert temps(tmp_path) == []


def test_csv_export_failing_halfway_leaves_the_old_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzfacts import export

    out = tmp_path / "csv"
    assert kz("export", "--format", "csv", "-o", str(out)).code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    columns = export._columns
    calls = []

    def fail_on_sixth(db: sqlite3.Connection, table: str) -> list[str]:
        calls.append(table)
        if len(calls) == 6:
            raise OSError(errno.EIO, "Input/output error")
        return columns(db, table)

    monkeypatch.setattr(export, "_columns", fail_on_sixth)
    r = kz("export", "--format", "csv", "-o", str(out))
    assert r.code == 2 and "Input/output error" in r.err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert temps(tmp_path) == []


def test_csv_export_replaces_a_previous_export_whole(tmp_path: Path, mask: None) -> None:
    out = tmp_path / "csv"
    assert kz("export", "--format", "csv", "-o", str(out)).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    (out / "events.csv").write_text("stale\n")
    (out / "events.csv").chmod(0o600)
    out.chmod(0o750)
    assert kz("export", "--format", "csv", "-o", str(out)).code == 0
    assert (out / "events.csv").read_text().startswith("id,")
    assert stat.S_IMODE((out / "events.csv").stat().st_mode) == 0o600
    assert stat.S_IMODE((out / "people.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE(out.stat().st_mode) == 0o750
    assert temps(tmp_path) == []


def test_export_as_root_never_replaces_a_device(tmp_path: Path) -> None:
    r = run("export", "-o", "/dev/null")
    one_error(r.stderr, "-o /dev/null: is a character device")
    assert r.returncode == 2 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


# -- signals: no temp outlives the process, the old file stays whole ----------------------------

SLOW = """
import pathlib, sys, time
from kzfacts import safewrite
settle = safewrite._settle
ready = pathlib.Path(sys.argv[1])
def slow(temp, target):
    ready.write_text("ready")
    time.sleep(60)
    settle(temp, target)
safewrite._settle = slow
sys.argv = ["kzfacts", *sys.argv[2:]]
from kzfacts.__main__ import main
main()
"""


def _as_in_a_terminal() -> None:
    """Ctrl-C as a foreground process gets it: a suite run in the background (`cmd &`, nohup)
    starts with SIGINT ignored, and Python keeps an ignored SIGINT ignored, rightly."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_slow(tmp_path: Path, *args: str, cache: Path | None = None) -> tuple[subprocess.Popen[str], Path]:
    """kzfacts stopped just before its temps are renamed into place (every temp full)."""
    ready = tmp_path / "ready"
    extra = {"KZFACTS_CACHE": str(cache)} if cache else {}
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW, str(ready), *args], env=env(**extra), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, preexec_fn=_as_in_a_terminal,
    )  # fmt: skip
    deadline = time.monotonic() + TIMEOUT
    while not ready.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"never got ready: {proc.communicate()}")
        time.sleep(0.02)
    return proc, ready


@pytest.mark.parametrize(
    ("fmt", "name", "sig", "status"),
    [
        ("sqlite", "kz.db", signal.SIGTERM, 143),
        ("csv", "csv", signal.SIGINT, 130),
        ("json", "kz.json", signal.SIGHUP, 129),
    ],
)
def test_signal_during_export_removes_temps_and_keeps_the_old_export(
    tmp_path: Path, fmt: str, name: str, sig: int, status: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / name
    assert kz("export", "--format", fmt, "-o", str(target)).code == 0
    before = sorted(p.name for p in out.rglob("*"))
    proc, _ = start_slow(tmp_path, "export", "--format", fmt, "-o", str(target))
    assert temps(out), "the temps exist while the export runs"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == status, err
    assert "Traceback" not in err
    assert temps(out) == []
    assert sorted(p.name for p in out.rglob("*")) == before


def test_sigterm_during_index_build_leaves_no_build_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    proc, _ = start_slow(tmp_path, "who", "president", "--json", cache=cache)
    assert [p.name for p in cache.glob(".build-*")], "a build temp exists while building"
    proc.terminate()
    proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 143
    assert list(cache.glob(".build-*")) == []


def test_kill_9_leftovers_are_listed_and_removed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    proc, _ = start_slow(tmp_path, "who", "president", "--json", cache=cache)
    proc.kill()
    proc.communicate(timeout=TIMEOUT)
    left = list(cache.glob(".build-*.sqlite"))
    assert len(left) == 1
    legacy = cache / ".build-abcd1234.sqlite"  # an older kzfacts named no pid
    legacy.write_bytes(b"x")
    extra = {"KZFACTS_CACHE": str(cache)}
    info = subprocess.run([sys.executable, "-m", "kzfacts", "cache", "info"], env=env(**extra), capture_output=True,
                          text=True, timeout=TIMEOUT)  # fmt: skip
    assert info.returncode == 0
    assert list(cache.glob(".build-*")) == [], "the next build removed them"
    # Left again while an index is warm: the next command of any kind removes them, not only a build.
    for args in (("cache", "info"), ("stats", "--json"), ("who", "president")):
        shutil.copy(cache / next(p.name for p in cache.glob("index-*")), left[0])
        legacy.write_bytes(b"x")
        (cache / ".build-999999999-abcd.sqlite").write_bytes(b"x")  # no such process
        run = subprocess.run([sys.executable, "-m", "kzfacts", *args], env=env(**extra), capture_output=True,
                             text=True, timeout=TIMEOUT)  # fmt: skip
        assert run.returncode == 0 and list(cache.glob(".build-*")) == [], args
    cleared = subprocess.run([sys.executable, "-m", "kzfacts", "cache", "clear"], env=env(**extra),
                             capture_output=True, text=True, timeout=TIMEOUT)  # fmt: skip
    assert cleared.returncode == 0 and "removed 1 index file(s)" in cleared.stdout
    assert list(cache.iterdir()) == []


def test_a_live_build_is_listed_but_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZFACTS_CACHE", str(tmp_path))
    assert kz("stats").code == 0
    live = tmp_path / f".build-{os.getpid()}-abcd.sqlite"  # this process is alive
    live.write_bytes(b"x")
    assert f"building\t{live.name}" in kz("cache", "info").out
    kz("cache", "clear")
    assert live.exists()


def test_kill_9_during_export_is_cleaned_by_the_next_export(tmp_path: Path) -> None:
    target = tmp_path / "out" / "kz.json"
    target.parent.mkdir()
    proc, _ = start_slow(tmp_path, "export", "-o", str(target))
    proc.kill()
    proc.communicate(timeout=TIMEOUT)
    assert len(temps(target.parent)) == 1
    assert kz("export", "-o", str(target)).code == 0
    assert temps(target.parent) == []


# -- streams ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("who", "president", "--json"),
        ("who", "president"),
        ("--version",),
        ("stats", "--csv"),
        ("--help",),
        (),
        ("cache", "info"),
    ],
    ids=["fast path", "typer path", "version", "csv", "help", "overview", "cache info"],
)
def test_closed_stdout_is_one_line_and_status_2(args: tuple[str, ...]) -> None:
    r = run(*args, shell_redirect=">&-")
    assert r.returncode == 2, r
    one_error(r.stderr, "cannot write to stdout")


@pytest.mark.parametrize(
    "args", [("timeline", "--json"), ("timeline",), ("--version",)], ids=["fast path", "typer path", "version"]
)
def test_full_stdout_is_one_line_and_status_2(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "kzfacts", *args], stdout=full, stderr=subprocess.PIPE, text=True,
                           env=env(), timeout=TIMEOUT, check=False)  # fmt: skip
    assert r.returncode == 2, r
    one_error(r.stderr, "cannot write to stdout: No space left on device")


def test_closed_stdout_does_not_capture_an_export(tmp_path: Path) -> None:
    """With fd 1 closed the export's temp file would become 'stdout'; a placeholder keeps it free."""
    target = tmp_path / "kz.json"
    r = run("export", "-o", str(target), shell_redirect=">&-")
    assert r.returncode == 0, r
    assert json.loads(target.read_text())["sources"]


@pytest.mark.parametrize(
    ("args", "status"),
    [(("who", "president", "--json"), 0), (("who", "nosuch"), 2), (("nosuch",), 2), (("who", "nosuch", "--json"), 2)],
)
def test_closed_stderr_keeps_exit_statuses(args: tuple[str, ...], status: int) -> None:
    assert run(*args, shell_redirect="2>&-").returncode == status


def test_closed_stdin_is_fine() -> None:
    assert run("who", "president", "--json", shell_redirect="<&-").returncode == 0


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_narrow_stdout_gets_escaped_json_and_transliterated_text(encoding: str) -> None:
    """JSON stays the same data (\\u escapes); text views are transliterated, with one note."""

    def ask(*args: str, **extra: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "kzfacts", *args], capture_output=True, timeout=TIMEOUT,
                              env=env(**extra), check=False)  # fmt: skip

    wide = ask("person", "Tokayev", "--json", PYTHONIOENCODING="utf-8")
    narrow = ask("person", "Tokayev", "--json", PYTHONIOENCODING=encoding)
    assert narrow.returncode == 0 and narrow.stderr == b"" and max(narrow.stdout) < 128
    assert json.loads(narrow.stdout) == json.loads(wide.stdout)  # not one letter changed
    lines = ask("person", "Tokayev", "--ndjson", PYTHONIOENCODING=encoding)
    assert [json.loads(x) for x in lines.stdout.splitlines()] == json.loads(wide.stdout)
    exported = ask("export", "--format", "json", "-o", "-", PYTHONIOENCODING=encoding)
    assert exported.returncode == 0 and json.loads(exported.stdout)["records"]
    for args in (("person", "Tokayev", "--table"), ("person", "Tokayev", "--csv"), ("person", "Tokayev")):
        text = ask(*args, PYTHONIOENCODING=encoding)
        assert text.returncode == 0, args
        text.stdout.decode(encoding)  # every byte is in the stream's encoding
        note = text.stderr.decode().strip()
        assert note.count("\n") == 0 and note.startswith("kzfacts: note:") and "transliterated" in note, args
    table = ask("person", "Tokayev", "--table", PYTHONIOENCODING="ascii").stdout.decode()
    assert "Kasym-Zomart" in table  # Kasym-Žomart, spelled with the letters ascii has


def test_ascii_stderr_escapes_the_error_line() -> None:
    r = subprocess.run([sys.executable, "-m", "kzfacts", "person", "Жжжжж"], capture_output=True, timeout=TIMEOUT,
                       env=env(PYTHONIOENCODING="ascii"), check=False)  # fmt: skip
    assert r.returncode == 2 and b"no person" in r.stderr and b"Traceback" not in r.stderr


def test_newline_in_a_path_stays_on_one_line() -> None:
    r = run("--data", "a\nb\x1b[31m.yaml", "who", "president", "--json")
    one_error(r.stderr, "--data a\\nb\\x1b[31m.yaml: no such file")


def test_fifo_as_data_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "f.yaml")
    r = run("--data", str(tmp_path / "f.yaml"), "who", "president", "--json")
    assert r.returncode == 2
    one_error(r.stderr, "is a FIFO, not a regular file")


def test_dev_zero_as_data_does_not_read_forever() -> None:
    r = run("--data", "/dev/zero", "stats", "--json")
    assert r.returncode == 2
    one_error(r.stderr, "is a character device")


# -- a stale index ---------------------------------------------------------------------------


def test_edit_with_size_and_mtime_restored_rebuilds(tmp_path: Path) -> None:
    text = "events:\n  - id: x\n    date: '2018'\n    title: AAAA\n    {c}\n"
    cite = "citations: [{source: seed-001, quote: 'On 19 January 1992'}]"
    mine = write(tmp_path, "mine.yaml", text.format(c=cite))
    st = mine.stat()
    assert "AAAA" in kz("--data", str(mine), "search", "AAAA", "--json").out
    mine.write_text(text.format(c=cite).replace("AAAA", "BBBB"))
    os.utime(mine, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert mine.stat().st_size == st.st_size and mine.stat().st_mtime_ns == st.st_mtime_ns
    r = kz("--data", str(mine), "search", "BBBB", "--json")
    assert r.code == 0 and r.json()[0]["id"] == "x", r


def test_content_hash_alone_tells_an_edit(tmp_path: Path) -> None:
    """Where ctime and inode cannot tell (a copy with every status field equal), content does."""
    from kzfacts.cache import cache_key

    a = write(tmp_path, "a.yaml", "events: []\n")
    key = cache_key([], [a])
    a.write_text("events: [ ]")
    assert cache_key([], [a]) != key


# -- check: a source must stay inside its folder ----------------------------------------------


@pytest.mark.parametrize("how", ["parent", "absolute", "symlink"])
def test_check_refuses_a_source_outside_the_sources_folder(tmp_path: Path, how: str) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    outside = write(tmp_path, "mine.txt", "An invented quote lives here.\n")
    file = {"parent": "../mine.txt", "absolute": str(outside), "symlink": "link.txt"}[how]
    if how == "symlink":
        (texts / "link.txt").symlink_to(outside)
    mine = write(
        tmp_path, "mine.yaml",
        f"sources:\n  - {{id: mine, file: '{file}'}}\n"
        "events:\n  - id: x\n    date: '2018'\n    title: t\n"
        "    citations: [{source: mine, quote: 'An invented quote lives here.'}]\n",
    )  # fmt: skip
    r = kz("--data", str(mine), "check", "--sources", str(texts))
    assert r.code == 2
    assert f"source 'mine': file {file} resolves outside every --sources folder" in r.out


def test_check_accepts_a_symlink_that_stays_inside(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    (texts / "sub").mkdir(parents=True)
    write(texts / "sub", "real.txt", "A quote that is real.\n")
    (texts / "link.txt").symlink_to(texts / "sub" / "real.txt")
    mine = write(
        tmp_path, "mine.yaml",
        "sources:\n  - {id: mine, file: link.txt}\n"
        "events:\n  - id: x\n    date: '2018'\n    title: t\n"
        "    citations: [{source: mine, quote: 'A quote that is real.'}]\n",
    )  # fmt: skip
    r = kz("--data", str(mine), "check", "--sources", str(texts))
    assert "source 'mine'" not in r.out and "quote not found in mine" not in r.out, r.out


# -- a user without permissions (root reads and writes anything: run as nobody) ---------------


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can enter (pytest's own tmp_path is private to root)."""
    d = Path(tempfile.mkdtemp(prefix="kzfacts-perm-"))
    d.chmod(0o755)
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


DROP = """
import importlib, os, pkgutil, sys
from pathlib import Path
import kzfacts, kzfacts.inputs
# Everything kzfacts may import, imported before the drop: the clone may sit in a folder only
# root may enter (a private mktemp -d), which `nobody` could not read modules from.
for info in pkgutil.walk_packages(kzfacts.__path__, "kzfacts."):
    importlib.import_module(info.name)
import csv, ctypes, shutil, subprocess, typer._completion_shared, rich.console, rich.text
import contextlib, typer, rich, anyascii
for package in (typer, rich):  # their lazy imports too (help, completion, wrapping)
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not info.name.endswith(("__main__", "typer.cli")):  # those run a program on import
            with contextlib.suppress(Exception):
                importlib.import_module(info.name)
anyascii.anyascii("".join(chr(c) for c in range(0x80, 0x3000)))  # its tables load lazily, per block
# ...and the packaged facts read from a copy `nobody` can read (prepared by the test).
kzfacts.inputs.PACKAGE_DATA = Path(%(data)r)
if os.geteuid() == 0:
    os.setgroups([])
    os.setgid(%(id)d)
    os.setuid(%(id)d)
sys.argv = ["kzfacts", *sys.argv[1:]]
kzfacts.__main__.main()
"""


def as_unprivileged(args: list[str], folder: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run kzfacts as `nobody` when we are root (chmod does not stop root), else as ourselves.

    The interpreter lives under /root, which `nobody` cannot enter: the process starts as root,
    imports what it needs, then drops to `nobody` before the command runs."""
    cache = folder / "cache"
    cache.mkdir(exist_ok=True)
    cache.chmod(0o777)
    data = folder / "packaged-data"
    if not data.exists():
        from kzfacts.inputs import PACKAGE_DATA

        shutil.copytree(PACKAGE_DATA, data)
        for path in [data, *data.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    variables = {"KZFACTS_CACHE": str(cache), "HOME": str(folder / "home"), **extra}
    script = DROP % {"id": NOBODY, "data": str(data)}
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          timeout=TIMEOUT, env=env(**variables), cwd=folder, check=False)  # fmt: skip


def test_unreadable_folder_is_an_error(shared_tmp: Path) -> None:
    data = shared_tmp / "data"
    (data / "inner").mkdir(parents=True)
    write(data, "a.yaml", "events: []\n")
    (data / "inner").chmod(0o000)
    r = as_unprivileged(["--data", str(data), "stats", "--json"], shared_tmp)
    assert r.returncode == 2, r
    one_error(r.stderr, "cannot read folder")


def test_unreadable_file_is_an_error(shared_tmp: Path) -> None:
    mine = write(shared_tmp, "mine.yaml", "events: []\n")
    mine.chmod(0o000)
    r = as_unprivileged(["--data", str(mine), "stats", "--json"], shared_tmp)
    assert r.returncode == 2, r
    one_error(r.stderr, "mine.yaml: cannot read: Permission denied")


def test_unwritable_export_folder_is_one_line(shared_tmp: Path) -> None:
    locked = shared_tmp / "locked"
    locked.mkdir(mode=0o755)
    r = as_unprivileged(["export", "-o", str(locked / "kz.json")], shared_tmp)
    assert r.returncode == 2, r
    one_error(r.stderr, "Permission denied")
    assert list(locked.iterdir()) == []


def test_install_completion_with_a_read_only_home(shared_tmp: Path) -> None:
    (shared_tmp / "home").mkdir(mode=0o555)
    r = as_unprivileged(["--install-completion", "bash"], shared_tmp)
    assert r.returncode == 2, r
    one_error(r.stderr, "--install-completion bash: cannot write")


def test_unwritable_cache_still_answers(shared_tmp: Path) -> None:
    (shared_tmp / "ro").mkdir(mode=0o555)
    r = as_unprivileged(["who", "president", "--json"], shared_tmp, KZFACTS_CACHE=str(shared_tmp / "ro"))
    assert r.returncode == 0, r
    assert json.loads(r.stdout)[0]["post"] == "kz-president"
