"""One municipality's part of a graph that holds several.

A node's ``municipality`` is that of the document stating it (documents.csv). Nodes with
none (a national pool, say) belong to every municipality's part, with their edges to it.

>>> from inklusionsgraf import load_graph
>>> graph = load_graph()
>>> municipalities(graph)
['København']
>>> within(graph, "kobenhavn").number_of_nodes() == graph.number_of_nodes()
True
"""

from __future__ import annotations

import networkx as nx

from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.values import fold, slugify


def municipalities(graph: nx.MultiDiGraph) -> list[str]:
    """The municipalities named on the graph's nodes, in alphabetical order."""
    return sorted({m for _, m in graph.nodes(data="municipality") if m}, key=fold)


def within(graph: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """A new graph of one municipality's nodes and the nodes of none, with the edges among
    them. ``name`` is matched without regard to case or accents ('Koebenhavn' and
    'kobenhavn' name København)."""
    wanted = _resolve(graph, name)
    keep = [node for node, m in graph.nodes(data="municipality") if m is None or m == wanted]
    part = graph.subgraph(keep).copy()
    part.graph["municipality"] = wanted
    return part


def _resolve(graph: nx.MultiDiGraph, name: str) -> str:
    known = municipalities(graph)
    for municipality in known:
        if fold(name) == fold(municipality) or slugify(name) == slugify(municipality):
            return municipality
    listed = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    raise InklusionsgrafError(f"no municipality '{name}' in the data; "
                              + (f"it names {listed}" if known else "its documents name no municipality"))
