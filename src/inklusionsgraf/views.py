"""The graph as one self-contained HTML page to explore: pyvis's vis-network, inlined.

The part of the graph to show and the gaps to mark come from selection.py, the positions from
layout.py; this module styles them (colours and shapes by kind, edges by kind from one table,
tooltips with the source) and writes a page that opens from file:// with no network. Past
``THRESHOLD`` nodes the page shows one node per (administration, kind) instead, each of which
opens into its members on a click, and says how to narrow the view.

>>> from inklusionsgraf import load_graph
>>> view = build_view(load_graph(), admin=["TMF"], year=2013, lang="en")
>>> view.aggregated, view.nodes > 0
(False, True)
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.export import write_atomic
from inklusionsgraf.labels import labels, term
from inklusionsgraf.layout import grid, place
from inklusionsgraf.model import NodeKind
from inklusionsgraf.municipalities import municipalities
from inklusionsgraf.names import names_of, resolve_any
from inklusionsgraf.responsibility import abbreviations, administrations_of
from inklusionsgraf.selection import gap_marks, node_tags, select
from inklusionsgraf.values import fold

THRESHOLD = 2000
"""Above this many nodes the view aggregates: a page of more shows nothing but a hairball and
grows slow to draw. Opening groups in the page stays within the same limit."""

# Colours and shapes by kind. The page draws labels itself (fixed size on screen, never on top
# of each other), so vis-network's own labels stay empty.
STYLE = {
    NodeKind.ADMINISTRATION: {"color": "#4e79a7", "shape": "box", "symbol": "▬"},
    NodeKind.GOAL: {"color": "#59a14f", "shape": "diamond", "symbol": "◆"},
    NodeKind.ACTIVITY: {"color": "#76b7b2", "shape": "dot", "symbol": "●"},
    NodeKind.FUNDING: {"color": "#edc948", "shape": "square", "symbol": "■"},
    NodeKind.AREA: {"color": "#b07aa1", "shape": "triangle", "symbol": "▲"},
}
FALLBACK_NODE = {"color": "#bab0ac", "shape": "dot", "symbol": "●"}

EDGE_STYLES = {
    "supports": {"color": "#59a14f", "dashes": False},
    "funds": {"color": "#c9a800", "dashes": False},
    "located-in": {"color": "#b07aa1", "dashes": False},
    "responsible": {"color": "#4e79a7", "dashes": False},
    "depends-on": {"color": "#e15759", "dashes": [8, 5]},
    "same-as": {"color": "#17becf", "dashes": [2, 4]},
    "continues": {"color": "#9c755f", "dashes": [12, 4, 3, 4]},
    "part-of": {"color": "#6b6b6b", "dashes": [4, 3]},
}
"""Edge kind -> how its edges are drawn and shown in the legend; a kind not listed here is
drawn in FALLBACK_EDGE and named by its own value."""
FALLBACK_EDGE = {"color": "#a8a8a8", "dashes": [1, 3]}

# Gap marks: rings round the node, outside its own border, drawn by the page in this order
# (innermost first). In the aggregated view the ring is an arc: the share of the group marked.
GAPS = {
    "orphan": {"border": "#d62728", "dashes": False},
    "unfunded": {"border": "#ff7f0e", "dashes": False},
    "ending": {"border": "#7f3c8d", "dashes": True},
}
QUOTE_BUDGET = 25_000
"""An aggregated page carries its members' quotes up to this many nodes; past it, the members
keep document and line (the page stays about 12 MB at 10⁵ nodes instead of 35)."""
GOAL_SIZES = {"focus_area": 22, "policy_goal": 20, "initiative": 15, "administration_goal": 13, "sub_goal": 11}
TOP_LEVELS = ("administration",)

# Which labels the page draws first, where there is room (a lower rank wins): the
# administrations and the groups, then the policy's own goals, then the rest by weight.
RANKS = {"administration": 1, "focus_area": 2, "policy_goal": 2, "initiative": 3, "unit": 3, "committee": 3,
         "council": 3, "municipality": 3, "external": 3, "administration_goal": 5, "sub_goal": 6}
KIND_RANKS = {NodeKind.FUNDING: 4, NodeKind.AREA: 4, NodeKind.ACTIVITY: 7}

_TEMPLATE = Path(__file__).with_name("templates") / "view.html"


@dataclass
class View:
    """A built page and what it shows."""

    html: str
    nodes: int                     # nodes drawn (groups, when aggregated)
    edges: int                     # edges drawn
    selected: int                  # graph nodes the filters selected
    aggregated: bool = False
    message: str = ""              # said on the page, in the page's language
    note: str = ""                 # the same in English, for the terminal


# --- the page -------------------------------------------------------------------------------

def build_view(graph: nx.MultiDiGraph, *, admin: Iterable[str] = (), area: Iterable[str] = (),
               year: int | None = None, kind: Iterable[str] = (), focus: str | None = None,
               depth: int = 1, lang: str = "da", threshold: int = THRESHOLD) -> View:
    """The HTML page for the part of ``graph`` the filters select (see :func:`select`)."""
    words = labels(lang)
    admin, area, kind = list(admin), list(area), list(kind)
    tags = node_tags(graph)
    nodes = select(graph, admin=admin, area=area, year=year, kind=kind, focus=focus, depth=depth, tags=tags)
    marks = gap_marks(graph, year)
    centre = resolve_any(graph, focus) if focus else None
    message = note = ""
    if len(nodes) > threshold:
        drawn = _aggregate(graph, nodes, tags, marks, lang)
        message = words["view.aggregated"].format(nodes=len(nodes), threshold=threshold)
        note = labels("en")["view.aggregated"].format(nodes=len(nodes), threshold=threshold)
        centre = None
    else:
        drawn = _network(graph, nodes, tags, marks, lang, centre)
    filters = _describe_filters(admin, area, year, kind, centre if focus else None, depth, focus)
    html = _page(graph, drawn, nodes, lang, year=year, depth=depth, message=message, threshold=threshold,
                 filters=filters or words["view.no_filters"], focus=centre)
    return View(html=html, nodes=len(drawn["nodes"]), edges=len(drawn["edges"]), selected=len(nodes),
                aggregated=bool(message), message=message, note=note)


def write_view(graph: nx.MultiDiGraph, path: str | Path, **options) -> View:
    """Build the view (options as for :func:`build_view`) and write it atomically to ``path``."""
    view = build_view(graph, **options)
    try:
        write_atomic(path, view.html)
    except OSError as exc:
        raise InklusionsgrafError(f"cannot write {path}: {exc.strerror}") from exc
    return view


def _describe_filters(admin, area, year, kind, centre, depth, focus) -> str:
    parts = [f"--admin {a}" for a in admin] + [f"--area {a}" for a in area]
    parts += [f"--year {year}"] if year is not None else []
    parts += [f"--kind {k}" for k in kind]
    parts += [f"--focus {centre or focus} --depth {depth}"] if focus else []
    return " ".join(parts)


def edge_style(kind: str) -> dict:
    """How an edge of ``kind`` is drawn: its colour and dash pattern (False: solid)."""
    return EDGE_STYLES.get(kind, FALLBACK_EDGE)


def _edge_options(kind: str) -> dict:
    style = edge_style(kind)
    return {"color": {"color": style["color"], "highlight": style["color"], "hover": style["color"], "opacity": 0.75},
            "dashes": style["dashes"], "width": 1.3}


def _node_options(kind: str, size: int) -> dict:
    """vis-network's options for a node: its kind's shape and colour, also when selected or
    hovered (a focused node keeps its kind; the page marks it with a thicker border)."""
    style = STYLE.get(kind, FALLBACK_NODE)
    fill = style["color"]
    options = {"shape": style["shape"], "size": size, "borderWidth": 1, "borderWidthSelected": 3,
               "color": {"background": fill, "border": "#333333",
                         "highlight": {"background": fill, "border": "#000000"},
                         "hover": {"background": fill, "border": "#000000"}}}
    if style["shape"] == "box":  # the page paints the name on it; this is its hit area
        options |= {"label": " ", "font": {"size": 6}, "widthConstraint": {"minimum": int(size * 1.6)},
                    "heightConstraint": {"minimum": int(size * 0.9)}}
        options["color"] |= {"border": fill}
    return options


def _homes(graph, nodes: list[str], tags) -> tuple[list[str], dict[str, list[str]]]:
    """The administrations that anchor the layout and each node's own among them (a node with
    none takes its neighbours' most common one)."""
    kept = set(nodes)
    anchors = sorted((n for n in nodes if graph.nodes[n].get("level") in TOP_LEVELS
                      and graph.nodes[n]["kind"] == NodeKind.ADMINISTRATION),
                     key=lambda a: fold(graph.nodes[a].get("abbreviation") or graph.nodes[a]["title"]))
    tops = set(anchors)
    homes = {n: sorted(tags[n]["admins"] & tops) for n in nodes}
    for node in nodes:
        if not homes[node]:
            near = Counter(h for other in nx.all_neighbors(graph, node) if other in kept
                           for h in homes[other] if len(homes[other]) == 1)
            homes[node] = [near.most_common(1)[0][0]] if near else []
    return anchors, homes


def _network(graph, nodes: list[str], tags, marks, lang: str, centre: str | None) -> dict:
    """Nodes and edges for vis-network: every chosen node and every edge between them."""
    kept = set(nodes)
    sub = graph.subgraph(nodes)
    sizes = {n: _size(graph.nodes[n]) * (2 if graph.nodes[n]["kind"] == NodeKind.ADMINISTRATION else 1) for n in nodes}
    if centre is not None:
        positions = place(sub, centre=centre, sizes=sizes)
    else:
        anchors, homes = _homes(graph, nodes, tags)
        positions = place(sub, anchors=anchors, homes=homes, sizes=sizes)
    drawn_nodes = []
    for node in nodes:
        data = graph.nodes[node]
        kind = data["kind"]
        gaps = marks.get(node, [])
        x, y = positions[node]
        drawn_nodes.append({
            "id": node, "x": x, "y": y, **_node_options(kind, _size(data)),
            "meta": {"kind": kind, "level": data.get("level"), "title": data["title"], "label": _label(data),
                     "rank": _rank(data), "admins": sorted(tags[node]["admins"]),
                     "areas": sorted(tags[node]["areas"]),
                     "start": data.get("start_year"), "end": data.get("end_year"),
                     "endKind": data.get("end_kind"), "gaps": gaps,
                     "names": list(dict.fromkeys(fold(x) for x in names_of(graph, node))),
                     "adminText": abbreviations(graph, administrations_of(graph, node))
                     if kind in (NodeKind.GOAL, NodeKind.ACTIVITY) else "",
                     "prov": [data.get("document", ""), data.get("line", ""), data.get("quote", "")],
                     "info": _node_info(graph, node, gaps, lang)}})
    drawn_edges = []
    for number, (u, v, data) in enumerate(sorted(
            ((u, v, d) for u, v, d in graph.edges(data=True) if u in kept and v in kept),
            key=lambda e: (e[0], e[1], e[2]["kind"], e[2].get("line", 0)))):
        kind = data["kind"]
        drawn_edges.append({"id": f"e{number}", "from": u, "to": v, **_edge_options(kind),
                            "meta": {"kind": kind, "info": _edge_info(graph, u, v, data, lang)}})
    return {"nodes": drawn_nodes, "edges": drawn_edges}


def _label(data: dict, width: int = 30) -> str:
    if data["kind"] == NodeKind.ADMINISTRATION:
        return data.get("abbreviation") or _clip(data["title"], 26)
    title = _clip(data["title"], width)
    return f"{data['code']}: {title}" if data.get("code") else title


def _rank(data: dict) -> int:
    return RANKS.get(data.get("level"), KIND_RANKS.get(data["kind"], 6))


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _size(data: dict) -> int:
    if data["kind"] == NodeKind.GOAL:
        return GOAL_SIZES.get(data.get("level"), 12)
    if data["kind"] == NodeKind.ADMINISTRATION:
        return 14 if data.get("level") in TOP_LEVELS else 9
    return {NodeKind.ACTIVITY: 8, NodeKind.FUNDING: 11, NodeKind.AREA: 12}.get(data["kind"], 10)


def _node_info(graph, node: str, gaps: list[str], lang: str) -> list[list[str]]:
    """Tooltip lines [label, value] in the order a reader wants them; the page makes them text."""
    words = labels(lang)
    data = graph.nodes[node]
    kind = data["kind"]
    lines = [["", data["title"]], [words["field.kind"], term(lang, "kind", kind)], [words["field.id"], node]]
    if data.get("level"):
        lines.append([words["field.level"], term(lang, "level", data["level"])])
    for key in ("code", "abbreviation"):
        if data.get(key):
            lines.append([words["field.code"], str(data[key])])
    if data.get("type"):
        lines.append([words["field.type"], str(data["type"]).replace("_", " ")])
    if kind in (NodeKind.GOAL, NodeKind.ACTIVITY):
        admins = administrations_of(graph, node)
        if admins:
            lines.append([words["field.administration"], abbreviations(graph, admins)])
    if data.get("controller"):
        lines.append([words["field.controller"], abbreviations(graph, [data["controller"]])])
    if kind in (NodeKind.GOAL, NodeKind.ACTIVITY, NodeKind.FUNDING):
        lines.append([words["field.period"], _period_text(data, lang)])
    if data.get("status"):
        lines.append([words["field.status"], term(lang, "status", data["status"])])
    if data.get("cost_text") or data.get("cost_min_dkk") is not None:
        lines.append([words["field.cost"], data.get("cost_text") or str(data["cost_min_dkk"])])
    if data.get("aliases"):
        lines.append([words["field.aliases"], data["aliases"].replace("|", ", ")])
    for gap in gaps:  # 'ending' depends on the year chosen in the page, which adds that line
        if gap != "ending":
            lines.append([words["field.gaps"], words[f"gap.{gap}"]])
    return lines + _provenance(graph, data, lang)


def _edge_info(graph, u: str, v: str, data: dict, lang: str) -> list[list[str]]:
    words = labels(lang)
    lines = [["", f"{graph.nodes[u]['title']} → {term(lang, 'edge', data['kind'])} → {graph.nodes[v]['title']}"]]
    if data.get("status"):
        lines.append([words["field.status"], term(lang, "status", data["status"])])
    if data.get("amount_text") or data.get("min_dkk") is not None:
        lines.append([words["field.amount"], data.get("amount_text") or str(data["min_dkk"])])
    if data.get("role"):
        lines.append([words["field.role"], term(lang, "role", data["role"])])
    if data.get("condition"):
        lines.append([words["field.condition"], term(lang, "condition", data["condition"])])
    if data.get("change"):
        lines.append([words["field.change"], term(lang, "change", data["change"])])
    if data.get("start_year") is not None or data.get("end_year") is not None:
        lines.append([words["field.period"], _period_text(data, lang)])
    return lines + _provenance(graph, data, lang)


def _provenance(graph, data: dict, lang: str) -> list[list[str]]:
    words = labels(lang)
    document = data.get("document", "")
    title = graph.graph.get("documents", {}).get(document, {}).get("title")
    return [[words["field.document"], f"{title} ({document})" if title else document],
            [words["field.line"], str(data.get("line", ""))],
            [words["field.quote"], f"“{data.get('quote', '')}”"]]


def _period_text(data: dict, lang: str) -> str:
    start, end = data.get("start_date") or data.get("start_year"), data.get("end_date") or data.get("end_year")
    if start is None and end is None:
        return labels(lang)["period.unknown"]
    text = f"{start or '?'} – {end or '?'}"
    if data.get("end_kind"):
        text += f" ({term(lang, 'end_kind', data['end_kind'])})"
    return text


# --- aggregation past the threshold ---------------------------------------------------------

def _primary_admin(graph, node: str, tags) -> str:
    """The one administration (of the seven) a node belongs to; '*' for several, '' for none."""
    if graph.nodes[node]["kind"] == NodeKind.ADMINISTRATION and graph.nodes[node].get("level") in TOP_LEVELS:
        return node
    tops = sorted(a for a in tags[node]["admins"] if graph.nodes[a].get("level") in TOP_LEVELS)
    return tops[0] if len(tops) == 1 else ("*" if tops else "")


def _group_name(graph, admin: str, words, several_places: bool) -> str:
    if admin == "*":
        return words["view.several_admins"]
    if not admin:
        return words["view.no_admin"]
    name = abbreviations(graph, [admin])
    place_name = graph.nodes[admin].get("municipality")
    return f"{name} {place_name}" if several_places and place_name else name


def _aggregate(graph, nodes: list[str], tags, marks, lang: str) -> dict:
    """One node per (administration, kind), sized by its count, with its members in compact
    rows so the page can open it and filter it by area and year; edges between groups weighted
    by count.

    A member row: [id, title, start year, end year, end kind, gaps, area numbers, document
    number, line, quote (None: the title; "" past QUOTE_BUDGET nodes), code]."""
    words = labels(lang)
    several_places = len(municipalities(graph)) > 1
    group_of = {n: (_primary_admin(graph, n, tags), graph.nodes[n]["kind"]) for n in nodes}
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node, group in group_of.items():
        members[group].append(node)
    groups = sorted(members, key=lambda g: (g[0] in ("", "*"), fold(_group_name(graph, g[0], words, True)), g))
    ids = {g: _group_id(*g) for g in groups}
    weights: Counter[tuple[str, str]] = Counter()
    by_kind: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for u, v, data in graph.edges(data=True):
        if u in group_of and v in group_of and group_of[u] != group_of[v]:
            pair = (ids[group_of[u]], ids[group_of[v]])
            weights[pair] += 1
            by_kind[pair][data["kind"]] += 1
    size = {g: 10 + min(30, int(len(members[g]) ** 0.5)) for g in groups}
    clusters: dict[str, list] = defaultdict(list)
    for group in groups:
        clusters[group[0]].append((ids[group], group[1], size[group]))
    positions = grid(list(clusters.values()))
    index: dict[str, int] = {}
    rows: list[list] = []
    drawn_nodes = []
    quotes = len(nodes) <= QUOTE_BUDGET
    area_list = sorted({a for n in nodes for a in tags[n]["areas"]})
    area_index = {a: i for i, a in enumerate(area_list)}
    documents: dict[str, int] = {}
    for group in groups:
        admin, kind = group
        inside = members[group]
        name = _group_name(graph, admin, words, several_places)
        kind_word = term(lang, "kind", kind)
        gap_counts = Counter(g for n in inside for g in marks.get(n, []) if g != "ending")
        info = [["", words["view.group"].format(kind=kind_word, admin=name, count=len(inside))]]
        info += [[words["field.gaps"], words["view.gap_share"].format(gap=words[f"gap.{gap}"], count=count,
                                                                      total=len(inside))]
                 for gap, count in sorted(gap_counts.items())]
        info += [["", words["view.open_hint"]]]
        member_rows = []
        for node in inside:
            index[node] = len(rows)
            member_rows.append(len(rows))
            data = graph.nodes[node]
            quote = _clip(data.get("quote", ""), 100) if quotes else ""
            rows.append([node, _clip(data["title"], 80), data.get("start_year"), data.get("end_year"),
                         data.get("end_kind"), [g for g in marks.get(node, []) if g != "ending"],
                         sorted(area_index[a] for a in tags[node]["areas"]),
                         documents.setdefault(data.get("document", ""), len(documents)), data.get("line", ""),
                         None if quote == _clip(data["title"], 80) else quote, data.get("code")])
        x, y = positions[ids[group]]
        # the administration's group carries the name; the others round it say kind and count
        named = kind == NodeKind.ADMINISTRATION or admin in ("", "*")
        drawn_nodes.append({
            "id": ids[group], "x": x, "y": y, **_node_options(kind, size[group]),
            "meta": {"kind": kind, "level": None, "title": f"{name} · {kind_word}",
                     "label": f"{name} · {kind_word}" if named and kind != NodeKind.ADMINISTRATION
                     else name if named else kind_word,
                     "rank": 1 if kind == NodeKind.ADMINISTRATION else 2 if named else 3, "admins": [admin] if admin not in ("", "*") else [], "areas": [],
                     "start": None, "end": None, "endKind": None, "gaps": sorted(gap_counts),
                     "gapCounts": dict(gap_counts), "names": [fold(name), fold(f"{name} {kind_word}")],
                     "adminText": name, "prov": ["", "", ""], "info": info, "count": len(inside),
                     "group": True, "members": member_rows}})
    drawn_edges = []
    for number, ((u, v), count) in enumerate(sorted(weights.items())):
        kinds = ", ".join(f"{term(lang, 'edge', k)}: {n}" for k, n in by_kind[(u, v)].most_common())
        main = by_kind[(u, v)].most_common(1)[0][0]
        drawn_edges.append({"id": f"e{number}", "from": u, "to": v, "value": count, **_edge_options(main),
                            "meta": {"kind": main, "group": True, "count": count,
                                     "info": [["", words["view.group_edges"].format(count=count)], ["", kinds]]}})
    edge_kinds = sorted({d["kind"] for _, _, d in graph.edges(data=True)})
    kind_index = {k: i for i, k in enumerate(edge_kinds)}
    links = [[index[u], index[v], kind_index[d["kind"]]] for u, v, d in graph.edges(data=True)
             if u in index and v in index]
    return {"nodes": drawn_nodes, "edges": drawn_edges,
            "members": {"rows": rows, "links": [x for link in links for x in link], "edgeKinds": edge_kinds,
                        "areas": area_list, "documents": list(documents), "quotes": quotes,
                        "edgeStyles": {k: _edge_options(k) for k in edge_kinds},
                        "kindStyles": {k.value: _node_options(k, _size({"kind": k})) for k in NodeKind},
                        "info": {k: term(lang, "edge", k) for k in edge_kinds}}}


def _group_id(admin: str, kind: str) -> str:
    return f"group:{admin or '-'}:{kind}"


# --- rendering -----------------------------------------------------------------------------

def _legend_edges(drawn: dict, lang: str) -> list[tuple[str, str, str, str]]:
    """(kind, colour, CSS dash style, name) for every edge kind the page can draw, the table's
    order first, kinds it does not know after, in the neutral style."""
    present = {e["meta"]["kind"] for e in drawn["edges"]} | set(drawn.get("members", {}).get("edgeKinds", []))
    ordered = [k for k in EDGE_STYLES if k in present] + sorted(present - set(EDGE_STYLES))
    return [(k, edge_style(k)["color"], _css_dash(edge_style(k)["dashes"]), term(lang, "edge", k)) for k in ordered]


def _css_dash(dashes) -> str:
    if not dashes:
        return "solid"
    return "dotted" if dashes[0] <= 2 else "dashed"


def _page(graph, drawn: dict, nodes: list[str], lang: str, *, year, depth, message, filters, focus,
          threshold) -> str:
    """Render the page template with the network's data embedded as escaped JSON."""
    import pyvis
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    vis = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    vis_js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (vis / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in vis_js.lower() or "</style" in vis_css.lower():
        raise InklusionsgrafError("the bundled vis-network cannot be inlined safely")
    words = labels(lang)
    data_nodes, data_edges = drawn["nodes"], drawn["edges"]
    # the page's selects offer what the drawn nodes carry: the seven and their units, the areas
    member_areas = set((drawn.get("members") or {}).get("areas", []))
    admins = sorted({a for n in data_nodes for a in n["meta"]["admins"]
                     if graph.nodes[a].get("level") in ("administration", "unit")},
                    key=lambda a: (graph.nodes[a].get("level") != "administration", abbreviations(graph, [a]),
                                   graph.nodes[a].get("municipality") or ""))
    areas = sorted({a for n in data_nodes for a in n["meta"]["areas"]} | member_areas,
                   key=lambda a: fold(graph.nodes[a]["title"]))
    several_places = len(municipalities(graph)) > 1
    years = sorted({y for n in nodes for y in (graph.nodes[n].get("start_year"), graph.nodes[n].get("end_year"))
                    if y is not None} | ({year} if year is not None else set()))

    def admin_name(a):
        place_name = graph.nodes[a].get("municipality") if several_places else None
        return f"{abbreviations(graph, [a])} – {graph.nodes[a]['title']}" + (f" ({place_name})" if place_name else "")

    payload = {
        "nodes": data_nodes, "edges": data_edges, "options": _options(len(data_nodes)),
        "members": drawn.get("members"), "threshold": threshold,
        "admins": [[a, admin_name(a)] for a in admins],
        "areas": [[a, graph.nodes[a]["title"]] for a in areas],
        "years": list(range(years[0], years[-1] + 1)) if years else [],
        "kinds": [[k.value, term(lang, "kind", k)] for k in NodeKind], "gapStyles": GAPS,
        "kindOrder": [k.value for k in (NodeKind.ADMINISTRATION, NodeKind.AREA, NodeKind.FUNDING,
                                        NodeKind.GOAL, NodeKind.ACTIVITY)],
        "levelOrder": list(GOAL_SIZES),
        "kindWords": {k.value: term(lang, "kind", k) for k in NodeKind},
        "year": year, "depth": depth, "focus": focus, "aggregated": bool(message),
        "words": {k.removeprefix("view."): v for k, v in words.items() if k.startswith("view.")}
        | {"gaps_field": words["field.gaps"], "gap_ending": words["gap.ending"],
           "gap_names": {g: words[f"gap.{g}"] if g != "ending" else words["gap.ending_any"] for g in GAPS},
           "fields": {k.removeprefix("field."): v for k, v in words.items() if k.startswith("field.")}},
    }
    environment = Environment(loader=FileSystemLoader(_TEMPLATE.parent), autoescape=select_autoescape(["html"]))
    legend_kinds = [(STYLE[k]["symbol"], STYLE[k]["color"], term(lang, "kind", k), k.value, STYLE[k]["shape"])
                    for k in NodeKind]
    legend_gaps = [(g, GAPS[g]["border"], GAPS[g]["dashes"],
                    words[f"gap.{g}"].format(year=year) if g != "ending" or year else words["gap.ending_any"])
                   for g in GAPS]
    return environment.get_template(_TEMPLATE.name).render(
        lang=lang, words=words, vis_js=vis_js, vis_css=vis_css, data_json=script_json(payload),
        legend_kinds=legend_kinds, legend_gaps=legend_gaps, legend_edges=_legend_edges(drawn, lang),
        message=message, filters=filters, aggregated=bool(message))


def _options(count: int) -> dict:
    """vis-network options: positions come baked in, so no physics ever runs."""
    return {
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": count > 500,
                        "hideEdgesOnZoom": count > 1000, "multiselect": False},
        "nodes": {"font": {"size": 8}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
                  "smooth": False, "scaling": {"min": 1, "max": 8}},
    }


def script_json(value) -> str:
    """JSON that is safe inside an HTML <script> block: no '<', '>', '&' or line separators
    survive as themselves, so document text can never close the script or open a tag."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
