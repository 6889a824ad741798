"""Make the README's screenshots of the view.

Builds each page with the library, opens it from file:// in Debian's Chromium (through
Playwright, every non-file request refused), waits until it is drawn, and saves

    exports/graph-default.png     the whole bundled graph
    exports/graph-focus.png       one node's neighbourhood in a year, its tooltip open (default:
                                  the Etnisk Erhvervsfremme funding source, depth 2, 2013)
    exports/graph-admin.png       one administration's part (default: TMF)
    exports/graph-aggregated.png  a synthetic dataset of 20,000 nodes (seed 1), aggregated,
                                  with one group opened (default: BIF København's goals)

    python scripts/screenshots.py [--focus NAME] [--depth N] [--year Y] [--admin NAME] [--lang da|en]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from inklusionsgraf import load_graph
from inklusionsgraf.names import resolve_any
from inklusionsgraf.synth import write_synthetic
from inklusionsgraf.views import write_view

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SETTLED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def screenshot(page_file: Path, png: Path, browser, hover: str | None = None, open_group: str | None = None) -> None:
    page = browser.new_page(viewport={"width": 1500, "height": 950}, device_scale_factor=1)
    refused = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (refused.append(route.request.url), route.abort()))
    page.goto(page_file.as_uri())
    page.wait_for_function("window.viewReady === true", timeout=120_000)
    if open_group:
        if not page.evaluate("id => inklusionsgraf.openGroup(id)", open_group):
            raise SystemExit(f"{page_file.name}: could not open {open_group}")
        page.evaluate(SETTLED)
    if hover:
        x, y = page.evaluate("""id => {
            const net = inklusionsgraf.network, p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""", hover)
        page.mouse.move(x, y, steps=4)
        page.locator("div.vis-tooltip").wait_for(state="visible")
    page.evaluate(SETTLED)
    page.screenshot(path=str(png))
    page.close()
    if refused:
        raise SystemExit(f"{page_file.name} asked the network for {refused}")
    print(f"wrote {png.relative_to(REPO)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--focus", default="funding:etnisk-erhvervsfremme")
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--year", type=int, default=2013)
    parser.add_argument("--admin", default="TMF")
    parser.add_argument("--group", default="group:admin:kobenhavn-bif:goal",
                        help="The group to open in the aggregated view.")
    parser.add_argument("--lang", default="da")
    options = parser.parse_args()
    graph = load_graph()
    exports = REPO / "exports"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        write_view(graph, tmp / "graph.html", lang=options.lang)
        screenshot(tmp / "graph.html", exports / "graph-default.png", browser)
        write_view(graph, tmp / "focus.html", focus=options.focus, depth=options.depth, year=options.year,
                   lang=options.lang)
        screenshot(tmp / "focus.html", exports / "graph-focus.png", browser, hover=resolve_any(graph, options.focus))
        write_view(graph, tmp / "admin.html", admin=[options.admin], lang=options.lang)
        screenshot(tmp / "admin.html", exports / "graph-admin.png", browser)
        write_synthetic(tmp / "synth", 20_000, seed=1)
        write_view(load_graph(tmp / "synth"), tmp / "aggregated.html", lang=options.lang)
        screenshot(tmp / "aggregated.html", exports / "graph-aggregated.png", browser, open_group=options.group)
        browser.close()


if __name__ == "__main__":
    main()
