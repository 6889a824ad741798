"""Extraction rules added to raise the measured quality, each on documents written here (a
made-up municipality, Østerby, in the seeds' templates; none of the seeds' content).
"""

from __future__ import annotations

import pytest

from inklusionsgraf.extract.gazetteer import Gazetteer
from inklusionsgraf.extract.layouts import extract

GAZETTEER = """kind,id,name,name_type,parent
administration,admin:osf,Østerby Sundhedsforvaltning,name,
administration,admin:osf,ØSF,abbreviation,
administration,admin:kulturministeriet,Kulturministeriet,name,
funding,funding:osf-ramme,ØSF's ramme,name,
funding,funding:kulturministeriet,Kulturministeriet (tilskud til kulturhuse),name,
funding,funding:byens-egne-midler,Byens egne midler,name,
funding,funding:fritidspuljen,Fritidspuljen,name,
area,area:osterby,Østerby,name,
area,area:bakken,Bakken,name,area:osterby
area,area:kanalen,Kanalen,name,area:osterby
area,area:strandkvarteret,Strandkvarteret,name,area:bakken|area:kanalen
"""

HEADER = ("\tHvad er målsætningen?\tHvilke resultatmål?\tHvilke aktiviteter iværksættes?"
          "\tHvad koster det?\tHvordan finansieres det?\n")


@pytest.fixture
def gazetteer(tmp_path):
    path = tmp_path / "gazetteer.csv"
    path.write_text(GAZETTEER, encoding="utf-8")
    return Gazetteer.load(path)


def run(tmp_path, gazetteer, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extract([path], gazetteer, reference={})
    assert result.warnings == []
    return result


def funds(result):
    return sorted((row["source"], row["min_dkk"], row["status"]) for row in result.tables["funds"])


def test_an_administration_named_as_payer_stands_for_the_money_it_controls(tmp_path, gazetteer):
    plan = ("ØSF's handleplan for sundhed 2024\n\n" + HEADER +
            "Mål 1 Sunde børn\tFlere børn dyrker motion.\tFærre overvægtige.\t"
            "Motionshold for børn i Bakken.\t200.000 kr.\tDriften søges finansieret i ØSF.\n"
            "Mål 2 Kultur for alle\tFlere bruger kulturhuset.\tFlere besøg.\t"
            "Nyt kulturhus ved Kanalen.\t5 mio. kr.\tDer er ansøgt til Kulturministeriet om tilskud.\n"
            "Mål 3 Trygge gader\tTryghed.\tFærre anmeldelser.\t"
            "Gadeteam i Bakken.\t-\tØSF står for driften af gadeteamet.\n")
    result = run(tmp_path, gazetteer, "plan.txt", plan)
    assert funds(result) == [("funding:kulturministeriet", 5000000, "sought"),
                             ("funding:osf-ramme", 200000, "sought")]
    # the money's node is the funding source; the administration named without a money
    # word before it pays nothing
    assert {row["id"] for row in result.tables["funding_sources"]} == {
        "funding:osf-ramme", "funding:kulturministeriet"}


def test_a_name_without_a_frame_in_the_gazetteer_is_no_payer(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("kind,id,name,name_type,parent\n"
                    "administration,admin:osf,ØSF,abbreviation,\n", encoding="utf-8")
    assert Gazetteer.load(path).money_of("admin:osf") is None


def test_the_cost_cells_amounts_answer_the_financing_sentences_in_order(tmp_path, gazetteer):
    plan = ("ØSF's handleplan for sundhed 2024\n\n" + HEADER +
            "Mål 1 Sunde voksne\tFlere voksne i bevægelse.\tFlere i foreningslivet.\t"
            "Gratis motion for ledige i Kanalen.\t"
            "1,5 mio. kr. om året til instruktører 40.000 kr. til annoncer\t"
            "Instruktørerne betales af Fritidspuljen. Annoncerne finansieres af byens egne midler.\n")
    result = run(tmp_path, gazetteer, "plan.txt", plan)
    assert funds(result) == [("funding:byens-egne-midler", 40000, "secured"),
                             ("funding:fritidspuljen", 1500000, "planned")]
    (activity,) = result.tables["activities"]
    assert activity["cost_min_dkk"] == 1500000


APPLICATION = (
    "# Ansøgning fra Østerby Kommune\n"
    "\n"
    "## Grønne Midler\n"
    "\n"
    "Hvis kommunen ønsker støtte fra puljen, udfyldes felterne nedenfor.\n"
    "\n"
    "## Beskriv kort, hvad pengene skal bruges til:\n"
    "\n"
    "Cykelværksted for unge\n"
    "\n"
    "Cykelværkstedet samler unge og frivillige mekanikere om reparationer hver uge i Bakken.\n"
    "\n"
    "Kommunen søger 400.000 kr. i perioden 2025-2026.\n"
    "\n"
    "## Lys i parken\n"
    "\n"
    "Søger kommunen støtte til belysning (feltet bruges i behandlingen af Lyspuljen):\n"
    "\n"
    "Ansøgte beløb: 80.000 kr. Kommunen betaler resten.\n"
    "\n"
    "### Beskriv kort, hvad pengene skal bruges til:\n"
    "\n"
    "Vi søger om tilskud til opsætning af tolv lamper langs stien ved Kanalen.\n"
    "\n"
    "## Andet\n"
    "\n"
    "Kommunen søger 90.000 kr. men har ikke besluttet til hvad.\n"
    "\n"
    "Til sidst takker vi for samarbejdet i hele byen.\n"
    "\n"
    "- punkt et om noget\n- punkt to om noget\n- punkt tre om noget\n"
)
APPLICATION_GAZETTEER = GAZETTEER + ("funding,funding:gronne-midler,Grønne Midler,name,\n"
                                     "funding,funding:lyspuljen,Lyspuljen,name,\n")


def test_an_application_section_gives_its_amounts_to_the_source_it_applies_to(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(APPLICATION_GAZETTEER, encoding="utf-8")
    result = run(tmp_path, Gazetteer.load(path), "ansogning.txt", APPLICATION)
    activities = {row["title"]: row for row in result.tables["activities"]}
    workshop = activities["Cykelværksted for unge"]
    lamps = activities["opsætning af tolv lamper langs stien ved Kanalen"]
    rows = sorted((r["source"], r["target"], r["min_dkk"], r["status"], r["line"], r.get("start_year"))
                  for r in result.tables["funds"])
    # the heading names the source; the question headings under it are fields of the section;
    # the amount stated before the section names what it asks support for waits for it
    assert rows == [("funding:gronne-midler", workshop["id"], 400000, "sought", 13, 2025),
                    ("funding:lyspuljen", lamps["id"], 80000, "sought", 19, None)]
    # an amount applied for is what the activity costs too, unless the text says someone
    # else pays a share ('Kommunen betaler resten'); the years it covers are the activity's
    assert workshop["cost_min_dkk"] == 400000 and lamps.get("cost_min_dkk") is None
    assert (workshop["start_year"], workshop["end_year"]) == (2025, 2026)
    assert (lamps["id"], "area:kanalen") in {(r["source"], r["target"])
                                             for r in result.tables["located_in"]}
    # a section that names no source and asks support for nothing in particular: no edge
    assert not any(r["min_dkk"] == 90000 for r in result.tables["funds"])


REPORT = (
    "# Afrapportering om Bakken\n"
    "\n"
    "## Indsatser i området\n"
    "\n"
    "Naboskabsprojektet har til formål at skabe bedre kontakt mellem beboerne i Bakken.\n"
    "\n"
    "Vi arbejder for målsætningen om færre unge uden uddannelse i Strandkvarteret, og det "
    "går fremad.\n"
    "\n"
    "Målet er at fordoble antallet af frivillige.\n"
    "\n"
    "Klubben Fyrtårnet har til formål at:\n"
    "\n"
    "- Give unge et sted at være om aftenen\n"
    "- Styrke samarbejdet med skolen\n"
    "\n"
    "Desuden arbejder vi med:\n"
    "\n"
    "- Lektiecafé på biblioteket\n"
    "- Fodbold om fredagen\n"
    "- Strikkeklub for ældre\n"
)


def test_a_purpose_is_no_goal_and_an_aim_can_be_a_thing_to_reach(tmp_path, gazetteer):
    result = run(tmp_path, gazetteer, "rapport.txt", REPORT)
    goals = {row["title"] for row in result.tables["goals"]}
    # what an activity is for ('har til formål at') is not a goal of the document, nor is a
    # list of such purposes a list of activities
    assert goals == {"færre unge uden uddannelse i Strandkvarteret",
                     "at fordoble antallet af frivillige"}
    assert {row["title"] for row in result.tables["activities"]} == {
        "Lektiecafé på biblioteket", "Fodbold om fredagen", "Strikkeklub for ældre"}


def test_the_gazetteers_larger_areas_are_not_written_as_if_the_document_said_so(tmp_path,
                                                                                gazetteer):
    # an area inside two larger areas (the gazetteer says so); the document names only it
    result = run(tmp_path, gazetteer, "rapport.txt", REPORT)
    located = {(r["source"], r["target"]) for r in result.tables["located_in"]}
    assert not {("area:strandkvarteret", "area:bakken"), ("area:strandkvarteret", "area:kanalen"),
                ("area:bakken", "area:osterby")} & located


def test_a_report_that_speaks_of_applying_is_no_application(tmp_path, gazetteer):
    report = ("# Status for Kanalen\n\n## Indsatser\n\n"
              "Hvert år søger vi midler hos Fritidspuljen til nye hold.\n\n"
              "Klubben Ankeret\n\n"
              "Klubben Ankeret holder åbent for unge hver aften og får 30.000 kr. til udflugter.\n\n"
              "- Lektiecafé på biblioteket\n- Fodbold om fredagen\n- Strikkeklub for ældre\n")
    result = run(tmp_path, gazetteer, "status.txt", report)
    club = next(r for r in result.tables["activities"] if r["title"] == "Klubben Ankeret")
    assert club["cost_min_dkk"] == 30000
    assert result.tables["funds"] == []


OVERVIEW = (
    "Oversigt over delmål og aktiviteter\n"
    "\n"
    "Indsatsområde 2: Trygge kvarterer\n"
    "\n"
    "Mål 6: Tryghed for alle\n"
    "\n"
    "Delmål\tAktiviteter\tSucceskriterier\tStøtter op om:\n"
    "Nattevagter i Bakken\tI 2022 blev der ansat fire vagter. Vagterne er på arbejde hver nat."
    " Ordningen har gode resultater.\tFærre anmeldelser.\tMål 6: Tryghed for alle\n"
    "Lys og rydning\tNye lamper på stierne. Rydning af buske. Maling af tunneler.\t"
    "Tryggere stier.\tMål 6: Tryghed for alle\n"
)


def test_an_overview_cell_of_reporting_sentences_is_one_activity(tmp_path, gazetteer):
    result = run(tmp_path, gazetteer, "oversigt.txt", OVERVIEW)
    titles = sorted(row["title"] for row in result.tables["activities"])
    # three short sentences that name things are three activities; three that report
    # ('blev ... ansat', 'er på arbejde') describe one, named by the first
    assert titles == ["I 2022 blev der ansat fire vagter", "Maling af tunneler",
                      "Nye lamper på stierne", "Rydning af buske"]


def test_a_project_named_by_its_kind_with_a_price_is_an_activity_with_that_cost(tmp_path, gazetteer):
    report = ("# Status for Kanalen\n\n## Bygninger\n\n"
              "Klubhuset Ankeret\n\n"
              "Klubhuset Ankeret holder åbent for unge hver aften hele året rundt i Kanalen.\n\n"
              "Klubhuset står på venteliste til et tilbygningsprojekt på 6 mio. kr.\n\n"
              "- Lektiecafé på biblioteket\n- Fodbold om fredagen\n- Strikkeklub for ældre\n")
    result = run(tmp_path, gazetteer, "status.txt", report)
    rows = {r["title"]: r for r in result.tables["activities"]}
    assert (rows["tilbygningsprojekt"]["cost_min_dkk"], rows["tilbygningsprojekt"]["line"]) == (6000000, 9)
    # the price is the project's, not the club's the section is about
    assert rows["Klubhuset Ankeret"].get("cost_min_dkk") is None


def test_an_amount_goes_to_the_activity_named_before_it_not_to_the_examples_after(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(GAZETTEER + "funding,funding:gron-by,Grøn By,name,\n", encoding="utf-8")
    report = ("# Status for Bakken\n\n## Grøn By\n\n"
              "Kommunen startede Grøn By Programmet i 2021. Grøn By Programmet samler mange "
              "indsatser og råder over 12 mio. kr., blandt andet: Plantedage, "
              "Cykelreparation og Affaldsjagt.\n\n"
              "- Lektiecafé på biblioteket\n- Fodbold om fredagen\n- Strikkeklub for ældre\n")
    result = run(tmp_path, Gazetteer.load(path), "status.txt", report)
    rows = {r["title"]: r for r in result.tables["activities"]}
    assert rows["Grøn By Programmet"]["cost_min_dkk"] == 12000000
    assert all(rows[name].get("cost_min_dkk") is None
               for name in ("Plantedage", "Cykelreparation", "Affaldsjagt"))
    # a heading that names a source makes no application without a question applying to it,
    # and the programme's own name is not its payer
    assert result.tables["funds"] == []


def test_periods_go_to_the_activity_a_sentence_names_or_is_about(tmp_path, gazetteer):
    report = ("# Status for Bakken\n\n## Værksteder\n\n"
              "Kommunen startede projektet Cykelhjælpen i marts 2022 for de unge i området.\n\n"
              "Projektet Lygten og projektet Mørket begyndte begge i 2020 på skolen.\n\n"
              "Beboerne har bygget Taghave Projektet oven på skolen sammen med klubben.\n\n"
              "Taghaven løber i perioden 2023-2025\n\n"
              "Skolen har også en fodboldbane, som bruges hver dag hele året rundt af mange.\n\n"
              "- Lektiecafé på biblioteket\n- Fodbold om fredagen\n- Strikkeklub for ældre\n")
    result = run(tmp_path, gazetteer, "status.txt", report)
    rows = {r["title"]: r for r in result.tables["activities"]}
    # the one project a sentence names takes its time; two named together share none of it
    assert rows["Cykelhjælpen"]["start_year"] == 2022
    assert rows["Lygten"].get("start_year") is None and rows["Mørket"].get("start_year") is None
    # a line without its full stop whose subject is an activity of the section gives its period
    assert (rows["Taghave Projektet"]["start_year"], rows["Taghave Projektet"]["end_year"]) == (2023, 2025)
    assert rows["Fodbold om fredagen"].get("start_year") is None


def test_labels_annexes_and_reporting_items_name_no_activities(tmp_path, gazetteer):
    report = ("# Notat om Kanalen\n\n"
              "Indhold\n\n"
              "Forvaltningen har drøftet indholdet af de nye tal med boligselskaberne i Kanalen.\n\n"
              "Det gør vi allerede:\n\n"
              "1. Lektiecafé på biblioteket\n"
              "2. Herunder blev klubben bedt om at lave en plan for sommeren og efteråret\n"
              "3. Kommunen er med i et projekt kaldet Sommerlys, som Fritidspuljen betaler for\n\n"
              "Bilag\n\n"
              "1. Notat om tallene for vækst i Kanalen\n"
              "2. Referat af mødet med boligselskaberne\n")
    result = run(tmp_path, gazetteer, "notat.txt", report)
    rows = {r["title"]: r for r in result.tables["activities"]}
    assert set(rows) == {"Lektiecafé på biblioteket", "Sommerlys"}
    assert [(f["source"], f["target"]) for f in result.tables["funds"]] == [
        ("funding:fritidspuljen", rows["Sommerlys"]["id"])]


def test_a_sentence_saying_what_kind_of_work_something_is_names_it(tmp_path, gazetteer):
    report = ("# Notat om Kanalen\n\n## Det sker i området\n\n"
              "Nattevagten er en frivillig ordning, hvor voksne går rundt om aftenen.\n\n"
              "Sundhedsforvaltningen har en opsøgende sundhedsindsats i Kanalen, hvor en "
              "sygeplejerske træffes to gange om ugen.\n\n"
              "Lektiecafeen\n\n"
              "Lektiecafeen har åbent hver dag efter skole for alle børn i området og byen.\n\n"
              "Skolen har etableret et lektiecafetilbud, som holder åbent om eftermiddagen.\n\n"
              "- Fodbold om fredagen\n- Strikkeklub for ældre\n- Madklub for familier\n")
    result = run(tmp_path, gazetteer, "notat.txt", report)
    rows = {r["title"]: r for r in result.tables["activities"]}
    assert {"Nattevagten", "opsøgende sundhedsindsats"} <= set(rows)
    # work already named (under its heading) is not named again by another form of its name
    assert "lektiecafetilbud" not in rows and "Lektiecafeen" in rows


def test_a_ticked_other_box_is_named_by_the_row_that_asks_what(tmp_path, gazetteer):
    yes, no = '<input checked="checked" type="checkbox"/>', '<input type="checkbox"/>'
    form = ("# Aftale om Bakken\n\n## Redskaber\n\n"
            "\tJa\tNej\n"
            f"Nye legepladser\t{yes}\t{no}\n"
            f"Andet\t{yes}\t{no}\n"
            "Hvis andet, hvad:\tCykelparkering ved stationen i Bakken.\t\n\n"
            "## Flere redskaber\n\n"
            "\tJa\tNej\n"
            f"Nye bænke\t{no}\t{yes}\n"
            f"Andet\t{no}\t{yes}\n"
            "Hvis andet, hvad:\tIkke relevant her.\t\n\n"
            "- Fodbold om fredagen\n- Strikkeklub for ældre\n- Madklub for familier\n")
    result = run(tmp_path, gazetteer, "aftale.txt", form)
    rows = {r["title"]: r for r in result.tables["activities"]}
    assert {"Nye legepladser", "Cykelparkering ved stationen i Bakken"} <= set(rows)
    assert not {"Andet", "Nye bænke", "Ikke relevant her"} & set(rows)
    assert (rows["Cykelparkering ved stationen i Bakken"]["id"], "area:bakken") in {
        (r["source"], r["target"]) for r in result.tables["located_in"]}


def test_joined_items_and_included_parts_are_activities_of_their_own(tmp_path, gazetteer):
    report = ("# Status for Bakken\n\n## Tilbud\n\nI området arbejder vi med følgende:\n\n"
              "- Natklub i Bakken samt længere åbent i ferierne fra Fritidspuljen\n"
              "- Lektiehjælp, madklub samt sport for piger\n"
              "- Strikkeklub for ældre\n")
    result = run(tmp_path, gazetteer, "status.txt", report)
    rows = {r["title"]: r for r in result.tables["activities"]}
    assert {"Natklub i Bakken", "længere åbent i ferierne fra Fritidspuljen",
            "Lektiehjælp, madklub samt sport for piger"} <= set(rows)
    # the source named in one part funds that part
    assert [(f["source"], f["target"]) for f in result.tables["funds"]] == [
        ("funding:fritidspuljen", rows["længere åbent i ferierne fra Fritidspuljen"]["id"])]
    plan = ("ØSF's handleplan for sundhed 2024\n\n" + HEADER +
            "Mål 1 Sunde børn\tFlere børn dyrker motion.\tFærre overvægtige.\t"
            "<p>Fortsat drift af svømmeskolen, herunder gratis hold for nye familier.</p>\t-\t-\n")
    result = run(tmp_path, gazetteer, "plan.txt", plan)
    assert {r["title"] for r in result.tables["activities"]} == {
        "Fortsat drift af svømmeskolen", "gratis hold for nye familier"}


def test_examples_in_running_text_are_activities(tmp_path, gazetteer):
    report = ("# Status for Bakken\n\n## Beboerhuset\n\n"
              "Beboerhuset samler mange hold, eksempelvis strikkecafé, sprogtræning og en "
              "lang række nye hold for de yngste familier i området.\n\n"
              "Der holdes også fester for alle, sommerfesten og julebanko er gode eksempler på det.\n\n"
              "En ny aftale med skolen er pt. under opbygning.\n\n"
              "- Fodbold om fredagen\n- Strikkeklub for ældre\n- Madklub for familier\n")
    result = run(tmp_path, gazetteer, "status.txt", report)
    titles = {r["title"] for r in result.tables["activities"]}
    assert {"strikkecafé", "sprogtræning", "sommerfesten", "julebanko",
            "En ny aftale med skolen"} <= titles
    # the long item after the short ones describes; it is no name
    assert not any(title.startswith("en lang række") for title in titles)


def test_a_name_with_and_without_its_abbreviation_is_one_activity(tmp_path, gazetteer):
    report = ("# Status for Bakken\n\n## Indsatser\n\n"
              "Grøn Gård (GG)\n\n"
              "Grøn Gård samler beboerne om køkkenhaver og planter i gården hver uge om sommeren.\n\n"
              "Beboerne er glade for initiativet Grøn Gård, som fortsætter næste år.\n\n"
              "- Fodbold om fredagen\n- Strikkeklub for ældre\n- Madklub for familier\n")
    result = run(tmp_path, gazetteer, "status.txt", report)
    titles = [r["title"] for r in result.tables["activities"]]
    assert titles.count("Grøn Gård (GG)") == 1 and "Grøn Gård" not in titles


def test_the_offer_an_application_wants_to_use_takes_the_amount_after_it(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(GAZETTEER + "funding,funding:buspuljen,Buspuljen,name,\n", encoding="utf-8")
    form = ("# Ansøgning fra Østerby\n\n## Gratis busser\n\n"
            "Søger kommunen om tilskud fra Buspuljen?\n\n"
            "Kommunen bedes oplyse beløbet:\n\n"
            "Byen ønsker at benytte muligheden for gratis busser, hvis det kan lade sig gøre.\n\n"
            "120.000 kr. i alt for perioden 2025-2026\n\n"
            "## Andet\n\n"
            "Vi håber på et godt samarbejde om busserne og mange glade passagerer.\n\n"
            "- Fodbold om fredagen\n- Strikkeklub for ældre\n- Madklub for familier\n")
    result = run(tmp_path, Gazetteer.load(path), "ansogning.txt", form)
    bus = next(r for r in result.tables["activities"] if r["title"] == "gratis busser")
    assert (bus["cost_min_dkk"], bus["start_year"], bus["end_year"]) == (120000, 2025, 2026)
    assert [(f["source"], f["target"], f["min_dkk"], f["line"]) for f in result.tables["funds"]] \
        == [("funding:buspuljen", bus["id"], 120000, 11)]


def test_work_a_sentence_announces_is_an_activity(tmp_path, gazetteer):
    report = ("# Notat om Kanalen\n\n## Planer\n\n"
              "Forvaltningen vil i foråret udarbejde en plan for nye cykelstier i Kanalen, som "
              "lægges frem for udvalget.\n\n"
              "Vi vil gerne have flere med, men det er svært at finde frivillige nok til det.\n\n"
              "- Fodbold om fredagen\n- Strikkeklub for ældre\n- Madklub for familier\n")
    result = run(tmp_path, gazetteer, "notat.txt", report)
    titles = {r["title"] for r in result.tables["activities"]}
    assert titles == {"plan for nye cykelstier i Kanalen", "Fodbold om fredagen",
                      "Strikkeklub for ældre", "Madklub for familier"}


def test_a_list_under_a_prompt_of_the_form_names_activities(tmp_path, gazetteer):
    form = ("# Ansøgning fra Østerby\n\n## Fritidspuljen\n\n"
            "Søger kommunen støtte fra puljen?\n\n"
            "### Angiv de aktiviteter, der søges støtte til:\n\n"
            "- Lys på stien ved Kanalen\n- Bænke ved legepladsen\n- Nye skraldespande\n\n"
            "### Hvordan hænger aktiviteterne sammen?\n\n"
            "- De gør området tryggere\n- De gør området pænere\n- De samler naboerne\n")
    result = run(tmp_path, gazetteer, "ansogning.txt", form)
    assert {r["title"] for r in result.tables["activities"]} == {
        "Lys på stien ved Kanalen", "Bænke ved legepladsen", "Nye skraldespande"}
