"""Time `inklusionsgraf gaps unfunded` on the bundled data against `python -c "import networkx"`.

Prints the median wall time of each, the two run in turn, and their ratio (goal: at most 1.5).

    python benchmarks/bench_gaps.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


# As on a user's machine, Python may cache bytecode: networkx's was compiled when pip installed
# it, and an editable checkout's is written on its first run unless this variable forbids it.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def medians(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall time of each command, the commands run in turn so drift hits all alike."""
    for command in commands:  # warm the file cache and the bytecode caches
        subprocess.run(command, check=True, capture_output=True, env=ENV)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, seen in zip(commands, times):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=ENV)
            seen.append(time.perf_counter() - start)
    return [statistics.median(seen) for seen in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("inklusionsgraf")
    tool = [str(script)] if script.exists() else [shutil.which("inklusionsgraf") or "inklusionsgraf"]
    baseline, query = medians([[sys.executable, "-c", "import networkx"], [*tool, "gaps", "unfunded"]],
                              args.runs)
    print(f"runs per command:                 {args.runs} (bytecode caching allowed, as for a user)")
    print(f"python -c 'import networkx':      {baseline * 1000:7.1f} ms (median)")
    print(f"inklusionsgraf gaps unfunded:     {query * 1000:7.1f} ms (median)")
    print(f"ratio:                            {query / baseline:7.2f}  (goal: <= 1.5)")


if __name__ == "__main__":
    main()
