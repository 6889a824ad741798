"""A report as a workbook to hand on: a summary sheet with the counts and a bar chart each (by
administration, by policy goal), the goals one per row, the activities one per row.

Amounts are numbers shown as ``#,##0 "kr."`` (the file's locale-free code; Danish Excel shows
it as ``#.##0 "kr."``), one column per funding status; each table has a filter, a frozen and
repeated header row, wrapped text and widths that fit, and prints on A4 landscape. Only this
module imports openpyxl.
"""

from __future__ import annotations

import gc
import io
import re
import sys
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.labels import labels
from inklusionsgraf.reports import STATUSES, Report, activity_rows, first_page_facts, goal_rows

KRONER = '#,##0 "kr."'
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_WRAP = Alignment(wrap_text=True, vertical="top")
_WIDEST = 40     # characters; longer text wraps (the summary's names get more)
_NARROWEST = 8


def to_xlsx(report: Report) -> bytes:
    w = labels(report.lang)
    book = Workbook()
    summary = book.active
    summary.title = _sheet_title(w["report.summary"])
    _summary(summary, report)
    headers, rows = goal_rows(report)
    goals = _table_sheet(book, w["report.goals"], headers, rows)
    for column in range(5, 5 + len(STATUSES)):   # the amount columns, after code, title, admin, why
        for (cell,) in goals.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = KRONER
    _table_sheet(book, w["report.activity_rows"], *activity_rows(report))
    return _save(book)


def _summary(sheet, report: Report) -> None:
    """Heading, date and data version; the two counts as tables with a chart beside each."""
    w = labels(report.lang)
    sheet["A1"] = report.heading
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = " · ".join(first_page_facts(report))
    sheet["A3"] = w["report.total"].format(listed=len(report.entries), goals=report.goals)
    sheet["A4"] = w["report.count_note"]
    top = 6
    for number, (first, rows, chart_title) in enumerate((
            (w["field.administration"], report.by_administration, w["report.chart_admin"]),
            (w["report.policy_goal"], report.by_policy_goal, w["report.chart_policy"])), start=1):
        sheet.cell(row=top, column=1, value=first)
        sheet.cell(row=top, column=2, value=w["report.count"])
        for offset, (name, count) in enumerate(rows, start=1):
            sheet.cell(row=top + offset, column=1, value=name).alignment = _WRAP
            sheet.cell(row=top + offset, column=2, value=count)
        _header(sheet[top][:2])
        bottom = top + max(len(rows), 1)
        table = Table(displayName=f"Summary{number}", ref=f"A{top}:B{bottom}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(table)
        if rows:
            sheet.add_chart(_chart(sheet, chart_title, top, bottom), f"D{top}")
        chart_rows = int(_chart_height(len(rows)) / 0.5) + 2    # about 0.5 cm a row
        top = max(bottom, top + chart_rows) + 3
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 10
    _print_setup(sheet, repeat_header=False)


def _chart(sheet, title: str, top: int, bottom: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"              # horizontal bars: long names read along the axis
    chart.title = title
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=2, min_row=top, max_row=bottom), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=top + 1, max_row=bottom))
    chart.x_axis.scaling.orientation = "maxMin"   # first row at the top, as in the table
    chart.y_axis.majorUnit = 1
    chart.y_axis.numFmt = "0"
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.width, chart.height = 22, _chart_height(bottom - top)
    return chart


def _chart_height(bars: int) -> float:
    return max(6.0, 0.7 * bars + 2.5)  # cm


def _table_sheet(book, title: str, headers: list[str], rows: list[list[Any]]):
    """A sheet holding one table: bold, frozen, filtered header; wrapped cells; fitting widths."""
    sheet = book.create_sheet(_sheet_title(title))
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = _WRAP
            if cell.data_type == "f":  # document text that starts with '=' is text, not a formula
                cell.data_type = "s"
    _header(sheet[1])
    for index, header in enumerate(headers, start=1):
        texts = [str(header)] + [str(r[index - 1]) for r in rows if r[index - 1] not in (None, "")]
        longest = max(len(word) for word in " ".join(texts).split()) if texts else 0
        widest = max(len(t) for t in texts)
        width = max(_NARROWEST, min(_WIDEST, widest + 2), longest + 2, min(len(str(header)) + 2, 24))
        sheet.column_dimensions[get_column_letter(index)].width = min(width, _WIDEST)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 2)}"
    _print_setup(sheet)
    return sheet


def _header(cells) -> None:
    for cell in cells:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP


def _print_setup(sheet, repeat_header: bool = True) -> None:
    """A4 landscape, as wide as one page, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if repeat_header:
        sheet.print_title_rows = "1:1"


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", title)[:31]


def _save(book) -> bytes:
    """The workbook's bytes. openpyxl writes each sheet through a temporary file first; when
    that fails (a full disk), its half-run writers print tracebacks as they are collected, so
    they are collected here, quietly, and the failure becomes one clear error."""
    buffer = io.BytesIO()
    failure = None
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        try:
            book.save(buffer)
        except Exception as exc:  # OSError, or lxml's SerialisationError
            failure = str(exc)
        gc.collect()
    finally:
        sys.unraisablehook = hook
    if failure is not None:
        raise InklusionsgrafError(f"cannot build the workbook: {failure}; nothing was changed")
    return buffer.getvalue()
