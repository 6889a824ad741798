"""Writing files without losing what is there: atomic writes, modes, locks, staged switches.

- :func:`write_bytes` writes through a temporary file in the same folder, named
  ``.NAME.PID.RANDOM.tmp`` (unique per process), then renames it over ``NAME``: the old file
  or the new one, never half of one. A new file gets 0666 less the umask, a replaced file
  keeps its mode. Temporaries that a killed run left behind (their process is gone) are
  removed by the next write to the same folder.
- :func:`refuse_table` stops a write that would land on a table of a dataset.
- :func:`locked` holds an advisory lock on a dataset folder (``DIR/.inklusionsgraf.lock``,
  ``flock``; the system releases it when the process ends, however it ends).
- :func:`switch_in` moves a staged set of tables into a dataset as one step: a journal file
  is written once the staging is complete; a run killed while moving leaves the journal,
  and :func:`finish_switch` (the next ``merge``, or ``inklusionsgraf recover``) completes it.
  Until then every command that reads the dataset stops with a message naming it.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_bytes(folder / "a.txt", b"hello").read_bytes()
b'hello'
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from inklusionsgraf.errors import InklusionsgrafError

LOCK = ".inklusionsgraf.lock"
JOURNAL = ".inklusionsgraf-switch.json"
STAGING = "inklusionsgraf-staging"
LOCK_WAIT = float(os.environ.get("INKLUSIONSGRAF_LOCK_WAIT", "10"))
# Files a dataset folder holds besides its tables; never overwritten by an output.
DATASET_FILES = ("corrections.csv", "gazetteer.csv")

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp$")


class UnsafeWrite(InklusionsgrafError):
    """A write that would destroy something it should not; nothing was written."""


class Busy(InklusionsgrafError):
    """Another process holds the dataset's lock."""


class UnfinishedSwitch(InklusionsgrafError):
    """A merge was stopped while switching its tables in."""


# --- modes and temporary names -----------------------------------------------------------

def umask() -> int:
    """The process's umask (read without changing it where the system tells it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode any program's new file gets: 0666 less the umask."""
    return 0o666 & ~umask()


def new_dir_mode() -> int:
    return 0o777 & ~umask()


def temporary_name(path: Path) -> Path:
    """``.NAME.PID.RANDOM.tmp`` beside ``path``: unique per process and call."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    except OverflowError:
        return False
    return True


def remove_stale(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the temporaries (files or staging folders) in ``folder`` that a process that
    is no longer running left behind; only those for ``name`` if given. Returns them."""
    removed = []
    if (Path(folder) / JOURNAL).exists():
        return removed  # a switch to complete still needs its staging folder
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match or (name is not None and match["name"] != name):
            continue
        if pid_alive(int(match["pid"])):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


# --- atomic writes -----------------------------------------------------------------------

def refuse_table(path: str | Path, protect: list[str | Path] = ()) -> None:
    """UnsafeWrite when ``path`` is a table of a dataset: a table file (or corrections.csv,
    gazetteer.csv) in a folder holding ``documents.csv``, or any file of the folders in
    ``protect`` (the dataset the command reads)."""
    from inklusionsgraf.tables import SPECS

    path = Path(path)
    target = path.resolve()
    folder = target.parent
    tables = {spec.file for spec in SPECS} | set(DATASET_FILES)
    if target.name in tables and (folder / "documents.csv").is_file():
        raise UnsafeWrite(f"{path} is a table of the dataset in {folder}; write the output "
                          "elsewhere (nothing was written)")
    for directory in protect:
        directory = Path(directory).resolve()
        if folder == directory and target.name.endswith(".csv"):
            raise UnsafeWrite(f"{path} is in the dataset this command reads ({directory}); "
                              "write the output elsewhere (nothing was written)")


def write_bytes(path: str | Path, data: bytes, *, table_ok: bool = False,
                make_parents: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (see the module's docstring). Unless
    ``table_ok``, refuse to write onto a dataset's table. OSError when the system refuses."""
    path = Path(path)
    if not table_ok:
        refuse_table(path)
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    with open_atomic(path, table_ok=True, binary=True) as handle:
        handle.write(data)
    return path


def write_text(path: str | Path, text: str, **options) -> Path:
    return write_bytes(path, text.encode("utf-8"), **options)


def _mode_of(path: Path) -> int:
    """The mode the new file gets: the replaced file's, or 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return new_file_mode()


@contextmanager
def open_atomic(path: str | Path, *, table_ok: bool = False, newline: str = "", binary: bool = False):
    """A text (or ``binary``) handle on a temporary file that replaces ``path`` when the
    block ends without an error (and is removed when it does not)."""
    path = Path(path)
    if not table_ok:
        refuse_table(path)
    remove_stale(path.parent)
    mode = _mode_of(path)
    tmp = temporary_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding="utf-8", newline=newline)) as handle:
            yield handle
            handle.flush()
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def staging_folder(parent: Path, name: str) -> Path:
    """A new hidden folder ``.NAME.PID.RANDOM.tmp`` in ``parent`` with an ordinary
    folder's mode, for building something that is renamed into place when complete."""
    remove_stale(parent)
    folder = temporary_name(parent / name)
    folder.mkdir(mode=0o700)
    os.chmod(folder, new_dir_mode())
    return folder


# --- locks ---------------------------------------------------------------------------------

@contextmanager
def locked(directory: str | Path, wait: float | None = None):
    """Hold the advisory lock of a dataset folder for the block. Waits up to ``wait``
    seconds (default ``INKLUSIONSGRAF_LOCK_WAIT`` or 10) for another holder, then Busy.
    The lock file is removed when the block ends; a holder checks after locking that the
    file it holds is still the one in the folder, so removing it is safe."""
    import fcntl

    directory = Path(directory)
    wait = LOCK_WAIT if wait is None else wait
    path = directory / LOCK
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, new_file_mode())
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            if time.monotonic() >= deadline:
                raise Busy(f"{directory} is being changed by another inklusionsgraf "
                           f"(process {holder}); try again when it has finished "
                           "(nothing was written)") from None
            time.sleep(0.05)
            continue
        try:
            current = os.stat(path)
        except FileNotFoundError:
            current = None
        mine = os.fstat(fd)
        if current is not None and (current.st_ino, current.st_dev) == (mine.st_ino, mine.st_dev):
            break
        os.close(fd)  # the holder before us removed this file: lock the new one
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield path
    finally:
        try:
            path.unlink()
        except OSError:
            pass
        os.close(fd)  # releases the lock


# --- switching a staged set of files in as one step ---------------------------------------

def pending_switch(directory: str | Path) -> Path | None:
    """The journal of a switch that was stopped half-way, if there is one."""
    journal = Path(directory) / JOURNAL
    return journal if journal.is_file() else None


def unfinished_message(directory: str | Path) -> str:
    return (f"{Path(directory) / JOURNAL}: a merge was stopped while switching its tables in, "
            f"so the tables are part old, part new; run `inklusionsgraf recover {directory}` "
            "to complete it")


def stage(directory: Path) -> Path:
    """A staging folder inside a dataset folder (call while holding its lock)."""
    finish_switch(directory)
    return staging_folder(directory, STAGING)


def switch_in(directory: Path, staging: Path) -> None:
    """Move every file of ``staging`` into ``directory`` as one step (call while holding
    the lock). The journal, written atomically once the staging is complete, is the point
    of no return: before it the old dataset stands, after it :func:`finish_switch`
    completes the move even if this process is killed in the middle."""
    names = sorted(entry.name for entry in os.scandir(staging) if entry.is_file())
    for name in names:
        _fsync(staging / name)
    journal = {"staging": staging.name, "files": names}
    write_bytes(directory / JOURNAL, json.dumps(journal).encode("utf-8"), table_ok=True)
    finish_switch(directory)


def finish_switch(directory: str | Path) -> list[str]:
    """Complete a switch whose journal is there (call while holding the lock); return the
    files moved. Without a journal, nothing to do."""
    directory = Path(directory)
    journal_path = directory / JOURNAL
    if not journal_path.is_file():
        return []
    try:
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
        staging = directory / journal["staging"]
        names = list(journal["files"])
    except (ValueError, KeyError, TypeError):
        raise UnfinishedSwitch(f"{journal_path}: the journal of a merge cannot be read; "
                               "restore the dataset from a copy") from None
    moved = []
    for name in names:
        _fault("switch", len(moved))
        source = staging / name
        if source.is_file():
            target = directory / name
            try:
                source.chmod(target.stat().st_mode & 0o7777)
            except OSError:
                pass
            os.replace(source, target)
            moved.append(name)
    _fsync_dir(directory)
    journal_path.unlink()
    shutil.rmtree(staging, ignore_errors=True)
    return moved


def _fault(point: str, count: int) -> None:
    """For the fault-injection tests: ``INKLUSIONSGRAF_KILL_AT=switch:N`` kills this process
    (SIGKILL, as ``kill -9`` would) when N files of a switch have been moved."""
    wanted = os.environ.get("INKLUSIONSGRAF_KILL_AT")
    if wanted and wanted == f"{point}:{count}":
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        _fsync(path)
    except OSError:
        pass


# --- output folders ------------------------------------------------------------------------

MANIFEST = ".inklusionsgraf-extract.json"


def missing_parent(path: str | Path) -> Path | None:
    """The outermost folder above ``path`` that does not exist yet (None if all do)."""
    missing = None
    for folder in Path(path).absolute().parents:
        if folder.exists():
            break
        missing = folder
    return missing


def _ours(name: str) -> bool:
    return name.startswith(".inklusionsgraf") or bool(_TEMPORARY.match(name))


def _digest(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_output_folder(directory: str | Path, force: bool = False, inputs=()) -> None:
    """UnsafeWrite unless ``directory`` is new, empty, or holds nothing but this tool's
    own earlier ``extract`` output, unchanged since, and the ``inputs`` it reads (or
    ``force``)."""
    directory = Path(directory)
    reading = {Path(p).resolve() for p in inputs}
    if force or not directory.exists():
        return
    if not directory.is_dir():
        raise UnsafeWrite(f"{directory} is not a folder (nothing was written)")
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        manifest = {}
    for path in directory.rglob("*"):  # stops at the first stranger: no full walk of a big folder
        relative = path.relative_to(directory).as_posix()
        if any(_ours(part) for part in Path(relative).parts) or path.is_dir():
            continue
        if path.resolve() in reading and path.name not in _written_names():
            continue
        if relative not in manifest:
            why = ("holds a dataset" if (directory / "documents.csv").is_file() and not manifest
                   else f"holds {relative}, which `extract` did not write")
            raise UnsafeWrite(f"{directory} {why}; extract into a new folder, or pass --force "
                              "to overwrite its tables (nothing was written)")
        if _digest(path) != manifest[relative]:
            raise UnsafeWrite(f"{path} was changed since `extract` wrote it (reviewed by "
                              "hand?); extract into a new folder, or pass --force to overwrite "
                              "it (nothing was written)")


def _written_names() -> set[str]:
    from inklusionsgraf.tables import SPECS

    return {spec.file for spec in SPECS} | {"candidates.csv"}


def record_output(directory: str | Path, files: list[Path]) -> None:
    """Note what ``extract`` wrote into ``directory`` and each file's checksum, so that a
    later run can tell its own unchanged output from anything else."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        manifest = {}
    for path in files:
        manifest[Path(path).relative_to(directory).as_posix()] = _digest(Path(path))
    write_bytes(directory / MANIFEST, json.dumps({"files": manifest}, indent=1).encode("utf-8"))


# --- cells a spreadsheet would evaluate --------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_FIRST = frozenset(_FORMULA_START)  # the first characters of a cell neutralise() may change
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")


def neutralise(value):
    """A cell for a CSV that people open in a spreadsheet: text that starts with = + - @,
    a tab or a carriage return (other than a plain number such as -5 or +3,5) gets a
    leading apostrophe, so the spreadsheet shows it as text instead of evaluating it.

    >>> neutralise('=HYPERLINK("http://x")'), neutralise("-1+1"), neutralise("-5"), neutralise(7)
    ('\\'=HYPERLINK("http://x")', "'-1+1", '-5', 7)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
