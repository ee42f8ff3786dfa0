"""The process edges: standard streams, set up once by the entry point.

A closed stdout or stderr (`>&-`, `2>&-`) leaves its descriptor free, so the next file opened
(an export's temp file, the index) would silently become "stdout". A full or closed stdout, or
one whose encoding cannot spell the answer, must end in one error line, not a traceback at the
interpreter's final flush. (Signals are handled where temp files exist: safewrite.replacing.)

Every warm query pays for this module, so it imports nothing beyond `os` and `sys`.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from .errors import ExitStatus, Interrupted, KzfactsError, OutputError, write_error


class ClosedStream:
    """Stands in for a stream that was closed when the process started: writes fail with EBADF."""

    encoding = "utf-8"

    def __init__(self, name: str):
        self.stream_name = name

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, f"{self.stream_name} is closed")

    def flush(self) -> None:
        pass


class Discard:
    """Where messages go when stderr was closed: nowhere, without failing."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def guard_descriptors() -> None:
    """Give closed descriptors 0-2 a /dev/null placeholder, so no file we open lands on them.

    Closed stdout keeps failing every write (the answer has nowhere to go: exit 2); closed
    stderr is quiet (the exit status still tells)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        try:
            placeholder = os.open(os.devnull, os.O_RDWR)
        except OSError:
            continue
        if placeholder != fd:  # pragma: no cover - only when a lower descriptor is also closed
            os.dup2(placeholder, fd)
            os.close(placeholder)
        if fd == 1:
            sys.stdout = _as_text(ClosedStream("stdout"))
        elif fd == 2:
            sys.stderr = _as_text(Discard())
    if sys.stdout is None:  # pragma: no cover - interpreters that drop the stream themselves
        sys.stdout = _as_text(ClosedStream("stdout"))
    if sys.stderr is None:  # pragma: no cover
        sys.stderr = _as_text(Discard())


SAMPLE = "–Жé“·"  # what an answer's text holds: dashes, Cyrillic, accents, quotes, dots
_transliterated: list[str] = []  # the first letters an ascii stdout could not spell


def narrow(stream: Any) -> bool:
    """Whether `stream`'s encoding cannot spell what answers hold (ascii, a C locale, latin-1)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        SAMPLE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def transliterate_narrow_stdout() -> None:
    """On a stdout that cannot spell the answer, write text transliterated (Ж → Zh, – → -)
    rather than stop: JSON escapes instead (render/json.py asks `narrow`), so no data changes
    there; a note on stderr says so once, at the end."""
    if not narrow(sys.stdout) or not hasattr(sys.stdout, "reconfigure"):
        return
    import codecs

    def replace(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        from anyascii import anyascii

        bad = exc.object[exc.start : exc.end]
        if not _transliterated:
            _transliterated.append(bad)
        return anyascii(bad) or "?", exc.end

    codecs.register_error("kzfacts-transliterate", replace)
    try:
        sys.stdout.reconfigure(errors="kzfacts-transliterate")
    except (ValueError, OSError):  # pragma: no cover - a stream that cannot change its errors
        return


def _as_text(stream: Any) -> Any:
    """The stand-in, typed as the text stream it replaces (it has the methods kzfacts calls)."""
    return stream


def exit_status_for(exc: BaseException) -> int:
    """128 + the signal number, as a shell reports a process ended by that signal."""
    if isinstance(exc, Interrupted):
        return 128 + exc.signum
    return ExitStatus.INTERRUPTED


def silence_stdout() -> None:
    """After EPIPE or a write error, point stdout at /dev/null so the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    stream = sys.stdout
    if isinstance(stream, ClosedStream):
        sys.stdout = Discard()


def output_error(exc: OSError | UnicodeEncodeError) -> OutputError:
    """The one line for an answer stdout could not take."""
    if isinstance(exc, UnicodeEncodeError):
        encoding = getattr(sys.stdout, "encoding", None) or exc.encoding
        bad = exc.object[exc.start : exc.end]
        return OutputError(
            f"cannot write {bad!r} to stdout in encoding {encoding}; set PYTHONIOENCODING=utf-8",
        )
    return OutputError(f"cannot write to stdout: {exc.strerror or exc}")


def finish(code: int) -> int:
    """Flush stdout before the interpreter does, so a full or closed stdout is an error line."""
    try:
        sys.stdout.flush()
        if _transliterated:
            encoding = getattr(sys.stdout, "encoding", "?")
            write_error(
                f"stdout's encoding ({encoding}) cannot spell {_transliterated[0]!r} and other letters: "
                "written transliterated (set PYTHONIOENCODING=utf-8 for the original)",
                kind="note",
            )
    except BrokenPipeError:
        silence_stdout()
        return code
    except (OSError, ValueError, UnicodeEncodeError) as exc:
        silence_stdout()
        if code == ExitStatus.OK:
            err = output_error(exc) if isinstance(exc, (OSError, UnicodeEncodeError)) else None
            write_error(str(err) if err else "cannot write to stdout")
            return ExitStatus.USAGE
    return code


def write_stdout(text: str) -> None:
    """Write to stdout; a closed, full or too narrow (ascii) stdout is one OutputError line."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except (OSError, UnicodeEncodeError) as exc:
        raise output_error(exc) from None


def report(exc: Exception) -> int:
    """The one error policy, shared by the Typer app and the fast path: a user's mistake is
    its lines on stderr; a closed pipe is a quiet success; anything else is a bug, one line
    (or the traceback with KZFACTS_DEBUG=1). Returns the exit status."""
    if isinstance(exc, KzfactsError):
        for line in exc.lines():
            write_error(line)
        return int(exc.exit_code)
    if isinstance(exc, BrokenPipeError):
        silence_stdout()
        return ExitStatus.OK
    if os.environ.get("KZFACTS_DEBUG") == "1":
        raise exc
    write_error(
        f"internal error: {type(exc).__name__}: {exc} (please report it; set KZFACTS_DEBUG=1 for the traceback)"
    )
    return ExitStatus.INTERNAL
