"""Print the bundled data's reports to PDF and save their first pages as PNG; print the
page counts (the body before the appendix, and in all).

    exports/report-unfunded-page1.png
    exports/report-orphans-page1.png

Needs Chromium (as ``report … -o x.pdf`` does), pypdf to read the pages and pypdfium2 (with
Pillow) to draw page 1:  pip install pypdf pypdfium2 pillow

    python scripts/report_pages.py [--lang da|en]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pypdfium2
from pypdf import PdfReader

from inklusionsgraf import load_graph
from inklusionsgraf.labels import labels
from inklusionsgraf.reports import build_report, write_report
from inklusionsgraf.tables import bundled_data_dir

REPO = Path(__file__).resolve().parents[1]


def page_counts(pdf: Path, lang: str) -> tuple[int, int]:
    """(pages before the appendix, pages in all): the appendix starts on the first page
    whose text begins with its heading (it always starts a page)."""
    heading = labels(lang)["report.appendix"].split(":")[0]
    pages = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    starts = [i for i, text in enumerate(pages) if heading in text.split("\n", 2)[:2]
              or text.lstrip().split("\n", 1)[-1].startswith(heading)]
    return (starts[0] if starts else len(pages)), len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="da")
    options = parser.parse_args()
    graph = load_graph()
    with tempfile.TemporaryDirectory() as tmp:
        for which in ("unfunded", "orphans"):
            report = build_report(graph, which, options.lang, data_dir=bundled_data_dir())
            pdf = write_report(report, Path(tmp) / f"{which}.pdf")
            body, total = page_counts(pdf, options.lang)
            png = REPO / "exports" / f"report-{which}-page1.png"
            document = pypdfium2.PdfDocument(str(pdf))
            document[0].render(scale=1.6).to_pil().save(png)
            document.close()
            print(f"{which}: {len(report.entries)} goals; {body} pages before the appendix, {total} in all; "
                  f"wrote {png.relative_to(REPO)}")


if __name__ == "__main__":
    main()
