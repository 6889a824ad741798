"""Tables -> networkx graph. The only module that adds nodes and edges.

Every node and edge carries plain values (str, int, float): ``kind``, ``title``, the table's
columns, and provenance ``document``, ``line``, ``quote``. Empty cells are left out, so
pyvis, GraphML and the Neo4j load read the same graph.

>>> graph = load_graph()
>>> graph.nodes["area:mjolnerparken"]["title"]
'Mjølnerparken'
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from inklusionsgraf.tables import SPECS, Dataset, read_dataset


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """One directed multigraph of every node table and edge table of ``dataset``."""
    graph = nx.MultiDiGraph()
    graph.graph["documents"] = {
        row["id"]: _plain(row.values, skip=("id",)) for row in dataset.rows("documents")
    }
    for spec in SPECS:
        if spec.node_kind is not None:
            for row in dataset.rows(spec.name):
                graph.add_node(row["id"], kind=spec.node_kind.value, **_plain(row.values, skip=("id",)))
    for spec in SPECS:
        if spec.edge_kind is not None:
            for row in dataset.rows(spec.name):
                attrs = _plain(row.values, skip=("source", "target"))
                graph.add_edge(row["source"], row["target"], kind=spec.edge_kind.value, **attrs)
    return graph


def load_graph(directory: str | Path | None = None) -> nx.MultiDiGraph:
    """Read and check the tables in ``directory`` (default: the bundled data), then build."""
    return build_graph(read_dataset(directory))


def _plain(values: dict, skip: tuple[str, ...]) -> dict:
    plain = {}
    for key, value in values.items():
        if key in skip or value is None or value == []:
            continue
        plain[key] = "|".join(value) if isinstance(value, list) else value
    return plain
