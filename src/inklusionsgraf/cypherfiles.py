"""The Cypher files in ``cypher/``: one file per question, each holding named statements.

A file starts with comments saying what it answers and which parameters it takes; each
statement follows a ``// name: NAME`` line and ends with ``;``. The files are the only
Cypher the project runs, so what a person pastes into Neo4j Browser is what the CLI runs.

>>> statement("orphans", "goals").text
'MATCH (g:Goal) RETURN count(g) AS goals'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

_NAME_LINE = re.compile(r"^//\s*name:\s*(\S+)\s*$")


@dataclass(frozen=True)
class Statement:
    file: str
    name: str
    line: int
    text: str


def cypher_dir() -> Path:
    """``cypher/`` of a checkout, or the copy installed inside the package."""
    package = Path(__file__).resolve().parent
    for candidate in (package.parents[1] / "cypher", package / "cypher"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the cypher/ directory is missing from this installation")


def files() -> list[Path]:
    return sorted(cypher_dir().glob("*.cypher"))


@functools.cache
def statements(name: str) -> dict[str, Statement]:
    """The named statements of ``cypher/NAME.cypher``, in file order."""
    path = cypher_dir() / f"{name}.cypher"
    return {s.name: s for s in parse(path.read_text(encoding="utf-8"), path.name)}


def statement(file: str, name: str) -> Statement:
    return statements(file)[name]


def parse(text: str, file: str = "<text>") -> list[Statement]:
    """Split a file into its named statements (comments inside a statement are kept)."""
    found: list[Statement] = []
    name, start, body = None, 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _NAME_LINE.match(line.strip())
        if match and not body:
            name, start = match.group(1), number
            continue
        if name is None:
            continue
        body.append(line)
        if line.rstrip().endswith(";"):
            code = "\n".join(b for b in body if not b.strip().startswith("//")).strip()
            found.append(Statement(file, name, start, code.rstrip(";").rstrip()))
            name, body = None, []
    if name is not None:
        raise ValueError(f"{file}:{start}: statement '{name}' does not end with ';'")
    return found
