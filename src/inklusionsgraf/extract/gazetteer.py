"""The gazetteer: names of administrations, funding sources and areas, found in text.

It lives in ``data/gazetteer.csv`` (columns ``kind,id,name,name_type,parent``), one row per
name, so a person adds a name, an abbreviation or an alias with one line. Names the
gazetteer does not know but the text marks as names (capitalised words after "finansieres
af", "via", "i", ...) come back as :class:`Candidate` for review; nothing is invented.

>>> g = Gazetteer([Entry("administration", "admin:af", "Alfaforvaltningen"),
...                Entry("administration", "admin:af", "AF", "abbreviation")])
>>> [(m.entry.id, m.text) for m in g.find("AF's plan og Alfaforvaltningens budget; af og til")]
[('admin:af', "AF's"), ('admin:af', 'Alfaforvaltningens')]
>>> [c.name for c in g.candidates("Projektet finansieres af Betafonden og AF.")]
['Betafonden']
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from inklusionsgraf.errors import DataError, Problem
from inklusionsgraf.extract.memo import SIZE as RECENT  # texts whose answers are kept
from inklusionsgraf.extract.patterns import SPACE
from inklusionsgraf.values import fold

FILE = "gazetteer.csv"
COLUMNS = ("kind", "id", "name", "name_type", "parent")
KINDS = {"administration": "admin", "funding": "funding", "area": "area"}  # kind -> id prefix
NAME_TYPES = ("name", "abbreviation", "alias")


@dataclass(frozen=True)
class Entry:
    """One name of one node: its title, an abbreviation or another name."""

    kind: str  # "administration", "funding" or "area"
    id: str  # the node id as in data/, e.g. "admin:tmf"
    name: str
    name_type: str = "name"  # "name", "abbreviation" (matched with exact case) or "alias"
    parent: str = ""  # for an area: the id of the larger area it lies in, else ""
    more_parents: tuple[str, ...] = ()  # further larger areas ("a|b" in the CSV's parent cell)

    @property
    def parents(self) -> tuple[str, ...]:
        """Every larger area this area lies in."""
        return ((self.parent,) if self.parent else ()) + self.more_parents


@dataclass(frozen=True)
class Mention:
    """Where a known name stands in a text: text[start:end] names entry."""

    start: int
    end: int
    entry: Entry
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Candidate:
    """A capitalised name after a cue ("finansieres af", "i", ...) that the gazetteer lacks."""

    name: str
    cue: str
    start: int
    end: int


_SP = SPACE
_GENITIVE = r"(?:['’´]s|['’´]|s)?"  # "AF's", "ABS'", "Alfabyens"
_TYPE_ORDER = {name_type: i for i, name_type in enumerate(NAME_TYPES)}


def _name_pattern(entry: Entry) -> re.Pattern:
    parts = []
    for word in entry.name.split():  # Word's typographic apostrophes and hyphens match too
        word = re.sub(r"['’´]", "['’´]", re.escape(word))
        word = re.sub(r"\\-|[‐‑]", "[-‐‑]", word)
        parts.append(word.replace("/", rf"{_SP}*/{_SP}*"))  # 'A/ B' as a PDF breaks it
    body = rf"{_SP}+".join(parts)
    flags = 0 if entry.name_type == "abbreviation" else re.IGNORECASE
    return re.compile(rf"(?<![\w])(?:{body}){_GENITIVE}(?![\w])", flags)


_WORDS = re.compile(r"\w+")


class Gazetteer:
    """Known names and where they occur in a text.

    Names and aliases match whatever their case; abbreviations only in their own case
    ("AF", not "af"). Where names overlap, the longest wins ("Østre Havn", not "Havn");
    mentions never overlap.
    """

    def __init__(self, entries: list[Entry]):
        self.entries = list(entries)
        self._patterns: list[re.Pattern | None] = [None] * len(self.entries)  # made when first tried
        # A name matches only in a text that has every word of it (folded; the last one
        # perhaps with a genitive s): the entries to try on a text, by the first word.
        self._by_word: dict[str, list[int]] = {}
        self._words: list[tuple[frozenset[str], str]] = []  # (all words but the last, the last)
        self._always: list[int] = []  # names without a letter or digit
        for index, entry in enumerate(self.entries):
            words = _WORDS.findall(entry.name.casefold())
            if not words:
                self._always.append(index)
                self._words.append((frozenset(), ""))
                continue
            self._words.append((frozenset(words[:-1]), words[-1]))
            self._by_word.setdefault(words[0], []).append(index)
            if len(words) == 1:
                self._by_word.setdefault(words[0] + "s", []).append(index)
        self._first_words = frozenset(self._by_word)
        self._recent: dict[str, tuple[Mention, ...]] = {}
        self._recent_candidates: dict[str, tuple[Candidate, ...]] = {}
        self._by_id: dict[str, list[Entry]] = {}
        for entry in self.entries:
            self._by_id.setdefault(entry.id, []).append(entry)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """Read a gazetteer CSV (default: the bundled data/gazetteer.csv).

        Raises DataError naming the file and line of every bad row.
        """
        if path is None:
            from inklusionsgraf.tables import bundled_data_dir

            path = bundled_data_dir() / FILE
        return cls(read_entries(path))

    def entry(self, id: str) -> Entry | None:
        """The main entry of a node id: its row of type "name", else its first row."""
        entries = self._by_id.get(id, [])
        return min(entries, key=lambda e: _TYPE_ORDER.get(e.name_type, 9), default=None)

    def names(self, id: str) -> list[Entry]:
        """Every entry (name, abbreviations, aliases) of a node id."""
        return list(self._by_id.get(id, []))

    def money_of(self, id: str) -> Entry | None:
        """The funding source an administration's name stands for when the text speaks of
        money ("søges finansieret i X"): the one funding source whose name is one of X's
        names with a frame ("X's ramme", "Xs ramme") or a note in brackets after it ("X
        (bevilling til ...)"). None when there is none, or more than one."""
        names = [re.escape(e.name.casefold()) for e in self._by_id.get(id, [])]
        if not names:
            return None
        pattern = re.compile(rf"(?:{'|'.join(names)})(?:{_GENITIVE}\s+(?:egen\s+)?ramme|\s+\(.+\))$")
        owned = {e.id for e in self.entries if e.kind == "funding"
                 and pattern.fullmatch(" ".join(e.name.casefold().split()))}
        return self.entry(owned.pop()) if len(owned) == 1 else None

    def find(self, text: str) -> list[Mention]:
        """Every known name in the text, in order; the longest wins where names overlap."""
        if not isinstance(text, str) or not text:
            return []
        known = self._recent.get(text)
        if known is None:
            known = self._find(text)
            if len(self._recent) >= RECENT:
                self._recent.clear()
            if RECENT:
                self._recent[text] = known
        return list(known)

    def _find(self, text: str) -> tuple[Mention, ...]:
        words = set(_WORDS.findall(text.casefold()))
        tried = set(self._always)
        for word in words & self._first_words:
            for index in self._by_word[word]:
                others, last = self._words[index]
                if others <= words and (last in words or last + "s" in words):
                    tried.add(index)
        found = []
        for index in sorted(tried):
            entry, pattern = self.entries[index], self._patterns[index]
            if pattern is None:
                pattern = self._patterns[index] = _name_pattern(entry)
            for match in pattern.finditer(text):
                found.append((match.start(), match.end(), entry))
        found.sort(key=lambda f: (f[0] - f[1], f[0], _TYPE_ORDER.get(f[2].name_type, 9), f[2].id))
        chosen: list[Mention] = []
        for start, end, entry in found:
            if all(end <= m.start or start >= m.end for m in chosen):
                chosen.append(Mention(start, end, entry, text[start:end]))
        return tuple(sorted(chosen, key=lambda m: m.start))

    def candidates(self, text: str) -> list[Candidate]:
        """Capitalised names after a cue word that no gazetteer name covers, for review."""
        if not isinstance(text, str) or not text:
            return []
        found = self._recent_candidates.get(text)
        if found is None:
            found = tuple(self._candidates(text))
            if len(self._recent_candidates) >= RECENT:
                self._recent_candidates.clear()
            if RECENT:
                self._recent_candidates[text] = found
        return list(found)

    def _candidates(self, text: str) -> list[Candidate]:
        known = self.find(text)
        result = []
        for cue in _CUE.finditer(text):
            label = " ".join(cue["cue"].lower().split())
            for start, end in _names_after(text, cue.end()):
                name = text[start:end]
                if _is_common(name) or any(m.start <= start and end <= m.end for m in known):
                    continue
                result.append(Candidate(name, label, start, end))
        return result


# --- candidates -------------------------------------------------------------------------------

# Words that introduce a name: who pays, through what, where. Longest first.
CUES = (
    "medfinansieres af", "medfinansieret af", "finansieres af", "finansieret af",
    "finansieres via", "finansieret via", "finansieres gennem", "finansieret gennem",
    "finansieres fra", "finansieret fra", "med støtte fra", "støttes af", "støttet af",
    "støtte fra", "tilskud fra", "bevilling fra", "bevilget af", "midler fra", "midler via",
    "i samarbejde med", "i regi af", "sammen med", "søges hos", "søgt hos", "puljen",
    "fonden", "via", "gennem", "hos", "fra", "af", "i", "på",
)
_CUE = re.compile(
    r"(?<![\w])(?P<cue>(?i:" + "|".join(c.replace(" ", rf"{_SP}+") for c in CUES) + rf")){_SP}+"
    r"(?=[A-ZÆØÅ])"
)
_CAP_WORD = re.compile(r"[A-ZÆØÅ][\w]*(?:['’]s)?(?:[-/][\w]+)*-?")
_NEXT_WORD = re.compile(rf"{_SP}+(?P<word>[A-ZÆØÅ][\w]*(?:['’]s)?(?:[-/][\w]+)*-?)")
_NEXT_NUMBER = re.compile(rf"{_SP}+\d+(?![\w.,]\d)(?!\w)")
_NEXT_FOR = re.compile(rf"{_SP}+for(?={_SP}+[A-ZÆØÅ])")
_NEXT_AND = re.compile(rf"{_SP}+og(?={_SP}+[A-ZÆØÅ])")
_NEXT_COMMA = re.compile(rf",(?={_SP}+[A-ZÆØÅ])")

# Capitalised words that are no name on their own: pronouns and articles at a sentence start,
# the documents' own words for their parts, months and weekdays.
COMMON_WORDS = frozenset("""
    den det de der en et dette disse denne dem deres han hun vi jeg man som hvor når hvis men og
    eller så her der da nu også alle mange flere andre hver ingen nogle nye ny
    mål delmål indsatsområde indsatsområder bilag tabel figur side kapitel afsnit punkt note
    se jf kr ca mio pkt nr alt i alt
    januar februar marts april maj juni juli august september oktober november december
    mandag tirsdag onsdag torsdag fredag lørdag søndag
""".split())


_LIST_NEXT = re.compile(rf"(?:,|{_SP}+og|{_SP}+samt|{_SP}+eller){_SP}+(?=[A-ZÆØÅ])")


def _names_after(text: str, pos: int) -> list[tuple[int, int]]:
    """Spans of the names after a cue: one, or a list ("af A, B og C")."""
    spans = []
    while (end := _read_name(text, pos)) is not None:
        spans.append((pos, end))
        joiner = _LIST_NEXT.match(text, end)
        if joiner is None or joiner.end() == end:
            break
        pos = joiner.end()
    return spans


def _read_name(text: str, pos: int) -> int | None:
    """End of the capitalised name starting at pos, or None.

    Joins "for" ("Center for Byfornyelse"), numbers ("Kvarter 7"), and "og" or a comma only
    inside a name already joined by "for" or after an elided compound ("Park- og
    Vejforvaltningen"); otherwise "A og B" are two names.
    """
    first = _CAP_WORD.match(text, pos)
    if first is None:
        return None
    end, last, joined_for = first.end(), first.group(), False
    while True:
        if (m := _NEXT_WORD.match(text, end)) is not None:
            end, last = m.end(), m["word"]
        elif (m := _NEXT_NUMBER.match(text, end)) is not None:
            end, last = m.end(), "0"
        elif (m := _NEXT_FOR.match(text, end)) is not None:
            end, joined_for = m.end(), True
        elif (m := _NEXT_AND.match(text, end)) is not None and (last.endswith("-") or joined_for):
            end = m.end()
        elif (m := _NEXT_COMMA.match(text, end)) is not None and joined_for:
            end = m.end()
        else:
            break
    # A name never ends on a joining word; step back over one left hanging.
    while end > pos and not re.search(r"[\w)]$", text[pos:end]):
        end -= 1
    return end if end > pos else None


def _is_common(name: str) -> bool:
    words = re.findall(r"[^\W\d_]+", name.lower())
    return not words or all(word in COMMON_WORDS for word in words)


# --- reading, checking and writing data/gazetteer.csv -------------------------------------------

def read_entries(path: str | Path) -> list[Entry]:
    """The rows of a gazetteer CSV as entries; DataError listing every bad row."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise DataError([Problem(name, 1, f"gazetteer not found; expected a CSV with columns "
                                 f"{','.join(COLUMNS)}")])
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError([Problem(name, line, "not UTF-8; save the file as UTF-8")]) from None
    problems: list[Problem] = []
    rows = []
    for line, row in _rows(text, name, problems):
        entry = _entry(row, line, name, problems)
        if entry is not None:
            rows.append((line, entry))
    problems += check_entries(rows, name)
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line))
    return _share_parents([entry for _, entry in rows])


def _share_parents(entries: list[Entry]) -> list[Entry]:
    """Every row of an area carries the parents given on any of its rows."""
    parents = {e.id: e.parents for e in entries if e.parents}
    return [e if e.parents or e.id not in parents else
            replace(e, parent=parents[e.id][0], more_parents=parents[e.id][1:]) for e in entries]


def _rows(text: str, name: str, problems: list[Problem]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows = []
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not cells or all(not c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in COLUMNS if c not in header]
                if missing:
                    hint = "; separate the columns with commas" if ";" in cells[0] else ""
                    problems.append(Problem(name, line, f"missing column(s) {', '.join(missing)}; "
                                            f"expected {','.join(COLUMNS)}{hint}"))
                    return []
                continue
            if len(cells) != len(header):
                problems.append(Problem(name, line, f"row has {len(cells)} fields, the header "
                                        f"has {len(header)}"))
                continue
            rows.append((line, {k: v.strip() for k, v in zip(header, cells)}))
    except csv.Error as exc:
        problems.append(Problem(name, start, f"cannot read CSV: {exc}"))
    if header is None and not problems:
        problems.append(Problem(name, 1, f"file is empty; expected a header row: {','.join(COLUMNS)}"))
    return rows


def _entry(row: dict[str, str], line: int, name: str, problems: list[Problem]) -> Entry | None:
    before = len(problems)
    kind, node_id, text, name_type = row["kind"], row["id"], row["name"], row["name_type"] or "name"
    if kind not in KINDS:
        problems.append(Problem(name, line, f"kind '{kind}' is not one of {', '.join(KINDS)}"))
    elif not re.fullmatch(rf"{KINDS[kind]}:[a-z0-9]+(-[a-z0-9]+)*", node_id):
        problems.append(Problem(name, line, f"id '{node_id}' should look like "
                                f"'{KINDS[kind]}:lower-case-ascii-slug' for kind {kind}"))
    if not text:
        problems.append(Problem(name, line, "'name' is empty"))
    if name_type not in NAME_TYPES:
        problems.append(Problem(name, line, f"name_type '{name_type}' is not one of "
                                f"{', '.join(NAME_TYPES)}"))
    if row["parent"] and kind != "area":
        problems.append(Problem(name, line, "only areas have a parent; leave 'parent' empty"))
    if len(problems) > before:
        return None
    parents = [p.strip() for p in row["parent"].split("|") if p.strip()]
    return Entry(kind, node_id, " ".join(text.split()), name_type,
                 parents[0] if parents else "", tuple(parents[1:]))


def check_entries(rows: list[tuple[int, Entry]], file: str) -> list[Problem]:
    """Checks across rows: one name names one node; parents are known areas; one kind per id."""
    problems = []
    owner: dict[str, tuple[str, int]] = {}
    kinds: dict[str, str] = {}
    for line, entry in rows:
        if kinds.setdefault(entry.id, entry.kind) != entry.kind:
            problems.append(Problem(file, line, f"id '{entry.id}' is a {kinds[entry.id]} "
                                    f"elsewhere in the gazetteer, not a {entry.kind}"))
        key = entry.name if entry.name_type == "abbreviation" else fold(entry.name)
        if key in owner and owner[key][0] != entry.id:
            problems.append(Problem(file, line, f"name '{entry.name}' already names "
                                    f"'{owner[key][0]}' (line {owner[key][1]}); one name, one node"))
        owner.setdefault(key, (entry.id, line))
    parents_of: dict[str, tuple[tuple[str, ...], int]] = {}
    for line, entry in rows:
        if not entry.parents:
            continue
        first = parents_of.setdefault(entry.id, (entry.parents, line))
        if set(first[0]) != set(entry.parents):
            problems.append(Problem(file, line, f"parent '{'|'.join(entry.parents)}' differs from "
                                    f"line {first[1]} for '{entry.id}'; give the same parent on "
                                    f"every row of an id, or only on its name row"))
        for parent in entry.parents:
            if kinds.get(parent) != "area":
                problems.append(Problem(file, line, f"parent '{parent}' is not an area id in "
                                        f"the gazetteer"))
    return problems


def write_entries(path: str | Path, entries: list[Entry]) -> Path:
    """Write a gazetteer CSV atomically (temporary file, then rename)."""
    from inklusionsgraf.safety import open_atomic

    path = Path(path)
    with open_atomic(path, table_ok=True) as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for e in entries:
            writer.writerow([e.kind, e.id, e.name, e.name_type, "|".join(e.parents)])
    return path


def entries_from_dataset(dataset) -> list[Entry]:
    """A first gazetteer from the tables: titles, abbreviations and aliases, area parents.

    A person then reviews it (drops names so generic they match everywhere).
    """
    tables = (("administrations", "administration"), ("funding_sources", "funding"),
              ("areas", "area"))
    parents: dict[str, list[str]] = {}
    for row in dataset.rows("located_in"):
        if str(row["source"]).startswith("area:") and str(row["target"]).startswith("area:"):
            parents.setdefault(row["source"], []).append(row["target"])
    entries: list[Entry] = []
    for table, kind in tables:
        for row in dataset.rows(table):
            above = parents.get(row["id"], []) if kind == "area" else []
            parent, more = (above[0], tuple(above[1:])) if above else ("", ())
            names = [(row["title"], "name")]
            if row.values.get("abbreviation"):
                names.append((row["abbreviation"], "abbreviation"))
            names += [(alias, "alias") for alias in row["aliases"] or []]
            seen: set[str] = set()
            for text, name_type in names:
                if _looks_abbreviated(text):
                    name_type = "abbreviation"
                key = fold(text)
                if key not in seen:
                    seen.add(key)
                    entries.append(Entry(kind, row["id"], text, name_type, parent, more))
    return entries


def _looks_abbreviated(name: str) -> bool:
    """"ABC", "ØF", "XYZ2": short, no spaces, capitals only."""
    return len(name) <= 6 and re.fullmatch(r"[A-ZÆØÅ][A-ZÆØÅ0-9]+", name) is not None
