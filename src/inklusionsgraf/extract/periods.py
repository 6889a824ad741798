"""Danish periods: "2011-2014", "fra medio 2010", "udløber ved udgangen af 2013".

A :class:`Period` holds only what the text says: a year without a day gives no date
("fra medio 2010" starts in 2010, on no particular day), and nothing is filled in that the
text leaves open. The end of a year ("ved udgangen af 2013", "ultimo 2013") is its last day.

>>> p = parse_period("2011-2014")
>>> (p.start_year, p.end_year, p.start_date, p.end_kind)
(2011, 2014, '', '')
>>> parse_period("udløber ved udgangen af 2013").end_date
'2013-12-31'
>>> [p.start_year for _, _, p in find_periods("Projektet kører fra medio 2010 og er finansieret.")]
[2010]
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace

from inklusionsgraf.extract.memo import remembered
from inklusionsgraf.extract.patterns import DASH, SPACE

ENDS, REDUCED, CONTINUES, UNKNOWN = "ends", "reduced", "continues", "unknown"


@dataclass(frozen=True)
class Period:
    """Start and end (years, and ISO dates where the text gives the day) and how it ends."""

    start_year: int | None = None
    end_year: int | None = None
    start_date: str = ""  # "2011-03-01", only when the text gives the day
    end_date: str = ""
    end_kind: str = ""  # "", "ends", "reduced", "continues" or "unknown"
    text: str = field(default="", compare=False)


MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")
_MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER.update({name[:3]: i for i, name in enumerate(MONTHS, 1)})
_MONTH_NUMBER["sept"] = 9

_SP = SPACE
# A word between a verb and its time ("nedlægge ordningen pr. ..."), not one opening a new clause.
_WORD = r"(?!(?:og|men|mens|samt|eller|hvor|hvorefter|da|når|hvis|fordi)(?!\w))[^\W\d][\w-]*"
_DASH = DASH
_MONTH = r"(?:" + "|".join(MONTHS) + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)\.)"
_YEAR = r"(?<![\d.,/])(?:19|20)\d\d(?!\d)(?!\.\d)"
_NOT_RANGE = rf"(?!{_SP}*{_DASH}{_SP}*\d)"
# Words that place a year more closely without giving a day; the end of the year is a day.
_END_OF_YEAR = rf"(?:ultimo|(?:ved{_SP}+|med{_SP}+)?udgangen{_SP}+af)"
_VAGUE = (rf"(?:primo|medio|starten{_SP}+af|begyndelsen{_SP}+af|midten{_SP}+af|slutningen{_SP}+af"
          rf"|foråret|sommeren|efteråret|vinteren|{_MONTH})")
_RANGE_SEP = (rf"(?:{_SP}*{_DASH}{_SP}*|{_SP}+(?:frem{_SP}+)?til(?:{_SP}+og{_SP}+med)?{_SP}+"
              rf"|{_SP}+frem{_SP}+mod{_SP}+)")


def _date(tag: str) -> str:
    """A day: "1. marts 2011", "31.12.2006", "1/1 2010"; group names end in ``tag``."""
    return (rf"(?:(?P<d{tag}>\d{{1,2}})\.?{_SP}*(?P<mon{tag}>{_MONTH}){_SP}+(?P<y{tag}>{_YEAR})"
            rf"|(?<![\d.])(?P<nd{tag}>\d{{1,2}})[./-](?P<nm{tag}>\d{{1,2}})[./-]"
            rf"(?P<ny{tag}>(?:19|20)\d\d)(?!\d)"
            rf"|(?<![\d.])(?P<sd{tag}>\d{{1,2}})/(?P<sm{tag}>\d{{1,2}}){_SP}*-?{_SP}*"
            rf"(?P<sy{tag}>{_YEAR}))")


def _point(tag: str) -> str:
    """A year, perhaps with a word placing it: "medio 2010", "ultimo 2013", "april 2010"."""
    return (rf"(?:(?:(?P<eoy{tag}>{_END_OF_YEAR})|(?P<vague{tag}>{_VAGUE})){_SP}+)?"
            rf"(?:år{_SP}+)?(?P<year{tag}>{_YEAR})")


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


_PATTERNS: dict[str, re.Pattern] = {
    "date_range": _compile(rf"""
        (?:(?<!\w)(?:i{_SP}+)?perioden{_SP}+|fra{_SP}+(?:den{_SP}+)?)?
        {_date('a')} {_RANGE_SEP} (?:den{_SP}+)? {_date('b')}"""),
    "year_range": _compile(rf"""
        (?:(?<!\w)(?:(?:i{_SP}+)?perioden|fra|i|for){_SP}+)?
        (?P<ya>{_YEAR})
        (?: {_RANGE_SEP} (?P<yb>{_YEAR})
          | {_SP}*(?:{_DASH}|/){_SP}*(?P<yy>\d\d)(?!\d|[.,/-]\d)  # "2007 - 08", "2015/16"
          | /(?P<ys>(?:19|20)\d\d)(?!\d) )
      | (?<!\w)mellem{_SP}+(?P<ma>{_YEAR}){_SP}+og{_SP}+(?P<mb>{_YEAR})"""),
    "from_to": _compile(rf"""
        (?<!\w)fra{_SP}+{_point('a')} {_RANGE_SEP} {_point('b')}"""),
    "reduced": _compile(rf"""
        (?<!\w)(?:(?:fortsætter|fortsættes|forsætter|videreføres|videreføre)(?:{_SP}+derfor)?{_SP}+)?
        (?:men{_SP}+)?i{_SP}+(?:(?:betragtelig|væsentlig|noget|langt)t?{_SP}+)?
        (?:mindre|reduceret|begrænset){_SP}+(?:skala|omfang)
        (?:{_SP}+fra{_SP}+{_point('r')}(?:{_SP}+og{_SP}+frem(?:ad)?)?)?"""),
    # "udløber i 2013", "afsluttes ultimo 2014", "nedlægge ordningen pr. 31. december 2010"
    "expires": _compile(rf"""
        (?<!\w)(?:udløber|ophører|ophørte|ophøre|slutter|sluttede|afsluttes|afsluttet|afslutte
          |afvikles|afviklet|afvikle|stopper|stoppes|stoppet|stoppe|lukker|lukkes|lukket|lukke
          |nedlægges|nedlagt|nedlægge)(?!\w)
        (?:{_SP}+(?:(?:i|pr\.|per|den){_SP}*)?
          | (?:{_SP}+{_WORD}){{1,4}}?{_SP}+(?:(?:i|pr\.|per|den){_SP}*|(?={_END_OF_YEAR})))
        (?:{_date('x')}|{_point('x')})"""),
    "until": _compile(rf"""
        (?<!\w)(?:frem{_SP}+til|indtil|til{_SP}+og{_SP}+med|frem{_SP}+mod){_SP}+(?:den{_SP}+)?
        (?:{_date('u')}|{_point('u')})"""),
    "end_of": _compile(rf"""(?<!\w){_END_OF_YEAR}{_SP}+(?P<year>{_YEAR})"""),
    "since": _compile(rf"""
        (?<!\w)(?:siden|fra)(?:{_SP}+og{_SP}+med)?{_SP}+(?:den{_SP}+)?
        (?:{_date('s')}|{_point('s')}{_NOT_RANGE})
        (?P<onwards>{_SP}+og{_SP}+frem(?:ad)?)?"""),
    "undecided": _compile(rf"""
        (?<!\w)(?:hvorvidt|(?:uvist|uklart|usikkert|ikke{_SP}+afklaret|ikke{_SP}+besluttet),?{_SP}+om)
        {_SP}+(?:[^\W\d]+{_SP}+){{0,4}}?
        (?:fortsætter|fortsættes|fortsætte|videreføres|videreføre|forlænges|forlænge)(?!\w)
        (?:{_SP}+efter{_SP}+(?P<year>{_YEAR}))?"""),
    "continues": _compile(rf"""
        (?<!\w)(?:fortsætter|fortsættes|videreføres|forlænges)(?:{_SP}+(?:uændret|også|derfor))?
        {_SP}+(?:efter|ud{_SP}+over){_SP}+(?P<year>{_YEAR})"""),
    "started_before": _compile(rf"""
        (?<!\w)i{_SP}+(?:{_VAGUE}{_SP}+)?(?P<year>{_YEAR}){_NOT_RANGE}
        {_SP}+(?:blev|er|var|har)(?:{_SP}+{_WORD}){{0,5}}?{_SP}+
        (?:etableret|startet|igangsat|iværksat|oprettet|påbegyndt|indledt|åbnet)(?!\w)"""),
    "started": _compile(rf"""
        (?<!\w)(?:startede|startet|begyndte|begyndt|etableret|etableredes|etablerede|igangsat
          |igangsatte|iværksat|iværksatte|oprettet|oprettede|påbegyndt|indledt|indledtes|åbnede|åbnet)
        (?:{_SP}+{_WORD}){{0,5}}?{_SP}+i{_SP}+(?:{_VAGUE}{_SP}+)?(?P<year>{_YEAR}){_NOT_RANGE}"""),
    "in_year": _compile(rf"""
        (?<!\w)i{_SP}+(?:løbet{_SP}+af{_SP}+)?(?:{_VAGUE}{_SP}+)?(?:år{_SP}+)?
        (?P<year>{_YEAR}){_NOT_RANGE}"""),
}


@remembered
def find_periods(text: str) -> list[tuple[int, int, Period]]:
    """Every period named in free text as (start, end, period), in order, not overlapping.

    Where expressions overlap, the longest wins: "fra 2012-2015" is one range, not a start.

    >>> [(p.start_year, p.end_year) for _, _, p in find_periods("i perioden 2011–2014 og siden 2009")]
    [(2011, 2014), (2009, None)]
    """
    if not isinstance(text, str):
        return []
    if _ANY_YEAR.search(text):
        patterns = _PATTERNS.items()
    else:  # only the two expressions that need no year, and only after their words
        patterns = [(name, _PATTERNS[name]) for name, needs in _WITHOUT_YEAR.items()
                    if needs.search(text)]
    candidates = []
    for name, pattern in patterns:
        for match in pattern.finditer(text):
            period = _READERS[name](match)
            if period is not None:
                candidates.append((match.start(), match.end(), period))
    chosen: list[tuple[int, int, Period]] = []
    for start, end, period in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, replace(period, text=text[start:end])))
    return sorted(chosen, key=lambda c: c[0])


# Every expression but two names a year; those two are found only where their words stand.
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_WITHOUT_YEAR = {"reduced": re.compile(r"skala|omfang", re.IGNORECASE),
                 "undecided": re.compile(r"fortsæt|videreføre|forlænge", re.IGNORECASE)}


_FILLER = re.compile(r"[\s,;:.()\[\]\-–—]*(?:(?:og|men|derfor)(?!\w)[\s,;:.()\[\]\-–—]*)*",
                     re.IGNORECASE)
_BARE_YEAR = re.compile(rf"\(?\s*(?P<year>{_YEAR})\s*\)?\.?")
_BARE_DATE = re.compile(rf"\(?\s*{_date('a')}\s*\)?\.?", re.IGNORECASE)


def parse_period(text: str) -> Period | None:
    """The period a whole cell or phrase states, or None when it is not (only) a period.

    A lone year ("2013") or day ("07.03.2011") is a period of that year or day. Several
    expressions in one phrase are joined when they agree (see :func:`merge_periods`):

    >>> p = parse_period("2011-2013, udløber ved udgangen af 2013")
    >>> (p.start_year, p.end_year, p.end_date, p.end_kind)
    (2011, 2013, '2013-12-31', 'ends')
    """
    if not isinstance(text, str) or not text.strip():
        return None
    body = text.strip()
    if bare := _BARE_YEAR.fullmatch(body):
        year = int(bare["year"])
        return Period(year, year, text=body)
    if bare := _BARE_DATE.fullmatch(body):
        day = _day(bare, "a")
        return None if day is None else Period(day.year, day.year, day.isoformat(),
                                               day.isoformat(), text=body)
    found = find_periods(body)
    if not found:
        return None
    pos = 0
    for start, end, _ in found:
        if not _FILLER.fullmatch(body, pos, start):
            return None
        pos = end
    if not _FILLER.fullmatch(body, pos):
        return None
    return merge_periods([p for _, _, p in found], body)


# When one text says several things about how a period ends, the most telling wins:
# "udløber ved udgangen af 2013 ... men i mindre omfang" is reduced, not ends.
_END_KIND_ORDER = (REDUCED, CONTINUES, UNKNOWN, ENDS)


def merge_periods(periods: list[Period], text: str = "") -> Period | None:
    """One period from several pieces that agree ("siden 2011" + "udløber ... 2013").

    Years and dates must agree or None is returned (a person decides); of several end
    kinds the most telling wins (reduced, continues, unknown, ends).

    >>> merge_periods([Period(start_year=2011), Period(end_year=2013, end_kind="ends"),
    ...                Period(end_kind="reduced")])
    Period(start_year=2011, end_year=2013, start_date='', end_date='', end_kind='reduced', text='')
    """
    values: dict = {}
    kinds = {p.end_kind for p in periods if p.end_kind}
    for period in periods:
        for name in ("start_year", "end_year", "start_date", "end_date"):
            value = getattr(period, name)
            if value in (None, ""):
                continue
            if values.setdefault(name, value) != value:
                return None  # the pieces disagree; leave it to a person
    if kinds:
        values["end_kind"] = next(k for k in _END_KIND_ORDER + tuple(sorted(kinds)) if k in kinds)
    return Period(**values, text=text)


# --- turning a match into a Period ----------------------------------------------------------

def _day(match: re.Match, tag: str) -> datetime.date | None:
    try:
        if match[f"d{tag}"]:
            month = _MONTH_NUMBER[match[f"mon{tag}"].lower().rstrip(".")]
            return datetime.date(int(match[f"y{tag}"]), month, int(match[f"d{tag}"]))
        for prefix in ("n", "s"):  # 31.12.2006, 1/1 2010
            if match[f"{prefix}d{tag}"]:
                return datetime.date(*(int(match[f"{prefix}{part}{tag}"]) for part in "ymd"))
    except (ValueError, KeyError):
        return None
    return None


def _has_day(match: re.Match, tag: str) -> bool:
    groups = match.groupdict()
    return any(groups.get(f"{prefix}{tag}") for prefix in ("d", "nd", "sd"))


def _end_point(match: re.Match, tag: str) -> tuple[int, str] | None:
    """(year, end date) of an end: a day, a year's end ("ultimo 2013"), or a year alone."""
    if _has_day(match, tag):
        day = _day(match, tag)
        return None if day is None else (day.year, day.isoformat())
    year = int(match[f"year{tag}"])
    return year, f"{year}-12-31" if match[f"eoy{tag}"] else ""


def _start_point(match: re.Match, tag: str) -> tuple[int, str] | None:
    if _has_day(match, tag):
        day = _day(match, tag)
        return None if day is None else (day.year, day.isoformat())
    if match[f"eoy{tag}"]:
        return None  # "fra ultimo 2013" is no clear start; leave it to a person
    return int(match[f"year{tag}"]), ""


def _date_range(match: re.Match) -> Period | None:
    first, last = _day(match, "a"), _day(match, "b")
    if first is None or last is None or first > last:
        return None
    return Period(first.year, last.year, first.isoformat(), last.isoformat())


def _year_range(match: re.Match) -> Period | None:
    if match["ma"]:
        first, last = int(match["ma"]), int(match["mb"])
    elif match["yy"]:
        first = int(match["ya"])
        last = first // 100 * 100 + int(match["yy"])
    else:
        first, last = int(match["ya"]), int(match["yb"] or match["ys"])
    return Period(first, last) if first < last <= first + 100 else None


def _from_to(match: re.Match) -> Period | None:
    start, end = _start_point(match, "a"), _end_point(match, "b")
    if start is None or end is None or start[0] > end[0]:
        return None
    return Period(start[0], end[0], start[1], end[1])


def _reduced(match: re.Match) -> Period:
    # The year after "fra" is when the smaller scale begins, neither the activity's start nor
    # its end: it stays in the quoted text, not in the years.
    return Period(end_kind=REDUCED)


def _expires(match: re.Match) -> Period | None:
    end = _end_point(match, "x")
    return None if end is None else Period(end_year=end[0], end_date=end[1], end_kind=ENDS)


def _until(match: re.Match) -> Period | None:
    end = _end_point(match, "u")
    return None if end is None else Period(end_year=end[0], end_date=end[1])


def _end_of(match: re.Match) -> Period:
    year = int(match["year"])
    return Period(end_year=year, end_date=f"{year}-12-31")


def _since(match: re.Match) -> Period | None:
    start = _start_point(match, "s")
    if start is None:
        return None
    return Period(start_year=start[0], start_date=start[1],
                  end_kind=CONTINUES if match["onwards"] else "")


def _undecided(match: re.Match) -> Period:
    # "hvorvidt tilbuddet fortsætter efter 2017": known until that year, open after it
    return Period(end_year=int(match["year"]) if match["year"] else None, end_kind=UNKNOWN)


def _continues(match: re.Match) -> Period:
    return Period(end_year=int(match["year"]), end_kind=CONTINUES)


def _started(match: re.Match) -> Period:
    return Period(start_year=int(match["year"]))


def _in_year(match: re.Match) -> Period:
    year = int(match["year"])
    return Period(year, year)


_READERS = {
    "date_range": _date_range, "year_range": _year_range, "from_to": _from_to,
    "reduced": _reduced, "expires": _expires, "until": _until, "end_of": _end_of,
    "since": _since, "undecided": _undecided, "continues": _continues, "started": _started,
    "started_before": _started, "in_year": _in_year,
}


# --- writing (the forms the sources use; for round trips and for people) -------------------

FORMS = {
    # form: (what periods it can express, template)
    "range": ("range", "{s}-{e}"), "range_endash": ("range", "{s}–{e}"),
    "range_spaced": ("range", "{s} - {e}"), "perioden": ("range", "i perioden {s}-{e}"),
    "from_to": ("range", "fra {s} til {e}"), "from_until": ("range", "fra {s} frem til {e}"),
    "parens": ("range", "({s}-{e})"),
    "in": ("year", "i {s}"), "bare": ("year", "{s}"),
    "from": ("start", "fra {s}"), "from_medio": ("start", "fra medio {s}"),
    "from_primo": ("start", "fra primo {s}"), "since": ("start", "siden {s}"),
    "onwards": ("onwards", "fra {s} og frem"),
    "until": ("end", "frem til {e}"), "through": ("end", "til og med {e}"),
    "expires_in": ("expires", "udløber i {e}"),
    "expires_end_of": ("expires_end_of", "udløber ved udgangen af {e}"),
    "expires_ultimo": ("expires_end_of", "udløber ultimo {e}"),
    "ultimo": ("end_of", "ultimo {e}"), "end_of": ("end_of", "ved udgangen af {e}"),
    "dates": ("dates", "{sd} - {ed}"), "dates_numeric": ("dates", "{sdn} - {edn}"),
    "dates_from_to": ("dates", "fra {sd} til {ed}"),
    "reduced": ("reduced", "fortsætter i mindre skala"),
    "continues_after": ("continues", "videreføres efter {e}"),
    "undecided_after": ("undecided", "uvist, om indsatsen fortsætter efter {e}"),
    "undecided": ("open", "hvorvidt indsatsen skal videreføres"),
}


def shape(period: Period) -> str | None:
    """Which kind of period this is, in the terms of :data:`FORMS`; None if no form writes it."""
    p = period
    s, e = p.start_year, p.end_year
    if p.start_date or p.end_date:
        if p.start_date and p.end_date and s == int(p.start_date[:4]) and e == int(p.end_date[:4]) \
                and not p.end_kind:
            return "dates"
        if s is None and not p.start_date and p.end_date == f"{e}-12-31":
            return {"ends": "expires_end_of", "": "end_of"}.get(p.end_kind)
        return None
    if s is not None and e is not None:
        return ("year" if s == e else "range" if s < e else None) if not p.end_kind else None
    if s is not None:
        return {"": "start", "continues": "onwards"}.get(p.end_kind)
    if e is not None:
        return {"": "end", "ends": "expires", "continues": "continues",
                "unknown": "undecided"}.get(p.end_kind)
    return {REDUCED: "reduced", UNKNOWN: "open"}.get(p.end_kind)


def write_period(period: Period, form: str) -> str:
    """The period written in one of the Danish forms of :data:`FORMS`.

    >>> write_period(Period(2011, 2014), "perioden")
    'i perioden 2011-2014'
    """
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; one of {', '.join(FORMS)}")
    kind, template = FORMS[form]
    if shape(period) != kind:
        raise ValueError(f"form {form!r} cannot write {period}")
    return template.format(s=period.start_year, e=period.end_year,
                           sd=_written_day(period.start_date), ed=_written_day(period.end_date),
                           sdn=_numeric_day(period.start_date), edn=_numeric_day(period.end_date))


def _written_day(iso: str) -> str:
    if not iso:
        return ""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def _numeric_day(iso: str) -> str:
    if not iso:
        return ""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day:02d}.{day.month:02d}.{day.year}"
