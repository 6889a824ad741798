"""The graph as one self-contained HTML page to explore: pyvis's vis-network, inlined.

The part of the graph to show and the gaps to mark come from selection.py; this module draws
them (colours and shapes by kind, tooltips with the source) and writes a page that opens from
file:// with no network. Past ``THRESHOLD`` nodes the page shows one node per (administration,
kind) instead, and says how to narrow the view.

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
from inklusionsgraf.model import EdgeKind, NodeKind
from inklusionsgraf.names import names_of, resolve
from inklusionsgraf.responsibility import abbreviations, administrations_of
from inklusionsgraf.selection import gap_marks, node_tags, select
from inklusionsgraf.values import fold

THRESHOLD = 2000
"""Above this many nodes the view aggregates: vis-network's layout stalls in a browser
somewhere past a few thousand nodes, and a hairball of that size shows nothing anyway."""

# Colours and shapes by kind; shapes with the label below keep long titles readable.
STYLE = {
    NodeKind.ADMINISTRATION: {"color": "#4e79a7", "shape": "box", "symbol": "▬"},
    NodeKind.GOAL: {"color": "#59a14f", "shape": "diamond", "symbol": "◆"},
    NodeKind.ACTIVITY: {"color": "#76b7b2", "shape": "dot", "symbol": "●"},
    NodeKind.FUNDING: {"color": "#edc948", "shape": "square", "symbol": "■"},
    NodeKind.AREA: {"color": "#b07aa1", "shape": "triangle", "symbol": "▲"},
}
EDGE_COLOURS = {
    EdgeKind.SUPPORTS: "#59a14f", EdgeKind.FUNDS: "#c9a800", EdgeKind.LOCATED_IN: "#b07aa1",
    EdgeKind.RESPONSIBLE: "#4e79a7", EdgeKind.DEPENDS_ON: "#e15759",
    EdgeKind.SAME_AS: "#9c9c9c", EdgeKind.CONTINUES: "#79706e", EdgeKind.PART_OF: "#bab0ac",
}
# Gap marks, strongest first: a goal both orphan and unfunded is drawn as orphan.
GAPS = {
    "orphan": {"border": "#d62728", "dashes": False},
    "unfunded": {"border": "#ff7f0e", "dashes": False},
    "ending": {"border": "#7f3c8d", "dashes": True},
}
GOAL_SIZES = {"focus_area": 30, "policy_goal": 26, "initiative": 20, "administration_goal": 18, "sub_goal": 14}

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
    message = note = ""
    if len(nodes) > threshold:
        net = _aggregate_network(graph, nodes, tags, marks, lang)
        message = words["view.aggregated"].format(nodes=len(nodes), threshold=threshold)
        note = labels("en")["view.aggregated"].format(nodes=len(nodes), threshold=threshold)
    else:
        net = _network(graph, nodes, tags, marks, lang)
    filters = _describe_filters(graph, admin, area, year, kind, focus, depth)
    html = _page(graph, net, nodes, lang, year=year, depth=depth, message=message,
                 filters=filters or words["view.no_filters"],
                 focus=resolve(graph, focus) if focus and not message else None)
    return View(html=html, nodes=len(net.nodes), edges=len(net.edges), selected=len(nodes),
                aggregated=bool(message), message=message, note=note)


def write_view(graph: nx.MultiDiGraph, path: str | Path, **options) -> View:
    """Build the view (options as for :func:`build_view`) and write it atomically to ``path``."""
    view = build_view(graph, **options)
    try:
        write_atomic(path, view.html)
    except OSError as exc:
        raise InklusionsgrafError(f"cannot write {path}: {exc.strerror}") from exc
    return view


def _describe_filters(graph, admin, area, year, kind, focus, depth) -> str:
    parts = [f"--admin {a}" for a in admin] + [f"--area {a}" for a in area]
    parts += [f"--year {year}"] if year is not None else []
    parts += [f"--kind {k}" for k in kind]
    parts += [f"--focus {resolve(graph, focus)} --depth {depth}"] if focus else []
    return " ".join(parts)


def _network(graph, nodes: list[str], tags, marks, lang: str):
    """A pyvis Network of the chosen nodes and every edge between them."""
    net = _new_network()
    for node in nodes:
        data = graph.nodes[node]
        kind = data["kind"]
        gaps = marks.get(node, [])
        net.add_node(node, label=_label(data), shape=STYLE[kind]["shape"], color=_colour(kind, gaps),
                     size=_size(data), borderWidth=4 if gaps else 1, font=_font(data),
                     shapeProperties={"borderDashes": [6, 4] if gaps and GAPS[gaps[0]]["dashes"] else False},
                     meta={"kind": kind, "title": data["title"],
                           "admins": sorted(tags[node]["admins"]), "areas": sorted(tags[node]["areas"]),
                           "start": data.get("start_year"), "end": data.get("end_year"),
                           "endKind": data.get("end_kind"), "gaps": gaps,
                           "search": " ".join(dict.fromkeys(fold(x) for x in names_of(graph, node))),
                           "info": _node_info(graph, node, gaps, lang)})
    kept = set(nodes)
    for number, (u, v, data) in enumerate(sorted(
            ((u, v, d) for u, v, d in graph.edges(data=True) if u in kept and v in kept),
            key=lambda e: (e[0], e[1], e[2]["kind"], e[2].get("line", 0)))):
        kind = data["kind"]
        net.add_edge(u, v, id=f"e{number}", color=EDGE_COLOURS[kind], width=1.5,
                     dashes=kind == EdgeKind.DEPENDS_ON,
                     meta={"kind": kind, "info": _edge_info(graph, u, v, data, lang)})
    return net


def _new_network():
    from pyvis.network import Network

    return Network(height="100%", width="100%", directed=True, cdn_resources="in_line")


def _label(data: dict, width: int = 34) -> str:
    if data["kind"] == NodeKind.ADMINISTRATION:
        return data.get("abbreviation") or _clip(data["title"], width)
    title = _clip(data["title"], width)
    return f"{data['code']}: {title}" if data.get("code") else title


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _size(data: dict) -> int:
    if data["kind"] == NodeKind.GOAL:
        return GOAL_SIZES.get(data.get("level"), 16)
    return {NodeKind.ACTIVITY: 10, NodeKind.FUNDING: 14, NodeKind.AREA: 14}.get(data["kind"], 16)


def _font(data: dict) -> dict:
    """Larger labels for the landmarks (the seven administrations, the policy's goals), so
    they stay readable when the whole graph is in view."""
    landmark = data.get("level") in ("administration", "policy_goal", "focus_area")
    inside = data["kind"] == NodeKind.ADMINISTRATION  # a box: the label sits on the blue
    return {"size": 40 if landmark else 13, "face": "sans-serif", "color": "#ffffff" if inside else "#222222",
            "strokeWidth": 3 if landmark and not inside else 0, "strokeColor": "#ffffff"}


def _colour(kind: str, gaps: list[str]) -> dict:
    fill = STYLE[kind]["color"]
    border = GAPS[gaps[0]]["border"] if gaps else "#333333"
    return {"background": fill, "border": border,
            "highlight": {"background": "#ffffff", "border": border},
            "hover": {"background": fill, "border": "#000000"}}


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
    if graph.nodes[node]["kind"] == NodeKind.ADMINISTRATION and graph.nodes[node].get("level") == "administration":
        return node
    tops = sorted(a for a in tags[node]["admins"] if graph.nodes[a].get("level") == "administration")
    return tops[0] if len(tops) == 1 else ("*" if tops else "")


def _aggregate_network(graph, nodes: list[str], tags, marks, lang: str):
    """One node per (administration, kind), sized by its count; edges weighted by count."""
    words = labels(lang)
    group_of = {n: (_primary_admin(graph, n, tags), graph.nodes[n]["kind"]) for n in nodes}
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node, group in group_of.items():
        members[group].append(node)
    net = _new_network()
    for (admin, kind), inside in sorted(members.items()):
        name = (words["view.several_admins"] if admin == "*" else words["view.no_admin"] if not admin
                else abbreviations(graph, [admin]))
        gap_counts = Counter(marks[n][0] for n in inside if n in marks)
        info = [["", words["view.group"].format(kind=term(lang, "kind", kind), admin=name, count=len(inside))]]
        info += [[words["field.gaps"], f"{words['gap.ending_any' if gap == 'ending' else f'gap.{gap}']}: {count}"]
                 for gap, count in gap_counts.items()]
        gap = gap_counts.most_common(1)[0][0] if gap_counts else None
        net.add_node(_group_id(admin, kind), label=f"{name}\n{term(lang, 'kind', kind)}: {len(inside)}",
                     shape=STYLE[kind]["shape"], color=_colour(kind, [gap] if gap else []),
                     value=len(inside), borderWidth=4 if gap else 1,
                     meta={"kind": kind, "title": name, "admins": [admin] if admin not in ("", "*") else [],
                           "areas": [], "start": None, "end": None, "endKind": None,
                           "gaps": [gap] if gap else [], "search": fold(name), "info": info, "count": len(inside)})
    weights: Counter[tuple[str, str]] = Counter()
    by_kind: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for u, v, data in graph.edges(data=True):
        if u in group_of and v in group_of and group_of[u] != group_of[v]:
            pair = (_group_id(*group_of[u]), _group_id(*group_of[v]))
            weights[pair] += 1
            by_kind[pair][data["kind"]] += 1
    for number, ((u, v), count) in enumerate(sorted(weights.items())):
        kinds = ", ".join(f"{term(lang, 'edge', k)}: {n}" for k, n in by_kind[(u, v)].most_common())
        net.add_edge(u, v, id=f"e{number}", value=count, label=str(count), color="#888888",
                     meta={"kind": by_kind[(u, v)].most_common(1)[0][0],
                           "info": [["", words["view.group_edges"].format(count=count)], ["", kinds]]})
    return net


def _group_id(admin: str, kind: str) -> str:
    return f"group:{admin or '-'}:{kind}"


# --- rendering -----------------------------------------------------------------------------

def _page(graph, net, nodes: list[str], lang: str, *, year, depth, message, filters, focus) -> str:
    """Render the page template with the network's data embedded as escaped JSON."""
    import pyvis
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    vis = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    vis_js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (vis / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in vis_js.lower() or "</style" in vis_css.lower():
        raise InklusionsgrafError("the bundled vis-network cannot be inlined safely")
    words = labels(lang)
    net.options = _options(len(net.nodes), aggregated=bool(message))
    data_nodes, data_edges, _, _, _, options = net.get_network_data()
    # the page's selects offer what the drawn nodes carry: the seven and their units, the areas
    admins = sorted({a for n in data_nodes for a in n["meta"]["admins"]
                     if graph.nodes[a].get("level") in ("administration", "unit")},
                    key=lambda a: (graph.nodes[a].get("level") != "administration", abbreviations(graph, [a])))
    areas = sorted({a for n in data_nodes for a in n["meta"]["areas"]}, key=lambda a: fold(graph.nodes[a]["title"]))
    years = sorted({y for n in nodes for y in (graph.nodes[n].get("start_year"), graph.nodes[n].get("end_year"))
                    if y is not None} | ({year} if year is not None else set()))
    payload = {
        "nodes": data_nodes, "edges": data_edges, "options": json.loads(options),
        "admins": [[a, f"{abbreviations(graph, [a])} – {graph.nodes[a]['title']}"] for a in admins],
        "areas": [[a, graph.nodes[a]["title"]] for a in areas],
        "years": list(range(years[0], years[-1] + 1)) if years else [],
        "kinds": [[k.value, term(lang, "kind", k)] for k in NodeKind], "gapStyles": GAPS,
        "year": year, "depth": depth, "focus": focus, "aggregated": bool(message),
        "words": {k.removeprefix("view."): v for k, v in words.items() if k.startswith("view.")}
        | {"gaps_field": words["field.gaps"], "gap_ending": words["gap.ending"]},
    }
    environment = Environment(loader=FileSystemLoader(_TEMPLATE.parent), autoescape=select_autoescape(["html"]))
    legend_kinds = [(STYLE[k]["symbol"], STYLE[k]["color"], term(lang, "kind", k), k.value) for k in NodeKind]
    legend_gaps = [(GAPS[g]["border"], GAPS[g]["dashes"], words[f"gap.{g}"].format(year=year) if g != "ending" or year
                    else words["gap.ending_any"]) for g in GAPS]
    return environment.get_template(_TEMPLATE.name).render(
        lang=lang, words=words, vis_js=vis_js, vis_css=vis_css, data_json=script_json(payload),
        legend_kinds=legend_kinds, legend_gaps=legend_gaps, message=message, filters=filters)


def _options(count: int, aggregated: bool) -> dict:
    """vis-network options: settle the layout, then the page turns physics off."""
    return {
        "layout": {"improvedLayout": count <= 150, "randomSeed": 7},
        "physics": {"solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 110,
                                         "springConstant": 0.06, "avoidOverlap": 0.4},
                    "stabilization": {"enabled": True, "iterations": 400 if count <= 500 else 250,
                                      "updateInterval": 25, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": count > 500,
                        "multiselect": False},
        "nodes": {"font": {"size": 13, "face": "sans-serif"}, "scaling": {"min": 12, "max": 50}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": {"enabled": not aggregated and count <= 500, "type": "continuous"},
                  "scaling": {"min": 1, "max": 12}, "font": {"size": 11, "align": "middle"}},
    }


def script_json(value) -> str:
    """JSON that is safe inside an HTML <script> block: no '<', '>', '&' or line separators
    survive as themselves, so document text can never close the script or open a tag."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
