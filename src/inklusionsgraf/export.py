"""The whole graph as node-link JSON or GraphML, written atomically.

JSON: ``{"nodes": [{"id", "kind", "title", ..., "document", "line", "quote"}],
"edges": [{"source", "target", "kind", ..., "document", "line", "quote"}]}``.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx


def to_node_link(graph: nx.MultiDiGraph) -> dict:
    """Plain data for the whole graph, nodes and edges in a stable order."""
    nodes = [{"id": n, **d} for n, d in sorted(graph.nodes(data=True))]
    edges = [{"source": u, "target": v, **d}
             for u, v, d in sorted(graph.edges(data=True), key=lambda e: (e[2]["kind"], e[0], e[1]))]
    return {"documents": graph.graph.get("documents", {}), "nodes": nodes, "edges": edges}


def from_node_link(data: dict) -> nx.MultiDiGraph:
    """The inverse of :func:`to_node_link`."""
    graph = nx.MultiDiGraph(documents=data.get("documents", {}))
    for node in data["nodes"]:
        attrs = dict(node)
        graph.add_node(attrs.pop("id"), **attrs)
    for edge in data["edges"]:
        attrs = dict(edge)
        graph.add_edge(attrs.pop("source"), attrs.pop("target"), **attrs)
    return graph


def to_json(graph: nx.MultiDiGraph) -> str:
    return json.dumps(to_node_link(graph), ensure_ascii=False, indent=1) + "\n"


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """GraphML for Gephi; the documents table (not a plain value) is left out."""
    plain = graph.copy()
    plain.graph.clear()
    return "\n".join(nx.generate_graphml(plain, encoding="utf-8", prettyprint=True)) + "\n"


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename
    (see :func:`inklusionsgraf.safety.write_bytes`: modes kept, tables of a dataset refused)."""
    return write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename:
    an existing file is replaced whole or not at all."""
    from inklusionsgraf.safety import write_bytes

    return write_bytes(path, data)
