"""Gap reports to hand on: the orphan or unfunded goals, as a content model written to .md,
.html, .pdf, .csv or .xlsx by the modules report_html, report_pdf, report_csv, report_xlsx.

The goals listed, and why, come from the queries themselves (``orphans`` and ``unfunded`` in
queries.py); this module adds what a reader needs next to each goal (its code, the
activities and the money known under it, the policy goals above it, the source), the date
and the data version, and picks the writer by the output's suffix.

>>> from inklusionsgraf import load_graph
>>> report = build_report(load_graph(), "orphans", lang="en")
>>> report.heading
'Goals without activities'
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.export import write_atomic_bytes
from inklusionsgraf.labels import labels, money, term, unfunded_reason
from inklusionsgraf.model import EdgeKind, FundingStatus, NodeKind
from inklusionsgraf.queries import QUERIES
from inklusionsgraf.responsibility import abbreviations, administrations_of, top_administrations
from inklusionsgraf.rollup import beneath, format_sums, funds_into, sum_costs, sum_funding
from inklusionsgraf.timeline import as_of
from inklusionsgraf.values import format_dkk

REPORTS = ("orphans", "unfunded")
FORMATS = (".md", ".html", ".pdf", ".csv", ".xlsx")
STATUSES = tuple(s.value for s in FundingStatus)  # one amount column each, never added together


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
    document: str = ""
    document_title: str = ""
    line: int | None = None
    funding: list[Funding] = field(default_factory=list)


@dataclass
class Entry:
    """One listed goal, with its source, why it is listed and what is known under it."""

    id: str
    title: str
    level: str
    code: str
    administration: str                          # as the query gives it (units included)
    groups: list[str]                            # the administrations it is listed under
    policy_goals: list[str]
    why: str
    document: str
    document_title: str                          # the document's short title, else its title
    line: int
    quote: str
    sub_goals: int
    funding_known: str
    costs_known: str
    amounts: dict[str, int | None] = field(default_factory=dict)   # status -> one honest sum
    amount_notes: list[str] = field(default_factory=list)          # why an amount is blank
    activities: list[Activity] = field(default_factory=list)
    goal_funding: list[Funding] = field(default_factory=list)

    @property
    def name(self) -> str:
        """'Mål 1a: Title', or the title where the documents give no code."""
        return f"{self.code}: {self.title}" if self.code else self.title

    @property
    def anchor(self) -> str:
        return "goal-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.id.partition(":")[2] or self.id)


@dataclass
class Report:
    which: str
    lang: str
    heading: str
    goals: int                                   # goals in the graph (of the chosen administrations)
    by_administration: list[tuple[str, int]]
    by_policy_goal: list[tuple[str, int]]
    entries: list[Entry]
    written: datetime.date = field(default_factory=datetime.date.today)
    data_version: str = ""
    newest_document: str = ""                    # the newest source document's date or year
    admins: list[str] = field(default_factory=list)   # the --admin filter, as abbreviations

    def groups(self) -> list[tuple[str, list[Entry]]]:
        """The entries by administration, each entry under every administration it has,
        alphabetically, with '(ingen angivet)' last."""
        none = labels(self.lang)["report.none_recorded"]
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for name in entry.groups or [none]:
                grouped.setdefault(name, []).append(entry)
        return sorted(grouped.items(), key=lambda kv: (kv[0] == none, kv[0].casefold()))


# --- collecting -----------------------------------------------------------------------------

def build_report(graph: nx.MultiDiGraph, which: str, lang: str = "da", admins: Iterable[str] = (),
                 data_dir: str | Path | None = None) -> Report:
    """The ``orphans`` or ``unfunded`` report: a summary, then one entry per goal; with
    ``admins`` (administration node ids) only the goals those administrations answer for."""
    if which not in REPORTS:
        raise InklusionsgrafError(f"unknown report '{which}'; use {' or '.join(REPORTS)}")
    words = labels(lang)
    admins = list(admins)
    version = data_version(graph, data_dir)
    graph = as_of(graph)  # each thing by its latest statement, as the query reads it
    result = QUERIES[which].function(graph)
    rows = [r for r in result.rows if not admins or set(admins) & set(administrations_of(graph, r["id"]))]
    under = _Beneath(graph)
    entries = [_entry(graph, row, which, lang, under) for row in rows]
    by_admin = Counter(name for e in entries for name in e.groups or [words["report.none_recorded"]])
    by_policy = Counter(name for e in entries for name in e.policy_goals or [words["report.no_policy_goal"]])
    total = result.summary["goals"]
    if admins:
        total = sum(1 for g, k in graph.nodes(data="kind") if k == NodeKind.GOAL
                    and set(admins) & set(administrations_of(graph, g)))
    none = words["report.none_recorded"]
    return Report(which=which, lang=lang, heading=words[f"report.{which}"], goals=total,
                  by_administration=sorted(by_admin.items(), key=lambda kv: (kv[0] == none, -kv[1], kv[0])),
                  by_policy_goal=sorted(by_policy.items(), key=lambda kv: (-kv[1], kv[0])),
                  entries=entries, data_version=version, newest_document=newest_document(graph),
                  admins=[abbreviations(graph, [a]) for a in admins])


class _Beneath:
    """What lies under every goal, worked out once: activities, sub-goals, policy goals above."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.activities = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL)
        self.goals = beneath(graph, EdgeKind.SUPPORTS, NodeKind.GOAL, member_kind=NodeKind.GOAL)
        self.policy_goals = _policy_goals_above(graph)


def _entry(graph: nx.MultiDiGraph, row: dict, which: str, lang: str, under: _Beneath) -> Entry:
    """One query row as a report entry, with what lies under the goal and its money."""
    goal = row["id"]
    data = graph.nodes[goal]
    activities = under.activities[goal]
    goals = under.goals[goal] | {goal}
    sums = sum_funding(funds_into(graph, activities | goals), graph)
    goal_funding = _funding(graph, sorted(goals))
    activity_list = [_activity(graph, a) for a in sorted(activities, key=lambda a: (graph.nodes[a]["title"], a))]
    amounts, notes = _amounts(sums, goal_funding + [f for a in activity_list for f in a.funding], lang)
    return Entry(
        id=goal, title=data["title"], level=term(lang, "level", data["level"]), code=data.get("code", ""),
        administration=row["administration"],
        groups=[abbreviations(graph, [a]) for a in top_administrations(graph, goal)],
        policy_goals=[_goal_name(graph, p) for p in under.policy_goals[goal]],
        why=unfunded_reason(lang, row["why"]) if which == "unfunded" else labels(lang)["why.orphan"],
        document=data["document"], document_title=document_title(graph, data["document"]),
        line=data["line"], quote=data["quote"], sub_goals=len(under.goals[goal]),
        funding_known=money(lang, row.get("funding_known", format_sums(sums))),
        costs_known=money(lang, row.get("costs_known", format_sums(sum_costs(graph, activities)))),
        amounts=amounts, amount_notes=notes, activities=activity_list, goal_funding=goal_funding,
    )


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


def document_title(graph, document: str) -> str:
    """What the documents table calls a document: its short title, else its title, else the
    file name."""
    data = graph.graph.get("documents", {}).get(document, {})
    return data.get("short_title") or data.get("title") or document


def _activity(graph, activity: str) -> Activity:
    data = graph.nodes[activity]
    return Activity(id=activity, title=data["title"],
                    administration=abbreviations(graph, administrations_of(graph, activity)),
                    start_year=data.get("start_year"), end_year=data.get("end_year"),
                    document=data.get("document", ""), document_title=document_title(graph, data.get("document", "")),
                    line=data.get("line"), funding=_funding(graph, [activity]))


def _funding(graph, targets: list[str]) -> list[Funding]:
    return [Funding(source=source, source_title=graph.nodes[source]["title"], status=d["status"],
                    min_dkk=d.get("min_dkk"), max_dkk=d.get("max_dkk"), basis=d.get("basis", ""),
                    amount_text=d.get("amount_text", ""), start_year=d.get("start_year"),
                    end_year=d.get("end_year"))
            for source, _, d in sorted(funds_into(graph, targets), key=lambda e: (e[0], e[1]))]


def _amounts(sums: list[dict], statements: list[Funding], lang: str) -> tuple[dict[str, int | None], list[str]]:
    """Per funding status, the one honest sum as a number (rollup.sum_funding's, so never
    across statuses, bases or years), or None with a note saying why it is blank: a range, an
    open amount, several sums for different years or bases, or money without a stated amount."""
    w = labels(lang)
    amounts: dict[str, int | None] = {}
    notes = []
    for status in STATUSES:
        mine = [s for s in sums if s["status"] == status]
        word = term(lang, "status", status)
        amounts[status] = None
        if len(mine) > 1:
            notes.append(w["report.amount_several"].format(status=word, count=len(mine)))
        elif mine and mine[0]["min_dkk"] == mine[0]["max_dkk"]:
            amounts[status] = mine[0]["min_dkk"]
        elif mine:
            low, high = mine[0]["min_dkk"], mine[0]["max_dkk"]
            figure = f"≥ {format_dkk(low)}" if high is None else f"{format_dkk(low)}–{format_dkk(high)}"
            notes.append(w["report.amount_range"].format(status=word, figure=figure))
        elif any(f.status == status for f in statements):
            notes.append(w["report.amount_not_stated"].format(status=word))
    return amounts, notes


# --- the first page: date and data version ----------------------------------------------------

def data_version(graph: nx.MultiDiGraph, data_dir: str | Path | None = None) -> str:
    """A short fingerprint of the data the report was made from: the first 10 hex digits of
    SHA-256 over the dataset's tables (each ``*.csv`` by name, then its bytes, in name order),
    so the same tables give the same version; without ``data_dir``, over the graph itself."""
    digest = hashlib.sha256()
    if data_dir is not None:
        for table in sorted(Path(data_dir).glob("*.csv")):
            digest.update(table.name.encode("utf-8") + b"\0" + table.read_bytes() + b"\0")
    else:
        nodes = sorted((n, sorted(d.items())) for n, d in graph.nodes(data=True))
        edges = sorted((u, v, sorted(d.items())) for u, v, d in graph.edges(data=True))
        digest.update(json.dumps([nodes, edges], default=str, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:10]


def newest_document(graph: nx.MultiDiGraph) -> str:
    """The newest source document's date (or year, where it gives no date)."""
    dates = [str(d.get("date") or d.get("year") or "") for d in graph.graph.get("documents", {}).values()]
    dates = [d for d in dates if d]
    return max(dates, default="")


def written_date(report: Report) -> str:
    """'3.12.2026' in Danish, '2026-12-03' in English."""
    day = report.written
    return f"{day.day}.{day.month}.{day.year}" if report.lang == "da" else day.isoformat()


def first_page_facts(report: Report) -> list[str]:
    """The first page's facts: the date written, the data version, the filter."""
    w = labels(report.lang)
    version = w["report.version"].format(version=report.data_version)
    if report.newest_document:
        version += f" ({w['report.newest_document'].format(when=report.newest_document)})"
    facts = [w["report.written"].format(date=written_date(report)), version]
    if report.admins:
        facts.append(w["report.only_admins"].format(admins=", ".join(report.admins)))
    return facts


# --- texts and rows the formats share -----------------------------------------------------------

def money_line(funding: Funding, lang: str) -> str:
    amount = funding.amount_text or labels(lang)["report.amount_unknown"]
    return f"{funding.source_title}: {term(lang, 'status', funding.status)}, {amount}"


def years(start, end) -> str:
    return "" if start is None and end is None else f"{start or '?'}–{end or '?'}"


def activity_line(activity: Activity, lang: str) -> str:
    facts = [f for f in (activity.administration, years(activity.start_year, activity.end_year)) if f]
    text = activity.title + (f" ({'; '.join(facts)})" if facts else "")
    money_text = "; ".join(money_line(f, lang) for f in activity.funding)
    return text + (f" — {labels(lang)['report.funding'].lower()}: {money_text}" if money_text else "")


def goal_rows(report: Report) -> tuple[list[str], list[list[Any]]]:
    """One row per goal under localized headers (the CSV, and the goals sheet of the XLSX):
    what a reader looks for first, one amount column per funding status, the id last."""
    w = labels(report.lang)
    amount_headers = [w["report.amount_column"].format(status=term(report.lang, "status", s).capitalize())
                      for s in STATUSES]
    headers = [w["field.code"], w["field.title"], w["field.administration"], w["report.why"],
               *amount_headers, w["report.amount_notes"], w["report.funding"], w["report.costs"],
               w["report.activities"], w["report.sub_goals"], w["field.level"], w["report.policy_goals"],
               w["field.document"], w["field.line"], w["field.quote"], w["field.id"]]
    rows = [[e.code, e.title, e.administration or w["report.none_recorded"], e.why,
             *(e.amounts.get(s) for s in STATUSES), "; ".join(e.amount_notes), e.funding_known, e.costs_known,
             len(e.activities), e.sub_goals, e.level, "; ".join(e.policy_goals), e.document_title, e.line,
             e.quote, e.id] for e in report.entries]
    return headers, rows


def activity_rows(report: Report) -> tuple[list[str], list[list[Any]]]:
    """One row per goal and activity under it: never two activities in one cell."""
    w = labels(report.lang)
    headers = [w["field.code"], w["kind.goal"], w["report.activity"], w["field.administration"],
               w["field.period"], w["report.funding"], w["field.document"], w["field.line"],
               w["report.goal_id"], w["report.activity_id"]]
    rows = [[e.code, e.title, a.title, a.administration, years(a.start_year, a.end_year),
             "; ".join(money_line(f, report.lang) for f in a.funding), a.document_title, a.line, e.id, a.id]
            for e in report.entries for a in e.activities]
    return headers, rows


# --- writing --------------------------------------------------------------------------------

def render(report: Report, suffix: str) -> bytes:
    """The report's bytes in the format ``suffix`` names."""
    suffix = suffix.lower()
    if suffix == ".xlsx":
        from inklusionsgraf.report_xlsx import to_xlsx

        return to_xlsx(report)
    if suffix == ".pdf":
        from inklusionsgraf.report_html import to_html
        from inklusionsgraf.report_pdf import html_to_pdf

        return html_to_pdf(to_html(report))
    if suffix == ".csv":
        from inklusionsgraf.report_csv import to_csv

        return to_csv(report)
    if suffix in (".md", ".html"):
        from inklusionsgraf.report_html import to_html, to_markdown

        return (to_html if suffix == ".html" else to_markdown)(report).encode("utf-8")
    raise InklusionsgrafError(f"cannot tell the report format from the suffix '{suffix}'")


def check_output(path: str | Path) -> None:
    """Before any work: the format must be known from the suffix, and a PDF needs Chromium."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise InklusionsgrafError(f"cannot tell the report format from '{path.name}'; "
                                  f"end the file name in {', '.join(FORMATS)}")
    if path.suffix.lower() == ".pdf":
        from inklusionsgraf.report_pdf import require_chromium

        require_chromium()


def write_report(report: Report, path: str | Path) -> Path:
    """Write ``report`` in the format its extension names (.md, .html, .pdf, .csv, .xlsx),
    atomically: an existing file is replaced whole or left as it was."""
    path = Path(path)
    check_output(path)
    data = render(report, path.suffix)
    try:
        return write_atomic_bytes(path, data)
    except OSError as exc:
        raise InklusionsgrafError(f"cannot write {path}: {exc.strerror}; nothing was changed") from exc
