"""The genre's labels: a line or a transcript opens a field with "Mål 2:", "Indsatsområde 1:",
"Delmål 3:", "Vision:", "Aktivitet:", "Projekt:"; where the field's title ends; a goal that
a label names again.

>>> [title for _m, title in labelled("F. Indsatsområde 1: Rene gader... 4 Aktivitet: Lys på stien")]
['Rene gader', 'Lys på stien']
"""

from __future__ import annotations

import re

from inklusionsgraf.extract.assemble import Builder
from inklusionsgraf.extract.common import overlap
from inklusionsgraf.extract.memo import remembered
from inklusionsgraf.extract.sources import Line

_UPPER_OR_TITLE = r"(?:{0}|{1})"


def _word(word: str) -> str:
    """A label word in title case or capitals."""
    return _UPPER_OR_TITLE.format(word, word.upper())


_GOAL_KINDS = "|".join(_word(w) for w in ("Indsatsområde", "Fokusområde", "Temaområde", "Delmål",
                                          "Målsætning", "Pejlemærke", "Mål"))
_ACTIVITY_KINDS = "|".join(_word(w) for w in ("Aktivitet", "Indsats", "Delprojekt", "Projekt",
                                              "Initiativ", "Tiltag"))
_AIM_KINDS = "|".join(_word(w) for w in ("Vision", "Målsætning", "Mål", "Delmål"))
LABEL = re.compile(
    rf"(?<![\w])(?:(?P<goal>{_GOAL_KINDS})\s*(?P<n>\d{{1,2}}[a-zæøå]?)\s*(?::|–|-(?=\s))"
    rf"|(?P<activity>{_ACTIVITY_KINDS})(?:\s*\d{{1,2}}[a-z]?)?\s*:"
    rf"|(?P<aim>{_AIM_KINDS})\s*(?::|\s[-–](?=\s)))\s*")
# Where a title ends: the next 'Label:' or 'Label N:', a leader of dots, a lettered heading,
# a star, a tab, the end of a sentence.
_TITLE_END = re.compile(
    r"\s+(?:[A-ZÆØÅ]\.\s+)?[A-ZÆØÅ][\wæøå-]{2,}(?:\s+\d{1,2}[a-z]?)?\s*:(?=\s|$)"
    r"|\s*(?:\.{2,}|…)|\s+[A-ZÆØÅ]\.\s+(?=[A-ZÆØÅ])|\s+\*|\t"
    r"|[.!?](?=\s+[A-ZÆØÅ0-9]|\s*$)")
_CONTINUED = re.compile(r"\s*\((?:fortsat|fortsættes|forts\.)\)$", re.I)
_JOINERS = set("i på for og af til med ved fra om mod samt eller under over efter hos mellem "
               "uden den det de en et".split())
_CAPITAL_NEXT = re.compile(r"(?<=[a-zæøå])\s+(?=[A-ZÆØÅ][a-zæøå])")
_PROGRESS = re.compile(r"\s+(?:fremgang|stilstand|tilbagegang|uændret)\b")


def _run_on(title: str, gazetteer=None) -> int | None:
    """Where a title runs on into the next entry of a contents or a barometer: a capitalised
    word right after a lowercase word that joins nothing ('et grønt kvarter Næste afsnit'), or
    a barometer's word for the progress since the last measurement ('Flere i job fremgang')."""
    names = {m.start for m in gazetteer.find(title)} if gazetteer is not None else set()
    ends = [m.start() for m in _CAPITAL_NEXT.finditer(title)
            if (word := title[:m.start()].split()[-1])[0].islower() and word not in _JOINERS
            and m.end() not in names]  # a known name goes on the title: 'et trygt Alfaby'
    progress = _PROGRESS.search(title)
    ends += [progress.start()] if progress else []
    return min(ends, default=None)


_TRAILING_PAGE = re.compile(r"\s+\d{1,3}$")
MAX_TITLE_WORDS = 25
SAME_GOAL = 0.5  # share of words two titles under one code share when they name one goal
_OPENING = re.compile(r"^(?:#+\s*|[A-ZÆØÅ]\.\s+|\d{1,2}\.\s+)?(?=\S)")


def coded_goal(build: Builder, line: Line, title: str, level: str, code: str) -> str:
    """A labelled goal; a code the document already gave a goal names that goal (another
    reader's, or a heading repeated on the next page: 'X (fortsat)')."""
    title = _CONTINUED.sub("", title)
    if code:
        for row in build.goals_with_code(code):
            if overlap(row["title"], title) >= SAME_GOAL:
                return row["id"]
    return build.goal(line, title, level, code=code, quote=title)


@remembered
def opening_label(text: str, gazetteer=None) -> tuple[str, str, str, str] | None:
    """(kind, level, code, title) of a line that opens with a label ('## Mål 2: X',
    'Aktivitet: Y'), kind 'goal' or 'activity'; None for any other line.

    >>> opening_label("## Delmål 3: Flere i job")
    ('goal', 'sub_goal', 'Delmål 3', 'Flere i job')
    >>> opening_label("Aktivitet: Gadefest")
    ('activity', '', '', 'Gadefest')
    """
    start = _OPENING.match(text).end()
    for match, title in labelled(text, gazetteer):
        if match.start() != start or not title:
            return None
        word = match["goal"] or match["aim"]
        if word is None:
            return "activity", "", "", title
        code = f"{word.capitalize()} {match['n']}" if match["goal"] else ""
        return "goal", "sub_goal" if word.casefold() == "delmål" else "administration_goal", code, title
    return None


@remembered
def labelled(text: str, gazetteer=None) -> list:
    """(label match, title) for each label in the text; the title as the text writes it."""
    found = []
    for match in LABEL.finditer(text):
        rest = text[match.end():]
        end = _TITLE_END.search(rest)
        title = rest[:end.start()] if end else rest
        run_on = _run_on(title, gazetteer)
        if run_on:
            title = title[:run_on]
        words = title.split()
        if len(words) > MAX_TITLE_WORDS:
            title = " ".join(words[:MAX_TITLE_WORDS])
        if end and end.end() < len(rest):  # a page number before the next entry of a contents
            title = _TRAILING_PAGE.sub("", title.strip())
        found.append((match, title.strip(" ,;-–")))
    return found
