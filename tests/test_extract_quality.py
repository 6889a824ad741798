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
