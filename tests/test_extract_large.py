"""Large inputs: progress on stderr, the same result with and without remembered answers,
and the gazetteer's quick look-up finding what a scan of every name finds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEEDS
from inklusionsgraf.extract.gazetteer import Entry, Gazetteer
from inklusionsgraf.extract.progress import Progress
from inklusionsgraf.tables import SPECS

sys.path.insert(0, str(REPO / "benchmarks"))
import bench_extract_large  # noqa: E402

UNSEEN = REPO.parent / "shared" / "unseen"
needs_documents = pytest.mark.skipif(not SEEDS.is_dir() or not UNSEEN.is_dir(),
                                     reason="source documents not found")


def mixed_text(size: int) -> bytes:
    documents = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt")) + sorted(UNSEEN.glob("*.txt"))]
    return bench_extract_large.mixed(documents, size)


def extract(document: Path, out: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", "extract", str(document), "-o",
                           str(out)], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, **env})


@needs_documents
def test_a_large_input_reports_its_progress_as_it_goes(tmp_path):
    document = tmp_path / "plans.txt"
    document.write_bytes(mixed_text(5_200_000))
    result = extract(document, tmp_path / "out")
    assert result.returncode in (0, 1), result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("extract: ")]
    assert lines[0] == f"extract: reading 1/1: {document} (5.2 MB)"
    read = [float(line.split()[1]) for line in lines[1:]]  # how many: as the clock allows
    assert read and read == sorted(read) and len(set(read)) == len(read)
    assert lines[-1] == "extract: 5.2 of 5.2 MB"
    assert result.stderr.rstrip().splitlines()[-2].startswith("wrote ")  # then the tables


@needs_documents
def test_remembered_answers_change_nothing(tmp_path):
    """The memory of answers (extract/memo.py) only saves time: the tables, candidates and
    warnings are the same without it."""
    document = tmp_path / "plans.txt"
    document.write_bytes(mixed_text(400_000))
    with_memo = extract(document, tmp_path / "a")
    without = extract(document, tmp_path / "b", INKLUSIONSGRAF_MEMO="0")
    assert with_memo.returncode == without.returncode
    assert with_memo.stderr.replace(str(tmp_path / "a"), "OUT") == \
        without.stderr.replace(str(tmp_path / "b"), "OUT")
    names = sorted(p.name for p in (tmp_path / "a").glob("*.csv"))
    assert len(names) == len(SPECS) + 1  # the tables and candidates.csv
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_progress_only_grows_and_reports_every_few_seconds():
    lines, now = [], [0.0]
    progress = Progress([30_000_000, 20_000_000], lines.append, clock=lambda: now[0])
    for number, (passes, size) in enumerate([(3, 3000), (2, 2000)], 1):
        progress.document(number, f"d{number}.txt", passes=passes, lines=size)
        for _ in range(passes):
            progress.next_pass()
            for line in range(1, size + 1):
                now[0] += 0.01
                progress.line(line)
    figures = [float(line.split()[1]) for line in lines if " of " in line]
    assert lines[0] == "extract: reading 1/2: d1.txt (30.0 MB)"
    assert "extract: reading 2/2: d2.txt (20.0 MB)" in lines
    assert figures == sorted(figures) and figures[-1] == 50 and lines[-1] == "extract: 50 of 50 MB"
    # 130 s of work: a report about every 5 % (2.5 MB), never two within 2 s
    assert 10 <= len(figures) <= 130 / 2 + 1


def test_progress_says_nothing_for_a_small_input_off_a_terminal(tmp_path):
    small = tmp_path / "plan.txt"
    small.write_text("Mål 1: Flere i job\n", encoding="utf-8")
    with open(tmp_path / "err", "w") as stream:  # a file, not a terminal
        assert Progress.for_files([small], stream) is None


def test_the_gazetteer_finds_a_name_only_where_its_words_stand():
    g = Gazetteer([Entry("area", "area:tb", "Tingbjerg/Husum"), Entry("area", "area:t", "Tingbjerg"),
                   Entry("administration", "admin:tmf", "Teknik- og Miljøforvaltningen"),
                   Entry("administration", "admin:tmf", "TMF", "abbreviation"),
                   Entry("funding", "funding:kes", "KES' ramme"), Entry("area", "area:x", "(X)")])
    text = ("Tingbjerg / Husum og Tingbjergs skole; TEKNIK‑ og miljøforvaltningens plan, TMF's "
            "budget og tmf; KES’ ramme (X).")
    assert [(m.entry.id, m.text) for m in g.find(text)] == [
        ("area:tb", "Tingbjerg / Husum"), ("area:t", "Tingbjergs"),
        ("admin:tmf", "TEKNIK‑ og miljøforvaltningens"), ("admin:tmf", "TMF's"),
        ("funding:kes", "KES’ ramme"), ("area:x", "(X)")]
    assert g.find("Husum alene") == [] and g.find("") == []
