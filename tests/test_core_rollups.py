"""The columnar core answers impact, deps, area, admin and active exactly as the networkx
queries do: same summary, same rows, same order, on the bundled data, the hand-made fixtures
and synthetic datasets, for the latest state and every year 2009-2016, for several funding
sources (one whose expiry cascades through work that requires it), areas and
administrations picked from each dataset."""

from __future__ import annotations

from collections import Counter

import pytest
from test_core_parity import both_cores

from inklusionsgraf import queries
from inklusionsgraf.build import load_graph
from inklusionsgraf.core import QUESTIONS, load_core
from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.model import EdgeKind, NodeKind
from inklusionsgraf.synth import write_synthetic

YEARS = [None, *range(2009, 2017)]
ROLLUPS = ("impact", "deps", "area", "admin", "active")


def _of_kind(graph, kind) -> list[str]:
    return sorted(n for n, k in graph.nodes(data="kind") if k == kind)


def _most(graph, kind, edge_kind, *, condition=None, count=2) -> list[str]:
    """The nodes of ``kind`` with the most ``edge_kind`` edges in or out."""
    edges = Counter()
    for u, v, d in graph.edges(data=True):
        if d["kind"] == edge_kind and (condition is None or d.get("condition") == condition):
            for node in (u, v):
                if graph.nodes[node]["kind"] == kind:
                    edges[node] += 1
    return [n for n, _ in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


def asked(graph) -> dict[str, list[tuple]]:
    """Each question with the arguments to ask it with: the first and the busiest funding
    sources (incl. the one most work requires), areas and administrations, by year."""
    sources = _of_kind(graph, NodeKind.FUNDING)
    sources = list(dict.fromkeys(sources[:2] + _most(graph, NodeKind.FUNDING, EdgeKind.FUNDS)
                                 + _most(graph, NodeKind.FUNDING, EdgeKind.DEPENDS_ON, condition="requires")))
    areas = _of_kind(graph, NodeKind.AREA)
    areas = list(dict.fromkeys(areas[:2] + _most(graph, NodeKind.AREA, EdgeKind.LOCATED_IN)))
    admins = _of_kind(graph, NodeKind.ADMINISTRATION)
    admins = list(dict.fromkeys(admins[:2] + _most(graph, NodeKind.ADMINISTRATION, EdgeKind.RESPONSIBLE)))
    return {"impact": [(s, y) for s in sources for y in YEARS],
            "deps": [(y,) for y in YEARS],
            "area": [(a, y) for a in areas for y in YEARS],
            "admin": [(a, y) for a in admins for y in YEARS],
            "active": [(y,) for y in YEARS if y is not None]}


def _answer(ask, *arguments):
    try:
        return ask(*arguments).to_dict()
    except InklusionsgrafError as error:  # e.g. a source without an end year, asked without one
        return f"{type(error).__name__}: {error}"


def assert_same_answers(directory, only=ROLLUPS) -> None:
    core = load_core(directory, cache=False)
    graph = load_graph(directory)
    assert set(ROLLUPS) <= set(QUESTIONS)
    cascades = 0
    for name, cases in asked(graph).items():
        if name not in only:
            continue
        assert cases, name
        for arguments in cases:
            expected = _answer(queries.QUERIES[name].function, graph, *arguments)
            answer = _answer(core.question, name, *arguments)
            assert answer == expected, (name, arguments)
            if name == "impact" and isinstance(expected, dict):
                cascades += any(r["why"].startswith("depends on") for r in expected["rows"])
    return cascades


def test_bundled_data(real_data_dir):
    assert_same_answers(real_data_dir)


def test_tiny_policy(tiny_dir):
    assert_same_answers(tiny_dir)


def test_two_plans(two_plans_dir):
    assert_same_answers(two_plans_dir)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_ten_thousand_nodes(tmp_path, seed):
    write_synthetic(tmp_path / "s", nodes=10_000, seed=seed)
    cascades = assert_same_answers(tmp_path / "s")
    assert cascades, "no source's expiry cascaded through work that requires it"


def test_names_resolve_alike(real_data_dir):
    # What a user types: a title, an abbreviation, part of a title, a name of another kind,
    # a name nothing has. The same node, or the same message.
    core, graph = load_core(real_data_dir, cache=False), load_graph(real_data_dir)
    source = _of_kind(graph, NodeKind.FUNDING)[0]
    admin = next(a for a in _of_kind(graph, NodeKind.ADMINISTRATION) if graph.nodes[a].get("abbreviation"))
    cases = [("impact", graph.nodes[source]["title"], 2013), ("admin", graph.nodes[admin]["abbreviation"], None),
             ("area", "no such place", None), ("impact", admin, None), ("admin", "forvaltning", None)]
    for name, typed, year in cases:
        expected = _answer(queries.QUERIES[name].function, graph, typed, year)
        assert _answer(core.question, name, typed, year) == expected, (name, typed)


@pytest.mark.parametrize("command", [
    ["impact", "EE"],
    ["impact", "EE", "--year", "2012", "--lang", "en"],
    ["deps", "--admin", "TMF"],
    ["area", "Tingbjerg"],  # a table by administration
    ["area", "Tingbjerg", "--format", "json", "--lang", "en"],
    ["admin", "BIU", "--year", "2013"],
    ["admin", "Beskæftigelses- og Integrationsudvalget"],  # a committee: the hint names the administration
    ["active", "--year", "2013"],
    ["active", "--year", "1999"],  # the year warning reads the whole data's years
    ["impact", "no such source"],  # the message (and exit 2) alike
    ["area", "EE"],  # a funding source's name: the message names the command for it
])
def test_the_terminal_reads_the_same_from_either_core(real_data_dir, command):
    columnar, embedded = both_cores(real_data_dir, command)
    assert columnar.returncode == embedded.returncode == (2 if command[:2] in (["impact", "no such source"], ["area", "EE"]) else 0), \
        columnar.stderr
    assert (columnar.stdout, columnar.stderr) == (embedded.stdout, embedded.stderr)
    assert "Traceback" not in columnar.stderr
