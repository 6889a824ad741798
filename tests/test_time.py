"""Answers that hold in time, on the policy told by two plan versions (tests/two_plans.py).

Every expected answer is worked out by hand from the rows of two_plans.TWO_PLANS: which
statement of a thing holds in a year, which conditions the expiry cascade follows, and which
sums may be made.
"""

from __future__ import annotations

import pytest

from inklusionsgraf import queries
from inklusionsgraf.names import resolve
from inklusionsgraf.rollup import format_sums, funds_into, sum_funding
from inklusionsgraf.timeline import as_of, contradictions


def ids(result):
    return [row["id"] for row in result.rows]


def why(result):
    return {row["id"]: row["why"] for row in result.rows}


def test_every_statement_is_dated_by_its_document(two_plans):
    nodes = two_plans.nodes
    assert nodes["goal:alfa-2010-1a"]["stated_in"] == 2010
    assert nodes["activity:aftale-program"]["stated_in"] == 2011
    # the 2010 EE statement holds until the 2013 plan tells the same activity again;
    # Mål 1a until the 2013 sub-goal that continues it
    assert nodes["activity:alfa-2010-ee"]["superseded_in"] == 2013
    assert nodes["goal:alfa-2010-1a"]["superseded_in"] == 2013
    assert nodes["activity:alfa-2010-ee"]["thing"] == nodes["activity:beta-2013-ee"]["thing"] == "activity:beta-2013-ee"
    assert nodes["activity:beta-2013-net"]["wholes"] == "activity:beta-2013-ansogning"


def test_each_thing_once_by_the_statement_that_holds(two_plans):
    def statements(year):
        return {n for n in as_of(two_plans, year) if n.startswith("activity:") and n.endswith("-ee")}
    assert statements(2010) == statements(2012) == {"activity:alfa-2010-ee"}
    assert statements(2013) == statements(None) == {"activity:beta-2013-ee"}


def test_unfunded_by_the_latest_statements(two_plans):
    # EE's 2013 statement (secured) funds beta-2013-1 and Mål 1; the club's secured 100.000
    # funds beta-2013-3; Mål 1a is continued by beta-2013-1, so it is not asked about again
    result = queries.unfunded_goals(two_plans)
    assert why(result) == {"goal:pol-2": "nothing recorded", "goal:alfa-2010-2": "nothing recorded",
                           "goal:aftale-tryghed": "nothing recorded"}
    assert result.summary["year"] == "latest"
    # two statements about different things, two statuses: shown apart, never 263 mio.
    pol_2 = next(r for r in result.rows if r["id"] == "goal:pol-2")
    assert pol_2["costs_known"] == "ongoing: ≥200.000.000 kr whole period 2010-; proposed: 63.000.000 kr unstated"


def test_unfunded_in_a_year_needs_secured_money_covering_it(two_plans):
    # 2010: only Alfa's plan; its unit's 500.000 secured for 2010 funds Mål 1a
    assert why(queries.unfunded_goals(two_plans, year=2010)) == {"goal:alfa-2010-2": "nothing recorded"}
    # 2012: the 2013 plan is not yet written; the 2010 plan's secured money covered 2010 alone
    # and EE's money for the years after was only planned then
    assert why(queries.unfunded_goals(two_plans, year=2012)) == {
        "goal:pol-1": "only planned; secured only in other years",
        "goal:pol-2": "nothing recorded",
        "goal:alfa-2010-1a": "only planned; secured only in other years",
        "goal:alfa-2010-2": "nothing recorded",
        "goal:aftale-tryghed": "nothing recorded",
    }
    # 2013: EE's secured money covers 2013; the club's 100.000 was for 2012 only
    result = queries.unfunded_goals(two_plans, year=2013)
    assert why(result) == {"goal:pol-2": "nothing recorded", "goal:alfa-2010-2": "nothing recorded",
                           "goal:aftale-tryghed": "nothing recorded",
                           "goal:beta-2013-3": "only sought; secured only in other years"}
    # the application's two budget lines are inside its 4 mio.: not added to it
    clubs = next(r for r in result.rows if r["id"] == "goal:beta-2013-3")
    assert clubs["funding_known"] == "secured: 100.000 kr once 2012; sought: 4.000.000 kr whole period 2011-2014"


def test_a_part_is_summed_where_its_whole_is_not(two_plans):
    parts = funds_into(two_plans, ["activity:beta-2013-raadgivning", "activity:beta-2013-net"])
    assert format_sums(sum_funding(parts, two_plans)) == "sought: 1.000.000 kr per year 2011-2014"


def test_two_statements_of_the_same_money_are_not_added(two_plans):
    # planned 1 mio. a year in 2010, secured 1 mio. a year in 2013: the latest statement only
    result = queries.impact(two_plans, "EE")
    assert result.summary["dkk_from_source"] == [
        {"status": "secured", "basis": "per_year", "from_year": 2011, "to_year": 2013,
         "min_dkk": 1000000, "max_dkk": 1000000, "statements": 1}]


def test_impact_follows_money_and_requires_and_the_later_words_win(two_plans):
    result = queries.impact(two_plans, "EE", year=2013)
    # the mentor scheme only started if EE went ahead (starts_if); the club works with EE
    # (cooperates); the EE work goes on reduced, as the 2013 plan says
    assert {r["id"]: r["effect"] for r in result.rows} == {"activity:beta-2013-ee": "reduced"}
    assert {a["id"] for a in result.summary["administrations"]} == {"admin:enhed", "admin:beta"}
    assert {g["id"]: g["state"] for g in result.summary["goals"]} == {
        "goal:beta-2013-1": "weakened", "goal:pol-1": "still supported by other work"}


def test_impact_in_an_earlier_year_reads_the_earlier_plan(two_plans):
    # as the 2010 plan stood: the EE work requires the EE money and says nothing of its end
    result = queries.impact(two_plans, "EE", year=2012)
    assert {r["id"]: r["effect"] for r in result.rows} == {"activity:alfa-2010-ee": "ends"}
    assert {a["id"] for a in result.summary["administrations"]} == {"admin:enhed", "admin:alfa"}


def test_expiring_and_active_list_a_thing_once(two_plans):
    assert ids(queries.expiring(two_plans, 2013)) == ["activity:beta-2013-ee", "funding:ee"]
    active = ids(queries.active(two_plans, 2012))
    assert "activity:alfa-2010-ee" in active and "activity:beta-2013-ee" not in active
    active = ids(queries.active(two_plans, 2013))
    assert "activity:beta-2013-ee" in active and "activity:alfa-2010-ee" not in active


def test_area_and_admin_in_a_year(two_plans):
    def rows(result):
        return {(r["administration"], r["id"]) for r in result.rows}
    assert rows(queries.area_profile(two_plans, "Parken")) == {
        ("BF", "activity:beta-2013-ee"), ("BF", "activity:beta-2013-klub")}
    # in 2010 the unit that does the EE work was Alfa's
    assert rows(queries.area_profile(two_plans, "Parken", year=2010)) == {("AF", "activity:alfa-2010-ee")}
    alfa = queries.admin_profile(two_plans, "Alfaforvaltningen")
    assert ids(alfa) == ["goal:alfa-2010-2", "activity:alfa-2010-mentor", "activity:alfa-2010-pakke"]
    alfa_2010 = queries.admin_profile(two_plans, "Alfaforvaltningen", year=2010)
    assert ids(alfa_2010) == ["goal:alfa-2010-1a", "goal:alfa-2010-2", "activity:alfa-2010-ee",
                              "activity:alfa-2010-mentor", "activity:alfa-2010-pakke"]


def test_a_name_of_several_statements_of_one_thing_picks_the_latest(two_plans):
    assert resolve(two_plans, "Erhvervsfremme", kinds=["activity"]) == "activity:beta-2013-ee"


def test_contradicting_statements_of_the_same_date_are_reported(two_plans_dir):
    from inklusionsgraf import load_graph

    assert contradictions(load_graph(two_plans_dir)) == []
    graph = load_graph(two_plans_dir)
    graph.add_edge("activity:beta-2013-raadgivning", "activity:beta-2013-klub", kind="same-as", reason="r")
    problems = [str(p) for p in contradictions(graph)]
    assert len(problems) == 2  # status and period differ, stated in the same plan
    assert all(p.startswith("plan-2013.txt:") and "same date (2013)" in p for p in problems)


@pytest.mark.parametrize("year", [None, 2010, 2012, 2013])
def test_the_unfunded_answer_names_the_year(two_plans, year):
    assert queries.unfunded_goals(two_plans, year=year).summary["year"] == (year or "latest")


def test_validate_reports_contradicting_statements_of_one_date(two_plans_dir):
    from click.testing import CliRunner

    from inklusionsgraf.cli import cli

    assert CliRunner().invoke(cli, ["--data", str(two_plans_dir), "validate"]).exit_code == 0
    same_as = two_plans_dir / "same_as.csv"
    same_as.write_text(same_as.read_text(encoding="utf-8")
                       + "activity:beta-2013-raadgivning,activity:beta-2013-klub,same work,,,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data", str(two_plans_dir), "validate"])
    assert result.exit_code == 2
    assert "plan-2013.txt:11: 'activity:beta-2013-raadgivning' and 'activity:beta-2013-klub' are the same thing" in result.stderr
