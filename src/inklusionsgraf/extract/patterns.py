"""Regular-expression pieces shared by the extractors (standard library only)."""

SPACE = r"[^\S\t\n\r\f\v]"  # space within one line; a tab or line break ends a cell or row
DASH = r"[-–—‐‑‒−]"  # hyphen, en and em dash, Word's non-breaking and figure dashes
