"""Nodes numbered once, edges as integer arrays per kind, and networkx on demand.

Node ``i`` is the i-th row of the node tables taken in the order of ``tables.SPECS`` (the
order build.py adds them). An edge is (source, target) numbers with the row of its table;
the edges :func:`inklusionsgraf.timeline.annotate` carries over to later statements follow
the table edges, in the order annotate adds them. :meth:`Core.networkx` builds the
networkx graph build.py would build, or the part of it on some nodes, with every attribute
in the same order, so the existing row functions of :mod:`inklusionsgraf.queries` print
exactly what they print today.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from inklusionsgraf.core.columns import Tables, ints, strings
from inklusionsgraf.model import Condition, EdgeKind
from inklusionsgraf.tables import SPECS

NODE_SPECS = tuple(spec for spec in SPECS if spec.node_kind is not None)
EDGE_SPECS = tuple(spec for spec in SPECS if spec.edge_kind is not None)
KINDS = tuple(spec.node_kind.value for spec in NODE_SPECS)  # node kind code -> name
KIND = {name: code for code, name in enumerate(KINDS)}
ANNOTATED = ("stated_in", "thing", "superseded_in", "earliest", "holds_from", "holds_to", "wholes")


@dataclass
class Edges:
    """The edges of one kind: the table's (``row`` is the table row), then the carried ones
    (``row`` is the row of the edge they copy, ``carried_from`` the node it was stated for)."""

    kind: str
    source: np.ndarray
    target: np.ndarray
    row: np.ndarray
    table_edges: int
    carried_from: np.ndarray | None = None  # for the carried edges only

    def add_carried(self, source, target, row, carried_from) -> None:
        self.source = np.concatenate([self.source, np.asarray(source, np.int64)])
        self.target = np.concatenate([self.target, np.asarray(target, np.int64)])
        self.row = np.concatenate([self.row, np.asarray(row, np.int64)])
        self.carried_from = np.asarray(carried_from, np.int64)


class Core:
    """One dataset as numbered nodes and integer edge arrays, with the time and identity
    attributes as arrays (see :mod:`inklusionsgraf.core.time`)."""

    def __init__(self, tables: Tables):
        self.tables = tables
        self.directory = tables.directory
        self.documents = tables.documents
        self.offsets = {}
        kinds, ids, start = [], [], 0
        for code, spec in enumerate(NODE_SPECS):
            column = tables.tables[spec.name].column("id")
            self.offsets[spec.name] = start
            start += len(column)
            kinds.append(np.full(len(column), code, dtype=np.int8))
            ids.extend(column.chunks)
        self.ids = pa.chunked_array(ids, type=pa.string()).combine_chunks()
        self.kind = np.concatenate(kinds) if kinds else np.zeros(0, np.int8)
        self.n = len(self.kind)
        if tables.numbers is None:
            from inklusionsgraf.core.columns import number_edges

            tables.numbers = number_edges(tables.tables, self.ids)
        self.edges = {spec.edge_kind.value: self._edges(spec) for spec in EDGE_SPECS}
        self._names = None
        from inklusionsgraf.core.time import annotate

        self.time = annotate(self)

    def _edges(self, spec) -> Edges:
        table = self.tables.tables[spec.name]
        source, target = self.tables.numbers[spec.name]
        return Edges(spec.edge_kind.value, source, target, np.arange(table.num_rows, dtype=np.int64),
                     table.num_rows, np.zeros(0, np.int64))

    def number(self, ids) -> np.ndarray:
        """The node numbers of an array of ids (-1 for an id no node has)."""
        ids = ids if isinstance(ids, (pa.Array, pa.ChunkedArray)) else pa.array(ids, pa.string())
        if 64 * len(ids) >= self.n:
            return pc.index_in(ids, value_set=self.ids).fill_null(-1).to_numpy().astype(np.int64)
        # a few ids: hash those and look every node up in them (hashing every node costs more)
        distinct = pc.unique(ids).drop_null()
        where = pc.index_in(self.ids, value_set=distinct)
        found = pc.is_valid(where)
        numbers = np.full(len(distinct) + 1, -1, np.int64)
        numbers[where.filter(found).to_numpy()] = np.flatnonzero(found.to_numpy(zero_copy_only=False))
        return numbers[pc.index_in(ids, value_set=distinct).fill_null(len(distinct)).to_numpy()]

    def is_kind(self, kind: str) -> np.ndarray:
        return self.kind == KIND[kind]

    def node_column(self, name: str, kinds=None, missing=None) -> np.ndarray:
        """One column over all nodes (ints as int64 with ``missing`` 0, strings as objects),
        from the node tables that have it."""
        parts = []
        for spec in NODE_SPECS:
            table = self.tables.tables[spec.name]
            column = table.column(name) if name in table.column_names else None
            wanted = kinds is None or spec.node_kind.value in kinds
            if column is not None and wanted and pa.types.is_integer(column.type):
                parts.append(ints(column, 0 if missing is None else missing))
            elif column is not None and wanted:
                parts.append(strings(column))
            else:
                parts.append(np.full(table.num_rows, missing, dtype=object if missing is None else np.int64))
        if any(p.dtype == object for p in parts):
            parts = [p.astype(object) for p in parts]
        return np.concatenate(parts) if parts else np.zeros(0)

    def edge_column(self, kind: str, name: str) -> np.ndarray:
        """One column over every edge of a kind, the carried ones included (objects)."""
        group = self.edges[kind]
        spec = next(s for s in EDGE_SPECS if s.edge_kind.value == kind)
        return strings(self.tables.tables[spec.name].column(name).take(pa.array(group.row)))

    def id_of(self, node: int) -> str:
        return self.ids[int(node)].as_py()

    def names(self) -> list[str]:
        if self._names is None:
            self._names = self.ids.to_pylist()
        return self._names

    # --- networkx on demand ----------------------------------------------------------

    def node_attributes(self, nodes: np.ndarray, annotated: bool = True) -> list[dict]:
        """The attribute dicts build.py (and annotate) give ``nodes`` (sorted numbers)."""
        result = []
        municipality = {doc: data["municipality"] for doc, data in self.documents.items()
                        if "municipality" in data}
        for code, spec in enumerate(NODE_SPECS):
            offset = self.offsets[spec.name]
            rows = nodes[(self.kind[nodes] == code)] - offset
            if not len(rows):
                continue
            table = self.tables.tables[spec.name].take(pa.array(rows))
            for values in table.to_pylist():
                attrs = {"kind": spec.node_kind.value}
                for key, value in values.items():
                    if key == "aliases" and value is not None:
                        value = _alias_text(value) or None
                    if value is not None and key != "id":
                        attrs[key] = value
                if attrs.get("quote") == attrs["title"]:
                    attrs["quote"] = attrs["title"]
                if municipality.get(values["document"]):
                    attrs["municipality"] = municipality[values["document"]]
                result.append(attrs)
        if annotated:
            self.time.write(nodes, result)
        return result

    def edge_attributes(self, kind: str, edges: np.ndarray, annotated: bool = True) -> list[dict]:
        """The attribute dicts of some edges of one kind (positions in ``self.edges[kind]``)."""
        group = self.edges[kind]
        spec = next(s for s in EDGE_SPECS if s.edge_kind.value == kind)
        table = self.tables.tables[spec.name].take(pa.array(group.row[edges], type=pa.int64()))
        is_carried = edges >= group.table_edges
        carried = [None] * len(edges)
        if is_carried.any():
            names = self.ids.take(pa.array(group.carried_from[edges[is_carried] - group.table_edges])).to_pylist()
            for position, name in zip(np.flatnonzero(is_carried).tolist(), names):
                carried[position] = name
        result = []
        for values, carried_from in zip(table.to_pylist(), carried):
            attrs = {"kind": kind}
            for key, value in values.items():
                if value is not None and key not in ("source", "target"):
                    attrs[key] = value
            if attrs.get("condition") == "provided":
                attrs["condition"] = Condition.STARTS_IF.value
            if carried_from is not None:
                attrs["carried_from"] = carried_from
            result.append(attrs)
        if kind == EdgeKind.FUNDS and annotated:
            self.time.write_covers(edges, result)
        return result

    def networkx(self, keep=None, annotated: bool = True, kinds=None, bare=()):
        """The networkx graph of build.py on the nodes where ``keep`` (default: all) and the
        edges between them, nodes and edges in build.py's order; only edges of ``kinds``
        (default: all), and those of the kinds in ``bare`` with only their kind (for the
        questions, which read no more of them)."""
        import networkx as nx

        graph = nx.MultiDiGraph(documents=self.documents)
        keep = np.ones(self.n, bool) if keep is None else keep
        nodes = np.flatnonzero(keep)
        names = self.ids.take(pa.array(nodes)).to_pylist()
        attributes = self.node_attributes(nodes, annotated)
        order = np.argsort(self.kind[nodes], kind="stable")  # node_attributes goes table by table
        _add_nodes(graph, (names[i] for i in order.tolist()), attributes)
        if annotated and self.time.superseded:
            graph.graph["superseded"] = self.time.superseded
        carried = []
        for spec in EDGE_SPECS:
            if kinds is not None and spec.edge_kind.value not in kinds:
                continue  # (before reading the edges: a snapshot checks each kind when first read)
            group = self.edges[spec.edge_kind.value]
            chosen = np.flatnonzero(keep[group.source] & keep[group.target])
            own = chosen[chosen < group.table_edges]
            if group.kind in bare:
                attributes = [{"kind": group.kind} for _ in range(len(own))]
            else:
                attributes = self.edge_attributes(group.kind, own, annotated)
            sources = self.ids.take(pa.array(group.source[own])).to_pylist()
            targets = self.ids.take(pa.array(group.target[own])).to_pylist()
            _add_edges(graph, zip(sources, targets, attributes))
            if annotated:
                positions = chosen[chosen >= group.table_edges]
                if len(positions):
                    attributes = ([{"kind": group.kind} for _ in range(len(positions))] if group.kind in bare
                                  else self.edge_attributes(group.kind, positions))
                    order = self.time.carried_order[group.kind]
                    carried += [(order[p - group.table_edges], group.source[p], group.target[p], a)
                                for p, a in zip(positions.tolist(), attributes)]
        carried.sort(key=lambda c: c[0])
        ends = self.ids.take(pa.array([e for c in carried for e in c[1:3]], type=pa.int64())).to_pylist()
        _add_edges(graph, ((ends[2 * i], ends[2 * i + 1], c[3]) for i, c in enumerate(carried)))
        return graph

    def to_networkx(self):
        """The whole graph, as :func:`inklusionsgraf.build.load_graph` gives it."""
        return self.networkx()

    def question(self, name: str, *arguments):
        from inklusionsgraf import queries
        from inklusionsgraf.core import questions

        result = questions.QUESTIONS[name](self, *arguments)
        if not isinstance(result, queries.ColumnarResult):  # its graph is made when asked for
            result.graph.graph["covered_years"] = self.covered_years()
        return result

    def covered_years(self) -> tuple[int, int] | None:
        """inputs.covered_years over the whole dataset: its documents' years and the periods of
        its nodes (the graph of an answer holds only what the answer's rows reach)."""
        years = [d["year"] for d in self.documents.values() if isinstance(d.get("year"), int)]
        for column in ("start_year", "end_year"):
            values = self.node_column(column, missing=0)
            values = values[values != 0]
            if len(values):
                years += [int(values.min()), int(values.max())]
        return (min(years), max(years)) if years else None


def _add_nodes(graph, names, attributes) -> None:
    """graph.add_node(name, **attrs) for each, writing networkx's dicts directly (a fresh
    graph: no cache to clear), as timeline.restricted does."""
    for name, attrs in zip(names, attributes):
        graph._succ[name] = {}
        graph._pred[name] = {}
        graph._node[name] = attrs


def _add_edges(graph, edges) -> None:
    """graph.add_edge(u, v, **data) for each (nodes already present), with networkx's keys
    (0, 1, ... per pair) and the keyed dict shared by both ends, as add_edge leaves them."""
    succ, pred = graph._succ, graph._pred
    for u, v, data in edges:
        keyed = succ[u].get(v)
        if keyed is None:
            keyed = succ[u][v] = pred[v][u] = {}
        key = len(keyed)
        while key in keyed:
            key += 1
        keyed[key] = data


@contextmanager
def _pyarrow_without_pandas():
    """pyarrow imports pandas (a second or more) the first time it converts anything, to see
    whether it was given pandas objects; the core never gives it any. Hidden while the first
    conversions run, pyarrow takes pandas as absent from then on (for its own conversions
    only: ``import pandas`` works as ever afterwards)."""
    hide = "pandas" not in sys.modules
    if hide:
        sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([0])  # the first conversion: the shim looks for pandas now
    finally:
        if hide:
            sys.meta_path.remove(_NoPandas)
    yield


class _NoPandas:
    """A module finder that refuses pandas (see _pyarrow_without_pandas)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError(f"{name} is not imported by the core")
        return None


def _alias_text(text: str) -> str:
    return "|".join(a.strip() for a in text.split("|") if a.strip())


def load(directory=None, *, cache: bool = True) -> Core:
    """Read (or take from the snapshot cache) and number one dataset."""
    from inklusionsgraf.collector import paused
    from inklusionsgraf.core.columns import read_tables
    from inklusionsgraf.tables import data_directory

    directory = data_directory(directory)
    with paused(), _pyarrow_without_pandas():
        if cache:
            from inklusionsgraf.core import snapshot

            return snapshot.cached(Path(directory), lambda: Core(read_tables(directory)))
        return Core(read_tables(directory))
