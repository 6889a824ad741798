"""The CLI is a thin layer: its JSON is the library's result; tables fit 80 columns."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from inklusionsgraf import queries
from inklusionsgraf.cli import cli
from inklusionsgraf.export import from_node_link, to_node_link

CASES = [
    (["stats"], queries.stats, ()),
    (["gaps", "unfunded"], queries.unfunded_goals, ()),
    (["gaps", "orphans"], queries.orphan_goals, ()),
    (["gaps", "unlinked"], queries.unlinked_activities, ()),
    (["impact", "EE", "--year", "2013"], queries.impact, ("EE", 2013)),
    (["expiring", "--year", "2013"], queries.expiring, (2013,)),
    (["active", "--year", "2012"], queries.active, (2012,)),
    (["area", "Bydelen"], queries.area_profile, ("Bydelen",)),
    (["admin", "BF"], queries.admin_profile, ("BF",)),
    (["deps"], queries.dependencies, ()),
    (["show", "activity:z"], queries.show, ("activity:z",)),
]


def run(data_dir, *args):
    result = CliRunner().invoke(cli, ["--data", str(data_dir), *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("args, function, params", CASES, ids=lambda c: " ".join(c) if isinstance(c, list) else "")
def test_json_equals_the_library_result(tiny_dir, tiny_graph, args, function, params):
    printed = json.loads(run(tiny_dir, *args, "--format", "json").stdout)
    expected = json.loads(json.dumps(function(tiny_graph, *params).to_dict(), default=str))
    assert printed == expected


@pytest.mark.parametrize("args, function, params", CASES, ids=lambda c: " ".join(c) if isinstance(c, list) else "")
def test_csv_is_the_rows_under_the_declared_columns(tiny_dir, tiny_graph, args, function, params):
    rows = list(csv.DictReader(io.StringIO(run(tiny_dir, *args, "--format", "csv").stdout)))
    result = function(tiny_graph, *params)
    assert [r["id"] if "id" in r else r[result.columns[0]] for r in rows] == \
        [str(r.get("id", r[result.columns[0]])) for r in result.rows]
    assert list(rows[0].keys()) == result.columns == list(queries.QUERIES[result.query].columns)


@pytest.mark.parametrize("args", [c[0] for c in CASES], ids=" ".join)
def test_table_fits_80_columns(real_data_dir, args):
    if args[0] == "area":
        args = ["area", "Mjølnerparken"]
    elif args[0] == "admin":
        args = ["admin", "TMF"]
    elif args[0] == "show":
        args = ["show", "funding:etnisk-erhvervsfremme"]
    out = run(real_data_dir, *args).stdout
    assert out.strip()
    assert max(len(line) for line in out.splitlines()) <= 80


def test_every_query_has_a_command_and_documentation():
    readme = (__import__("pathlib").Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    commands = {"unfunded": "gaps unfunded", "orphans": "gaps orphans", "unlinked": "gaps unlinked"}
    for name, query in queries.QUERIES.items():
        assert query.function.__doc__, name
        assert f"inklusionsgraf {commands.get(name, name)}" in readme, name


def test_every_command_has_help():
    def walk(group, prefix=()):
        for name, command in group.commands.items():
            yield prefix + (name,), command
            if hasattr(command, "commands"):
                yield from walk(command, prefix + (name,))
    for path, command in walk(cli):
        assert command.help, path
        assert CliRunner().invoke(cli, [*path, "--help"]).exit_code == 0


def test_export_json_round_trips(tiny_dir, tiny_graph, tmp_path):
    out = tmp_path / "graph.json"
    run(tiny_dir, "export", "--format", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"id", "kind", "title", "document", "line", "quote"} <= set(data["nodes"][0])
    assert {"source", "target", "kind", "document", "line", "quote"} <= set(data["edges"][0])
    again = from_node_link(data)
    assert to_node_link(again) == to_node_link(tiny_graph)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_graphml_round_trips(tiny_dir, tiny_graph, tmp_path):
    out = tmp_path / "graph.graphml"
    run(tiny_dir, "export", "--format", "graphml", "-o", str(out))
    back = nx.read_graphml(out, force_multigraph=True)
    assert set(back.nodes) == set(tiny_graph.nodes)
    assert back.number_of_edges() == tiny_graph.number_of_edges()
    assert back.nodes["activity:x"]["title"] == "Iværksætterrådgivning"
    assert back.nodes["activity:x"]["end_year"] == 2013


def test_export_replaces_an_existing_file_whole(tiny_dir, tmp_path):
    out = tmp_path / "graph.json"
    out.write_text("old", encoding="utf-8")
    run(tiny_dir, "export", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["nodes"]


def test_bundled_data_is_found_from_any_directory(tmp_path):
    result = subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", "stats", "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["documents_covered"] == 5


def test_the_query_path_does_not_import_pandas(tmp_path):
    code = ("import sys; from click.testing import CliRunner; from inklusionsgraf.cli import cli; "
            "r = CliRunner().invoke(cli, ['gaps', 'unfunded', '--format', 'json']); "
            "print(r.exit_code, sorted(m for m in ('pandas', 'pyvis', 'neo4j') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.stdout.split() == ["0", "[]"], out.stderr
