"""Who answers for a goal or activity: responsible edges, with units mapped to the
administration that housed them in the year the source document describes.

>>> from inklusionsgraf import load_graph
>>> graph = load_graph()
>>> administrations_of(graph, "activity:tmf-2013-etnisk-erhvervsfremme")
['admin:kes', 'admin:tmf']
"""

from __future__ import annotations

import networkx as nx

from inklusionsgraf.model import EdgeKind, EndKind


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
    return [u for u, _, d in graph.in_edges(unit, data=True)
            if d["kind"] == EdgeKind.RESPONSIBLE and d.get("role") == "lead" and in_period(d, year)]


def administrations_of(graph: nx.MultiDiGraph, node: str, roles=("lead", "partner")) -> list[str]:
    """Administrations responsible for a goal or activity, each unit followed by the
    administration that housed it in the year of the node's document."""
    direct = [u for u, _, d in graph.in_edges(node, data=True)
              if d["kind"] == EdgeKind.RESPONSIBLE and d.get("role") in roles]
    owner = graph.nodes[node].get("administration")
    if owner:
        direct.insert(0, owner)
    year = document_year(graph, node)
    result: list[str] = []
    for admin in dict.fromkeys(direct):
        result.append(admin)
        if graph.nodes[admin].get("level") == "unit":
            result += housing_administrations(graph, admin, year)
    return list(dict.fromkeys(result))


def top_administrations(graph: nx.MultiDiGraph, node: str, roles=("lead", "partner")) -> list[str]:
    """Like :func:`administrations_of`, without the units where their administration is known."""
    admins = administrations_of(graph, node, roles)
    tops = [a for a in admins if graph.nodes[a].get("level") != "unit"]
    return tops or admins


def abbreviations(graph: nx.MultiDiGraph, admins: list[str]) -> str:
    """'KES, TMF': abbreviations where the data has them, else titles."""
    return ", ".join(graph.nodes[a].get("abbreviation") or graph.nodes[a]["title"] for a in admins)
