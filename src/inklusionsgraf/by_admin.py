"""Answers narrowed to, or grouped by, the administrations their rows carry.

The gap queries' rows name their administrations in ``administration`` ("KES, TMF"), the
``deps`` rows in ``from_admin`` and ``to_admin``; these functions read those cells, so they
work on an answer from either backend.

>>> from inklusionsgraf import load_graph, queries
>>> graph = load_graph()
>>> tmf = for_administrations(queries.unfunded_goals(graph), graph, ["TMF"])
>>> all("TMF" in administrations_in(row["administration"], known_labels(graph)) for row in tmf.rows)
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from inklusionsgraf.adjacency import nodes_of
from inklusionsgraf.model import NodeKind
from inklusionsgraf.names import resolve
from inklusionsgraf.queries import NO_ADMINISTRATION, Result, _ranked
from inklusionsgraf.responsibility import abbreviations

if TYPE_CHECKING:
    import networkx as nx

# The queries whose rows say who answers for them, and in which cells.
ADMIN_CELLS = {"unfunded": ("administration",), "orphans": ("administration",),
               "unlinked": ("administration",), "deps": ("from_admin", "to_admin")}
# The summary counts that count rows, recounted after narrowing.
_COUNTS = {"unfunded": "unfunded", "orphans": "orphans", "unlinked": "unlinked", "deps": "edges"}


def known_labels(graph: nx.MultiDiGraph) -> set[str]:
    """The label each administration has in a row's cell (its abbreviation, else its title)."""
    return {abbreviations(graph, [a]) for a in nodes_of(graph, NodeKind.ADMINISTRATION)}


def administrations_in(cell: str, known: set[str] = frozenset()) -> list[str]:
    """The administrations a cell names: 'KES, TMF' -> ['KES', 'TMF']; a title with a comma
    ('Ministeriet for By, Bolig og Landdistrikter') stays whole where ``known`` has it."""
    if not cell:
        return []
    parts, names, i = cell.split(", "), [], 0
    while i < len(parts):
        j = next(j for j in range(len(parts), i, -1) if j == i + 1 or ", ".join(parts[i:j]) in known)
        names.append(", ".join(parts[i:j]))
        i = j
    return names


def for_administrations(result: Result, graph: nx.MultiDiGraph, names: Iterable[str]) -> Result:
    """The rows of ``result`` that belong to any of the administrations ``names`` (resolved as
    the commands resolve names; a unit's rows carry the administration that housed it); for
    ``deps``, the edges with one of them on either side. The summary's count is of the rows
    kept, and it names the administrations."""
    if result.query not in ADMIN_CELLS:
        raise ValueError(f"{result.query} rows carry no administration")
    wanted = {abbreviations(graph, [resolve(graph, name, kinds=[NodeKind.ADMINISTRATION])]) for name in names}
    known = known_labels(graph)
    cells = ADMIN_CELLS[result.query]
    rows = [row for row in result.rows
            if any(wanted.intersection(administrations_in(row[c], known)) for c in cells)]
    summary = {"administration": ", ".join(sorted(wanted)), **result.summary}
    summary[_COUNTS[result.query]] = len(rows)
    if "by_reason" in summary:
        summary["by_reason"] = _ranked(r["why"] for r in rows)
    if "pairs" in summary:
        pairs = Counter((r["relation"], r["from_admin"], r["to_admin"]) for r in rows)
        summary["pairs"] = [p for p in summary["pairs"] if (p["relation"], p["from"], p["to"]) in pairs]
    return Result(result.query, result.columns, rows, summary, result.graph)


def by_administration(rows: list[dict], known: set[str] = frozenset(),
                      cell: str = "administration") -> list[tuple[str, list[dict]]]:
    """The rows under each administration they name, in alphabetical order, with the rows
    naming none last under NO_ADMINISTRATION; a row naming two comes under each."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        for name in administrations_in(row.get(cell) or "", known) or [NO_ADMINISTRATION]:
            groups.setdefault(name, []).append(row)
    return sorted(groups.items(), key=lambda kv: (kv[0] == NO_ADMINISTRATION, kv[0].casefold()))
