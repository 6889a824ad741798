"""Fault injection with real processes and real kill -9 on a synthetic dataset large enough
that a kill lands mid-write: after any kill a dataset is the old one or the new one, never a
mix (or, killed while switching, says so and `recover` completes it); outputs are the old
file or the new one; nothing is left behind once the next run has been; two merges at once
both land whole.

The kill times are drawn at random; the seed is printed in every failure message (set
FAULT_SEED to replay one). Bounded for CI: about a minute on a 2-core machine.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import TINY, write_dataset
from inklusionsgraf.safety import JOURNAL

EXE = [sys.executable, "-m", "inklusionsgraf.cli"]
NODES = 4_000
SEED = int(os.environ.get("FAULT_SEED", time.time_ns() % 100_000))
KILLS = {"merge": 6, "export": 2, "report": 2, "view": 2, "synth": 3}


def cli(*args, env=None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([*EXE, *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd)


def tables(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.csv"))}


def hidden(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def kill_after(args, seconds: float, env=None, once=None) -> int:
    """Start the CLI, kill -9 it ``seconds`` after it starts (or after ``once()`` first
    holds, if given), if it is still running; its exit status."""
    process = subprocess.Popen([*EXE, *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=env)
    while once is not None and process.poll() is None and not once():
        time.sleep(0.005)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    return process.returncode


def staging(dataset: Path) -> bool:
    return any(p.name.startswith(".inklusionsgraf-staging") for p in dataset.iterdir())


def timed(*args) -> float:
    start = time.monotonic()
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - start


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """Two synthetic datasets (the second merged into the first) and the merged result."""
    root = tmp_path_factory.mktemp("faults")
    cli("synth", "-o", root / "old", "--nodes", NODES, "--seed", 0)
    cli("synth", "-o", root / "extracted", "--nodes", NODES, "--seed", 1)
    # Two unrelated synthetic datasets share their ids; merged, the second's same_as rows would
    # join statements of one date that contradict each other (validate refuses that, rightly).
    # An extraction writes no same_as rows either: keep the header only.
    same_as = root / "extracted" / "same_as.csv"
    same_as.write_text(same_as.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    shutil.copytree(root / "old", root / "new")
    seconds = timed("merge", root / "extracted", "--into", root / "new")
    return root, seconds


rng = random.Random(SEED)


def test_merge_killed_at_random_points_leaves_old_or_new(big, tmp_path):
    root, seconds = big
    old, new = tables(root / "old"), tables(root / "new")
    assert old != new
    outcomes = []
    for attempt in range(KILLS["merge"]):
        dataset = shutil.copytree(root / "old", tmp_path / f"d{attempt}")
        # every other kill lands once the merge has started writing its staging folder
        writing = attempt % 2 == 1
        when = rng.uniform(0, 0.3 * seconds) if writing else rng.uniform(0.3, 1.0) * seconds
        status = kill_after(["merge", root / "extracted", "--into", dataset], when,
                            once=(lambda: staging(dataset)) if writing else None)
        where = (f"(FAULT_SEED={SEED}, kill {when:.2f} s after {'writing began' if writing else 'start'}; "
                 f"a whole merge takes {seconds:.2f} s; status {status})")
        if (dataset / JOURNAL).exists():
            assert cli("--data", dataset, "validate").returncode == 2, where
            outcomes.append("switching")
        else:
            assert tables(dataset) in (old, new), f"a mix of old and new tables {where}"
            outcomes.append("new" if tables(dataset) == new else
                            "old, half-written staging left" if staging(dataset) else "old")
        result = cli("recover", dataset)
        assert result.returncode == 0, result.stderr
        assert tables(dataset) in (old, new), where
        assert hidden(dataset) == [], f"left behind {hidden(dataset)} {where}"
        assert cli("--data", dataset, "validate").returncode == 0, where
    print(f"merge kills: {outcomes} (FAULT_SEED={SEED})")


@pytest.mark.parametrize("moved", [0, 6])
def test_merge_killed_while_switching_is_completed_by_recover(big, tmp_path, moved):
    root, _ = big
    dataset = shutil.copytree(root / "old", tmp_path / "d")
    env = {**os.environ, "INKLUSIONSGRAF_KILL_AT": f"switch:{moved}"}
    assert kill_after(["merge", root / "extracted", "--into", dataset], 120, env=env) == -9
    validate = cli("--data", dataset, "validate")
    assert validate.returncode == 2 and "a merge was stopped while switching" in validate.stderr
    assert cli("recover", dataset).returncode == 0
    assert tables(dataset) == tables(root / "new")
    assert hidden(dataset) == []


OUTPUTS = {
    "export": lambda data, out: ["--data", data, "export", "--format", "json", "-o", out / "graph.json"],
    "report": lambda data, out: ["--data", data, "report", "unfunded", "-o", out / "unfunded.html"],
    "view": lambda data, out: ["--data", data, "view", "-o", out / "graph.html"],
}


@pytest.mark.parametrize("command", OUTPUTS)
def test_outputs_killed_at_random_points_are_old_or_new(big, tmp_path, command):
    root, _ = big
    args = OUTPUTS[command](root / "new", tmp_path)
    output = Path(args[-1])
    output.write_bytes(b"the old file")
    os.chmod(output, 0o664)
    seconds = timed(*args)
    complete = output.read_bytes()
    seen = []
    for attempt in range(KILLS[command]):
        output.write_bytes(b"the old file")
        when = rng.uniform(0.3, 1.0) * seconds
        status = kill_after(args, when)
        where = f"(FAULT_SEED={SEED}, kill after {when:.2f} s of {seconds:.2f}, status {status})"
        assert output.read_bytes() in (b"the old file", complete), f"half a file {where}"
        seen.append("new" if output.read_bytes() == complete else
                    "old, half-written temporary left" if hidden(tmp_path) else "old")
    assert timed(*args) > 0
    assert hidden(tmp_path) == [], f"left behind {hidden(tmp_path)} (FAULT_SEED={SEED})"
    assert output.stat().st_mode & 0o777 == 0o664
    print(f"{command} kills: {seen}")


def test_synth_killed_at_random_points_leaves_nothing_half_written(big, tmp_path):
    root, _ = big
    seconds = timed("synth", "-o", tmp_path / "complete", "--nodes", NODES)
    complete = tables(tmp_path / "complete")
    outcomes = []
    for attempt in range(KILLS["synth"]):
        out = tmp_path / f"s{attempt}"
        when = rng.uniform(0.2, seconds)
        kill_after(["synth", "-o", out, "--nodes", NODES], when)
        where = f"(FAULT_SEED={SEED}, kill after {when:.2f} s of {seconds:.2f})"
        assert not out.exists() or tables(out) == complete, where
        outcomes.append("complete" if out.exists() else "absent")
    assert timed("synth", "-o", tmp_path / "again", "--nodes", 100) > 0  # removes the killed runs' staging
    assert hidden(tmp_path) == [], f"left behind {hidden(tmp_path)} (FAULT_SEED={SEED})"
    print(f"synth kills: {outcomes}")


def _one_goal(tmp_path: Path, dataset: Path, name: str) -> Path:
    """An extraction that adds one goal, stated in the dataset's first document."""
    first = (dataset / "documents.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    goal = {"id": f"goal:{name}", "title": f"Mål {name}", "level": "sub_goal", "document": first, "line": 1,
            "quote": "x"}
    return write_dataset(tmp_path / name, {"goals": [goal]})


def test_two_merges_at_once_both_land_whole(big, tmp_path):
    root, _ = big
    rounds = [(shutil.copytree(root / "old", tmp_path / "big"), "big")]
    rounds += [(write_dataset(tmp_path / f"tiny{i}", TINY), f"tiny{i}") for i in range(2)]
    for dataset, label in rounds:
        first, second = _one_goal(tmp_path, dataset, f"{label}-a"), _one_goal(tmp_path, dataset, f"{label}-b")
        env = {**os.environ, "INKLUSIONSGRAF_LOCK_WAIT": "60"}
        processes = [subprocess.Popen([*EXE, "merge", str(e), "--into", str(dataset)], env=env,
                                      stderr=subprocess.PIPE, text=True) for e in (first, second)]
        results = [(p.wait(), p.stderr.read()) for p in processes]
        assert [code for code, _ in results] == [0, 0], results
        assert not any("Traceback" in err for _, err in results)
        goals = (dataset / "goals.csv").read_text(encoding="utf-8")
        assert f"goal:{label}-a," in goals and f"goal:{label}-b," in goals
        assert cli("--data", dataset, "validate").returncode == 0
        assert hidden(dataset) == []
