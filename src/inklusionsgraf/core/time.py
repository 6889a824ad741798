"""The time and identity attributes of :func:`inklusionsgraf.timeline.annotate` as arrays.

A node that no ``same-as``, ``continues`` or ``part-of`` edge touches is the first and only
statement of its thing: its attributes follow from its own columns and its document's year,
vectorised here. The few nodes those edges touch get theirs from ``timeline.annotate``
itself, run on the small networkx graph of those nodes and everything next to them, so the
semantics (superseding, carried edges, wholes) are exactly annotate's, not a second copy.
A year of 0 stands for "not stated" (every year in a table lies in 1900-2100).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from inklusionsgraf.core.columns import ints
from inklusionsgraf.model import IDENTITY_EDGES, EdgeKind, EndKind, NodeKind

TIMED = (NodeKind.GOAL.value, NodeKind.ACTIVITY.value)


class Time:
    """The annotation of one core (see :func:`annotate`)."""

    def __init__(self, n: int):
        self.stated_in = np.zeros(n, np.int64)
        self.superseded_in = np.zeros(n, np.int64)
        self.holds_from = np.zeros(n, np.int64)
        self.holds_to = np.zeros(n, np.int64)
        self.earliest = np.ones(n, bool)
        self.timed = np.zeros(n, bool)
        self.thing = np.full(n, -1, np.int64)
        self.wholes: dict[int, str] = {}
        self.superseded = 0
        self.carried_order: dict[str, list[int]] = {}
        self.covers_from = self.covers_to = self.unstated = None  # over every funds edge
        self.names = None  # node number -> id, for ``thing``

    def visible(self, year: int | None) -> np.ndarray:
        """The nodes of ``as_of(graph, year)``."""
        if year is None:
            return ~(self.timed & (self.superseded_in != 0))
        start, end = self.holds_from, self.holds_to
        holds = ((start == 0) | (start <= year)) & ((end == 0) | (end >= year))
        return ~(self.timed & ((start != 0) | (end != 0)) & ~holds)

    def covers(self, year: int | None) -> np.ndarray:
        """For every funds edge, whether its money covers ``year``."""
        if year is None:
            return np.ones(len(self.covers_from), bool)
        start, end = self.covers_from, self.covers_to
        return ((start == 0) | (start <= year)) & ((end == 0) | (end >= year))

    def write(self, nodes: np.ndarray, attributes: list[dict]) -> None:
        """Add annotate's attributes to the attribute dicts of ``nodes``, in annotate's order."""
        for node, attrs in zip(nodes.tolist(), attributes):
            timed = self.timed[node]
            if timed and self.stated_in[node]:
                attrs["stated_in"] = int(self.stated_in[node])
            if self.thing[node] >= 0:
                attrs["thing"] = self.names(self.thing[node])
            if timed:
                if self.superseded_in[node]:
                    attrs["superseded_in"] = int(self.superseded_in[node])
                attrs["earliest"] = bool(self.earliest[node])
                if self.holds_from[node]:
                    attrs["holds_from"] = int(self.holds_from[node])
                if self.holds_to[node]:
                    attrs["holds_to"] = int(self.holds_to[node])
            if node in self.wholes:
                attrs["wholes"] = self.wholes[node]

    def write_covers(self, edges: np.ndarray, attributes: list[dict]) -> None:
        """Add covers_from, covers_to and years_unstated to funds edges of the table."""
        for edge, attrs in zip(edges.tolist(), attributes):
            if self.covers_from[edge]:
                attrs["covers_from"] = int(self.covers_from[edge])
            if self.covers_to[edge]:
                attrs["covers_to"] = int(self.covers_to[edge])
            if self.unstated[edge]:
                attrs["years_unstated"] = True


class _Recording(nx.MultiDiGraph):
    """A MultiDiGraph that remembers the edges added once ``recording`` is set."""

    recording = False

    def add_edge(self, u, v, key=None, **attr):
        key = super().add_edge(u, v, key, **attr)
        if self.recording:
            self.carried.append((u, v, key))
        return key


def annotate(core) -> Time:
    """The time and identity attributes of every node and funds edge of ``core``; the edges
    annotate carries over are appended to ``core.edges``."""
    from inklusionsgraf.core.graph import KIND

    time = Time(core.n)
    time.names = lambda node: core.id_of(node)
    kind = core.kind
    time.timed = timed = (kind == KIND[NodeKind.GOAL]) | (kind == KIND[NodeKind.ACTIVITY])
    years = _document_years(core, _node_documents(core))
    time.stated_in = np.where(timed, years, 0)
    start = core.node_column("start_year", TIMED, 0)
    end = core.node_column("end_year", TIMED, 0)
    end_kind = core.node_column("end_kind", TIMED)
    goes_on = (end_kind == EndKind.REDUCED.value) | (end_kind == EndKind.CONTINUES.value)
    time.holds_from = np.where(timed, np.where((start != 0) | (end != 0), start, time.stated_in), 0)
    time.holds_to = np.where(timed & (end != 0) & ~goes_on, end, 0)
    _identity(core, time)
    _covers(core, time, start, end)
    return time


def _node_documents(core) -> pa.ChunkedArray:
    from inklusionsgraf.core.graph import NODE_SPECS

    chunks = []
    for spec in NODE_SPECS:
        chunks += core.tables.tables[spec.name].column("document").chunks
    return pa.chunked_array(chunks, type=pa.string())


def _document_years(core, documents) -> np.ndarray:
    """The year of each row's document (0: none, or not a known document)."""
    names = pa.array(list(core.documents), type=pa.string())
    years = np.array([core.documents[d].get("year") or 0 for d in core.documents] + [0], np.int64)
    where = pc.index_in(documents, value_set=names).fill_null(len(names)).to_numpy()
    return years[where]


def _identity(core, time: Time) -> None:
    """The attributes of the nodes identity edges touch, from timeline.annotate itself."""
    from inklusionsgraf.timeline import annotate as annotate_graph

    touched = np.zeros(core.n, bool)
    for kind in IDENTITY_EDGES:
        edges = core.edges[kind.value]
        touched[edges.source] = touched[edges.target] = True
    for kind in core.edges:
        time.carried_order.setdefault(kind, [])
    if not touched.any():
        return
    near = touched.copy()
    for edges in core.edges.values():
        ends = touched[edges.source] | touched[edges.target]
        near[edges.source[ends]] = near[edges.target[ends]] = True
    graph = core.networkx(near, annotated=False, graph_class=_Recording)
    graph.carried = []
    graph.recording = True
    annotate_graph(graph)
    time.superseded = graph.graph.get("superseded", 0)
    nodes = np.flatnonzero(touched)
    names = core.ids.take(pa.array(nodes)).to_pylist()
    data = graph._node
    for node, name in zip(nodes.tolist(), names):
        attrs = data[name]
        time.stated_in[node] = attrs.get("stated_in") or 0
        time.superseded_in[node] = attrs.get("superseded_in") or 0
        time.holds_from[node] = attrs.get("holds_from") or 0
        time.holds_to[node] = attrs.get("holds_to") or 0
        time.earliest[node] = attrs.get("earliest", True)
        if "thing" in attrs:
            time.thing[node] = -2  # numbered below, all at once
        if "wholes" in attrs:
            time.wholes[node] = attrs["wholes"]
    things = [data[name]["thing"] for name in names if "thing" in data[name]]
    time.thing[time.thing == -2] = core.number(pa.array(things, type=pa.string()))
    if graph.carried:
        _carried(core, time, graph)


def _carried(core, time: Time, graph) -> None:
    """Append the edges annotate carried over to ``core.edges``, in the order it added them."""
    by_kind: dict[str, list] = {}
    for order, (u, v, key) in enumerate(graph.carried):
        data = graph._succ[u][v][key]
        by_kind.setdefault(data["kind"], []).append((order, u, v, data))
    for kind, added in by_kind.items():
        edges = core.edges[kind]
        sources = core.number(pa.array([u for _, u, _, _ in added], type=pa.string()))
        targets = core.number(pa.array([v for _, _, v, _ in added], type=pa.string()))
        edges.source = np.concatenate([edges.source, sources])
        edges.target = np.concatenate([edges.target, targets])
        edges.row = np.concatenate([edges.row, np.full(len(added), -1, np.int64)])
        edges.carried = [dict(data) for _, _, _, data in added]
        time.carried_order[kind] = [order for order, _, _, _ in added]


def _covers(core, time: Time, start: np.ndarray, end: np.ndarray) -> None:
    """covered_years for every funds edge: the table's vectorised, the carried ones read."""
    funds = core.edges[EdgeKind.FUNDS.value]
    table = core.tables.tables["funds"]
    own_start, own_end = ints(table.column("start_year")), ints(table.column("end_year"))
    target = funds.target[: funds.table_edges]
    own = (own_start != 0) | (own_end != 0)
    theirs = (start[target] != 0) | (end[target] != 0)
    year = _document_years(core, table.column("document"))
    time.covers_from = np.where(own, own_start, np.where(theirs, start[target], year))
    time.covers_to = np.where(own, own_end, np.where(theirs, end[target], year))
    time.unstated = ~own & ~theirs
    carried = funds.carried
    if carried:
        time.covers_from = np.concatenate([time.covers_from, [d.get("covers_from") or 0 for d in carried]])
        time.covers_to = np.concatenate([time.covers_to, [d.get("covers_to") or 0 for d in carried]])
        time.unstated = np.concatenate([time.unstated, [bool(d.get("years_unstated")) for d in carried]])
    time.covers_from = time.covers_from.astype(np.int64)
    time.covers_to = time.covers_to.astype(np.int64)
