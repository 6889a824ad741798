"""Lineage and changes on the two plan versions of tests/two_plans.py, worked by hand, and
through the command line (its JSON is the library's result)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from conftest import write_dataset
from test_cli import run
from inklusionsgraf import load_graph, queries
from inklusionsgraf.cli import cli
from inklusionsgraf.errors import AmbiguousName, InklusionsgrafError
from inklusionsgraf.lineage import changes, lineage
from two_plans import TWO_PLANS

EE_REASON = TWO_PLANS["same_as"][0]["reason"]


def cells(result, *columns):
    return [tuple(row[c] for c in columns) for row in result.rows]


# --- lineage ---------------------------------------------------------------------------------

def test_lineage_of_alfas_goal_follows_it_into_betas_plan(two_plans):
    """Alfa's Mål 1a (2010, line 3) was moved to Beta's 2013 sub-goal (line 6); the 2013
    plan says so on line 20."""
    result = lineage(two_plans, "Flere iværksættere")
    assert cells(result, "id", "code", "administration", "document", "year", "stated") == [
        ("goal:alfa-2010-1a", "Mål 1a", "AF", "Alfa handleplan 2010", 2010, "plan-2010.txt:3"),
        ("goal:beta-2013-1", "", "BF", "Beta handleplan 2013", 2013, "plan-2013.txt:6"),
    ]
    assert cells(result, "link", "linked_to", "quote", "reason", "where") == [
        ("", "", "", "", ""),
        ("moved", "goal:alfa-2010-1a", "flyttet fra Alfas handleplan", "", "plan-2013.txt:20"),
    ]
    assert result.summary == {"node": "goal:alfa-2010-1a", "title": "Flere iværksættere", "kind": "goal",
                              "first": "goal:alfa-2010-1a", "latest": "goal:beta-2013-1", "steps": 2,
                              "documents": 2}


def test_lineage_of_the_ee_activity_is_two_statements_joined_by_same_as(two_plans):
    """One activity told in 2010 and in 2013; no line says so, the same_as row gives a
    reason. The unit EH answers for it in both, housed by Alfa in 2010 and by Beta in 2013."""
    result = lineage(two_plans, "EE-indsatsen")
    assert result.summary["node"] == "activity:beta-2013-ee"
    assert cells(result, "id", "administration", "year", "link", "linked_to", "reason", "where") == [
        ("activity:alfa-2010-ee", "EH, AF", 2010, "", "", "", ""),
        ("activity:beta-2013-ee", "EH, BF", 2013, "same_as", "activity:alfa-2010-ee", EE_REASON, ""),
    ]


def test_a_name_that_picks_statements_of_one_line_gives_the_latest(two_plans):
    """'iværksættere' is part of both goals' titles; they are one line, so the 2013 one."""
    result = lineage(two_plans, "iværksættere")
    assert result.summary["node"] == "goal:beta-2013-1"
    assert [r["id"] for r in result.rows] == ["goal:alfa-2010-1a", "goal:beta-2013-1"]


def test_a_name_that_picks_two_different_things_stays_ambiguous(two_plans):
    """'Etnisk Erhvervsfremme' names the 2010 activity and the funding source: two lines."""
    with pytest.raises(AmbiguousName):
        lineage(two_plans, "Etnisk Erhvervsfremme")


def test_a_node_without_links_is_a_line_of_one(two_plans):
    result = lineage(two_plans, "Klubben")
    assert cells(result, "id", "link", "year") == [("activity:beta-2013-klub", "", 2013)]
    assert result.summary["first"] == result.summary["latest"] == "activity:beta-2013-klub"


def test_steps_are_in_document_order_and_each_joins_the_nearest_earlier(tmp_path):
    """A third statement in the agreement of 2011 (dated 2011-03-01) between the two plans:
    2010 -> 2011 (same_as) -> 2013 (reworded)."""
    tables = json.loads(json.dumps(TWO_PLANS))
    tables["goals"].append({"id": "goal:aftale-ivaerksaettere", "title": "Iværksættere i aftalen",
                            "level": "administration_goal", "document": "aftale-2011.txt", "line": 4,
                            "quote": "citat"})
    tables["same_as"].append({"source": "goal:aftale-ivaerksaettere", "target": "goal:alfa-2010-1a",
                              "reason": "the same goal, told in the agreement"})
    tables["continues"] = [{"source": "goal:beta-2013-1", "target": "goal:aftale-ivaerksaettere",
                            "change": "reworded", "document": "plan-2013.txt", "line": 20,
                            "quote": "flyttet fra Alfas handleplan"}]
    graph = load_graph(write_dataset(tmp_path / "three", tables))
    result = lineage(graph, "goal:alfa-2010-1a")
    assert cells(result, "id", "year", "link", "linked_to") == [
        ("goal:alfa-2010-1a", 2010, "", ""),
        ("goal:aftale-ivaerksaettere", 2011, "same_as", "goal:alfa-2010-1a"),
        ("goal:beta-2013-1", 2013, "reworded", "goal:aftale-ivaerksaettere"),
    ]
    # Between the plans, through the agreement: one change, reworded; the goal is not new.
    rows = changes(graph, 2010, 2013).rows
    assert [(r["change"], r["link"], r["cites"]) for r in rows if r["from_id"] == "goal:alfa-2010-1a"] == [
        ("reworded", "continues", "plan-2010.txt:3; plan-2013.txt:6; plan-2013.txt:20")]
    assert "goal:beta-2013-1" not in [r["to_id"] for r in rows if r["change"] == "new"]


# --- changes ---------------------------------------------------------------------------------

# 2010 -> 2013, worked by hand: Alfa's 2010 plan states two goals and three activities (the
# agreement of 2011 is neither year); Beta's 2013 plan states the two policy goals, two
# sub-goals and five activities.
CHANGES_2010_2013 = [
    ("moved", "goal:alfa-2010-1a", "goal:beta-2013-1", "continues", ""),      # 2013:20 says so
    ("dropped", "goal:alfa-2010-2", "", "", ""),                              # not taken up
    ("continued", "activity:alfa-2010-ee", "activity:beta-2013-ee", "same_as", ""),
    ("dropped", "activity:alfa-2010-mentor", "", "", ""),
    ("dropped", "activity:alfa-2010-pakke", "", "", ""),
    ("new", "", "goal:beta-2013-3", "", ""),
    ("new", "", "goal:pol-1", "", ""),
    ("new", "", "goal:pol-2", "", ""),
    ("new", "", "activity:beta-2013-ansogning", "", ""),
    ("new", "", "activity:beta-2013-klub", "", ""),
    ("new", "", "activity:beta-2013-net", "", ""),
    ("new", "", "activity:beta-2013-raadgivning", "", ""),
    # EE's money for the EE activity: planned in 2010 (line 9), secured in 2013 (line 17)
    ("funding", "activity:alfa-2010-ee", "activity:beta-2013-ee", "same_as", "funding:ee"),
]


def test_changes_between_the_two_plans(two_plans):
    result = changes(two_plans, 2010, 2013)
    assert cells(result, "change", "from_id", "to_id", "link", "funder") == CHANGES_2010_2013
    assert result.summary == {"from_year": 2010, "to_year": 2013, "administration": "", "earlier": 5,
                              "later": 9, "by_change": {"new": 7, "dropped": 3, "continued": 1,
                                                        "funding": 1, "moved": 1}}
    rows = {(r["change"], r["from_id"] or r["to_id"]): r for r in result.rows}
    moved = rows["moved", "goal:alfa-2010-1a"]
    assert (moved["administration"], moved["detail"], moved["cites"]) == (
        "AF → BF", "flyttet fra Alfas handleplan", "plan-2010.txt:3; plan-2013.txt:6; plan-2013.txt:20")
    ee = rows["continued", "activity:alfa-2010-ee"]
    assert (ee["administration"], ee["detail"], ee["cites"]) == (
        "EH, AF → EH, BF", EE_REASON, "plan-2010.txt:5; plan-2013.txt:8")
    money = rows["funding", "activity:alfa-2010-ee"]
    assert (money["detail"], money["cites"]) == ("Etnisk Erhvervsfremme: planned → secured",
                                                 "plan-2010.txt:9; plan-2013.txt:17")
    assert rows["dropped", "goal:alfa-2010-2"]["cites"] == "plan-2010.txt:4"
    assert rows["new", "goal:beta-2013-3"]["cites"] == "plan-2013.txt:7"


def test_changes_of_the_administration_that_gave_the_work_away(two_plans):
    """Alfa's view: its 2010 goals and activities (EH's count for Alfa, which housed EH in
    2010); nothing of 2013 is Alfa's."""
    result = changes(two_plans, 2010, 2013, "AF")
    assert cells(result, "change", "from_id", "to_id") == [
        (c, f, t) for c, f, t, _, _ in CHANGES_2010_2013 if c != "new"]
    assert (result.summary["administration"], result.summary["earlier"], result.summary["later"]) == \
        ("admin:alfa", 5, 0)


def test_changes_of_the_administration_that_took_it_over(two_plans):
    """Beta's view: nothing of 2010 is Beta's, but what it took over from Alfa's plan is
    shown moved and continued, not new."""
    result = changes(two_plans, 2010, 2013, "Betaforvaltningen")
    assert cells(result, "change", "from_id", "to_id") == [
        (c, f, t) for c, f, t, _, _ in CHANGES_2010_2013 if c != "dropped"]
    assert (result.summary["earlier"], result.summary["later"]) == (0, 9)


def test_changes_from_the_agreement_year_look_back_to_the_latest_earlier_statement(two_plans):
    """2011 -> 2013: the agreement's goal and programme are not taken up; what the 2013 plan
    continues from 2010 is not new."""
    result = changes(two_plans, 2011, 2013)
    found = cells(result, "change", "from_id", "to_id")
    assert found[:4] == [("dropped", "goal:aftale-tryghed", ""),
                         ("moved", "goal:alfa-2010-1a", "goal:beta-2013-1"),
                         ("dropped", "activity:aftale-program", ""),
                         ("continued", "activity:alfa-2010-ee", "activity:beta-2013-ee")]
    assert [t for c, _, t in found[4:]] == [t for c, _, t, _, _ in CHANGES_2010_2013 if c == "new"]
    assert result.summary["by_change"] == {"new": 7, "dropped": 2, "continued": 1, "moved": 1}


def test_changes_needs_an_earlier_and_a_later_year(two_plans):
    with pytest.raises(InklusionsgrafError, match="earlier year"):
        changes(two_plans, 2013, 2010)


def test_both_questions_are_registered_with_their_columns():
    for name, function in (("lineage", lineage), ("changes", changes)):
        registered = queries.QUERIES[name]
        assert registered.description and function.__doc__
        assert list(registered.columns) == function.columns


# --- the command line ------------------------------------------------------------------------

CLI_CASES = [
    (["lineage", "Flere iværksættere"], lineage, ("Flere iværksættere",)),
    (["lineage", "iværksættere"], lineage, ("iværksættere",)),
    (["changes", "--from", "2010", "--to", "2013"], changes, (2010, 2013)),
    (["changes", "--from", "2010", "--to", "2013", "--admin", "BF"], changes, (2010, 2013, "BF")),
]


@pytest.mark.parametrize("args, function, params", CLI_CASES, ids=lambda c: " ".join(c) if isinstance(c, list) else "")
def test_cli_json_equals_the_library_result(two_plans_dir, two_plans, args, function, params):
    printed = json.loads(run(two_plans_dir, *args, "--format", "json").stdout)
    assert printed == json.loads(json.dumps(function(two_plans, *params).to_dict(), default=str))


@pytest.mark.parametrize("args, function, params", CLI_CASES, ids=lambda c: " ".join(c) if isinstance(c, list) else "")
def test_cli_csv_is_the_rows_under_the_declared_columns(two_plans_dir, two_plans, args, function, params):
    rows = list(csv.DictReader(io.StringIO(run(two_plans_dir, *args, "--format", "csv").stdout)))
    result = function(two_plans, *params)
    assert list(rows[0]) == result.columns
    assert rows == [{c: "" if r[c] is None else str(r[c]) for c in result.columns} for r in result.rows]


@pytest.mark.parametrize("args", [["lineage", "Mål 1a"], ["changes", "--from", "2010", "--to", "2013"],
                                  ["changes", "--from", "2010", "--to", "2013", "--admin", "TMF"]], ids=" ".join)
def test_cli_table_fits_80_columns_on_the_bundled_data(real_data_dir, args):
    out = run(real_data_dir, *args).stdout
    assert out.strip()
    assert max(len(line) for line in out.splitlines()) <= 80


def test_cli_refuses_years_in_the_wrong_order_and_an_ambiguous_name(two_plans_dir):
    wrong = CliRunner().invoke(cli, ["--data", str(two_plans_dir), "changes", "--from", "2013", "--to", "2010",
                                   "--lang", "en"])
    assert wrong.exit_code == 2 and wrong.stderr.startswith("error: --from 2013 must be an earlier year")
    ambiguous = CliRunner().invoke(cli, ["--data", str(two_plans_dir), "lineage", "Etnisk Erhvervsfremme"])
    assert ambiguous.exit_code == 2 and "activity:alfa-2010-ee" in ambiguous.stderr


def test_view_export_and_reports_take_identity_edges(two_plans, tmp_path):
    """Identity edges (one with a reason and no line) are drawn, exported and reported on."""
    from inklusionsgraf.export import to_graphml, to_json
    from inklusionsgraf.reports import build_report
    from inklusionsgraf.views import write_view

    view = write_view(two_plans, tmp_path / "view.html")
    assert (view.nodes, view.edges) == (two_plans.number_of_nodes(), two_plans.number_of_edges())
    assert '"kind": "same-as"' in view.html and '"kind": "continues"' in view.html
    assert "same-as" in to_graphml(two_plans) and "part-of" in to_json(two_plans)
    assert build_report(two_plans, "unfunded", "da").entries
