"""The view as a person sees it: the page opened from file:// in headless Chromium.

Counts are read from the page (its panel and the network's own data views) and compared with
what the library selects from the graph in Python.
"""

from __future__ import annotations

import pytest
from conftest import write_dataset
from pages import CHROMIUM, CHROMIUM_ARGS, IMG, QUOTES, SCRIPT, big_tables, edges_between, hostile_tables, open_page

from inklusionsgraf import load_graph
from inklusionsgraf.names import names_of
from inklusionsgraf.values import fold
from inklusionsgraf.selection import node_tags, select
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
