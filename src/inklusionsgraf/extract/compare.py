"""What an extraction adds, changes and no longer finds against an existing dataset.

Rows are matched per table by their key: ``id`` for node tables and documents, ``source``
and ``target`` for edge tables (several edges between the same two nodes are paired in line
order). A row "changes" when the extraction states a value (other than the provenance) that
differs from the dataset's; an empty cell in the extraction means the document does not
say, not that the value went away. A dataset row is "no longer found" when it comes from a
document that was extracted but the extraction has no row with its key; rows from documents
that were not extracted are left out of the count.

>>> c = compare_tables({"goals": [{"id": "goal:a", "title": "A", "document": "d"}]},
...                    {"goals": [{"id": "goal:a", "title": "B", "document": "d"}]})
>>> c.tables["goals"].changed[0].columns
{'title': ('B', 'A')}

The text report (:meth:`Comparison.summary`) lists every row, not a sample: each added and
no-longer-found row with its title and quote, each change with its title, the values before
and after, and the quote before and after; an added node with the same code and title as an
existing node under another id is flagged as a probable duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inklusionsgraf.tables import DOCUMENTS, SPECS, read_dataset

PROVENANCE = {"document", "line", "quote"}


@dataclass
class Change:
    key: str
    columns: dict[str, tuple[Any, Any]]  # column -> (in the dataset, in the extraction)
    before: dict = field(default_factory=dict)  # the dataset's row
    after: dict = field(default_factory=dict)  # the extraction's row


@dataclass
class TableComparison:
    added: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unchanged: int = 0
    rows: dict[str, dict] = field(default_factory=dict)  # added or missing key -> its row
    duplicates: dict[str, str] = field(default_factory=dict)  # added key -> existing key


@dataclass
class Comparison:
    tables: dict[str, TableComparison]

    def to_dict(self) -> dict:
        return {name: {"added": t.added, "unchanged": t.unchanged,
                       "changed": [{"key": c.key, "title": _title(c.after) or _title(c.before),
                                    "columns": {k: list(v) for k, v in c.columns.items()},
                                    "before": _where(c.before), "after": _where(c.after)}
                                   for c in t.changed],
                       "no_longer_found": t.missing,
                       "rows": {k: {"title": _title(r), **_where(r)} for k, r in t.rows.items()},
                       "probable_duplicates": dict(t.duplicates)}
                for name, t in self.tables.items()}

    def summary(self) -> str:
        """A report a person can review: counts per table, then every added, changed and no
        longer found row with its title, values and quotes (before -> after)."""
        out = [f"{'table':<18}{'added':>7}{'changed':>9}{'no longer found':>17}{'unchanged':>11}"]
        for name, t in self.tables.items():
            out.append(f"{name:<18}{len(t.added):>7}{len(t.changed):>9}{len(t.missing):>17}"
                       f"{t.unchanged:>11}")
        for name, t in self.tables.items():
            for label, keys in (("added", t.added), ("no longer found", t.missing)):
                if keys:
                    out.append(f"\n{name}: {label} ({len(keys)})")
                for key in keys:
                    out.append(f"  {key}  {_row_line(t.rows.get(key, {}))}")
                    if key in t.duplicates:
                        out.append(f"    probable duplicate of {t.duplicates[key]} "
                                   "(same code and title)")
            if t.changed:
                out.append(f"\n{name}: changed ({len(t.changed)})")
            for change in t.changed:
                out.append(f"  {change.key}  {_short(_title(change.after) or _title(change.before))}")
                out += [f"    {c}: {_short(a)} -> {_short(b)}" for c, (a, b) in change.columns.items()]
                if _where(change.before) != _where(change.after):
                    out.append(f"    quote: {_quote(change.before)} -> {_quote(change.after)}")
        return "\n".join(out) + "\n"


def _short(value: Any, width: int = 200) -> str:
    text = "" if value is None else "|".join(value) if isinstance(value, list) else str(value)
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _title(row: dict) -> str:
    return str(row.get("title") or "")


def _where(row: dict) -> dict:
    return {"document": row.get("document"), "line": row.get("line"), "quote": row.get("quote")}


def _quote(row: dict) -> str:
    return f"{_short(row.get('quote'))} ({row.get('document')}:{row.get('line')})"


def _row_line(row: dict) -> str:
    title = f"{_short(_title(row))}  " if _title(row) else ""
    return f"{title}{_quote(row)}"


def _same_node(row: dict) -> tuple:
    """What makes two node rows the same node whatever their ids: code and title."""
    from inklusionsgraf.values import fold

    return (fold(str(row.get("code") or "")), " ".join(fold(_title(row)).split()))


def row_key(spec, row: dict) -> str:
    if spec.edge_kind is not None:
        return f"{row.get('source')} -> {row.get('target')}"
    return str(row.get("id"))


def keyed(spec, rows: list[dict]) -> dict[str, dict]:
    """Rows by key; a repeated edge key gets '#2', '#3' in line order."""
    result: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: (r.get("document") or "", r.get("line") or 0)):
        key, n = row_key(spec, row), 2
        base = key
        while key in result:
            key, n = f"{base} #{n}", n + 1
        result[key] = row
    return result


def _norm(value: Any) -> Any:
    if value in ("", None, []):
        return None
    return value


def changed_columns(spec, old: dict, new: dict) -> dict[str, tuple[Any, Any]]:
    """The columns (provenance aside) where the new row states a value the old one lacks
    or has otherwise: column -> (old, new)."""
    return {c: (_norm(old.get(c)), _norm(new.get(c))) for c in spec.column_names
            if c not in PROVENANCE and _norm(new.get(c)) is not None
            and _norm(old.get(c)) != _norm(new.get(c))}


def compare_tables(extracted: dict[str, list[dict]], dataset: dict[str, list[dict]]) -> Comparison:
    """Compare two sets of table rows (plain dicts by column name)."""
    documents = {row.get("document") for rows in extracted.values() for row in rows}
    documents |= {row.get("id") for row in extracted.get("documents", [])}
    result = {}
    for spec in SPECS:
        new = keyed(spec, extracted.get(spec.name, []))
        old = keyed(spec, dataset.get(spec.name, []))
        table = TableComparison()
        existing = {} if spec.edge_kind is not None or spec is DOCUMENTS else {
            _same_node(row): key for key, row in old.items() if _title(row)}
        for key, row in new.items():
            if key not in old:
                table.added.append(key)
                table.rows[key] = row
                twin = existing.get(_same_node(row))
                if twin is not None:
                    table.duplicates[key] = twin
                continue
            diff = changed_columns(spec, old[key], row)
            if diff:
                table.changed.append(Change(key, diff, old[key], row))
            else:
                table.unchanged += 1
        for key, row in old.items():
            doc = row.get("id") if spec is DOCUMENTS else row.get("document")
            if key not in new and doc in documents:
                table.missing.append(key)
                table.rows[key] = row
        result[spec.name] = table
    return Comparison(result)


def compare_dirs(extracted_dir, dataset_dir, corrections=None) -> Comparison:
    """Compare an extraction directory with a dataset directory (corrections applied first)."""
    from inklusionsgraf.extract.merge import apply_corrections, load_corrections, plain_tables

    extracted = plain_tables(read_dataset(extracted_dir, check=False))
    dataset = plain_tables(read_dataset(dataset_dir, check=False))
    fixes = load_corrections(corrections, dataset_dir)
    if fixes:
        apply_corrections(extracted, fixes, strict=False)
    return compare_tables(extracted, dataset)
