"""Extraction quality: the five seed documents against the curated data/, and documents
nobody wrote rules for against answers written by hand.

    python benchmarks/bench_extract.py [--seeds DIR] [--data DIR] [--unseen DIR]
                                       [--answers DIR] [--show KIND]

Prints precision and recall per kind of fact, for the seeds and (when ``--unseen`` holds
documents) for the unseen set. For the seeds the curated dataset is the answer key; for the
unseen set the key is one JSON file per document in ``--answers`` (default
tests/fixtures/unseen, whose README says what they hold). The extractor never sees a key (it
reads only the documents and the gazetteer). Matching rules:

- goals, activities: within one document, by title. Similarity is the share of the shorter
  title's content words (folded, function words left out) that the other title has. A pair
  is eligible when it stands on the same line with similarity >= 0.25, or anywhere in the
  document with similarity >= 0.6; pairs are taken one-to-one, same-line and most similar
  first. Ids are never compared.
- amounts: every stated amount (activity costs and funds edges) as (document, min DKK, max
  DKK), compared as multisets: the figures must be equal.
- funding edges: (document, funding source id) of funds rows, as multisets. Funding-source
  ids are gazetteer ids, which are shared with data/ by design.
- periods: activities' (document, start year, end year) where a year is given, as multisets.
- areas: the set of (document, area id) that the located-in edges and area rows of a
  document name.

On the unseen set each document is extracted on its own (an entity's row then carries the
document that names it), and:

- goals, activities, periods: as above, against the answer files;
- amounts: the distinct figures a document states (an activity's cost and the funds edge
  that gives it are one stated amount);
- areas, organisations, funding: the area, administration and funding-source rows of the
  document, matched one-to-one with the answers' names: the same id (where an answer gives
  the gazetteer id), or the same letters (case, spaces and punctuation aside; a found title
  may add a short ending: 'forvaltning' ~ 'forvaltningen');
- overall: all kinds together (matched / found, matched / in the key).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from inklusionsgraf.extract.common import overlap  # noqa: E402
from inklusionsgraf.extract.layouts import extract  # noqa: E402
from inklusionsgraf.extract.output import write_extraction  # noqa: E402
from inklusionsgraf.tables import read_dataset  # noqa: E402
from inklusionsgraf.values import fold  # noqa: E402

SAME_LINE, ANYWHERE = 0.25, 0.6


def match_titles(found: list[dict], key: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of rows with similar titles in the same document (see module doc)."""
    pairs = []
    for a in found:
        for b in key:
            if a["document"] != b["document"]:
                continue
            sim = overlap(a["title"], b["title"])
            same = a["line"] == b["line"]
            if (same and sim >= SAME_LINE) or sim >= ANYWHERE:
                pairs.append((same, sim, id(a), id(b), a, b))
    pairs.sort(key=lambda p: (p[0], p[1]), reverse=True)
    used_a, used_b, result = set(), set(), []
    for _same, _sim, ia, ib, a, b in pairs:
        if ia in used_a or ib in used_b:
            continue
        used_a.add(ia)
        used_b.add(ib)
        result.append((a, b))
    return result


def amounts(tables) -> Counter:
    items = Counter()
    for row in tables["activities"]:
        if row["cost_min_dkk"] is not None or row["cost_max_dkk"] is not None:
            items[(row["document"], row["cost_min_dkk"], row["cost_max_dkk"])] += 1
    for row in tables["funds"]:
        if row["min_dkk"] is not None or row["max_dkk"] is not None:
            items[(row["document"], row["min_dkk"], row["max_dkk"])] += 1
    return items


def funding_edges(tables) -> Counter:
    return Counter((row["document"], row["source"]) for row in tables["funds"])


def periods(tables) -> Counter:
    return Counter((row["document"], row["start_year"], row["end_year"]) for row in tables["activities"]
                   if row["start_year"] is not None or row["end_year"] is not None)


def areas(tables) -> Counter:
    found = set()
    for row in tables["located_in"]:
        for end in ("source", "target"):
            if row[end].startswith("area:"):
                found.add((row["document"], row[end]))
    for row in tables["areas"]:
        found.add((row["document"], row["id"]))
    return Counter(found)


def score(found: Counter, key: Counter) -> tuple[int, int, int]:
    hits = sum((found & key).values())
    return hits, sum(found.values()), sum(key.values())


def same_name(found: dict, answer: dict) -> bool:
    """Whether a found entity row is the entity an answer names (see module doc)."""
    if answer.get("id") and answer["id"] == found["id"]:
        return True
    a, f = _letters(answer["name"]), _letters(found["title"])
    return bool(a) and (a == f or (f.startswith(a) and len(f) - len(a) <= 3)
                        or a == _letters(found["id"].partition(":")[2]))


def _letters(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def match_names(found: list[dict], answers: list[dict]) -> int:
    """One-to-one matches of found entity rows with the answers' names, answers in order."""
    used, hits = set(), 0
    for answer in answers:
        for index, row in enumerate(found):
            if index not in used and same_name(row, answer):
                used.add(index)
                hits += 1
                break
    return hits


UNSEEN_KINDS = ("goals", "activities", "amounts", "periods", "areas", "organisations", "funding")
_ENTITY_TABLES = {"areas": "areas", "organisations": "administrations", "funding": "funding_sources"}


def unseen_scores(paths: list[Path], answers: Path, show: str | None = None):
    """(kind, matched, found, in key) for each kind on the unseen set, and the warnings."""
    totals = {kind: [0, 0, 0] for kind in UNSEEN_KINDS}
    warnings = 0
    for path in paths:
        answer_file = answers / (path.stem + ".json")
        if not answer_file.is_file():
            continue
        key = json.loads(answer_file.read_text(encoding="utf-8"))
        result = extract([path], reference={})
        warnings += len(result.warnings)
        with tempfile.TemporaryDirectory() as tmp:
            write_extraction(result, tmp)
            found = plain(read_dataset(tmp))
        doc = path.name
        for kind in ("goals", "activities"):
            rows = [dict(r, document=doc) for r in key[kind]]
            pairs = match_titles(found[kind], rows)
            _add(totals[kind], len(pairs), len(found[kind]), len(rows))
            if show == kind:
                _show_unmatched(kind, found[kind], rows, pairs)
        key_amounts = Counter(set((doc, a["min_dkk"], a["max_dkk"]) for a in key["amounts"]))
        _add(totals["amounts"], *score(Counter(set(amounts(found))), key_amounts))
        key_periods = Counter((doc, p["start_year"], p["end_year"]) for p in key["periods"])
        _add(totals["periods"], *score(periods(found), key_periods))
        for kind, table in _ENTITY_TABLES.items():
            rows = [r for r in found[table] if r["document"] == doc]
            _add(totals[kind], match_names(rows, key[kind]), len(rows), len(key[kind]))
            if show == kind:
                print(f"-- {doc[:2]} {kind} found: {[r['title'] for r in rows]}")
                print(f"   {doc[:2]} {kind} in key: {[a['name'] for a in key[kind]]}")
    return [(kind, *totals[kind]) for kind in UNSEEN_KINDS], warnings


def _add(total: list[int], hits: int, n_found: int, n_key: int) -> None:
    total[0] += hits
    total[1] += n_found
    total[2] += n_key


def _show_unmatched(kind: str, found: list[dict], key: list[dict], pairs) -> None:
    matched_a = {id(a) for a, _ in pairs}
    matched_b = {id(b) for _, b in pairs}
    print(f"-- {kind} extracted, not in the key:")
    for a in found:
        if id(a) not in matched_a:
            print(f"   {a['document'][:3]}:{a['line']}  {a['title'][:90]}")
    print(f"-- {kind} in the key, not extracted:")
    for b in key:
        if id(b) not in matched_b:
            print(f"   {b['document'][:3]}:{b['line']}  {b['title'][:90]}")


def print_table(rows, key_label: str = "in data") -> None:
    print(f"{'kind':<15}{'matched':>8}{'found':>7}{key_label:>9}{'precision':>11}{'recall':>8}")
    for kind, hits, n_found, n_key in rows:
        p = hits / n_found if n_found else 0.0
        r = hits / n_key if n_key else 0.0
        print(f"{kind:<15}{hits:>8}{n_found:>7}{n_key:>9}{p:>11.2f}{r:>8.2f}")


def plain(dataset) -> dict[str, list[dict]]:
    return {name: [dict(row.values) for row in rows] for name, rows in dataset.tables.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--unseen", default=str(ROOT.parent / "shared" / "unseen"),
                        help="documents nobody wrote rules for ('' to leave them out)")
    parser.add_argument("--answers", default=str(ROOT / "tests" / "fixtures" / "unseen"),
                        help="the expected answers for --unseen, one JSON file per document")
    parser.add_argument("--show", choices=["goals", "activities", "areas", "organisations",
                                           "funding"], help="list unmatched rows")
    args = parser.parse_args(argv)

    paths = sorted(Path(args.seeds).glob("*.txt"))
    # reference={}: entity titles and types are not taken from a dataset, so the extractor
    # sees only the documents and the gazetteer (by default it reads them from data/)
    result = extract(paths, reference={})
    with tempfile.TemporaryDirectory() as tmp:
        write_extraction(result, tmp)
        found = plain(read_dataset(tmp))
    key = plain(read_dataset(args.data))

    rows = []
    for kind in ("goals", "activities"):
        pairs = match_titles(found[kind], key[kind])
        rows.append((kind, len(pairs), len(found[kind]), len(key[kind])))
        if args.show == kind:
            _show_unmatched(kind, found[kind], key[kind], pairs)
    for kind, fn in (("amounts", amounts), ("funding edges", funding_edges),
                     ("periods", periods), ("areas", areas)):
        rows.append((kind, *score(fn(found), fn(key))))

    print(f"{len(paths)} documents, {len(result.warnings)} warnings, "
          f"{len(result.candidates)} candidate names")
    print_table(rows)

    unseen = sorted(Path(args.unseen).glob("*.txt")) if args.unseen else []
    if unseen:
        rows, warnings = unseen_scores(unseen, Path(args.answers), args.show)
        hits, n_found, n_key = (sum(r[i] for r in rows) for i in (1, 2, 3))
        print()
        print(f"unseen: {len(unseen)} documents, {warnings} warnings")
        print_table(rows + [("overall", hits, n_found, n_key)], "in key")
    return 0


if __name__ == "__main__":
    sys.exit(main())
