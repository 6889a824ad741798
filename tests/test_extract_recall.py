"""Extraction rules added to raise activities' recall, each on documents written here (the
made-up municipality Østerby of test_extract_quality, in the seeds' templates; none of the
seeds' content).
"""

from __future__ import annotations

from test_extract_quality import HEADER, gazetteer, run  # noqa: F401 (gazetteer is a fixture)

from inklusionsgraf.extract.assemble import sentences
from inklusionsgraf.extract.layouts import extract

LIST = "- Fodbold om fredagen\n- Strikkeklub for ældre\n- Madklub for familier\n"


def titles(result) -> set[str]:
    return {row["title"] for row in result.tables["activities"]}


def test_an_abbreviation_closing_an_enumeration_can_end_the_sentence():
    assert sentences("Vi følger skoler, klubber m.m. Den årlige måling viser mere.") == [
        "Vi følger skoler, klubber m.m.", "Den årlige måling viser mere."]
    assert sentences("Bænke, lys mv. Endvidere får parken et toilet.") == [
        "Bænke, lys mv.", "Endvidere får parken et toilet."]
    # a name after the closer may go on the sentence; a lower-case word always does
    assert len(sentences("De regler i loven m.m. Byrådet ønsker at ændre.")) == 1
    assert len(sentences("Huse, haver mv. søges solgt.")) == 1


def test_an_amount_can_end_the_sentence():
    assert sentences("Projektet koster 2 mio. kr. Derfor søges midler fra puljen.") == [
        "Projektet koster 2 mio. kr.", "Derfor søges midler fra puljen."]
    # not before a name, a figure or a lower-case word, nor after 'kr.' opening an amount
    assert len(sentences("Der er afsat 400.000 kr. Københavns Kommune betaler.")) == 1
    assert len(sentences("Tilskud på 500 kr. årligt i tre år.")) == 1
    assert len(sentences("Kr. 30.000 Det er beløbet.")) == 1


def test_a_plan_cells_sentence_after_an_enumeration_is_an_activity_of_its_own(tmp_path, gazetteer):
    plan = ("ØSF's handleplan for sundhed 2024\n\n" + HEADER +
            "Mål 1 Sunde børn\tFlere børn dyrker motion.\tFærre overvægtige.\t"
            "Sundhedsplejen følger børnenes vægt, kost, søvn m.m. Den nye måling af "
            "trivslen i klubberne offentliggøres hvert forår.\t-\t-\n")
    result = run(tmp_path, gazetteer, "plan.txt", plan)
    assert titles(result) == {
        "Sundhedsplejen følger børnenes vægt, kost, søvn m.m",
        "Den nye måling af trivslen i klubberne offentliggøres hvert forår"}


def test_work_a_sentence_says_was_made_or_started_is_an_activity(tmp_path, gazetteer):
    report = ("# Notat om Kanalen\n\n## Samarbejde\n\n"
              "Sundhedsforvaltningen har sammen med skolerne udviklet en ny model for "
              "lektiehjælp. Modellen bruges nu i hele byen.\n\n"
              "Byen har derfor i samarbejde med foreningerne igangsat et arbejde for at finde "
              "flere frivillige trænere.\n\n"
              "Vi har haft en god sommer, og mange har brugt parken og stranden.\n\n" + LIST)
    result = run(tmp_path, gazetteer, "notat.txt", report)
    assert titles(result) == {
        "ny model for lektiehjælp", "arbejde for at finde flere frivillige trænere",
        "Fodbold om fredagen", "Strikkeklub for ældre", "Madklub for familier"}


def test_area_work_with_its_place_put_first_is_not_renamed(tmp_path, gazetteer):
    """'I X vil områdeløftet ...' names no activity: its title would have to be written by
    us ('Områdeløftet i X'), and titles stay as the sources write them."""
    report = ("# Notat om Østerby\n\n## Planer\n\n"
              "Byen har søgt om penge til nye projekter i 2026. I Kanalen vil områdeløftet "
              "sætte fokus på stier og lys. I Bakken vil beboerne gerne have flere bænke.\n\n"
              + LIST)
    result = run(tmp_path, gazetteer, "notat.txt", report)
    assert not any(title.startswith("Områdeløftet i") for title in titles(result))


OVERVIEW_ROWS = [
    ["Delmål", "Aktiviteter", "Succeskriterier", "Støtter op om:"],
    ["Flere børn i foreninger", "Sommerskole i Bakken (A3) Lektiecafé for alle (A4). Fodbold om "
     "fredagen.", "Flere medlemmer.", "Mål 3: Flere i fællesskaber"],
]


def test_items_ending_in_a_reference_code_are_activities_of_their_own_txt(tmp_path, gazetteer):
    text = ("Oversigt over mål og aktiviteter\n\nIndsatsområde 1: Fællesskaber\n\n"
            "Mål 3: Flere i fællesskaber\n\n" + "\n".join("\t".join(r) for r in OVERVIEW_ROWS) + "\n")
    result = run(tmp_path, gazetteer, "oversigt.txt", text)
    assert titles(result) == {"Sommerskole i Bakken (A3)", "Lektiecafé for alle (A4)",
                              "Fodbold om fredagen"}


def test_items_ending_in_a_reference_code_are_activities_of_their_own_docx(tmp_path, gazetteer):
    import docx

    from test_extract_layouts import _docx_table

    document = docx.Document()
    for text in ("Oversigt over mål og aktiviteter", "Indsatsområde 1: Fællesskaber",
                 "Mål 3: Flere i fællesskaber"):
        document.add_paragraph(text)
    _docx_table(document, OVERVIEW_ROWS)
    path = tmp_path / "oversigt.docx"
    document.save(path)
    result = extract([path], gazetteer, reference={})
    assert result.warnings == []
    assert titles(result) == {"Sommerskole i Bakken (A3)", "Lektiecafé for alle (A4)",
                              "Fodbold om fredagen"}


PLAN_ROW = ["Mål 1 Unge får en stemme", "Flere unge deltager i byens demokrati.",
            "Målene er: - flere unge stemmer ved valget - oprettelsen af et ungeråd, der mødes "
            "fire gange om året.", "Valgmøder på skolerne.", "Kr. 0", "-"]


def test_a_result_item_that_sets_something_up_names_an_activity_txt(tmp_path, gazetteer):
    plan = "ØSF's handleplan for demokrati 2024\n\n" + HEADER + "\t".join(PLAN_ROW) + "\n"
    result = run(tmp_path, gazetteer, "plan.txt", plan)
    assert titles(result) == {"Valgmøder på skolerne", "oprettelsen af et ungeråd"}
    # it supports the row's goal, as the activities cell's activities do
    council = next(r["id"] for r in result.tables["activities"]
                   if r["title"] == "oprettelsen af et ungeråd")
    assert council in {e["source"] for e in result.tables["supports"]}


def test_a_result_item_that_sets_something_up_names_an_activity_docx(tmp_path, gazetteer):
    import docx

    from test_extract_layouts import _docx_table

    document = docx.Document()
    document.add_paragraph("ØSF's handleplan for demokrati 2024")
    _docx_table(document, [[""] + HEADER.strip("\n").split("\t")[1:], PLAN_ROW])
    path = tmp_path / "plan.docx"
    document.save(path)
    result = extract([path], gazetteer, reference={})
    assert result.warnings == []
    assert titles(result) == {"Valgmøder på skolerne", "oprettelsen af et ungeråd"}


def test_names_listed_after_a_semicolon_or_colon_are_activities_txt(tmp_path, gazetteer):
    plan = ("ØSF's handleplan for sundhed 2024\n\n" + HEADER +
            "Mål 1 Sunde børn\tFlere børn dyrker motion.\tFærre overvægtige.\t"
            "<p>Udbredelse af byens sundhedsplaner; Grøn Skolegård og Sund Frokost.</p> "
            "<p>To nye hold: Svømning og løb for alle.</p>\tKr. 0\t-\n")
    result = run(tmp_path, gazetteer, "plan.txt", plan)
    rows = {r["title"]: r for r in result.tables["activities"]}
    # names (capitalised) are the things; words joined by 'og' are one activity
    assert set(rows) == {"Grøn Skolegård", "Sund Frokost", "Svømning og løb for alle"}
    assert {r["cost_min_dkk"] for r in rows.values()} == {0}


def test_names_listed_after_a_semicolon_or_colon_are_activities_docx(tmp_path, gazetteer):
    import docx

    from test_extract_layouts import _docx_table

    document = docx.Document()
    document.add_paragraph("ØSF's handleplan for sundhed 2024")
    _docx_table(document, [
        [""] + HEADER.strip("\n").split("\t")[1:],
        ["Mål 1 Sunde børn", "Flere børn dyrker motion.", "Færre overvægtige.",
         ["Udbredelse af byens sundhedsplaner: Grøn Skolegård, Sund Frokost og Aktiv Pause.",
          "To nye hold: Svømning og løb for alle."], "Kr. 0", "-"]])
    path = tmp_path / "plan.docx"
    document.save(path)
    result = extract([path], gazetteer, reference={})
    assert result.warnings == []
    assert titles(result) == {"Grøn Skolegård", "Sund Frokost", "Aktiv Pause",
                              "Svømning og løb for alle"}
