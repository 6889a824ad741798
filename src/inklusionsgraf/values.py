"""Pure helpers for text: slugs for ids and folding for name look-up.

>>> slugify("Mjølnerparken")
'mjolnerparken'
>>> fold("  Etnisk  ERHVERVSFREMME ")
'etnisk erhvervsfremme'
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ß": "ss"})


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, with white space collapsed."""
    return " ".join(_strip_accents(text).casefold().split())


def slugify(text: str) -> str:
    """Lower-case ASCII slug: letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def format_dkk(amount: int | None) -> str:
    """Danish thousands separators: 1800000 -> '1.800.000'; None -> '?'."""
    if amount is None:
        return "?"
    return f"{amount:,}".replace(",", ".")
