"""The command line: parse options, call the library, print. Nothing else.

Data goes to stdout; problems go to stderr as ``FILE:LINE: message``. Exit status: 0 on
success, 1 when ``extract`` skipped something, 2 on bad data, an unknown or ambiguous name,
an unreachable server or a usage error.
"""

from __future__ import annotations

import functools
import sys

import click

from inklusionsgraf import queries
from inklusionsgraf.errors import DataError, InklusionsgrafError, NameError_
from inklusionsgraf.render import FORMATS, render

EXIT_SKIPPED = 1
EXIT_DATA = 2
YEAR = click.IntRange(1900, 2100)  # the years a table may hold (checks.FIRST_YEAR, LAST_YEAR)


class Session:
    """What the subcommands share: where the data is, and the graph once it is built."""

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.municipality = None  # set by --municipality before the graph is built
        self._graph = None

    @property
    def graph(self):
        if self._graph is None:
            from inklusionsgraf.build import load_graph

            self._graph = load_graph(self.data_dir)
            if self.municipality:
                from inklusionsgraf.municipalities import within

                self._graph = within(self._graph, self.municipality)
        return self._graph


pass_session = click.make_pass_decorator(Session)


def municipality_option(command):
    """--municipality NAME: work on that municipality's part of the data only."""
    @click.option("--municipality", metavar="NAME",
                  help="Only this municipality's part (and what no municipality claims).")
    @functools.wraps(command)
    def wrapper(*args, municipality, **kwargs):
        if municipality:
            click.get_current_context().find_object(Session).municipality = municipality
        return command(*args, **kwargs)
    return wrapper


class Cli(click.Group):
    """Turns the library's exceptions into messages on stderr and exit status 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DataError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"{len(exc.problems)} problem(s) in the data; nothing was done.", err=True)
        except NameError_ as exc:
            click.echo(f"error: {exc}", err=True)
            for node, title in exc.candidates:
                click.echo(f"  {node}  {title}", err=True)
        except InklusionsgrafError as exc:
            click.echo(f"error: {exc}", err=True)
        except OSError as exc:  # a file or folder the system refuses: permissions, full disk
            click.echo(f"error: {_os_message(exc)}", err=True)
        ctx.exit(EXIT_DATA)


def _os_message(exc: OSError) -> str:
    """One line naming the file and what the system said, and that nothing was replaced."""
    what = exc.strerror or str(exc) or type(exc).__name__
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{what} (files already there were left as they were)"


def prepare_output(path) -> None:
    """Before writing a file (or folder) the user named: refuse a dataset's table; create
    missing folders above it, with a note on stderr."""
    from inklusionsgraf.safety import missing_parent, refuse_table

    refuse_table(path)
    created = missing_parent(path)
    if created is not None:
        from pathlib import Path

        Path(path).absolute().parent.mkdir(parents=True, exist_ok=True)
        click.echo(f"note: created the folder {created}", err=True)


def connection_options(command):
    """--uri, --user, --password, --database, also read from NEO4J_URI, NEO4J_USER,
    NEO4J_PASSWORD and NEO4J_DATABASE. The password is never shown."""
    @click.option("--uri", envvar="NEO4J_URI", help="Bolt address [env NEO4J_URI; default bolt://localhost:7687].")
    @click.option("--user", envvar="NEO4J_USER", help="User name [env NEO4J_USER; default neo4j].")
    @click.option("--password", envvar="NEO4J_PASSWORD", show_default=False,
                  help="Password [env NEO4J_PASSWORD].")
    @click.option("--database", envvar="NEO4J_DATABASE", help="Database name [env NEO4J_DATABASE; "
                  "default: the server's own].")
    @functools.wraps(command)
    def wrapper(*args, uri, user, password, database, **kwargs):
        connection = {"uri": uri, "user": user, "password": password, "database": database}
        return command(*args, connection=connection, **kwargs)
    return wrapper


def query_command(name: str):
    """A query command: the function returns the query's arguments; this runs the query on
    the chosen backend and prints the result in the chosen --format."""
    def decorate(command):
        @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                      help="table for reading; json or csv for other programs (stdout only).")
        @click.option("--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded",
                      show_default=True, help="embedded: networkx, no server; neo4j: a Bolt server.")
        @connection_options
        @municipality_option
        @pass_session
        @functools.wraps(command)
        def wrapper(session, *args, fmt, backend, connection, **kwargs):
            arguments = command(*args, **kwargs)
            if backend == "neo4j" and session.municipality:
                raise click.UsageError("--municipality works with the embedded backend only, so far")
            if backend == "neo4j":
                from inklusionsgraf.bolt import connect, settings_from
                from inklusionsgraf.bolt_queries import run_query

                with connect(settings_from(**connection)) as database:
                    result = run_query(database, name, *arguments)
            else:
                result = queries.QUERIES[name].function(session.graph, *arguments)
            click.echo(render(result, fmt), nl=False)
        return wrapper
    return decorate


def as_of_option(command):
    """--year YEAR: answer as the documents stood in that year (default: each thing's latest
    statement)."""
    return click.option("--year", type=click.IntRange(1900, 2100), metavar="YEAR",
                        help="As the documents stood in YEAR: the statements that hold then "
                        "(default: each thing's latest statement).")(command)


@click.group(cls=Cli)
@click.option("--data", "data_dir", type=click.Path(file_okay=False), envvar="INKLUSIONSGRAF_DATA",
              help="Directory with the tables (default: the bundled dataset).")
@click.version_option(package_name="inklusionsgraf")
@click.pass_context
def cli(ctx, data_dir):
    """Copenhagen's inclusion policy as one graph: gaps, funding, areas, administrations."""
    ctx.obj = Session(data_dir)


@cli.command()
@click.option("--sources", type=click.Path(exists=True, file_okay=False),
              help="Also check every quote against the source documents in this directory.")
@pass_session
def validate(session, sources):
    """Check the tables; print FILE:LINE: problem for each defect (exit 2 if any), including
    two statements of one thing made on the same date that contradict each other."""
    from inklusionsgraf.tables import check_quotes, count_rows, data_directory, read_dataset

    if sources:
        dataset = read_dataset(session.data_dir)
        problems = check_quotes(dataset, sources)
        if problems:
            raise DataError(problems)
        counts = {name: len(rows) for name, rows in dataset.tables.items()}
    else:
        counts = count_rows(session.data_dir)  # streams: no row is kept
    if counts.get("same_as"):
        from inklusionsgraf.timeline import contradictions

        problems = contradictions(session.graph)
        if problems:
            raise DataError(problems)
    click.echo(f"ok: {sum(counts.values())} rows in {len(counts)} tables in "
               f"{data_directory(session.data_dir)}", err=True)


@cli.command()
@query_command("stats")
def stats():
    """Counts of nodes and edges by kind, and the documents covered."""
    return ()


@cli.group()
def gaps():
    """Goals without funding or activity, and activities without a goal."""


@gaps.command()
@as_of_option
@query_command("unfunded")
def unfunded(year):
    """Goals with no secured funding anywhere under them (covering YEAR, with --year), and why."""
    return (year,)


@gaps.command()
@as_of_option
@query_command("orphans")
def orphans(year):
    """Goals that no activity supports, directly or through sub-goals."""
    return (year,)


@gaps.command()
@query_command("unlinked")
def unlinked():
    """Activities that support no goal."""
    return ()


@cli.command()
@click.argument("source")
@click.option("--year", type=YEAR, help="The year it expires (default: its own end year).")
@query_command("impact")
def impact(source, year):
    """What a funding source's expiry takes with it."""
    return source, year


@cli.command()
@click.option("--year", type=YEAR, required=True)
@query_command("expiring")
def expiring(year):
    """Activities, funding sources and goals whose period ends in YEAR."""
    return (year,)


@cli.command()
@click.option("--year", type=YEAR, required=True)
@query_command("active")
def active(year):
    """Activities and funding sources that run in YEAR."""
    return (year,)


@cli.command()
@click.argument("name")
@as_of_option
@query_command("area")
def area(name, year):
    """Everything located in an area and its sub-areas, by administration."""
    return name, year


@cli.command()
@click.argument("name")
@as_of_option
@query_command("admin")
def admin(name, year):
    """One administration's goals and activities (its units' too)."""
    return name, year


@cli.command()
@as_of_option
@query_command("deps")
def deps(year):
    """Cross-administration dependencies: work, money, partners, units."""
    return (year,)


@cli.command()
@click.argument("node")
@query_command("show")
def show(node):
    """A node with its attributes, provenance and neighbours."""
    return (node,)


@cli.command()
@click.argument("node")
@query_command("lineage")
def lineage(node):
    """A goal's or activity's line through the documents: each statement, how it is linked."""
    return (node,)


@cli.command()
@click.option("--from", "from_year", type=int, required=True, metavar="YEAR", help="The earlier plan year.")
@click.option("--to", "to_year", type=int, required=True, metavar="YEAR", help="The later plan year.")
@click.option("--admin", metavar="NAME", help="Only this administration's goals and activities.")
@query_command("changes")
def changes(from_year, to_year, admin):
    """Between two plan years: what continued, moved, was reworded, dropped or is new."""
    return from_year, to_year, admin


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@municipality_option
@pass_session
def export(session, fmt, output):
    """The whole graph as node-link JSON, or GraphML for Gephi."""
    from inklusionsgraf.export import to_graphml, to_json, write_atomic

    if output is not None:
        prepare_output(output)
    text = to_json(session.graph) if fmt == "json" else to_graphml(session.graph)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise InklusionsgrafError(f"cannot write {output}: {exc.strerror}") from exc
    click.echo(f"wrote {output}", err=True)


@cli.group("neo4j")
def neo4j_group():
    """Load the graph into Neo4j (or another Bolt server) to query it there."""


@neo4j_group.command("load")
@click.option("--replace", is_flag=True, help="Delete everything in the database first.")
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows per statement.")
@connection_options
@pass_session
def neo4j_load(session, replace, batch_size, connection):
    """Load every node and edge, with all attributes and provenance, in batches.

    Loading twice leaves the same graph; --replace clears the database first.
    """
    from inklusionsgraf.bolt import connect, settings_from
    from inklusionsgraf.bolt_load import count, load

    settings = settings_from(**connection)
    graph = session.graph
    total = len(graph.graph["documents"]) + graph.number_of_nodes() + graph.number_of_edges()
    with connect(settings) as database:
        with click.progressbar(length=total, label="loading", file=sys.stderr) as bar:
            report = load(database, graph, replace=replace, batch_size=batch_size, progress=bar.update)
        nodes, edges = count(database)
    click.echo(f"loaded {report.nodes} nodes, {report.edges} edges and {report.documents} documents "
               f"into {settings.uri}; the database now holds {nodes} nodes and {edges} edges"
               + ("" if report.constraint else " (no uniqueness constraint: the server has no Cypher constraints)"),
               err=True)


# --- views and reports ---------------------------------------------------------------------

LANG_OPTION = click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True,
                           help="Language of headings and labels.")


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="exports/graph.html",
              show_default=True, help="The HTML file to write (atomically).")
@click.option("--admin", multiple=True, metavar="NAME", help="Only this administration's part (repeatable).")
@click.option("--area", multiple=True, metavar="NAME", help="Only what lies in this area (repeatable).")
@click.option("--year", type=YEAR, help="Only what runs in YEAR; marks activities ending then.")
@click.option("--kind", multiple=True, type=click.Choice(["administration", "goal", "activity", "funding", "area"]),
              help="Only nodes of this kind (repeatable).")
@click.option("--focus", metavar="NODE", help="Only NODE's neighbourhood.")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True, help="Steps from --focus.")
@click.option("--threshold", type=click.IntRange(1), help="Aggregate past this many nodes (default 2000).")
@LANG_OPTION
@municipality_option
@pass_session
def view(session, output, admin, area, year, kind, focus, depth, threshold, lang):
    """One self-contained HTML page to explore the graph: filters, search, neighbourhoods, gaps."""
    from inklusionsgraf.views import THRESHOLD, write_view

    prepare_output(output)
    result = write_view(session.graph, output, admin=admin, area=area, year=year, kind=kind, focus=focus,
                        depth=depth, lang=lang, threshold=threshold or THRESHOLD)
    if result.note:
        click.echo(f"note: {result.note}", err=True)
    click.echo(f"wrote {output}: {result.nodes} nodes, {result.edges} edges", err=True)


@cli.command()
@click.argument("which", type=click.Choice(["orphans", "unfunded"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="The file to write; .md, .html, .csv or .xlsx.")
@LANG_OPTION
@municipality_option
@pass_session
def report(session, which, output, lang):
    """The orphan or unfunded goals as a report to hand on: summary, then one entry per goal."""
    from inklusionsgraf.reports import build_report, write_report

    prepare_output(output)
    result = build_report(session.graph, which, lang)
    write_report(result, output)
    click.echo(f"wrote {output}: {len(result.entries)} goals", err=True)


# --- extraction: extract and merge ---------------------------------------------------------


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="Directory to write the tables, candidates.csv and .docx texts into.")
@click.option("--compare", "compare_with", type=click.Path(exists=True, file_okay=False),
              help="Also print what the extraction adds, changes and no longer finds in DATASET.")
@click.option("--gazetteer", type=click.Path(exists=True, dir_okay=False),
              help="Gazetteer CSV of known names (default: the bundled data/gazetteer.csv).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Format of the --compare report on stdout.")
@click.option("--force", is_flag=True,
              help="Write into DIR even if it holds more than this command's own earlier output.")
@click.pass_context
def extract(ctx, files, output, compare_with, gazetteer, fmt, force):
    """Read action plans, status forms, agreements and reports (.txt or .docx) into tables.

    Exit status 1 when something was skipped (each reason on stderr as FILE:LINE: message).
    """
    from inklusionsgraf.extract.layouts import extract as run, load_gazetteer
    from inklusionsgraf.extract.output import write_extraction
    from inklusionsgraf.extract.progress import Progress
    from inklusionsgraf.safety import check_output_folder, record_output

    check_output_folder(output, force, inputs=files)
    prepare_output(output)
    result = run(files, *load_gazetteer(gazetteer), progress=Progress.for_files(files))
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    try:
        record_output(output, write_extraction(result, output))
    except OSError as exc:
        raise InklusionsgrafError(f"cannot write to {output}: {exc.strerror}") from exc
    rows = sum(len(r) for r in result.tables.values())
    click.echo(f"wrote {rows} rows from {len(result.sources)} of {len(files)} document(s) to "
               f"{output}; {len(result.candidates)} name(s) for review in candidates.csv", err=True)
    if compare_with:
        from inklusionsgraf.extract.compare import compare_dirs

        comparison = compare_dirs(output, compare_with)
        if fmt == "json":
            import json

            click.echo(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1))
        else:
            click.echo(comparison.summary(), nl=False)
    if result.warnings:
        click.echo(f"{len(result.warnings)} warning(s); something was skipped", err=True)
        ctx.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("extracted", type=click.Path(exists=True, file_okay=False))
@click.option("--into", "dataset", required=True, type=click.Path(exists=True, file_okay=False),
              help="The dataset to merge into (its tables are rewritten atomically).")
@click.option("--corrections", type=click.Path(dir_okay=False),
              help="Corrections to re-apply (default: DATASET/corrections.csv if it exists).")
def merge(extracted, dataset, corrections):
    """Apply a reviewed extraction to a dataset, then re-apply the hand-made corrections."""
    from inklusionsgraf.extract.merge import merge as run

    report = run(extracted, dataset, corrections)
    for fix in report.unmatched:
        click.echo(f"{fix.file}:{fix.line}: correction for {fix.table} '{fix.key}' matches no row; "
                   "kept for later", err=True)
    for change in report.replacements:
        cells = "; ".join(f"{column}: {before!r} -> {after!r}"
                          for column, (before, after) in change.columns.items())
        click.echo(f"replaced {change.table} {change.key}: {cells}", err=True)
    click.echo(f"merged into {dataset}: {report.replaced} replaced, {report.added} added, "
               f"{report.unchanged} unchanged (provenance kept), {report.kept} kept, "
               f"{report.corrected} correction(s) applied", err=True)


@cli.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False))
def recover(dataset):
    """Complete a merge that was stopped while switching its tables into DATASET."""
    from inklusionsgraf.safety import finish_switch, locked, remove_stale

    with locked(dataset):
        moved = finish_switch(dataset)
        removed = remove_stale(dataset)
    if moved:
        click.echo(f"completed the merge into {dataset}: {len(moved)} table(s) switched in", err=True)
    else:
        click.echo(f"{dataset}: no unfinished merge", err=True)
    if removed:
        click.echo(f"removed {len(removed)} temporary file(s) of stopped runs", err=True)


@cli.command()
@click.option("-o", "--output", type=click.Path(file_okay=False), required=True,
              help="New (or empty) directory for the tables.")
@click.option("--nodes", type=int, required=True, help="How many nodes (100 to 2,000,000).")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same files.")
def synth(output, nodes, seed):
    """Write a synthetic dataset (made-up municipalities, plans and money) for measuring."""
    from inklusionsgraf.synth import municipality_count, write_synthetic

    prepare_output(output)
    counts = write_synthetic(output, nodes, seed)
    places = municipality_count(nodes)
    click.echo(f"wrote {output}: {nodes:,} nodes in {places} municipalit{'y' if places == 1 else 'ies'}, "
               f"{sum(n for t, n in counts.items() if t in _EDGE_TABLES):,} edges, "
               f"{counts['documents']:,} documents (seed {seed})", err=True)


_EDGE_TABLES = ("supports", "funds", "located_in", "responsible", "depends_on")


def main() -> None:
    import signal

    # A terminated run unwinds like an interrupted one: temporaries and staging are removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    cli(prog_name="inklusionsgraf")


if __name__ == "__main__":
    sys.exit(main())
