"""The core's pyarrow reader never accepts what the row reader rejects: on every broken dataset
the other tests make (bad input, misleading values, hypothesis mutations) the fast check says
"not sure", and the core then reports exactly the row reader's FILE:LINE: messages. Where both
accept a dataset, they read the same values."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY, write_dataset
from test_bad_input import BREAKAGES
from test_checks import MISLEADING
from test_fuzz import mutate, mutations
from inklusionsgraf.core import load_core
from inklusionsgraf.core.columns import from_dataset, number_edges
from inklusionsgraf.core.fastread import read_fast
from inklusionsgraf.errors import DataError
from inklusionsgraf.tables import SPECS, read_dataset

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60")) * 3
CASES = {**BREAKAGES, **MISLEADING}


def row_reader(directory):
    """The row reader's problems (None when it accepts the dataset) and its tables."""
    try:
        return None, from_dataset(read_dataset(directory))
    except DataError as error:
        return [str(p) for p in error.problems], None


def assert_agree(directory) -> None:
    problems, tables = row_reader(directory)
    fast = read_fast(directory)
    if problems is not None:
        assert fast is None, problems
        with pytest.raises(DataError) as raised:
            load_core(directory, cache=False)
        assert [str(p) for p in raised.value.problems] == problems
    elif fast is not None:
        for name, table in tables.tables.items():
            assert fast.tables[name].equals(table), name
        assert fast.documents == tables.documents
        ids = pa.chunked_array([fast.tables[spec.name].column("id").combine_chunks()
                                for spec in SPECS if spec.node_kind is not None]).combine_chunks()
        for name, (source, target) in number_edges(fast.tables, ids).items():
            assert np.array_equal(fast.numbers[name][0], source) and np.array_equal(fast.numbers[name][1], target)


@pytest.mark.parametrize("few", [8, 0], ids=["ends hashed as they come", "every end made distinct first"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_broken_dataset_goes_to_the_row_reader(broken_copy, monkeypatch, case, few):
    from inklusionsgraf.core import fastread

    monkeypatch.setattr(fastread, "FEW", few)
    file, breakage, _, _ = CASES[case]
    data = broken_copy()
    breakage(data / file)
    assert read_fast(data) is None
    assert_agree(data)


@pytest.mark.parametrize("few", [8, 0], ids=["ends hashed as they come", "every end made distinct first"])
def test_valid_datasets_are_read_fast_with_the_same_values(tiny_dir, two_plans_dir, real_data_dir, monkeypatch, few):
    from inklusionsgraf.core import fastread

    monkeypatch.setattr(fastread, "FEW", few)
    for directory in (tiny_dir, two_plans_dir, real_data_dir):
        assert read_fast(directory) is not None, directory
        assert_agree(directory)


def test_quoted_line_breaks_and_commas_are_read_fast(broken_copy):
    data = broken_copy()
    path = data / "goals.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Flere i arbejde", '"Flere i\narbejde, ""nu"""'),
                    encoding="utf-8")
    fast = read_fast(data)
    assert fast is not None
    assert 'Flere i\narbejde, "nu"' in fast.tables["goals"].column("title").to_pylist()
    assert_agree(data)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations(), min_size=1, max_size=3))
def test_mutated_tables_never_pass_the_fast_check_when_the_row_reader_refuses_them(changes):
    with tempfile.TemporaryDirectory() as tmp:
        data = write_dataset(Path(tmp) / "data", TINY)
        for change in changes:
            mutate(data, change)
        assert_agree(data)
        shutil.rmtree(data)


# The fast reader decides most checks from the bytes (each cell's first and last byte, the
# least and greatest byte of a column, the file mapped a window at a time); each case below
# is a cell the bytes might misjudge. ``fast`` says whether the fast reader may take the
# dataset itself (True), must leave it to the row reader (False); both must agree either way.
GOAL_CELLS = {
    "spaces around a title": ("Flere i arbejde", "  Flere i arbejde\t", True),
    "a tab inside a title": ("Flere i arbejde", "Flere\ti arbejde", True),
    "a no-break space inside a title": ("Flere i arbejde", "Flere\u00a0i arbejde", True),
    "accents at both ends of a title": ("Flere i arbejde", "Éclair i arbejdé", True),
    "an en dash ending a title": ("Flere i arbejde", "Flere i arbejde –", True),
    "a no-break space starting a title": ("Flere i arbejde", "\u00a0Flere i arbejde", False),
    "an ideographic space ending a title": ("Flere i arbejde", "Flere i arbejde\u3000", False),
    "a line separator ending a title": ("Flere i arbejde", "Flere i arbejde\u2028", False),
    "U+FFFE inside a title": ("Flere i arbejde", "Flere\ufffe i arbejde", False),
    "U+FFFF ending a title": ("Flere i arbejde", "Flere i arbejde\uffff", False),
    "DEL inside a title": ("Flere i arbejde", "Flere\x7f i arbejde", False),
    "a vertical tab inside a title": ("Flere i arbejde", "Flere\x0bi arbejde", False),
    "U+FEFF inside a title": ("Flere i arbejde", "Flere\ufeffi arbejde", True),
    "a line number with leading zeros": ("plan.txt,5,", "plan.txt,005,", True),
    "a line number with spaces": ("plan.txt,5,", "plan.txt, 5 ,", True),
    "a line number of 16 digits": ("plan.txt,5,", "plan.txt,0000000000000005,", False),
    "a line number with a plus": ("plan.txt,5,", "plan.txt,+5,", False),
    "a line number in Arabic-Indic digits": ("plan.txt,5,", "plan.txt,\u0665,", False),
    "a year with a space inside": (",,,,plan.txt,5,", ",2010,20 11,,plan.txt,5,", False),
    "a quoted empty cell": ("Mål 1,,", 'Mål 1,"",', True),
    "a document name with a space after it": ("plan.txt,5,", "plan.txt ,5,", False),
    "an id with a tab before it": ("goal:pol-1,", "\tgoal:pol-1,", False),
    "an administration with a space after it": ("Mål 1,,", "Mål 1,admin:aaa ,", False),
    "an administration with a control character": ("Mål 1,,", "Mål 1,admin:aaa\x01,", False),
    "an administration of white space only": ("Mål 1,,", "Mål 1, ,", False),
    "a level with a space before it": (",policy_goal,", ", policy_goal,", True),
    "a level with a no-break space after it": (",policy_goal,", ",policy_goal\u00a0,", False),
    "a year with spaces around it": (",,,,plan.txt,5,", ",2010, 2011 ,,plan.txt,5,", True),
}


@pytest.mark.parametrize("case", sorted(GOAL_CELLS))
def test_cells_the_bytes_might_misjudge(broken_copy, case):
    old, new, fast = GOAL_CELLS[case]
    data = broken_copy()
    path = data / "goals.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    assert (read_fast(data) is not None) == fast
    assert_agree(data)


def test_windows_line_ends_and_a_byte_order_mark_are_read_fast(broken_copy):
    data = broken_copy()
    for path in data.glob("*.csv"):
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_fast(data) is not None
    assert_agree(data)


@pytest.mark.parametrize("shift", range(-3, 4))
@pytest.mark.parametrize("after", [",", "x"])
def test_quotes_are_judged_across_the_windows_of_a_file(broken_copy, monkeypatch, shift, after):
    """A quoted cell whose quotes fall on either side of, or right at, the edge of two
    windows; a closing quote followed by a letter (csv and pyarrow differ) is never read fast."""
    import mmap

    from inklusionsgraf.core import fastread

    monkeypatch.setattr(fastread, "WINDOW", mmap.ALLOCATIONGRANULARITY)
    data = broken_copy()
    path = data / "goals.csv"
    text = path.read_text(encoding="utf-8")
    start = text.index("Flere i arbejde")
    pad = "x" * (fastread.WINDOW - start - 2 + shift)  # the closing quote near the window's end
    cell = f'"{pad}"{after}' if after == "," else f'"{pad}"{after},'
    path.write_text(text.replace("Flere i arbejde,", cell, 1), encoding="utf-8", newline="")
    assert path.stat().st_size > fastread.WINDOW
    assert (read_fast(data) is not None) == (after == ",")
    assert_agree(data)


def test_a_blank_row_cannot_pass_for_data():
    """The fast reader finds blank rows (which the row reader skips) through the required
    columns: every table has one that every header must name."""
    from inklusionsgraf.tables import SPECS

    for spec in SPECS:
        assert any(c.required and not c.optional for c in spec.columns), spec.name


def test_a_row_of_empty_cells_goes_to_the_row_reader(broken_copy):
    data = broken_copy()
    path = data / "goals.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(2, "," * (lines[0].count(",")))
    path.write_text("\n".join(lines), encoding="utf-8")
    assert read_fast(data) is None
    assert_agree(data)


@pytest.mark.parametrize("shift", range(-2, 3))
def test_a_quote_inside_a_cell_is_seen_across_the_windows_of_a_file(broken_copy, monkeypatch, shift):
    """A quote after a letter, at or near the first byte of a window whose window before
    holds no quote: csv and pyarrow may read it differently, so it is never read fast."""
    import mmap

    from inklusionsgraf.core import fastread

    monkeypatch.setattr(fastread, "WINDOW", mmap.ALLOCATIONGRANULARITY)
    data = broken_copy()
    path = data / "goals.csv"
    text = path.read_text(encoding="utf-8")
    start = text.index("Flere i arbejde")
    assert '"' not in text[:fastread.WINDOW]
    pad = "x" * (fastread.WINDOW - start + shift)  # the quote at the window's edge
    path.write_text(text.replace("Flere i arbejde,", f'{pad}"q",', 1), encoding="utf-8", newline="")
    assert read_fast(data) is None
    assert_agree(data)
