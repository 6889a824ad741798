"""One small family of exceptions; the CLI turns each into a message and exit status 2."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A defect in the data: which file, which line, what is wrong."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class InklusionsgrafError(Exception):
    """Base of every error this package raises on purpose."""


class WordedError(InklusionsgrafError):
    """An error the terminal says in the user's language: a labels key ``msg.*`` and its
    values; ``str()`` is the English text, for programs and logs."""

    def __init__(self, key: str, **values):
        from inklusionsgraf.labels import labels  # labels imports this module

        self.key = key
        self.values = values
        super().__init__(labels("en")[key].format(**values))


class DataError(InklusionsgrafError):
    """The tables have problems; all of them are in ``problems``."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class NameError_(InklusionsgrafError):
    """A name given by the user does not pick out exactly one node."""

    def __init__(self, message: str, candidates: list[tuple[str, str]], *, name: str = "",
                 kinds: tuple[str, ...] = (), count: int = 0, elsewhere: tuple[str, str] | None = None):
        self.candidates = candidates
        self.name = name          # what the user typed
        self.kinds = kinds        # the kinds of node looked among (none: all)
        self.count = count        # how many nodes it names, where it names several
        self.elsewhere = elsewhere  # (id, kind) of the one node of another kind it names
        super().__init__(message)


class UnknownName(NameError_):
    """No node has this id, title or alias."""


class AmbiguousName(NameError_):
    """Several nodes have this id, title or alias."""
