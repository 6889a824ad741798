"""Reading the tables with pyarrow, column by column, and checking them vectorised.

:func:`read_fast` gives the tables only when every check of :mod:`inklusionsgraf.tables` and
:mod:`inklusionsgraf.checks` certainly passes; at the first doubt it gives None and the row
reader reads the dataset again (and names every problem with its line). The checks here are
therefore the row reader's, made stricter where exactness would cost: a control character
anywhere, a negative number, a quote character the row reader might read differently, or a
cell with white space the two readers might strip differently all send a dataset to the row
reader rather than being judged here.

Most checks are decided from bytes rather than cell by cell. A file is memory-mapped a
window at a time for its header, DEL and quotes; pyarrow gives an empty cell as null. A
column's least and greatest byte rule out control characters and U+FFFE/U+FFFF, and each
cell's first and last byte show whether any cell needs trimming (if none does, the column
is taken as parsed, uncopied). Choices and dates are checked by their distinct values,
whole numbers by their bytes and lengths, and the ids, the edges' ends, the administrations
named and the documents cited by exact lookups (so their bytes need no check of their own).
Tables are read two at a time, and the ends looked up in two hashes of the ids at once.
"""

from __future__ import annotations

import mmap
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from inklusionsgraf import checks
from inklusionsgraf.core.columns import Tables, arrow_type, documents_of
from inklusionsgraf.model import EDGE_ENDPOINTS, IDENTITY_EDGES, EdgeKind, NodeKind
from inklusionsgraf.tables import (DATE, DOCUMENTS, ID, INT, MAX_QUOTE, PROVENANCE, SPECS,
                                   TableSpec, _ORDERED)

# the white space str.strip() removes beyond ASCII: a cell that starts or ends with one goes to the row reader
WIDE_SPACE = "[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x1c-\x1f\x0b\x0c]"
ASCII_SPACE = " \t\n\r"
# the first and the last byte of the UTF-8 of the white space in WIDE_SPACE beyond ASCII controls
_WIDE_FIRST = np.zeros(256, bool)
_WIDE_FIRST[[0xC2, 0xE1, 0xE2, 0xE3]] = True
_WIDE_LAST = np.zeros(256, bool)
_WIDE_LAST[[*range(0x80, 0x8B), 0x9F, 0xA0, 0xA8, 0xA9, 0xAF]] = True
SEPARATORS = np.array([ord(","), ord("\n"), ord("\r"), ord('"')], np.uint8)
WINDOW = 1 << 25  # bytes of a file mapped at a time (a multiple of mmap.ALLOCATIONGRANULARITY)
BLOCK = 1 << 24  # pyarrow's parse block: few chunks per column, still a block per thread
FEW = 8  # ends that can name at most 1/FEW as many nodes as they are: made distinct first
THREADS = 2  # tables read at once (each read by pyarrow's threads too); hashes built at once
MAX_PASSES = 10_000  # of the cycle checks; a deeper hierarchy goes to the row reader


def _pool() -> pa.MemoryPool:
    """jemalloc where pyarrow has it: reading and hashing free many large buffers, which
    jemalloc gives back to the system and mimalloc (pyarrow's default) keeps (some 0.15 GiB
    at 10⁶ nodes)."""
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:
        return pa.default_memory_pool()


POOL = _pool()
KIND_CODE = {kind: code for code, kind in enumerate(NodeKind)}


class NotSure(Exception):
    """Something the row reader must judge."""


def read_fast(directory: Path) -> Tables | None:
    """The tables of ``directory``, or None when they are not certainly valid."""
    directory = Path(directory)
    pool = ThreadPoolExecutor(max_workers=THREADS)
    try:
        read = [pool.submit(_read, directory, spec) for spec in SPECS]
        tables = {spec.name: future.result() for spec, future in zip(SPECS, read)}
        numbers = _check_across(tables, pool)
    except (NotSure, pa.ArrowException, OSError, UnicodeError, ValueError):
        return None
    finally:
        pool.shutdown(cancel_futures=True)
    return Tables(directory, tables, documents_of(tables["documents"]), numbers)


def _sure(condition) -> None:
    if not condition:
        raise NotSure


def _read(directory: Path, spec: TableSpec) -> pa.Table:
    path = directory / spec.file
    if not path.is_file():
        _sure(not spec.required and not path.exists() and not path.is_symlink())
        return pa.table([pa.array([], type=arrow_type(c)) for c in spec.columns], names=spec.column_names)
    table = _parse(path, spec)
    arrays = [_column(column, table.column(column.name) if column.name in table.column_names else None,
                      table.num_rows)
              for column in spec.columns]
    del table
    result = pa.table(arrays, names=spec.column_names)
    _check_rows(spec, result)
    return result


def _parse(path: Path, spec: TableSpec) -> pa.Table:
    """The cells of one file as strings (null for an empty cell), after the checks of its
    header and of the bytes outside the cells."""
    first, quoted = _look_over(path)
    _sure('"' not in first)
    header = [c.strip() for c in first.split(",")]
    required = [c.name for c in spec.columns if not c.optional]
    _sure(len(set(header)) == len(header) and set(header) <= set(spec.column_names)
          and set(required) <= set(header))
    table = pacsv.read_csv(
        str(path),
        read_options=pacsv.ReadOptions(skip_rows=1, column_names=header, block_size=BLOCK),
        parse_options=pacsv.ParseOptions(quote_char='"' if quoted else False, newlines_in_values=quoted),
        convert_options=pacsv.ConvertOptions(column_types={h: pa.string() for h in header},
                                             strings_can_be_null=True, quoted_strings_can_be_null=True,
                                             null_values=[""]),
        memory_pool=POOL,
    )
    _sure(table.num_columns == len(header))
    return table


def _look_over(path: Path) -> tuple[str, bool]:
    """The header line of a file (without a byte order mark) and whether it holds a quote
    character (then every quote must be plain, see :class:`Quotes`); NotSure for an empty
    file or one with DEL. The file is memory-mapped a window at a time, so that it never
    takes more memory than a window."""
    quotes = Quotes()
    first = None
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        _sure(size > 0)
        for start in range(0, size, WINDOW):
            with mmap.mmap(handle.fileno(), min(WINDOW, size - start), access=mmap.ACCESS_READ,
                           offset=start) as window:
                if first is None:
                    bom = 3 if window[:3] == b"\xef\xbb\xbf" else 0
                    end = window.find(b"\n")
                    _sure(end >= 0 or size <= WINDOW)
                    first = window[bom:end if end >= 0 else len(window)].decode("utf-8")
                _sure(window.find(b"\x7f") < 0)  # DEL: the other control characters are seen in the cells
                if window.find(b'"') >= 0 or quotes.open or quotes.closing_at_end:
                    quotes.add(window, start + len(window) == size)
                else:
                    quotes.last_byte = window[-1]
    _sure(quotes.plain())
    return first, quotes.seen


class Quotes:
    """Whether every quote opens a field (or a doubled quote inside one) and every closing
    quote ends one, so csv and pyarrow cannot read the quoting differently; fed the file a
    window at a time."""

    def __init__(self):
        self.seen = False
        self.open = False  # a quote opened and not yet closed
        self.ok = True
        self.last_byte = ord("\n")  # of the window before
        self.closing_at_end = False  # the window before ended with a closing quote

    def add(self, window: mmap.mmap, final: bool) -> None:
        data = np.frombuffer(window, np.uint8)
        try:
            if self.closing_at_end and data[0] not in SEPARATORS:
                self.ok = False
            self.closing_at_end = False
            at = np.flatnonzero(data == ord('"'))
            if len(at):
                self.seen = True
            opening = at[1::2] if self.open else at[0::2]
            closing = at[0::2] if self.open else at[1::2]
            before = np.where(opening > 0, data[np.maximum(opening - 1, 0)], self.last_byte)
            if not np.isin(before, SEPARATORS).all():
                self.ok = False
            inside = closing[closing + 1 < len(data)]
            if not np.isin(data[inside + 1], SEPARATORS).all():
                self.ok = False
            if len(closing) and closing[-1] + 1 == len(data) and not final:
                self.closing_at_end = True
            self.open = bool(len(at) % 2) != self.open
            self.last_byte = int(data[-1])
        finally:
            del data

    def plain(self) -> bool:
        return self.ok and not self.open


def _cells(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The value offsets (from 0) and the bytes of a string array's cells."""
    offsets = np.frombuffer(chunk.buffers()[1], np.int32, len(chunk) + 1, chunk.offset * 4)
    data = chunk.buffers()[2]
    data = np.frombuffer(data, np.uint8) if data is not None else np.zeros(0, np.uint8)
    return offsets - offsets[0], data[offsets[0]:offsets[-1]]


def _text_checks(array: pa.ChunkedArray) -> tuple[bool, pa.Array | None]:
    """Whether a cell of a string column starts or ends with ASCII white space, and the cells
    that might start or end with white space beyond ASCII (None if none might), from each
    cell's first and last byte; a control character anywhere or U+FFFE or U+FFFF is NotSure."""
    untrimmed, maybe_wide = False, []
    for chunk in array.chunks:
        offsets, data = _cells(chunk)
        if not len(data):
            continue
        low, high = int(data.min()), int(data.max())
        if low < 32:  # tab, newline and carriage return are allowed, the other controls not
            allowed = sum(int(np.count_nonzero(data == b)) for b in (9, 10, 13))
            _sure(int(np.count_nonzero(data < 32)) == allowed)
        if high >= 0xEF:
            _sure(not _non_characters(data))
        first = data.take(offsets[:-1], mode="clip")  # of an empty cell: the next cell's
        last = data.take(offsets[1:] - 1, mode="clip")  # of an empty cell: the one before's
        untrimmed = untrimmed or bool((first <= 32).any() or (last <= 32).any())
        if high >= 0xC2:
            wide = _WIDE_FIRST[first] | _WIDE_LAST[last]
            if wide.any():
                maybe_wide.append(chunk.filter(pa.array(wide)))
    return untrimmed, pa.chunked_array(maybe_wide, pa.string()) if maybe_wide else None


def _non_characters(data: np.ndarray) -> bool:
    """Whether U+FFFE or U+FFFF (UTF-8 EF BF BE, EF BF BF) occurs."""
    at = np.flatnonzero(data == 0xEF)
    at = at[at + 2 < len(data)]
    return bool(((data[at + 1] == 0xBF) & ((data[at + 2] == 0xBE) | (data[at + 2] == 0xBF))).any())


def longest(array: pa.ChunkedArray) -> int:
    """The most bytes of any cell."""
    return max((int(np.diff(_cells(chunk)[0]).max(initial=0)) for chunk in array.chunks), default=0)


def _column(column, cells: pa.ChunkedArray | None, rows: int) -> pa.ChunkedArray | pa.Array:
    """One column, checked on its own and converted (null for an empty cell)."""
    if cells is None:
        return pa.nulls(rows, type=arrow_type(column))
    values = cells
    few = column.type == DATE or bool(column.choices)
    distinct = pc.unique(cells).drop_null() if few else None
    if column.type == INT and _digits_only(cells):
        pass
    elif not _matched_exactly(column) and _untrimmed(distinct if few else cells):
        _sure(column.type != ID and column.name not in ("id", "document"))
        text = pc.utf8_trim(cells, ASCII_SPACE)
        values = pc.if_else(pc.equal(pc.utf8_length(text), 0), pa.scalar(None, pa.string()), text)
        distinct = pc.unique(values).drop_null() if few else None
    if column.required:
        _sure(values.null_count == 0)
    if column.type == INT:
        _sure(_digits_only(values))
        return pc.cast(values, pa.int64(), memory_pool=POOL)
    if column.type == DATE:
        _check_dates(distinct)
    if column.choices:
        _sure(set(distinct.to_pylist()) <= set(column.choices))
    return values


def _matched_exactly(column) -> bool:
    """Whether every cell of the column must equal a value checked elsewhere, cell for cell
    (a node id of the pattern its kind's ids follow, or the id of a document), so that a
    cell with white space or a control character fails that check instead: the node ids,
    the edges' ends, the columns naming an administration and the document columns."""
    return (column.refers_to is not None or column.name in ("source", "target", "document")
            or (column.type == ID and column.name == "id"))


def _untrimmed(cells) -> bool:
    """Whether a cell starts or ends with ASCII white space; NotSure for a control character,
    U+FFFE, U+FFFF, or white space beyond ASCII at either end of a cell."""
    untrimmed, maybe_wide = _text_checks(cells if isinstance(cells, pa.ChunkedArray) else pa.chunked_array([cells]))
    if maybe_wide is not None:
        _sure(not pc.any(pc.match_substring_regex(maybe_wide, f"^{WIDE_SPACE}|{WIDE_SPACE}$")).as_py())
    return untrimmed


def _digits_only(values: pa.ChunkedArray) -> bool:
    """Whether each cell is 1 to MAX_DIGITS ASCII digits (leading zeros allowed) or empty (null)."""
    for chunk in values.chunks:
        offsets, data = _cells(chunk)
        if len(data) and not (data.min() >= ord("0") and data.max() <= ord("9")
                              and np.diff(offsets).max() <= checks.MAX_DIGITS):
            return False
    return True


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
    if "quote" in names and longest(table.column("quote")) >= MAX_QUOTE:
        _sure(not pc.any(pc.greater_equal(pc.utf8_length(table.column("quote")), MAX_QUOTE)).as_py())
    for name in names:
        column = table.column(name)
        if name == "line":
            _within(column, 1, None)
        if name.endswith("_dkk"):
            _within(column, 0, checks.MAX_DKK)
        if name in checks.YEAR_COLUMNS:
            _within(column, checks.FIRST_YEAR, checks.LAST_YEAR)


def _within(column: pa.ChunkedArray, low: int, high: int | None) -> None:
    bounds = pc.min_max(column).as_py()
    if bounds["min"] is not None:
        _sure(bounds["min"] >= low and (high is None or bounds["max"] <= high))


def _check_across(tables: dict[str, pa.Table], pool: ThreadPoolExecutor) -> dict:
    """tables.References and the cycle checks, over whole columns."""
    documents = tables["documents"].column("id")
    for spec in SPECS:
        if spec is not DOCUMENTS and "document" in tables[spec.name].column_names:
            cited = pc.unique(tables[spec.name].column("document")).drop_null()
            _sure(pc.all(pc.is_in(cited, value_set=documents)).as_py() in (True, None))
    ids, kinds = [], []
    for spec in SPECS:
        if spec.node_kind is None:
            continue
        column = tables[spec.name].column("id")
        pattern = "^%s:[a-z0-9]+(-[a-z0-9]+)*$" % spec.node_kind.prefix
        _sure(pc.all(pc.match_substring_regex(column, pattern)).as_py() in (True, None))
        ids += column.chunks
        kinds.append(np.full(len(column), KIND_CODE[spec.node_kind], np.int8))
    kinds = np.concatenate(kinds)
    admins = tables["administrations"].column("id")
    for spec in SPECS:
        for column in spec.columns:
            if column.refers_to is not None:
                named = pc.unique(tables[spec.name].column(column.name)).drop_null()
                _sure(pc.all(pc.is_in(named, value_set=admins)).as_py() in (True, None))
    numbers = _number_edges(tables, ids, pool)
    n = len(kinds)
    for spec in SPECS:
        if spec.edge_kind is None or not tables[spec.name].num_rows:
            continue
        table = tables[spec.name]
        source, target = numbers[spec.name]
        _sure((source >= 0).all() and (target >= 0).all())
        _sure(not (source == target).any())
        _no_row_twice(table, source * n + target)
        for number, allowed in zip((source, target), EDGE_ENDPOINTS[spec.edge_kind]):
            _sure(np.isin(kinds[number], [KIND_CODE[k] for k in allowed]).all())
        if spec.edge_kind in IDENTITY_EDGES:
            _sure((kinds[source] == kinds[target]).all())
            cited = [pc.is_valid(table.column(c)).to_numpy(zero_copy_only=False) for c in PROVENANCE]
            some, every = cited[0] | cited[1] | cited[2], cited[0] & cited[1] & cited[2]
            _sure(not (some & ~every).any())
            reason = pc.is_valid(table.column("reason")).to_numpy(zero_copy_only=False)
            _sure((some | reason).all())
        if spec.edge_kind in checks.ACYCLIC or spec.edge_kind == EdgeKind.CONTINUES:
            _sure(_acyclic(source, target, n))
    return numbers


def _number_edges(tables: dict[str, pa.Table], ids: list[pa.Array],
                  pool: ThreadPoolExecutor) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The node numbers of every edge table's sources and targets (-1 for an unknown id),
    with the ids certainly unique. The ends that can only name a few nodes (a fund's
    source, say) are made distinct first, in a small hash; the rest are looked up in the
    ids' hash, built twice to look up the sources and the targets at once. The ids are
    looked up with the sources: a repeated id is found at the place of its first."""
    n = sum(len(chunk) for chunk in ids)
    rows = {spec.node_kind: tables[spec.name].num_rows for spec in SPECS if spec.node_kind is not None}
    ends, few = [], {}
    for spec in SPECS:
        if spec.edge_kind is None:
            continue
        for end, allowed in zip(("source", "target"), EDGE_ENDPOINTS[spec.edge_kind]):
            column = tables[spec.name].column(end)
            ends.append((spec.name, end, column))
            if sum(rows[kind] for kind in allowed) * FEW <= len(column):
                few[spec.name, end] = pool.submit(pc.dictionary_encode, column, memory_pool=POOL)
    by_target = pool.submit(pc.index_in, _strings(c for name, end, c in ends if end == "target"
                                                  and (name, end) not in few),
                            value_set=_strings([ids]), memory_pool=POOL)
    distinct = {key: future.result() for key, future in few.items()}
    dictionaries = [_dictionary(encoded) for encoded in distinct.values()]
    many_sources = [c for name, end, c in ends if end == "source" and (name, end) not in few]
    by_source = pool.submit(pc.index_in, _strings([ids, dictionaries, many_sources]),
                            value_set=_strings([ids]), memory_pool=POOL)
    codes = _codes(by_source.result().chunks, missing=-1)
    _sure(np.array_equal(codes[:n], np.arange(n)))  # a repeated id is found at its first place
    at = n
    numbers = {}
    for key, dictionary in zip(distinct, dictionaries):
        numbers[key] = codes[at:at + len(dictionary)][_codes([c.indices for c in distinct[key].chunks])]
        at += len(dictionary)
    targets = _codes(by_target.result().chunks, missing=-1)
    at_target = 0
    for name, end, column in ends:
        if (name, end) in numbers:
            continue
        if end == "source":
            numbers[name, end], at = codes[at:at + len(column)], at + len(column)
        else:
            numbers[name, end], at_target = targets[at_target:at_target + len(column)], at_target + len(column)
    return {name: (numbers[name, "source"], numbers[name, "target"]) for name, end, _ in ends if end == "source"}


def _strings(parts) -> pa.ChunkedArray:
    """String arrays and chunked arrays (and lists of them) as one chunked array, uncopied."""
    chunks = []
    for part in parts:
        if isinstance(part, list):
            chunks += _strings(part).chunks
        elif isinstance(part, pa.ChunkedArray):
            chunks += part.chunks
        else:
            chunks.append(part)
    return pa.chunked_array(chunks, type=pa.string())


def _dictionary(encoded: pa.ChunkedArray) -> pa.Array:
    return encoded.chunk(0).dictionary if encoded.num_chunks else pa.array([], pa.string())


def _codes(chunks: list[pa.Array], missing: int | None = None) -> np.ndarray:
    """Integer arrays (null as ``missing``) as one int64 array."""
    parts = [(chunk if missing is None else chunk.fill_null(missing)).to_numpy() for chunk in chunks]
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


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
