"""How long a view takes to build in Python and to settle in Chromium, and how big it is.

Prints one line per case: nodes selected, nodes and edges drawn, seconds to build and write
the page, its size, seconds from opening it (file://) until it is drawn and ready, and, for an
aggregated page, seconds to open its biggest group that fits under the node limit. Cases: the
bundled data, and synthetic datasets (``inklusionsgraf synth``, seed 1) of 2·10⁴ and 10⁵
nodes, which the view aggregates.

    python benchmarks/bench_view.py [--sizes 20000 100000]

To compare with another version of the package (say, main's), run the same script with that
version's ``src`` first on the path:

    PYTHONPATH=/path/to/main/src python benchmarks/bench_view.py
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.append(str(REPO / "tests"))

from pages import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

import inklusionsgraf  # noqa: E402
from inklusionsgraf import load_graph  # noqa: E402
from inklusionsgraf.synth import write_synthetic  # noqa: E402
from inklusionsgraf.views import THRESHOLD, write_view  # noqa: E402

OPEN_BIGGEST = """() => new Promise(done => {
    if (!window.inklusionsgraf.openGroup) return done(null);
    const groups = inklusionsgraf.all.get({filter: n => n.meta.group && n.meta.count <= 1500});
    if (!groups.length) return done(null);
    const biggest = groups.sort((a, b) => b.meta.count - a.meta.count)[0];
    const start = performance.now();
    inklusionsgraf.openGroup(biggest.id);
    requestAnimationFrame(() => requestAnimationFrame(() => done([(performance.now() - start) / 1000, biggest.meta.count])));
})"""


def settle_seconds(browser, path: Path, page_out: list | None = None) -> float:
    """Seconds from opening ``path`` until the page says it is drawn and ready."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.viewReady === true", timeout=600_000, polling=100)
    seconds = time.perf_counter() - start
    if page_out is not None:
        page_out.append(page)
    else:
        page.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[20_000, 100_000])
    options = parser.parse_args()
    print(f"inklusionsgraf from {Path(inklusionsgraf.__file__).parent}", flush=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        cases = [("bundled data", lambda: load_graph())]
        for size in options.sizes:
            def synthetic(size=size):
                write_synthetic(tmp / f"synth{size}", size, seed=1)
                return load_graph(tmp / f"synth{size}")
            cases.append((f"synth {size:,} nodes", synthetic))
        print(f"{'case':22} {'selected':>8} {'drawn':>6} {'edges':>6} {'build s':>8} {'MB':>5} {'settle s':>9}"
              f" {'open s (members)':>17}", flush=True)
        for name, make in cases:
            graph = make()
            path = tmp / "view.html"
            start = time.perf_counter()
            view = write_view(graph, path, threshold=THRESHOLD)
            build = time.perf_counter() - start
            pages: list = []
            settle = settle_seconds(browser, path, pages)
            opened = pages[0].evaluate(OPEN_BIGGEST) if view.aggregated else None
            pages[0].close()
            opening = f"{opened[0]:.2f} ({opened[1]})" if opened else "-"
            print(f"{name:22} {view.selected:>8} {view.nodes:>6} {view.edges:>6} {build:>8.2f} "
                  f"{path.stat().st_size / 1e6:>5.1f} {settle:>9.2f} {opening:>17}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
