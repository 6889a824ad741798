"""Progress of a long extraction, one line at a time on stderr.

Only for a large input (over :data:`LARGE` bytes in all) or when stderr is a terminal: each
document as it is begun ("extract: reading 1/2: plan.txt (50.0 MB)"), then how much of the
input is read ("extract: 12 of 50 MB"), about every 5 % of it, at least every 10 seconds.

A document is read in passes (one per layout found, then the layout-free pass); each pass
counts for an equal share of the document, so the figure only grows.

>>> lines = []
>>> p = Progress([10_000_000], lines.append, clock=iter(range(0, 100, 3)).__next__)
>>> p.document(1, "a.txt", passes=2, lines=100)
>>> for k in range(2):
...     p.next_pass()
...     for n in range(1, 101):
...         p.line(n)
>>> lines[0], lines[-1]
('extract: reading 1/1: a.txt (10.0 MB)', 'extract: 10 of 10 MB')
"""

from __future__ import annotations

import os
import sys
import time

LARGE = 5_000_000  # bytes of input past which extract reports its progress
SHARE = 0.05  # a report about every 5 % of the input ...
QUIET_SECONDS = 2.0  # ... but no sooner than this after the last one,
LONGEST_SECONDS = 10.0  # and at least this often
EVERY_LINES = 256  # how often a pass looks at the clock


class Progress:
    """Where the extraction is, in bytes of the whole input (``sizes``: the bytes of each
    input file, in order); reports through ``write``."""

    def __init__(self, sizes: list[int], write, clock=time.monotonic):
        self.sizes, self.write, self.clock = list(sizes), write, clock
        self.total = sum(self.sizes)
        self.done = 0  # bytes of the input files before the document under way
        self.size = self.passes = self.lines = self.pass_ = 0
        self.reported, self.when = 0.0, clock()

    @classmethod
    def for_files(cls, files, stream=None) -> "Progress | None":
        """A progress report for these input files, or None when the input is small and
        stderr no terminal."""
        stream = stream or sys.stderr
        sizes = [os.path.getsize(f) if os.path.isfile(f) else 0 for f in files]
        if sum(sizes) <= LARGE and not _is_terminal(stream):
            return None
        return cls(sizes, lambda text: print(text, file=stream, flush=True))

    def document(self, number: int, path, passes: int, lines: int) -> None:
        """Input file ``number`` (from 1) is begun: it will be read in ``passes`` passes over
        ``lines`` lines."""
        self.done = sum(self.sizes[:number - 1])
        self.size = self.sizes[number - 1] if number <= len(self.sizes) else 0
        self.passes, self.lines, self.pass_ = max(passes, 1), max(lines, 1), -1
        self.write(f"extract: reading {number}/{len(self.sizes)}: {path} ({self.size / 1e6:.1f} MB)")

    def next_pass(self) -> None:
        self.pass_ += 1

    def line(self, number: int) -> None:
        """The pass under way has reached line ``number`` of the document."""
        if number % EVERY_LINES and number != self.lines:
            return
        share = (self.pass_ + min(number / self.lines, 1.0)) / self.passes
        at = self.done + self.size * share
        now = self.clock()
        quiet = now - self.when
        if at > self.reported and (quiet >= LONGEST_SECONDS or
                                   quiet >= QUIET_SECONDS and at - self.reported >= SHARE * self.total
                                   or at >= self.total and self.reported < self.total):
            digits = 0 if self.total >= 10e6 else 1
            self.write(f"extract: {at / 1e6:.{digits}f} of {self.total / 1e6:.{digits}f} MB")
            self.reported, self.when = at, now


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
