"""The core's pyarrow reader never accepts what the row reader rejects: on every broken dataset
the other tests make (bad input, misleading values, hypothesis mutations) the fast check says
"not sure", and the core then reports exactly the row reader's FILE:LINE: messages. Where both
accept a dataset, they read the same values."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY, write_dataset
from test_bad_input import BREAKAGES
from test_checks import MISLEADING
from test_fuzz import mutate, mutations
from inklusionsgraf.core import load_core
from inklusionsgraf.core.columns import from_dataset
from inklusionsgraf.core.fastread import read_fast
from inklusionsgraf.errors import DataError
from inklusionsgraf.tables import read_dataset

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


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_broken_dataset_goes_to_the_row_reader(broken_copy, case):
    file, breakage, _, _ = CASES[case]
    data = broken_copy()
    breakage(data / file)
    assert read_fast(data) is None
    assert_agree(data)


def test_valid_datasets_are_read_fast_with_the_same_values(tiny_dir, two_plans_dir, real_data_dir):
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
