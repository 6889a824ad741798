"""Extraction time on large inputs: a seed document repeated to each size, extracted in a
fresh process; prints seconds, MB per minute and peak memory, and whether time grows in
proportion to size.

    python benchmarks/bench_extract_large.py                 # 1, 2 and 4 MB
    python benchmarks/bench_extract_large.py --mb 50         # the 50 MB case (minutes)
    python benchmarks/bench_extract_large.py --seed 004_...  # another seed document

The goal (issue 13): a 50 MB text within a minute on the 2-core test machine.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def run(text: bytes, folder: Path) -> tuple[float, float]:
    document = folder / "plan.txt"
    document.write_bytes(text)
    out = folder / "out"
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", "extract", str(document), "-o", str(out),
                             "--force"], capture_output=True, text=True, cwd=ROOT)
    seconds = time.monotonic() - start
    if result.returncode not in (0, 1):
        sys.exit(f"extract failed: {result.stderr}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 2, 4], help="sizes in MB")
    parser.add_argument("--seed", default="001_36bb76bcecbb9f23.txt", help="the seed document to repeat")
    args = parser.parse_args()
    seed = (SEEDS / args.seed).read_bytes()
    print(f"seed {args.seed} ({len(seed) / 1e3:.0f} kB) repeated to each size")
    print(f"{'MB':>6} {'seconds':>9} {'MB/min':>8} {'peak MiB':>9} {'s per MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.mb:
            text = seed * max(1, round(mb * 1e6 / len(seed)))
            seconds, peak = run(text, Path(tmp))
            size = len(text) / 1e6
            print(f"{size:6.1f} {seconds:9.1f} {size / seconds * 60:8.2f} {peak:9.0f} {seconds / size:9.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
