"""The action-plan table: one row per goal, with objective, result goals, activities, cost
and financing in columns that the header names.

The header is recognised by its words (what each column asks), not by position, so a
template with its columns in another order, or with the goal in the first column without a
header, still reads. Activities are the paragraphs of the activities cell (or its sentences,
when the cell is one paragraph); a paragraph that introduces a list ("følgende ...:") is not
an activity, and "Såfremt X gennemføres" makes the activities after it conditional on X.
"""

from __future__ import annotations

import re

from inklusionsgraf.extract import common
from inklusionsgraf.extract.assemble import Builder, sentences, title_of
from inklusionsgraf.extract.common import (
    amounts_in, cost_fields, funded_by, funding_status, money_fields, named_projects, period_fields,
    split_code, stem_overlap, without_figures)
from inklusionsgraf.extract.sources import Line, Source

# What each column asks, by a word of its header; checked in this order (an activities
# header often also names result goals and the objective, so it is tested first).
ROLE_WORDS = (
    ("activities", r"aktivitet"),
    ("cost", r"koste|udgift|omkostning|budget"),
    ("financing", r"finansier"),
    ("results", r"resultat"),
    ("objective", r"målsætning|vision|formål"),
)
REQUIRED = ("activities",)
MAX_HEADER_CELL = 250
PURE_AMOUNT_WORDS = 4
MIN_OVERLAP = 0.3  # share of word stems a sentence must share with an activity to be about it
# Words a sentence starts with when it goes on about the one before (articles, "there is").
_GOES_ON = {"der", "det", "dette", "disse", "i", "et", "en", "her", "hvor", "men", "og"}
EXPECTED = ("objective", "results", "activities", "cost", "financing")
_CONDITION = re.compile(r"\b(?:Såfremt|Hvis|Forudsat at)\s+(.+?)\s+(?:gennemføres|bliver til noget|"
                        r"vedtages|bevilges)", re.I)
_INTRO = re.compile(r"\b(?:følgende|nedenstående)\b[^.]*[:.]?$|:$", re.I)


def header_roles(line: Line) -> dict[str, int]:
    """Column index of each role named in a header row (no entry for a role it lacks)."""
    return common.header_roles([line.cell(i) for i in range(len(line.cells))], ROLE_WORDS)


def is_header(line: Line) -> bool:
    """A row of short cells that ask for at least three of the roles."""
    if not line.is_row or any(len(line.cell(i)) > MAX_HEADER_CELL for i in range(len(line.cells))):
        return False
    return len(header_roles(line)) >= 3


def read(source: Source, build: Builder) -> None:
    """Every action-plan table in the document."""
    roles: dict[str, int] | None = None
    width = 0
    header_line = 0
    for line in source.lines:
        build.reached(line)
        if is_header(line):
            roles, width, header_line = header_roles(line), len(line.cells), line.number
            missing = [role for role in EXPECTED if role not in roles]
            if missing:
                build.warn(line.number, f"action-plan table has no column for {', '.join(missing)}"
                           f" (header cells: {len(line.cells)}); "
                           + ("the table is skipped" if any(r in REQUIRED for r in missing)
                              else "those facts are not read"))
                if any(role in REQUIRED for role in missing):
                    roles = None
            continue
        if roles is None or not line.is_row or _is_rule(line):
            continue
        if len([c for c in line.cells if c]) < 2:
            continue
        if len(line.cells) < width - 1:
            build.warn(line.number, f"table row has {len(line.cells)} cells, the header on line "
                       f"{header_line} has {width}; row skipped")
            continue
        _read_row(line, roles, width, build)


def _is_rule(line: Line) -> bool:
    return all(re.fullmatch(r"[-=_ ]*", "".join(cell)) for cell in line.cells)


def _goal_column(roles: dict[str, int], width: int) -> int:
    """The column that names the goal: the one no role claims, left of the objective."""
    free = [i for i in range(width) if i not in roles.values()]
    return free[0] if free else roles.get("objective", 0)


def _read_row(line: Line, roles: dict[str, int], width: int, build: Builder) -> None:
    goal_text = line.cell(_goal_column(roles, width))
    if not goal_text:
        return
    code, title = split_code(goal_text)
    goal_id = build.goal(line, title_of(title, 300), "administration_goal", code=code,
                         quote=goal_text)
    shifted = _shifted(line, roles, width)
    if shifted is not None:
        build.warn(line.number, f"the activities cell (column {roles['activities'] + 1}) is empty; "
                   f"activities read from column {shifted['activities'] + 1} by their content")
        roles = shifted
    activities = _activities(line, roles, build) + _named(line, roles, build)
    for activity_id, _text in activities:
        build.edge("supports", activity_id, goal_id, line, _text)
    _costs_and_funding(line, roles, build, goal_id, activities)
    for role in ("objective", "results", "activities", "cost"):
        if role in roles:
            _support_named(line, line.cell(roles[role]), build, goal_id, activities)


_MONEY_WORDS = re.compile(r"finansier|ramme|fond|pulje|midler|støtte|bevilg|budget", re.I)


def _shifted(line: Line, roles: dict[str, int], width: int) -> dict[str, int] | None:
    """The roles of a row whose activities stand one cell to the right of their column (the
    activities cell empty, the next one holding text that is no amount and no financing):
    a table read by content, not by position. None for a row in its columns."""
    index = roles["activities"]
    if line.cell(index).strip() or index + 1 >= len(line.cells):
        return None
    text = line.cell(index + 1)
    owner = next((role for role, i in roles.items() if i == index + 1), None)
    if len(text.split()) < 2 or owner in ("objective", "results") or \
            (owner == "cost" and amounts_in(text)) or (owner == "financing" and _MONEY_WORDS.search(text)):
        return None
    extra = len(line.cells) > width  # the rest of the row moved along with it
    return {role: i + 1 if (i > index and extra) or role == "activities" else i
            for role, i in roles.items()}


def _support_named(line: Line, text: str, build: Builder, goal_id: str, activities) -> None:
    """Funders a cell names outside the financing column ('med støtte fra X'): they fund the
    activity the sentence speaks of, or else the goal."""
    for sentence in sentences(text):
        for mention in funded_by(build.mentions(line, sentence, "funding"), sentence):
            target = _best_activity(build, sentence, activities, {}) if activities else None
            build.edge("funds", mention.entry.id, target or goal_id, line, sentence,
                       status=funding_status(sentence))


def _activities(line: Line, roles: dict[str, int], build: Builder) -> list[tuple[str, str]]:
    paragraphs = list(line.cells[roles["activities"]]) if roles["activities"] < len(line.cells) else []
    if len(paragraphs) == 1:
        # one paragraph: its first sentence, and the later ones that do not just go on
        # describing ('Der er ...', 'Et ... igangsættes')
        first, *rest = sentences(paragraphs[0]) or [""]
        paragraphs = [first] + [s for s in rest if s.split()[0].casefold() not in _GOES_ON]
    found: list[tuple[str, str]] = []
    condition = None
    lead_in: dict = {}  # a lead-in's period ('fra 2023 ... følgende:') holds for its list
    for text in paragraphs:
        match = _CONDITION.search(text)
        if match:
            condition = (match.group(1), text)
        if _INTRO.search(text) or (match and len(paragraphs) > 1):
            lead_in = period_fields(text)
            continue
        if len(text.split()) < 2 or not re.search(r"[^\W\d_]", text):
            continue
        whole = text.split(": ", 1)[1] if re.match(r"^[^.]{3,60}: \S", text) else text
        for body in _names_listed(text) or _with_parts(whole):
            fields = period_fields(body) or lead_in
            activity_id = build.activity(line, title_of(body), quote=body, **fields)
            found.append((activity_id, body))
            for mention in build.mentions(line, body, "area"):
                build.edge("located_in", activity_id, mention.entry.id, line,
                           body[mention.start:mention.end])
            build.candidates(line, body)
            if condition is not None:
                _depends(line, build, activity_id, *condition)
    return found


_LISTED = re.compile(r"^[^;:]{3,}[;:]\s+(?P<list>[^;:]+?)\.?$")
MAX_NAME_WORDS = 5


def _names_listed(text: str) -> list[str]:
    """'Udbredelse af byens planer; Grøn By og Blå Havn': after a colon or semicolon, names
    (each capitalised, a few words) joined by commas and 'og' are what the item is about.

    >>> _names_listed("Udbredelse af byens planer; Grøn By og Blå Havn.")
    ['Grøn By', 'Blå Havn']
    >>> _names_listed("Indsatsen omfatter: Kurser og rådgivning.")
    []
    """
    match = _LISTED.match(text)
    if not match:
        return []
    names = [n.strip() for n in re.split(r",\s*|\s+og\s+", match.group("list"))]
    if len(names) >= 2 and all(n[:1].isupper() and len(n.split()) <= MAX_NAME_WORDS
                               for n in names):
        return names
    return []


_INCLUDING = re.compile(r",\s+herunder\s+(?![^()]*\))")


def _with_parts(text: str) -> list[str]:
    """'Drift af X, herunder Y': the activity, and the part it names as one of its own.

    >>> _with_parts("Drift af rådgivningen, herunder faste åbningstider for familier.")
    ['Drift af rådgivningen', 'faste åbningstider for familier.']
    """
    head, *rest = _INCLUDING.split(text, maxsplit=1)
    if rest and len(head.split()) >= 2 and len(rest[0].split()) >= 2:
        return [head, rest[0]]
    return [text]


def _named(line: Line, roles: dict[str, int], build: Builder) -> list[tuple[str, str]]:
    """Projects the objective and result cells name ('Z-projektet', 'initiativet X'), and
    what a result item says is to be set up ('- oprettelsen af X'): the setting up is work."""
    found = []
    for role in ("objective", "results"):
        if role not in roles:
            continue
        for sentence in sentences(line.cell(roles[role])):
            names = named_projects(sentence) + set_up(sentence)
            for name in names:
                activity_id = build.activity(line, title_of(name), quote=name,
                                             **period_fields(sentence))
                found.append((activity_id, sentence))
    return found


# A sentence or list item that opens with the setting up of something: 'Etablering af X'.
_SET_UP = re.compile(r"(?:^|\s-\s+)(?P<name>(?:oprettelse|etablering|igangsættelse|iværksættelse|"
                     r"indførelse)(?:n|en)?\s+af\s+[^.,;:()]{4,120}?)\s*(?:[.,;:(]|\s-\s|$)", re.I)


def set_up(sentence: str) -> list[str]:
    """What a sentence or list item says is to be set up, from its opening noun.

    >>> set_up("Målene er: - flere medlemmer - oprettelsen af et ungeråd, der mødes årligt.")
    ['oprettelsen af et ungeråd']
    """
    return [m.group("name") for m in _SET_UP.finditer(sentence)]


def _depends(line: Line, build: Builder, activity_id: str, name: str, sentence: str) -> None:
    """'Såfremt X gennemføres': the activity goes ahead only if X (a funding source) does."""
    for mention in build.mentions(line, name):
        if mention.entry.kind == "funding":
            build.edge("depends_on", activity_id, mention.entry.id, line, sentence,
                       condition="provided")


def _costs_and_funding(line: Line, roles: dict[str, int], build: Builder, goal_id: str,
                       activities: list[tuple[str, str]]) -> None:
    cost_text = line.cell(roles["cost"]) if "cost" in roles else ""
    costed: dict[str, object] = {}
    found = amounts_in(cost_text)
    unplaced = []  # amounts no activity takes: said at the end, unless a source's edge does
    if found and not activities:
        unplaced = [(a, "the row names no activity") for _s, _e, a in found]
        found = []
    if len(found) == 1 and len(cost_text.split()) <= PURE_AMOUNT_WORDS:
        # the cell is nothing but one amount: what the row's activities cost
        for target, _text in activities:
            build.activity_row(target).update(cost_fields(found[0][2], cost_text))
            costed[target] = found[0][2]
        found = []
    for sentence in sentences(cost_text) if found else []:
        for _s, _e, amount in amounts_in(sentence):
            target = _best_activity(build, sentence, activities, costed)
            if target is None:
                if not any(_same_money(c, amount) for c in costed.values()):
                    unplaced.append((amount, "no activity of the row is named with it"))
                continue
            row = build.activity_row(target)
            if row.get("cost_min_dkk") is None and row.get("cost_max_dkk") is None:
                row.update(cost_fields(amount, sentence))
                costed[target] = amount
    financing = line.cell(roles["financing"]) if "financing" in roles else ""
    tied = _fund(line, build, goal_id, activities, cost_text, financing, costed) if financing else {}
    stated = [a.min_dkk or 0 for _s, _e, a in amounts_in(cost_text)]
    for amount, why in unplaced:
        others = list(stated)
        if amount.min_dkk in others:
            others.remove(amount.min_dkk)
        if len(others) > 1 and amount.min_dkk == sum(others):
            continue  # the total of the cell's other amounts ('dermed ... i alt'): told by them
        if not any(_same_money(amount, t) for t in tied.values()):
            _unplaced(build, line, amount, why)


def _fund(line: Line, build: Builder, goal_id: str, activities, cost_text: str, financing: str,
          costed: dict) -> dict:
    """Funds edges from the sources the financing cell names; the amounts tied to them."""
    mentions = [m for m in build.mentions(line, financing, "funding")]
    targets = list(costed) or [a for a, _ in activities] or [goal_id]
    if not mentions:
        # no known source: a name after a money cue ('finansieres via X') is a new one,
        # marked for review, and pays for the row's work
        from inklusionsgraf.extract.openworld import named_payers

        for source in named_payers(build, line, financing):
            for target in targets:
                build.edge("funds", source, target, line, financing, status=funding_status(financing))
    build.candidates(line, financing)
    tied = _amounts_tied_to_sources(financing, mentions)
    tied.update({k: v for k, v in _amounts_in_order(cost_text, financing, mentions).items()
                 if k not in tied})
    for mention in mentions:
        phrase = _sentence_around(financing, mention.start)
        status = funding_status(phrase)
        amount = tied.get(mention.start)
        if amount is not None:
            target = next((a for a, c in costed.items() if _same_money(c, amount)), None)
            if target is None:
                target = _best_activity(build, phrase, activities, {}) or goal_id
            build.edge("funds", mention.entry.id, target, line, phrase,
                       status=status, **money_fields(amount, phrase))
            continue
        for target in targets:
            money = {}
            if len(mentions) == 1 and target in costed:
                money = money_fields(costed[target], "")
                money["amount_text"] = costed[target].text or None
            build.edge("funds", mention.entry.id, target, line, phrase, status=status, **money)
    return tied


def _unplaced(build: Builder, line: Line, amount, why: str) -> None:
    """An amount of the cost cell that goes to no activity: said, not dropped in silence (a
    source that pays it may still carry it on its funds edge)."""
    build.warn(line.number, f"amount '{amount.text}' in the cost cell goes to no activity "
               f"({why}); not written as a cost")


def _best_activity(build: Builder, text: str, activities, taken) -> str | None:
    """The activity a sentence speaks of: most shared word stems, known names and figures
    aside (at least MIN_OVERLAP, or the only one sharing any); the only one if the row has
    just one."""
    free = [(a, t) for a, t in activities if a not in taken]
    if len(activities) == 1:
        return activities[0][0] if activities[0][0] not in taken else None
    words = without_figures(_without_names(build, text))
    scored = sorted(((stem_overlap(words, _without_names(build, t)), a) for a, t in free),
                    reverse=True)
    if scored and scored[0][0] >= MIN_OVERLAP:
        return scored[0][1]
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] == 0):
        return scored[0][1]  # the only activity the sentence shares a word with
    return None


def _without_names(build: Builder, text: str) -> str:
    """The text without the names the gazetteer knows (who does or pays is not what)."""
    for mention in reversed(build.gazetteer.find(text)):
        text = text[:mention.start] + " " + text[mention.end:]
    return text


def _amounts_tied_to_sources(text: str, mentions) -> dict[int, object]:
    """An amount written just before a source ('600 t.kr. via X') belongs to that source."""
    tied = {}
    found = amounts_in(text)
    for mention in mentions:
        before = [(s, e, a) for s, e, a in found if e <= mention.start
                  and mention.start - e <= 25 and not re.search(r"[.;]\s", text[e:mention.start])]
        if before:
            tied[mention.start] = before[-1][2]
    return tied


def _amounts_in_order(cost_text: str, financing: str, mentions) -> dict[int, object]:
    """Several amounts in the cost cell and as many sentences naming a source in the
    financing cell: they answer each other in order (the n-th amount is what the n-th
    sentence's sources pay)."""
    found = [a for _s, _e, a in amounts_in(cost_text)]
    paying, start = [], 0
    for sentence in sentences(financing):
        index = financing.find(sentence, start)
        start = index + len(sentence)
        inside = [m for m in mentions if index <= m.start < start]
        if inside:
            paying.append(inside)
    if len(found) < 2 or len(found) != len(paying):
        return {}
    return {m.start: amount for amount, group in zip(found, paying) for m in group}


def _same_money(a, b) -> bool:
    return a.min_dkk == b.min_dkk and a.max_dkk == b.max_dkk


def _sentence_around(text: str, position: int) -> str:
    start = 0
    for sentence in sentences(text):
        index = text.find(sentence, start)
        if index <= position < index + len(sentence):
            return sentence
        start = index + len(sentence)
    return text
