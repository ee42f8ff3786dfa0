"""Every question the CLI answers, declared once: its arguments, its output switches and the one
function that answers it.

Typer's commands (`cli.py`), the fast path's parser (`fast.py`), the library (`api.py`,
`kzfacts.who(...)`) and the help test are all built from `QUESTIONS`, so an option is added in
one place (as gh declares each command's options and `--json` fields, and sqlite-utils adds
its output flags with one decorator). A parameter's library name is its option without the
dashes, `-` becoming `_` (`--skip-topic` is `skip_topic`); `--from` and `--to` are `from_` and
`to`. This module imports nothing heavy: the answers import the query layer when called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the checker sees dataclasses; run time uses the cheaper struct
    from dataclasses import dataclass

    from .query import Result
    from .store import Store
else:
    from .struct import struct as dataclass

from .errors import KzfactsError

DATE = "DATE"
DATE_HELP = "From this date (YYYY, YYYY-MM, YYYY-MM-DD)."


@dataclass(frozen=True)
class Arg:
    """One argument: positional when `flag` is None, else an option (a switch when `kind` is bool)."""

    name: str  # the library's keyword (and the Python parameter behind the option)
    kind: type
    help: str
    flag: str | None = None
    default: Any = None
    metavar: str | None = None
    repeatable: bool = False
    required: bool = False  # positional only
    bounds: tuple[int, int] | None = None
    complete: str | None = None  # "post", "person" or "topic": shell completion from the fact base


@dataclass(frozen=True)
class Question:
    """A command that asks the fact base a question and shows the answer in any format."""

    name: str
    summary: str
    example: str
    args: tuple[Arg, ...]
    answer: Callable[..., Result]  # (store, **args) -> Result
    quotes: str | None = "one"  # the default of --quotes; None: the view has no citation notes
    switches: tuple[tuple[str, str], ...] = ()  # view switches ("long", "chart") with their help
    check: Callable[[dict[str, Any]], None] | None = None  # rules between arguments, before any work
    library: bool = True

    @property
    def positional(self) -> tuple[Arg, ...]:
        return tuple(a for a in self.args if a.flag is None)

    @property
    def options(self) -> tuple[Arg, ...]:
        return tuple(a for a in self.args if a.flag is not None)

    def doc(self) -> str:
        return f"{self.summary}\n\nExample: {self.example}\n"


# -- shared arguments ------------------------------------------------------------------------

FROM = Arg("from_", str, DATE_HELP, flag="--from", metavar=DATE)
TO = Arg("to", str, "Up to this date, inclusive.", flag="--to", metavar=DATE)


# -- the answers (one run function per question) -----------------------------------------------


def _timeline(s: Store, from_: str | None = None, to: str | None = None, topic: list[str] | None = None,
              skip_topic: list[str] | None = None, country: list[str] | None = None) -> Result:  # fmt: skip
    from . import query

    return query.timeline(s, from_, to, topic or None, skip_topic or None, country or None)


def _who(s: Store, post: str, at: str | None = None, history: bool = False) -> Result:
    from . import query

    return query.history(s, post) if history else query.who(s, post, at)


def _who_check(args: dict[str, Any]) -> None:
    if args.get("history") and args.get("at"):
        raise KzfactsError("--history shows every holder; it cannot be combined with --at")


def _history(s: Store, post: str) -> Result:
    from . import query

    return query.history(s, post)


def _person(s: Store, name: str) -> Result:
    from . import query

    return query.person(s, name)


def _trade(s: Store, year: int | None = None, indicator: str | None = None, from_: str | None = None,
           to: str | None = None) -> Result:  # fmt: skip
    from . import query

    return query.trade(s, year, indicator, from_, to)


def _elections(s: Store, id: str | None = None, type: str | None = None, year: int | None = None,
               from_: str | None = None, to: str | None = None) -> Result:  # fmt: skip
    from . import query

    return query.elections(s, type, year, id, from_, to)


def _elections_check(args: dict[str, Any]) -> None:
    if args.get("chart") and args.get("year") is None and args.get("id") is None:
        raise KzfactsError("--chart needs --year or a vote id")


def _search(s: Store, text: str, limit: int = 20, from_: str | None = None, to: str | None = None) -> Result:
    from . import query

    return query.search(s, text, limit, from_, to)


def _sources(s: Store) -> Result:
    from . import query

    return query.sources(s)


def _source(s: Store, id: str) -> Result:
    from . import query

    return query.source(s, id)


def _stats(s: Store) -> Result:
    from . import query

    return query.stats(s)


def _posts(s: Store) -> Result:
    from . import query

    return query.posts(s)


def _brief(s: Store, at: str | None = None) -> Result:
    from . import query

    return query.brief(s, at)


def _counterparts(s: Store, post_a: str | None = None, post_b: str | None = None) -> Result:
    from . import query

    return query.counterparts(s, post_a, post_b)


def _show(s: Store, id: str) -> Result:
    from . import query

    return query.show(s, id)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "timeline",
        "Milestones in date order, grouped by year.",
        "kzfacts timeline --from 2015 --to 2017 --country uk",
        (
            FROM,
            TO,
            Arg(
                "topic", str, "Keep only these topics (repeatable).", flag="--topic", repeatable=True, complete="topic"
            ),
            Arg(
                "skip_topic",
                str,
                "Drop these topics (repeatable).",
                flag="--skip-topic",
                repeatable=True,
                complete="topic",
            ),
            Arg("country", str, "Only events involving it: uk, kz, ...", flag="--country", repeatable=True),
        ),
        _timeline,
        switches=(("long", "Show summaries and whole quotes."),),
    ),
    Question(
        "who",
        "Who held a post at a date; `ambassador` answers for both sides.",
        "kzfacts who ambassador --at 2018-06",
        (
            Arg(
                "post",
                str,
                "A post: ambassador, president, prime minister, foreign minister, ...",
                required=True,
                complete="post",
            ),
            Arg("at", str, "The date asked about (default: latest evidence).", flag="--at", metavar=DATE),
            Arg("history", bool, "Every holder of the post as a time line.", flag="--history", default=False),
        ),
        _who,
        check=_who_check,
    ),
    Question(
        "person",
        "One person: names, aliases, every term held, events they appear in.",
        "kzfacts person Tleuberdi",
        (Arg("name", str, "A name in any spelling the sources use.", required=True, complete="person"),),
        _person,
    ),
    Question(
        "trade",
        "Trade and investment figures, each with its exact period and source.",
        "kzfacts trade --indicator turnover --json | jq '.[] | {period, value}'",
        (
            Arg("year", int, "Figures whose period touches this year.", flag="--year"),
            Arg("indicator", str, "turnover, exports, imports, fdi, investment, deals, ...", flag="--indicator"),
            FROM,
            TO,
        ),
        _trade,
        switches=(("chart", "Bars per indicator and currency, one unit and scale each."),),
    ),
    Question(
        "elections",
        "Elections and referendums with turnout and winner; full results for a year or an id.",
        "kzfacts elections --type presidential --year 2022",
        (
            Arg("id", str, "One vote's id for its full results.", metavar="[ID]"),
            Arg("type", str, "presidential, parliamentary or referendum.", flag="--type"),
            Arg("year", int, "Votes of that year, with full results.", flag="--year"),
            FROM,
            TO,
        ),
        _elections,
        switches=(("chart", "Vote-share bars (with --year or an id)."),),
        check=_elections_check,
    ),
    Question(
        "search",
        "Full-text search over titles, aliases, summaries, names and quotes; each hit with its kind and date.",
        'kzfacts search "Expo 2017"',
        (
            Arg("text", str, "Words to find in titles, summaries, names and quotes.", required=True),
            Arg("limit", int, "At most this many matches.", flag="--limit", default=20, bounds=(1, 1000)),
            FROM,
            TO,
        ),
        _search,
        quotes=None,
    ),
    Question(
        "sources",
        "Every source with title, publisher, date, url and how many facts cite it.",
        "kzfacts sources --csv > sources.csv",
        (),
        _sources,
        quotes=None,
    ),
    Question(
        "source",
        "One source and every fact that cites it.",
        "kzfacts source seed-001",
        (Arg("id", str, "A source id (see `kzfacts sources`).", required=True, metavar="ID"),),
        _source,
    ),
    Question(
        "stats",
        "Counts per kind, sources, the date span of the evidence.",
        "kzfacts stats --json",
        (),
        _stats,
        quotes=None,
    ),
    Question(
        "posts",
        "Every post with its aliases, side, number of holders and how much of its time is covered.",
        "kzfacts posts --csv --fields id,label,holders,certain_pct",
        (),
        _posts,
        quotes=None,
    ),
    Question(
        "brief",
        "A one-page briefing at a date: both sides' holders of the core posts, the latest trade figures, recent "
        "milestones, the last and next vote, what sources dispute, and how fresh each line is.",
        "kzfacts brief --at 2024-04-24",
        (Arg("at", str, "The date of the briefing (default: today).", flag="--at", metavar=DATE),),
        _brief,
    ),
    Question(
        "counterparts",
        "Who faced whom: every overlap of two posts' holders, with the recorded meetings, visits and signings "
        "between them (default: the standard pairs).",
        'kzfacts counterparts "foreign minister" "foreign secretary"',
        (
            Arg("post_a", str, "A post on one side (e.g. foreign minister).", metavar="[POST_A]", complete="post"),
            Arg(
                "post_b",
                str,
                "Its counterpart on the other side (e.g. foreign secretary).",
                metavar="[POST_B]",
                complete="post",
            ),
        ),
        _counterparts,
    ),
    Question(
        "show",
        "One record in full, whatever its kind: every field, every claim and every citation.",
        "kzfacts show kz-uk-spca-signed-2024",
        (
            Arg(
                "id",
                str,
                "Any record's id: event, term, vote, trade figure, person, post, source.",
                required=True,
                metavar="ID",
            ),
        ),
        _show,
        quotes="all",
    ),
)

# Library-only spellings: `kzfacts.history(post)` is `who --history`.
ALIASES: dict[str, tuple[str, dict[str, Any]]] = {"history": ("who", {"history": True})}

BY_NAME: dict[str, Question] = {q.name: q for q in QUESTIONS}
LIBRARY = tuple(q.name for q in QUESTIONS if q.library) + tuple(ALIASES)


def bind(question: Question, given: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The library's call as the question's arguments: positional ones in the CLI's order, then
    keywords by their library names; an unknown or repeated name is a KzfactsError."""
    names = [a.name for a in question.args]
    legacy = {"start": "from_", "end": "to", "vote_type": "type", "vote_id": "id"}
    values: dict[str, Any] = {}
    positional = [a.name for a in question.positional] + [a.name for a in question.options]
    if len(given) > len(positional):
        raise KzfactsError(f"{question.name}() takes at most {len(positional)} positional arguments")
    values.update(zip(positional, given))
    for key, value in kwargs.items():
        name = legacy.get(key, key)
        if name not in names:
            raise KzfactsError(f"{question.name}(): unknown argument '{key}'", hint=f"arguments: {', '.join(names)}")
        if name in values:
            raise KzfactsError(f"{question.name}(): '{key}' given twice")
        values[name] = value
    for a in question.args:
        if a.repeatable and isinstance(values.get(a.name), str):
            values[a.name] = [values[a.name]]
        if a.required and values.get(a.name) is None:
            raise KzfactsError(f"{question.name}(): missing '{a.name}'")
    return values


def ask(store: Store, question: Question, values: dict[str, Any], switches: dict[str, Any] | None = None) -> Result:
    """Check the rules between arguments (and view switches such as --chart), then answer: the
    one run function both entry paths and the library call."""
    if question.check is not None:
        question.check({**values, **(switches or {})})
    return question.answer(store, **{k: v for k, v in values.items() if v is not None or k in _NONE_OK})


_NONE_OK: frozenset[str] = frozenset()


__all__ = ["ALIASES", "BY_NAME", "LIBRARY", "QUESTIONS", "Arg", "Question", "ask", "bind"]
