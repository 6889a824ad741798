"""The gap questions as passes over the core's arrays, with the answers of
:mod:`inklusionsgraf.queries`.

Which goals are in an answer is worked out set-at-a-time: the goals some secured money or
some work lies under are reached upwards from it over the ``supports`` edges, one level of
the hierarchy per pass. The rows that print are then made by the very row functions of
:mod:`inklusionsgraf.queries` (titles, administrations, sums by status, basis and year via
:mod:`inklusionsgraf.rollup`), on a networkx graph of only what those rows reach: the nodes
beneath the goals in the answer, their funders and the administrations, with the supports
(kind only), funds and responsible edges between them.
"""

from __future__ import annotations

import numpy as np

from inklusionsgraf import queries
from inklusionsgraf.core.graph import KIND, Core
from inklusionsgraf.model import EdgeKind, FundingStatus, NodeKind
from inklusionsgraf.rollup import below

SUPPORTS, FUNDS, RESPONSIBLE = EdgeKind.SUPPORTS.value, EdgeKind.FUNDS.value, EdgeKind.RESPONSIBLE.value


def above(core: Core, starts: np.ndarray, visible: np.ndarray) -> np.ndarray:
    """rollup.above on arrays: the visible goals reached upwards from ``starts`` (a mask)
    over supports edges between visible nodes."""
    edges = core.edges[SUPPORTS]
    useful = visible[edges.source] & visible[edges.target] & (core.kind[edges.target] == KIND[NodeKind.GOAL])
    source, target = edges.source[useful], edges.target[useful]
    found = np.zeros(core.n, bool)
    frontier = starts
    while True:
        step = frontier[source]
        parents = target[step]
        new = parents[~found[parents]]
        if not len(new):
            return found
        found[new] = True
        frontier = np.zeros(core.n, bool)
        frontier[new] = True


def beneath(core: Core, tops: np.ndarray, visible: np.ndarray) -> np.ndarray:
    """The tops with everything rollup.below reaches under them: goals and activities that
    support them, directly or through goals (activities are not walked further)."""
    edges = core.edges[SUPPORTS]
    goal = core.kind == KIND[NodeKind.GOAL]
    activity = core.kind == KIND[NodeKind.ACTIVITY]
    useful = visible[edges.source] & visible[edges.target] & (goal | activity)[edges.source]
    source, target = edges.source[useful], edges.target[useful]
    reached = tops.copy()
    frontier = tops.copy()
    while True:
        children = source[frontier[target]]
        new = np.unique(children[~reached[children]])
        if not len(new):
            return reached
        reached[new] = True
        frontier = np.zeros(core.n, bool)
        frontier[new[goal[new]]] = True


def _administrations(core: Core) -> np.ndarray:
    return core.kind == KIND[NodeKind.ADMINISTRATION]


def unfunded(core: Core, year: int | None = None) -> queries.Result:
    """queries.unfunded_goals on the core."""
    visible = core.time.visible(year)
    funds = core.edges[FUNDS]
    status = core.edge_column(FUNDS, "status")
    secure = (status == FundingStatus.SECURED.value) & core.time.covers(year) & visible[funds.target]
    secured = np.zeros(core.n, bool)
    secured[funds.target[secure]] = True
    funded = above(core, secured, visible) | secured
    goals = (core.kind == KIND[NodeKind.GOAL]) & visible
    answer = goals & ~funded
    keep = beneath(core, answer, visible)
    into = keep[funds.target] & visible[funds.target]
    keep[funds.source[into]] = True
    keep |= _administrations(core)
    graph = core.networkx(keep & visible, kinds=(SUPPORTS, FUNDS, RESPONSIBLE), bare=(SUPPORTS,))
    money = queries._money_by_target(graph)
    rows = []
    for goal in core.ids.take(np.flatnonzero(answer)).to_pylist():
        goals_below, activities = below(graph, goal, SUPPORTS, NodeKind.GOAL)
        under = activities | goals_below | {goal}
        rows.append(queries.unfunded_row(graph, goal, queries._funding_states(graph, under, money, year),
                                         activities, [edge for node in under for edge in money.get(node, ())]))
    return _read_from(queries.unfunded_result(rows, int(goals.sum()), year), graph)


def orphans(core: Core, year: int | None = None) -> queries.Result:
    """queries.orphan_goals on the core."""
    visible = core.time.visible(year)
    work = (core.kind == KIND[NodeKind.ACTIVITY]) & visible
    goals = (core.kind == KIND[NodeKind.GOAL]) & visible
    answer = goals & ~above(core, work, visible)
    keep = beneath(core, answer, visible) | _administrations(core)
    graph = core.networkx(keep & visible, kinds=(SUPPORTS, RESPONSIBLE), bare=(SUPPORTS,))
    rows = [queries.orphan_row(graph, goal, len(below(graph, goal, SUPPORTS, NodeKind.GOAL)[0]))
            for goal in core.ids.take(np.flatnonzero(answer)).to_pylist()]
    return _read_from(queries.orphans_result(rows, int(goals.sum()), year), graph)


def unlinked(core: Core) -> queries.Result:
    """queries.unlinked_activities on the core: the activities of the latest state with no
    supports edge (carried ones count) to any goal of any document."""
    activities = (core.kind == KIND[NodeKind.ACTIVITY]) & core.time.visible(None)
    linked = np.zeros(core.n, bool)
    linked[core.edges[SUPPORTS].source] = True
    answer = activities & ~linked
    graph = core.networkx(answer | _administrations(core), kinds=(RESPONSIBLE,))
    rows = [queries.unlinked_row(graph, a) for a in core.ids.take(np.flatnonzero(answer)).to_pylist()]
    rows.sort(key=lambda r: r["id"])
    return _read_from(queries.Result("unlinked", list(queries.unlinked_activities.columns), rows,
                                     {"activities": int(activities.sum()), "unlinked": len(rows)}), graph)


def expiring(core: Core, year: int) -> queries.Result:
    """queries.expiring on the core: what ends in ``year``, each thing by the statement that
    holds then."""
    ends = core.node_column("end_year", missing=0) == year
    answer = ends & core.time.visible(year) & ~_administrations(core)
    graph = core.networkx(answer | _administrations(core), kinds=(RESPONSIBLE,))
    return _read_from(queries.expiring_result(graph, year, core.ids.take(np.flatnonzero(answer)).to_pylist()), graph)


def _read_from(result: queries.Result, graph) -> queries.Result:
    """The answer with the small graph its rows were read from (for naming them in a table,
    as queries' answers carry theirs)."""
    result.graph = graph
    return result


from inklusionsgraf.core.rollups import QUESTIONS as ROLLUPS  # noqa: E402  (impact, deps, area, admin, active)
QUESTIONS = {"unfunded": unfunded, "orphans": orphans, "unlinked": unlinked, "expiring": expiring, **ROLLUPS}
