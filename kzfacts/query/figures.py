"""Questions about trade and investment figures."""

from __future__ import annotations

from .. import model
from ..store import Store
from .common import Result, _choose, date_range, with_labels

# -- trade -----------------------------------------------------------------------------------


def trade(
    store: Store, year: int | None = None, indicator: str | None = None, start: str | None = None,
    end: str | None = None,
) -> Result:  # fmt: skip
    """Trade figures, each for its own period; overlapping periods are listed, never summed."""
    lo, hi = date_range(year, start, end)
    figures: list[model.TradeFigure] = store.between("trade", lo, hi)
    if indicator is not None:
        known = sorted({f.indicator for f in store.all("trade")})
        chosen = _choose(indicator, known, "indicator", "--indicator")
        figures = [f for f in figures if f.indicator == chosen]
    items = [f.to_dict() for f in figures]
    return with_labels(store, Result("trade", items, "no facts: no trade figures match", meta={"year": year}))
