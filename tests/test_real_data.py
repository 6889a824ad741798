"""The bundled dataset: provenance checked against the documents, and answers a reader
can check against them (document and line in each test)."""

from __future__ import annotations

import re

import pytest

from inklusionsgraf import queries
from inklusionsgraf.names import resolve
from inklusionsgraf.tables import check_quotes, read_dataset

from conftest import SEEDS


def test_the_bundled_dataset_validates():
    dataset = read_dataset()
    assert len(dataset.rows("activities")) > 150


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found at {SEEDS}")
def test_every_quote_stands_on_its_line_of_its_document():
    assert check_quotes(read_dataset(), SEEDS) == []


def test_every_node_and_edge_has_provenance(real_graph):
    documents = set(real_graph.graph["documents"])
    items = [d for _, d in real_graph.nodes(data=True)] + [d for _, _, d in real_graph.edges(data=True)]
    for data in items:
        if data.get("kind") in ("same-as", "continues", "part-of") and "document" not in data:
            assert data["reason"]  # no line says so: a reason a reviewer can check (data/README.md)
            continue
        assert data["document"] in documents
        assert data["line"] >= 1
        assert 0 < len(data["quote"]) < 200


def test_all_five_documents_are_covered(real_graph):
    assert queries.stats(real_graph).summary["documents_covered"] == 5


def test_nothing_is_invented_for_the_unnamed_policy_goal_3(real_graph):
    # Mål 3 of the policy is never named in the five documents, so it has no node.
    codes = {d.get("code") for _, d in real_graph.nodes(data=True) if d.get("level") == "policy_goal"}
    assert "Mål 3" not in codes and {"Mål 1", "Mål 2", "Mål 4", "Mål 5", "Mål 6"} <= codes


def test_etnisk_erhvervsfremme_expiring_in_2013_as_the_documents_read_together(real_graph):
    # 000:9  "Såfremt Etnisk Erhvervsfremme gennemføres, skal KEC fra efteråret 2010 ..." is a
    #        condition for starting four kinds of work (starts_if), and KEC's part in EE is
    #        financed "i 2010 med 1,8 mio. i KEC's ramme": 2010 alone.
    # 001:15  "Teknik- og Miljøforvaltningen overtog pr. 1. januar 2012 Københavns Erhvervsservice
    #        fra Økonomiforvaltningen"; the initiatives "er flyttet fra Økonomiforvaltningens handleplan".
    # 001:139 "KES har siden 2011 medvirket i EE ... EE udløber ved udgangen af 2013 ... KES fastholder
    #        et fokus på etniske iværksættere ... men i betragtelig mindre omfang"
    # 001:212 the same EE work (2010-2013) under TMF's sub-goal for ethnic entrepreneurs.
    result = queries.impact(real_graph, "Etnisk Erhvervsfremme", year=2013)
    assert {row["id"]: row["effect"] for row in result.rows} == {"activity:tmf-2013-etnisk-erhvervsfremme": "reduced"}
    assert {a["id"] for a in result.summary["administrations"]} == {"admin:kes", "admin:tmf"}
    goals = {g["id"]: g["state"] for g in result.summary["goals"]}
    assert goals["goal:tmf-2013-ivaerksaettere"] == "weakened"
    assert goals["goal:inklusion-mal-2"] == "still supported by other work"
    assert not [g for g in goals if g.startswith("goal:okf-")]  # nothing of ØKF's is touched in 2013
    assert result.summary["dkk_cost_of_affected"] == []  # the 1,8 mio. was KEC's share in 2010


def test_etnisk_erhvervsfremme_in_2012_as_the_2010_plan_still_stood(real_graph):
    # Before the 2013 plan, the 2010 plan's own words hold: KEC's part in EE requires EE
    # ("et 4-årigt projekt med støtte fra ...", 000:9), and KEC was still ØKF's until 2012 (001:15).
    result = queries.impact(real_graph, "Etnisk Erhvervsfremme", year=2012)
    effects = {row["id"]: row["effect"] for row in result.rows}
    assert effects == {"activity:okf-2010-etnisk-erhvervsfremme": "ends"}
    assert {a["id"] for a in result.summary["administrations"]} == {"admin:kes", "admin:okf"}


def test_the_business_unit_moves_from_okf_to_tmf_in_2012(real_graph):
    # 001:15 "Teknik- og Miljøforvaltningen overtog pr. 1. januar 2012 Københavns Erhvervsservice"
    tmf = {r["id"]: r["via"] for r in queries.admin_profile(real_graph, "TMF").rows}
    okf_2010 = {r["id"]: r["via"] for r in queries.admin_profile(real_graph, "ØKF", year=2010).rows}
    assert tmf["activity:tmf-2013-etnisk-erhvervsfremme"] == "KES"
    assert okf_2010["activity:okf-2010-opsogende-radgivning"] == "KES"
    assert "activity:okf-2010-opsogende-radgivning" not in tmf
    assert "activity:tmf-2013-etnisk-erhvervsfremme" not in okf_2010
    # by 2013 KES's outreach advice is part of TMF's EE work (001:212), not ØKF's
    okf_latest = {r["id"] for r in queries.admin_profile(real_graph, "ØKF").rows}
    assert "activity:okf-2010-opsogende-radgivning" not in okf_latest


def test_sikker_by_goal_money_is_not_summed_across_documents(real_graph):
    # 000:27 ØKF's Mål 5 (2010): "Den samlede Sikker By pakke rummer ønsker om 77 nye initiativer
    #        for ca. 63 mio." -- a proposal, to be found later.
    # 004:112 the programme (established April 2010) "med et samlet budget på over 200 mio. kr":
    #        a statement of 2011 about the whole programme, not about ØKF's 2010 goal.
    row = next(r for r in queries.unfunded_goals(real_graph).rows if r["id"] == "goal:okf-2010-5")
    assert row["costs_known"] == "proposed: 63.000.000 kr unstated"
    assert "263" not in row["costs_known"] and "200.000.000" not in row["costs_known"]


def test_sikker_by_is_one_programme_with_its_parts(real_graph):
    # 004:112 "Sikker By Programmet ... blandt andet: Exit program, Gadeplansarbejde, Hotspots på
    # Nørrebro og Socialrådgivere på skolerne"; 000:27 the 2010 plan's "Aktiviteter i Sikker By
    # Programmet" and its wish list for the programme.
    programme = resolve(real_graph, "Sikker By Programmet")
    assert programme == "activity:sikker-by-programmet"
    parts = {u for u, _, d in real_graph.in_edges(programme, data=True) if d["kind"] == "part-of"}
    assert {"activity:ia-2011-exit-program", "activity:ia-2011-gadeplansarbejde", "activity:ia-2011-hotspot",
            "activity:ia-2011-socialradgivere-pa-skolerne", "activity:okf-2010-sikker-by-unge-kriminelle",
            "activity:okf-2010-sikker-by-pakken"} <= parts


def test_lineage_of_okf_mal_1a_into_tmf_2013(real_graph):
    # 000:9 ØKF's Mål 1a "København skal fremme etablering, overlevelse og vækst for nydanske
    # iværksættere"; 001:15 KES's initiatives "er flyttet fra Økonomiforvaltningens handleplan til
    # denne"; 001:212 TMF's sub-goal "København skal fremme etablering, overlevelse og vækst for
    # udenlandske iværksættere og iværksættere med minoritetsbaggrund."
    from inklusionsgraf.lineage import lineage

    rows = lineage(real_graph, "goal:okf-2010-1a").rows
    assert [(r["id"], r["year"]) for r in rows] == [("goal:okf-2010-1a", 2010), ("goal:tmf-2013-ivaerksaettere", 2013)]
    assert rows[0]["code"] == "Mål 1a"
    assert rows[1]["link"] == "moved"
    assert "flyttet fra Økonomiforvaltningens handleplan" in rows[1]["quote"]


def test_amounts_keep_ranges_and_bases(real_graph):
    # 000:26 "0-70 mio. kr." for the remaining places 2011-2013
    places = real_graph.nodes["activity:okf-2010-elev-og-praktikpladser"]
    assert (places["cost_min_dkk"], places["cost_max_dkk"], places["cost_basis"]) == (0, 70000000, "whole_period")
    # 004:86 "fastsat for perioden 1. marts 2011 - 31. december 2014"
    hotspot = real_graph.nodes["activity:ia-2011-hotspot"]
    assert (hotspot["start_date"], hotspot["end_date"]) == ("2011-03-01", "2014-12-31")


def test_zero_cost_goals_are_unfunded_for_that_reason(real_graph):
    # 000:18 Mål 3a: "Kr. 0" and financing "-"
    why = {r["id"]: r["why"] for r in queries.unfunded_goals(real_graph).rows}
    assert why["goal:okf-2010-3a"] == "zero cost stated"
    assert "goal:inklusion-mal-2" not in why  # KES's EE work is secured (001:212)


def test_expiring_2013(real_graph):
    ids = {r["id"] for r in queries.expiring(real_graph, 2013).rows}
    # 001:156 "CPH business mentor ... (udløber ultimo 2013)"
    assert {"funding:etnisk-erhvervsfremme", "activity:tmf-2013-cph-business-mentor"} <= ids


def test_mjolnerparken_is_served_by_several_administrations(real_graph):
    result = queries.area_profile(real_graph, "mjolnerparken")
    admins = set(result.summary["by_administration"])
    assert {"BIF", "SOF"} <= admins, admins
    hotspot = [r for r in result.rows if r["id"] == "activity:ia-2011-hotspot"]
    assert hotspot and hotspot[0]["period"] == "2011-2014"


@pytest.mark.parametrize("name, expected", [
    ("EE", "funding:etnisk-erhvervsfremme"), ("etnisk erhvervsfremme", "funding:etnisk-erhvervsfremme"),
    ("KEC", "admin:kes"), ("Københavns Erhvervscenter", "admin:kes"), ("mjolnerparken", "area:mjolnerparken"),
])
def test_names_resolve_in_the_real_data(real_graph, name, expected):
    kinds = [expected.split(":")[0].replace("admin", "administration")]
    assert resolve(real_graph, name, kinds=kinds) == expected


def test_ids_are_stable_slugs(real_graph):
    for node in real_graph.nodes:
        assert re.fullmatch(r"[a-z]+:[a-z0-9]+(-[a-z0-9]+)*", node), node


def test_a_budget_line_is_not_added_beside_its_application(real_graph):
    # 004:211 "Kommunen søger 7,8 mio. kr. i perioden 2011–2014"; 004:268 "1,7 mio. kr. årligt i
    # perioden 2011–2014 skal sikre iværksætterrådgivning" is one of its budget lines (part_of).
    # The application is told again by TMF's 2013 plan as Lab2700 (001:213), which takes over
    # its money: the line's 1,7 mio. still lies inside the 7,8 mio.
    funding = queries.area_profile(real_graph, "Mjølnerparken").summary["funding_known"]
    assert [(f["status"], f["min_dkk"], f["basis"]) for f in funding] == [("sought", 7800000, "whole_period")]


def test_the_policys_and_the_agreements_goals_answer_to_whoever_adopted_them(real_graph):
    # 001:7  "Borgerrepræsentationen vedtog den 16. december 2010 en ny inklusionspolitik": the
    #        policy's focus areas, goals and initiatives (001:207-255) are the council's.
    # 004:5-12  "som led i det strategiske samarbejde mellem Socialministeriet og Københavns
    #        Kommune": the agreement's goals belong to both parties.
    unfunded = {r["id"]: r for r in queries.unfunded_goals(real_graph).rows}
    assert unfunded["goal:inklusion-mal-1"]["administration"] == "BR"
    assert unfunded["goal:ia-2011-okonomisk-prioritering"]["administration"] == "Socialministeriet, Københavns Kommune"
    # Only the 2009 status form's goal stays unassigned: 002:23 names "integrationspolitikken"
    # but no document says who adopted that earlier policy.
    unassigned = [goal for goal, row in unfunded.items() if not row["administration"]]
    assert unassigned == ["goal:tmf-2009-faerre-uden-tilknytning-til-arbejdsmarkedet"]


def test_adopting_a_goal_is_not_leading_its_work(real_graph):
    # The council that adopted the policy appears in its profile with that role, and is not
    # said to serve or depend on anyone in `deps` for it.
    profile = queries.admin_profile(real_graph, "BR")
    assert {r["role"] for r in profile.rows} == {"adopted"}
    assert "goal:inklusion-mal-2" in {r["id"] for r in profile.rows}
    assert all("BR" not in (r["from_admin"], r["to_admin"]) for r in queries.dependencies(real_graph).rows)
