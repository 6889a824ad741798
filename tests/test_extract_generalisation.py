"""The extractor must generalise: no title, name or sentence of the seed documents in its code.

Scanned: every .py file under src/inklusionsgraf/extract (and, for the unseen documents,
the extraction tests too). Looked for:
- any run of four consecutive words of a seed line (words of letters; runs made only of the
  amount and period forms that the issue itself names are the specification, not seed text);
- any node title of the curated data/ that is longer than a short word (a title that is a
  term of the glossary in ../shared/DESIGN.md, e.g. "Områdeløft", is domain vocabulary).
- any run of four consecutive words of a line of the unseen documents (../shared/unseen), the
  development set that measures generalisation: neither the rules nor the made-up documents
  of the tests may quote them (their expected answers, tests/fixtures/unseen, do by design).
The seed-line scan needs ../shared/seeds and is skipped where they are not beside the checkout;
likewise the unseen scan.
The gazetteer's data (data/gazetteer.csv) is not code and is not scanned.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, SEEDS

UNSEEN = REPO.parent / "shared" / "unseen"
from inklusionsgraf.tables import read_dataset

EXTRACT = REPO / "src" / "inklusionsgraf" / "extract"
RUN = 4
# The forms the issue asks the parsers to read, verbatim from the issue text.
ISSUE_FORMS = (
    "1,8 mio. kr.", "600 t.kr.", "Kr. 30.000", "0-70 mio. kr.", "2,0 mio. kr. årligt",
    "Ca. 282 mio. kr. heraf ca. 58 mio. kr. i kommunal medfinansiering", "xx Kr.", "2011-2014",
    "fra medio 2010", "udløber ved udgangen af 2013", "ultimo 2013",
    "1. marts 2011 - 31. december 2014", "fortsætter i mindre skala fra 2013",
)
_WORDS = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORDS.findall(text)]


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1)}


def code_files() -> list[Path]:
    return sorted(EXTRACT.rglob("*.py"))


@pytest.fixture(scope="module")
def code() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in code_files()}


def test_there_is_code_to_scan(code):
    assert len(code) >= 5


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found at {SEEDS}")


@needs_seeds
def test_no_four_word_run_of_a_seed_line_in_the_code(code):
    allowed = set().union(*(runs(form) for form in ISSUE_FORMS))
    seed_runs: dict[tuple[str, ...], str] = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        for number, line in enumerate(seed.read_text(encoding="utf-8").split("\n"), 1):
            for run in runs(line):
                seed_runs.setdefault(run, f"{seed.name}:{number}")
    found = []
    for path, text in code.items():
        for run in runs(text) - allowed:
            if run in seed_runs:
                found.append(f"{path.name}: '{' '.join(run)}' (from {seed_runs[run]})")
    assert not found, "seed text in the extractor's code:\n" + "\n".join(sorted(found))


@pytest.mark.skipif(not UNSEEN.is_dir(), reason=f"unseen documents not found at {UNSEEN}")
def test_no_four_word_run_of_an_unseen_line_in_the_code_or_the_tests(code):
    allowed = set().union(*(runs(form) for form in ISSUE_FORMS))
    unseen_runs: dict[tuple[str, ...], str] = {}
    for document in sorted(UNSEEN.glob("*.txt")):
        for number, line in enumerate(document.read_text(encoding="utf-8").split("\n"), 1):
            for run in runs(line):
                unseen_runs.setdefault(run, f"{document.name}:{number}")
    texts = dict(code)
    texts.update({path: path.read_text(encoding="utf-8")
                  for path in sorted((REPO / "tests").glob("test_extract_*.py"))})
    found = []
    for path, text in texts.items():
        for run in runs(text) - allowed:
            if run in unseen_runs:
                found.append(f"{path.name}: '{' '.join(run)}' (from {unseen_runs[run]})")
    assert not found, "unseen text in the extractor or its tests:\n" + "\n".join(sorted(found))


# Glossary terms the extractor's code uses as vocabulary, for checkouts without ../shared.
GLOSSARY_IN_CODE = {"områdeløft"}


def glossary_terms() -> set[str]:
    """The Danish terms of the design notes' glossary: domain vocabulary, not seed text."""
    design = REPO.parent / "shared" / "DESIGN.md"
    terms = set(GLOSSARY_IN_CODE)
    if not design.is_file():
        return terms
    for line in design.read_text(encoding="utf-8").splitlines():
        if line.startswith("| ") and line.count("|") == 3:
            terms.update(t.strip().casefold() for t in re.split(r"[,/]", line.split("|")[1]))
    return terms


def test_no_curated_title_in_the_code(code):
    dataset = read_dataset()
    glossary = glossary_terms()
    titles = set()
    for table in ("goals", "activities", "funding_sources", "areas", "administrations"):
        for row in dataset.rows(table):
            title = row["title"]
            if (len(title.split()) >= 2 or len(title) >= 8) and title.casefold() not in glossary \
                    and not any(title.casefold() in form.casefold() for form in ISSUE_FORMS):
                titles.add(title)
    found = []
    for path, text in code.items():
        folded = " ".join(text.casefold().split())
        for title in titles:
            pattern = r"(?<!\w)" + re.escape(" ".join(title.casefold().split())) + r"(?!\w)"
            if re.search(pattern, folded):
                found.append(f"{path.name}: {title!r}")
    assert not found, "curated titles in the extractor's code:\n" + "\n".join(sorted(found))


@needs_seeds
def test_the_scan_finds_seed_text_when_it_is_there(tmp_path):
    """The check itself works: a line copied from a seed is caught."""
    seed = sorted(SEEDS.glob("*.txt"))[0]
    line = next(l for l in seed.read_text(encoding="utf-8").split("\n") if len(words(l)) > 8)
    seed_runs = set().union(*(runs(l) for l in seed.read_text(encoding="utf-8").split("\n")))
    assert runs(f'PATTERN = "{line[:200]}"') & seed_runs
