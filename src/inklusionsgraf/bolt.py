"""A connection to a Neo4j-compatible server over Bolt, with the project's error messages.

Statements come only from ``cypher/`` (see :mod:`inklusionsgraf.cypherfiles`); values always
travel as parameters. The password is never printed or put in a message.

>>> with connect(Settings("bolt://127.0.0.1:7687", "neo4j", "secret")) as db:  # doctest: +SKIP
...     db.run("orphans", "goals")
[{'goals': 61}]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from inklusionsgraf.cypherfiles import statement
from inklusionsgraf.errors import InklusionsgrafError

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

# Sent once on connecting: a server that pastes parameters into the query text (FalkorDB's
# Bolt layer does) returns a tab here instead of a backslash and a 't'.
_PROBE = "a\\tb"

# Such a server also crashes when the pasted parameters pass about 4 KB, so statements sent
# to it carry at most this many bytes of parameters (measured as JSON).
PASTED_PARAMETER_BUDGET = 3000


class ConnectionFailed(InklusionsgrafError):
    """The server cannot be reached, refuses the credentials or the first statement."""


@dataclass(frozen=True)
class Settings:
    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = field(default="", repr=False)
    database: str | None = None


class Database:
    """An open driver and what it needs to run the project's statements on this server."""

    def __init__(self, driver, settings: Settings):
        self.driver = driver
        self.settings = settings
        self.pastes_parameters = False
        # One session, auto-commit statements: a managed transaction per statement costs
        # tens of milliseconds more on a server on loopback.
        self.session = driver.session(database=settings.database)

    @property
    def parameter_budget(self) -> int | None:
        """Bytes of parameters one statement may carry on this server (None: no limit)."""
        return PASTED_PARAMETER_BUDGET if self.pastes_parameters else None

    def run(self, file: str, name: str, **parameters: Any) -> list[dict[str, Any]]:
        """Run statement ``name`` of ``cypher/FILE.cypher``; the records as dicts."""
        from neo4j.exceptions import Neo4jError

        if self.pastes_parameters:
            size = parameter_size(parameters)
            if size > PASTED_PARAMETER_BUDGET:
                raise InklusionsgrafError(
                    f"a statement's parameters ({size} bytes) pass what {self.settings.uri} accepts "
                    f"({PASTED_PARAMETER_BUDGET} bytes: it pastes parameters into the query text)")
            parameters = _escape_for_pasting(parameters)
        try:
            return [record.data() for record in self.session.run(statement(file, name).text, parameters)]
        except Neo4jError as exc:
            raise InklusionsgrafError(f"the server at {self.settings.uri} refused a statement: "
                                      f"{exc.code}: {_first_line(exc.message)}") from exc

    def run_chunked(self, file: str, name: str, key: str, items: list,
                    **parameters: Any) -> list[dict[str, Any]]:
        """Run a statement that UNWINDs ``$key`` once per chunk of ``items`` that fits the
        server's parameter budget; the records of all chunks in order."""
        records: list[dict[str, Any]] = []
        for chunk in chunks(items, self.parameter_budget):
            records += self.run(file, name, **{key: chunk}, **parameters)
        return records

    def close(self) -> None:
        self.session.close()
        self.driver.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def connect(settings: Settings, timeouts: tuple[float, ...] = (1, 5, 15)) -> Database:
    """Open a driver and check the server answers; one clear error if it does not.

    One attempt per entry of ``timeouts`` (seconds to open a connection): FalkorDB's Bolt
    layer leaves the first handshake after a closed connection unanswered, and the next
    attempt gets through.
    """
    import neo4j
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

    where = f"{settings.uri} as user '{settings.user}'"
    scheme = settings.uri.partition("://")[0]
    if scheme not in BOLT_SCHEMES:
        raise ConnectionFailed(f"--uri {settings.uri} is not a Bolt address; it must start with "
                               + ", ".join(f"{s}://" for s in BOLT_SCHEMES))
    for attempt, timeout in enumerate(timeouts, start=1):
        try:
            driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                                connection_timeout=timeout,
                                                connection_acquisition_timeout=timeout)
        except ValueError as exc:  # neo4j's ConfigurationError is one too
            raise ConnectionFailed(f"--uri {settings.uri} is not a valid Bolt address: "
                                   f"{_first_line(str(exc))}") from None
        database = Database(driver, settings)
        try:
            probe = database.session.run(statement("context", "probe").text, {"probe": _PROBE}).single()["probe"]
        except ServiceUnavailable as exc:
            database.close()
            if attempt == len(timeouts):
                raise ConnectionFailed(f"cannot reach a Bolt server at {settings.uri}: "
                                       f"{_last_line(str(exc))}") from exc
        except AuthError as exc:
            database.close()
            raise ConnectionFailed(f"authentication failed at {where}") from exc
        except Neo4jError as exc:
            database.close()
            raise ConnectionFailed(f"the server at {where} refused the first statement "
                                   f"({exc.code}: {_first_line(exc.message)}); "
                                   "check --user, --password and --database") from exc
        else:
            database.pastes_parameters = probe != _PROBE
            return database
    raise AssertionError("unreachable")


def settings_from(uri: str | None, user: str | None, password: str | None,
                  database: str | None) -> Settings:
    """Settings from options already merged with NEO4J_* variables (click does that)."""
    return Settings(uri or DEFAULT_URI, user or DEFAULT_USER, password or "", database or None)


def parameter_size(value: Any) -> int:
    """Bytes of ``value`` written as JSON: what a server that pastes parameters receives."""
    return len(json.dumps(value, ensure_ascii=False, default=str).encode("utf-8"))


def chunks(items: list, budget: int | None, limit: int | None = None) -> list[list]:
    """Split ``items`` into lists of at most ``limit`` items and ``budget`` bytes each."""
    if budget is None and limit is None:
        return [items] if items else []
    result: list[list] = []
    current: list = []
    size = 2
    for item in items:
        item_size = parameter_size(item) + 1
        full = (limit is not None and len(current) >= limit) or \
               (budget is not None and size + item_size > budget - 200)
        if current and full:
            result.append(current)
            current, size = [], 2
        current.append(item)
        size += item_size
    if current:
        result.append(current)
    return result


def _escape_for_pasting(value: Any) -> Any:
    """Escape strings so a server that pastes parameters into the query text as quoted
    literals reads them back unchanged."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, dict):
        return {k: _escape_for_pasting(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_escape_for_pasting(v) for v in value]
    return value


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no details"


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "no details"
