"""A snapshot of a core in the user's cache folder, so a second call skips reading and checking.

One file per dataset, ``$XDG_CACHE_HOME/inklusionsgraf/<key>.snapshot`` (default
``~/.cache/inklusionsgraf``), never in the dataset's folder. The key is a hash of the
dataset folder's resolved path. The file holds the tables (Arrow IPC) and the core's arrays
(raw NumPy buffers), read memory-mapped, and a stamp of every table: size, ``mtime_ns`` and
a CRC-32 of its bytes (blake2b measured 4-5 times slower here; a cache key needs to notice
a change, not resist an attacker). A snapshot is used only when the stamp matches the tables
as they are now and its own checksums (of its header and of its body) hold; a damaged one is
reported on stderr and rebuilt, never trusted. Written atomically (:mod:`inklusionsgraf.safety`).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import sys
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa

from inklusionsgraf.tables import SPECS

FORMAT = 1
MAGIC = b"IGSNAP\x00\x01"
PREAMBLE = struct.Struct("<8sQI")  # magic, header length, CRC-32 of the header
ALIGN = 64
CHUNK = 1 << 24


class Damaged(Exception):
    """The snapshot file cannot be trusted."""


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "inklusionsgraf"


def snapshot_path(directory: Path) -> Path:
    key = hashlib.blake2b(str(Path(directory).resolve()).encode(), digest_size=12).hexdigest()
    return cache_folder() / f"{key}.snapshot"


def crc(path: Path) -> int:
    """The CRC-32 of a file's bytes, read in chunks (zlib lets other threads run meanwhile)."""
    value = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            value = zlib.crc32(chunk, value)
    return value


def stamp(directory: Path) -> dict:
    """Size, mtime_ns and CRC-32 of every table there is (None for a missing one), and the
    format and package version the snapshot was made with."""
    from inklusionsgraf import __version__

    paths = [Path(directory) / spec.file for spec in SPECS]
    stats = [os.stat(p) if p.is_file() else None for p in paths]
    with ThreadPoolExecutor(max_workers=2) as pool:
        sums = list(pool.map(lambda pair: crc(pair[0]) if pair[1] else None, zip(paths, stats)))
    tables = {spec.name: None if st is None else [st.st_size, st.st_mtime_ns, value]
              for spec, st, value in zip(SPECS, stats, sums)}
    return {"format": FORMAT, "version": __version__, "dataset": str(Path(directory).resolve()),
            "tables": tables}


def cached(directory: Path, build):
    """The core of ``directory`` from its snapshot when that matches the tables; else
    ``build()`` and snapshot it (a cache folder that cannot be written is only noted)."""
    path = snapshot_path(directory)
    now = stamp(directory)
    if path.exists():
        try:
            core = read(path, now, directory)
        except Damaged as damage:
            print(f"warning: the snapshot {path} is damaged ({damage}); reading the tables again "
                  "and writing a new one", file=sys.stderr)
            core = None
        if core is not None:
            return core
    core = build()
    try:
        write(path, core, now)
    except OSError as error:
        print(f"note: could not write the snapshot {path}: {error.strerror or error}", file=sys.stderr)
    return core


# --- the file ---------------------------------------------------------------------------

def _arrays(core) -> dict[str, np.ndarray]:
    time = core.time
    arrays = {"kind": core.kind}
    for kind, edges in core.edges.items():
        for part in ("source", "target", "row", "carried_from"):
            arrays[f"edges.{kind}.{part}"] = getattr(edges, part)
    for name in ("stated_in", "superseded_in", "holds_from", "holds_to", "earliest", "timed", "thing",
                 "covers_from", "covers_to", "unstated"):
        arrays[f"time.{name}"] = getattr(time, name)
    return arrays


def write(path: Path, core, now: dict) -> None:
    from inklusionsgraf.safety import new_dir_mode, open_atomic

    path.parent.mkdir(parents=True, exist_ok=True, mode=new_dir_mode())
    segments, pieces, offset = [], [], 0

    def add(name, kind, data, **more):
        nonlocal offset
        data = memoryview(data).cast("B")
        pad = -len(data) % ALIGN
        segments.append({"name": name, "kind": kind, "offset": offset, "length": len(data), **more})
        pieces.append(data)
        pieces.append(b"\0" * pad)
        offset += len(data) + pad

    for name, table in [*core.tables.tables.items(), ("ids", pa.table({"id": core.ids}))]:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        add(name, "arrow", sink.getvalue())
    for name, array in _arrays(core).items():
        array = np.ascontiguousarray(array)
        add(name, "numpy", array.tobytes(), dtype=array.dtype.str, shape=list(array.shape))
    body_crc = 0
    for piece in pieces:
        body_crc = zlib.crc32(piece, body_crc)
    time = core.time
    header = json.dumps({
        "stamp": now, "segments": segments, "body_crc": body_crc, "documents": core.documents,
        "offsets": core.offsets, "table_edges": {k: e.table_edges for k, e in core.edges.items()},
        "wholes": {str(k): v for k, v in time.wholes.items()}, "superseded": time.superseded,
        "carried_order": time.carried_order,
    }, ensure_ascii=False).encode()
    header += b" " * (-(PREAMBLE.size + len(header)) % ALIGN)
    with open_atomic(path, binary=True) as handle:
        handle.write(PREAMBLE.pack(MAGIC, len(header), zlib.crc32(header)))
        handle.write(header)
        for piece in pieces:
            handle.write(piece)


def read(path: Path, now: dict, directory: Path):
    """The core in the snapshot at ``path``; None when it was made from other tables;
    Damaged when it cannot be trusted."""
    try:
        source = pa.memory_map(str(path))
        data = source.read_buffer()
    except (OSError, pa.ArrowException) as error:
        raise Damaged(f"cannot be read: {error}") from None
    view = memoryview(data)
    if len(view) < PREAMBLE.size:
        raise Damaged("it is shorter than its preamble")
    magic, length, header_crc = PREAMBLE.unpack_from(view)
    if magic != MAGIC:
        raise Damaged("it does not start as a snapshot does")
    start = PREAMBLE.size + length
    if start > len(view) or zlib.crc32(view[PREAMBLE.size:start]) != header_crc:
        raise Damaged("its header does not match its checksum")
    try:
        header = json.loads(bytes(view[PREAMBLE.size:start]))
    except ValueError:
        raise Damaged("its header is not readable") from None
    if header.get("stamp") != now:
        return None  # made from other tables (or by another version): not damaged, stale
    body = view[start:]
    end = max((s["offset"] + s["length"] for s in header["segments"]), default=0)
    if end > len(body) or zlib.crc32(body) != header["body_crc"]:
        raise Damaged("its contents do not match their checksum")
    try:
        return _restore(header, data, start, directory)
    except (KeyError, ValueError, TypeError, pa.ArrowException) as error:
        raise Damaged(f"it does not hold a core: {error}") from None


def _restore(header: dict, data: pa.Buffer, start: int, directory: Path):
    from inklusionsgraf.core.columns import Tables
    from inklusionsgraf.core.graph import Core, Edges
    from inklusionsgraf.core.time import Time

    tables, arrays = {}, {}
    for segment in header["segments"]:
        piece = data.slice(start + segment["offset"], segment["length"])
        if segment["kind"] == "arrow":
            tables[segment["name"]] = pa.ipc.open_file(piece).read_all()
        else:
            arrays[segment["name"]] = np.frombuffer(piece, dtype=np.dtype(segment["dtype"])).reshape(segment["shape"])
    ids = tables.pop("ids").column("id").combine_chunks()
    core = Core.__new__(Core)
    core.tables = Tables(Path(directory), tables, header["documents"])
    core.directory, core.documents = core.tables.directory, header["documents"]
    core.offsets = header["offsets"]
    core.ids, core.kind, core.n, core._names = ids, arrays["kind"], len(arrays["kind"]), None
    core.edges = {}
    for kind, count in header["table_edges"].items():
        parts = {part: arrays[f"edges.{kind}.{part}"] for part in ("source", "target", "row", "carried_from")}
        core.edges[kind] = Edges(kind, parts["source"], parts["target"], parts["row"], count, parts["carried_from"])
    time = core.time = Time(0)
    for name in ("stated_in", "superseded_in", "holds_from", "holds_to", "earliest", "timed", "thing",
                 "covers_from", "covers_to", "unstated"):
        setattr(time, name, arrays[f"time.{name}"])
    time.wholes = {int(k): v for k, v in header["wholes"].items()}
    time.superseded = header["superseded"]
    time.carried_order = header["carried_order"]
    time.names = core.id_of
    return core
