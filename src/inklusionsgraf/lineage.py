"""Lineage and change: a goal's or activity's line through the documents, and what changed
between two plan years.

A node's *line* is every node joined to it by ``same-as`` and ``continues`` edges, either
way and transitively: the statements, across documents, of one thing and of what succeeded
it. Steps are dated by their document (its ``date`` where given, else its ``year``).

>>> from inklusionsgraf import load_graph
>>> lineage(load_graph(), "goal:okf-2010-1a").rows[0]["code"]
'Mål 1a'

Each question is split into finding (which nodes, which edges) and presenting
(:func:`lineage_result`, :func:`changes_result`), so the Neo4j backend
(:mod:`inklusionsgraf.bolt_lineage`) finds with Cypher and presents with this code.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from inklusionsgraf.adjacency import edges_of, in_edges, nodes_of, out_edges
from inklusionsgraf.errors import AmbiguousName, InklusionsgrafError
from inklusionsgraf.model import EdgeKind, FundingStatus, NodeKind
from inklusionsgraf.names import matching, resolve
from inklusionsgraf.queries import Result, query
from inklusionsgraf.responsibility import abbreviations, administrations_of

if TYPE_CHECKING:
    import networkx as nx

LINK_KINDS = (EdgeKind.SAME_AS.value, EdgeKind.CONTINUES.value)
LINE_KINDS = [NodeKind.GOAL, NodeKind.ACTIVITY, NodeKind.FUNDING]
STATED_KINDS = (NodeKind.GOAL.value, NodeKind.ACTIVITY.value)
SAME_AS = "same_as"  # the link's name in answers (the table's name)

Edge = tuple[str, str, dict]


# --- dates -------------------------------------------------------------------------------

def document_of(graph: nx.MultiDiGraph, data: dict) -> dict:
    """The documents.csv row of a node's or edge's document ({} if none)."""
    return graph.graph["documents"].get(data.get("document"), {})


def year_of(document: dict) -> int | None:
    """A document's year, or the year of its date."""
    if document.get("year") is not None:
        return document["year"]
    return int(document["date"][:4]) if document.get("date") else None


def statement_year(graph: nx.MultiDiGraph, node: str) -> int | None:
    """The year a node's statement was made: its document's."""
    return year_of(document_of(graph, graph.nodes[node]))


def date_order(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    """``nodes`` in the order their documents were written (date, else year; ties by id;
    undated last)."""
    def key(node):
        document = document_of(graph, graph.nodes[node])
        when = document.get("date") or (str(document["year"]) if document.get("year") is not None else None)
        return (when is None, when or "", node)
    return sorted(nodes, key=key)


# --- lines ---------------------------------------------------------------------------------

def links(graph: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, Edge]]:
    """(the other end, edge) for every same-as or continues edge in or out of ``node``."""
    for edge in out_edges(graph, node):
        if edge[2]["kind"] in LINK_KINDS:
            yield edge[1], edge
    for edge in in_edges(graph, node):
        if edge[2]["kind"] in LINK_KINDS:
            yield edge[0], edge


def line_of(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """Every node joined to ``node`` by same-as and continues edges, either way (itself too)."""
    seen, frontier = {node}, [node]
    while frontier:
        following = []
        for current in frontier:
            for other, _ in links(graph, current):
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = following
    return seen


def latest_if_one_line(graph: nx.MultiDiGraph, picked: list[str], line: set[str]) -> str | None:
    """The latest of ``picked`` if all of them lie on ``line``; None if they do not."""
    if not picked or not set(picked) <= line:
        return None
    return date_order(graph, picked)[-1]


def resolve_line(graph: nx.MultiDiGraph, name: str) -> str:
    """The goal, activity or funding source ``name`` picks out; where it names several that
    are all statements of one line, the latest of them."""
    try:
        return resolve(graph, name, kinds=LINE_KINDS)
    except AmbiguousName:
        picked = matching(graph, name, LINE_KINDS)
        latest = latest_if_one_line(graph, picked, line_of(graph, picked[0]))
        if latest is None:
            raise
        return latest


def _cite(data: dict) -> str:
    return f"{data['document']}:{data['line']}" if data.get("document") and data.get("line") is not None else ""


def _link_name(data: dict) -> str:
    return SAME_AS if data["kind"] == EdgeKind.SAME_AS else data["change"]


def _edge_key(edge: Edge) -> tuple:
    """Order among edges that could be shown: the same on both backends."""
    source, target, data = edge
    return (data["kind"], data.get("change", ""), data.get("document", ""), data.get("line") or 0,
            data.get("reason", ""), source, target)


# --- lineage -------------------------------------------------------------------------------

@query("lineage", ("id", "code", "title", "administration", "document", "year", "stated", "link",
                   "linked_to", "quote", "reason", "where"),
       "A goal's, activity's or funding source's line through the documents: each statement "
       "of it and of what succeeded it, in document order, with the link that joins it.")
def lineage(graph: nx.MultiDiGraph, name: str) -> Result:
    """The statements of ``name`` and of what continues it, in the order of their documents;
    each step with the same-as or continues link to an earlier step, its quote or reason."""
    node = resolve_line(graph, name)
    return lineage_result(graph, node, line_of(graph, node))


def lineage_result(graph: nx.MultiDiGraph, node: str, line: Iterable[str]) -> Result:
    """The lineage answer from the line's nodes; ``graph`` holds them, the same-as and
    continues edges between them, who answers for them, and the documents."""
    steps = date_order(graph, line)
    position = {step: i for i, step in enumerate(steps)}
    rows = []
    for i, step in enumerate(steps):
        joining = _joining(graph, step, position) if i else None
        rows.append(lineage_row(graph, step, joining))
    data = graph.nodes[node]
    return Result("lineage", list(lineage.columns), rows, {
        "node": node, "title": data["title"], "kind": data["kind"],
        "first": steps[0], "latest": steps[-1], "steps": len(steps),
        "documents": len({graph.nodes[s].get("document") for s in steps})})


def _joining(graph: nx.MultiDiGraph, step: str, position: dict[str, int]) -> tuple[str, dict] | None:
    """The link from ``step`` to the nearest earlier step it is joined to directly, else to
    the nearest later one: (that step, the edge's data)."""
    here = position[step]
    candidates = sorted(((other, edge) for other, edge in links(graph, step) if other in position),
                        key=lambda c: (position[c[0]] > here, abs(position[c[0]] - here), _edge_key(c[1])))
    if not candidates:
        return None
    other, (_, _, data) = candidates[0]
    return other, data


def lineage_row(graph: nx.MultiDiGraph, step: str, joining: tuple[str, dict] | None) -> dict:
    data = graph.nodes[step]
    document = document_of(graph, data)
    other, link = joining or ("", {})
    return {
        "id": step, "code": data.get("code", ""), "title": data["title"],
        "administration": abbreviations(graph, administrations_of(graph, step)),
        "document": document.get("short_title") or document.get("title") or data.get("document", ""),
        "year": year_of(document), "stated": _cite(data),
        "link": _link_name(link) if link else "", "linked_to": other,
        "quote": link.get("quote", ""), "reason": link.get("reason", ""), "where": _cite(link),
    }


# --- changes between two plan years ---------------------------------------------------------

CHANGES_COLUMNS = ("change", "kind", "from_id", "from_title", "to_id", "to_title", "administration",
                   "link", "funder", "detail", "cites")


@query("changes", CHANGES_COLUMNS,
       "Between two plan years: which goals and activities continued (and how: reworded, moved, "
       "narrowed, widened, merged, split), were dropped or are new, and funding whose status changed.")
def changes(graph: nx.MultiDiGraph, from_year: int, to_year: int, admin: str | None = None) -> Result:
    """What became of the goals and activities stated in ``from_year``'s documents by
    ``to_year``'s (optionally one administration's), and which money changed status."""
    admin_id = resolve(graph, admin, kinds=[NodeKind.ADMINISTRATION]) if admin else None
    check_years(from_year, to_year)
    stated = defaultdict(list)
    for kind in STATED_KINDS:
        for node in nodes_of(graph, kind):
            stated[statement_year(graph, node)].append(node)
    years = {from_year, to_year}
    funds = [e for e in edges_of(graph, EdgeKind.FUNDS) if year_of(document_of(graph, e[2])) in years]
    return changes_result(graph, from_year, to_year, admin_id, stated[from_year], stated[to_year], funds)


def check_years(from_year: int, to_year: int) -> None:
    if from_year >= to_year:
        raise InklusionsgrafError(f"--from {from_year} must be an earlier year than --to {to_year}")


def changes_result(graph: nx.MultiDiGraph, from_year: int, to_year: int, admin: str | None,
                   earlier: Iterable[str], later: Iterable[str], funds: list[Edge]) -> Result:
    """The changes answer from the goals and activities stated in each year and the funds
    edges stated in either; ``graph`` holds their lines (same-as and continues edges), who
    answers for them, the funders and the documents."""
    earlier = sorted(n for n in earlier if _belongs(graph, n, admin))
    later = sorted(n for n in later if _belongs(graph, n, admin))
    rows, pairs = [], set()
    for node in earlier:
        found = {n: path for n, path in _walk(graph, node, forward=True).items()
                 if statement_year(graph, n) == to_year}
        if not found:
            rows.append(_one_sided(graph, "dropped", node, from_side=True))
        for successor in sorted(found):
            rows.append(_pair_row(graph, node, successor, found[successor]))
            pairs.add((node, successor))
    for node in later:
        found = _latest_before(graph, _walk(graph, node, forward=False), from_year)
        if not found:
            rows.append(_one_sided(graph, "new", node, from_side=False))
        for predecessor in sorted(found):
            if (predecessor, node) not in pairs:  # another administration's, or an older plan's
                path = _walk(graph, predecessor, forward=True)[node]
                rows.append(_pair_row(graph, predecessor, node, path))
    rows += _funding_rows(graph, from_year, to_year, admin, funds)
    group = {"new": 1, "funding": 2}
    rows.sort(key=lambda r: (group.get(r["change"], 0), r["kind"] != NodeKind.GOAL,
                             r["from_id"], r["to_id"], r["funder"]))
    return Result("changes", list(CHANGES_COLUMNS), rows, {
        "from_year": from_year, "to_year": to_year, "administration": admin or "",
        "earlier": len(earlier), "later": len(later),
        "by_change": dict(sorted(Counter(r["change"] for r in rows).items(),
                                 key=lambda kv: (-kv[1], kv[0])))})


def _belongs(graph: nx.MultiDiGraph, node: str, admin: str | None) -> bool:
    """Whether ``admin`` wrote the node's document, owns it or leads it (a unit counting
    for the administration that housed it then)."""
    if admin is None:
        return True
    return (document_of(graph, graph.nodes[node]).get("administration") == admin
            or admin in administrations_of(graph, node, roles=("lead",)))


def _latest_before(graph: nx.MultiDiGraph, found: dict[str, list[Edge]], year: int) -> dict[str, list[Edge]]:
    """Of the nodes ``found``, those stated in the latest year up to ``year``."""
    years = {node: statement_year(graph, node) for node in found}
    known = [y for y in years.values() if y is not None and y <= year]
    return {node: path for node, path in found.items() if known and years[node] == max(known)}


def _walk(graph: nx.MultiDiGraph, start: str, forward: bool) -> dict[str, list[Edge]]:
    """The goals and activities ``start`` continues into (``forward``) or comes from:
    same-as either way, continues towards the successor (or predecessor); each with the edges
    of the first path found (neighbours taken in a fixed order)."""
    paths: dict[str, list[Edge]] = {start: []}
    frontier = [start]
    while frontier:
        following = []
        for current in frontier:
            steps = []
            for other, edge in links(graph, current):
                kind = edge[2]["kind"]
                ahead = edge[0] == other if forward else edge[1] == other
                if other not in paths and (kind == EdgeKind.SAME_AS or ahead):
                    steps.append((other, edge))
            for other, edge in sorted(steps, key=lambda s: (s[0], _edge_key(s[1]))):
                if other not in paths:
                    paths[other] = paths[current] + [edge]
                    following.append(other)
        frontier = following
    return {node: path for node, path in paths.items()
            if node != start and graph.nodes[node]["kind"] in STATED_KINDS}


def _admins(graph: nx.MultiDiGraph, node: str) -> str:
    return abbreviations(graph, administrations_of(graph, node))


def _one_sided(graph: nx.MultiDiGraph, change: str, node: str, from_side: bool) -> dict:
    data = graph.nodes[node]
    ends = {"from_id": node, "from_title": data["title"], "to_id": "", "to_title": ""}
    if not from_side:
        ends = {"from_id": "", "from_title": "", "to_id": node, "to_title": data["title"]}
    return {"change": change, "kind": data["kind"], **ends, "administration": _admins(graph, node),
            "link": "", "funder": "", "detail": "", "cites": _cite(data)}


def _pair_row(graph: nx.MultiDiGraph, before: str, after: str, path: list[Edge]) -> dict:
    kinds = [d.get("change") for _, _, d in path if d["kind"] == EdgeKind.CONTINUES]
    admins = [_admins(graph, before), _admins(graph, after)]
    return {
        "change": "+".join(dict.fromkeys(kinds)) or "continued", "kind": graph.nodes[before]["kind"],
        "from_id": before, "from_title": graph.nodes[before]["title"],
        "to_id": after, "to_title": graph.nodes[after]["title"],
        "administration": admins[0] if admins[0] == admins[1] else " → ".join(admins),
        "link": "continues" if kinds else SAME_AS, "funder": "",
        "detail": "; ".join(d.get("quote") or d.get("reason", "") for _, _, d in path),
        "cites": _cites([graph.nodes[before], graph.nodes[after], *(d for _, _, d in path)]),
    }


def _cites(items: Iterable[dict]) -> str:
    return "; ".join(dict.fromkeys(c for c in map(_cite, items) if c))


_STATUS_ORDER = {status.value: i for i, status in enumerate(FundingStatus)}


def _funding_rows(graph: nx.MultiDiGraph, from_year: int, to_year: int, admin: str | None,
                  funds: list[Edge]) -> list[dict]:
    """The same funder's money for the same thing (one node, or nodes joined by same-as)
    stated in both years with a different status."""
    sides: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    thing: dict[str, str] = {}
    for edge in sorted(funds, key=lambda e: (e[0], e[1], _edge_key(e))):
        funder, target, data = edge
        if target not in thing:
            members = _same_as_class(graph, target)
            thing.update(dict.fromkeys(members, min(members)))
        year = year_of(document_of(graph, data))
        sides[funder, thing[target]][0 if year == from_year else 1].append(edge)
    rows = []
    for (funder, _), (before, after) in sorted(sides.items()):
        statuses = [_statuses(before), _statuses(after)]
        if not before or not after or statuses[0] == statuses[1]:
            continue
        targets = [list(dict.fromkeys(e[1] for e in side)) for side in (before, after)]
        if admin is not None and not any(_belongs(graph, t, admin) for t in targets[0] + targets[1]) \
                and not any(document_of(graph, e[2]).get("administration") == admin for e in before + after):
            continue
        rows.append({
            "change": "funding", "kind": graph.nodes[targets[0][0]]["kind"],
            "from_id": ", ".join(targets[0]), "from_title": graph.nodes[targets[0][0]]["title"],
            "to_id": ", ".join(targets[1]), "to_title": graph.nodes[targets[1][0]]["title"],
            "administration": _admins(graph, targets[1][0]),
            "link": "" if targets[0] == targets[1] else SAME_AS, "funder": funder,
            "detail": f"{graph.nodes[funder]['title']}: {statuses[0]} → {statuses[1]}",
            "cites": _cites(e[2] for e in before + after),
        })
    return rows


def _statuses(edges: list[Edge]) -> str:
    return "/".join(sorted({e[2]["status"] for e in edges}, key=lambda s: _STATUS_ORDER.get(s, 9)))


def _same_as_class(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """``node`` and every node joined to it by same-as edges."""
    seen, frontier = {node}, [node]
    while frontier:
        current = frontier.pop()
        for other, edge in links(graph, current):
            if edge[2]["kind"] == EdgeKind.SAME_AS and other not in seen:
                seen.add(other)
                frontier.append(other)
    return seen
