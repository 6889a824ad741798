"""Make the README's screenshots: the default view and a focused view of the bundled data.

Builds both pages with the library, opens each from file:// in Debian's Chromium (through
Playwright, every non-file request refused), waits until the layout has settled, and saves

    exports/graph-default.png   the whole graph
    exports/graph-focus.png     one node's neighbourhood in a year, its tooltip open (default:
                                the Etnisk Erhvervsfremme funding source, depth 2, 2013)

    python scripts/screenshots.py [--focus NAME] [--depth N] [--year Y] [--lang da|en]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from inklusionsgraf import load_graph
from inklusionsgraf.names import resolve
from inklusionsgraf.views import write_view

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def screenshot(page_file: Path, png: Path, browser, hover: str | None = None) -> None:
    page = browser.new_page(viewport={"width": 1500, "height": 950}, device_scale_factor=1)
    refused = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (refused.append(route.request.url), route.abort()))
    page.goto(page_file.as_uri())
    page.wait_for_function("window.viewReady === true", timeout=120_000)
    if hover:
        x, y = page.evaluate("""id => {
            const net = inklusionsgraf.network, p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""", hover)
        page.mouse.move(x, y, steps=4)
        page.locator("div.vis-tooltip").wait_for(state="visible")
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
    parser.add_argument("--lang", default="da")
    options = parser.parse_args()
    graph = load_graph()
    exports = REPO / "exports"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        default = Path(tmp) / "graph.html"
        write_view(graph, default, lang=options.lang)
        screenshot(default, exports / "graph-default.png", browser)
        focused = Path(tmp) / "graph-focus.html"
        write_view(graph, focused, focus=options.focus, depth=options.depth, year=options.year, lang=options.lang)
        screenshot(focused, exports / "graph-focus.png", browser, hover=resolve(graph, options.focus))
        browser.close()


if __name__ == "__main__":
    main()
