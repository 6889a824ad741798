"""The sub-goal overview table: sub-goal, activities, success criteria, and the policy goals
and initiatives it supports, under headings naming the focus area and the policy goal.

A row without a sub-goal continues the row above: its activities and the goals it supports
belong to that sub-goal. A heading ending in a continuation mark ("(fortsat)") repeats the
section above. The same sub-goal title under one policy goal is one sub-goal.
"""

from __future__ import annotations

import re

from inklusionsgraf.extract import common
from inklusionsgraf.extract.assemble import Builder, sentences, title_of
from inklusionsgraf.extract.common import funded_by, funding_status, period_fields, split_code
from inklusionsgraf.extract.sources import Line, Source

ROLE_WORDS = (
    ("subgoal", r"delmål|mål$"),
    ("activities", r"aktivitet|indsats"),
    ("criteria", r"succes|kriteri|resultat"),
    ("supports", r"støtte|bidrag|understøt"),
)
SHORT_SENTENCE = 15
_CONTINUED = re.compile(r"\s*\((?:fortsat|forts\.?|continued)\)\s*$", re.I)
_POLICY_GOAL = re.compile(r"\bMål\s+(\d+)\s*:\s*(.+?)(?=\s*\bMål\s+\d+\s*:|\s*\(\d+\)|\s*\bOG\b|$)")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{12,})[\"“”]")


def header_roles(line: Line) -> dict[str, int]:
    """Column index of each role named in a header row (no entry for a role it lacks)."""
    return common.header_roles([line.cell(i) for i in range(len(line.cells))], ROLE_WORDS)


def is_header(line: Line) -> bool:
    if not line.is_row or any(len(line.cell(i)) > 80 for i in range(len(line.cells))):
        return False
    roles = header_roles(line)
    return line.is_row and "subgoal" in roles and "activities" in roles and len(roles) >= 3


def read(source: Source, build: Builder) -> None:
    """Every overview table, with the focus-area and policy-goal headings above it."""
    focus = policy = None
    roles = None
    current_goal = None
    for line in source.lines:
        build.reached(line)
        text = line.text.strip()
        if not line.is_row and text:
            code, rest = split_code(_CONTINUED.sub("", text))
            if code.casefold().startswith("indsatsområde") and rest:
                focus = (build.goal(line, rest, "focus_area", code=code, quote=text), line)
                roles = None
            elif code.casefold().startswith("mål") and rest and len(text) < 160:
                policy = (build.goal(line, title_of(rest), "policy_goal", code=code, quote=text), line)
                if focus:
                    build.edge("supports", policy[0], focus[0], line, text)
                roles = None
            else:
                roles = None if len(text.split()) > 3 else roles
            continue
        if is_header(line):
            roles = header_roles(line)
            missing = [r for r in ("criteria", "supports") if r not in roles]
            if missing:
                build.warn(line.number, f"overview table has no column for {', '.join(missing)}; "
                           "those facts are not read")
            current_goal = None
            continue
        if roles is None or not line.is_row:
            continue
        current_goal = _read_row(line, roles, build, policy, current_goal)


def _read_row(line: Line, roles, build: Builder, policy, current_goal):
    goal_text = line.cell(roles["subgoal"])
    if goal_text:
        key = f"{policy[0] if policy else ''}|{goal_text.casefold()}"
        current_goal = build.goal(line, title_of(goal_text, 300), "sub_goal", quote=goal_text, key=key)
        if policy:
            build.edge("supports", current_goal, policy[0], policy[1], policy[1].text.strip())
    if current_goal is None:
        if any(line.cells):
            build.warn(line.number, "overview row continues no sub-goal (no sub-goal above it); "
                       "row skipped")
        return None
    activity_text = line.cell(roles["activities"])
    activity_id = None
    if activity_text and activity_text != goal_text:
        for part in _activity_parts(activity_text):
            activity_id = build.activity(line, title_of(part), quote=part, **period_fields(part))
            build.edge("supports", activity_id, current_goal, line, part)
            for mention in build.mentions(line, part, "area"):
                build.edge("located_in", activity_id, mention.entry.id, line,
                           part[mention.start:mention.end])
        build.candidates(line, activity_text)
    for index in range(len(line.cells)):
        if index in (roles["subgoal"], roles["activities"]):
            continue
        _supports(line, line.cell(index), build, current_goal)
    target = activity_id if activity_text and activity_text != goal_text else current_goal
    for text in line.cells and map(line.cell, range(len(line.cells))):
        for sentence in sentences(text) if text else []:
            for mention in funded_by(build.mentions(line, sentence, "funding"), sentence):
                build.edge("funds", mention.entry.id, target, line, sentence,
                           status=funding_status(sentence))
    return current_goal


# A reference code in brackets ('(A7)', the number of an initiative of the policy) closes
# an item; a capital after it begins the next, even without a full stop between them.
_AFTER_CODE = re.compile(r"(\([A-ZÆØÅ]{1,3}\s?\d{1,3}[a-z]?\))\s+(?=[A-ZÆØÅ])")


def _activity_parts(text: str) -> list[str]:
    """A cell of several short sentences lists several activities; otherwise it describes
    one, named by its first sentence. An item that ends in a reference code ends there.

    >>> _activity_parts("Sommerskole (A3) Lektiecafé for alle (A4). Fodbold om fredagen.")
    ['Sommerskole (A3)', 'Lektiecafé for alle (A4).', 'Fodbold om fredagen.']
    """
    parts = [part for sentence in sentences(text)
             for part in _AFTER_CODE.sub("\\1\n", sentence).split("\n")]
    if len(parts) >= 3 and all(len(p.split()) <= SHORT_SENTENCE and not _STATES.search(p)
                               for p in parts):
        return parts
    return parts[:1]


# A finite verb of being or having: a sentence that reports ('Aftalen er gældende ...'), not
# one that names an activity.
_STATES = re.compile(r"\b(?:er|var|blev|bliver|har|havde)\b", re.I)


def _supports(line: Line, text: str, build: Builder, goal_id: str) -> None:
    """'Mål 9: Færre på ventelister' and quoted initiatives in a cell: the sub-goal supports them."""
    for match in _POLICY_GOAL.finditer(text):
        title = title_of(match.group(2))
        code = f"Mål {match.group(1)}"
        target = build.goal(line, title, "policy_goal", code=code, quote=match.group(0),
                            key=f"policy|{code}")
        build.edge("supports", goal_id, target, line, match.group(0).strip())
    for match in _QUOTED.finditer(text):
        title = match.group(1).strip()
        target = build.goal(line, title, "initiative", quote=title)
        build.edge("supports", goal_id, target, line, title)
