"""The questions people ask, as pure functions over a Store that return plain records.

Nothing here prints or knows about terminals: each function returns a `Result` whose items are
JSON-ready dicts (the documented machine format), and `render/` decides how to show them.
Where sources disagree, every claim stays in the item; no function picks one.

One module per subject: `offices` (who held a post, a person), `events` (timeline, search),
`votes`, `figures` (trade), `catalogue` (sources, stats, posts), `records` (show, cite);
`common` holds what they share (Result, argument checks, matching, source labels).
"""

from __future__ import annotations

from .briefing import brief, counterparts
from .catalogue import disagreements, posts, source, sources, stats
from .common import (
    Result,
    cited_sources,
    clean_arg,
    date_arg,
    date_range,
    match_person,
    match_posts,
    record_date,
    source_label,
    with_labels,
)
from .events import search, timeline
from .figures import trade
from .offices import history, person, post_coverage, who
from .records import cite, fact_sentence, find_record, show
from .votes import elections, vote_summary

__all__ = [
    "Result",
    "brief",
    "cite",
    "cited_sources",
    "clean_arg",
    "counterparts",
    "date_arg",
    "date_range",
    "disagreements",
    "elections",
    "fact_sentence",
    "find_record",
    "history",
    "match_person",
    "match_posts",
    "person",
    "post_coverage",
    "posts",
    "record_date",
    "search",
    "show",
    "source",
    "source_label",
    "sources",
    "stats",
    "timeline",
    "trade",
    "vote_summary",
    "who",
    "with_labels",
]  # fmt: skip
