"""The municipal structure every document of the family assumes: the seven administrations
and their committees with the usual abbreviations, the council, the administrations' own
frames, Copenhagen's bydele and the areas of the policy for deprived urban areas.

It ships with the package (``structure.csv``: ``kind,id,name,name_type,type``), apart from
the dataset's ``data/gazetteer.csv``, which names only nodes the dataset has. Extraction with
the bundled gazetteer reads both: a name the gazetteer already knows keeps the gazetteer's
node; a name only the structure knows makes a node with the structure's title and level or
type (an administration, a committee, a bydel), no parent: which bydel an estate lies in is
not written as if a document said so.

>>> from inklusionsgraf.extract.gazetteer import Entry, Gazetteer
>>> g, ref = with_structure(Gazetteer([Entry("area", "area:x", "Alfaby")]))
>>> [m.entry.id for m in g.find("i Alfaby og på Amager")]
['area:x', 'area:amager']
>>> ref["admin:kfu"]["level"]
'committee'
"""

from __future__ import annotations

import csv
from pathlib import Path

from inklusionsgraf.extract.gazetteer import Entry, Gazetteer

FILE = Path(__file__).with_name("structure.csv")
_LEVEL_COLUMN = {"administration": "level", "funding": "type", "area": "type"}


def read_structure(path: str | Path = FILE) -> list[tuple[Entry, str]]:
    """The structure's names, each with its node's level or type."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [(Entry(row["kind"], row["id"], row["name"], row["name_type"]), row["type"])
                for row in csv.DictReader(handle)]


def with_structure(gazetteer: Gazetteer, path: str | Path = FILE) -> tuple[Gazetteer, dict]:
    """The gazetteer with the structure's names it lacks, and the reference (title, level or
    type) of the nodes only the structure knows."""
    known = {" ".join(e.name.casefold().split()) for e in gazetteer.entries}
    known_ids = {e.id for e in gazetteer.entries}
    added, reference = [], {}
    for entry, kind_of in read_structure(path):
        if entry.id not in known_ids and entry.id not in reference:
            reference[entry.id] = {"title": entry.name, _LEVEL_COLUMN[entry.kind]: kind_of}
        if " ".join(entry.name.casefold().split()) in known:
            continue
        known.add(" ".join(entry.name.casefold().split()))
        added.append(entry)
    return Gazetteer(gazetteer.entries + added), reference
