"""Time `inklusionsgraf gaps unfunded` on the bundled data against `python -c "import networkx"`.

Prints the median wall time of each over the same run and their ratio (goal: at most 1.5).

    python benchmarks/bench_gaps.py [--runs 21]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache and .pyc files
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("inklusionsgraf")
    tool = [str(script)] if script.exists() else [shutil.which("inklusionsgraf") or "inklusionsgraf"]
    baseline = median_seconds([sys.executable, "-c", "import networkx"], args.runs)
    query = median_seconds([*tool, "gaps", "unfunded"], args.runs)
    print(f"runs per command:                 {args.runs}")
    print(f"python -c 'import networkx':      {baseline * 1000:7.1f} ms (median)")
    print(f"inklusionsgraf gaps unfunded:     {query * 1000:7.1f} ms (median)")
    print(f"ratio:                            {query / baseline:7.2f}  (goal: <= 1.5)")


if __name__ == "__main__":
    main()
