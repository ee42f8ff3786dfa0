"""The loader: the packaged base loads; every kind of invalid record is refused with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzfacts import load as loader
from kzfacts.errors import DataError

from .conftest import FIXTURES, kz, write


def test_packaged_base_loads_with_every_kind() -> None:
    base = loader.load()
    counts = base.counts()
    for kind in ("sources", "posts", "people", "terms", "events", "trade", "votes"):
        assert counts[kind] > 0, kind
    assert base.records["posts"]["kz-ambassador-uk"].label == "Ambassador of Kazakhstan to the United Kingdom"


def test_packaged_data_is_inside_the_package() -> None:
    assert loader.PACKAGE_DATA.is_dir()
    assert loader.PACKAGE_DATA.parent.name == "kzfacts"
    assert all(f.packaged for f in loader.packaged_files())


def test_a_valid_user_file_is_merged() -> None:
    base = loader.load([str(FIXTURES / "good.yaml")])
    ev = base.records["events"]["fixture-relations-1992"]
    assert ev.people == ("nursultan-nazarbayev",)
    assert ev.date[0].value == "1992-01-19"


def test_malformed_user_file_gives_one_line_per_error() -> None:
    r = kz("--data", str(FIXTURES / "bad.yaml"), "stats")
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 3, r.err
    assert all(line.startswith("kzfacts: error: ") and "bad.yaml:" in line for line in lines)
    assert "bad.yaml:3: " in lines[0] and "month 13" in lines[0]
    assert "bad.yaml:11: " in lines[1] and "no-such-source" in lines[1]
    assert "bad.yaml:16: " in lines[2] and "no quote" in lines[2]
    assert "Traceback" not in r.err and r.out == ""


def test_bad_indentation_names_the_line() -> None:
    r = kz("--data", str(FIXTURES / "bad-indent.yaml"), "who", "president")
    assert r.code == 2
    assert "bad-indent.yaml:4: invalid YAML" in r.err
    assert len(r.err.strip().splitlines()) == 1


INVALID = {
    "event without title": (
        "events:\n  - id: e1\n    date: '2018'\n    citations: [{source: seed-001, quote: 'x'}]\n",
        2,
        "missing required field 'title'",
    ),
    "event without citations": ("events:\n  - id: e1\n    date: '2018'\n    title: T\n", 2, "no citations"),
    "person unknown field": (
        "people:\n  - id: p1\n    name: P\n    nmae: typo\n    citations: [{source: seed-001, quote: 'x'}]\n",
        4,
        "unknown field 'nmae'",
    ),
    "term unknown post": (
        "terms:\n  - id: t1\n    post: kz-king\n    person: erlan-idrissov\n"
        "    citations: [{source: seed-001, quote: 'x'}]\n",
        3,
        "post 'kz-king' is not a known post id",
    ),
    "term ends before start": (
        "terms:\n  - id: t1\n    post: kz-president\n    person: erlan-idrissov\n"
        "    start: '2019'\n    end: '2010'\n    citations: [{source: seed-001, quote: 'x'}]\n",
        6,
        "ends (2010) before it starts (2019)",
    ),
    "trade value not a number": (
        "trade:\n  - id: tr1\n    indicator: turnover\n    period: '2017'\n    value: lots\n"
        "    citations: [{source: seed-001, quote: 'x'}]\n",
        5,
        "'value' must be a number",
    ),
    "vote bad type": (
        "votes:\n  - id: v1\n    type: coronation\n    date: '2018'\n    citations: [{source: seed-001, quote: 'x'}]\n",
        3,
        "type 'coronation' is not one of",
    ),
    "source without file": ("sources:\n  - id: s1\n    title: T\n", 2, "missing required field 'file'"),
    "bad id": (
        "events:\n  - id: Bad Id\n    date: '2018'\n    title: T\n    citations: [{source: seed-001, quote: 'x'}]\n",
        2,
        "must be lowercase",
    ),
    "duplicate id in user file": (
        "events:\n" + "  - {id: dup, date: '2018', title: T, citations: [{source: seed-001, quote: x}]}\n" * 2,
        3,
        "duplicate event id 'dup'",
    ),
    "unknown kind": ("rumours:\n  - id: r1\n", 1, "unknown kind 'rumours'"),
    "quote too long": (
        "events:\n  - id: e1\n    date: '2018'\n    title: T\n    citations:\n      - source: seed-001\n"
        "        quote: '" + "x" * 301 + "'\n",
        7,
        "the limit is 300",
    ),
    "claim without value": (
        "votes:\n  - id: v1\n    type: referendum\n    date: '2018'\n    turnout:\n"
        "      - citations: [{source: seed-001, quote: x}]\n    citations: [{source: seed-001, quote: x}]\n",
        6,
        "needs a value",
    ),
}


@pytest.mark.parametrize("name", list(INVALID))
def test_each_kind_of_invalid_record_names_its_line(name: str, tmp_path: Path) -> None:
    text, line, message = INVALID[name]
    path = write(tmp_path, "mine.yaml", text)
    with pytest.raises(DataError) as caught:
        loader.load([str(path)])
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in caught.value.problems), caught.value.problems
    r = kz("--data", str(path), "stats")
    assert r.code == 2 and message in r.err and "Traceback" not in r.err


def test_user_record_replaces_packaged_one_and_check_says_so(tmp_path: Path) -> None:
    path = write(
        tmp_path, "override.yaml",
        "posts:\n  - id: kz-president\n    label: Head of State of Kazakhstan\n    country: kz\n",
    )  # fmt: skip
    base = loader.load([str(path)])
    assert base.records["posts"]["kz-president"].label == "Head of State of Kazakhstan"
    assert any("replaces the packaged one" in r for r in base.replaced)
    r = kz("--data", str(path), "check", "--sources", str(tmp_path))
    assert "replaces the packaged one" in r.out


def test_env_var_adds_user_files(tmp_path: Path) -> None:
    r = kz("timeline", "--topic", "fixture-topic", "--json", env={"KZFACTS_DATA": str(FIXTURES / "good.yaml")})
    assert r.code == 0, r
    assert [e["id"] for e in r.json()] == ["fixture-relations-1992"]


# -- property: arbitrary YAML never escapes as anything but the error type --------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

KIND_KEYS = st.sampled_from(["events", "people", "terms", "trade", "votes", "sources", "posts", "other"])
FIELD_KEYS = st.sampled_from(["id", "date", "title", "citations", "source", "quote", "value", "post", "person",
                              "start", "end", "type", "results", "name", "share", "period", "indicator", "x"])  # fmt: skip
SCALARS = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats(allow_nan=False) | st.text(max_size=12)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(FIELD_KEYS, inner, max_size=4),
                      max_leaves=12)  # fmt: skip
DOCS = st.dictionaries(KIND_KEYS, st.lists(st.dictionaries(FIELD_KEYS, VALUES, max_size=6), max_size=3) | VALUES,
                       max_size=3) | VALUES  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(DOCS, st.booleans())
def test_loader_raises_only_the_error_type_on_arbitrary_documents(tmp_path: Path, doc: object, as_json: bool) -> None:
    import json

    import yaml

    path = tmp_path / ("fuzz.json" if as_json else "fuzz.yaml")
    path.write_text(json.dumps(doc) if as_json else yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        loader.load([str(path)])
    except DataError as exc:
        assert exc.problems and all(p.startswith(str(path)) for p in exc.problems), exc.problems


def test_a_new_measure_is_one_line_in_the_model(tmp_path: Path) -> None:
    """A kind described once: one `spec` line gives the loader's reading and checks, to_dict,
    from_dict and the index's links, with nothing else edited."""
    from kzfacts import model
    from kzfacts.inputs import InputFile
    from kzfacts.model import Claims
    from kzfacts.reader import Reader
    from kzfacts.schema import spec
    from kzfacts.struct import struct

    @struct
    class VoteWithSpoiled(model.Vote):
        spoiled: Claims = spec("claims", (), of="integer")  # the one line

    problems: list[str] = []
    ids = {k: set() for k in model.KINDS}
    ids["sources"].add("seed-001")
    reader = Reader(InputFile(tmp_path / "v.yaml", "v.yaml", packaged=False), ids, problems)
    m = {"id": "v", "type": "referendum", "date": "2018", "spoiled": 1234,
         "citations": [{"source": "seed-001", "quote": "q"}]}  # fmt: skip
    vote = reader.read(VoteWithSpoiled, m)
    assert problems == [] and [c.value for c in vote.spoiled] == [1234]
    assert VoteWithSpoiled.from_dict(vote.to_dict()).spoiled == vote.spoiled
    reader.read(VoteWithSpoiled, {**m, "spoiled": "many"})
    assert problems == ["v.yaml: 'spoiled' must be a number, not 'many'"]
    from kzfacts import tables

    fields = tables._scalar(tables._ordered(VoteWithSpoiled))
    columns = tables._columns(VoteWithSpoiled, fields)
    assert columns[-2:] == ["spoiled INTEGER", "spoiled_disputed INTEGER NOT NULL"]  # the export's column too
    assert tables._cells(vote, fields)[-2:] == [1234, 0]


def test_a_lean_load_reads_the_same_facts_as_a_full_one(tmp_path: Path) -> None:
    """Export's lean load parses user files twice (ids, then records) to hold less at once;
    what it reads, cross-file references and replacements included, is the same."""
    from kzfacts.load import load

    (tmp_path / "a.yaml").write_text(
        "sources:\n  - id: mine\n    title: Mine\n    file: mine.txt\n"
        "people:\n  - id: ann-example\n    name: Ann Example\n"
        "    citations: [{source: mine, quote: 'Ann Example'}]\n",
        encoding="utf-8",
    )
    (tmp_path / "b.json").write_text(
        '{"events": [{"id": "diplomatic-relations-established-1992", "date": "1992-01-19", "title": "Replaced",'
        ' "people": ["ann-example"], "citations": [{"source": "mine", "quote": "x"}]}]}',
        encoding="utf-8",
    )
    from kzfacts import model

    full, lean = load([str(tmp_path)]), load([str(tmp_path)], lean=True)
    for plural in model.KINDS:
        assert [r.to_dict() for r in lean.of(plural)] == [r.to_dict() for r in full.of(plural)], plural
    assert lean.replaced == full.replaced and len(lean.replaced) == 1
