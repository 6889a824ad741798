"""Results -> text on stdout: an 80-column table, JSON, or CSV.

JSON is the library's ``Result.to_dict()`` as it is; CSV is the rows alone, with cells a
spreadsheet would evaluate neutralised (``safety.neutralise``); the table puts
the summary's short facts first, then the rows with columns shrunk to fit the width.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from typing import Any

from inklusionsgraf.rollup import format_sums
from inklusionsgraf.safety import neutralise

FORMATS = ("table", "json", "csv")


def render(result, fmt: str = "table", width: int = 80) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=result.columns, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in row.items()} for row in result.rows)
        return buffer.getvalue()
    return render_summary(result.summary, width) + render_table(result.columns, result.rows, width)


def render_summary(summary: dict[str, Any], width: int = 80) -> str:
    lines = []
    for key, value in summary.items():
        label = key.replace("_", " ")
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{label}:")
            lines += [_clip("  " + _describe(item), width) for item in value]
        elif isinstance(value, (list, dict)):
            if not value:
                lines.append(f"{label}: none")
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            text = ", ".join(f"{k}: {v}" if isinstance(value, dict) else str(v) for k, v in items)
            lines.append(_clip(f"{label}: {text}", width))
        else:
            lines.append(_clip(f"{label}: {value}", width))
    return "\n".join(lines) + ("\n\n" if lines else "")


def _describe(item: dict) -> str:
    if "basis" in item and "min_dkk" in item:
        return format_sums([item]) + f" ({item.get('statements', '?')} statements)"
    return "  ".join(str(v) for v in item.values())


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(columns: list[str], rows: list[dict[str, Any]], width: int = 80) -> str:
    """Aligned columns when they fit in ``width``; otherwise one record per row."""
    if not rows:
        return "(no rows)\n"
    cells = [[_text(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    if sum(widths) + 2 * (len(columns) - 1) > width:
        return _render_records(columns, cells, width)
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"


def _render_records(columns: list[str], cells: list[list[str]], width: int) -> str:
    heads = [c for c in ("id", "title") if c in columns] or columns[:1]
    out = []
    for row in cells:
        values = dict(zip(columns, row))
        out.append(_clip("  ".join(values[h] for h in heads), width))
        rest = " · ".join(f"{c}: {values[c]}" for c in columns if c not in heads and values[c])
        if rest:
            out += textwrap.wrap(rest, width, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(out) + f"\n({len(cells)} rows)\n"


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())
