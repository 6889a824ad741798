"""The status form: one block of labelled fields per initiative, and an economic overview
table with a column per year and a total.

A block starts with the initiative's name on a line of its own (a lone cell) followed by
labelled fields ("label<TAB>value"). The initiative becomes an activity; the field on its
aim becomes a goal it supports; the economy field gives its cost. In the overview table a
row names an initiative (matched to a block by its name) and gives amounts per year and in
total; a total with a part ("ca. 9 mio. kr. heraf ca. 2 mio. kr. fra en fond") also says
who pays that part.
"""

from __future__ import annotations

import re

from inklusionsgraf.extract.amounts import Amount
from inklusionsgraf.extract.assemble import Builder, sentences, title_of
from inklusionsgraf.extract.common import (
    aim_clauses, amounts_in, cost_fields, funding_status, money_fields)
from inklusionsgraf.extract.sources import Line, Source
from inklusionsgraf.values import fold

# Field labels by their first words (what the form asks).
FIELDS = (
    ("economy", r"økonomi\b"),
    ("target_group", r"målgruppe"),
    ("activities", r"beskriv\b"),
    ("aim", r"indsatsens mål|formål\b"),
    ("contribution", r"hvordan bidrager"),
    ("follow_up", r"planlagt opfølgning|opfølgning\b"),
    ("status", r"status\b"),
)
MAX_TITLE_WORDS = 25
_YEAR = re.compile(r"(19|20)\d\d")
_TOTAL = re.compile(r"^(i alt|total|sum)\b", re.I)


def field_of(line: Line) -> str | None:
    """Which labelled field a line is (None when it is not one)."""
    if not line.is_row:
        return None
    label = line.cell(0).casefold()
    for name, pattern in FIELDS:
        if re.match(pattern, label):
            return name
    return None


def is_overview_header(line: Line) -> bool:
    years = [c for c in line.cells if c and _YEAR.fullmatch(" ".join(c))]
    return line.is_row and len(years) >= 2


def count_fields(source: Source) -> int:
    return sum(1 for line in source.lines if field_of(line))


def read(source: Source, build: Builder) -> None:
    blocks: dict[str, str] = {}
    current = None
    lines = source.lines
    for index, line in enumerate(lines):
        build.reached(line)
        kind = field_of(line)
        if kind is None:
            if _block_title(lines, index):
                title = title_of(line.cell(0) if line.is_row else line.text)
                current = build.activity(line, title, quote=title)
                blocks[fold(title)] = current
                for mention in build.mentions(line, line.text, "funding"):
                    build.edge("funds", mention.entry.id, current, line,
                               line.text[mention.start:mention.end],
                               status=funding_status(line.text))
                for mention in build.mentions(line, line.text, "area"):
                    build.edge("located_in", current, mention.entry.id, line,
                               line.text[mention.start:mention.end])
            elif is_overview_header(line):
                _overview(lines[index:], build, blocks)
                return
            continue
        if current is None:
            build.warn(line.number, "labelled field before any initiative's name; skipped")
            continue
        value = " ".join(line.cells[1]) if len(line.cells) > 1 else ""
        if not value:
            continue
        if kind == "aim":
            aims = aim_clauses(value) if len(sentences(value)) > 1 else []
            text = aims[0] if aims else value
            goal = build.goal(line, title_of(text, 300), "administration_goal", quote=text)
            build.edge("supports", current, goal, line, text)
        elif kind == "contribution":
            for aim in aim_clauses(value):
                goal = build.goal(line, title_of(aim, 300), "administration_goal", quote=aim)
                build.edge("supports", current, goal, line, aim)
        elif kind == "economy":
            found = amounts_in(value)
            if found:
                row = build.activity_row(current)
                row.update(cost_fields(found[0][2], value))
        build.candidates(line, value)


def _block_title(lines: list[Line], index: int) -> bool:
    """A lone name followed (after blank lines) by a labelled field."""
    line = lines[index]
    if line.is_row:
        cells = [c for c in line.cells if c] if line.cells[0] else []
    else:
        cells = [(line.text,)] if line.text.strip() else []
    if len(cells) != 1 or len(" ".join(cells[0]).split()) > MAX_TITLE_WORDS:
        return False
    for following in lines[index + 1:index + 3]:
        if following.text.strip():
            return field_of(following) is not None
    return False


def _all_zero(line: Line) -> bool:
    figures = [line.cell(i) for i in range(1, len(line.cells)) if line.cell(i)]
    return bool(figures) and all(re.fullmatch(r"0(?:,0+)?", f) for f in figures)


def _overview(lines: list[Line], build: Builder, blocks: dict[str, str]) -> None:
    header = lines[0]
    width = len(header.cells)
    for line in lines[1:]:
        if not line.is_row:
            if line.text.strip():
                break
            continue
        label = line.cell(0)
        if not label or _TOTAL.match(label):
            continue
        if len(line.cells) < width:
            build.warn(line.number, f"overview row has {len(line.cells)} cells, the header on line "
                       f"{header.number} has {width}; row skipped")
            continue
        activity = blocks.get(fold(label)) or next(
            (a for t, a in blocks.items() if t in fold(label) or fold(label) in t), None)
        total = line.cell(width - 1)
        found = amounts_in(total)
        if not found and _all_zero(line):
            # a money table's 0 is 0 DKK whatever its unit
            found = [(0, len(total), Amount(0, 0, text=total))]
        if not found:
            continue
        if activity is None:
            activity = build.activity(line, title_of(label), quote=label)
        amount = found[0][2]
        row = build.activity_row(activity)
        if row.get("cost_min_dkk") is None:
            row.update(cost_fields(amount, total))
            if not row.get("cost_basis"):
                row["cost_basis"] = "whole_period"
        for part in getattr(amount, "parts", ()):
            for mention in build.mentions(line, part.label or part.text, "funding"):
                build.edge("funds", mention.entry.id, activity, line, part.text or total,
                           status=funding_status(total), **money_fields(part, part.text))
