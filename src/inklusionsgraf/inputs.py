"""What a user typed, held against the data: the years the data covers, the command that
takes a node of another kind, the administration a committee's name may have been meant for.

>>> from inklusionsgraf import load_graph
>>> graph = load_graph()
>>> covered_years(graph)[0] <= 2013 <= covered_years(graph)[1]
True
>>> counterparts(graph, "admin:tmu")
['admin:tmf']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from inklusionsgraf.adjacency import in_edges, nodes_of, out_edges
from inklusionsgraf.labels import labels
from inklusionsgraf.model import EdgeKind, NodeKind
from inklusionsgraf.values import fold

if TYPE_CHECKING:
    import networkx as nx

# The command that answers about a node of each kind.
COMMAND_FOR_KIND = {NodeKind.FUNDING.value: "impact", NodeKind.AREA.value: "area",
                    NodeKind.ADMINISTRATION.value: "admin", NodeKind.GOAL.value: "lineage",
                    NodeKind.ACTIVITY.value: "lineage"}
_BODY = re.compile(r"(udvalget|udvalg|forvaltningen|forvaltning)$")
_LEVELS = {"committee": "administration", "administration": "committee"}


def covered_years(graph: nx.MultiDiGraph) -> tuple[int, int] | None:
    """The first and last year the data speaks of: its documents' years and the periods of
    its nodes; None for a graph without any. A graph read for one answer by the columnar core
    carries the whole dataset's years as ``covered_years``."""
    if "covered_years" in graph.graph:
        return graph.graph["covered_years"]
    years = [d["year"] for d in graph.graph.get("documents", {}).values() if isinstance(d.get("year"), int)]
    for _, data in graph.nodes(data=True):
        years += [data[k] for k in ("start_year", "end_year") if isinstance(data.get(k), int)]
    return (min(years), max(years)) if years else None


def outside(graph: nx.MultiDiGraph, year: int | None) -> tuple[int, int] | None:
    """The years the data covers, when ``year`` lies outside them; else None."""
    covered = covered_years(graph)
    if year is None or covered is None or covered[0] <= year <= covered[1]:
        return None
    return covered


def counterparts(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """For a committee, the administrations it may be confused with (and for an
    administration, the committees): those named alike ('Teknik- og Miljøudvalget',
    'Teknik- og Miljøforvaltningen') or joined to it by a responsible edge."""
    level = graph.nodes[node].get("level")
    other = _LEVELS.get(level)
    if other is None:
        return []
    stem = _stem(graph.nodes[node].get("title", ""))
    linked = {v for _, v, d in out_edges(graph, node) if d["kind"] == EdgeKind.RESPONSIBLE}
    linked |= {u for u, _, d in in_edges(graph, node) if d["kind"] == EdgeKind.RESPONSIBLE}
    return sorted(a for a in nodes_of(graph, NodeKind.ADMINISTRATION)
                  if graph.nodes[a].get("level") == other
                  and (a in linked or (stem and _stem(graph.nodes[a].get("title", "")) == stem)))


def year_warning(graph: nx.MultiDiGraph, years, lang: str = "da") -> str | None:
    """The warning for the first of ``years`` (None for not asked) outside the data's years,
    in ``lang``: 'advarsel: data dækker 2007–2020; 1999 ligger uden for'."""
    say = labels(lang)
    for year in years:
        covered = outside(graph, year)
        if covered:
            return f"{say['msg.warning']}: " + say["msg.years"].format(first=covered[0], last=covered[1], year=year)
    return None


def committee_notes(graph: nx.MultiDiGraph, name: str, lang: str = "da") -> list[str]:
    """Where ``name`` is a committee and an administration is asked for, a note in ``lang``
    for each administration it may have been meant for (see :func:`counterparts`)."""
    from inklusionsgraf.errors import NameError_
    from inklusionsgraf.names import resolve

    try:
        node = resolve(graph, name, kinds=[NodeKind.ADMINISTRATION])
    except NameError_:
        return []  # the query says so itself
    mine = graph.nodes[node]
    if mine.get("level") != "committee":
        return []
    say = labels(lang)
    notes = []
    for other in counterparts(graph, node):
        data = graph.nodes[other]
        short = data.get("abbreviation") or data["title"]
        notes.append(f"{say['msg.note']}: " + say["msg.counterpart"].format(
            name=name, level=say.get(f"a.{mine['level']}", mine["level"]), title=mine["title"], other=short,
            other_title=data["title"], command=f"inklusionsgraf admin {quoted(short)}"))
    return notes


def quoted(name: str) -> str:
    """A name as one would type it in a shell: quoted only where it must be."""
    import shlex

    return name if re.fullmatch(r"[\w.:-]+", name) else shlex.quote(name)


def _stem(title: str) -> str:
    """'Teknik- og Miljøudvalget' -> 'teknik- og miljo': the name without the kind of body."""
    folded = fold(title)
    stem = _BODY.sub("", folded)
    return stem if stem != folded else ""


NAMES_COLUMNS = ("id", "kind", "level", "code", "abbreviation", "title", "aliases")
_KIND_ORDER = {kind.value: i for i, kind in enumerate(
    (NodeKind.ADMINISTRATION, NodeKind.GOAL, NodeKind.ACTIVITY, NodeKind.FUNDING, NodeKind.AREA))}


def askable(graph: nx.MultiDiGraph, kinds=None):
    """Every node a command can be asked about (of ``kinds``, default all), with the names it
    answers to besides its id: code, abbreviation, title, other names."""
    from inklusionsgraf.queries import Result

    wanted = set(kinds) if kinds else set(_KIND_ORDER)
    rows = [{"id": node, "kind": data["kind"], "level": data.get("level", ""), "code": data.get("code", ""),
             "abbreviation": data.get("abbreviation", ""), "title": data.get("title", ""),
             "aliases": ", ".join(a for a in data.get("aliases", "").split("|") if a)}
            for node, data in graph.nodes(data=True) if data["kind"] in wanted]
    rows.sort(key=lambda r: (_KIND_ORDER.get(r["kind"], 9), r["id"]))
    return Result("names", list(NAMES_COLUMNS), rows, {"names": len(rows)}, graph)
