"""Whether a snapshot was made from the tables as they are now: a stamp of every table.

As git's index does, a stamp keeps every table's size, ``mtime_ns``, ``ctime_ns``, inode and
device, taken before the tables are read. Writing a file or setting its times changes its
ctime, which no user can set, so a changed table no longer matches its stamp, whatever its
size and mtime. A table whose times lie within RACY_NS of its stamp could change again in
the same tick of the file system's clock and keep them: such a table's CRC-32 is kept too
and checked on every read, and dropped when the snapshot is written once the clock has moved
on (:func:`settled`). The stamp also holds what else a snapshot depends on: its format, the
package's version, the code that makes a core, and the dataset's folder (the snapshot's
format is in its first bytes).
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from inklusionsgraf.tables import SPECS

RACY_NS = 2_000_000_000  # a table changed this close to its stamp keeps its CRC-32 too
CHUNK = 1 << 24
CODE = ("checks.py", "model.py", "tables.py", "timeline.py")  # beside core/*.py: what reads the tables and makes a core
FILES = {spec.name: spec.file for spec in SPECS}


def crc(path: Path) -> int:
    """The CRC-32 of a file's bytes, read in chunks (zlib lets other threads run meanwhile)."""
    value = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            value = zlib.crc32(chunk, value)
    return value


def key(directory: Path) -> dict:
    """What else a snapshot depends on: the package's version and code (each module's size
    and time), the dataset's folder."""
    from inklusionsgraf import __version__

    package = Path(__file__).resolve().parents[1]
    code = hashlib.blake2b(digest_size=12)
    for name in [*CODE, *sorted(path.relative_to(package).as_posix() for path in (package / "core").glob("*.py"))]:
        try:
            info = os.stat(package / name)
            code.update(f"{name} {info.st_size} {info.st_mtime_ns};".encode())
        except OSError:
            code.update(f"{name} -;".encode())
    return {"version": __version__, "code": code.hexdigest(),
            "dataset": str(Path(directory).resolve())}


def stamp(directory: Path, sums: bool = True) -> dict:
    """Size, mtime_ns, ctime_ns, inode and device of every table there is (None for a missing
    one) and, with ``sums``, the CRC-32 of each table changed within RACY_NS of now."""
    taken = time.time_ns()
    tables, racy = {}, []
    for name, file in FILES.items():
        try:
            info = os.stat(Path(directory) / file)
        except FileNotFoundError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            tables[name] = None
            continue
        tables[name] = {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "ctime_ns": info.st_ctime_ns,
                        "inode": info.st_ino, "device": info.st_dev}
        if sums and max(info.st_mtime_ns, info.st_ctime_ns) > taken - RACY_NS:
            racy.append(name)
    for name, value in zip(racy, on_two_threads(lambda name: crc(Path(directory) / FILES[name]), racy)):
        tables[name]["crc"] = value
    return {"key": key(directory), "tables": tables}


def _stats(entry: dict | None) -> dict | None:
    return None if entry is None else {k: v for k, v in entry.items() if k != "crc"}


def matches(stored: dict, directory: Path) -> bool:
    """Whether the tables are as ``stored`` stamped them: the same key, every table's size,
    times, inode and device, and its CRC-32 where one was kept."""
    now = stamp(directory, sums=False)
    if stored["key"] != now["key"] or stored["tables"].keys() != now["tables"].keys():
        return False
    if any(_stats(entry) != now["tables"][name] for name, entry in stored["tables"].items()):
        return False
    kept = [(name, entry["crc"]) for name, entry in stored["tables"].items() if entry and "crc" in entry]
    sums = on_two_threads(lambda pair: crc(Path(directory) / FILES[pair[0]]), kept)
    return all(value == expected for (_, expected), value in zip(kept, sums))


def settled(before: dict, directory: Path) -> dict | None:
    """The stamp to keep for a core read from the tables ``before`` stamped, taken again
    after the reading: None when any table changed meanwhile. A table that was within RACY_NS
    of ``before`` and is no longer keeps no CRC-32 (the file system's clock has moved on)."""
    now = stamp(directory)
    if now["key"] != before["key"]:
        return None
    for name, entry in before["tables"].items():
        if _stats(entry) != _stats(now["tables"][name]):
            return None
        if entry and "crc" in entry:
            value = now["tables"][name].get("crc")
            if value is None:
                value = crc(Path(directory) / FILES[name])
            if value != entry["crc"]:
                return None
    return now


_pool = None


def on_two_threads(function, items: list) -> list:
    """``function`` over ``items``, on two threads when there are several (zlib's CRC-32
    lets the other thread run)."""
    global _pool
    if len(items) < 2:
        return [function(item) for item in items]
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2)
    return list(_pool.map(function, items))
