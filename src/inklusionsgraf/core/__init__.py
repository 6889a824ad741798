"""A columnar, integer-indexed core for the gap questions (pyarrow and numpy).

The tables are read column by column (:mod:`.columns`), the nodes numbered once and the
edges kept as integer arrays per kind (:mod:`.graph`), the time and identity attributes of
:mod:`inklusionsgraf.timeline` held as arrays (:mod:`.time`), and the questions answered as
passes over those arrays (:mod:`.questions` and :mod:`.rows` for the gap questions,
:mod:`.rollups` for impact, deps, area, admin and active), with the exact answers of
:mod:`inklusionsgraf.queries`. A snapshot keeps a core between calls (:mod:`.snapshot`).
Anything else (views, reports, lineage) gets networkx from :meth:`Core.to_networkx`.

pyarrow and numpy are imported only when a core is loaded, never by ``import inklusionsgraf``.

>>> from inklusionsgraf.core import load_core
>>> core = load_core()
>>> core.question("orphans").summary["goals"] > 0
True
"""

from __future__ import annotations

import os
from pathlib import Path

QUESTIONS = ("unfunded", "orphans", "unlinked", "expiring", "impact", "deps", "area", "admin", "active")  # the questions the core answers itself
MIN_BYTES = 1_000_000  # smaller datasets: networkx starts sooner than pyarrow imports


def wanted(directory) -> bool:
    """Whether the CLI should answer from the core: for datasets of at least MIN_BYTES of
    tables (env INKLUSIONSGRAF_CORE=1 always, =0 never)."""
    forced = os.environ.get("INKLUSIONSGRAF_CORE", "")
    if forced in ("0", "1"):
        return forced == "1"
    from inklusionsgraf.tables import SPECS, bundled_data_dir

    folder = Path(directory) if directory is not None else bundled_data_dir()
    size = 0
    for spec in SPECS:
        try:
            size += (folder / spec.file).stat().st_size
        except OSError:
            pass
    return size >= MIN_BYTES


def cache_allowed(option: bool = False) -> bool:
    """False when --no-cache was given or INKLUSIONSGRAF_NO_CACHE is set (not empty, not 0)."""
    return not option and os.environ.get("INKLUSIONSGRAF_NO_CACHE", "") in ("", "0")


def load_core(directory=None, *, cache: bool = True):
    """The core of a data directory (default: the bundled data): from the snapshot cache when
    one matches the tables, else read, checked and (with ``cache``) snapshotted."""
    from inklusionsgraf.core.graph import load

    return load(directory, cache=cache)


__all__ = ["QUESTIONS", "cache_allowed", "load_core", "wanted"]
