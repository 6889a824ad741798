"""The Neo4j backend against a real Bolt server (FalkorDB on loopback): loading, parity with
the embedded backend on every question, text that looks like Cypher, and the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bolt_server import falkordb_server, server_alive
from conftest import TINY, write_dataset
from inklusionsgraf import load_graph, queries
from inklusionsgraf.bolt import PASTED_PARAMETER_BUDGET, Settings, connect
from inklusionsgraf.bolt_load import count, load
from inklusionsgraf.bolt_queries import run_query
from inklusionsgraf.cli import cli
from inklusionsgraf.errors import InklusionsgrafError

@pytest.fixture(scope="session")
def bolt_uri(tmp_path_factory):
    with falkordb_server(tmp_path_factory.mktemp("falkordb")) as uri:
        yield uri


def open_database(uri: str):
    """A connection to the server's graph, emptied (FalkorDB's Bolt layer serves one graph
    whatever the database name, so the tests take turns with it)."""
    database = connect(Settings(uri, "falkordb", "", "inklusionsgraf"))
    database.run("load", "clear")
    return database


@pytest.fixture
def database(bolt_uri):
    with open_database(bolt_uri) as db:
        yield db


@pytest.fixture
def real_loaded(database, real_graph):
    load(database, real_graph)
    return database


def _real_cases(graph):
    """Every question with arguments that cover the bundled data."""
    kinds = dict(graph.nodes(data="kind"))
    years = sorted({d["end_year"] for _, d in graph.nodes(data=True) if d.get("end_year")})
    cases = [("unfunded",), ("orphans",), ("unlinked",), ("deps",), ("stats",)]
    cases += [("expiring", y) for y in years] + [("active", y) for y in years]
    cases += [("impact", n, None) for n, k in kinds.items()
              if k == "funding" and graph.nodes[n].get("end_year")]
    cases += [("impact", n, 2012) for n, k in kinds.items() if k == "funding"]
    cases += [("area", n) for n, k in kinds.items() if k == "area"]
    cases += [("admin", n) for n, k in kinds.items() if k == "administration"]
    cases += [("show", n) for n in list(kinds)[::7]]
    # as the documents stood in each year they cover
    for year in range(2009, 2017):
        cases += [("unfunded", year), ("orphans", year), ("deps", year)]
        cases += [("area", n, year) for n, k in list(kinds.items())[::5] if k == "area"]
        cases += [("admin", n, year) for n, k in kinds.items() if k == "administration"
                  and graph.nodes[n].get("level") in ("administration", "unit")]
    return cases


def test_every_question_gives_the_same_answer_on_both_backends(real_loaded, real_graph):
    cases = _real_cases(real_graph)
    assert len(cases) > 100
    differ = []
    for name, *args in cases:
        embedded = queries.QUERIES[name].function(real_graph, *args).to_dict()
        on_server = run_query(real_loaded, name, *args).to_dict()
        if embedded != on_server:
            differ.append((name, args))
    assert differ == []


def test_impact_of_ee_in_2013_on_the_server(real_loaded):
    """The README's example, answered by the Cypher files: KES's EE work goes on reduced
    (001:139), and the 2010 plan's conditions for starting (000:9) end nothing."""
    effects = {r["id"]: r["effect"] for r in run_query(real_loaded, "impact", "Etnisk Erhvervsfremme", 2013).rows}
    assert effects["activity:tmf-2013-etnisk-erhvervsfremme"] == "reduced"
    assert "activity:okf-2010-opsogende-radgivning" not in effects


@pytest.mark.parametrize("name, args", [
    ("unfunded", ()), ("orphans", ()), ("unlinked", ()), ("impact", ("EE", 2013)), ("impact", ("EE", None)),
    ("expiring", (2013,)), ("active", (2012,)), ("area", ("Bydelen",)), ("admin", ("BF",)), ("admin", ("EH",)),
    ("deps", ()), ("stats", ()), ("show", ("activity:z",)), ("show", ("admin:enhed",)),
])
def test_the_hand_made_policy_gives_the_same_answers(database, tiny_graph, name, args):
    load(database, tiny_graph)
    assert run_query(database, name, *args).to_dict() == queries.QUERIES[name].function(tiny_graph, *args).to_dict()


TWO_PLANS_CASES = [("unlinked",), ("stats",), ("show", "activity:beta-2013-ee"), ("show", "activity:alfa-2010-ee")]
for _year in (None, 2009, 2010, 2011, 2012, 2013, 2014):
    TWO_PLANS_CASES += [("unfunded", _year), ("orphans", _year), ("deps", _year), ("area", "Parken", _year),
                        ("area", "Byen", _year), ("admin", "AF", _year), ("admin", "BF", _year),
                        ("admin", "EH", _year), ("impact", "EE", _year), ("impact", "Puljen", _year or 2014),
                        ("impact", "Enhedens ramme", _year or 2012)]
    if _year is not None:
        TWO_PLANS_CASES += [("expiring", _year), ("active", _year)]


def test_answers_in_time_are_the_same_on_both_backends(database, two_plans):
    """The policy told by two plan versions (tests/two_plans.py): every question, every year."""
    load(database, two_plans)
    differ = [(name, args) for name, *args in TWO_PLANS_CASES
              if run_query(database, name, *args).to_dict() != queries.QUERIES[name].function(two_plans, *args).to_dict()]
    assert differ == []


def test_hand_worked_answers_on_the_server(database, tiny_graph):
    load(database, tiny_graph)
    assert [r["id"] for r in run_query(database, "orphans").rows] == ["goal:pol-3", "goal:sub-c"]
    assert [r["id"] for r in run_query(database, "unlinked").rows] == ["activity:u"]
    effects = {r["id"]: r["effect"] for r in run_query(database, "impact", "EE", 2013).rows}
    assert effects == {"activity:x": "reduced", "activity:y": "ends"}


def test_loading_stores_every_attribute_and_provenance(real_loaded, real_graph):
    assert count(real_loaded) == (real_graph.number_of_nodes(), real_graph.number_of_edges())
    stored = {r["props"]["id"]: r["props"] for r in
              real_loaded.run_chunked("context", "nodes", "ids", list(real_graph))}
    assert stored == {n: {"id": n, **d} for n, d in real_graph.nodes(data=True)}


def test_loading_twice_leaves_the_same_graph(database, tiny_graph):
    load(database, tiny_graph)
    first = run_query(database, "stats").to_dict()
    load(database, tiny_graph)
    assert count(database) == (tiny_graph.number_of_nodes(), tiny_graph.number_of_edges())
    assert run_query(database, "stats").to_dict() == first


def test_replace_clears_what_was_there(database, tiny_graph, real_graph):
    load(database, real_graph)
    load(database, tiny_graph)  # merged on top: the union
    assert count(database)[0] == real_graph.number_of_nodes() + tiny_graph.number_of_nodes()
    load(database, tiny_graph, replace=True)
    assert count(database) == (tiny_graph.number_of_nodes(), tiny_graph.number_of_edges())


def test_batches_and_rows_one_at_a_time_give_the_same_graph(bolt_uri, tiny_graph):
    answers = []
    for batch_size in (1, 1000):
        with open_database(bolt_uri) as db:
            load(db, tiny_graph, batch_size=batch_size)
            answers.append([run_query(db, q).to_dict() for q in ("stats", "unfunded", "deps")])
    assert answers[0] == answers[1]


NASTY = 'Say "hej" {x: 1} \\ \\n \'; MATCH (n) DETACH DELETE n // $title æøå'


def test_text_that_looks_like_cypher_is_stored_and_read_back_unchanged(database, tmp_path):
    tables = json.loads(json.dumps(TINY))
    tables["activities"][0]["title"] = NASTY
    tables["activities"][0]["quote"] = "it's a \\backslash' and a quote\""
    graph = load_graph(write_dataset(tmp_path / "nasty", tables))
    load(database, graph)
    summary = run_query(database, "show", "activity:x").summary
    assert summary["title"] == NASTY
    assert summary["quote"] == tables["activities"][0]["quote"]
    assert count(database) == (graph.number_of_nodes(), graph.number_of_edges())  # nothing deleted


def test_a_statement_too_large_for_the_server_is_refused_before_sending(database, bolt_uri):
    assert database.pastes_parameters  # FalkorDB pastes parameters into the query text
    with pytest.raises(InklusionsgrafError, match="bytes"):
        database.run("load", "node-goal", rows=[{"id": "goal:big", "props": {"id": "goal:big",
                                                 "title": "x" * PASTED_PARAMETER_BUDGET}}])
    assert server_alive(bolt_uri)


# --- the command line -----------------------------------------------------------------

def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_cli_loads_and_answers_in_the_same_formats(bolt_uri, tiny_dir, tiny_graph):
    env = {"NEO4J_URI": bolt_uri, "NEO4J_USER": "falkordb", "NEO4J_PASSWORD": "", "NEO4J_DATABASE": "inklusionsgraf"}
    loaded = invoke("--data", str(tiny_dir), "neo4j", "load", "--replace", env=env)
    assert loaded.exit_code == 0, loaded.output
    assert f"the database now holds {tiny_graph.number_of_nodes()} nodes and {tiny_graph.number_of_edges()} edges" \
        in loaded.stderr
    for args in (["gaps", "unfunded"], ["impact", "EE", "--year", "2013"], ["area", "Bydelen"], ["deps"]):
        for fmt in ("json", "csv", "table"):
            embedded = invoke("--data", str(tiny_dir), *args, "--format", fmt)
            on_server = invoke("--data", str(tiny_dir), *args, "--format", fmt, "--backend", "neo4j", env=env)
            assert on_server.exit_code == 0, on_server.output
            assert on_server.stdout == embedded.stdout


def test_cli_connection_failure_is_one_line_and_exit_2():
    result = invoke("--lang", "en", "gaps", "orphans", "--backend", "neo4j", "--uri", "bolt://127.0.0.1:1",
                    "--password", "hemmeligt-kodeord")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: cannot reach a Bolt server")
    assert "hemmeligt-kodeord" not in result.output
    assert "Traceback" not in result.output


def test_cli_wrong_password_is_one_line_and_exit_2(tmp_path):
    with falkordb_server(tmp_path / "locked", password="rigtigt") as uri:
        wrong = invoke("neo4j", "load", "--uri", uri, "--user", "falkordb", "--password", "forkert-kodeord")
        right = invoke("gaps", "orphans", "--backend", "neo4j", "--uri", uri, "--user", "falkordb",
                       "--password", "rigtigt")
    assert wrong.exit_code == 2
    assert wrong.stderr.count("\n") == 1 and "check --user, --password" in wrong.stderr
    assert "forkert-kodeord" not in wrong.output
    # the right password gets in; the server holds nothing yet, and says so
    assert right.exit_code == 2 and "holds no inklusionsgraf graph" in right.stderr, right.output


def test_cli_refuses_an_address_that_is_not_bolt():
    result = invoke("--lang", "en", "neo4j", "load", "--uri", "http://localhost:7474")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --uri http://localhost:7474 is not a Bolt address")


def test_password_is_not_shown_in_help():
    result = invoke("neo4j", "load", "--help", env={"NEO4J_PASSWORD": "hemmeligt-kodeord"})
    assert "hemmeligt-kodeord" not in result.output


def test_a_query_on_an_empty_database_says_to_load_first(database, bolt_uri):
    env = {"NEO4J_URI": bolt_uri, "NEO4J_USER": "falkordb", "NEO4J_PASSWORD": "", "NEO4J_DATABASE": "inklusionsgraf"}
    for args in (["gaps", "unfunded"], ["stats"]):
        result = invoke(*args, "--backend", "neo4j", "--lang", "en", env=env)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert result.stderr == (f"error: the database at {bolt_uri} holds no inklusionsgraf graph; "
                                 "run `inklusionsgraf neo4j load` first\n")
