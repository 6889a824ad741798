"""Which family a document belongs to, from its structure, and reading a batch of documents.

Families (see the readers' modules):

- ``action_plan`` (:mod:`plan_table`): a table whose header asks for objective, result
  goals, activities, cost and financing;
- ``overview`` (:mod:`overview`): a table of sub-goals, activities, success criteria and the
  goals they support;
- ``status_form`` (:mod:`status_form`): blocks of labelled fields, one per initiative;
- ``prose`` (:mod:`prose`): sections, headings and lists (agreements and reports).

A plan's running text around its tables is read as prose too. Then the layout-free pass
(:mod:`free`) reads every line the readers took nothing from, so a document that shows none
of these structures is still read by the cues of its genre; only an empty or binary file is
skipped, and a document in which nothing was found is a warning.

>>> from inklusionsgraf.extract.sources import Source, line_from_text
>>> family(Source("x.txt", [line_from_text(1, "Bare en linje tekst.")]))
[]
"""

from __future__ import annotations

from pathlib import Path

from inklusionsgraf.extract import free, overview, plan_table, prose, status_form
from inklusionsgraf.extract.assemble import Builder, Extraction
from inklusionsgraf.extract.sources import CHECKED, UNCHECKED, Source, SourceError, read_source
from inklusionsgraf.extract.structure import with_structure

MIN_FIELDS = 3
MIN_ITEMS = 3


def family(source: Source) -> list[str]:
    """The layouts found in a document, most specific first (empty: unknown layout)."""
    found = []
    if any(plan_table.is_header(line) for line in source.lines):
        found.append("action_plan")
    if any(overview.is_header(line) for line in source.lines):
        found.append("overview")
    if not found and status_form.count_fields(source) >= MIN_FIELDS:
        found.append("status_form")
    if "status_form" not in found and (found or prose.count_items(source) >= MIN_ITEMS):
        found.append("prose")
    return found


def document_kind(source: Source, families: list[str]) -> str:
    """The documents.csv kind that the structure suggests."""
    if "action_plan" in families or "overview" in families:
        return "handleplan"
    if "status_form" in families:
        return "statusskema"
    form_like = sum(1 for line in source.lines if _has_tick_box(line) or line.text.rstrip().endswith("?"))
    return "initiativaftale" if form_like >= 2 else "afrapportering"


def _has_tick_box(line) -> bool:
    return any(CHECKED in c or UNCHECKED in c for c in map(line.cell, range(len(line.cells))))


READERS = {
    "action_plan": plan_table.read,
    "overview": overview.read,
    "status_form": status_form.read,
    "prose": prose.read,
}


def extract(paths, gazetteer=None, reference: dict | None = None, progress=None) -> Extraction:
    """Read each document into one set of tables; problems become warnings, never exceptions.

    ``gazetteer`` defaults to the bundled one; ``reference`` maps entity ids to the
    attributes their node rows take (title, type, level), by default from the dataset the
    gazetteer lives in. ``progress`` (a :class:`progress.Progress`) hears of each document
    and pass begun and of the lines the passes reach.
    """
    from inklusionsgraf.extract.gazetteer import Gazetteer

    structure = {}
    if gazetteer is None:
        gazetteer, structure = with_structure(Gazetteer.load())
    if reference is None:
        reference = entity_reference()
    reference = {**structure, **reference}
    out = Extraction()
    build = Builder(out, gazetteer, reference)
    build.progress = progress
    seen: set[str] = set()
    for number, path in enumerate(paths, 1):
        path = Path(path)
        if path.name in seen:
            build.source = Source(path.name)
            build.warn(0, "a document of the same file name is already in this batch; skipped")
            continue
        try:
            source = read_source(path)
        except SourceError as exc:
            build.source = Source(exc.file)
            build.warn(exc.line, str(exc).split(": ", 1)[1] if ": " in str(exc) else str(exc))
            continue
        families = family(source)
        seen.add(path.name)
        out.sources.append(source)
        if progress is not None:
            progress.document(number, path, len(families) + 1, len(source.lines))
        before = _sizes(out)  # what this document adds comes after
        build.start(source, document_kind(source, families) if families else "other")
        for name in families:
            _next_pass(progress)
            READERS[name](source, build)
        _next_pass(progress)
        free.read(source, build, _covered(out, before), alone=not families)
        if not _found_anything(out, before):
            build.warn(1, "read, but found no goal, activity, amount or name in it")
    build.finish()
    return out


def _next_pass(progress) -> None:
    if progress is not None:
        progress.next_pass()


def _sizes(out: Extraction) -> dict[str, int]:
    """How many rows each table (and "candidates") holds: the rows a document adds, all of
    them its own, come after these."""
    return {**{name: len(rows) for name, rows in out.tables.items()}, "candidates": len(out.candidates)}


def _covered(out: Extraction, before: dict[str, int]) -> set[int]:
    """The lines of a document that the layout readers took a row from (a name's node row
    says only where the name first stood, not that its line was read)."""
    return {row["line"] for name, rows in out.tables.items() if name not in _NOT_READING
            for row in rows[before[name]:]}


_NOT_READING = {"documents", "administrations", "funding_sources", "areas"}


def _found_anything(out: Extraction, before: dict[str, int]) -> bool:
    return any(len(rows) > before[name] for name, rows in out.tables.items() if name != "documents") \
        or len(out.candidates) > before["candidates"]


def load_gazetteer(path=None):
    """The gazetteer (default: the bundled one) and the reference for its entities, from
    the dataset in the gazetteer's folder."""
    from inklusionsgraf.extract.gazetteer import Gazetteer

    if path is None:
        gazetteer, structure = with_structure(Gazetteer.load())
        return gazetteer, {**structure, **entity_reference()}
    return Gazetteer.load(path), entity_reference(Path(path).parent)


def entity_reference(directory=None) -> dict:
    """Titles, types and levels of known entities, from the dataset beside the gazetteer."""
    from inklusionsgraf.errors import DataError
    from inklusionsgraf.tables import bundled_data_dir, read_dataset

    try:
        dataset = read_dataset(directory or bundled_data_dir(), check=False)
    except DataError:
        return {}
    reference = {}
    for table in ("administrations", "funding_sources", "areas"):
        for row in dataset.rows(table):
            reference[row["id"]] = {k: v for k, v in row.values.items()
                                    if k in ("title", "type", "level", "abbreviation")}
    return reference
