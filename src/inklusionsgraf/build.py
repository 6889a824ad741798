"""Tables -> networkx graph. The only module that adds nodes and edges.

Every node and edge carries plain values (str, int, float): ``kind``, ``title``, the table's
columns, and provenance ``document``, ``line``, ``quote``. A node also carries the
``municipality`` of its document where documents.csv names one, and the time and identity
attributes of :func:`inklusionsgraf.timeline.annotate`. Empty cells are left out, so pyvis,
GraphML and the Neo4j load read the same graph.

>>> graph = load_graph()
>>> graph.nodes["area:mjolnerparken"]["title"]
'Mjølnerparken'
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from inklusionsgraf.collector import paused
from inklusionsgraf.model import Condition
from inklusionsgraf.timeline import annotate
from inklusionsgraf.tables import DOCUMENTS, SPECS, Dataset, Row, TableSpec, data_directory, stream_dataset


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """One directed multigraph of every node table and edge table of ``dataset``."""
    builder = _Builder()
    for spec in SPECS:
        for row in dataset.rows(spec.name):
            builder.add(spec, row)
    return annotate(builder.graph)


def load_graph(directory: str | Path | None = None) -> nx.MultiDiGraph:
    """Read and check the tables in ``directory`` (default: the bundled data) and build the
    graph as the rows stream in: no table is held in memory beside the graph."""
    directory = data_directory(directory)
    with paused():
        return _load(directory)


def _load(directory: Path) -> nx.MultiDiGraph:
    builder = _Builder()
    for spec, row in stream_dataset(directory):
        builder.add(spec, row)
    return annotate(builder.graph)


class _Builder:
    """Adds rows to a graph in the order of SPECS (documents, nodes, edges)."""

    def __init__(self):
        self.graph = nx.MultiDiGraph(documents={})
        self.municipality: dict[str, str] = {}

    def add(self, spec: TableSpec, row: Row) -> None:
        values = row.values
        if spec is DOCUMENTS:
            self.graph.graph["documents"][values["id"]] = attrs = _plain(values, skip=("id",))
            if "municipality" in attrs:
                self.municipality[values["id"]] = attrs["municipality"]
        elif spec.node_kind is not None:
            attrs = _plain(values, skip=("id",))
            if attrs.get("quote") == attrs["title"]:
                attrs["quote"] = attrs["title"]  # one string, not two
            municipality = self.municipality.get(values["document"])
            if municipality:
                attrs["municipality"] = municipality
            self.graph.add_node(values["id"], kind=spec.node_kind.value, **attrs)
        else:
            attrs = _plain(values, skip=("source", "target"))
            if attrs.get("condition") == "provided":  # the older name of starts_if
                attrs["condition"] = Condition.STARTS_IF.value
            self.graph.add_edge(values["source"], values["target"], kind=spec.edge_kind.value, **attrs)


def _plain(values: dict, skip) -> dict:
    plain = {key: value for key, value in values.items()
             if value is not None and value != [] and key not in skip}
    if "aliases" in plain:
        plain["aliases"] = "|".join(plain["aliases"])
    return plain
