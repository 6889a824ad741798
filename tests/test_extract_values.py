"""Danish amounts and periods: every form the issue lists, round trips, and no crash on any text.

The example sentences are written for these tests; the forms themselves are the issue's.
"""

from __future__ import annotations

import csv
import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inklusionsgraf.extract.amounts import BASES, FORMS, Amount, find_amounts, parse_amount, write_amount
from inklusionsgraf.extract.periods import FORMS as PERIOD_FORMS
from inklusionsgraf.extract.periods import (
    Period,
    find_periods,
    merge_periods,
    parse_period,
    shape,
    write_period,
)

M = 1_000_000


def figures(amount: Amount | None):
    assert amount is not None
    return amount.min_dkk, amount.max_dkk, amount.basis, amount.approximate


# --- amounts: the forms of the issue, worked out by hand ------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("1,8 mio. kr.", (1_800_000, 1_800_000, "", False)),
    ("600 t.kr.", (600_000, 600_000, "", False)),
    ("Kr. 30.000", (30_000, 30_000, "", False)),
    ("0-70 mio. kr.", (0, 70 * M, "", False)),
    ("0–70 mio. kr.", (0, 70 * M, "", False)),
    ("2,0 mio. kr. årligt", (2 * M, 2 * M, "per_year", False)),
    ("Ca. 282 mio. kr.", (282 * M, 282 * M, "", True)),
    ("xx Kr.", (None, None, "", False)),
    ("Kr. 0", (0, 0, "", False)),
    # the other spellings the lead listed and the sources use
    ("1,8 mio", (1_800_000, 1_800_000, "", False)),
    ("4 millioner kr.", (4 * M, 4 * M, "", False)),
    ("350 tkr.", (350_000, 350_000, "", False)),
    ("75 t. kr.", (75_000, 75_000, "", False)),
    ("12.500 DKK", (12_500, 12_500, "", False)),
    ("DKK 1,25 mio.", (1_250_000, 1_250_000, "", False)),
    ("kr. 40.000,-", (40_000, 40_000, "", False)),
    ("9,3 mio. Kr.", (9_300_000, 9_300_000, "", False)),
    ("14 mio kr.", (14 * M, 14 * M, "", False)),
    ("2 mia. kr.", (2_000 * M, 2_000 * M, "", False)),
    ("1,5-2 mio. kr.", (1_500_000, 2 * M, "", False)),
    ("over 40 mio. kr", (40 * M, None, "", False)),
    ("mindst 20.000 kr.", (20_000, None, "", False)),
    ("op til 3 mio. kr.", (None, 3 * M, "", False)),
    ("Engangstilskud på 2 mio. kr.", (2 * M, 2 * M, "once", False)),
    ("0,4 mio. årligt", (400_000, 400_000, "per_year", False)),
    ("3,75 mio. kr. om året", (3_750_000, 3_750_000, "per_year", False)),
    ("120.000 kr. pr. år", (120_000, 120_000, "per_year", False)),
    ("900 t.kr. i 2015", (900_000, 900_000, "per_year", False)),
    ("i alt 240.000 kr. over tre år", (240_000, 240_000, "whole_period", False)),
    ("312.000 kr. i alt for perioden 2015–2018", (312_000, 312_000, "whole_period", False)),
    ("5 mio. kr. til opstart og drift i en 3-årig periode", (5 * M, 5 * M, "whole_period", False)),
    ("0,3 mio. kr. årligt i perioden 2015-2018", (300_000, 300_000, "per_year", False)),
    ("ca. 41 mio.", (41 * M, 41 * M, "", True)),
    ("Ingen", (0, 0, "", False)),
])
def test_each_written_form_gives_its_figures(text, expected):
    assert figures(parse_amount(text)) == expected
    assert parse_amount(text).text == text


def test_of_which_keeps_the_part_with_its_label():
    amount = parse_amount("Ca. 282 mio. kr. heraf ca. 58 mio. kr. i kommunal medfinansiering")
    assert figures(amount) == (282 * M, 282 * M, "", True)
    (part,) = amount.parts
    assert figures(part) == (58 * M, 58 * M, "", True)
    assert part.label == "kommunal medfinansiering"


def test_a_split_per_year_is_a_part_of_the_total():
    amount = parse_amount("6 mio. kr. i perioden 2015–2017 fordelt med 2 mio. kr. årligt")
    assert figures(amount) == (6 * M, 6 * M, "whole_period", False)
    assert [figures(p) for p in amount.parts] == [(2 * M, 2 * M, "per_year", False)]


def test_a_blank_in_a_form_is_unknown_not_zero():
    blank = parse_amount("xx Kr.")
    assert blank.min_dkk is None and blank.max_dkk is None and not blank.known
    assert parse_amount("Kr. 0").known


@pytest.mark.parametrize("text", ["", "   ", "2011-2014", "Budget", "50 %", "30 personer",
                                  "1,8 mio. kr. og 2 mio. kr.", "ca.", "mio. kr."])
def test_what_is_not_one_amount_gives_none(text):
    assert parse_amount(text) is None


def test_a_column_unit_applies_to_bare_figures():
    assert figures(parse_amount("600", unit="1.000 kr.")) == (600_000, 600_000, "", False)
    assert figures(parse_amount("1,5", unit="mio. kr.")) == (1_500_000, 1_500_000, "", False)
    assert figures(parse_amount("ca. 250", unit="(t.kr.)")) == (250_000, 250_000, "", True)
    assert parse_amount("600", unit="personer") is None
    assert parse_amount("600") is None


def test_amounts_in_running_text():
    text = ("Huset finansieres i 2015 med 2,5 mio. kr. fra fonden samt 300 t.kr. via puljen. "
            "Sag nr. 2015-12345 (BR 01.02.2015) om 40 pladser koster 0–5 mio. kr.")
    found = find_amounts(text)
    assert [text[s:e] for s, e, _ in found] == ["2,5 mio. kr.", "300 t.kr.", "0–5 mio. kr."]
    assert [(a.min_dkk, a.max_dkk) for _, _, a in found] == [(2_500_000, 2_500_000),
                                                             (300_000, 300_000), (0, 5 * M)]


def test_a_period_named_earlier_in_the_sentence_makes_a_total():
    text = ("Udgifterne til 40 pladser i perioden 2015-2017 forventes at udgøre 0-5 mio. kr. "
            "Næste år gives 2 mio. kr.")
    assert [(a.min_dkk, a.max_dkk, a.basis) for _, _, a in find_amounts(text)] == [
        (0, 5 * M, "whole_period"), (2 * M, 2 * M, "")]


def test_every_curated_amount_text_with_a_figure_reads_as_the_curators_read_it(real_data_dir):
    tables = {"funds.csv": ("min_dkk", "max_dkk", "amount_text"),
              "activities.csv": ("cost_min_dkk", "cost_max_dkk", "cost_text")}
    checked = 0
    for name, (low, high, text_column) in tables.items():
        with open(real_data_dir / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row[text_column]
                if not re.search(r"\d", text):
                    continue  # "Ingen", "mindst et tilsvarende beløb": no figure to read
                want = (int(row[low]) if row[low] else None, int(row[high]) if row[high] else None)
                found = find_amounts(text)
                assert found, text
                assert (found[0][2].min_dkk, found[0][2].max_dkk) == want, text
                checked += 1
    assert checked >= 30


def test_table_cells_are_not_joined():
    # a tab ends a cell: "I ALT" in one cell does not make the next cell's figure a total
    ((start, end, amount),) = find_amounts("I ALT\t\t512 mio. kr.")
    assert amount.basis == "" and amount.text == "512 mio. kr."


def test_word_files_no_break_spaces_and_dashes():
    assert figures(parse_amount("30\u00a0000\u00a0kr.")) == (30_000, 30_000, "", False)
    assert figures(parse_amount("1\u202f250\u202f000 kr.")) == (1_250_000, 1_250_000, "", False)
    assert figures(parse_amount("0\u201170 mio.\u00a0kr.")) == (0, 70 * M, "", False)
    assert years(parse_period("2015\u20112018")) == (2015, 2018, "", "", "")
    # an ordinary space is no thousands separator: "i 2010 600 t.kr." is a year and an amount
    assert [a.min_dkk for _, _, a in find_amounts("i 2010 600 t.kr.")] == [600_000]


def test_millions_of_something_else_are_no_money():
    text = "Byen har 1,2 mio. indbyggere, 3 mio besøgende og et budget på 0,8 mio. årligt."
    assert [a.text for _, _, a in find_amounts(text)] == ["0,8 mio. årligt"]


def test_a_decimal_point_is_not_read_as_two_numbers():
    assert find_amounts("1.5 mio. kr.") == []


# --- amounts: round trips and robustness ---------------------------------------------------

dkk = st.integers(min_value=0, max_value=5_000_000_000)
round_millions = st.integers(min_value=0, max_value=99_999).map(lambda n: n * 10_000)
RESERVED = {"alt", "perioden", "hele", "og", "samt", "men", "mens", "der", "som", "hvor",
            "heraf", "hvoraf", "fordelt", "svarende", "en", "over", "til"}
label_word = st.text(alphabet="abcdefghijklmnoprstuvyæøå", min_size=3, max_size=10).filter(
    lambda w: w not in RESERVED)
labels = st.lists(label_word, min_size=1, max_size=3).map(" ".join)


@st.composite
def figure_pairs(draw):
    kind = draw(st.sampled_from(["single", "range", "over", "up_to", "blank"]))
    value = draw(st.one_of(dkk, round_millions))
    if kind == "single":
        return value, value
    if kind == "range":
        other = draw(st.one_of(dkk, round_millions).filter(lambda v: v != value))
        return min(value, other), max(value, other)
    if kind == "over":
        return value, None
    if kind == "up_to":
        return None, value
    return None, None


@st.composite
def amounts(draw, with_parts=True):
    low, high = draw(figure_pairs())
    parts = ()
    if with_parts and draw(st.booleans()):
        parts = tuple(draw(st.lists(part_amounts(), min_size=1, max_size=2)))
    return Amount(low, high, basis=draw(st.sampled_from(BASES)), approximate=draw(st.booleans()),
                  parts=parts)


@st.composite
def part_amounts(draw):
    base = draw(amounts(with_parts=False))
    return Amount(base.min_dkk, base.max_dkk, base.basis, base.approximate,
                  label=draw(st.one_of(st.just(""), labels)))


@settings(max_examples=400)
@given(amounts(), st.sampled_from(FORMS), st.sampled_from(["-", "–", " - ", " til ", "\u2011"]),
       st.booleans())
def test_any_amount_written_in_a_form_parses_back_to_itself(amount, form, dash, capital):
    text = write_amount(amount, form, dash)
    if capital:
        text = text[0].upper() + text[1:]
    assert parse_amount(text) == amount, text


@settings(max_examples=200)
@given(amounts(), st.sampled_from(FORMS))
def test_an_amount_in_a_sentence_is_found_with_its_exact_span(amount, form):
    written = write_amount(amount, form)
    text = f"Indsatsen koster {written}. Beslutningen træffes senere."
    found = find_amounts(text)
    assert [(text[s:e], a) for s, e, a in found] == [(written, amount)]


@settings(max_examples=300)
@given(st.text())
def test_amount_parsers_never_raise(text):
    assert parse_amount(text) is None or isinstance(parse_amount(text), Amount)
    for start, end, amount in find_amounts(text):
        assert 0 <= start < end <= len(text) and amount.text == text[start:end]


@settings(max_examples=200)
@given(st.text(alphabet="0123456789.,- krmiotKDXxå årligtcaheraf\t", max_size=60))
def test_amount_parsers_never_raise_on_near_misses(text):
    parse_amount(text, unit="t.kr.")
    spans = find_amounts(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_unknown_form_is_refused():
    with pytest.raises(ValueError, match="unknown form"):
        write_amount(Amount(1, 1), "pounds")


# --- periods: the forms of the issue, worked out by hand -----------------------------------

def years(period: Period | None):
    assert period is not None
    return (period.start_year, period.end_year, period.start_date, period.end_date, period.end_kind)


@pytest.mark.parametrize("text, expected", [
    ("2011-2014", (2011, 2014, "", "", "")),
    ("fra medio 2010", (2010, None, "", "", "")),
    ("udløber ved udgangen af 2013", (None, 2013, "", "2013-12-31", "ends")),
    ("ultimo 2013", (None, 2013, "", "2013-12-31", "")),
    ("udløber ultimo 2013", (None, 2013, "", "2013-12-31", "ends")),
    ("1. marts 2011 - 31. december 2014", (2011, 2014, "2011-03-01", "2014-12-31", "")),
    # the reduced phase's first year is neither start nor end of the activity (as data/ records it)
    ("fortsætter i mindre skala fra 2013", (None, None, "", "", "reduced")),
    ("fortsætter derfor i mindre skala fra 2019 og frem.", (None, None, "", "", "reduced")),
    # more forms the sources use
    ("2015 – 2018", (2015, 2018, "", "", "")),
    ("i perioden 2016–2019", (2016, 2019, "", "", "")),
    ("(2017-2023)", (2017, 2023, "", "", "")),
    ("2007 - 08", (2007, 2008, "", "", "")),
    ("fra 2015 frem til 2018", (2015, 2018, "", "", "")),
    ("mellem 2014 og 2016", (2014, 2016, "", "", "")),
    ("siden 2012", (2012, None, "", "", "")),
    ("fra efteråret 2016", (2016, None, "", "", "")),
    ("fra 2020 og frem", (2020, None, "", "", "continues")),
    ("frem til 2025", (None, 2025, "", "", "")),
    ("frem mod år 2030", (None, 2030, "", "", "")),
    ("udløber i 2016", (None, 2016, "", "", "ends")),
    ("udløber med udgangen af 2012", (None, 2012, "", "2012-12-31", "ends")),
    ("i 2015", (2015, 2015, "", "", "")),
    ("2015", (2015, 2015, "", "", "")),
    ("01.02.2015 - 30.06.2016", (2015, 2016, "2015-02-01", "2016-06-30", "")),
    ("fra 1. april 2015", (2015, None, "2015-04-01", "", "")),
    ("2014-2016, udløber ved udgangen af 2016", (2014, 2016, "", "2016-12-31", "ends")),
    ("2015/16", (2015, 2016, "", "", "")),
    ("2015/2016", (2015, 2016, "", "", "")),
    ("men i betragtelig mindre omfang", (None, None, "", "", "reduced")),
    ("hvorvidt tilbuddet skal fortsætte efter 2017", (None, 2017, "", "", "unknown")),
    ("uklart om projektet videreføres", (None, None, "", "", "unknown")),
    ("videreføres efter 2018", (None, 2018, "", "", "continues")),
])
def test_each_period_form_gives_its_years(text, expected):
    assert years(parse_period(text)) == expected


@pytest.mark.parametrize("text", ["", "Budget 2015", "2015-0412345", "2010-12-31", "31. februar 2015",
                                  "2016-2014", "2014-2016, udløber i 2018", "en 2-årig periode"])
def test_what_is_not_one_period_gives_none(text):
    assert parse_period(text) is None


def test_periods_in_running_text():
    text = ("Projektet startede i 2014 og kører i perioden 2015–2018 (sag 2015-0412345). "
            "Tilskuddet udløber ultimo 2018; herefter fortsætter projektet i mindre skala.")
    found = [(text[s:e], years(p)) for s, e, p in find_periods(text)]
    assert found == [
        ("startede i 2014", (2014, None, "", "", "")),
        ("i perioden 2015–2018", (2015, 2018, "", "", "")),
        ("udløber ultimo 2018", (None, 2018, "", "2018-12-31", "ends")),
        ("i mindre skala", (None, None, "", "", "reduced")),
    ]


@pytest.mark.parametrize("text, span, expected", [
    ("Kommunen valgte at lukke ordningen pr. 30. juni 2016 af hensyn til budgettet.",
     "lukke ordningen pr. 30. juni 2016", (None, 2016, "", "2016-06-30", "ends")),
    ("Tilbuddet afsluttes som planlagt ultimo 2019.", "afsluttes som planlagt ultimo 2019",
     (None, 2019, "", "2019-12-31", "ends")),
    ("I 2013 blev klubben i Nordby etableret.", "I 2013 blev klubben i Nordby etableret",
     (2013, None, "", "", "")),
    ("Vi etablerede Tryg By Programmet i maj 2015.", "etablerede Tryg By Programmet i maj 2015",
     (2015, None, "", "", "")),
    # a new clause breaks the tie between a verb and a later year
    ("Aftalen udløber, og vi starter i 2014.", "i 2014", (2014, 2014, "", "", "")),
])
def test_a_verb_and_its_time_a_few_words_apart(text, span, expected):
    ((start, end, period),) = find_periods(text)
    assert (text[start:end], years(period)) == (span, expected)


def test_pieces_of_one_account_merge_and_the_most_telling_end_wins():
    text = ("Enheden har siden 2012 deltaget i puljen, der udløber ved udgangen af 2015; arbejdet "
            "fortsætter derefter i mindre omfang.")
    merged = merge_periods([p for _, _, p in find_periods(text)])
    assert years(merged) == (2012, 2015, "", "2015-12-31", "reduced")
    assert merge_periods([Period(2012, 2015), Period(end_year=2016)]) is None


def test_a_date_without_a_cue_and_a_case_number_are_no_periods():
    assert find_periods("Mødet den 7. april 2015 (j.nr. 2015-0412345, BR 01.02.2015).") == []


# --- periods: round trips and robustness ---------------------------------------------------

year = st.integers(min_value=1950, max_value=2099)
day = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2099, 12, 31))


@st.composite
def periods_for(draw, form: str) -> Period:
    kind = PERIOD_FORMS[form][0]
    if kind == "range":  # a span over a hundred years is read as no period
        a = draw(year.filter(lambda y: y < 2099))
        return Period(a, a + draw(st.integers(min_value=1, max_value=min(100, 2099 - a))))
    if kind == "year":
        y = draw(year)
        return Period(y, y)
    if kind == "start":
        return Period(start_year=draw(year))
    if kind == "onwards":
        return Period(start_year=draw(year), end_kind="continues")
    if kind == "end":
        return Period(end_year=draw(year))
    if kind == "expires":
        return Period(end_year=draw(year), end_kind="ends")
    if kind in ("expires_end_of", "end_of"):
        y = draw(year)
        return Period(end_year=y, end_date=f"{y}-12-31", end_kind="ends" if kind == "expires_end_of" else "")
    if kind == "dates":
        a, b = sorted([draw(day), draw(day)])
        return Period(a.year, b.year, a.isoformat(), b.isoformat())
    if kind == "continues":
        return Period(end_year=draw(year), end_kind="continues")
    if kind == "undecided":
        return Period(end_year=draw(year), end_kind="unknown")
    if kind == "open":
        return Period(end_kind="unknown")
    assert kind == "reduced"
    return Period(end_kind="reduced")


@st.composite
def written_periods(draw):
    form = draw(st.sampled_from(sorted(PERIOD_FORMS)))
    period = draw(periods_for(form))
    return form, period


@settings(max_examples=400)
@given(written_periods(), st.booleans())
def test_any_period_written_in_a_form_parses_back_to_itself(form_period, capital):
    form, period = form_period
    assert shape(period) == PERIOD_FORMS[form][0]
    text = write_period(period, form)
    if capital:
        text = text[0].upper() + text[1:]
    assert parse_period(text) == period, text


@settings(max_examples=300)
@given(written_periods())
def test_a_period_in_a_sentence_is_found(form_period):
    form, period = form_period
    if form == "bare":
        return  # a lone year in running text is no period (it may be a budget, a count, ...)
    written = write_period(period, form)
    text = f"Indsatsen gennemføres {written}, og den evalueres løbende."
    assert [p for _, _, p in find_periods(text)] == [period], text


@settings(max_examples=300)
@given(st.text())
def test_period_parsers_never_raise(text):
    assert parse_period(text) is None or isinstance(parse_period(text), Period)
    for start, end, period in find_periods(text):
        assert 0 <= start < end <= len(text) and period.text == text[start:end]


@settings(max_examples=200)
@given(st.text(alphabet="0123456789.-–/ fraitludøbervgnmoskejp", max_size=60))
def test_period_parsers_never_raise_on_near_misses(text):
    parse_period(text)
    spans = find_periods(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_a_form_refuses_a_period_it_cannot_write():
    with pytest.raises(ValueError, match="cannot write"):
        write_period(Period(2015, 2018), "until")


def test_mill_is_million_and_a_yearly_running_cost_is_per_year():
    a = parse_amount("3,4 mill. kr. hvert år")
    assert (a.min_dkk, a.basis) == (3400000, "per_year")
    ((_s, _e, b),) = find_amounts("Værkstedet: 0,7 mio. kr. i årlig drift fra 2020")
    assert (b.min_dkk, b.basis) == (700000, "per_year")
    assert find_amounts("2 mill. borgere") == []
