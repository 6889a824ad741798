"""The quality benchmark's matching rule, on rows worked out by hand, and the script runs."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO, SEEDS

sys.path.insert(0, str(REPO / "benchmarks"))
import bench_extract  # noqa: E402


def row(title, line, document="d.txt"):
    return {"title": title, "line": line, "document": document}


def test_titles_match_one_to_one_same_line_first():
    found = [row("Lektiehjælp på biblioteket", 5), row("Madskole for familier", 9),
             row("Cykelværksted", 12), row("Madskole", 30, "other.txt")]
    key = [row("Lektiehjælp", 5), row("Madskole for familier i Solhaven", 20),
           row("Fodbold", 12), row("Madskole", 31)]
    pairs = {(a["title"], b["title"]) for a, b in bench_extract.match_titles(found, key)}
    # same line, weak similarity is enough; other line, strong similarity; never across documents
    assert pairs == {("Lektiehjælp på biblioteket", "Lektiehjælp"),
                     ("Madskole for familier", "Madskole for familier i Solhaven")}


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found at {SEEDS}")
def test_the_benchmark_prints_every_kind(capsys):
    assert bench_extract.main([]) == 0
    out = capsys.readouterr().out
    for kind in ("goals", "activities", "amounts", "funding edges", "periods", "areas"):
        assert kind in out
    if UNSEEN.is_dir():
        assert "unseen: 8 documents" in out and "overall" in out


def test_names_match_by_id_or_letters():
    found = [{"id": "admin:x", "title": "Alfa- og Betaforvaltningen"},
             {"id": "area:gamma-by", "title": "Gamma By"}]
    assert bench_extract.match_names(found, [{"name": "Alfa- og Betaforvaltning"}]) == 1
    assert bench_extract.match_names(found, [{"name": "Gamma/By"}, {"name": "Gamma By"}]) == 1
    assert bench_extract.match_names(found, [{"name": "Delta", "id": "admin:x"}]) == 1
    assert bench_extract.match_names(found, [{"name": "Alfa"}]) == 0


UNSEEN = REPO.parent / "shared" / "unseen"


@pytest.mark.skipif(not UNSEEN.is_dir(), reason=f"unseen documents not found at {UNSEEN}")
def test_every_unseen_document_has_its_answers():
    answers = REPO / "tests" / "fixtures" / "unseen"
    assert {p.stem for p in UNSEEN.glob("*.txt")} == {p.stem for p in answers.glob("*.json")}
