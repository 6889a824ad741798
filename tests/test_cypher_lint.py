"""Every statement in cypher/ passes Neo4j's own Cypher language support
(@neo4j-cypher/language-support's lintCypherQuery, run with Node.js) without a Neo4j server."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from inklusionsgraf import cypherfiles
from inklusionsgraf.model import EdgeKind, NodeKind
from inklusionsgraf.tables import SPECS
from inklusionsgraf.timeline import DERIVED

LINT = Path(__file__).parent / "cypher_lint"

# Every parameter the files take, with a value of its type.
PARAMETERS = {"rows": [{"id": "x", "props": {}}], "ids": ["goal:x"], "kinds": ["goal"], "year": 2013,
              "source": "funding:x", "area": "area:x", "admin": "admin:x", "id": "goal:x",
              "touched": ["activity:x"], "ending": ["activity:x"], "probe": "a",
              "from_year": 2010, "to_year": 2013}
LABELS = ["Node", "Document", *(k.value.capitalize() for k in NodeKind)]
TYPES = [k.value.upper().replace("-", "_") for k in EdgeKind]
PROPERTIES = sorted({c for spec in SPECS for c in spec.column_names} | {"kind", "key", "seq", "seq_in", "year"}
                    | set(DERIVED))


@pytest.fixture(scope="module")
def linter() -> Path:
    """The npm package, installed on first use (CI and fresh checkouts have no node_modules)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("Node.js and npm are needed to lint the Cypher files (Debian: apt-get install nodejs npm)")
    if not (LINT / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LINT, check=True)
    return LINT / "lint.mjs"


def statements() -> list[cypherfiles.Statement]:
    return [s for path in cypherfiles.files() for s in cypherfiles.parse(path.read_text("utf-8"), path.name)]


def lint(linter: Path, items: list[dict]) -> list[dict]:
    done = subprocess.run(["node", str(linter)], input=json.dumps(items), capture_output=True, text=True,
                          cwd=LINT, check=True)
    return json.loads(done.stdout)


def _request(statement: cypherfiles.Statement) -> dict:
    used = set(re.findall(r"\$(\w+)", statement.text))
    return {"file": statement.file, "name": statement.name, "line": statement.line, "text": statement.text,
            "parameters": {p: PARAMETERS[p] for p in used if p in PARAMETERS},
            "labels": LABELS, "relationshipTypes": TYPES, "propertyKeys": PROPERTIES}


def test_every_cypher_file_is_valid_for_neo4j(linter):
    found = statements()
    assert {s.file for s in found} >= {f"{q}.cypher" for q in
                                        ("unfunded", "orphans", "unlinked", "impact", "expiring", "active",
                                         "area", "deps", "load", "schema", "lineage", "changes")}
    problems = lint(linter, [_request(s) for s in found])
    assert [f"{p['file']}:{p['line']} {p['name']}: {p['severity']}: {p['message']}" for p in problems] == []


def test_the_declarations_cover_the_identity_edges():
    """SAME_AS, CONTINUES and PART_OF, and their reason and change, are declared to the linter."""
    assert {"SAME_AS", "CONTINUES", "PART_OF"} <= set(TYPES)
    assert {"reason", "change", "date", "short_title"} <= set(PROPERTIES)


def test_the_linter_catches_errors(linter):
    """The check above can fail: a syntax error, an undeclared parameter, an unknown variable."""
    broken = [{"file": "x", "name": n, "line": 1, "text": t, "parameters": {}, "labels": LABELS,
               "relationshipTypes": TYPES, "propertyKeys": PROPERTIES}
              for n, t in [("syntax", "MATCH (n:Node RETURN n"), ("parameter", "MATCH (n:Node {id: $nope}) RETURN n"),
                           ("variable", "MATCH (n:Node) RETURN m")]]
    assert {p["name"] for p in lint(linter, broken) if p["severity"] == "error"} == {"syntax", "parameter", "variable"}


def test_every_file_says_what_it_answers_and_its_parameters():
    for path in cypherfiles.files():
        head = path.read_text("utf-8").split("// name:")[0]
        assert head.startswith("//"), path.name
        assert "Parameters:" in head, path.name
