"""Memory for the pure functions the readers ask about the same text several times (a
sentence's periods, amounts, names and words): the last few thousand answers are kept.

It saves asking the same question about one sentence again (each reader, and the layout-free
pass after them, asks about the same sentences), and about a sentence that a document repeats.
``INKLUSIONSGRAF_MEMO=0`` turns it off, to measure the extraction without it.
"""

from __future__ import annotations

import os
from functools import lru_cache, wraps

SIZE = int(os.environ.get("INKLUSIONSGRAF_MEMO", "4096") or 0)


def remembered(function):
    """``function`` with its last ``SIZE`` answers kept (by argument). A list or dict answer
    is handed out as a copy, so a caller may change what it gets."""
    cached = lru_cache(maxsize=SIZE)(function)

    @wraps(function)
    def answer(*args, **kwargs):
        result = cached(*args, **kwargs)
        if isinstance(result, list):
            return list(result)
        if isinstance(result, dict):
            return dict(result)
        return result
    return answer


@remembered
def folded(text: str) -> str:
    """:func:`values.fold`, remembered: a title is folded each time it is compared."""
    from inklusionsgraf.values import fold

    return fold(text)
