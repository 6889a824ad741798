"""One-pass propagation up the goal and area hierarchies, and amount sums.

``beneath(graph, "supports", "goal")`` maps every goal to the activities under it
(directly or through sub-goals), computed once over the condensation of the goal hierarchy:
linear in the size of the graph for hierarchies of bounded depth, and safe on cycles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from inklusionsgraf.model import Basis, EdgeKind, NodeKind
from inklusionsgraf.values import format_dkk


def edges_of(graph: nx.MultiDiGraph, kind: str):
    """Every (source, target, data) edge of one kind."""
    return ((u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == kind)


def beneath(graph: nx.MultiDiGraph, edge_kind: str, container_kind: str,
            member_kind: str = NodeKind.ACTIVITY) -> dict[str, frozenset[str]]:
    """For each container node (goal or area), the member nodes beneath it.

    Containers link to containers by ``edge_kind`` (sub-goal supports goal, area located in
    area); members link to containers by the same edge kind (activity supports goal,
    activity located in area).
    """
    kinds = dict(graph.nodes(data="kind"))
    hierarchy = nx.DiGraph()
    hierarchy.add_nodes_from(n for n, k in kinds.items() if k == container_kind)
    direct: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in edges_of(graph, edge_kind):
        if kinds[v] != container_kind:
            continue
        if kinds[u] == container_kind:
            hierarchy.add_edge(u, v)
        if kinds[u] == member_kind:  # with goals beneath goals, both at once
            direct[v].add(u)
    condensed = nx.condensation(hierarchy)
    totals: dict[int, frozenset[str]] = {}
    result: dict[str, frozenset[str]] = {}
    for scc in nx.topological_sort(condensed):
        members = condensed.nodes[scc]["members"]
        found: set[str] = set()
        for node in members:
            found |= direct.get(node, set())
        for child in condensed.predecessors(scc):
            found |= totals[child]
        totals[scc] = frozenset(found)
        for node in members:
            result[node] = totals[scc]
    return result


def funds_into(graph: nx.MultiDiGraph, targets: Iterable[str]) -> list[tuple[str, str, dict]]:
    """The funds edges that end in any of ``targets``."""
    result = []
    for target in targets:
        for source, _, data in graph.in_edges(target, data=True):
            if data["kind"] == EdgeKind.FUNDS:
                result.append((source, target, data))
    return result


def sum_funding(edges: Iterable[tuple[str, str, dict]]) -> list[dict]:
    """Sum the amounts of funds edges by basis, never adding one basis to another.

    One statement of money (the same source, figures, period and source line) that carries
    several activities is counted once.
    """
    seen = set()
    statements = []
    for source, _, data in edges:
        if data.get("min_dkk") is None and data.get("max_dkk") is None:
            continue
        key = (source, data.get("min_dkk"), data.get("max_dkk"), data.get("basis"),
               data.get("start_year"), data.get("end_year"), data.get("document"), data.get("line"))
        if key not in seen:
            seen.add(key)
            statements.append((data.get("min_dkk"), data.get("max_dkk"), data.get("basis")))
    return _sum_by_basis(statements)


def sum_costs(graph: nx.MultiDiGraph, activities: Iterable[str]) -> list[dict]:
    """Sum the stated costs of activities by basis (each activity once)."""
    statements = []
    for activity in set(activities):
        data = graph.nodes[activity]
        low, high = data.get("cost_min_dkk"), data.get("cost_max_dkk")
        if low is None and high is None:
            continue
        statements.append((low, high, data.get("cost_basis")))
    return _sum_by_basis(statements)


def _sum_by_basis(statements: list[tuple[int | None, int | None, str | None]]) -> list[dict]:
    sums: dict[str, dict] = {}
    for low, high, basis in statements:
        basis = basis or "unstated"
        entry = sums.setdefault(basis, {"basis": basis, "min_dkk": 0, "max_dkk": 0, "statements": 0})
        entry["statements"] += 1
        entry["min_dkk"] += low if low is not None else (high or 0)
        if entry["max_dkk"] is not None:
            entry["max_dkk"] = None if high is None else entry["max_dkk"] + high
    order = [b.value for b in Basis] + ["unstated"]
    return [sums[b] for b in order if b in sums]


def format_sums(sums: list[dict]) -> str:
    """'1.800.000 kr once; 0-70.000.000 kr whole period; ≥200.000.000 kr per year'."""
    parts = []
    for entry in sums:
        low, high = entry["min_dkk"], entry["max_dkk"]
        if high is None:
            figure = f"≥{format_dkk(low)}"
        elif low == high:
            figure = format_dkk(low)
        else:
            figure = f"{format_dkk(low)}-{format_dkk(high)}"
        parts.append(f"{figure} kr {entry['basis'].replace('_', ' ')}")
    return "; ".join(parts)
