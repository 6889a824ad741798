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


def test_etnisk_erhvervsfremme_expiring_in_2013(real_graph):
    # 000:9 "Såfremt Etnisk Erhvervsfremme gennemføres, skal KEC ... igangsætte" (four target groups),
    # and ØKF's own roll-out of EE ("skal ligeledes implementeres fra medio 2010");
    # 001:139 "EE udløber ved udgangen af 2013 ... KES fastholder et fokus ... i betragtelig mindre omfang"
    result = queries.impact(real_graph, "Etnisk Erhvervsfremme", year=2013)
    effects = {row["id"]: row["effect"] for row in result.rows}
    assert effects["activity:tmf-2013-etnisk-erhvervsfremme"] == "reduced"
    # "Såfremt ... gennemføres" is a condition for starting: EE's expiry does not end that work
    assert not {"activity:okf-2010-opsogende-radgivning", "activity:okf-2010-expats-egen-virksomhed",
                "activity:okf-2010-ivaerksaetteri-erhvervsuddannelser",
                "activity:okf-2010-kvindelige-ivaerksaettere"} & set(effects)
    goals = {g["id"]: g["state"] for g in result.summary["goals"]}
    assert goals["goal:tmf-2013-ivaerksaettere"] == "weakened"  # 001:212, served only by the EE work
    assert goals["goal:inklusion-mal-2"] == "still supported by other work"
    assert {"admin:kes", "admin:tmf", "admin:okf"} <= {a["id"] for a in result.summary["administrations"]}


def test_the_business_unit_moves_from_okf_to_tmf_in_2012(real_graph):
    # 001:15 "Teknik- og Miljøforvaltningen overtog pr. 1. januar 2012 Københavns Erhvervsservice"
    tmf = {r["id"]: r["via"] for r in queries.admin_profile(real_graph, "TMF").rows}
    okf = {r["id"]: r["via"] for r in queries.admin_profile(real_graph, "ØKF").rows}
    assert tmf["activity:tmf-2013-etnisk-erhvervsfremme"] == "KES"
    assert okf["activity:okf-2010-opsogende-radgivning"] == "KES"
    assert "activity:okf-2010-opsogende-radgivning" not in tmf
    assert "activity:tmf-2013-etnisk-erhvervsfremme" not in okf


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
