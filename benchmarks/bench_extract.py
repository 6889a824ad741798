"""Extraction quality: extract the five seed documents and compare with the curated data/.

    python benchmarks/bench_extract.py [--seeds DIR] [--data DIR] [--show KIND]

Prints precision and recall per kind of fact. The curated dataset is the answer key; the
extractor never sees it (it reads only the documents and the gazetteer). Matching rules:

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
"""

from __future__ import annotations

import argparse
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


def plain(dataset) -> dict[str, list[dict]]:
    return {name: [dict(row.values) for row in rows] for name, rows in dataset.tables.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--show", choices=["goals", "activities"], help="list unmatched rows")
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
            matched_a = {id(a) for a, _ in pairs}
            matched_b = {id(b) for _, b in pairs}
            print(f"-- {kind} extracted, not in data/:")
            for a in found[kind]:
                if id(a) not in matched_a:
                    print(f"   {a['document'][:3]}:{a['line']}  {a['title'][:90]}")
            print(f"-- {kind} in data/, not extracted:")
            for b in key[kind]:
                if id(b) not in matched_b:
                    print(f"   {b['document'][:3]}:{b['line']}  {b['title'][:90]}")
    for kind, fn in (("amounts", amounts), ("funding edges", funding_edges),
                     ("periods", periods), ("areas", areas)):
        rows.append((kind, *score(fn(found), fn(key))))

    print(f"{len(paths)} documents, {len(result.warnings)} warnings, "
          f"{len(result.candidates)} candidate names")
    print(f"{'kind':<15}{'matched':>8}{'found':>7}{'in data':>9}{'precision':>11}{'recall':>8}")
    for kind, hits, n_found, n_key in rows:
        p = hits / n_found if n_found else 0.0
        r = hits / n_key if n_key else 0.0
        print(f"{kind:<15}{hits:>8}{n_found:>7}{n_key:>9}{p:>11.2f}{r:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
