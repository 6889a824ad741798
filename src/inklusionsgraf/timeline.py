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
- carried edges: a goal's or activity's ``supports`` and ``located-in`` edges, and the money
  into it (``funds``, per funder), are carried over to the later statements and successors
  that take over from it where they do not state their own (marked ``carried_from``, with the
  original provenance): the latest statement about a goal, a place or a funder's money wins,
  and an earlier one stands where nothing later speaks of it. Nothing is carried *into* a
  successor goal from below: the work under an old goal is not assumed to serve the goal that
  continues it;
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
from typing import TYPE_CHECKING

from inklusionsgraf.adjacency import edges_of, in_edges, out_edges
from inklusionsgraf.errors import Problem
from inklusionsgraf.model import IDENTITY_EDGES, EdgeKind, EndKind, NodeKind

if TYPE_CHECKING:
    import networkx as nx

TIMED = (NodeKind.GOAL.value, NodeKind.ACTIVITY.value)  # the kinds a year shows or hides
DERIVED = ("stated_in", "superseded_in", "earliest", "holds_from", "holds_to", "thing", "wholes",
           "covers_from", "covers_to", "years_unstated", "carried_from")
CARRIED = (EdgeKind.SUPPORTS.value, EdgeKind.LOCATED_IN.value)  # what a later statement takes over
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
    links = _links(graph)  # one pass over the edges for the three identity kinds
    successors: dict[str, list[str]] = defaultdict(list)  # node -> later statements or successors
    for later, earlier in links[EdgeKind.CONTINUES]:
        successors[earlier].append(later)
    for group in same_as_groups(graph, links[EdgeKind.SAME_AS]):
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
            graph.graph["superseded"] = graph.graph.get("superseded", 0) + 1  # as_of's shortcut
    for node, data in nodes.items():
        if data["kind"] in TIMED:
            data["earliest"] = node not in has_predecessor
            _set(data, "holds_from", _holds_from(data))
            _set(data, "holds_to", _holds_to(data))
    _carry_over(graph, successors)
    for part, wholes in _wholes(links[EdgeKind.PART_OF]).items():
        nodes[part]["wholes"] = "|".join(sorted(wholes))
    for _, target, data in edges_of(graph, EdgeKind.FUNDS):
        funded = nodes[data.get("carried_from", target)]  # the work the statement was about
        start, end, unstated = covered_years(data, funded, documents)
        _set(data, "covers_from", start)
        _set(data, "covers_to", end)
        if unstated:
            data["years_unstated"] = True
    return graph


def _carry_over(graph: nx.MultiDiGraph, successors: dict[str, list[str]]) -> None:
    """Give every later statement and successor of a goal or activity the goals and places
    (supports, located-in edges out of it) and each funder's money (funds edges into it) that
    it does not state itself."""
    nodes = graph._node
    for node, later in list(successors.items()):
        if nodes[node]["kind"] not in TIMED:
            continue
        outgoing = [(t, d) for _, t, d in list(out_edges(graph, node)) if d["kind"] in CARRIED]
        money = [(f, d) for f, _, d in list(in_edges(graph, node)) if d["kind"] == EdgeKind.FUNDS]
        if not outgoing and not money:
            continue
        for heir in _reach(successors, later):
            have = {(t, d["kind"]) for _, t, d in out_edges(graph, heir)}
            for target, data in outgoing:
                if target != heir and (target, data["kind"]) not in have:
                    graph.add_edge(heir, target, **_carried(data, node))
                    have.add((target, data["kind"]))
            funders = {f for f, _, d in in_edges(graph, heir) if d["kind"] == EdgeKind.FUNDS}
            for funder, data in money:
                if funder not in funders:
                    graph.add_edge(funder, heir, **_carried(data, node))


def _carried(data: dict, node: str) -> dict:
    """An edge's attributes, marked as carried over from ``node`` (the first statement)."""
    return {**data, "carried_from": data.get("carried_from", node)}


def _reach(successors: dict[str, list[str]], start: list[str]) -> list[str]:
    """Every node reached from ``start`` through ``successors`` (in the order first met)."""
    seen = dict.fromkeys(start)
    stack = list(start)
    while stack:
        for nxt in successors.get(stack.pop(), ()):
            if nxt not in seen:
                seen[nxt] = None
                stack.append(nxt)
    return list(seen)


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


def as_of(graph: nx.MultiDiGraph, year: int | None = LATEST, *, lazy: bool = False) -> nx.MultiDiGraph:
    """The graph as the documents stood in ``year`` (default: each thing's latest statement):
    the goals and activities whose statement holds then, with every other node, and the
    edges between them; ``graph`` itself when nothing is left out. Read only, sharing the
    node and edge data of ``graph``. ``lazy``: a view that tests each node as a question
    reaches it (for questions that walk a small part of the graph); otherwise the graph
    without the hidden nodes, which questions that read all of it walk faster."""
    nodes = graph._node
    if year is None and not graph.graph.get("superseded"):
        return graph
    if lazy:
        import networkx as nx

        return nx.subgraph_view(graph, filter_node=lambda node: holds_in(nodes[node], year))
    if year is None:
        hidden = {n for n, d in nodes.items() if "superseded_in" in d}
    else:
        hidden = {n for n, d in nodes.items()
                  if ("holds_from" in d or "holds_to" in d) and not holds_in(d, year)}
    return restricted(graph, hidden) if hidden else graph


def restricted(graph: nx.MultiDiGraph, hidden: set[str]) -> nx.MultiDiGraph:
    """A read-only graph of ``graph`` without the nodes ``hidden`` and their edges. It shares
    the attribute dicts and the adjacency of every node that no hidden node touches, so it
    costs a copy of the top-level dicts and what the hidden nodes touch."""
    succ, pred = graph._succ, graph._pred
    nodes, out, into = dict(graph._node), dict(succ), dict(pred)
    touched: set[str] = set()
    for node in hidden:
        del nodes[node], out[node], into[node]
        touched.update(succ[node])
        touched.update(pred[node])
    for node in touched.difference(hidden):
        out[node] = {v: keyed for v, keyed in succ[node].items() if v not in hidden}
        into[node] = {u: keyed for u, keyed in pred[node].items() if u not in hidden}
    import networkx as nx

    view = nx.MultiDiGraph()
    view.graph = graph.graph
    view._node, view._succ, view._adj, view._pred = nodes, out, out, into
    return view


def _links(graph: nx.MultiDiGraph) -> dict[str, list[tuple[str, str]]]:
    """(source, target) of every same-as, continues and part-of edge, by kind, in one pass."""
    links: dict[str, list[tuple[str, str]]] = {kind: [] for kind in IDENTITY_EDGES}
    for source, targets in graph._succ.items():
        for target, keyed in targets.items():
            for data in keyed.values():
                if data["kind"] in links:
                    links[data["kind"]].append((source, target))
    return links


def same_as_groups(graph: nx.MultiDiGraph, pairs: list[tuple[str, str]] | None = None) -> list[set[str]]:
    """The groups of nodes that ``same-as`` edges join (each a real-world thing told more than
    once), found with a union-find over the edges (``pairs``: those edges, if known)."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(node, node) != root:
            parent[node], node = root, parent[node]
        return root

    if pairs is None:
        pairs = [(a, b) for a, b, _ in edges_of(graph, EdgeKind.SAME_AS)]
    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, set[str]] = defaultdict(set)
    for node in parent:
        groups[find(node)].add(node)
    return [group for group in groups.values() if len(group) > 1]


def _wholes(pairs: list[tuple[str, str]]) -> dict[str, set[str]]:
    """Every part with all the wholes above it (part-of edges, at any depth)."""
    direct: dict[str, set[str]] = defaultdict(set)
    for part, whole in pairs:
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
