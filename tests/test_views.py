"""The view's selection, gap marks, aggregation and page, without a browser."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import write_dataset
from hypothesis import given
from hypothesis import strategies as st
from pages import IMG, SCRIPT, big_tables, hostile_tables

from inklusionsgraf import load_graph, queries
from inklusionsgraf.cli import cli
from inklusionsgraf.errors import InklusionsgrafError, UnknownName
from inklusionsgraf.selection import gap_marks, select
from inklusionsgraf.views import EDGE_STYLES, FALLBACK_EDGE, build_view, script_json

EVERYTHING_BUT = lambda graph, *ids: set(graph) - set(ids)  # noqa: E731


def test_admin_filter_follows_responsibility_and_work_beneath(tiny_graph):
    # Activities x and y are led by the unit, which Betaforvaltningen houses in 2013 (the plan's
    # year); Alfaforvaltningen shares only z (as partner), owns sub-a and controls Rammen.
    assert set(select(tiny_graph, admin=["AF"])) == {
        "admin:aaa", "admin:bbb", "admin:enhed", "goal:pol-1", "goal:pol-2", "goal:sub-a", "goal:sub-b",
        "activity:z", "funding:pulje", "funding:ramme", "area:by", "area:bydel", "area:park"}
    assert set(select(tiny_graph, admin=["BF"])) == EVERYTHING_BUT(tiny_graph, "activity:w", "activity:u",
                                                                   "goal:pol-3")


def test_area_filter_takes_sub_areas_and_what_lies_in_them(tiny_graph):
    in_park = set(select(tiny_graph, area=["Parken"]))
    assert {"area:park", "activity:y", "activity:z", "goal:sub-a", "goal:sub-b", "funding:pulje"} <= in_park
    assert not {"area:by", "area:bydel", "activity:x", "activity:w", "goal:sub-c"} & in_park
    assert set(select(tiny_graph, area=["Byen"])) >= in_park | {"area:by", "area:bydel"}


def test_year_filter_drops_only_what_is_known_not_to_run(tiny_graph):
    assert EVERYTHING_BUT(tiny_graph, *select(tiny_graph, year=2011)) == {"activity:y"}  # starts 2012
    # 2015: z ended 2014, EE in 2013; x goes on reduced after 2013; no period = unknown = kept
    assert EVERYTHING_BUT(tiny_graph, *select(tiny_graph, year=2015)) == {"activity:z", "funding:ee"}


def test_kind_and_focus(tiny_graph):
    assert select(tiny_graph, kind=["funding"]) == ["funding:ee", "funding:pulje", "funding:ramme"]
    assert select(tiny_graph, focus="Gadeplansarbejde", depth=0) == ["activity:z"]
    assert set(select(tiny_graph, focus="activity:z", depth=1)) == {
        "activity:z", "goal:sub-b", "funding:pulje", "area:park", "admin:bbb", "admin:aaa"}
    # within the filters: among goals only, z's neighbourhood is z and its goal
    assert set(select(tiny_graph, kind=["goal"], focus="activity:z", depth=3)) == {
        "activity:z", "goal:sub-b", "goal:pol-2", "goal:sub-c"}


def test_bad_filters_are_errors_naming_the_problem(tiny_graph):
    with pytest.raises(UnknownName):
        select(tiny_graph, admin=["Gammaforvaltningen"])
    with pytest.raises(InklusionsgrafError, match="unknown node kind"):
        select(tiny_graph, kind=["person"])


def test_gap_marks_come_from_the_gap_queries(tiny_graph):
    marks = gap_marks(tiny_graph, 2013)
    assert {n for n, m in marks.items() if "orphan" in m} == {"goal:pol-3", "goal:sub-c"}
    assert {n for n, m in marks.items() if "unfunded" in m} == {"goal:pol-2", "goal:sub-b", "goal:pol-3", "goal:sub-c"}
    assert {n for n, m in marks.items() if "ending" in m} == {"activity:x"}
    assert not any("ending" in m for m in gap_marks(tiny_graph).values())


def page_data(html: str) -> dict:
    text = re.search(r"const DATA = (\{.*?\});\n", html, re.S).group(1)
    return json.loads(text)


def test_the_page_is_self_contained(real_graph):
    html = build_view(real_graph).html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<link" not in html and "@import" not in html
    assert "vis.Network" in html and "vis-network" in html
    data = page_data(html)
    assert len(data["nodes"]) == real_graph.number_of_nodes()
    assert len(data["edges"]) == real_graph.number_of_edges()


def test_document_text_cannot_leave_the_data_block(tmp_path):
    graph = load_graph(write_dataset(tmp_path / "hostile", hostile_tables()))
    html = build_view(graph).html
    assert IMG not in html and SCRIPT not in html and "<svg" not in html
    script = html[html.index("const DATA"):]
    assert script.count("</script>") == 1
    titles = {n["id"]: n["meta"]["title"] for n in page_data(html)["nodes"]}
    assert titles["goal:sub-c"] == IMG and titles["activity:y"] == SCRIPT


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)))
def test_script_json_round_trips_without_markup_characters(value):
    text = script_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_labels_follow_the_language(tiny_graph):
    danish, english = build_view(tiny_graph).html, build_view(tiny_graph, lang="en").html
    assert '<html lang="da">' in danish and "Signaturforklaring" in danish and "Finansieringskilde" in danish
    assert '<html lang="en">' in english and "Legend" in english and "Funding source" in english
    info = {n["id"]: n["meta"]["info"] for n in page_data(english)["nodes"]}
    assert ["Quote", "“citat”"] in info["activity:x"] and ["Line", "11"] in info["activity:x"]


def test_past_the_threshold_the_view_aggregates(tmp_path, capsys):
    graph = load_graph(write_dataset(tmp_path / "big", big_tables()))
    shown = build_view(graph)
    assert shown.aggregated and shown.selected == graph.number_of_nodes() > 2000
    data = page_data(shown.html)
    counts = {n["id"]: n["meta"]["count"] for n in data["nodes"]}
    assert sum(counts.values()) == graph.number_of_nodes()
    assert counts["group:admin:f0:activity"] == 420 and counts["group:admin:f0:goal"] == 40
    weights = {(e["from"], e["to"]): e["value"] for e in data["edges"]}
    assert not any("label" in e for e in data["edges"])  # counts are in the tooltip, not piled mid-edge
    assert weights[("group:admin:f0:activity", "group:admin:f0:goal")] == 420      # supports
    assert weights[("group:admin:f0:administration", "group:admin:f0:activity")] == 420  # responsible
    narrowed = build_view(graph, admin=["F1"])
    assert not narrowed.aggregated and narrowed.nodes == 1 + 40 + 420


def test_cli_view_writes_the_file_and_says_so(tiny_dir, tmp_path):
    out = tmp_path / "exports" / "graph.html"
    result = CliRunner().invoke(cli, ["--data", str(tiny_dir), "view", "-o", str(out), "--admin", "AF",
                                      "--year", "2013", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 13 nodes" in result.stderr
    assert "Made with filters: --admin AF --year 2013" in out.read_text(encoding="utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_cli_view_with_an_unknown_name_exits_2_and_writes_nothing(tiny_dir, tmp_path):
    out = tmp_path / "graph.html"
    result = CliRunner().invoke(cli, ["--data", str(tiny_dir), "view", "-o", str(out), "--focus", "Betafor"])
    assert result.exit_code == 0  # a unique part of a title is enough
    out.unlink()
    result = CliRunner().invoke(cli, ["--data", str(tiny_dir), "--lang", "en", "view", "-o", str(out), "--area", "Månen"])
    assert result.exit_code == 2 and "no area is called 'Månen'" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_cli_view_of_a_big_graph_warns_on_stderr(tmp_path):
    data = write_dataset(tmp_path / "big", big_tables())
    result = CliRunner().invoke(cli, ["--data", str(data), "view", "-o", str(tmp_path / "g.html")])
    assert result.exit_code == 0
    assert "note: The graph has 2766 nodes" in result.stderr and "--admin" in result.stderr


def node_positions(html: str) -> dict[str, tuple[int, int]]:
    return {n["id"]: (n["x"], n["y"]) for n in page_data(html)["nodes"]}


def test_the_layout_is_computed_once_and_the_same_for_the_same_data(real_graph):
    first, again = build_view(real_graph).html, build_view(real_graph).html
    assert node_positions(first) == node_positions(again)
    assert page_data(first)["options"]["physics"] == {"enabled": False}  # nothing moves in the page
    where = node_positions(first)
    # the administrations anchor the layout: each on its own, away from the middle and each other
    tops = ["admin:bif", "admin:buf", "admin:okf", "admin:sof", "admin:tmf"]
    centre = (sum(x for x, _ in where.values()) / len(where), sum(y for _, y in where.values()) / len(where))
    spread = max(abs(x - centre[0]) + abs(y - centre[1]) for x, y in where.values())
    assert all(abs(where[a][0] - centre[0]) + abs(where[a][1] - centre[1]) > spread / 8 for a in tops)
    assert min(abs(where[a][0] - where[b][0]) + abs(where[a][1] - where[b][1])
               for a in tops for b in tops if a < b) > 200
    # no two nodes on top of each other
    points = list(where.values())
    assert len(set(points)) == len(points)


def test_focus_resolves_a_name_as_the_query_commands_do(real_data_dir, tmp_path, real_graph):
    out = tmp_path / "ee.html"
    result = CliRunner().invoke(cli, ["view", "-o", str(out), "--focus", "Etnisk Erhvervsfremme"])
    assert result.exit_code == 0, result.output
    source = queries.impact(real_graph, "Etnisk Erhvervsfremme").summary["source"]
    assert page_data(out.read_text(encoding="utf-8"))["focus"] == source == "funding:etnisk-erhvervsfremme"
    # a name the queries would not take either stays an error that lists the candidates
    result = CliRunner().invoke(cli, ["view", "-o", str(out), "--focus", "Mål 2"])
    assert result.exit_code == 2 and "goal:inklusion-mal-2" in result.stderr


LEGEND_EDGE = re.compile(r'<li data-edge-kind="([^"]+)" data-colour="([^"]+)" data-dash="([^"]+)">'
                         r'<span[^>]*></span>([^<]+)</li>')


def test_every_edge_kind_drawn_has_its_legend_entry_also_kinds_added_later(tiny_graph):
    graph = tiny_graph.copy()
    p = {"document": "plan.txt", "line": 3, "quote": "citat"}
    graph.add_edge("activity:x", "activity:y", kind="same-as", **p)
    graph.add_edge("activity:y", "activity:z", kind="continues", change="moved", **p)
    graph.add_edge("goal:sub-a", "goal:pol-1", kind="part-of", **p)
    graph.add_edge("activity:z", "area:park", kind="mentions", **p)   # a kind the view does not know
    html = build_view(graph).html
    legend = {kind: (colour, dash, name) for kind, colour, dash, name in LEGEND_EDGE.findall(html)}
    drawn = page_data(html)["edges"]
    assert set(legend) == {e["meta"]["kind"] for e in drawn} == {
        "supports", "funds", "located-in", "responsible", "depends-on", "same-as", "continues", "part-of", "mentions"}
    assert legend["same-as"][2] == "samme som" and legend["part-of"][2] == "del af"
    assert legend["continues"][2] == "viderefører" and legend["mentions"][2] == "mentions"
    info = next(e["meta"]["info"] for e in drawn if e["meta"]["kind"] == "continues")
    assert ["Ændring", "flyttet"] in info
    for edge in drawn:
        colour, dash, _ = legend[edge["meta"]["kind"]]
        assert edge["color"]["color"] == colour
        assert (dash == "solid") == (edge["dashes"] is False)
    assert legend["mentions"][0] == FALLBACK_EDGE["color"]
    assert len({EDGE_STYLES[k]["color"] for k in EDGE_STYLES}) == len(EDGE_STYLES)  # no two kinds alike


def test_aggregated_groups_carry_their_municipality_and_their_members(tmp_path):
    graph = load_graph(write_dataset(tmp_path / "two", big_tables(admins=3, places=2, orphans=3)))
    shown = build_view(graph)
    assert shown.aggregated
    data = page_data(shown.html)
    labels = [n["meta"]["label"] for n in data["nodes"] if n["meta"]["kind"] == "administration"]
    assert sorted(labels) == ["F0 Kommune 0", "F0 Kommune 1", "F1 Kommune 0", "F1 Kommune 1",
                              "F2 Kommune 0", "F2 Kommune 1"]
    rows = data["members"]["rows"]
    assert sorted(r[0] for r in rows) == sorted(graph)                    # every node, once
    goals = next(n for n in data["nodes"] if n["id"] == "group:admin:m1-f2:goal")
    assert {rows[i][0] for i in goals["meta"]["members"]} == {f"goal:m1-f2-{g}" for g in range(40)}
    # the gap mark is a share: 3 of the 40 goals have no activity
    assert goals["meta"]["gapCounts"]["orphan"] == 3 and goals["meta"]["count"] == 40
    assert len(data["members"]["links"]) == 3 * graph.number_of_edges()
