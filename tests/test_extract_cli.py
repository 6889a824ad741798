"""The extract and merge commands: bad input, the written tables, --compare, corrections."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from inklusionsgraf.cli import cli
from inklusionsgraf.extract.compare import compare_dirs
from inklusionsgraf.tables import SPECS, read_dataset
from test_extract_layouts import GAZETTEER, OVERVIEW, PLAN, plan_docx


@pytest.fixture
def gazetteer(tmp_path):
    path = tmp_path / "gazetteer.csv"
    path.write_text(GAZETTEER, encoding="utf-8")
    return str(path)


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def write(directory, name, text):
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def extract(gazetteer, out, *files, extra=()):
    return invoke("extract", *files, "-o", out, "--gazetteer", gazetteer, *extra)


# -- bad input --------------------------------------------------------------------------

def test_bad_files_are_skipped_with_a_warning_and_the_rest_is_extracted(tmp_path, gazetteer):
    good = write(tmp_path, "plan.txt", PLAN)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    empty = write(tmp_path, "empty.txt", "\n \n")
    letter = write(tmp_path, "letter.txt", "Kære borger\n\nTak for dit brev om parken.\n")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Mål\tAktiviteter\n".encode("latin-1"))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out"
    result = extract(gazetteer, out, good, binary, empty, letter, latin1, broken)
    assert result.exit_code == 1
    err = result.stderr
    assert "scan.txt:2: binary file" in err
    assert "empty.txt:1: file is empty" in err
    # a letter is read (no layout is needed); that nothing was found in it is said
    assert "letter.txt:1: read, but found no goal, activity, amount or name in it" in err
    assert "latin1.txt:1: not UTF-8 text" in err
    assert "broken.docx:1: not a readable .docx file" in err
    assert "Traceback" not in result.output + err
    documents = read_dataset(out).rows("documents")
    assert [row["id"] for row in documents] == ["plan.txt", "letter.txt"]


def test_a_table_with_a_missing_column_is_named_with_its_line(tmp_path, gazetteer):
    # the plan without its cost column: header and rows lose their fifth cell
    lines = []
    for line in PLAN.split("\n"):
        cells = line.split("\t")
        if len(cells) == 6:
            del cells[4]
        lines.append("\t".join(cells))
    plan = write(tmp_path, "plan.txt", "\n".join(lines))
    out = tmp_path / "out"
    result = extract(gazetteer, out, plan)
    assert result.exit_code == 1
    assert "plan.txt:5: action-plan table has no column for cost" in result.stderr
    activities = read_dataset(out).rows("activities")
    assert len(activities) == 5 and all(row["cost_min_dkk"] is None for row in activities)


def test_a_table_without_its_activities_column_is_skipped(tmp_path, gazetteer):
    plan = write(tmp_path, "plan.txt", PLAN.replace("Hvilke aktiviteter sætter vi i gang?", "Hvad gør vi?"))
    out = tmp_path / "out"
    result = extract(gazetteer, out, plan, write(tmp_path, "oversigt.txt", OVERVIEW))
    assert result.exit_code == 1
    assert "plan.txt:5: action-plan table has no column for activities" in result.stderr
    assert "the table is skipped" in result.stderr
    titles = {row["title"] for row in read_dataset(out).rows("activities")}
    assert "Parkpleje med løntilskud" in titles  # the other document was read
    assert "Mentorordning for nyansatte unge" not in titles


def test_a_short_row_is_skipped_with_its_line(tmp_path, gazetteer):
    plan = write(tmp_path, "plan.txt", PLAN.replace("\t<p>Kr. 0</p>\t<p>-</p>", ""))
    result = extract(gazetteer, tmp_path / "out", plan)
    assert result.exit_code == 1
    assert "plan.txt:9: table row has 4 cells, the header on line 5 has 6; row skipped" in result.stderr


# -- what is written --------------------------------------------------------------------

def test_output_validates_and_answers_the_gap_queries(tmp_path, gazetteer):
    docs = tmp_path / "docs"
    docs.mkdir()
    files = [write(docs, "plan.txt", PLAN), write(docs, "oversigt.txt", OVERVIEW),
             plan_docx(tmp_path / "plan2.docx")]
    out = tmp_path / "out"
    result = extract(gazetteer, out, *files)
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stderr and "candidates.csv" in result.stderr
    for spec in SPECS:
        assert (out / spec.file).is_file()
    assert (out / "candidates.csv").is_file()
    assert (out / "sources" / "plan2.docx.txt").is_file()
    assert not list(out.glob(".*tmp"))
    check = invoke("--data", out, "validate", "--sources", docs)
    # the two .txt documents' quotes stand on their lines; the .docx is not in docs/
    # (its quotes are checked against its text in test_extract_layouts)
    assert "plan2.docx' not found" in check.stderr
    assert "plan.txt" not in check.stderr and "oversigt.txt" not in check.stderr
    assert invoke("--data", out, "validate").exit_code == 0
    for query in (["gaps", "unfunded"], ["gaps", "orphans"], ["gaps", "unlinked"]):
        run = invoke("--data", out, *query, "--format", "json")
        assert run.exit_code == 0, run.stderr
    orphans = json.loads(invoke("--data", out, "gaps", "orphans", "--format", "json").stdout)
    titles = {row["title"] for row in orphans["rows"]}
    # Mål 4 is supported by a sub-goal that has an activity; the plan's goals have activities
    assert "Flere unge i fritidsjob" not in titles


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found at {SEEDS}")
def test_the_seed_documents_extract_into_a_valid_dataset(tmp_path):
    out = tmp_path / "out"
    result = invoke("extract", *sorted(SEEDS.glob("*.txt")), "-o", out)
    assert result.exit_code == 0, result.stderr
    assert invoke("--data", out, "validate", "--sources", SEEDS).exit_code == 0
    assert invoke("--data", out, "gaps", "unfunded").exit_code == 0


# -- compare ----------------------------------------------------------------------------

def test_compare_reports_added_changed_and_no_longer_found(tmp_path, gazetteer):
    first = tmp_path / "first"
    assert extract(gazetteer, first, write(tmp_path, "plan.txt", PLAN)).exit_code == 0
    revised = PLAN.replace("1,2 mio. kr. årligt", "1,5 mio. kr. årligt").replace(
        "<p>Mentorordning for nyansatte unge.</p>", "<p>Sommerjob i kommunen.</p>")
    second = tmp_path / "second"
    result = extract(gazetteer, second, write(tmp_path / "second", "plan.txt", revised)
                     if (tmp_path / "second").mkdir() is None else None,
                     extra=("--compare", first, "--format", "json"))
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == compare_dirs(second, first).to_dict()
    activities = report["activities"]
    assert [key for key in activities["added"] if "sommerjob" in key]
    assert [key for key in activities["no_longer_found"] if "mentorordning" in key]
    changed = {c["key"]: c["columns"] for c in activities["changed"]}
    job = next(v for k, v in changed.items() if "jobformidling" in k)
    assert job["cost_min_dkk"] == [1200000, 1500000]
    text = extract(gazetteer, tmp_path / "third", tmp_path / "second" / "plan.txt",
                   extra=("--compare", first)).stdout
    assert "no longer found" in text and "cost_min_dkk: '1200000' -> '1500000'" in text


# -- merge and corrections --------------------------------------------------------------

def test_a_correction_survives_two_merges(tmp_path, gazetteer):
    plan = write(tmp_path, "plan.txt", PLAN)
    first, second = tmp_path / "first", tmp_path / "second"
    assert extract(gazetteer, first, plan).exit_code == 0
    dataset = tmp_path / "dataset"
    shutil.copytree(first, dataset)
    job = next(row for row in read_dataset(dataset).rows("activities")
               if row["title"].startswith("Jobformidling"))
    assert job["status"] is None
    (dataset / "corrections.csv").write_text(
        "table,key,column,value,reason\n"
        f"activities,{job['id']},status,ongoing,the plan says it runs now\n"
        f"funds,funding:vestfonden -> {job['id']},status,sought,applied for; not granted\n",
        encoding="utf-8")
    for out in (first, second):
        if out is second:
            assert extract(gazetteer, second, plan).exit_code == 0
        result = invoke("merge", out, "--into", dataset)
        assert result.exit_code == 0, result.stderr
        assert "2 correction(s) applied" in result.stderr
        merged = read_dataset(dataset)
        row = next(r for r in merged.rows("activities") if r["id"] == job["id"])
        assert row["status"] == "ongoing"
        fund = next(r for r in merged.rows("funds") if r["target"] == job["id"])
        assert fund["status"] == "sought"
    # the extraction itself still says what the document says
    assert next(r for r in read_dataset(second).rows("activities") if r["id"] == job["id"])["status"] is None


def test_merge_adds_new_rows_and_keeps_the_rest(tmp_path, gazetteer):
    plan_out, overview_out = tmp_path / "a", tmp_path / "b"
    assert extract(gazetteer, plan_out, write(tmp_path, "plan.txt", PLAN)).exit_code == 0
    assert extract(gazetteer, overview_out, write(tmp_path, "oversigt.txt", OVERVIEW)).exit_code == 0
    dataset = tmp_path / "dataset"
    shutil.copytree(plan_out, dataset)
    before = len(read_dataset(dataset).rows("activities"))
    result = invoke("merge", overview_out, "--into", dataset)
    assert result.exit_code == 0, result.stderr
    merged = read_dataset(dataset)
    assert len(merged.rows("activities")) == before + 3
    assert {row["id"] for row in merged.rows("documents")} == {"plan.txt", "oversigt.txt"}


def test_a_merge_that_would_break_the_dataset_writes_nothing(tmp_path, gazetteer):
    out = tmp_path / "out"
    assert extract(gazetteer, out, write(tmp_path, "plan.txt", PLAN)).exit_code == 0
    dataset = tmp_path / "dataset"
    shutil.copytree(out, dataset)
    job = next(row["id"] for row in read_dataset(dataset).rows("activities"))
    (dataset / "corrections.csv").write_text(
        f"table,key,column,value,reason\nactivities,{job},status,bogus,typo\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in dataset.iterdir()}
    result = invoke("merge", out, "--into", dataset)
    assert result.exit_code == 2
    assert "status 'bogus' is not one of" in result.stderr
    assert "nothing was written" in result.stderr
    assert {p.name: p.read_bytes() for p in dataset.iterdir()} == before


def test_a_bad_corrections_file_names_its_line(tmp_path, gazetteer):
    out = tmp_path / "out"
    assert extract(gazetteer, out, write(tmp_path, "plan.txt", PLAN)).exit_code == 0
    fixes = write(tmp_path, "fixes.csv", "table,key,column,value,reason\n"
                  "activities,activity:x,colour,red,no such column\n")
    result = invoke("merge", out, "--into", out, "--corrections", fixes)
    assert result.exit_code == 2
    assert "fixes.csv:2: activities has no column 'colour'" in result.stderr


def test_a_bad_gazetteer_is_a_data_error_and_nothing_is_written(tmp_path):
    bad = write(tmp_path, "gazetteer.csv", "kind,id,name,name_type,parent\nfunding,vestfonden,Vestfonden,name,\n")
    out = tmp_path / "out"
    result = invoke("extract", write(tmp_path, "plan.txt", PLAN), "-o", out, "--gazetteer", bad)
    assert result.exit_code == 2
    assert "gazetteer.csv:2:" in result.stderr
    assert not out.exists()


def test_compare_counts_a_value_only_where_the_extraction_states_one():
    from inklusionsgraf.extract.compare import compare_tables

    dataset = {"activities": [{"id": "activity:a", "title": "A", "status": "ongoing",
                               "aliases": ["Aa"], "document": "d.txt"},
                              {"id": "activity:b", "title": "B", "document": "d.txt"},
                              {"id": "activity:c", "title": "C", "document": "other.txt"}]}
    extracted = {"activities": [{"id": "activity:a", "title": "A", "status": None, "aliases": [],
                                 "document": "d.txt"}]}
    table = compare_tables(extracted, dataset).tables["activities"]
    assert (table.unchanged, table.changed, table.added) == (1, [], [])
    assert table.missing == ["activity:b"]  # c's document was not extracted


def test_an_output_path_that_is_a_file_is_an_error_not_a_traceback(tmp_path, gazetteer):
    taken = write(tmp_path, "out", "a file, not a directory")
    result = extract(gazetteer, taken, write(tmp_path, "plan.txt", PLAN))
    assert result.exit_code == 2
    assert "is a file" in result.stderr and "Traceback" not in result.stderr


def test_a_text_file_that_starts_like_a_zip_name_is_read_as_text(tmp_path, gazetteer):
    plan = write(tmp_path, "plan.txt", "PK" + PLAN)
    result = extract(gazetteer, tmp_path / "out", plan)
    assert result.exit_code == 0, result.stderr
