"""How long a warm call takes to get its core from the snapshot cache.

    XDG_CACHE_HOME=/tmp/x python benchmarks/bench_snapshot.py --data DIR [--runs 5] [--question orphans]

Each run is a fresh process (the snapshot file in the page cache, as on a second call). It
prints, as the median of the runs, wall and CPU (user+sys) seconds of: importing the core,
``snapshot.cached`` (stamp, header and the arrays read with the snapshot), reading the parts
that ``--question`` reads (tables, edge kinds, carried edges: their segments checked when
first read; the question itself is not timed), and reading every other part. A missing or
stale snapshot is made first.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def clock() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return time.perf_counter(), usage.ru_utime + usage.ru_stime


def since(start: tuple[float, float]) -> list[float]:
    now = clock()
    return [now[0] - start[0], now[1] - start[1]]


def child(directory: Path, parts: list[list[str]]) -> dict:
    """One warm call's figures (run in a fresh process): ``parts`` are the (dict, key) a
    question reads first."""
    figures = {}
    start = clock()
    import numpy  # noqa: F401
    import pyarrow  # noqa: F401

    from inklusionsgraf.collector import paused
    from inklusionsgraf.core import snapshot
    from inklusionsgraf.core.graph import Core, _pyarrow_without_pandas
    figures["import numpy, pyarrow, the core"] = since(start)
    with paused(), _pyarrow_without_pandas():  # as core.graph.load calls it
        start = clock()
        core = snapshot.cached(directory, lambda: sys.exit("the snapshot is missing or stale"))
        figures["snapshot.cached"] = since(start)
    assert type(core) is Core
    lazies = _lazies(core)
    start = clock()
    for name, key in parts:
        lazies[name][key]
    figures[f"the {len(parts)} parts the question reads"] = since(start)
    start = clock()
    count = len(_pending(lazies))
    for lazy in lazies.values():
        lazy.values()
    figures[f"the other {count} parts"] = since(start)
    return figures


def parts_read(directory: Path, question: str) -> list[list[str]]:
    """The (dict, key) of the core's lazily read parts that ``question`` reads."""
    from inklusionsgraf.core import load_core

    load_core(directory)  # a snapshot made if there was none
    core = load_core(directory)
    lazies = _lazies(core)
    before = _pending(lazies)
    core.question(question)
    return sorted(before - _pending(lazies))


def _lazies(core) -> dict:
    from inklusionsgraf.core import snapshot

    lazy = getattr(snapshot, "Lazy", ())  # none in snapshots that restore everything at once
    found = {"tables": core.tables.tables, "edges": core.edges, "carried_order": core.time.carried_order}
    return {name: d for name, d in found.items() if isinstance(d, lazy)}


def _pending(lazies: dict) -> set[tuple[str, str]]:
    if not lazies:
        return set()
    from inklusionsgraf.core.snapshot import _PENDING

    return {(name, k) for name, d in lazies.items() for k in d if dict.__getitem__(d, k) is _PENDING}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--question", default="orphans")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.data, json.loads(args.child))))
        return
    start = time.perf_counter()
    parts = parts_read(args.data, args.question)
    print(f"snapshot ready (built and written if it was missing) and {args.question} answered: "
          f"{time.perf_counter() - start:.2f} s wall; it reads {', '.join(f'{d}[{k}]' for d, k in parts)}")
    warm = [sys.executable, __file__, "--data", str(args.data), "--child", json.dumps(parts)]
    runs = [json.loads(subprocess.run(warm, check=True, capture_output=True, text=True).stdout)
            for _ in range(args.runs)]
    print(f"warm, {args.data}, median of {args.runs} fresh processes:")
    for name in runs[0]:
        wall = statistics.median(run[name][0] for run in runs)
        cpu = statistics.median(run[name][1] for run in runs)
        print(f"  {name:45} {wall:7.3f} s wall {cpu:7.3f} s cpu")


if __name__ == "__main__":
    main()
