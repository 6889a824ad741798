"""The gazetteer: loading data/gazetteer.csv, finding known names, proposing unknown ones.

The names here are invented for the tests (a town with an "Alfa" administration), except in
the tests of the bundled gazetteer, which check it against the curated tables beside it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inklusionsgraf.errors import DataError
from inklusionsgraf.extract.gazetteer import (
    COLUMNS,
    Entry,
    Gazetteer,
    entries_from_dataset,
    read_entries,
    write_entries,
)
from inklusionsgraf.tables import bundled_data_dir, read_dataset

TOWN = """kind,id,name,name_type,parent
administration,admin:alf,Alfaforvaltningen,name,
administration,admin:alf,ALF,abbreviation,
administration,admin:park,Park- og Vejforvaltningen,name,
administration,admin:park,PVF,abbreviation,
funding,funding:havnefonden,Havnefonden,name,
funding,funding:havnefonden,HF,abbreviation,
funding,funding:ramme,ALF's ramme,name,
area,area:by,Ålborg-Øst,name,
area,area:havn,Havn,name,area:by
area,area:ostre-havn,Østre Havn,name,area:havn
area,area:ostre-havn,Den østlige havn,alias,
area,area:kaj,Kaj 7,name,area:havn|area:by
"""


@pytest.fixture
def town(tmp_path) -> Gazetteer:
    path = tmp_path / "gazetteer.csv"
    path.write_text(TOWN, encoding="utf-8")
    return Gazetteer.load(path)


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.entry.id, text[m.start:m.end]) for m in gazetteer.find(text)]


# --- loading ------------------------------------------------------------------------------

def test_load_reads_every_row_and_looks_up_ids(town):
    assert len(town.entries) == 12
    assert town.entry("admin:alf").name == "Alfaforvaltningen"
    assert [e.name for e in town.names("admin:alf")] == ["Alfaforvaltningen", "ALF"]
    assert town.entry("area:nowhere") is None


def test_parents_several_and_shared_by_every_row_of_an_area(town):
    assert town.entry("area:kaj").parents == ("area:havn", "area:by")
    assert town.entry("area:kaj").parent == "area:havn"
    alias = [e for e in town.names("area:ostre-havn") if e.name_type == "alias"][0]
    assert alias.parent == "area:havn"  # given only on the name row


@pytest.mark.parametrize("row, message", [
    ("place,area:x,X-by,name,", "kind 'place' is not one of"),
    ("area,admin:x,X-by,name,", "id 'admin:x' should look like 'area:"),
    ("area,area:x,,name,", "'name' is empty"),
    ("area,area:x,X-by,nickname,", "name_type 'nickname' is not one of"),
    ("funding,funding:x,X-fonden,name,area:by", "only areas have a parent"),
    ("area,area:x,X-by,name,area:atlantis", "parent 'area:atlantis' is not an area id"),
    ("area,area:x,havn,alias,", "name 'havn' already names 'area:havn' (line 10)"),
    ("area,area:x,X-by", "row has 3 fields, the header has 5"),
    ("area,area:ostre-havn,Østhavnen,alias,area:by", "differs from line 11"),
])
def test_a_bad_row_is_named_by_file_and_line(tmp_path, row, message):
    path = tmp_path / "gazetteer.csv"
    path.write_text(TOWN + row + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Gazetteer.load(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path) and problem.line == 14
    assert message in problem.message


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"kind,id,name\nadministration,admin:a,A\n", "missing column(s) name_type, parent"),
    (b"kind;id;name;name_type;parent\n", "separate the columns with commas"),
    (b"kind,id,name,name_type,parent\narea,area:x,\xff\xfe,name,\n", "not UTF-8"),
])
def test_a_broken_file_is_named(tmp_path, content, message):
    path = tmp_path / "gazetteer.csv"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Gazetteer.load(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match="gazetteer not found"):
        Gazetteer.load(tmp_path / "none.csv")


def test_write_then_read_gives_the_same_entries(town, tmp_path):
    path = write_entries(tmp_path / "copy.csv", town.entries)
    assert read_entries(path) == town.entries
    assert not list(tmp_path.glob(".*.tmp"))


# --- finding known names ------------------------------------------------------------------

def test_names_match_in_any_case_abbreviations_only_in_their_own(town):
    text = "ALFAFORVALTNINGEN og alfaforvaltningen; ALF men ikke alf eller Alf"
    assert found(town, text) == [("admin:alf", "ALFAFORVALTNINGEN"), ("admin:alf", "alfaforvaltningen"),
                                 ("admin:alf", "ALF")]


def test_word_boundaries_hold_for_danish_letters(town):
    assert found(town, "Havnegade og Ålborg-Østs skoler, ikke Ålborg-Østerby") == [
        ("area:by", "Ålborg-Østs")]
    assert found(town, "HFØ og ØHF og HF-midler") == [("funding:havnefonden", "HF")]


def test_genitive_forms_are_mentions(town):
    text = "ALF's plan, Havnefondens midler og Havns kajer; ALF’s budget"
    assert found(town, text) == [("admin:alf", "ALF's"), ("funding:havnefonden", "Havnefondens"),
                                 ("area:havn", "Havns"), ("admin:alf", "ALF’s")]


def test_the_longest_name_wins_and_mentions_never_overlap(town):
    text = "I Østre Havn ved Kaj 7 bruges ALF's ramme, ikke ALF alene."
    assert found(town, text) == [("area:ostre-havn", "Østre Havn"), ("area:kaj", "Kaj 7"),
                                 ("funding:ramme", "ALF's ramme"), ("admin:alf", "ALF")]


def test_names_with_spaces_match_across_extra_spaces_but_not_across_cells(town):
    assert found(town, "Østre  Havn") == [("area:ostre-havn", "Østre  Havn")]
    assert found(town, "Østre\tHavn") == [("area:havn", "Havn")]


def test_typographic_hyphens_and_apostrophes_from_word_files_match(town):
    assert found(town, "Park‑ og Vejforvaltningen bruger ALF’s ramme") == [
        ("admin:park", "Park‑ og Vejforvaltningen"), ("funding:ramme", "ALF’s ramme")]


def test_elided_compound_names_match_whole(town):
    assert found(town, "Park- og Vejforvaltningen (PVF) har ansvaret") == [
        ("admin:park", "Park- og Vejforvaltningen"), ("admin:park", "PVF")]


# --- candidates -----------------------------------------------------------------------------

def candidates(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(c.cue, c.name) for c in gazetteer.candidates(text)]


def test_unknown_names_after_cues_are_candidates(town):
    text = ("Projektet finansieres af Betafonden og gennemføres i Nordkvarteret i samarbejde med "
            "Center for Ny Integration. Midlerne kommer via Gamma-puljen.")
    assert candidates(town, text) == [("finansieres af", "Betafonden"), ("i", "Nordkvarteret"),
                                      ("i samarbejde med", "Center for Ny Integration"),
                                      ("via", "Gamma-puljen")]


def test_known_names_and_common_words_are_no_candidates(town):
    text = "Det finansieres af Havnefonden og ALF i Østre Havn. Det sker i Marts, jf. Bilag 2 i Mål 3."
    assert candidates(town, text) == []


def test_a_list_after_a_cue_gives_one_candidate_per_name(town):
    text = "med støtte fra Deltafonden, Epsilon og Zeta-fonden"
    assert candidates(town, text) == [("med støtte fra", "Deltafonden"), ("med støtte fra", "Epsilon"),
                                      ("med støtte fra", "Zeta-fonden")]


def test_and_joins_a_name_only_inside_it(town):
    text = ("midler fra Ministeriet for Kunst, Kultur og Kirke samt fra By- og Landskabsstyrelsen "
            "og Tau")
    assert candidates(town, text) == [("midler fra", "Ministeriet for Kunst, Kultur og Kirke"),
                                      ("fra", "By- og Landskabsstyrelsen"), ("fra", "Tau")]


def test_numbers_belong_to_a_name_and_cells_end_it(town):
    assert candidates(town, "i Kvarter 12\tBudget") == [("i", "Kvarter 12")]


def test_candidate_spans_point_into_the_text(town):
    text = "Indsatsen støttes af Omegafonden."
    (candidate,) = town.candidates(text)
    assert text[candidate.start:candidate.end] == candidate.name == "Omegafonden"


# --- robustness -----------------------------------------------------------------------------

@settings(max_examples=200)
@given(st.text())
def test_find_and_candidates_never_raise(text):
    gazetteer = Gazetteer([Entry("area", "area:a", "Ålborg-Øst"), Entry("funding", "funding:b", "HF",
                                                                        "abbreviation")])
    mentions = gazetteer.find(text)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
    for candidate in gazetteer.candidates(text):
        assert text[candidate.start:candidate.end] == candidate.name


# --- the bundled gazetteer --------------------------------------------------------------------

def test_the_bundled_gazetteer_loads_and_names_only_nodes_of_the_dataset():
    gazetteer = Gazetteer.load()
    dataset = read_dataset(bundled_data_dir())
    kinds = {"administrations": "administration", "funding_sources": "funding", "areas": "area"}
    nodes = {row["id"]: kind for table, kind in kinds.items() for row in dataset.rows(table)}
    assert gazetteer.entries
    for entry in gazetteer.entries:
        assert nodes.get(entry.id) == entry.kind, entry


def test_the_bundled_area_parents_are_the_datasets_located_in_rows():
    gazetteer = Gazetteer.load()
    dataset = read_dataset(bundled_data_dir())
    edges = {(r["source"], r["target"]) for r in dataset.rows("located_in")}
    pairs = {(e.id, p) for e in gazetteer.entries for p in e.parents}
    area_edges = {(s, t) for s, t in edges if s.startswith("area:") and t.startswith("area:")}
    assert pairs == area_edges


def test_every_administration_funding_source_and_area_of_the_dataset_has_a_name():
    gazetteer = Gazetteer.load()
    dataset = read_dataset(bundled_data_dir())
    assert {e.id for e in gazetteer.entries} == {e.id for e in entries_from_dataset(dataset)}


def test_the_bundled_gazetteer_has_the_documented_columns():
    header = (bundled_data_dir() / "gazetteer.csv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == COLUMNS


def test_a_slash_in_a_name_matches_with_spaces_around_it():
    g = Gazetteer([Entry("area", "area:ab", "Alfa/Beta")])
    assert found(g, "i Alfa/ Beta og Alfa / Beta") == [("area:ab", "Alfa/ Beta"),
                                                      ("area:ab", "Alfa / Beta")]
