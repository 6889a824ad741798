"""The core's time and identity annotation (core/time.py) is timeline.annotate's, edge for
edge: the same statements superseded, the same same-as groups, and the same edges carried
over to the statements that take over, from the same statement, in the same order.

The synthetic data has short lineages; the datasets here add what it lacks: long continues
chains with splits and merges, same-as groups of three and more (some against the order of
the continues edges, so that two statements take over from each other), one funder's money
stated twice, a goal supporting the goal that continues it, parts of parts, and documents
without a year or of one year told apart by date.
"""

from __future__ import annotations

import csv
import random
from collections import Counter

import numpy as np
import pytest
from conftest import write_dataset
from test_core_parity import assert_same_answers, assert_same_graph

from inklusionsgraf.build import load_graph
from inklusionsgraf.core import load_core
from inklusionsgraf.core.time import Successors, _reach
from inklusionsgraf.synth import write_synthetic
from inklusionsgraf.tables import SPECS, write_table
from inklusionsgraf.timeline import _reach as timeline_reach

D10, D12, D14 = "plan-2010.txt", "plan-2012.txt", "plan-2014.txt"


def _p(document: str, line: int) -> dict:
    return {"document": document, "line": line, "quote": "citat"}


# One activity told three times (2010, 2012, 2014). The 2010 statement supports G1, lies in
# P1 and has money from F1 (two statements: planned and sought) and from F2; the 2012 one
# supports G2 and has its own money from F2; the 2014 one states nothing of its own.
THREE_STATEMENTS = {
    "documents": [{"id": d, "title": d, "kind": "handleplan", "year": y, **_p(d, 1)}
                  for d, y in ((D10, 2010), (D12, 2012), (D14, 2014))],
    "goals": [{"id": f"goal:g{i}", "title": f"G{i}", "level": "sub_goal", **_p(D10, 1 + i)} for i in (1, 2)],
    "activities": [{"id": f"activity:a{y}", "title": "Mentorforløb", **_p(d, 4)}
                   for d, y in ((D10, 10), (D12, 12), (D14, 14))],
    "areas": [{"id": "area:p1", "title": "P1", "type": "district", **_p(D10, 5)}],
    "funding_sources": [{"id": f"funding:{f}", "title": f.upper(), "type": "state", **_p(D10, 6)}
                        for f in ("f1", "f2")],
    "supports": [{"source": "activity:a10", "target": "goal:g1", **_p(D10, 7)},
                 {"source": "activity:a12", "target": "goal:g2", **_p(D12, 7)}],
    "located_in": [{"source": "activity:a10", "target": "area:p1", **_p(D10, 8)}],
    "funds": [{"source": "funding:f1", "target": "activity:a10", "status": "planned", **_p(D10, 9)},
              {"source": "funding:f1", "target": "activity:a10", "status": "sought", **_p(D10, 10)},
              {"source": "funding:f2", "target": "activity:a10", "status": "planned", **_p(D10, 11)},
              {"source": "funding:f2", "target": "activity:a12", "status": "secured", **_p(D12, 11)}],
    "same_as": [{"source": "activity:a12", "target": "activity:a10", **_p(D12, 12)},
                {"source": "activity:a14", "target": "activity:a12", **_p(D14, 12)}],
}


def carried_into(graph, node):
    """(kind, other end, status, carried_from) of the carried edges out of and into ``node``."""
    out = [(d["kind"], v, d["carried_from"]) for _, v, d in graph.out_edges(node, data=True) if "carried_from" in d]
    money = [(u, d["status"], d["carried_from"]) for u, _, d in graph.in_edges(node, data=True) if "carried_from" in d]
    return out, money


def test_later_statements_take_over_goals_places_and_money(tmp_path):
    directory = write_dataset(tmp_path / "three", THREE_STATEMENTS)
    assert_same_graph(directory)
    graph = load_core(directory, cache=False).to_networkx()
    assert graph.nodes["activity:a10"]["thing"] == "activity:a14"
    assert graph.nodes["activity:a10"]["superseded_in"] == 2012
    # 2012 keeps its own money from F2 and takes both of 2010's statements of F1's money
    assert carried_into(graph, "activity:a12") == (
        [("supports", "goal:g1", "activity:a10"), ("located-in", "area:p1", "activity:a10")],
        [("funding:f1", "planned", "activity:a10"), ("funding:f1", "sought", "activity:a10")])
    out, money = carried_into(graph, "activity:a14")
    assert out == [("supports", "goal:g1", "activity:a10"), ("located-in", "area:p1", "activity:a10"),
                   ("supports", "goal:g2", "activity:a12")]
    assert [(funder, status) for funder, status, _ in money] == [
        ("funding:f1", "planned"), ("funding:f1", "sought"), ("funding:f2", "planned")]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_reach_is_timeline_reach_for_every_statement(seed):
    # successor lists with repeats, cycles and long chains
    rng = random.Random(seed)
    n = 60
    lists = {node: [rng.randrange(n) for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 6]))] for node in range(n)}
    lists.update({node: [node + 1] for node in range(40, 59)})
    earlier = np.array([node for node, later in lists.items() for _ in later], np.int64)
    later = np.array([m for ms in lists.values() for m in ms], np.int64)
    roots = np.array([node for node in rng.sample(range(n), n) if lists[node]], np.int64)
    owner, heir = _reach(roots, Successors(earlier, later, np.arange(n)), n)
    for position, root in enumerate(roots.tolist()):
        assert heir[owner == position].tolist() == timeline_reach(lists, lists[root])


def stressed(directory, seed: int):
    """A small synthetic dataset with the identity edges described above added to it."""
    write_synthetic(directory, nodes=2_000, seed=seed)
    rng = random.Random(seed)
    tables = {}
    for spec in SPECS:
        with open(directory / spec.file, newline="", encoding="utf-8") as handle:
            tables[spec.name] = list(csv.DictReader(handle))
    line = iter(range(10_000, 100_000))
    documents = [d["id"] for d in tables["documents"]]
    tables["documents"] += [{"id": "uden-aar.txt", "title": "Uden år", "kind": "other", **_p("uden-aar.txt", 1)},
                            {"id": "marts.txt", "title": "Marts", "kind": "other", "year": 2012, "date": "2012-03-01",
                             **_p("marts.txt", 1)},
                            {"id": "maj.txt", "title": "Maj", "kind": "other", "year": 2012, "date": "2012-05-01",
                             **_p("maj.txt", 1)}]
    documents += ["uden-aar.txt", "marts.txt", "maj.txt"] * 10

    def add(table, **row):
        row.setdefault("document", rng.choice(documents))
        tables[table].insert(rng.randrange(len(tables[table]) + 1), {**row, "line": next(line), "quote": "citat"})

    old_goals, areas = [g["id"] for g in tables["goals"]], [a["id"] for a in tables["areas"]]
    funders = [f["id"] for f in tables["funding_sources"]]
    goals, activities = [f"goal:stress-{i}" for i in range(30)], [f"activity:stress-{i}" for i in range(40)]
    for node in goals:
        add("goals", id=node, title=node, level="sub_goal")
    for i, node in enumerate(activities):
        years = {"start_year": 2011, "end_year": 2014, "end_kind": rng.choice(["ends", "reduced", ""])} if i % 3 else {}
        add("activities", id=node, title=node, **years)
    for a, b in zip(goals[:12], goals[1:12]):  # a chain of twelve goals
        add("continues", source=b, target=a, change="continued")
    for i in range(20, 40):  # splits and merges, always to an earlier number
        for j in rng.sample(range(i), rng.randint(1, 3)):
            add("continues", source=activities[i], target=activities[j], change="narrowed")
    for i, j in [(2, 9), (9, 5), (4, 11), (14, 20), (20, 25), (25, 16)]:  # against the chain, and groups of 3+
        add("same_as", source=goals[i], target=goals[j])
    for k in range(6):
        group = rng.sample(activities, rng.randint(3, 5))
        for a, b in zip(group, group[1:]):
            add("same_as", source=a, target=b, reason=f"gruppe {k}")
    for i, node in enumerate(goals):
        for target in rng.sample(old_goals, 2):
            add("supports", source=node, target=target)
            if rng.random() < 0.3:  # stated twice
                add("supports", source=node, target=target)
        if i < 11:
            add("supports", source=node, target=goals[i + 1])  # supports the goal that continues it
    for node in activities:
        add("supports", source=node, target=rng.choice(goals + old_goals))
        add("located_in", source=node, target=rng.choice(areas))
        for funder in rng.sample(funders, 2):
            for status in rng.sample(["secured", "sought", "planned"], rng.randint(1, 2)):
                years = {"start_year": 2012, "end_year": 2013} if rng.random() < 0.5 else {}
                add("funds", source=funder, target=node, status=status, min_dkk=1000, max_dkk=1000,
                    basis="once", **years)
    for a, b in [(0, 1), (1, 2), (2, 0), (3, 1), (5, 6)]:  # parts of parts, and a circle
        add("part_of", source=activities[a], target=activities[b], reason="del af")
    for spec in SPECS:
        write_table(directory, spec.name, tables[spec.name])
    return directory


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stressed_lineages_are_annotated_as_timeline_does(tmp_path, seed):
    directory = stressed(tmp_path / "s", seed)
    graph = load_graph(directory)
    carried = [d for _, _, d in graph.edges(data=True) if "carried_from" in d]
    assert len(carried) > 100 and len({d["carried_from"] for d in carried}) > 20  # the stress is real
    things = Counter(d["thing"] for _, d in graph.nodes(data=True) if "thing" in d)
    assert max(things.values()) >= 3
    assert_same_graph(directory)
    if seed == 1:
        assert_same_answers(directory)
