"""The gap questions answered by a Neo4j-compatible server, in the embedded backend's shape.

The Cypher files find the answer (which goals lack secured money, what an expiry reaches,
what lies in an area); the presenting half of :mod:`inklusionsgraf.queries` then builds the
same rows and summary as the embedded backend, from a small context graph of the nodes in the
answer and who is responsible for them (``cypher/context.cypher``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import networkx as nx

from inklusionsgraf import queries
from inklusionsgraf.bolt import Database
from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.model import NodeKind
from inklusionsgraf.names import resolve
from inklusionsgraf.queries import Result
from inklusionsgraf.rollup import what_is_left
from inklusionsgraf.tables import SPECS

BOLT_QUERIES: dict[str, Callable[..., Result]] = {}


def bolt_query(name: str):
    def register(function):
        BOLT_QUERIES[name] = function
        return function
    return register


def run_query(database: Database, name: str, *args, **kwargs) -> Result:
    """Answer query ``name`` (a key of ``queries.QUERIES``) on the server; an error saying
    to load the graph first when the database holds none."""
    if not database.run("context", "loaded"):
        raise InklusionsgrafError(f"the database at {database.settings.uri} holds no inklusionsgraf "
                                  "graph; run `inklusionsgraf neo4j load` first")
    result = BOLT_QUERIES[name](database, *args, **kwargs)
    if result.graph is None:
        result.graph = naming_graph(database)
    return result


def naming_graph(database: Database) -> nx.MultiDiGraph:
    """Every node's names (title, abbreviation, code, aliases) and the documents: what a table
    needs to call the answer's ids what the documents call them."""
    graph = nx.MultiDiGraph()
    graph.graph["documents"] = {d["props"]["id"]: _without(d["props"], "id")
                                for d in database.run("context", "documents")}
    for record in database.run("context", "names", kinds=[kind.value for kind in NodeKind]):
        graph.add_node(record["id"], **_without(record, "id"))
    return graph


# --- context ---------------------------------------------------------------------------

def context_graph(database: Database, ids: Iterable[str]) -> nx.MultiDiGraph:
    """The nodes ``ids`` with their properties, the administrations responsible for them or
    owning them, every administration -> unit edge, and the documents."""
    ids = list(dict.fromkeys(ids))
    graph = nx.MultiDiGraph()
    graph.graph["documents"] = {d["props"]["id"]: _without(d["props"], "id")
                                for d in database.run("context", "documents")}
    for record in database.run_chunked("context", "nodes", "ids", ids):
        _add_node(graph, record["props"])
    for record in database.run_chunked("context", "owners", "ids", ids):
        _add_node(graph, record["admin"])
    edges = database.run_chunked("context", "responsible", "ids", ids) + database.run("context", "units")
    for record in sorted(edges, key=lambda r: r["data"]["seq_in"]):
        _add_node(graph, record["admin"])
        _add_node(graph, record["target_props"])
        graph.add_edge(record["admin"]["id"], record["target_props"]["id"], **_edge_data(record["data"]))
    return graph


def _add_node(graph: nx.MultiDiGraph, props: dict) -> None:
    if props["id"] not in graph:
        graph.add_node(props["id"], **_in_table_order(_without(props, "id")))


def _edge_data(props: dict) -> dict:
    """An edge's properties as the embedded graph has them (without the load's key and seq)."""
    return _in_table_order(_without(props, "key", "seq", "seq_in"))


def _in_table_order(props: dict) -> dict:
    """Properties in the order of the table's columns, as the embedded graph has them
    (a server returns them in any order)."""
    order = _COLUMN_ORDER.get(props.get("kind"), [])
    rank = {name: i for i, name in enumerate(["kind", *order])}
    return dict(sorted(props.items(), key=lambda kv: rank.get(kv[0], len(rank))))


_COLUMN_ORDER = {(spec.node_kind or spec.edge_kind).value: spec.column_names
                 for spec in SPECS if spec.node_kind or spec.edge_kind}


def _without(props: dict, *keys: str) -> dict:
    return {k: v for k, v in props.items() if k not in keys and v is not None}


def _funds(records: list[dict]) -> list[tuple[str, str, dict]]:
    return [(f["source"], f["target"], _edge_data(f["data"])) for f in records if f]


def resolve_name(database: Database, name: str, kinds: list[str]) -> str:
    """What the user typed, resolved as the embedded backend does, over the server's names."""
    names = nx.MultiDiGraph()
    for record in database.run("context", "names", kinds=kinds):
        names.add_node(record["id"], **_without(record, "id"))
    return resolve(names, name, kinds=kinds)


# --- the questions ---------------------------------------------------------------------

@bolt_query("unfunded")
def unfunded_goals(database: Database, year: int | None = None) -> Result:
    found = database.run("unfunded", "unfunded", year=year)
    graph = context_graph(database, [r["id"] for r in found] + [a for r in found for a in r["activity_ids"]]
                          + [f["target"] for r in found for f in r["funds"] if f])
    rows = []
    for record in found:
        states = set(record["statuses"]) | ({queries.ZERO_COST} if record["zero_cost"] else set())
        rows.append(queries.unfunded_row(graph, record["id"], states, record["activity_ids"],
                                         _funds(record["funds"])))
    return queries.unfunded_result(rows, database.run("unfunded", "goals", year=year)[0]["goals"], year)


@bolt_query("orphans")
def orphan_goals(database: Database, year: int | None = None) -> Result:
    found = database.run("orphans", "orphans", year=year)
    graph = context_graph(database, [r["id"] for r in found])
    rows = [queries.orphan_row(graph, r["id"], r["sub_goals"]) for r in found]
    return queries.orphans_result(rows, database.run("orphans", "goals", year=year)[0]["goals"], year)


@bolt_query("unlinked")
def unlinked_activities(database: Database) -> Result:
    found = database.run("unlinked", "unlinked", year=None)
    graph = context_graph(database, [r["id"] for r in found])
    rows = [queries.unlinked_row(graph, r["id"]) for r in found]
    total = database.run("unlinked", "activities", year=None)[0]["activities"]
    return Result("unlinked", list(queries.unlinked_activities.columns), rows,
                  {"activities": total, "unlinked": len(rows)})


@bolt_query("impact")
def impact(database: Database, source: str, year: int | None = None) -> Result:
    src = resolve_name(database, source, [NodeKind.FUNDING])
    year = queries.impact_year(src, database.run("impact", "source", source=src)[0]["end_year"], year)
    found = database.run("impact", "affected", source=src, year=year)
    affected = [queries.Affected(r["id"], r["effect"], r["why"], _funds(r["money"])) for r in found]
    touched = [a.id for a in affected if a.effect != "over"]
    ending = [a.id for a in affected if a.effect == "ends"]
    goals = _left_under(database, "goals", touched, ending, year)
    areas = _left_under(database, "areas", touched, ending, year)
    graph = context_graph(database, [src] + [a.id for a in affected] + list(goals) + list(areas))
    return queries.impact_result(graph, src, year, affected,
                                 [(g, queries.GOAL_LEFT[left]) for g, left in goals.items()],
                                 [(a, queries.AREA_LEFT[left]) for a, left in areas.items()])


def _left_under(database: Database, kind: str, touched: list[str], ending: list[str],
                year: int) -> dict[str, str]:
    """The goals or areas with touched work beneath them, and what is left of each
    (see :func:`rollup.what_is_left`) as the documents stood in ``year``; ids go to the
    server in chunks that fit its limits."""
    reached_by = {"year": year} if kind == "goals" else {}
    reached = sorted({r["id"] for r in database.run_chunked("impact", f"{kind}_reached", "touched", touched,
                                                             **reached_by)})
    under: dict[str, set[str]] = defaultdict(set)
    for record in database.run_chunked("impact", f"{kind}_under", "ids", reached, year=year):
        under[record["id"]].add(record["activity"])
    touched_set, ending_set = set(touched), set(ending)
    return {node: what_is_left(activities, touched_set, ending_set) for node, activities in under.items()}


@bolt_query("expiring")
def expiring(database: Database, year: int) -> Result:
    found = database.run("expiring", "expiring", year=year)  # each thing as it stood in the year
    graph = context_graph(database, [r["id"] for r in found])
    return queries.expiring_result(graph, year, [r["id"] for r in found])


@bolt_query("active")
def active(database: Database, year: int) -> Result:
    found = database.run("active", "active", year=year)
    graph = context_graph(database, [r["id"] for r in found])
    return queries.active_result(graph, year, [(r["id"], r["scale"]) for r in found])


@bolt_query("area")
def area_profile(database: Database, name: str, year: int | None = None) -> Result:
    area = resolve_name(database, name, [NodeKind.AREA])
    found = database.run("area", "activities", area=area, year=year)
    sub_areas = [r["id"] for r in database.run("area", "sub-areas", area=area)]
    located = {r["id"]: r["place"] for r in found}
    graph = context_graph(database, [area, *sub_areas, *located.values(), *located])
    funds = database.run_chunked("context", "funds-into", "ids", list(located))
    return queries.area_result(graph, area, sub_areas, located, _funds(funds), year)


@bolt_query("admin")
def admin_profile(database: Database, name: str, year: int | None = None) -> Result:
    admin = resolve_name(database, name, [NodeKind.ADMINISTRATION])
    held = [(r["id"], r["role"], r["via"]) for r in database.run("admin", "direct", admin=admin, year=year)
            + database.run("admin", "via-units", admin=admin, year=year)]
    owned = [r["id"] for r in database.run("admin", "owned", admin=admin, year=year)]
    units = database.run("admin", "units", admin=admin)
    graph = context_graph(database, [admin, *(n for n, _, _ in held), *owned, *(u["id"] for u in units)])
    led = [n for n, role, _ in held if role == "lead" and graph.nodes[n]["kind"] == NodeKind.ACTIVITY]
    funds = database.run_chunked("context", "funds-into", "ids", list(dict.fromkeys(led)))
    return queries.admin_result(graph, admin, [(u["id"], queries.period_text(u)) for u in units],
                                held, owned, _funds(funds), year)


@bolt_query("deps")
def dependencies(database: Database, year: int | None = None) -> Result:
    edges = queries.DependencyEdges()
    serves = database.run("deps", "serves", year=year)
    funds = database.run("deps", "funds", year=year)
    partners = database.run("deps", "partners", year=year)
    houses = database.run("deps", "houses")
    depends = database.run("deps", "depends", year=year)
    ids = [r["source"] for r in serves + depends] + [r["target"] for r in serves + funds + partners + depends]
    ids += [r["controller"] for r in funds + depends if r["controller"]] + [r["partner"] for r in partners]
    ids += [r["source"] for r in houses] + [r["target"] for r in houses]
    graph = context_graph(database, ids)
    edges.serves = [(r["source"], r["target"], r["via"], r["target_title"], r) for r in serves]
    edges.funds = [(r["controller"], r["target"], r["via"], r["target_title"], r) for r in funds]
    edges.partners = [(r["partner"], r["target"], r["via"], r) for r in partners]
    edges.houses = [(r["source"], r["target"], r) for r in houses]
    edges.depends = [(r["source"], r["target"], r["via"], r["target_title"], r) for r in depends]
    return queries.dependencies_result(graph, edges)


@bolt_query("stats")
def stats(database: Database) -> Result:
    result = Result("stats", list(queries.stats.columns))
    nodes = database.run("stats", "nodes")
    edges = database.run("stats", "edges")
    documents = database.run("stats", "documents")
    for category, records in (("node", nodes), ("edge", edges), ("document", documents)):
        result.rows += [{"category": category, "name": r["name"], "count": r["count"]} for r in records]
    result.summary = {"nodes": sum(r["count"] for r in nodes), "edges": sum(r["count"] for r in edges),
                      "documents": len(documents),
                      "documents_covered": sum(1 for r in documents if r["count"])}
    return result


@bolt_query("show")
def show(database: Database, name: str) -> Result:
    node = resolve_name(database, name, list(NodeKind))
    out = database.run("show", "out", id=node)
    into = database.run("show", "in", id=node)
    graph = context_graph(database, [node])
    result = Result("show", list(queries.show.columns))
    result.rows = ([queries.neighbour_row("out", r["id"], r["title"], _edge_data(r["data"])) for r in out] +
                   [queries.neighbour_row("in", r["id"], r["title"], _edge_data(r["data"])) for r in into])
    result.summary = {"id": node, **graph.nodes[node]}
    return result


# Lineage and changes live in their own module and register themselves here.
from inklusionsgraf import bolt_lineage as _bolt_lineage  # noqa: E402,F401  (lineage, changes)
