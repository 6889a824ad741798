"""`inklusionsgraf synth`: synthetic datasets with the real data's shape, for measuring."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from click.testing import CliRunner

from inklusionsgraf import load_graph, queries
from inklusionsgraf.cli import cli
from inklusionsgraf.synth import write_synthetic
from inklusionsgraf.tables import SPECS

TWO_MUNICIPALITIES = 20_000


def synth(*args):
    return CliRunner().invoke(cli, ["synth", *map(str, args)])


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """A dataset of two municipalities, and its graph."""
    directory = tmp_path_factory.mktemp("synth") / "two"
    result = synth("-o", directory, "--nodes", TWO_MUNICIPALITIES, "--seed", 7)
    assert result.exit_code == 0, result.output
    return directory, load_graph(directory)


def test_writes_exactly_the_nodes_asked_for_and_they_validate(tmp_path):
    for nodes in (100, 1000, 2345):
        result = synth("-o", tmp_path / str(nodes), "--nodes", nodes, "--seed", 1)
        assert result.exit_code == 0, result.output
        assert f"{nodes:,} nodes" in result.stderr
        validated = CliRunner().invoke(cli, ["--data", str(tmp_path / str(nodes)), "validate"])
        assert validated.exit_code == 0, validated.output
        assert load_graph(tmp_path / str(nodes)).number_of_nodes() == nodes


def test_the_same_seed_gives_the_same_files_and_another_seed_others(tmp_path):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        write_synthetic(tmp_path / name, 3000, seed)
    for spec in SPECS:
        a, b, c = ((tmp_path / name / spec.file).read_bytes() for name in "abc")
        assert a == b, spec.file
    assert any((tmp_path / "a" / s.file).read_bytes() != (tmp_path / "c" / s.file).read_bytes() for s in SPECS)


def test_has_the_shape_of_the_real_data(two):
    directory, graph = two
    kinds = Counter(k for _, k in graph.nodes(data="kind"))
    assert set(kinds) == {"administration", "goal", "activity", "funding", "area"}
    levels = Counter(d["level"] for _, d in graph.nodes(data=True) if d["kind"] == "goal")
    assert {"focus_area", "policy_goal", "initiative", "administration_goal", "sub_goal"} <= set(levels)
    municipalities = Counter(graph.nodes[n].get("municipality") for n in graph)
    assert set(municipalities) == {"København", "Aarhus", None}
    # the nodes of no municipality are national pools, and they fund work in both
    national = [n for n in graph if graph.nodes[n].get("municipality") is None]
    assert national and all(graph.nodes[n]["kind"] == "funding" for n in national)
    assert any({graph.nodes[v]["municipality"] for v in graph.successors(pool)} == {"København", "Aarhus"}
               for pool in national)
    # areas nest: city > district > urban area > housing estate (> site)
    depth = max(len(p) for p in _paths_up(graph, "located-in", "area"))
    assert depth >= 4
    # several plan years, administration plans as documents
    years = {d["year"] for d in graph.graph["documents"].values()}
    assert len(years) >= 5
    # funding with periods and every status
    statuses = Counter(d["status"] for _, _, d in graph.edges(data=True) if d["kind"] == "funds")
    assert set(statuses) == {"secured", "planned", "sought", "uncertain"}
    assert any("end_year" in graph.nodes[n] for n in national)


def test_has_gaps_and_cross_administration_work_in_realistic_shares(two):
    _, graph = two
    goals = sum(1 for _, k in graph.nodes(data="kind") if k == "goal")
    activities = sum(1 for _, k in graph.nodes(data="kind") if k == "activity")
    orphans = len(queries.orphan_goals(graph).rows)
    unfunded = len(queries.unfunded_goals(graph).rows)
    unlinked = len(queries.unlinked_activities(graph).rows)
    assert 0.05 < orphans / goals < 0.3
    assert orphans < unfunded < goals * 0.7
    assert 0.01 < unlinked / activities < 0.15
    relations = Counter(r["relation"] for r in queries.dependencies(graph).rows)
    assert {"serves", "funds", "partners", "houses"} <= set(relations)
    assert any(d.get("condition") for _, _, d in graph.edges(data=True) if d["kind"] == "depends-on")


def test_refuses_a_directory_with_files_in_it_and_writes_nothing(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    result = synth("-o", tmp_path / "full", "--nodes", 500)
    assert result.exit_code == 2
    assert "not an empty directory" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]  # no staging directory left


@pytest.mark.parametrize("nodes", [0, 99, 5_000_000])
def test_refuses_sizes_out_of_range(tmp_path, nodes):
    result = synth("-o", tmp_path / "x", "--nodes", nodes)
    assert result.exit_code == 2 and "--nodes must be between" in result.stderr
    assert not (tmp_path / "x").exists()


def test_the_tables_are_the_data_format(two):
    directory, _ = two
    for spec in SPECS:
        with open(directory / spec.file, encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == spec.column_names
    documents = list(csv.DictReader((directory / "documents.csv").read_text(encoding="utf-8").splitlines()))
    assert all("syntetisk" in row["title"] for row in documents)  # never mistaken for a source


def _paths_up(graph, edge_kind, kind):
    """Every upward path of one edge kind between nodes of one kind, from the bottom ones."""
    def up(node):
        parents = [v for _, v, d in graph.out_edges(node, data=True)
                   if d["kind"] == edge_kind and graph.nodes[v]["kind"] == kind]
        return [[node]] if not parents else [[node, *rest] for p in parents for rest in up(p)]
    bottoms = [n for n, k in graph.nodes(data="kind") if k == kind
               and not any(d["kind"] == edge_kind and graph.nodes[u]["kind"] == kind
                           for u, _, d in graph.in_edges(n, data=True))]
    return [path for b in bottoms for path in up(b)]
