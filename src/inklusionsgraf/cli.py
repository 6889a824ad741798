"""The command line: parse options, call the library, print. Nothing else.

Data goes to stdout; problems go to stderr as ``FILE:LINE: message``. Exit status: 0 on
success, 1 when ``extract`` skipped something, 2 on bad data, an unknown or ambiguous name,
an unreachable server or a usage error.
"""

from __future__ import annotations

import functools
import sys

import click
from click.core import ParameterSource

from inklusionsgraf import queries
from inklusionsgraf.errors import DataError, InklusionsgrafError, NameError_, WordedError
from inklusionsgraf.labels import LANGUAGES, labels
from inklusionsgraf.render import FORMATS, render

EXIT_SKIPPED = 1
EXIT_DATA = 2
YEAR = click.IntRange(1900, 2100)  # the years a table may hold (checks.FIRST_YEAR, LAST_YEAR)


class Session:
    """What the subcommands share: where the data is, and the graph once it is built."""

    def __init__(self, data_dir, lang="da", cache: bool = True):
        self.data_dir = data_dir
        self.lang = lang          # --lang: the language of what people read
        self.municipality = None  # set by --municipality before the graph is built
        self.cache = cache  # the core's snapshot cache (--no-cache)
        self._graph = None
        self._core = None

    def answer(self, name: str, arguments) -> queries.Result:
        """An embedded query: from the columnar core where it answers it (large datasets),
        else on the networkx graph."""
        from inklusionsgraf import core

        if name in core.QUESTIONS and not self.municipality and core.wanted(self.data_dir):
            return self.core.question(name, *arguments)
        return queries.QUERIES[name].function(self.graph, *arguments)

    @property
    def administrations(self):
        """A graph with every administration, for naming one: the core's administrations
        and the edges between them where the core answers admin, else the whole graph."""
        from inklusionsgraf import core

        if self._graph is None and "admin" in core.QUESTIONS and not self.municipality and core.wanted(self.data_dir):
            from inklusionsgraf.core.rollups import administrations

            return administrations(self.core)
        return self.graph

    @property
    def core(self):
        if self._core is None:
            from inklusionsgraf.core import load_core

            self._core = load_core(self.data_dir, cache=self.cache)
        return self._core

    def say(self, key: str, **values) -> str:
        """A message in the session's language."""
        return labels(self.lang)[key].format(**values)

    @property
    def graph(self):
        if self._graph is None:
            from inklusionsgraf.core import wanted

            if self._core is not None or wanted(self.data_dir):
                self._graph = self.core.to_networkx()
            else:
                from inklusionsgraf.build import load_graph

                self._graph = load_graph(self.data_dir)
            if self.municipality:
                from inklusionsgraf.municipalities import within

                self._graph = within(self._graph, self.municipality)
        return self._graph


pass_session = click.make_pass_decorator(Session)


def _remember_lang(ctx, param, value):
    """--lang on a command: the session speaks it; left out, the session's (the group's
    --lang, INKLUSIONSGRAF_LANG, or Danish)."""
    session = ctx.find_object(Session)
    if session is None:
        return value
    if ctx.get_parameter_source(param.name) not in (ParameterSource.DEFAULT, None):
        session.lang = value
    return session.lang


def _lang(expose: bool):
    return click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
                        envvar="INKLUSIONSGRAF_LANG", callback=_remember_lang, expose_value=expose,
                        is_eager=True, help="Language of what people read: da or en "
                        "[env INKLUSIONSGRAF_LANG]. JSON and CSV keep their English keys.")


lang_option = _lang(expose=False)   # every command: the session speaks it
LANG_OPTION = _lang(expose=True)    # views and reports: also passed to the command as ``lang``


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
        except (InklusionsgrafError, OSError) as exc:
            self._report(ctx, exc)
        ctx.exit(EXIT_DATA)

    @staticmethod
    def _report(ctx, exc: Exception) -> None:
        session = ctx.obj if isinstance(ctx.obj, Session) else Session(None, _env_lang())
        error = labels(session.lang)["msg.error"]
        try:
            raise exc
        except DataError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(session.say("msg.problems", count=len(exc.problems)), err=True)
        except NameError_ as exc:
            click.echo(f"{error}: {_name_message(session, exc)}", err=True)
            for node, title in exc.candidates:
                click.echo(f"  {node}  {title}", err=True)
            if exc.elsewhere:
                click.echo(_elsewhere(session, exc), err=True)
        except WordedError as exc:
            click.echo(f"{error}: {session.say(exc.key, **exc.values)}", err=True)
        except InklusionsgrafError as exc:
            click.echo(f"{error}: {exc}", err=True)
        except OSError as exc:  # a file or folder the system refuses: permissions, full disk
            click.echo(f"{error}: {_os_message(exc)}", err=True)


def _env_lang() -> str:
    import os

    lang = os.environ.get("INKLUSIONSGRAF_LANG", "da")
    return lang if lang in LANGUAGES else "da"


def _name_message(session: Session, exc: NameError_) -> str:
    """An unknown or ambiguous name, in the session's language."""
    if not exc.name:
        return str(exc)
    if exc.count:
        return session.say("msg.ambiguous", name=exc.name, count=exc.count)
    if len(exc.kinds) == 1:
        no = labels(session.lang).get(f"no.{exc.kinds[0]}", exc.kinds[0])
        return session.say("msg.unknown_kind", name=exc.name, no=no)
    return session.say("msg.unknown", name=exc.name)


def _elsewhere(session: Session, exc: NameError_) -> str:
    """'Mjølnerparken er et område; prøv: inklusionsgraf area Mjølnerparken'."""
    from inklusionsgraf.inputs import COMMAND_FOR_KIND, quoted

    node, kind = exc.elsewhere
    command = f"inklusionsgraf {COMMAND_FOR_KIND.get(kind, 'show')} {quoted(exc.name)}"
    return session.say("msg.wrong_kind", name=exc.name, kind=labels(session.lang).get(f"a.{kind}", kind),
                       command=command)


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
        session = click.get_current_context().find_object(Session) or Session(None)
        click.echo(f"{session.say('msg.note')}: {session.say('msg.created_folder', folder=created)}", err=True)


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


def query_command(name: str, by_admin: bool = False):
    """A query command: the function returns the query's arguments; this runs the query on
    the chosen backend and prints the result in the chosen --format and --lang. With
    ``by_admin``, also --admin NAME (only those administrations' rows) and, for a table,
    --by admin (a heading per administration)."""
    def decorate(command):
        @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                      help="table for reading; json or csv for other programs (stdout only).")
        @click.option("--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded",
                      show_default=True, help="embedded: networkx, no server; neo4j: a Bolt server.")
        @connection_options
        @municipality_option
        @lang_option
        @pass_session
        @functools.wraps(command)
        def wrapper(session, *args, fmt, backend, connection, admins=(), by=None, **kwargs):
            arguments = command(*args, **kwargs)
            if backend == "neo4j" and session.municipality:
                raise click.UsageError(session.say("msg.neo4j_municipality"))
            if backend == "neo4j":
                from inklusionsgraf.bolt import connect, settings_from
                from inklusionsgraf.bolt_queries import run_query

                with connect(settings_from(**connection)) as database:
                    result = run_query(database, name, *arguments)
            else:
                if name == "admin":
                    _committee_hint(session, session.administrations, arguments[0])
                result = session.answer(name, arguments)
            if admins:
                from inklusionsgraf.by_admin import for_administrations

                for admin in admins:
                    _committee_hint(session, result.graph, admin)
                result = for_administrations(result, result.graph, admins)
            _warn_years(session, result, kwargs)
            group = by or ("admin" if name == "area" else None)  # area's rows come by administration
            click.echo(render(result, fmt, lang=session.lang, group=group), nl=False)
        if by_admin:
            wrapper = click.option("--admin", "admins", multiple=True, metavar="NAME",
                                   help="Only this administration's rows (repeatable; a unit's rows "
                                   "count for the administration that housed it).")(wrapper)
        if by_admin and name != "deps":
            wrapper = click.option("--by", type=click.Choice(["admin"]),
                                   help="Table only: a heading per administration, those with none "
                                   "recorded last.")(wrapper)
        return wrapper
    return decorate


def _warn_years(session: Session, result, options: dict) -> None:
    """A year outside the years the data covers: say so on stderr (the answer still follows)."""
    years = [options.get(key) for key in ("year", "from_year", "to_year")]
    if all(year is None for year in years) or result.graph is None:
        return
    graph = result.graph
    from inklusionsgraf.inputs import year_warning

    warning = year_warning(graph, years, session.lang)
    if warning:
        click.echo(warning, err=True)


def _committee_hint(session: Session, graph, name: str) -> None:
    """A committee's name where an administration is asked for: name the administration it
    may have been meant for, on stderr (the committee's answer still follows)."""
    from inklusionsgraf.inputs import committee_notes

    if graph is not None:
        for note in committee_notes(graph, name, session.lang):
            click.echo(note, err=True)


def as_of_option(command):
    """--year YEAR: answer as the documents stood in that year (default: each thing's latest
    statement)."""
    return click.option("--year", type=click.IntRange(1900, 2100), metavar="YEAR",
                        help="As the documents stood in YEAR: the statements that hold then "
                        "(default: each thing's latest statement).")(command)


@click.group(cls=Cli)
@click.option("--data", "data_dir", type=click.Path(file_okay=False), envvar="INKLUSIONSGRAF_DATA",
              help="Directory with the tables (default: the bundled dataset).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              envvar="INKLUSIONSGRAF_LANG", help="Language of what people read, for every command "
              "[env INKLUSIONSGRAF_LANG].")
@click.option("--no-cache", is_flag=True, help="Read the tables afresh; neither use nor write the "
              "snapshot of a large dataset in the user cache folder [env INKLUSIONSGRAF_NO_CACHE].")
@click.version_option(package_name="inklusionsgraf")
@click.pass_context
def cli(ctx, data_dir, lang, no_cache):
    """Copenhagen's inclusion policy as one graph: gaps, funding, areas, administrations."""
    from inklusionsgraf.core import cache_allowed

    ctx.obj = Session(data_dir, lang, cache=cache_allowed(no_cache))


@cli.command()
@click.option("--sources", type=click.Path(exists=True, file_okay=False),
              help="Also check every quote against the source documents in this directory.")
@lang_option
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
    click.echo(session.say("msg.validate_ok", rows=sum(counts.values()), tables=len(counts),
                           directory=data_directory(session.data_dir)), err=True)


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
@query_command("unfunded", by_admin=True)
def unfunded(year):
    """Goals with no secured funding anywhere under them (covering YEAR, with --year), and why."""
    return (year,)


@gaps.command()
@as_of_option
@query_command("orphans", by_admin=True)
def orphans(year):
    """Goals that no activity supports, directly or through sub-goals."""
    return (year,)


@gaps.command()
@query_command("unlinked", by_admin=True)
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
@query_command("deps", by_admin=True)
def deps(year):
    """Cross-administration dependencies: who does work for whose goals, whose money carries
    whose work, partners, units, and whose work depends on whose (with its condition).
    With --admin, the edges with that administration on either side."""
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


@cli.command("names")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["administration", "goal", "activity", "funding", "area"]),
              help="Only names of this kind (repeatable; default: every kind).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for reading; json or csv for other programs (stdout only).")
@municipality_option
@lang_option
@pass_session
def names_command(session, kinds, fmt):
    """What can be asked for: each node's id, code or abbreviation, title and other names."""
    from inklusionsgraf.inputs import askable

    click.echo(render(askable(session.graph, kinds), fmt, lang=session.lang), nl=False)


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
@lang_option
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
    click.echo(session.say("msg.wrote", path=output), err=True)


@cli.group("neo4j")
def neo4j_group():
    """Load the graph into Neo4j (or another Bolt server) to query it there."""


@neo4j_group.command("load")
@click.option("--replace", is_flag=True, help="Delete everything in the database first.")
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows per statement.")
@connection_options
@lang_option
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
              help="The file to write; .md, .html, .pdf (through Chromium), .csv or .xlsx.")
@click.option("--admin", multiple=True, metavar="NAME",
              help="Only the goals this administration answers for (repeatable).")
@LANG_OPTION
@municipality_option
@pass_session
def report(session, which, output, admin, lang):
    """The orphan or unfunded goals as a report to hand on: date, data version and method,
    a summary, the goals by administration, and an appendix."""
    from inklusionsgraf.names import resolve
    from inklusionsgraf.reports import build_report, check_output, write_report
    from inklusionsgraf.tables import data_directory

    check_output(output)
    admins = [resolve(session.graph, name, kinds=["administration"]) for name in admin]
    prepare_output(output)
    result = build_report(session.graph, which, lang, admins=admins, data_dir=data_directory(session.data_dir))
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
@lang_option
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
@lang_option
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
@lang_option
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
@lang_option
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
