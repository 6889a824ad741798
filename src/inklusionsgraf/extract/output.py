"""Writing an extraction: the 11 tables, candidates.csv, and the text of .docx inputs.

Everything is checked before anything is written (the tables must pass the same checks as
``inklusionsgraf validate``), and every file is written through a temporary file and a
rename, so an output directory never holds half a file.

- ``candidates.csv``: names the gazetteer does not know, for review (document, line, name,
  cue, node): ``node`` is the id of the node made for a name with a strong cue (its row says
  ``review``), empty for a name that stays a candidate only.
- ``sources/NAME.txt``: for a ``.docx`` input, the text its line numbers refer to (line N is
  the N-th paragraph or table row), so ``validate --sources DIR/sources`` can check quotes
  after renaming, and a reader can find each quote.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from inklusionsgraf.errors import DataError
from inklusionsgraf.export import write_atomic
from inklusionsgraf.extract.assemble import Extraction
from inklusionsgraf.tables import SPECS, read_dataset, write_table

CANDIDATES = "candidates.csv"
CANDIDATE_COLUMNS = ("document", "line", "name", "cue", "node")


def check_tables(tables: dict[str, list[dict]]) -> None:
    """Raise DataError when the tables would not pass ``validate`` (nothing is written)."""
    with tempfile.TemporaryDirectory(prefix="inklusionsgraf-check-") as tmp:
        _checked(tables, tmp)


def _checked(tables: dict[str, list[dict]], folder: str) -> list[Path]:
    """The tables written into ``folder`` and read back as ``validate`` reads them."""
    paths = [write_table(folder, spec.name, tables.get(spec.name, [])) for spec in SPECS]
    read_dataset(folder)
    return paths


def write_extraction(extraction: Extraction, directory: str | Path) -> list[Path]:
    """Write the tables, the candidates and the .docx texts into ``directory``: the tables
    are the very files that were checked."""
    from inklusionsgraf.safety import write_bytes

    directory = Path(directory)
    with tempfile.TemporaryDirectory(prefix="inklusionsgraf-check-") as tmp:
        checked = _checked(extraction.tables, tmp)
        directory.mkdir(parents=True, exist_ok=True)
        written = [write_bytes(directory / path.name, path.read_bytes(), table_ok=True)
                   for path in checked]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CANDIDATE_COLUMNS)
    for c in sorted(extraction.candidates, key=lambda c: (c.document, c.line, c.name)):
        writer.writerow([c.document, c.line, c.name, c.cue, c.node])
    written.append(write_atomic(directory / CANDIDATES, buffer.getvalue()))
    for source in extraction.sources:
        if source.name.lower().endswith(".docx"):
            written.append(write_atomic(directory / "sources" / f"{source.name}.txt", source.text()))
    return written


__all__ = ["CANDIDATES", "DataError", "check_tables", "write_extraction"]
