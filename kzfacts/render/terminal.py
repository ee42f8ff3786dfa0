"""The terminal: one Rich console, footnoted citations, hanging-indent lines, the pager.

Every terminal view (one module per view beside this one) writes through a `Page`, so the
rules hold in all of them at once: a fact is one line with a `[n]` marker and its id dimmed,
the citations are numbered notes beneath, wrapped lines indent under their start, no line is
wider than the terminal, and text from the data is never read as Rich markup (the console
has markup and emoji off, and every piece of data goes in as a `Text`).
"""

from __future__ import annotations

import importlib
import os
import shlex
import shutil
import subprocess
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from ..query import Result
from ..views import CHARTS
from ..views import TERMINAL as VIEWS
from . import Options
from .facts import carries, date_tokens, excerpt, figure_tokens, rank, shown_text, spread
from .flat import claim_values, rows, select
from .labels import source_labels

Part = str | Text | tuple[str, str]


DEFAULT_PAGER = "less -FRX"


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Rich exits 1 on a closed pipe; ours is a quiet success, handled once in the CLI."""
        raise BrokenPipeError


class Page:
    """A terminal view being written: the console, the options and the pending notes.

    Notes are numbered in order of first mention; the same source and quote keep their number,
    so a source cited by two facts is one note. `flush()` prints the pending notes, which long
    views do per group (a year, a post) so the evidence stays near its facts."""

    def __init__(self, console: Console, opts: Options, labels: dict[str, str], meta: dict[str, Any] | None = None):
        self.console = console
        self.opts = opts
        self.labels = labels
        self.meta = meta or {}
        self.note_lines = 2  # how many lines a note's excerpt may take (a one-page view asks for 1)
        self.width = max(20, console.width)
        self._numbers: dict[tuple[str, str], int] = {}  # (source, quote) -> note number
        self._by_source: dict[str, int] = {}  # source -> its first note
        self._pending: list[tuple[int, dict[str, Any], int, int, list[str]]] = []
        self._cited: dict[int, dict[str, Any]] = {}  # note number -> its citation
        self._tokens: dict[int, list[str]] = {}  # note number -> the words of every fact it backs
        self._shown: dict[int, str] = {}  # note number, once printed -> the excerpt it showed

    # -- lines ------------------------------------------------------------------------------

    def line(self, *parts: Part, indent: int = 0, hang: int = 2, style: str = "") -> None:
        """One logical line, wrapped to the terminal with continuation lines indented by
        `indent + hang`, so a wrapped fact still reads as one entry."""
        text = assemble(*parts, style=style)
        for piece in wrap(self.console, text, self.width, indent, hang):
            self.console.print(piece, soft_wrap=True)

    def blank(self) -> None:
        self.console.print()

    def heading(self, *parts: Part) -> None:
        """A bold line that starts a group (a year, a post, a section)."""
        self.line(assemble(*parts, style="bold"))

    # -- citations --------------------------------------------------------------------------

    def cite(self, citations: list[dict[str, Any]], by_source: bool = False, facts: list[str] | None = None) -> Text:
        """The marker(s) for a fact's citations (` [3]`), registering the note(s) to print.

        With `--quotes one` the first citation stands for the rest (an untranslated quote is
        preferred, being the text's own words a reader can check), and the note counts what
        it leaves out; with `all`, every quote gets its own note; with `--no-quotes`, none.
        `by_source` (claims inside a record: a disputed figure, a result row) reuses a note
        already given to the same source, so a vote's figures do not each add a note.
        `facts`: the words that state the fact (a holder's name, a figure, a year): the note
        chosen is one whose quote carries them, cut around them (facts.py)."""
        unique = list({(c["source"], c["quote"]): c for c in citations}.values())
        if self.opts.quotes == "none" or not unique:
            return Text()
        tokens = facts or []
        if self.opts.quotes == "all":
            chosen = unique
        else:
            chosen = [min(unique, key=lambda c: (rank(c, tokens), *_preference(c)))]
        numbers = sorted(dict.fromkeys(self._number(c, unique, by_source, tokens) for c in chosen))
        return Text(" " + markers(numbers), style="cyan")

    def _number(self, c: dict[str, Any], unique: list[dict[str, Any]], by_source: bool = False,
                tokens: list[str] | None = None) -> int:  # fmt: skip
        key = (c["source"], c["quote"])
        reuse = self._by_source.get(c["source"]) if by_source and self.opts.quotes == "one" else None
        if key not in self._numbers and reuse is not None and (not tokens or carries(self._cited[reuse], tokens)):
            return reuse  # the source's note already shown carries this figure too
        if key in self._numbers and tokens and self._numbers[key] in self._shown:
            shown = self._shown[self._numbers[key]].casefold()
            if not any(t.casefold() in shown for t in tokens):
                del self._numbers[key]  # printed already, cut around other words: shown again, around these
        if key in self._numbers and tokens:
            self._tokens.setdefault(self._numbers[key], []).extend(
                t for t in tokens if t not in self._tokens[self._numbers[key]]
            )
        if key not in self._numbers:
            self._numbers[key] = len(self._cited) + 1
            self._by_source.setdefault(c["source"], self._numbers[key])
            others = {x["source"] for x in unique} - {c["source"]}
            more_quotes = sum(1 for x in unique if x["source"] == c["source"]) - 1
            self._tokens[self._numbers[key]] = list(tokens or [])
            self._pending.append((self._numbers[key], c, len(others), more_quotes, self._tokens[self._numbers[key]]))
            self._cited[self._numbers[key]] = c
        return self._numbers[key]

    def claims(
        self, claims: Any, fmt: str = "{}", fallback: list[dict[str, Any]] | None = None, sep: str = " / "
    ) -> Text:
        """Claims as `53 [2] / 54 [3]`: each disputed claim with its own note; a single claim
        plainly (its record's citations stand behind it, cited once on the fact line)."""
        values = claim_values(claims)
        if not values:
            return Text("")
        before, _, after = fmt.partition("{}")
        if len(values) == 1:
            return Text(f"{before}{values[0][0]}{after}")
        out = Text(before)
        for i, (value, cites) in enumerate(values):
            if i:
                out.append(sep)
            out.append(f"{value}{after}")
            tokens = figure_tokens([_number(value)]) or date_tokens([value]) or [value]
            out.append_text(self.cite(cites or fallback or [], by_source=True, facts=tokens))
        return out

    def flush(self) -> None:
        """Print the notes registered since the last flush, numbered, quote after label."""
        if not self._pending:
            return
        self.blank()
        for number, c, other_sources, more_quotes, tokens in self._pending:
            self.note(number, c, other_sources, more_quotes, tokens)
        self._pending.clear()

    def note(self, number: int, c: dict[str, Any], other_sources: int, more_quotes: int,
             tokens: list[str] | None = None) -> None:  # fmt: skip
        """`[3] Label: “…the words that carry the fact…” +2 more sources`; a non-English quote
        shows its translation (the original with it in --long and --quotes all)."""
        marker = f"[{number}] "
        label = self.labels.get(c["source"], c["source"])
        tail = ""
        if self.opts.quotes == "one":
            counts = [f"+{other_sources} more source{'s' * (other_sources != 1)}"] if other_sources else []
            counts += (
                [f"+{more_quotes} more quote{'s' * (more_quotes != 1)}"] if more_quotes and not other_sources else []
            )
            tail = " " + ", ".join(counts) if counts else ""
        both = self.opts.quotes == "all" or self.opts.long
        quote = shown_text(c, original=both)
        translated = bool(c.get("translation")) and not both
        if self.opts.quotes == "one" and not self.opts.long:
            room = self.note_lines * (self.width - len(marker)) - len(label) - len(tail) - 6 - (13 if translated else 0)
            # a note shared by facts shows all their words, taking up to twice its room
            if self.note_lines > 1:
                room = max(room, min(2 * room, spread(quote, tokens or []) + 24))
            quote = excerpt(quote, max(30 if self.note_lines > 1 else 24, room), tokens or [])
        self._shown[number] = quote
        text = Text.assemble((label, "bold"), ": ", (f"“{quote}”", ""), (" (translated)" if translated else "", "dim"),
                             (tail, "dim"))  # fmt: skip
        if c.get("translation") and both:
            text.append(f" (“{' '.join(c['translation'].split())}”)", style="italic")
        for piece in wrap(self.console, Text.assemble((marker, "cyan"), text), self.width, 0, len(marker)):
            self.console.print(piece, soft_wrap=True)

    def notes(self, notes: Iterable[str]) -> None:
        for n in notes:
            self.line(("note: ", "yellow"), n, hang=6)


def _number(text: str) -> Any:
    """A claim's value shown as text, back as a number where it is one."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def markers(numbers: list[int]) -> str:
    """`[1]`, `[2][5]`, or `[3–9]` for a run, so a fact with many notes stays one line."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "".join(f"[{r[0]}–{r[-1]}]" if len(r) > 2 else "".join(f"[{n}]" for n in r) for r in runs)


def _preference(c: dict[str, Any]) -> tuple[bool, bool]:
    """Which quote stands for a fact: the text's own words (untranslated) before a translation,
    a sentence (eight words or more) before a table cell or a dateline; else the data's order."""
    return bool(c.get("translation")), len(c["quote"].split()) < 8


def assemble(*parts: Part, style: str = "") -> Text:
    """Build a Text from plain strings (never parsed as markup), styled pairs and Texts."""
    out = Text(style=style)
    for part in parts:
        if isinstance(part, Text):
            out.append_text(part)
        elif isinstance(part, tuple):
            out.append(part[0], style=part[1])
        else:
            out.append(part)
    return out


def ident(record_id: str | None, gap: str = "  ") -> Text:
    """A record's id, dimmed, so a reader can follow it with `kzfacts show ID`."""
    return Text(f"{gap}{record_id}", style="dim") if record_id else Text()


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary before `limit` characters and mark the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(",;:. ") + "…"


def wrap(console: Console, text: Text, width: int, indent: int, hang: int) -> list[Text]:
    """The text wrapped at `width` with a hanging indent: the first line starts at `indent`,
    the rest at `indent + hang`. The first line is cut at its own width and the remainder
    re-wrapped at the narrower one, so every line fits the terminal (long words folded)."""
    text = text.copy()
    text.rstrip()
    first_width, rest_width = max(10, width - indent), max(10, width - indent - hang)
    plain = text.plain
    if text.cell_len <= first_width and "\n" not in plain and "\t" not in plain:
        return [Text(" " * indent) + text]  # most lines fit: Rich's wrap is most of a view's time
    lines = text.wrap(console, first_width, overflow="fold")
    if not lines:
        return [Text("")]
    head = lines[0]
    out = [Text(" " * indent) + _strip_end(head)]
    remainder = _strip_lead(text[len(head.plain) :])
    if remainder.plain:
        out.extend(
            Text(" " * (indent + hang)) + _strip_end(line)
            for line in remainder.wrap(console, rest_width, overflow="fold")
        )
    return out


def _strip_end(line: Text) -> Text:
    line = line.copy()
    line.rstrip()
    return line


def _strip_lead(text: Text) -> Text:
    """The text without its leading spaces (what a wrap leaves at the start of a line)."""
    n = len(text.plain) - len(text.plain.lstrip(" "))
    return text[n:]


def write(result: Result, opts: Options, out: TextIO) -> None:
    """Render the view; page it (as git does) when it is longer than a terminal's screen."""
    if opts.fields:
        select(rows(result), opts.fields, result.view)  # the view shows every field, but a typo is still an error
    console = _Console(file=out, highlight=False, soft_wrap=False, markup=False, emoji=False)
    console.size = console.size  # measured once: Rich would look at the terminal on every line
    pager = pager_command() if opts.pager != "never" and _isatty(out) else None
    if pager is None:
        _render(Page(console, opts, source_labels(result.meta), result.meta), result, opts)
        return
    with console.capture() as captured:
        _render(Page(console, opts, source_labels(result.meta), result.meta), result, opts)
    text = captured.get()
    if opts.pager == "always" or text.count("\n") > console.height - 1:
        run_pager(pager, text, out)
    else:
        out.write(text)


def _isatty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def pager_command() -> str | None:
    """$KZFACTS_PAGER, else $PAGER, else `less -FRX` (short output stays on screen, colours
    pass through, the screen is not cleared); empty or `cat` means no pager, as in git."""
    for var in ("KZFACTS_PAGER", "PAGER"):
        value = os.environ.get(var)
        if value is not None:
            return None if value.strip() in ("", "cat") else value
    return DEFAULT_PAGER if shutil.which("less") else None


def run_pager(command: str, text: str, out: TextIO) -> None:
    """Feed the text to the pager through a shell (pager settings are command lines); if it
    cannot be started, print the text instead, since an answer beats an error."""
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        program = ""
    if program and not shutil.which(program) and "/" not in program and not any(c in command for c in "|>;&"):
        out.write(text)
        return
    env = {**os.environ}
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        out.write(text)
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8", "replace"))
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager early: that is not an error
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.wait()


def _render(page: Page, result: Result, opts: Options) -> None:
    if not result.items and not (result.view == "who" and result.meta.get("posts")):
        page.line((result.empty, "yellow"))
        return
    name = VIEWS.get(result.view, "record")
    func = "render"
    if opts.chart and result.view in CHARTS:
        name, func = ("trade" if result.view == "trade" else "vote"), "chart"
    module = importlib.import_module(f".{name}", __package__)
    getattr(module, func)(page, result)
    page.flush()
    inline = (": no holder known", "possibly outdated (") if result.view == "who" else ()  # said per side
    page.notes(n for n in result.notes if not any(x in n for x in inline))
    if result.meta.get("as_of") and result.view != "brief":  # the card says it in its freshness box
        page.line((f"facts as of {result.meta['as_of']}", "dim"))
