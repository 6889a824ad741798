"""Build time, peak memory and gap-query times at 10⁴, 10⁵ and 10⁶ nodes, beside a Bolt server.

    python benchmarks/bench_scale.py                      # the whole table (about 25 minutes)
    python benchmarks/bench_scale.py --sizes 10000 --bolt-sizes 10000 --view-size 0   # quick
    python benchmarks/bench_scale.py --peer --sizes 10000 100000 1000000   # the columnar core beside DuckDB

For each size it writes a synthetic dataset (``inklusionsgraf synth``, seed 1, cached under
--workdir) and measures, in a fresh Python process per size so peak memory is that size's
own: the build (reading and checking the tables, building the graph) and each gap query, the
median of --runs. Then the growth factor per 10× for each figure. At the --bolt-sizes it loads
the same graph into FalkorDB on loopback (load time shown, not compared) and times the same
questions on both backends in the same process, with the ratio. Last, it writes the view of
the --view-size dataset with ``inklusionsgraf view`` and times how long headless Chromium
takes to open the page and settle its layout.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

QUERIES = ("unfunded", "orphans", "unlinked", "impact", "impact-pool", "expiring", "area", "deps")
EXPIRING_YEAR = 2015
GOALS = {"growth": 12.0, "query_s": 5.0, "build_s": 60.0, "peak_gib": 4.0}


def arguments(graph) -> dict[str, tuple]:
    """The arguments of each question on one synthetic graph: the first municipality's
    first local fund (impact), the national pool that funds the most work (impact-pool),
    the whole first municipality (area)."""
    from inklusionsgraf.adjacency import nodes_of

    funding = sorted(nodes_of(graph, "funding"))
    city = min(a for a in nodes_of(graph, "area") if graph.nodes[a]["type"] == "city")
    municipality = city.partition(":")[2]
    local = next(f for f in funding if f.startswith(f"funding:{municipality}-")
                 and graph.nodes[f]["type"] in ("fund", "partnership"))
    pool = max((f for f in funding if f.startswith("funding:national-")), key=lambda f: (graph.out_degree(f), f))
    return {"unfunded": ("unfunded", ()), "orphans": ("orphans", ()), "unlinked": ("unlinked", ()),
            "impact": ("impact", (local,)), "impact-pool": ("impact", (pool,)),
            "expiring": ("expiring", (EXPIRING_YEAR,)), "area": ("area", (city,)), "deps": ("deps", ())}


def timed(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(directory: Path, runs: int) -> dict:
    """In this process: build, then each query. Printed as JSON for the parent."""
    from inklusionsgraf import queries
    from inklusionsgraf.build import load_graph

    start = time.perf_counter()
    graph = load_graph(directory)
    build = time.perf_counter() - start
    build_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    figures = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
               "build_s": build, "build_peak_bytes": build_peak, "queries": {}, "rows": {}}
    for label, (name, args) in arguments(graph).items():
        function = queries.QUERIES[name].function
        figures["queries"][label] = timed(lambda: function(graph, *args), runs)
        figures["rows"][label] = len(function(graph, *args).rows)
    figures["peak_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return figures


def dataset(workdir: Path, nodes: int, seed: int) -> Path:
    from inklusionsgraf.synth import write_synthetic

    directory = workdir / f"synth-{nodes}-seed{seed}"
    if not (directory / "documents.csv").is_file():
        start = time.perf_counter()
        write_synthetic(directory, nodes, seed)
        print(f"  wrote {directory} in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return directory


def embedded_table(results: dict[int, dict]) -> None:
    sizes = sorted(results)
    print("\n## Embedded (networkx): build and gap queries, median seconds\n")
    print("| | " + " | ".join(f"{n:,} nodes" for n in sizes) + " | growth per 10× |")
    print("|---|" + "---:|" * len(sizes) + "---|")
    print("| edges | " + " | ".join(f"{results[n]['edges']:,}" for n in sizes) + " | |")
    rows = [("build (s)", lambda r: r["build_s"]),
            ("peak memory after build (GiB)", lambda r: r["build_peak_bytes"] / 2**30),
            ("peak memory after queries (GiB)", lambda r: r["peak_bytes"] / 2**30)]
    rows += [(f"{label} (s)", lambda r, label=label: r["queries"][label]) for label in QUERIES]
    for title, value in rows:
        figures = [value(results[n]) for n in sizes]
        growth = [f"{per_ten(a, b, m, n):.1f}×" for (a, m), (b, n) in zip(zip(figures, sizes), zip(figures[1:], sizes[1:]))
                  if a > 0]
        print(f"| {title} | " + " | ".join(f"{f:.3f}" if f < 10 else f"{f:.1f}" for f in figures)
              + f" | {', '.join(growth)} |")
    print("\nrows answered: " + "; ".join(
        f"{n:,}: " + ", ".join(f"{k} {v}" for k, v in results[n]["rows"].items()) for n in sizes))
    verdicts(results)


def per_ten(a: float, b: float, small: int, large: int) -> float:
    """How much a figure grows per tenfold size, from ``a`` at ``small`` to ``b`` at ``large``."""
    return (b / a) ** (1 / math.log10(large / small))


def verdicts(results: dict[int, dict]) -> None:
    """Each goal of the issue, met or not, as figures (never hidden)."""
    sizes = sorted(results)
    misses = []
    for small, large in zip(sizes, sizes[1:]):
        for label in QUERIES:
            a, b = results[small]["queries"][label], results[large]["queries"][label]
            if a > 0 and per_ten(a, b, small, large) > GOALS["growth"]:
                misses.append(f"{label} grows {per_ten(a, b, small, large):.1f}× per 10× "
                              f"from {small:,} to {large:,} nodes")
    top = results[sizes[-1]]
    for label in QUERIES:
        if top["queries"][label] > GOALS["query_s"]:
            misses.append(f"{label} takes {top['queries'][label]:.1f} s at {sizes[-1]:,} nodes")
    if top["build_s"] > GOALS["build_s"]:
        misses.append(f"build takes {top['build_s']:.1f} s at {sizes[-1]:,} nodes")
    if top["build_peak_bytes"] > GOALS["peak_gib"] * 2**30:
        misses.append(f"build peaks at {top['build_peak_bytes'] / 2**30:.2f} GiB")
    print("\ngoals (growth ≤ 12× per 10×; at the largest size each query ≤ 5 s, build ≤ 60 s in 4 GiB): "
          + ("all met" if not misses else "missed: " + "; ".join(misses)))


def bolt_comparison(workdir: Path, sizes: list[int], seed: int, runs: int, bolt_runs: int) -> None:
    from bolt_server import falkordb_server

    from inklusionsgraf import queries
    from inklusionsgraf.bolt import Settings, connect
    from inklusionsgraf.bolt_load import load
    from inklusionsgraf.bolt_queries import run_query
    from inklusionsgraf.build import load_graph
    from inklusionsgraf.errors import InklusionsgrafError

    print(f"\n## Embedded beside a Bolt server (FalkorDB on loopback), query time only; embedded: median of "
          f"{runs}, Bolt: median of {bolt_runs}\n")
    print("| nodes | query | embedded | Bolt | Bolt / embedded |")
    print("|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp, falkordb_server(Path(tmp)) as uri:
        with connect(Settings(uri, "falkordb", "", "bench")) as database:
            for nodes in sizes:
                graph = load_graph(dataset(workdir, nodes, seed))
                database.run("load", "clear")
                start = time.perf_counter()
                load(database, graph)
                print(f"  loaded {nodes:,} nodes into {uri} in {time.perf_counter() - start:.0f} s "
                      "(not compared)", file=sys.stderr, flush=True)
                for label, (name, args) in arguments(graph).items():
                    function = queries.QUERIES[name].function
                    embedded = timed(lambda: function(graph, *args), runs)
                    try:
                        bolt = timed(lambda: run_query(database, name, *args), bolt_runs)
                        print(f"| {nodes:,} | {label} | {embedded:.3f} | {bolt:.3f} | {bolt / embedded:.1f}× |",
                              flush=True)
                    except InklusionsgrafError as exc:
                        print(f"| {nodes:,} | {label} | {embedded:.3f} | fails: {exc} | |", flush=True)


def view_settle(workdir: Path, nodes: int, seed: int) -> None:
    from bench_view import settle_seconds
    from pages import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    directory = dataset(workdir, nodes, seed)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "view.html"
        command_line = [str(Path(sys.executable).with_name("inklusionsgraf")), "--data", str(directory),
                        "view", "-o", str(page_path)]
        start = time.perf_counter()
        done = subprocess.run(command_line, capture_output=True, text=True, check=True)
        command = time.perf_counter() - start
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            settle = settle_seconds(browser, page_path)
            browser.close()
        print(f"\n## View of {nodes:,} nodes\n")
        print(f"`inklusionsgraf view` (load, aggregate, write): {command:.1f} s; "
              f"page {page_path.stat().st_size / 1e6:.1f} MB; {done.stdout.strip() or done.stderr.strip().splitlines()[-1]}")
        print(f"headless Chromium: opened and settled in {settle:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--bolt-sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--view-size", type=int, default=100_000, help="0 to skip the view")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bolt-runs", type=int, default=1, help="runs on the Bolt server (its queries are slow)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "inklusionsgraf-bench")
    parser.add_argument("--peer", action="store_true", help="only the columnar core beside DuckDB and the "
                        "columnar limit (benchmarks/peer.py), whole calls in new processes")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.peer:
        peer_comparison(args)
        return
    if args.measure:
        print(json.dumps(measure(args.measure, args.runs)))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"# inklusionsgraf at scale (seed {args.seed}, median of {args.runs} runs; "
          f"Python {sys.version.split()[0]})")
    results = {}
    for nodes in args.sizes:
        directory = dataset(args.workdir, nodes, args.seed)
        done = subprocess.run([sys.executable, __file__, "--measure", str(directory), "--runs", str(args.runs)],
                              capture_output=True, text=True, check=True)
        results[nodes] = json.loads(done.stdout)
        print(f"  measured {nodes:,} nodes", file=sys.stderr, flush=True)
    embedded_table(results)
    if args.bolt_sizes:
        bolt_comparison(args.workdir, args.bolt_sizes, args.seed, args.runs, args.bolt_runs)
    if args.view_size:
        view_settle(args.workdir, args.view_size, args.seed)


def peer_comparison(args) -> None:
    """The columnar core (cold, warm), DuckDB (cold) and a plain pyarrow read, per size."""
    import os

    import peer

    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"# The columnar core beside DuckDB (seed {args.seed}; wall and CPU: median of {args.runs} "
          f"new processes; Python {sys.version.split()[0]}; load average at start "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)\n")
    results = {}
    with tempfile.TemporaryDirectory() as cache:
        for nodes in args.sizes:
            directory = dataset(args.workdir, nodes, args.seed)
            results[nodes] = peer.compare(directory, args.runs, Path(cache))
            print(f"  measured {nodes:,} nodes (load average {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)
    print(peer.table(results))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    print(f"\nWhat the DuckDB SQL leaves out: {peer.SQL_LEAVES_OUT}.")


if __name__ == "__main__":
    main()
