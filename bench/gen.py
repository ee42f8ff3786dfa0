"""Generate a valid, cited synthetic overlay of N records (default 100,000) for the benchmark.

The records go to a folder of data files (never into kzfacts/data): one synthetic source and
its posts, then people, events, terms, trade figures and votes in fixed proportions, 5,000 to
a file. Synthetic posts and topics keep the packaged answers (`who president`) unchanged
while the index grows 100-fold. JSON by default (the format for large generated data);
`--format yaml` writes the same records as YAML.

    python bench/gen.py /tmp/overlay --records 100000 [--format yaml]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

SHARE = {"people": 0.15, "events": 0.6, "terms": 0.15, "trade": 0.05, "votes": 0.05}
PER_FILE = 5000
WORDS = ["treaty", "visit", "forum", "trade", "energy", "summit", "dialogue", "council", "embassy", "railway", "mining"]


def cite(i: int) -> list[dict[str, str]]:
    return [{"source": "synthetic-source", "quote": f"Synthetic passage number {i}."}]


def record(kind: str, i: int, rng: random.Random, people: int) -> dict[str, Any]:
    year, month = rng.randint(1992, 2026), rng.randint(1, 12)
    if kind == "people":
        return {
            "id": f"syn-person-{i}",
            "name": f"Synthetic Person {i}",
            "aliases": [f"S. Person {i}"],
            "citations": cite(i),
        }
    if kind == "events":
        words = " ".join(rng.sample(WORDS, 3))
        return {
            "id": f"syn-event-{i}", "date": f"{year}-{month:02d}", "title": f"Synthetic {words} {i}",
            "summary": f"A generated record about {words}.", "topics": ["synthetic"], "countries": ["kz"],
            "people": [f"syn-person-{i % people}"], "citations": cite(i),
        }  # fmt: skip
    if kind == "terms":
        return {
            "id": f"syn-term-{i}", "post": f"syn-post-{i % 50}", "person": f"syn-person-{i % people}",
            "start": str(year), "end": str(min(year + 2, 2026)), "citations": cite(i),
        }  # fmt: skip
    if kind == "trade":
        return {
            "id": f"syn-trade-{i}", "indicator": "other", "from": "kz", "to": "uk", "period": str(year),
            "value": rng.randint(1, 999), "unit": "million", "currency": "USD", "citations": cite(i),
        }  # fmt: skip
    return {
        "id": f"syn-vote-{i}", "type": "referendum", "date": f"{year}-{month:02d}", "turnout": rng.randint(30, 90),
        "results": [{"name": "Yes", "share": 60}, {"name": "No", "share": 40}], "citations": cite(i),
    }  # fmt: skip


def dump(doc: dict[str, Any], path: Path, fmt: str) -> None:
    if fmt == "json":
        path.write_text(json.dumps(doc), encoding="utf-8")
    else:
        import yaml

        path.write_text(yaml.safe_dump(doc, sort_keys=False, width=200), encoding="utf-8")


def generate(folder: Path, total: int, fmt: str = "json", seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    head = {
        "sources": [{"id": "synthetic-source", "file": "synthetic.txt", "title": "Synthetic benchmark source"}],
        "posts": [{"id": f"syn-post-{i}", "label": f"Synthetic post {i}", "single_holder": False} for i in range(50)],
    }
    people = max(1, min(1000, int(total * SHARE["people"])))
    written = [folder / f"00-synthetic-source.{fmt}"]
    dump(head, written[0], fmt)
    for n, (kind, share) in enumerate(SHARE.items(), start=1):
        count = int(total * share)
        for start in range(0, count, PER_FILE):
            path = folder / f"{n:02d}-{kind}-{start // PER_FILE:03d}.{fmt}"
            records = [record(kind, i, rng, people) for i in range(start, min(count, start + PER_FILE))]
            dump({kind: records}, path, fmt)
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate a synthetic kzfacts overlay for the benchmark.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--format", choices=("json", "yaml"), default="json")
    args = parser.parse_args()
    files = generate(args.folder, args.records, args.format)
    print(f"wrote {args.records} records in {len(files)} files to {args.folder}")


if __name__ == "__main__":
    main()
