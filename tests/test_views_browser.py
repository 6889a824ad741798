"""The view as a person sees it: the page opened from file:// in headless Chromium.

Counts are read from the page (its panel and the network's own data views) and compared with
what the library selects from the graph in Python.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_dataset
from pages import (CHROMIUM, CHROMIUM_ARGS, FORMULA, IMG, QUOTES, SCRIPT, big_tables, edges_between,
                   hostile_tables, open_page)

from inklusionsgraf import load_graph
from inklusionsgraf.names import names_of
from inklusionsgraf.values import fold
from inklusionsgraf.selection import gap_marks, node_tags, select
from inklusionsgraf.views import write_view


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's chromium "
                    "(apt-get install -y chromium; .ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def view(graph, tmp_path, name="graph.html", **options):
    path = tmp_path / name
    write_view(graph, path, **options)
    return path


def expected(graph, **filters) -> tuple[int, int]:
    nodes = select(graph, **filters)
    return len(nodes), edges_between(graph, nodes)


def test_default_view_draws_every_node_and_edge_offline(browser, tiny_graph, tmp_path):
    page = open_page(browser, view(tiny_graph, tmp_path))
    assert page.counts() == (tiny_graph.number_of_nodes(), tiny_graph.number_of_edges())
    assert page.refused == [] and page.errors == []
    legend = page.page.locator("#legend-kinds li").all_inner_texts()
    assert [t.strip("▬◆●■▲ ") for t in legend] == ["Forvaltning", "Mål", "Aktivitet", "Finansieringskilde", "Område"]
    assert page.page.evaluate("inklusionsgraf.network.physics.physicsEnabled") is False


def test_the_page_filters_select_what_the_library_selects(browser, tiny_graph, tmp_path):
    page = open_page(browser, view(tiny_graph, tmp_path))
    admins = page.page.eval_on_selector_all("#filter-admin option", "os => os.map(o => o.value)")
    assert set(admins) == {"", "admin:aaa", "admin:bbb", "admin:enhed"}
    for admin in admins[1:]:
        page.choose("filter-admin", admin)
        assert page.counts() == expected(tiny_graph, admin=[admin]), admin
        assert page.visible_ids() == set(select(tiny_graph, admin=[admin]))
    page.choose("filter-admin", "")
    for area in ["area:by", "area:park"]:
        page.choose("filter-area", area)
        assert page.counts() == expected(tiny_graph, area=[area]), area
    page.choose("filter-area", "")
    for year in [2011, 2013, 2014]:
        page.choose("filter-year", year)
        assert page.counts() == expected(tiny_graph, year=year), year
    page.choose("filter-year", "")
    page.choose("filter-kind", "goal")
    assert page.counts() == expected(tiny_graph, kind=["goal"]) == (6, 3)
    page.choose("filter-admin", "admin:aaa")
    assert page.counts() == expected(tiny_graph, kind=["goal"], admin=["admin:aaa"])
    page.page.click("#reset")
    page.settle()
    assert page.counts() == (tiny_graph.number_of_nodes(), tiny_graph.number_of_edges())


def test_filters_on_the_real_data(browser, real_graph, tmp_path):
    page = open_page(browser, view(real_graph, tmp_path))
    full = page.counts()
    assert full == (real_graph.number_of_nodes(), real_graph.number_of_edges())
    for select_id, value, filters in [("filter-admin", "admin:tmf", {"admin": ["admin:tmf"]}),
                                      ("filter-area", "area:mjolnerparken", {"area": ["area:mjolnerparken"]}),
                                      ("filter-year", 2013, {"year": 2013})]:
        page.choose(select_id, value)
        shown = page.counts()
        assert shown == expected(real_graph, **filters) and shown[0] < full[0], value
        page.choose(select_id, "")
    assert page.errors == [] and page.refused == []


def test_a_click_shows_the_node_neighbourhood(browser, tiny_graph, tmp_path):
    page = open_page(browser, view(tiny_graph, tmp_path))
    page.click_node("activity:z")
    assert page.visible_ids() == set(select(tiny_graph, focus="activity:z", depth=1)) == {
        "activity:z", "goal:sub-b", "funding:pulje", "area:park", "admin:bbb", "admin:aaa"}
    assert page.counts() == expected(tiny_graph, focus="activity:z", depth=1)
    assert "Gadeplansarbejde" in page.page.inner_text("#focus-line")
    page.choose("depth", 2)
    assert page.counts() == expected(tiny_graph, focus="activity:z", depth=2)
    page.page.click("#reset")
    page.settle()
    assert page.counts()[0] == tiny_graph.number_of_nodes()


def test_search_finds_by_name_and_focuses(browser, real_graph, tmp_path):
    page = open_page(browser, view(real_graph, tmp_path))
    page.page.fill("#search", "Etnisk Erhvervsfremme")
    page.settle()
    wanted = [n for n in real_graph if any("etnisk erhvervsfremme" in fold(x) for x in names_of(real_graph, n))]
    assert int(page.page.get_attribute("#match-count", "data-count")) == len(wanted) > 1
    assert len(page.page.evaluate("inklusionsgraf.network.getSelectedNodes()")) == len(wanted)
    page.page.locator("#matches button").first.click()
    page.settle()
    centre = page.page.evaluate("inklusionsgraf.state.focus")
    assert centre in wanted
    assert page.counts() == expected(real_graph, focus=centre, depth=1)


def test_a_focused_file_shows_the_neighbourhood(browser, real_graph, tmp_path):
    path = view(real_graph, tmp_path, focus="Mjølnerparken", depth=1, lang="en")
    page = open_page(browser, path)
    assert page.counts() == expected(real_graph, focus="area:mjolnerparken", depth=1)
    assert page.page.inner_text("#focus-line") == "Focus: Mjølnerparken (depth 1)"
    assert "Funding source" in page.page.inner_text("#legend-kinds")


def rings(page) -> dict[str, list]:
    """The gap rings the page drew last, by node: [gap, colour, dashed] each."""
    drawn = page.page.evaluate("inklusionsgraf.lastDraw().rings")
    out: dict[str, list] = {}
    for ring in drawn:
        out.setdefault(ring["id"], []).append([ring["gap"], ring["colour"], ring["dashed"]])
    return out


def test_gaps_stand_out_and_follow_the_year(browser, tiny_graph, tmp_path):
    page = open_page(browser, view(tiny_graph, tmp_path, year=2013))
    marks = rings(page)
    assert marks["goal:sub-c"] == marks["goal:pol-3"] == [["orphan", "#d62728", False],
                                                          ["unfunded", "#ff7f0e", False]]
    assert marks["goal:sub-b"] == marks["goal:pol-2"] == [["unfunded", "#ff7f0e", False]]
    assert marks["activity:x"] == [["ending", "#7f3c8d", True]]                  # ends 2013
    assert "goal:sub-a" not in marks and "activity:z" not in marks
    page.choose("filter-year", 2014)
    marks = rings(page)
    assert marks["activity:z"] == [["ending", "#7f3c8d", True]] and "activity:x" not in marks
    assert "Huller: Aktivitet udløber i 2014" in page.hover_node("activity:z")
    assert "udløber" not in page.hover_node("activity:x")
    # the node itself keeps its kind's fill; the mark is a ring outside it
    fills = page.page.evaluate("Object.fromEntries(inklusionsgraf.nodes.get().map(n => [n.id, n.color.background]))")
    assert fills["goal:sub-c"] == fills["goal:sub-a"] == "#59a14f" and fills["activity:z"] == "#76b7b2"


def test_document_text_stays_text(browser, tmp_path):
    graph = load_graph(write_dataset(tmp_path / "hostile", hostile_tables()))
    page = open_page(browser, view(graph, tmp_path))
    assert page.counts() == (graph.number_of_nodes(), graph.number_of_edges())
    tip = page.hover_node("goal:sub-c")
    assert IMG in tip and SCRIPT in tip
    tip = page.hover_node("goal:pol-3")
    assert all(part.strip() in tip for part in QUOTES.split("\u2028"))
    page.page.fill("#search", "onerror")
    page.settle()
    assert page.page.locator("#matches button .hit-title").all_inner_texts() == [IMG]
    # edge tooltips with the payload (sub-b -> pol-2 quotes it, sub-c -> pol-2 names sub-c) hold
    # it as text: no element in them but the rows and their labels
    tags = page.page.evaluate("""img => inklusionsgraf.edges.get().map(e => e.title)
        .filter(t => t.textContent.includes(img))
        .map(t => [...t.querySelectorAll('*')].map(el => el.tagName))""", IMG)
    assert len(tags) == 2 and all(set(t) == {"DIV", "B"} for t in tags)
    assert page.page.evaluate("window.__pwned") is None
    assert page.page.evaluate("document.querySelectorAll('img, svg, script:not([src])').length") == 2  # our two scripts
    assert page.errors == [] and page.refused == []


def test_a_big_graph_is_aggregated_and_settles(browser, tmp_path):
    graph = load_graph(write_dataset(tmp_path / "big", big_tables()))
    assert graph.number_of_nodes() > 2000
    path = tmp_path / "big.html"
    shown = write_view(graph, path)
    assert shown.aggregated and shown.selected == graph.number_of_nodes()
    page = open_page(browser, path)
    tags = node_tags(graph)
    groups = {(min(a for a in tags[n]["admins"] if a.startswith("admin:")), k) for n, k in graph.nodes(data="kind")}
    assert page.counts()[0] == len(groups) == shown.nodes
    assert "2000" in page.page.inner_text("#banner")
    before = page.page.evaluate("inklusionsgraf.network.getPositions()")
    page.page.wait_for_timeout(800)
    assert page.page.evaluate("inklusionsgraf.network.getPositions()") == before
    page.choose("filter-admin", "admin:f0")
    assert page.counts()[0] == len({g for g in groups if g[0] == "admin:f0"})
    assert page.errors == [] and page.refused == []


# --- reading the drawing ---------------------------------------------------------------------

LABEL_BOXES = """() => {
    // every label the page drew last, its box worked out again from where its node is now
    // (the network's API) and the width of its text (the canvas's own measureText)
    const net = inklusionsgraf.network;
    const ctx = document.createElement('canvas').getContext('2d');
    return inklusionsgraf.lastDraw().labels.map(l => {
        const p = net.canvasToDOM(net.getPositions([l.id])[l.id]);
        ctx.font = l.font;
        return Object.assign({}, l, {px: p.x, py: p.y, measured: ctx.measureText(l.text).width});
    });
}"""


def drawn_labels(page) -> list[dict]:
    return page.page.evaluate(LABEL_BOXES)


def check_labels(labels: list[dict]) -> None:
    """Each box holds its text and sits by its node; no two boxes overlap."""
    for label in labels:
        assert label["w"] >= label["measured"], label
        if label["side"] in ("pill",) or label["side"].startswith(("below", "above")):
            assert abs(label["x"] + label["w"] / 2 - label["px"]) < 1.5, label
        if label["side"] == "pill":
            assert label["y"] < label["py"] < label["y"] + label["h"], label
        if label["side"].startswith("below"):
            assert label["y"] > label["py"], label
        if label["side"].startswith("above"):
            assert label["y"] + label["h"] < label["py"], label
        if label["side"] == "right":
            assert label["x"] > label["px"] and label["y"] < label["py"] < label["y"] + label["h"], label
        if label["side"] == "left":
            assert label["x"] + label["w"] < label["px"] and label["y"] < label["py"] < label["y"] + label["h"], label
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
                     or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
            assert apart, (a["text"], b["text"])


def test_labels_read_at_the_default_zoom_and_never_overlap(browser, real_graph, tmp_path):
    page = open_page(browser, view(real_graph, tmp_path))
    labels = drawn_labels(page)
    check_labels(labels)
    by_id = {label["id"]: label for label in labels}
    landmarks = [n for n, d in real_graph.nodes(data=True)
                 if d.get("level") in ("administration", "policy_goal", "focus_area")]
    assert len(landmarks) == 14 and set(landmarks) <= set(by_id)   # the five administrations, the policy
    assert by_id["admin:tmf"]["text"] == "TMF" and by_id["admin:tmf"]["side"] == "pill"
    assert by_id["goal:inklusion-mal-2"]["text"] == "Mål 2: Flere i arbejde"
    assert len(labels) >= 40
    # zoomed in, lesser nodes' labels come, at the same size on screen, still apart
    fonts = {label["font"] for label in labels}
    page.page.evaluate("""() => { const net = inklusionsgraf.network;
        net.moveTo({position: net.getPositions(['admin:tmf'])['admin:tmf'], scale: net.getScale() * 3}); }""")
    page.settle()
    closer = drawn_labels(page)
    check_labels(closer)
    assert {label["font"] for label in closer} <= fonts
    assert any(label["id"].startswith("activity:") for label in closer)
    assert page.errors == []


def test_a_hovered_node_shows_its_label_and_the_box_goes_when_the_mouse_leaves(browser, real_graph, tmp_path):
    page = open_page(browser, view(real_graph, tmp_path))
    labelled = {label["id"] for label in drawn_labels(page)}
    hidden = next(n for n in sorted(page.visible_ids()) if n.startswith("activity:") and n not in labelled)
    tip = page.hover_node(hidden)
    assert real_graph.nodes[hidden]["title"] in tip
    page.settle()
    assert hidden in {label["id"] for label in drawn_labels(page)}
    page.page.mouse.move(100, 400)          # onto the panel
    page.page.locator("div.vis-tooltip").wait_for(state="hidden", timeout=5000)
    page.settle()
    assert hidden not in {label["id"] for label in drawn_labels(page)}


def pixel(page, x: float, y: float) -> list[int]:
    """The canvas's colour at a DOM point of the drawing."""
    return page.page.evaluate("""([x, y]) => {
        const canvas = inklusionsgraf.network.canvas.frame.canvas, r = inklusionsgraf.network.canvas.pixelRatio;
        return Array.from(canvas.getContext('2d').getImageData(Math.round(x * r), Math.round(y * r), 1, 1).data); }""",
                              [x, y])


def near(rgba: list[int], colour: str, slack: int = 40) -> bool:
    wanted = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return all(abs(a - b) <= slack for a, b in zip(rgba, wanted))


def test_each_legend_entry_matches_what_is_drawn(browser, real_graph, tmp_path):
    page = open_page(browser, view(real_graph, tmp_path, year=2013))
    drawn = page.page.evaluate("""() => { const net = inklusionsgraf.network;
        return {nodes: inklusionsgraf.nodes.getIds().map(id => { const o = net.body.nodes[id].options;
                    return [inklusionsgraf.nodes.get(id).meta.kind, o.shape, o.color.background]; }),
                edges: inklusionsgraf.edges.getIds().map(id => { const o = net.body.edges[id].options;
                    return [inklusionsgraf.edges.get(id).meta.kind, o.color.color, o.dashes]; })}; }""")
    kinds = page.page.eval_on_selector_all(
        "#legend-kinds li", "ls => ls.map(l => [l.dataset.kind, l.dataset.shape, l.dataset.colour, l.innerText.trim()])")
    assert [k[0] for k in kinds] == ["administration", "goal", "activity", "funding", "area"]
    legend_kinds = {k: (shape, colour) for k, shape, colour, _ in kinds}
    for kind, shape, colour in drawn["nodes"]:
        assert (shape, colour) == legend_kinds[kind], kind
    edge_legend = page.page.eval_on_selector_all(
        "#legend-edges li", "ls => ls.map(l => [l.dataset.edgeKind, l.dataset.colour, l.dataset.dash, l.innerText.trim()])")
    assert {e[0] for e in edge_legend} == {e[0] for e in drawn["edges"]} == {
        "supports", "funds", "located-in", "responsible", "depends-on", "same-as", "continues", "part-of"}
    assert ["depends-on", "#e15759", "dashed", "afhænger af"] in edge_legend
    assert ["same-as", "#17becf", "dotted", "samme som"] in edge_legend
    swatch = {kind: (colour, dash) for kind, colour, dash, _ in edge_legend}
    for kind, colour, dashes in drawn["edges"]:
        assert swatch[kind][0] == colour and (swatch[kind][1] == "solid") == (dashes is False), kind
    # the swatch in the panel is painted in the same colour and dash
    css = page.page.eval_on_selector_all(
        "#legend-edges .edge-swatch", "ss => ss.map(s => [getComputedStyle(s).borderTopColor, getComputedStyle(s).borderTopStyle])")
    assert css[[e[0] for e in edge_legend].index("depends-on")] == ["rgb(225, 87, 89)", "dashed"]
    # gaps: the legend's outline rings are what the page draws round the nodes, in their colour
    gaps = page.page.eval_on_selector_all(
        "#legend-gaps li", "ls => ls.map(l => [l.dataset.gap, l.dataset.colour, l.dataset.dashed === 'true'])")
    assert [g[0] for g in gaps] == ["orphan", "unfunded", "ending"]
    drawn_rings = page.page.evaluate("inklusionsgraf.lastDraw().rings")
    for gap, colour, dashed in gaps:
        mine = [r for r in drawn_rings if r["gap"] == gap]
        assert mine and all(r["colour"] == colour and r["dashed"] == dashed for r in mine), gap
        ring = next(r for r in mine if 0 < r["x"] and 0 < r["y"] - r["radius"])
        top = [pixel(page, ring["x"] + dx, ring["y"] - ring["radius"] + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
        assert any(near(p, colour) for p in top), (gap, top)
    # visible at the default zoom: every ring at least a few pixels out from the node's middle
    assert min(r["radius"] for r in drawn_rings) >= 7
    marked = {r["id"] for r in drawn_rings}
    assert set(gap_marks(real_graph, 2013)) & set(page.visible_ids()) == marked


def test_a_focused_node_keeps_its_kind(browser, real_graph, tmp_path):
    page = open_page(browser, view(real_graph, tmp_path))
    page.click_node("goal:inklusion-mal-2")
    assert page.page.evaluate("inklusionsgraf.state.focus") == "goal:inklusion-mal-2"
    options = page.page.evaluate("""() => { const o = inklusionsgraf.network.body.nodes['goal:inklusion-mal-2'].options;
        return [o.shape, o.color.background, o.color.highlight.background]; }""")
    assert options == ["diamond", "#59a14f", "#59a14f"]
    x, y = page.page.evaluate("""() => { const net = inklusionsgraf.network;
        const p = net.canvasToDOM(net.getPositions(['goal:inklusion-mal-2'])['goal:inklusion-mal-2']); return [p.x, p.y]; }""")
    assert near(pixel(page, x, y), "#59a14f", 25)                         # green, not white
    assert "Mål 2: Flere i arbejde" in {label["text"] for label in drawn_labels(page)}


def hits(page, query: str) -> list[tuple[str, str, str]]:
    page.page.fill("#search", query)
    page.settle()
    return [tuple(hit) for hit in page.page.eval_on_selector_all(
        "#matches button", "bs => bs.map(b => [b.dataset.id, b.querySelector('.hit-title').innerText, "
        "b.querySelector('.hit-kind').innerText])")]


def test_search_ranks_as_a_person_expects(browser, real_graph, tmp_path):
    page = open_page(browser, view(real_graph, tmp_path))
    found = hits(page, "Mjølner")
    assert found[0] == ("area:mjolnerparken", "Mjølnerparken", "Område")
    assert len(found) > 10                                        # the reports about it come after
    page.page.press("#search", "Enter")
    page.settle()
    assert page.page.evaluate("inklusionsgraf.state.focus") == "area:mjolnerparken"
    found = hits(page, "Etnisk Erhvervsfremme")
    same_title = [f for f in found if f[1] == "Etnisk Erhvervsfremme"]
    assert [f[0] for f in same_title] == ["funding:etnisk-erhvervsfremme", "activity:okf-2010-etnisk-erhvervsfremme"]
    assert same_title[0][2] == "Finansieringskilde" and same_title[1][2].startswith("Aktivitet")
    assert found[:2] == same_title                                    # exact titles before the rest
    assert len({(f[1], f[2]) for f in found}) == len(found)            # no two hits read the same
    assert hits(page, "EE")[0][0] == "funding:etnisk-erhvervsfremme"   # an abbreviation, exactly
    assert hits(page, "TMF")[0][0] == "admin:tmf"
    assert hits(page, "Mål 2")[0][0] == "goal:inklusion-mal-2"          # a code: the policy's goal first
    assert hits(page, "mjolnerparken")[0][0] == "area:mjolnerparken"    # without the accent


def test_the_address_keeps_the_view_and_reopens_it(browser, real_graph, tmp_path):
    page = open_page(browser, view(real_graph, tmp_path))
    page.choose("filter-year", 2013)
    page.choose("filter-admin", "admin:tmf")
    page.click_node("admin:tmf")
    page.choose("depth", 2)
    page.page.fill("#search", "erhverv")
    page.settle()
    url = page.page.url
    assert "#" in url and "focus=admin%3Atmf" in url and "year=2013" in url and "q=erhverv" in url
    before = page.page.evaluate("""() => ({state: Object.assign({}, inklusionsgraf.state),
        shown: inklusionsgraf.nodes.getIds().sort(), selected: inklusionsgraf.network.getSelectedNodes().sort(),
        search: document.getElementById('search').value, admin: document.getElementById('filter-admin').value})""")
    again = open_page(browser, tmp_path / "graph.html", fragment=url.split("#", 1)[1])
    after = again.page.evaluate("""() => ({state: Object.assign({}, inklusionsgraf.state),
        shown: inklusionsgraf.nodes.getIds().sort(), selected: inklusionsgraf.network.getSelectedNodes().sort(),
        search: document.getElementById('search').value, admin: document.getElementById('filter-admin').value})""")
    assert after == before and before["state"]["depth"] == 2 and before["selected"]
    assert again.counts() == page.counts()
    assert again.errors == []


def test_save_as_png_gives_the_drawing(browser, real_graph, tmp_path):
    import struct
    import zlib

    page = open_page(browser, view(real_graph, tmp_path))
    with page.page.expect_download() as download:
        page.page.click("#save-png")
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "inklusionsgraf.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == tuple(page.page.evaluate(
        "[inklusionsgraf.network.canvas.frame.canvas.width, inklusionsgraf.network.canvas.frame.canvas.height]"))
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    assert len(set(pixels)) > 50                                  # a drawing, not a blank canvas


def test_export_selection_gives_the_visible_nodes_with_their_source(browser, real_graph, tmp_path):
    import csv
    import io

    page = open_page(browser, view(real_graph, tmp_path))
    page.choose("filter-admin", "admin:bif")
    with page.page.expect_download() as download:
        page.page.click("#export-csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["id"] for r in rows} == page.visible_ids() == set(select(real_graph, admin=["admin:bif"]))
    for row in rows:
        data = real_graph.nodes[row["id"]]
        assert (row["kind"], row["title"], row["document"], row["line"], row["quote"]) == (
            data["kind"], data["title"], data["document"], str(data["line"]), data["quote"])


def test_exported_text_cannot_become_a_formula(browser, tmp_path):
    import csv
    import io

    graph = load_graph(write_dataset(tmp_path / "hostile", hostile_tables()))
    page = open_page(browser, view(graph, tmp_path))
    with page.page.expect_download() as download:
        page.page.click("#export-csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig")))}
    assert rows["goal:pol-3"]["title"] == "'" + FORMULA
    assert rows["goal:sub-c"]["title"] == IMG


def test_filters_never_move_a_node(browser, real_graph, tmp_path):
    path = view(real_graph, tmp_path)
    page = open_page(browser, path)
    baked = {n["id"]: [n["x"], n["y"]] for n in page.page.evaluate("inklusionsgraf.all.get()")}
    assert page.page.evaluate("inklusionsgraf.network.getPositions()") == {k: {"x": x, "y": y} for k, (x, y) in baked.items()}
    page.choose("filter-admin", "admin:sof")
    page.choose("filter-year", 2012)
    page.click_node(page.visible_ids().pop())
    page.choose("filter-admin", "")
    shown = page.page.evaluate("inklusionsgraf.network.getPositions()")
    assert shown and all(shown[k] == {"x": baked[k][0], "y": baked[k][1]} for k in shown)


# --- the aggregated view ------------------------------------------------------------------------

def test_a_group_opens_into_its_members_and_closes_again(browser, tmp_path):
    graph = load_graph(write_dataset(tmp_path / "two", big_tables(admins=3, places=2, orphans=3)))
    path = tmp_path / "two.html"
    assert write_view(graph, path).aggregated
    page = open_page(browser, path)
    groups, edges = page.counts()
    labels = [label["text"] for label in drawn_labels(page)]
    assert "F0 Kommune 0" in labels and "F0 Kommune 1" in labels   # one name, two municipalities
    check_labels(drawn_labels(page))
    # the gap mark is the share of the group's goals: 3 of 40 have no activity
    arcs = {(r["id"], r["gap"]): r["share"] for r in page.page.evaluate("inklusionsgraf.lastDraw().rings")}
    assert arcs[("group:admin:m0-f1:goal", "orphan")] == pytest.approx(3 / 40)
    assert arcs[("group:admin:m0-f1:goal", "unfunded")] == 1
    page.click_node("group:admin:m0-f1:goal")
    page.page.wait_for_function("inklusionsgraf.opened().length === 1")
    shown = page.visible_ids()
    assert "group:admin:m0-f1:goal" not in shown
    assert {n for n in shown if n.startswith("goal:")} == {f"goal:m0-f1-{g}" for g in range(40)}
    assert len(shown) == groups - 1 + 40
    # each goal's activities arrive as edges from the activity group, counted
    member_edges = page.page.evaluate("inklusionsgraf.edges.get().filter(e => e.meta.member).map(e => [e.from, e.to, e.meta.count])")
    assert sorted(c for f, t, c in member_edges if f == "group:admin:m0-f1:activity") == sorted(
        [12] * 13 + [11] * 24)                                      # 420 activities over 37 goals
    assert "open=group%3Aadmin%3Am0-f1%3Agoal" in page.page.url
    again = open_page(browser, path, fragment=page.page.url.split("#", 1)[1])   # a link keeps it open
    assert again.page.evaluate("inklusionsgraf.opened()") == ["group:admin:m0-f1:goal"]
    assert again.counts() == page.counts() and again.visible_ids() == shown
    tip = page.hover_node("goal:m0-f1-39")
    assert "Mål 1.39" in tip and "Mål uden aktivitet" in tip and "plan-0.txt" in tip
    page.page.click("#open-list button")
    page.settle()
    assert page.counts() == (groups, edges)


def test_area_and_year_filters_work_on_groups(browser, tmp_path):
    graph = load_graph(write_dataset(tmp_path / "two", big_tables(admins=3, places=2)))
    path = tmp_path / "two.html"
    write_view(graph, path)
    page = open_page(browser, path)
    assert not page.page.is_disabled("#filter-year") and not page.page.is_disabled("#filter-area")
    page.choose("filter-year", 2014)
    # activities end 2012, 2013 or 2014 in turn: a third of each group's run in 2014
    texts = {label["id"]: label["text"] for label in drawn_labels(page)}
    assert texts["group:admin:m1-f2:activity"] == "Aktivitet: 140 af 420"
    with page.page.expect_download() as download:
        page.page.click("#export-csv")
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()[1:]
    assert len(exported) == len(select(graph, year=2014))


def test_a_group_too_big_to_open_says_so(browser, tmp_path):
    graph = load_graph(write_dataset(tmp_path / "two", big_tables(admins=3, places=2)))
    path = tmp_path / "two.html"
    write_view(graph, path, threshold=300)
    page = open_page(browser, path)
    page.click_node("group:admin:m0-f0:activity")
    assert page.page.evaluate("inklusionsgraf.opened()") == []
    assert "420" in page.page.inner_text("#open-note") and "300" in page.page.inner_text("#open-note")
