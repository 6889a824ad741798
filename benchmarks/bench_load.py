"""Batched load versus a row at a time, against a real Bolt server (FalkorDB on loopback).

    python benchmarks/bench_load.py [--copies N] [--runs R]

Loads the bundled graph (and a graph of N renamed copies of it) with the load command's
batches, then one row per statement, and prints entities (documents, nodes, edges) per second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bolt_server import falkordb_server  # noqa: E402

from inklusionsgraf import load_graph  # noqa: E402
from inklusionsgraf.bolt import Settings, connect  # noqa: E402
from inklusionsgraf.bolt_load import BATCH_SIZE, count, load  # noqa: E402


def copies(graph: nx.MultiDiGraph, n: int) -> nx.MultiDiGraph:
    """``n`` copies of ``graph`` with the ids of each copy suffixed, in one graph."""
    if n == 1:
        return graph
    combined = nx.MultiDiGraph()
    combined.graph["documents"] = graph.graph["documents"]
    for i in range(n):
        rename = {node: f"{node}-{i}" for node in graph}
        combined.update(nx.relabel_nodes(graph, rename, copy=True))
    return combined


def entities(graph: nx.MultiDiGraph) -> int:
    return len(graph.graph["documents"]) + graph.number_of_nodes() + graph.number_of_edges()


def timed_load(database, graph, batch_size: int) -> float:
    database.run("load", "clear")
    start = time.perf_counter()
    load(database, graph, batch_size=batch_size)
    elapsed = time.perf_counter() - start
    assert count(database) == (graph.number_of_nodes(), graph.number_of_edges())
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bundled = load_graph()
    graphs = [("bundled", bundled), (f"{args.copies} copies", copies(bundled, args.copies))]
    with tempfile.TemporaryDirectory() as tmp, falkordb_server(Path(tmp)) as uri:
        with connect(Settings(uri, "falkordb", "", "bench")) as database:
            print(f"server {uri} (FalkorDB); parameters pasted into the query text: "
                  f"{database.pastes_parameters}, so a statement carries at most "
                  f"{database.parameter_budget} bytes of them")
            print(f"{'graph':<12} {'entities':>9} {'mode':<22} {'median s':>9} {'entities/s':>11}")
            for label, graph in graphs:
                n = entities(graph)
                rates = {}
                for mode, batch_size in ((f"batched ({BATCH_SIZE} rows max)", BATCH_SIZE), ("row at a time", 1)):
                    seconds = statistics.median(timed_load(database, graph, batch_size) for _ in range(args.runs))
                    rates[mode] = n / seconds
                    print(f"{label:<12} {n:>9} {mode:<22} {seconds:>9.2f} {n / seconds:>11.0f}")
                first, second = rates.values()
                print(f"{'':<12} {'':>9} {'batched / row at a time':<22} {'':>9} {first / second:>10.1f}x")


if __name__ == "__main__":
    main()
