"""Fast read-only walks over a MultiDiGraph's edges, as (source, target, data) triples.

networkx's edge views build a view object per call and go through several layers per
edge; at a million edges that is most of a query's time. These read networkx's own
adjacency dicts directly (never writing to them) and give the same triples as
``graph.edges(data=True)``, ``graph.in_edges(node, data=True)`` and
``graph.out_edges(node, data=True)``.

>>> from inklusionsgraf import load_graph
>>> graph = load_graph()
>>> sorted(edges_of(graph, "funds")) == sorted(e for e in graph.edges(data=True) if e[2]["kind"] == "funds")
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


Edge = tuple[str, str, dict]


def nodes_of(graph: nx.MultiDiGraph, kind: str) -> list[str]:
    """Every node of one kind, in the graph's order."""
    return [node for node, data in graph._node.items() if data["kind"] == kind]


def edges_of(graph: nx.MultiDiGraph, kind: str) -> Iterator[Edge]:
    """Every edge of one kind."""
    for source, targets in graph._succ.items():
        for target, keyed in targets.items():
            for data in keyed.values():
                if data["kind"] == kind:
                    yield source, target, data


def in_edges(graph: nx.MultiDiGraph, node: str) -> Iterator[Edge]:
    """Every edge into ``node``."""
    for source, keyed in graph._pred[node].items():
        for data in keyed.values():
            yield source, node, data


def out_edges(graph: nx.MultiDiGraph, node: str) -> Iterator[Edge]:
    """Every edge out of ``node``."""
    for target, keyed in graph._succ[node].items():
        for data in keyed.values():
            yield node, target, data
