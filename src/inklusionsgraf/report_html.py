"""A report as HTML (printable on A4, self-contained) or Markdown: the first page with the date,
the data version and the method; the summary linking to the entries; the entries grouped by
administration, one short row each; the long lists (activities, amounts, quotes) in an
appendix that starts on a new page. Every text from the data is escaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

from inklusionsgraf.labels import labels
from inklusionsgraf.reports import Entry, Report, activity_line, first_page_facts, money_line


def _method(report: Report) -> list[str]:
    w = labels(report.lang)
    return [w[f"report.method.{report.which}"], w["report.method.statuses"], w["report.method.sums"],
            w["report.method.groups"]]


def _reasons(entry: Entry, report: Report) -> str:
    """The reasons of an unfunded goal without the report's premise ('no secured funding …: ')."""
    return entry.why.partition(": ")[2] or entry.why


def _source(entry: Entry, report: Report) -> str:
    return f"{entry.document_title}, {labels(report.lang)['field.line'].lower()} {entry.line}"


def _columns(report: Report) -> list[tuple[str, Any]]:
    """The entry table's columns after the goal: (heading, text of an entry)."""
    w = labels(report.lang)
    if report.which == "unfunded":
        return [(w["report.why"], lambda e: _reasons(e, report)),
                (w["report.funding"], lambda e: e.funding_known or w["report.none"]),
                (w["report.source_short"], lambda e: _source(e, report))]
    return [(w["report.sub_goals"], lambda e: str(e.sub_goals)),
            (w["report.funding"], lambda e: e.funding_known or w["report.none"]),
            (w["report.source_short"], lambda e: _source(e, report))]


def _facts(entry: Entry, report: Report) -> list[tuple[str, str]]:
    """The appendix's facts about one goal, as (label, text)."""
    w = labels(report.lang)
    none = w["report.none"]
    return [
        (w["field.level"], entry.level),
        (w["field.administration"], entry.administration or w["report.none_recorded"]),
        (w["report.policy_goals"], "; ".join(entry.policy_goals) or w["report.no_policy_goal"]),
        (w["report.why"], entry.why),
        (w["field.document"], f"{entry.document_title} ({entry.document}), "
                              f"{w['field.line'].lower()} {entry.line}"),
        (w["field.quote"], f"“{entry.quote}”"),
        (w["report.sub_goals"], str(entry.sub_goals)),
        (w["report.funding"], entry.funding_known or none),
        *([(w["report.amount_notes"], "; ".join(entry.amount_notes))] if entry.amount_notes else []),
        (w["report.costs"], entry.costs_known or none),
        (w["field.id"], entry.id),
    ]


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
body { font: 10pt/1.4 'DejaVu Sans', Arial, sans-serif; max-width: 60em; margin: 2em auto; color: #111; }
h1 { font-size: 18pt; margin: 0 0 0.2em; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin: 1.2em 0 0.4em; }
h3 { font-size: 11pt; margin: 1em 0 0.3em; } h3 small { font-weight: normal; color: #555; }
p.meta { color: #333; margin: 0 0 0.8em; } .method p { margin: 0.25em 0; font-size: 9pt; }
table { border-collapse: collapse; margin: 0.3em 0 0.8em; width: 100%; }
td, th { border: 1px solid #bbb; padding: 2px 5px; vertical-align: top; text-align: left; }
th { background: #eee; } td.count { text-align: right; width: 4em; }
.summary { display: flex; gap: 1.5em; align-items: flex-start; } .summary > div { flex: 1; }
table.entries { font-size: 9pt; } table.entries td.goal { width: 40%; } table.entries td.source { width: 17%; }
.code { font-weight: bold; white-space: nowrap; } .small { color: #555; font-size: 8pt; }
a { color: #1a4f8b; text-decoration: none; }
.appendix h3 { break-after: avoid; } .detail { margin-bottom: 0.8em; }
dl { display: grid; grid-template-columns: 13em 1fr; gap: 1px 10px; margin: 0.2em 0; font-size: 9pt; }
dt { font-weight: bold; } dd { margin: 0; } ul { margin: 0.2em 0; padding-left: 1.4em; font-size: 9pt; }
@page { size: A4; margin: 15mm 14mm 16mm;
        @bottom-right { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #555; }
        @bottom-left { content: FOOTER; font: 8pt sans-serif; color: #555; } }
@media print {
  body { margin: 0; max-width: none; }
  tr, .detail dl { break-inside: avoid; } h2, h3 { break-after: avoid; }
  .appendix { break-before: page; }
}
"""


def _css(report: Report) -> str:
    """The style sheet, with the heading and the data version in every printed page's footer
    (as a CSS string: only letters, digits and a few signs kept, so nothing can end it)."""
    footer = f"{report.heading} · {labels(report.lang)['report.version'].format(version=report.data_version)}"
    footer = re.sub(r"[^\w ·.,()-]", "", footer)
    return _CSS.replace("FOOTER", f'"{footer}"')


def in_appendix_order(report: Report) -> list[Entry]:
    """The entries in the order the body first shows them (by administration)."""
    seen: dict[str, Entry] = {}
    for _, entries in report.groups():
        for entry in entries:
            seen.setdefault(entry.id, entry)
    return list(seen.values())


def to_html(report: Report) -> str:
    """A self-contained, printable page; every text from the data is escaped."""
    w = labels(report.lang)
    e = html.escape
    groups = report.groups()
    group_ids = {name: f"group-{i}" for i, (name, _) in enumerate(groups, start=1)}
    out = [f'<!DOCTYPE html>\n<html lang="{e(report.lang)}">\n<head>\n<meta charset="utf-8">',
           f"<title>{e(report.heading)}</title>\n<style>{_css(report)}</style>\n</head>\n<body>",
           f'<h1 id="top">{e(report.heading)}</h1>',
           f'<p class="meta">{" · ".join(e(f) for f in first_page_facts(report))}</p>',
           f"<p><b>{e(w['report.total'].format(listed=len(report.entries), goals=report.goals))}</b></p>",
           f'<section class="method"><h2>{e(w["report.method"])}</h2>',
           *(f"<p>{e(text)}</p>" for text in _method(report)), "</section>",
           f"<h2>{e(w['report.summary'])}</h2>", '<div class="summary">']
    admin_rows = [f'<tr><td><a href="#{group_ids.get(name, "")}">{e(name)}</a></td><td class="count">{n}</td></tr>'
                  for name, n in report.by_administration]
    policy_rows = [f'<tr><td>{e(name)}</td><td class="count">{n}</td></tr>' for name, n in report.by_policy_goal]
    for section, first, rows in (("by-administration", w["field.administration"], admin_rows),
                                 ("by-policy-goal", w["report.policy_goal"], policy_rows)):
        out += [f'<div><table id="{section}"><thead><tr><th>{e(first)}</th>'
                f"<th>{e(w['report.count'])}</th></tr></thead><tbody>", *rows, "</tbody></table></div>"]
    out += ["</div>", f'<p class="small">{e(w["report.count_note"])}</p>',
            f"<h2>{e(w['report.entries'])}</h2>"]
    if not report.entries:
        out.append(f"<p>{e(w['report.no_entries'])}</p>")
    columns = _columns(report)
    shown: set[str] = set()
    for name, entries in groups:
        out += [f'<section class="group" id="{group_ids[name]}">',
                f"<h3>{e(name)} <small>({e(w['report.goal_count'].format(count=len(entries)))})</small></h3>",
                f'<table class="entries"><thead><tr><th>{e(w["kind.goal"])}</th>'
                + "".join(f"<th>{e(heading)}</th>" for heading, _ in columns) + "</tr></thead><tbody>"]
        for entry in entries:
            anchor = "" if entry.anchor in shown else f' id="{entry.anchor}"'
            shown.add(entry.anchor)
            code = f'<span class="code">{e(entry.code)}</span> ' if entry.code else ""
            count = len(entry.activities)
            facts = [entry.level, w["report.one_activity"] if count == 1 else w["report.n_activities"].format(count=count)]
            out.append(f'<tr{anchor}><td class="goal">{code}{e(entry.title)}<br><span class="small">'
                       f'{e(" · ".join(facts))} · <a href="#app-{entry.anchor}">{e(w["report.see_appendix"])}</a>'
                       "</span></td>"
                       + "".join(f'<td{" class=source" if i == len(columns) - 1 else ""}>{e(text(entry))}</td>'
                                 for i, (_, text) in enumerate(columns)) + "</tr>")
        out.append("</tbody></table></section>")
    out += ['<section class="appendix" id="appendix">', f"<h2>{e(w['report.appendix'])}</h2>"]
    for entry in in_appendix_order(report):
        out += [f'<section class="detail" id="app-{entry.anchor}">',
                f'<h3>{e(entry.name)} <small><a href="#{entry.anchor}">↑ {e(w["report.back"])}</a></small></h3>',
                "<dl>", *(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in _facts(entry, report)),
                f"<dt>{e(w['report.activities'])}</dt><dd>{len(entry.activities)}</dd>", "</dl>"]
        if entry.activities:
            out.append("<ul>" + "".join(f"<li>{e(activity_line(a, report.lang))}</li>"
                                        for a in entry.activities) + "</ul>")
        if entry.goal_funding:
            out.append(f"<p class=small>{e(w['report.funding_source'])}:</p><ul>"
                       + "".join(f"<li>{e(money_line(f, report.lang))}</li>" for f in entry.goal_funding) + "</ul>")
        out.append("</section>")
    out.append("</section>\n</body>\n</html>\n")
    return "\n".join(out)


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(text: Any) -> str:
    """Text as Markdown that shows literally: markup characters escaped, no raw HTML."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(report: Report) -> str:
    """The same report in Markdown; anchors are written as empty ``<a id>`` tags (ours, never
    the data's), so the summary's links work where Markdown is shown as HTML."""
    w = labels(report.lang)
    groups = report.groups()
    group_ids = {name: f"group-{i}" for i, (name, _) in enumerate(groups, start=1)}
    out = [f"# {md(report.heading)}", "", " · ".join(md(f) for f in first_page_facts(report)), "",
           f"**{md(w['report.total'].format(listed=len(report.entries), goals=report.goals))}**", "",
           f"## {w['report.method']}", ""]
    for text in _method(report):
        out += [md(text), ""]
    out += [f"## {w['report.summary']}", ""]
    for heading, first, rows, linked in (
            (w["report.by_admin"], w["field.administration"], report.by_administration, True),
            (w["report.by_policy_goal"], w["report.policy_goal"], report.by_policy_goal, False)):
        out += [f"### {heading}", "", f"| {first} | {w['report.count']} |", "| --- | ---: |"]
        out += [f"| {f'[{md(name)}](#{group_ids[name]})' if linked and name in group_ids else md(name)} | {n} |"
                for name, n in rows] + [""]
    out += [md(w["report.count_note"]), "", f"## {w['report.entries']}", ""]
    if not report.entries:
        out += [md(w["report.no_entries"]), ""]
    columns = _columns(report)
    shown: set[str] = set()
    for name, entries in groups:
        out += [f'<a id="{group_ids[name]}"></a>', "",
                f"### {md(name)} ({md(w['report.goal_count'].format(count=len(entries)))})", "",
                "| " + " | ".join([w["kind.goal"], *(h for h, _ in columns)]) + " |",
                "| " + " | ".join(["---"] * (len(columns) + 1)) + " |"]
        for entry in entries:
            anchor = "" if entry.anchor in shown else f'<a id="{entry.anchor}"></a>'
            shown.add(entry.anchor)
            goal = f"{anchor}{md(entry.name)} ([{md(w['report.see_appendix'])}](#app-{entry.anchor}))"
            out.append("| " + " | ".join([goal, *(md(text(entry)) for _, text in columns)]) + " |")
        out.append("")
    out += [f"## {w['report.appendix']}", ""]
    for entry in in_appendix_order(report):
        out += [f'<a id="app-{entry.anchor}"></a>', "", f"### {md(entry.name)}", ""]
        out += [f"- **{label}:** {md(value)}" for label, value in _facts(entry, report)]
        out.append(f"- **{w['report.activities']}:** {len(entry.activities)}")
        out += [f"    - {md(activity_line(a, report.lang))}" for a in entry.activities]
        out += [f"- **{w['report.funding_source']}:** {md(money_line(f, report.lang))}" for f in entry.goal_funding]
        out.append("")
    return "\n".join(out)
