"""The fast path: `--json`, `--ndjson` and `--csv` answers without building Typer's command tree.

Scripts call kzfacts in loops, and Typer's import and parsing cost more than the answer. This
module parses the few argument shapes a script uses for the query commands and answers with the
same query and renderer as `cli.py`; anything else (help, completion, a terminal view, a typo,
an option it does not know) returns None and Typer handles it, so every error message and every
usage rule still has one home. The tests run both paths on the same arguments and compare.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import ExitStatus

FORMATS = ("--json", "--ndjson", "--csv")
FLAGS = {"--no-quotes", "--pager", "--long", "--history", *FORMATS}

# command -> (positional names (a trailing ? marks optional), options with a value, repeatable ones)
COMMANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "who": (("post",), ("--at", "--fields"), ()),
    "timeline": ((), ("--from", "--to", "--fields"), ("--topic", "--skip-topic", "--country")),
    "person": (("name",), ("--fields",), ()),
    "trade": ((), ("--year", "--indicator", "--from", "--to", "--fields"), ()),
    "elections": (("id?",), ("--type", "--year", "--from", "--to", "--fields"), ()),
    "search": (("text",), ("--limit", "--from", "--to", "--fields"), ()),
    "sources": ((), ("--fields",), ()),
    "source": (("id",), ("--fields",), ()),
    "stats": ((), ("--fields",), ()),
}
ALLOWED_FLAGS = {
    "who": {"--history", "--no-quotes", "--pager"},
    "timeline": {"--long", "--no-quotes", "--pager"},
    "person": {"--no-quotes"},
    "trade": {"--no-quotes"},
    "elections": {"--no-quotes"},
    "source": {"--no-quotes"},
}


def parse(argv: list[str]) -> tuple[list[str], str, dict[str, Any]] | None:
    """(data paths, command, arguments), or None when Typer should see this command line."""
    data: list[str] = []
    i = 0
    while i < len(argv) and argv[i] == "--data" and i + 1 < len(argv):
        data.append(argv[i + 1])
        i += 2
    if i >= len(argv) or argv[i] not in COMMANDS:
        return None
    command = argv[i]
    positional, valued, repeated = COMMANDS[command]
    args: dict[str, Any] = {name: [] for name in repeated}
    flags: set[str] = set()
    given: list[str] = []
    rest = argv[i + 1 :]
    j = 0
    while j < len(rest):
        token = rest[j]
        if token in valued or token in repeated:
            if j + 1 >= len(rest) or rest[j + 1].startswith("-"):
                return None
            if token in repeated:
                args[token].append(rest[j + 1])
            else:
                args[token] = rest[j + 1]
            j += 2
        elif token in FORMATS or token in ALLOWED_FLAGS.get(command, set()):
            flags.add(token)
            j += 1
        elif token.startswith("-") or token == "":
            return None
        else:
            given.append(token)
            j += 1
    formats = [f for f in FORMATS if f in flags]
    required = [p for p in positional if not p.endswith("?")]
    if len(formats) != 1 or not (len(required) <= len(given) <= len(positional)):
        return None
    for key in ("--year", "--limit"):
        if key in args and not _is_int(args[key]):
            return None
    if "--limit" in args and not 1 <= int(args["--limit"]) <= 1000:
        return None
    if command == "who" and "--history" in flags and "--at" in args:
        return None
    args["_format"] = formats[0]
    args["_flags"] = flags
    args["_positional"] = given
    return data, command, args


def _is_int(text: str) -> bool:
    return text.lstrip("-").isdigit()


def _query(command: str, args: dict[str, Any]) -> Callable[[Any], Any]:
    from . import query

    pos = args["_positional"]
    year = int(args["--year"]) if "--year" in args else None
    calls: dict[str, Callable[[Any], Any]] = {
        "who": lambda s: query.history(s, pos[0]) if "--history" in args["_flags"] else query.who(s, pos[0], args.get("--at")),
        "timeline": lambda s: query.timeline(
            s, args.get("--from"), args.get("--to"), args["--topic"] or None, args["--skip-topic"] or None,
            args["--country"] or None,
        ),
        "person": lambda s: query.person(s, pos[0]),
        "trade": lambda s: query.trade(s, year, args.get("--indicator"), args.get("--from"), args.get("--to")),
        "elections": lambda s: query.elections(
            s, args.get("--type"), year, pos[0] if pos else None, args.get("--from"), args.get("--to")
        ),
        "search": lambda s: query.search(s, pos[0], int(args.get("--limit", 20)), args.get("--from"), args.get("--to")),
        "sources": query.sources,
        "source": lambda s: query.source(s, pos[0]),
        "stats": query.stats,
    }  # fmt: skip
    return calls[command]


def run(argv: list[str]) -> int | None:
    """Answer and return the exit status, or None to hand the command line to Typer."""
    parsed = parse(argv)
    if parsed is None:
        return None
    data, command, args = parsed
    try:
        from .index import open_store
        from .render import emit, options

        fmt = args["_format"]
        opts = options(fmt == "--json", fmt == "--ndjson", fmt == "--csv", False, args.get("--fields"))
        emit(_query(command, args)(open_store(data)), opts)
        return ExitStatus.OK
    except Exception as exc:
        from .streams import report

        return report(exc)
