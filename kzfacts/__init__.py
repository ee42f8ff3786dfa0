"""kzfacts: answers about Kazakhstan from a source-cited fact base.

The library comes first: every question the CLI answers is a function here, returning a list
of plain dicts exactly as `--json` prints them:

    import kzfacts
    kzfacts.who("ambassador", at="2018-06")
    kzfacts.trade(indicator="turnover")
    kzfacts.open(data=["mine.yaml"]).timeline(from_="2024")
    kzfacts.cite("kz-uk-spca-signed-2024", format="bibtex")  # a citation, in the CLI's formats

Nothing heavy is imported until the first question (PEP 562 module `__getattr__`).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "KzfactsError", "brief", "cite", "counterparts", "elections", "history", "open", "person", "posts", "search",
    "show", "source", "sources", "stats", "timeline", "trade", "who",
]  # fmt: skip


def open(data: Any = ()) -> Any:
    """A fact base of the packaged data plus `data` (files or folders), with the same methods."""
    from .api import Facts

    return Facts([data] if isinstance(data, str) else data)


def __getattr__(name: str) -> Any:
    from .commands import LIBRARY

    if name in LIBRARY or name == "cite":
        from .api import default

        return getattr(default(), name)
    if name == "KzfactsError":
        from .errors import KzfactsError

        return KzfactsError
    raise AttributeError(f"module 'kzfacts' has no attribute {name!r}")
