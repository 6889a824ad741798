"""Small helpers the layout readers share: periods, amounts and funding status as table cells.

The parsing itself is :mod:`amounts` and :mod:`periods`; this module only maps their results
onto the columns of the tables and reads the cue words for how sure money is.
"""

from __future__ import annotations

import re

from inklusionsgraf.extract.memo import folded, remembered

_CODE = re.compile(r"^\s*((?:Delmål|Mål|Indsatsområde)\s*\d+\s*[a-zæøå]?)\b\s*[:.–-]?\s*", re.I)
_STOP = set("og i af til på for med som der det den de en et at er om fra ved har skal kan vil "
            "eller samt mv bl a f eks fx herunder så sig sin sit sine ikke også".split())
_WORD = re.compile(r"[^\W\d_]{3,}|\d+", re.U)

# Cue words for how sure money is, most specific first (see model.FundingStatus).
_STATUS_CUES = (
    ("uncertain", r"uklar|usikker|ikke (?:endnu )?afklaret|forbehold|uvis"),
    ("sought", r"\bsøg|ansøg|\bsøger\b|ønsker .*støtte"),
    ("planned", r"forvent|kan findes|påtænk|planlagt|afsøgning|omprioriter"),
    ("secured", r"finansieres|finansieret|medfinansierer|tilvejebragt|bevilg|støtte fra|"
                r"budgetlagt|videreføres|afsat"),
)


@remembered
def split_code(text: str) -> tuple[str, str]:
    """'Mål 7b Byen skal ...' -> ('Mål 7b', 'Byen skal ...'); no code -> ('', text)."""
    match = _CODE.match(text)
    if not match:
        return "", text.strip()
    code = " ".join(match.group(1).split())
    return code[0].upper() + code[1:], text[match.end():].strip()


def content_words(text: str) -> set[str]:
    """Folded words that carry meaning (no short function words)."""
    return {w for w in _WORD.findall(folded(text)) if w not in _STOP}


@remembered
def _words(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


@remembered
def stems(text: str, stem: int = 7) -> frozenset[str]:
    """The first letters of the text's content words (see :func:`stem_overlap`)."""
    return frozenset(w[:stem] for w in _words(text))


def overlap(a: str, b: str) -> float:
    """Share of the smaller text's content words that the other text also has (0..1)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


_AIM_CLAUSE = re.compile(
    r"(?:\b(?:mål|målet|målene|målsætningen|målsætning|visionen|vision)\b"
    r"(?:\s+[^.,:;]{1,60}?)?,?\s+(?:er|var)?,?|\b(?:handler|drejer sig)\b[^.:;]{0,30}?\bom,?)"
    r"\s*(at\s+[^.;:]{8,})", re.I)


@remembered
def aim_clauses(text: str) -> list[str]:
    """Aims stated in running text: the 'at ...' clause after 'målet er', 'målsætningen om', ...
    A purpose ('... til formål at ...') is not an aim: it says what an activity is for,
    not a goal the document sets.

    The aim can also be a thing to reach ('målsætningen om færre ...', 'målet var en ...').

    >>> aim_clauses("Vores mål er at halvere ventetiden. Andet.")
    ['at halvere ventetiden']
    >>> aim_clauses("Det støtter målsætningen om flere unge i job, og det virker.")
    ['flere unge i job']
    """
    found = [(m.start(1), m.group(1).strip()) for m in _AIM_CLAUSE.finditer(text)
             if not text[m.end():].lstrip().startswith(":")]
    found += [(m.start(1), m.group(1).strip()) for m in _AIM_THING.finditer(text)]
    return [aim for _start, aim in sorted(found)]


# An aim that is a thing to reach: a comparative or a count after 'målsætning(en) om/er'.
_AIM_THING = re.compile(
    r"\bmål(?:et|ene|sætning|sætningen)?\s+(?:om|er|var)\s+"
    r"((?:færre|flere|mindre|mere|øget|øgede|bedre|højere|lavere|større|en|et)\s+[^.;:,]{8,})",
    re.I)


def stem_overlap(a: str, b: str, stem: int = 7) -> float:
    """Like :func:`overlap`, on the first letters of words ('jobformidlingen' ~ 'jobformidling')."""
    wa, wb = stems(a, stem), stems(b, stem)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


_CAPS = r"[A-ZÆØÅ][\w'’-]*(?: +(?:[A-ZÆØÅ0-9][\w'’-]*))*"
_NAMED_PROJECT = re.compile(
    r"\b(?:[Pp]rojekt(?:et)?|[Ii]nitiativ(?:et)?|[Pp]rogram(?:met)?) +(?:kaldet +)?"
    r"(?:[\"“](?P<quoted>[^\"”]{2,60})[\"”]|(?P<name>" + _CAPS + r"))"
    r"|(?P<compound>\b[A-ZÆØÅ][\w]*-projekt)(?:et|ets|er)?\b")
_TITLED = re.compile(r"(?<![\w'’-])" + _CAPS + r" +(?:Programmet|Projektet|Initiativet)\b")
_FUNCTION_WORDS = {"det", "den", "dette", "denne", "de", "i", "et", "en", "og", "med"}


@remembered
def named_projects(text: str) -> list[str]:
    """Projects the text names: 'projekt "X"', 'initiativet X Y', 'X-projektet'.

    >>> named_projects('Det nye initiativ Grøn Gård og projekt "Rolig Gade" samt Z-projektets start.')
    ['Grøn Gård', 'Rolig Gade', 'Z-projektet']
    """
    names = []
    for match in _NAMED_PROJECT.finditer(text):
        if match.group("compound"):
            names.append(match.group("compound") + "et")
        else:
            names.append((match.group("quoted") or match.group("name")).strip())
    return [name for name in names if len(name) >= 3]


@remembered
def titled_projects(text: str) -> list[str]:
    """Names that carry their kind as a capitalised last word: 'X Y Programmet'.

    >>> titled_projects('Byen har startet Grøn Gård Programmet i år.')
    ['Grøn Gård Programmet']
    """
    names = []
    for match in _TITLED.finditer(text):
        words = match.group(0).split()
        while words and words[0].casefold() in _FUNCTION_WORDS:
            words = words[1:]
        if len(words) >= 2:
            names.append(" ".join(words))
    return names


def without_figures(text: str) -> str:
    """The words of a sentence about money, without figures and money units."""
    return re.sub(r"\d[\d.,]*|\b(?:mio|mia|kr|t\.kr|ca|årligt|om året)\b\.?", " ", text, flags=re.I)


@remembered
def funding_status(text: str) -> str:
    """How sure the money is, from the cue words around it; 'planned' when none is given."""
    folded = text.casefold()
    for status, pattern in _STATUS_CUES:
        if re.search(pattern, folded):
            return status
    return "planned"


_FUNDING_CUE = re.compile(r"(?:støtte|tilskud|midler|bevilling|finansier\w*|medfinansier\w*|"
                          r"søg\w*|ansøg\w*)\s+(?:\w+\.?\s+){0,3}?(?:fra|af|via|hos|til|i)\b", re.I)
CUE_REACH = 80


def funded_by(mentions, text: str) -> list:
    """The funding mentions that a cue word introduces ('med tilskud fra X og Y')."""
    chosen = []
    for mention in mentions:
        if mention.entry.kind != "funding":
            continue
        before = text[max(0, mention.start - CUE_REACH):mention.start]
        if _FUNDING_CUE.search(before):
            chosen.append(mention)
    return chosen


@remembered
def period_fields(text: str) -> dict:
    """The first period in the text as activity columns (empty dict when none). A start
    without an end ('siden 2011') takes the end the same text gives next ('udløber ved
    udgangen af 2013')."""
    from inklusionsgraf.extract.periods import find_periods

    periods = [p for _s, _e, p in find_periods(text)
               if p.start_year is not None or p.end_year is not None or p.end_kind]
    if not periods:
        return {}
    first = periods[0]
    fields = {"start_year": first.start_year, "end_year": first.end_year,
              "start_date": first.start_date or None, "end_date": first.end_date or None,
              "end_kind": first.end_kind or None}
    if first.end_year is None and not first.end_kind:
        end = next((p for p in periods[1:] if p.start_year is None and p.end_year is not None), None)
        if end is not None and (first.start_year is None or end.end_year >= first.start_year):
            fields.update(end_year=end.end_year, end_date=end.end_date or None,
                          end_kind=end.end_kind or None)
    return fields


@remembered
def amounts_in(text: str) -> list[tuple[int, int, object]]:
    """Amounts in free text that state a figure (placeholders such as 'xx Kr.' left out)."""
    from inklusionsgraf.extract.amounts import find_amounts

    return [(s, e, a) for s, e, a in find_amounts(text)
            if a.min_dkk is not None or a.max_dkk is not None]


def cost_fields(amount, text: str) -> dict:
    """An amount as the cost columns of an activity."""
    return {"cost_min_dkk": amount.min_dkk, "cost_max_dkk": amount.max_dkk,
            "cost_basis": amount.basis or None, "cost_text": amount.text or text}


def money_fields(amount, text: str) -> dict:
    """An amount as the amount columns of a funds edge."""
    return {"min_dkk": amount.min_dkk, "max_dkk": amount.max_dkk,
            "basis": amount.basis or None, "amount_text": amount.text or text}


def header_roles(cells: list[str], role_words) -> dict[str, int]:
    """Column index of each role a header row names, from (role, pattern) pairs; the first
    role a cell matches wins, and a role keeps its first column."""
    return _header_roles(tuple(cells), tuple(role_words))


@remembered
def _header_roles(cells: tuple[str, ...], role_words) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = cell.casefold()
        for role, pattern in role_words:
            if role not in roles and re.search(pattern, text):
                roles[role] = index
                break
    return roles
