"""When a statement holds: every node is dated by its document, and a later statement of the
same thing (``same-as``) or a successor (``continues``) takes over from it.

:func:`annotate` works out, once per graph, what every question needs and writes it on the
graph as plain attributes (so the Neo4j load stores them and the Cypher twins filter on them):

- on goals and activities: ``stated_in`` (the year of the document), ``superseded_in`` (the
  year of the first later statement of the same thing or of a successor; absent while none),
  ``earliest`` (True when nothing came before it), and ``holds_from``/``holds_to``: the years
  in which the statement holds (see :func:`holds_in`; absent: open);
- on a node of a ``same-as`` group: ``thing``, the id of the group's latest statement;
- on a part: ``wholes``, the ids of the wholes it lies in (``part-of``, at any depth, ``|``);
- on a funds edge: ``covers_from`` and ``covers_to``, the years its money is known to cover:
  the years the statement gives, else the period of the work it funds, else only the year of
  its document (as of which it holds), and then ``years_unstated`` (True).

:func:`as_of` then gives the graph as the documents stood in a year (or the latest state):
each real-world thing by the statement that holds then, so a question counts it once.

>>> from inklusionsgraf import load_graph
>>> graph = load_graph()
>>> graph.nodes["goal:okf-2010-1a"]["stated_in"]
2010
"""

from __future__ import annotations

from collections import defaultdict
import networkx as nx

from inklusionsgraf.adjacency import edges_of
from inklusionsgraf.errors import Problem
from inklusionsgraf.model import EdgeKind, EndKind, NodeKind

TIMED = (NodeKind.GOAL.value, NodeKind.ACTIVITY.value)  # the kinds a year shows or hides
DERIVED = ("stated_in", "superseded_in", "earliest", "holds_from", "holds_to", "thing", "wholes",
           "covers_from", "covers_to", "years_unstated")
LATEST = None  # as_of(graph, LATEST): each thing's latest statement


def annotate(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Write the time and identity attributes described above on ``graph`` (in place)."""
    nodes = graph._node
    documents = graph.graph.get("documents", {})
    order = {doc: (data.get("year") or 0, data.get("date") or "", doc) for doc, data in documents.items()}
    for node, data in nodes.items():
        if data["kind"] in TIMED and data.get("document") in documents:
            year = documents[data["document"]].get("year")
            if year is not None:
                data["stated_in"] = year
    successors: dict[str, list[str]] = defaultdict(list)  # node -> later statements or successors
    for later, earlier, _ in edges_of(graph, EdgeKind.CONTINUES):
        successors[earlier].append(later)
    for group in same_as_groups(graph):
        ranked = sorted(group, key=lambda n: (*order.get(nodes[n].get("document"), (0, "", "")), n))
        for position, node in enumerate(ranked):
            nodes[node]["thing"] = ranked[-1]
            successors[node] += ranked[position + 1:]
    has_predecessor = set()
    for node, later in successors.items():
        has_predecessor.update(later)
        years = [nodes[n].get("stated_in") for n in later]
        known = [y for y in years if y is not None]
        if known and nodes[node]["kind"] in TIMED:
            nodes[node]["superseded_in"] = min(known)
    for node, data in nodes.items():
        if data["kind"] in TIMED:
            data["earliest"] = node not in has_predecessor
            _set(data, "holds_from", _holds_from(data))
            _set(data, "holds_to", _holds_to(data))
    for part, wholes in _wholes(graph).items():
        nodes[part]["wholes"] = "|".join(sorted(wholes))
    for _, target, data in edges_of(graph, EdgeKind.FUNDS):
        start, end, unstated = covered_years(data, nodes[target], documents)
        _set(data, "covers_from", start)
        _set(data, "covers_to", end)
        if unstated:
            data["years_unstated"] = True
    return graph


def _set(data: dict, key: str, value) -> None:
    if value is not None:
        data[key] = value


def _holds_from(data: dict) -> int | None:
    """The first year a statement holds: from its document's year and the start of its
    period; a first statement with a stated period also for that period's years before the
    document (a plan written in 2013 for a policy of 2011-2014)."""
    start, stated = data.get("start_year"), data.get("stated_in")
    if data["earliest"] and (start is not None or data.get("end_year") is not None):
        return start
    return max((y for y in (start, stated) if y is not None), default=None)


def _holds_to(data: dict) -> int | None:
    """The last year a statement holds: until a later statement is made, and until its
    period ends (unless it goes on reduced or continues)."""
    ends = [data["superseded_in"] - 1] if data.get("superseded_in") is not None else []
    if data.get("end_year") is not None and data.get("end_kind") not in (EndKind.REDUCED, EndKind.CONTINUES):
        ends.append(data["end_year"])
    return min(ends, default=None)


def covered_years(data: dict, target: dict, documents: dict) -> tuple[int | None, int | None, bool]:
    """The years a funds statement's money is known to cover (None: an open end), and whether
    no years are stated at all (then only its document's year is known)."""
    if data.get("start_year") is not None or data.get("end_year") is not None:
        return data.get("start_year"), data.get("end_year"), False
    if target.get("start_year") is not None or target.get("end_year") is not None:
        return target.get("start_year"), target.get("end_year"), False
    year = documents.get(data.get("document"), {}).get("year")
    return year, year, True


def covers(data: dict, year: int | None) -> bool:
    """Whether a funds statement's money covers ``year`` (any year when None)."""
    if year is None:
        return True
    start, end = data.get("covers_from"), data.get("covers_to")
    return (start is None or start <= year) and (end is None or end >= year)


def holds_in(data: dict, year: int | None) -> bool:
    """Whether a node's statement holds in ``year`` (None: the latest state). Goals and
    activities hold from ``holds_from`` to ``holds_to``; the latest state is every statement
    no later one has taken over from. Other kinds always hold. (The Cypher files test the
    same: ``coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year``.)
    """
    if year is None:
        return data.get("superseded_in") is None
    start, end = data.get("holds_from"), data.get("holds_to")
    return (start is None or start <= year) and (end is None or end >= year)


def as_of(graph: nx.MultiDiGraph, year: int | None = LATEST) -> nx.MultiDiGraph:
    """The graph as the documents stood in ``year`` (default: each thing's latest statement):
    the goals and activities whose statement holds then, with every other node, and the
    edges between them. Read only: it shares the node and edge data of ``graph``; ``graph``
    itself when nothing is left out."""
    nodes = graph._node
    hidden = {n for n, d in nodes.items() if not holds_in(d, year)}
    if not hidden:
        return graph
    return restricted(graph, hidden)


def restricted(graph: nx.MultiDiGraph, hidden: set[str]) -> nx.MultiDiGraph:
    """A read-only graph of ``graph`` without the nodes ``hidden`` and their edges, sharing the
    attribute dicts (no copy of any node or edge data)."""
    view = nx.MultiDiGraph()
    view.graph = graph.graph
    view._node = {n: d for n, d in graph._node.items() if n not in hidden}
    succ, pred = graph._succ, graph._pred
    view._succ = view._adj = {n: {v: keyed for v, keyed in succ[n].items() if v not in hidden}
                              for n in view._node}
    view._pred = {n: {u: keyed for u, keyed in pred[n].items() if u not in hidden} for n in view._node}
    return view


def same_as_groups(graph: nx.MultiDiGraph) -> list[set[str]]:
    """The groups of nodes that ``same-as`` edges join (each a real-world thing told more than
    once), found with a union-find over the edges."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(node, node) != root:
            parent[node], node = root, parent[node]
        return root

    for a, b, _ in edges_of(graph, EdgeKind.SAME_AS):
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, set[str]] = defaultdict(set)
    for node in parent:
        groups[find(node)].add(node)
    return [group for group in groups.values() if len(group) > 1]


def _wholes(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Every part with all the wholes above it (part-of edges, at any depth)."""
    direct: dict[str, set[str]] = defaultdict(set)
    for part, whole, _ in edges_of(graph, EdgeKind.PART_OF):
        direct[part].add(whole)
    result = {}
    for part in direct:
        seen, stack = set(), list(direct[part])
        while stack:
            whole = stack.pop()
            if whole not in seen and whole != part:
                seen.add(whole)
                stack.extend(direct.get(whole, ()))
        result[part] = seen
    return result


# What two statements of one thing made in the same document year must not disagree on.
_COMPARED = ("status", "start_year", "end_year", "end_kind", "cost_min_dkk", "cost_max_dkk", "cost_basis")


def contradictions(graph: nx.MultiDiGraph) -> list[Problem]:
    """Statements of one real-world thing (a same-as group) made on the same date that
    contradict each other: neither can win, so a reviewer must decide."""
    problems = []
    documents = graph.graph.get("documents", {})
    for group in same_as_groups(graph):
        by_date: dict[tuple, list[str]] = defaultdict(list)
        for node in group:
            doc = documents.get(graph.nodes[node].get("document"), {})
            by_date[(doc.get("year"), doc.get("date"))].append(node)
        for (year, date), nodes in by_date.items():
            if year is None:
                continue
            nodes.sort()
            first = graph.nodes[nodes[0]]
            for other in nodes[1:]:
                data = graph.nodes[other]
                for field in _COMPARED:
                    a, b = first.get(field), data.get(field)
                    if a is not None and b is not None and a != b:
                        problems.append(Problem(
                            f"{data.get('document')}", data.get("line", 0),
                            f"'{other}' and '{nodes[0]}' are the same thing, stated on the same "
                            f"date ({date or year}), but give {field} {b} and {a}; correct one of them "
                            "or drop the same_as row"))
    return problems
