"""Small numpy helpers the core's passes share: masks of node numbers, distinct values,
membership in a sorted array, and groups of positions by key (compressed rows)."""

from __future__ import annotations

import numpy as np


def mask(n: int, *nodes) -> np.ndarray:
    """A boolean array of ``n`` with True at every number in ``nodes``."""
    chosen = np.zeros(n, bool)
    for numbers in nodes:
        chosen[np.asarray(numbers, np.int64)] = True
    return chosen


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: np.unique by sorting (numpy 2.4's np.unique hashes and is
    many times slower here)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def within(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Whether each value is one of ``ordered`` (sorted)."""
    at = np.searchsorted(ordered, values)
    return (at < len(ordered)) & (ordered[np.minimum(at, len(ordered) - 1)] == values) if len(ordered) else at < 0


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """arange(start, start + count) for each start and count, one after the other."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, np.int64)
    ends = np.cumsum(counts)
    return np.arange(total, dtype=np.int64) + np.repeat(starts - (ends - counts), counts)


def csr(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The positions of ``keys`` (0 .. n-1) grouped by key, stably, and where each key's group
    starts."""
    order = np.argsort(keys, kind="stable")
    starts = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=starts[1:])
    return order, starts


def expand(order: np.ndarray, starts: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``keys``, the positions of its group (see :func:`csr`): (index into
    ``keys``, position), one key's after the other's."""
    counts = starts[keys + 1] - starts[keys]
    return np.repeat(np.arange(len(keys), dtype=np.int64), counts), order[ranges(starts[keys], counts)]
