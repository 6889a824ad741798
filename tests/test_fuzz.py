"""Hypothesis-driven mutations of the tiny policy's tables (hostile cells, lost and doubled
rows, cut files, files that are not files): every command exits 0 or 2 with no traceback,
writes nothing when it exits 2, never touches the dataset, agrees with validate, and what
it writes is well-formed (GraphML parses; CSV cells a spreadsheet would run are
neutralised). FUZZ_EXAMPLES sets the number of cases (default 60); FUZZ_TALLY=1 prints each
case's validate status and first mutation (pytest -s)."""

from __future__ import annotations

import csv
import io
import os
import tempfile
import xml.dom.minidom
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY, write_dataset
from inklusionsgraf.cli import cli
from inklusionsgraf.tables import SPECS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
IDS = ["goal:pol-1", "goal:sub-a", "activity:x", "area:by", "area:park", "admin:aaa", "funding:ee", "plan.txt"]
NASTY = ["", " ", "-1", "-0", "٣٤", "9" * 400, "99999999999999999999", "2013-02-30", "1e9", "NaN", "=1+1",
         "+cmd|' /C calc'!A0", "@SUM(A1)", "\x00", "a\x1bb", "\ufeff", "a|b|", '"', "\r\n", "x" * 300,
         *IDS, *(f" {i}" for i in IDS), *(f"{i} " for i in IDS)]

cell_values = st.one_of(st.sampled_from(NASTY), st.text(max_size=20), st.integers(-10**20, 10**20).map(str))
tables = st.sampled_from([spec.name for spec in SPECS])


@st.composite
def mutations(draw):
    kind = draw(st.sampled_from(["cell", "cell", "cell", "drop row", "double row", "cut", "bytes", "remove",
                                 "folder"]))
    return kind, draw(tables), draw(st.integers(0, 50)), draw(st.integers(0, 20)), draw(cell_values), \
        draw(st.binary(max_size=40))


def mutate(directory: Path, mutation) -> None:
    kind, table, row, column, value, data = mutation
    path = directory / f"{table}.csv"
    if not path.is_file():
        return
    raw = path.read_bytes()
    if kind == "cut":
        path.write_bytes(raw[: row * len(raw) // 50])
    elif kind == "bytes":
        path.write_bytes(raw[: row * len(raw) // 50] + data + raw[row * len(raw) // 50:])
    elif kind == "remove":
        path.unlink()
    elif kind == "folder":
        path.unlink()
        path.mkdir()
    else:
        try:
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
        except (UnicodeDecodeError, csv.Error):
            return  # an earlier mutation broke the file; leave it broken
        index = 1 + row % max(1, len(rows) - 1)
        if index >= len(rows):
            return
        if kind == "cell":
            rows[index][column % len(rows[index])] = value
        elif kind == "drop row":
            del rows[index]
        else:
            rows.insert(index, list(rows[index]))
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")


READING = [("stats",), ("gaps", "unfunded", "--format", "csv"), ("gaps", "orphans", "--format", "json"),
           ("gaps", "unlinked"), ("impact", "EE", "--year", "2013"), ("expiring", "--year", "2013"),
           ("active", "--year", "2012", "--format", "csv"), ("area", "Byen"), ("admin", "BF", "--format", "csv"),
           ("deps",), ("show", "goal:pol-1")]
WRITING = {"g.graphml": ("export", "--format", "graphml", "-o"), "r.csv": ("report", "unfunded", "-o"),
           "r.md": ("report", "orphans", "-o"), "v.html": ("view", "-o")}
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def snapshot(directory: Path) -> dict[str, bytes | None]:
    return {p.name: p.read_bytes() if p.is_file() else None for p in sorted(directory.iterdir())}


def check(result, args) -> None:
    assert result.exit_code in (0, 2), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.output, args


def neutralised(text: str) -> bool:
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    return not [c for c in cells if c.startswith(FORMULA) and not c.lstrip("+-").replace(".", "", 1).isdigit()]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations(), min_size=1, max_size=3))
def test_every_command_on_mutated_tables_exits_0_or_2_and_writes_nothing_on_2(changes):
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        data = write_dataset(Path(tmp) / "data", TINY)
        for change in changes:
            mutate(data, change)
        before = snapshot(data)
        valid = runner.invoke(cli, ["--data", str(data), "validate"])
        check(valid, "validate")
        if os.environ.get("FUZZ_TALLY"):
            print("FUZZ", valid.exit_code, changes[0][0])
        for args in READING:
            result = runner.invoke(cli, ["--data", str(data), *args])
            check(result, args)
            if valid.exit_code == 2:
                assert result.exit_code == 2 and result.stdout == "", args
            elif args[0] in ("stats", "gaps", "deps", "expiring", "active"):
                assert result.exit_code == 0, (args, result.output)
            if "csv" in args:
                assert neutralised(result.stdout), result.stdout
        out = Path(tmp) / "out"
        for name, args in WRITING.items():
            result = runner.invoke(cli, ["--data", str(data), *args, str(out / name)])
            check(result, args)
            assert result.exit_code == valid.exit_code, (args, result.output)
            if result.exit_code == 2:
                assert not (out / name).exists(), args
            elif name.endswith(".graphml"):
                xml.dom.minidom.parse(str(out / name))
            elif name.endswith(".csv"):
                assert neutralised((out / name).read_text(encoding="utf-8"))
        assert snapshot(data) == before  # no command writes into the dataset
        if out.exists():
            assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
