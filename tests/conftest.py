"""Shared fixtures: a tiny hand-made policy whose answers are worked out by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inklusionsgraf.tables import SPECS, write_table

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

DOC = "plan.txt"


def _p(line: int, quote: str = "citat") -> dict:
    return {"document": DOC, "line": line, "quote": quote}


# The tiny policy. Answers a reader can work out by hand:
#   orphans   -> goal:pol-3, goal:sub-c          (nothing under them)
#   unfunded  -> goal:pol-2, goal:sub-b (only sought; zero cost stated),
#                goal:pol-3, goal:sub-c (nothing recorded)
#   unlinked  -> activity:u
#   impact EE -> activity:x reduced (its own end_kind), activity:y ends (requires EE)
TINY = {
    "documents": [{"id": DOC, "title": "Handleplan", "kind": "handleplan",
                   "administration": "admin:bbb", "year": 2013, "line": 1, "quote": "Handleplan"}],
    "administrations": [
        {"id": "admin:aaa", "title": "Alfaforvaltningen", "abbreviation": "AF", "level": "administration", **_p(2)},
        {"id": "admin:bbb", "title": "Betaforvaltningen", "abbreviation": "BF", "level": "administration", **_p(3)},
        {"id": "admin:enhed", "title": "Erhvervsenheden", "abbreviation": "EH", "level": "unit",
         "aliases": ["Gamle Enhed"], **_p(4)},
    ],
    "goals": [
        {"id": "goal:pol-1", "title": "Flere i arbejde", "level": "policy_goal", "code": "Mål 1", **_p(5)},
        {"id": "goal:pol-2", "title": "Et trygt København", "level": "policy_goal", "code": "Mål 2", **_p(6)},
        {"id": "goal:pol-3", "title": "Flere foreninger", "level": "policy_goal", "code": "Mål 3", **_p(7)},
        {"id": "goal:sub-a", "title": "Flere iværksættere", "level": "sub_goal", "administration": "admin:aaa", **_p(8)},
        {"id": "goal:sub-b", "title": "Tryghed i parken", "level": "sub_goal", "administration": "admin:bbb", **_p(9)},
        {"id": "goal:sub-c", "title": "Nye klubber", "level": "sub_goal", "administration": "admin:bbb", **_p(10)},
    ],
    "activities": [
        {"id": "activity:x", "title": "Iværksætterrådgivning", "status": "ongoing", "start_year": 2011,
         "end_year": 2013, "end_kind": "reduced", **_p(11)},
        {"id": "activity:y", "title": "Mentorforløb", "start_year": 2012, **_p(12)},
        {"id": "activity:z", "title": "Gadeplansarbejde", "start_year": 2011, "end_year": 2014,
         "cost_min_dkk": 400000, "cost_max_dkk": 600000, "cost_basis": "per_year", **_p(13)},
        {"id": "activity:w", "title": "Legeplads", "cost_min_dkk": 0, "cost_max_dkk": 0,
         "cost_text": "Kr. 0", **_p(14)},
        {"id": "activity:u", "title": "Løs aktivitet", **_p(15)},
    ],
    "funding_sources": [
        {"id": "funding:ee", "title": "Etnisk Erhvervsfremme", "type": "partnership", "aliases": ["EE"],
         "start_year": 2010, "end_year": 2013, "end_kind": "ends", **_p(16)},
        {"id": "funding:pulje", "title": "Puljen", "type": "state", **_p(17)},
        {"id": "funding:ramme", "title": "Rammen", "type": "municipal_frame", "controller": "admin:aaa", **_p(18)},
    ],
    "areas": [
        {"id": "area:by", "title": "Byen", "type": "city", **_p(19)},
        {"id": "area:bydel", "title": "Bydelen", "type": "district", **_p(20)},
        {"id": "area:park", "title": "Parken", "type": "housing_estate", **_p(21)},
    ],
    "supports": [
        {"source": "goal:sub-a", "target": "goal:pol-1", **_p(22)},
        {"source": "goal:sub-b", "target": "goal:pol-2", **_p(23)},
        {"source": "goal:sub-c", "target": "goal:pol-2", **_p(24)},
        {"source": "activity:x", "target": "goal:sub-a", **_p(25)},
        {"source": "activity:y", "target": "goal:sub-a", **_p(26)},
        {"source": "activity:z", "target": "goal:sub-b", **_p(27)},
        {"source": "activity:w", "target": "goal:sub-b", **_p(28)},
    ],
    "funds": [
        {"source": "funding:ee", "target": "activity:x", "status": "secured", "min_dkk": 1000000,
         "max_dkk": 1000000, "basis": "per_year", "start_year": 2011, "end_year": 2013, **_p(29)},
        {"source": "funding:pulje", "target": "activity:z", "status": "sought", "min_dkk": 500000,
         "max_dkk": 500000, "basis": "once", **_p(30)},
        # one statement of money carrying two activities: counted once where it rolls up
        {"source": "funding:ramme", "target": "activity:x", "status": "planned", "min_dkk": 2000000,
         "max_dkk": 2000000, "basis": "whole_period", **_p(31)},
        {"source": "funding:ramme", "target": "activity:y", "status": "planned", "min_dkk": 2000000,
         "max_dkk": 2000000, "basis": "whole_period", **_p(31)},
    ],
    "located_in": [
        {"source": "area:bydel", "target": "area:by", **_p(32)},
        {"source": "area:park", "target": "area:bydel", **_p(33)},
        {"source": "activity:y", "target": "area:park", **_p(34)},
        {"source": "activity:z", "target": "area:park", **_p(35)},
    ],
    "responsible": [
        {"source": "admin:aaa", "target": "admin:enhed", "role": "lead", "end_year": 2011, **_p(36)},
        {"source": "admin:bbb", "target": "admin:enhed", "role": "lead", "start_year": 2012, **_p(37)},
        {"source": "admin:enhed", "target": "activity:x", "role": "lead", **_p(38)},
        {"source": "admin:enhed", "target": "activity:y", "role": "lead", **_p(39)},
        {"source": "admin:bbb", "target": "activity:z", "role": "lead", **_p(40)},
        {"source": "admin:aaa", "target": "activity:z", "role": "partner", **_p(41)},
    ],
    "depends_on": [
        {"source": "activity:y", "target": "funding:ee", "condition": "requires", **_p(42)},
    ],
}


def write_dataset(directory: Path, tables: dict) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for spec in SPECS:
        write_table(directory, spec.name, tables.get(spec.name, []))
    return directory


@pytest.fixture
def tiny_dir(tmp_path) -> Path:
    return write_dataset(tmp_path / "tiny", TINY)


@pytest.fixture
def tiny_graph(tiny_dir):
    from inklusionsgraf import load_graph

    return load_graph(tiny_dir)


@pytest.fixture(scope="session")
def real_graph():
    from inklusionsgraf import load_graph

    return load_graph()


@pytest.fixture
def broken_copy(tiny_dir, tmp_path):
    """A function that copies the tiny dataset and lets a test break one file of it."""
    def make(name: str = "broken") -> Path:
        target = tmp_path / name
        shutil.copytree(tiny_dir, target)
        return target
    return make


@pytest.fixture(scope="session")
def real_data_dir() -> Path:
    from inklusionsgraf.tables import bundled_data_dir

    return bundled_data_dir()


@pytest.fixture
def two_plans_dir(tmp_path) -> Path:
    """The policy told by two plan versions and an agreement (tests/two_plans.py)."""
    from two_plans import TWO_PLANS

    return write_dataset(tmp_path / "two-plans", TWO_PLANS)


@pytest.fixture
def two_plans(two_plans_dir):
    from inklusionsgraf import load_graph

    return load_graph(two_plans_dir)


@pytest.fixture(autouse=True, scope="session")
def _cache_folder(tmp_path_factory):
    """The core's snapshots go to a folder of the test session, not the user's cache."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before
