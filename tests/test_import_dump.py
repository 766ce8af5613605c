"""The model → YAML writer (`generator/dump.py`) is the inverse of the loader:
load(dump(x)) == x for every bundled document and for any model hypothesis makes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import model as m


def reload(document):
    from generator.dump import dump
    from generator.load import read_document
    from generator.yamlnodes import parse

    problems: list = []
    result = read_document(parse(dump(document), "x.yaml"), problems)
    assert not problems, problems
    return result


def test_every_bundled_document_survives_dump_and_load(departments):
    count = 0
    for dep in departments.values():
        for document in (dep.organization, *dep.documents):
            assert reload(document) == document
            count += 1
    assert count >= 12


# --- any model ------------------------------------------------------------------------------

WORDS = (
    st.text(
        alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ0123456789 .,;:()«»\"'–-№/",
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
OPTIONAL = st.none() | WORDS
IDENT = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
BLOCK = st.one_of(
    WORDS.map(m.Paragraph),
    st.builds(m.Bullets, st.lists(WORDS, min_size=1, max_size=3).map(tuple), st.sampled_from(["–", "-", "•", ""])),
    WORDS.map(m.Heading),
    st.builds(m.Lead, WORDS, st.just("") | WORDS),
)
TEXT = st.lists(BLOCK, min_size=1, max_size=3).map(tuple)
SIGNATURE = st.builds(m.Signature, st.lists(WORDS, min_size=1, max_size=2).map(tuple), WORDS)
EDITION = st.builds(m.Edition, st.none() | IDENT, st.sampled_from(["original", "new", "amendment"]), st.booleans())


def measures(depth: int = 1):
    children = st.just(()) if depth >= 3 else st.lists(st.deferred(lambda: measures(depth + 1)), max_size=2).map(tuple)
    return st.builds(
        m.Measure,
        TEXT,
        OPTIONAL,
        st.lists(WORDS, max_size=3).map(tuple),
        st.none() | IDENT,
        OPTIONAL,
        OPTIONAL,
        children,
        reason=OPTIONAL,
    )


SECTION = st.builds(
    m.Section,
    WORDS,
    st.none() | IDENT,
    OPTIONAL,
    st.booleans(),
    st.lists(st.builds(m.PassportBlock, WORDS, st.just(()) | TEXT), max_size=2).map(tuple),
    st.lists(measures(), max_size=3).map(tuple),
    st.lists(st.builds(m.Section, WORDS, measures=st.lists(measures(), max_size=2).map(tuple)), max_size=2).map(tuple),
)
PLAN = st.builds(
    m.Plan,
    IDENT,
    WORDS,
    st.lists(SECTION, min_size=1, max_size=3).map(tuple),
    columns=st.lists(WORDS, min_size=4, max_size=4).map(
        lambda titles: tuple(dataclasses.replace(c, title=t) for c, t in zip(m.DEFAULT_COLUMNS, titles))
    )
    | st.just(m.DEFAULT_COLUMNS),
    period=st.none() | st.tuples(st.integers(2000, 2040), st.integers(2000, 2040)),
    note=st.none() | st.builds(m.Note, OPTIONAL, TEXT),
    table_title=OPTIONAL,
    column_numbers=st.booleans(),
    responsible_separator=st.sampled_from([", ", "\n", "; "]),
    numbering=st.builds(
        m.Numbering,
        st.sampled_from(["numbered", "unnumbered"]),
        st.sampled_from(["hierarchical", "restart"]),
        st.booleans(),
    ),
    table_per_section=st.booleans(),
    signature=st.none() | SIGNATURE,
    edition=EDITION,
)


def clauses(depth: int = 1):
    children = st.just(()) if depth >= 3 else st.lists(st.deferred(lambda: clauses(depth + 1)), max_size=2).map(tuple)
    return st.builds(
        m.Clause,
        TEXT,
        st.lists(st.builds(m.Definition, WORDS, WORDS), max_size=2).map(tuple),
        children,
        OPTIONAL,
        st.none() | IDENT,
    )


REGULATION = st.builds(
    m.Regulation,
    IDENT,
    WORDS,
    st.lists(
        st.builds(
            m.Chapter,
            WORDS,
            st.just(()) | TEXT,
            st.lists(clauses(), max_size=3).map(tuple),
            OPTIONAL,
            st.none() | IDENT,
        ),
        min_size=1,
        max_size=3,
    ).map(tuple),
    st.booleans(),
    st.none() | SIGNATURE,
    EDITION,
)


def points(depth: int = 1):
    children = st.just(()) if depth >= 3 else st.lists(st.deferred(lambda: points(depth + 1)), max_size=2).map(tuple)
    return st.builds(m.Point, TEXT, children)


ORDER = st.builds(
    m.Order,
    IDENT,
    st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    WORDS,
    WORDS,
    st.lists(points(), min_size=1, max_size=3).map(tuple),
    IDENT,
    st.just(()) | TEXT,
    st.lists(
        st.builds(
            m.AnnexRef,
            IDENT,
            st.none() | st.sampled_from(["annex", "approved"]),
            st.lists(WORDS, max_size=3).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
)
ORGANIZATION = st.builds(
    m.Organization,
    WORDS,
    WORDS,
    st.lists(WORDS, min_size=1, max_size=3).map(tuple),
    OPTIONAL,
    OPTIONAL,
    st.builds(
        m.Style, WORDS, WORDS, st.sampled_from(["numeric", "long", "long_zero"]), st.sampled_from(["annex", "approved"])
    ),
    st.lists(st.tuples(IDENT, SIGNATURE), max_size=2, unique_by=lambda t: t[0]).map(tuple),
    st.lists(st.builds(m.Unit, WORDS, OPTIONAL), max_size=3).map(tuple),
)


@pytest.mark.parametrize(
    "strategy", [PLAN, REGULATION, ORDER, ORGANIZATION], ids=["plan", "regulation", "order", "organization"]
)
def test_load_of_dump_is_identity(strategy):
    @settings(max_examples=60, deadline=None)
    @given(strategy)
    def check(document):
        assert reload(document) == document

    check()


def test_show_yaml_prints_what_loads_back(tmp_path, departments):
    """`prikaz show --yaml` of every file of a folder, written to another folder, loads equal."""
    from conftest import run_prikaz

    from generator.load import load

    source = departments["novosibirsk"]
    folder = tmp_path / "copy"
    folder.mkdir()
    files = ["organization.yaml"] + [f"{d.id}.yaml" for d in source.documents]
    for name in files:
        result = run_prikaz("show", "--yaml", f"content/novosibirsk/{name}")
        assert result.returncode == 0, result.stderr
        (folder / name).write_text(result.stdout, encoding="utf-8")
    copy = load([str(folder)], check_seals=False)[0]  # seals sum the YAML as written, not the model
    assert copy.organization == source.organization
    assert sorted(copy.documents, key=lambda d: d.id) == sorted(source.documents, key=lambda d: d.id)
