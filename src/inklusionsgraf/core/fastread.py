"""Reading the tables with pyarrow, column by column, and checking them vectorised.

:func:`read_fast` gives the tables only when every check of :mod:`inklusionsgraf.tables` and
:mod:`inklusionsgraf.checks` certainly passes; at the first doubt it gives None and the row
reader reads the dataset again (and names every problem with its line). The checks here are
therefore the row reader's, made stricter where exactness would cost: a control character
anywhere, a negative number, a quote character the row reader might read differently, or a
cell with white space the two readers might strip differently all send a dataset to the row
reader rather than being judged here.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from inklusionsgraf import checks
from inklusionsgraf.core.columns import Tables, arrow_type, documents_of, number_edges
from inklusionsgraf.model import EDGE_ENDPOINTS, IDENTITY_EDGES, EdgeKind, NodeKind
from inklusionsgraf.tables import (DATE, DOCUMENTS, ID, INT, MAX_QUOTE, PROVENANCE, SPECS,
                                   TableSpec, _ORDERED)

CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]"
# the white space str.strip() removes beyond ASCII: a cell that starts or ends with one goes to the row reader
WIDE_SPACE = "[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x1c-\x1f\x0b\x0c]"
ASCII_SPACE = " \t\n\r"
_CONTROL_BYTES = np.zeros(256, bool)
_CONTROL_BYTES[[*range(0, 9), 11, 12, *range(14, 32), 127]] = True
# the UTF-8 of U+FFFE, U+FFFF and of the white space str.strip() removes beyond ASCII
_RARE = re.compile(rb"\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80"
                   rb"|\xef\xbf[\xbe\xbf]")
_NOT_LEADS = bytes(b for b in range(256) if b not in (0xC2, 0xE1, 0xE2, 0xE3, 0xEF))  # deleted: first bytes stay
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL_BYTES[b])
SEPARATORS = np.array([ord(","), ord("\n"), ord("\r"), ord('"')], np.uint8)
CHUNK = 1 << 24
MAX_PASSES = 10_000  # of the cycle checks; a deeper hierarchy goes to the row reader


class NotSure(Exception):
    """Something the row reader must judge."""


def read_fast(directory: Path) -> Tables | None:
    """The tables of ``directory``, or None when they are not certainly valid."""
    try:
        tables = {spec.name: _read(Path(directory), spec) for spec in SPECS}
        numbers = _check_across(tables)
    except (NotSure, pa.ArrowException, OSError, UnicodeError, ValueError):
        return None
    return Tables(Path(directory), tables, documents_of(tables["documents"]), numbers)


def _sure(condition) -> None:
    if not condition:
        raise NotSure


def _read(directory: Path, spec: TableSpec) -> pa.Table:
    path = directory / spec.file
    if not path.is_file():
        _sure(not spec.required and not path.exists() and not path.is_symlink())
        return pa.table([pa.array([], type=arrow_type(c)) for c in spec.columns], names=spec.column_names)
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    end = raw.find(b"\n")
    first = (raw if end < 0 else raw[:end]).decode("utf-8")
    _sure('"' not in first)
    header = [c.strip() for c in first.split(",")]
    names = spec.column_names
    required = [c.name for c in spec.columns if not c.optional]
    _sure(len(set(header)) == len(header) and set(header) <= set(names) and set(required) <= set(header))
    if b'"' in raw:
        _sure(plainly_quoted(raw))
    table = pacsv.read_csv(
        pa.BufferReader(raw),
        read_options=pacsv.ReadOptions(skip_rows=1, column_names=header),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(column_types={h: pa.string() for h in header},
                                             strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    _sure(table.num_columns == len(header))
    _sure(not has_control_bytes(raw))
    rare = has_rare_space(raw)  # then look cell by cell
    columns, blank = {}, None
    for name in header:
        raw_column = table.column(name).combine_chunks() if table.num_rows else pa.array([], pa.string())
        text = pc.utf8_trim(raw_column, ASCII_SPACE)
        if rare:
            _sure(not pc.any(pc.match_substring_regex(raw_column, CONTROL)).as_py())
            _sure(not pc.any(pc.match_substring_regex(text, f"^{WIDE_SPACE}|{WIDE_SPACE}$")).as_py())
        empty = pc.equal(pc.utf8_length(text), 0)
        blank = empty if blank is None else pc.and_(blank, empty)
        columns[name] = (raw_column, text, empty)
    _sure(not table.num_rows or not pc.any(blank).as_py())  # a blank row the row reader would skip
    arrays = [_column(spec, column, columns.get(column.name), table.num_rows) for column in spec.columns]
    result = pa.table(arrays, names=names)
    _check_rows(spec, result)
    return result


def has_control_bytes(raw: bytes) -> bool:
    return bool(raw.translate(None, _NOT_CONTROL))


def has_rare_space(raw: bytes) -> bool:
    """Whether the UTF-8 of a character in _RARE occurs (looked for only if a first byte does)."""
    return bool(raw.translate(None, _NOT_LEADS)) and _RARE.search(raw) is not None


def plainly_quoted(raw: bytes) -> bool:
    """Whether every quote opens a field (or a doubled quote inside one) and every closing
    quote ends one, so csv and pyarrow cannot read the quoting differently."""
    data = np.frombuffer(raw, np.uint8)
    quotes = np.flatnonzero(data == ord('"'))
    if len(quotes) % 2:
        return False
    opening, closing = quotes[0::2], quotes[1::2]
    before = data[np.maximum(opening - 1, 0)]
    if not (np.isin(before, SEPARATORS) | (opening == 0)).all():
        return False
    after = data[np.minimum(closing + 1, len(data) - 1)]
    return bool((np.isin(after, SEPARATORS) | (closing + 1 == len(data))).all())


def _column(spec: TableSpec, column, cells, rows: int) -> pa.Array:
    """One column, checked on its own and converted (null for an empty cell)."""
    if cells is None:
        return pa.nulls(rows, type=arrow_type(column))
    raw, text, empty = cells
    if column.type == ID or column.name in ("id", "document"):
        _sure(pc.all(pc.equal(raw, text)).as_py() in (True, None))
    values = pc.if_else(empty, pa.scalar(None, pa.string()), text)
    present = values.drop_null()
    if column.required:
        _sure(values.null_count == 0)
    if column.type == INT:
        _sure(pc.all(pc.match_substring_regex(present, "^[0-9]{1,%d}$" % checks.MAX_DIGITS)).as_py() in (True, None))
        return pc.cast(values, pa.int64())
    if column.type == DATE:
        _check_dates(present)
    if column.choices:
        _sure(pc.all(pc.is_in(present, value_set=pa.array(column.choices))).as_py() in (True, None))
    return values


def _check_dates(dates: pa.Array) -> None:
    if not len(dates):
        return
    _sure(pc.all(pc.match_substring_regex(dates, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")).as_py())
    year = pc.cast(pc.utf8_slice_codeunits(dates, 0, 4), pa.int64()).to_numpy()
    month = pc.cast(pc.utf8_slice_codeunits(dates, 5, 7), pa.int64()).to_numpy()
    day = pc.cast(pc.utf8_slice_codeunits(dates, 8, 10), pa.int64()).to_numpy()
    _sure(((year >= checks.FIRST_YEAR) & (year <= checks.LAST_YEAR)).all())
    _sure(((month >= 1) & (month <= 12)).all())
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[month] + (leap & (month == 2))
    _sure(((day >= 1) & (day <= days)).all())


def _check_rows(spec: TableSpec, table: pa.Table) -> None:
    """The checks of one row that look at several of its cells, and checks.Checks' values."""
    names = table.column_names
    for first, second in _ORDERED:
        if first in names and second in names:
            a, b = table.column(first), table.column(second)
            _sure(not pc.any(pc.greater(a, b)).as_py())
    if "quote" in names:
        _sure(not pc.any(pc.greater_equal(pc.utf8_length(table.column("quote")), MAX_QUOTE)).as_py())
    if "line" in names:
        _sure(not pc.any(pc.less(table.column("line"), 1)).as_py())
    for name in names:
        column = table.column(name)
        if name.endswith("_dkk"):
            _sure(not pc.any(pc.greater(column, checks.MAX_DKK)).as_py())
        if name in checks.YEAR_COLUMNS:
            _sure(not pc.any(pc.or_(pc.less(column, checks.FIRST_YEAR),
                                    pc.greater(column, checks.LAST_YEAR))).as_py())
    if spec.edge_kind is not None and table.num_rows:
        _sure(not pc.any(pc.equal(table.column("source"), table.column("target"))).as_py())


def _check_across(tables: dict[str, pa.Table]) -> dict:
    """tables.References and the cycle checks, over whole columns."""
    documents = tables["documents"].column("id")
    for spec in SPECS:
        if spec is not DOCUMENTS and "document" in tables[spec.name].column_names:
            cited = tables[spec.name].column("document").drop_null()
            _sure(pc.all(pc.is_in(cited, value_set=documents)).as_py() in (True, None))
    ids, kinds = [], []
    for spec in SPECS:
        if spec.node_kind is None:
            continue
        column = tables[spec.name].column("id")
        pattern = "^%s:[a-z0-9]+(-[a-z0-9]+)*$" % re.escape(spec.node_kind.prefix)
        _sure(pc.all(pc.match_substring_regex(column, pattern)).as_py() in (True, None))
        ids += column.chunks
        kinds.append(np.full(len(column), list(NodeKind).index(spec.node_kind), np.int8))
    ids = pa.chunked_array(ids, type=pa.string()).combine_chunks()
    kinds = np.concatenate(kinds)
    _sure(len(pc.unique(ids)) == len(ids))
    admins = pa.array(ids.to_numpy(zero_copy_only=False)[kinds == list(NodeKind).index(NodeKind.ADMINISTRATION)],
                      type=pa.string())
    for spec in SPECS:
        for column in spec.columns:
            if column.refers_to is not None:
                named = tables[spec.name].column(column.name).drop_null()
                _sure(pc.all(pc.is_in(named, value_set=admins)).as_py() in (True, None))
    numbers = number_edges(tables, ids)
    for spec in SPECS:
        if spec.edge_kind is None or not tables[spec.name].num_rows:
            continue
        table = tables[spec.name]
        source, target = numbers[spec.name]
        _no_row_twice(table, source * len(ids) + target)
        for number, allowed in zip((source, target), EDGE_ENDPOINTS[spec.edge_kind]):
            _sure((number >= 0).all())
            codes = [list(NodeKind).index(k) for k in allowed]
            _sure(np.isin(kinds[number], codes).all())
        if spec.edge_kind in IDENTITY_EDGES:
            _sure((kinds[source] == kinds[target]).all())
            cited = [pc.is_valid(table.column(c)).to_numpy(zero_copy_only=False) for c in PROVENANCE]
            some, every = cited[0] | cited[1] | cited[2], cited[0] & cited[1] & cited[2]
            _sure(not (some & ~every).any())
            reason = pc.is_valid(table.column("reason")).to_numpy(zero_copy_only=False)
            _sure((some | reason).all())
        if spec.edge_kind in checks.ACYCLIC or spec.edge_kind == EdgeKind.CONTINUES:
            _sure(_acyclic(source, target, len(ids)))
    return numbers


def _no_row_twice(table: pa.Table, pairs: np.ndarray) -> None:
    """No edge row equal to another cell for cell: compared in full only among the rows whose
    two ends are the same as another row's."""
    order = np.argsort(pairs, kind="stable")
    same = pairs[order][1:] == pairs[order][:-1]
    if not same.any():
        return
    rows = np.unique(np.concatenate([order[1:][same], order[:-1][same]]))
    subset = table.take(pa.array(rows))
    counts = subset.group_by(subset.column_names, use_threads=False).aggregate([([], "count_all")])
    _sure(counts.num_rows == subset.num_rows)


def _acyclic(source: np.ndarray, target: np.ndarray, n: int) -> bool:
    """Whether the edges have no cycle: peel off the nodes nothing leads into, pass by pass."""
    alive = np.ones(len(source), bool)
    for _ in range(MAX_PASSES):
        into = np.bincount(target[alive], minlength=n)
        peel = alive & (into[source] == 0)
        if not peel.any():
            return not alive.any()
        alive &= ~peel
    return False
