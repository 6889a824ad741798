"""Nodes carry their document's municipality; --municipality narrows every question to one."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from click.testing import CliRunner

from inklusionsgraf import load_graph, queries
from inklusionsgraf.cli import cli
from inklusionsgraf.municipalities import municipalities, within
from inklusionsgraf.synth import write_synthetic


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    directory = tmp_path_factory.mktemp("municipalities") / "three"
    write_synthetic(directory, 30_000, seed=5)
    return directory, load_graph(directory)


def ask(directory, *args):
    result = CliRunner().invoke(cli, ["--data", str(directory), *map(str, args), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_node_carries_the_municipality_of_its_document(three):
    _, graph = three
    documents = graph.graph["documents"]
    for node, data in graph.nodes(data=True):
        assert data.get("municipality") == documents[data["document"]].get("municipality"), node
    assert municipalities(graph) == ["Aarhus", "København", "Odense"]


QUESTIONS = [(queries.orphan_goals, ()), (queries.unfunded_goals, ()), (queries.unlinked_activities, ()),
             (queries.expiring, (2015,))]


def test_gap_answers_split_by_municipality_add_up_to_the_whole(three):
    _, graph = three
    parts = {name: within(graph, name) for name in municipalities(graph)}
    for question, args in QUESTIONS:
        whole = {row["id"] for row in question(graph, *args).rows}
        found = []
        for name, part in parts.items():
            ids = {row["id"] for row in question(part, *args).rows}
            assert all(graph.nodes[i].get("municipality") in (name, None) for i in ids), question
            found.append(ids)
        national = set.intersection(*found)  # nodes of no municipality show up in every part
        assert all(graph.nodes[i].get("municipality") is None for i in national)
        assert set.union(*found) == whole, question
        assert sum(len(f) for f in found) - 2 * len(national) == len(whole), question


def test_the_command_line_option_answers_as_the_library_does(three):
    directory, graph = three
    printed = ask(directory, "gaps", "unfunded", "--municipality", "aarhus")
    expected = json.loads(json.dumps(queries.unfunded_goals(within(graph, "Aarhus")).to_dict(), default=str))
    assert printed == expected


def test_a_national_pool_s_impact_within_one_municipality_is_its_share(three):
    _, graph = three
    pool = max((n for n in graph if n.startswith("funding:national-")), key=lambda n: (graph.out_degree(n), n))
    whole = queries.impact(graph, pool)
    shares = {name: queries.impact(within(graph, name), pool) for name in municipalities(graph)}
    assert all(s.summary["activities"] > 0 for s in shares.values())
    assert sum(s.summary["activities"] for s in shares.values()) == whole.summary["activities"]
    for name, share in shares.items():
        assert {graph.nodes[r["id"]]["municipality"] for r in share.rows} == {name}


def test_names_match_without_case_or_accents(three):
    _, graph = three
    for spelling in ("københavn", "KØBENHAVN", "kobenhavn"):
        assert within(graph, spelling).graph["municipality"] == "København"


def test_an_unknown_municipality_is_named_with_the_known_ones(three):
    directory, _ = three
    result = CliRunner().invoke(cli, ["--data", str(directory), "--lang", "en", "gaps", "orphans",
                                      "--municipality", "Ribe"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: no municipality 'Ribe' in the data; it names Aarhus, København, Odense"


def test_the_bundled_data_is_all_copenhagen(real_graph, real_data_dir):
    assert municipalities(real_graph) == ["København"]
    assert ask(real_data_dir, "gaps", "unfunded", "--municipality", "København") == ask(real_data_dir, "gaps", "unfunded")


def test_tables_without_the_municipality_column_still_read(real_data_dir, tmp_path):
    copy = shutil.copytree(real_data_dir, tmp_path / "old")
    with open(real_data_dir / "documents.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    with open(copy / "documents.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [c for c in header if c != "municipality"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    graph = load_graph(copy)
    assert graph.number_of_nodes() == load_graph(real_data_dir).number_of_nodes()
    assert municipalities(graph) == []
    result = CliRunner().invoke(cli, ["--data", str(copy), "gaps", "orphans", "--municipality", "København"])
    assert result.exit_code == 2 and "its documents name no municipality" in result.stderr


def test_municipality_is_refused_on_the_bolt_backend_before_connecting(real_data_dir):
    result = CliRunner().invoke(cli, ["--data", str(real_data_dir), "--lang", "en", "gaps", "orphans", "--backend", "neo4j",
                                      "--uri", "bolt://127.0.0.1:1", "--municipality", "København"])
    assert result.exit_code == 2 and "embedded backend only" in result.stderr


def test_a_goal_cycle_still_rolls_up(tmp_path):
    """Goals supporting each other in a ring: validate refuses it (checks.py), but a graph
    built without the checks still rolls up: work under one is under all of them."""
    from conftest import TINY, write_dataset

    from inklusionsgraf.build import build_graph
    from inklusionsgraf.errors import DataError
    from inklusionsgraf.tables import read_dataset

    tables = {k: list(v) for k, v in TINY.items()}
    line = {"document": TINY["documents"][0]["id"], "line": 1, "quote": "Handleplan"}
    tables["supports"] = tables["supports"] + [{"source": "goal:pol-1", "target": "goal:sub-c", **line},
                                               {"source": "goal:sub-c", "target": "goal:pol-1", **line}]
    ring = write_dataset(tmp_path / "ring", tables)
    with pytest.raises(DataError, match="cycle in supports"):
        load_graph(ring)
    graph = build_graph(read_dataset(ring, check=False))
    orphans = {r["id"] for r in queries.orphan_goals(graph).rows}
    assert "goal:sub-c" not in orphans and "goal:pol-1" not in orphans
    assert "goal:pol-3" in orphans
    unfunded = {r["id"] for r in queries.unfunded_goals(graph).rows}
    assert {"goal:sub-c", "goal:pol-1", "goal:pol-2"}.isdisjoint(unfunded)  # secured money under activity:x
