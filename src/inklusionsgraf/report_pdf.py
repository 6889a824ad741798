"""A report's HTML printed to PDF by headless Chromium, where it is installed.

Chromium is the one named by ``INKLUSIONSGRAF_CHROMIUM``, else the first of ``chromium``,
``chromium-browser``, ``google-chrome`` on the PATH. It prints from a private temporary
folder; the caller writes the PDF's bytes atomically.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from inklusionsgraf.errors import InklusionsgrafError, WordedError

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 120  # seconds


def find_chromium() -> str | None:
    named = os.environ.get("INKLUSIONSGRAF_CHROMIUM")
    if named:
        return named if Path(named).is_file() and os.access(named, os.X_OK) else None
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def require_chromium() -> str:
    """The Chromium to print with, or a clear error saying none was found."""
    browser = find_chromium()
    if browser is None:
        raise WordedError("msg.no_chromium", browsers=", ".join(BROWSERS))
    return browser


def html_to_pdf(html: str) -> bytes:
    """The PDF Chromium prints of ``html`` (A4, as the page's @page rule asks)."""
    browser = require_chromium()
    with tempfile.TemporaryDirectory(prefix="inklusionsgraf-pdf-") as folder:
        page, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [browser, "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", f"--user-data-dir={Path(folder) / 'profile'}",
                   "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root in its sandbox
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InklusionsgrafError(f"cannot write a PDF: {browser} failed ({exc}); nothing was written") from exc
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise InklusionsgrafError(f"cannot write a PDF: {browser} printed nothing ({last}); nothing was written")
        return pdf.read_bytes()
