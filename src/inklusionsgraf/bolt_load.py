"""Load the graph into a Neo4j-compatible server: schema, then nodes and edges in batches.

Loading is idempotent: nodes merge on their id, edges on a key made of their kind, ends,
document, line and an ordinal, and every property is set from the dataset, so loading the
same graph twice leaves the same graph. ``replace=True`` clears the server's graph first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import networkx as nx

from inklusionsgraf.bolt import Database, chunks
from inklusionsgraf.errors import InklusionsgrafError

BATCH_SIZE = 1000


@dataclass
class LoadReport:
    nodes: int
    edges: int
    documents: int
    constraint: bool  # whether the server took the uniqueness constraint


def node_rows(graph: nx.MultiDiGraph) -> Iterator[tuple[str, dict]]:
    """(statement name, row) for every node: all its attributes, id included."""
    for node, data in graph.nodes(data=True):
        yield f"node-{data['kind']}", {"id": node, "props": {"id": node, **data}}


def edge_rows(graph: nx.MultiDiGraph) -> Iterator[tuple[str, dict]]:
    """(statement name, row) for every edge, keyed for MERGE. ``seq`` and ``seq_in`` are its
    position among the edges out of its source and into its target, so answers that follow
    edge order come out in the embedded backend's order."""
    seq_in = {edge: i for i, edge in enumerate(
        (u, v, k) for node in graph for u, v, k in graph.in_edges(node, keys=True))}
    seen: Counter[tuple] = Counter()
    for seq, (source, target, k, data) in enumerate(graph.edges(keys=True, data=True)):
        identity = (data["kind"], source, target, data.get("document"), data.get("line"))
        seen[identity] += 1
        key = "|".join(str(part) for part in identity) + f"|{seen[identity]}"
        yield f"edge-{data['kind']}", {"source": source, "target": target, "key": key, "props": {
            **data, "key": key, "seq": seq, "seq_in": seq_in[source, target, k]}}


def load(database: Database, graph: nx.MultiDiGraph, *, replace: bool = False,
         batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None) -> LoadReport:
    """Create the schema and merge every document, node and edge of ``graph``."""
    if batch_size < 1:
        raise InklusionsgrafError("the batch size must be at least 1")
    if replace:
        database.run("load", "clear")
    constraint = _create_schema(database)
    documents = [{"id": doc, "props": {"id": doc, **data}} for doc, data in graph.graph["documents"].items()]
    _run_batches(database, (("documents", row) for row in documents), batch_size, progress)
    _run_batches(database, node_rows(graph), batch_size, progress)
    _run_batches(database, edge_rows(graph), batch_size, progress)
    return LoadReport(graph.number_of_nodes(), graph.number_of_edges(), len(documents), constraint)


def count(database: Database) -> tuple[int, int]:
    """(nodes, edges) of the graph on the server."""
    record = database.run("load", "count")[0]
    return record["nodes"], record["edges"]


def _create_schema(database: Database) -> bool:
    """Indexes on ids, and the uniqueness constraint where the server has Cypher
    constraints (Neo4j). Whether the constraint is in place."""
    try:
        database.run("schema", "constraint-node-id")
    except InklusionsgrafError:
        constraint = False
    else:
        constraint = True
    for name in ("index-node-id", "index-document-id"):
        try:
            database.run("schema", name)
        except InklusionsgrafError:
            # No IF NOT EXISTS (FalkorDB): the plain form, which fails if the index exists.
            try:
                database.run("schema", f"{name}-plain")
            except InklusionsgrafError:
                pass
    return constraint


def _run_batches(database: Database, rows: Iterator[tuple[str, dict]], batch_size: int,
                 progress: Callable[[int], None] | None) -> None:
    """Send rows grouped by statement, ``batch_size`` rows (and at most the server's
    parameter budget) per statement."""
    grouped: dict[str, list[dict]] = {}
    for name, row in rows:
        grouped.setdefault(name, []).append(row)
    for name, group in grouped.items():
        for batch in chunks(group, database.parameter_budget, limit=batch_size):
            database.run("load", name, rows=batch)
            if progress is not None:
                progress(len(batch))
