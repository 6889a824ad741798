"""Walks up and down the goal and area hierarchies, and amount sums.

``beneath(graph, "supports", "goal")`` maps every goal to the activities under it
(directly or through sub-goals), computed once, children before parents: linear in the size
of the graph for hierarchies of bounded depth, and safe on cycles (which are collapsed).
The gap queries need less and walk only what they reach: :func:`above` (the goals some work
serves), :func:`below` (what lies under one goal), :func:`reached_from` (what an expiry
leaves of the goals and areas above the work it touches).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from inklusionsgraf.adjacency import edges_of, in_edges, out_edges
from inklusionsgraf.model import Basis, EdgeKind, FundingStatus, NodeKind
from inklusionsgraf.values import format_dkk

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class Hierarchy:
    """Containers (goals or areas), the containers directly beneath each, and the members
    (activities, or sub-goals) directly in each."""

    children: dict[str, list[str]]
    direct: dict[str, list[str]]


def hierarchy(graph: nx.MultiDiGraph, edge_kind: str, container_kind: str,
              member_kind: str = NodeKind.ACTIVITY) -> Hierarchy:
    """Containers link to containers by ``edge_kind`` (sub-goal supports goal, area located
    in area); members link to containers by the same kind (activity supports goal)."""
    kinds = dict(graph.nodes(data="kind"))
    children: dict[str, list[str]] = {n: [] for n, k in kinds.items() if k == container_kind}
    direct: dict[str, list[str]] = {n: [] for n in children}
    for source, target, _ in edges_of(graph, edge_kind):
        if target in children:
            kind = kinds[source]
            if kind == container_kind:
                children[target].append(source)
            if kind == member_kind:  # with goals beneath goals, both at once
                direct[target].append(source)
    return Hierarchy(children, direct)


def roll_up(tree: Hierarchy, values: dict[str, Any], empty: Any) -> dict[str, Any]:
    """For every container, the union (``|``) of ``values`` over it and everything beneath
    it (frozensets, or anything else joined by ``|``). Linear in the hierarchy's size; a cycle is
    collapsed (its containers share one value)."""
    order = _children_first(tree.children)
    if order is None:
        return _roll_up_with_cycles(tree.children, values, empty)
    result: dict[str, Any] = {}
    children = tree.children
    for container in order:
        found = values.get(container, empty)
        for child in children[container]:
            found = found | result[child]
        result[container] = found
    return result


def beneath(graph: nx.MultiDiGraph, edge_kind: str, container_kind: str,
            member_kind: str = NodeKind.ACTIVITY) -> dict[str, frozenset[str]]:
    """For each container node (goal or area), the member nodes beneath it."""
    tree = hierarchy(graph, edge_kind, container_kind, member_kind)
    return roll_up(tree, {c: frozenset(m) for c, m in tree.direct.items() if m}, frozenset())


def above(graph: nx.MultiDiGraph, starts: Iterable[str], edge_kind: str, container_kind: str) -> set[str]:
    """The containers reached upwards from ``starts`` by ``edge_kind`` edges: the goals an
    activity supports directly or through other goals, the areas a place lies in. Costs
    what it reaches. (Reads networkx's adjacency dicts directly: this is the hottest loop of
    the gap queries.)"""
    succ, nodes = graph._succ, graph._node
    found: set[str] = set()
    stack = list(starts)
    while stack:
        for parent, keyed in succ[stack.pop()].items():
            if parent not in found and nodes[parent]["kind"] == container_kind and any(
                    data["kind"] == edge_kind for data in keyed.values()):
                found.add(parent)
                stack.append(parent)
    return found


def below(graph: nx.MultiDiGraph, container: str, edge_kind: str, container_kind: str,
          member_kind: str = NodeKind.ACTIVITY) -> tuple[set[str], set[str]]:
    """The containers (not ``container`` itself) and the members beneath one container."""
    pred, nodes = graph._pred, graph._node
    containers: set[str] = set()
    members: set[str] = set()
    stack = [container]
    while stack:
        for source, keyed in pred[stack.pop()].items():
            if not any(data["kind"] == edge_kind for data in keyed.values()):
                continue
            kind = nodes[source]["kind"]
            if kind == member_kind:
                members.add(source)
            if kind == container_kind and source not in containers and source != container:
                containers.add(source)
                stack.append(source)
    return containers, members


def reached_from(graph: nx.MultiDiGraph, touched: set[str], ending: set[str], edge_kind: str,
                 container_kind: str) -> dict[str, str]:
    """The containers (goals or areas) with touched activities beneath them, each with what
    is left: 'ending' when everything beneath is in ``ending``, 'touched' when everything
    beneath is touched, else 'other'. Walks up from the touched activities and looks down
    only as far as needed, so it costs what it reaches, not the size of the graph."""
    kinds = graph.nodes
    up = list(touched)
    reached: dict[str, list[str]] = {}  # container -> containers directly beneath it
    members: dict[str, list[str]] = {}  # container -> activities directly in it
    while up:
        node = up.pop()
        for _, parent, data in out_edges(graph, node):
            if data["kind"] == edge_kind and kinds[parent]["kind"] == container_kind and parent not in reached:
                below, direct = reached[parent], members[parent] = [], []
                for source, _, d in in_edges(graph, parent):
                    if d["kind"] == edge_kind:
                        kind = kinds[source]["kind"]
                        (below if kind == container_kind else direct if kind == NodeKind.ACTIVITY else []).append(source)
                up.append(parent)
    inside = {c: [b for b in below if b in reached] for c, below in reached.items()}
    order = _children_first(inside)
    if order is None:  # a cycle: roll up the whole hierarchy instead
        under = beneath(graph, edge_kind, container_kind)
        return {c: what_is_left(under[c], touched, ending) for c in reached}
    other: dict[str, bool] = {}
    kept: dict[str, bool] = {}
    has_work = _HasWork(graph, edge_kind, container_kind)
    for c in order:
        other[c] = any(m not in touched for m in members[c]) or any(
            other[b] if b in reached else has_work(b) for b in reached[c])
        kept[c] = any(m in touched and m not in ending for m in members[c]) or any(
            kept[b] for b in inside[c])
    return {c: "other" if other[c] else "touched" if kept[c] else "ending" for c in reached}


def what_is_left(under: set[str], touched: set[str], ending: set[str]) -> str:
    """'ending' if all of ``under`` is ending, 'touched' if all is touched, else 'other'."""
    return "ending" if under <= ending else "touched" if under <= touched else "other"


class _HasWork:
    """Whether any activity lies beneath a container; stops at the first one found."""

    def __init__(self, graph, edge_kind, container_kind):
        self.graph, self.edge_kind, self.container_kind = graph, edge_kind, container_kind
        self.known: dict[str, bool] = {}

    def __call__(self, container: str) -> bool:
        if container in self.known:
            return self.known[container]
        kinds = self.graph.nodes
        seen, stack, found = {container}, [container], False
        while stack and not found:
            for source, _, data in in_edges(self.graph, stack.pop()):
                if data["kind"] != self.edge_kind:
                    continue
                kind = kinds[source]["kind"]
                if kind == NodeKind.ACTIVITY or self.known.get(source):
                    found = True
                    break
                if kind == self.container_kind and source not in seen:
                    seen.add(source)
                    stack.append(source)
        self.known[container] = found
        return found


def _children_first(children: dict[str, list[str]]) -> list[str] | None:
    """The containers in an order where each comes after everything beneath it, or None
    if the hierarchy has a cycle."""
    waiting = {node: len(below) for node, below in children.items()}
    parents: dict[str, list[str]] = defaultdict(list)
    for node, below in children.items():
        for child in below:
            parents[child].append(node)
    order = [node for node, count in waiting.items() if count == 0]
    for node in order:  # grows while it is walked
        for parent in parents[node]:
            waiting[parent] -= 1
            if waiting[parent] == 0:
                order.append(parent)
    return order if len(order) == len(children) else None


def _roll_up_with_cycles(children: dict[str, list[str]], values: dict[str, Any], empty: Any) -> dict[str, Any]:
    """The same roll-up over the condensation (each cycle collapsed into one node)."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(children)
    graph.add_edges_from((child, node) for node, below in children.items() for child in below)
    condensed = nx.condensation(graph)
    totals: dict[int, Any] = {}
    result: dict[str, Any] = {}
    for scc in nx.topological_sort(condensed):
        members = condensed.nodes[scc]["members"]
        found = empty
        for node in members:
            found = found | values.get(node, empty)
        for child in condensed.predecessors(scc):
            found = found | totals[child]
        totals[scc] = found
        for node in members:
            result[node] = found
    return result


def funds_into(graph: nx.MultiDiGraph, targets: Iterable[str]) -> list[tuple[str, str, dict]]:
    """The funds edges that end in any of ``targets``."""
    result = []
    for target in targets:
        for source, _, data in in_edges(graph, target):
            if data["kind"] == EdgeKind.FUNDS:
                result.append((source, target, data))
    return result


def sum_funding(edges: Iterable[tuple[str, str, dict]], graph: nx.MultiDiGraph | None = None) -> list[dict]:
    """Sum the amounts of funds edges where an honest sum exists: only statements of one
    status, one basis and the same years are added; everything else stands side by side.

    One statement of money (the same source, figures, period and source line) that carries
    several activities is counted once, and money for a part is left out where its whole
    (``part-of``, read from ``graph``) has money of the same status in the same sum: it is
    inside the whole's.
    """
    edges = [e for e in edges if e[2].get("min_dkk") is not None or e[2].get("max_dkk") is not None]
    # the work each statement was made about (money carried over to a later statement keeps it)
    wholes_with_money = {(data.get("carried_from", target), data["status"]) for _, target, data in edges}
    seen = set()
    statements = []
    for source, target, data in edges:
        if _inside_a_whole(graph, data.get("carried_from", target), data["status"], wholes_with_money):
            continue
        years = (data.get("start_year"), data.get("end_year"))  # as the statement gives them
        key = (source, data.get("min_dkk"), data.get("max_dkk"), data.get("basis"), years,
               data.get("document"), data.get("line"))
        if key not in seen:
            seen.add(key)
            statements.append((data["status"], data.get("min_dkk"), data.get("max_dkk"), data.get("basis"), years))
    return _sum_statements(statements)


def sum_costs(graph: nx.MultiDiGraph, activities: Iterable[str]) -> list[dict]:
    """Sum the stated costs of activities (each once) where an honest sum exists: one status
    of the work (ongoing, planned, proposed, …), one basis, the same years; a part is left
    out where its whole states a cost of the same status."""
    activities = set(activities)
    nodes = graph.nodes
    costed = [a for a in activities
              if nodes[a].get("cost_min_dkk") is not None or nodes[a].get("cost_max_dkk") is not None]
    with_cost = {(a, nodes[a].get("status")) for a in costed}
    statements = []
    for activity in costed:
        data = nodes[activity]
        status = data.get("status")  # None: not stated
        if _inside_a_whole(graph, activity, status, with_cost):
            continue
        years = (data.get("start_year"), data.get("end_year"))
        statements.append((status, data.get("cost_min_dkk"), data.get("cost_max_dkk"), data.get("cost_basis"), years))
    return _sum_statements(statements)


def _inside_a_whole(graph, node: str, status: str, stated: set[tuple[str, str]]) -> bool:
    """Whether ``node`` is a part of a whole that has a statement of ``status`` in ``stated``."""
    wholes = graph.nodes[node].get("wholes") if graph is not None and node in graph else None
    return bool(wholes) and any((whole, status) in stated for whole in wholes.split("|"))


def _sum_statements(statements: list[tuple]) -> list[dict]:
    """(status, low, high, basis, (from, to)) statements added up by status, basis and years."""
    sums: dict[tuple, dict] = {}
    for status, low, high, basis, years in statements:
        basis = basis or "unstated"
        entry = sums.setdefault((status, basis, years), {
            "status": status, "basis": basis, "from_year": years[0], "to_year": years[1],
            "min_dkk": 0, "max_dkk": 0, "statements": 0})
        entry["statements"] += 1
        entry["min_dkk"] += low if low is not None else (high or 0)
        if entry["max_dkk"] is not None:
            entry["max_dkk"] = None if high is None else entry["max_dkk"] + high
    return sorted(sums.values(), key=_sum_order)


def _sum_order(entry: dict) -> tuple:
    return (_STATUS_ORDER.get(entry["status"] or "unstated", 9), _BASIS_ORDER.index(entry["basis"]),
            entry["from_year"] or 0, entry["to_year"] or 0)


_BASIS_ORDER = [b.value for b in Basis] + ["unstated"]
_STATUS_ORDER = {s: i for i, s in enumerate(
    [*(s.value for s in FundingStatus), "ongoing", "planned", "proposed", "option", "ended", "unstated"])}


def years_text(start: int | None, end: int | None) -> str:
    """'2011-2013', '2010', 'from 2012', 'until 2013' or '' for the years an amount covers."""
    if start is None and end is None:
        return ""
    if start == end:
        return str(start)
    if end is None:
        return f"{start}-"
    if start is None:
        return f"-{end}"
    return f"{start}-{end}"


def format_sums(sums: list[dict]) -> str:
    """'secured: 1.800.000 kr per year 2010; sought: 0-70.000.000 kr whole period': each
    honest sum with its status, basis and years, side by side."""
    parts = []
    for entry in sums:
        low, high = entry["min_dkk"], entry["max_dkk"]
        if high is None:
            figure = f"≥{format_dkk(low)}"
        elif low == high:
            figure = format_dkk(low)
        else:
            figure = f"{format_dkk(low)}-{format_dkk(high)}"
        years = years_text(entry.get("from_year"), entry.get("to_year"))
        status = f"{entry['status']}: " if entry.get("status") else ""
        parts.append(f"{status}{figure} kr {entry['basis'].replace('_', ' ')}" + (f" {years}" if years else ""))
    return "; ".join(parts)
