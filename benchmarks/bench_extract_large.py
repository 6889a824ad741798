"""Extraction time on large inputs: a seed document repeated to each size (or, with
``--mixed``, every seed and unseen document in turn, lines shuffled), extracted in a fresh
process; prints wall seconds, CPU seconds (user + system of the extracting process), MB per
minute and peak memory, and whether time grows in proportion to size.

    python benchmarks/bench_extract_large.py                 # 1, 2 and 4 MB
    python benchmarks/bench_extract_large.py --mb 50         # the 50 MB case
    python benchmarks/bench_extract_large.py --seed 004_...  # another seed document
    python benchmarks/bench_extract_large.py --mixed         # varied content, not one document

``--mixed`` builds the text from the five seeds and the eight unseen documents, in a rotating
order (round k starts with document k), each copy with the lines of every paragraph (a run of
non-empty lines) shuffled by a seeded random generator, so the text is varied in order and
neighbourhood, not one document over and over. Other jobs share the machine: compare the CPU
seconds, which they do not inflate, as much as the wall seconds.

The goal (issue 13): a 50 MB text within a minute on the 2-core test machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS, UNSEEN = SHARED / "seeds", SHARED / "unseen"


def repeated(seed: bytes, size: int) -> bytes:
    """The seed document repeated to about ``size`` bytes."""
    return seed * max(1, round(size / len(seed)))


def mixed(documents: list[bytes], size: int, seed: int = 13) -> bytes:
    """The documents in a rotating order, lines shuffled within each paragraph, to about
    ``size`` bytes (whole documents only)."""
    rng = random.Random(seed)
    parts, total, round_ = [], 0, 0
    while total < size:
        for i in range(len(documents)):
            copy = _shuffled(documents[(round_ + i) % len(documents)], rng)
            parts.append(copy)
            total += len(copy)
            if total >= size:
                break
        round_ += 1
    return b"".join(parts)


def _shuffled(document: bytes, rng: random.Random) -> bytes:
    lines = document.split(b"\n")
    out, paragraph = [], []
    for line in lines + [b""]:
        if line.strip():
            paragraph.append(line)
            continue
        rng.shuffle(paragraph)
        out += paragraph + [line]
        paragraph = []
    text = b"\n".join(out[:-1])
    return text if text.endswith(b"\n") else text + b"\n"


def run(text: bytes, folder: Path, src: Path | None = None) -> tuple[float, float, float]:
    """Extract the text in a fresh process: (wall seconds, CPU seconds, peak MiB)."""
    document = folder / "plan.txt"
    document.write_bytes(text)
    out = folder / "out"
    env = None
    if src is not None:  # another source tree (e.g. an earlier commit, for a before/after)
        import os

        env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", "extract", str(document), "-o", str(out),
                             "--force"], capture_output=True, text=True, cwd=ROOT, env=env)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        sys.exit(f"extract failed: {result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = max(before.ru_maxrss, after.ru_maxrss) / 1024
    return seconds, cpu, peak


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 2, 4], help="sizes in MB")
    parser.add_argument("--seed", default="001_36bb76bcecbb9f23.txt", help="the seed document to repeat")
    parser.add_argument("--mixed", action="store_true",
                        help="every seed and unseen document in turn, lines shuffled within paragraphs")
    parser.add_argument("--src", type=Path, help="run the package from this source folder instead")
    args = parser.parse_args(argv)
    if args.mixed:
        paths = sorted(SEEDS.glob("*.txt")) + sorted(UNSEEN.glob("*.txt"))
        documents = [p.read_bytes() for p in paths]
        make = lambda size: mixed(documents, size)  # noqa: E731
        print(f"{len(paths)} documents ({sum(map(len, documents)) / 1e3:.0f} kB), rotating, lines "
              "shuffled within paragraphs")
    else:
        seed = (SEEDS / args.seed).read_bytes()
        make = lambda size: repeated(seed, size)  # noqa: E731
        print(f"seed {args.seed} ({len(seed) / 1e3:.0f} kB) repeated to each size")
    print(f"{'MB':>6} {'seconds':>9} {'CPU s':>8} {'MB/min':>8} {'peak MiB':>9} {'CPU s/MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.mb:
            text = make(int(mb * 1e6))
            seconds, cpu, peak = run(text, Path(tmp), args.src)
            size = len(text) / 1e6
            print(f"{size:6.1f} {seconds:9.1f} {cpu:8.1f} {size / seconds * 60:8.2f} {peak:9.0f} "
                  f"{cpu / size:9.2f}", flush=True)


if __name__ == "__main__":
    main()
