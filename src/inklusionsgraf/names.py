"""Resolve what a user types (id, title, alias, abbreviation) to one node id.

Matching is case- and accent-insensitive: "etnisk erhvervsfremme", "EE" and
"funding:etnisk-erhvervsfremme" all name the same funding source.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from inklusionsgraf.errors import AmbiguousName, UnknownName
from inklusionsgraf.values import fold

if TYPE_CHECKING:
    import networkx as nx

_NAME_FIELDS = ("title", "abbreviation", "code")


def names_of(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """Every name a node answers to: its id (with and without prefix), title, aliases."""
    data = graph.nodes[node]
    names = [node, node.partition(":")[2]]
    names += [data[f] for f in _NAME_FIELDS if data.get(f)]
    names += [a for a in data.get("aliases", "").split("|") if a]
    return names


def resolve(graph: nx.MultiDiGraph, name: str, kinds: Iterable[str] | None = None) -> str:
    """The one node ``name`` picks out, among nodes of ``kinds`` (all kinds when None).

    An exact name wins; failing that, a name that is part of exactly one title. Names that
    pick out several statements of one real-world thing (``same-as``) pick its latest.
    Raises UnknownName or AmbiguousName with the closest candidates.
    """
    wanted = fold(name)
    kinds = set(kinds) if kinds else None
    looked = tuple(sorted(kinds)) if kinds else ()
    pool = [n for n, k in graph.nodes(data="kind") if kinds is None or k in kinds]
    exact = _exact(graph, wanted, pool)
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1 and _one_thing(graph, exact):
        return _one_thing(graph, exact)
    if len(exact) > 1:
        raise AmbiguousName(f"'{name}' names {len(exact)} nodes; use one of these ids",
                            _describe(graph, exact), name=name, kinds=looked, count=len(exact))
    partial = _partial(graph, wanted, pool)
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1 and _one_thing(graph, partial):
        return _one_thing(graph, partial)
    if len(partial) > 1:
        raise AmbiguousName(f"'{name}' is part of {len(partial)} names; use one of these ids",
                            _describe(graph, partial[:12]), name=name, kinds=looked, count=len(partial))
    titles = {fold(x): n for n in pool for x in names_of(graph, n)}
    close = difflib.get_close_matches(wanted, list(titles), n=8, cutoff=0.5)
    near = list(dict.fromkeys(titles[c] for c in close))
    raise UnknownName(f"no {'/'.join(sorted(kinds)) if kinds else 'node'} is called '{name}'",
                      _describe(graph, near), name=name, kinds=looked,
                      elsewhere=_of_another_kind(graph, wanted, kinds) if kinds else None)


def _of_another_kind(graph: nx.MultiDiGraph, wanted: str, kinds: set[str]) -> tuple[str, str] | None:
    """(id, kind) of the one thing of another kind than ``kinds`` a name picks out, if any."""
    pool = [n for n, k in graph.nodes(data="kind") if k not in kinds]
    found = _exact(graph, wanted, pool) or _partial(graph, wanted, pool)
    node = found[0] if len(found) == 1 else _one_thing(graph, found) if found else None
    for kind in QUERY_KINDS if node is None else ():  # as resolve_any reads a name of several kinds
        of_kind = [n for n in found if graph.nodes[n]["kind"] == kind]
        node = of_kind[0] if len(of_kind) == 1 else _one_thing(graph, of_kind) if of_kind else None
        if node:
            break
    return (node, graph.nodes[node]["kind"]) if node else None


# The kinds the query commands take a name of, in the order a name that picks out several
# nodes is read: impact takes a funding source, area an area, admin an administration.
QUERY_KINDS = ("funding", "area", "administration")


def resolve_any(graph: nx.MultiDiGraph, name: str) -> str:
    """The one node ``name`` picks out among all kinds; where it names several, the one a query
    command would take (a funding source as ``impact`` does, then an area, then an
    administration), so ``view --focus EE`` shows what ``impact EE`` answers about.
    """
    try:
        return resolve(graph, name)
    except AmbiguousName as everywhere:
        for kind in QUERY_KINDS:
            try:
                return resolve(graph, name, kinds=[kind])
            except (AmbiguousName, UnknownName):
                continue
        raise everywhere


def _one_thing(graph: nx.MultiDiGraph, nodes: list[str]) -> str | None:
    """The latest statement of the one thing ``nodes`` all are, or None."""
    things = {graph.nodes[n].get("thing") for n in nodes}
    return things.pop() if len(things) == 1 and None not in things else None


def matching(graph: nx.MultiDiGraph, name: str, kinds: Iterable[str] | None = None) -> list[str]:
    """Every node ``name`` picks out, as :func:`resolve` reads it: those with an exact name,
    else those with a name it is part of (all of them, where resolve lists a few)."""
    wanted = fold(name)
    kinds = set(kinds) if kinds else None
    pool = [n for n, k in graph.nodes(data="kind") if kinds is None or k in kinds]
    return _exact(graph, wanted, pool) or _partial(graph, wanted, pool)


def _exact(graph: nx.MultiDiGraph, wanted: str, pool: list[str]) -> list[str]:
    return [n for n in pool if any(fold(x) == wanted for x in names_of(graph, n))]


def _partial(graph: nx.MultiDiGraph, wanted: str, pool: list[str]) -> list[str]:
    return [n for n in pool if wanted and any(wanted in fold(x) for x in names_of(graph, n))]


def _describe(graph: nx.MultiDiGraph, nodes: list[str]) -> list[tuple[str, str]]:
    return [(n, graph.nodes[n].get("title", "")) for n in sorted(nodes)]
