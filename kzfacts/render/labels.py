"""How a note names a source: presentation, so it lives with the renderers, not the queries."""

from __future__ import annotations

import re
from typing import Any

SHORT_PUBLISHER = 48


def short_label(sid: str, publisher: str | None, date: str | None) -> str:
    """A note's name for a source: the publisher up to its first qualifier, and the date.

    Publishers are recorded in full ("Central Election Commission of Kazakhstan, press release
    27.03.2023"); a footnote needs only the first part, capped so that a note's quote starts
    on its first line at 80 columns. No publisher: the source id, which `kzfacts show` opens."""
    name = re.split(r", | \(|; ", publisher)[0].strip() if publisher else ""
    if len(name) > SHORT_PUBLISHER:
        name = name[: SHORT_PUBLISHER - 1].rsplit(" ", 1)[0] + "…"
    parts = [x for x in (name, date) if x]
    return ", ".join(parts) if name else (f"{sid}, {date}" if date else sid)


def source_labels(meta: dict[str, Any]) -> dict[str, str]:
    """source id -> its note label, from what the query put in `meta["sources"]`."""
    return {sid: short_label(sid, s.get("publisher"), s.get("date")) for sid, s in (meta.get("sources") or {}).items()}
