"""A report's goals as a CSV that Danish Excel opens as it should: UTF-8 with a byte-order
mark (so æøå are read as UTF-8), ``;`` between fields (Excel's list separator where the
decimal mark is a comma), one row per goal; cells that a spreadsheet would run as a formula
are neutralised. (``--format csv`` of the query commands stays plain RFC 4180 for programs.)
"""

from __future__ import annotations

import csv
import io

from inklusionsgraf.reports import Report, goal_rows
from inklusionsgraf.safety import neutralise


def to_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    headers, rows = goal_rows(report)
    writer.writerow(headers)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
