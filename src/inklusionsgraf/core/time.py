"""The time and identity attributes of :func:`inklusionsgraf.timeline.annotate` as arrays.

Every step is a pass over numpy arrays, with no Python structure per node or edge:

- the years (stated, holds, covers) are elementwise;
- the same-as groups are the connected components of the same-as edges (label passes);
- ``timeline._reach`` is run for every statement at once, one stack step per pass;
- the edges carried over follow from each statement's own table edges (see
  :func:`_carry_over`): the first offer of a goal or place to an heir wins, and a funder's
  money comes from the first statement that offers it.

The order annotate meets edges in (networkx's adjacency order: by node, then by the first
edge between two nodes) decides which of two statements an heir takes over and the order
the carried edges are added in, so it is kept throughout. A year of 0 stands for "not
stated" (every year in a table lies in 1900-2100).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from inklusionsgraf.core.arrays import distinct, mask, ranges, within
from inklusionsgraf.core.columns import ints
from inklusionsgraf.model import EDGE_ENDPOINTS, EdgeKind, EndKind, NodeKind
from inklusionsgraf.timeline import CARRIED

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
    documents = _document_index(core, _node_documents(core))
    time.stated_in = np.where(timed, _document_years(core)[documents], 0)
    start, end, goes_on = _periods(core)
    for name in core.edges:
        time.carried_order[name] = []
    successors = _successors(core, time, documents)
    _supersede(core, time, successors)
    _holds(time, start, end, goes_on)
    if len(successors.earlier):
        _carry_over(core, time, successors)
    _wholes(core, time)
    _covers(core, time, start, end)
    return time


# --- the years ----------------------------------------------------------------------------

def _node_documents(core) -> pa.ChunkedArray:
    from inklusionsgraf.core.graph import NODE_SPECS

    chunks = []
    for spec in NODE_SPECS:
        chunks += core.tables.tables[spec.name].column("document").chunks
    return pa.chunked_array(chunks, type=pa.string())


def _document_index(core, documents) -> np.ndarray:
    """The position of each row's document in ``core.documents`` (their count: none, or not
    a known document)."""
    names = pa.array(list(core.documents), type=pa.string())
    return pc.index_in(documents, value_set=names).fill_null(len(names)).to_numpy().astype(np.int64)


def _document_years(core) -> np.ndarray:
    """Each document's year (0: none), then 0 for "no known document"."""
    return np.array([core.documents[d].get("year") or 0 for d in core.documents] + [0], np.int64)


def document_years(core, documents) -> np.ndarray:
    """The year of each row's document (0: none stated, or not a known document)."""
    return _document_years(core)[_document_index(core, documents)]


def _periods(core) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """start_year and end_year of every goal and activity (0 elsewhere), and whether its
    period goes on (end_kind reduced or continues)."""
    from inklusionsgraf.core.graph import NODE_SPECS

    start, end, goes_on = np.zeros(core.n, np.int64), np.zeros(core.n, np.int64), np.zeros(core.n, bool)
    going_on = pa.array([EndKind.REDUCED.value, EndKind.CONTINUES.value])
    for spec in NODE_SPECS:
        table = core.tables.tables[spec.name]
        if spec.node_kind.value not in TIMED or not table.num_rows:
            continue
        rows = slice(core.offsets[spec.name], core.offsets[spec.name] + table.num_rows)
        columns = table.column_names
        if "start_year" in columns:
            start[rows] = ints(table.column("start_year"))
        if "end_year" in columns:
            end[rows] = ints(table.column("end_year"))
        if "end_kind" in columns:
            found = pc.is_in(table.column("end_kind"), value_set=going_on)
            goes_on[rows] = found.fill_null(False).to_numpy(zero_copy_only=False)
    return start, end, goes_on


def _holds(time: Time, start: np.ndarray, end: np.ndarray, goes_on: np.ndarray) -> None:
    """timeline._holds_from and _holds_to for every goal and activity."""
    timed, stated, earliest, superseded = time.timed, time.stated_in, time.earliest, time.superseded_in
    stated_period = (start != 0) | (end != 0)
    time.holds_from = np.where(timed, np.where(earliest & stated_period, start, np.maximum(start, stated)), 0)
    ends = np.where(superseded != 0, superseded - 1, 0)
    own_end = np.where((end != 0) & ~goes_on, end, 0)
    both = (ends != 0) & (own_end != 0)
    time.holds_to = np.where(timed, np.where(both, np.minimum(ends, own_end), ends + own_end * (ends == 0)), 0)


def _covers(core, time: Time, start: np.ndarray, end: np.ndarray) -> None:
    """timeline.covered_years for every funds edge: the years it states, else those of the
    work it was stated for, else its document's year (then ``unstated``)."""
    funds = core.edges[EdgeKind.FUNDS.value]
    table = core.tables.tables["funds"]
    rows = funds.row
    own_start, own_end = ints(table.column("start_year"))[rows], ints(table.column("end_year"))[rows]
    funded = funds.target.copy()
    funded[funds.table_edges:] = funds.carried_from
    own = (own_start != 0) | (own_end != 0)
    theirs = (start[funded] != 0) | (end[funded] != 0)
    year = document_years(core, table.column("document"))[rows]
    time.covers_from = np.where(own, own_start, np.where(theirs, start[funded], year)).astype(np.int64)
    time.covers_to = np.where(own, own_end, np.where(theirs, end[funded], year)).astype(np.int64)
    time.unstated = ~own & ~theirs


# --- the order networkx keeps -------------------------------------------------------------

def _in_adjacency_order(core, sources: np.ndarray, targets: np.ndarray, by_target: bool = False):
    """Every table edge from a node where ``sources`` to one where ``targets`` (masks over the
    nodes), as (kind index, source, target, row), in the order networkx's out_edges (or, with
    ``by_target``, in_edges) walk them: node by node, a node's neighbours in the order their
    first edge was added, and the edges between two nodes in the order they were added."""
    n = core.n
    joins = _kinds_joining(core, sources, targets)
    kinds, source, target, row, position, offset = [], [], [], [], [], 0
    for index, edges in enumerate(core.edges.values()):
        if edges.kind in joins:
            chosen = np.flatnonzero(sources[edges.source] & targets[edges.target])
        else:
            chosen = np.zeros(0, np.int64)
        kinds.append(np.full(len(chosen), index, np.int64))
        source.append(edges.source[chosen])
        target.append(edges.target[chosen])
        row.append(edges.row[chosen])
        position.append(chosen + offset)
        offset += len(edges.source)
    kinds, source, target, row, position = (np.concatenate(a) for a in (kinds, source, target, row, position))
    by_pair = np.argsort(source * n + target, kind="stable")
    pair = (source * n + target)[by_pair]
    runs = np.r_[True, pair[1:] != pair[:-1]] if len(pair) else np.zeros(0, bool)
    first = np.empty(len(pair), np.int64)
    first[by_pair] = position[by_pair][runs][np.cumsum(runs) - 1]
    order = np.argsort((target if by_target else source) * max(offset, 1) + first, kind="stable")
    return kinds[order], source[order], target[order], row[order]


def _kinds_joining(core, sources: np.ndarray, targets: np.ndarray) -> set[str]:
    """The edge kinds that may join a node where ``sources`` to one where ``targets``
    (model.EDGE_ENDPOINTS: the tables are checked against it)."""
    from inklusionsgraf.core.graph import KINDS

    present = [{KINDS[code] for code in np.flatnonzero(np.bincount(core.kind[mask], minlength=len(KINDS)))}
               for mask in (sources, targets)]
    return {kind for kind in core.edges if all(present[end] & {k.value for k in EDGE_ENDPOINTS[EdgeKind(kind)][end]}
                                               for end in (0, 1))}


# --- superseding and same-as groups -------------------------------------------------------

class Successors:
    """timeline.annotate's ``successors`` as arrays: the pairs (earlier, later) with each
    node's laters in its list's order, and the position of each node's key in the dict (the
    order ``_carry_over`` takes them in; -1 for none)."""

    def __init__(self, earlier: np.ndarray, later: np.ndarray, key: np.ndarray):
        order = np.argsort(earlier, kind="stable")
        self.earlier, self.later, self.key = earlier[order], later[order], key
        self.start = np.zeros(len(key) + 1, np.int64)  # node -> its laters
        np.cumsum(np.bincount(self.earlier, minlength=len(key)), out=self.start[1:])
        self.distinct = len(distinct(self.earlier * len(key) + self.later)) == len(later)  # no list repeats a node

    def count(self, nodes: np.ndarray) -> np.ndarray:
        return self.start[nodes + 1] - self.start[nodes]


def _successors(core, time: Time, documents: np.ndarray) -> Successors:
    """The later statements and successors of every node, as annotate lists them: those that
    continue it, then the later statements of its same-as group (whose ``thing`` is set)."""
    continues, same_as = EdgeKind.CONTINUES.value, EdgeKind.SAME_AS.value
    links = _links(core, (continues, same_as))
    later, earlier = links[continues]
    key = np.full(core.n, np.iinfo(np.int64).max)
    found, first = np.unique(earlier, return_index=True)
    key[found] = first
    ranked, size = _same_as_groups(core, *links[same_as], documents)
    group_end = np.repeat(np.cumsum(size), size)
    time.thing[ranked] = ranked[group_end - 1]
    counts = group_end - 1 - np.arange(len(ranked))
    same_earlier = np.repeat(ranked, counts)
    same_later = ranked[ranges(np.arange(len(ranked)) + 1, counts)]
    unkeyed = key[ranked] == np.iinfo(np.int64).max
    key[ranked[unkeyed]] = len(earlier) + np.flatnonzero(unkeyed)
    position = np.full(core.n, -1, np.int64)
    keyed = np.flatnonzero(key != np.iinfo(np.int64).max)
    position[keyed[np.argsort(key[keyed], kind="stable")]] = np.arange(len(keyed))
    return Successors(np.concatenate([earlier, same_earlier]), np.concatenate([later, same_later]), position)


def _links(core, kinds: tuple[str, ...]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(source, target) of every edge of ``kinds``, in timeline._links's order."""
    names = list(core.edges)
    ends = [core.edges[kind] for kind in kinds]
    sources = mask(core.n, *(e.source for e in ends))
    targets = mask(core.n, *(e.target for e in ends))
    kind, source, target, _ = _in_adjacency_order(core, sources, targets)
    return {name: (source[kind == names.index(name)], target[kind == names.index(name)]) for name in kinds}


def _same_as_groups(core, a: np.ndarray, b: np.ndarray, documents: np.ndarray):
    """timeline.same_as_groups over the same-as pairs (a, b), in its order, each ranked as
    annotate ranks it (by its document's year, date and id, then by its own id): the nodes
    one group after another, and each group's size."""
    if not len(a):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    appearing = np.empty(2 * len(a), np.int64)
    appearing[0::2], appearing[1::2] = a, b
    nodes, first = np.unique(appearing, return_index=True)
    label = np.empty(len(nodes), np.int64)  # the order union-find meets the nodes in
    label[np.argsort(first)] = np.arange(len(nodes))
    root = _components(label[np.searchsorted(nodes, a)], label[np.searchsorted(nodes, b)], len(nodes))
    node = np.empty(len(nodes), np.int64)
    node[label] = nodes
    size = np.bincount(root, minlength=len(nodes))
    grouped = np.flatnonzero(size[root] > 1)  # a group of one is no group
    table = pa.table({"group": root[grouped], "document": _document_ranks(core)[documents[node[grouped]]],
                      "id": core.ids.take(pa.array(node[grouped]))})
    order = pc.sort_indices(table, sort_keys=[("group", "ascending"), ("document", "ascending"),
                                               ("id", "ascending")]).to_numpy()
    ranked = node[grouped][order]
    size = size[size > 1]
    return ranked, size


def _components(a: np.ndarray, b: np.ndarray, count: int) -> np.ndarray:
    """The smallest label in each label's connected component (edges a-b)."""
    root = np.arange(count, dtype=np.int64)
    while True:
        ra, rb = root[a], root[b]
        apart = ra != rb
        if not apart.any():
            return root
        np.minimum.at(root, np.maximum(ra[apart], rb[apart]), np.minimum(ra[apart], rb[apart]))
        while True:
            above = root[root]
            if np.array_equal(above, root):
                break
            root = above


def _document_ranks(core) -> np.ndarray:
    """Each document's place by (year, date, id), as annotate orders statements; -1 for the
    rows without a known document, which come first."""
    keys = [(data.get("year") or 0, data.get("date") or "", doc) for doc, data in core.documents.items()]
    ranks = np.full(len(keys) + 1, -1, np.int64)
    ranks[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    return ranks


def _supersede(core, time: Time, successors: Successors) -> None:
    """superseded_in (the year of the first later statement or successor) and earliest."""
    earlier, later = successors.earlier, successors.later
    if not len(earlier):
        return
    stated, none = time.stated_in, np.iinfo(np.int64).max
    time.earliest[later] = False
    known = stated[later] != 0
    first = np.full(core.n, none)
    np.minimum.at(first, earlier[known], stated[later][known])
    superseded = time.timed & (first != none)
    time.superseded_in = np.where(superseded, first, 0)
    time.superseded = int(superseded.sum())


def _wholes(core, time: Time) -> None:
    """timeline._wholes: every part with the ids of all the wholes above it, sorted, ``|``."""
    part_of = core.edges[EdgeKind.PART_OF.value]
    n, pairs = core.n, distinct(part_of.source * core.n + part_of.target)
    parts = distinct(part_of.source)
    direct_from, direct_to = pairs // n, pairs % n
    found = pairs[direct_from != direct_to]
    new = found
    while len(new):  # add the wholes of each whole found last time
        part, whole = new // n, new % n
        start, stop = np.searchsorted(direct_from, whole), np.searchsorted(direct_from, whole, "right")
        more = part.repeat(stop - start) * n + direct_to[ranges(start, stop - start)]
        more = distinct(more[more // n != more % n])
        new = more[~within(more, found)]
        found = distinct(np.concatenate([found, new]))
    part, whole = found // n, found % n
    table = pa.table({"part": part, "id": core.ids.take(pa.array(whole))})
    table = table.take(pc.sort_indices(table, sort_keys=[("part", "ascending"), ("id", "ascending")]))
    part, ids = table.column("part").to_numpy(), table.column("id").to_pylist()
    bounds = np.searchsorted(part, parts).tolist() + [len(part)]
    for index, node in enumerate(parts.tolist()):
        time.wholes[node] = "|".join(ids[bounds[index]:bounds[index + 1]])


# --- carried edges ------------------------------------------------------------------------

def _carry_over(core, time: Time, successors: Successors) -> None:
    """timeline._carry_over: each heir gets the supports and located-in edges and each
    funder's money it does not have, in the order annotate adds them.

    An edge a statement was itself carried from an earlier one is never carried on by it:
    the earlier statement offered it first to every heir of the later one (they are its heirs
    too). So annotate's result is its statements' own edges, offered statement by statement
    (in ``successors``' order), heir by heir (in ``_reach``'s order): a goal or place goes to
    an heir the first time it is offered, unless the heir has it; a funder's money goes to an
    heir from the first statement that offers it, unless the heir has money from that funder
    (and then every statement of that funder's money into that statement)."""
    from inklusionsgraf.core.graph import KIND

    n, names = core.n, list(core.edges)
    carried = np.isin(np.arange(len(names)), [names.index(k) for k in CARRIED])
    receivers = (core.kind == KIND[NodeKind.GOAL]) | (core.kind == KIND[NodeKind.AREA])
    candidates = time.timed & (successors.count(np.arange(n)) > 0)
    kind, source, target, row = _in_adjacency_order(core, candidates, receivers)
    mine = carried[kind]
    out = _Lists(n, source[mine], (kind[mine], target[mine], row[mine]))
    funders = core.kind == KIND[NodeKind.FUNDING]
    kind, source, target, row = _in_adjacency_order(core, funders, candidates, by_target=True)
    mine = kind == names.index(EdgeKind.FUNDS.value)
    money = _Lists(n, target[mine], (source[mine], row[mine]))
    roots = np.flatnonzero(candidates & ((out.count > 0) | (money.count > 0)))
    roots = roots[np.argsort(successors.key[roots], kind="stable")]
    owner, heir = _reach(roots, successors, n)
    heirs = mask(n, heir)
    goods = _offers(out, roots, owner, heir)
    taken = _first_offers(out, goods, heirs, core)
    goods = tuple(column[taken] for column in goods)
    gifts = _offers(money, roots, owner, heir)
    taken = _first_givers(money, gifts, heirs, core)
    gifts = tuple(column[taken] for column in gifts)
    _add(core, time, roots, owner, out, goods, money, gifts)


class _Lists:
    """For each node, the list of some edges (columns ``values``) in order: node -> slice."""

    def __init__(self, n: int, owner: np.ndarray, values: tuple[np.ndarray, ...]):
        self.values = values
        self.count = np.bincount(owner, minlength=n)
        self.start = np.cumsum(self.count) - self.count  # owner is sorted


def _reach(roots: np.ndarray, successors: Successors, n: int) -> tuple[np.ndarray, np.ndarray]:
    """timeline._reach(successors, successors[root]) for every root at once: (the root's
    position in ``roots``, heir) in root order, each root's heirs in _reach's order.

    Each pass pops one node off every root's stack and pushes its successors the root has not
    yet seen."""
    count = successors.count(roots)
    node = successors.later[ranges(successors.start[roots], count)]
    owner = np.repeat(np.arange(len(roots)), count)
    stacks = _Stacks(node, count)
    seen = _KeySet(4 * len(node))
    new = seen.add_first(owner * n + node, successors.distinct)
    found_owner, found_node = [owner[new]], [node[new]]
    active = np.flatnonzero(count > 0)
    while len(active):
        popped = stacks.pop(active)
        count = successors.count(popped)
        who = np.repeat(active, count)
        nxt = successors.later[ranges(successors.start[popped], count)]
        new = seen.add_first(who * n + nxt, successors.distinct)
        who, nxt = who[new], nxt[new]
        found_owner.append(who)
        found_node.append(nxt)
        stacks.push(who, nxt)
        active = active[stacks.top[active] >= 0]
    owner, heir = np.concatenate(found_owner), np.concatenate(found_node)
    order = np.argsort(owner, kind="stable")
    return owner[order], heir[order]


class _Stacks:
    """One stack of nodes per root, as linked lists in one pool (``top``: -1 when empty)."""

    def __init__(self, node: np.ndarray, count: np.ndarray):
        """Stacks holding ``node``: ``count[i]`` for root i, one root after another."""
        self.node, self.size = node.copy(), len(node)
        self.below = np.arange(len(node), dtype=np.int64) - 1
        ends = np.cumsum(count)
        self.below[(ends - count)[count > 0]] = -1
        self.top = np.where(count > 0, ends - 1, -1)

    def pop(self, roots: np.ndarray) -> np.ndarray:
        top = self.top[roots]
        self.top[roots] = self.below[top]
        return self.node[top]

    def push(self, roots: np.ndarray, nodes: np.ndarray) -> None:
        """Push ``nodes`` in order, each on its root's stack (``roots`` grouped)."""
        if not len(nodes):
            return
        if self.size + len(nodes) > len(self.node):
            room = max(2 * len(self.node), self.size + len(nodes))
            self.node = np.resize(self.node, room)
            self.below = np.resize(self.below, room)
        place = np.arange(self.size, self.size + len(nodes))
        self.size += len(nodes)
        self.node[place] = nodes
        self.below[place] = place - 1
        change = np.flatnonzero(roots[1:] != roots[:-1])
        starts, ends = np.r_[0, change + 1], np.r_[change, len(roots) - 1]
        self.below[place[starts]] = self.top[roots[starts]]
        self.top[roots[ends]] = place[ends]


class _KeySet:
    """A growing set of non-negative int64 keys (open addressing, linear probing)."""

    def __init__(self, expected: int):
        self.table = np.full(1 << max(4, int(2 * expected).bit_length()), -1, np.int64)
        self.size = 0

    def add_first(self, keys: np.ndarray, distinct: bool = False) -> np.ndarray:
        """Add ``keys`` (``distinct``: known to hold no key twice); True where a key was not
        in the set before (at its first occurrence)."""
        if distinct or not len(keys):
            return self._add(keys)
        new = np.zeros(len(keys), bool)
        _, first = np.unique(keys, return_index=True)
        new[first] = self._add(keys[first])
        return new

    def _add(self, keys: np.ndarray) -> np.ndarray:
        if 2 * (self.size + len(keys)) > len(self.table):
            held = self.table[self.table >= 0]
            self.table = np.full(1 << int(4 * (self.size + len(keys))).bit_length(), -1, np.int64)
            self.size = 0
            self._add(held)
        mask = len(self.table) - 1
        bits = np.uint64(64 - (len(self.table).bit_length() - 1))
        slot = ((keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> bits).astype(np.int64)
        added = np.zeros(len(keys), bool)
        waiting = np.arange(len(keys))
        while len(waiting):
            where, key = slot[waiting], keys[waiting]
            held = self.table[where]
            empty = held == -1
            self.table[where[empty]] = key[empty]
            won = empty & (self.table[where] == key)
            added[waiting[won]] = True
            waiting = waiting[~(won | (held == key))]
            slot[waiting] = (slot[waiting] + 1) & mask
        self.size += int(added.sum())
        return added


def _offers(lists: _Lists, roots: np.ndarray, owner: np.ndarray, heir: np.ndarray):
    """Every offer of an edge of a root's list to one of its heirs, in the order annotate
    makes them: (the offer: heir by heir of root after root, the heir, the edge's position in
    the list's columns)."""
    count = lists.count[roots[owner]]
    offer = np.repeat(np.arange(len(owner)), count)
    return offer, heir[offer], ranges(lists.start[roots[owner]], count)


def _first_offers(out: _Lists, goods, heirs: np.ndarray, core) -> np.ndarray:
    """Which offered goals and places the heirs take: the first offer of each (heir, target),
    not to the heir itself, unless the heir's own table has it (of that kind: a goal is only
    supported, a place only located in)."""
    _, heir, edge = goods
    target = out.values[1][edge]
    own = []
    for name in CARRIED:
        edges = core.edges[name]
        chosen = heirs[edges.source]
        own.append(edges.source[chosen] * core.n + edges.target[chosen])
    own = np.concatenate(own)
    _, first = np.unique(np.concatenate([own, heir * core.n + target]), return_index=True)
    keep = np.zeros(len(heir), bool)
    keep[first[first >= len(own)] - len(own)] = True
    return keep & (target != heir)


def _first_givers(money: _Lists, gifts, heirs: np.ndarray, core) -> np.ndarray:
    """Which offered money the heirs take: every edge of the first offer with a funder's
    money to an heir, unless the heir's own table has money from that funder."""
    offer, heir, edge = gifts
    funds = core.edges[EdgeKind.FUNDS.value]
    chosen = heirs[funds.target]
    key = np.concatenate([funds.target[chosen] * core.n + funds.source[chosen], heir * core.n + money.values[0][edge]])
    offer = np.concatenate([np.full(int(chosen.sum()), -1), offer])
    order = np.argsort(key, kind="stable")
    runs = np.r_[True, key[order][1:] != key[order][:-1]] if len(key) else np.zeros(0, bool)
    first = np.empty(len(key), np.int64)
    first[order] = offer[order][runs][np.cumsum(runs) - 1]
    return (offer == first)[len(key) - len(heir):]


def _add(core, time: Time, roots: np.ndarray, owner: np.ndarray, out: _Lists, goods, money: _Lists, gifts) -> None:
    """Append the carried edges to ``core.edges`` in the order annotate adds them (each
    offer's goals and places, then its money) and note that order per kind."""
    names = list(core.edges)
    offer, heir, edge = goods
    kinds, targets, rows = (column[edge] for column in out.values)
    gift, given, paid = gifts
    funders, paid_rows = (column[paid] for column in money.values)
    at = np.concatenate([np.arange(len(offer)) + np.searchsorted(gift, offer, "left"),
                         np.arange(len(gift)) + np.searchsorted(offer, gift, "right")])  # merged, by offer
    kind, source, target, row, carried_from = (np.empty(len(at), np.int64) for _ in range(5))
    kind[at] = np.concatenate([kinds, np.full(len(gift), names.index(EdgeKind.FUNDS.value))])
    source[at] = np.concatenate([heir, funders])
    target[at] = np.concatenate([targets, given])
    row[at] = np.concatenate([rows, paid_rows])
    carried_from[at] = roots[owner[np.concatenate([offer, gift])]]
    for index, name in enumerate(names):
        mine = np.flatnonzero(kind == index)
        if len(mine):
            core.edges[name].add_carried(source[mine], target[mine], row[mine], carried_from[mine])
            time.carried_order[name] = mine.tolist()
