"""The tables as Arrow columns: read column by column with pyarrow and checked vectorised.

The vectorised checks only decide whether a dataset is certainly valid. When they find
anything at all, the row-by-row reader of :mod:`inklusionsgraf.tables` reads the tables
again and gives the exact ``FILE:LINE: message`` list (or, if the row reader finds nothing
wrong after all, the rows it read). So the fast path never reports a problem itself and
never accepts what the row reader rejects: :func:`certainly_valid` errs towards "not sure".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from inklusionsgraf.tables import ALIASES, INT, SPECS, Dataset, TableSpec

SOURCE_TYPES = {INT: pa.int64()}  # every other column is a string; an empty cell is null


@dataclass
class Tables:
    """Every table of a dataset as an Arrow table with the spec's columns (those the header
    has), empty cells null, whole numbers int64, aliases as the cell's text; and the
    documents as build.py keeps them (id -> attributes)."""

    directory: Path
    tables: dict[str, pa.Table]
    documents: dict[str, dict]
    numbers: dict | None = None  # edge table -> (source, target) node numbers, if known

    def column(self, table: str, name: str) -> pa.ChunkedArray | None:
        data = self.tables[table]
        return data.column(name) if name in data.column_names else None


def arrow_type(column) -> pa.DataType:
    return SOURCE_TYPES.get(column.type, pa.string())


def from_dataset(dataset: Dataset) -> Tables:
    """The tables of a dataset the row reader has read and checked."""
    tables = {}
    for spec in SPECS:
        rows = dataset.rows(spec.name)
        arrays, names = [], []
        for column in spec.columns:
            values = [row.values.get(column.name) for row in rows]
            if column.type == ALIASES:
                values = ["|".join(v) if v else None for v in values]
            arrays.append(pa.array(values, type=arrow_type(column)))
            names.append(column.name)
        tables[spec.name] = pa.table(arrays, names=names)
    return Tables(dataset.directory, tables, documents_of(tables["documents"]))


def number_edges(tables: dict[str, pa.Table], ids: pa.Array) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The node numbers (positions in ``ids``; -1 for an unknown id) of every edge table's
    sources and targets, looked up in one pass."""
    import pyarrow.compute as pc

    names = [spec.name for spec in SPECS if spec.edge_kind is not None]
    chunks, sizes = [], []
    for name in names:
        for end in ("source", "target"):
            column = tables[name].column(end)
            chunks += column.chunks
            sizes.append(len(column))
    found = pc.index_in(pa.chunked_array(chunks, type=pa.string()), value_set=ids)
    numbers = found.fill_null(-1).to_numpy().astype(np.int64) if len(found) else np.zeros(0, np.int64)
    parts = np.split(numbers, np.cumsum(sizes)[:-1]) if sizes else []
    return {name: (parts[2 * i], parts[2 * i + 1]) for i, name in enumerate(names)}


def documents_of(table: pa.Table) -> dict[str, dict]:
    """documents.csv as build.py keeps it: id -> the non-empty cells but the id."""
    documents = {}
    for row in table.to_pylist():
        documents[row["id"]] = {k: v for k, v in row.items() if v is not None and k != "id"}
    return documents


def strings(array) -> np.ndarray:
    """A string column as a numpy object array (None for null)."""
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=object)


def ints(array, missing: int = 0) -> np.ndarray:
    """A whole-number column as int64, ``missing`` for an empty cell."""
    if array is None:
        return None
    return array.fill_null(missing).to_numpy().astype(np.int64, copy=False)


def spec_of(name: str) -> TableSpec:
    return next(spec for spec in SPECS if spec.name == name)


def read_tables(directory: Path) -> Tables:
    """Every table of ``directory``: read by pyarrow and checked vectorised when the data is
    certainly valid; else by the row reader, which raises DataError with every problem."""
    from inklusionsgraf.tables import read_dataset

    from inklusionsgraf.core.fastread import read_fast

    tables = read_fast(directory)
    if tables is not None:
        return tables
    return from_dataset(read_dataset(directory))
