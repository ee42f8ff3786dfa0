"""Standard packages: the CSV export's Frictionless datapackage.json, validated by the
`frictionless` library itself, and `export --format popolo`, checked against the fact base and a
minimal transcription of Popolo's JSON Schemas (https://www.popoloproject.com/specs/)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from frictionless import Package

import kzfacts

from .conftest import kz

POPOLO_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}){0,2}$")  # Popolo's partial date


@pytest.fixture(scope="module")
def csv_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv") / "kz"
    r = kz("export", "--format", "csv", "-o", str(folder))
    assert r.code == 0, r
    return folder


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the Popolo document, the JSON export) of the packaged fact base."""
    folder = tmp_path_factory.mktemp("popolo")
    assert kz("export", "--format", "popolo", "-o", str(folder / "popolo.json")).code == 0
    assert kz("export", "--format", "json", "-o", str(folder / "kz.json")).code == 0
    return json.loads((folder / "popolo.json").read_text()), json.loads((folder / "kz.json").read_text())


def _resources(folder: Path) -> dict[str, dict[str, Any]]:
    package = json.loads((folder / "datapackage.json").read_text())
    return {r["name"]: r for r in package["resources"]}


# -- datapackage.json --------------------------------------------------------------------------------


def test_datapackage_describes_every_csv_and_validates_with_frictionless(csv_folder: Path) -> None:
    package = json.loads((csv_folder / "datapackage.json").read_text())
    assert package["name"] == "kzfacts" and package["version"] == kzfacts.__version__ and package["title"]
    assert package["licenses"][0]["name"] == "MIT"
    assert "third-party" in package["description"] and any("sources.csv" in s["title"] for s in package["sources"])
    resources = _resources(csv_folder)
    assert sorted(f"{name}.csv" for name in resources) == sorted(p.name for p in csv_folder.glob("*.csv"))
    assert sorted(p.name for p in csv_folder.iterdir()) == sorted(
        [*(r["path"] for r in resources.values()), "datapackage.json"]
    )
    for name, res in resources.items():
        with (csv_folder / res["path"]).open(newline="") as fh:
            header = next(csv.reader(fh))
        assert [f["name"] for f in res["schema"]["fields"]] == header, name
    assert Package.validate_descriptor(package).valid
    report = Package(str(csv_folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[:10]
    assert sorted(t.name for t in report.tasks) == sorted(resources)  # every CSV read and checked


def test_datapackage_types_keys_and_references_match_the_tables(csv_folder: Path) -> None:
    resources = _resources(csv_folder)

    def field(table: str, name: str) -> dict[str, Any]:
        return next(f for f in resources[table]["schema"]["fields"] if f["name"] == name)

    def references(table: str) -> dict[str, tuple[str, str]]:
        fks = resources[table]["schema"].get("foreignKeys", [])
        return {fk["fields"][0]: (fk["reference"]["resource"], fk["reference"]["fields"][0]) for fk in fks}

    assert field("votes", "turnout")["type"] == "number" and field("trade", "value")["type"] == "number"
    assert field("people", "birth_year")["type"] == "integer" and field("vote_results", "votes")["type"] == "integer"
    assert field("terms", "acting")["type"] == "boolean" and field("votes", "turnout_disputed")["type"] == "boolean"
    assert field("terms", "start")["type"] == "string" and "pattern" in field("terms", "start")["constraints"]
    assert field("claims", "value")["type"] == "any"  # typed as claimed: numbers, dates, names
    assert field("terms", "post")["constraints"]["required"] is True
    for table in ("sources", "posts", "people", "terms", "events", "trade", "votes"):
        assert resources[table]["schema"]["primaryKey"] == ["id"], table
    assert resources["term_milestones"]["schema"]["primaryKey"] == ["term", "position"]
    assert references("terms") == {
        "post": ("posts", "id"), "person": ("people", "id"), "end_derived_from": ("terms", "id"),
    }  # fmt: skip
    assert references("citations") == {"source": ("sources", "id")}
    assert references("claims") == {"source": ("sources", "id")}
    assert references("event_people") == {"event": ("events", "id"), "person": ("people", "id")}
    assert references("vote_results")["person"] == ("people", "id")


def test_datapackage_validation_catches_broken_rows(csv_folder: Path, tmp_path: Path) -> None:
    """The schema is not decoration: a wrong type, a duplicate key, a broken reference and a
    malformed date in a copy of the export are each reported."""
    bad = tmp_path / "bad"
    shutil.copytree(csv_folder, bad)

    def set_cell(table: str, column: str, value: str, row: int = 0) -> None:
        path = bad / f"{table}.csv"
        with path.open(newline="") as fh:
            rows = list(csv.reader(fh))
        rows[row + 1][rows[0].index(column)] = value
        with path.open("w", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)

    set_cell("votes", "registered", "many")
    set_cell("posts", "single_holder", "yes")
    set_cell("sources", "id", "seed-001", row=3)
    set_cell("terms", "post", "no-such-post")
    set_cell("term_milestones", "date", "1 May 2020")
    report = Package(str(bad / "datapackage.json")).validate()
    found = {(task.name, error.type) for task in report.tasks for error in task.errors}
    assert {
        ("votes", "type-error"), ("posts", "type-error"), ("sources", "primary-key"), ("terms", "foreign-key"),
        ("term_milestones", "constraint-error"),
    } <= found  # fmt: skip


def test_a_previous_csv_export_with_its_datapackage_is_replaced_whole(tmp_path: Path) -> None:
    folder = tmp_path / "kz"
    assert kz("export", "--format", "csv", "-o", str(folder)).code == 0
    (folder / "datapackage.json").write_text("{}")
    r = kz("export", "--format", "csv", "-o", str(folder))
    assert r.code == 0, r
    assert json.loads((folder / "datapackage.json").read_text())["name"] == "kzfacts"
    (folder / "notes.txt").write_text("mine\n")
    r = kz("export", "--format", "csv", "-o", str(folder))
    assert r.code == 2 and "holds files kzfacts did not write (notes.txt)" in r.err


# -- Popolo ------------------------------------------------------------------------------------------


def test_popolo_has_a_person_post_and_membership_per_record(exports: tuple[dict[str, Any], dict[str, Any]]) -> None:
    popolo, export = exports
    by_kind: dict[str, set[str]] = {}
    for rec in export["records"]:
        by_kind.setdefault(rec["kind"], set()).add(rec["id"])
    assert {p["id"] for p in popolo["persons"]} == by_kind["person"]
    assert {p["id"] for p in popolo["posts"]} == by_kind["post"] == {p["id"] for p in kzfacts.posts()}
    assert {m["id"] for m in popolo["memberships"]} == by_kind["term"]
    assert len(popolo["persons"]) == len(by_kind["person"]) and len(popolo["memberships"]) == len(by_kind["term"])
    assert len(popolo["posts"]) == len(kzfacts.posts())
    assert popolo["kzfacts:version"] == export["kzfacts"]


def test_popolo_references_resolve(exports: tuple[dict[str, Any], dict[str, Any]]) -> None:
    popolo, export = exports
    persons = {p["id"] for p in popolo["persons"]}
    posts = {p["id"]: p for p in popolo["posts"]}
    organizations = {o["id"] for o in popolo["organizations"]}
    countries = {rec["country"] for rec in export["records"] if rec["kind"] == "post" and rec.get("country")}
    assert organizations == {f"org-{c}" for c in countries}  # one organization per post country
    assert {p["organization_id"] for p in posts.values()} == organizations
    for m in popolo["memberships"]:
        assert m["person_id"] in persons and m["post_id"] in posts, m["id"]
        assert m["organization_id"] == posts[m["post_id"]]["organization_id"] in organizations
    sources = {s["id"] for s in popolo["kzfacts:sources"]}
    for item in (*popolo["persons"], *popolo["posts"], *popolo["memberships"]):
        assert {c["source"] for c in item.get("kzfacts:citations", ())} <= sources, item["id"]


def test_popolo_dates_are_partial_and_never_pick_a_claim(exports: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """Every date is YYYY, YYYY-MM or YYYY-MM-DD, and every claim (and both ends of a range)
    falls inside it: where the texts disagree the date is only as precise as they all allow."""
    popolo, export = exports
    terms = {rec["id"]: rec for rec in export["records"] if rec["kind"] == "term"}
    dated = 0
    for m in popolo["memberships"]:
        term = terms[m["id"]]
        for name in ("start", "end"):
            given = [c["value"] for c in term.get(f"{name}_claims") or ()] or ([term[name]] if term[name] else [])
            ends = [end for value in given for end in value.split("/")]
            date = m.get(f"{name}_date")
            if date is None:
                continue
            dated += 1
            assert POPOLO_DATE.match(date), (m["id"], date)
            assert all(end.startswith(date) for end in ends), (m["id"], name, date, given)
            if len({*given}) > 1:
                assert m[f"kzfacts:{name}_claims"] == term[f"{name}_claims"]  # every claim kept, with citations
    assert dated > 300
    for p in popolo["persons"]:
        assert "birth_date" not in p or POPOLO_DATE.match(p["birth_date"])
    for p in popolo["posts"]:
        assert "end_date" not in p or POPOLO_DATE.match(p["end_date"])


def test_popolo_disputed_dates(exports: tuple[dict[str, Any], dict[str, Any]]) -> None:
    memberships = {m["id"]: m for m in exports[0]["memberships"]}
    kazhegeldin = memberships["kz-prime-minister-akezhan-kazhegeldin-1994"]  # 12 or 14 October 1994
    assert kazhegeldin["start_date"] == "1994-10" and kazhegeldin["kzfacts:start"] == "1994-10-12/1994-10-14"
    assert [c["value"] for c in kazhegeldin["kzfacts:start_claims"]] == ["1994-10-12", "1994-10-14"]
    abykayev = memberships["kz-ambassador-uk-nurtai-abykayev-1996"]  # 1995 or February 1996: no common year
    assert "start_date" not in abykayev and abykayev["end_date"] == "1996-09"
    assert {c["value"] for c in abykayev["kzfacts:start_claims"]} == {"1995", "1996-02"}
    persons = {p["id"]: p for p in exports[0]["persons"]}
    assert "birth_date" not in persons["oralbay-abdykarimov"]  # born 1944 or 1947
    assert {c["value"] for c in persons["oralbay-abdykarimov"]["kzfacts:birth_year_claims"]} == {1944, 1947}


def test_popolo_round_trips_a_real_term(exports: tuple[dict[str, Any], dict[str, Any]]) -> None:
    popolo, export = exports
    term = next(r for r in export["records"] if r["id"] == "kz-ambassador-uk-magzhan-ilyassov-2022")
    m = next(m for m in popolo["memberships"] if m["id"] == term["id"])
    assert (m["person_id"], m["post_id"], m["organization_id"]) == ("magzhan-ilyassov", "kz-ambassador-uk", "org-kz")
    assert (m["start_date"], m["end_date"]) == (term["start"], term["end"]) == ("2022-10", "2025-10-20")
    assert m["role"] == "Ambassador of Kazakhstan to the United Kingdom"
    cited: list[dict[str, Any]] = []
    for c in term["citations"] + [c for ms in term["milestones"] for c in ms["citations"]]:
        cited += [c] if c not in cited else []
    assert m["kzfacts:citations"] == cited  # the term's and its milestones', each once
    person = next(p for p in popolo["persons"] if p["id"] == "magzhan-ilyassov")
    assert person["name"] == "Magzhan Ilyassov"
    post = next(p for p in popolo["posts"] if p["id"] == "kz-ambassador-uk")
    assert "ambassador in london" in post["other_label"]


def test_popolo_sources_carry_the_verbatim_quotes(exports: tuple[dict[str, Any], dict[str, Any]]) -> None:
    popolo = exports[0]
    urls = {s["id"]: s.get("url") for s in popolo["kzfacts:sources"]}
    for item in (*popolo["persons"], *popolo["posts"], *popolo["memberships"]):
        notes = {link["url"]: link["note"] for link in item.get("sources", ())}
        for c in item.get("kzfacts:citations", ()):
            url = urls[c["source"]]
            if url:  # a text with no address is only in kzfacts:citations (Popolo's link needs a url)
                assert f"“{c['quote']}”" in notes[url], (item["id"], c["source"])
    m = next(m for m in popolo["memberships"] if m["id"] == "kz-ambassador-uk-magzhan-ilyassov-2022")
    assert any("relieved" in link["note"] for link in m["sources"])  # a German quote, with its translation


# The Popolo schemas (popolo-spec/schemas/*.json, draft-03) transcribed to draft 7 for the keys
# this export writes: Popolo's own constraints (the date pattern, a link's required url, an other
# name's required name), and the keys kzfacts promises on each object.
_DATE = {"type": "string", "pattern": POPOLO_DATE.pattern}
_LINKS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["url"],
        "properties": {"url": {"type": "string", "format": "uri"}, "note": {"type": ["string", "null"]}},
    },
}
POPOLO_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["persons", "organizations", "posts", "memberships"],
    "properties": {
        "persons": {"type": "array", "items": {"type": "object", "required": ["id", "name"], "properties": {
            "id": {"type": "string"}, "name": {"type": "string"},
            "other_names": {"type": "array", "items": {
                "type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}},
            "birth_date": _DATE, "sources": _LINKS,
        }}},
        "organizations": {"type": "array", "items": {"type": "object", "required": ["id", "name"], "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "classification": {"type": ["string", "null"]},
        }}},
        "posts": {"type": "array", "items": {"type": "object", "required": ["id", "label"], "properties": {
            "id": {"type": "string"}, "label": {"type": "string"},
            "other_label": {"type": "array", "items": {"type": "string"}},
            "organization_id": {"type": ["string", "null"]}, "start_date": _DATE, "end_date": _DATE,
            "sources": _LINKS,
        }}},
        "memberships": {"type": "array", "items": {
            "type": "object", "required": ["id", "person_id", "post_id"], "properties": {
                "id": {"type": "string"}, "person_id": {"type": "string"}, "post_id": {"type": "string"},
                "organization_id": {"type": ["string", "null"]}, "role": {"type": ["string", "null"]},
                "start_date": _DATE, "end_date": _DATE, "sources": _LINKS,
            },
        }},
    },
}  # fmt: skip


def test_popolo_matches_the_popolo_schemas(exports: tuple[dict[str, Any], dict[str, Any]]) -> None:
    popolo = exports[0]
    checker = jsonschema.Draft7Validator(POPOLO_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(checker.iter_errors(popolo), key=lambda e: list(e.absolute_path))
    assert not errors, [(list(e.absolute_path), e.message) for e in errors[:5]]
    broken = json.loads(json.dumps(popolo))
    broken["memberships"][0]["start_date"] = "2022-10-20/2022-10-25"
    broken["persons"][0]["sources"] = [{"note": "no url"}]
    assert len(list(checker.iter_errors(broken))) == 2  # the schema does check what it says
    extensions = {k for item in (*popolo["persons"], *popolo["posts"], *popolo["memberships"]) for k in item}
    assert {k for k in extensions if ":" in k} <= {
        "kzfacts:citations", "kzfacts:start", "kzfacts:end", "kzfacts:start_claims", "kzfacts:end_claims",
        "kzfacts:birth_year", "kzfacts:birth_year_claims", "kzfacts:acting", "kzfacts:end_derived_from",
        "kzfacts:note", "kzfacts:successor",
    }  # fmt: skip


def test_popolo_to_stdout_and_a_file_are_the_same_document(tmp_path: Path) -> None:
    target = tmp_path / "popolo.json"
    assert kz("export", "--format", "popolo", "-o", str(target)).code == 0
    r = kz("export", "--format", "popolo")
    assert r.code == 0 and r.json() == json.loads(target.read_text())
    dash = kz("export", "--format", "popolo", "-o", "-")
    assert dash.code == 0 and dash.out == r.out


def test_popolo_carries_a_user_overlay(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "people:\n  - id: test-person\n    name: Test Person\n    aliases: [T. Person]\n"
        "    citations: [{source: seed-001, quote: 'On 19 January 1992'}]\n"
        "terms:\n  - id: kz-ambassador-at-test-person-2030\n    post: kz-ambassador-at\n    person: test-person\n"
        "    start: '2030-02'\n    citations: [{source: seed-001, quote: 'On 19 January 1992'}]\n",
        encoding="utf-8",
    )
    r = kz("--data", str(mine), "export", "--format", "popolo")
    assert r.code == 0, r
    doc = r.json()
    m = next(m for m in doc["memberships"] if m["id"] == "kz-ambassador-at-test-person-2030")
    assert m["start_date"] == "2030-02" and "end_date" not in m and m["person_id"] == "test-person"
    p = next(p for p in doc["persons"] if p["id"] == "test-person")
    assert p["other_names"] == [{"name": "T. Person"}]
    assert "sources" not in p and p["kzfacts:citations"][0]["source"] == "seed-001"  # seed-001 has no address
