"""Pausing Python's cycle collector while a big graph is built or queried.

A graph of a million nodes is some ten million Python objects. Every so often the cycle
collector walks all of them, and a build or a query that makes many small objects (and no
cycles) sets it off again and again: at 10⁶ nodes that was most of a query's time. While
paused, memory is still freed as usual (by reference counting).
"""

from __future__ import annotations

import functools
import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """No cycle collection inside the block (restored afterwards, even on error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pausing(function):
    """Decorate ``function`` to run with the cycle collector paused."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with paused():
            return function(*args, **kwargs)
    return wrapper
