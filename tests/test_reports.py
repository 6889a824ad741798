"""Reports read back from the files they write, compared with the gap queries' results."""

from __future__ import annotations

import copy
import csv
import html
import json
import os
import re
import resource
import signal
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from conftest import DOC, TINY, write_dataset
from pages import CHROMIUM, FORMULA, IMG, SCRIPT, hostile_tables

from inklusionsgraf import load_graph, queries
from inklusionsgraf.cli import cli
from inklusionsgraf.labels import unfunded_reason
from inklusionsgraf.names import resolve
from inklusionsgraf.reports import build_report, write_report
from inklusionsgraf.values import format_dkk

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
    assert report.by_administration == [("BF", 2), ("(ingen angivet)", 2)]  # none recorded last
    assert dict(report.by_policy_goal) == {"Mål 2: Et trygt København": 3, "Mål 3: Flere foreninger": 1}
    sub_b = report.entries[2]
    assert sub_b.why == "ingen sikret finansiering under målet: kun søgt; udgift angivet som 0 kr."
    assert [a.title for a in sub_b.activities] == ["Gadeplansarbejde", "Legeplads"]  # by title
    money = sub_b.activities[0].funding[0]
    assert (money.source_title, money.status, money.min_dkk, money.basis) == ("Puljen", "sought", 500000, "once")
    assert sub_b.funding_known == "søgt: 500.000 kr. engangsbeløb"
    assert sub_b.amounts == {"secured": None, "planned": None, "sought": 500000, "uncertain": None}
    assert [e.code for e in report.entries] == ["Mål 2", "Mål 3", "", ""]
    assert [name for name, _ in report.groups()] == ["BF", "(ingen angivet)"]
    english = build_report(tiny_graph, "orphans", lang="en")
    assert english.heading == "Goals without activities"
    assert [e.why for e in english.entries] == ["no activity under the goal, directly or through sub-goals"] * 2


def test_an_amount_that_is_no_one_number_is_blank_and_says_why(tmp_path):
    """A range, or money whose amount the document does not give, is no number to show."""
    tables = copy.deepcopy(TINY)
    tables["funds"] += [
        {"source": "funding:pulje", "target": "activity:w", "status": "sought", "min_dkk": 100000,
         "max_dkk": 300000, "basis": "once", "document": DOC, "line": 43, "quote": "100-300 t.kr."},
        {"source": "funding:ramme", "target": "activity:w", "status": "uncertain", "amount_text": "xx kr.",
         "document": DOC, "line": 44, "quote": "xx kr."}]
    report = build_report(load_graph(write_dataset(tmp_path / "d", tables)), "unfunded")
    sub_b = next(e for e in report.entries if e.id == "goal:sub-b")
    assert sub_b.amounts["sought"] is None and sub_b.amounts["uncertain"] is None
    assert sub_b.amount_notes == ["søgt: interval 600.000–800.000 kr.", "usikker: beløb ikke angivet"]


class Page(HTMLParser):
    """What a reader of the HTML report sees: headings, ids, links, table cells, tags used."""

    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.links, self.h3, self.cells = [], [], [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag in ("h3", "td"):
            self._in = tag
            (self.h3 if tag == "h3" else self.cells).append("")

    def handle_endtag(self, tag):
        if tag in ("h3", "td"):
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
    report = build_report(tiny_graph, "orphans")
    assert {f"app-{e.anchor}" for e in report.entries} <= set(page.ids)
    assert any(h.startswith("Mål 3: Flere foreninger") for h in page.h3)
    assert any(h.startswith("Nye klubber") for h in page.h3)
    assert not {"script", "link", "img", "iframe"} & set(page.tags)
    assert not re.search(r"src\s*=", text) and "@media print" in text and "@page" in text
    assert page.links and all(link.startswith("#") and link[1:] in page.ids for link in page.links)
    assert len(page.ids) == len(set(page.ids))


def test_html_report_first_page_groups_and_appendix(real_graph, tmp_path):
    report = build_report(real_graph, "unfunded")
    text = write_report(report, tmp_path / "u.html").read_text(encoding="utf-8")
    first = text[:text.index("<h2>Oversigt</h2>")]
    assert f"Skrevet {report.written.day}.{report.written.month}.{report.written.year}" in first
    assert re.search(r"Dataversion [0-9a-f]{10} \(nyeste kildedokument \d{4}", first)
    assert "»Sikret« betyder" in first and "»søgt«" in first and "»planlagt«" in first
    assert "samme status, samme grundlag" in first
    groups = re.findall(r'<section class="group" id="(group-\d+)">\n<h3>(.+?) <small>', text)
    assert [html.unescape(name) for _, name in groups] == [name for name, _ in report.groups()]
    assert groups[-1][1] == "(ingen angivet)"
    summary = text[text.index('<table id="by-administration">'):text.index('<table id="by-policy-goal">')]
    linked = dict(re.findall(r'<a href="#(group-\d+)">(.+?)</a></td><td class="count">', summary))
    assert {html.unescape(v): k for k, v in linked.items()} == {name: gid for gid, name in
                                                               [(g, html.unescape(n)) for g, n in groups]}
    for gid, name in groups:   # each group holds as many rows as the summary counts under it
        section = text[text.index(f'id="{gid}"'):]
        section = section[:section.index("</section>")]
        assert section.count("<tr") - 1 == dict(report.by_administration)[html.unescape(name)]
    body, appendix = text.split('<section class="appendix" id="appendix">')
    assert "“" not in body and all(f'id="app-{e.anchor}"' in appendix for e in report.entries)
    assert all(e.document_title in body for e in report.entries)


def test_markdown_report_reads_back(real_graph, tmp_path):
    report = build_report(real_graph, "unfunded")
    text = write_report(report, tmp_path / "unfunded.md").read_text(encoding="utf-8")
    rows = queries.unfunded_goals(real_graph).rows
    appendix = text[text.index("## Bilag"):]
    titles = [re.sub(r"\\(.)", r"\1", line[4:]) for line in appendix.splitlines() if line.startswith("### ")]
    assert sorted(titles) == sorted(e.name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                                    for e in report.entries)
    assert len(titles) == len(rows)
    assert text.startswith("# Mål uden sikret finansiering\n") and f"I alt: {len(rows)} af " in text
    assert "## Metode" in text and "Dataversion" in text.split("\n")[2]
    table = text[text.index("### Antal pr. forvaltning"):text.index("### Antal pr. politikmål")]
    counted = {re.sub(r"^\[(.+)\]\(#group-\d+\)$", r"\1", m[0]): int(m[1])
               for m in re.findall(r"^\| (.+?) \| (\d+) \|$", table, re.M)}
    assert counted == dict(report.by_administration)
    targets = set(re.findall(r'<a id="([^"]+)"></a>', text))
    assert set(re.findall(r"\]\(#([^)]+)\)", text)) <= targets


def test_csv_report_opens_in_danish_excel(real_graph, tmp_path):
    """UTF-8 with a byte-order mark and ';' between fields: what Danish Excel reads as columns."""
    report = build_report(real_graph, "unfunded")
    path = write_report(report, tmp_path / "unfunded.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, rows = rows[0], rows[1:]
    expected = queries.unfunded_goals(real_graph).rows
    assert header[:4] == ["Nummer", "Titel", "Forvaltning", "Hvorfor listet"] and header[-1] == "Id"
    assert [r[-1] for r in rows] == [r["id"] for r in expected]
    assert [r[1] for r in rows] == [real_graph.nodes[r["id"]]["title"] for r in expected]  # æøå intact
    assert any("ø" in r[1] or "å" in r[1] or "æ" in r[1] for r in rows)
    assert [r[0] for r in rows] == [real_graph.nodes[r["id"]].get("code", "") for r in expected]
    assert all(r[3].startswith("ingen sikret finansiering under målet: ") for r in rows)
    assert {len(r) for r in rows} == {len(header)}


def test_csv_report_in_english(real_graph, tmp_path):
    path = write_report(build_report(real_graph, "unfunded", lang="en"), tmp_path / "unfunded.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig", newline=""), delimiter=";"))
    expected = queries.unfunded_goals(real_graph).rows
    assert [int(r["Line"]) for r in rows] == [r["line"] for r in expected]
    assert [int(r["Activities under the goal"]) for r in rows] == [r["activities"] for r in expected]
    assert all(r["Why listed"].startswith("no secured funding under the goal: ") for r in rows)


def test_xlsx_report_reads_back(real_graph, tmp_path):
    from openpyxl import load_workbook

    report = build_report(real_graph, "unfunded")
    book = load_workbook(write_report(report, tmp_path / "unfunded.xlsx"))
    assert book.sheetnames == ["Oversigt", "Mål", "Aktiviteter og finansiering"]
    summary = book["Oversigt"]
    charts = summary._charts
    assert len(charts) == 2 and {c.tagname for c in charts} == {"barChart"}
    assert {t.ref.split(":")[0] for t in summary.tables.values()} == {"A6", f"A{_second_table(summary)}"}
    goals = book["Mål"]
    header = [c.value for c in goals[1]]
    assert header[0] == "Nummer" and header[1] == "Titel" and header[-1] == "Id"
    rows = list(goals.iter_rows(min_row=2))
    assert [r[-1].value for r in rows] == [e.id for e in report.entries]
    assert not any(str(r[0].value or "").startswith("goal:") for r in rows)   # no id in column A
    amount_columns = [i for i, h in enumerate(header) if h.endswith("(kr.)")]
    assert [header[i] for i in amount_columns] == ["Sikret (kr.)", "Planlagt (kr.)", "Søgt (kr.)", "Usikker (kr.)"]
    amounts = [(row, row[i]) for row in rows for i in amount_columns]
    assert all(cell.number_format == '#,##0 "kr."' for _, cell in amounts)
    numbers = [(row, cell) for row, cell in amounts if cell.value is not None]
    assert numbers and all(type(cell.value) is int for _, cell in numbers)
    funding = header.index("Finansiering kendt")
    for row, cell in numbers:  # the number is the one sum of that status the text gives, never a total
        status = header[cell.column - 1].split(" (")[0].lower()
        text = row[funding].value
        assert text.count(f"{status}:") == 1 and f"{status}: {format_dkk(cell.value)} kr." in text
    assert goals.auto_filter.ref == f"A1:{goals.cell(1, len(header)).column_letter}{len(rows) + 1}"
    assert goals.freeze_panes == "A2" and goals.print_title_rows in ("1:1", "$1:$1")
    assert goals.page_setup.orientation == "landscape" and int(goals.page_setup.paperSize) == 9
    assert all(c.alignment.wrap_text for c in rows[0])
    assert 8 <= goals.column_dimensions["A"].width <= 20 and goals.column_dimensions["B"].width >= 30
    activities = book["Aktiviteter og finansiering"]
    head = [c.value for c in activities[1]]
    assert head[:3] == ["Nummer", "Mål", "Aktivitet"] and not head[0].startswith("Id")
    titles = {d["title"] for _, d in real_graph.nodes(data=True) if d["kind"] == "activity"}
    listed = [r[2] for r in activities.iter_rows(min_row=2, values_only=True)]
    assert len(listed) == sum(len(e.activities) for e in report.entries) > 0
    assert set(listed) <= titles                  # one activity per cell, as the data names it
    assert activities.auto_filter.ref and activities.freeze_panes == "A2"


def _second_table(sheet) -> int:
    return max(int(re.match(r"A(\d+)", t.ref).group(1)) for t in sheet.tables.values())


def test_xlsx_report_in_english_has_the_same_rows(tiny_graph, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(write_report(build_report(tiny_graph, "unfunded", lang="en"), tmp_path / "u.xlsx"))
    assert book.sheetnames == ["Summary", "Goals", "Activities and funding"]
    goals = list(book["Goals"].iter_rows(values_only=True))
    assert goals[0][:3] == ("Code", "Title", "Administration")
    assert [g[-1] for g in goals[1:]] == [r["id"] for r in queries.unfunded_goals(tiny_graph).rows]
    sought = goals[0].index("Sought (DKK)")
    assert [g[sought] for g in goals[1:]] == [500000, None, 500000, None]


def test_document_text_stays_text_in_every_format(tmp_path):
    graph = load_graph(write_dataset(tmp_path / "hostile", hostile_tables()))
    report = build_report(graph, "orphans")
    html = write_report(report, tmp_path / "r.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    assert any(h.startswith(IMG) for h in page.h3) and not {"img", "script", "svg"} & set(page.tags)
    md = write_report(report, tmp_path / "r.md").read_text(encoding="utf-8")
    assert "<img" not in md and "<script" not in md and "&lt;img src=x onerror=window.\\_\\_pwned=1&gt;" in md
    from openpyxl import load_workbook

    sheet = load_workbook(write_report(report, tmp_path / "r.xlsx"))["Mål"]
    cell = next(c for c in sheet["B"] if c.value == FORMULA)
    assert cell.data_type == "s"  # shown as the text it is, never run as a formula
    quote = [c.value for c in sheet[1]].index("Citat")
    assert SCRIPT in {row[quote] for row in sheet.iter_rows(values_only=True)}


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
    out = tmp_path / "orphans.docx"
    result = run(tiny_dir, "report", "orphans", "-o", str(out))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert ("cannot tell the report format from 'orphans.docx'; end the file name in .md, .html, .pdf, .csv, .xlsx"
            in result.stderr)
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


# --- PDF through headless Chromium ------------------------------------------------------------

BODY_PAGES = 6  # the summary and one short row per goal: what a reader takes in at one sitting


def pdf_pages(path, appendix="Bilag"):
    """(pages before the appendix, pages in all, the first page's text), read with pypdf; the
    appendix starts a page of its own (CSS break-before), so its heading tops that page."""
    from pypdf import PdfReader

    texts = [page.extract_text() or "" for page in PdfReader(path).pages]
    starts = [i for i, text in enumerate(texts)
              if any(line.startswith(f"{appendix}:") for line in text.splitlines()[:3])]
    return (starts[0] if starts else len(texts)), len(texts), texts[0]


@pytest.mark.parametrize("which, lang", [("unfunded", "da"), ("orphans", "da"), ("unfunded", "en")])
def test_pdf_report_prints_in_a_few_pages(real_graph, tmp_path, which, lang):
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's chromium")
    report = build_report(real_graph, which, lang)
    path = write_report(report, tmp_path / f"{which}.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    body, total, first = pdf_pages(path, "Bilag" if lang == "da" else "Appendix")
    assert 1 <= body <= BODY_PAGES and body < total
    words = ("Skrevet", "Dataversion", "Metode") if lang == "da" else ("Written", "Data version", "Method")
    assert all(word in first for word in words) and report.data_version in first
    if which == "unfunded":  # the long lists are in the appendix, not the body
        assert total > body + 5


def test_pdf_without_chromium_is_one_clear_line_and_no_file(tiny_dir, tmp_path):
    out = tmp_path / "new" / "r.pdf"
    for env in ({"PATH": str(tmp_path)}, {"INKLUSIONSGRAF_CHROMIUM": str(tmp_path / "no-such-browser")}):
        environment = {k: v for k, v in os.environ.items() if k != "INKLUSIONSGRAF_CHROMIUM"} | env
        result = subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", "--data", str(tiny_dir), "report",
                                 "orphans", "-o", str(out)], capture_output=True, text=True, env=environment)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("fejl: kan ikke skrive PDF: ingen Chromium fundet")  # Danish by default
        assert not out.parent.exists()


# --- --admin, --lang, file modes, the same rows as the query command ---------------------------

def test_admin_keeps_that_administrations_goals(tiny_dir, tmp_path):
    out = tmp_path / "bf.csv"
    result = run(tiny_dir, "report", "unfunded", "--admin", "BF", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline=""), delimiter=";"))[1:]
    assert [r[-1] for r in rows] == ["goal:sub-b", "goal:sub-c"]
    both = tmp_path / "both.md"
    assert run(tiny_dir, "report", "orphans", "--admin", "BF", "--admin", "Alfaforvaltningen",
               "-o", str(both)).exit_code == 0
    assert "Kun mål under AF, BF" in both.read_text(encoding="utf-8") or \
        "Kun mål under BF, AF" in both.read_text(encoding="utf-8")


def test_admin_unknown_name_exits_2_with_candidates_and_writes_nothing(tiny_dir, tmp_path):
    out = tmp_path / "x" / "r.html"
    result = run(tiny_dir, "report", "unfunded", "--admin", "BFF", "-o", str(out))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "ingen forvaltning hedder 'BFF'" in result.stderr and "admin:bbb" in result.stderr
    assert not out.parent.exists()


def test_admin_on_the_real_data_is_the_summary_count(real_graph):
    whole = build_report(real_graph, "unfunded")
    for name, count in whole.by_administration:
        if name == "(ingen angivet)":
            continue
        node = resolve(real_graph, name, kinds=["administration"])
        part = build_report(real_graph, "unfunded", admins=[node])
        assert [e.id for e in part.entries] == [e.id for e in whole.entries if name in e.groups]
        assert len(part.entries) == count and part.admins == [name]
        assert part.goals < whole.goals


def test_english_switches_the_method_note_and_headings(real_graph, tmp_path):
    text = write_report(build_report(real_graph, "unfunded", lang="en"), tmp_path / "u.html").read_text("utf-8")
    assert '<html lang="en">' in text and "<h2>Method</h2>" in text and "<h2>The goals</h2>" in text
    assert "&quot;Secured&quot; (sikret) means" in text and "Appendix: activities" in text
    assert "Metode" not in text and "Bilag" not in text and "Skrevet" not in text
    danish = write_report(build_report(real_graph, "unfunded"), tmp_path / "d.html").read_text("utf-8")
    assert "<h2>Metode</h2>" in danish and "»Sikret« betyder" in danish


def test_the_unfunded_report_lists_what_gaps_unfunded_lists(tiny_dir, tmp_path):
    listed = json.loads(run(tiny_dir, "gaps", "unfunded", "--format", "json").stdout)["rows"]
    out = tmp_path / "u.csv"
    assert run(tiny_dir, "report", "unfunded", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline=""), delimiter=";"))
    assert [r["Id"] for r in rows] == [r["id"] for r in listed]
    assert [r["Hvorfor listet"] for r in rows] == [unfunded_reason("da", r["why"]) for r in listed]


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_report_files_get_0666_less_the_umask(tiny_dir, tmp_path, mask):
    from test_safety import _in_umask, _mode

    for suffix in (".html", ".xlsx", ".pdf", ".csv"):
        out = tmp_path / f"r{suffix}"
        done = _in_umask(mask, "--data", tiny_dir, "report", "unfunded", "-o", out)
        assert done.returncode == 0, done.stderr
        assert _mode(out) == 0o666 & ~mask


def test_the_same_data_gives_the_same_report(tmp_path):
    """Activities of one title (sets iterate in a new order each run) keep one order."""
    tables = copy.deepcopy(TINY)
    for n in range(6):
        tables["activities"].append({"id": f"activity:twin-{n}", "title": "Legeplads", "start_year": 2010 + n,
                                     "document": DOC, "line": 50 + n, "quote": "Legeplads"})
        tables["supports"].append({"source": f"activity:twin-{n}", "target": "goal:sub-b", "document": DOC,
                                   "line": 50 + n, "quote": "Legeplads"})
    data = write_dataset(tmp_path / "twins", tables)
    written = set()
    for seed in ("1", "2", "3"):
        out = tmp_path / f"r{seed}.html"
        done = subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", "--data", str(data), "report",
                               "unfunded", "-o", str(out)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        written.add(out.read_bytes())
    assert len(written) == 1


@pytest.mark.parametrize("which", ["unfunded", "orphans"])
def test_report_admin_keeps_the_goals_the_query_admin_keeps(real_graph, which):
    # A reviewer's report for one administration and a coordinator's `gaps … --admin` list
    # the same goals, for every administration, unit and party the data names.
    from inklusionsgraf.by_admin import for_administrations
    from inklusionsgraf.reports import build_report

    answer = queries.QUERIES[which].function(real_graph)
    admins = [n for n, d in real_graph.nodes(data=True) if d["kind"] == "administration"]
    for admin in admins:
        kept = {row["id"] for row in for_administrations(answer, real_graph, [admin]).rows}
        assert {entry.id for entry in build_report(real_graph, which, admins=[admin]).entries} == kept, admin
