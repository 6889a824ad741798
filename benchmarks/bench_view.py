"""How long a view takes to build in Python and to settle in Chromium, by graph size.

Prints one line per case: nodes selected, nodes and edges drawn, seconds to build and write
the page, its size, and seconds from opening it (file://) until the layout has settled and
been drawn. The synthetic graphs are the tests' (tests/pages.py big_tables) at several sizes;
"raw" cases raise the threshold to show what the page would cost without aggregation.

    python benchmarks/bench_view.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests")]

from conftest import write_dataset  # noqa: E402
from pages import CHROMIUM, CHROMIUM_ARGS, big_tables  # noqa: E402

from inklusionsgraf import load_graph  # noqa: E402
from inklusionsgraf.views import THRESHOLD, write_view  # noqa: E402


def settle_seconds(browser, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.viewReady === true", timeout=600_000, polling=100)
    seconds = time.perf_counter() - start
    page.close()
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        cases = [("bundled data", load_graph(), THRESHOLD)]
        for activities in (120, 250, 420):
            graph = load_graph(write_dataset(tmp / f"big{activities}", big_tables(activities_each=activities)))
            cases.append((f"synthetic, {activities} activities x 6", graph, THRESHOLD))
            if graph.number_of_nodes() > THRESHOLD:
                cases.append((f"synthetic, {activities} x 6, raw", graph, 10 * THRESHOLD))
        print(f"{'case':36} {'selected':>8} {'drawn':>6} {'edges':>6} {'build s':>8} {'MB':>5} {'settle s':>9}")
        for name, graph, threshold in cases:
            path = tmp / "view.html"
            start = time.perf_counter()
            view = write_view(graph, path, threshold=threshold)
            build = time.perf_counter() - start
            settle = settle_seconds(browser, path)
            print(f"{name:36} {view.selected:>8} {view.nodes:>6} {view.edges:>6} {build:>8.2f} "
                  f"{path.stat().st_size / 1e6:>5.1f} {settle:>9.2f}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
