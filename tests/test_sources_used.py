"""Every text in ../shared is registered and cited, or explained in docs/sources-not-used.md."""

from __future__ import annotations

import re

import pytest

from kzfacts.load import load

from .conftest import ROOT, SHARED


def test_every_shared_text_is_cited_or_explained() -> None:
    if not (SHARED / "sources").is_dir():
        pytest.skip("../shared is not beside the repository")
    base = load()
    registered = {s.file: s.id for s in base.of("sources")}
    files = sorted(p.name for folder in ("seeds", "sources") for p in (SHARED / folder).glob("*.txt"))
    assert files
    cited = {c.source for kind in ("people", "terms", "events", "trade", "votes") for r in base.of(kind)
             for c in r.all_citations()}  # fmt: skip
    explained = set(re.findall(r"^\| `([^`]+)` \|", (ROOT / "docs" / "sources-not-used.md").read_text(), re.M))
    unregistered = [f for f in files if f not in registered]
    uncited = [registered[f] for f in files if f in registered and registered[f] not in cited | explained]
    assert unregistered == [] and uncited == []
