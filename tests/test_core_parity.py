"""The columnar core answers exactly what the networkx queries answer: same summary, same rows,
same order, on the bundled data, the hand-made fixtures and synthetic datasets, for the latest
state and for every year 2009-2016. Its networkx graph is build.py's, attribute for attribute."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inklusionsgraf import queries
from inklusionsgraf.build import load_graph
from inklusionsgraf.core import QUESTIONS, load_core
from inklusionsgraf.synth import write_synthetic

YEARS = [None, *range(2009, 2017)]
# each question with the arguments it is asked with: a year or the latest state, or a year only
ASKED = {"unfunded": [(y,) for y in YEARS], "orphans": [(y,) for y in YEARS], "unlinked": [()],
         "expiring": [(y,) for y in YEARS if y is not None]}


def assert_same_answers(directory) -> None:
    core = load_core(directory, cache=False)
    graph = load_graph(directory)
    assert set(ASKED) <= set(QUESTIONS)  # the roll-ups: tests/test_core_rollups.py
    for name in ASKED:
        for arguments in ASKED[name]:
            expected = queries.QUERIES[name].function(graph, *arguments).to_dict()
            answer = core.question(name, *arguments).to_dict()
            assert answer["summary"] == expected["summary"], (name, arguments)
            assert answer["rows"] == expected["rows"], (name, arguments)


def assert_same_graph(directory) -> None:
    expected = load_graph(directory)
    graph = load_core(directory, cache=False).to_networkx()
    assert list(graph.nodes(data=True)) == list(expected.nodes(data=True))
    for node in expected:  # adjacency order too: the row functions read it
        assert list(graph.out_edges(node, keys=True, data=True)) == list(expected.out_edges(node, keys=True, data=True))
        assert list(graph.in_edges(node, keys=True, data=True)) == list(expected.in_edges(node, keys=True, data=True))
    assert graph.graph == expected.graph


def test_bundled_data(real_data_dir):
    assert_same_answers(real_data_dir)
    assert_same_graph(real_data_dir)


def test_tiny_policy(tiny_dir):
    assert_same_answers(tiny_dir)
    assert_same_graph(tiny_dir)


def test_two_plans(two_plans_dir):
    assert_same_answers(two_plans_dir)
    assert_same_graph(two_plans_dir)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_ten_thousand_nodes(tmp_path, seed):
    write_synthetic(tmp_path / "s", nodes=10_000, seed=seed)
    assert_same_answers(tmp_path / "s")


def test_synthetic_graph(tmp_path):
    write_synthetic(tmp_path / "s", nodes=3_000, seed=4)
    assert_same_graph(tmp_path / "s")


def both_cores(directory, command: list[str]):
    """The same call of the CLI answered by the columnar core and by networkx (a terminal of
    120 columns): the two finished processes."""
    import os
    import subprocess
    import sys

    def run(core: str) -> subprocess.CompletedProcess:
        env = os.environ | {"INKLUSIONSGRAF_CORE": core, "COLUMNS": "120"}
        return subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", "--data", str(directory), *command],
                              capture_output=True, text=True, env=env)

    return run("1"), run("0")


@pytest.mark.parametrize("command", [
    ["gaps", "unfunded", "--by", "admin"],
    ["gaps", "unfunded", "--admin", "TMF", "--year", "1999"],  # the year warning reads the whole data's years
    ["gaps", "orphans", "--admin", "BR", "--lang", "en"],
    ["gaps", "unlinked", "--admin", "TMF"],
    ["expiring", "--year", "2013"],
])
def test_the_terminal_reads_the_same_from_either_core(real_data_dir, command):
    # What a coordinator sees (Danish words, codes, short titles, --admin, --by admin, the
    # year warning) does not depend on which core answered.
    columnar, embedded = both_cores(real_data_dir, command)
    assert columnar.returncode == embedded.returncode == 0, columnar.stderr
    assert (columnar.stdout, columnar.stderr) == (embedded.stdout, embedded.stderr)
    assert "Traceback" not in columnar.stderr


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_files_for_programs_are_the_same_from_either_core(tmp_path, fmt):
    # The columnar core keeps unfunded's and orphans' rows as columns and writes CSV from them;
    # what a program reads is byte for byte what the embedded answer gives, formulas
    # neutralised alike (a title made to look like a formula, a --year, the --admin filter).
    import csv as csvlib
    import os
    import subprocess
    import sys

    data = tmp_path / "s"
    write_synthetic(data, nodes=3_000, seed=5)
    unfunded = load_core(data, cache=False).question("unfunded").rows
    looks_like = {unfunded[0]["id"]: '=HYPERLINK("http://x")', unfunded[-1]["id"]: "-1+1"}
    path = data / "goals.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csvlib.DictReader(handle))
    for row in rows:
        row["title"] = looks_like.get(row["id"], row["title"])
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csvlib.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    def run(core: str, *command) -> str:
        env = os.environ | {"INKLUSIONSGRAF_CORE": core}
        done = subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", "--data", str(data), "--no-cache",
                               *command, "--format", fmt], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    for command in (["gaps", "unfunded"], ["gaps", "orphans"], ["gaps", "unfunded", "--year", "2014"]):
        assert run("1", *command) == run("0", *command), command
    if fmt == "csv":
        titles = {row["id"]: row["title"] for row in csvlib.DictReader(run("1", "gaps", "unfunded").splitlines())}
        assert [titles[goal] for goal in looks_like] == ["'" + title for title in looks_like.values()]


@given(st.integers(1, 4).flatmap(lambda width: st.lists(
    st.lists(st.one_of(st.none(), st.integers(-10**6, 10**6),
                       st.text(st.sampled_from(list(',"\r\n\t =+-@@aø0 ')), max_size=6)),
             min_size=width, max_size=width), max_size=5)))
def test_csv_written_from_columns_is_what_the_csv_module_writes(rows):
    # Answers kept as columns are written without the csv module (it was most of a warm call
    # at 10⁶ nodes); the bytes must still be csv.DictWriter's, neutralised alike.
    import csv as csvlib
    import io

    from inklusionsgraf.render import _csv_of_columns
    from inklusionsgraf.safety import neutralise

    columns = [f"c{i}" for i in range(len(rows[0]) if rows else 2)]
    cells = {c: [row[i] for row in rows] for i, c in enumerate(columns)}
    expected = io.StringIO()
    writer = csvlib.DictWriter(expected, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: neutralise(v) for c, v in zip(columns, row)} for row in rows)
    assert _csv_of_columns(columns, cells) == expected.getvalue()
