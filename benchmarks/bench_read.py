"""Wall time, CPU time and peak memory of the core's fast reader (read_fast) per dataset.

    python benchmarks/bench_read.py [--runs R] DIR [DIR ...]

Each run is a fresh Python process (so its peak RSS is read_fast's, imports included) that
imports pyarrow first, then times ``read_fast(DIR)`` alone. Prints one line per run; CPU is
user + system seconds of the process during the call (2 threads can make it exceed wall).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from inklusionsgraf.collector import paused
from inklusionsgraf.core.graph import _pyarrow_without_pandas
from inklusionsgraf.core.fastread import read_fast

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

with paused(), _pyarrow_without_pandas():
    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, used = time.perf_counter(), cpu()
    tables = read_fast(Path(sys.argv[1]))
    wall, used = time.perf_counter() - wall, cpu() - used
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rows = None if tables is None else sum(t.num_rows for t in tables.tables.values())
print(json.dumps({"wall": wall, "cpu": used, "peak_kb": peak, "import_kb": before_rss, "rows": rows}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directories", nargs="+")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for directory in args.directories:
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, "-c", CHILD, directory], check=True,
                                 capture_output=True, text=True).stdout
            r = json.loads(out)
            verdict = "read" if r["rows"] is not None else "NOT SURE (row reader)"
            print(f"{directory}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s cpu, peak RSS "
                  f"{r['peak_kb'] / 2**20:.2f} GiB (imports {r['import_kb'] / 2**20:.2f} GiB), "
                  f"{r['rows'] or 0:,} rows, {verdict}", flush=True)


if __name__ == "__main__":
    main()
