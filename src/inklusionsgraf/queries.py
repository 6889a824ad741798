"""The gap questions, one function each, in one registry with declared result columns.

Every query takes the graph (and its own arguments) and returns a :class:`Result` of plain
data: ``rows`` (dicts with the declared ``columns``) and a ``summary`` dict.

>>> from inklusionsgraf import load_graph
>>> result = unfunded_goals(load_graph())
>>> result.columns[:3]
['id', 'title', 'level']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.model import EdgeKind, EndKind, FundingStatus, NodeKind
from inklusionsgraf.names import resolve
from inklusionsgraf.responsibility import (
    abbreviations,
    administrations_of,
    document_year,
    housing_administrations,
    in_period,
    top_administrations,
)
from inklusionsgraf.rollup import (
    beneath,
    descendants_by,
    edges_of,
    format_sums,
    funds_into,
    sum_costs,
    sum_funding,
)

ZERO_COST = "zero_cost"


@dataclass
class Result:
    """What a query answers: rows with declared columns, and a summary."""

    query: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "columns": self.columns, "rows": self.rows,
                "summary": self.summary}


@dataclass(frozen=True)
class Query:
    name: str
    function: Callable[..., Result]
    columns: tuple[str, ...]
    description: str


QUERIES: dict[str, Query] = {}


def query(name: str, columns: tuple[str, ...], description: str):
    """Register a query function under ``name`` (its Cypher twin has the same name)."""
    def register(function):
        QUERIES[name] = Query(name, function, columns, description)
        function.columns = list(columns)
        return function
    return register


def _period(data: dict) -> str:
    start, end = data.get("start_year"), data.get("end_year")
    if start is None and end is None:
        return ""
    text = f"{start or '?'}-{end or '?'}"
    if data.get("end_kind") and data["end_kind"] != EndKind.ENDS:
        text += f" ({data['end_kind']})"
    return text


def _nodes(graph: nx.MultiDiGraph, kind: str) -> list[str]:
    return [n for n, k in graph.nodes(data="kind") if k == kind]


# --- funding state ------------------------------------------------------------------

def _funding_states(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """For every activity and goal: the funding statuses of money into it directly,
    plus 'zero_cost' for an activity whose stated cost is zero."""
    states: dict[str, set[str]] = defaultdict(set)
    for _, target, data in edges_of(graph, EdgeKind.FUNDS):
        states[target].add(data["status"])
    for activity in _nodes(graph, NodeKind.ACTIVITY):
        data = graph.nodes[activity]
        if data.get("cost_max_dkk") == 0 and not data.get("cost_min_dkk"):
            states[activity].add(ZERO_COST)
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
    if ZERO_COST in states:
        parts.append("zero cost stated")
    return "; ".join(parts)


@query("unfunded", ("id", "title", "level", "administration", "why", "activities",
                    "funding_known", "costs_known", "document", "line"),
       "Goals with no secured funding anywhere under them, and why.")
def unfunded_goals(graph: nx.MultiDiGraph) -> Result:
    """Goals with no secured funding on themselves, their sub-goals or their activities."""
    activities = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL)
    goals_below = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL, member_kind=NodeKind.GOAL)
    states = _funding_states(graph)
    result = Result("unfunded", list(unfunded_goals.columns))
    why_counts: Counter[str] = Counter()
    for goal in _nodes(graph, NodeKind.GOAL):
        under = activities[goal] | goals_below[goal] | {goal}
        found = set().union(*(states.get(n, set()) for n in under))
        if FundingStatus.SECURED in found:
            continue
        data = graph.nodes[goal]
        why = _why_unfunded(found)
        why_counts[why] += 1
        result.rows.append({
            "id": goal, "title": data["title"], "level": data["level"],
            "administration": abbreviations(graph, administrations_of(graph, goal)),
            "why": why, "activities": len(activities[goal]),
            "funding_known": format_sums(sum_funding(funds_into(graph, under))),
            "costs_known": format_sums(sum_costs(graph, activities[goal])),
            "document": data["document"], "line": data["line"],
        })
    result.rows.sort(key=_goal_order)
    result.summary = {"goals": len(_nodes(graph, NodeKind.GOAL)), "unfunded": len(result.rows),
                      "by_reason": dict(why_counts.most_common())}
    return result


_LEVEL_ORDER = {"focus_area": 0, "policy_goal": 1, "initiative": 2, "administration_goal": 3, "sub_goal": 4}


def _goal_order(row: dict) -> tuple:
    return (_LEVEL_ORDER.get(row.get("level"), 9), row["id"])


@query("orphans", ("id", "title", "level", "administration", "sub_goals", "document", "line"),
       "Goals that no activity supports, directly or through sub-goals.")
def orphan_goals(graph: nx.MultiDiGraph) -> Result:
    """Goals with no activity under them."""
    activities = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL)
    goals_below = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL, member_kind=NodeKind.GOAL)
    result = Result("orphans", list(orphan_goals.columns))
    for goal in _nodes(graph, NodeKind.GOAL):
        if activities[goal]:
            continue
        data = graph.nodes[goal]
        result.rows.append({
            "id": goal, "title": data["title"], "level": data["level"],
            "administration": abbreviations(graph, administrations_of(graph, goal)),
            "sub_goals": len(goals_below[goal]), "document": data["document"], "line": data["line"],
        })
    result.rows.sort(key=_goal_order)
    result.summary = {"goals": len(_nodes(graph, NodeKind.GOAL)), "orphans": len(result.rows)}
    return result


@query("unlinked", ("id", "title", "administration", "status", "period", "document", "line"),
       "Activities that support no goal.")
def unlinked_activities(graph: nx.MultiDiGraph) -> Result:
    """Activities with no supports edge to any goal."""
    result = Result("unlinked", list(unlinked_activities.columns))
    for activity in _nodes(graph, NodeKind.ACTIVITY):
        if any(d["kind"] == EdgeKind.SUPPORTS for _, _, d in graph.out_edges(activity, data=True)):
            continue
        data = graph.nodes[activity]
        result.rows.append({
            "id": activity, "title": data["title"],
            "administration": abbreviations(graph, administrations_of(graph, activity)),
            "status": data.get("status", ""), "period": _period(data),
            "document": data["document"], "line": data["line"],
        })
    result.rows.sort(key=lambda r: r["id"])
    result.summary = {"activities": len(_nodes(graph, NodeKind.ACTIVITY)), "unlinked": len(result.rows)}
    return result


# --- what a funding source's expiry takes with it -------------------------------------

@query("impact", ("id", "title", "effect", "why", "administration", "period", "from_source"),
       "What a funding source's expiry takes with it.")
def impact(graph: nx.MultiDiGraph, source: str, year: int | None = None) -> Result:
    """Activities funded by or conditional on ``source`` and what happens to them when it
    expires (in ``year``, default its own end year); the goals and areas left without other
    support, the administrations affected and the DKK involved."""
    src = resolve(graph, source, kinds=[NodeKind.FUNDING])
    src_data = graph.nodes[src]
    year = year if year is not None else src_data.get("end_year")
    if year is None:
        raise InklusionsgrafError(f"{src} has no end year in the data; pass --year")

    reasons, effects, money = _affected(graph, src)
    over = []
    result = Result("impact", list(impact.columns))
    for activity in sorted(reasons):
        data = graph.nodes[activity]
        if data.get("end_year") is not None and data["end_year"] < year:
            over.append(activity)
            continue
        effect = effects.get(activity) or _effect(graph, activity, src, year)
        effects[activity] = effect
        result.rows.append({
            "id": activity, "title": data["title"], "effect": effect, "why": reasons[activity],
            "administration": abbreviations(graph, administrations_of(graph, activity)),
            "period": _period(data), "from_source": format_sums(sum_funding(money[activity])),
        })
    ending = {r["id"] for r in result.rows if r["effect"] == EndKind.ENDS}
    touched = {r["id"] for r in result.rows}

    goals = []
    for goal, under in beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL).items():
        if not under & touched:
            continue
        state = ("left without support" if under <= ending else
                 "weakened" if under <= touched else "still supported by other work")
        goals.append({"state": state, "id": goal, "title": graph.nodes[goal]["title"],
                      "level": graph.nodes[goal]["level"]})
    areas = []
    for area, under in beneath(graph, EdgeKind.LOCATED_IN, NodeKind.AREA).items():
        if under & touched:
            state = "left without support" if under <= ending else "still has other work"
            areas.append({"state": state, "id": area, "title": graph.nodes[area]["title"]})
    admins = Counter(a for r in result.rows for a in administrations_of(graph, r["id"]))
    result.summary = {
        "source": src, "title": src_data["title"], "year": year,
        "source_period": _period(src_data),
        "activities": len(result.rows), "ending": len(ending),
        "already_over_before_year": over,
        "goals": sorted(goals, key=lambda g: (_STATE_ORDER[g["state"]], _LEVEL_ORDER.get(g["level"], 9), g["id"])),
        "areas": sorted(areas, key=lambda a: (_STATE_ORDER[a["state"]], a["id"])),
        "administrations": [{"id": a, "title": graph.nodes[a]["title"], "activities": n}
                            for a, n in admins.most_common()],
        "dkk_from_source": sum_funding(e for edges in money.values() for e in edges),
        "dkk_cost_of_affected": sum_costs(graph, touched),
    }
    return result


def _affected(graph, src: str) -> tuple[dict[str, str], dict[str, str], dict[str, list]]:
    """Activities funded by or conditional on ``src``, and work depending on those:
    why each is affected, the effects already known, and the money from ``src``."""
    reasons: dict[str, str] = {}
    effects: dict[str, str] = {}
    money: dict[str, list] = defaultdict(list)
    for _, target, data in graph.out_edges(src, data=True):
        if data["kind"] == EdgeKind.FUNDS and graph.nodes[target]["kind"] == NodeKind.ACTIVITY:
            money[target].append((src, target, data))
            reasons.setdefault(target, f"funded by it ({data['status']})")
    for activity, _, data in graph.in_edges(src, data=True):
        if data["kind"] == EdgeKind.DEPENDS_ON:
            reasons[activity] = f"conditional on it ({data['condition']})"
            effects[activity] = EndKind.ENDS
    queue = list(reasons)
    while queue:
        current = queue.pop(0)
        for dependent, _, data in graph.in_edges(current, data=True):
            if data["kind"] == EdgeKind.DEPENDS_ON and dependent not in reasons:
                reasons[dependent] = f"depends on {current}"
                queue.append(dependent)
    return reasons, effects, money


_STATE_ORDER = {"left without support": 0, "weakened": 1, "still supported by other work": 2,
                "still has other work": 2}


def _effect(graph, activity: str, src: str, year: int) -> str:
    """Ends or reduced, for work funded by a source that expires in ``year``."""
    data = graph.nodes[activity]
    if data.get("end_year") == year and data.get("end_kind"):
        return data["end_kind"]
    other = {s for u, _, d in graph.in_edges(activity, data=True)
             if d["kind"] == EdgeKind.FUNDS and u != src
             for s in (d["status"],) if s in (FundingStatus.SECURED, FundingStatus.PLANNED)}
    return EndKind.REDUCED if other else EndKind.ENDS


# --- time ---------------------------------------------------------------------------

@query("expiring", ("id", "kind", "title", "end", "end_kind", "administration", "document", "line"),
       "Activities, funding sources and goals whose period ends in a year.")
def expiring(graph: nx.MultiDiGraph, year: int) -> Result:
    """What ends in ``year``, and what the source says happens then."""
    result = Result("expiring", list(expiring.columns))
    for node, data in graph.nodes(data=True):
        if data.get("end_year") != year or data["kind"] == NodeKind.ADMINISTRATION:
            continue
        result.rows.append({
            "id": node, "kind": data["kind"], "title": data["title"],
            "end": data.get("end_date") or data["end_year"], "end_kind": data.get("end_kind", ""),
            "administration": abbreviations(graph, administrations_of(graph, node)),
            "document": data["document"], "line": data["line"],
        })
    result.rows.sort(key=lambda r: (r["kind"], r["id"]))
    result.summary = {"year": year, "count": len(result.rows)}
    return result


@query("active", ("id", "kind", "title", "period", "scale", "administration"),
       "Activities and funding sources that run in a year.")
def active(graph: nx.MultiDiGraph, year: int) -> Result:
    """What runs in ``year``: a stated period covers it, or it goes on reduced after its end."""
    result = Result("active", list(active.columns))
    for node, data in graph.nodes(data=True):
        if data["kind"] not in (NodeKind.ACTIVITY, NodeKind.FUNDING):
            continue
        start, end = data.get("start_year"), data.get("end_year")
        if start is None and end is None:
            continue
        if start is not None and start > year:
            continue
        scale = "full"
        if end is not None and end < year:
            if data.get("end_kind") not in (EndKind.REDUCED, EndKind.CONTINUES):
                continue
            scale = data["end_kind"]
        result.rows.append({
            "id": node, "kind": data["kind"], "title": data["title"], "period": _period(data),
            "scale": scale, "administration": abbreviations(graph, administrations_of(graph, node)),
        })
    result.rows.sort(key=lambda r: (r["kind"], r["id"]))
    result.summary = {"year": year, "count": len(result.rows),
                      "note": "activities without any stated year are not listed"}
    return result


# --- places, administrations, dependencies -------------------------------------------

@query("area", ("administration", "id", "title", "area", "status", "period"),
       "Everything located in an area and its sub-areas, grouped by administration.")
def area_profile(graph: nx.MultiDiGraph, name: str) -> Result:
    """Activities in an area (and its sub-areas), grouped by the administrations behind them."""
    area = resolve(graph, name, kinds=[NodeKind.AREA])
    places = descendants_by(graph, area, EdgeKind.LOCATED_IN, NodeKind.AREA)
    result = Result("area", list(area_profile.columns))
    seen = set()
    for place in places:
        for activity, _, d in graph.in_edges(place, data=True):
            if d["kind"] != EdgeKind.LOCATED_IN or graph.nodes[activity]["kind"] != NodeKind.ACTIVITY:
                continue
            if activity in seen:
                continue
            seen.add(activity)
            data = graph.nodes[activity]
            for admin in top_administrations(graph, activity) or [None]:
                result.rows.append({
                    "administration": abbreviations(graph, [admin]) if admin else "(none recorded)",
                    "id": activity, "title": data["title"], "area": graph.nodes[place]["title"],
                    "status": data.get("status", ""), "period": _period(data),
                })
    result.rows.sort(key=lambda r: (r["administration"], r["id"]))
    result.summary = {
        "area": area, "title": graph.nodes[area]["title"],
        "sub_areas": [graph.nodes[p]["title"] for p in places[1:]],
        "activities": len(seen),
        "by_administration": dict(Counter(r["administration"] for r in result.rows).most_common()),
        "funding_known": sum_funding(funds_into(graph, seen)),
        "costs_known": sum_costs(graph, seen),
    }
    return result


@query("admin", ("kind", "id", "title", "role", "via", "period"),
       "One administration's goals and activities, including those of its units.")
def admin_profile(graph: nx.MultiDiGraph, name: str) -> Result:
    """The goals and activities an administration leads or takes part in, directly or
    through a unit it housed at the time of the document."""
    admin = resolve(graph, name, kinds=[NodeKind.ADMINISTRATION])
    result = Result("admin", list(admin_profile.columns))
    units = [(v, d) for _, v, d in graph.out_edges(admin, data=True)
             if d["kind"] == EdgeKind.RESPONSIBLE and graph.nodes[v]["kind"] == NodeKind.ADMINISTRATION]
    holders = [(admin, None, None)] + [(u, d, graph.nodes[u].get("abbreviation") or u) for u, d in units]
    seen = set()
    for holder, period, via in holders:
        for _, node, d in graph.out_edges(holder, data=True):
            kind = graph.nodes[node]["kind"]
            if d["kind"] != EdgeKind.RESPONSIBLE or kind == NodeKind.ADMINISTRATION:
                continue
            if period is not None and not in_period(period, document_year(graph, node)):
                continue
            seen.add(node)
            result.rows.append({"kind": kind, "id": node, "title": graph.nodes[node]["title"],
                                "role": d["role"], "via": via or "", "period": _period(graph.nodes[node])})
    for goal in _nodes(graph, NodeKind.GOAL):
        if graph.nodes[goal].get("administration") == admin and goal not in seen:
            seen.add(goal)
            result.rows.append({"kind": NodeKind.GOAL.value, "id": goal, "title": graph.nodes[goal]["title"],
                                "role": "owner", "via": "", "period": _period(graph.nodes[goal])})
    result.rows.sort(key=lambda r: (r["kind"] != "goal", r["id"]))
    activities = {r["id"] for r in result.rows if r["kind"] == NodeKind.ACTIVITY}
    result.summary = {
        "administration": admin, "title": graph.nodes[admin]["title"],
        "units": [{"id": u, "period": _period(d)} for u, d in units],
        "goals": sum(r["kind"] == NodeKind.GOAL for r in result.rows),
        "activities": len(activities),
        "funding_known": sum_funding(funds_into(graph, activities)),
        "costs_known": sum_costs(graph, activities),
    }
    return result


@query("deps", ("relation", "from_admin", "to_admin", "via", "target", "document", "line"),
       "Cross-administration dependencies: whose work serves whose goals, whose money "
       "carries whose work, who works with whom, which units moved.")
def dependencies(graph: nx.MultiDiGraph) -> Result:
    """Every edge that joins the work, goals or money of two different administrations."""
    result = Result("deps", list(dependencies.columns))

    def add(relation, sources, targets, via, target, data):
        for a in sources:
            for b in targets:
                if a != b:
                    result.rows.append({"relation": relation, "from_admin": abbreviations(graph, [a]),
                                        "to_admin": abbreviations(graph, [b]), "via": via, "target": target,
                                        "document": data["document"], "line": data["line"]})

    for u, v, d in edges_of(graph, EdgeKind.SUPPORTS):
        add("serves", top_administrations(graph, u, ("lead",)), top_administrations(graph, v, ("lead",)),
            graph.nodes[u]["title"], graph.nodes[v]["title"], d)
    for u, v, d in edges_of(graph, EdgeKind.FUNDS):
        controller = graph.nodes[u].get("controller")
        if controller:
            add("funds", housing_administrations(graph, controller, document_year(graph, v)) or [controller],
                top_administrations(graph, v, ("lead",)), graph.nodes[u]["title"], graph.nodes[v]["title"], d)
    for activity in _nodes(graph, NodeKind.ACTIVITY) + _nodes(graph, NodeKind.GOAL):
        leads = top_administrations(graph, activity, ("lead",))
        for partner, _, d in graph.in_edges(activity, data=True):
            if d["kind"] == EdgeKind.RESPONSIBLE and d.get("role") == "partner":
                add("partners", leads, [partner], graph.nodes[activity]["title"], "", d)
    for u, v, d in edges_of(graph, EdgeKind.RESPONSIBLE):
        if graph.nodes[v]["kind"] == NodeKind.ADMINISTRATION and d.get("role") == "lead":
            result.rows.append({"relation": "houses", "from_admin": abbreviations(graph, [u]),
                                "to_admin": abbreviations(graph, [v]), "via": _period(d) or "",
                                "target": "", "document": d["document"], "line": d["line"]})
    pairs = Counter((r["relation"], r["from_admin"], r["to_admin"]) for r in result.rows)
    result.summary = {"edges": len(result.rows),
                      "pairs": [{"relation": r, "from": a, "to": b, "count": n}
                                for (r, a, b), n in pairs.most_common()]}
    return result


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
    facts.update(d["document"] for _, _, d in graph.edges(data=True))
    for doc in graph.graph["documents"]:
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
    for _, other, d in graph.out_edges(node, data=True):
        result.rows.append(_neighbour(graph, "out", other, d))
    for other, _, d in graph.in_edges(node, data=True):
        result.rows.append(_neighbour(graph, "in", other, d))
    result.summary = {"id": node, **graph.nodes[node]}
    return result


_EDGE_PLAIN = ("kind", "document", "line", "quote")


def _neighbour(graph, direction: str, other: str, data: dict) -> dict:
    extra = ", ".join(f"{k}={v}" for k, v in data.items() if k not in _EDGE_PLAIN)
    return {"direction": direction, "edge": data["kind"], "id": other,
            "title": graph.nodes[other]["title"], "attributes": extra}
