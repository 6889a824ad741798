"""Gap reports to hand on: the orphan or unfunded goals as Markdown, HTML, CSV or XLSX.

The goals listed, and why, come from the queries themselves (``orphans`` and ``unfunded`` in
queries.py); this module adds what a reader needs next to each goal (the activities and the
money known under it, the policy goals above it, the source) and writes the file.

>>> from inklusionsgraf import load_graph
>>> report = build_report(load_graph(), "orphans", lang="en")
>>> report.heading
'Goals without activities'
"""

from __future__ import annotations

import csv
import gc
import html
import io
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.export import write_atomic_bytes
from inklusionsgraf.labels import labels, money, term, unfunded_reason
from inklusionsgraf.model import EdgeKind, NodeKind
from inklusionsgraf.queries import QUERIES
from inklusionsgraf.responsibility import abbreviations, administrations_of, top_administrations
from inklusionsgraf.timeline import as_of
from inklusionsgraf.rollup import beneath, format_sums, funds_into, sum_costs, sum_funding

REPORTS = ("orphans", "unfunded")
FORMATS = (".md", ".html", ".csv", ".xlsx")


@dataclass
class Funding:
    """One statement of money into an activity or goal."""

    source: str
    source_title: str
    status: str
    min_dkk: int | None
    max_dkk: int | None
    basis: str
    amount_text: str
    start_year: int | None
    end_year: int | None


@dataclass
class Activity:
    id: str
    title: str
    administration: str
    start_year: int | None
    end_year: int | None
    funding: list[Funding] = field(default_factory=list)


@dataclass
class Entry:
    """One listed goal, with its source, why it is listed and what is known under it."""

    id: str
    title: str
    level: str
    code: str
    administration: str
    policy_goals: list[str]
    why: str
    document: str
    document_title: str
    line: int
    quote: str
    sub_goals: int
    funding_known: str
    costs_known: str
    activities: list[Activity] = field(default_factory=list)
    goal_funding: list[Funding] = field(default_factory=list)


@dataclass
class Report:
    which: str
    lang: str
    heading: str
    goals: int                                   # goals in the graph
    by_administration: list[tuple[str, int]]
    by_policy_goal: list[tuple[str, int]]
    entries: list[Entry]


# --- collecting -----------------------------------------------------------------------------

def build_report(graph: nx.MultiDiGraph, which: str, lang: str = "da") -> Report:
    """The ``orphans`` or ``unfunded`` report: a summary, then one entry per goal."""
    if which not in REPORTS:
        raise InklusionsgrafError(f"unknown report '{which}'; use {' or '.join(REPORTS)}")
    words = labels(lang)
    graph = as_of(graph)  # each thing by its latest statement, as the query reads it
    result = QUERIES[which].function(graph)
    activities = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL)
    goals_below = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL, member_kind=NodeKind.GOAL)
    above = _policy_goals_above(graph)
    documents = graph.graph.get("documents", {})
    entries = []
    by_admin: Counter[str] = Counter()
    by_policy: Counter[str] = Counter()
    for row in result.rows:
        goal = row["id"]
        data = graph.nodes[goal]
        under = activities[goal]
        goals = goals_below[goal] | {goal}
        why = unfunded_reason(lang, row["why"]) if which == "unfunded" else words["why.orphan"]
        policy = [_goal_name(graph, p) for p in above[goal]]
        entries.append(Entry(
            id=goal, title=data["title"], level=term(lang, "level", data["level"]), code=data.get("code", ""),
            administration=row["administration"], policy_goals=policy, why=why,
            document=data["document"], document_title=documents.get(data["document"], {}).get("title", ""),
            line=data["line"], quote=data["quote"], sub_goals=len(goals_below[goal]),
            funding_known=money(lang, row.get("funding_known",
                                              format_sums(sum_funding(funds_into(graph, under | goals), graph)))),
            costs_known=money(lang, row.get("costs_known", format_sums(sum_costs(graph, under)))),
            activities=[_activity(graph, a) for a in sorted(under)],
            goal_funding=_funding(graph, sorted(goals)),
        ))
        for admin in top_administrations(graph, goal) or [None]:
            by_admin[abbreviations(graph, [admin]) if admin else words["report.none_recorded"]] += 1
        for name in policy or [words["report.no_policy_goal"]]:
            by_policy[name] += 1
    return Report(which=which, lang=lang, heading=words[f"report.{which}"], goals=result.summary["goals"],
                  by_administration=sorted(by_admin.items(), key=lambda kv: (-kv[1], kv[0])),
                  by_policy_goal=sorted(by_policy.items(), key=lambda kv: (-kv[1], kv[0])),
                  entries=entries)


def _policy_goals_above(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Goal -> the policy goals it serves (itself, if it is one), through supports edges."""
    kinds = dict(graph.nodes(data="kind"))
    upward = nx.DiGraph()
    upward.add_nodes_from(n for n, k in kinds.items() if k == NodeKind.GOAL)
    upward.add_edges_from((u, v) for u, v, d in graph.edges(data=True)
                          if d["kind"] == EdgeKind.SUPPORTS and kinds[u] == kinds[v] == NodeKind.GOAL)
    return {goal: sorted(g for g in {goal} | nx.descendants(upward, goal)
                         if graph.nodes[g].get("level") == "policy_goal")
            for goal in upward}


def _goal_name(graph, goal: str) -> str:
    data = graph.nodes[goal]
    return f"{data['code']}: {data['title']}" if data.get("code") else data["title"]


def _activity(graph, activity: str) -> Activity:
    data = graph.nodes[activity]
    return Activity(id=activity, title=data["title"],
                    administration=abbreviations(graph, administrations_of(graph, activity)),
                    start_year=data.get("start_year"), end_year=data.get("end_year"),
                    funding=_funding(graph, [activity]))


def _funding(graph, targets: list[str]) -> list[Funding]:
    return [Funding(source=source, source_title=graph.nodes[source]["title"], status=d["status"],
                    min_dkk=d.get("min_dkk"), max_dkk=d.get("max_dkk"), basis=d.get("basis", ""),
                    amount_text=d.get("amount_text", ""), start_year=d.get("start_year"),
                    end_year=d.get("end_year"))
            for source, _, d in sorted(funds_into(graph, targets), key=lambda e: (e[0], e[1]))]


# --- writing --------------------------------------------------------------------------------

def write_report(report: Report, path: str | Path) -> Path:
    """Write ``report`` in the format its extension names (.md, .html, .csv, .xlsx), atomically:
    an existing file is replaced whole or left as it was."""
    path = Path(path)
    renderers = {".md": to_markdown, ".html": to_html, ".csv": to_csv}
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        data = to_xlsx(report)
    elif suffix in renderers:
        data = renderers[suffix](report).encode("utf-8")
    else:
        raise InklusionsgrafError(f"cannot tell the report format from '{path.name}'; "
                                  f"end the file name in {', '.join(FORMATS)}")
    try:
        return write_atomic_bytes(path, data)
    except OSError as exc:
        raise InklusionsgrafError(f"cannot write {path}: {exc.strerror}; nothing was changed") from exc


def _money_line(funding: Funding, lang: str) -> str:
    amount = funding.amount_text or labels(lang)["report.amount_unknown"]
    return f"{funding.source_title}: {term(lang, 'status', funding.status)}, {amount}"


def _years(start, end) -> str:
    return "" if start is None and end is None else f"{start or '?'}–{end or '?'}"


def _activity_line(activity: Activity, lang: str) -> str:
    facts = [f for f in (activity.administration, _years(activity.start_year, activity.end_year)) if f]
    text = activity.title + (f" ({'; '.join(facts)})" if facts else "")
    money_text = "; ".join(_money_line(f, lang) for f in activity.funding)
    return text + (f" — {labels(lang)['report.funding'].lower()}: {money_text}" if money_text else "")


def _fields(entry: Entry, lang: str) -> list[tuple[str, str]]:
    """The entry's facts as (label, text), in the order every format shows them."""
    w = labels(lang)
    none = w["report.none"]
    return [
        (w["field.id"], entry.id), (w["field.level"], entry.level),
        (w["field.administration"], entry.administration or w["report.none_recorded"]),
        (w["report.policy_goals"], "; ".join(entry.policy_goals) or w["report.no_policy_goal"]),
        (w["report.why"], entry.why),
        (w["field.document"], f"{entry.document_title} ({entry.document})" if entry.document_title else entry.document),
        (w["field.line"], str(entry.line)), (w["field.quote"], f"“{entry.quote}”"),
        (w["report.sub_goals"], str(entry.sub_goals)),
        (w["report.funding"], entry.funding_known or none),
        (w["report.costs"], entry.costs_known or none),
    ]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(text: Any) -> str:
    """Text as Markdown that shows literally: markup characters escaped, no raw HTML."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(report: Report) -> str:
    w = labels(report.lang)
    out = [f"# {md(report.heading)}", "",
           md(w["report.total"].format(listed=len(report.entries), goals=report.goals)), "",
           f"## {w['report.summary']}", ""]
    for heading, first, rows in ((w["report.by_admin"], w["field.administration"], report.by_administration),
                                 (w["report.by_policy_goal"], w["report.policy_goal"], report.by_policy_goal)):
        out += [f"### {heading}", "", f"| {first} | {w['report.count']} |", "| --- | ---: |"]
        out += [f"| {md(name)} | {count} |" for name, count in rows] + [""]
    out += [md(w["report.count_note"]), "", f"## {w['report.entries']}", ""]
    for entry in report.entries:
        out += [f"### {md(entry.title)}", ""]
        out += [f"- **{label}:** {md(value)}" for label, value in _fields(entry, report.lang)]
        lines = [_activity_line(a, report.lang) for a in entry.activities]
        out.append(f"- **{w['report.activities']}:** {len(lines)}")
        out += [f"    - {md(line)}" for line in lines]
        for funding in entry.goal_funding:
            out.append(f"- **{w['report.funding_source']}:** {md(_money_line(funding, report.lang))}")
        out.append("")
    return "\n".join(out)


_PRINT_CSS = """
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; max-width: 52em; margin: 2em auto; color: #111; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; border-bottom: 1px solid #999; } h3 { font-size: 12pt; }
table { border-collapse: collapse; margin: 0.5em 0 1em; } td, th { border: 1px solid #bbb; padding: 2px 8px; }
td.count { text-align: right; } dl { display: grid; grid-template-columns: 12em 1fr; gap: 2px 12px; }
dt { font-weight: bold; } dd { margin: 0; } section.entry { margin-bottom: 1.2em; }
@page { size: A4; margin: 18mm 16mm; }
@media print { body { margin: 0; max-width: none; } section.entry, table { break-inside: avoid; }
               h2, h3 { break-after: avoid; } }
"""


def to_html(report: Report) -> str:
    """A self-contained, printable page; every text from the data is escaped."""
    w = labels(report.lang)
    e = html.escape
    out = [f'<!DOCTYPE html>\n<html lang="{e(report.lang)}">\n<head>\n<meta charset="utf-8">',
           f"<title>{e(report.heading)}</title>\n<style>{_PRINT_CSS}</style>\n</head>\n<body>",
           f"<h1>{e(report.heading)}</h1>",
           f"<p>{e(w['report.total'].format(listed=len(report.entries), goals=report.goals))}</p>",
           f"<h2>{e(w['report.summary'])}</h2>"]
    for section, heading, first, rows in (("by-administration", w["report.by_admin"], w["field.administration"],
                                           report.by_administration),
                                          ("by-policy-goal", w["report.by_policy_goal"], w["report.policy_goal"],
                                           report.by_policy_goal)):
        out += [f"<h3>{e(heading)}</h3>", f'<table id="{section}"><thead><tr><th>{e(first)}</th>'
                f"<th>{e(w['report.count'])}</th></tr></thead><tbody>"]
        out += [f'<tr><td>{e(name)}</td><td class="count">{count}</td></tr>' for name, count in rows]
        out.append("</tbody></table>")
    out += [f"<p>{e(w['report.count_note'])}</p>", f"<h2>{e(w['report.entries'])}</h2>"]
    for entry in report.entries:
        out += [f'<section class="entry" id="{e(entry.id)}">', f"<h3>{e(entry.title)}</h3>", "<dl>"]
        out += [f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in _fields(entry, report.lang)]
        out.append(f"<dt>{e(w['report.activities'])}</dt><dd>{len(entry.activities)}</dd>")
        out += [f"<dt>{e(w['report.funding_source'])}</dt><dd>{e(_money_line(f, report.lang))}</dd>"
                for f in entry.goal_funding]
        out.append("</dl>")
        if entry.activities:
            out.append("<ul>" + "".join(f"<li>{e(_activity_line(a, report.lang))}</li>"
                                        for a in entry.activities) + "</ul>")
        out.append("</section>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def goal_rows(report: Report) -> tuple[list[str], list[list[Any]]]:
    """One row per goal under localized headers (the CSV, and the goals sheet of the XLSX)."""
    w = labels(report.lang)
    headers = [w["field.id"], w["field.title"], w["field.level"], w["field.code"], w["field.administration"],
               w["report.policy_goals"], w["report.why"], w["report.sub_goals"], w["report.activities"],
               w["report.activity"], w["report.funding"], w["report.costs"], w["field.document"],
               w["field.line"], w["field.quote"]]
    rows = [[e.id, e.title, e.level, e.code, e.administration, "; ".join(e.policy_goals), e.why, e.sub_goals,
             len(e.activities), " | ".join(a.title for a in e.activities), e.funding_known, e.costs_known,
             e.document, e.line, e.quote] for e in report.entries]
    return headers, rows


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    headers, rows = goal_rows(report)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def to_xlsx(report: Report) -> bytes:
    """A workbook with one sheet per section: by administration, by policy goal, the goals,
    and their activities with the money known; numbers and years as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    w = labels(report.lang)
    sheets = [
        (w["report.by_admin"], [w["field.administration"], w["report.count"]],
         [list(r) for r in report.by_administration]),
        (w["report.by_policy_goal"], [w["report.policy_goal"], w["report.count"]], [list(r) for r in report.by_policy_goal]),
        (w["report.goals"], *goal_rows(report)),
        (w["report.activity_rows"], *_activity_rows(report)),
    ]
    book = Workbook()
    book.remove(book.active)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(_sheet_title(title))
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if cell.data_type == "f":  # document text that starts with '=' is text, not a formula
                    cell.data_type = "s"
        for index, header in enumerate(headers, start=1):
            longest = max([len(str(header))] + [len(str(r[index - 1])) for r in rows if r[index - 1] is not None])
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(60, longest + 2)
        sheet.freeze_panes = "A2"
    return _save(book)


def _save(book) -> bytes:
    """The workbook's bytes. openpyxl writes each sheet through a temporary file first; when
    that fails (a full disk), its half-run writers print tracebacks as they are collected, so
    they are collected here, quietly, and the failure becomes one clear error."""
    buffer = io.BytesIO()
    failure = None
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        try:
            book.save(buffer)
        except Exception as exc:  # OSError, or lxml's SerialisationError
            failure = str(exc)
        gc.collect()
    finally:
        sys.unraisablehook = hook
    if failure is not None:
        raise InklusionsgrafError(f"cannot build the workbook: {failure}; nothing was changed")
    return buffer.getvalue()


def _activity_rows(report: Report) -> tuple[list[str], list[list[Any]]]:
    """One row per goal, activity and statement of money (an activity without money once)."""
    w = labels(report.lang)
    headers = [w["field.id"], w["kind.goal"], w["report.activity"], w["field.administration"],
               w["report.start_year"], w["report.end_year"], w["report.funding_source"], w["field.status"],
               w["report.min_dkk"], w["report.max_dkk"], w["report.basis"], w["report.amount_text"]]
    rows = []
    for entry in report.entries:
        for activity in entry.activities:
            base = [entry.id, entry.title, activity.title, activity.administration,
                    activity.start_year, activity.end_year]
            if not activity.funding:
                rows.append(base + [None] * 6)
            for f in activity.funding:
                rows.append(base + [f.source_title, term(report.lang, "status", f.status), f.min_dkk, f.max_dkk,
                                    term(report.lang, "basis", f.basis), f.amount_text or None])
        for f in entry.goal_funding:
            rows.append([entry.id, entry.title, None, entry.administration, f.start_year, f.end_year,
                         f.source_title, term(report.lang, "status", f.status), f.min_dkk, f.max_dkk,
                         term(report.lang, "basis", f.basis), f.amount_text or None])
    return headers, rows


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", title)[:31]
