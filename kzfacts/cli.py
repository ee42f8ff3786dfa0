"""The command line: parse options, call one query, hand its result to one renderer.

Errors of any kind are turned into one `kzfacts: error: ...` line on stderr here, at the
edge, with the documented exit status (see errors.ExitStatus); nothing deeper prints.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import ExitStatus, KzfactsError, write_error

F = TypeVar("F", bound=Callable[..., Any])

OVERVIEW = """kzfacts {version}: answers about Kazakhstan from a source-cited fact base.

  kzfacts timeline --from 2015          what happened, year by year
  kzfacts who ambassador --at 2018      who held the post then, on both sides
  kzfacts person Idrisov                one person: names, posts, events
  kzfacts trade --chart                 trade figures as bars
  kzfacts elections --year 2022         a vote's full results
  kzfacts search "strategic partnership"
  kzfacts sources                       where every fact comes from
  kzfacts show kz-uk-spca-signed-2024   any record in full, by its id
  kzfacts cite kz-uk-spca-signed-2024   a citation ready to paste

Add --json, --csv or --ndjson for scripts, --markdown for articles. `kzfacts --help` lists every command.
"""

try:  # typer >= 0.2x vendors click
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older typer with click installed
    from click.exceptions import ClickException, UsageError  # type: ignore[no-redef, assignment]


GLOBAL_OPTIONS = ("--data", "--version")
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
COMPLETION_OPTIONS = ("--show-completion", "--install-completion")


class OneLineErrors(typer.core.TyperGroup):
    """Typer's own usage errors, as one `kzfacts: error: ...` line (exit 2), like ours."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        given = kwargs["args"] if kwargs.get("args") is not None else (args[0] if args else None)
        argv = list(sys.argv[1:] if given is None else given)
        try:
            rv = completion(argv)
            if rv is None:
                rv = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except ClickException as exc:
            write_error(_usage_message(exc))
            rv = exc.exit_code
        except typer.Abort:
            write_error("aborted")
            rv = ExitStatus.INTERNAL
        except (KzfactsError, BrokenPipeError) as exc:
            from .streams import report

            rv = report(exc)
        except (OSError, UnicodeEncodeError) as exc:  # help or --version into a closed or full stdout
            from .streams import output_error, silence_stdout

            silence_stdout()
            write_error(str(output_error(exc)))
            rv = ExitStatus.USAGE
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError:
            from .names import did_you_mean, suggest

            given = args[0] if args else ""
            hint = did_you_mean(suggest(given, self.list_commands(ctx)))
            raise UsageError(f"no command '{given}'" + (f"; {hint}" if hint else "; see kzfacts --help")) from None


def out(text: str) -> None:
    """Write to stdout; a closed, full or too narrow (ascii) stdout is one OutputError line, exit 2."""
    from .streams import write_stdout

    write_stdout(text)


def _usage_message(exc: Any) -> str:
    """Click's message on one line; a global option after the command says where it belongs."""
    text: str = exc.format_message().strip()  # printed through printable(): a newline shows as \\n
    name = getattr(exc, "option_name", None)
    if type(exc).__name__ == "NoSuchOption" and name in GLOBAL_OPTIONS:
        return f"{name} is a global option: give it before the command (kzfacts {name} ... COMMAND)"
    return text


def completion(argv: list[str]) -> int | None:
    """`--show-completion [SHELL]` and `--install-completion [SHELL]`, checked before Typer sees them.

    Typer's own flags take no value (`--show-completion zsh` printed the detected shell's script
    and exited 0) and a read-only HOME ended in a traceback; here an unknown shell is an error
    and a failed install is one line. None when the command line asks for neither."""
    if not argv or argv[0].split("=")[0] not in COMPLETION_OPTIONS:
        return None
    option, _, shell = argv[0].partition("=")
    rest = argv[1:]
    if not shell and rest and not rest[0].startswith("-"):
        shell, rest = rest[0], rest[1:]
    if rest:
        raise KzfactsError(f"{option}: unexpected argument '{rest[0]}'; give only a shell")
    if not shell:
        from typer._completion_shared import _get_shell_name

        shell = _get_shell_name() or ""
    if shell not in SHELLS:
        given = f"unknown shell '{shell}'" if shell else "cannot detect the shell"
        raise KzfactsError(f"{option}: {given}; choose one of: {', '.join(SHELLS)}")
    from typer._completion_shared import get_completion_script, install

    if option == "--show-completion":
        out(get_completion_script(prog_name="kzfacts", complete_var="_KZFACTS_COMPLETE", shell=shell) + "\n")
        return ExitStatus.OK
    try:
        installed, path = install(shell=shell, prog_name="kzfacts", complete_var="_KZFACTS_COMPLETE")
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        raise KzfactsError(f"{option} {shell}: cannot write{where}: {exc.strerror or exc}") from None
    out(f"{installed} completion installed in {path}; open a new shell to use it\n")
    return ExitStatus.OK


app = typer.Typer(
    cls=OneLineErrors,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Answers about Kazakhstan (Kazakhstan-UK relations, officials, trade, elections) from a source-cited fact base.",
)
cache_app = typer.Typer(cls=OneLineErrors, help="Inspect or clear the index cache.")
app.add_typer(cache_app, name="cache")

_state: dict[str, Any] = {"data": []}


def guarded(func: F) -> F:
    """Run a command body with the one error policy: a line on stderr, an exit status."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            from .streams import report

            raise typer.Exit(report(exc)) from None

    return wrapper  # type: ignore[return-value]


def store() -> Any:
    from .index import open_store

    return open_store(_state["data"])


# -- completion -------------------------------------------------------------------------------


def _complete(kind: str) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        """Every name or alias that starts with what was typed (the shell filters by prefix too)."""
        typed = incomplete.casefold()
        try:
            s = store()
            names = s.link_targets("event", "topic") if kind == "topic" else [n for _, n, _ in s.names(kind)]
        except Exception:
            return []
        return sorted({n for n in names if n.casefold().startswith(typed)})

    return complete


# -- the global options -----------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        out(f"kzfacts {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
@guarded
def main_options(
    ctx: typer.Context,
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data", metavar="PATH", help="A YAML file or folder merged over the packaged facts (repeatable)."
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Answers about Kazakhstan from a source-cited fact base. Run `kzfacts` alone for an overview."""
    _state["data"] = list(data or [])
    if ctx.invoked_subcommand is None:
        out(OVERVIEW.format(version=__version__))


# -- the questions, built from their declarations (commands.py) -------------------------------

OUTPUT_SWITCHES: tuple[tuple[str, Any, Any], ...] = (
    ("json_", bool, typer.Option("--json", help="A JSON array of records, each with its citations.")),
    ("ndjson", bool, typer.Option("--ndjson", help="One JSON object per line.")),
    ("csv_", bool, typer.Option("--csv", help="Flat CSV with a header.")),
    ("table", bool, typer.Option("--table", help="The terminal view even when piped.")),
    ("markdown", bool, typer.Option("--markdown", help="A Markdown table, for articles and issues.")),
    ("fields", str | None, typer.Option("--fields", help="Comma-separated fields for JSON/CSV/plain output.")),
)
QUOTE_SWITCHES: tuple[tuple[str, Any, Any], ...] = (
    ("quotes", str, typer.Option("--quotes", metavar="one|all",
                                 help="One quote per fact with the rest counted (default), or all.")),
    ("no_quotes", bool, typer.Option("--no-quotes", help="No citation notes under the facts.")),
)  # fmt: skip
PAGER_SWITCHES: tuple[tuple[str, Any, Any], ...] = (
    ("pager", bool, typer.Option("--pager", help="Page the terminal view even when it fits the screen.")),
    ("no_pager", bool, typer.Option("--no-pager", help="Never page (long terminal output is paged by default).")),
)
KW = inspect.Parameter.KEYWORD_ONLY


def _parameter(a: Any) -> inspect.Parameter:
    """One declared argument as a Typer parameter (an Annotated type with its Argument or Option)."""
    extra: dict[str, Any] = {"help": a.help}
    if a.metavar:
        extra["metavar"] = a.metavar
    if a.complete:
        extra["autocompletion"] = _complete(a.complete)
    if a.flag is None:
        kind = a.kind if a.required else a.kind | None
        default = inspect.Parameter.empty if a.required else a.default
        return inspect.Parameter(a.name, KW, default=default, annotation=Annotated[kind, typer.Argument(**extra)])
    if a.bounds:
        extra["min"], extra["max"] = a.bounds
    if a.kind is bool:
        kind = bool
    elif a.repeatable:
        kind = list[a.kind] | None  # type: ignore[name-defined]
    else:
        kind = a.kind if a.default is not None else a.kind | None
    return inspect.Parameter(a.name, KW, default=a.default, annotation=Annotated[kind, typer.Option(a.flag, **extra)])


def with_output(question: Any) -> list[inspect.Parameter]:
    """The output switches a question offers, added to every question the same way (as
    sqlite-utils' one output decorator): formats and --fields, --quotes where the view cites,
    its own view switches (--long, --chart), the pager."""
    params = [
        inspect.Parameter(name, KW, default=False, annotation=Annotated[bool, typer.Option(f"--{name}", help=text)])
        for name, text in question.switches
    ]
    params += [
        inspect.Parameter(name, KW, default=typer_default(kind), annotation=Annotated[kind, info])
        for name, kind, info in OUTPUT_SWITCHES
    ]
    for name, kind, info in QUOTE_SWITCHES if question.quotes else ():
        default = question.quotes if name == "quotes" else False
        params.append(inspect.Parameter(name, KW, default=default, annotation=Annotated[kind, info]))
    params += [inspect.Parameter(n, KW, default=False, annotation=Annotated[k, i]) for n, k, i in PAGER_SWITCHES]
    return params


def typer_default(kind: Any) -> Any:
    return False if kind is bool else None


def _command(question: Any) -> None:
    names = {a.name for a in question.args}

    def body(**given: Any) -> None:
        values = {k: v for k, v in given.items() if k in names}
        outputs = {k: v for k, v in given.items() if k not in names}
        from .fast import answer

        answer(question, _state["data"], values, outputs)

    params = [_parameter(a) for a in question.args] + with_output(question)
    body.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    body.__annotations__ = {p.name: p.annotation for p in params}
    body.__name__ = body.__qualname__ = question.name
    body.__doc__ = question.doc()
    app.command(question.name)(guarded(body))


def _declare() -> None:
    from .commands import QUESTIONS

    for question in QUESTIONS:
        _command(question)


_declare()


@app.command()
@guarded
def cite(
    record_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="Any record's id (see `kzfacts search`).")] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="text|markdown|json|csl-json|bibtex|ris",
                                     help="How to write the citation; csl-json, bibtex and ris give one entry "
                                          "per source, for a reference manager.")] = "text",
    all_sources: Annotated[bool, typer.Option("--all-sources", help="Every source instead of one record's "
                                              "(with --format csl-json, bibtex or ris).")] = False,
) -> None:  # fmt: skip
    """A ready-to-paste citation: the fact in one sentence, then each source with its quote.

    Example: kzfacts cite kz-uk-spca-signed-2024 --format markdown

    Every source, for a reference manager: kzfacts cite --all-sources --format bibtex > kzfacts.bib
    """
    from . import query
    from .render import cite as citing

    chosen = citing.check_format(fmt, all_sources)
    citing.write(query.cite(store(), record_id, all_sources), chosen, sys.stdout)


@app.command()
@guarded
def check(
    source_dirs: Annotated[list[Path] | None, typer.Option("--sources", metavar="DIR",
                                                           help="Folder of source texts (repeatable).")] = None,
) -> None:  # fmt: skip
    """Validate the merged fact base and prove every quote occurs verbatim in its source.

    Example: kzfacts check --sources ../shared/seeds --sources ../shared/sources
    """
    from . import check as checking

    report = checking.run(_state["data"], source_dirs)
    out(report.text())
    if not report.ok:
        raise typer.Exit(ExitStatus.USAGE)


@app.command()
@guarded
def export(
    fmt: Annotated[str, typer.Option("--format", help="json or popolo (to stdout or -o), sqlite (-o FILE) or csv (-o DIR).")] = "json",
    out: Annotated[Path | None, typer.Option("-o", "--output", help="A file (a folder for csv), new or replaced whole; - is stdout (json, popolo).")] = None,
) -> None:  # fmt: skip
    """Everything, for other tools: {"sources": [...], "records": [...]} as JSON, a SQLite file, CSVs or Popolo.

    Example: kzfacts export --format sqlite -o kzfacts.db && datasette kzfacts.db
    """
    from . import export as exporting

    exporting.run(_state["data"], fmt, out)


@cache_app.command("info")
@guarded
def cache_info() -> None:
    """Where the index cache lives and what it holds.

    Example: kzfacts cache info
    """
    from . import cache

    s = store()
    out(f"folder\t{cache.cache_dir()}\n")
    out(f"index\t{s.path or '(in memory: cache folder not writable)'}\n")
    stale = set(cache.stale_builds(cache.cache_dir())) if cache.cache_dir().is_dir() else set()
    for path in cache.cache_files():
        try:
            size = path.stat().st_size
        except OSError:  # removed meanwhile by another process
            continue
        what = "file" if path.name.startswith(cache.PREFIX) else ("stale" if path in stale else "building")
        out(f"{what}\t{path.name}\t{size} bytes\n")


@cache_app.command("clear")
@guarded
def cache_clear() -> None:
    """Delete every cached index and any temp a killed build left; the next query rebuilds it.

    Example: kzfacts cache clear
    """
    from . import cache

    out(f"removed {cache.clear_cache()} index file(s) from {cache.cache_dir()}\n")


def main() -> None:
    """Run the Typer app (the entry point in `__main__` tries the fast path first)."""
    try:
        app(prog_name="kzfacts")
    except BrokenPipeError:
        from .streams import silence_stdout

        silence_stdout()
        sys.exit(ExitStatus.OK)
