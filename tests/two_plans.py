"""A hand-made policy told by two plan versions and an agreement, for answers that hold in time.

Three documents: Alfa's plan of 2010 (``plan-2010.txt``), an agreement of 2011
(``aftale-2011.txt``) and Beta's revised plan of 2013 (``plan-2013.txt``). The unit
Erhvervsenheden (EH) moved from Alfa to Beta on 1 January 2012. What the documents say,
read together (each answer is worked out by hand in the tests that use it):

- Alfa's goal Mål 1a (2010) was moved to Beta's 2013 sub-goal ``beta-2013-1`` (continues,
  change moved, the 2013 plan's line 20 says so). Alfa's Mål 2 (2010) is not taken up again
  (dropped); Beta's ``beta-2013-3`` is new.
- Etnisk Erhvervsfremme (EE) is one activity told twice: ``alfa-2010-ee`` (planned, 2010, EH
  puts 1 mio. in in 2010, requires the EE money) and ``beta-2013-ee`` (2011-2013, and the
  2013 plan says it goes on reduced when EE expires). ``same_as`` joins them.
- ``alfa-2010-mentor`` starts only if EE goes ahead (starts_if): EE's expiry does not end it.
- ``beta-2013-klub`` works with EE ("i samarbejde med": cooperates), which is no dependency.
- EE's money for the EE activity is stated twice: planned 1 mio. a year 2011-2013 in 2010,
  secured 1 mio. a year 2011-2013 in 2013: one sum of 1 mio. a year, secured, from 2013.
- The application ``beta-2013-ansogning`` (4 mio. 2011-2014, sought) has two budget lines as
  parts: ``beta-2013-raadgivning`` (0,75 mio. a year) and ``beta-2013-net`` (0,25 mio. a
  year). The parts' money is inside the whole's: never added to it.
- The agreement's safety programme (200 mio., whole period) and Alfa's 2010 wish list
  (63 mio., proposed) are two different things under two different goals.
"""

from __future__ import annotations

P2010, A2011, P2013 = "plan-2010.txt", "aftale-2011.txt", "plan-2013.txt"


def _p(document: str, line: int, quote: str = "citat") -> dict:
    return {"document": document, "line": line, "quote": quote}


TWO_PLANS = {
    "documents": [
        {"id": P2010, "title": "Alfas forslag til handleplan", "short_title": "Alfa handleplan 2010",
         "kind": "handleplan", "administration": "admin:alfa", "year": 2010, **_p(P2010, 1)},
        {"id": A2011, "title": "Aftale om tryghed", "short_title": "Aftale 2011", "kind": "initiativaftale",
         "year": 2011, "date": "2011-03-01", **_p(A2011, 1)},
        {"id": P2013, "title": "Betas handleplan (revideret 2013)", "short_title": "Beta handleplan 2013",
         "kind": "handleplan", "administration": "admin:beta", "year": 2013, **_p(P2013, 1)},
    ],
    "administrations": [
        {"id": "admin:alfa", "title": "Alfaforvaltningen", "abbreviation": "AF", "level": "administration",
         **_p(P2010, 2)},
        {"id": "admin:beta", "title": "Betaforvaltningen", "abbreviation": "BF", "level": "administration",
         **_p(P2013, 2)},
        {"id": "admin:enhed", "title": "Erhvervsenheden", "abbreviation": "EH", "level": "unit", **_p(P2013, 3)},
    ],
    "goals": [
        {"id": "goal:pol-1", "title": "Flere i arbejde", "level": "policy_goal", "code": "Mål 1",
         "start_year": 2011, "end_year": 2014, **_p(P2013, 4)},
        {"id": "goal:pol-2", "title": "Et trygt København", "level": "policy_goal", "code": "Mål 2",
         "start_year": 2011, "end_year": 2014, **_p(P2013, 5)},
        {"id": "goal:alfa-2010-1a", "title": "Flere iværksættere", "level": "administration_goal",
         "code": "Mål 1a", "administration": "admin:alfa", **_p(P2010, 3)},
        {"id": "goal:alfa-2010-2", "title": "Tryghed i byen", "level": "administration_goal",
         "code": "Mål 2", "administration": "admin:alfa", **_p(P2010, 4)},
        {"id": "goal:beta-2013-1", "title": "Flere iværksættere med minoritetsbaggrund", "level": "sub_goal",
         "administration": "admin:beta", **_p(P2013, 6)},
        {"id": "goal:beta-2013-3", "title": "Nye klubber", "level": "sub_goal", "administration": "admin:beta",
         **_p(P2013, 7)},
        {"id": "goal:aftale-tryghed", "title": "Mindre kriminalitet", "level": "administration_goal",
         **_p(A2011, 2)},
    ],
    "activities": [
        {"id": "activity:alfa-2010-ee", "title": "Etnisk Erhvervsfremme", "status": "planned",
         "start_year": 2010, **_p(P2010, 5)},
        {"id": "activity:alfa-2010-mentor", "title": "Mentorordning", "status": "planned", "start_year": 2010,
         **_p(P2010, 6)},
        {"id": "activity:alfa-2010-pakke", "title": "Tryghedspakken", "status": "proposed",
         "cost_min_dkk": 63000000, "cost_max_dkk": 63000000, "cost_text": "ca. 63 mio.", **_p(P2010, 7)},
        {"id": "activity:aftale-program", "title": "Tryghedsprogrammet", "status": "ongoing", "start_year": 2010,
         "cost_min_dkk": 200000000, "cost_basis": "whole_period", "cost_text": "over 200 mio. kr.",
         **_p(A2011, 3)},
        {"id": "activity:beta-2013-ee", "title": "Etnisk Erhvervsfremme (EE)", "status": "ongoing",
         "start_year": 2011, "end_year": 2013, "end_kind": "reduced", "aliases": ["EE-indsatsen"],
         **_p(P2013, 8)},
        {"id": "activity:beta-2013-klub", "title": "Klubben", "status": "ongoing", "start_year": 2012,
         **_p(P2013, 9)},
        {"id": "activity:beta-2013-ansogning", "title": "Ansøgningen", "status": "proposed", "start_year": 2011,
         "end_year": 2014, **_p(P2013, 10)},
        {"id": "activity:beta-2013-raadgivning", "title": "Rådgivning", "status": "proposed", "start_year": 2011,
         "end_year": 2014, **_p(P2013, 11)},
        {"id": "activity:beta-2013-net", "title": "Netværk", "status": "proposed", "start_year": 2011,
         "end_year": 2014, **_p(P2013, 12)},
    ],
    "funding_sources": [
        {"id": "funding:ee", "title": "Etnisk Erhvervsfremme", "type": "partnership", "aliases": ["EE"],
         "start_year": 2010, "end_year": 2013, "end_kind": "ends", **_p(P2013, 13)},
        {"id": "funding:pulje", "title": "Puljen", "type": "state", **_p(P2013, 14)},
        {"id": "funding:ramme", "title": "Enhedens ramme", "type": "municipal_frame", "controller": "admin:enhed",
         **_p(P2010, 8)},
    ],
    "areas": [
        {"id": "area:by", "title": "Byen", "type": "city", **_p(P2013, 15)},
        {"id": "area:parken", "title": "Parken", "type": "housing_estate", **_p(P2013, 16)},
    ],
    "supports": [
        {"source": "goal:alfa-2010-1a", "target": "goal:pol-1", **_p(P2010, 3)},
        {"source": "goal:alfa-2010-2", "target": "goal:pol-2", **_p(P2010, 4)},
        {"source": "goal:beta-2013-1", "target": "goal:pol-1", **_p(P2013, 6)},
        {"source": "goal:beta-2013-3", "target": "goal:pol-1", **_p(P2013, 7)},
        {"source": "goal:aftale-tryghed", "target": "goal:pol-2", **_p(A2011, 2)},
        {"source": "activity:alfa-2010-ee", "target": "goal:alfa-2010-1a", **_p(P2010, 5)},
        {"source": "activity:alfa-2010-mentor", "target": "goal:alfa-2010-1a", **_p(P2010, 6)},
        {"source": "activity:alfa-2010-pakke", "target": "goal:alfa-2010-2", **_p(P2010, 7)},
        {"source": "activity:aftale-program", "target": "goal:aftale-tryghed", **_p(A2011, 3)},
        {"source": "activity:beta-2013-ee", "target": "goal:beta-2013-1", **_p(P2013, 8)},
        {"source": "activity:beta-2013-klub", "target": "goal:beta-2013-3", **_p(P2013, 9)},
        {"source": "activity:beta-2013-ansogning", "target": "goal:beta-2013-3", **_p(P2013, 10)},
        {"source": "activity:beta-2013-raadgivning", "target": "goal:beta-2013-3", **_p(P2013, 11)},
        {"source": "activity:beta-2013-net", "target": "goal:beta-2013-3", **_p(P2013, 12)},
    ],
    "funds": [
        # EE's money for the EE activity, stated twice: planned in 2010, secured in 2013
        {"source": "funding:ee", "target": "activity:alfa-2010-ee", "status": "planned", "min_dkk": 1000000,
         "max_dkk": 1000000, "basis": "per_year", "start_year": 2011, "end_year": 2013, **_p(P2010, 9)},
        {"source": "funding:ee", "target": "activity:beta-2013-ee", "status": "secured", "min_dkk": 1000000,
         "max_dkk": 1000000, "basis": "per_year", "start_year": 2011, "end_year": 2013, **_p(P2013, 17)},
        # the unit's own share in 2010 alone
        {"source": "funding:ramme", "target": "activity:alfa-2010-ee", "status": "secured", "min_dkk": 500000,
         "max_dkk": 500000, "basis": "per_year", "start_year": 2010, "end_year": 2010, **_p(P2010, 10)},
        # an application and its two budget lines
        {"source": "funding:pulje", "target": "activity:beta-2013-ansogning", "status": "sought",
         "min_dkk": 4000000, "max_dkk": 4000000, "basis": "whole_period", "start_year": 2011, "end_year": 2014,
         **_p(P2013, 18)},
        {"source": "funding:pulje", "target": "activity:beta-2013-raadgivning", "status": "sought",
         "min_dkk": 750000, "max_dkk": 750000, "basis": "per_year", "start_year": 2011, "end_year": 2014,
         **_p(P2013, 19)},
        {"source": "funding:pulje", "target": "activity:beta-2013-net", "status": "sought",
         "min_dkk": 250000, "max_dkk": 250000, "basis": "per_year", "start_year": 2011, "end_year": 2014,
         **_p(P2013, 19)},
        {"source": "funding:ramme", "target": "activity:beta-2013-klub", "status": "secured", "min_dkk": 100000,
         "max_dkk": 100000, "basis": "once", "start_year": 2012, "end_year": 2012, **_p(P2013, 21)},
    ],
    "located_in": [
        {"source": "area:parken", "target": "area:by", **_p(P2013, 16)},
        {"source": "activity:alfa-2010-ee", "target": "area:parken", **_p(P2010, 5)},
        {"source": "activity:beta-2013-ee", "target": "area:parken", **_p(P2013, 8)},
        {"source": "activity:beta-2013-klub", "target": "area:parken", **_p(P2013, 9)},
    ],
    "responsible": [
        {"source": "admin:alfa", "target": "admin:enhed", "role": "lead", "end_year": 2011,
         "end_date": "2011-12-31", **_p(P2013, 3)},
        {"source": "admin:beta", "target": "admin:enhed", "role": "lead", "start_year": 2012,
         "start_date": "2012-01-01", **_p(P2013, 3)},
        {"source": "admin:enhed", "target": "activity:alfa-2010-ee", "role": "lead", **_p(P2010, 5)},
        {"source": "admin:enhed", "target": "activity:alfa-2010-mentor", "role": "lead", **_p(P2010, 6)},
        {"source": "admin:alfa", "target": "activity:alfa-2010-pakke", "role": "lead", **_p(P2010, 7)},
        {"source": "admin:enhed", "target": "activity:beta-2013-ee", "role": "lead", **_p(P2013, 8)},
        {"source": "admin:beta", "target": "activity:beta-2013-klub", "role": "lead", **_p(P2013, 9)},
        {"source": "admin:beta", "target": "activity:beta-2013-ansogning", "role": "lead", **_p(P2013, 10)},
        {"source": "admin:enhed", "target": "activity:beta-2013-raadgivning", "role": "lead", **_p(P2013, 11)},
        {"source": "admin:beta", "target": "activity:beta-2013-net", "role": "lead", **_p(P2013, 12)},
    ],
    "depends_on": [
        {"source": "activity:alfa-2010-ee", "target": "funding:ee", "condition": "requires", **_p(P2010, 5)},
        {"source": "activity:alfa-2010-mentor", "target": "funding:ee", "condition": "starts_if", **_p(P2010, 6)},
        {"source": "activity:beta-2013-klub", "target": "activity:beta-2013-ee", "condition": "cooperates",
         **_p(P2013, 9)},
    ],
    "same_as": [
        {"source": "activity:beta-2013-ee", "target": "activity:alfa-2010-ee",
         "reason": "the unit's part in the national EE initiative, planned in 2010 and told in 2013"},
    ],
    "continues": [
        {"source": "goal:beta-2013-1", "target": "goal:alfa-2010-1a", "change": "moved",
         **_p(P2013, 20, "flyttet fra Alfas handleplan")},
    ],
    "part_of": [
        {"source": "activity:beta-2013-raadgivning", "target": "activity:beta-2013-ansogning", **_p(P2013, 19)},
        {"source": "activity:beta-2013-net", "target": "activity:beta-2013-ansogning", **_p(P2013, 19)},
    ],
}
