"""The time and identity attributes of :func:`inklusionsgraf.timeline.annotate` as arrays.

The years (stated, holds, covers) are vectorised. Superseding, the same-as groups, the edges
carried over to later statements and the wholes follow ``timeline.annotate`` step by step
over node numbers, for the nodes identity edges touch, and reuse its helpers (``_reach``,
``_wholes``, ``same_as_groups``): the order annotate meets edges in (networkx's adjacency
order) decides which of two statements a later one takes over, so it is kept here too.
A year of 0 stands for "not stated" (every year in a table lies in 1900-2100).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from inklusionsgraf.core.columns import ints
from inklusionsgraf.model import IDENTITY_EDGES, EdgeKind, EndKind, NodeKind
from inklusionsgraf.timeline import CARRIED, _reach, _wholes, same_as_groups

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
    _identity(core, time, start, end, goes_on)
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


def _identity(core, time: Time, start: np.ndarray, end: np.ndarray, goes_on: np.ndarray) -> None:
    """Superseding, things, carried edges and wholes: timeline.annotate's steps, in its order,
    over node numbers and only for the nodes identity edges touch."""
    for kind in core.edges:
        time.carried_order.setdefault(kind, [])
    everything = _all_edges(core)
    links = {kind: _links(core, everything, kind.value) for kind in IDENTITY_EDGES}
    successors: dict[int, list[int]] = {}
    for later, earlier in links[EdgeKind.CONTINUES]:
        successors.setdefault(earlier, []).append(later)
    if links[EdgeKind.SAME_AS]:
        documents, names = core.node_column("document"), core.names()
        order = {doc: (data.get("year") or 0, data.get("date") or "", doc) for doc, data in core.documents.items()}
        for group in same_as_groups(None, links[EdgeKind.SAME_AS]):
            ranked = sorted(group, key=lambda n: (*order.get(documents[n], (0, "", "")), names[n]))
            for position, node in enumerate(ranked):
                time.thing[node] = ranked[-1]
                successors.setdefault(node, []).extend(ranked[position + 1:])
    stated, timed = time.stated_in, time.timed
    if successors:
        earlier = np.fromiter((n for n, later in successors.items() for _ in later), np.int64)
        later = np.fromiter((m for ms in successors.values() for m in ms), np.int64)
        time.earliest[later] = False
        known = stated[later] != 0
        first = np.full(core.n, np.iinfo(np.int64).max)
        np.minimum.at(first, earlier[known], stated[later][known])
        superseded = timed & (first != np.iinfo(np.int64).max)
        time.superseded_in = np.where(superseded, first, 0)
        time.superseded = int(superseded.sum())
    earliest, superseded = time.earliest, time.superseded_in
    stated_period = (start != 0) | (end != 0)
    time.holds_from = np.where(timed, np.where(earliest & stated_period, start, np.maximum(start, stated)), 0)
    ends = np.where(superseded != 0, superseded - 1, 0)
    own_end = np.where((end != 0) & ~goes_on, end, 0)
    both = (ends != 0) & (own_end != 0)
    time.holds_to = np.where(timed, np.where(both, np.minimum(ends, own_end), ends + own_end * (ends == 0)), 0)
    if successors:
        _carry_over(core, time, everything, successors)
    names = None
    for part, wholes in _wholes(links[EdgeKind.PART_OF]).items():
        names = names or core.names()
        time.wholes[part] = "|".join(sorted(names[w] for w in wholes))


def _all_edges(core) -> tuple[np.ndarray, ...]:
    """Every table edge: source, target, kind index, row, global order, and the global order
    of the first edge between the same two nodes (networkx keeps a node's neighbours in the
    order their first edge came)."""
    sources, targets, kinds, rows = [], [], [], []
    for index, (kind, edges) in enumerate(core.edges.items()):
        sources.append(edges.source)
        targets.append(edges.target)
        kinds.append(np.full(len(edges.source), index, np.int8))
        rows.append(edges.row)
    source, target = np.concatenate(sources), np.concatenate(targets)
    order = np.arange(len(source), dtype=np.int64)
    pair = source * core.n + target
    by_pair = np.argsort(pair, kind="stable")
    runs = np.r_[True, pair[by_pair][1:] != pair[by_pair][:-1]] if len(pair) else np.zeros(0, bool)
    first = np.empty(len(pair), np.int64)
    first[by_pair] = order[by_pair][runs][np.cumsum(runs) - 1]
    return source, target, np.concatenate(kinds), np.concatenate(rows), order, first


def _links(core, everything, kind: str) -> list[tuple[int, int]]:
    """The (source, target) of every edge of ``kind`` in timeline._links's order."""
    source, target, kinds, _, order, first = everything
    chosen = np.flatnonzero(kinds == list(core.edges).index(kind))
    ranked = chosen[np.lexsort((order[chosen], first[chosen], source[chosen]))]
    return list(zip(source[ranked].tolist(), target[ranked].tolist()))


def _carry_over(core, time: Time, everything, successors: dict[int, list[int]]) -> None:
    """timeline._carry_over over node numbers: each heir gets the supports and located-in
    edges and each funder's money it does not have, in the order annotate adds them."""
    from inklusionsgraf.core.graph import KIND

    source, target, kinds, rows, order, first = everything
    names = list(core.edges)
    carried_kinds = {names.index(k) for k in CARRIED}
    funds = names.index(EdgeKind.FUNDS.value)
    involved = np.zeros(core.n, bool)
    involved[list(successors)] = True
    for later in successors.values():
        involved[later] = True
    out: dict[int, dict[int, list]] = {}  # node -> target -> [(kind, row, carried_from)], succ order
    # only goals and areas can receive a carried edge, so only their place in a node's
    # neighbours matters (an edge of another kind to them may have put them there first)
    receivers = (core.kind == KIND[NodeKind.GOAL]) | (core.kind == KIND[NodeKind.AREA])
    chosen = np.flatnonzero(involved[source] & receivers[target])
    chosen = chosen[np.lexsort((order[chosen], first[chosen], source[chosen]))]
    for u, v, k, r in zip(source[chosen].tolist(), target[chosen].tolist(), kinds[chosen].tolist(),
                          rows[chosen].tolist()):
        edges = out.setdefault(u, {}).setdefault(v, [])
        if k in carried_kinds:
            edges.append((k, r, -1))
    into: dict[int, dict[int, list]] = {}  # node -> funder -> [(row, carried_from)], pred order
    chosen = np.flatnonzero(involved[target] & (kinds == funds))
    chosen = chosen[np.lexsort((order[chosen], first[chosen], target[chosen]))]
    for u, v, r in zip(source[chosen].tolist(), target[chosen].tolist(), rows[chosen].tolist()):
        into.setdefault(v, {}).setdefault(u, []).append((r, -1))
    timed = time.timed
    added = []  # (kind index, source, target, row, carried_from), as annotate adds them
    haves: dict[int, set] = {}  # heir -> (target, kind) of its edges, kept up to date
    for node, later in list(successors.items()):
        if not timed[node]:
            continue
        outgoing = [(t, k, r, c) for t, edges in out.get(node, {}).items() for k, r, c in edges]
        money = [(f, r, c) for f, edges in into.get(node, {}).items() for r, c in edges]
        if not outgoing and not money:
            continue
        for heir in _reach(successors, later):
            heir_out = out.setdefault(heir, {})
            have = haves.get(heir)
            if have is None:
                have = haves[heir] = {(t, k) for t, edges in heir_out.items() for k, _, _ in edges}
            for t, k, r, c in outgoing:
                if t != heir and (t, k) not in have:
                    c = c if c >= 0 else node
                    heir_out.setdefault(t, []).append((k, r, c))
                    added.append((k, heir, t, r, c))
                    have.add((t, k))
            heir_in = into.setdefault(heir, {})
            funders = set(heir_in)
            for f, r, c in money:
                if f not in funders:
                    c = c if c >= 0 else node
                    heir_in.setdefault(f, []).append((r, c))
                    added.append((funds, f, heir, r, c))
    for index, kind in enumerate(names):
        mine = [(position, a) for position, a in enumerate(added) if a[0] == index]
        if mine:
            core.edges[kind].add_carried([a[1] for _, a in mine], [a[2] for _, a in mine],
                                         [a[3] for _, a in mine], [a[4] for _, a in mine])
            time.carried_order[kind] = [position for position, _ in mine]


def _covers(core, time: Time, start: np.ndarray, end: np.ndarray) -> None:
    """timeline.covered_years for every funds edge: the years it states, else those of the
    work it was stated for, else its document's year (then ``unstated``)."""
    funds = core.edges[EdgeKind.FUNDS.value]
    table = core.tables.tables["funds"].take(pa.array(funds.row, type=pa.int64()))
    own_start, own_end = ints(table.column("start_year")), ints(table.column("end_year"))
    funded = funds.target.copy()
    funded[funds.table_edges:] = funds.carried_from
    own = (own_start != 0) | (own_end != 0)
    theirs = (start[funded] != 0) | (end[funded] != 0)
    year = _document_years(core, table.column("document"))
    time.covers_from = np.where(own, own_start, np.where(theirs, start[funded], year)).astype(np.int64)
    time.covers_to = np.where(own, own_end, np.where(theirs, end[funded], year)).astype(np.int64)
    time.unstated = ~own & ~theirs
