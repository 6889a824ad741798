"""Results -> text on stdout: a table for reading, JSON, or CSV.

JSON is the library's ``Result.to_dict()`` as it is; CSV is the rows alone, with cells a
spreadsheet would evaluate neutralised (``safety.neutralise``). Both keep the answer's
English keys and codes. The table speaks the language asked for (:mod:`wording`): the
summary's facts first, wrapped to the width, then the rows as aligned columns where they fit
(titles cut, never so that two rows read alike), else one record per row: the goal's code and
title, then its details, the id last.
"""

from __future__ import annotations

import csv
import io
import json
import operator
import re
import shutil
import textwrap
from collections import defaultdict

from inklusionsgraf.labels import labels
from inklusionsgraf.safety import FORMULA_FIRST, neutralise
from inklusionsgraf.wording import NO_ADMINISTRATION, Table, words

FORMATS = ("table", "json", "csv")
GROUPINGS = ("admin",)
MIN_TITLE = 28  # the narrowest a cut title column may be in an aligned table
SPARE = 12      # characters past the common start that set two cut titles apart
# The head of a record where a row has no title: the cells that say what the row is.
_FIRST = operator.itemgetter(slice(0, 1))
_HEADS = {"deps": ("provider", "relation", "receiver"), "changes": ("change", "kind"),
          "stats": ("category", "name")}


def terminal_width() -> int:
    """The terminal's width (``COLUMNS`` where set), 80 where there is no terminal."""
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def render(result, fmt: str = "table", width: int | None = None, lang: str = "da",
           group: str | None = None) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv" and getattr(result, "cells", None) is not None:
        return _csv_of_columns(result.columns, result.cells)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=result.columns, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in row.items()} for row in result.rows)
        return buffer.getvalue()
    width = width or terminal_width()
    table = words(result, lang)
    text = render_summary(table.summary, width, lang)
    if group == "admin":
        return text + _render_groups(table, result.query, width, lang)
    return text + render_rows(table, result.query, range(len(table.rows)), width) + _footer(len(table.rows), lang)


def _csv_of_columns(columns: list[str], cells: dict[str, list]) -> str:
    """The CSV of an answer kept as columns, byte for byte as csv.DictWriter writes its rows
    (minimal quoting, "\\n" line ends), each column neutralised only where one of its cells
    starts as a formula would, and quoted only where one of its cells needs it."""
    texts = []
    for column in columns:
        values = cells[column]
        text = _texts(values)
        if not FORMULA_FIRST.isdisjoint(map(_FIRST, text)):  # (a number such as -5 is kept by neutralise)
            text = _texts([neutralise(v) for v in values])
        texts.append(_quoted(text))
    if len(texts) == 1:  # a row of one empty cell is written as "" (else it would be a blank line)
        texts[0] = [text or '""' for text in texts[0]]
    lines = [",".join(_quoted(list(columns))), *map(",".join, zip(*texts))]
    return "\n".join(lines) + "\n"


def _texts(values: list) -> list[str]:
    """Each cell as csv.writer writes it before quoting: None empty, anything else str()."""
    if None in values:
        values = ["" if v is None else v for v in values]
    return list(map(str, values))


def _quoted(texts: list[str]) -> list[str]:
    """The cells in quotes (their quotes doubled) where they hold a comma, a quote or a line end."""
    if _NEEDS_QUOTES.search("\0".join(texts)) is None:
        return texts
    return ['"' + t.replace('"', '""') + '"' if _NEEDS_QUOTES.search(t) else t for t in texts]


def _quoted_characters() -> str:
    """The characters that make csv.writer quote a cell: the comma, the quote, the line end
    "\\n", and "\\r" in the Python versions whose writer quotes it too (asked of csv itself)."""
    probe = io.StringIO()
    csv.writer(probe, lineterminator="\n").writerow(["\r", ""])
    return ',"\n' + ("\r" if probe.getvalue().startswith('"') else "")


_NEEDS_QUOTES = re.compile("[" + re.escape(_quoted_characters()) + "]")


def render_summary(summary: list[tuple[str, object]], width: int = 80, lang: str = "da") -> str:
    """Each fact on its line, wrapped under itself; a list with one item a line."""
    none = labels(lang)["value.none"]
    lines = []
    for label, value in summary:
        if isinstance(value, list):
            lines.append(f"{label}:" if value else f"{label}: {none}")
            for item in value:
                lines += _wrap(str(item), width, "  ", "      ")
        else:
            lines += _wrap(f"{label}: {value}", width, "", "    ")
    return "\n".join(lines) + ("\n\n" if lines else "")


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False) or [first.rstrip()]


def _footer(count: int, lang: str) -> str:
    say = labels(lang)
    if count == 0:
        return say["rows.none"] + "\n"
    return (say["rows.one"] if count == 1 else say["rows.many"].format(count=count)) + "\n"


def _render_groups(table: Table, query: str, width: int, lang: str) -> str:
    """A heading per administration the rows name, its rows beneath, those naming none last."""
    from inklusionsgraf.by_admin import administrations_in

    known = set(table.admin_titles)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(table.source_rows):
        for name in administrations_in(row.get("administration") or "", known) or [NO_ADMINISTRATION]:
            groups[name].append(i)
    say = labels(lang)
    out = []
    for name in sorted(groups, key=lambda n: (n == NO_ADMINISTRATION, n.casefold())):
        rows = groups[name]
        title = say["value.none_recorded"] if name == NO_ADMINISTRATION else name
        full = table.admin_titles.get(name, "")
        heading = f"{title} · {full}" if full and full != title else title
        out.append(f"== {heading} ({len(rows)}) ==")
        hide = ("administration",) if query == "area" else ()  # one per row: the heading says it
        out.append(render_rows(table, query, rows, width, hide).rstrip("\n"))
        out.append("")
    return "\n".join(out) + _footer(len(table.rows), lang)


def render_rows(table: Table, query: str, indices, width: int, hide=()) -> str:
    """The rows ``indices`` of ``table``: aligned columns where they fit in ``width`` (titles
    cut apart if that makes them fit), else one record per row."""
    indices = list(indices)
    if not indices:
        return ""
    heads = _distinct_titles(table, indices) if table.title else {}
    columns = [c for c in table.columns if c not in hide and any(table.rows[i].get(c) for i in indices)]
    cells = {i: {c: heads.get(i, table.rows[i].get(c, "")) if c == table.title else table.rows[i].get(c, "")
                 for c in columns} for i in indices}
    widths = {c: max(len(table.headings[c]), *(len(cells[i][c]) for i in indices)) for c in columns}
    room = width - 2 * (len(columns) - 1)
    if sum(widths.values()) > room and table.title in widths:
        title_room = room - sum(w for c, w in widths.items() if c != table.title)
        if title_room >= MIN_TITLE:
            cut = _distinct_cuts([heads[i] for i in indices], [table.ids[i] for i in indices], title_room)
            if max(len(t) for t in cut) <= title_room:
                for i, text in zip(indices, cut):
                    cells[i][table.title] = text
                widths[table.title] = max(len(table.headings[table.title]), *(len(t) for t in cut))
    if sum(widths.values()) <= room:
        lines = ["  ".join(table.headings[c].ljust(widths[c]) for c in columns).rstrip(),
                 "  ".join("-" * widths[c] for c in columns)]
        lines += ["  ".join(cells[i][c].ljust(widths[c]) for c in columns).rstrip() for i in indices]
        return "\n".join(lines) + "\n"
    return _render_records(table, query, indices, heads, width, columns)


def _render_records(table: Table, query: str, indices: list[int], heads: dict[int, str], width: int,
                    columns: list[str]) -> str:
    head_columns = [table.title] if table.title else list(_HEADS.get(query, table.columns[:1]))
    if table.title:
        cut = dict(zip(indices, _distinct_cuts([heads[i] for i in indices], [table.ids[i] for i in indices],
                                               width)))
    out = []
    for i in indices:
        row = table.rows[i]
        head = cut[i] if table.title else "  ".join(row.get(c, "") for c in head_columns if row.get(c))
        out += _wrap(head, width, "", "  ")
        rest = " · ".join(_detail(table, row, c) for c in columns
                          if c not in head_columns and row.get(c) and not (c == "line" and row.get("document")))
        if rest:
            out += textwrap.wrap(rest, width, initial_indent="    ", subsequent_indent="    ",
                                 break_on_hyphens=False)
    return "\n".join(out) + "\n"


def _detail(table: Table, row: dict, column: str) -> str:
    """'niveau: politikmål'; a document with its line: 'dokument: TMU handleplan 2013, linje 222'."""
    heading = table.headings[column]
    heading = heading[:1].lower() + heading[1:]
    if column == "document" and row.get("line"):
        return f"{heading}: {row[column]}, {table.headings['line'].lower()} {row['line']}"
    return f"{heading}: {row[column]}"


def _distinct_titles(table: Table, indices: list[int]) -> dict[int, str]:
    """Each row's title; where rows of different things have the same title, with the
    document each comes from (and, failing that, its id)."""
    titles = {i: table.rows[i].get(table.title, "") for i in indices}
    for extra in ("document", "id"):
        by_title: dict[str, set[str]] = defaultdict(set)
        for i in indices:
            by_title[titles[i]].add(table.ids[i])
        for i in indices:
            if len(by_title[titles[i]]) > 1 and table.rows[i].get(extra):
                titles[i] = f"{titles[i]} ({table.rows[i][extra]})"
    return titles


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _distinct_cuts(texts: list[str], ids: list[str], width: int) -> list[str]:
    """``texts`` cut to ``width``, each cut made longer where two rows of different things
    would read alike, until they differ."""
    length = [width] * len(texts)
    while True:
        alike: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(texts):
            alike[_cut(text, length[i])].append(i)
        longer = False
        for group in alike.values():
            if len({ids[i] for i in group}) < 2 or len({texts[i] for i in group}) < 2:
                continue
            common = len(_common_start([texts[i] for i in group]))
            for i in group:
                wanted = min(len(texts[i]), common + SPARE)
                if wanted > length[i]:
                    length[i], longer = wanted, True
        if not longer:
            return [_cut(text, length[i]) for i, text in enumerate(texts)]


def _common_start(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]
