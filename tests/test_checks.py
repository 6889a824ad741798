"""validate refuses what parses but would mislead (checks.py): each defect is one
FILE:LINE: message, exit 2, and the graph is never built from it."""

from __future__ import annotations

import os
import re

import pytest
from test_bad_input import append, edit, run


def duplicate_last_row(path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.splitlines(keepends=True)[-1], encoding="utf-8")


MISLEADING = {
    "negative amount": ("funds.csv", lambda p: edit(p, ",500000,500000,", ",-500000,500000,"), 3,
                        "min_dkk -500000 is not an amount between 0 and"),
    "Arabic-Indic digits": ("funds.csv", lambda p: edit(p, ",500000,500000,", ",٥٠٠,500000,"), 3,
                            "min_dkk '٥٠٠' is not a whole number"),
    "400-digit amount": ("activities.csv", lambda p: edit(p, ",400000,600000,", f",400000,{'9' * 400},"), 4,
                         "cost_max_dkk '9999.*has 400 digits"),
    "absurd amount": ("activities.csv", lambda p: edit(p, ",400000,600000,", ",400000,60000000000000,"), 4,
                      "cost_max_dkk 60000000000000 is not an amount"),
    "30 February": ("activities.csv", lambda p: edit(p, "2011,2013,,,reduced", "2011,2013,2013-02-30,,reduced"), 2,
                    "start_date 2013-02-30 is not a day of the calendar"),
    "year -5": ("activities.csv", lambda p: edit(p, ",2012,", ",-5,"), 3, "start_year -5 is not a year between 1900 and 2100"),
    "twenty-digit year": ("goals.csv", lambda p: edit(p, "Mål 1,,,", "Mål 1,,12345678901234567890,"), 2,
                          "start_year '1234.*has 20 digits"),
    "self-loop in supports": ("supports.csv", lambda p: append(p, "goal:pol-1,goal:pol-1,plan.txt,5,citat"), 9,
                              "supports edge from 'goal:pol-1' to itself"),
    "cycle in supports": ("supports.csv", lambda p: append(p, "goal:pol-1,goal:sub-a,plan.txt,5,citat"), 2,
                          "cycle in supports: goal:sub-a -> goal:pol-1 -> goal:sub-a"),
    "cycle in located_in": ("located_in.csv", lambda p: append(p, "area:by,area:park,plan.txt,19,citat"), 2,
                            "cycle in located_in: area:bydel -> area:by -> area:park -> area:bydel"),
    "duplicate edge row": ("responsible.csv", duplicate_last_row, 8, "the same responsible edge 'admin:aaa' -> "
                           "'activity:z' as an earlier row"),
    "id with a trailing space": ("areas.csv", lambda p: edit(p, "area:park,", "area:park ,"), 4,
                                 "id 'area:park ' has white space around it"),
    "edge end with a leading space": ("located_in.csv", lambda p: edit(p, "area:park,area:bydel", " area:park,area:bydel"),
                                      3, "source ' area:park' has white space"),
    "NUL in a title": ("goals.csv", lambda p: edit(p, "Flere i arbejde", "Flere i\x00arbejde"), 2,
                       "title holds the control character U\\+0000"),
    "escape in aliases": ("funding_sources.csv", lambda p: edit(p, ",EE,", ",E\x1bE,"), 2,
                          "aliases holds the control character U\\+001B"),
}


@pytest.mark.parametrize("name", MISLEADING)
def test_validate_refuses_what_would_mislead(broken_copy, name):
    file, breaker, line, words = MISLEADING[name]
    directory = broken_copy()
    breaker(directory / file)
    for args in (("validate",), ("gaps", "unfunded")):
        result = run(directory, *args)
        assert result.exit_code == 2, result.output
        assert isinstance(result.exception, SystemExit), result.exception
        assert result.stdout == ""
        expected = re.compile(rf"{re.escape(file)}:{line}: .*{words}")
        assert any(expected.search(l) for l in result.stderr.splitlines()), result.stderr


def test_optional_table_that_is_a_folder_or_a_pipe_is_refused(broken_copy):
    for name, make in (("folder", os.mkdir), ("pipe", os.mkfifo)):
        directory = broken_copy(name)
        (directory / "depends_on.csv").unlink()
        make(directory / "depends_on.csv")
        result = run(directory, "validate")
        assert result.exit_code == 2, result.output
        assert "depends_on.csv:0: is a " in result.stderr
        assert "a table must be a regular CSV file" in result.stderr


def test_tabs_and_line_breaks_in_text_stay_allowed(broken_copy):
    directory = broken_copy()
    edit(directory / "goals.csv", "Flere i arbejde", '"Flere i\tarbejde,\nog flere i uddannelse"')
    assert run(directory, "validate").exit_code == 0


def test_the_graphml_of_a_validated_dataset_is_well_formed(tiny_dir, tmp_path):
    import xml.dom.minidom

    out = tmp_path / "g.graphml"
    assert run(tiny_dir, "export", "--format", "graphml", "-o", str(out)).exit_code == 0
    xml.dom.minidom.parse(str(out))
