"""Where a view draws each node: computed once in Python, the same for the same data.

The anchors (the administrations, or one group per administration in the aggregated view)
sit on a circle; every other node is pulled by its edges between them with networkx's
spring layout, starting from its own anchor, so an administration's goals and activities
gather round it, work shared by several lies between them and the policy's own goals, shared
by all, in the middle. With a focus, the focus node is the centre instead. A last pass pushes
apart nodes that would touch. The page bakes the positions in and runs no physics, so a
filter in the page never moves a node.

>>> import networkx as nx
>>> graph = nx.path_graph(["admin:a", "goal:x", "activity:y"])
>>> place(graph, anchors=["admin:a"]) == place(graph, anchors=["admin:a"])
True
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping

import networkx as nx

SPACING = 46.0
"""Canvas units between neighbouring nodes; at the default zoom of a few hundred nodes that is
about 20-30 screen pixels."""
MIN_GAP = 30.0
"""No two nodes closer than this (canvas units) after the last pass."""
K_FACTOR = 1.6
"""The spring layout's ideal edge length, times 1/sqrt(nodes), in units of the anchor circle."""
MIN_RADIUS = 220.0
"""A small view (a focus, say) still spreads over this radius, so it reads at the default zoom."""


def place(graph: nx.Graph, anchors: Iterable[str] = (), homes: Mapping[str, list[str]] | None = None,
          centre: str | None = None, sizes: Mapping[str, float] | None = None,
          seed: int = 1) -> dict[str, tuple[int, int]]:
    """Integer (x, y) canvas positions for every node of ``graph`` (read as undirected).

    ``anchors`` are placed evenly on a circle in the order given and held there; ``homes``
    maps a node to the anchors it belongs to (it starts between them); ``centre`` is held at
    (0, 0) with the others starting in rings by their distance from it. ``sizes`` (radius
    drawn, canvas units) keep big nodes further apart.
    """
    import numpy as np

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    if not simple:
        return {}
    keep = set(anchors) | ({centre} if centre is not None else set())
    # small pieces on their own (a node or two with no edge to the rest) would fly to the rim
    # and shrink everything else at the default zoom: they go in rows below
    loose = sorted(n for part in nx.connected_components(simple) if len(part) <= 2 and not part & keep
                   for n in part)
    main = simple.subgraph(n for n in simple if n not in set(loose))
    positions = _spring(main, list(anchors), homes or {}, centre, sizes or {}, seed) if main else {}
    if positions:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        left, bottom, width = min(xs), max(ys) + 3 * SPACING, max(xs) - min(xs)
    else:
        left, bottom, width = 0.0, 0.0, 20 * SPACING
    per_row = max(1, int(width // (SPACING * 2.2)) + 1)
    for i, node in enumerate(loose):
        positions[node] = (left + (i % per_row) * SPACING * 2.2, bottom + (i // per_row) * SPACING * 1.4)
    return {n: (int(round(x)), int(round(y))) for n, (x, y) in positions.items()}


def _spring(simple: nx.Graph, anchors: list[str], homes, centre, sizes, seed) -> dict[str, tuple[float, float]]:
    import numpy as np

    nodes = list(simple)
    count = len(nodes)
    anchors = [a for a in dict.fromkeys(anchors) if a in simple] if centre is None else []
    start: dict[str, tuple[float, float]] = {}
    fixed: list[str] = []
    if centre is not None and centre in simple:
        rings = nx.single_source_shortest_path_length(simple, centre)
        far = max(rings.values()) + 1
        for node in nodes:
            ring = rings.get(node, far)
            angle = _angle(node, seed)
            start[node] = (ring * math.cos(angle) / far, ring * math.sin(angle) / far)
        start[centre] = (0.0, 0.0)
        fixed = [centre]
    elif anchors:
        turn = 2 * math.pi / len(anchors)
        spot = {a: (math.cos(i * turn - math.pi / 2), math.sin(i * turn - math.pi / 2)) for i, a in enumerate(anchors)}
        for node in nodes:
            own = [spot[a] for a in homes.get(node, []) if a in spot]
            angle = _angle(node, seed)
            wobble = (0.12 * math.cos(angle), 0.12 * math.sin(angle))
            if own:
                x, y = sum(p[0] for p in own) / len(own), sum(p[1] for p in own) / len(own)
                pull = 0.75 if len(own) == 1 else 0.35
                start[node] = (x * pull + wobble[0], y * pull + wobble[1])
            else:
                start[node] = (wobble[0] * 2, wobble[1] * 2)
        start.update(spot)
        fixed = anchors if len(anchors) > 1 else []
    else:
        for node in nodes:
            angle = _angle(node, seed)
            start[node] = (math.cos(angle) * 0.5, math.sin(angle) * 0.5)
    if count > 1:
        raw = nx.spring_layout(simple, pos=start, fixed=fixed or None, k=K_FACTOR / math.sqrt(count),
                               iterations=60 if count <= 800 else 40, seed=seed)
    else:
        raw = start
    points = np.array([raw[n] for n in nodes], dtype=float)
    points -= points.mean(axis=0) if centre is None else np.array(raw[centre])
    spread = float(np.percentile(np.sqrt((points ** 2).sum(axis=1)), 90)) or 1.0
    # the nodes get about SPACING each over the disc that holds nine in ten of them
    radius = max(SPACING * math.sqrt(count / math.pi), MIN_RADIUS)
    points *= radius / spread
    points = _push_apart(points, np.array([sizes.get(n, MIN_GAP / 2 - 4) for n in nodes], dtype=float))
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, points)}


def _angle(node: str, seed: int) -> float:
    """A stable angle per node: where it starts round its anchor."""
    digest = hashlib.blake2b(f"{seed}:{node}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 2 ** 32 * 2 * math.pi


def _push_apart(points, radii, rounds: int = 40):
    """Move nodes apart that come closer than MIN_GAP or than their radii and a margin allow,
    half the overlap each round (all pairs at once: the view holds at most a few thousand)."""
    import numpy as np

    points = points.astype(np.float64)
    turn = np.arange(len(points)) * 2.399963
    points += 1e-3 * np.stack([np.cos(turn), np.sin(turn)], axis=1)  # none exactly on another
    need = np.maximum(MIN_GAP, radii[:, None] + radii[None, :] + 8).astype(np.float32)
    for _ in range(rounds):
        d = (points[None, :, :] - points[:, None, :]).astype(np.float32)
        dist = np.hypot(d[..., 0], d[..., 1])
        np.fill_diagonal(dist, 1e9)
        over = dist < need
        if not over.any():
            break
        push = np.where(over, (need - dist) / 2 / np.maximum(dist, 1e-6), 0).astype(np.float32)
        points -= (push[..., None] * d).sum(axis=1)
    return points


# Where each kind of group sits round its administration in the aggregated view.
_AROUND = {"administration": (0.0, 0.0), "goal": (0.0, -1.0), "activity": (1.0, 0.0),
           "funding": (-1.0, 0.0), "area": (0.0, 1.0)}


def grid(clusters: list[list[tuple[str, str, float]]]) -> dict[str, tuple[int, int]]:
    """Positions for the aggregated view: each cluster (an administration's groups, as
    (id, kind, radius)) in a cell of a grid in the order given, the administration in the
    middle and its goals above, activities right, funding left and areas below.

    >>> grid([[("a", "administration", 10), ("g", "goal", 20)]])["g"]
    (0, -90)
    """
    if not clusters:
        return {}
    reach = max(radius for cluster in clusters for _, _, radius in cluster) + 70
    columns = max(1, math.ceil(math.sqrt(len(clusters) * 1.5)))
    width, height = 3 * reach + 220, 2 * reach + 90
    positions = {}
    for number, cluster in enumerate(clusters):
        cx, cy = (number % columns) * width, (number // columns) * height
        for node, kind, _ in cluster:
            dx, dy = _AROUND.get(kind, (0.7, 0.7))
            positions[node] = (int(round(cx + dx * reach * 1.5)), int(round(cy + dy * reach)))
    return positions
