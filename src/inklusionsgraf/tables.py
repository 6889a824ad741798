"""The CSV tables in data/: column specs, reading with line numbers, and checks.

Reading never raises on bad data: every defect becomes a :class:`Problem` naming the file
and line, and :func:`read_dataset` raises one :class:`DataError` carrying all of them.

>>> dataset = read_dataset(bundled_data_dir())
>>> len(dataset.rows("administrations")) > 5
True
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from inklusionsgraf import checks
from inklusionsgraf.errors import DataError, Problem
from inklusionsgraf.model import (
    EDGE_ENDPOINTS,
    IDENTITY_EDGES,
    Basis,
    Change,
    Condition,
    EdgeKind,
    EndKind,
    FundingStatus,
    GoalLevel,
    NodeKind,
)

PROVENANCE = ("document", "line", "quote")
MAX_QUOTE = 200

TEXT, INT, DATE, ID, ALIASES = "text", "int", "date", "id", "aliases"


@dataclass(frozen=True)
class Column:
    name: str
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    refers_to: NodeKind | None = None  # for ID columns that name another node
    optional: bool = False  # may be left out of the header (added after the format's first version)


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    node_kind: NodeKind | None = None
    edge_kind: EdgeKind | None = None
    required: bool = True

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _choices(enum) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def _provenance() -> tuple[Column, ...]:
    return (Column("document", required=True), Column("line", INT, required=True),
            Column("quote", required=True))


def _period(dates: bool = True, end_kind: bool = True) -> tuple[Column, ...]:
    cols = [Column("start_year", INT), Column("end_year", INT)]
    if dates:
        cols += [Column("start_date", DATE), Column("end_date", DATE)]
    if end_kind:
        cols.append(Column("end_kind", choices=_choices(EndKind)))
    return tuple(cols)


def _node(name, kind, *columns) -> TableSpec:
    head = (Column("id", ID, required=True), Column("title", required=True))
    return TableSpec(name, head + columns + _provenance(), node_kind=kind)


def _edge(name, kind, *columns) -> TableSpec:
    head = (Column("source", ID, required=True), Column("target", ID, required=True))
    return TableSpec(name, head + columns + _provenance(), edge_kind=kind, required=False)


def _link(name, kind, *columns) -> TableSpec:
    """An identity edge table: the line that says so (provenance) or, where no line says it,
    a ``reason`` a reviewer can check; one of the two is needed (References checks it)."""
    head = (Column("source", ID, required=True), Column("target", ID, required=True))
    tail = (Column("reason"), Column("document"), Column("line", INT), Column("quote"))
    return TableSpec(name, head + columns + tail, edge_kind=kind, required=False)


ADMIN_LEVELS = ("administration", "unit", "committee", "council", "municipality", "external")
FUNDING_TYPES = ("municipal_budget", "municipal_frame", "state", "eu", "fund", "partnership", "other")
AREA_TYPES = ("city", "district", "urban_area", "housing_estate", "site", "group")
ACTIVITY_STATUSES = ("ongoing", "planned", "proposed", "ended", "option")
DOCUMENT_KINDS = ("handleplan", "statusskema", "initiativaftale", "afrapportering", "other")

DOCUMENTS = TableSpec(
    "documents",
    (
        Column("id", required=True),
        Column("title", required=True),
        Column("kind", choices=DOCUMENT_KINDS),
        Column("administration", ID, refers_to=NodeKind.ADMINISTRATION),
        Column("year", INT),
        Column("date", DATE, optional=True),
        Column("short_title", optional=True),
        Column("municipality", optional=True),
        Column("line", INT, required=True),
        Column("quote", required=True),
    ),
)

SPECS: tuple[TableSpec, ...] = (
    DOCUMENTS,
    _node("administrations", NodeKind.ADMINISTRATION,
          Column("abbreviation"), Column("level", required=True, choices=ADMIN_LEVELS),
          Column("aliases", ALIASES), Column("review", optional=True)),
    _node("goals", NodeKind.GOAL,
          Column("level", required=True, choices=_choices(GoalLevel)), Column("code"),
          Column("administration", ID, refers_to=NodeKind.ADMINISTRATION),
          Column("start_year", INT), Column("end_year", INT), Column("aliases", ALIASES)),
    _node("activities", NodeKind.ACTIVITY,
          Column("status", choices=ACTIVITY_STATUSES), *_period(),
          Column("cost_min_dkk", INT), Column("cost_max_dkk", INT),
          Column("cost_basis", choices=_choices(Basis)), Column("cost_text"),
          Column("aliases", ALIASES)),
    _node("funding_sources", NodeKind.FUNDING,
          Column("type", required=True, choices=FUNDING_TYPES),
          Column("controller", ID, refers_to=NodeKind.ADMINISTRATION),
          Column("start_year", INT), Column("end_year", INT), Column("end_date", DATE),
          Column("end_kind", choices=_choices(EndKind)), Column("aliases", ALIASES),
          Column("review", optional=True)),
    _node("areas", NodeKind.AREA,
          Column("type", required=True, choices=AREA_TYPES), Column("aliases", ALIASES),
          Column("review", optional=True)),
    _edge("supports", EdgeKind.SUPPORTS),
    _edge("funds", EdgeKind.FUNDS,
          Column("status", required=True, choices=_choices(FundingStatus)),
          Column("min_dkk", INT), Column("max_dkk", INT), Column("basis", choices=_choices(Basis)),
          Column("amount_text"), Column("start_year", INT), Column("end_year", INT)),
    _edge("located_in", EdgeKind.LOCATED_IN),
    _edge("responsible", EdgeKind.RESPONSIBLE,
          Column("role", required=True, choices=("lead", "partner", "oversight", "adopted")),
          *_period(end_kind=False)),
    _edge("depends_on", EdgeKind.DEPENDS_ON,
          Column("condition", required=True, choices=(*_choices(Condition), "provided"))),
    _link("same_as", EdgeKind.SAME_AS),
    _link("continues", EdgeKind.CONTINUES, Column("change", required=True, choices=_choices(Change))),
    _link("part_of", EdgeKind.PART_OF),
)
SPEC_BY_NAME = {spec.name: spec for spec in SPECS}

# Pairs of columns whose first must not come after the second.
_ORDERED = (("start_year", "end_year"), ("start_date", "end_date"),
            ("min_dkk", "max_dkk"), ("cost_min_dkk", "cost_max_dkk"))
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT = re.compile(r"-?[0-9]+")  # ASCII digits only: int() would also read other scripts' digits
_ID_BODY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass
class Row:
    """One parsed row: its values by column name (an empty cell may be left out: it reads as
    None), and where it stands."""

    file: str
    line: int
    values: dict[str, Any]

    def __getitem__(self, column: str) -> Any:
        return self.values.get(column)


@dataclass
class Dataset:
    """The tables of one data directory, parsed and checked."""

    directory: Path
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])


def bundled_data_dir() -> Path:
    """The dataset shipped with the package: the checkout's data/, or the installed copy."""
    checkout = Path(__file__).resolve().parents[2] / "data"
    if (checkout / "documents.csv").is_file():
        return checkout
    return Path(__file__).resolve().parent / "data"


def read_dataset(directory: str | Path | None = None, *, check: bool = True) -> Dataset:
    """Read every table of a data directory; raise DataError listing all problems found."""
    dataset = Dataset(data_directory(directory), {spec.name: [] for spec in SPECS})
    for spec, row in stream_dataset(dataset.directory, check=check):
        row.values = {c.name: row.values.get(c.name, [] if c.type == ALIASES else None)
                      for c in spec.columns}
        dataset.tables[spec.name].append(row)
    return dataset


def count_rows(directory: str | Path | None = None) -> dict[str, int]:
    """Check every table as :func:`read_dataset` does, keeping no row: the rows per table,
    or DataError listing every problem. For datasets too big to hold as rows."""
    counts = {spec.name: 0 for spec in SPECS}
    for spec, _ in stream_dataset(data_directory(directory)):
        counts[spec.name] += 1
    return counts


def stream_dataset(directory: Path, *, check: bool = True) -> Iterator[tuple[TableSpec, Row]]:
    """Every row of every table in the order of SPECS (documents, nodes, edges), checked as
    it comes (``check``: also across tables). Rows are given only while no problem has been
    found; reading goes on to the end so that DataError, raised last, lists every problem.
    The rows' values leave out empty cells (``Row`` reads them as None)."""
    problems: list[Problem] = []
    references = References()
    sanity = checks.Checks()
    canonical: dict[str, str] = {}
    for spec in SPECS:
        for row in iter_rows(directory, spec, problems, canonical):
            if check:
                references.add(spec, row, problems)
                sanity.add(spec, row, problems)
            if not problems:
                yield spec, row
    if check:
        references.finish(problems)
        sanity.finish(problems)
    if problems:
        raise DataError(problems)


def data_directory(directory: str | Path | None) -> Path:
    """``directory``, or the bundled data if None; DataError if it is not a directory."""
    directory = Path(directory) if directory is not None else bundled_data_dir()
    if not directory.is_dir():
        raise DataError([Problem(str(directory), 0, "not a directory; pass --data DIR with the tables")])
    checks.check_directory(directory)
    return directory


def iter_rows(directory: Path, spec: TableSpec, problems: list[Problem],
              canonical: dict[str, str] | None = None) -> Iterator[Row]:
    """The parsed rows of one table, one at a time; defects are appended to ``problems``.
    Ids, codes and document names are shared through ``canonical`` (pass one dict for a
    whole dataset, so an edge's ends are the very strings of its nodes' ids)."""
    path = directory / spec.file
    name = str(path)
    if not path.is_file():
        if checks.not_regular(path, problems):
            return
        if spec.required:
            problems.append(Problem(name, 1, f"table is missing; expected columns: "
                                    f"{','.join(spec.column_names)}"))
        return
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        problems.append(Problem(name, 0, f"cannot read the table: {exc.strerror}"))
        return
    with handle:
        try:
            yield from _rows(csv.reader(handle, strict=True), spec, name, problems, canonical)
        except UnicodeDecodeError:
            _not_utf8(path, name, problems)
        except OSError as exc:
            problems.append(Problem(name, 0, f"cannot read the table: {exc.strerror}"))


def _rows(reader, spec: TableSpec, name: str, problems: list[Problem],
          canonical: dict[str, str] | None) -> Iterator[Row]:
    plan = None
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not "".join(cells).strip():
                continue
            if plan is None:
                header = [c.strip() for c in cells]
                if not _check_header(header, spec, name, problems):
                    return
                plan = _Plan(header, spec, {} if canonical is None else canonical)
                continue
            if len(cells) != plan.width:
                hint = " (truncated row?)" if len(cells) < plan.width else ""
                problems.append(Problem(name, line, f"row has {len(cells)} fields, the "
                                        f"header has {plan.width}{hint}"))
                continue
            yield Row(name, line, plan.parse(cells, name, line, problems))
        else:
            if plan is None:
                problems.append(Problem(name, 1, "file is empty; expected a header row: "
                                        f"{','.join(spec.column_names)}"))
    except csv.Error as exc:
        problems.append(Problem(name, start, f"cannot read CSV: {exc} (truncated file?)"))


def _not_utf8(path: Path, name: str, problems: list[Problem]) -> None:
    """Name the line of the first byte that is not UTF-8 (read again, only on this error)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(name, line, f"not UTF-8 (byte 0x{data[exc.start]:02x}); "
                                "save the file as UTF-8"))


def _check_header(header: list[str], spec: TableSpec, name: str, problems: list[Problem]) -> bool:
    expected = spec.column_names
    missing = [c.name for c in spec.columns if c.name not in header and not c.optional]
    extra = [c for c in header if c not in expected]
    seen: set[str] = set()
    doubled = [c for c in header if c in seen or seen.add(c)]
    for column in missing:
        problems.append(Problem(name, 1, f"missing column '{column}'"))
    for column in extra:
        problems.append(Problem(name, 1, f"unknown column '{column}'{_did_you_mean(column, expected)}"))
    for column in doubled:
        problems.append(Problem(name, 1, f"column '{column}' appears twice"))
    return not (missing or extra or doubled)


_PLAIN, _SHARED, _NUMBER, _OTHER = range(4)  # how a cell is read


class _Plan:
    """How to parse the cells of one table's rows, given its header. A parsed row leaves
    out the empty cells (``Row`` reads them as None)."""

    def __init__(self, header: list[str], spec: TableSpec, canonical: dict[str, str]):
        self.width = len(header)
        where = {name: i for i, name in enumerate(header)}
        self.columns = [(c.name, where[c.name], c.required, _how(c), c)
                        for c in spec.columns if c.name in where]
        self.ordered = [(a, b) for a, b in _ORDERED if a in where and b in where]
        self.canonical = canonical  # one string object per id, code and document name

    def parse(self, cells: list[str], file: str, line: int, problems: list[Problem]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        canonical = self.canonical
        for name, index, required, how, column in self.columns:
            text = cells[index].strip()
            if text is not cells[index] and text != cells[index]:
                checks.untrimmed(column, cells[index], file, line, problems)
            if not text:
                if required:
                    problems.append(Problem(file, line, f"'{name}' is empty"))
            elif how is _PLAIN:
                values[name] = text
                if checks.has_control(text):
                    checks.control(column, text, file, line, problems)
            elif how is _SHARED and (not column.choices or text in column.choices):
                values[name] = canonical.setdefault(text, text)
            elif how is _NUMBER and text.isdigit() and text.isascii() and len(text) <= checks.MAX_DIGITS:
                values[name] = int(text)
            else:
                value = self._cell(text, column, file, line, problems)
                if value is not None:
                    values[name] = value
        for first, second in self.ordered:
            a, b = values.get(first), values.get(second)
            if a is not None and b is not None and a > b:
                problems.append(Problem(file, line, f"{second} {b} is before {first} {a}"))
        quote = values.get("quote")
        if quote and len(quote) >= MAX_QUOTE:
            problems.append(Problem(file, line, f"quote is {len(quote)} characters; keep it "
                                    f"under {MAX_QUOTE}"))
        if values.get("line", 1) < 1:
            problems.append(Problem(file, line, "line must be 1 or more"))
        return values

    def _cell(self, text: str, column: Column, file: str, line: int, problems: list[Problem]) -> Any:
        if column.type == INT:
            if not _INT.fullmatch(text):
                problems.append(Problem(file, line, f"{column.name} '{text}' is not a whole number"))
                return None
            if len(text.lstrip("-")) > checks.MAX_DIGITS:
                problems.append(Problem(file, line, f"{column.name} '{text[:20]}…' has {len(text)} "
                                        f"digits; at most {checks.MAX_DIGITS} are plausible"))
                return None
            return int(text)
        if column.type == DATE and not _DATE.fullmatch(text):
            problems.append(Problem(file, line, f"{column.name} '{text}' is not a date (YYYY-MM-DD)"))
            return None
        if column.type == ALIASES:
            if checks.has_control(text):
                checks.control(column, text, file, line, problems)
            return [a.strip() for a in text.split("|") if a.strip()]
        if column.choices and text not in column.choices:
            problems.append(Problem(file, line, f"{column.name} '{text}' is not one of "
                                    f"{', '.join(column.choices)}{_did_you_mean(text, column.choices)}"))
            return None
        return self.canonical.setdefault(text, text)


def _how(column: Column) -> int:
    if column.type == INT:
        return _NUMBER
    if column.type == ID or column.choices or column.name == "document":
        return _SHARED
    return _PLAIN if column.type == TEXT else _OTHER


def _did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_references(dataset: Dataset) -> list[Problem]:
    """Checks across tables: unique ids, id prefixes, documents, and edge endpoints."""
    problems: list[Problem] = []
    references = References()
    for spec in SPECS:
        for row in dataset.rows(spec.name):
            references.add(spec, row, problems)
    references.finish(problems)
    return problems


class References:
    """The checks across tables, fed one row at a time in the order of SPECS (documents,
    then node tables, then edge tables), so a dataset can be checked while it streams."""

    def __init__(self):
        self.kinds: dict[str, NodeKind] = {}
        self.documents: set[str] = set()
        self.later: list[tuple[Row, str, NodeKind]] = []  # node columns naming other nodes
        self.continues: dict[str, list[tuple[str, Row]]] = {}  # successor -> (predecessor, row)

    def add(self, spec: TableSpec, row: Row, problems: list[Problem]) -> None:
        if spec is DOCUMENTS:
            if row["id"]:
                self.documents.add(row["id"])
        elif row["document"] and row["document"] not in self.documents:
            problems.append(Problem(row.file, row.line, f"document '{row['document']}' is not in "
                                    f"documents.csv{_did_you_mean(row['document'], self.documents)}"))
        for column in spec.columns:
            if column.refers_to is not None and row[column.name]:
                self.later.append((row, column.name, column.refers_to))
        if spec.node_kind is not None:
            self._node(spec.node_kind, row, problems)
        elif spec.edge_kind is not None:
            self._edge(spec.edge_kind, row, problems)

    def finish(self, problems: list[Problem]) -> None:
        for row, column, kind in self.later:
            if self.kinds.get(row[column]) is not kind:
                problems.append(_unknown(row, column, row[column], kind, self.kinds))
        for row in _cycle(self.continues):
            problems.append(Problem(row.file, row.line, f"continues '{row['source']}' -> "
                                    f"'{row['target']}' closes a cycle: a goal or activity cannot "
                                    "succeed itself"))

    def _node(self, kind: NodeKind, row: Row, problems: list[Problem]) -> None:
        node_id = row["id"]
        if not node_id:
            return
        prefix, _, body = node_id.partition(":")
        if prefix != kind.prefix or not _ID_BODY.fullmatch(body):
            problems.append(Problem(row.file, row.line, f"id '{node_id}' should look like "
                                    f"'{kind.prefix}:lower-case-ascii-slug'"))
        if node_id in self.kinds:
            problems.append(Problem(row.file, row.line, f"duplicate id '{node_id}'"))
        self.kinds[node_id] = kind

    def _edge(self, kind: EdgeKind, row: Row, problems: list[Problem]) -> None:
        if kind in IDENTITY_EDGES:
            self._link(kind, row, problems)
        allowed_sources, allowed_targets = EDGE_ENDPOINTS[kind]
        for end, allowed in (("source", allowed_sources), ("target", allowed_targets)):
            ref = row[end]
            if not ref:
                continue
            found = self.kinds.get(ref)
            if found is None:
                problems.append(_unknown(row, end, ref, None, self.kinds))
            elif found not in allowed:
                names = " or ".join(sorted(k.value for k in allowed))
                problems.append(Problem(row.file, row.line, f"{kind} {end} "
                                        f"'{ref}' is a {found}; expected {names}"))


    def _link(self, kind: EdgeKind, row: Row, problems: list[Problem]) -> None:
        """An identity edge joins two nodes of one kind and says why: a source line or a reason."""
        source, target = row["source"], row["target"]
        ends = self.kinds.get(source), self.kinds.get(target)
        if None not in ends and ends[0] is not ends[1]:
            problems.append(Problem(row.file, row.line, f"{kind} joins a {ends[0]} and a {ends[1]}; "
                                    "both ends must be of one kind"))
        if source and source == target:
            problems.append(Problem(row.file, row.line, f"{kind} joins '{source}' to itself"))
        cited = [row[c] is not None for c in PROVENANCE]
        if any(cited) and not all(cited):
            missing = [c for c, given in zip(PROVENANCE, cited) if not given]
            problems.append(Problem(row.file, row.line, f"provenance is incomplete: "
                                    f"{', '.join(missing)} is empty"))
        elif not any(cited) and not row["reason"]:
            problems.append(Problem(row.file, row.line, f"{kind} needs the line that says so "
                                    "(document, line, quote) or a reason a reviewer can check"))
        if kind is EdgeKind.CONTINUES and source and target:
            self.continues.setdefault(source, []).append((target, row))


def _cycle(successors: dict[str, list[tuple[str, "Row"]]]) -> list["Row"]:
    """The rows of one cycle in a successor -> predecessor relation (empty when there is none)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in successors:
        if state.get(start):
            continue
        path: list[tuple[str, Row | None]] = [(start, None)]
        stack = [(start, iter(successors.get(start, ())))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            for child, row in children:
                if state.get(child) == 1:
                    rows = [r for _, r in path[[n for n, _ in path].index(child) + 1:]]
                    return [*rows, row]
                if not state.get(child):
                    state[child] = 1
                    path.append((child, row))
                    stack.append((child, iter(successors.get(child, ()))))
                    break
            else:
                state[node] = 2
                stack.pop()
                path.pop()
    return []


def _unknown(row: Row, column: str, ref: str, kind: NodeKind | None, kinds: dict) -> Problem:
    where = f"{kind.prefix} id" if kind else "id"
    pool = [k for k, v in kinds.items() if kind is None or v is kind]
    return Problem(row.file, row.line, f"{column} '{ref}' is not a known {where}"
                   f"{_did_you_mean(ref, pool)}")


def check_quotes(dataset: Dataset, sources: str | Path) -> list[Problem]:
    """Every quote must stand on its line of its document (the documents in ``sources``; for a
    Word file, the text ``extract`` wrote beside it as NAME.docx.txt)."""
    sources = Path(sources)
    cache: dict[str, list[str] | None] = {}
    problems = []
    for spec in SPECS:
        for row in dataset.rows(spec.name):
            doc = row["id"] if spec is DOCUMENTS else row["document"]
            if doc is None:
                continue  # an identity edge that gives a reason instead of a line
            if doc not in cache:
                cache[doc] = _document_lines(sources, doc)
            lines = cache[doc]
            if lines is None:
                problems.append(Problem(row.file, row.line, f"document '{doc}' not found in {sources} "
                                                            "as UTF-8 text"))
            elif not (1 <= row["line"] <= len(lines)) or row["quote"] not in lines[row["line"] - 1]:
                problems.append(Problem(row.file, row.line, f"quote not found on line "
                                        f"{row['line']} of {doc}: {row['quote'][:60]!r}"))
    return problems


def _document_lines(sources: Path, doc: str) -> list[str] | None:
    for path in (sources / doc, sources / f"{doc}.txt"):
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8").split("\n")
            except UnicodeDecodeError:
                continue
    return None


def write_table(directory: str | Path, table: str, rows: list[dict[str, Any]]) -> Path:
    """Write one table atomically (temporary file, then rename), columns in spec order."""
    from inklusionsgraf.safety import open_atomic

    spec = SPEC_BY_NAME[table]
    path = Path(directory) / spec.file
    with open_atomic(path, table_ok=True) as handle:
        writer = csv.writer(handle)
        writer.writerow(spec.column_names)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in spec.column_names])
    return path


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(value)
    return str(value)


def to_dataframes(dataset: Dataset):
    """The tables as pandas DataFrames (pandas is imported only here), one per table."""
    import pandas as pd

    return {
        name: pd.DataFrame([row.values for row in rows], columns=SPEC_BY_NAME[name].column_names)
        for name, rows in dataset.tables.items()
    }
