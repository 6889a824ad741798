"""A columnar, integer-indexed core for the gap questions (pyarrow and numpy).

The tables are read column by column (:mod:`.columns`), the nodes numbered once and the
edges kept as integer arrays per kind (:mod:`.graph`), the time and identity attributes of
:mod:`inklusionsgraf.timeline` held as arrays (:mod:`.time`), and the questions answered as
passes over those arrays (:mod:`.questions`), with the exact answers of
:mod:`inklusionsgraf.queries`. Anything else gets networkx from :meth:`Core.to_networkx`.

pyarrow and numpy are imported only when a core is loaded, never by ``import inklusionsgraf``.

>>> from inklusionsgraf.core import load_core
>>> core = load_core()
>>> core.question("orphans").summary["goals"] > 0
True
"""

from __future__ import annotations

QUESTIONS = ("unfunded", "orphans")  # the questions the core answers itself


def load_core(directory=None, *, cache: bool = True):
    """The core of a data directory (default: the bundled data): from the snapshot cache when
    one matches the tables, else read, checked and (with ``cache``) snapshotted."""
    from inklusionsgraf.core.graph import load

    return load(directory, cache=cache)


__all__ = ["QUESTIONS", "load_core"]
