"""Reading source documents (.txt as in the seeds, or Word .docx) into numbered lines.

Both kinds become a :class:`Source`: a list of :class:`Line` objects, numbered from 1, each
with its text and, for a table row, its cells (each cell a list of paragraphs). The text of
a line is what a quote is checked against.

- ``.txt``: line N is line N of the file. A table row is a line with tab-separated cells;
  ``<p>...</p>`` inside a cell separates paragraphs; other markup is removed from the cells
  (never from the text).
- ``.docx``: the body is read in reading order; line N is the N-th paragraph or table row
  (every paragraph counts, empty ones too). A table row's text is its cells joined by tabs,
  and a cell of several paragraphs is written as ``<p>..</p> <p>..</p>``, the seeds' own
  convention, so the rendered text (:meth:`Source.text`) lines up with the line numbers.

Unreadable input raises :class:`SourceError` with the line where the problem is.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.extract.memo import remembered

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"\[(.*?)\]\(#?\)")
_CHECKED = re.compile(r"<input[^>]*checked[^>]*>")
_UNCHECKED = re.compile(r"<input[^>]*checkbox[^>]*>")
CHECKED, UNCHECKED = "[x]", "[ ]"


class SourceError(InklusionsgrafError):
    """A document that cannot be read: binary, empty, broken."""

    def __init__(self, file: str, line: int, message: str):
        self.file, self.line = file, line
        super().__init__(f"{file}:{line}: {message}")


@dataclass(frozen=True)
class Line:
    """One numbered line: its text, and its cells when it is a table row."""

    number: int
    text: str
    cells: tuple[tuple[str, ...], ...] = ()

    @cached_property
    def is_row(self) -> bool:
        return len(self.cells) > 1

    def cell(self, index: int) -> str:
        """The paragraphs of one cell joined by spaces ('' past the last cell)."""
        joined = self._joined
        return joined[index] if index < len(joined) else ""

    @cached_property
    def _joined(self) -> tuple[str, ...]:
        return tuple(" ".join(paragraphs) for paragraphs in self.cells)


@dataclass
class Source:
    """A document as numbered lines; ``name`` is the input file's name."""

    name: str
    lines: list[Line] = field(default_factory=list)

    def line(self, number: int) -> Line:
        return self.lines[number - 1]

    def text(self) -> str:
        """The text the line numbers refer to (for .txt, the file itself)."""
        return "\n".join(line.text for line in self.lines) + "\n"


def clean(text: str) -> str:
    """Cell text without markup: tags dropped, entities decoded, white space collapsed."""
    text = _MD_LINK.sub(r"\1", text)
    text = _CHECKED.sub(CHECKED, text)
    text = _UNCHECKED.sub(UNCHECKED, text)
    text = html.unescape(_TAG.sub(" ", text)).replace("\\(", "(").replace("\\)", ")")
    return " ".join(text.replace("*", " ").split()).strip()


@remembered
def split_paragraphs(cell: str) -> tuple[str, ...]:
    """A cell's paragraphs: its ``<p>`` blocks (and text between them), cleaned."""
    if "<p>" not in cell:
        text = clean(cell)
        return (text,) if text else ()
    parts, last = [], 0
    for match in _PARAGRAPH.finditer(cell):
        parts.append(cell[last:match.start()])
        parts.append(match.group(1))
        last = match.end()
    parts.append(cell[last:])
    return tuple(text for text in (clean(p) for p in parts) if text)


def line_from_text(number: int, text: str) -> Line:
    """A .txt line; tab-separated cells make it a table row."""
    if "\t" not in text:
        return Line(number, text)
    cells = tuple(split_paragraphs(cell) for cell in text.split("\t"))
    return Line(number, text, cells)


def read_source(path: str | Path) -> Source:
    """Read a .txt or .docx document; raise SourceError if it cannot be used."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise SourceError(name, 0, "no such file")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(name, 1, "file is empty")
    if path.suffix.lower() == ".docx" or data[:4] == b"PK\x03\x04":
        return _read_docx(path, name)
    return _read_text(data, name)


def _utf16(data: bytes) -> bool:
    """Text in UTF-16: a byte-order mark, or a NUL in every other byte of the start, and it
    decodes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:4096]
    for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros and zeros.count(0) >= 0.9 * len(zeros):
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return False
            return True
    return False


def _read_text(data: bytes, name: str) -> Source:
    if b"\x00" in data:
        if _utf16(data):
            raise SourceError(name, 1, "UTF-16 text; save it as UTF-8 (or .docx)")
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SourceError(name, line, "binary file (NUL byte); expected UTF-8 text or .docx")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(name, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                          "save it as UTF-8 or .docx") from None
    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    return Source(name, [line_from_text(i, row.rstrip("\r")) for i, row in enumerate(rows, 1)])


def _read_docx(path: Path, name: str) -> Source:
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(name, 1, f"not a readable .docx file ({exc})") from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and lxml errors
        raise SourceError(name, 1, f"not a readable .docx file ({type(exc).__name__})") from None
    source = Source(name)
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = " ".join(Paragraph(child, document).text.split())
            source.lines.append(Line(len(source.lines) + 1, text))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = _row_cells(row)
                text = "\t".join(_render_cell(paras) for paras in cells)
                source.lines.append(Line(len(source.lines) + 1, text, tuple(cells)))
    if not any(line.text.strip() for line in source.lines):
        raise SourceError(name, 1, "document has no text")
    return source


def _row_cells(row) -> list[tuple[str, ...]]:
    """A docx table row's cells as paragraphs; a cell spanning columns counts once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        paras = tuple(t for t in (" ".join(p.text.split()) for p in cell.paragraphs) if t)
        cells.append(paras)
    return cells


def _render_cell(paragraphs: tuple[str, ...]) -> str:
    if len(paragraphs) <= 1:
        return paragraphs[0] if paragraphs else ""
    return " ".join(f"<p>{p}</p>" for p in paragraphs)
