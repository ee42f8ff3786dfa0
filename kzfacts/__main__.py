"""The entry point (`kzfacts` and `python -m kzfacts`): the fast path for machine formats, else
the Typer app. Typer is imported only when the fast path hands the command line over.

Both paths share the edges set up here: placeholders for closed standard descriptors, exit
statuses for Ctrl-C (130) and, while temp files exist, SIGTERM/SIGHUP (128 + signal; see
safewrite.replacing), and a last flush of stdout that turns a full or closed stdout into one
error line with exit status 2.
"""

from __future__ import annotations

import sys


def main() -> None:
    from . import streams
    from .errors import Interrupted

    streams.guard_descriptors()
    streams.transliterate_narrow_stdout()
    try:
        code = _run(sys.argv[1:])
    except (KeyboardInterrupt, Interrupted) as exc:  # quiet, as the shell shows ^C; temps are gone
        code = streams.exit_status_for(exc)
    sys.exit(streams.finish(code))


def _run(argv: list[str]) -> int:
    """The exit status of one command line, whichever path answers it."""
    from .fast import run

    code = run(argv)
    if code is not None:
        return code
    from .cli import main as typer_main

    try:
        typer_main()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return 0


if __name__ == "__main__":
    main()
