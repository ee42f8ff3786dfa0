"""The entry point (`kzfacts` and `python -m kzfacts`): the fast path for machine formats, else
the Typer app. Typer is imported only when the fast path hands the command line over."""

from __future__ import annotations

import sys


def main() -> None:
    from .fast import run

    code = run(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from .cli import main as typer_main

    typer_main()


if __name__ == "__main__":
    main()
