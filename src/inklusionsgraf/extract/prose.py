"""Agreements and reports: sections with headings, bullet and numbered lists, and tables of
ticked boxes.

What is read:
- a list item ("- ...", "1. ...", "1) ...") is an activity, or a goal when it states an aim
  ("at ..." / "At ...");
- a short heading followed by a paragraph, inside a section whose heading speaks of
  initiatives or activities, names an activity;
- a table row with a ticked box names an activity (the box says it is used or wanted);
- amounts and periods in the running text go to the activity the section is about, and a
  funding source named next to an amount funds it;
- a section with a question of the form applying to a funding source (named there or in
  the section's heading) is an application to it: its amounts are what that source gives
  (and what the activity costs, unless the text says someone else pays a share), and
  what the section asks support for ("vi søger om tilskud til X") is an activity; an amount
  stated before that activity is named waits for it (and goes nowhere if none is named).
Lists under a question ("Hvordan ...?") are answers about the activity above, not new
activities; lists whose items all start with the same word are template lists. A line that
opens with a label ("Mål 2: X", "Aktivitet: Y", see :func:`free.opening_label`) is a goal
whose list items support it, or the activity the lines after it are about.
"""

from __future__ import annotations

import re

from inklusionsgraf.extract.assemble import Builder, sentences, title_of
from inklusionsgraf.extract.cues import coded_goal, opening_label
from inklusionsgraf.extract.memo import folded, remembered
from inklusionsgraf.extract.common import (
    aim_clauses, amounts_in, content_words, cost_fields, funded_by, funding_status, money_fields,
    named_projects, period_fields, split_code, titled_projects)
from inklusionsgraf.extract.sources import CHECKED, UNCHECKED, Line, Source

_ITEM = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])\s+(?=\S)")
_AIM = re.compile(r"^(?:at|At)\s")
_QUESTION = re.compile(r"^(?:#+\s*)?(?:Hvordan|Hvad|Hvilke|Hvem|Hvor|Hvis|Optræder|Søger|Har|Er)\b"
                       r"|\?\s*$")
# A prompt of a form ('Beskriv ...', 'Angiv ...'): a field of the section; what follows
# answers it (a list under it can name activities, unlike answers to a question).
_PROMPT = re.compile(r"^(?:#+\s*)?(?:Beskriv|Angiv|Redegør|Uddyb)\b")
_ACTIVITY_SECTION = re.compile(r"indsats|aktivitet|initiativ|tiltag|projekt|igangsæt|arbejder", re.I)
_ECONOMY_SECTION = re.compile(r"\b(?:økonomi|budget|finansier|beløb)", re.I)
_EXAMPLES = re.compile(r"\b(?:blandt andet|bl\.a\.|eksempelvis)\s*:?\s+", re.I)
MAX_ITEM_WORDS = 4
STATEMENT_WORDS = 10
_MONTH = re.compile(r"\b(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|"
                    r"november|december)\b", re.I)
_PLURAL_KINDS = re.compile(r"indsatser|aktiviteter|initiativer|tiltag\b|projekter", re.I)
# Kinds of area-based work (the glossary's words); the place follows, directly or after i/på.
_AREA_WORK_KINDS = (r"områdefornyelse|områdeløft|helhedsplan|frivillighedscenter|kulturcenter|"
                    r"medborgercenter|naboskole")
_AREA_WORK = rf"[\wæøå-]*(?:{_AREA_WORK_KINDS})"
_ANY_AREA_WORK = re.compile(_AREA_WORK_KINDS, re.I)  # what a sentence needs to name any
_WORK_BEFORE_PLACE = re.compile(
    r"(?P<work>(?:\b(?:to|tre|fire|en|et)\s+)?\b" + _AREA_WORK + r"\w*)\s+(?:(?:i|på)\s+(?:det\s+)?)?$",
    re.I)
_AIMS_INTRO = re.compile(r"indsatsområde|\bmål(?:et|ene|sætning\w*)?\b", re.I)
# A purpose as a lead-in ("... til formål at:"): the list says what something is for,
# neither goals nor activities.
_PURPOSES_INTRO = re.compile(r"\bformål\w*\b[^.]*:$", re.I)
_OTHER = {"andet", "andre", "øvrige", "other"}
_OTHER_NAMED = re.compile(r"^\s*(?:hvis\s+andet|andet,?\s+nemlig|andre|øvrige)\b.*[:?]\s*$", re.I)
STEM = 7
_DATED = re.compile(r"^(?:Den\s+)?\d{1,2}\.\s*\w+\s+\d{4}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$", re.I)
_SIGNATURE = re.compile(r"^(?:sagsnr|dokumentnr|sagsbehandler|telefon|e-mail|ean|bilag)\b", re.I)


def count_items(source: Source) -> int:
    return sum(1 for line in source.lines if _ITEM.match(line.text))


def read(source: Source, build: Builder) -> None:
    """Every heading, list item, tick-box row and paragraph of the document, in order."""
    _Reader(source, build).run()


class _Reader:
    """Where the reading is: the section, the activity the text is about, the list under way."""

    def __init__(self, source: Source, build: Builder):
        self.lines, self.build = source.lines, build
        self.section = ""         # the last heading that opened a section
        self.question = False     # whether the last heading asks a question
        self.current = None       # the activity the text is about
        self.aims = False         # whether the list under way states aims (goals)
        self.purposes = False     # whether the list under way says what something is for
        self.annexes = False      # whether the last heading announces the annexes
        self.other_ticked = False  # whether the last tick-box row ticked 'Andet'
        self.header = None        # the last table row without tick boxes
        self.section_activities: set[str] = set()  # activities since the last Markdown heading
        self.funder = None        # (mention, line) of the source the section applies to
        self.named = None         # (mention, line) of the source the section's heading names
        self.waiting: list[tuple[Line, str]] = []  # amounts stated before the section's activity
        self.goal = None          # the goal a label opened; the list items after it support it
        self.skip = _template_lists(self.lines)
        self.repeated = _repeated_headings(self.lines)

    def run(self) -> None:
        for index, line in enumerate(self.lines):
            self.build.reached(line)
            text = line.text.strip()
            if not text:
                continue
            item = _ITEM.match(line.text)
            label = None if line.is_row or item else opening_label(text, self.build.gazetteer)
            if label is not None:
                self.labelled(line, *label)
            elif line.is_row:
                self.row(line)
            elif item:
                self.item(line, line.text[item.end():].strip())
            else:
                lead_in = text.endswith(":")  # what both kinds of lead-in end with
                self.aims = lead_in and bool(_AIMS_INTRO.search(text))
                self.purposes = lead_in and bool(_PURPOSES_INTRO.search(text)) and not _AIM.match(text)
                if _is_heading(self.lines, index):
                    self.heading(index, line, text)
                elif not _SIGNATURE.match(text):
                    self.running_text(line, text)

    def labelled(self, line: Line, kind: str, level: str, code: str, title: str) -> None:
        """A goal that the list after it serves, or the activity the text after it is about."""
        if kind == "goal":
            self.goal = coded_goal(self.build, line, title, level, code)
            self.current = None
            return
        self.current = self.build.activity(line, title_of(title), quote=title)
        _areas(line, title, self.build, self.current)
        self.section_activities.add(self.current)
        if self.goal:
            self.build.edge("supports", self.current, self.goal, line, title)

    def applies_to(self, line: Line, text: str) -> None:
        """A question of the form about applying ('Søger kommunen støtte fra X?') makes the
        section an application: to the source it names, or else to the one the section's
        heading names. A report's sentence about applying is not a form's field."""
        if self.funder is None and _asks_to_apply(text):
            self.funder = next(((m, line) for m in self.build.mentions(line, text, "funding")),
                               self.named)

    def running_text(self, line: Line, text: str) -> None:
        self.applies_to(line, text)
        asked = [] if _QUESTION.search(text) else _asked_for(text)
        if self.current is None and not asked:
            self.waiting += [(line, s) for s in sentences(text)
                             if amounts_in(s) and _APPLIED_AMOUNT.search(s)]
        named = _running_text(line, text, self.build, self.current, self.funder)
        if self.current is None:
            _periods_of_named(text, self.build, self.section_activities)
        self.section_activities.update(named)
        for name in asked:
            activity = self.build.activity(line, title_of(name), quote=name)
            _areas(line, name, self.build, activity)
            self.section_activities.add(activity)
            for waiting_line, waiting_text in self.waiting:
                _money(waiting_line, waiting_text, self.build, activity, self.funder)
            self.waiting = []
            self.current = activity  # what the section asks for is what it goes on about

    def row(self, line: Line) -> None:
        other = _OTHER_NAMED.match(line.cell(0))
        if other and self.other_ticked and len(line.cells) > 1 and line.cell(1).strip():
            # 'Andet' was ticked; the row that asks what names it ('Hvis andet, hvad: X')
            name = line.cell(1).strip()
            self.current = self.build.activity(line, title_of(name), quote=name)
            _areas(line, name, self.build, self.current)
            return
        if not any(CHECKED in c or UNCHECKED in c for c in map(line.cell, range(len(line.cells)))):
            self.header = line
        self.other_ticked = line.cell(0).strip().casefold() in _OTHER and any(
            CHECKED in line.cell(i) and not _says_no(self.header, i) for i in range(1, len(line.cells)))
        self.current = _table_row(line, self.build, self.header) or self.current

    def item(self, line: Line, body: str) -> None:
        if line.number in self.skip or self.question or self.annexes or not _worth(body) or \
                self.purposes and not _AIM.match(body):
            return
        if _ECONOMY_SECTION.search(self.section) and amounts_in(body):
            only = next(iter(self.section_activities)) if len(self.section_activities) == 1 else None
            _money(line, body, self.build, self.build.best_activity(body, self.section_activities) or only,
                   self.funder)
            return
        title = None
        if _is_statement(body) and not self.aims:
            # a sentence that reports names no activity, unless it names a project in it
            names = named_projects(body)
            if not names:
                return
            title = names[0]
        for part in [body] if title or self.aims else _joined(body):
            activity = _item(line, part, self.build, self.aims, title)
            self.current = activity or self.current
            self.section_activities.add(self.current)
            if activity and self.goal:
                self.build.edge("supports", activity, self.goal, line, part)

    def heading(self, index: int, line: Line, text: str) -> None:
        heading = text.lstrip("#").strip().rstrip(":")
        self.question = bool(_QUESTION.search(text))
        field = self.question or bool(_PROMPT.match(text))  # a field of the form, not a section
        self.annexes = bool(_LABELS.match(heading)) and "bilag" in heading.casefold()
        if not field and heading.casefold() not in self.repeated and \
                not _LABELS.match(heading) and \
                _names_activity(self.lines, index, self.section, text, self.build.title_line):
            self.current = self.build.activity(line, title_of(heading), quote=heading,
                                               **period_fields(_following(self.lines, index)))
            _areas(line, heading, self.build, self.current)
            self.section_activities.add(self.current)
        elif text.startswith("#"):
            self.section, self.current, self.goal = heading, None, None
            self.section_activities = set()
            if not field:  # a question or prompt is a field of the section, not a new one
                self.named = next(((m, line) for m in self.build.mentions(line, heading, "funding")),
                                  None)
                self.funder, self.waiting = None, []
            self.applies_to(line, heading)
        elif _ECONOMY_SECTION.search(heading):
            self.section = heading
        elif period_fields(heading) and not self.question:
            self.running_text(line, text)  # a sentence without its full stop ('X løber til 2024')
        else:
            self.applies_to(line, heading)


def _template_lists(lines: list[Line]) -> set[int]:
    """Line numbers of lists whose items all start with the same word (e.g. 'Bilag 1..9')."""
    skip: set[int] = set()
    run: list[Line] = []
    for line in lines + [Line(len(lines) + 1, "")]:
        if _ITEM.match(line.text):
            run.append(line)
            continue
        if not line.text.strip():
            continue
        bodies = [line_.text[_ITEM.match(line_.text).end():] for line_ in run]
        firsts = {re.match(r"[^\W\d_]*", body).group(0).casefold() for body in bodies}
        if len(run) >= 3 and len(firsts) == 1 and all(len(b.split()) <= 5 for b in bodies):
            skip.update(line_.number for line_ in run)
        run = []
    return skip


def _repeated_headings(lines: list[Line]) -> set[str]:
    """Headings that occur more than once are the template's labels, not names."""
    seen: dict[str, int] = {}
    for index, line in enumerate(lines):
        if not line.is_row and line.text.strip() and _is_heading(lines, index):
            key = line.text.strip().lstrip("#").strip().rstrip(":").casefold()
            seen[key] = seen.get(key, 0) + 1
    return {key for key, n in seen.items() if n > 1}


def _worth(body: str) -> bool:
    """Whether a list item can name an activity: not a placeholder, not an event on a date,
    not a statement of the form 'Name: a whole sentence'."""
    words = body.split()
    if not words or body.startswith("[") or "[" in body and "]" in body or len(body) <= 2:
        return False
    if _MONTH.search(body):
        return False
    label, colon, rest = body.partition(": ")
    return not (colon and len(label.split()) <= 4 and len(rest.split()) >= STATEMENT_WORDS)


# A finite verb among an item's first three words: the item is a sentence that reports.
_FINITE_EARLY = re.compile(r"^(?:\S+\s+){1,2}(?:er|var|blev|bliver|har|havde|skal|vil|kan)\b", re.I)
# Headings that label a part of any report (contents, background, annexes), never a name.
_LABELS = re.compile(r"^(?:indhold|indholdsfortegnelse|baggrund|indledning|resumé|sammenfatning|"
                     r"konklusion|(?:vedlagte\s+)?bilag(?:sliste|soversigt)?)$", re.I)


def _joined(body: str) -> list[str]:
    """A short item that joins two named things with 'samt' ('Natklub i X samt længere
    åbent i Y') is two activities; with a comma or a sentence in it, it stays one."""
    parts = [p.strip() for p in re.split(r"\s+samt\s+", body)]
    if (len(parts) == 2 and all(len(p.split()) >= 2 for p in parts) and "," not in body
            and len(body.split()) <= 15 and not _is_statement(body)):
        return parts
    return [body]


def _is_statement(body: str) -> bool:
    """A main clause ('Herunder blev X bedt om ...'): a finite verb among the first words of
    a long item that states no aim."""
    return (len(body.split()) >= STATEMENT_WORDS - 2 and bool(_FINITE_EARLY.match(body))
            and not _AIM.match(body))


def _item(line: Line, body: str, build: Builder, aims: bool = False, title: str | None = None):
    if _AIM.match(body) or aims:
        build.goal(line, title_of(body, 300), "sub_goal", quote=body, administration="")
        return None
    for aim in aim_clauses(body):
        build.goal(line, title_of(aim, 300), "administration_goal", quote=aim)
    title = title_of(title or _short_title(body))
    activity = build.activity(line, title, quote=body if title in body else title,
                              **period_fields(body))
    _areas(line, body, build, activity)
    build.candidates(line, body)
    for mention in build.mentions(line, body, "funding"):
        build.edge("funds", mention.entry.id, activity, line, body[mention.start:mention.end],
                   status=funding_status(body))
    return activity


def _short_title(body: str) -> str:
    """A long item's name: up to its first parenthesis's end, or its first clause."""
    if len(body) <= 90:
        return body
    close = body.find(")")
    if 0 < close < 90:
        return body[:close + 1]
    comma = body.find(", ")
    return body[:comma] if 20 < comma < 120 else body


def _table_row(line: Line, build: Builder, header: Line | None = None):
    """A row of a tick-box table: a tick in a yes column names what is used or wanted
    (a column whose header says no, "Nej" or "ikke", does not count)."""
    name = line.cell(0)
    ticked = any(CHECKED in line.cell(i) and not _says_no(header, i)
                 for i in range(1, len(line.cells)))
    if (not name or not ticked or len(name.split()) > 20 or name.endswith(":")
            or name.casefold() in _OTHER):
        return None
    activity = build.activity(line, title_of(name), quote=name)
    money = [a for i in range(1, len(line.cells)) for a in amounts_in(line.cell(i))]
    if money:
        row = build.activity_row(activity)
        row.update(cost_fields(money[0][2], money[0][2].text))
    return activity


def _says_no(header: Line | None, index: int) -> bool:
    if header is None:
        return False
    return bool(re.search(r"\b(?:nej|ikke|no|not)\b", header.cell(index), re.I))


def _is_heading(lines: list[Line], index: int) -> bool:
    """A short line on its own (blank or nothing before and after), or a Markdown heading."""
    text = lines[index].text.strip()
    if text.startswith("#"):
        return True
    if len(text.split()) > 12 or text.endswith((".", ",", ";")) or not text[:1].isupper():
        return False
    before = lines[index - 1].text.strip() if index > 0 else ""
    after = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
    return not before and not after


def _following(lines: list[Line], index: int) -> str:
    for line in lines[index + 1:index + 4]:
        if line.text.strip():
            return line.text
    return ""


def _names_activity(lines: list[Line], index: int, section: str, text: str,
                    title_line: int = 0) -> bool:
    """A short heading with a paragraph under it that is about it: inside a section on
    initiatives, or taking up one of the heading's words."""
    if (text.startswith("#") or _SIGNATURE.match(text) or _ECONOMY_SECTION.search(text)
            or split_code(text)[0] or _DATED.search(text) or lines[index].number == title_line):
        return False
    following = _following(lines, index).strip()
    if len(following.split()) < 8 or _ITEM.match(following) or not following[:1].isupper():
        return False  # a list's lead-in, or a sentence broken over two lines
    if _PLURAL_KINDS.search(text) or (", " in text and len(text.split()) > 5):
        return False  # a section about several things, or a sentence
    if _ACTIVITY_SECTION.search(section):
        return True
    stems = {w[:STEM] for w in content_words(text) if len(w) >= 4}
    return bool(stems & {w[:STEM] for w in content_words(following) if len(w) >= 4})


def _areas(line: Line, text: str, build: Builder, activity) -> None:
    if activity is None:
        return
    for mention in build.mentions(line, text, "area"):
        build.edge("located_in", activity, mention.entry.id, line, text[mention.start:mention.end])


def _running_text(line: Line, text: str, build: Builder, current, funder=None) -> list[str]:
    """Names for review; aims; areas the current activity works in; its money and sources.
    Returns the activities the text names."""
    build.candidates(line, text)
    for aim in aim_clauses(text):
        build.goal(line, title_of(aim, 300), "administration_goal", quote=aim)
    costed, named = set(), []  # named: (sentence, where in it, activity), in reading order
    for sentence in sentences(text):
        names = (enumerated(sentence) + named_projects(sentence) + titled_projects(sentence)
                 + _placed_work(build, sentence)
                 + [n for n in defined_activities(sentence) if _is_new(build, n)])
        for name in names:
            # the one thing a sentence names takes the time the sentence gives it
            # ('X blev startet i marts 2019'); several share none of it
            when = period_fields(sentence) if len(names) == 1 else {}
            activity = build.activity(line, title_of(name), quote=name, **when)
            _areas(line, name, build, activity)
            named.append((sentence, sentence.find(name), activity))
        for name in costed_projects(sentence):
            _money(line, sentence, build, build.activity(line, name, quote=name), funder)
            costed.add(sentence)
    if current is None:
        build.mentions(line, text)
        # an amount is about the activity the paragraph names last before it
        # ('X ... råder over N kr., fx A og B'): not the examples after it
        for index, sentence in enumerate(sentences(text)):
            found = amounts_in(sentence)
            if sentence in costed or not found:
                continue
            before = [a for s, at, a in named if s == sentence and 0 <= at < found[0][0]]
            earlier = [a for s, _at, a in named if s in sentences(text)[:index]]
            target = (before or earlier or [None])[-1]
            _money(line, sentence, build, target, funder)
        return [a for _s, _at, a in named]
    _areas(line, text, build, current)
    for sentence in sentences(text):
        if amounts_in(sentence):
            if sentence not in costed:
                _money(line, sentence, build, current, funder)
            continue
        for mention in funded_by(build.mentions(line, sentence, "funding"), sentence):
            build.edge("funds", mention.entry.id, current, line, sentence,
                       status=funding_status(sentence))
    return [a for _s, _at, a in named]


def _periods_of_named(text: str, build: Builder, among: set[str]) -> None:
    """A sentence whose subject is an activity of the section ('Værkstedet løber i perioden
    ...'; the first word and the activity's first word share their stem) gives its period,
    when it has none yet."""
    for sentence in sentences(text):
        fields = {k: v for k, v in period_fields(sentence).items() if v is not None}
        first = content_words(sentence.split()[0]) if sentence.split() else set()
        if not fields or not first:
            continue
        stem = next(iter(first))[:STEM]
        for activity in sorted(a for a in among if a):
            row = build.activity_row(activity)
            words = _long_words(row["title"])
            if words and words[0][:STEM] == stem and row.get("start_year") is None \
                    and row.get("end_year") is None:
                row.update(fields)
                break


@remembered
def _long_words(title: str) -> list[str]:
    """A title's words of four letters or more, folded."""
    return [w for w in re.findall(r"\w+", folded(title)) if len(w) >= 4]


# 'X er en midlertidig indsats ...' and 'Y har (etableret) en fremskudt indsats ...': a sentence
# that says what kind of work something is names it.
_KINDS = r"(?:indsats|projekt|tilbud|dagtilbud|initiativ|program|ordning)"
_DEFINED = re.compile(r"^(?P<name>[A-ZÆØÅ][\w-]*(?: [A-ZÆØÅ0-9][\w-]*)*) er (?:en|et) "
                      r"(?:[\w-]+ ){0,3}?" + _KINDS + r"\b")
# "X er nu under forberedelse": work being prepared.
_IN_THE_MAKING = re.compile(r"^(?P<name>[A-ZÆØÅ][^.,;:]{4,60}?) er (?:p\.t\. |pt\. |nu )?under "
                            r"(?:udarbejdelse|etablering|opbygning|udvikling|forberedelse)\b")
# 'X vil til næste år udarbejde en plan for Y,': work announced.
_WILL_MAKE = re.compile(r"\b(?:vil|skal)\s+(?:[\wæøå.]+\s+){0,4}?(?:præsentere|udarbejde|etablere|"
                        r"igangsætte|iværksætte|gennemføre|udvikle|oprette)\s+(?:en|et)\s+"
                        r"(?P<name>[^.,;:()]{8,100}?)\s*(?:[.,;:(]|$)")
_HAS_WORK = re.compile(r"\bhar (?:etableret |oprettet )?(?:en|et) "
                       r"(?P<name>(?:[a-zæøå-]+ ){0,2}[a-zæøå]*" + _KINDS + r")\b")
# 'X har (sammen med Y) udviklet en ny Z': work done, named by what was made or started.
_HAS_MADE = re.compile(r"\bhar\s+(?:[\wæøå.,-]+\s+){0,8}?(?:udviklet|igangsat|etableret|oprettet|"
                       r"iværksat|startet|lanceret|indført)\s+(?:en|et)\s+"
                       r"(?P<name>[^.,;:()]{6,140}?)\s*(?:[.,;:(]|$)")
# Who the work is done with is not part of its name.
_PARTNERS = re.compile(r"\s+(?:i\s+(?:tæt\s+)?samarbejde\s+med|sammen\s+med)\b.*$")


@remembered
def defined_activities(sentence: str) -> list[str]:
    """Work a sentence names by saying what kind it is.

    >>> defined_activities("Nattevagten er en frivillig ordning i byen.")
    ['Nattevagten']
    >>> defined_activities("Kommunen har en opsøgende ungeindsats på gaden.")
    ['opsøgende ungeindsats']
    >>> defined_activities("En ny aftale med skolen er nu under forberedelse.")
    ['En ny aftale med skolen']
    >>> defined_activities("Byen vil i foråret udarbejde en plan for nye cykelstier, som ...")
    ['plan for nye cykelstier']
    >>> defined_activities("Skolen har sammen med klubben udviklet en ny model for lektiehjælp.")
    ['ny model for lektiehjælp']
    """
    found = [m.group("name") for m in (_DEFINED.match(sentence), _IN_THE_MAKING.match(sentence)) if m]
    found += [m.group("name") for m in _HAS_WORK.finditer(sentence)]
    found += [m.group("name") for m in _WILL_MAKE.finditer(sentence)]
    found += [_PARTNERS.sub("", m.group("name")) for m in _HAS_MADE.finditer(sentence)]
    return [name for name in found if name.casefold() not in _FUNCTION_WORDS]


_FUNCTION_WORDS = {"det", "den", "der", "dette", "denne", "her", "der", "hvilket"}


def _is_new(build: Builder, name: str) -> bool:
    """Whether no activity of the document already has a title with all the name's stems."""
    return not build.has_activity_like(name)


_COSTED_PROJECT = re.compile(r"\b(?P<name>[a-zæøå]{3,}projekt(?:et)?)\s+(?:på|til|for)\s+(?=[\dCc])")


@remembered
def costed_projects(sentence: str) -> list[str]:
    """A project named by its kind with its price: 'et byggeprojekt på 4 mio. kr.'.

    >>> costed_projects("Skolen venter på et byggeprojekt på 4 mio. kr. fra næste år.")
    ['byggeprojekt']
    """
    found = []
    for match in _COSTED_PROJECT.finditer(sentence):
        money = amounts_in(sentence[match.end():])
        if money and money[0][0] == 0:
            found.append(match.group("name"))
    return found


@remembered
def enumerated(sentence: str) -> list[str]:
    """Names in an enumeration of examples ('blandt andet: A, B og C'): three or more short
    items after the cue.

    Short items that a long one follows are names too (the long one describes); items
    before 'er eksempler på' are examples as well.

    >>> enumerated("Der er mange tilbud, blandt andet: Lektiecafé, Madklub og Fodbold for piger.")
    ['Lektiecafé', 'Madklub', 'Fodbold for piger']
    >>> enumerated("Der er tilbud som eksempelvis madklub, strikkecafé og en lang række af nye hold.")
    ['madklub', 'strikkecafé']
    >>> enumerated("Der er fester for alle, sommerfesten og julefesten er eksempler på festerne.")
    ['sommerfesten', 'julefesten']
    """
    found = []
    for match in _EXAMPLES.finditer(sentence):
        rest = re.split(_EXAMPLES, sentence[match.end():])[0]
        rest = re.split(r"[.;:()]\s|[()]|\.$|, (?:hvor|som|der|hvilket)\b", rest)[0]
        items = [i.strip(" ,.") for i in re.split(r",\s*|\s+(?:og|samt)\s+", rest)
                 if i.strip(" ,.")]
        if len(items) >= 3 and all(len(i.split()) <= MAX_ITEM_WORDS for i in items):
            found += items
            continue
        short = next((n for n, i in enumerate(items) if len(i.split()) > MAX_ITEM_WORDS), 0)
        if short >= 2:
            found += items[:short]
    for match in _EXAMPLES_BEFORE.finditer(sentence):
        items = [i.strip() for i in re.split(r",\s*|\s+(?:og|samt)\s+", match.group("list"))]
        if len(items) >= 2 and all(1 <= len(i.split()) <= MAX_ITEM_WORDS for i in items):
            found += items
    return found


_EXAMPLES_BEFORE = re.compile(r"(?:^|[,:;]\s*)(?P<list>[^,.;:]{3,120}?)\s+er\s+(?:gode\s+)?"
                              r"eksempl(?:er|et)\s+på\b")


def _placed_work(build: Builder, sentence: str) -> list[str]:
    """Area-based work named by its kind and its place: 'områdefornyelsen i X', 'Områdeløft X',
    'et frivillighedscenter på X' (X a known area)."""
    found = []
    if not _ANY_AREA_WORK.search(sentence):
        return found
    for mention in build.gazetteer.find(sentence):
        if mention.entry.kind != "area":
            continue
        before = sentence[:mention.start]
        match = _WORK_BEFORE_PLACE.search(before)
        if match and not re.search(r"erne$", match.group("work"), re.I):  # 'X-erne': in general
            found.append(sentence[match.start("work"):mention.end])
    return found


def _money(line: Line, text: str, build: Builder, current, funder=None) -> None:
    """An amount about the current activity: its cost, and who pays when the text says (or
    the source the section applies to, when the text names none). An amount applied for
    is what the source gives; it is what the activity costs too, unless the text says
    someone else pays a share ('vi betaler selv halvdelen')."""
    if current is None:
        return
    found = amounts_in(text)
    if not found:
        return
    amount = found[0][2]
    own = folded(build.activity_row(current)["title"])
    payers = [(m, line, text) for m in build.mentions(line, text, "funding")
              if folded(text[m.start:m.end]) not in own]  # the activity's own name pays nothing
    if not payers and funder is not None:
        payers = [(funder[0], funder[1], text)]
    row = build.activity_row(current)
    applied = payers and _APPLIED_AMOUNT.search(text)
    if row.get("cost_min_dkk") is None and row.get("cost_max_dkk") is None:
        if not (applied and _SHARED_COST.search(line.text)):
            row.update(cost_fields(amount, text))
        row.update({k: v for k, v in period_fields(text).items() if v is not None
                    and row.get(k) is None})
    for mention, _where, _text in payers:
        status = funding_status(text)
        if status == "planned" and applied:
            status = "sought"
        build.edge("funds", mention.entry.id, current, line, text, status=status,
                   **money_fields(amount, text), **_years(text))


def _years(text: str) -> dict:
    """The years an amount covers, where the same text gives them."""
    fields = period_fields(text)
    return {k: fields[k] for k in ("start_year", "end_year") if fields.get(k) is not None}


@remembered
def _asks_to_apply(text: str) -> bool:
    """A question of the form about applying for support."""
    return bool(_APPLIES.search(text) and _QUESTION.search(text))


# A section applies to a source: "søger støtte", "ansøgning", "ønsker at søge".
_APPLIES = re.compile(r"\b(?:an)?søg\w*|\bstøtte\s+fra\b", re.I)
# An amount that is asked for: "Ansøgt: 40.000 kr.", "Vi søger 2 mio. kr.".
_APPLIED_AMOUNT = re.compile(r"\b(?:an)?søg(?:te|er|es|t)?\b", re.I)
# Someone else pays a share of the cost.
_SHARED_COST = re.compile(r"medfinansier|egenfinansier|selv\s+bidrage|tilsvarende\s+beløb|"
                          r"betaler\s+(?:selv|resten)|resten\s+betales", re.I)
# What support is asked for: "Vi søger om tilskud til X.", "søges midler til X".
_ASKED_FOR = re.compile(r"\b(?:an)?søg(?:er|es)\s+(?:\w+\s+)?(?:om\s+)?(?:støtte|midler|tilskud)\s+til\s+"
                        r"(?P<what>[^.;:()]{8,120}?)\s*(?:[.;:(]|$)"
                        r"|\bønsker\s+at\s+(?:anvende|benytte|bruge)\s+(?:muligheden\s+for\s+)?"
                        r"(?P<option>[^.;:(),]{8,80}?)\s*(?:[.;:(,]|$)", re.I)


@remembered
def _asked_for(text: str) -> list[str]:
    """What a sentence asks support for, or which offer of the scheme it wants to use.

    >>> _asked_for("Her søges tilskud til nye bænke i parken.")
    ['nye bænke i parken']
    >>> _asked_for("Byen ønsker at benytte muligheden for gratis busser, hvis det kan lade sig gøre.")
    ['gratis busser']
    """
    return [(m.group("what") or m.group("option")).strip() for sentence in sentences(text)
            for m in _ASKED_FOR.finditer(sentence)]
