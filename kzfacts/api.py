"""The library API: every question the CLI answers, as a function that returns what `--json`
prints.

The functions are built from the same declarations as the CLI's commands (`commands.py`), so
they take the same arguments under the same names: `kzfacts.who("ambassador", at="2018-06")`,
`kzfacts.timeline(from_="2015", to="2016", country="uk")`, `kzfacts.elections(id=...)`. A
notebook needs neither the index nor the query module: the packaged fact base is opened once
on the first question; `kzfacts.open(data=[...])` does the same over the user's own files.
Errors are `kzfacts.KzfactsError` with the CLI's message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from . import commands
from .index import open_store
from .render import Options
from .render.json import records
from .store import Store

Records = list[dict[str, Any]]


class Facts:
    """One merged fact base (the packaged data plus `data` files), opened once.

    Every name in `commands.LIBRARY` is a method: `facts.who(...)`, `facts.trade(...)`...; and
    `facts.cite(...)`, whose `format` chooses what it returns."""

    def __init__(self, data: Iterable[str] = ()):
        self.data = [str(d) for d in data]
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.data)
        return self._store

    def ask(self, question_name: str, /, *args: Any, **kwargs: Any) -> Records:
        """Answer the question `question_name` with the CLI's arguments (library names)."""
        name, preset = commands.ALIASES.get(question_name, (question_name, {}))
        question = commands.BY_NAME[name]
        values = commands.bind(question, args, kwargs)
        values.update(preset)
        return records(commands.ask(self.store, question, values), Options(fmt="json"))

    def cite(self, id: str | None = None, format: str = "json", *, all_sources: bool = False) -> Any:
        """`kzfacts cite ID --format FORMAT` (`--all-sources` for every source): json and csl-json
        as the data they print (a dict, a list of CSL items), text, markdown, bibtex and ris as
        the text printed into a pipe. Not a declared question: its formats are its own."""
        from .query import cite
        from .render import cite as citing

        chosen = citing.check_format(format, all_sources)
        return citing.value(cite(self.store, id, all_sources), chosen)

    def __getattr__(self, name: str) -> Callable[..., Records]:
        if name not in commands.LIBRARY:
            raise AttributeError(f"'Facts' has no question {name!r} (questions: {', '.join(commands.LIBRARY)})")

        def question(*args: Any, **kwargs: Any) -> Records:
            return self.ask(name, *args, **kwargs)

        question.__name__ = name
        target = commands.BY_NAME[commands.ALIASES.get(name, (name, {}))[0]]
        question.__doc__ = target.doc()
        return question

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *commands.LIBRARY]


_default: Facts | None = None


def default() -> Facts:
    """The packaged fact base (plus KZFACTS_DATA, as the CLI reads it), opened on first use."""
    global _default
    if _default is None:
        _default = Facts()
    return _default
