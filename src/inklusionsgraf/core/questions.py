"""The gap questions as passes over the core's arrays, with the answers of
:mod:`inklusionsgraf.queries`.

Which goals are in an answer is worked out set-at-a-time: the goals some secured money or
some work lies under are reached upwards from it over the ``supports`` edges, one level of
the hierarchy per pass. The rows of ``unfunded`` and ``orphans`` are made for all their goals
at once by :mod:`inklusionsgraf.core.rows` and kept as columns; the graph of what the rows
reach (for naming them in a table, or for --admin) is made only when asked for. ``unlinked``
and ``expiring`` print few rows and make them with the row functions of
:mod:`inklusionsgraf.queries` on a networkx graph of only what those rows reach.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from inklusionsgraf import queries
from inklusionsgraf.core import rows
from inklusionsgraf.core.arrays import mask
from inklusionsgraf.core.graph import KIND, KINDS, Core
from inklusionsgraf.core.time import document_years
from inklusionsgraf.model import EdgeKind, FundingStatus, NodeKind

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


def _administrations(core: Core) -> np.ndarray:
    return core.kind == KIND[NodeKind.ADMINISTRATION]


def unfunded(core: Core, year: int | None = None) -> queries.Result:
    """queries.unfunded_goals on the core."""
    visible = core.time.visible(year)
    cash = rows.money(core, visible, year)
    funds = core.edges[FUNDS]
    secure = (cash.states == rows.BIT[FundingStatus.SECURED.value]) & visible[funds.target]
    secured = np.zeros(core.n, bool)
    secured[funds.target[secure]] = True
    funded = above(core, secured, visible) | secured
    goals = (core.kind == KIND[NodeKind.GOAL]) & visible
    answer = rows.in_goal_order(core, np.flatnonzero(goals & ~funded))
    under = rows.beneath(core, answer, visible)
    cells = rows.goal_cells(core, answer)
    cells["administration"] = rows.Responsible(core).text(answer, core.time.stated_in[answer])
    cells["why"] = rows.why(rows.states(core, under, cash))
    cells["activities"] = under.counts("activities").tolist()
    wholes = rows.wholes(core, visible)
    cells["funding_known"] = rows.funding_known(core, under, cash, wholes)
    cells["costs_known"] = rows.costs_known(core, under, wholes)
    summary = {"year": year if year is not None else "latest", "goals": int(goals.sum()),
               "unfunded": len(answer), "by_reason": queries._ranked(cells["why"])}

    def graph():
        keep = mask(core.n, under.under()[1])  # the goals, everything beneath them
        into = keep[funds.target] & visible[funds.target]
        keep[funds.source[into]] = True
        return core.networkx((keep | _administrations(core)) & visible,
                             kinds=(SUPPORTS, FUNDS, RESPONSIBLE), bare=(SUPPORTS,))

    return _columns(core, queries.unfunded_goals.columns, "unfunded", cells, summary, graph)


def orphans(core: Core, year: int | None = None) -> queries.Result:
    """queries.orphan_goals on the core."""
    visible = core.time.visible(year)
    work = (core.kind == KIND[NodeKind.ACTIVITY]) & visible
    goals = (core.kind == KIND[NodeKind.GOAL]) & visible
    answer = rows.in_goal_order(core, np.flatnonzero(goals & ~above(core, work, visible)))
    under = rows.beneath(core, answer, visible)
    cells = rows.goal_cells(core, answer)
    cells["administration"] = rows.Responsible(core).text(answer, core.time.stated_in[answer])
    cells["sub_goals"] = under.counts("goals").tolist()
    summary = {"year": year if year is not None else "latest", "goals": int(goals.sum()), "orphans": len(answer)}

    def graph():
        keep = mask(core.n, under.under()[1]) | _administrations(core)
        return core.networkx(keep & visible, kinds=(SUPPORTS, RESPONSIBLE), bare=(SUPPORTS,))

    return _columns(core, queries.orphan_goals.columns, "orphans", cells, summary, graph)


def _columns(core: Core, columns, query: str, cells: dict, summary: dict, graph) -> queries.ColumnarResult:
    """The answer as columns; the graph its rows name (with the whole dataset's years, see
    Core.covered_years) made only when asked for."""
    def made():
        made = graph()
        made.graph["covered_years"] = core.covered_years()
        return made

    return queries.ColumnarResult(query, list(columns), {c: cells[c] for c in columns}, summary, made)


def unlinked(core: Core) -> queries.Result:
    """queries.unlinked_activities on the core: the activities of the latest state with no
    supports edge (carried ones count) to any goal of any document."""
    activities = (core.kind == KIND[NodeKind.ACTIVITY]) & core.time.visible(None)
    linked = np.zeros(core.n, bool)
    linked[core.edges[SUPPORTS].source] = True
    answer = np.flatnonzero(activities & ~linked)
    answer = answer[np.argsort(core.ids.take(answer).to_numpy(zero_copy_only=False), kind="stable")]
    cells = rows.node_cells(core, answer, ("title", "status", "start_year", "end_year", "end_kind", "document", "line"))
    years = document_years(core, pa.array(cells["document"], pa.string()))
    cells["administration"] = rows.Responsible(core).text(answer, years)
    cells["status"] = [status or "" for status in cells["status"]]
    cells["period"] = rows.periods(cells)
    summary = {"activities": int(activities.sum()), "unlinked": len(answer)}
    keep = mask(core.n, answer) | _administrations(core)
    return _columns(core, queries.unlinked_activities.columns, "unlinked", cells, summary,
                    lambda: core.networkx(keep, kinds=(RESPONSIBLE,)))


def expiring(core: Core, year: int) -> queries.Result:
    """queries.expiring on the core: what ends in ``year``, each thing by the statement that
    holds then."""
    ends = core.node_column("end_year", missing=0) == year
    answer = np.flatnonzero(ends & core.time.visible(year) & ~_administrations(core))
    kinds = np.array(KINDS, object)[core.kind[answer]]
    answer = answer[np.lexsort((core.ids.take(answer).to_numpy(zero_copy_only=False), kinds))]
    cells = rows.node_cells(core, answer, ("title", "end_date", "end_year", "end_kind", "document", "line"))
    cells["kind"] = np.array(KINDS, object)[core.kind[answer]].tolist()
    cells["end"] = [date or end for date, end in zip(cells["end_date"], cells["end_year"])]
    cells["end_kind"] = [kind or "" for kind in cells["end_kind"]]
    years = document_years(core, pa.array(cells["document"], pa.string()))
    cells["administration"] = rows.Responsible(core).text(answer, years)
    keep = mask(core.n, answer) | _administrations(core)
    return _columns(core, queries.expiring.columns, "expiring", cells, {"year": year, "count": len(answer)},
                    lambda: core.networkx(keep, kinds=(RESPONSIBLE,)))


from inklusionsgraf.core.rollups import QUESTIONS as ROLLUPS  # noqa: E402  (impact, deps, area, admin, active)
QUESTIONS = {"unfunded": unfunded, "orphans": orphans, "unlinked": unlinked, "expiring": expiring, **ROLLUPS}
