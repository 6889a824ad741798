"""Lineage and changes answered by a Neo4j-compatible server, in the embedded backend's shape.

``cypher/lineage.cypher`` finds a node's line (the nodes joined to it by SAME_AS and
CONTINUES) and its edges; ``cypher/changes.cypher`` the goals and activities stated in a
year and the funding stated in two. The presenting half of :mod:`inklusionsgraf.lineage`
then builds the same rows and summary from a context graph of those nodes, their edges and
who answers for them.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from inklusionsgraf import lineage as embedded
from inklusionsgraf.bolt import Database
from inklusionsgraf.bolt_queries import _edge_data, _funds, _without, bolt_query, context_graph, resolve_name
from inklusionsgraf.errors import AmbiguousName
from inklusionsgraf.model import NodeKind
from inklusionsgraf.names import matching, resolve
from inklusionsgraf.queries import Result


def line_members(database: Database, ids: Iterable[str]) -> list[str]:
    """The nodes on the lines of ``ids``, sorted."""
    return sorted({r["id"] for r in database.run_chunked("lineage", "line", "ids", list(dict.fromkeys(ids)))})


def line_graph(database: Database, members: list[str], extra: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The context graph of ``members`` (and ``extra`` nodes) with the SAME_AS and
    CONTINUES edges out of the members."""
    graph = context_graph(database, [*members, *extra])
    for record in database.run_chunked("lineage", "links", "ids", members):
        graph.add_edge(record["source"], record["target"], **_edge_data(record["data"]))
    return graph


def _resolve_line(database: Database, name: str) -> str:
    """As :func:`lineage.resolve_line`, over the server's names and lines."""
    names = nx.MultiDiGraph()
    for record in database.run("context", "names", kinds=embedded.LINE_KINDS):
        names.add_node(record["id"], **_without(record, "id"))
    try:
        return resolve(names, name, kinds=embedded.LINE_KINDS)
    except AmbiguousName:
        picked = matching(names, name, embedded.LINE_KINDS)
        members = line_members(database, picked[:1])
        latest = embedded.latest_if_one_line(line_graph(database, members), picked, set(members))
        if latest is None:
            raise
        return latest


@bolt_query("lineage")
def lineage(database: Database, name: str) -> Result:
    node = _resolve_line(database, name)
    members = line_members(database, [node])
    return embedded.lineage_result(line_graph(database, members), node, members)


@bolt_query("changes")
def changes(database: Database, from_year: int, to_year: int, admin: str | None = None) -> Result:
    admin_id = resolve_name(database, admin, [NodeKind.ADMINISTRATION]) if admin else None
    embedded.check_years(from_year, to_year)
    earlier = [r["id"] for r in database.run("changes", "stated", year=from_year)]
    later = [r["id"] for r in database.run("changes", "stated", year=to_year)]
    funds = _funds(database.run("changes", "funds", from_year=from_year, to_year=to_year))
    members = line_members(database, [*earlier, *later, *(target for _, target, _ in funds)])
    graph = line_graph(database, members, extra=[source for source, _, _ in funds])
    return embedded.changes_result(graph, from_year, to_year, admin_id, earlier, later, funds)
