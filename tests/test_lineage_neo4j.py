"""Lineage, changes and the identity edges on a real Bolt server (FalkorDB on loopback): the
edges stored with every property, and the same answers as the embedded backend."""

from __future__ import annotations

import itertools

import pytest
from click.testing import CliRunner

from inklusionsgraf import queries
from inklusionsgraf.adjacency import edges_of
from inklusionsgraf.bolt_load import count, load
from inklusionsgraf.bolt_queries import run_query
from inklusionsgraf.cli import cli
from inklusionsgraf.lineage import LINK_KINDS, changes, lineage
from inklusionsgraf.model import EdgeKind, NodeKind
from test_neo4j import bolt_uri, database, open_database  # noqa: F401  (fixtures and helper)

TYPES = {EdgeKind.SAME_AS: "SAME_AS", EdgeKind.CONTINUES: "CONTINUES", EdgeKind.PART_OF: "PART_OF"}


def stored_edges(database) -> list[tuple]:
    """Every edge on the server as (source, target, type, properties without the load's key)."""
    records = database.session.run("MATCH (a:Node)-[r]->(b:Node) RETURN a.id AS a, b.id AS b, "
                                   "type(r) AS type, properties(r) AS props")
    return sorted((r["a"], r["b"], r["type"], tuple(sorted(
        (k, v) for k, v in r["props"].items() if k not in ("key", "seq", "seq_in"))))
        for r in records)


def graph_edges(graph) -> list[tuple]:
    return sorted((u, v, d["kind"].upper().replace("-", "_"), tuple(sorted(d.items())))
                  for u, v, d in graph.edges(data=True))


def test_identity_edges_are_stored_with_every_property(database, two_plans):
    load(database, two_plans)
    assert count(database) == (two_plans.number_of_nodes(), two_plans.number_of_edges())
    assert stored_edges(database) == graph_edges(two_plans)
    types = {t for _, _, t, _ in stored_edges(database)}
    assert set(TYPES.values()) <= types
    reasoned = [p for _, _, t, p in stored_edges(database) if t == "SAME_AS"]
    assert dict(reasoned[0])["reason"].startswith("the unit's part")
    assert "document" not in dict(reasoned[0])  # a row with a reason and no line stays so
    stored = {r["props"]["id"]: r["props"] for r in
              database.run_chunked("context", "nodes", "ids", list(two_plans))}
    assert stored == {n: {"id": n, **d} for n, d in two_plans.nodes(data=True)}


def test_every_earlier_question_gives_the_same_answer_with_identity_edges(database, two_plans):
    """The questions that came before lineage, on a dataset with same_as (one with a reason
    and no line), continues and part_of edges."""
    load(database, two_plans)
    kinds = dict(two_plans.nodes(data="kind"))
    found = [("unfunded",), ("orphans",), ("unlinked",), ("deps",), ("stats",), ("expiring", 2013),
             ("active", 2012), ("impact", "funding:ee", None), ("impact", "funding:ee", 2012)]
    found += [(name, n) for name, kind in (("area", "area"), ("admin", "administration")) for n, k in kinds.items()
              if k == kind]
    found += [("show", n) for n in kinds]
    differ = [(name, *args) for name, *args in found if queries.QUERIES[name].function(two_plans, *args).to_dict()
              != run_query(database, name, *args).to_dict()]
    assert differ == []


def linked(graph) -> list[str]:
    """Every goal, activity and funding source with a same_as or continues edge."""
    return sorted({n for u, v, _ in itertools.chain(*(edges_of(graph, k) for k in LINK_KINDS)) for n in (u, v)})


def year_pairs(graph) -> list[tuple[int, int]]:
    years = sorted({d["year"] for d in graph.graph["documents"].values() if d.get("year") is not None})
    return list(itertools.combinations(years, 2))


def cases(graph) -> list[tuple]:
    kinds = dict(graph.nodes(data="kind"))
    stated = [n for n, k in kinds.items() if k in (NodeKind.GOAL, NodeKind.ACTIVITY, NodeKind.FUNDING)]
    found = [("lineage", n) for n in linked(graph)] + [("lineage", n) for n in stated[::9]]
    writers = sorted({d["administration"] for d in graph.graph["documents"].values() if d.get("administration")})
    admins = [None, *writers[:2]]  # the whole, and two administrations' plans
    found += [("changes", a, b, admin) for a, b in year_pairs(graph) for admin in admins]
    return found


def differing(database, graph) -> list[tuple]:
    functions = {"lineage": lineage, "changes": changes}
    return [(name, *args) for name, *args in cases(graph)
            if functions[name](graph, *args).to_dict() != run_query(database, name, *args).to_dict()]


def test_the_two_plans_give_the_same_answers_on_both_backends(database, two_plans):
    load(database, two_plans)
    assert len(linked(two_plans)) == 4 and len(year_pairs(two_plans)) == 3
    assert differing(database, two_plans) == []
    for name, args in (("lineage", ("iværksættere",)), ("changes", (2010, 2013, "BF")),
                       ("changes", (2011, 2013, "EH"))):
        assert run_query(database, name, *args).to_dict() == \
            {"lineage": lineage, "changes": changes}[name](two_plans, *args).to_dict()


def test_hand_worked_answers_on_the_server(database, two_plans):
    load(database, two_plans)
    moved = run_query(database, "lineage", "Flere iværksættere").rows[-1]
    assert (moved["id"], moved["link"], moved["quote"]) == ("goal:beta-2013-1", "moved", "flyttet fra Alfas handleplan")
    rows = run_query(database, "changes", 2010, 2013).rows
    assert [(r["change"], r["from_id"]) for r in rows if r["change"] != "new"] == [
        ("moved", "goal:alfa-2010-1a"), ("dropped", "goal:alfa-2010-2"), ("continued", "activity:alfa-2010-ee"),
        ("dropped", "activity:alfa-2010-mentor"), ("dropped", "activity:alfa-2010-pakke"),
        ("funding", "activity:alfa-2010-ee")]


def test_the_bundled_data_gives_the_same_answers_on_both_backends(database, real_graph):
    load(database, real_graph)
    assert len(cases(real_graph)) > 20
    assert differing(database, real_graph) == []


def test_the_server_refuses_what_the_embedded_backend_refuses(database, two_plans):
    from inklusionsgraf.errors import AmbiguousName, InklusionsgrafError

    load(database, two_plans)
    with pytest.raises(AmbiguousName):
        run_query(database, "lineage", "Etnisk Erhvervsfremme")
    with pytest.raises(InklusionsgrafError, match="earlier year"):
        run_query(database, "changes", 2013, 2010)


def test_cli_answers_the_same_on_both_backends(bolt_uri, two_plans_dir):  # noqa: F811
    env = {"NEO4J_URI": bolt_uri, "NEO4J_USER": "falkordb", "NEO4J_PASSWORD": "", "NEO4J_DATABASE": "inklusionsgraf"}
    runner = CliRunner()
    loaded = runner.invoke(cli, ["--data", str(two_plans_dir), "neo4j", "load", "--replace"], env=env)
    assert loaded.exit_code == 0, loaded.output
    for args in (["lineage", "EE-indsatsen"], ["changes", "--from", "2010", "--to", "2013", "--admin", "AF"]):
        for fmt in ("json", "table"):  # csv is the json's rows (tests/test_lineage.py)
            embedded = runner.invoke(cli, ["--data", str(two_plans_dir), *args, "--format", fmt])
            on_server = runner.invoke(cli, [*args, "--format", fmt, "--backend", "neo4j"], env=env)
            assert on_server.exit_code == 0, on_server.output
            assert on_server.stdout == embedded.stdout
