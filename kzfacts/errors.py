"""One error type for everything a user can get wrong, and the exit statuses it maps to.

The CLI catches `KzfactsError` once, at its entry point, and prints `kzfacts: error: ...`:
nothing deeper ever prints or calls `sys.exit`.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Documented exit statuses (README, "Exit statuses")."""

    OK = 0  # success, including "no facts found"
    INTERNAL = 1  # a bug in kzfacts: please report it
    USAGE = 2  # bad option, unknown name, invalid data, failed check


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


class DateError(KzfactsError):
    """A date that is not YYYY, YYYY-MM, YYYY-MM-DD or a range of them."""
