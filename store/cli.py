"""The ``planwatch`` command line: options in, one library call, rendered rows out.

Only click and the standard library are imported here at start-up, so ``planwatch --help`` is
fast; the database, extraction and rendering modules are imported by the commands that use them.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from store.cli_db import _reader, _session
from store.cli_options import (
    LIST_FORMATS,
    XLSX_NEEDS_FILE,
    agency_option,
    as_date,
    default_format,
    document_option,
    due_filters,
    due_options,
    format_option,
    hoist_global_options,
    max_file_size_option,
    open_output,
    output_option,
    settings_from_options,
    successors_option,
)

if TYPE_CHECKING:
    from extract.settings import ExtractSettings


@dataclass
class Options:
    db: str | None
    silent: bool


INTERRUPTED = 130  # the shell's code for a process ended by Ctrl-C (128 + SIGINT)


class PlanwatchGroup(click.Group):
    """Turns the library's named errors into one-line messages and exit code 1, Ctrl-C into
    exit code 130, and accepts the global options after the subcommand too."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(args) if ctx.parent is None else args)

    def invoke(self, ctx: click.Context) -> Any:
        from extract.errors import PlanwatchError

        try:
            return super().invoke(ctx)
        except PlanwatchError as error:
            raise click.ClickException(str(error)) from error
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None


@click.group(cls=PlanwatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="URL", help="Database URL or SQLite file name "
              "[default: $PLANWATCH_DB, else sqlite:///planwatch.db].")
@click.option("-v", "--verbose", count=True, help="Log to stderr: -v for progress, -vv for debugging.")
@click.option("-q", "--silent", is_flag=True, help="No progress bars.")
@click.version_option(package_name="planwatch")
@click.pass_context
def cli(ctx: click.Context, db: str | None, verbose: int, silent: bool) -> None:
    """Track who must do what, by when, in Vietnamese government plans.

    Data goes to stdout, progress and logs to stderr. Exit codes: 0 all good, 1 some inputs
    failed, 2 usage error.

    \b
    Example:
        planwatch ingest plans/
        planwatch tasks --agency "Sở TT&TT" --overdue
    """
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = Options(db=db, silent=silent)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@max_file_size_option
def extract(file: str, fmt: str, max_file_size: int | None) -> None:
    """Print what planwatch reads in FILE (the extraction JSON); touches no database.

    \b
    Example:
        planwatch extract ke-hoach-34.md > ke-hoach-34.json
        planwatch extract big-report.pdf --max-file-size 500MB
    """
    from extract import extract_file

    document = extract_file(file, settings=settings_from_options(max_file_size))
    for part in document.json_parts():  # written as it is dumped: no whole copy in memory
        click.echo(part, nl=False)
    click.echo()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--workers", type=click.IntRange(min=1), default=None, show_default="the number of cores",
              help="Extract in N processes (this process alone writes).")
@click.option("--engine", "engine_name", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: processes of this machine, or a Dask cluster (needs planwatch[dask]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: a running scheduler (tcp://host:8786) [default: a LocalCluster of N workers].")
@click.option("--json", "as_json", is_flag=True,
              help="Also print a JSON report on stdout: per file its status, reason, counts and warnings.")
@max_file_size_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], workers: int | None, engine_name: str,
           scheduler: str | None, as_json: bool, max_file_size: int | None) -> None:
    """Extract and store files, and every .md .txt .html .htm .pdf .docx under folders.

    One line per file on stderr ("ok …", "skipped …: already ingested", "error …: reason").
    Files already stored (same bytes) are skipped; a bad, missing or unreadable file or folder
    does not stop the others, but the exit code is then 1. Linked folders are followed once.

    \b
    Example:
        planwatch ingest plans/ --workers 4
        planwatch ingest plans/ --json > report.json
        planwatch ingest /shared/plans --engine dask --scheduler tcp://10.0.0.5:8786
        planwatch ingest plans/ --max-file-size 10MB
    """
    from store.pool import default_workers, remembered_interrupt

    if scheduler and engine_name != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    with remembered_interrupt() as interrupted:
        settings = settings_from_options(max_file_size)
        _ingest(ctx, paths, workers or default_workers(), engine_name, scheduler, as_json, settings, interrupted)


def _ingest(ctx: click.Context, paths: tuple[str, ...], workers: int, engine_name: str, scheduler: str | None,
            as_json: bool, settings: ExtractSettings | None, interrupted: Any) -> None:
    from store.ingest import ingest_files
    from store.pool import open_extractors
    from store.render import progress_bar
    from store.walk import collect_inputs

    inputs = collect_inputs(paths)
    for problem in inputs.problems:
        click.echo(f"error {problem.path}: {problem.reason}", err=True)
    files, failed = inputs.files, len(inputs.problems)
    if not files:
        click.echo("nothing to ingest: no .md .txt .html .htm .pdf .docx files found", err=True)
        ctx.exit(1 if failed else 0)
    outcomes = []
    with open_extractors(engine_name, workers, scheduler, settings) as cluster, _session(ctx, create=True) as session, \
            progress_bar(len(files), silent=ctx.obj.silent) as bar:
        for outcome in ingest_files(session.get_bind(), files, workers=workers, extractors=cluster,  # type: ignore[arg-type]
                                    settings=settings):
            failed += outcome.status == "error"
            outcomes.append(outcome)
            bar.log(outcome.line())
            bar.advance()
            if interrupted.is_set():  # Ctrl-C whose exception a finalizer swallowed
                raise KeyboardInterrupt
        if as_json:
            from store.tracking import ingest_report

            click.echo(ingest_report(session, outcomes))
    if interrupted.is_set():
        raise KeyboardInterrupt
    if failed:
        click.echo(f"{failed} of {len(files) + len(inputs.problems)} files failed", err=True)
        ctx.exit(1)


@cli.group(invoke_without_command=True)
@click.option("--warnings", "show_warnings", is_flag=True, help="One row per warning, with its text.")
@format_option(LIST_FORMATS, default_format)
@output_option
@click.pass_context
def documents(ctx: click.Context, show_warnings: bool, fmt: str, output: str | None) -> None:
    """List the stored documents, every version, with task and target counts.

    \b
    Example:
        planwatch documents --format json
        planwatch documents --warnings --format md
        planwatch documents forget 34/KH-STTTT
    """
    if ctx.invoked_subcommand is not None:
        return
    from store import queries
    from store.render import write_rows

    with _session(ctx) as session:
        if show_warnings:
            from store.lookup import document_label
            from store.tables import Document
            from sqlmodel import select

            rows = [
                {"id": doc.id, "label": document_label(doc), "warning": warning}
                for doc in session.exec(select(Document).order_by(Document.id)).all()
                for warning in doc.warnings
            ]
            columns: tuple[str, ...] = ("id", "label", "warning")
        else:
            rows = [r.to_dict() for r in queries.documents(session)]
            columns = ("id", "label", "kind", "issued", "version", "status", "tasks", "targets", "warnings", "source")
    with open_output(output) as out:
        write_rows(rows, fmt, out, columns)


@cli.command()
@agency_option
@successors_option
@click.option("--role", type=click.Choice(["lead", "cooperate"]), help="The agency's role.")
@document_option
@click.option("--due-before", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Deadline on or before DATE (YYYY-MM-DD).")
@due_options
@format_option(LIST_FORMATS, default_format)
@output_option
@click.pass_context
def tasks(
    ctx: click.Context, agency: str | None, successors: bool, role: str | None, document: str | None,
    due_before: datetime | None, fmt: str, output: str | None, **due: Any,
) -> None:
    """List tasks with their stable ids, lead and cooperating agencies, due dates and status.

    Due dates come from each task's timeframe (the next occurrence for a recurring task),
    counted from today or --as-of DATE; a done task is never overdue.

    \b
    Example:
        planwatch tasks --agency STTTT --role lead --due-before 2025-06-30
        planwatch tasks --overdue --as-of 2026-01-01 --format csv
        planwatch tasks --due-within 30d --status in_progress
        planwatch tasks --agency "Sở KH&CN Lâm Đồng" --successors
    """
    from store import queries
    from store.task_json import write_task_rows

    columns = ("id", "document", "key", "title", "lead", "cooperate", "due", "status")
    with _reader(ctx) as db:
        rows = queries.iter_tasks(
            db, agency=agency, role=role, document=document, due_before=as_date(due_before),
            successors=successors, **due_filters(due),
        )
        with open_output(output) as out:  # streamed: rows are written as they are read
            write_task_rows(rows, fmt, out, columns)


@cli.command()
@click.option("--indicator", metavar="I", help="Words of the indicator name or id.")
@click.option("--area", metavar="A", help="Words of the area (province, district, network).")
@click.option("--deadline-before", metavar="DATE", type=click.DateTime(["%Y-%m-%d"]),
              help="Only targets due before this date (YYYY-MM-DD).")
@document_option
@format_option((*LIST_FORMATS, "xlsx"), default_format)
@output_option
@click.pass_context
def targets(
    ctx: click.Context, indicator: str | None, area: str | None, deadline_before: datetime | None,
    document: str | None, fmt: str, output: str | None,
) -> None:
    """List targets: indicator, comparator, value, unit, deadline and area.

    \b
    Example:
        planwatch targets --indicator "tốc độ tải xuống" --format csv
        planwatch targets --deadline-before 2026-01-01 --format xlsx -o targets.xlsx
    """
    from store import queries

    if fmt == "xlsx" and not output:
        raise click.UsageError(XLSX_NEEDS_FILE)
    with _session(ctx) as session:
        found = queries.targets(session, indicator=indicator, area=area, document=document)
    limit = deadline_before.date() if deadline_before else None
    rows = [r.to_dict() for r in found if limit is None or (r.deadline is not None and r.deadline < limit)]
    columns = ("document", "indicator", "comparator", "value", "value_max", "unit", "deadline", "area")
    _write_listing(rows, fmt, output, columns)


@cli.command()
@click.option("--indicator", metavar="I", help="Words of the indicator name or id.")
@click.option("--area", metavar="A", help="Words of the area.")
@document_option
@format_option((*LIST_FORMATS, "xlsx"), default_format)
@output_option
@click.pass_context
def progress(
    ctx: click.Context, indicator: str | None, area: str | None, document: str | None, fmt: str, output: str | None
) -> None:
    """Each target beside the latest observation of its indicator and area: gap and status
    (met, on track, behind, no data; on track = at or past a straight line from the baseline).

    \b
    Example:
        planwatch progress --indicator "households fibre"
    """
    from store.progress import progress as progress_rows

    if fmt == "xlsx" and not output:
        raise click.UsageError(XLSX_NEEDS_FILE)
    with _session(ctx) as session:
        rows = [r.to_dict() for r in progress_rows(session, indicator=indicator, area=area, document=document)]
    columns = ("document", "indicator", "area", "comparator", "target", "unit", "deadline", "observed", "as_of",
               "gap", "status")
    _write_listing(rows, fmt, output, columns)


def _write_listing(rows: list[dict[str, Any]], fmt: str, output: str | None, columns: tuple[str, ...]) -> None:
    """Rows as table/json/csv/md to stdout or -o, or as an xlsx sheet to -o."""
    from store.render import write_rows

    if fmt == "xlsx":
        from store import export

        body = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
        export.write_grid_xlsx(list(columns), body, output)  # type: ignore[arg-type]
        return
    with open_output(output) as out:
        write_rows(rows, fmt, out, columns)


from store.cli_agencies import agencies  # noqa: E402  (commands kept in modules of their own)
from store.cli_exports import checklist, matrix  # noqa: E402
from store.cli_tracking import diff, documents_forget, duties, observations, review, search, summary, task  # noqa: E402

for command in (agencies, checklist, matrix, diff, duties, observations, review, search, summary, task):
    cli.add_command(command)
documents.add_command(documents_forget)
