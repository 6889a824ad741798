"""Reports read back from the files they write, compared with the gap queries' results."""

from __future__ import annotations

import csv
import io
import os
import re
import resource
import signal
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from conftest import write_dataset
from pages import FORMULA, IMG, SCRIPT, hostile_tables

from inklusionsgraf import load_graph, queries
from inklusionsgraf.cli import cli
from inklusionsgraf.reports import build_report, write_report

QUERY = {"orphans": queries.orphan_goals, "unfunded": queries.unfunded_goals}


def run(data_dir, *args):
    return CliRunner().invoke(cli, ["--data", str(data_dir), *args])


@pytest.mark.parametrize("which", ["orphans", "unfunded"])
def test_entries_are_the_query_rows(real_graph, which):
    report = build_report(real_graph, which)
    rows = QUERY[which](real_graph).rows
    assert [e.id for e in report.entries] == [r["id"] for r in rows]
    assert [(e.document, e.line) for e in report.entries] == [(r["document"], r["line"]) for r in rows]
    assert sum(n for _, n in report.by_administration) >= len(rows) == len(report.entries)


def test_the_tiny_policy_by_hand(tiny_graph):
    report = build_report(tiny_graph, "unfunded")
    assert [e.id for e in report.entries] == ["goal:pol-2", "goal:pol-3", "goal:sub-b", "goal:sub-c"]
    assert dict(report.by_administration) == {"BF": 2, "(ingen angivet)": 2}
    assert dict(report.by_policy_goal) == {"Mål 2: Et trygt København": 3, "Mål 3: Flere foreninger": 1}
    sub_b = report.entries[2]
    assert sub_b.why == "ingen sikret finansiering under målet: kun søgt; udgift angivet som 0 kr."
    assert [a.id for a in sub_b.activities] == ["activity:w", "activity:z"]
    money = sub_b.activities[1].funding[0]
    assert (money.source_title, money.status, money.min_dkk, money.basis) == ("Puljen", "sought", 500000, "once")
    assert sub_b.funding_known == "søgt: 500.000 kr. engangsbeløb"
    english = build_report(tiny_graph, "orphans", lang="en")
    assert english.heading == "Goals without activities"
    assert [e.why for e in english.entries] == ["no activity under the goal, directly or through sub-goals"] * 2


class Page(HTMLParser):
    """What a reader of the HTML report sees: headings, sections, table cells, tags used."""

    def __init__(self):
        super().__init__()
        self.tags, self.sections, self.h3, self.cells = [], [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append(attrs["id"])
        if tag in ("h3", "td"):
            self._in = tag
            (self.h3 if tag == "h3" else self.cells).append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            target = self.h3 if self._in == "h3" else self.cells
            target[-1] += data


def test_html_report_reads_back_and_is_self_contained(tiny_graph, tmp_path):
    path = write_report(build_report(tiny_graph, "orphans"), tmp_path / "orphans.html")
    text = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    assert page.sections == [r["id"] for r in queries.orphan_goals(tiny_graph).rows]
    assert "Flere foreninger" in page.h3 and "Nye klubber" in page.h3
    assert page.cells[:2] == ["BF", "1"] or page.cells[:2] == ["(ingen angivet)", "1"]
    assert not {"script", "link", "img", "iframe"} & set(page.tags)
    assert not re.search(r"(src|href)\s*=", text) and "@media print" in text


def test_markdown_report_reads_back(real_graph, tmp_path):
    path = write_report(build_report(real_graph, "unfunded"), tmp_path / "unfunded.md")
    text = path.read_text(encoding="utf-8")
    rows = queries.unfunded_goals(real_graph).rows
    entries = text[text.index("## Målene"):]
    titles = [re.sub(r"\\(.)", r"\1", line[4:]) for line in entries.splitlines() if line.startswith("### ")]
    assert titles == [" ".join(r["title"].split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                      for r in rows]
    assert text.startswith("# Mål uden sikret finansiering\n") and f"I alt: {len(rows)} af " in text
    table = text[text.index("### Antal pr. forvaltning"):text.index("### Antal pr. politikmål")]
    counted = {m[0]: int(m[1]) for m in re.findall(r"^\| (.+?) \| (\d+) \|$", table, re.M)}
    assert counted == dict(build_report(real_graph, "unfunded").by_administration)


def test_csv_report_is_one_row_per_goal(real_graph, tmp_path):
    path = write_report(build_report(real_graph, "unfunded", lang="en"), tmp_path / "unfunded.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    expected = queries.unfunded_goals(real_graph).rows
    assert [r["Id"] for r in rows] == [r["id"] for r in expected]
    assert [int(r["Line"]) for r in rows] == [r["line"] for r in expected]
    assert [int(r["Activities under the goal"]) for r in rows] == [r["activities"] for r in expected]
    assert all(r["Why listed"].startswith("no secured funding under the goal: ") for r in rows)


def test_xlsx_report_has_a_sheet_per_section_and_real_types(tiny_graph, tmp_path):
    from openpyxl import load_workbook

    path = write_report(build_report(tiny_graph, "unfunded"), tmp_path / "unfunded.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Antal pr. forvaltning", "Antal pr. politikmål", "Mål", "Aktiviteter og finansiering"]
    by_admin = [[c.value for c in row] for row in book["Antal pr. forvaltning"].iter_rows()]
    assert by_admin[0] == ["Forvaltning", "Antal"] and sorted(by_admin[1:]) == [["(ingen angivet)", 2], ["BF", 2]]
    goals = list(book["Mål"].iter_rows(values_only=True))
    header = goals[0]
    assert [g[0] for g in goals[1:]] == [r["id"] for r in queries.unfunded_goals(tiny_graph).rows]
    assert all(isinstance(g[header.index("Linje")], int) for g in goals[1:])
    money = list(book["Aktiviteter og finansiering"].iter_rows(values_only=True))
    z = next(r for r in money if r[2] == "Gadeplansarbejde")
    assert z[4:6] == (2011, 2014) and z[6:10] == ("Puljen", "søgt", 500000, 500000)
    assert book["Mål"].column_dimensions["B"].width > 10


def test_document_text_stays_text_in_every_format(tmp_path):
    graph = load_graph(write_dataset(tmp_path / "hostile", hostile_tables()))
    report = build_report(graph, "orphans")
    html = write_report(report, tmp_path / "r.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    assert IMG in page.h3 and not {"img", "script", "svg"} & set(page.tags)
    md = write_report(report, tmp_path / "r.md").read_text(encoding="utf-8")
    assert "<img" not in md and "<script" not in md and "&lt;img src=x onerror=window.\\_\\_pwned=1&gt;" in md
    from openpyxl import load_workbook

    sheet = load_workbook(write_report(report, tmp_path / "r.xlsx"))["Mål"]
    cell = next(c for c in sheet["B"] if c.value == FORMULA)
    assert cell.data_type == "s"  # shown as the text it is, never run as a formula
    assert SCRIPT in {c.value for c in sheet["O"]}


def test_cli_report_writes_each_format(tiny_dir, tmp_path):
    tmp_path = tmp_path / "out"
    for suffix in (".md", ".html", ".csv", ".xlsx"):
        out = tmp_path / f"unfunded{suffix}"
        result = run(tiny_dir, "report", "unfunded", "-o", str(out), "--lang", "en")
        assert result.exit_code == 0, result.output
        note = f"note: created the folder {tmp_path}\n" if suffix == ".md" else ""
        assert result.stderr == f"{note}wrote {out}: 4 goals\n" and out.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "unfunded.csv", "unfunded.html", "unfunded.md", "unfunded.xlsx"]


def test_cli_report_in_english(tiny_dir, tmp_path):
    out = tmp_path / "orphans.md"
    assert run(tiny_dir, "report", "orphans", "-o", str(out), "--lang", "en").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Goals without activities\n")


def test_unknown_extension_is_a_clear_error(tiny_dir, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "orphans.pdf"
    result = run(tiny_dir, "report", "orphans", "-o", str(out))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "cannot tell the report format from 'orphans.pdf'; end the file name in .md, .html, .csv, .xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_existing_report_is_replaced_whole(tiny_dir, tmp_path):
    out = tmp_path / "orphans.md"
    out.write_text("x" * 100_000, encoding="utf-8")
    assert run(tiny_dir, "report", "orphans", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Mål uden aktiviteter\n") and len(out.read_bytes()) < 100_000


@pytest.mark.parametrize("suffix, message", [
    (".html", "error: cannot write {out}: File too large; nothing was changed"),
    (".md", "error: cannot write {out}: File too large; nothing was changed"),
    # openpyxl writes each sheet to a temporary file of its own, and that fails first; the
    # reason reads IO_EFBIG where lxml is installed, "[Errno 27] File too large" where not
    (".xlsx", "error: cannot build the workbook: {reason}; nothing was changed")])
def test_a_failed_write_leaves_the_old_file_intact(tiny_dir, tmp_path, suffix, message):
    """The process may write at most 1 KB per file, so the report's write fails part-way."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / f"unfunded{suffix}"
    out.write_bytes(b"the old report")

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "INKLUSIONSGRAF_LANG": "en"}  # messages in English
    result = subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", "--data", str(tiny_dir), "report",
                             "unfunded", "-o", str(out)], capture_output=True, text=True, env=env,
                            preexec_fn=small_files)
    assert result.returncode == 2, result.stderr
    expected = re.escape(message).replace(re.escape("{out}"), re.escape(str(out)))
    assert re.match(expected.replace(re.escape("{reason}"), "(IO_EFBIG|.*File too large)"), result.stderr)
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == b"the old report"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
