"""The questions that roll work up (impact, deps, area, admin, active) as passes over the
core's arrays, with the answers of :mod:`inklusionsgraf.queries`.

As in :mod:`.questions`, what an answer can reach is worked out set-at-a-time over the edge
arrays: the work a funding source's expiry takes with it (its money and the chain of work
that requires it), the goals and areas above that work, the places under an area, what an
administration and its units hold, the edges that can join two administrations, what runs
in a year. The query of :mod:`inklusionsgraf.queries` then answers on a networkx graph of
only those nodes (with the administrations, the money into them and whatever its walks read
further), so its rows, sums and order are the very ones it gives on the whole graph.
"""

from __future__ import annotations

import numpy as np

from inklusionsgraf import queries
from inklusionsgraf.core.arrays import mask
from inklusionsgraf.core.graph import KIND, Core
from inklusionsgraf.errors import UnknownName
from inklusionsgraf.model import Condition, EdgeKind, EndKind, NodeKind
from inklusionsgraf.names import resolve
from inklusionsgraf.rollup import reached_from
from inklusionsgraf.timeline import covers

SUPPORTS, FUNDS, RESPONSIBLE = EdgeKind.SUPPORTS.value, EdgeKind.FUNDS.value, EdgeKind.RESPONSIBLE.value
LOCATED_IN, DEPENDS_ON = EdgeKind.LOCATED_IN.value, EdgeKind.DEPENDS_ON.value


# --- set-at-a-time walks over the edge arrays ---------------------------------------------

def _of(core: Core, kind: str) -> np.ndarray:
    return core.kind == KIND[kind]


def _between(core: Core, edge_kind: str, visible: np.ndarray):
    """The (source, target, position) of the edges of a kind whose ends are both visible."""
    edges = core.edges[edge_kind]
    chosen = np.flatnonzero(visible[edges.source] & visible[edges.target])
    return edges.source[chosen], edges.target[chosen], chosen


def upward(core: Core, starts: np.ndarray, edge_kind: str, container: str, visible: np.ndarray):
    """rollup.above on arrays: the containers reached upwards from ``starts`` (a mask) over
    ``edge_kind`` edges between visible nodes, and for each the node it was first reached
    from (-1 for none)."""
    source, target, _ = _between(core, edge_kind, visible)
    useful = _of(core, container)[target]
    source, target = source[useful], target[useful]
    found = np.zeros(core.n, bool)
    came_from = np.full(core.n, -1, np.int64)
    frontier = starts
    while True:
        step = frontier[source]
        parents, children = target[step], source[step]
        fresh = ~found[parents]
        parents, children = parents[fresh], children[fresh]
        if not len(parents):
            return found, came_from
        parents, first = np.unique(parents, return_index=True)
        found[parents] = True
        came_from[parents] = children[first]
        frontier = mask(core.n, parents)


def downward(core: Core, tops: np.ndarray, edge_kind: str, container: str, visible: np.ndarray,
             members=(NodeKind.ACTIVITY,)) -> np.ndarray:
    """The tops with every container and member beneath them over ``edge_kind`` edges
    between visible nodes (members are not walked further)."""
    source, target, _ = _between(core, edge_kind, visible)
    walked = _of(core, container)
    wanted = walked | np.isin(core.kind, [KIND[m] for m in members])
    useful = wanted[source]
    source, target = source[useful], target[useful]
    reached, frontier = tops.copy(), tops.copy()
    while True:
        children = source[frontier[target]]
        new = np.unique(children[~reached[children]])
        if not len(new):
            return reached
        reached[new] = True
        frontier = mask(core.n, new[walked[new]])


def in_neighbours(core: Core, nodes: np.ndarray, edge_kind: str, visible: np.ndarray) -> np.ndarray:
    """The visible sources of ``edge_kind`` edges into ``nodes``."""
    source, target, _ = _between(core, edge_kind, visible)
    return mask(core.n, source[nodes[target]])


def funders(core: Core, targets: np.ndarray, visible: np.ndarray) -> np.ndarray:
    """The funding sources of money into ``targets``, with the statements that money was
    carried from where they are visible (rollup.sum_funding reads their wholes)."""
    funds = core.edges[FUNDS]
    into = np.flatnonzero(targets[funds.target] & visible[funds.source])
    keep = mask(core.n, funds.source[into])
    carried = into[into >= funds.table_edges] - funds.table_edges
    if len(carried):
        keep[funds.carried_from[carried]] = True
    return keep & visible


def _containers_left(core: Core, work: np.ndarray, edge_kind: str, container: str,
                     visible: np.ndarray) -> np.ndarray:
    """What rollup.reached_from reads when it walks up from ``work``: the containers above
    it, the containers directly beneath those, one activity directly in each besides
    ``work`` (it has other work) and, for each container kept with work beneath, one path
    down to such work (where _HasWork looks); with a cycle among them, everything beneath
    them (the roll-up it falls back to)."""
    above, _ = upward(core, work, edge_kind, container, visible)
    if _has_cycle(core, above, edge_kind, visible):
        return above | downward(core, above, edge_kind, container, visible)
    source, target, _ = _between(core, edge_kind, visible)
    into = above[target]
    source, target = source[into], target[into]
    keep = above | mask(core.n, source[_of(core, container)[source]])
    other = _of(core, NodeKind.ACTIVITY)[source] & ~work[source]
    _, first = np.unique(target[other], return_index=True)
    keep[source[other][first]] = True
    has_work, came_from = upward(core, _of(core, NodeKind.ACTIVITY) & visible, edge_kind, container, visible)
    frontier = keep & has_work
    while frontier.any():  # down each path to the activity it was first reached from
        below = came_from[frontier]
        below = below[~keep[below]]
        keep[below] = True
        frontier = mask(core.n, below) & _of(core, container)
    return keep


def _has_cycle(core: Core, containers: np.ndarray, edge_kind: str, visible: np.ndarray) -> bool:
    """Whether the ``edge_kind`` edges among ``containers`` close a cycle (peeled leaves first)."""
    source, target, _ = _between(core, edge_kind, containers & visible)
    left = containers.copy()
    while True:
        inside = left[source] & left[target]
        if not inside.any():
            return False
        has_child = mask(core.n, target[inside])
        leaves = left & ~has_child
        if not leaves.any():
            return True
        left &= ~leaves


# --- names -----------------------------------------------------------------------------

def resolved(core: Core, name: str, kind: str):
    """names.resolve among the nodes of ``kind``, and the graph of those nodes it read. An
    unknown name is looked up in all nodes, so the message names one of another kind."""
    pool = core.networkx(_of(core, kind), kinds=())
    try:
        return resolve(pool, name, kinds=[kind]), pool
    except UnknownName:
        resolve(core.networkx(kinds=()), name, kinds=[kind])
        raise


def administrations(core: Core):
    """The graph of every administration and the edges between them (what resolve and
    inputs.counterparts read of a committee's name)."""
    return core.networkx(_of(core, NodeKind.ADMINISTRATION))


def _number(core: Core, node: str) -> int:
    import pyarrow as pa

    return int(core.number(pa.array([node]))[0])


def _answer(core: Core, keep: np.ndarray, function, *arguments, kinds=None, bare=()):
    """The query ``function`` on the graph of the nodes in ``keep`` (and every
    administration, which rows name)."""
    graph = core.networkx(keep | _of(core, NodeKind.ADMINISTRATION), kinds=kinds, bare=bare)
    return function(graph, *arguments)


# --- the questions -----------------------------------------------------------------------

def impact(core: Core, source: str, year: int | None = None) -> queries.Result:
    """queries.impact on the core: the source's money and the work requiring it, the money
    into that work, the goals and areas above it as far as reached_from looks."""
    src, pool = resolved(core, source, NodeKind.FUNDING)
    year = queries.impact_year(src, pool.nodes[src].get("end_year"), year)
    visible = core.time.visible(year)
    s = _number(core, src)
    activities = _of(core, NodeKind.ACTIVITY) & visible
    funds = core.edges[FUNDS]
    affected = mask(core.n, funds.target[funds.source == s]) & activities
    source, target, position = _between(core, DEPENDS_ON, visible)
    requires = core.edge_column(DEPENDS_ON, "condition")[position] == Condition.REQUIRES.value
    source, target = source[requires], target[requires]
    frontier = affected.copy()
    frontier[s] = True
    while True:  # the work that requires it, and the work that requires that, ...
        dependents = source[frontier[target]]
        new = np.unique(dependents[~affected[dependents]])
        if not len(new):
            break
        affected[new] = True
        frontier = mask(core.n, new)
    keep = affected | funders(core, affected, visible)
    keep[s] = True
    keep |= _containers_left(core, affected, SUPPORTS, NodeKind.GOAL, visible)
    keep |= _containers_left(core, affected, LOCATED_IN, NodeKind.AREA, visible)
    return _answer(core, keep & visible, _impact, src, year,
                   kinds=(SUPPORTS, LOCATED_IN, FUNDS, DEPENDS_ON, RESPONSIBLE), bare=(SUPPORTS, LOCATED_IN))


def _impact(graph, src: str, year: int) -> queries.Result:
    """queries.impact's body on a graph that holds only what stands in ``year`` (so without
    the view of as_of, which tests each node it meets)."""
    reasons, effects, money = queries._affected(graph, src)
    affected = []
    for activity in sorted(reasons):
        end = graph.nodes[activity].get("end_year")
        effect = ("over" if end is not None and end < year else
                  queries._own_words(graph.nodes[activity], year) or effects.get(activity)
                  or queries._effect(graph, activity, src, year))
        affected.append(queries.Affected(activity, effect, reasons[activity],
                                         [e for e in money[activity] if covers(e[2], year)]))
    touched = {a.id for a in affected if a.effect != "over"}
    ending = {a.id for a in affected if a.effect == EndKind.ENDS}
    goals = [(goal, queries.GOAL_LEFT[left])
             for goal, left in reached_from(graph, touched, ending, SUPPORTS, NodeKind.GOAL).items()]
    areas = [(area, queries.AREA_LEFT[left])
             for area, left in reached_from(graph, touched, ending, LOCATED_IN, NodeKind.AREA).items()]
    result = queries.impact_result(graph, src, year, affected, goals, areas)
    result.graph = graph
    return result


def area(core: Core, name: str, year: int | None = None) -> queries.Result:
    """queries.area_profile on the core: the area with the areas beneath it, the work
    located there and the money into it."""
    node, _ = resolved(core, name, NodeKind.AREA)
    visible = core.time.visible(year)
    places = downward(core, mask(core.n, [_number(core, node)]), LOCATED_IN, NodeKind.AREA, visible, members=())
    work = in_neighbours(core, places, LOCATED_IN, visible) & _of(core, NodeKind.ACTIVITY)
    keep = places | work | funders(core, work, visible)
    return _answer(core, keep & visible, queries.area_profile, node, year,
                   kinds=(LOCATED_IN, FUNDS, RESPONSIBLE), bare=(LOCATED_IN,))


def admin(core: Core, name: str, year: int | None = None) -> queries.Result:
    """queries.admin_profile on the core: what the administration and its units are
    responsible for, the goals it owns and the money into that work."""
    node, _ = resolved(core, name, NodeKind.ADMINISTRATION)
    visible = core.time.visible(year)
    a = _number(core, node)
    administrations = _of(core, NodeKind.ADMINISTRATION)
    source, target, _ = _between(core, RESPONSIBLE, visible)
    holders = mask(core.n, target[(source == a) & administrations[target]])
    holders[a] = True
    held = mask(core.n, target[holders[source]]) & ~administrations
    owner = core.node_column("administration", kinds=(NodeKind.GOAL.value,))
    owned = _of(core, NodeKind.GOAL) & (owner == node)
    keep = held | owned | funders(core, held & _of(core, NodeKind.ACTIVITY), visible)
    return _answer(core, keep & visible, queries.admin_profile, node, year)


def active(core: Core, year: int) -> queries.Result:
    """queries.active on the core: the activities and funding sources whose stated period
    covers ``year`` or that go on after it."""
    start = core.node_column("start_year", missing=0)
    end = core.node_column("end_year", missing=0)
    goes_on = np.isin(core.node_column("end_kind").astype(object),
                      [EndKind.REDUCED.value, EndKind.CONTINUES.value])
    runs = ((start == 0) | (start <= year)) & ((end == 0) | (end >= year) | goes_on)
    work = _of(core, NodeKind.ACTIVITY) | _of(core, NodeKind.FUNDING)
    running = work & ((start != 0) | (end != 0)) & runs & core.time.visible(year)
    return _answer(core, running, _active, year, kinds=(RESPONSIBLE,))


def _active(graph, year: int) -> queries.Result:
    """queries.active's rows for the work in ``graph``, which is what runs in ``year``
    (without the view of as_of, which tests each node it meets)."""
    running = [(node, data["end_kind"] if data.get("end_year") is not None and data["end_year"] < year else "full")
               for node, data in graph.nodes(data=True) if data["kind"] != NodeKind.ADMINISTRATION]
    result = queries.active_result(graph, year, running)
    result.graph = graph
    return result


def deps(core: Core, year: int | None = None) -> queries.Result:
    """queries.dependencies on the core: the ends of every edge that can join two
    administrations (an edge between work led by one and the same administration cannot)."""
    visible = core.time.visible(year)
    administrations = _of(core, NodeKind.ADMINISTRATION)
    led = (_of(core, NodeKind.GOAL) | _of(core, NodeKind.ACTIVITY)) & visible
    lead = _single_lead(core, led, visible)
    keep = np.zeros(core.n, bool)
    source, target, _ = _between(core, SUPPORTS, visible)
    may_meet = (lead[source] != -1) & (lead[target] != -1) & ((lead[source] != lead[target]) | (lead[source] < 0))
    keep[source[may_meet]] = keep[target[may_meet]] = True
    controller = core.number(core.tables.tables["funding_sources"].column("controller"))
    controlled = np.full(core.n, -1, np.int64)
    controlled[core.offsets["funding_sources"]:core.offsets["funding_sources"] + len(controller)] = controller
    source, target, _ = _between(core, FUNDS, visible)
    own = (lead[target] == controlled[source]) & (lead[target] >= 0) & ~_units(core)[lead[target]]
    money = (controlled[source] >= 0) & (lead[target] != -1) & ~own
    keep[source[money]] = keep[target[money]] = True
    source, target, position = _between(core, RESPONSIBLE, visible)
    partner = (core.edge_column(RESPONSIBLE, "role")[position] == "partner") & led[target] & administrations[source]
    keep[target[partner]] = True
    source, target, _ = _between(core, DEPENDS_ON, visible)
    keep[source] = keep[target] = True
    return _answer(core, keep & visible, queries.dependencies, year, kinds=(SUPPORTS, FUNDS, RESPONSIBLE, DEPENDS_ON))


def _single_lead(core: Core, led: np.ndarray, visible: np.ndarray) -> np.ndarray:
    """For each goal and activity, the one administration lead_administrations answers where
    it answers one: where all that are named (its owner, the leads of its responsible edges)
    are one, that one, or for a unit what housed it in the year of the node's document;
    -1 where none is named, -2 otherwise."""
    from inklusionsgraf.responsibility import _tops, _with_housing

    is_admin = _of(core, NodeKind.ADMINISTRATION)
    owner = core.number(core.tables.tables["goals"].column("administration"))
    goals = np.arange(core.offsets["goals"], core.offsets["goals"] + len(owner))
    source, target, position = _between(core, RESPONSIBLE, visible)
    leading = (core.edge_column(RESPONSIBLE, "role")[position] == "lead") & is_admin[source]
    nodes = np.concatenate([goals[owner >= 0], target[leading]])
    named = np.concatenate([owner[owner >= 0], source[leading]])
    low = np.full(core.n, core.n, np.int64)
    high = np.full(core.n, -1, np.int64)
    np.minimum.at(low, nodes, named)
    np.maximum.at(high, nodes, named)
    unit = _units(core)
    lead = np.where(high < 0, -1, np.where(low == high, high, -2))
    in_unit = led & (lead >= 0) & unit[lead]
    if in_unit.any():  # the answer for each unit and year worked out once
        keys = lead[in_unit] * 10_000 + core.time.stated_in[in_unit]
        distinct, inverse = np.unique(keys, return_inverse=True)
        graph, names = administrations(core), core.names()
        number = {names[a]: a for a in np.flatnonzero(is_admin).tolist()}
        answers = []
        for key in distinct.tolist():
            admin, year = divmod(key, 10_000)
            tops = _tops(graph, _with_housing(graph, [names[admin]], year or None))
            answers.append(number[tops[0]] if len(tops) == 1 else -2)
        lead[in_unit] = np.asarray(answers, np.int64)[inverse]
    return np.where(led, lead, -1)


def _units(core: Core) -> np.ndarray:
    """Whether each node is an administration's unit (one more entry, False, for -1)."""
    level = core.node_column("level", kinds=(NodeKind.ADMINISTRATION.value,)).astype(object)
    unit = np.zeros(core.n + 1, bool)
    unit[:core.n] = level == "unit"
    return unit


QUESTIONS = {"impact": impact, "deps": deps, "area": area, "admin": admin, "active": active}
