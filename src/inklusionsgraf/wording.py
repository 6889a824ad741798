"""A query's answer in the words of a language, for reading in the terminal: headings,
coded values, goal codes, document short titles and summary lines. Layout is render.py's;
JSON and CSV keep the answer's own English keys and codes.

>>> from inklusionsgraf import load_graph, queries
>>> table = words(queries.unfunded_goals(load_graph()), "da")
>>> table.headings["why"], table.rows[0]["title"][:6]
('Hvorfor', 'Mål 1:')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from inklusionsgraf.labels import labels, money, term, unfunded_why
from inklusionsgraf.rollup import format_sums

# Coded columns and the label group their values are words of.
_CODED = {"level": "level", "status": "status", "effect": "end_kind", "end_kind": "end_kind",
          "role": "role", "kind": "kind", "condition": "condition", "change": "change",
          "edge": "edge", "direction": "direction", "category": "category", "relation": "relation"}
_MONEY = {"funding_known", "costs_known", "from_source"}
_ADMIN = {"administration", "from_admin", "to_admin"}
_CITES = {"cites", "stated", "where"}
_PERIOD_NOTE = re.compile(r" \((\w+)\)$")
# deps: whose side gives (work, money, partnership, a unit, what is needed) and whose receives.
_GIVER_IS_TO = {"partners", "depends_on"}
NO_ADMINISTRATION = "(none recorded)"


@dataclass
class Naming:
    """What the graph an answer came from calls its ids: codes, titles, documents' short titles."""

    codes: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    admin_titles: dict[str, str] = field(default_factory=dict)  # a row's label -> the full title

    @classmethod
    def of(cls, graph) -> Naming:
        if graph is None:
            return cls()
        naming = cls()
        for node, data in graph.nodes(data=True):
            if data.get("code"):
                naming.codes[node] = data["code"]
            naming.titles[node] = data.get("title", "")
            if data.get("kind") == "administration":
                naming.admin_titles[data.get("abbreviation") or data.get("title", node)] = data.get("title", "")
        for doc, data in graph.graph.get("documents", {}).items():
            naming.documents[doc] = data.get("short_title") or data.get("title") or doc
        return naming

    def label(self, node: str | None, title: str) -> str:
        """'Mål 1a: title' where the documents number the goal; else the title."""
        code = self.codes.get(node or "")
        return f"{code}: {title}" if code and not title.startswith(code) else title

    def document(self, doc: str) -> str:
        return self.documents.get(doc, doc)

    def cites(self, text: str) -> str:
        """'001_x.txt:212; ...' with each document's short title."""
        return re.sub(r"([\w.-]+\.(?:txt|docx|md|pdf)):(\d+)",
                      lambda m: f"{self.document(m.group(1))}:{m.group(2)}", text)


@dataclass
class Table:
    """An answer in words: the columns to show in order, their headings, the rows as text, the
    title column (the head of a row) and each row's id (to tell apart rows that read alike)."""

    columns: list[str]
    headings: dict[str, str]
    rows: list[dict[str, str]]
    ids: list[str]
    title: str | None
    summary: list[tuple[str, Any]]
    source_rows: list[dict] = field(default_factory=list)
    admin_titles: dict[str, str] = field(default_factory=dict)  # an administration's label -> title


def words(result, lang: str = "da", naming: Naming | None = None) -> Table:
    """The answer ``result`` in words of ``lang``: goals under their codes, documents by
    short title, the id last."""
    naming = naming or Naming.of(getattr(result, "graph", None))
    say = labels(lang)
    columns = list(result.columns)
    if result.query == "deps":
        columns = ["provider", "relation", "receiver", "via", "target", "period", "condition", "document", "line"]
    if "code" in columns and "title" in columns:
        columns.remove("code")
    if "id" in columns:
        columns.remove("id")
        columns.append("id")
    rows = [_row(result.query, row, lang, naming) for row in result.rows]
    headings = {c: _heading(say, result.query, c) for c in columns}
    title = "title" if "title" in columns else None
    ids = [str(row.get("id", "")) for row in result.rows]
    return Table(columns, headings, rows, ids, title, summary_lines(result, lang, naming), list(result.rows),
                 naming.admin_titles)


def _heading(say: dict, query: str, column: str) -> str:
    return say.get(f"col.{query}.{column}") or say.get(f"col.{column}") or column.replace("_", " ")


def _row(query: str, row: dict, lang: str, naming: Naming) -> dict[str, str]:
    out = {column: cell(query, column, value, row, lang, naming) for column, value in row.items()}
    if "title" in row:
        out["title"] = naming.label(row.get("id"), str(row["title"]))
        if row.get("code") and not out["title"].startswith(str(row["code"])):
            out["title"] = f"{row['code']}: {row['title']}"
    for side in ("from", "to"):
        if f"{side}_title" in row:
            out[f"{side}_title"] = naming.label(row.get(f"{side}_id"), str(row[f"{side}_title"] or ""))
    if query == "deps":
        giver, taker = ("to_admin", "from_admin") if row["relation"] in _GIVER_IS_TO else ("from_admin", "to_admin")
        out["provider"], out["receiver"] = out[giver], out[taker]
        if row["relation"] == "depends_on" and row.get("condition"):
            out["relation"] = labels(lang).get(f"relation.depends_on.{row['condition']}", out["relation"])
        if row["relation"] == "houses":
            out["period"], out["via"] = out.get("via", ""), ""
        if row["relation"] in _GIVER_IS_TO:  # "through" the giver's side, "for" the taker's work
            out["via"], out["target"] = out.get("target", ""), out.get("via", "")
    return out


def cell(query: str, column: str, value: Any, row: dict, lang: str, naming: Naming) -> str:
    """One cell of a row in words."""
    if value is None or value == "":
        return ""
    text = " ".join(str(value).split())
    if column == "name" and query == "stats":
        group = {"node": "kind", "edge": "edge"}.get(row.get("category"))
        return term(lang, group, text) if group else naming.document(text)
    if column == "why":
        return unfunded_why(lang, text) if query == "unfunded" else impact_why(lang, text, naming)
    if column == "scale":
        return labels(lang)["scale.full"] if text == "full" else term(lang, "end_kind", text)
    if column == "link":
        words = labels(lang)
        return words.get(f"change.{text}") or term(lang, "edge", text.replace("_", "-"))
    if column in _CODED:
        return term(lang, _CODED[column], text)
    if column in _MONEY:
        return money(lang, text)
    if column in _ADMIN:
        return labels(lang)["value.none_recorded"] if text == NO_ADMINISTRATION else text
    if column == "document":
        return naming.document(text)
    if column in _CITES:
        return naming.cites(text)
    if column == "period":
        return period(lang, text)
    if column == "attributes":
        return _ATTRIBUTE.sub(lambda m: f"{m.group(1)}={term(lang, _ATTRIBUTE_GROUP[m.group(1)], m.group(2))}",
                              naming.cites(text))
    return text


_ATTRIBUTE_GROUP = {"status": "status", "condition": "condition", "basis": "basis", "role": "role",
                    "change": "change", "end_kind": "end_kind"}
_ATTRIBUTE = re.compile(r"\b(" + "|".join(_ATTRIBUTE_GROUP) + r")=(\w+)")


def period(lang: str, text: str) -> str:
    """'2011-2013 (reduced)' -> '2011-2013 (fortsætter reduceret)'."""
    return _PERIOD_NOTE.sub(lambda m: f" ({term(lang, 'end_kind', m.group(1))})", text)


_FUNDED = re.compile(r"funded by it \((\w+)\)$")
_CONDITIONAL = re.compile(r"conditional on it \((\w+)\)$")
_DEPENDS = re.compile(r"depends on (\S+)$")


def impact_why(lang: str, why: str, naming: Naming) -> str:
    """Why impact lists an activity, in words; a dependency by the title of what it needs."""
    say = labels(lang)
    if match := _FUNDED.match(why):
        return say["impact.funded"].format(status=term(lang, "status", match.group(1)))
    if match := _CONDITIONAL.match(why):
        return say["impact.conditional"].format(condition=term(lang, "condition", match.group(1)))
    if match := _DEPENDS.match(why):
        node = match.group(1)
        return say["impact.depends"].format(what=naming.label(node, naming.titles.get(node) or node))
    return why


# --- the summary ---------------------------------------------------------------------------

def summary_lines(result, lang: str, naming: Naming) -> list[tuple[str, Any]]:
    """(label, text) for a one-line fact, (label, [lines]) for a list of items."""
    say = labels(lang)
    lines = []
    for key, value in result.summary.items():
        label = say.get(f"sum.{key}") or say.get(f"field.{key}", "").lower() or key.replace("_", " ")
        lines.append((label, _summary_value(result.query, key, value, lang, naming)))
    return lines


def _summary_value(query: str, key: str, value: Any, lang: str, naming: Naming):
    say = labels(lang)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [_item(query, key, item, lang, naming) for item in value]
    if isinstance(value, dict):
        if not value:
            return say["value.none"]
        return ", ".join(f"{_summary_key(query, key, k, lang)}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_node_name(v, naming) for v in value) if value else say["value.none"]
    if value == "latest" and key == "year":
        return say["value.latest"]
    if key == "note" and query == "active":
        return say["note.undated"]
    if key in ("kind",):
        return term(lang, "kind", value)
    if key == "level":
        return term(lang, "level", value)
    if key in ("status", "end_kind"):
        return term(lang, key, value)
    if key in ("source_period", "period"):
        return period(lang, str(value))
    if key == "document":
        return naming.document(str(value))
    if key == "title" and query in ("impact", "area", "lineage"):
        return value
    return "" if value is None else value


def _summary_key(query: str, key: str, value: str, lang: str) -> str:
    if key == "by_reason":
        return unfunded_why(lang, value)
    if key == "by_administration" and value == NO_ADMINISTRATION:
        return labels(lang)["value.none_recorded"]
    if key == "by_change":
        return term(lang, "change", value)
    return value


def _node_name(value: Any, naming: Naming) -> str:
    text = str(value)
    return naming.label(text, naming.titles[text]) if text in naming.titles else text


def _item(query: str, key: str, item: dict, lang: str, naming: Naming) -> str:
    say = labels(lang)
    if "basis" in item and "min_dkk" in item:
        return money(lang, format_sums([item])) + " (" + say["value.statements"].format(
            count=item.get("statements", "?")) + ")"
    if "state" in item:
        level = f" ({term(lang, 'level', item['level'])})" if item.get("level") else ""
        return f"{say.get('state.' + item['state'], item['state'])}: {naming.label(item['id'], item['title'])}{level}"
    if query == "deps" and "relation" in item:
        giver, taker = (item["to"], item["from"]) if item["relation"] in _GIVER_IS_TO else (item["from"], item["to"])
        none = say["value.none_recorded"]
        giver, taker = (none if g == NO_ADMINISTRATION else g for g in (giver, taker))
        return f"{giver} {term(lang, 'relation', item['relation'])} {taker}: {item['count']}"
    if key == "administrations":
        return f"{naming.label(item['id'], item['title'])}: {item['activities']}"
    return "  ".join(str(v) for v in item.values())
