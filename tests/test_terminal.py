"""What a Danish coordinator reads in the terminal: Danish by default, English with --lang en,
goals by their codes, documents by short title, rows that never read alike, the terminal's
width, --admin and --by admin, and input held against the data."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from inklusionsgraf.cli import cli

# Each query command, a word its Danish table shows and the same word in English.
SPOKEN = [
    (["stats"], "knuder", "nodes"),
    (["gaps", "unfunded"], "uden sikret finansiering", "unfunded"),
    (["gaps", "orphans"], "uden aktivitet", "orphans"),
    (["gaps", "unlinked"], "uden mål", "unlinked"),
    (["impact", "Etnisk Erhvervsfremme", "--year", "2013"], "fortsætter reduceret", "continues reduced"),
    (["expiring", "--year", "2013"], "ophører", "ends"),
    (["active", "--year", "2012"], "antal", "count"),
    (["area", "Mjølnerparken"], "(ingen angivet)", "(none recorded)"),
    (["admin", "TMF"], "enheder", "units"),
    (["deps"], "leverer arbejde til mål hos", "does work for goals of"),
    (["show", "funding:etnisk-erhvervsfremme"], "finansierer", "funds"),
    (["lineage", "goal:okf-2010-1a"], "trin", "steps"),
    (["changes", "--from", "2010", "--to", "2013"], "udgået", "dropped"),
    (["names", "--kind", "administration"], "forkortelse", "abbreviation"),
]
QUERIES = [args for args, _, _ in SPOKEN]


def run(data_dir, *args, env=None):
    result = CliRunner().invoke(cli, ["--data", str(data_dir), *args], env=env or {})
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("args, danish, english", SPOKEN, ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_every_query_speaks_danish_by_default_and_english_when_asked(real_data_dir, args, danish, english):
    da = run(real_data_dir, *args).stdout
    en = run(real_data_dir, *args, "--lang", "en").stdout
    assert danish in da and danish not in en
    assert english in en
    assert run(real_data_dir, *args, env={"INKLUSIONSGRAF_LANG": "en"}).stdout == en
    assert run(real_data_dir, "--lang", "en", *args).stdout == en


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_json_and_csv_keep_their_english_keys_in_either_language(real_data_dir, args):
    for fmt in ("json", "csv"):
        assert run(real_data_dir, *args, "--format", fmt).stdout == \
            run(real_data_dir, *args, "--format", fmt, "--lang", "en").stdout
    answer = json.loads(run(real_data_dir, *args, "--format", "json").stdout)
    assert all(list(row) == answer["columns"] for row in answer["rows"])


def test_levels_reasons_and_money_are_in_danish(real_data_dir):
    out = run(real_data_dir, "gaps", "unfunded").stdout
    assert "forvaltningsmål" in out and "intet registreret" in out and "kr. hele perioden" in out
    for english in ("administration_goal", "nothing recorded", "kr whole period", "(no rows)", "why:"):
        assert english not in out
    assert "(ingen rækker)" in run(real_data_dir, "expiring", "--year", "2007").stdout


def test_goals_show_their_codes_and_documents_their_short_titles(real_data_dir):
    documents = {row["id"]: row["short_title"] for row in _table(real_data_dir, "documents")}
    codes = [row["code"] for row in _table(real_data_dir, "goals") if row["code"]]
    out = run(real_data_dir, "gaps", "unfunded", env={"COLUMNS": "160"}).stdout
    assert "Mål 1b: København skal benytte social iværksætteri" in out
    assert any(f"{code}: " in out for code in codes)
    for file, short in documents.items():
        assert file not in out
    assert documents["000_841cc326fe1f6bfd.txt"] in out


def _table(data_dir, name):
    with open(data_dir / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def visible_titles(out: str) -> list[tuple[str, str]]:
    """(visible title, id) of each row of a table as printed: aligned columns (the Titel or
    Title column and the Id column) or records (the head line(s), and 'id: ...' beneath)."""
    body = out.split("\n\n", 1)[1] if "\n\n" in out else out
    lines = [line for line in body.splitlines() if line and not line.startswith(("(", "=="))]
    if len(lines) > 1 and set(lines[1]) <= {"-", " "}:
        spans = [m.span() for m in re.finditer(r"-+", lines[1])]
        names = [lines[0][a:b].strip() for a, b in spans[:-1]] + [lines[0][spans[-1][0]:].strip()]
        cut = [(a, spans[i + 1][0] if i + 1 < len(spans) else None) for i, (a, _) in enumerate(spans)]
        title = next(i for i, n in enumerate(names) if n in ("Titel", "Title"))
        ident = names.index("Id")
        return [(row[slice(*cut[title])].strip(), row[slice(*cut[ident])].strip())
                for row in lines[2:] if not set(row) <= {"-", " "} and not row.startswith(names[0])]
    rows, head, details = [], None, []
    for line in lines + ["END"]:
        if line.startswith("    "):
            details.append(line.strip())
        elif line.startswith("  ") and not details:
            head += " " + line.strip()
        else:
            if head is not None:
                found = re.search(r"\bid: (\S+)$", " ".join(details))
                rows.append((head, found.group(1) if found else head))
            head, details = line, []
    return rows


TITLED = [args for args in QUERIES if args[0] not in ("stats", "deps", "changes", "show")]
TITLED += [["impact", "EE", "--year", "2013"], ["show", "funding:etnisk-erhvervsfremme"],
           ["gaps", "unfunded", "--year", "2013"], ["admin", "BIF"], ["area", "Tingbjerg"]]


@pytest.mark.parametrize("columns", ["80", "160"])
@pytest.mark.parametrize("args", TITLED, ids=" ".join)
def test_no_two_rows_of_different_things_read_alike(real_data_dir, args, columns):
    out = run(real_data_dir, *args, env={"COLUMNS": columns}).stdout
    titles = visible_titles(out)
    assert titles, out
    things: dict[str, set[str]] = {}
    for title, node in titles:
        things.setdefault(title, set()).add(node)
    alike = {title: nodes for title, nodes in things.items() if len(nodes) > 1}
    assert not alike, alike


def test_titles_that_start_alike_are_cut_where_they_differ(real_data_dir):
    """The EE impact's two goals beginning 'København skal fremme etable…' no longer read alike."""
    out = run(real_data_dir, "lineage", "goal:okf-2010-1a").stdout
    heads = [title for title, _ in visible_titles(out)]
    assert len(heads) == 2 and heads[0] != heads[1]
    assert all(h.startswith("Mål 1a: København skal fremme") or h.startswith("København skal fremme") for h in heads)


def test_the_table_uses_the_terminals_width_and_wraps_the_summary(real_data_dir):
    narrow = run(real_data_dir, "gaps", "unfunded", env={"COLUMNS": "80"}).stdout
    wide = run(real_data_dir, "gaps", "unfunded", env={"COLUMNS": "160"}).stdout
    assert max(map(len, narrow.splitlines())) <= 80
    assert 80 < max(map(len, wide.splitlines())) <= 160
    summary = narrow.split("\n\n", 1)[0]
    assert "…" not in summary
    reasons = json.loads(run(real_data_dir, "gaps", "unfunded", "--format", "json").stdout)["summary"]["by_reason"]
    assert f": {list(reasons.values())[-1]}" in summary.replace("\n    ", " ")  # the last reason is there


# --- --admin and --by admin ------------------------------------------------------------------

@pytest.mark.parametrize("args, real, admin, title", [
    (["gaps", "unfunded"], True, "TMF", "Teknik- og Miljøforvaltningen"),
    (["gaps", "orphans"], False, "BF", "Betaforvaltningen"),  # the bundled data's orphans name no administration
    (["gaps", "unlinked"], True, "BIF", "Beskæftigelses- og Integrationsforvaltningen"),
], ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_admin_keeps_that_administrations_rows(real_data_dir, tiny_dir, args, real, admin, title):
    data = real_data_dir if real else tiny_dir
    every = json.loads(run(data, *args, "--format", "json").stdout)["rows"]
    kept = json.loads(run(data, *args, "--admin", title, "--format", "json").stdout)
    mine = [r for r in every if admin in r["administration"].split(", ")]
    assert kept["rows"] == mine and 0 < len(mine) < len(every)
    assert kept["summary"]["administration"] == admin
    table = run(data, *args, "--admin", admin).stdout
    assert all(other not in table for other in {r["id"] for r in every} - {r["id"] for r in mine})


def test_deps_admin_keeps_the_edges_with_it_on_either_side(real_data_dir):
    every = json.loads(run(real_data_dir, "deps", "--format", "json").stdout)["rows"]
    tmf = json.loads(run(real_data_dir, "deps", "--admin", "TMF", "--format", "json").stdout)
    assert tmf["rows"] == [r for r in every if "TMF" in (r["from_admin"], r["to_admin"])]
    assert tmf["summary"]["edges"] == len(tmf["rows"]) > 0
    assert {r["relation"] for r in tmf["rows"]} >= {"serves", "funds", "partners", "houses", "depends_on"}


@pytest.mark.parametrize("args", [["gaps", "unfunded"], ["gaps", "orphans"], ["gaps", "unlinked"], ["deps"]],
                         ids=" ".join)
def test_an_unknown_administration_is_exit_2_with_candidates(real_data_dir, args):
    result = CliRunner().invoke(cli, ["--data", str(real_data_dir), *args, "--admin", "TMX"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "fejl: ingen forvaltning hedder 'TMX'" in result.stderr
    assert "admin:tmf" in result.stderr and "Traceback" not in result.output


def test_by_admin_gives_a_heading_per_administration_with_none_recorded_last(real_data_dir):
    out = run(real_data_dir, "gaps", "unfunded", "--by", "admin").stdout
    headings = [line for line in out.splitlines() if line.startswith("== ")]
    assert headings[-1].startswith("== (ingen angivet)")
    assert any(h.startswith("== TMF · Teknik- og Miljøforvaltningen (") for h in headings)
    names = [h[3:].split(" ")[0] for h in headings[:-1]]
    assert names == sorted(names, key=str.casefold)
    english = run(real_data_dir, "gaps", "unfunded", "--by", "admin", "--lang", "en").stdout
    assert "== (none recorded)" in english


def test_deps_says_who_provides_to_whom_and_shows_depends_on(real_data_dir):
    out = run(real_data_dir, "deps", "--admin", "TMF", env={"COLUMNS": "160"}).stdout
    assert "P-vagter som sikkerhedsambassadører" in out and "Sikker By Programmet" in out
    assert "samarbejder med" in out
    partner = json.loads(run(real_data_dir, "deps", "--format", "json").stdout)["rows"]
    row = next(r for r in partner if r["relation"] == "partners" and r["to_admin"] == "BIF")
    assert f"BIF  er partner i arbejde hos  {row['from_admin']}" in run(real_data_dir, "deps").stdout
    assert "is partner in work of" in run(real_data_dir, "deps", "--lang", "en").stdout


# --- input held against the data ------------------------------------------------------------

def _data_years(data_dir) -> tuple[int, int]:
    years = [int(r["year"]) for r in _table(data_dir, "documents") if r["year"]]
    for name in ("goals", "activities", "funding_sources"):
        years += [int(r[c]) for r in _table(data_dir, name) for c in ("start_year", "end_year") if r.get(c)]
    return min(years), max(years)


def test_a_year_outside_the_data_warns_with_the_range_and_still_answers(real_data_dir):
    first, last = _data_years(real_data_dir)
    result = run(real_data_dir, "gaps", "unfunded", "--year", str(first - 10))
    assert f"advarsel: data dækker {first}–{last}" in result.stderr
    assert result.stdout.startswith("år: ")
    english = run(real_data_dir, "expiring", "--year", str(last + 5), "--lang", "en")
    assert f"warning: the data covers {first}–{last}" in english.stderr
    assert run(real_data_dir, "gaps", "unfunded", "--year", "2013").stderr == ""


def test_a_name_of_another_kind_suggests_the_command(real_data_dir):
    wrong = CliRunner().invoke(cli, ["--data", str(real_data_dir), "impact", "Mjølnerparken"])
    assert wrong.exit_code == 2
    assert "Mjølnerparken er et område; prøv: inklusionsgraf area Mjølnerparken" in wrong.stderr
    run(real_data_dir, "area", "Mjølnerparken")  # the suggestion works
    english = CliRunner().invoke(cli, ["--data", str(real_data_dir), "area", "Sikker By", "--lang", "en"])
    assert english.exit_code == 2
    assert "no area is called 'Sikker By'" in english.stderr
    assert "Sikker By is a funding source; try: inklusionsgraf impact 'Sikker By'" in english.stderr


@pytest.mark.parametrize("committee, administration", [("TMU", "TMF"), ("BIU", "BIF"), ("ØU", "ØKF")])
def test_a_committee_named_as_administration_hints_at_its_administration(real_data_dir, committee, administration):
    result = run(real_data_dir, "admin", committee)
    assert f"{committee} er et udvalg" in result.stderr
    assert f"prøv: inklusionsgraf admin {administration}" in result.stderr
    assert run(real_data_dir, "admin", administration).stderr == ""


def test_names_lists_what_can_be_asked_for(real_data_dir):
    admins = json.loads(run(real_data_dir, "names", "--kind", "administration", "--format", "json").stdout)
    assert {r["kind"] for r in admins["rows"]} == {"administration"}
    assert len(admins["rows"]) == len(_table(real_data_dir, "administrations"))
    tmf = next(r for r in admins["rows"] if r["id"] == "admin:tmf")
    assert tmf["abbreviation"] == "TMF" and tmf["title"] == "Teknik- og Miljøforvaltningen"
    goals = run(real_data_dir, "names", "--kind", "goal", env={"COLUMNS": "160"}).stdout
    assert "Mål 1a: " in goals and "Indsatsområde 2: " in goals
    rows = list(csv.DictReader(run(real_data_dir, "names", "--kind", "area", "--format", "csv").stdout.splitlines()))
    assert {r["kind"] for r in rows} == {"area"} and any(r["title"] == "Mjølnerparken" for r in rows)


def test_the_readmes_terminal_captures_are_the_real_output():
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    text = (repo / "README.md").read_text(encoding="utf-8")
    for task in ("gaps unfunded --by admin", "impact 'Etnisk Erhvervsfremme' --year 2013",
                 "area Mjølnerparken", "deps --admin TMF"):
        for width in (80, 160):
            assert f"$ COLUMNS={width} inklusionsgraf {task}\n" in text, (task, width)
    check = subprocess.run([sys.executable, str(repo / "scripts" / "terminal_captures.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
