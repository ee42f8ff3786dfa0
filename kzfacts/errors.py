"""One error type for everything a user can get wrong, and the exit statuses it maps to.

The CLI catches `KzfactsError` once, at its entry point, and prints `kzfacts: error: ...`:
nothing deeper ever prints or calls `sys.exit`.
"""

from __future__ import annotations

import re
import sys
from enum import IntEnum


class ExitStatus(IntEnum):
    """Documented exit statuses (README, "Exit statuses")."""

    OK = 0  # success, including "no facts found"
    INTERNAL = 1  # a bug in kzfacts: please report it
    USAGE = 2  # bad option, unknown name, invalid data, failed check, a write that failed
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT); temp files are removed first
    TERMINATED = 143  # SIGTERM (128 + SIGTERM); temp files are removed first


# C0 and C1 controls, DEL and lone surrogates: what would split, colour or garble a one-line message.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with control characters and lone surrogates escaped (`\\n`, `\\x1b`, `\\udcff`).

    Error lines quote paths and option values the user typed; a newline would split the one
    line a script greps for and an ESC would colour the terminal, so neither reaches stderr raw."""
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def write_error(line: str, kind: str = "error") -> None:
    """Print one `kzfacts: error: ...` line on stderr (or `kzfacts: note: ...`), escaped; never
    raises (stderr may be gone)."""
    try:
        sys.stderr.write(f"kzfacts: {kind}: {printable(line)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


class KzfactsError(Exception):
    """A problem the user can fix; its message is shown as one line (or one line per problem)."""

    exit_code: ExitStatus = ExitStatus.USAGE

    def __init__(self, message: str, *, hint: str | None = None, exit_code: ExitStatus | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def lines(self) -> list[str]:
        """The lines to print on stderr, without the `kzfacts: error: ` prefix."""
        text = self.message + (f"; {self.hint}" if self.hint else "")
        return [text]

    def __str__(self) -> str:
        return "\n".join(self.lines())


class DataError(KzfactsError):
    """Invalid fact data: one `file:line: what is wrong` per problem, all of a run at once."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(problems[0] if problems else "invalid data")

    def lines(self) -> list[str]:
        return list(self.problems)


class OutputError(KzfactsError):
    """Standard output could not take the answer: closed (`>&-`), full (`> /dev/full`), or in an
    encoding that cannot spell it (PYTHONIOENCODING=ascii)."""


class Interrupted(BaseException):
    """SIGTERM or SIGHUP, raised like KeyboardInterrupt so every `finally` removes its temp files.

    A BaseException, so no `except Exception` swallows it; the entry point exits 128 + signal."""

    def __init__(self, signum: int):
        super().__init__(f"signal {signum}")
        self.signum = signum


class DateError(KzfactsError):
    """A date that is not YYYY, YYYY-MM, YYYY-MM-DD or a range of them."""
