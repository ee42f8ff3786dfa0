"""`cite --format csl-json|bibtex|ris`: the sources behind a record as entries a reference manager
(Zotero, Mendeley, EndNote, JabRef, a LaTeX or pandoc bibliography) imports.

Each writer takes the `sources` of a `cite` item (query/records.py `reference`) and writes one
entry per source. Only the publisher's own metadata fills an entry: a title we supplied
(`title_inferred`) is left out, an unknown field is omitted rather than written empty, and the
quotes that carry the fact go in the entry's note. The type mapping is in docs/export.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO
from urllib.parse import urlsplit

from ..dates import Period, parse_period
from ..errors import KzfactsError
from ..streams import narrow

FORMATS = ("csl-json", "bibtex", "ris")

CSL_TYPES = {
    "news": "article-newspaper",
    "reference": "entry-encyclopedia",
    "official": "webpage",
    "analysis": "report",
    "other": "webpage",
}
# Official texts that are clearly a law, decree or ratified treaty: from a legal database, or
# titled with the formula such acts open with.
LEGAL_HOSTS = ("adilet.zan.kz", "zakonpravo.kz", "prgapp.kz", "legislation.gov.uk")
LEGAL_TITLE = re.compile(r"^(on (the )?ratification\b|law of\b|decree\b|о ратификации|закон\b|указ\b)", re.IGNORECASE)
# Types whose publisher is the periodical, encyclopedia or site the piece appears in.
CONTAINED = ("article-newspaper", "entry-encyclopedia", "webpage")
RIS_TYPES = {
    "article-newspaper": "NEWS",
    "entry-encyclopedia": "ENCYC",
    "webpage": "ELEC",
    "report": "RPRT",
    "legislation": "STAT",
}
# biblatex prints `language` through its localisation keys where one exists, else literally.
LANGUAGE_NAMES = {
    "en": "english", "ru": "russian", "kk": "Kazakh", "de": "german", "fr": "french", "it": "italian",
    "uz": "Uzbek", "be": "Belarusian", "pt": "portuguese", "nl": "dutch", "uk": "ukrainian", "tr": "turkish",
}  # fmt: skip
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
BIBTEX_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]+")

Source = dict[str, Any]


def write(sources: list[Source], fmt: str, out: TextIO) -> None:
    """Write every source in `fmt` (one of FORMATS)."""
    if fmt == "csl-json":
        out.write(json.dumps(csl_items(sources), ensure_ascii=narrow(out), indent=2) + "\n")
    elif fmt == "bibtex":
        out.write(bibtex(sources))
    elif fmt == "ris":
        out.write(ris(sources))
    else:
        raise KzfactsError(f"--format: '{fmt}' is not one of: {', '.join(FORMATS)}")


# -- what every format shares ----------------------------------------------------------------


def csl_type(s: Source) -> str:
    """The CSL type of the source's kind; BibTeX's and RIS's types follow from it."""
    if s.get("source_kind") == "official" and _is_legal_act(s):
        return "legislation"
    return CSL_TYPES.get(s.get("source_kind") or "other", "webpage")


def _is_legal_act(s: Source) -> bool:
    """Only a clear act is legislation (styles cite it by its title and year, with no site):
    one held by a legal database, or titled as acts are."""
    host = (urlsplit(s["url"]).hostname or "") if s.get("url") else ""
    if any(host == h or host.endswith("." + h) for h in LEGAL_HOSTS):
        return True
    return any(LEGAL_TITLE.match(t) for t in (s.get("title"), s.get("title_en")) if t and not s.get("title_inferred"))


def _in_container(s: Source, kind: str) -> bool:
    """Whether the publisher names what the piece appears in (a paper, an encyclopedia, a site)
    rather than who issued it; a page with no address is taken as issued by its publisher."""
    return kind in CONTAINED and (kind != "webpage" or bool(s.get("url")))


def title(s: Source) -> str | None:
    """The publisher's title; None when the title is ours (the text showed none)."""
    return None if s.get("title_inferred") else _clean(s.get("title"))


def english_title(s: Source) -> str | None:
    """The English rendering of a non-English publisher's title."""
    if s.get("title_inferred") or not s.get("title_en") or s["title_en"] == s.get("title"):
        return None
    return _clean(s["title_en"])


def quote_notes(s: Source) -> list[str]:
    """Each quote that carries the fact, on one line, its English translation beside it."""
    notes = []
    for q in s.get("quotes") or ():
        line = f"“{_clean(q['quote'])}”"
        if q.get("translation"):
            line += f" (translation: “{_clean(q['translation'])}”)"
        notes.append(line)
    return notes


def period(text: str | None) -> Period | None:
    """A date or range (`date`, `retrieved`) as a period; None when unknown, or unreadable (which
    loading reports), so an entry leaves the date out rather than failing."""
    if not text:
        return None
    try:
        return parse_period(text)
    except KzfactsError:
        return None


def _clean(text: str | None) -> str | None:
    """One line: entries are read by tools that take a newline as the end of a field."""
    return " ".join(text.split()) if text else None


def _present(fields: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The fields whose value is known: an empty one would read as "known to be empty"."""
    return [(k, v) for k, v in fields if v not in (None, "", [])]


# -- CSL-JSON -------------------------------------------------------------------------------------


def csl_items(sources: list[Source]) -> list[dict[str, Any]]:
    """CSL-JSON items (citeproc-js, pandoc, Zotero), one per source, keyed by the source id."""
    return [csl_item(s) for s in sources]


def csl_item(s: Source) -> dict[str, Any]:
    """One item; CSL has no field for a translated title, so the English title heads the note."""
    kind = csl_type(s)
    issued, accessed = period(s.get("date")), period(s.get("retrieved"))
    notes = quote_notes(s)
    english = english_title(s)
    if english:
        notes.insert(0, f"English title: {english}")
    return dict(
        _present((
            ("id", s["id"]), ("type", kind), ("title", title(s)),
            ("container-title" if _in_container(s, kind) else "publisher", _clean(s.get("publisher"))),
            ("URL", s.get("url")), ("issued", _csl_date(issued) if issued else None),
            ("accessed", _csl_date(accessed) if accessed else None),
            ("language", s.get("language")), ("note", "\n".join(notes)),
        ))
    )  # fmt: skip


def _csl_date(p: Period) -> dict[str, Any]:
    """`{"date-parts": [[Y, M, D]]}` at the precision known; a range has two, an open one only its start."""
    parts = [p.start] + ([p.end] if p.end is not None else [])
    return {"date-parts": [[x for x in (d.year, d.month, d.day) if x] for d in parts]}


# -- BibTeX (biblatex fields) ----------------------------------------------------------------


def bibtex(sources: list[Source]) -> str:
    """One biblatex entry per source: @article for news, @online for any other page with an
    address, @misc for a text without one. Keys are the source ids made BibTeX-safe (and unique)."""
    used: set[str] = set()
    return "\n".join(_bibtex_entry(s, _bibtex_key(s["id"], used)) for s in sources)


def _bibtex_key(sid: str, used: set[str]) -> str:
    """The id with what BibTeX cannot take in a key made `-`; unique within the file."""
    base = BIBTEX_KEY_UNSAFE.sub("-", sid).strip("-") or "source"
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}-{n}"
    used.add(key)
    return key


def bibtex_type(s: Source) -> str:
    """biblatex's entry type: its standard styles print a newspaper's name only for @article."""
    if csl_type(s) == "article-newspaper":
        return "article"
    return "online" if s.get("url") else "misc"


def _bibtex_entry(s: Source, key: str) -> str:
    entry = bibtex_type(s)
    issued = period(s.get("date"))
    english = english_title(s)
    publisher = _clean(s.get("publisher"))
    fields = _present((
        ("title", _bibtex_text(title(s))),
        ("titleaddon", _bibtex_text(f"[{english}]" if english else None)),
        ("entrysubtype", "newspaper" if entry == "article" else None),
        ("journaltitle" if entry == "article" else "organization", _bibtex_text(publisher)),
        ("date", str(issued).replace("/..", "/") if issued else None),
        ("url", _bibtex_url(s.get("url"))), ("urldate", s.get("retrieved")),
        ("language", LANGUAGE_NAMES.get(s.get("language") or "", s.get("language"))),
        ("note", _bibtex_text(" ".join(quote_notes(s)))),
    ))  # fmt: skip
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@{entry}{{{key},\n{body}}}\n"


def _bibtex_text(text: str | None) -> str | None:
    """A field value with BibTeX's specials escaped so that braces balance and LaTeX prints
    them as written; anything else (Cyrillic, quotation marks) stays UTF-8."""
    text = _clean(text)
    return "".join(BIBTEX_SPECIALS.get(c, c) for c in text) if text else None


def _bibtex_url(url: str | None) -> str | None:
    """biblatex reads `url` verbatim, so only what would unbalance the braces is percent-encoded."""
    if not url:
        return None
    return url.strip().replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


# -- RIS ------------------------------------------------------------------------------------------


def ris(sources: list[Source]) -> str:
    """One RIS record per source (`TY  - ` to `ER  - `), a blank line between records; each
    value on its one line, with `\\n` line ends."""
    return "\n".join(_ris_record(s) for s in sources)


def ris_type(s: Source) -> str:
    """The RIS type of the CSL type; a "web page" with no address is a generic text (GEN)."""
    kind = csl_type(s)
    if kind == "webpage" and not s.get("url"):
        return "GEN"
    return RIS_TYPES.get(kind, "GEN")


def _ris_record(s: Source) -> str:
    kind = csl_type(s)
    issued = period(s.get("date"))
    tags = [
        ("TY", ris_type(s)), ("ID", s["id"]), ("TI", title(s)), ("TT", english_title(s)),
        ("T2" if _in_container(s, kind) else "PB", _clean(s.get("publisher"))),
        ("PY", str(issued.start.year) if issued else None), ("DA", _ris_date(issued) if issued else None),
        ("UR", _clean(s.get("url"))), ("Y2", s["retrieved"].replace("-", "/") if s.get("retrieved") else None),
        ("LA", s.get("language")),
    ]  # fmt: skip
    tags += [("N1", note) for note in quote_notes(s)]
    return "".join(f"{tag}  - {value}\n" for tag, value in _present(tags)) + "ER  - \n"


def _ris_date(p: Period) -> str:
    """RIS's `YYYY/MM/DD/other`, blank where the part is unknown; a range gives its start."""
    d = p.start
    return f"{d.year:04d}/{f'{d.month:02d}' if d.month else ''}/{f'{d.day:02d}' if d.day else ''}/"
