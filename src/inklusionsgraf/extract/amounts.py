"""Danish amounts of money as whole DKK: "1,8 mio. kr.", "600 t.kr.", "Kr. 30.000", "0-70 mio. kr.".

Ranges stay ranges, "årligt" stays per year, "ca." stays approximate and a blank in a form
("xx Kr.") stays unknown: an :class:`Amount` with no figures, never 0.

>>> parse_amount("1,8 mio. kr.").min_dkk
1800000
>>> a = parse_amount("0-70 mio. kr.")
>>> (a.min_dkk, a.max_dkk)
(0, 70000000)
>>> parse_amount("2,0 mio. kr. årligt").basis
'per_year'
>>> parse_amount("xx Kr.").min_dkk is None
True
>>> [(s, e) for s, e, _ in find_amounts("bevilget 450 t.kr. i 2015 af fonden")]
[(9, 25)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from inklusionsgraf.extract.memo import remembered
from inklusionsgraf.extract.patterns import DASH, SPACE

ONCE, PER_YEAR, WHOLE_PERIOD = "once", "per_year", "whole_period"
BASES = ("", ONCE, PER_YEAR, WHOLE_PERIOD)


@dataclass(frozen=True)
class Amount:
    """An amount in whole DKK: a figure, a range, an open bound or unknown (both None)."""

    min_dkk: int | None
    max_dkk: int | None
    basis: str = ""  # "", "once", "per_year" or "whole_period"
    approximate: bool = False  # "ca."
    parts: tuple["Amount", ...] = ()  # "heraf ca. 58 mio. kr. i kommunal medfinansiering"
    label: str = ""  # what a part is, e.g. "kommunal medfinansiering"
    text: str = field(default="", compare=False)  # the verbatim span

    @property
    def known(self) -> bool:
        """True when the text states at least one figure (not a blank like "xx Kr.")."""
        return self.min_dkk is not None or self.max_dkk is not None


# --- the pieces of an amount -------------------------------------------------------------

# Space within one line of text: a tab or a line break ends a table cell or a row.
_SP = SPACE
_DASH = DASH
_GROUP = "[.\u00a0\u202f\u2009]"  # thousands: "30.000", or a no-break or thin space from Word
_NUMBER = (r"(?<!\w)(?<!\d[.,])"
           r"(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+|\d+)"
           r"(?:,\d+|,-)?(?!\d)(?![.,]\d)")
_BLANK = r"(?<!\w)[xX]{1,6}(?:[.,][xX]{1,6})*(?!\w)"  # "xx Kr.": a figure left blank
_FIGURE = rf"(?:{_NUMBER}|{_BLANK})"
_RANGE_SEP = rf"(?:{_SP}*{_DASH}{_SP}*|{_SP}+til{_SP}+)"
_END = r"(?:\.|(?!\w))"  # an abbreviation's dot, or the end of the word
_MIO = rf"(?:mio{_END}|mill{_END}|millioner(?!\w)|million(?!\w))"
_MIA = rf"(?:mia{_END}|milliarder(?!\w)|milliard(?!\w))"
_CURRENCY = rf"(?:kr{_END}|kroner(?!\w)|dkk(?!\w))"
_THOUSAND = (rf"(?:t\.{_SP}?kr{_END}|tkr{_END}|tusinde?{_SP}+{_CURRENCY}"
             rf"|1\.000{_SP}+{_CURRENCY})")
# "mio." alone is money in the sources ("0,5 mio. årligt"), unless it counts something else.
_COUNTED = (r"(?:indbyggere|borgere|mennesker|personer|besøgende|brugere|elever|børn|unge|ledige"
            r"|boliger|lejligheder|husstande|kvadratmeter|m2|m²|km|kilometer|timer|dage|tons?|liter"
            r"|kwh|passagerer|turister|deltagere|medlemmer|stemmer|visninger)(?!\w)")
_NOT_COUNTING = rf"(?!\.?{_SP}+{_COUNTED})"
_UNIT = (rf"(?:(?P<mio>{_MIO}(?:{_SP}*{_CURRENCY}|{_NOT_COUNTING}))"
         rf"|(?P<mia>{_MIA}(?:{_SP}*{_CURRENCY}|{_NOT_COUNTING}))"
         rf"|(?P<tkr>{_THOUSAND})|(?P<kr>{_CURRENCY}))")

# A figure with its unit: "Kr. 30.000", "kr. 1,5 mio.", "0-70 mio. kr.", "xx Kr."
_CORE = re.compile(
    rf"""(?:
        (?P<pcur>(?<!\w)(?:kr\.?|dkk){_SP}*)
            (?P<a1>{_NUMBER})(?:{_RANGE_SEP}(?P<b1>{_NUMBER}))?
            (?:{_SP}*(?P<pscale>(?P<pmio>{_MIO})|(?P<pmia>{_MIA})))?
      | (?P<a2>{_FIGURE})(?:{_RANGE_SEP}(?P<b2>{_FIGURE}))?{_SP}*{_UNIT}
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_BARE = re.compile(rf"{_SP}*(?P<a>{_FIGURE})(?:{_RANGE_SEP}(?P<b>{_FIGURE}))?{_SP}*",
                   re.IGNORECASE)

# Words before a figure: about, at least, at most, once, in all, yearly.
_APPROX = r"(?:ca\.?|cirka|omkring|circa)"
_PREFIX = rf"""(?<!\w)(?:
        (?P<approx>{_APPROX})
      | (?P<over>over|mere{_SP}+end|mindst|minimum|min\.)
      | (?P<under>op{_SP}+til|højst|maksimalt|maks\.|max\.)
      | (?P<once>engangs(?:tilskud|beløb|bevilling|udgift){_SP}+(?:på|af))
      | (?P<total>i{_SP}+alt)
      | (?P<yearly>årligt)
    ){_SP}+"""
_BEFORE = re.compile(_PREFIX + r"\Z", re.IGNORECASE | re.VERBOSE)  # ends where the figure starts
_PREFIX_AT = re.compile(_PREFIX, re.IGNORECASE | re.VERBOSE)  # starts where a part starts

# Words after a figure that say what it covers, perhaps after a purpose ("til drift").
_YEAR = r"(?:19|20)\d\d(?!\d)"
_YEARS = rf"{_YEAR}(?:{_SP}*{_DASH}{_SP}*{_YEAR}|{_SP}+til{_SP}+{_YEAR})?"
_COUNT = r"(?:\d+|to|tre|fire|fem|seks|syv|otte|ni|ti)"
_AFTER = re.compile(
    rf"""(?P<purpose>{_SP}+(?:til|for){_SP}+(?!(?:perioden|hele|{_YEAR})\b)
                     [^\W\d][^\d.,;:()<>\n]{{0,60}}?)?
    {_SP}*(?:
        (?P<per_year>årligt|årlig(?!\w)|i{_SP}+årlig(?!\w)|om{_SP}+året|pr\.{_SP}*år(?!\w)
          | per{_SP}+år(?!\w)
          | /{_SP}*år(?!\w)|hvert{_SP}+år)
      | (?P<whole>i{_SP}+alt(?!\w)(?:{_SP}+for{_SP}+(?:hele{_SP}+)?perioden(?:{_SP}+{_YEARS})?)?
          | (?:i|for){_SP}+(?:hele{_SP}+)?perioden(?:{_SP}+{_YEARS})?
          | over{_SP}+{_COUNT}{_SP}+år(?!\w)
          | i{_SP}+en{_SP}+{_COUNT}-årig{_SP}+periode)
      | (?P<year>i{_SP}+{_YEAR}(?!{_SP}*{_DASH}{_SP}*\d))
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# A full stop before a capital (not the dot of "kr." or "30.000"), or a cell or line break.
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅ])|[;\t\n]")
# A period named earlier in the sentence makes a sum without "årligt" a total for it.
_PERIOD_EARLIER = re.compile(rf"(?<!\w)(?:i|for){_SP}+(?:hele{_SP}+)?perioden{_SP}+{_YEARS}",
                             re.IGNORECASE)

# Parts: "heraf ca. 58 mio. kr. i kommunal medfinansiering", "svarende til 400.000 kr. pr. år".
_PART_START = re.compile(
    rf"""{_SP}*[,;]?{_SP}*
    (?:(?P<of_which>heraf|hvoraf)|(?P<split>fordelt{_SP}+(?:med|på)|svarende{_SP}+til)){_SP}+""",
    re.IGNORECASE | re.VERBOSE,
)
_PART_MORE = re.compile(rf"{_SP}*(?:,|og|samt){_SP}+", re.IGNORECASE)
_STOP = r"(?:og|samt|men|mens|der|som|hvor|heraf|hvoraf|fordelt|svarende)"
_LABEL_WORD = rf"(?!{_STOP}(?!\w))[^\W\d_][\w'’\-]*"
_LABEL = re.compile(
    rf"{_SP}+(?:i|til|fra|som|på|af|via){_SP}+"
    rf"(?P<label>{_LABEL_WORD}(?:{_SP}+{_LABEL_WORD}){{0,5}})",
    re.IGNORECASE,
)
_NONE_STATED = re.compile(r"\s*(?:ingen|ingen\s+udgifter|ingen\s+omkostninger)\s*[.]?\s*",
                          re.IGNORECASE)

_MAX_DIGITS = 18
_SCALES = {"mio": 1_000_000, "mia": 1_000_000_000, "tkr": 1_000, "kr": 1}


# --- reading ------------------------------------------------------------------------------

_FIGURE_START = re.compile(r"\d|(?<!\w)[xX]")  # what every amount contains: a figure or a blank


@remembered
def find_amounts(text: str) -> list[tuple[int, int, Amount]]:
    """Every amount of money in free text, as (start, end, amount), in order, not overlapping.

    >>> [a.min_dkk for _, _, a in find_amounts("Kr. 45.000 og 3,2 mio. kr. over tre år")]
    [45000, 3200000]
    """
    if not _FIGURE_START.search(text):
        return []
    found: list[tuple[int, int, Amount]] = []
    last_end = 0
    for match in _CORE.finditer(text):
        if match.start() < last_end:
            continue
        read = _read_one(text, match, last_end)
        if read is None:
            continue
        start, end, amount = read
        found.append((start, end, amount))
        last_end = end
    return found


def parse_amount(text: str, unit: str = "") -> Amount | None:
    """The amount a whole cell states, or None when the cell is not one amount.

    ``unit`` is the unit a column header gives ("1.000 kr.", "mio. kr.") for bare figures.

    >>> parse_amount("Ca. 282 mio. kr. heraf ca. 58 mio. kr. i kommunal medfinansiering").parts[0].label
    'kommunal medfinansiering'
    >>> parse_amount("600", unit="1.000 kr.").min_dkk
    600000
    """
    if not isinstance(text, str):
        return None
    body = text.strip()
    if not body:
        return None
    if _NONE_STATED.fullmatch(body):
        return Amount(0, 0, text=body)
    found = find_amounts(body)
    if len(found) == 1 and found[0][0] == 0 and not body[found[0][1]:].strip(" .,;:"):
        return found[0][2]
    if unit and not found:
        return _bare_with_unit(body.rstrip(" .,;:"), unit)
    return None


def _bare_with_unit(body: str, unit: str) -> Amount | None:
    scale = _unit_scale(unit)
    approx = re.match(rf"{_APPROX}{_SP}+", body, re.IGNORECASE)
    rest = body[approx.end():] if approx else body
    match = _BARE.fullmatch(rest)
    if scale is None or match is None:
        return None
    figures = _figures(match["a"], match["b"], scale)
    if figures is None:
        return None
    return Amount(*figures, approximate=bool(approx), text=body)


def _unit_scale(unit: str) -> int | None:
    match = re.fullmatch(rf"\s*(?:i\s+)?\(?\s*{_UNIT}\s*\)?\s*", unit, re.IGNORECASE)
    if match is None:
        return None
    return next(_SCALES[k] for k in ("mio", "mia", "tkr", "kr") if match[k])


def _read_one(text: str, match: re.Match, floor: int) -> tuple[int, int, Amount] | None:
    """One amount around a figure: the figure, the words before it, then the words after it."""
    core = _core_amount(match)
    if core is None:
        return None
    start, end = match.start(), match.end()
    start, core = _extend_left(text, start, floor, core)
    end, core = _extend_right(text, end, core)
    end, parts = _read_parts(text, end)
    if parts:
        core = replace(core, parts=parts)
    if not core.basis and _PERIOD_EARLIER.search(_clause_before(text, start)):
        core = replace(core, basis=WHOLE_PERIOD)  # "i perioden 2015-2017 ... udgøre 0-5 mio. kr."
    return start, end, replace(core, text=text[start:end])


def _clause_before(text: str, start: int) -> str:
    """The sentence (or table cell) before ``start``, at most a few hundred characters."""
    window = text[max(0, start - 300):start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return window[ends[-1]:] if ends else window


def _core_amount(match: re.Match) -> Amount | None:
    if match["pcur"] is not None:
        a, b = match["a1"], match["b1"]
        scale = 1_000_000 if match["pmio"] else 1_000_000_000 if match["pmia"] else 1
    else:
        a, b = match["a2"], match["b2"]
        scale = next(_SCALES[k] for k in ("mio", "mia", "tkr", "kr") if match[k])
    figures = _figures(a, b, scale)
    return None if figures is None else Amount(*figures)


def _figures(a: str, b: str | None, scale: int) -> tuple[int | None, int | None] | None:
    low = _to_dkk(a, scale)
    if b is None:
        return low, low
    high = _to_dkk(b, scale)
    if (low is None) != (high is None) or (low is not None and low > high):
        return None
    return low, high


def _to_dkk(figure: str, scale: int) -> int | None:
    if re.fullmatch(_BLANK, figure):
        return None
    digits = re.sub(_GROUP, "", figure.removesuffix(",-")).replace(",", ".")
    if len(digits) > _MAX_DIGITS:
        return None  # no budget line is that long: a serial number, not money
    try:
        return int((Decimal(digits) * scale).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation:
        return None


def _extend_left(text: str, start: int, floor: int, core: Amount) -> tuple[int, Amount]:
    for _ in range(4):
        window = text[max(floor, start - 40):start]
        before = _BEFORE.search(window)
        if before is None:
            break
        start -= len(window) - before.start()
        core = _apply_prefix(before, core)
    return start, core


def _apply_prefix(word: re.Match, core: Amount) -> Amount:
    """What a word before the figure says: about, at least, at most, once, in all, yearly."""
    if word["approx"]:
        return replace(core, approximate=True)
    if word["over"]:
        return replace(core, max_dkk=None if core.min_dkk is not None else core.max_dkk)
    if word["under"]:
        return replace(core, min_dkk=None if core.max_dkk is not None else core.min_dkk)
    return _with_basis(core, ONCE if word["once"] else WHOLE_PERIOD if word["total"] else PER_YEAR)


def _extend_right(text: str, end: int, core: Amount) -> tuple[int, Amount]:
    for _ in range(3):
        after = _AFTER.match(text, end)
        if after is None:
            break
        end = after.end()
        core = _with_basis(core, PER_YEAR if after["per_year"] or after["year"] else WHOLE_PERIOD)
    return end, core


def _with_basis(amount: Amount, basis: str) -> Amount:
    """"årligt" wins over a total or a period named with it: the sum is per year."""
    if amount.basis == PER_YEAR or (amount.basis == ONCE and basis == WHOLE_PERIOD):
        return amount
    return replace(amount, basis=basis)


def _read_parts(text: str, end: int) -> tuple[int, tuple[Amount, ...]]:
    """Parts after "heraf"/"hvoraf" or a split after "fordelt med", joined by "og" or ","."""
    opener = _PART_START.match(text, end)
    parts: list[Amount] = []
    pos = opener.end() if opener else None
    while pos is not None:
        read = _read_part(text, pos)
        if read is None:
            break
        end, part = read
        parts.append(part)
        more = _PART_MORE.match(text, end)
        pos = more.end() if more else None
    return end, tuple(parts)


def _read_part(text: str, pos: int) -> tuple[int, Amount] | None:
    """A part: [ca./mindst/...] figure unit [basis] [i/til/fra LABEL]."""
    prefixes = []
    at = pos
    while (word := _PREFIX_AT.match(text, at)) is not None and len(prefixes) < 4:
        prefixes.append(word)
        at = word.end()
    match = _CORE.match(text, at)
    part = _core_amount(match) if match else None
    if part is None:
        return None
    for word in reversed(prefixes):  # the word nearest the figure first, as when reading left
        part = _apply_prefix(word, part)
    end, part = _extend_right(text, match.end(), part)
    label = _LABEL.match(text, end)
    if label is not None:
        end = label.end()
        part = replace(part, label=" ".join(label["label"].split()))
    return end, replace(part, text=text[pos:end])


# --- writing (the forms the sources use; for round trips and for people) -------------------

FORMS = ("mio", "mio_short", "mio_nodot", "mio_capital", "millioner", "tkr", "tkr_compact",
         "kr", "kr_spaced", "kr_prefix", "kr_dash", "dkk", "dkk_prefix")


def write_amount(amount: Amount, form: str = "mio", dash: str = "-") -> str:
    """The amount written in one of the Danish forms in :data:`FORMS`.

    >>> write_amount(Amount(1_800_000, 1_800_000), "mio")
    '1,8 mio. kr.'
    >>> write_amount(Amount(30_000, 30_000), "kr_prefix")
    'Kr. 30.000'
    """
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; one of {', '.join(FORMS)}")
    words = []
    if amount.basis == ONCE:
        words.append("engangstilskud på")
    if amount.approximate:
        words.append("ca.")
    if amount.min_dkk is not None and amount.max_dkk is None:
        words.append("over")
    elif amount.min_dkk is None and amount.max_dkk is not None:
        words.append("op til")
    words.append(_write_figures(amount.min_dkk, amount.max_dkk, form, dash))
    if amount.basis == PER_YEAR:
        words.append("årligt")
    elif amount.basis == WHOLE_PERIOD:
        words.append("i alt")
    text = " ".join(words)
    for number, part in enumerate(amount.parts):
        text += (" heraf " if number == 0 else " og ") + write_amount(
            replace(part, parts=(), label=""), form, dash)
        if part.label:
            text += f" i {part.label}"
    return text


def _write_figures(low: int | None, high: int | None, form: str, dash: str) -> str:
    blank = low is None and high is None
    if blank:
        figures = "xx"
    elif low is None or high is None or low == high:
        figures = _write_number(low if low is not None else high, form)
    else:
        figures = f"{_write_number(low, form)}{dash}{_write_number(high, form)}"
    if blank and form in _PREFIX_FORMS:
        form = _PREFIX_FORMS[form]  # a blank is written "xx Kr.", as the forms do
    return _PATTERNS[form].format(figures)


_PATTERNS = {
    "mio": "{} mio. kr.", "mio_short": "{} mio.", "mio_nodot": "{} mio kr.",
    "mio_capital": "{} mio. Kr.", "millioner": "{} millioner kr.", "tkr": "{} t.kr.",
    "tkr_compact": "{} tkr.", "kr": "{} kr.", "kr_spaced": "{}\u00a0kr.", "kr_prefix": "Kr. {}",
    "kr_dash": "kr. {},-",
    "dkk": "{} DKK", "dkk_prefix": "DKK {}",
}
_PREFIX_FORMS = {"kr_prefix": "kr_capital", "kr_dash": "kr", "dkk_prefix": "dkk"}
_PATTERNS["kr_capital"] = "{} Kr."


def _write_number(dkk: int, form: str) -> str:
    """Danish digits: thousands dots, decimal comma ("1.234,5" in millions)."""
    divisor = (1_000_000 if form.startswith(("mio", "millioner"))
               else 1_000 if form.startswith("tkr") else 1)
    whole, rest = divmod(dkk, divisor)
    grouped = f"{whole:,}".replace(",", "\u00a0" if form == "kr_spaced" else ".")
    decimals = f"{rest:0{len(str(divisor)) - 1}d}".rstrip("0") if divisor > 1 else ""
    return f"{grouped},{decimals}" if decimals else grouped
