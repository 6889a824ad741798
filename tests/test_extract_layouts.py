"""The extractor on documents written for these tests: a made-up municipality (Vestby) in the
four templates, as .txt and as .docx built here with python-docx. Expectations are worked out
by hand from the documents below.
"""

from __future__ import annotations

import pytest

from inklusionsgraf.extract.gazetteer import Gazetteer
from inklusionsgraf.extract.layouts import extract, family
from inklusionsgraf.extract.output import write_extraction
from inklusionsgraf.extract.sources import read_source
from inklusionsgraf.tables import check_quotes, read_dataset

GAZETTEER = """kind,id,name,name_type,parent
administration,admin:vmf,Vestby Miljøforvaltning,name,
administration,admin:vmf,VMF,abbreviation,
funding,funding:vestfonden,Vestfonden,name,
funding,funding:projekt-lys,Projekt Lys,name,
funding,funding:byraadets-pulje,Byrådets pulje,name,
area,area:vestby,Vestby,name,
area,area:solhaven,Solhaven,name,area:vestby
area,area:nordparken,Nordparken,name,area:vestby
"""

PLAN = (
    "Bilag 1\n"
    "\n"
    "VMF's handleplan for trivsel 2021-2024 (revideret 2022)\n"
    "\n"
    "\tHvad er den langsigtede målsætning?\tHvilke resultatmål skal nås?\tHvilke aktiviteter"
    " sætter vi i gang?\tHvad forventes det at koste?\tHvordan finansieres det?\n"
    "\n"
    "<p>Mål 1 Flere unge i fritidsjob</p>\t<p>Flere unge skal have et fritidsjob.</p>\t"
    "<p>Jobcentret skal nå 200 unge om året i projektet Ung Vestby.</p>\t"
    "<p>Jobformidling for unge i Solhaven.</p> <p>Mentorordning for nyansatte unge.</p>\t"
    "<p>Jobformidlingen koster 1,2 mio. kr. årligt.</p>\t<p>Finansieres via Vestfonden.</p>\n"
    "---\t---\t---\t---\t---\t---\n"
    "<p>Mål 2 Tryghed i parkerne</p>\t<p>Alle skal kunne færdes trygt.</p>\t<p>Færre anmeldelser.</p>\t"
    "<p>Såfremt Projekt Lys gennemføres, sætter vi fra 2023 følgende i gang:</p> "
    "<p>Nattevandringer i Nordparken.</p> <p>Lys på stierne.</p>\t<p>Kr. 0</p>\t<p>-</p>\n"
)
PLAN_LINE = {"mål 1": 7, "mål 2": 9}

OVERVIEW = (
    "Oversigt over mål og aktiviteter\n"
    "\n"
    "Indsatsområde 1: Arbejde til alle\n"
    "\n"
    "Mål 3: Flere i job\n"
    "\n"
    "Delmål\tAktiviteter\tSucceskriterier\tStøtter op om:\n"
    "Vestby skal hjælpe ledige ind på arbejdsmarkedet\tVirksomhedspraktik for ledige fra 2022-2024."
    "\tFlere ledige i praktik.\tMål 3: Flere i job\n"
    "\t\tFlere i ordinære job.\tMål 4: Flere i uddannelse\n"
    "Grønne jobs\tParkpleje med løntilskud\tRene parker\t\"Partnerskaber med lokale foreninger og"
    " virksomheder\"\n"
    "\tSprogkurser for ansatte i løntilskud\tBedre dansk\t\n"
)

STATUS_FORM = (
    "Statusskemaer for trivselsindsatser\n"
    "\n"
    "Lektiecafé i Solhaven\t\n"
    "Økonomi\t250.000 kr.\n"
    "Målgruppe Angiv gerne antal\tSkolebørn i 4.-9. klasse\n"
    "Beskriv aktiviteterne\tLektiehjælp to dage om ugen.\n"
    "Indsatsens mål\tBedre karakterer i dansk og matematik.\n"
    "Hvordan bidrager indsatsen til målene\tMålet er at flere gennemfører en ungdomsuddannelse.\n"
    "\n"
    "Boligsocial indsats\t\n"
    "Økonomi\t\n"
    "Indsatsens mål\tFærre fraflytninger fra boligerne.\n"
    "\n"
    "Nabohjælp\t\n"
    "Indsatsens mål\tNaboer hjælper hinanden. Det handler om, at ingen står alene.\n"
    "\n"
    "Økonomisk oversigt:\n"
    "\n"
    "Indsatser\t2021\t2022\tI alt\n"
    "Lektiecafé i Solhaven\t\t\t250.000 kr.\n"
    "Boligsocial indsats\t\t\tCa. 4 mio. kr. heraf ca. 1 mio. kr. fra Vestfonden\n"
    "Nabohjælp\t0\t0\t0\n"
    "I ALT\t\t\t4,25 mio. kr.\n"
)

AGREEMENT = (
    "# Aftale om området Solhaven\n"
    "\n"
    "## Mål for området\n"
    "\n"
    "Kommunen vil med boligorganisationen:\n"
    "\n"
    "- at halvere ledigheden i området\n"
    "- at øge trygheden for alle beboere\n"
    "\n"
    "### Eksisterende indsatser\n"
    "\n"
    "Fritidsklubben Stjernen\n"
    "\n"
    "Klubben har siden 2019 åbent fire aftener om ugen for unge mellem 13 og 17 år i Solhaven."
    " Den lukker ved udgangen af 2024.\n"
    "\n"
    "Områdeløftet i Nordparken begyndte i 2020, og områdeløfterne i kommunen deler erfaringer.\n"
    "\n"
    "Desuden arbejder kommunen med følgende:\n"
    "\n"
    "- Madskole for familier\n"
    "- Cykelværksted i Nordparken\n"
    "- Lektiehjælp på biblioteket\n"
    "\n"
    "Økonomi\n"
    "\n"
    "- 0,3 mio. kr. årligt i perioden 2021-2024 til madskolen for familierne\n"
    "- 2 mio. kr. til noget helt andet\n"
    "\n"
    "## Hvordan vil indsatsen hjælpe?\n"
    "\n"
    "- Indsatsen skal give flere unge et fritidsjob\n"
    "- Indsatsen skal styrke fællesskabet\n"
    "\n"
    "## Redskaber\n"
    "\n"
    "\tBruges\tBruges ikke\n"
    "Udlejningsregler\t<input checked=\"checked\" type=\"checkbox\"/>\t<input type=\"checkbox\"/>\n"
    "Salg af boliger\t<input type=\"checkbox\"/>\t<input checked=\"checked\" type=\"checkbox\"/>\n"
    "\n"
    "## Vedlagte bilag\n"
    "\n"
    "- Bilag 1: [Titel]\n"
    "- Bilag 2: [Titel]\n"
    "- Bilag 3: [Titel]\n"
)


@pytest.fixture
def gazetteer(tmp_path):
    path = tmp_path / "gazetteer.csv"
    path.write_text(GAZETTEER, encoding="utf-8")
    return Gazetteer.load(path)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(gazetteer, *paths):
    return extract(paths, gazetteer, reference={})


def by_title(rows, title):
    found = [row for row in rows if row["title"] == title]
    assert len(found) == 1, f"{title!r} in {[r['title'] for r in rows]}"
    return {"cost_min_dkk": None, "cost_max_dkk": None, "cost_basis": None, "start_year": None,
            "end_year": None, **found[0]}


def edges(result, table):
    return {(row["source"], row["target"]) for row in result.tables[table]}


# -- the action-plan table --------------------------------------------------------------

def check_plan(result, name, line):
    goals = result.tables["goals"]
    goal = by_title(goals, "Flere unge i fritidsjob")
    assert (goal["code"], goal["level"], goal["line"]) == ("Mål 1", "administration_goal", line["mål 1"])
    assert goal["administration"] == "admin:vmf"
    activities = result.tables["activities"]
    job = by_title(activities, "Jobformidling for unge i Solhaven")
    mentor = by_title(activities, "Mentorordning for nyansatte unge")
    assert (job["cost_min_dkk"], job["cost_max_dkk"], job["cost_basis"]) == (1200000, 1200000, "per_year")
    assert mentor["cost_min_dkk"] is None
    assert {(job["id"], goal["id"]), (mentor["id"], goal["id"])} <= edges(result, "supports")
    assert (job["id"], "area:solhaven") in edges(result, "located_in")
    # the gazetteer's parent is not written as if the document stated it
    assert ("area:solhaven", "area:vestby") not in edges(result, "located_in")
    funds = [row for row in result.tables["funds"] if row["source"] == "funding:vestfonden"]
    assert [(f["target"], f["min_dkk"], f["basis"], f["status"]) for f in funds] == [
        (job["id"], 1200000, "per_year", "secured")]
    # row 2: a stated zero, and activities conditional on Projekt Lys
    night = by_title(activities, "Nattevandringer i Nordparken")
    light = by_title(activities, "Lys på stierne")
    assert (night["cost_min_dkk"], light["cost_max_dkk"]) == (0, 0)
    # the lead-in's period holds for the activities it introduces
    assert (night["start_year"], light["start_year"], job["start_year"]) == (2023, 2023, None)
    assert {(night["id"], "funding:projekt-lys"), (light["id"], "funding:projekt-lys")} == \
        edges(result, "depends_on")
    assert {row["condition"] for row in result.tables["depends_on"]} == {"provided"}
    # a project the results cell names is an activity for the goal too
    young = by_title(activities, "Ung Vestby")
    assert (young["id"], goal["id"]) in edges(result, "supports")
    assert len(activities) == 5
    document = result.tables["documents"][0]
    assert (document["id"], document["kind"], document["year"]) == (name, "handleplan", 2022)


def test_action_plan_txt(tmp_path, gazetteer):
    path = write(tmp_path, "vestby-plan.txt", PLAN)
    result = run(gazetteer, path)
    assert result.warnings == []
    check_plan(result, "vestby-plan.txt", PLAN_LINE)


def test_written_tables_load_and_quotes_stand_on_their_lines(tmp_path, gazetteer):
    docs = tmp_path / "docs"
    docs.mkdir()
    paths = [write(docs, "plan.txt", PLAN), write(docs, "oversigt.txt", OVERVIEW),
             write(docs, "status.txt", STATUS_FORM), write(docs, "aftale.txt", AGREEMENT)]
    result = run(gazetteer, *paths)
    out = tmp_path / "out"
    write_extraction(result, out)
    dataset = read_dataset(out)
    assert check_quotes(dataset, docs) == []
    assert {row["kind"] for row in dataset.rows("documents")} == {
        "handleplan", "statusskema", "initiativaftale"}


# -- the overview table -----------------------------------------------------------------

def check_overview(result):
    goals = result.tables["goals"]
    focus = by_title(goals, "Arbejde til alle")
    policy = by_title(goals, "Flere i job")
    other = by_title(goals, "Flere i uddannelse")
    sub = by_title(goals, "Vestby skal hjælpe ledige ind på arbejdsmarkedet")
    green = by_title(goals, "Grønne jobs")
    dot = by_title(goals, "Partnerskaber med lokale foreninger og virksomheder")
    assert (focus["level"], policy["level"], sub["level"], dot["level"]) == (
        "focus_area", "policy_goal", "sub_goal", "initiative")
    assert (policy["code"], other["code"]) == ("Mål 3", "Mål 4")
    supports = edges(result, "supports")
    # the continuation row (no sub-goal) belongs to the row above: sub supports Mål 4 too
    assert {(policy["id"], focus["id"]), (sub["id"], policy["id"]), (sub["id"], other["id"]),
            (green["id"], dot["id"])} <= supports
    activities = result.tables["activities"]
    practice = by_title(activities, "Virksomhedspraktik for ledige fra 2022-2024")
    assert (practice["start_year"], practice["end_year"]) == (2022, 2024)
    language = by_title(activities, "Sprogkurser for ansatte i løntilskud")
    assert (language["id"], green["id"]) in supports
    assert (practice["id"], sub["id"]) in supports
    assert len(activities) == 3


def test_overview_txt(tmp_path, gazetteer):
    result = run(gazetteer, write(tmp_path, "oversigt.txt", OVERVIEW))
    assert result.warnings == []
    check_overview(result)


# -- the status form --------------------------------------------------------------------

def test_status_form_txt(tmp_path, gazetteer):
    result = run(gazetteer, write(tmp_path, "status.txt", STATUS_FORM))
    assert result.warnings == []
    activities = result.tables["activities"]
    cafe = by_title(activities, "Lektiecafé i Solhaven")
    housing = by_title(activities, "Boligsocial indsats")
    assert (cafe["line"], cafe["cost_min_dkk"]) == (3, 250000)
    assert (housing["cost_min_dkk"], housing["cost_max_dkk"]) == (4000000, 4000000)
    helpers = by_title(activities, "Nabohjælp")
    assert (helpers["cost_min_dkk"], helpers["cost_max_dkk"]) == (0, 0)  # zeros in the money table
    assert len(activities) == 3  # the totals row is not an initiative
    # an aim field of several sentences: its aim clause is the goal
    alone = by_title(result.tables["goals"], "at ingen står alene")
    assert (helpers["id"], alone["id"]) in edges(result, "supports")
    goals = result.tables["goals"]
    marks = by_title(goals, "Bedre karakterer i dansk og matematik")
    aim = by_title(goals, "at flere gennemfører en ungdomsuddannelse")
    fewer = by_title(goals, "Færre fraflytninger fra boligerne")
    supports = edges(result, "supports")
    assert {(cafe["id"], marks["id"]), (cafe["id"], aim["id"]), (housing["id"], fewer["id"])} <= supports
    funds = result.tables["funds"]
    assert [(f["source"], f["target"], f["min_dkk"]) for f in funds] == [
        ("funding:vestfonden", housing["id"], 1000000)]
    assert (cafe["id"], "area:solhaven") in edges(result, "located_in")


# -- agreements and reports -------------------------------------------------------------

def test_agreement_txt(tmp_path, gazetteer):
    result = run(gazetteer, write(tmp_path, "aftale.txt", AGREEMENT))
    assert result.warnings == []
    goals = {row["title"] for row in result.tables["goals"]}
    assert goals == {"at halvere ledigheden i området", "at øge trygheden for alle beboere"}
    activities = {row["title"]: row for row in result.tables["activities"]}
    # a named heading with its paragraph, list items, and the ticked row of the tick-box table;
    # not the answers under a question, not the unticked row, not the template list of annexes
    assert set(activities) == {"Fritidsklubben Stjernen", "Madskole for familier",
                               "Cykelværksted i Nordparken", "Lektiehjælp på biblioteket",
                               "Udlejningsregler", "Områdeløftet i Nordparken"}
    located = edges(result, "located_in")
    # an amount in the economy list goes to the activity of the section it names; the
    # other names none of them and goes nowhere
    school = activities["Madskole for familier"]
    assert (school["cost_min_dkk"], school["cost_basis"], school["start_year"], school["end_year"]) \
        == (300000, "per_year", 2021, 2024)
    assert [row["title"] for row in activities.values() if row.get("cost_min_dkk")] == [
        "Madskole for familier"]
    club = activities["Fritidsklubben Stjernen"]
    assert (club["start_year"], club["end_year"], club["end_kind"]) == (2019, 2024, "ends")
    assert (club["id"], "area:solhaven") in located
    assert (activities["Cykelværksted i Nordparken"]["id"], "area:nordparken") in located
    assert (activities["Områdeløftet i Nordparken"]["id"], "area:nordparken") in located
    assert result.tables["documents"][0]["kind"] == "initiativaftale"


def test_an_unknown_payer_is_a_node_marked_for_review_and_a_candidate(tmp_path, gazetteer):
    text = PLAN.replace("Finansieres via Vestfonden.", "Finansieres via Østfonden.")
    result = run(gazetteer, write(tmp_path, "plan.txt", text))
    assert [c.node for c in result.candidates if c.name == "Østfonden"] == ["funding:ostfonden"]
    (source,) = [r for r in result.tables["funding_sources"] if r["title"] == "Østfonden"]
    assert source["review"] == "new name: a payer after 'finansieres via'"
    assert {r["source"] for r in result.tables["funds"]} == {"funding:ostfonden"}
    out = tmp_path / "out"
    write_extraction(result, out)
    lines = (out / "candidates.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "document,line,name,cue,node"
    assert any(line.startswith("plan.txt,7,Østfonden,") for line in lines)


# -- .docx with real tables -------------------------------------------------------------

def _docx_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            paragraphs = value if isinstance(value, list) else [value]
            cell = table.cell(r, c)
            cell.text = paragraphs[0]
            for extra in paragraphs[1:]:
                cell.add_paragraph(extra)
    return table


def plan_docx(path):
    import docx

    document = docx.Document()
    document.add_paragraph("Bilag 1")
    document.add_paragraph("VMF's handleplan for trivsel 2021-2024 (revideret 2022)")
    _docx_table(document, [
        ["", "Hvad er den langsigtede målsætning?", "Hvilke resultatmål skal nås?",
         "Hvilke aktiviteter sætter vi i gang?", "Hvad forventes det at koste?",
         "Hvordan finansieres det?"],
        ["Mål 1 Flere unge i fritidsjob", "Flere unge skal have et fritidsjob.",
         "Jobcentret skal nå 200 unge om året i projektet Ung Vestby.",
         ["Jobformidling for unge i Solhaven.", "Mentorordning for nyansatte unge."],
         "Jobformidlingen koster 1,2 mio. kr. årligt.", "Finansieres via Vestfonden."],
        ["Mål 2 Tryghed i parkerne", "Alle skal kunne færdes trygt.", "Færre anmeldelser.",
         ["Såfremt Projekt Lys gennemføres, sætter vi fra 2023 følgende i gang:",
          "Nattevandringer i Nordparken.", "Lys på stierne."], "Kr. 0", "-"],
    ])
    document.save(path)
    return path


def test_action_plan_docx(tmp_path, gazetteer):
    path = plan_docx(tmp_path / "vestby-plan.docx")
    source = read_source(path)
    # line N is the N-th paragraph or table row: two paragraphs, then the header row
    assert source.line(3).is_row and source.line(4).text.startswith("Mål 1 Flere unge")
    assert family(source) == ["action_plan", "prose"]
    result = run(gazetteer, path)
    assert result.warnings == []
    check_plan(result, "vestby-plan.docx", {"mål 1": 4, "mål 2": 5})
    # every quote stands on its line of the text the .docx is read as (written beside the tables)
    out = tmp_path / "out"
    write_extraction(result, out)
    lines = (out / "sources" / "vestby-plan.docx.txt").read_text(encoding="utf-8").split("\n")
    dataset = read_dataset(out)
    for table, rows in dataset.tables.items():
        for row in rows:
            assert row["quote"] in lines[row["line"] - 1], (table, row.values)


def test_overview_docx_with_continuation_rows(tmp_path, gazetteer):
    import docx

    document = docx.Document()
    document.add_paragraph("Oversigt over mål og aktiviteter")
    document.add_paragraph("Indsatsområde 1: Arbejde til alle")
    document.add_paragraph("Mål 3: Flere i job")
    _docx_table(document, [
        ["Delmål", "Aktiviteter", "Succeskriterier", "Støtter op om:"],
        ["Vestby skal hjælpe ledige ind på arbejdsmarkedet",
         "Virksomhedspraktik for ledige fra 2022-2024.", "Flere ledige i praktik.", "Mål 3: Flere i job"],
        ["", "", "Flere i ordinære job.", "Mål 4: Flere i uddannelse"],
        ["Grønne jobs", "Parkpleje med løntilskud", "Rene parker",
         "\"Partnerskaber med lokale foreninger og virksomheder\""],
        ["", "Sprogkurser for ansatte i løntilskud", "Bedre dansk", ""],
    ])
    path = tmp_path / "oversigt.docx"
    document.save(path)
    result = run(gazetteer, path)
    assert result.warnings == []
    check_overview(result)


# -- no input makes it fall over ----------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "\t", "\n", "\n\n", "<p>", "</p>", "- ", "1) ", "# ", "## ", ":", ".", ", ", "Mål 2 ", "Delmål",
    "Aktiviteter", "Succeskriterier", "Støtter op om", "Hvad koster det?", "Hvordan finansieres?",
    "Hvilke resultatmål?", "målsætning", "Økonomi", "Indsatsens mål", "I alt", "2021", "2022",
    "1,5 mio. kr.", "xx Kr.", "Kr. 0", "2011-2014", "ultimo 2013", "Vestfonden", "Solhaven",
    "via Østfonden", "Såfremt Projekt Lys gennemføres", "at øge trygheden", "blandt andet: A, B og C",
    "<input checked=\"checked\" type=\"checkbox\"/>", "Fritidsklub", "åbner", " ", "æøå",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, min_size=1, max_size=80))
def test_any_text_gives_warnings_or_valid_tables_never_an_exception(tmp_path, gazetteer, pieces):
    path = tmp_path / "random.txt"
    path.write_text("".join(pieces), encoding="utf-8")
    result = run(gazetteer, path)
    out = tmp_path / "out"
    write_extraction(result, out)  # raises DataError if the tables would not validate
    dataset = read_dataset(out)
    assert check_quotes(dataset, tmp_path) == []
