"""`kzfacts check`: prove the fact base sound. Every quote must occur verbatim in its source
text (runs of whitespace may differ; nothing else may), and the data must be consistent.

Errors are things that cannot be true (a quote not in its source, a term that ends before it
starts); warnings are things a person should look at (overlapping holders of a single-holder
post, vote shares far from 100%, growth that does not follow from its two figures).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .dates import parse_period, period_of
from .errors import DataError
from .load import load
from .model import FactBase
from .query import disagreements
from .succession import post_end
from .yamlread import YamlProblem, read_text

_WS = re.compile(r"\s+")
SHARE_TOLERANCE = 2.0
GROWTH_TOLERANCE = 1.5


def squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    disputed: list[str] = field(default_factory=list)
    quotes_checked: int = 0
    source_dirs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def text(self) -> str:
        lines = [f"error: {e}" for e in self.errors]
        lines += [f"warning: {w}" for w in self.warnings]
        lines += [f"note: {n}" for n in self.notices]
        lines += [f"disagreement: {d}" for d in self.disputed]
        counts = ", ".join(f"{n} {k}" for k, n in self.counts.items())
        lines.append(f"records: {counts}")
        if self.source_dirs:
            lines.append(f"quotes: {self.quotes_checked} checked verbatim against {', '.join(self.source_dirs)}")
        else:
            lines.append("quotes: not checked (no source folders found; give --sources DIR)")
        lines.append(
            f"{'ok' if self.ok else 'FAILED'}: {len(self.errors)} errors, {len(self.warnings)} warnings, "
            f"{len(self.disputed)} records with disagreements"
        )
        return "\n".join(lines) + "\n"


def default_source_dirs() -> list[Path]:
    """../shared/seeds and ../shared/sources, beside the repo or the working directory."""
    roots = [Path(__file__).resolve().parent.parent.parent / "shared", Path.cwd().parent / "shared"]
    for root in roots:
        dirs = [root / "seeds", root / "sources"]
        if all(d.is_dir() for d in dirs):
            return dirs
    return []


def run(user: Iterable[str], source_dirs: list[Path] | None) -> Report:
    """Load (any DataError propagates: exit 2) and check everything; never stops at the first problem."""
    base = load(user)
    dirs = list(source_dirs) if source_dirs else default_source_dirs()
    for d in dirs:
        if not d.is_dir():
            raise DataError([f"--sources {d}: not a folder"])
    report = Report(counts=base.counts(), source_dirs=[str(d) for d in dirs])
    report.notices.extend(base.replaced)
    if dirs:
        check_quotes(base, dirs, report)
    check_integrity(base, report)
    for plural in ("events", "people", "terms", "trade", "votes"):
        for r in base.of(plural):
            fields = disagreements(r)
            if fields:
                report.disputed.append(f"{r.origin}: {r.kind} '{r.id}': {', '.join(fields)}")
    return report


def source_path(file: str, dirs: list[Path]) -> tuple[Path | None, bool]:
    """(the source text's path, whether some folder named it but it resolved outside).

    A `file:` of `../mine.yaml`, `/etc/hostname` or a symlink out of the folder would let any
    text "verify" an invented quote: the resolved path must lie inside the folder it came from."""
    outside = False
    for d in dirs:
        candidate = d / file
        try:
            resolved, root = candidate.resolve(), d.resolve()
        except (OSError, RuntimeError):
            continue
        if not resolved.is_relative_to(root):
            outside = outside or candidate.exists()
            continue
        if resolved.is_file():
            return resolved, False
    return None, outside


def check_quotes(base: FactBase, dirs: list[Path], report: Report) -> None:
    texts: dict[str, str | None] = {}
    sources = base.records["sources"]
    shown = ", ".join(map(str, dirs))
    for s in sources.values():
        path, outside = source_path(s.file, dirs)  # type: ignore[attr-defined]
        texts[s.id] = None
        if path is None:
            where = "resolves outside every --sources folder" if outside else "is not in"
            report.errors.append(f"{s.origin}: source '{s.id}': file {s.file} {where} {shown}")  # type: ignore[attr-defined]
            continue
        try:
            texts[s.id] = squash(read_text(path))
        except YamlProblem as exc:
            report.errors.append(f"{s.origin}: source '{s.id}': file {path}: {exc.problems[0][1]}")

    for plural in ("events", "people", "terms", "trade", "votes", "posts"):
        for r in base.of(plural):
            for c in r.all_citations():
                text = texts.get(c.source)
                if text is None:
                    continue
                report.quotes_checked += 1
                if squash(c.quote) not in text:
                    report.errors.append(
                        f"{r.origin}: {r.kind} '{r.id}': quote not found in {c.source}: {c.quote[:70]!r}"
                    )
                source = sources.get(c.source)
                if source is not None and getattr(source, "language", "en") != "en" and not c.translation:
                    report.warnings.append(f"{r.origin}: {r.kind} '{r.id}': quote from {c.source} has no translation")


def check_integrity(base: FactBase, report: Report) -> None:
    _overlapping_terms(base, report)
    for vote in base.of("votes"):
        _vote_shares(vote, report)
    _trade_growth(base.of("trade"), report)
    posts = base.records["posts"]
    for term in base.of("terms"):
        if term.start is None and term.end is None and not any(c.as_of for c in term.citations):
            report.warnings.append(f"{term.origin}: term '{term.id}' has no start, end or dated evidence")
        post = posts.get(term.post)
        closed = post_end(post) if isinstance(post, model.Post) else None
        if closed is not None:
            for what in ("start", "end"):
                value = getattr(term, what)
                if value and period_of(value).lo > closed:
                    report.errors.append(
                        f"{term.origin}: term '{term.id}': {what} {value} is after its post ended ({closed})"
                    )


def _overlapping_terms(base: FactBase, report: Report) -> None:
    posts = base.records["posts"]
    by_post: dict[str, list[model.Term]] = {}
    for t in base.of("terms"):
        by_post.setdefault(t.post, []).append(t)
    for pid, terms in by_post.items():
        post = posts.get(pid)
        if post is None or not getattr(post, "single_holder", True):
            continue
        dated = [t for t in terms if t.start]
        dated.sort(key=lambda t: parse_period(t.start).lo)
        for a, b in zip(dated, dated[1:]):
            a_end = parse_period(a.end).lo if a.end else None
            b_start = parse_period(b.start).hi  # type: ignore[arg-type]
            if a.person != b.person and (a_end is None or a_end > b_start):
                why = "has no end" if a_end is None else f"ends {a.end}"
                report.warnings.append(
                    f"{a.origin}: term '{a.id}' {why} but '{b.id}' starts {b.start} in single-holder post {pid}"
                )


def _vote_shares(vote: model.Vote, report: Report) -> None:
    shares = [[c.value for c in r.share] for r in vote.results]
    if len(shares) < 2 or not all(shares):
        return
    if any(r.name.casefold() in ("other", "others") for r in vote.results):
        return
    low, high = sum(min(s) for s in shares), sum(max(s) for s in shares)
    if high < 100 - SHARE_TOLERANCE or low > 100 + SHARE_TOLERANCE:
        report.warnings.append(
            f"{vote.origin}: vote '{vote.id}': shares of the listed results sum to {low:g}-{high:g}%"
        )


def _year_before(period: str) -> str:
    """The same period one year earlier: `2017-01/2017-04` -> `2016-01/2016-04`."""
    return re.sub(r"\d{4}", lambda m: str(int(m.group(0)) - 1), period)


def _trade_growth(figures: list[model.TradeFigure], report: Report) -> None:
    """Growth must follow from the figure and the same figure a year before, when both are here."""
    index = {(f.indicator, f.from_, f.to, f.unit, f.currency, f.period): f for f in figures if f.period}
    for fig in figures:
        if not fig.growth_pct or not fig.period or fig.period.endswith(".."):
            continue
        before = index.get((fig.indicator, fig.from_, fig.to, fig.unit, fig.currency, _year_before(fig.period)))
        if before is None:
            continue
        implied = [
            (float(now.value) / float(then.value) - 1) * 100
            for now in fig.value for then in before.value if float(then.value) > 0
        ]  # fmt: skip
        claimed = [float(g.value) for g in fig.growth_pct]
        if implied and not any(abs(i - g) <= GROWTH_TOLERANCE for i in implied for g in claimed):
            report.warnings.append(
                f"{fig.origin}: trade '{fig.id}': growth {'/'.join(f'{g:g}' for g in claimed)}% but "
                f"'{before.id}' implies {'/'.join(f'{i:.1f}' for i in implied)}%"
            )
