"""The snapshot cache of the core: a second call reads the snapshot, any change to any table
(content of the same size, or only its time) makes it read the tables again, a damaged
snapshot is reported and rebuilt (never trusted), and nothing is written into the dataset."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from inklusionsgraf.cli import cli
from inklusionsgraf.core import load_core
from inklusionsgraf.core.snapshot import read, snapshot_path, stamp
from inklusionsgraf.tables import SPECS


@pytest.fixture
def dataset(two_plans_dir, tmp_path, monkeypatch):
    """The two-plans policy with every table present, and a cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("INKLUSIONSGRAF_CORE", "1")  # small as it is, answer from the core
    monkeypatch.delenv("INKLUSIONSGRAF_NO_CACHE", raising=False)
    for spec in SPECS:
        assert (two_plans_dir / spec.file).is_file(), spec.file
    return two_plans_dir


def gaps(directory, *options):
    return CliRunner().invoke(cli, ["--data", str(directory), *options, "gaps", "unfunded", "--format", "csv"])


def test_second_call_reads_the_snapshot_and_answers_the_same(dataset):
    files = sorted(os.listdir(dataset))
    first = gaps(dataset)
    assert first.exit_code == 0, first.output
    path = snapshot_path(dataset)
    assert path.is_file()
    assert read(path, stamp(dataset), dataset) is not None
    second = gaps(dataset)
    assert second.stdout == first.stdout == gaps(dataset, "--no-cache").stdout
    assert sorted(os.listdir(dataset)) == files  # nothing written into the dataset


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_any_change_to_any_table_makes_the_snapshot_stale(dataset, spec):
    load_core(dataset)
    path = snapshot_path(dataset)
    table = dataset / spec.file
    before = os.stat(table)
    original = table.read_bytes()
    data = bytearray(original)
    index = max(i for i, byte in enumerate(data) if chr(byte).isalpha() and chr(byte).isascii())
    data[index] ^= 0x20  # upper case for lower case: the same size
    table.write_bytes(bytes(data))
    os.utime(table, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    assert os.stat(table).st_size == before.st_size
    assert read(path, stamp(dataset), dataset) is None
    table.write_bytes(original)
    os.utime(table, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert read(path, stamp(dataset), dataset) is not None  # the very tables again
    os.utime(table, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))  # only the time
    assert read(path, stamp(dataset), dataset) is None


def test_a_changed_title_is_seen_though_size_and_time_are_the_same(dataset):
    assert gaps(dataset).exit_code == 0
    goals = dataset / "goals.csv"
    before = os.stat(goals)
    text = goals.read_text(encoding="utf-8")
    assert "Tryghed i byen" in text
    goals.write_text(text.replace("Tryghed i byen", "Tryghed i BYEN"), encoding="utf-8")
    os.utime(goals, ns=(before.st_atime_ns, before.st_mtime_ns))
    answer = gaps(dataset)
    assert "Tryghed i BYEN" in answer.stdout
    assert answer.stdout == gaps(dataset, "--no-cache").stdout


@pytest.mark.parametrize("damage", ["truncated", "garbled body", "garbled header", "empty", "not a snapshot"])
def test_a_damaged_snapshot_is_reported_rebuilt_and_never_trusted(dataset, damage):
    expected = gaps(dataset, "--no-cache").stdout
    assert gaps(dataset).exit_code == 0
    path = snapshot_path(dataset)
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "garbled body":
        data[-100] ^= 0xFF
    elif damage == "garbled header":
        data[40] ^= 0x01
    elif damage == "empty":
        data = bytearray()
    else:
        data = bytearray(b"hello" * 100)
    path.write_bytes(bytes(data))
    answer = gaps(dataset)
    assert answer.exit_code == 0
    assert "warning: the snapshot" in answer.stderr and "damaged" in answer.stderr
    assert answer.stdout == expected
    assert read(path, stamp(dataset), dataset) is not None  # rebuilt
    again = gaps(dataset)
    assert again.stderr == "" and again.stdout == expected


def test_no_cache_option_and_variable_write_no_snapshot(dataset, monkeypatch):
    assert gaps(dataset, "--no-cache").exit_code == 0
    assert not snapshot_path(dataset).exists()
    monkeypatch.setenv("INKLUSIONSGRAF_NO_CACHE", "1")
    assert gaps(dataset).exit_code == 0
    assert not snapshot_path(dataset).exists()


def test_a_copy_of_the_dataset_elsewhere_has_its_own_snapshot(dataset, tmp_path):
    assert gaps(dataset).exit_code == 0
    copy = tmp_path / "copy"
    shutil.copytree(dataset, copy)
    assert snapshot_path(copy) != snapshot_path(dataset)
    assert gaps(copy).stdout == gaps(dataset).stdout


def test_a_core_read_from_its_snapshot_is_build_py_s_graph(dataset):
    from inklusionsgraf.build import load_graph

    load_core(dataset)
    assert read(snapshot_path(dataset), stamp(dataset), dataset) is not None
    graph = load_core(dataset).to_networkx()  # from the snapshot
    expected = load_graph(dataset)
    assert list(graph.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    for node in expected:
        assert list(graph.in_edges(node, keys=True, data=True)) == list(expected.in_edges(node, keys=True, data=True))
