"""The gap questions, one function each, in one registry with declared result columns.

Every query takes the graph (and its own arguments) and returns a :class:`Result` of plain
data: ``rows`` (dicts with the declared ``columns``) and a ``summary`` dict.

>>> from inklusionsgraf import load_graph
>>> result = unfunded_goals(load_graph())
>>> result.columns[:3]
['id', 'title', 'level']
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from inklusionsgraf.adjacency import edges_of, in_edges, nodes_of, out_edges
from inklusionsgraf.collector import pausing
from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.model import Condition, EdgeKind, EndKind, FundingStatus, NodeKind
from inklusionsgraf.names import resolve
from inklusionsgraf.responsibility import (
    abbreviations,
    administrations_of,
    document_year,
    housing_administrations,
    in_period,
    lead_administrations,
    runs_in,
    top_administrations,
)
from inklusionsgraf.rollup import (
    above,
    below,
    format_sums,
    funds_into,
    reached_from,
    sum_costs,
    sum_funding,
)
from inklusionsgraf.timeline import as_of, covers

if TYPE_CHECKING:
    import networkx as nx

ZERO_COST = "zero_cost"
OPTION = "option"  # an activity status: an instrument a template lists, not work
SECURED_ELSEWHEN = "secured_elsewhen"  # secured money, but for other years than the one asked about
SECURED_UNSTATED = "secured_unstated"  # secured money whose years are not stated (known for its document's year)
NO_ADMINISTRATION = "(none recorded)"  # the administration cell of a row whose administration is unknown


@dataclass
class Result:
    """What a query answers: rows with declared columns, and a summary."""

    query: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    # The graph the answer was read from, for naming its ids in a table (a goal's code, a
    # document's short title); not part of the answer itself.
    graph: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "columns": self.columns, "rows": self.rows,
                "summary": self.summary}


class ColumnarResult(Result):
    """A Result kept as columns, for answers of many rows (the columnar core's): ``cells``
    (column -> values in row order) become row dicts only when ``rows`` is first read, and the
    graph for naming ids is made by ``graph_of()`` only when ``graph`` is first read. CSV is
    written from the columns directly (:func:`inklusionsgraf.render.render`)."""

    def __init__(self, query: str, columns: list[str], cells: dict[str, list], summary: dict[str, Any],
                 graph_of: Callable[[], Any] | None = None):
        self.query, self.columns, self.summary = query, columns, summary
        self.cells, self._rows = cells, None
        self._graph, self._graph_of = None, graph_of

    @property
    def rows(self) -> list[dict[str, Any]]:
        if self._rows is None:
            self._rows = [dict(zip(self.columns, values)) for values in zip(*(self.cells[c] for c in self.columns))]
        return self._rows

    @rows.setter
    def rows(self, rows: list[dict[str, Any]]) -> None:
        self._rows, self.cells = rows, None

    @property
    def graph(self):
        if self._graph is None and self._graph_of is not None:
            self._graph, self._graph_of = self._graph_of(), None
        return self._graph

    @graph.setter
    def graph(self, graph) -> None:
        self._graph, self._graph_of = graph, None

    def __eq__(self, other) -> bool:
        return isinstance(other, Result) and self.to_dict() == other.to_dict()


@dataclass(frozen=True)
class Query:
    name: str
    function: Callable[..., Result]
    columns: tuple[str, ...]
    description: str


QUERIES: dict[str, Query] = {}


def query(name: str, columns: tuple[str, ...], description: str):
    """Register a query function under ``name`` (its Cypher twin has the same name); it runs
    with the cycle collector paused (see :mod:`inklusionsgraf.collector`)."""
    def register(function):
        paused = pausing(function)

        @functools.wraps(function)
        def answer(graph, *args, **kwargs):
            result = paused(graph, *args, **kwargs)
            if result.graph is None:
                result.graph = graph
            return result
        QUERIES[name] = Query(name, answer, columns, description)
        answer.columns = list(columns)
        return answer
    return register


def period_text(data: dict) -> str:
    start, end = data.get("start_year"), data.get("end_year")
    if start is None and end is None:
        return ""
    text = f"{start or '?'}-{end or '?'}"
    if data.get("end_kind") and data["end_kind"] != EndKind.ENDS:
        text += f" ({data['end_kind']})"
    return text


# --- funding state ------------------------------------------------------------------

def _money_by_target(graph: nx.MultiDiGraph) -> dict[str, list]:
    """Every funds edge, by the activity or goal it funds (read from the funding sources)."""
    money: dict[str, list] = defaultdict(list)
    for source in nodes_of(graph, NodeKind.FUNDING):
        for edge in out_edges(graph, source):
            if edge[2]["kind"] == EdgeKind.FUNDS:
                money[edge[1]].append(edge)
    return money


def _funding_states(graph: nx.MultiDiGraph, nodes: Iterable[str], money: dict[str, list],
                    year: int | None = None) -> set[str]:
    """The funding statuses of money into any of ``nodes`` ('secured_elsewhen' for secured
    money that does not cover ``year``), plus 'zero_cost' if one of them is an activity whose
    stated cost is zero."""
    states = set()
    attributes = graph.nodes
    for node in nodes:
        for _, _, data in money.get(node, ()):
            status = data["status"]
            if status == FundingStatus.SECURED and not covers(data, year):
                status = SECURED_UNSTATED if data.get("years_unstated") else SECURED_ELSEWHEN
            states.add(status)
        data = attributes[node]
        if data.get("cost_max_dkk") == 0 and not data.get("cost_min_dkk"):
            states.add(ZERO_COST)
    return states


def _why_unfunded(states: set[str]) -> str:
    if not states:
        return "nothing recorded"
    parts = []
    hoped = [s for s in (FundingStatus.PLANNED, FundingStatus.SOUGHT) if s in states]
    if hoped:
        parts.append("only " + "/".join(hoped))
    if FundingStatus.UNCERTAIN in states:
        parts.append("uncertain")
    if SECURED_ELSEWHEN in states:
        parts.append("secured only in other years")
    if SECURED_UNSTATED in states:
        parts.append("secured, years not stated")
    if ZERO_COST in states:
        parts.append("zero cost stated")
    return "; ".join(parts)


@query("unfunded", ("id", "title", "level", "administration", "why", "activities",
                    "funding_known", "costs_known", "document", "line"),
       "Goals with no secured funding anywhere under them (covering the year, with --year), and why.")
def unfunded_goals(graph: nx.MultiDiGraph, year: int | None = None) -> Result:
    """Goals with no secured funding on themselves, their sub-goals or their activities: as
    the documents stood in ``year`` and money covering it, or else by each thing's latest
    statement (:func:`inklusionsgraf.timeline.as_of`)."""
    graph = as_of(graph, year)
    money = _money_by_target(graph)
    secured = {target for target, edges in money.items() for _, _, data in edges
               if data["status"] == FundingStatus.SECURED and covers(data, year)}
    funded = above(graph, secured, EdgeKind.SUPPORTS, NodeKind.GOAL).union(secured)
    goals = nodes_of(graph, NodeKind.GOAL)
    rows = []
    for goal in goals:
        if goal not in funded:
            goals_below, activities = below(graph, goal, EdgeKind.SUPPORTS, NodeKind.GOAL)
            under = activities | goals_below | {goal}
            rows.append(unfunded_row(graph, goal, _funding_states(graph, under, money, year), activities,
                                     [edge for node in under for edge in money.get(node, ())]))
    return unfunded_result(rows, len(goals), year)


def unfunded_row(graph: nx.MultiDiGraph, goal: str, states: set[str], activities, funds) -> dict:
    """One unfunded goal: ``states`` are the funding statuses found beneath it (and
    'zero_cost'), ``funds`` the funds edges into it and everything beneath it."""
    data = graph.nodes[goal]
    return {
        "id": goal, "title": data["title"], "level": data["level"],
        "administration": abbreviations(graph, administrations_of(graph, goal)),
        "why": _why_unfunded(states), "activities": len(activities),
        "funding_known": format_sums(sum_funding(funds, graph)),
        "costs_known": format_sums(sum_costs(graph, activities)),
        "document": data["document"], "line": data["line"],
    }


def unfunded_result(rows: list[dict], goals: int, year: int | None = None) -> Result:
    rows.sort(key=_goal_order)
    return Result("unfunded", list(unfunded_goals.columns), rows,
                  {"year": year if year is not None else "latest", "goals": goals, "unfunded": len(rows),
                   "by_reason": _ranked(r["why"] for r in rows)})


def _ranked(values) -> dict[str, int]:
    """Counts, most common first, ties in alphabetical order."""
    return dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))


_LEVEL_ORDER = {"focus_area": 0, "policy_goal": 1, "initiative": 2, "administration_goal": 3, "sub_goal": 4}


def _goal_order(row: dict) -> tuple:
    return (_LEVEL_ORDER.get(row.get("level"), 9), row["id"])


@query("orphans", ("id", "title", "level", "administration", "sub_goals", "document", "line"),
       "Goals that no activity supports, directly or through sub-goals.")
def orphan_goals(graph: nx.MultiDiGraph, year: int | None = None) -> Result:
    """Goals with no activity under them, as the documents stood in ``year`` (default: each
    thing's latest statement)."""
    graph = as_of(graph, year)
    has_work = above(graph, nodes_of(graph, NodeKind.ACTIVITY), EdgeKind.SUPPORTS, NodeKind.GOAL)
    goals = nodes_of(graph, NodeKind.GOAL)
    rows = [orphan_row(graph, goal, len(below(graph, goal, EdgeKind.SUPPORTS, NodeKind.GOAL)[0]))
            for goal in goals if goal not in has_work]
    return orphans_result(rows, len(goals), year)


def orphan_row(graph: nx.MultiDiGraph, goal: str, sub_goals: int) -> dict:
    data = graph.nodes[goal]
    return {"id": goal, "title": data["title"], "level": data["level"],
            "administration": abbreviations(graph, administrations_of(graph, goal)),
            "sub_goals": sub_goals, "document": data["document"], "line": data["line"]}


def orphans_result(rows: list[dict], goals: int, year: int | None = None) -> Result:
    rows.sort(key=_goal_order)
    return Result("orphans", list(orphan_goals.columns), rows,
                  {"year": year if year is not None else "latest", "goals": goals, "orphans": len(rows)})


@query("unlinked", ("id", "title", "administration", "status", "period", "document", "line"),
       "Activities that support no goal.")
def unlinked_activities(graph: nx.MultiDiGraph) -> Result:
    """Activities with no supports edge to any goal (each thing by its latest statement; a goal
    of any document counts)."""
    activities = nodes_of(as_of(graph, lazy=True), NodeKind.ACTIVITY)
    rows = [unlinked_row(graph, a) for a in activities
            if not any(d["kind"] == EdgeKind.SUPPORTS for _, _, d in out_edges(graph, a))]
    rows.sort(key=lambda r: r["id"])
    return Result("unlinked", list(unlinked_activities.columns), rows,
                  {"activities": len(activities), "unlinked": len(rows)})


def unlinked_row(graph: nx.MultiDiGraph, activity: str) -> dict:
    data = graph.nodes[activity]
    return {"id": activity, "title": data["title"],
            "administration": abbreviations(graph, administrations_of(graph, activity)),
            "status": data.get("status", ""), "period": period_text(data),
            "document": data["document"], "line": data["line"]}


# --- what a funding source's expiry takes with it -------------------------------------

@query("impact", ("id", "title", "effect", "why", "administration", "period", "from_source", "document"),
       "What a funding source's expiry takes with it.")
def impact(graph: nx.MultiDiGraph, source: str, year: int | None = None) -> Result:
    """Activities funded by ``source`` or requiring it, and what happens to them when it
    expires (in ``year``, default its own end year), each thing by the statement that holds
    then (a later document's words about the end win); the goals and areas left without
    other support, the administrations affected and the DKK for that year."""
    src = resolve(graph, source, kinds=[NodeKind.FUNDING])
    year = impact_year(src, graph.nodes[src].get("end_year"), year)
    graph = as_of(graph, year, lazy=True)
    reasons, effects, money = _affected(graph, src)
    affected = []
    for activity in sorted(reasons):
        end = graph.nodes[activity].get("end_year")
        effect = ("over" if end is not None and end < year else
                  _own_words(graph.nodes[activity], year) or effects.get(activity)
                  or _effect(graph, activity, src, year))
        affected.append(Affected(activity, effect, reasons[activity],
                                 [e for e in money[activity] if covers(e[2], year)]))
    touched = {a.id for a in affected if a.effect != "over"}
    ending = {a.id for a in affected if a.effect == EndKind.ENDS}
    goals = [(goal, GOAL_LEFT[left])
             for goal, left in reached_from(graph, touched, ending, EdgeKind.SUPPORTS, NodeKind.GOAL).items()]
    areas = [(area, AREA_LEFT[left])
             for area, left in reached_from(graph, touched, ending, EdgeKind.LOCATED_IN, NodeKind.AREA).items()]
    return impact_result(graph, src, year, affected, goals, areas)


# What is left of a goal or area when the touched work goes (see rollup.what_is_left).
GOAL_LEFT = {"ending": "left without support", "touched": "weakened", "other": "still supported by other work"}
AREA_LEFT = {"ending": "left without support", "touched": "still has other work", "other": "still has other work"}


@dataclass
class Affected:
    """An activity a source's expiry reaches: its effect ('over' if it ended before), why."""

    id: str
    effect: str
    why: str
    money: list = field(default_factory=list)  # the source's funds edges into it


def impact_year(src: str, end_year: int | None, year: int | None) -> int:
    """The year asked for, or else the source's own end year."""
    year = year if year is not None else end_year
    if year is None:
        raise InklusionsgrafError(f"{src} has no end year in the data; pass --year")
    return year


def impact_result(graph: nx.MultiDiGraph, src: str, year: int, affected: list[Affected],
                  goals: list[tuple[str, str]], areas: list[tuple[str, str]]) -> Result:
    """The impact answer from the affected activities (sorted by id) and the goals and areas
    they reach with their states; ``graph`` holds those nodes and their responsibilities."""
    result = Result("impact", list(impact.columns))
    for item in affected:
        if item.effect == "over":
            continue
        data = graph.nodes[item.id]
        result.rows.append({
            "id": item.id, "title": data["title"], "effect": item.effect, "why": item.why,
            "administration": abbreviations(graph, administrations_of(graph, item.id)),
            "period": period_text(data), "from_source": format_sums(sum_funding(item.money, graph)),
            "document": data["document"],
        })
    touched = [r["id"] for r in result.rows]
    admins = Counter(a for r in result.rows for a in administrations_of(graph, r["id"]))
    src_data = graph.nodes[src]
    result.summary = {
        "source": src, "title": src_data["title"], "year": year,
        "source_period": period_text(src_data),
        "activities": len(result.rows), "ending": sum(r["effect"] == EndKind.ENDS for r in result.rows),
        "already_over_before_year": [a.id for a in affected if a.effect == "over"],
        "goals": sorted(({"state": state, "id": goal, "title": graph.nodes[goal]["title"],
                          "level": graph.nodes[goal]["level"]} for goal, state in goals),
                        key=lambda g: (_STATE_ORDER[g["state"]], _LEVEL_ORDER.get(g["level"], 9), g["id"])),
        "areas": sorted(({"state": state, "id": area, "title": graph.nodes[area]["title"]}
                         for area, state in areas), key=lambda a: (_STATE_ORDER[a["state"]], a["id"])),
        "administrations": [{"id": a, "title": graph.nodes[a]["title"], "activities": n}
                            for a, n in sorted(admins.items(), key=lambda kv: (-kv[1], kv[0]))],
        "dkk_from_source": sum_funding((e for a in affected if a.effect != "over" for e in a.money), graph),
        "dkk_cost_of_affected": sum_costs(graph, touched),
    }
    return result


def _affected(graph, src: str) -> tuple[dict[str, str], dict[str, str], dict[str, list]]:
    """Activities funded by ``src`` or requiring it, and work requiring those (the nearest
    first, ties by id): why each is affected, the effects already known, and the money from
    ``src``. A condition for starting (starts_if) or cooperation is no dependency here."""
    reasons: dict[str, str] = {}
    effects: dict[str, str] = {}
    money: dict[str, list] = defaultdict(list)
    for _, target, data in out_edges(graph, src):
        if data["kind"] == EdgeKind.FUNDS and graph.nodes[target]["kind"] == NodeKind.ACTIVITY:
            money[target].append((src, target, data))
            reasons.setdefault(target, f"funded by it ({data['status']})")
    for activity, _, data in in_edges(graph, src):
        if data["kind"] == EdgeKind.DEPENDS_ON and data["condition"] == Condition.REQUIRES and activity not in effects:
            reasons[activity] = f"conditional on it ({data['condition']})"
            effects[activity] = EndKind.ENDS
    frontier = sorted(reasons)
    while frontier:
        found: dict[str, str] = {}
        for current in frontier:
            for dependent, _, data in in_edges(graph, current):
                if (data["kind"] == EdgeKind.DEPENDS_ON and data["condition"] == Condition.REQUIRES
                        and dependent not in reasons):
                    found.setdefault(dependent, current)
        for dependent, current in found.items():
            reasons[dependent] = f"depends on {current}"
        frontier = sorted(found)
    return reasons, effects, money


_STATE_ORDER = {"left without support": 0, "weakened": 1, "still supported by other work": 2,
                "still has other work": 2}


def _own_words(data: dict, year: int) -> str | None:
    """What the activity's own statement says happens at its end, if it ends in ``year``."""
    return data["end_kind"] if data.get("end_year") == year and data.get("end_kind") else None


def _effect(graph, activity: str, src: str, year: int) -> str:
    """Ends or reduced, for work funded by a source that expires in ``year``: reduced if other
    secured or planned money covers that year."""
    other = {s for u, _, d in in_edges(graph, activity)
             if d["kind"] == EdgeKind.FUNDS and u != src and covers(d, year)
             for s in (d["status"],) if s in (FundingStatus.SECURED, FundingStatus.PLANNED)}
    return EndKind.REDUCED if other else EndKind.ENDS


# --- time ---------------------------------------------------------------------------

@query("expiring", ("id", "kind", "title", "end", "end_kind", "administration", "document", "line"),
       "Activities, funding sources and goals whose period ends in a year.")
def expiring(graph: nx.MultiDiGraph, year: int) -> Result:
    """What ends in ``year``, and what the source says happens then (each thing once, by the
    statement that holds in ``year``)."""
    graph = as_of(graph, year, lazy=True)
    nodes = [n for n, d in graph.nodes(data=True)
             if d.get("end_year") == year and d["kind"] != NodeKind.ADMINISTRATION]
    return expiring_result(graph, year, nodes)


def expiring_result(graph: nx.MultiDiGraph, year: int, nodes: list[str]) -> Result:
    rows = []
    for node in nodes:
        data = graph.nodes[node]
        rows.append({
            "id": node, "kind": data["kind"], "title": data["title"],
            "end": data.get("end_date") or data["end_year"], "end_kind": data.get("end_kind", ""),
            "administration": abbreviations(graph, administrations_of(graph, node)),
            "document": data["document"], "line": data["line"],
        })
    rows.sort(key=lambda r: (r["kind"], r["id"]))
    return Result("expiring", list(expiring.columns), rows, {"year": year, "count": len(rows)})


@query("active", ("id", "kind", "title", "period", "scale", "administration", "document"),
       "Activities and funding sources that run in a year.")
def active(graph: nx.MultiDiGraph, year: int) -> Result:
    """What runs in ``year``: a stated period covers it, or it goes on reduced after its end
    (each thing once, by the statement that holds in ``year``)."""
    graph = as_of(graph, year, lazy=True)
    running = []
    for node, data in graph.nodes(data=True):
        if data["kind"] not in (NodeKind.ACTIVITY, NodeKind.FUNDING):
            continue
        end = data.get("end_year")
        if data.get("start_year") is None and end is None or not runs_in(data, year):
            continue  # activities without any stated year are not listed
        running.append((node, data["end_kind"] if end is not None and end < year else "full"))
    return active_result(graph, year, running)


def active_result(graph: nx.MultiDiGraph, year: int, running: list[tuple[str, str]]) -> Result:
    rows = [{"id": node, "kind": graph.nodes[node]["kind"], "title": graph.nodes[node]["title"],
             "period": period_text(graph.nodes[node]), "scale": scale,
             "administration": abbreviations(graph, administrations_of(graph, node)),
             "document": graph.nodes[node]["document"]}
            for node, scale in running]
    rows.sort(key=lambda r: (r["kind"], r["id"]))
    return Result("active", list(active.columns), rows,
                  {"year": year, "count": len(rows), "note": "activities without any stated year are not listed"})


# --- places, administrations, dependencies -------------------------------------------

@query("area", ("administration", "id", "title", "area", "status", "period", "document"),
       "Everything located in an area and its sub-areas, grouped by administration.")
def area_profile(graph: nx.MultiDiGraph, name: str, year: int | None = None) -> Result:
    """Activities in an area (and its sub-areas), grouped by the administrations behind them,
    as the documents stood in ``year`` (default: each thing's latest statement). An activity
    in several of these places is listed under the nearest (ties by id); options a template
    lists are not work."""
    area = resolve(graph, name, kinds=[NodeKind.AREA])
    graph = as_of(graph, year, lazy=True)
    depth = _depths(graph, area, EdgeKind.LOCATED_IN, NodeKind.AREA)
    places = sorted(depth, key=lambda p: (depth[p], p))
    located: dict[str, str] = {}
    for place in places:
        for activity, _, d in in_edges(graph, place):
            if (d["kind"] == EdgeKind.LOCATED_IN and graph.nodes[activity]["kind"] == NodeKind.ACTIVITY
                    and graph.nodes[activity].get("status") != OPTION):
                located.setdefault(activity, place)
    return area_result(graph, area, places[1:], located, funds_into(graph, located), year)


def _depths(graph: nx.MultiDiGraph, node: str, edge_kind: str, kind: str) -> dict[str, int]:
    """Nodes of ``kind`` that reach ``node`` by ``edge_kind`` edges, with their distance."""
    depth, frontier = {node: 0}, [node]
    while frontier:
        following = []
        for current in frontier:
            for source, _, data in in_edges(graph, current):
                if data["kind"] == edge_kind and graph.nodes[source]["kind"] == kind and source not in depth:
                    depth[source] = depth[current] + 1
                    following.append(source)
        frontier = following
    return depth


def area_result(graph: nx.MultiDiGraph, area: str, sub_areas: list[str], located: dict[str, str],
                funds: list, year: int | None = None) -> Result:
    """The area answer from the activities and the place each is listed under."""
    rows = []
    for activity, place in located.items():
        data = graph.nodes[activity]
        for admin in top_administrations(graph, activity) or [None]:
            rows.append({
                "administration": abbreviations(graph, [admin]) if admin else NO_ADMINISTRATION,
                "id": activity, "title": data["title"], "area": graph.nodes[place]["title"],
                "status": data.get("status", ""), "period": period_text(data), "document": data["document"],
            })
    rows.sort(key=lambda r: (r["administration"], r["id"]))
    return Result("area", list(area_profile.columns), rows, {
        "area": area, "title": graph.nodes[area]["title"],
        "year": year if year is not None else "latest",
        "sub_areas": [graph.nodes[p]["title"] for p in sub_areas],
        "activities": len(located),
        "by_administration": _ranked(r["administration"] for r in rows),
        "funding_known": sum_funding(funds, graph),
        "costs_known": sum_costs(graph, located),
    })


@query("admin", ("kind", "id", "title", "role", "via", "period", "document"),
       "One administration's goals and activities, including those of its units.")
def admin_profile(graph: nx.MultiDiGraph, name: str, year: int | None = None) -> Result:
    """The goals and activities an administration leads or takes part in, directly or
    through a unit it housed at the time of the document, as the documents stood in
    ``year`` (default: each thing's latest statement). Its money is that of the work it
    leads: a partner's share is not added to its total."""
    admin = resolve(graph, name, kinds=[NodeKind.ADMINISTRATION])
    graph = as_of(graph, year, lazy=True)
    units = [(v, d) for _, v, d in out_edges(graph, admin)
             if d["kind"] == EdgeKind.RESPONSIBLE and graph.nodes[v]["kind"] == NodeKind.ADMINISTRATION]
    holders = [(admin, None, "")] + [(u, d, graph.nodes[u].get("abbreviation") or u) for u, d in units]
    held = []
    for holder, period, via in holders:
        for _, node, d in out_edges(graph, holder):
            if d["kind"] != EdgeKind.RESPONSIBLE or graph.nodes[node]["kind"] == NodeKind.ADMINISTRATION:
                continue
            if period is None or in_period(period, document_year(graph, node)):
                held.append((node, d["role"], via))
    owned = [g for g in nodes_of(graph, NodeKind.GOAL) if graph.nodes[g].get("administration") == admin]
    led = {n for n, role, _ in held if role == "lead" and graph.nodes[n]["kind"] == NodeKind.ACTIVITY}
    return admin_result(graph, admin, [(u, period_text(d)) for u, d in units], held, owned,
                        funds_into(graph, led), year)


def admin_result(graph: nx.MultiDiGraph, admin: str, units: list[tuple[str, str]],
                 held: list[tuple[str, str, str]], owned: list[str], funds: list,
                 year: int | None = None) -> Result:
    """The admin answer from what it holds (node, role, via unit), the goals it owns and the
    money into the work it leads."""
    rows = [{"kind": graph.nodes[n]["kind"], "id": n, "title": graph.nodes[n]["title"], "role": role,
             "via": via, "period": period_text(graph.nodes[n]), "document": graph.nodes[n]["document"]}
            for n, role, via in held]
    seen = {n for n, _, _ in held}
    rows += [{"kind": NodeKind.GOAL.value, "id": g, "title": graph.nodes[g]["title"], "role": "owner",
              "via": "", "period": period_text(graph.nodes[g]), "document": graph.nodes[g]["document"]}
             for g in owned if g not in seen]
    rows.sort(key=lambda r: (r["kind"] != "goal", r["id"], r["via"], r["role"]))
    activities = {r["id"] for r in rows if r["kind"] == NodeKind.ACTIVITY}
    led = {r["id"] for r in rows if r["kind"] == NodeKind.ACTIVITY and r["role"] == "lead"}
    return Result("admin", list(admin_profile.columns), rows, {
        "administration": admin, "title": graph.nodes[admin]["title"],
        "year": year if year is not None else "latest",
        "units": [{"id": u, "period": period} for u, period in units],
        "goals": sum(r["kind"] == NodeKind.GOAL for r in rows),
        "activities": len(activities),
        "funding_known": sum_funding(funds, graph),
        "costs_known": sum_costs(graph, led),
    })


@query("deps", ("relation", "from_admin", "to_admin", "via", "target", "document", "line", "condition"),
       "Cross-administration dependencies: whose work serves whose goals, whose money "
       "carries whose work, who works with whom, which units moved, whose work depends on "
       "whose (depends_on, with its condition).")
def dependencies(graph: nx.MultiDiGraph, year: int | None = None) -> Result:
    """Every edge that joins the work, goals or money of two different administrations, as
    the documents stood in ``year`` (default: each thing's latest statement)."""
    graph = as_of(graph, year)
    edges = DependencyEdges()
    responsible = [e for admin in nodes_of(graph, NodeKind.ADMINISTRATION) for e in out_edges(graph, admin)
                   if e[2]["kind"] == EdgeKind.RESPONSIBLE]
    edges.leads = leads = lead_administrations(graph, responsible)
    nodes, succ = graph.nodes, graph._succ  # networkx's own adjacency, read only: the hot loop
    for u, lead_u in leads.items():
        for v, keyed in succ[u].items() if lead_u else ():
            lead_v = leads.get(v)
            if lead_v and (lead_u != lead_v or len(lead_u) > 1):  # two administrations meet
                for d in keyed.values():
                    if d["kind"] == EdgeKind.SUPPORTS:
                        edges.serves.append((u, v, nodes[u]["title"], nodes[v]["title"], d))
    controllers = {f: nodes[f]["controller"] for f in nodes_of(graph, NodeKind.FUNDING) if nodes[f].get("controller")}
    for u, v, d in (e for f in controllers for e in out_edges(graph, f)):
        controller = controllers[u]
        if d["kind"] != EdgeKind.FUNDS or not leads[v]:
            continue
        if leads[v] == [controller] and nodes[controller].get("level") != "unit":
            continue  # an administration's own money for its own work (a unit's owner is checked later)
        edges.funds.append((controller, v, nodes[u]["title"], nodes[v]["title"], d))
    for u, v, d in responsible:
        kind = graph.nodes[v]["kind"]
        if kind in (NodeKind.ACTIVITY, NodeKind.GOAL) and d.get("role") == "partner":
            edges.partners.append((u, v, graph.nodes[v]["title"], d))
        if kind == NodeKind.ADMINISTRATION and d.get("role") == "lead":
            edges.houses.append((u, v, d))
    edges.depends = [(u, v, nodes[u]["title"], nodes[v]["title"], d)
                     for u, v, d in edges_of(graph, EdgeKind.DEPENDS_ON)]
    return dependencies_result(graph, edges)


@dataclass
class DependencyEdges:
    """The edges that can join two administrations, by relation."""

    serves: list = field(default_factory=list)    # (source, goal, via title, goal title, data)
    funds: list = field(default_factory=list)     # (controller, target, source title, target title, data)
    partners: list = field(default_factory=list)  # (partner, target, target title, data)
    houses: list = field(default_factory=list)    # (administration, unit, data)
    depends: list = field(default_factory=list)   # (activity, what it depends on, titles, data)
    leads: dict | None = None                     # lead_administrations, where known


def dependencies_result(graph: nx.MultiDiGraph, edges: DependencyEdges) -> Result:
    """Credit each end of each edge to its lead administrations; keep the pairs that differ."""
    rows = []

    def add(relation, sources, targets, via, target, data):
        rows.extend({"relation": relation, "from_admin": abbreviations(graph, [a]),
                     "to_admin": abbreviations(graph, [b]), "via": via, "target": target,
                     "document": data["document"], "line": data["line"], "condition": ""}
                    for a in sources for b in targets if a != b)

    leads = edges.leads if edges.leads is not None else lead_administrations(graph)
    housing: dict[tuple[str, int | None], list[str]] = {}
    for u, v, via, target, d in edges.serves:
        add("serves", leads[u], leads[v], via, target, d)
    for controller, v, via, target, d in edges.funds:
        year = document_year(graph, v)
        if (controller, year) not in housing:
            housing[controller, year] = housing_administrations(graph, controller, year) or [controller]
        add("funds", housing[controller, year], leads[v], via, target, d)
    for u, v, via, target, d in edges.depends:
        rows.extend(_dependency_rows(graph, leads, housing, u, v, via, target, d))
    for partner, v, via, d in edges.partners:
        add("partners", leads[v], [partner], via, "", d)
    for u, v, d in edges.houses:
        rows.append({"relation": "houses", "from_admin": abbreviations(graph, [u]),
                     "to_admin": abbreviations(graph, [v]), "via": period_text(d) or "",
                     "target": "", "document": d["document"], "line": d["line"], "condition": ""})
    order = {"serves": 0, "funds": 1, "depends_on": 2, "partners": 3, "houses": 4}
    rows.sort(key=lambda r: (order[r["relation"]], r["from_admin"], r["to_admin"], r["document"],
                             r["line"], r["via"], r["target"]))
    pairs = Counter((r["relation"], r["from_admin"], r["to_admin"]) for r in rows)
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], order[kv[0][0]], kv[0][1], kv[0][2]))
    return Result("deps", list(dependencies.columns), rows, {
        "edges": len(rows),
        "pairs": [{"relation": r, "from": a, "to": b, "count": n} for (r, a, b), n in ranked]})


def _dependency_rows(graph: nx.MultiDiGraph, leads: dict, housing: dict, activity: str, needed: str,
                     via: str, target: str, data: dict) -> list[dict]:
    """An activity's depends_on link when the administrations on its two sides differ: the
    activity's lead administrations, and those of what it needs (an activity's leads, a
    funding source's controller as housed that year). A side with none recorded counts as
    different from a known one; two unknown sides are left out."""
    year = document_year(graph, activity)
    if graph.nodes[needed]["kind"] == NodeKind.FUNDING:
        controller = graph.nodes[needed].get("controller")
        if controller and (controller, year) not in housing:
            housing[controller, year] = housing_administrations(graph, controller, year) or [controller]
        providers = housing[controller, year] if controller else []
    else:
        providers = leads.get(needed) or []
    dependents = leads.get(activity) or []
    if not providers and not dependents:
        return []
    names = [abbreviations(graph, [a]) for a in dependents] or [NO_ADMINISTRATION]
    others = [abbreviations(graph, [b]) for b in providers] or [NO_ADMINISTRATION]
    return [{"relation": "depends_on", "from_admin": a, "to_admin": b, "via": via, "target": target,
             "document": data["document"], "line": data["line"], "condition": data.get("condition", "")}
            for a in names for b in others if a != b]


# --- the graph itself ---------------------------------------------------------------

@query("stats", ("category", "name", "count"), "Counts of nodes and edges by kind; documents covered.")
def stats(graph: nx.MultiDiGraph) -> Result:
    """How many nodes and edges of each kind, and how many facts come from each document."""
    result = Result("stats", list(stats.columns))
    for kind, n in sorted(Counter(k for _, k in graph.nodes(data="kind")).items()):
        result.rows.append({"category": "node", "name": kind, "count": n})
    for kind, n in sorted(Counter(d["kind"] for _, _, d in graph.edges(data=True)).items()):
        result.rows.append({"category": "edge", "name": kind, "count": n})
    facts = Counter(d["document"] for _, d in graph.nodes(data=True))
    facts.update(d.get("document") for _, _, d in graph.edges(data=True))  # a reason-only link has none
    for doc in sorted(graph.graph["documents"]):
        result.rows.append({"category": "document", "name": doc, "count": facts.get(doc, 0)})
    result.summary = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                      "documents": len(graph.graph["documents"]),
                      "documents_covered": sum(1 for d in graph.graph["documents"] if facts.get(d))}
    return result


@query("show", ("direction", "edge", "id", "title", "attributes"),
       "A node with its attributes, provenance and neighbours.")
def show(graph: nx.MultiDiGraph, name: str) -> Result:
    """One node: its attributes (provenance included) and every edge in or out."""
    node = resolve(graph, name)
    result = Result("show", list(show.columns))
    for _, other, d in out_edges(graph, node):
        result.rows.append(neighbour_row("out", other, graph.nodes[other]["title"], d))
    for other, _, d in in_edges(graph, node):
        result.rows.append(neighbour_row("in", other, graph.nodes[other]["title"], d))
    result.summary = {"id": node, **graph.nodes[node]}
    return result


_EDGE_PLAIN = ("kind", "document", "line", "quote")


def neighbour_row(direction: str, other: str, title: str, data: dict) -> dict:
    extra = ", ".join(f"{k}={v}" for k, v in data.items() if k not in _EDGE_PLAIN)
    return {"direction": direction, "edge": data["kind"], "id": other, "title": title, "attributes": extra}


# Lineage and change live in their own module and register themselves here.
from inklusionsgraf import lineage as _lineage  # noqa: E402,F401  (lineage, changes)
