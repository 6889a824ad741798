"""The gap queries on the tiny hand-made policy (answers in conftest.TINY's comment)."""

from __future__ import annotations

import pytest

from inklusionsgraf import queries
from inklusionsgraf.errors import AmbiguousName, UnknownName
from inklusionsgraf.names import resolve


def ids(result):
    return [row["id"] for row in result.rows]


def test_orphans_are_goals_with_no_activity_below(tiny_graph):
    assert sorted(ids(queries.orphan_goals(tiny_graph))) == ["goal:pol-3", "goal:sub-c"]


def test_unfunded_lists_goals_without_secured_money_and_why(tiny_graph):
    result = queries.unfunded_goals(tiny_graph)
    why = {row["id"]: row["why"] for row in result.rows}
    assert why == {
        "goal:pol-2": "only sought; zero cost stated",
        "goal:sub-b": "only sought; zero cost stated",
        "goal:pol-3": "nothing recorded",
        "goal:sub-c": "nothing recorded",
    }
    sub_b = next(r for r in result.rows if r["id"] == "goal:sub-b")
    assert sub_b["funding_known"] == "sought: 500.000 kr once"
    assert sub_b["costs_known"] == "400.000-600.000 kr per year 2011-2014; 0 kr unstated"


def test_secured_money_on_one_activity_funds_the_goals_above_it(tiny_graph):
    unfunded = ids(queries.unfunded_goals(tiny_graph))
    assert "goal:sub-a" not in unfunded and "goal:pol-1" not in unfunded


def test_unlinked_activities(tiny_graph):
    assert ids(queries.unlinked_activities(tiny_graph)) == ["activity:u"]


def test_impact_of_expiry(tiny_graph):
    result = queries.impact(tiny_graph, "EE")
    effects = {row["id"]: row["effect"] for row in result.rows}
    assert effects == {"activity:x": "reduced", "activity:y": "ends"}
    assert result.summary["year"] == 2013
    goals = {g["id"]: g["state"] for g in result.summary["goals"]}
    assert goals == {"goal:sub-a": "weakened", "goal:pol-1": "weakened"}
    areas = {a["id"]: a["state"] for a in result.summary["areas"]}
    assert areas == {"area:park": "still has other work", "area:bydel": "still has other work",
                     "area:by": "still has other work"}
    assert {a["id"] for a in result.summary["administrations"]} == {"admin:enhed", "admin:bbb"}
    assert result.summary["dkk_from_source"] == [
        {"status": "secured", "basis": "per_year", "from_year": 2011, "to_year": 2013,
         "min_dkk": 1000000, "max_dkk": 1000000, "statements": 1}]


def test_impact_leaves_goal_without_support_when_all_its_work_ends(tiny_graph):
    tiny_graph.remove_node("activity:x")
    result = queries.impact(tiny_graph, "etnisk erhvervsfremme", year=2013)
    goals = {g["id"]: g["state"] for g in result.summary["goals"]}
    assert goals["goal:sub-a"] == "left without support"


def test_impact_skips_work_that_is_over_before_the_year(tiny_graph):
    result = queries.impact(tiny_graph, "EE", year=2014)
    assert ids(result) == ["activity:y"]
    assert result.summary["already_over_before_year"] == ["activity:x"]


def test_a_statement_of_money_carrying_two_activities_counts_once(tiny_graph):
    from inklusionsgraf.rollup import funds_into, sum_funding

    sums = sum_funding(funds_into(tiny_graph, ["activity:x", "activity:y"]))
    assert {s["basis"]: s["min_dkk"] for s in sums} == {"per_year": 1000000, "whole_period": 2000000}


def test_expiring_and_active(tiny_graph):
    assert ids(queries.expiring(tiny_graph, 2013)) == ["activity:x", "funding:ee"]
    active_2014 = {r["id"]: r["scale"] for r in queries.active(tiny_graph, 2014).rows}
    assert active_2014 == {"activity:x": "reduced", "activity:y": "full", "activity:z": "full"}
    assert "activity:y" not in ids(queries.active(tiny_graph, 2011))


def test_area_includes_sub_areas_grouped_by_administration(tiny_graph):
    result = queries.area_profile(tiny_graph, "Bydelen")
    rows = {(r["administration"], r["id"]) for r in result.rows}
    # the unit's work is grouped under the administration that houses it (BF in 2013)
    assert rows == {("BF", "activity:y"), ("BF", "activity:z"), ("AF", "activity:z")}
    assert result.summary["sub_areas"] == ["Parken"]


def test_admin_sees_its_units_work_only_while_it_houses_the_unit(tiny_graph):
    beta = {r["id"]: r["via"] for r in queries.admin_profile(tiny_graph, "BF").rows}
    assert beta == {"goal:sub-b": "", "goal:sub-c": "", "activity:x": "EH", "activity:y": "EH",
                    "activity:z": ""}
    alfa = ids(queries.admin_profile(tiny_graph, "alfaforvaltningen"))
    assert sorted(alfa) == ["activity:z", "goal:sub-a"]


def test_dependencies_across_administrations(tiny_graph):
    rows = {(r["relation"], r["from_admin"], r["to_admin"]) for r in queries.dependencies(tiny_graph).rows}
    assert ("serves", "BF", "AF") in rows  # the unit, housed by BF in 2013, serves AF's sub-goal
    assert ("partners", "BF", "AF") in rows
    assert ("funds", "AF", "BF") in rows  # AF's frame carries the unit's work
    assert ("houses", "AF", "EH") in rows and ("houses", "BF", "EH") in rows


@pytest.mark.parametrize("name, expected", [
    ("EE", "funding:ee"), ("etnisk erhvervsfremme", "funding:ee"), ("ETNISK  Erhvervsfremme", "funding:ee"),
    ("funding:ee", "funding:ee"), ("ivaerksaetterradgivning", "activity:x"), ("gamle enhed", "admin:enhed"),
    ("Mentor", "activity:y"),
])
def test_names_resolve_by_id_title_or_alias(tiny_graph, name, expected):
    assert resolve(tiny_graph, name) == expected


def test_ambiguous_and_unknown_names_list_candidates(tiny_graph):
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve(tiny_graph, "Flere")
    assert {"goal:pol-1", "goal:pol-3", "goal:sub-a"} <= {c[0] for c in ambiguous.value.candidates}
    with pytest.raises(UnknownName) as unknown:
        resolve(tiny_graph, "Mentorforlob2", kinds=["activity"])
    assert unknown.value.candidates[0][0] == "activity:y"


def test_show_lists_neighbours_both_ways(tiny_graph):
    result = queries.show(tiny_graph, "activity:z")
    edges = {(r["direction"], r["edge"], r["id"]) for r in result.rows}
    assert ("out", "supports", "goal:sub-b") in edges
    assert ("in", "funds", "funding:pulje") in edges
    assert result.summary["document"] == "plan.txt" and result.summary["line"] == 13


def test_stats_counts(tiny_graph):
    counts = {(r["category"], r["name"]): r["count"] for r in queries.stats(tiny_graph).rows}
    assert counts[("node", "goal")] == 6 and counts[("node", "activity")] == 5
    assert counts[("edge", "funds")] == 4


def test_goals_beneath_goals_are_collected_through_every_level(tiny_graph):
    from inklusionsgraf.rollup import beneath

    below = beneath(tiny_graph, "supports", "goal", member_kind="goal")
    assert below["goal:pol-2"] == {"goal:sub-b", "goal:sub-c"}
    assert below["goal:sub-c"] == frozenset()
    orphans = {r["id"]: r["sub_goals"] for r in queries.orphan_goals(tiny_graph).rows}
    assert orphans == {"goal:pol-3": 0, "goal:sub-c": 0}


def test_secured_money_on_a_sub_goal_funds_the_goals_above_it(tiny_graph):
    tiny_graph.add_edge("funding:pulje", "goal:sub-c", kind="funds", status="secured",
                        document="plan.txt", line=30, quote="citat")
    unfunded = ids(queries.unfunded_goals(tiny_graph))
    assert "goal:sub-c" not in unfunded and "goal:pol-2" not in unfunded
    assert "goal:sub-b" in unfunded
