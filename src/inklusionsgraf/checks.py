"""Checks of values that parse but would mislead: absurd amounts and years, dates that are
not on the calendar, self-loops and cycles in hierarchies, duplicated edge rows, ids with
spaces around them, control characters in text, tables that are not regular files.

Written over ``tables.SPECS`` by column name and edge kind, so a new table gets them too:
every column ending in ``_dkk`` is an amount, ``year``/``start_year``/``end_year`` are years,
every ``date`` column is a date, every edge table is checked for self-loops and exact
duplicate rows, and the edge kinds in :data:`ACYCLIC` for cycles. ``tables.stream_dataset``
feeds :class:`Checks` one row at a time, as it does ``References``.

>>> from inklusionsgraf.tables import SPEC_BY_NAME, Row
>>> problems = []
>>> checks = Checks()
>>> checks.add(SPEC_BY_NAME["supports"], Row("supports.csv", 2, {"source": "goal:a", "target": "goal:a"}), problems)
>>> [p.message for p in problems]
["supports edge from 'goal:a' to itself"]
"""

from __future__ import annotations

import csv
import datetime
import os
import re
import stat
from pathlib import Path

from inklusionsgraf.errors import DataError, InklusionsgrafError, Problem
from inklusionsgraf.model import EdgeKind

FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_DKK = 10**12  # a thousand billion kroner: more than any budget the tables can hold
MAX_DIGITS = 15  # of any whole number in a table; int() of thousands of digits is slow
ACYCLIC = {EdgeKind.SUPPORTS, EdgeKind.LOCATED_IN}  # hierarchies: no way back up
YEAR_COLUMNS = ("year", "start_year", "end_year")

# C0 controls other than tab, newline and carriage return; DEL; the two non-characters
# XML forbids. A NUL in a title makes the GraphML export ill-formed.
has_control = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]").search


def check_directory(directory: Path) -> None:
    """A data folder that can be read and holds no half-switched merge."""
    from inklusionsgraf.safety import UnfinishedSwitch, pending_switch, unfinished_message

    if not os.access(directory, os.R_OK | os.X_OK):
        raise DataError([Problem(str(directory), 0, "cannot read the folder: permission denied")])
    if pending_switch(directory):
        raise UnfinishedSwitch(unfinished_message(directory))


def not_regular(path: Path, problems: list[Problem]) -> bool:
    """A problem (and True) when ``path`` exists but is not a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    if stat.S_ISLNK(mode):
        what = "a link to nothing readable"
    elif stat.S_ISDIR(mode):
        what = "a folder"
    elif stat.S_ISFIFO(mode):
        what = "a named pipe (FIFO)"
    else:
        what = "not a regular file"
    problems.append(Problem(str(path), 0, f"is {what}; a table must be a regular CSV file "
                            "(remove it, or put the table there)"))
    return True


def untrimmed(column, raw: str, file: str, line: int, problems: list[Problem]) -> None:
    """An id (or document name) with white space around it names a different thing."""
    if raw.strip() and (column.type == "id" or column.name in ("id", "document")):
        problems.append(Problem(file, line, f"{column.name} {raw!r} has white space around "
                                "it; remove it"))


def control(column, text: str, file: str, line: int, problems: list[Problem]) -> None:
    char = has_control(text).group()
    problems.append(Problem(file, line, f"{column.name} holds the control character "
                            f"U+{ord(char):04X}; remove it (it breaks exports such as GraphML)"))


class Checks:
    """Value, self-loop, duplicate and cycle checks, fed one row at a time."""

    def __init__(self):
        self._plans: dict[str, tuple] = {}
        self._table: str | None = None  # the table being read; the sets below are its own
        self._seen: set[int] = set()  # hashes of its edge rows
        self._edges: dict[str, list[str]] = {}  # source -> targets, for ACYCLIC kinds
        self._file = ""

    def add(self, spec, row, problems: list[Problem]) -> None:
        if spec.name != self._table:
            self._close(problems)
            self._table, self._file = spec.name, row.file
        plan = self._plans.get(spec.name)
        if plan is None:
            plan = self._plans[spec.name] = _plan(spec)
        amounts, years, dates = plan
        values = row.values
        for name in amounts:
            value = values.get(name)
            if value is not None and not 0 <= value <= MAX_DKK:
                problems.append(Problem(row.file, row.line, f"{name} {value} is not an amount "
                                        f"between 0 and {MAX_DKK:,} DKK"))
        for name in years:
            value = values.get(name)
            if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
                problems.append(Problem(row.file, row.line, f"{name} {value} is not a year "
                                        f"between {FIRST_YEAR} and {LAST_YEAR}"))
        for name in dates:
            value = values.get(name)
            if value is not None:
                _date(name, value, row, problems)
        if spec.edge_kind is not None:
            self._edge(spec, row, problems)

    def _edge(self, spec, row, problems: list[Problem]) -> None:
        values = row.values
        source, target = values.get("source"), values.get("target")
        if source is not None and source == target:
            problems.append(Problem(row.file, row.line, f"{spec.edge_kind} edge from "
                                    f"'{source}' to itself"))
            return
        seen = self._seen
        key = hash(tuple(values.items()))
        if key in seen:
            problems.append(Problem(row.file, row.line, f"the same {spec.edge_kind} edge "
                                    f"'{source}' -> '{target}' as an earlier row, cell for cell; "
                                    "remove one"))
        seen.add(key)
        if spec.edge_kind in ACYCLIC and source is not None and target is not None:
            self._edges.setdefault(source, []).append(target)

    def finish(self, problems: list[Problem]) -> None:
        self._close(problems)
        self._table = None

    def _close(self, problems: list[Problem]) -> None:
        """The checks of the table just read that need all its rows; then forget them
        (the peak of memory is at the end of a dataset, with the whole graph built)."""
        for cycle in _cycles(self._edges):
            line = _line_of(self._file, cycle[0], cycle[1])
            path = " -> ".join(cycle + [cycle[0]])
            problems.append(Problem(self._file, line, f"cycle in {self._table}: {path}; a "
                                    "hierarchy cannot lead back to where it starts"))
        self._edges = {}
        self._seen = set()


def _plan(spec) -> tuple:
    names = [c.name for c in spec.columns]
    return ([n for n in names if n.endswith("_dkk")],
            [n for n in names if n in YEAR_COLUMNS],
            [c.name for c in spec.columns if c.type == "date"])


def _date(name: str, value: str, row, problems: list[Problem]) -> None:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(Problem(row.file, row.line, f"{name} {value} is not a day of the "
                                "calendar"))
        return
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        problems.append(Problem(row.file, row.line, f"{name} {value} is not between "
                                f"{FIRST_YEAR} and {LAST_YEAR}"))


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """One cycle (as a list of nodes) for each strongly tied group met by a depth-first walk;
    iterative, so deep hierarchies do not hit the recursion limit."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour: dict[str, int] = {}
    found = []
    for start in edges:
        if colour.get(start, WHITE) != WHITE:
            continue
        path = [start]
        stack = [iter(edges.get(start, ()))]
        colour[start] = GREY
        while stack:
            step = next(stack[-1], None)
            if step is None:
                colour[path.pop()] = BLACK
                stack.pop()
                continue
            state = colour.get(step, WHITE)
            if state == GREY:
                found.append(path[path.index(step):])
            elif state == WHITE:
                colour[step] = GREY
                path.append(step)
                stack.append(iter(edges.get(step, ())))
    return found


def _line_of(file: str, source: str, target: str) -> int:
    """The line of the first row ``source -> target`` in an edge table (read again: only
    when a cycle was found)."""
    try:
        with open(file, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            s, t = header.index("source"), header.index("target")
            start = reader.line_num + 1
            for cells in reader:
                if len(cells) > max(s, t) and cells[s].strip() == source and cells[t].strip() == target:
                    return start
                start = reader.line_num + 1
    except (OSError, ValueError, csv.Error):
        pass
    return 0


__all__ = ["ACYCLIC", "Checks", "InklusionsgrafError", "check_directory", "has_control", "not_regular"]
