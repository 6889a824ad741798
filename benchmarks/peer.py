"""The columnar core beside its peer, DuckDB, and beside the columnar limit (used by bench_scale.py).

Every figure is a whole call in a new process, as a user makes it: wall time, CPU time
(user + system, of that process alone: fair on a shared machine) and peak RSS, the median of
--runs (RSS: the largest). Measured at each size:

- inklusionsgraf cold: ``inklusionsgraf --no-cache gaps QUESTION --format csv`` (read, check,
  number, annotate, answer, print);
- inklusionsgraf warm: the same with the snapshot present (written by an earlier call);
- DuckDB cold: a new Python process that reads the same CSV tables with ``read_csv`` and
  answers with the SQL below (recursive CTEs for the hierarchy and the successors);
- the columnar limit: a new process that only reads every table with ``pyarrow.csv``;
- the build: ``load_core(cache=False)`` alone, its time and peak RSS.

The answer sets (goal ids) of inklusionsgraf and DuckDB are compared for equality at the
latest state (no --year). The SQL leaves out parts of the time-and-identity semantics (see
SQL_LEAVES_OUT); where that changes an answer the difference is printed, not hidden.
"""

from __future__ import annotations

import csv
import io
import os
import statistics
import sys
import time
from pathlib import Path

QUESTIONS = ("unfunded", "orphans")

SQL_LEAVES_OUT = (
    "same-as groups are read as their direct pairs (a node is superseded when a direct partner "
    "is stated later), not as whole groups; a carried funds edge is left out only where the heir "
    "has a funds edge of its own from the same funder in the table (not where one was carried to "
    "it earlier); which of two carried statements wins (their provenance) does not matter to the "
    "answer sets and is not modelled; the per-row details (why, sums by status, basis and year, "
    "administrations) are not computed, only the ids"
)

SQL_PREPARE = """
CREATE TEMP TABLE docs AS SELECT id, TRY_CAST(year AS INTEGER) AS year, date
  FROM read_csv('{d}/documents.csv', header=true, all_varchar=true);
CREATE TEMP TABLE stated AS
  SELECT w.id, w.kind, d.year,
         row_number() OVER (ORDER BY coalesce(d.year, 0), coalesce(d.date, ''), w.document, w.id) AS rank
  FROM (SELECT id, 'goal' AS kind, document FROM read_csv('{d}/goals.csv', header=true, all_varchar=true)
        UNION ALL
        SELECT id, 'activity' AS kind, document FROM read_csv('{d}/activities.csv', header=true, all_varchar=true)) w
  LEFT JOIN docs d ON d.id = w.document;
CREATE TEMP TABLE sup AS SELECT source, target FROM read_csv('{d}/supports.csv', header=true, all_varchar=true);
CREATE TEMP TABLE funds AS SELECT source, target, status FROM read_csv('{d}/funds.csv', header=true, all_varchar=true);
CREATE TEMP TABLE succ AS
  SELECT c.target AS earlier, c.source AS later
    FROM read_csv('{d}/continues.csv', header=true, all_varchar=true) c
    JOIN stated a ON a.id = c.target JOIN stated b ON b.id = c.source
  UNION
  SELECT CASE WHEN a.rank < b.rank THEN a.id ELSE b.id END, CASE WHEN a.rank < b.rank THEN b.id ELSE a.id END
    FROM read_csv('{d}/same_as.csv', header=true, all_varchar=true) s
    JOIN stated a ON a.id = s.source JOIN stated b ON b.id = s.target;
CREATE TEMP TABLE reach AS
  WITH RECURSIVE r(start, heir) AS (
    SELECT earlier, later FROM succ
    UNION SELECT r.start, s.later FROM r JOIN succ s ON s.earlier = r.heir)
  SELECT * FROM r;
CREATE TEMP TABLE visible AS
  SELECT id, kind FROM stated WHERE id NOT IN (
    SELECT s.earlier FROM succ s JOIN stated l ON l.id = s.later WHERE l.year IS NOT NULL);
CREATE TEMP TABLE vsup AS
  SELECT DISTINCT e.source, e.target
  FROM (SELECT source, target FROM sup
        UNION SELECT r.heir, s.target FROM sup s JOIN reach r ON r.start = s.source WHERE s.target <> r.heir) e
  JOIN visible a ON a.id = e.source JOIN visible b ON b.id = e.target WHERE b.kind = 'goal';
"""

SQL = {
    "unfunded": """
CREATE TEMP TABLE money AS
  SELECT source, target, status FROM funds
  UNION ALL
  SELECT f.source, r.heir, f.status FROM funds f JOIN reach r ON r.start = f.target
   WHERE NOT EXISTS (SELECT 1 FROM funds g WHERE g.source = f.source AND g.target = r.heir);
WITH RECURSIVE up(id) AS (
    SELECT DISTINCT m.target FROM money m JOIN visible v ON v.id = m.target WHERE m.status = 'secured'
    UNION SELECT v.target FROM vsup v JOIN up ON v.source = up.id)
SELECT id FROM visible WHERE kind = 'goal' AND id NOT IN (SELECT id FROM up) ORDER BY id;
""",
    "orphans": """
WITH RECURSIVE up(id) AS (
    SELECT id FROM visible WHERE kind = 'activity'
    UNION SELECT v.target FROM vsup v JOIN up ON v.source = up.id)
SELECT id FROM visible WHERE kind = 'goal' AND id NOT IN (SELECT id FROM up) ORDER BY id;
""",
}

DUCKDB_CALL = """
import sys, duckdb
directory, question = sys.argv[1], sys.argv[2]
from peer import SQL, SQL_PREPARE
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
for statement in SQL_PREPARE.format(d=directory).split(";"):
    if statement.strip():
        con.execute(statement)
statements = [s for s in SQL[question].split(";") if s.strip()]
for statement in statements[:-1]:
    con.execute(statement)
for (node,) in con.execute(statements[-1]).fetchall():
    print(node)
"""

LIMIT_CALL = """
import sys, pathlib, pyarrow.csv as pacsv
rows = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.csv")):
    rows += pacsv.read_csv(path, parse_options=pacsv.ParseOptions(newlines_in_values=True)).num_rows
print(rows)
"""

BUILD_CALL = """
import sys, time, resource
start = time.perf_counter()
from inklusionsgraf.core import load_core
core = load_core(sys.argv[1], cache=False)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def measured(command: list[str], runs: int, env: dict | None = None) -> dict:
    figures = [_run_reaped(command, env) for _ in range(runs)]
    return {"wall": statistics.median(f[0] for f in figures), "cpu": statistics.median(f[1] for f in figures),
            "rss": max(f[2] for f in figures), "output": figures[-1][3]}


def _run_reaped(command: list[str], env: dict | None) -> tuple[float, float, int, str]:
    """One new process, reaped with wait4 so its own rusage is known."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run the command with stdout into the pipe
            os.close(read)
            os.dup2(write, 1)
            os.dup2(null.fileno(), 2)
            os.chdir(str(Path(__file__).parent))
            try:
                os.execvpe(command[0], command, env or os.environ)
            finally:
                os._exit(127)
        os.close(write)
        chunks = []
        with os.fdopen(read, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{' '.join(command)} exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, b"".join(chunks).decode()


def ids_of_csv(text: str) -> list[str]:
    return sorted(row["id"] for row in csv.DictReader(io.StringIO(text)))


def compare(directory: Path, runs: int, cache: Path) -> dict:
    """Every figure of one dataset, as a dict."""
    tool = str(Path(sys.executable).with_name("inklusionsgraf"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "INKLUSIONSGRAF_CORE": "1"}
    env.pop("INKLUSIONSGRAF_NO_CACHE", None)
    figures = {"questions": {}}
    build = _run_reaped([sys.executable, "-c", BUILD_CALL, str(directory)], env)
    seconds, peak = build[3].split()
    figures["build"] = {"wall": float(seconds), "process_wall": build[0], "cpu": build[1], "rss": int(peak)}
    figures["limit"] = measured([sys.executable, "-c", LIMIT_CALL, str(directory)], runs, env)
    for question in QUESTIONS:
        call = [tool, "--data", str(directory)]
        cold = measured([*call, "--no-cache", "gaps", question, "--format", "csv"], runs, env)
        _run_reaped([*call, "gaps", question, "--format", "csv"], env)  # writes the snapshot
        warm = measured([*call, "gaps", question, "--format", "csv"], runs, env)
        duck = measured([sys.executable, "-c", DUCKDB_CALL, str(directory), question], runs, env)
        ours, theirs = ids_of_csv(cold["output"]), sorted(duck["output"].split())
        figures["questions"][question] = {
            "cold": cold, "warm": warm, "duckdb": duck, "rows": len(ours), "duckdb_rows": len(theirs),
            "only_ours": sorted(set(ours) - set(theirs))[:5], "only_duckdb": sorted(set(theirs) - set(ours))[:5],
            "differ": len(set(ours) ^ set(theirs)), "warm_same": warm["output"] == cold["output"]}
        for key in ("cold", "warm", "duckdb"):
            figures["questions"][question][key].pop("output")
    figures["limit"].pop("output")
    return figures


def table(results: dict[int, dict]) -> str:
    """The figures as Markdown, with the ratios and the goals met or missed."""
    sizes = sorted(results)
    lines = ["| nodes | call | wall s | CPU s | peak RSS GiB | rows | vs DuckDB (wall) |", "|---:|---|---:|---:|---:|---:|---:|"]
    for n in sizes:
        r = results[n]
        b = r["build"]
        lines.append(f"| {n:,} | build (load_core, no cache) | {b['wall']:.2f} | {b['cpu']:.2f} | {b['rss'] / 2**30:.2f} | | |")
        lines.append(f"| {n:,} | columnar limit (pyarrow read only) | {r['limit']['wall']:.2f} | {r['limit']['cpu']:.2f} | "
                     f"{r['limit']['rss'] / 2**30:.2f} | | |")
        for q, f in r["questions"].items():
            duck = f["duckdb"]["wall"]
            for key, label in (("cold", f"inklusionsgraf gaps {q}, cold"), ("warm", f"inklusionsgraf gaps {q}, warm"),
                               ("duckdb", f"DuckDB {q}, cold (load + query)")):
                m = f[key]
                rows = f["duckdb_rows"] if key == "duckdb" else f["rows"]
                lines.append(f"| {n:,} | {label} | {m['wall']:.2f} | {m['cpu']:.2f} | {m['rss'] / 2**30:.2f} | {rows:,} | "
                             f"{m['wall'] / duck:.2f}× |")
    lines.append("")
    for n in sizes:
        for q, f in results[n]["questions"].items():
            same = "the same ids" if not f["differ"] else (
                f"{f['differ']} ids differ (only ours e.g. {f['only_ours']}, only DuckDB's e.g. {f['only_duckdb']})")
            lines.append(f"- {n:,} nodes, {q}: inklusionsgraf and DuckDB answer {same}; warm answer "
                         f"{'identical to' if f['warm_same'] else 'DIFFERENT from'} cold.")
    lines.append("")
    lines.append("Goals: " + "; ".join(verdicts(results)))
    return "\n".join(lines)


def verdicts(results: dict[int, dict]) -> list[str]:
    import math

    sizes = sorted(results)
    out = []
    for n in sizes:
        if n < 100_000:
            continue
        for q, f in results[n]["questions"].items():
            cold, duck = f["cold"]["wall"], f["duckdb"]["wall"]
            out.append(f"{n:,} {q} cold {cold:.2f} s {'≤' if cold <= duck else '>'} DuckDB {duck:.2f} s "
                       f"({'met' if cold <= duck else 'MISSED'})")
    top = results[sizes[-1]]
    if sizes[-1] >= 1_000_000:
        for q, f in top["questions"].items():
            out.append(f"warm {q} at {sizes[-1]:,}: {f['warm']['wall']:.2f} s ({'met' if f['warm']['wall'] <= 1 else 'MISSED'}, goal ≤ 1 s)")
        b = top["build"]
        out.append(f"build at {sizes[-1]:,}: {b['wall']:.1f} s ({'met' if b['wall'] <= 10 else 'MISSED'}, goal ≤ 10 s), "
                   f"{b['rss'] / 2**30:.2f} GiB ({'met' if b['rss'] <= 2**30 else 'MISSED'}, goal ≤ 1 GiB)")
    for small, large in zip(sizes, sizes[1:]):
        for q in QUESTIONS:
            for key in ("cold", "warm"):
                a, b = results[small]["questions"][q][key]["wall"], results[large]["questions"][q][key]["wall"]
                growth = (b / a) ** (1 / math.log10(large / small))
                out.append(f"{q} {key} grows {growth:.1f}× per 10× from {small:,} to {large:,} "
                           f"({'met' if growth <= 12 else 'MISSED'})")
    return out
