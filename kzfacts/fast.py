"""The fast path: every question answered without building Typer's command tree.

People and scripts call kzfacts over and over, and Typer's import and parsing cost more than
the answer. The parser here is built from the same declarations as Typer's commands
(`commands.QUESTIONS`) and hands the answer to the same function (`cli.answer` without Typer:
`answer` below), so a question has one definition. Anything it is not sure of (help,
completion, `--opt=value`, an option given twice, a number out of bounds, an unknown option)
returns None and Typer handles it, so every usage message still has one home. The tests run
both paths on the same arguments and compare.
"""

from __future__ import annotations

from typing import Any

from .commands import BY_NAME, Question
from .errors import ExitStatus

FORMATS = {"--json": "json_", "--ndjson": "ndjson", "--csv": "csv_", "--table": "table", "--markdown": "markdown"}
PAGER = {"--pager": "pager", "--no-pager": "no_pager"}
QUOTES = {"--no-quotes": "no_quotes"}
VALUED = {"--fields": "fields"}


def parse(argv: list[str]) -> tuple[list[str], Question, dict[str, Any], dict[str, Any]] | None:
    """(data paths, question, its arguments, output switches), or None for Typer."""
    data: list[str] = []
    i = 0
    while i < len(argv) and argv[i] == "--data" and i + 1 < len(argv):
        data.append(argv[i + 1])
        i += 2
    question = BY_NAME.get(argv[i]) if i < len(argv) else None
    if question is None:
        return None
    options = {a.flag: a for a in question.options}
    flags = {**FORMATS, **PAGER, **({f"--{n}": n for n, _ in question.switches})}
    valued = dict(VALUED)
    if question.quotes:
        flags.update(QUOTES)
        valued["--quotes"] = "quotes"
    values: dict[str, Any] = {a.name: [] for a in question.options if a.repeatable}
    outputs: dict[str, Any] = {}
    given: list[str] = []
    rest = argv[i + 1 :]
    j = 0
    while j < len(rest):
        token = rest[j]
        arg = options.get(token)
        if arg is not None and arg.kind is bool:
            if arg.name in values:
                return None
            values[arg.name] = True
            j += 1
        elif arg is not None or token in valued:
            if j + 1 >= len(rest) or rest[j + 1].startswith("-"):
                return None
            value = rest[j + 1]
            if arg is not None and arg.repeatable:
                values[arg.name].append(value)
            elif arg is not None:
                if arg.name in values or (arg.kind is int and not _in_bounds(value, arg.bounds)):
                    return None
                values[arg.name] = int(value) if arg.kind is int else value
            else:
                if valued[token] in outputs:
                    return None
                outputs[valued[token]] = value
            j += 2
        elif token in flags:
            if flags[token] in outputs:
                return None
            outputs[flags[token]] = True
            j += 1
        elif token.startswith("-") or token == "":
            return None
        else:
            given.append(token)
            j += 1
    positional = question.positional
    required = [a for a in positional if a.required]
    if not (len(required) <= len(given) <= len(positional)):
        return None
    values.update((a.name, v) for a, v in zip(positional, given))
    for a in question.options:
        if a.repeatable and not values[a.name]:
            values[a.name] = None
    return data, question, values, outputs


def _in_bounds(text: str, bounds: tuple[int, int] | None) -> bool:
    if not text.lstrip("-").isdigit():
        return False
    return bounds is None or bounds[0] <= int(text) <= bounds[1]


def answer(question: Question, data: list[str], values: dict[str, Any], outputs: dict[str, Any]) -> None:
    """Validate the output switches, check the question's rules, answer, render: the body of
    every question, on the fast path and (through cli.py) on the Typer path alike."""
    from .commands import ask
    from .index import open_store
    from .render import emit, options

    switches = {name: outputs.pop(name, False) for name, _ in question.switches}
    opts = options(
        outputs.get("json_", False), outputs.get("ndjson", False), outputs.get("csv_", False),
        outputs.get("table", False), outputs.get("fields"), outputs.get("no_quotes", False),
        long=switches.get("long", False), chart=switches.get("chart", False), markdown=outputs.get("markdown", False),
        quotes=outputs.get("quotes", question.quotes or "one"), pager=outputs.get("pager", False),
        no_pager=outputs.get("no_pager", False),
    )  # fmt: skip
    emit(ask(open_store(data), question, values, switches), opts)


def run(argv: list[str]) -> int | None:
    """Answer and return the exit status, or None to hand the command line to Typer."""
    parsed = parse(argv)
    if parsed is None:
        return None
    data, question, values, outputs = parsed
    try:
        answer(question, data, values, outputs)
        return ExitStatus.OK
    except Exception as exc:
        from .streams import report

        return report(exc)
