"""The layout-free pass: every document is read by the cues of its genre, whatever its layout.

It runs after the layout readers, on every line they took nothing from. A line is split into
blocks: table cells, and within running text the fields that labels open ("Mål 2:",
"Indsatsområde 1:", "Delmål 3:", "Aktivitet:", "Vision:"), then sentences. What it reads:

- a labelled goal ("Mål N: X", "Indsatsområde N: X", "Delmål N: X", "Vision: X") is a goal
  with its code; a labelled activity ("Aktivitet: X", "Projekt: X") is an activity, and the
  activities after a goal label (same line, or later lines until the next goal or heading)
  support that goal, as do the bullets under a goal heading;
- a short heading whose next line opens with an amount names an activity with that cost;
- an enumeration of what work consists of ("i form af A, B og C") names activities; an aim
  ("målet om X", "målet er at X") is a goal;
- an amount or period goes to the activity of its block (the one named before it in the
  sentence, else the last one of the line); a period with only a goal goes to the goal; an
  amount with nothing to go to is a warning, never a guess;
- names: known ones through the gazetteer; unknown ones with a strong cue through
  :mod:`openworld` (nodes marked for review).

Titles are the document's own words, cut at the next label, a leader of dots, a lettered
heading ("G. ") or the sentence's end (:mod:`cues`).
"""

from __future__ import annotations

import re

from inklusionsgraf.extract import openworld
from inklusionsgraf.extract.assemble import Builder, sentences, title_of
from inklusionsgraf.extract.common import (
    aim_clauses, amounts_in, cost_fields, funding_status, money_fields, named_projects,
    period_fields, split_code)
from inklusionsgraf.extract.cues import LABEL, coded_goal, labelled
from inklusionsgraf.extract.memo import remembered
from inklusionsgraf.extract.sources import Line, Source

FRONT_MATTER = re.compile(r"^#\s*[a-z]+:\s")  # '# source: ...' lines a copy adds on top
_ECONOMY = re.compile(r"\b(?:økonomi|budget|finansier|beløb|i alt|total)", re.I)
_PURPOSE = re.compile(r"(?:\s+i\s+perioden\s+\S+)?\s+til\s+(?!og\b|med\b)(?P<what>[^\W\d][^.;:,()]{5,100}?)"
                      r"\s*(?:[.;:,(]|$)")
# Money set aside or granted for something: the purpose after the amount names the work.
_GRANTED = re.compile(r"\b(?:afsat|afsættes|bevilget|bevilliget|bevilges|tildelt|tildeles|givet|"
                      r"ansøgt|ansøges|søgt|søges|anvendt|anvendes|brugt|bruges|investeret|investeres)"
                      r"\s+(?:\S+\s+){0,3}$", re.I)
GRANT_REACH = 40
MAX_PURPOSE_WORDS = 8
# Where a title runs on into the next entry of a contents or a barometer: a capitalised word
# right after a lowercase word that joins nothing ('et grønt kvarter Næste afsnit'), or a
# barometer's word for the progress since the last measurement.
_ITEM = re.compile(r"^\s*(?:[-•*–▪●]|\d{1,2}[.)])\s+(?=\S)")
HEADING_WORDS = 10
# 'målet om lige adgang for alle i 2010 var ...': the thing aimed at, up to its verb
_AIM_ABOUT = re.compile(r"\bmål(?:et|sætningen)\s+om\s+(?P<aim>[^.;:,()]{8,160}?)"
                        r"(?=(?:\s+i\s+(?:19|20)\d\d)?\s+(?:var|er|blev|bliver|skal|vil|kan|har)\b"
                        r"|[.;:,()]|$)", re.I)
# 'i form af A, B og C': what a piece of work consists of
_IN_THE_FORM = re.compile(r"\bi\s+form\s+af\s+(?P<list>.{3,})", re.I)
MAX_LIST_ITEM_WORDS = 8
# A sentence whose examples are pieces of work speaks of them as such.
_WORK_WORDS = re.compile(r"aktivitet|tilbud|indsats|projekt|initiativ|tiltag|arrangement|forløb|"
                         r"kursus|kurser|klub|café|cafe|værksted", re.I)
# Examples of who pays or takes part, or where: 'midler fra blandt andet A, B og C'.
_WHO_EXAMPLES = re.compile(r"\b(?:fra|af|hos|i|på|med|via|ved|mellem)\s+(?:blandt\s+andet|bl\.\s*a\.|"
                           r"eksempelvis|fx|f\.\s*eks\.)", re.I)
_CLAUSE_START = {"at", "og", "samt", "eller", "på", "i", "med", "for", "til", "af", "der", "som",
                 "men", "hvor"}
# Who carries the work: 'Ansvarlig: X', 'forankret i X', 'varetages af X'; who helps.
ROLE_REACH = 40
_ROLES = (
    ("partner", re.compile(r"\b(?:samarbejdspartner\w*|partner\w*|i\s+samarbejde\s+med|"
                           r"sammen\s+med)\s*:?\s*(?:\S+\s+){0,2}$", re.I)),
    ("lead", re.compile(r"\b(?:ansvarlig\w*(?:\s+forvaltning)?|ansvar|tovholder|projektejer|"
                        r"forankret\s+i|forankring|udføres\s+af|varetages\s+af|gennemføres\s+af|"
                        r"står\s+for)\s*:?\s*(?:\S+\s+){0,2}$", re.I)),
)


def read(source: Source, build: Builder, covered: set[int], alone: bool = True) -> None:
    """Read every line not in ``covered`` (the lines the layout readers took rows from).

    Where a layout reader read the document (``alone`` false) it has already read its
    tables, lists, headings, aims and money, and left out on purpose what it did not take
    (headers, form fields, totals, amounts of no activity); there this pass adds only the
    labelled goals and activities and the names."""
    _Pass(source, build, covered, alone).run()


class _Pass:
    def __init__(self, source: Source, build: Builder, covered: set[int], alone: bool):
        self.source, self.build, self.covered, self.alone = source, build, covered, alone
        self.goal: str | None = None      # the goal the text is under
        self.activity: str | None = None  # the activity the line is about

    def run(self) -> None:
        lines = self.source.lines
        for index, line in enumerate(lines):
            self.build.reached(line)
            text = line.text.strip()
            if not text or line.number in self.covered or FRONT_MATTER.match(text):
                continue
            if line.is_row:
                if self.alone:
                    self.row(line)
                continue
            item = _ITEM.match(line.text)
            if item and self.goal and self.alone:
                self.bullet(line, line.text[item.end():].strip())
                continue
            code, title = split_code(text.lstrip("#").strip())
            if code and title and _is_heading(text) and not LABEL.search(text):
                # a heading that opens with its code, without a colon: 'Mål 3 Flere i job'
                level = "sub_goal" if code.casefold().startswith("delmål") else "administration_goal"
                self.goal, self.activity = coded_goal(self.build, line, title, level, code), None
                continue
            if _is_heading(text) and not LABEL.search(text):
                following = _next_text(lines, index)
                money = amounts_in(following)
                if money and money[0][0] <= 2 and not _ITEM.match(following) \
                        and not _ECONOMY.search(text) \
                        and lines[_next_index(lines, index)].number not in self.covered:
                    self.costed_heading(line, text, lines[_next_index(lines, index)])
                    continue
                self.goal = self.activity = None  # a new section that no label opens
            self.running(line, text)

    # -- blocks ----------------------------------------------------------------------------
    def running(self, line: Line, text: str) -> None:
        """Labelled fields first; the text between them as sentences."""
        last = 0
        for match, title in labelled(text, self.build.gazetteer):
            self.sentences(line, text[last:match.start()])
            if match["goal"] or match["aim"]:
                code = f"{match['goal'].capitalize()} {match['n']}" if match["goal"] else ""
                level = "sub_goal" if (match["goal"] or match["aim"]).casefold() == "delmål" \
                    else "administration_goal"
                if title:
                    self.goal = self.coded_goal(line, title, level, code)
                    self.activity = None
            elif title:
                self.activity = self.new_activity(line, title)
            last = match.end() + len(title)
        self.sentences(line, text[last:])

    def sentences(self, line: Line, text: str) -> None:
        if not text.strip():
            return
        for sentence in sentences(text):
            named = []  # (where, activity)
            if not self.alone:
                self.names(line, sentence, named)
                continue
            for aim in aim_clauses(sentence) + [m["aim"] for m in _AIM_ABOUT.finditer(sentence)]:
                self.build.goal(line, title_of(aim, 300), "administration_goal", quote=aim)
            for start, item in _consists_of(sentence):
                named.append((start, self.new_activity(line, title_of(_without_brackets(item)))))
                self.money(line, item, named[-1][1])
            # the prose reader's cues for work a sentence names (examples, projects by name,
            # 'X er en indsats'), as in a document of lists
            from inklusionsgraf.extract.prose import defined_activities, enumerated

            listed = enumerated(sentence) if _WORK_WORDS.search(sentence) and \
                not _WHO_EXAMPLES.search(sentence) else []
            for name in listed + named_projects(sentence) + defined_activities(sentence):
                if all(name not in item for _s, item in _consists_of(sentence)) and \
                        self.names_work(name):
                    named.append((sentence.find(name), self.new_activity(line, title_of(name))))
            if len(named) == 1 and amounts_in(sentence):
                self.money(line, sentence, named[0][1])
            self.names(line, sentence, named)
            if not named:
                self.money(line, sentence, self.activity, sentence)

    def names_work(self, name: str) -> bool:
        """Whether an item of a list can be a piece of work: not a clause ('at ...', 'og
        ...'), not half a compound ('Erhvervs-'), not a name of who pays, acts or where."""
        words = name.split()
        if not words or words[0].casefold() in _CLAUSE_START or name.endswith("-"):
            return False
        return not any(m.start == 0 and m.end >= len(name.rstrip(".")) - 1
                       for m in self.build.gazetteer.find(name))

    def bullet(self, line: Line, body: str) -> None:
        self.activity = self.new_activity(line, title_of(_first_clause(body)))
        self.money(line, body, self.activity)

    def costed_heading(self, line: Line, heading: str, money_line: Line) -> None:
        self.activity = self.new_activity(line, title_of(heading))
        self.money(money_line, money_line.text, self.activity)
        self.covered.add(money_line.number)

    def row(self, line: Line) -> None:
        """A table row read by its content: a goal code wherever it stands, the first cell of
        words (not a question, not money) as the activity, amounts and periods anywhere."""
        cells = [line.cell(i) for i in range(len(line.cells))]
        if all(not c or c.rstrip().endswith("?") or set(c) <= set("-: ") for c in cells):
            return
        for cell in cells:
            for match, title in labelled(cell, self.build.gazetteer):
                if match["goal"] and title:
                    code = f"{match['goal'].capitalize()} {match['n']}"
                    self.goal = self.coded_goal(line, title, "administration_goal", code)
        words = [c for c in cells if len(c.split()) >= 2 and not LABEL.match(c)
                 and not c.rstrip().endswith("?") and not _only_money_or_time(c)]
        self.activity = None
        if words:
            self.activity = self.new_activity(line, title_of(_first_clause(sentences(words[0])[0])))
        for cell in cells:
            if cell is not (words[0] if words else None):
                self.money(line, cell, self.activity, cell)
                self.names(line, cell, [])

    # -- facts -----------------------------------------------------------------------------
    def coded_goal(self, line: Line, title: str, level: str, code: str) -> str:
        return coded_goal(self.build, line, title, level, code)

    def new_activity(self, line: Line, title: str) -> str | None:
        if not title or len(title) < 3:
            return None
        activity = self.build.activity(line, title, **period_fields(title))
        if self.goal:
            self.build.edge("supports", activity, self.goal, line, title)
        for mention in self.build.mentions(line, title, "area", parents=False):
            self.build.edge("located_in", activity, mention.entry.id, line,
                            title[mention.start:mention.end])
        for area in openworld.places(self.build, line, title, known=False):
            self.build.edge("located_in", activity, area, line, title)
        return activity

    def money(self, line: Line, text: str, activity: str | None, sentence: str = "") -> None:
        """The amounts and period of a block, for its activity (see module doc)."""
        found = amounts_in(text)
        period = {k: v for k, v in period_fields(text).items() if v is not None}
        if activity is None and found and (found[0][0] <= 2 or _GRANTED.search(
                text[max(0, found[0][0] - GRANT_REACH):found[0][0]])):
            # money that says what it is for: 'N kr. årligt til X', 'der er afsat N kr. til X'
            purpose = _PURPOSE.match(text, found[0][1])
            if purpose and len(purpose["what"].split()) <= MAX_PURPOSE_WORDS:
                activity = self.new_activity(line, title_of(purpose["what"]))
        if activity is None:
            if found:
                self.build.warn(line.number, f"amount '{found[0][2].text}' belongs to no activity "
                                "this pass could find; not written")
            elif period and self.goal and sentence:
                row = _goal_row(self.build, self.goal)
                if row is not None and row.get("start_year") is None and row.get("end_year") is None:
                    row.update({k: period[k] for k in ("start_year", "end_year") if k in period})
            return
        row = self.build.activity_row(activity)
        if period and row.get("start_year") is None and row.get("end_year") is None:
            row.update(period)
        if not found:
            return
        amount = found[0][2]
        if row.get("cost_min_dkk") is None and row.get("cost_max_dkk") is None:
            row.update(cost_fields(amount, text))
        for source in openworld.funders(self.build, line, text):
            self.build.edge("funds", source, activity, line, text, status=funding_status(text),
                            **money_fields(amount, text))

    def names(self, line: Line, text: str, named: list) -> None:
        """Administrations, areas and funding sources the text names; funding of its work."""
        admins = self.build.mentions(line, text, "administration", parents=False)
        openworld.organisations(self.build, line, text)
        target = named[-1][1] if named else self.activity
        for mention in admins:
            role = _role(text[max(0, mention.start - ROLE_REACH):mention.start])
            if role and (target or self.goal):
                self.build.edge("responsible", mention.entry.id, target or self.goal, line,
                                text[mention.start:mention.end], role=role)
        for area in openworld.places(self.build, line, text):
            if target is not None:
                self.build.edge("located_in", target, area, line, text)
        if target is not None and not amounts_in(text):
            for source in openworld.funders(self.build, line, text):
                self.build.edge("funds", source, target, line, text, status=funding_status(text))


def _role(before: str) -> str | None:
    """'lead' or 'partner' when the words before a name say who carries the work."""
    for role, pattern in _ROLES:
        if pattern.search(before):
            return role
    return None


@remembered
def _consists_of(sentence: str) -> list[tuple[int, str]]:
    """The items of 'i form af A, B og C' (brackets kept with their item)."""
    found = []
    for match in _IN_THE_FORM.finditer(sentence):
        items, depth, start, text = [], 0, 0, match["list"]
        for i, ch in enumerate(text):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and ch in ".;:" and re.match(r"\s+[A-ZÆØÅ]|\s*$", text[i + 1:]):
                text = text[:i]
                break
            if depth == 0 and ch == ",":
                items.append((start, text[start:i]))
                start = i + 1
        items.append((start, text[start:]))
        last_start, last = items[-1]
        joiner = r"\s+samt\s+" if re.search(r"\s+samt\s+", last) else r"\s+og\s+"
        tail = re.split(joiner, last, maxsplit=1)
        if len(tail) == 2:
            items[-1:] = [(last_start, tail[0]), (last_start + last.rfind(tail[1]), tail[1])]
        items = [(match.start("list") + s, i.strip()) for s, i in items if i.strip()]
        if len(items) >= 2 and all(len(_without_brackets(i).split()) <= MAX_LIST_ITEM_WORDS
                                   for _s, i in items):
            found += items
    return found


def _without_brackets(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)", "", text).strip()


def _first_clause(text: str) -> str:
    return re.split(r"[.;:](?:\s|$)", text, maxsplit=1)[0]


@remembered
def _only_money_or_time(cell: str) -> bool:
    rest = cell
    for start, end, _a in reversed(amounts_in(cell)):
        rest = rest[:start] + rest[end:]
    return not re.search(r"[^\W\d_]{3,}", re.sub(r"\b(?:i|til|fra|årligt|kr|mio)\b", "", rest))


def _is_heading(text: str) -> bool:
    text = text.lstrip("#").strip()
    return (len(text.split()) <= HEADING_WORDS and not text.endswith((".", ",", ";"))
            and text[:1].isupper())


def _next_index(lines: list[Line], index: int) -> int:
    for i in range(index + 1, min(index + 4, len(lines))):
        if lines[i].text.strip():
            return i
    return index


def _next_text(lines: list[Line], index: int) -> str:
    i = _next_index(lines, index)
    return lines[i].text if i != index else ""


def _goal_row(build: Builder, goal_id: str) -> dict | None:
    return build.goal_row(goal_id)
