"""A review a person can do: --compare shows every change with titles, values and quotes and
flags probable duplicates; merge keeps the provenance of rows whose content is the same and
says what it replaced. Documents made up for these tests (the labels the layout-free pass
reads), as .txt.
"""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from inklusionsgraf.cli import cli
from inklusionsgraf.extract.compare import compare_tables
from inklusionsgraf.tables import read_dataset

GAZETTEER = "kind,id,name,name_type,parent\narea,area:nordby,Nordby,name,\n"
NAMES = [f"Værksted nummer {n}" for n in range(1, 13)]
FIRST = "".join(f"Aktivitet: {name}\n" for name in NAMES) + "Aktivitet: Sommerfest\n0,2 mio. kr.\n"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def extract(tmp_path, out, name, text, *extra):
    docs = tmp_path / f"docs-{out}"
    docs.mkdir(exist_ok=True)
    (docs / name).write_text(text, encoding="utf-8")
    gazetteer = tmp_path / "gazetteer.csv"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    return invoke("extract", docs / name, "-o", tmp_path / out, "--gazetteer", gazetteer, *extra)


def test_compare_shows_every_row_with_its_title_and_quote_and_each_change_before_and_after(
        tmp_path):
    assert extract(tmp_path, "first", "plan.txt", "Indhold\n").exit_code == 1  # nothing found
    second = ("Indhold\n\n" + FIRST).replace("Sommerfest\n0,2 mio. kr.", "Sommerfest\n0,3 mio. kr.")
    result = extract(tmp_path, "second", "plan.txt", FIRST)
    assert result.exit_code == 0, result.stderr
    text = extract(tmp_path, "third", "plan.txt", second, "--compare", tmp_path / "second").stdout
    # all rows, not the first few: the twelve workshops are unchanged, the party changed
    assert "activities: changed (1)" in text
    assert "'Sommerfest'" in text
    assert "    cost_min_dkk: '200000' -> '300000'" in text
    assert "    quote: 'Sommerfest' (plan.txt:13) -> 'Sommerfest' (plan.txt:15)" in text
    added = extract(tmp_path, "fourth", "plan.txt", FIRST, "--compare", tmp_path / "first").stdout
    assert "activities: added (13)" in added
    for name in NAMES:
        assert f"'{name}'  '{name}' (plan.txt:" in added
    assert "..." not in added


def test_an_added_node_with_the_code_and_title_of_another_is_a_probable_duplicate():
    old = {"goals": [{"id": "goal:x-1", "title": "Flere i job", "code": "Mål 1", "level": "sub_goal",
                      "document": "d.txt", "line": 3, "quote": "Flere i job"}]}
    new = {"goals": [{"id": "goal:y-1", "title": "Flere  i job", "code": "Mål 1", "level": "sub_goal",
                      "document": "d.txt", "line": 5, "quote": "Flere i job"},
                     {"id": "goal:y-2", "title": "Flere i job", "code": "Mål 2", "level": "sub_goal",
                      "document": "d.txt", "line": 6, "quote": "Flere i job"}]}
    comparison = compare_tables(new, old)
    goals = comparison.tables["goals"]
    assert goals.duplicates == {"goal:y-1": "goal:x-1"}
    assert "probable duplicate of goal:x-1 (same code and title)" in comparison.summary()
    assert comparison.to_dict()["goals"]["probable_duplicates"] == {"goal:y-1": "goal:x-1"}


def test_merge_keeps_the_provenance_of_an_unchanged_row_and_says_what_it_replaced(tmp_path):
    assert extract(tmp_path, "first", "plan.txt", FIRST).exit_code == 0
    dataset = tmp_path / "dataset"
    shutil.copytree(tmp_path / "first", dataset)
    # the same facts two lines further down, and the party's cost changed
    second = ("Indhold\n\n" + FIRST).replace("0,2 mio. kr.", "0,3 mio. kr.")
    assert extract(tmp_path, "second", "plan.txt", second).exit_code == 0
    before = {r["id"]: r for r in read_dataset(dataset).rows("activities")}
    result = invoke("merge", tmp_path / "second", "--into", dataset)
    assert result.exit_code == 0, result.stderr
    after = {r["id"]: r for r in read_dataset(dataset).rows("activities")}
    workshop = next(i for i, r in after.items() if r["title"] == NAMES[0])
    assert (after[workshop]["line"], after[workshop]["quote"]) == (
        before[workshop]["line"], before[workshop]["quote"])
    party = next(i for i, r in after.items() if r["title"] == "Sommerfest")
    assert after[party]["cost_min_dkk"] == 300000 and after[party]["line"] == 15
    assert (f"replaced activities {party}: cost_min_dkk: 200000 -> 300000; cost_max_dkk: 200000 "
            "-> 300000; cost_text: '0,2 mio. kr.' -> '0,3 mio. kr.'; line: 13 -> 15") in result.stderr
    assert f"replaced activities {workshop}" not in result.stderr
    assert "1 replaced" in result.stderr and "unchanged (provenance kept)" in result.stderr


def test_merge_of_the_same_extraction_twice_changes_nothing(tmp_path):
    assert extract(tmp_path, "first", "plan.txt", FIRST).exit_code == 0
    dataset = tmp_path / "dataset"
    shutil.copytree(tmp_path / "first", dataset)
    result = invoke("merge", tmp_path / "first", "--into", dataset)
    assert result.exit_code == 0 and "replaced activities" not in result.stderr
    assert "0 replaced" in result.stderr

