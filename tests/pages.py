"""Helpers for tests that look at generated pages: hostile titles, a big synthetic policy,
and opening a page in Debian's Chromium with every non-file request refused."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from conftest import TINY

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Text a document could carry that must stay text: each payload, if it ever ran, sets a flag.
IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "</script><script>window.__pwned=2</script>"
QUOTES = "\"'><svg onload=window.__pwned=3>&amp; \u2028 slut"
FORMULA = "=HYPERLINK(\"http://example.invalid\",\"klik\")"


def hostile_tables() -> dict:
    """The tiny policy with markup, script and formula text in titles and quotes."""
    tables = copy.deepcopy(TINY)
    goals = {g["id"]: g for g in tables["goals"]}
    goals["goal:sub-c"]["title"] = IMG
    goals["goal:sub-c"]["quote"] = SCRIPT
    goals["goal:pol-3"]["title"] = FORMULA
    goals["goal:pol-3"]["quote"] = QUOTES
    activities = {a["id"]: a for a in tables["activities"]}
    activities["activity:y"]["title"] = SCRIPT
    tables["supports"][1]["quote"] = IMG  # an edge's quote, too
    return tables


def big_tables(admins: int = 6, goals_each: int = 40, activities_each: int = 420, places: int = 1,
               orphans: int = 0) -> dict:
    """A synthetic policy of a few thousand nodes: each administration with its goals and
    activities, every activity supporting one goal and led by its administration. With
    ``places`` > 1, each municipality has its own plan and administrations of the same
    abbreviations (ids admin:m1-f0, ...); the last ``orphans`` goals of each get no activity."""
    p = {"document": "plan.txt", "line": 1, "quote": "citat"}
    tables = {"documents": [], "administrations": [], "goals": [], "activities": [], "supports": [], "responsible": []}
    for m in range(places):
        document = "plan.txt" if places == 1 else f"plan-{m}.txt"
        tables["documents"].append({"id": document, "title": "Plan", "kind": "handleplan", "year": 2013,
                                    "document": document, "line": 1, "quote": "citat",
                                    **({"municipality": f"Kommune {m}"} if places > 1 else {})})
        p = {"document": document, "line": 1, "quote": "citat"}
        prefix = "" if places == 1 else f"m{m}-"
        for a in range(admins):
            admin = f"admin:{prefix}f{a}"
            tables["administrations"].append({"id": admin, "title": f"Forvaltning {a}", "abbreviation": f"F{a}",
                                              "level": "administration", **p})
            for g in range(goals_each):
                tables["goals"].append({"id": f"goal:{prefix}f{a}-{g}", "title": f"Mål {a}.{g}", "level": "sub_goal",
                                        "administration": admin, **p})
            for n in range(activities_each):
                activity = f"activity:{prefix}f{a}-{n}"
                tables["activities"].append({"id": activity, "title": f"Aktivitet {a}.{n}", "start_year": 2011,
                                             "end_year": 2012 + n % 3, **p})
                tables["supports"].append({"source": activity,
                                           "target": f"goal:{prefix}f{a}-{n % (goals_each - orphans)}", **p})
                tables["responsible"].append({"source": admin, "target": activity, "role": "lead", **p})
    return tables


@dataclass
class OpenedPage:
    page: object
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def counts(self) -> tuple[int, int]:
        """(nodes, edges) the page says it shows, checked against the network's own views."""
        shown = self.page.evaluate("[inklusionsgraf.nodes.length, inklusionsgraf.edges.length]")
        panel = self.page.locator("#counts")
        said = (int(panel.get_attribute("data-nodes")), int(panel.get_attribute("data-edges")))
        drawn = self.page.evaluate(
            "[inklusionsgraf.network.body.nodeIndices.length, inklusionsgraf.network.body.edgeIndices.length]")
        assert tuple(shown) == said == tuple(drawn), (shown, said, drawn)
        return said

    def visible_ids(self) -> set[str]:
        return set(self.page.evaluate("inklusionsgraf.nodes.getIds()"))

    def choose(self, select_id: str, value) -> None:
        self.page.select_option(f"#{select_id}", str(value))
        self.settle()

    def settle(self) -> None:
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def click_node(self, node: str) -> None:
        """A real mouse click where the node is drawn."""
        x, y = self.page.evaluate("""id => {
            const net = inklusionsgraf.network, p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""", node)
        self.page.mouse.click(x, y)
        self.settle()

    def hover_node(self, node: str) -> str:
        """Move the mouse onto a node and return the tooltip's text."""
        x, y = self.page.evaluate("""id => {
            const net = inklusionsgraf.network, p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""", node)
        self.page.mouse.move(x - 30, y - 30)
        self.page.mouse.move(x, y, steps=5)
        tip = self.page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        return tip.inner_text()


def open_page(browser, path: Path, viewport=(1200, 800), fragment: str = "") -> OpenedPage:
    """Open ``path`` from file:// (with ``fragment`` after the #), refuse and record any other
    request, wait until drawn."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
    opened = OpenedPage(page)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            opened.refused.append(r.request.url)
            r.abort()
    page.route("**/*", route)
    page.goto(path.as_uri() + (f"#{fragment}" if fragment else ""))
    page.wait_for_function("window.viewReady === true", timeout=120_000)
    return opened


def edges_between(graph, nodes) -> int:
    kept = set(nodes)
    return sum(1 for u, v in graph.edges() if u in kept and v in kept)


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
