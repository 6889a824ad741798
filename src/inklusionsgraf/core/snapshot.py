"""A snapshot of a core in the user's cache folder, so a second call skips reading and checking.

One file per dataset, ``$XDG_CACHE_HOME/inklusionsgraf/<key>.snapshot`` (default
``~/.cache/inklusionsgraf``), never in the dataset's folder; the key is a hash of the
dataset folder's resolved path. Written atomically (:mod:`inklusionsgraf.safety`).

Never stale: the snapshot keeps a stamp of every table as git's index does (size,
``mtime_ns``, ``ctime_ns``, inode, device; and the CRC-32 of a table changed in the last two
seconds), taken before the tables are read (:mod:`.stamp`).

Never trusted when damaged: the file holds segments (each table as Arrow IPC, each array as
raw NumPy bytes, read memory-mapped) with a CRC-32 per BLOCK, and a header (the stamp, the
segments and how the core is made of them; in :mod:`marshal`, as Python's own ``.pyc``
caches, read three times as fast as JSON) with its own CRC-32, checked on every read. A
segment is checked the first time it is used: the core's own arrays and its time arrays
when the snapshot is read; a table, the arrays of an edge kind or a list of carried edges
when a question first reads it (see :class:`Lazy`), so a question checks only what it reads.
A damaged segment is reported on stderr and the core built again from the tables; when it
is found after the snapshot was read, the rebuilt core's parts serve from then on (both
cores come from the very same tables, which is checked before and after the rebuild). Then
a new snapshot is written.

The core is kept generically from its attributes: arrays, Arrow tables and arrays, plain
values (numbers, strings, lists, dicts), and objects and dicts of these; so an array added
to the core, its edges or its time is kept with no change here.
"""

from __future__ import annotations

import hashlib
import importlib
import marshal
import os
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
import pyarrow as pa

from inklusionsgraf.core.stamp import matches, on_two_threads, settled, stamp
from inklusionsgraf.errors import InklusionsgrafError

FORMAT = 2
MAGIC = b"IGSNAP" + bytes([FORMAT, marshal.version])  # another format or marshal: stale
PREAMBLE = struct.Struct("<8sQQI")  # magic, header offset, header length, CRC-32 of the header
ALIGN = 64
BLOCK = 1 << 23  # a CRC-32 per 8 MiB of a segment, so two threads can check one
SCALARS = (type(None), bool, int, float, str)  # exactly these: marshal refuses their subclasses
LONG = 1024  # a list of this many whole numbers is kept as an array
NOT_KEPT = ("numbers",)  # Tables.numbers: the edges' node numbers, in the core's edges already
CALLBACKS = {"names": "id_of"}  # an attribute holding a function -> the core's method it stands for


class Damaged(Exception):
    """The snapshot file cannot be trusted."""


class TablesChanged(InklusionsgrafError):
    """The tables changed while a question was being answered from their snapshot."""


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "inklusionsgraf"


def snapshot_path(directory: Path) -> Path:
    key = hashlib.blake2b(str(Path(directory).resolve()).encode(), digest_size=12).hexdigest()
    return cache_folder() / f"{key}.snapshot"


def cached(directory: Path, build):
    """The core of ``directory`` from its snapshot when that matches the tables; else
    ``build()`` and snapshot it (a cache folder that cannot be written is only noted)."""
    path = snapshot_path(directory)
    if path.exists():
        try:
            core = read(path, directory, build)
        except Damaged as damage:
            _warn(path, damage)
            core = None
        if core is not None:
            return core
    return _build(path, directory, build)


def _build(path: Path, directory: Path, build):
    before = stamp(directory)
    core = build()
    _write_or_note(path, core, before, directory)
    return core


def _write_or_note(path: Path, core, before: dict, directory: Path) -> None:
    try:
        write(path, core, before, directory)
    except OSError as error:
        print(f"note: could not write the snapshot {path}: {error.strerror or error}", file=sys.stderr)
    except TypeError as error:  # a part of the core the snapshot cannot keep: the answer stands
        print(f"note: could not write the snapshot {path}: {error}", file=sys.stderr)


def _warn(path: Path, damage: Damaged) -> None:
    print(f"warning: the snapshot {path} is damaged ({damage}); reading the tables again "
          "and writing a new one", file=sys.stderr)


# --- writing ------------------------------------------------------------------------------

def write(path: Path, core, before: dict, directory: Path) -> None:
    """Snapshot ``core``, read from the tables ``before`` stamped (nothing when they changed
    since)."""
    from inklusionsgraf.safety import new_dir_mode, open_atomic

    now = settled(before, directory)
    if now is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=new_dir_mode())
    with open_atomic(path, binary=True) as handle:
        writer = _Writer(handle)
        structure = writer.encode(core, [])
        header = marshal.dumps({"stamp": now, "segments": writer.segments, "core": structure})
        handle.write(header)
        handle.seek(0)
        handle.write(PREAMBLE.pack(MAGIC, writer.offset, len(header), zlib.crc32(header)))


class _Writer:
    """The segments of a snapshot being written, each straight to the file, and the plain
    values that say how the core is made of them."""

    def __init__(self, handle):
        self.handle, self.offset, self.segments, self.seen = handle, ALIGN, [], {}
        handle.write(b"\0" * ALIGN)  # the preamble's place

    def segment(self, data, **about) -> int:
        data = memoryview(data).cast("B")
        crcs = [zlib.crc32(data[i:i + BLOCK]) for i in range(0, len(data), BLOCK)]
        self.segments.append({"offset": self.offset, "length": len(data), "crcs": crcs, **about})
        pad = -len(data) % ALIGN
        self.handle.write(data)
        self.handle.write(b"\0" * pad)
        self.offset += len(data) + pad
        return len(self.segments) - 1

    def array(self, array: np.ndarray) -> int:
        array = np.ascontiguousarray(array)
        return self.segment(array.reshape(-1), dtype=array.dtype.str, shape=list(array.shape))

    def arrow(self, table: pa.Table) -> int:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, table.schema) as ipc:
            ipc.write_table(table)
        return self.segment(sink.getvalue())

    def encode(self, value, path: list):
        """The plain value for ``value`` (at ``path`` from the core), its bulk written as segments."""
        if type(value) in SCALARS:
            return value
        if id(value) in self.seen:  # the same object twice (core.documents is core.tables.documents)
            return {"$": "same", "path": self.seen[id(value)][0]}
        self.seen[id(value)] = (path, value)  # the value kept alive, so its id stays its own
        if isinstance(value, np.ndarray):
            if value.dtype.hasobject:
                raise TypeError(f"the snapshot cannot keep the object array at {path}")
            return {"$": "array", "segment": self.array(value)}
        if isinstance(value, pa.Table):
            return {"$": "table", "segment": self.arrow(value)}
        if isinstance(value, (pa.Array, pa.ChunkedArray)):
            return {"$": "arrow", "chunked": isinstance(value, pa.ChunkedArray),
                    "segment": self.arrow(pa.table({"values": value}))}
        if isinstance(value, Path):
            return {"$": "path", "value": str(value)}
        if _plain(value):
            return {"$": "plain", "value": value}
        if type(value) is list and len(value) >= LONG and all(type(v) is int for v in value):
            return {"$": "ints", "segment": self.array(np.array(value, np.int64))}
        if type(value) in (list, tuple):
            items = [self.encode(v, [*path, i]) for i, v in enumerate(value)]
            return {"$": type(value).__name__, "items": items}
        if isinstance(value, dict) and all(type(k) in SCALARS for k in value):
            return {"$": "dict", "items": {k: self.encode(v, [*path, k]) for k, v in value.items()}}
        if callable(value) and path and path[-1] in CALLBACKS:
            return {"$": "method", "name": CALLBACKS[path[-1]]}
        if hasattr(value, "__dict__") and type(value).__module__.startswith("inklusionsgraf."):
            attributes = {name: self.encode(v, [*path, name]) for name, v in vars(value).items()
                          if name not in NOT_KEPT and not name.startswith("_")}
            caches = [name for name in vars(value) if name in NOT_KEPT or name.startswith("_")]
            return {"$": "object", "class": f"{type(value).__module__}:{type(value).__qualname__}",
                    "attributes": attributes, "caches": caches}
        raise TypeError(f"the snapshot cannot keep the {type(value).__name__} at {path}")


def _plain(value) -> bool:
    """Whether ``value`` is made only of numbers, strings, lists, tuples, sets and dicts,
    which marshal keeps as they are (short lists only: long lists of whole numbers are kept
    as arrays)."""
    if type(value) in SCALARS:
        return True
    if type(value) in (list, tuple, set, frozenset):
        return (len(value) < LONG or not all(type(v) is int for v in value)) and all(map(_plain, value))
    if type(value) is dict:
        return all(type(k) in SCALARS and _plain(v) for k, v in value.items())
    return False


# --- reading ------------------------------------------------------------------------------

def read(path: Path, directory: Path, build=None):
    """The core in the snapshot at ``path``; None when it was made from other tables (or by
    other code); Damaged when it cannot be trusted. A segment found damaged later, when it is
    first used, is rebuilt with ``build`` (without it: Damaged then)."""
    try:
        data = pa.memory_map(str(path)).read_buffer()
    except (OSError, pa.ArrowException) as error:
        raise Damaged(f"it cannot be read: {error}") from None
    view = memoryview(data)
    if len(view) < PREAMBLE.size:
        raise Damaged("it is shorter than its preamble")
    magic, start, length, header_crc = PREAMBLE.unpack_from(view)
    if magic[:6] == MAGIC[:6] and magic != MAGIC:
        return None  # a snapshot of another format: not damaged, stale
    if magic != MAGIC:
        raise Damaged("it does not start as a snapshot does")
    if start + length != len(view) or zlib.crc32(view[start:start + length]) != header_crc:
        raise Damaged("its header does not match its checksum")
    try:
        header = marshal.loads(view[start:start + length])
    except (ValueError, EOFError, TypeError):
        raise Damaged("its header is not readable") from None
    try:
        fresh = matches(header["stamp"], directory)
    except (KeyError, TypeError, AttributeError):
        raise Damaged("its header does not hold a stamp") from None
    if not fresh:
        return None  # made from other tables (or by other code): not damaged, stale
    snapshot = Snapshot(path, data, start, header, Path(directory), build)
    try:
        snapshot.check(_segments(header["core"]))
    except (KeyError, TypeError, IndexError) as error:
        raise Damaged(f"its header does not describe its segments: {error!r}") from None
    return snapshot.decode(header["core"], [])


def _segments(node) -> set[int]:
    """The segments ``node`` is read from when it is restored (not those in its dicts, which
    are restored when first read)."""
    if not isinstance(node, dict):
        return set()
    tag = node["$"]
    if "segment" in node:
        return {node["segment"]}
    if tag == "object":
        return set().union(*map(_segments, node["attributes"].values()))
    if tag in ("list", "tuple"):
        return set().union(*map(_segments, node["items"]))
    return set()


class Snapshot:
    """A snapshot file read memory-mapped: its header, which segments have been checked, and,
    once a damaged one was found in use, the core rebuilt from the tables."""

    def __init__(self, path: Path, data: pa.Buffer, end: int, header: dict, directory: Path, build):
        self.path, self.data, self.end, self.header = path, data, end, header
        self.directory, self.build = directory, build
        self.checked: set[int] = set()
        self.core = None  # the core being restored (for "same" and "method")
        self.rebuilt = None

    def check(self, segments) -> None:
        """Damaged unless every block of ``segments`` matches its CRC-32."""
        blocks = []
        for index in sorted(set(segments) - self.checked):
            segment = self.header["segments"][index]
            offset, length = segment["offset"], segment["length"]
            if offset < ALIGN or offset + length > self.end or len(segment["crcs"]) != -(-length // BLOCK):
                raise Damaged(f"its segment {index} lies outside its body")
            view = memoryview(self.data)[offset:offset + length]
            blocks += [(view[i * BLOCK:(i + 1) * BLOCK], value) for i, value in enumerate(segment["crcs"])]
        if not all(on_two_threads(lambda block: zlib.crc32(block[0]) == block[1], blocks)):
            raise Damaged("its contents do not match their checksums")
        self.checked |= set(segments)

    def restore(self, node, path: list):
        """The value of ``node`` (at ``path`` from the core), its segments checked first; the
        rebuilt core's once a damaged segment was found."""
        if self.rebuilt is None:
            try:
                self.check(_segments(node))
                return self.decode(node, path)
            except Damaged as damage:
                if self.build is None:
                    raise
                self.rebuild(damage)
        return _at(self.rebuilt, path)

    def rebuild(self, damage: Damaged) -> None:
        """Warn, build the core again from the very tables of the snapshot, and snapshot it."""
        from inklusionsgraf.collector import paused

        _warn(self.path, damage)
        before = stamp(self.directory)
        if not matches(self.header["stamp"], self.directory):
            raise TablesChanged(f"the tables in {self.directory} changed while they were being answered "
                                "from their snapshot; run the command again")
        with paused():
            core = self.build()
        if not matches(self.header["stamp"], self.directory):
            raise TablesChanged(f"the tables in {self.directory} changed while they were being read "
                                "again; run the command again")
        self.rebuilt = core
        _write_or_note(self.path, core, before, self.directory)

    def buffer(self, index: int) -> pa.Buffer:
        segment = self.header["segments"][index]
        return self.data.slice(segment["offset"], segment["length"])

    def decode(self, node, path: list):
        """The value of ``node`` (its segments checked already)."""
        if not isinstance(node, dict):
            return node
        try:
            return DECODERS[node["$"]](self, node, path)
        except (KeyError, ValueError, TypeError, IndexError, AttributeError, ImportError,
                pa.ArrowException) as error:
            raise Damaged(f"it does not hold a core: {error!r}") from None


def _array(snapshot: Snapshot, node: dict, path: list) -> np.ndarray:
    segment = snapshot.header["segments"][node["segment"]]
    array = np.frombuffer(snapshot.buffer(node["segment"]), dtype=np.dtype(segment["dtype"]))
    return array.reshape(segment["shape"])


def _arrow(snapshot: Snapshot, node: dict, path: list):
    column = _table(snapshot, node, path).column(0)
    if node["chunked"]:
        return column
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _table(snapshot: Snapshot, node: dict, path: list) -> pa.Table:
    return pa.ipc.open_file(snapshot.buffer(node["segment"])).read_all()


def _object(snapshot: Snapshot, node: dict, path: list):
    module, name = node["class"].split(":")
    if not module.startswith("inklusionsgraf."):
        raise TypeError(f"{node['class']} is not a class of inklusionsgraf")
    cls = importlib.import_module(module)
    for part in name.split("."):
        cls = getattr(cls, part)
    value = cls.__new__(cls)
    if not path:
        snapshot.core = value
    attributes = vars(value)
    for attribute, sub in node["attributes"].items():
        attributes[attribute] = snapshot.decode(sub, [*path, attribute])
    for attribute in node["caches"]:
        attributes[attribute] = None
    return value


def _at(value, path: list):
    """The part of ``value`` at ``path`` (attribute names, dict keys, list positions)."""
    for step in path:
        value = value[step] if isinstance(value, (dict, list, tuple)) else getattr(value, step)
    return value


DECODERS = {
    "array": _array,
    "ints": lambda snapshot, node, path: _array(snapshot, node, path).tolist(),
    "table": _table,
    "arrow": _arrow,
    "path": lambda snapshot, node, path: Path(node["value"]),
    "plain": lambda snapshot, node, path: node["value"],
    "list": lambda snapshot, node, path: [snapshot.decode(v, [*path, i]) for i, v in enumerate(node["items"])],
    "tuple": lambda snapshot, node, path: tuple(snapshot.decode(v, [*path, i]) for i, v in enumerate(node["items"])),
    "dict": lambda snapshot, node, path: Lazy(snapshot, node["items"], path),
    "same": lambda snapshot, node, path: _at(snapshot.core, node["path"]),
    "method": lambda snapshot, node, path: getattr(snapshot.core, node["name"]),
    "object": _object,
}


_PENDING = object()


class Lazy(dict):
    """A dict of a snapshot whose values are restored, their segments checked, when first
    read (a table, the arrays of an edge kind, a list of carried edges): a question checks
    only what it reads. Bulk reads (items, values, copies, comparisons) restore them all."""

    def __init__(self, snapshot: Snapshot, nodes: dict, path: list):
        super().__init__(dict.fromkeys(nodes, _PENDING))
        self._snapshot, self._nodes, self._path = snapshot, nodes, path

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        if value is _PENDING:
            value = self._snapshot.restore(self._nodes[key], [*self._path, key])
            dict.__setitem__(self, key, value)
        return value

    def _all(self) -> None:
        for key in list(dict.keys(self)):
            self[key]

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __iter__(self):  # not dict's own: dict(lazy) and {**lazy} then read through __getitem__
        return iter(dict.keys(self))

    def values(self):
        self._all()
        return dict.values(self)

    def items(self):
        self._all()
        return dict.items(self)

    def pop(self, key, *default):
        if key in self:
            self[key]
        return dict.pop(self, key, *default)

    def popitem(self):
        self._all()
        return dict.popitem(self)

    def setdefault(self, key, default=None):
        return self[key] if key in self else dict.setdefault(self, key, default)

    def copy(self) -> dict:
        return dict(self.items())

    def __eq__(self, other):
        self._all()
        return dict.__eq__(self, other)

    def __ne__(self, other):
        self._all()
        return dict.__ne__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self._all()
        return dict.__repr__(self)

    def __reduce__(self):
        return dict, (self.copy(),)
