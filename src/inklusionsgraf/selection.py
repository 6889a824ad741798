"""Which nodes a view shows: filters by administration, area, year and kind, a node's
neighbourhood, and the gaps to mark.

>>> from inklusionsgraf import load_graph
>>> graph = load_graph()
>>> "area:mjolnerparken" in select(graph, focus="Mjølnerparken", depth=1)
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from inklusionsgraf import queries
from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.model import EdgeKind, NodeKind
from inklusionsgraf.names import resolve, resolve_any
from inklusionsgraf.responsibility import administrations_of, runs_in
from inklusionsgraf.rollup import beneath


def node_tags(graph: nx.MultiDiGraph) -> dict[str, dict[str, set[str]]]:
    """For every node, the administrations and areas it belongs to.

    An activity or goal belongs to the administrations that answer for it (units with the
    administration that housed them) and to the areas it lies in (with their larger areas);
    a goal also to those of the work beneath it; a funding source to those of what it funds
    and of its controller; an administration to itself, the bodies it is linked to by
    responsibility, and the work it answers for; an area to itself, its larger areas and the
    administrations of the work in it. The page's own filters use the same tags.
    """
    kinds = dict(graph.nodes(data="kind"))
    admins: dict[str, set[str]] = defaultdict(set)
    areas: dict[str, set[str]] = defaultdict(set)
    area_tree = nx.DiGraph((u, v) for u, v, d in graph.edges(data=True)
                           if d["kind"] == EdgeKind.LOCATED_IN and kinds[u] == kinds[v] == NodeKind.AREA)
    up = {a: {a} | (nx.descendants(area_tree, a) if a in area_tree else set())
          for a, k in kinds.items() if k == NodeKind.AREA}
    for node, kind in kinds.items():
        if kind in (NodeKind.ACTIVITY, NodeKind.GOAL):
            admins[node] |= set(administrations_of(graph, node))
        if kind == NodeKind.AREA:
            areas[node] |= up[node]
    for u, v, d in graph.edges(data=True):
        if d["kind"] == EdgeKind.LOCATED_IN and kinds[u] == NodeKind.ACTIVITY:
            areas[u] |= up[v]
        if d["kind"] == EdgeKind.RESPONSIBLE and kinds[v] == NodeKind.ADMINISTRATION:
            admins[u] |= {u, v}
            admins[v] |= {u, v}
    for goal, below in _below_goals(graph).items():
        for member in below:
            admins[goal] |= admins[member]
            areas[goal] |= areas[member]
    for node, kind in kinds.items():
        if kind == NodeKind.FUNDING:
            controller = graph.nodes[node].get("controller")
            if controller:
                admins[node] |= {controller} | admins[controller]
        if kind == NodeKind.ADMINISTRATION:
            admins[node].add(node)
    for u, v, d in list(graph.edges(data=True)):
        if d["kind"] == EdgeKind.FUNDS or (d["kind"] == EdgeKind.RESPONSIBLE and kinds[v] != NodeKind.ADMINISTRATION):
            admins[u] |= admins[v]
            areas[u] |= areas[v]
        if d["kind"] == EdgeKind.LOCATED_IN and kinds[u] == NodeKind.ACTIVITY:
            for area in up[v]:
                admins[area] |= admins[u]
    return {n: {"admins": admins[n], "areas": areas[n]} for n in kinds}


def _below_goals(graph: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    activities = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL)
    goals = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL, member_kind=NodeKind.GOAL)
    return {g: activities[g] | goals[g] for g in activities}


def select(graph: nx.MultiDiGraph, *, admin: Iterable[str] = (), area: Iterable[str] = (),
           year: int | None = None, kind: Iterable[str] = (), focus: str | None = None,
           depth: int = 1, tags: dict | None = None) -> list[str]:
    """The nodes a view shows, in a stable order: those that pass every filter given (names
    resolve like the CLI's; ``focus`` as the query commands read a name, see
    :func:`names.resolve_any`), then, with ``focus``, those within ``depth`` steps of it among
    them (the focus node itself always stays)."""
    admins = {resolve(graph, a, kinds=[NodeKind.ADMINISTRATION]) for a in admin}
    areas = {resolve(graph, a, kinds=[NodeKind.AREA]) for a in area}
    kinds = set(kind)
    unknown = kinds - {k.value for k in NodeKind}
    if unknown:
        raise InklusionsgrafError(f"unknown node kind {', '.join(sorted(unknown))}; "
                                  f"use {', '.join(k.value for k in NodeKind)}")
    if depth < 0:
        raise InklusionsgrafError("--depth must be 0 or more")
    tags = tags if tags is not None else node_tags(graph)
    kept = [n for n, data in sorted(graph.nodes(data=True))
            if (not admins or tags[n]["admins"] & admins)
            and (not areas or tags[n]["areas"] & areas)
            and (year is None or runs_in(data, year))
            and (not kinds or data["kind"] in kinds)]
    if focus is None:
        return kept
    centre = resolve_any(graph, focus)
    pool = graph.subgraph(set(kept) | {centre}).to_undirected(as_view=True)
    near = nx.single_source_shortest_path_length(pool, centre, cutoff=depth)
    return [n for n in sorted(near)]


def gap_marks(graph: nx.MultiDiGraph, year: int | None = None) -> dict[str, list[str]]:
    """Node -> its gaps, from the gap queries themselves: 'orphan', 'unfunded' goals and,
    with a year, 'ending' activities (their period ends that year)."""
    marks: dict[str, list[str]] = defaultdict(list)
    for row in queries.orphan_goals(graph).rows:
        marks[row["id"]].append("orphan")
    for row in queries.unfunded_goals(graph).rows:
        marks[row["id"]].append("unfunded")
    if year is not None:
        for row in queries.expiring(graph, year).rows:
            if row["kind"] == NodeKind.ACTIVITY:
                marks[row["id"]].append("ending")
    return dict(marks)
