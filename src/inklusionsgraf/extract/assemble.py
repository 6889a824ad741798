"""Turning what the layouts read into rows of the 11 tables, with ids and provenance.

A :class:`Builder` collects the rows of one batch of documents. The layout readers call it
with titles, lines and text; it makes ids (kind prefix + slug), finds verbatim quotes on the
line, recognises administrations, funding sources and areas with the gazetteer (keeping the
gazetteer's ids), and records names the gazetteer does not know as candidates for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from inklusionsgraf.errors import Problem
from inklusionsgraf.extract.common import stems
from inklusionsgraf.extract.memo import folded, remembered
from inklusionsgraf.extract.sources import Line, Source
from inklusionsgraf.tables import MAX_QUOTE, SPECS
from inklusionsgraf.values import slugify

QUOTE_LIMIT = MAX_QUOTE - 10
_WORD = re.compile(r"\w+")
_ENTITY_TABLE = {"administration": "administrations", "funding": "funding_sources", "area": "areas"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"'])")


@dataclass
class Candidate:
    """A name the gazetteer does not know, for a person to review."""

    document: str
    line: int
    name: str
    cue: str
    node: str = ""  # the node made for it (marked for review), or "" when there is none


@dataclass
class Extraction:
    """The result of one run: table rows, candidates, warnings, and the documents read."""

    tables: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {spec.name: [] for spec in SPECS})
    candidates: list[Candidate] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # what was skipped or doubtful
    sources: list[Source] = field(default_factory=list)


_ABBREVIATION = re.compile(r"(?:\b\w+\.\w+|\b(?:ca|kr|mio|fx|jf|evt|inkl|pt|nr|mv|mht|ift|vedr|"
                          r"bl|ang|hhv|dvs|f|m|stk)|\b\d{1,2})\.$", re.I)


# The abbreviations that close an enumeration ('skoler, klubber m.m.') or an amount ('2 mio.
# kr.'), and the words a sentence opens with: after such a closer, a capitalised opener starts
# a new sentence (a capitalised name may still go on the same one: 'reglerne i loven m.m.
# Byen ønsker ...').
_LIST_CLOSER = re.compile(r"\b(?:m\.m|m\.v|mv|osv|etc|kr)\.$", re.I)
_OPENER_WORD = re.compile(r"[^\W\d_]+")
_OPENERS = set("den det der de dette disse denne vi man endvidere desuden derudover herudover "
               "samtidig hertil derfor dermed men også her i på med for som når".split())


@remembered
def sentences(text: str) -> list[str]:
    """Split running text into sentences (at '. ' before a capital or digit, not after an
    abbreviation such as 'bl.a.' or 'ca.', unless it closes an enumeration or an amount and
    a word that opens sentences follows: '... søvn m.m. Derfor ...', '... 2 mio. kr. Det ...')."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 12):match.start()]
        opener = _OPENER_WORD.match(text, match.end())
        closes = (_LIST_CLOSER.search(before) and opener
                  and opener.group(0).casefold() in _OPENERS)
        if _ABBREVIATION.search(before) and not closes:
            continue
        parts.append(text[start:match.start()])
        start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def title_of(text: str, limit: int = 160) -> str:
    """A title as the source writes it: the text without a closing full stop, cut at a word."""
    text = " ".join(text.split()).rstrip(" .:;")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–")


def find_quote(line: Line, phrase: str) -> str:
    """The longest run of the phrase's words that stands verbatim on the line (under 200 chars)."""
    haystack = line.text
    phrase = " ".join(phrase.split())
    if phrase and phrase in haystack and len(phrase) <= QUOTE_LIMIT:
        return phrase
    words = phrase.split()
    best = ""
    for start in range(len(words)):
        # grow the run while it stays on the line
        run = ""
        for end in range(start + 1, len(words) + 1):
            candidate = " ".join(words[start:end])
            if len(candidate) > QUOTE_LIMIT or candidate not in haystack:
                break
            run = candidate
        if len(run) > len(best):
            best = run
        if len(best) >= QUOTE_LIMIT - 20:
            break
    if best:
        return best
    fallback = " ".join(haystack.split())[:QUOTE_LIMIT]
    return fallback if fallback in haystack else haystack.strip()[:QUOTE_LIMIT].strip()


class Builder:
    """Rows for one document at a time, ids unique across the whole batch."""

    def __init__(self, extraction: Extraction, gazetteer, reference=None):
        self.out = extraction
        self.gazetteer = gazetteer
        self.reference = reference or {}
        self.source: Source | None = None
        self.key = ""
        self.administration = ""
        self.title_line = 0
        self._ids: set[str] = set()
        self._edges: set[tuple] = set()
        self._entity_rows: set[str] = set()
        self._by_title: dict[tuple[str, str], str] = {}
        self._listed: set[tuple[str, int, str]] = set()  # (document, line, name) of candidates
        self._activity_rows: dict[str, dict] = {}  # id -> row, for the whole batch
        self._goal_rows: dict[str, dict] = {}
        self.document_activities: list[dict] = []  # this document's activity rows, in order
        self._coded_goals: dict[str, list[dict]] = {}  # this document's goal rows by folded code
        self._by_stem: dict[str, list[dict]] = {}  # this document's activity rows by title stem
        self.progress = None  # a progress.Progress to tell which line the readers reach

    # -- documents -------------------------------------------------------------------------
    def start(self, source: Source, kind: str) -> None:
        """Begin a document: its row in documents.csv, its administration and year."""
        self.source = source
        self._by_title = {}
        self.document_activities, self._coded_goals, self._by_stem = [], {}, {}
        title_line = _title_line(source)
        title = (title_of(re.sub(r"^#\s*(?:title:\s*)?", "", title_line.text), 190)
                 if title_line else "") or source.name
        admin = ""
        if title_line is not None:
            for mention in self.mentions(title_line, title_line.text, "administration"):
                admin = mention.entry.id
                break
        year = _year_in(title) if title_line else None
        self.administration = admin
        self.title_line = title_line.number if title_line else 0
        parts = [admin.partition(":")[2] if admin else "", str(year) if year else ""]
        self.key = "-".join(p for p in parts if p)
        self.out.tables["documents"].append({
            "id": source.name, "title": title, "kind": kind, "administration": admin or None,
            "year": year, "line": title_line.number if title_line else 1,
            "quote": find_quote(title_line, title) if title_line else source.name,
        })

    def reached(self, line: Line) -> None:
        """The reader under way has come to this line (for the progress report)."""
        if self.progress is not None:
            self.progress.line(line.number)

    def warn(self, line: int, message: str) -> None:
        self.out.warnings.append(Problem(self.source.name, line, message))

    # -- nodes -----------------------------------------------------------------------------
    def new_id(self, prefix: str, *parts: str, words: int = 7) -> str:
        body = "-".join(p for p in (slugify(part) for part in parts) if p)
        body = "-".join(body.split("-")[: words + len(parts) * 2]) or "x"
        node_id, n = f"{prefix}:{body}", 2
        while node_id in self._ids:
            node_id, n = f"{prefix}:{body}-{n}", n + 1
        self._ids.add(node_id)
        return node_id

    def goal(self, line: Line, title: str, level: str, *, code: str = "", quote: str = "",
             administration: str | None = None, key: str = "", **extra) -> str:
        """A goal node (one per document, level and title, or per ``key`` when given)."""
        lookup = ("goal", key or f"{level}|{folded(title)}")
        if lookup in self._by_title:
            return self._by_title[lookup]
        if level in ("policy_goal", "focus_area", "initiative"):
            goal_id = self._shared_goal_id(level, code, title)
            if goal_id in self._ids:
                self._by_title[lookup] = goal_id
                return goal_id
            self._ids.add(goal_id)
            admin = None
        else:
            goal_id = self.new_id("goal", self.key, title, words=6)
            admin = self.administration if administration is None else administration
        self._by_title[lookup] = goal_id
        row = {"id": goal_id, "title": title, "level": level, "code": code or None,
               "administration": admin or None, **extra, **self.provenance(line, quote or title)}
        self.out.tables["goals"].append(row)
        self._goal_rows[goal_id] = row
        if code:
            self._coded_goals.setdefault(code.casefold(), []).append(row)
        if admin and level in ("administration_goal", "sub_goal"):
            self.edge("responsible", admin, goal_id, line, quote or title, role="lead")
        return goal_id

    def _shared_goal_id(self, level: str, code: str, title: str) -> str:
        """Goals of the policy itself are shared by every plan: ids from their code."""
        if level == "initiative":
            return f"goal:policy-dot-{'-'.join(slugify(title).split('-')[:6])}"
        return f"goal:policy-{slugify(code or title)}"

    def activity(self, line: Line, title: str, *, quote: str = "", **fields) -> str:
        """An activity node; the same title twice in one document is one activity (also
        with or without its abbreviation in brackets: 'Grøn Gård (GG)' is 'Grøn Gård')."""
        lookup = ("activity", folded(_ABBREVIATED.sub("", title)))
        if lookup in self._by_title:
            return self._by_title[lookup]
        activity_id = self.new_id("activity", self.key, title, words=6)
        self._by_title[lookup] = activity_id
        row = {"id": activity_id, "title": title, **fields, **self.provenance(line, quote or title)}
        self.out.tables["activities"].append(row)
        self._activity_rows[activity_id] = row
        self.document_activities.append(row)
        for stem in stems(title):
            self._by_stem.setdefault(stem, []).append(row)
        return activity_id

    def has_activity_like(self, text: str) -> bool:
        """Whether an activity of this document has a title with all the text's word stems,
        or the text all of the title's (``stem_overlap`` 1.0)."""
        mine = stems(text)
        shared: dict[str, int] = {}
        for stem in mine:
            for row in self._by_stem.get(stem, ()):
                shared[row["id"]] = shared.get(row["id"], 0) + 1
        return any(n == min(len(mine), len(stems(self._activity_rows[id]["title"])))
                   for id, n in shared.items())

    def best_activity(self, text: str, among: set[str] | None = None) -> str | None:
        """The activity of this document (or of ``among``) whose title shares most word stems
        with the text, figures and money units aside."""
        from inklusionsgraf.extract.common import stem_overlap, without_figures

        words = without_figures(text)
        scored = [(stem_overlap(words, row["title"]), row["id"]) for row in self.document_activities
                  if among is None or row["id"] in among]
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] > 0 else None

    def activity_row(self, activity_id: str) -> dict:
        return self._activity_rows[activity_id]

    def goal_row(self, goal_id: str) -> dict | None:
        return self._goal_rows.get(goal_id)

    def goals_with_code(self, code: str) -> list[dict]:
        """This document's goal rows with the code (case aside), in the order they were made."""
        return self._coded_goals.get(code.casefold(), [])

    def edge(self, table: str, source: str, target: str, line: Line, quote: str, **fields) -> None:
        """An edge row, once per table, ends and line (and amount, for funds)."""
        key = (table, source, target, line.number, fields.get("min_dkk"), fields.get("status"))
        if key in self._edges or source == target:
            return
        self._edges.add(key)
        self.out.tables[table].append({"source": source, "target": target, **fields,
                                       **self.provenance(line, quote)})

    def provenance(self, line: Line, phrase: str) -> dict:
        return {"document": self.source.name, "line": line.number, "quote": find_quote(line, phrase)}

    # -- entities --------------------------------------------------------------------------
    def mentions(self, line: Line, text: str, kind: str | None = None, parents: bool = False) -> list:
        """Gazetteer mentions in text on a line; each entity gets its node row once. The
        gazetteer's larger areas of an area are not written (``parents`` true writes them):
        which bydel an estate lies in is the gazetteer's knowledge, not the document's."""
        found = []
        for mention in self.gazetteer.find(text):
            entry = mention.entry
            if kind == "funding" and entry.kind == "administration":
                mention = _as_money(self.gazetteer, mention, text)
                entry = mention.entry if mention else entry
            if mention is None or (kind and entry.kind != kind):
                continue
            self._entity_node(entry, line, text[mention.start:mention.end], parents)
            found.append(mention)
        return found

    def candidates(self, line: Line, text: str) -> None:
        """Names the gazetteer does not know, kept for review (a name already listed on the
        line, with the node made for it, is not listed again)."""
        listed = self._listed
        new = [Candidate(self.source.name, line.number, candidate.name, candidate.cue)
               for candidate in self.gazetteer.candidates(text)
               if (self.source.name, line.number, candidate.name) not in listed]
        for candidate in new:
            self._list(candidate)

    def _list(self, candidate: Candidate) -> None:
        self.out.candidates.append(candidate)
        self._listed.add((candidate.document, candidate.line, candidate.name))

    def mentions_of(self, line: Line, text: str, mention) -> None:
        """The node row of one gazetteer mention (once per batch)."""
        self._entity_node(mention.entry, line, text[mention.start:mention.end], parents=False)

    def open_entity(self, kind: str, name: str, level: str, line: Line, cue: str) -> str:
        """A node for a name the gazetteer does not know but the text marks as a name
        (see :mod:`openworld`): marked for review, and listed among the candidates."""
        from inklusionsgraf.extract.gazetteer import KINDS

        name = " ".join(name.split())
        node_id = f"{KINDS[kind]}:{slugify(name)}"
        self._list(Candidate(self.source.name, line.number, name, cue, node_id))
        if node_id in self._entity_rows:
            return node_id
        self._entity_rows.add(node_id)
        table = _ENTITY_TABLE[kind]
        row = {"id": node_id, "title": name, "review": f"new name: {cue}",
               **self.provenance(line, name)}
        if table == "administrations":
            row.update(level=level, abbreviation=None)
        elif table == "funding_sources":
            row.update(type=level, controller=None)
        else:
            row["type"] = level
        self.out.tables[table].append(row)
        return node_id

    def _entity_node(self, entry, line: Line, surface: str, parents: bool = True) -> None:
        if entry.id in self._entity_rows:
            return
        table = _ENTITY_TABLE[entry.kind]
        known = self.reference.get(entry.id, {})
        title = known.get("title") or _canonical_name(self.gazetteer, entry)
        row = {"id": entry.id, "title": title, **self.provenance(line, surface)}
        if table == "administrations":
            row["level"] = getattr(entry, "level", "") or known.get("level") or "external"
            row["abbreviation"] = known.get("abbreviation")
        elif table == "funding_sources":
            row["type"] = getattr(entry, "type", "") or known.get("type") or "other"
            row["controller"] = None
        else:
            row["type"] = getattr(entry, "type", "") or known.get("type") or "site"
        self._entity_rows.add(entry.id)
        self.out.tables[table].append(row)
        if table != "areas" or not parents:
            return
        for parent in getattr(entry, "parents", ()) or ():
            parent_entry = self.gazetteer.entry(parent)
            if parent_entry is not None and parent != entry.id:
                self._entity_node(parent_entry, line, surface)
                self.edge("located_in", entry.id, parent, line, surface)

    def finish(self) -> None:
        """Drop entity edges whose ends never became nodes (a gazetteer parent it lacks)."""
        nodes = {row["id"] for spec in SPECS if spec.node_kind
                 for row in self.out.tables[spec.name]}
        for spec in SPECS:
            if spec.edge_kind:
                self.out.tables[spec.name] = [row for row in self.out.tables[spec.name]
                                              if row["source"] in nodes and row["target"] in nodes]
        for table in ("administrations",):
            for row in self.out.tables[table]:
                row.setdefault("abbreviation", None)


# A word about money right before a name: "søges finansieret i X", "ansøges til X", "søgt X".
_MONEY_BEFORE = re.compile(r"(?:(?:finansier|medfinansier|bevilg|støtte|tilskud|midler|søg|ansøg)"
                           r"\w*\s+(?:\w+\s+){0,2}?(?:fra|af|via|hos|til|i)|\b(?:an)?søgt)\s+$", re.I)


def _as_money(gazetteer, mention, text: str):
    """An administration named as the one who pays, as the funding source it controls
    (its frame, its grant); None when no money word stands before it or it has none."""
    if not _MONEY_BEFORE.search(text[max(0, mention.start - 60):mention.start]):
        return None
    money = gazetteer.money_of(mention.entry.id)
    if money is None:
        return None
    from dataclasses import replace

    return replace(mention, entry=money)


_ABBREVIATED = re.compile(r"\s*\([A-ZÆØÅ0-9]{1,6}\)$")


def _canonical_name(gazetteer, entry) -> str:
    for other in gazetteer.entries:
        if other.id == entry.id and other.name_type == "name":
            return other.name
    return entry.name


# '# source: ...' and '# title: ...': what a copy adds on top; the title is the document's
_FRONT_MATTER = re.compile(r"^#\s*(?!title:)[a-z]+:\s")


def _title_line(source: Source) -> Line | None:
    """The document's title: its first Markdown heading, or else its first line of three
    words or more that is not a table row."""
    for line in source.lines[:40]:
        if line.text.startswith("# ") and not _FRONT_MATTER.match(line.text):
            return line
    for line in source.lines[:40]:
        text = line.text.lstrip("#").strip()
        if line.is_row or len(_WORD.findall(text)) < 3 or _FRONT_MATTER.match(line.text):
            continue
        return line
    return next((line for line in source.lines if line.text.strip()), None)


def _year_in(title: str) -> int | None:
    """The year a title dates the document to ('revideret 2013'): a year standing alone,
    outside any period the periods parser finds ('2011-2014' is the plan's period)."""
    from inklusionsgraf.extract.periods import find_periods

    for start, end, _period in reversed(find_periods(title)):
        title = title[:start] + " " + title[end:]
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", title)
    return int(years[-1]) if years else None
