"""The layout-free pass and the open world of names, on documents written for these tests (a
made-up town, Nordby), each as .txt and as .docx. Expectations are worked out by hand.
"""

from __future__ import annotations

import pytest

from inklusionsgraf.extract.gazetteer import Gazetteer
from inklusionsgraf.extract.layouts import extract
from inklusionsgraf.extract.output import write_extraction
from inklusionsgraf.extract.structure import with_structure
from inklusionsgraf.tables import check_quotes, read_dataset

GAZETTEER = """kind,id,name,name_type,parent
administration,admin:nbf,Nordby Fritidsforvaltning,name,
administration,admin:nbf,NBF,abbreviation,
funding,funding:nbf-ramme,NBF's ramme,name,
area,area:nordby,Nordby,name,
area,area:kildeparken,Kildeparken,name,area:nordby
"""

# A transcript of a PDF: the whole plan on one line, a table of contents with labels.
PLAN_IN_ONE_LINE = (
    "1 Plan for trivsel i Kildeparken Indhold A. Om planen... 2 B. Indsatsområde 1: Flere unge i"
    " fritidslivet... 3 Aktivitet: Lektiecafé i Kildeparken... 3 Aktivitet: Sommerlejr for"
    " børn Aktivitet: Værksted i Lindevang C. Indsatsområde 2: Ren og tryg by Aktivitet:"
    " Affaldsdag D. Kort over området\n"
)

NEWS = (
    "Nyt fra byen\n"
    "\n"
    "Cykelværkstedet Egen\n"
    "1,5 mio. kr. i årlig drift i 2019-2021 til værksted og kurser.\n"
    "\n"
    "Boldbanen ved skolen\n"
    "0,4 mio. kr. i alt\n"
)

PROSE = (
    "Udvalget har længe arbejdet for målet om lige adgang til idræt for alle børn i 2015 var"
    " ambitiøst. Arbejdet foregår i form af tilskud til klubber (Kildepuljen med 0,8 mill. kr."
    " hvert år), vejledning, besøg i klubberne samt kurser for trænere. Et tilskud på 50.000 kr."
    " nævnes også. Havneudvalget og Park- og Vejforvaltningen deltager sammen med"
    " Boligforeningen Solgården. Husene ligger på Kildeparken og Lindevang. I Europa er det"
    " almindeligt.\n"
)

GOAL_BULLETS = (
    "Mål 1: Bedre sundhed\n"
    "\n"
    "- Gåture for ældre\n"
    "- Madskole på biblioteket\n"
    "\n"
    "Aktivitet: Motion i parken\n"
    "Finansieres inden for NBF's ramme.\n"
)


@pytest.fixture
def gazetteer(tmp_path):
    path = tmp_path / "gazetteer.csv"
    path.write_text(GAZETTEER, encoding="utf-8")
    return Gazetteer.load(path)


def write(tmp_path, name, text):
    """The document as .txt, or as .docx with one paragraph per line."""
    path = tmp_path / name
    if name.endswith(".docx"):
        import docx

        document = docx.Document()
        for line in text.rstrip("\n").split("\n"):
            if "\t" not in line:
                document.add_paragraph(line)
                continue
            cells = line.split("\t")  # a table row: a table of one row keeps its own width
            table = document.add_table(rows=1, cols=len(cells))
            for cell, value in zip(table.rows[0].cells, cells):
                cell.text = value
        document.save(str(path))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(gazetteer, *paths):
    return extract(paths, gazetteer, reference={})


def titles(result, table):
    return [row["title"] for row in result.tables[table]]


def row(result, table, title):
    (found,) = [r for r in result.tables[table] if r["title"] == title]
    return found


both = pytest.mark.parametrize("suffix", [".txt", ".docx"])


@both
def test_a_document_of_no_known_layout_is_read_by_its_labels(tmp_path, gazetteer, suffix):
    result = run(gazetteer, write(tmp_path, "plan" + suffix, PLAN_IN_ONE_LINE))
    assert result.warnings == []
    goals = {r["title"]: r["code"] for r in result.tables["goals"]}
    assert goals == {"Flere unge i fritidslivet": "Indsatsområde 1",
                     "Ren og tryg by": "Indsatsområde 2"}
    # titles end at a leader of dots, the next label, a lettered heading
    assert titles(result, "activities") == ["Lektiecafé i Kildeparken", "Sommerlejr for børn",
                                            "Værksted i Lindevang", "Affaldsdag"]
    supports = {(row(result, "activities", a)["id"], row(result, "goals", g)["id"])
                for a, g in (("Sommerlejr for børn", "Flere unge i fritidslivet"),
                             ("Affaldsdag", "Ren og tryg by"))}
    assert supports <= {(e["source"], e["target"]) for e in result.tables["supports"]}
    # a known place in a title; an unknown one after 'i' is a node marked for review
    located = {e["target"] for e in result.tables["located_in"]}
    assert {"area:kildeparken", "area:lindevang"} <= located
    new = row(result, "areas", "Lindevang")
    assert new["review"].startswith("new name") and new["type"] == "site"
    assert "area:nordby" not in {r["id"] for r in result.tables["areas"]}  # a parent is not stated


@both
def test_a_short_heading_with_an_amount_line_is_an_activity_with_that_cost(tmp_path, gazetteer,
                                                                            suffix):
    result = run(gazetteer, write(tmp_path, "nyt" + suffix, NEWS))
    assert result.warnings == []
    bike = row(result, "activities", "Cykelværkstedet Egen")
    assert (bike["cost_min_dkk"], bike["cost_basis"], bike["start_year"], bike["end_year"]) == (
        1500000, "per_year", 2019, 2021)
    assert row(result, "activities", "Boldbanen ved skolen")["cost_min_dkk"] == 400000
    assert titles(result, "activities") == ["Cykelværkstedet Egen", "Boldbanen ved skolen"]


@both
def test_aims_enumerated_work_its_money_and_names_with_strong_cues(tmp_path, gazetteer, suffix):
    result = run(gazetteer, write(tmp_path, "notat" + suffix, PROSE))
    assert titles(result, "goals") == ["lige adgang til idræt for alle børn"]
    assert titles(result, "activities") == ["tilskud til klubber", "vejledning",
                                            "besøg i klubberne", "kurser for trænere"]
    grant = row(result, "activities", "tilskud til klubber")
    assert (grant["cost_min_dkk"], grant["cost_basis"]) == (800000, "per_year")
    (edge,) = result.tables["funds"]
    assert (edge["source"], edge["target"], edge["min_dkk"]) == (
        "funding:kildepuljen", grant["id"], 800000)
    assert row(result, "funding_sources", "Kildepuljen")["review"]
    levels = {r["title"]: r["level"] for r in result.tables["administrations"]}
    assert levels == {"Havneudvalget": "committee", "Park- og Vejforvaltningen": "administration",
                      "Boligforeningen Solgården": "external"}
    areas = {r["id"] for r in result.tables["areas"]}
    assert areas == {"area:kildeparken", "area:lindevang"}  # not Europe
    # an amount that belongs to nothing is said, not guessed
    assert [w.message for w in result.warnings] == [
        "amount '50.000 kr.' belongs to no activity this pass could find; not written"]


@both
def test_bullets_under_a_goal_support_it_and_a_frame_pays(tmp_path, gazetteer, suffix):
    result = run(gazetteer, write(tmp_path, "mål" + suffix, GOAL_BULLETS))
    goal = row(result, "goals", "Bedre sundhed")
    assert goal["code"] == "Mål 1"
    for title in ("Gåture for ældre", "Madskole på biblioteket", "Motion i parken"):
        activity = row(result, "activities", title)["id"]
        assert (activity, goal["id"]) in {(e["source"], e["target"])
                                          for e in result.tables["supports"]}
    (edge,) = result.tables["funds"]
    assert (edge["source"], edge["target"]) == ("funding:nbf-ramme",
                                                row(result, "activities", "Motion i parken")["id"])


def test_a_table_of_no_known_layout_is_read_by_content_not_column(tmp_path, gazetteer):
    text = ("Oversigt\n"
            "\n"
            "Mål 2: Grønne gårde\t\tPlantning af træer i gården\t0,2 mio. kr. i 2022\n"
            "\tSkraldeværksted for børn\t\t\n")
    result = run(gazetteer, write(tmp_path, "tabel.txt", text))
    assert result.warnings == []
    assert titles(result, "goals") == ["Grønne gårde"]
    trees = row(result, "activities", "Plantning af træer i gården")
    assert (trees["cost_min_dkk"], trees["start_year"]) == (200000, 2022)
    assert "Skraldeværksted for børn" in titles(result, "activities")


def test_nothing_found_is_said_and_only_empty_files_are_skipped(tmp_path, gazetteer):
    result = run(gazetteer, write(tmp_path, "brev.txt", "Kære borger\n\nTak for brevet.\n"))
    assert [(w.line, w.message) for w in result.warnings] == [
        (1, "read, but found no goal, activity, amount or name in it")]
    assert [r["id"] for r in result.tables["documents"]] == ["brev.txt"]


def test_front_matter_of_a_copy_is_no_fact_and_gives_the_title(tmp_path, gazetteer):
    text = "# source: http://example.org/x\n# title: Plan for Kildeparken\n\nAktivitet: Loppemarked\n"
    result = run(gazetteer, write(tmp_path, "kopi.txt", text))
    assert row(result, "documents", "Plan for Kildeparken")["line"] == 2
    assert titles(result, "activities") == ["Loppemarked"]
    assert result.tables["areas"] == []


def test_the_structure_names_the_municipalitys_bodies_and_districts(tmp_path):
    gazetteer, reference = with_structure(Gazetteer.load())
    text = ("Aktivitet: Dialogmøder i Sydhavnen\n"
            "Kultur- og Fritidsudvalget og SUF står bag. Finansieres inden for SUF's ramme.\n")
    result = extract([write(tmp_path, "s.txt", text)], gazetteer, reference)
    levels = {r["id"]: r["level"] for r in result.tables["administrations"]}
    assert levels == {"admin:kfu": "committee", "admin:suf": "administration"}
    assert {r["id"]: r["type"] for r in result.tables["areas"]} == {"area:sydhavnen": "district"}
    assert [(e["source"], e["status"]) for e in result.tables["funds"]] == [
        ("funding:suf-ramme", "secured")]


def test_the_written_tables_validate_and_quotes_stand_on_their_lines(tmp_path, gazetteer):
    docs = tmp_path / "docs"
    docs.mkdir()
    paths = [write(docs, name, text) for name, text in (
        ("plan.txt", PLAN_IN_ONE_LINE), ("nyt.txt", NEWS), ("notat.txt", PROSE),
        ("mål.txt", GOAL_BULLETS))]
    out = tmp_path / "out"
    write_extraction(run(gazetteer, *paths), out)
    dataset = read_dataset(out)
    assert check_quotes(dataset, docs) == []
    candidates = (out / "candidates.csv").read_text(encoding="utf-8")
    assert "notat.txt,1,Kildepuljen,a name that says it is a pool or a fund,funding:kildepuljen" \
        in candidates


PLAN_TABLE = (
    "Handleplan\n"
    "\n"
    "Mål\tHvad er målsætningen?\tHvilke resultatmål?\tHvilke aktiviteter?\tHvad koster det?\t"
    "Hvordan finansieres det?\n"
    "Mål 1 Flere i klubber\tFlere børn i klubber\t100 nye medlemmer\t"
    "Klubdag i Kildeparken. Kursus for trænere.\t"
    "Klubdagen koster 0,3 mio. kr. Kursus for trænere koster 0,2 mio. kr. Dermed 0,5 mio. kr. i alt.\t"
    "Finansieres af NBF's ramme.\n"
    "Mål 2 Mere natur\tGrønnere byrum\tFlere træer\t\t1,1 mio. kr. årligt i 2021-2023\t\n"
)


@both
def test_an_amount_of_a_plan_row_that_no_activity_takes_is_a_warning(tmp_path, gazetteer, suffix):
    result = run(gazetteer, write(tmp_path, "plan" + suffix, PLAN_TABLE))
    # the total of the other amounts is told by them; the goal's row without activities is said
    assert [(w.line, w.message) for w in result.warnings if "amount" in w.message] == [
        (5, "amount '1,1 mio. kr. årligt' in the cost cell goes to no activity (the row names no "
            "activity); not written as a cost")]
    costs = {r["title"]: r["cost_min_dkk"] for r in result.tables["activities"]}
    assert sorted(costs) == ["Klubdag i Kildeparken", "Kursus for trænere"]
    assert sorted(costs.values()) == [200000, 300000]


@both
def test_a_plan_row_with_its_activity_one_cell_to_the_right_is_read_by_content(tmp_path, gazetteer,
                                                                              suffix):
    shifted = PLAN_TABLE.replace(
        "Mål 2 Mere natur\tGrønnere byrum\tFlere træer\t\t1,1 mio. kr. årligt i 2021-2023\t\n",
        "Mål 2 Mere natur\tGrønnere byrum\tFlere træer\t\tPlantning af træer i Kildeparken\t"
        "1,1 mio. kr. årligt i 2021-2023\tFinansieres af NBF's ramme.\n")
    result = run(gazetteer, write(tmp_path, "plan" + suffix, shifted))
    assert [(w.line, w.message) for w in result.warnings if "column" in w.message and "empty" in
            w.message] == [(5, "the activities cell (column 4) is empty; activities read from "
                               "column 5 by their content")]
    trees = row(result, "activities", "Plantning af træer i Kildeparken")
    assert (trees["cost_min_dkk"], trees["cost_basis"]) == (1100000, "per_year")
    assert ("funding:nbf-ramme", trees["id"]) in {(e["source"], e["target"])
                                                  for e in result.tables["funds"]}


@both
def test_a_costed_heading_is_read_in_a_document_a_layout_reader_knows_too(tmp_path, gazetteer,
                                                                         suffix):
    text = NEWS + "\nDesuden:\n\n- Loppemarked\n- Filmaften\n- Fællesspisning\n"
    result = run(gazetteer, write(tmp_path, "nyt" + suffix, text))
    assert result.warnings == []
    bike = row(result, "activities", "Cykelværkstedet Egen")
    assert (bike["cost_min_dkk"], bike["start_year"], bike["end_year"]) == (1500000, 2019, 2021)
    assert {"Loppemarked", "Filmaften", "Fællesspisning"} <= set(titles(result, "activities"))


MARKDOWN_PLAN = (
    "# Plan for Nordby\n"
    "\n"
    "## Mål 1: Flere unge i job\n"
    "\n"
    "- Jobcafé for unge\n"
    "- Mentorer i klubberne\n"
    "- Sommerjob i parkerne\n"
    "\n"
    "## Mål 1: Flere unge i job (fortsat)\n"
    "\n"
    "- Praktik i kommunen\n"
    "\n"
    "## Mål 2: Tryghed i gaderne\n"
    "\n"
    "Aktivitet: Gadefest\n"
    "Budget: 0,4 mio. kr. årligt\n"
)


@both
def test_list_items_under_a_goal_label_support_it_in_a_document_of_lists(tmp_path, gazetteer,
                                                                        suffix):
    result = run(gazetteer, write(tmp_path, "plan" + suffix, MARKDOWN_PLAN))
    goals = {r["title"]: r for r in result.tables["goals"]}
    assert sorted(goals) == ["Flere unge i job", "Tryghed i gaderne"]  # '(fortsat)' is the same
    supports = {(e["source"], e["target"]) for e in result.tables["supports"]}
    for title, goal in (("Jobcafé for unge", "Flere unge i job"), ("Praktik i kommunen",
                                                                   "Flere unge i job"),
                        ("Gadefest", "Tryghed i gaderne")):
        assert (row(result, "activities", title)["id"], goals[goal]["id"]) in supports
    # the field after a labelled activity is about it
    assert row(result, "activities", "Gadefest")["cost_min_dkk"] == 400000


@both
def test_who_is_responsible_and_who_is_partner_come_from_their_cues(tmp_path, gazetteer, suffix):
    text = ("Aktivitet: Sommerskole\n"
            "Ansvarlig: Nordby Fritidsforvaltning. Partnere: Boligforeningen Solgården.\n"
            "Aktivitet: Vinterbad\n"
            "Nordby Fritidsforvaltning holder møder om badet.\n")
    result = run(gazetteer, write(tmp_path, "felter" + suffix, text))
    school = row(result, "activities", "Sommerskole")["id"]
    roles = {(e["source"], e["target"], e["role"]) for e in result.tables["responsible"]}
    # a name without a cue is named, not made responsible
    assert roles == {("admin:nbf", school, "lead")}


@both
def test_a_heading_that_opens_with_its_code_is_a_goal_without_a_colon(tmp_path, gazetteer, suffix):
    text = ("Mål 3 Flere i fritidsjob\n"
            "\n"
            "- Jobbørs for unge\n"
            "\n"
            "## Delmål 4 Færre på kanten\n"
            "\n"
            "- Natcafé\n")
    result = run(gazetteer, write(tmp_path, "koder" + suffix, text))
    goals = {r["title"]: (r["code"], r["level"]) for r in result.tables["goals"]}
    assert goals == {"Flere i fritidsjob": ("Mål 3", "administration_goal"),
                     "Færre på kanten": ("Delmål 4", "sub_goal")}
    supports = {(e["source"], e["target"]) for e in result.tables["supports"]}
    assert (row(result, "activities", "Natcafé")["id"],
            row(result, "goals", "Færre på kanten")["id"]) in supports


def test_a_title_ends_where_a_contents_or_a_barometer_runs_on():
    from inklusionsgraf.extract.cues import labelled

    text = ("Vision - et grønt kvarter Næste afsnit om tal Mål 1: Flere på cykel fremgang * "
            "Måling: 40 % Aktivitet: Lys i Kildeparken Aktivitet: Den Blå Café")
    assert [title for _m, title in labelled(text)] == [
        "et grønt kvarter", "Flere på cykel", "Lys i Kildeparken", "Den Blå Café"]


@both
def test_work_a_sentence_names_in_a_document_of_no_layout(tmp_path, gazetteer, suffix):
    text = ("Byen støtter mange tilbud, blandt andet: Strikkeklub, Brætspilsaften og Madbod.\n"
            "Sidste år startede projekt \"Grøn Gård\" med 0,2 mio. kr.\n")
    result = run(gazetteer, write(tmp_path, "prosa" + suffix, text))
    assert titles(result, "activities") == ["Strikkeklub", "Brætspilsaften", "Madbod", "Grøn Gård"]
    assert row(result, "activities", "Grøn Gård")["cost_min_dkk"] == 200000
    assert result.warnings == []


@both
def test_a_plan_rows_unknown_payer_is_a_new_source_that_funds_the_rows_work(tmp_path, gazetteer,
                                                                             suffix):
    text = PLAN_TABLE.replace("Finansieres af NBF's ramme.", "Finansieres af Sydfonden.")
    result = run(gazetteer, write(tmp_path, "plan" + suffix, text))
    (source,) = [r for r in result.tables["funding_sources"] if r["title"] == "Sydfonden"]
    assert source["review"].startswith("new name")
    funded = {e["target"] for e in result.tables["funds"] if e["source"] == "funding:sydfonden"}
    assert funded == {row(result, "activities", "Klubdag i Kildeparken")["id"],
                      row(result, "activities", "Kursus for trænere")["id"]}


@both
def test_other_words_of_the_genre_open_goals_and_activities(tmp_path, gazetteer, suffix):
    text = "Pejlemærke 1: Flere cykler\nDelprojekt: Cykelskole for voksne\n"
    result = run(gazetteer, write(tmp_path, "pejl" + suffix, text))
    goal = row(result, "goals", "Flere cykler")
    assert goal["code"] == "Pejlemærke 1"
    school = row(result, "activities", "Cykelskole for voksne")
    assert (school["id"], goal["id"]) in {(e["source"], e["target"]) for e in result.tables["supports"]}


def test_examples_of_who_pays_or_where_are_no_work(tmp_path, gazetteer):
    text = ("Projektet får midler fra bl.a. Alfarådet, Beta- og Gammastyrelsen samt tre byer,"
            " bl.a. Holmby, Kærby og Nordby.\n"
            "Klubben har mange tilbud, blandt andet: Skakhold, Malekursus og Nordby.\n")
    result = run(gazetteer, write(tmp_path, "eks.txt", text))
    assert titles(result, "activities") == ["Skakhold", "Malekursus"]


def test_a_known_name_does_not_end_a_labelled_title(gazetteer):
    from inklusionsgraf.extract.cues import labelled

    text = "Mål 5: Et mere trygt Kildeparken for alle Mål 6: En grøn by Næste side"
    assert [t for _m, t in labelled(text, gazetteer)] == ["Et mere trygt Kildeparken for alle",
                                                          "En grøn by"]


@both
def test_money_granted_for_a_purpose_names_the_work(tmp_path, gazetteer, suffix):
    text = ("Byrådet har i år afsat 0,6 mio. kr. til lektiehjælp på biblioteket. Derudover er der"
            " brugt 2 mio. kr. på noget andet.\n")
    result = run(gazetteer, write(tmp_path, "bevilling" + suffix, text))
    help_ = row(result, "activities", "lektiehjælp på biblioteket")
    assert help_["cost_min_dkk"] == 600000
    assert [w.message for w in result.warnings] == [
        "amount '2 mio. kr.' belongs to no activity this pass could find; not written"]
