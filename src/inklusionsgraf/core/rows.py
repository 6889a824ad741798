"""The rows of the gap answers, for every goal of an answer at once, over the core's arrays.

What lies beneath each goal (:func:`inklusionsgraf.rollup.below`: the goals that support it,
directly or through goals, and the activities that support any of them) is found level by
level as (goal, node) pairs. From those pairs come the counts, the funding states, the
honest sums of :mod:`inklusionsgraf.rollup` (``sum_funding``/``sum_costs`` and
``format_sums``: the same rules and words, as group-bys over the pairs instead of a walk per
goal) and who answers for each goal (:func:`inklusionsgraf.responsibility.administrations_of`,
from the responsible edges). Each function gives one column, in the order of the goals it was
given. The rules live twice, there and here; tests/test_core_parity.py holds them together.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from inklusionsgraf import queries
from inklusionsgraf.core.arrays import csr, distinct, expand
from inklusionsgraf.core.columns import ints, strings
from inklusionsgraf.core.graph import KIND, NODE_SPECS, Core
from inklusionsgraf.model import EdgeKind, FundingStatus, NodeKind
from inklusionsgraf.responsibility import ADOPTED
from inklusionsgraf.rollup import _BASIS_ORDER, _STATUS_ORDER, years_text

SUPPORTS, FUNDS, RESPONSIBLE = EdgeKind.SUPPORTS.value, EdgeKind.FUNDS.value, EdgeKind.RESPONSIBLE.value
STATES = (*(s.value for s in FundingStatus), queries.SECURED_ELSEWHEN, queries.SECURED_UNSTATED, queries.ZERO_COST)
BIT = {state: 1 << i for i, state in enumerate(STATES)}
NONE = -1  # an empty whole-number cell (amounts and costs may be 0)


@dataclass
class Beneath:
    """What lies beneath each of ``tops`` (goal numbers), as pairs (index into tops, node)."""

    tops: np.ndarray
    goals: tuple[np.ndarray, np.ndarray]       # the goals beneath (not the top itself)
    activities: tuple[np.ndarray, np.ndarray]  # the activities supporting any of those or the top

    def counts(self, which: str) -> np.ndarray:
        return np.bincount(getattr(self, which)[0], minlength=len(self.tops))

    def under(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (top, node) of a top, the top itself included."""
        own = np.arange(len(self.tops), dtype=np.int64)
        return (np.concatenate([own, self.goals[0], self.activities[0]]),
                np.concatenate([self.tops, self.goals[1], self.activities[1]]))


def beneath(core: Core, tops: np.ndarray, visible: np.ndarray) -> Beneath:
    """rollup.below for every goal of ``tops`` over the supports edges between visible nodes."""
    edges, kind, n = core.edges[SUPPORTS], core.kind, np.int64(core.n)
    activity, goal = KIND[NodeKind.ACTIVITY], KIND[NodeKind.GOAL]
    useful = visible[edges.source] & visible[edges.target] & np.isin(kind[edges.source], (activity, goal))
    source, target = edges.source[useful], edges.target[useful]
    order, starts = csr(target, core.n)
    seen = np.sort(np.arange(len(tops), dtype=np.int64) * n + tops)
    goal_keys, activity_keys = [], []
    top, node = np.arange(len(tops), dtype=np.int64), tops.astype(np.int64)
    while len(top):
        which, position = expand(order, starts, node)
        child, parent_top = source[position], top[which]
        is_activity = kind[child] == activity
        activity_keys.append(parent_top[is_activity] * n + child[is_activity])
        keys = distinct(parent_top[~is_activity] * n + child[~is_activity])
        new = keys[~np.isin(keys, seen, assume_unique=True)]
        seen = distinct(np.concatenate([seen, new]))
        goal_keys.append(new)
        top, node = new // n, new % n
    goals = np.concatenate(goal_keys) if goal_keys else np.zeros(0, np.int64)
    activities = distinct(np.concatenate(activity_keys)) if activity_keys else np.zeros(0, np.int64)
    return Beneath(tops, (goals // n, goals % n), (activities // n, activities % n))


# --- money ---------------------------------------------------------------------------

@dataclass
class Money:
    """The funds edges into visible work (carried ones included), grouped by the work."""

    order: np.ndarray
    starts: np.ndarray
    states: np.ndarray    # the state bit of each edge (secured money outside the year told apart)
    amount: np.ndarray    # whether the edge states a figure


def money(core: Core, visible: np.ndarray, year: int | None) -> Money:
    funds = core.edges[FUNDS]
    table = core.tables.tables["funds"]
    names = [s.value for s in FundingStatus]
    bits = np.array([BIT[name] for name in names] + [0], np.int64)
    code = pc.index_in(table.column("status"), value_set=pa.array(names)).fill_null(len(names)).to_numpy()
    states = bits[code[funds.row]]
    outside = (states == BIT[FundingStatus.SECURED.value]) & ~core.time.covers(year)
    states[outside & core.time.unstated] = BIT[queries.SECURED_UNSTATED]
    states[outside & ~core.time.unstated] = BIT[queries.SECURED_ELSEWHEN]
    low, high = (ints(table.column(c), NONE)[funds.row] for c in ("min_dkk", "max_dkk"))
    targets = np.where(visible[funds.target], funds.target, core.n)  # edges into hidden work: key n, never asked
    order, starts = csr(targets, core.n + 1)
    return Money(order, starts, states, (low != NONE) | (high != NONE))


def states(core: Core, below: Beneath, cash: Money) -> np.ndarray:
    """The funding states beneath each top as bits (queries._funding_states)."""
    top, node = below.under()
    which, edge = expand(cash.order, cash.starts, node)
    found = np.zeros(len(below.tops), np.int64)
    np.bitwise_or.at(found, top[which], cash.states[edge])
    low, high = core.node_column("cost_min_dkk", missing=NONE), core.node_column("cost_max_dkk", missing=NONE)
    zero = (high == 0) & (low <= 0)
    np.bitwise_or.at(found, top[zero[node]], BIT[queries.ZERO_COST])
    return found


def why(found: np.ndarray) -> list[str]:
    """queries._why_unfunded of each top's states."""
    words = {}
    for bits in distinct(found).tolist():
        words[bits] = queries._why_unfunded({s for s in STATES if bits & BIT[s]})
    return [words[b] for b in found.tolist()]


def funding_known(core: Core, below: Beneath, cash: Money, wholes: dict[int, list[int]]) -> list[str]:
    """format_sums(sum_funding(...)) of the money into each top and everything beneath it:
    statements with a figure; money for a part left out where its whole has money of the same
    status under the same top; one statement carrying several activities counted once."""
    top, node = below.under()
    which, edge = expand(cash.order, cash.starts, node)
    keep = cash.amount[edge]
    top, edge = top[which][keep], edge[keep]
    if not len(edge):
        return [""] * len(below.tops)
    funds = core.edges[FUNDS]
    subject = funds.target.copy()  # the work a statement was made about (a carried one keeps it)
    subject[funds.table_edges:] = funds.carried_from
    rows, where = np.unique(funds.row[edge], return_inverse=True)
    table = core.tables.tables["funds"].take(pa.array(rows))
    status = _codes(table.column("status"), STATUS_NAMES)
    top, where = _outside_wholes(top, subject[edge], status[where], where, wholes, core.n)
    same = _row_groups(table, ("source", "min_dkk", "max_dkk", "basis", "start_year", "end_year", "document", "line"))
    pairs = distinct(top * np.int64(len(rows)) + same[where])  # each statement once under a top
    top, first = pairs // len(rows), pairs % len(rows)
    return _sum_texts(len(below.tops), top, _statements(table, first, status[first],
                                                        ("min_dkk", "max_dkk", "basis", "start_year", "end_year")))


def costs_known(core: Core, below: Beneath, wholes: dict[int, list[int]]) -> list[str]:
    """format_sums(sum_costs(...)) of the activities beneath each top: those with a stated
    cost, a part left out where its whole states a cost of the same status under the same top."""
    top, activity = below.activities
    low, high = core.node_column("cost_min_dkk", missing=NONE), core.node_column("cost_max_dkk", missing=NONE)
    keep = (low[activity] != NONE) | (high[activity] != NONE)
    top, activity = top[keep], activity[keep]
    if not len(activity):
        return [""] * len(below.tops)
    nodes, where = np.unique(activity, return_inverse=True)
    table = core.tables.tables["activities"].take(pa.array(nodes - core.offsets["activities"]))
    status = _codes(table.column("status"), STATUS_NAMES)
    top, where = _outside_wholes(top, activity, status[where], where, wholes, core.n)
    return _sum_texts(len(below.tops), top, _statements(table, where, status[where],
                                                        ("cost_min_dkk", "cost_max_dkk", "cost_basis",
                                                         "start_year", "end_year")))


# statuses of money and of work, in rollup's order of sums ("unstated" for none)
STATUS_NAMES = list(_STATUS_ORDER)
BASIS_NAMES = list(_BASIS_ORDER)


def _codes(column, names: list[str]) -> np.ndarray:
    """Each cell's position in ``names``; an empty cell (or another value) len(names)."""
    return pc.index_in(column, value_set=pa.array(names)).fill_null(len(names)).to_numpy().astype(np.int64)


def _row_groups(table: pa.Table, columns) -> np.ndarray:
    """For each row, the first row with the same cells in ``columns`` (nulls equal)."""
    codes = []
    for name in columns:
        column = table.column(name)
        if pa.types.is_integer(column.type):
            codes.append(ints(column, -1))
        else:
            encoded = pc.dictionary_encode(column.combine_chunks())
            codes.append(encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64))
    _, first, inverse = np.unique(np.stack(codes, axis=1), axis=0, return_index=True, return_inverse=True)
    return first[inverse.ravel()]


def _outside_wholes(top, subject, status, where, wholes, n):
    """The (top, statement) pairs but those of a part whose whole has a statement of the same
    status under the same top (rollup._inside_a_whole)."""
    if not wholes:
        return top, where
    parts = np.fromiter(wholes, np.int64, len(wholes))
    candidates = np.flatnonzero(np.isin(subject, parts))
    if not len(candidates):
        return top, where
    width = np.int64(len(STATUS_NAMES) + 1)
    stated = distinct((top * np.int64(n) + subject) * width + status)
    pair, whole = [], []
    for i, part in zip(candidates.tolist(), subject[candidates].tolist()):
        pair += [i] * len(wholes[part])
        whole += wholes[part]
    pair, whole = np.array(pair, np.int64), np.array(whole, np.int64)
    drop = pair[np.isin((top[pair] * np.int64(n) + whole) * width + status[pair], stated)]
    keep = np.ones(len(top), bool)
    keep[drop] = False
    return top[keep], where[keep]


def _statements(table: pa.Table, rows: np.ndarray, status: np.ndarray, columns) -> dict[str, np.ndarray]:
    """The figures of some rows: low, high (NONE where empty), basis code, from and to (0: none)."""
    low, high, basis, start, end = (table.column(c) for c in columns)
    return {"status": status, "low": ints(low, NONE)[rows], "high": ints(high, NONE)[rows],
            "basis": _codes(basis, BASIS_NAMES)[rows], "from": ints(start)[rows], "to": ints(end)[rows]}


def _amounts(values: list[int]) -> list[str]:
    """values.format_dkk of each amount ("1.800.000"), formatted in one call."""
    return ("{:,}\0" * len(values)).format(*values).replace(",", ".").split("\0")[:-1]


def _sum_texts(tops: int, top: np.ndarray, statement: dict[str, np.ndarray]) -> list[str]:
    """rollup._sum_statements and format_sums for every top at once: the statements of one
    status, basis and years added, low and high ("≥ low" once a high is missing), side by side
    in rollup's order."""
    texts = [""] * tops
    if not len(top):
        return texts
    status, low, high = statement["status"], statement["low"], statement["high"]
    basis = np.where(statement["basis"] == len(BASIS_NAMES), BASIS_NAMES.index("unstated"), statement["basis"])
    start, end = statement["from"], statement["to"]
    rank = np.array([_STATUS_ORDER.get(name, 9) for name in STATUS_NAMES] + [_STATUS_ORDER["unstated"]])[status]
    order = np.lexsort((end, start, basis, status, rank, top))
    top, status, basis, start, end = top[order], status[order], basis[order], start[order], end[order]
    low, high = low[order], high[order]
    same = (top[1:] == top[:-1]) & (status[1:] == status[:-1]) & (basis[1:] == basis[:-1]) & \
        (start[1:] == start[:-1]) & (end[1:] == end[:-1])
    begins = np.flatnonzero(np.r_[True, ~same])
    lows = np.add.reduceat(np.where(low != NONE, low, np.maximum(high, 0)), begins)
    highs = np.add.reduceat(np.maximum(high, 0), begins)
    open_ended = np.logical_or.reduceat(high == NONE, begins)
    names = [*STATUS_NAMES, None]
    words = [BASIS_NAMES[b].replace("_", " ") for b in range(len(BASIS_NAMES))]
    parts: dict[int, list[str]] = {}
    for t, s, b, f, u, a, z, o, a_text, z_text in zip(
            top[begins].tolist(), status[begins].tolist(), basis[begins].tolist(), start[begins].tolist(),
            end[begins].tolist(), lows.tolist(), highs.tolist(), open_ended.tolist(),
            _amounts(lows.tolist()), _amounts(highs.tolist())):
        figure = f"≥{a_text}" if o else a_text if a == z else f"{a_text}-{z_text}"
        years = years_text(f or None, u or None)
        name = names[s] if names[s] != "unstated" else None
        text = (f"{name}: " if name else "") + f"{figure} kr {words[b]}" + (f" {years}" if years else "")
        parts.setdefault(t, []).append(text)
    for t, found in parts.items():
        texts[t] = "; ".join(found)
    return texts


def wholes(core: Core, visible: np.ndarray) -> dict[int, list[int]]:
    """The wholes of every visible part, as node numbers (rollup._inside_a_whole reads them
    from the graph of the answer, which holds only visible nodes)."""
    parts = [part for part in core.time.wholes if visible[part]]
    names = [name.split("|") for name in (core.time.wholes[part] for part in parts)]
    numbers = core.number(pa.array([n for group in names for n in group], pa.string())).tolist()
    wholes, start = {}, 0
    for part, group in zip(parts, names):
        wholes[part] = numbers[start:start + len(group)]
        start += len(group)
    return wholes


# --- who answers for a goal ------------------------------------------------------------

class Responsible:
    """responsibility.administrations_of over the responsible edges, for some nodes at once;
    each answer for one set of administrations named (and year) worked out once."""

    def __init__(self, core: Core):
        self.core = core
        admins = core.tables.tables["administrations"]
        self.first_admin = core.offsets["administrations"]
        self.unit = np.zeros(core.n, bool)
        self.unit[self.first_admin:self.first_admin + admins.num_rows] = \
            pc.equal(admins.column("level"), "unit").to_numpy(zero_copy_only=False)
        goals = core.tables.tables["goals"]
        owner = pc.index_in(goals.column("administration"), value_set=admins.column("id"))
        self.owner = np.full(core.n, -1, np.int64)  # a goal's own administration column
        self.owner[core.offsets["goals"]:core.offsets["goals"] + goals.num_rows] = \
            owner.fill_null(-1 - self.first_admin).to_numpy() + self.first_admin
        self.names = None
        self.known: dict[tuple, str] = {}

    def text(self, nodes: np.ndarray, years: np.ndarray) -> list[str]:
        """abbreviations(administrations_of(node)) for each node, in the year given for it."""
        edges = self.core.edges[RESPONSIBLE]
        asked = np.zeros(self.core.n, bool)
        asked[nodes] = True
        chosen = np.flatnonzero(asked[edges.target] | self.unit[edges.target])  # who housed a unit is read too
        into = self._in_order(chosen)
        has_edges = np.zeros(self.core.n, bool)
        has_edges[edges.target[chosen]] = True
        owner = self.owner[nodes]
        plain = (owner >= 0) & ~has_edges[nodes] & ~self.unit[np.maximum(owner, 0)]  # its owner, no more
        texts = np.full(len(nodes), "", object)
        texts[plain] = self._names()[owner[plain] - self.first_admin]
        texts = texts.tolist()
        for i in np.flatnonzero(((owner >= 0) | has_edges[nodes]) & ~plain).tolist():
            node, year = int(nodes[i]), int(years[i])
            edges_in = into.get(node, [])
            named = ([int(self.owner[node])] if self.owner[node] >= 0 else []) + \
                [u for u, role, _, _ in edges_in if role in ("lead", "partner")]
            if not named:
                named = [u for u, role, _, _ in edges_in if role == ADOPTED]
            key = (*named, year)
            if key not in self.known:
                admins = self._with_housing(named, year or None, into)
                self.known[key] = ", ".join(self._name(a) for a in admins)
            texts[i] = self.known[key]
        return texts

    def _in_order(self, chosen: np.ndarray) -> dict[int, list[tuple]]:
        """The responsible edges ``chosen`` by target, in networkx's in_edges order: by the
        first edge of each (source, target) pair, then by row."""
        edges = self.core.edges[RESPONSIBLE]
        source, target, row = edges.source[chosen], edges.target[chosen], edges.row[chosen]
        pair = source * np.int64(self.core.n) + target
        _, inverse = np.unique(pair, return_inverse=True)
        first = np.full(inverse.max() + 1 if len(inverse) else 0, len(pair), np.int64)
        np.minimum.at(first, inverse, row)
        order = np.lexsort((row, first[inverse], target))
        table = self.core.tables.tables["responsible"].take(pa.array(row[order]))
        into: dict[int, list[tuple]] = {}
        for u, v, role, start, end in zip(source[order].tolist(), target[order].tolist(),
                                          *(table.column(c).to_pylist() for c in ("role", "start_year", "end_year"))):
            into.setdefault(v, []).append((u, role, start, end))
        return into

    def _with_housing(self, named: list[int], year: int | None, into: dict) -> list[int]:
        """responsibility._with_housing: each unit followed by those that led it in ``year``."""
        result = []
        for admin in dict.fromkeys(named):
            result.append(admin)
            if self.unit[admin]:
                result += [u for u, role, start, end in into.get(admin, ())
                           if role == "lead" and (year is None or ((start is None or start <= year)
                                                                   and (end is None or end >= year)))]
        return list(dict.fromkeys(result))

    def _names(self) -> np.ndarray:
        """responsibility.abbreviations of each administration alone: its abbreviation where
        it has one, else its title."""
        if self.names is None:
            admins = self.core.tables.tables["administrations"]
            abbreviation = admins.column("abbreviation")
            given = pc.and_kleene(pc.is_valid(abbreviation), pc.not_equal(abbreviation, ""))
            self.names = strings(pc.if_else(given, abbreviation, admins.column("title")))
        return self.names

    def _name(self, admin: int) -> str:
        return self._names()[admin - self.first_admin]


# --- the goals of an answer -------------------------------------------------------------

def in_goal_order(core: Core, goals: np.ndarray) -> np.ndarray:
    """``goals`` (node numbers) in the order of the answers' rows: by level, then id."""
    table = core.tables.tables["goals"]
    rows = goals - core.offsets["goals"]
    level = table.column("level").take(pa.array(rows))
    rank = pc.coalesce(pc.index_in(level, value_set=pa.array(list(queries._LEVEL_ORDER))), 9)
    ids = core.ids.take(pa.array(goals))
    order = pc.sort_indices(pa.table({"rank": rank, "id": ids}), sort_keys=[("rank", "ascending"), ("id", "ascending")])
    return goals[order.to_numpy()]


def goal_cells(core: Core, goals: np.ndarray, names=("title", "level", "document", "line")) -> dict[str, list]:
    """Cells of the goals table for ``goals`` (node numbers)."""
    table = core.tables.tables["goals"].select(list(names)).take(pa.array(goals - core.offsets["goals"]))
    cells = {"id": core.ids.take(pa.array(goals)).to_pylist()}
    cells.update({name: table.column(name).to_pylist() for name in names})
    return cells


def node_cells(core: Core, nodes: np.ndarray, names) -> dict[str, list]:
    """Cells of ``nodes`` (numbers, of any kinds) from their tables; None where a node's table
    has no such column or the cell is empty."""
    cells = {"id": core.ids.take(pa.array(nodes, pa.int64())).to_pylist()}
    cells.update({name: [None] * len(nodes) for name in names})
    kinds = core.kind[nodes]
    for code, spec in enumerate(NODE_SPECS):
        where = np.flatnonzero(kinds == code)
        table = core.tables.tables[spec.name]
        present = [name for name in names if name in table.column_names]
        if not len(where) or not present:
            continue
        taken = table.select(present).take(pa.array(nodes[where] - core.offsets[spec.name]))
        for name in present:
            column = cells[name]
            for i, value in zip(where.tolist(), taken.column(name).to_pylist()):
                column[i] = value
    return cells


def periods(cells: dict[str, list]) -> list[str]:
    """queries.period_text of each row."""
    return [queries.period_text({"start_year": start, "end_year": end, "end_kind": kind}) for start, end, kind
            in zip(cells["start_year"], cells["end_year"], cells["end_kind"])]
