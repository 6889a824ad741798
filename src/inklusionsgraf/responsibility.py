"""Who answers for a goal or activity: responsible edges, with units mapped to the
administration that housed them in the year the source document describes.

>>> from inklusionsgraf import load_graph
>>> graph = load_graph()
>>> administrations_of(graph, "activity:tmf-2013-etnisk-erhvervsfremme")
['admin:kes', 'admin:tmf']
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from inklusionsgraf.adjacency import edges_of, in_edges
from inklusionsgraf.model import EdgeKind, EndKind, NodeKind

if TYPE_CHECKING:
    import networkx as nx

ADOPTED = "adopted"  # the responsible role of a council or an agreement's party


def document_year(graph: nx.MultiDiGraph, node: str) -> int | None:
    """The year a node's facts describe: the year of its source document."""
    document = graph.nodes[node].get("document")
    return graph.graph["documents"].get(document, {}).get("year")


def in_period(data: dict, year: int | None) -> bool:
    """Whether ``year`` falls in the start_year..end_year of ``data`` (open ends allowed)."""
    if year is None:
        return True
    start, end = data.get("start_year"), data.get("end_year")
    return (start is None or start <= year) and (end is None or end >= year)


def runs_in(data: dict, year: int) -> bool:
    """Whether a stated period covers ``year``, or the work goes on (reduced, continuing)
    after its end. A period that is not stated is unknown, so it does not rule ``year`` out."""
    start, end = data.get("start_year"), data.get("end_year")
    if start is not None and start > year:
        return False
    if end is not None and end < year:
        return data.get("end_kind") in (EndKind.REDUCED, EndKind.CONTINUES)
    return True


def housing_administrations(graph: nx.MultiDiGraph, unit: str, year: int | None) -> list[str]:
    """The administrations that led ``unit`` in ``year`` (the unit itself if not a unit)."""
    if graph.nodes[unit].get("level") != "unit":
        return [unit]
    return [u for u, _, d in in_edges(graph, unit)
            if d["kind"] == EdgeKind.RESPONSIBLE and d.get("role") == "lead" and in_period(d, year)]


def administrations_of(graph: nx.MultiDiGraph, node: str, roles=("lead", "partner")) -> list[str]:
    """Administrations responsible for a goal or activity, each unit followed by the
    administration that housed it in the year of the node's document. Where no one leads or
    owns it, the bodies that adopted it answer for it: the council for the policy's own
    goals, the parties for an agreement's."""
    responsible = [(u, d.get("role")) for u, _, d in in_edges(graph, node) if d["kind"] == EdgeKind.RESPONSIBLE]
    owner = graph.nodes[node].get("administration")
    named = ([owner] if owner else []) + [u for u, role in responsible if role in roles]
    if not named:
        named = [u for u, role in responsible if role == ADOPTED]
    return _with_housing(graph, named, document_year(graph, node))


def _with_housing(graph: nx.MultiDiGraph, named: list[str], year: int | None) -> list[str]:
    """The administrations named, each unit followed by those that housed it in ``year``."""
    result: list[str] = []
    for admin in dict.fromkeys(named):
        result.append(admin)
        if graph.nodes[admin].get("level") == "unit":
            result += housing_administrations(graph, admin, year)
    return list(dict.fromkeys(result))


def top_administrations(graph: nx.MultiDiGraph, node: str, roles=("lead", "partner")) -> list[str]:
    """Like :func:`administrations_of`, without the units where their administration is known."""
    return _tops(graph, administrations_of(graph, node, roles))


def _tops(graph: nx.MultiDiGraph, admins: list[str]) -> list[str]:
    tops = [a for a in admins if graph.nodes[a].get("level") != "unit"]
    return tops or admins


def abbreviations(graph: nx.MultiDiGraph, admins: list[str]) -> str:
    """'KES, TMF': abbreviations where the data has them, else titles."""
    return ", ".join(graph.nodes[a].get("abbreviation") or graph.nodes[a]["title"] for a in admins)


def lead_administrations(graph: nx.MultiDiGraph, responsible=None) -> dict[str, list[str]]:
    """``top_administrations(graph, node, ("lead",))`` for every goal and activity at once:
    one pass over the ``responsible`` edges (default: the graph's); the answer for each set of
    administrations named (and the year) worked out once."""
    direct: dict[str, list[str]] = defaultdict(list)
    for admin, node, data in responsible if responsible is not None else edges_of(graph, EdgeKind.RESPONSIBLE):
        if data.get("role") == "lead":
            direct[node].append(admin)
    year_of = {doc: data.get("year") for doc, data in graph.graph.get("documents", {}).items()}
    units = {node for node, data in graph._node.items() if data.get("level") == "unit"}
    known: dict[tuple, list[str]] = {}  # (administrations named, year) -> answer
    kinds = (NodeKind.GOAL.value, NodeKind.ACTIVITY.value)
    result = {}
    for node, data in graph._node.items():
        if data["kind"] not in kinds:
            continue
        owner = data.get("administration")
        named = ([owner] if owner else []) + direct.get(node, [])
        if len(named) == 1 and named[0] not in units:
            result[node] = named
            continue
        key = (*named, year_of.get(data.get("document")))
        if key not in known:
            known[key] = _tops(graph, _with_housing(graph, named, key[-1]))
        result[node] = known[key]
    return result
