"""Applying a reviewed extraction to a dataset, then re-applying the hand-made corrections.

Corrections live in their own file, ``DATASET/corrections.csv`` by default, one fix a row:

    table,key,column,value,reason
    activities,activity:tmf-2013-x,status,ongoing,the plan says it started in 2012
    funds,funding:pulje -> activity:tmf-2013-x,status,sought,applied for; not granted yet
    goals,goal:tmf-2013-y,_row,delete,a heading of the template, not a goal

``key`` is the row's id (node tables, documents) or ``SOURCE -> TARGET`` (edge tables; the
first such edge). ``column`` ``_row`` with value ``delete`` removes the row. An empty value
empties the cell. Corrections are applied after every merge, so a hand fix survives the next
extraction; a fix whose row is not there (yet) is kept in the file and reported.

Merging: a row of the extraction updates the dataset's row with the same key, cell by cell,
where the extraction states a value (an empty cell means the document does not say, so the
dataset's value stays), and only when its content (provenance aside) changes: a row whose
values are the same keeps its provenance (document, line, quote), so a re-extraction that
finds the same fact on another line does not rewrite it. The report lists each replaced row
with what it replaced (column: before -> after). New rows are added; dataset rows the
extraction does not have are kept (``extract --compare`` lists them as no longer found;
remove them by a correction). The result is checked like ``validate`` before anything is
written; the dataset is locked while the merge runs, and all its tables are switched in as
one step (``safety.py``).
"""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from inklusionsgraf.errors import DataError, Problem
from inklusionsgraf.extract.compare import changed_columns, keyed, row_key
from inklusionsgraf.safety import finish_switch, locked, stage, switch_in
from inklusionsgraf.tables import SPEC_BY_NAME, SPECS, Dataset, read_dataset, write_table

CORRECTIONS = "corrections.csv"
CORRECTION_COLUMNS = ("table", "key", "column", "value", "reason")
DELETE = ("_row", "delete")


@dataclass(frozen=True)
class Correction:
    file: str
    line: int
    table: str
    key: str
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class Replacement:
    """A dataset row the merge changed: column -> (before, after), provenance included."""

    table: str
    key: str
    columns: dict


@dataclass
class MergeReport:
    replaced: int
    added: int
    kept: int
    corrected: int
    unmatched: list[Correction]
    unchanged: int = 0  # rows the extraction states as they are: provenance kept
    replacements: list[Replacement] = field(default_factory=list)


def plain_tables(dataset: Dataset) -> dict[str, list[dict]]:
    return {name: [dict(row.values) for row in rows] for name, rows in dataset.tables.items()}


def load_corrections(path=None, dataset_dir=None) -> list[Correction]:
    """Read the corrections file (default DATASET/corrections.csv; missing file: none)."""
    if path is None:
        if dataset_dir is None:
            return []
        path = Path(dataset_dir) / CORRECTIONS
        if not path.is_file():
            return []
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise DataError([Problem(name, 0, "corrections file not found")])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([Problem(name, 1, "not UTF-8; save the corrections as UTF-8")]) from None
    problems, fixes = [], []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = None
    for cells in reader:
        line = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in CORRECTION_COLUMNS if c not in header]
            if missing:
                raise DataError([Problem(name, line, f"missing column '{c}'; expected columns: "
                                         f"{','.join(CORRECTION_COLUMNS)}") for c in missing])
            continue
        values = dict(zip(header, (c.strip() for c in cells)))
        table, column = values.get("table", ""), values.get("column", "")
        spec = SPEC_BY_NAME.get(table)
        if spec is None:
            problems.append(Problem(name, line, f"table '{table}' is not one of "
                                    f"{', '.join(SPEC_BY_NAME)}"))
            continue
        if (column, values.get("value", "")) != DELETE and column not in spec.column_names:
            problems.append(Problem(name, line, f"{table} has no column '{column}' "
                                    f"(or use _row,delete to remove the row)"))
            continue
        if not values.get("key"):
            problems.append(Problem(name, line, "'key' is empty"))
            continue
        fixes.append(Correction(name, line, table, values["key"], column, values.get("value", ""),
                                values.get("reason", "")))
    if problems:
        raise DataError(problems)
    return fixes


def apply_corrections(tables: dict[str, list[dict]], fixes: list[Correction],
                      strict: bool = True) -> tuple[int, list[Correction]]:
    """Apply fixes in place; returns (applied, fixes whose row is not there)."""
    applied, unmatched = 0, []
    for fix in fixes:
        spec = SPEC_BY_NAME[fix.table]
        rows = tables.setdefault(fix.table, [])
        target = next((row for row in rows if row_key(spec, row) == fix.key), None)
        if target is None:
            unmatched.append(fix)
            continue
        if (fix.column, fix.value) == DELETE:
            rows.remove(target)
        else:
            target[fix.column] = _typed(spec, fix.column, fix.value)
        applied += 1
    return applied, unmatched


def _typed(spec, column: str, value: str):
    col = next(c for c in spec.columns if c.name == column)
    if value == "":
        return [] if col.type == "aliases" else None
    if col.type == "aliases":
        return [a.strip() for a in value.split("|") if a.strip()]
    return value  # written back as text; the check after merging parses it


def merge(extracted_dir, dataset_dir, corrections=None) -> MergeReport:
    """Merge an extraction into a dataset and re-apply corrections; nothing written on error.
    The dataset is locked while it runs, and its tables are switched in as one step."""
    with locked(dataset_dir):
        finish_switch(dataset_dir)  # a merge killed while switching in: complete it first
        return _merge(extracted_dir, dataset_dir, corrections)


def _merge(extracted_dir, dataset_dir, corrections=None) -> MergeReport:
    extracted = plain_tables(read_dataset(extracted_dir, check=False))
    dataset = plain_tables(read_dataset(dataset_dir, check=False))
    fixes = load_corrections(corrections, dataset_dir)
    replaced = added = kept = unchanged = 0
    replacements: list[Replacement] = []
    merged: dict[str, list[dict]] = {}
    for spec in SPECS:
        old = keyed(spec, dataset.get(spec.name, []))
        new = keyed(spec, extracted.get(spec.name, []))
        rows = []
        for key, row in old.items():
            if key in new and changed_columns(spec, row, new[key]):
                rows.append(_overlay(row, new[key]))
                replacements.append(Replacement(spec.name, key, _differences(row, rows[-1])))
                replaced += 1
            elif key in new:
                rows.append(row)  # the same content: its provenance stays
                unchanged += 1
            else:
                rows.append(row)
                kept += 1
        for key, row in new.items():
            if key not in old:
                rows.append(row)
                added += 1
        merged[spec.name] = rows
    corrected, unmatched = apply_corrections(merged, fixes)
    _write_checked(merged, Path(dataset_dir))
    return MergeReport(replaced, added, kept, corrected, unmatched, unchanged, replacements)


def _overlay(old: dict, new: dict) -> dict:
    """The dataset's row updated with every value the extraction states (empty: not said)."""
    merged = dict(old)
    merged.update({k: v for k, v in new.items() if v not in (None, "", [])})
    return merged


def _differences(before: dict, after: dict) -> dict:
    """Every cell the merge changed, provenance included: column -> (before, after)."""
    return {c: (before.get(c), after.get(c)) for c in after
            if before.get(c) not in (None, "", []) or after.get(c) not in (None, "", [])
            if before.get(c) != after.get(c)}


def _write_checked(tables: dict[str, list[dict]], directory: Path) -> None:
    """Check the merged tables as ``validate`` would in a staging folder inside the dataset,
    then switch them all in as one step (``safety.switch_in``)."""
    staging = stage(directory)
    try:
        for spec in SPECS:
            write_table(staging, spec.name, tables[spec.name])
        try:
            read_dataset(staging)
        except DataError as exc:
            problems = [Problem(str(directory / Path(p.file).name), p.line,
                                f"{p.message} (after merging; nothing was written)")
                        for p in exc.problems]
            raise DataError(problems) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    switch_in(directory, staging)
