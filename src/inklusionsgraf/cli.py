"""The command line: parse options, call the library, print. Nothing else.

Data goes to stdout; problems go to stderr as ``FILE:LINE: message``. Exit status: 0 on
success, 2 on bad data, an unknown or ambiguous name, or a usage error.
"""

from __future__ import annotations

import functools
import sys

import click

from inklusionsgraf import queries
from inklusionsgraf.errors import DataError, InklusionsgrafError, NameError_
from inklusionsgraf.render import FORMATS, render

EXIT_DATA = 2


class Session:
    """What the subcommands share: where the data is, and the graph once it is built."""

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self._graph = None

    @property
    def graph(self):
        if self._graph is None:
            from inklusionsgraf.build import load_graph

            self._graph = load_graph(self.data_dir)
        return self._graph


pass_session = click.make_pass_decorator(Session)


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
        ctx.exit(EXIT_DATA)


def output_format(command):
    """The shared --format option: table (default), json or csv."""
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                  help="table for reading; json or csv for other programs (stdout only).")
    @functools.wraps(command)
    def wrapper(*args, fmt, **kwargs):
        result = command(*args, **kwargs)
        click.echo(render(result, fmt), nl=False)
    return wrapper


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
    """Check the tables; print FILE:LINE: problem for each defect (exit 2 if any)."""
    from inklusionsgraf.tables import check_quotes, read_dataset

    dataset = read_dataset(session.data_dir)
    if sources:
        problems = check_quotes(dataset, sources)
        if problems:
            raise DataError(problems)
    rows = sum(len(r) for r in dataset.tables.values())
    click.echo(f"ok: {rows} rows in {len(dataset.tables)} tables in {dataset.directory}", err=True)


@cli.command()
@output_format
@pass_session
def stats(session):
    """Counts of nodes and edges by kind, and the documents covered."""
    return queries.stats(session.graph)


@cli.group()
def gaps():
    """Goals without funding or activity, and activities without a goal."""


@gaps.command()
@output_format
@pass_session
def unfunded(session):
    """Goals with no secured funding anywhere under them, and why."""
    return queries.unfunded_goals(session.graph)


@gaps.command()
@output_format
@pass_session
def orphans(session):
    """Goals that no activity supports, directly or through sub-goals."""
    return queries.orphan_goals(session.graph)


@gaps.command()
@output_format
@pass_session
def unlinked(session):
    """Activities that support no goal."""
    return queries.unlinked_activities(session.graph)


@cli.command()
@click.argument("source")
@click.option("--year", type=int, help="The year it expires (default: its own end year).")
@output_format
@pass_session
def impact(session, source, year):
    """What a funding source's expiry takes with it."""
    return queries.impact(session.graph, source, year)


@cli.command()
@click.option("--year", type=int, required=True)
@output_format
@pass_session
def expiring(session, year):
    """Activities, funding sources and goals whose period ends in YEAR."""
    return queries.expiring(session.graph, year)


@cli.command()
@click.option("--year", type=int, required=True)
@output_format
@pass_session
def active(session, year):
    """Activities and funding sources that run in YEAR."""
    return queries.active(session.graph, year)


@cli.command()
@click.argument("name")
@output_format
@pass_session
def area(session, name):
    """Everything located in an area and its sub-areas, by administration."""
    return queries.area_profile(session.graph, name)


@cli.command()
@click.argument("name")
@output_format
@pass_session
def admin(session, name):
    """One administration's goals and activities (its units' too)."""
    return queries.admin_profile(session.graph, name)


@cli.command()
@output_format
@pass_session
def deps(session):
    """Cross-administration dependencies: work, money, partners, units."""
    return queries.dependencies(session.graph)


@cli.command()
@click.argument("node")
@output_format
@pass_session
def show(session, node):
    """A node with its attributes, provenance and neighbours."""
    return queries.show(session.graph, node)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@pass_session
def export(session, fmt, output):
    """The whole graph as node-link JSON, or GraphML for Gephi."""
    from inklusionsgraf.export import to_graphml, to_json, write_atomic

    text = to_json(session.graph) if fmt == "json" else to_graphml(session.graph)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise InklusionsgrafError(f"cannot write {output}: {exc.strerror}") from exc
    click.echo(f"wrote {output}", err=True)


# --- extraction: extract and merge (issue 5) ------------------------------------------------
EXIT_SKIPPED = 1


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
@click.pass_context
def extract(ctx, files, output, compare_with, gazetteer, fmt):
    """Read action plans, status forms, agreements and reports (.txt or .docx) into tables.

    Exit status 1 when something was skipped (each reason on stderr as FILE:LINE: message).
    """
    from inklusionsgraf.extract.layouts import extract as run, load_gazetteer
    from inklusionsgraf.extract.output import write_extraction

    result = run(files, *load_gazetteer(gazetteer))
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    try:
        write_extraction(result, output)
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
    click.echo(f"merged into {dataset}: {report.replaced} replaced, {report.added} added, "
               f"{report.kept} kept, {report.corrected} correction(s) applied", err=True)
# --- end of extraction -----------------------------------------------------------------------


def main() -> None:
    cli(prog_name="inklusionsgraf")


if __name__ == "__main__":
    sys.exit(main())
