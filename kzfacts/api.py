"""The library API: the CLI's questions as functions that return what `--json` prints.

A notebook needs neither the index nor the query module: `kzfacts.who("ambassador")` opens
the packaged fact base once and answers with plain dicts; `kzfacts.open(data=[...])` does the
same over the user's own files. Errors are `kzfacts.KzfactsError` with the CLI's message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import query
from .index import Store, open_store
from .render import Options
from .render.json import records

Records = list[dict[str, Any]]


class Facts:
    """One merged fact base (the packaged data plus `data` files), opened once."""

    def __init__(self, data: Iterable[str] = ()):
        self.data = [str(d) for d in data]
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.data)
        return self._store

    def _out(self, result: query.Result) -> Records:
        return records(result, Options(fmt="json"))

    def who(self, post: str, at: str | None = None) -> Records:
        """Who held `post` at `at` (default: the latest evidence); `ambassador` gives both sides."""
        return self._out(query.who(self.store, post, at))

    def history(self, post: str) -> Records:
        """Every holder of `post`, in order, with the gaps (`gap: true`)."""
        return self._out(query.history(self.store, post))

    def timeline(
        self,
        start: str | None = None,
        end: str | None = None,
        topic: str | list[str] | None = None,
        country: str | list[str] | None = None,
        skip_topic: str | list[str] | None = None,
    ) -> Records:
        """Events and votes in date order between `start` and `end` (partial dates widen)."""
        return self._out(query.timeline(self.store, start, end, _list(topic), _list(skip_topic), _list(country)))

    def person(self, name: str) -> Records:
        """One person (any spelling): names, terms, events, votes."""
        return self._out(query.person(self.store, name))

    def trade(self, year: int | None = None, indicator: str | None = None) -> Records:
        """Trade and investment figures, each for its own period."""
        return self._out(query.trade(self.store, year, indicator))

    def elections(self, type: str | None = None, year: int | None = None, id: str | None = None) -> Records:
        """Votes in date order; `id` gives one vote in full."""
        return self._out(query.elections(self.store, type, year, id))

    def search(self, text: str, limit: int = 20) -> Records:
        """Full-text search over titles, summaries, names and quotes."""
        return self._out(query.search(self.store, text, limit))

    def stats(self) -> Records:
        """Counts, sources cited, disagreements and month-by-month coverage per post."""
        return self._out(query.stats(self.store))


def _list(value: str | list[str] | None) -> list[str] | None:
    return [value] if isinstance(value, str) else value


_default: Facts | None = None


def default() -> Facts:
    """The packaged fact base (plus KZFACTS_DATA, as the CLI reads it), opened on first use."""
    global _default
    if _default is None:
        _default = Facts()
    return _default
