"""The ``planwatch`` command line: options in, one library call, rendered rows out.

Only click and the standard library are imported here at start-up, so ``planwatch --help`` is
fast; the database, extraction and rendering modules are imported by the commands that use them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from sqlmodel import Session

DB_ERROR = "cannot open the database {url} ({reason}); check --db or PLANWATCH_DB"
XLSX_NEEDS_FILE = "--format xlsx writes a file; give it with -o FILE"
LIST_FORMATS = ("table", "json", "csv", "md")


@dataclass
class Options:
    db: str | None
    silent: bool


INTERRUPTED = 130  # the shell's code for a process ended by Ctrl-C (128 + SIGINT)
GLOBAL_FLAGS = ("-q", "--silent", "-v", "--verbose", "-vv", "-vvv")


def hoist_global_options(args: list[str]) -> list[str]:
    """Move ``--db URL``, ``-q`` and ``-v`` written after the subcommand to before it, so
    ``planwatch tasks --db x.db -q`` means ``planwatch --db x.db -q tasks``; ``--`` stops the scan."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg in GLOBAL_FLAGS:
            front.append(arg)
        elif arg == "--db" and i + 1 < len(args):
            front.extend(args[i : i + 2])
            i += 1
        elif arg.startswith("--db="):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


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
@click.option("--db", metavar="URL", help="Database URL [default: $PLANWATCH_DB, else sqlite:///planwatch.db].")
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


@contextmanager
def _session(ctx: click.Context) -> Iterator[Session]:
    """A session on the chosen database, with the tables created if missing."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    from store.db import database_url, init_db, make_engine

    url = database_url(ctx.obj.db)
    try:
        engine = make_engine(url)
        init_db(engine)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise click.ClickException(DB_ERROR.format(url=url, reason=reason)) from error
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def _default_format() -> str:
    return "table" if sys.stdout.isatty() else "json"


def _format_option(choices: tuple[str, ...], default: Callable[[], str] | str) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default="table on a terminal, else json" if callable(default) else True,
        help="Output format.",
    )


_output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE, not stdout."
)
_document_option = click.option(
    "--document", metavar="D", help="Document id, number, file name, SHA-256 prefix or title words."
)
_agency_option = click.option(
    "--agency", metavar="A", help='Agency by name, alias or abbreviation ("Sở TT&TT", "STTTT").'
)


REVIEW_REASONS = ("changed", "truncated", "unresolved", "ambiguous", "unparsed", "garbled", "low_confidence")
STATUS_CHOICES = ("not_started", "in_progress", "blocked", "done", "cancelled")


def _parse_period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    from store.deadlines import parse_period

    if value is None:
        return None
    try:
        return parse_period(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


def _due_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--status, --overdue, --due-within and --as-of (alias --today), shared by the task listings."""
    for option in reversed((
        click.option("--status", type=click.Choice(STATUS_CHOICES), help="Only tasks with this status."),
        click.option("--overdue", is_flag=True, help="Unfinished tasks whose due date has passed."),
        click.option("--due-within", metavar="PERIOD", callback=_parse_period,
                     help="Unfinished tasks due in the next PERIOD (30d, 2w, 3m, 1y)."),
        click.option("--as-of", "--today", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
                     help="The day due dates are counted from [default: today]."),
    )):
        command = option(command)
    return command


def _due_filters(options: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": options["status"], "overdue": options["overdue"], "due_within": options["due_within"],
        "today": _as_date(options["as_of"]),
    }


@contextmanager
def _open_output(output: str | None) -> Iterator[IO[str]]:
    if output is None:
        yield sys.stdout
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            yield fh


def _as_date(value: datetime | None) -> date | None:
    return value.date() if value else None


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def extract(file: str, fmt: str) -> None:
    """Print what planwatch reads in FILE (the extraction JSON); touches no database.

    \b
    Example:
        planwatch extract ke-hoach-34.md > ke-hoach-34.json
    """
    from extract import extract_file

    click.echo(extract_file(file).to_json())


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract in N processes (this process alone writes).")
@click.option("--json", "as_json", is_flag=True,
              help="Also print a JSON report on stdout: per file its status, reason, counts and warnings.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], workers: int, as_json: bool) -> None:
    """Extract and store files, and every .md .txt .html .htm .pdf .docx under folders.

    One line per file on stderr ("ok …", "skipped …: already ingested", "error …: reason").
    Files already stored (same bytes) are skipped; a bad file does not stop the others, but
    the exit code is then 1.

    \b
    Example:
        planwatch ingest plans/ --workers 4
        planwatch ingest plans/ --json > report.json
    """
    from store.ingest import find_input_files, ingest_files
    from store.render import progress_bar

    files = find_input_files(paths)
    if not files:
        click.echo("nothing to ingest: no .md .txt .html .htm .pdf .docx files found", err=True)
        return
    failed = 0
    outcomes = []
    with _session(ctx) as session, progress_bar(len(files), silent=ctx.obj.silent) as bar:
        for outcome in ingest_files(session.get_bind(), files, workers=workers):  # type: ignore[arg-type]
            failed += outcome.status == "error"
            outcomes.append(outcome)
            bar.log(outcome.line())
            bar.advance()
        if as_json:
            from store.tracking import ingest_report

            click.echo(ingest_report(session, outcomes))
    if failed:
        click.echo(f"{failed} of {len(files)} files failed", err=True)
        ctx.exit(1)


@cli.group(invoke_without_command=True)
@click.option("--warnings", "show_warnings", is_flag=True, help="One row per warning, with its text.")
@_format_option(LIST_FORMATS, _default_format)
@_output_option
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
    with _open_output(output) as out:
        write_rows(rows, fmt, out, columns)


@documents.command("forget")
@click.argument("document", metavar="DOC")
@click.pass_context
def documents_forget(ctx: click.Context, document: str) -> None:
    """Remove a document and everything read from it; statuses and the audit trail stay.

    The version before it, if any, becomes current again. Ingesting the file again brings
    back the statuses people set on its tasks.

    \b
    Example:
        planwatch documents forget 34/KH-STTTT
    """
    from store.forget import forget_document

    with _session(ctx) as session:
        label, n = forget_document(session, document)
    click.echo(f"forgot {label}: {n} tasks", err=True)


@cli.command()
@_agency_option
@click.option("--role", type=click.Choice(["lead", "cooperate"]), help="The agency's role.")
@_document_option
@click.option("--due-before", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Deadline on or before DATE (YYYY-MM-DD).")
@_due_options
@_format_option(LIST_FORMATS, _default_format)
@_output_option
@click.pass_context
def tasks(
    ctx: click.Context, agency: str | None, role: str | None, document: str | None,
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
    """
    from store import queries
    from store.render import write_rows

    with _session(ctx) as session:
        rows = queries.tasks(
            session, agency=agency, role=role, document=document, due_before=_as_date(due_before),
            **_due_filters(due),
        )
    columns = ("id", "document", "key", "title", "lead", "cooperate", "due", "status")
    with _open_output(output) as out:
        write_rows([r.to_dict() for r in rows], fmt, out, columns)


def _output_options(formats: tuple[str, ...], default: Callable[[], str] | str) -> Callable[..., Any]:
    """--format, -o/--output and --lang, shared by the exports (as sqlite-utils' output_options)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
                               help="Language of headers, roles and statuses in exported files.")(command)
        command = _output_option(command)
        return _format_option(formats, default)(command)

    return decorate


def _needs_file(fmt: str, output: str | None) -> None:
    if fmt in FILE_FORMATS and not output:
        raise click.UsageError(f"--format {fmt} writes a file; give it with -o FILE")


FILE_FORMATS = ("xlsx",)


@cli.command()
@_document_option
@_agency_option
@_due_options
@_output_options(("table", "csv", "json", "md", "xlsx", "html"), _default_format)
@click.pass_context
def matrix(
    ctx: click.Context, document: str | None, agency: str | None, fmt: str, output: str | None, lang: str, **due: Any
) -> None:
    """The responsibility matrix: tasks × agencies, L = lead, C = cooperate, with task ids.

    --format json prints one row per assignment: document, task_key, task, agency, role, id.
    --format html writes one self-contained page with the status summary and the matrix
    (cells Chủ trì / Phối hợp).

    \b
    Example:
        planwatch matrix --document 34/KH-STTTT --format xlsx -o matrix.xlsx
        planwatch matrix --format html -o matrix.html
    """
    from store import export, queries
    from store.render import write_matrix_table
    from store.tracking import grid_with_ids

    _needs_file(fmt, output)
    filters = _due_filters(due)
    if fmt == "html":
        _write_html(ctx, agency, document, filters, output, lang)
        return
    with _session(ctx) as session:
        rows = queries.responsibility_matrix(session, document=document, agency=agency)
        if any(v for k, v in filters.items() if k != "today"):
            keep = {t.uid for t in queries.tasks(session, document=document, agency=agency, **filters)}
            rows = [r for r in rows if r.id in keep]
    if fmt == "json":
        with _open_output(output) as out:
            export.write_json(rows, out)
        return
    header, body = grid_with_ids(rows)
    if fmt == "xlsx":
        from store.formats.xlsx import write_table_xlsx

        write_table_xlsx(header, body, output, sheet="Matrix")  # type: ignore[arg-type]
        return
    with _open_output(output) as out:
        if fmt == "csv":
            export.write_grid_csv(header, body, out)
        elif fmt == "md":
            export.write_grid_markdown(header, body, out)
        else:
            write_matrix_table(header[1:], [row[1:] for row in body], out)


def _write_html(
    ctx: click.Context, agency: str | None, document: str | None, filters: dict[str, Any], output: str | None,
    lang: str,
) -> None:
    from store.checklist import checklist_items, labels
    from store.formats.html import write_html
    from store.tracking import status_summary

    words = labels(lang)
    with _session(ctx) as session:
        items = checklist_items(session, agency=agency, document=document, **filters)
        summary = [r.to_dict() for r in status_summary(session, by="agency", document=document,
                                                           today=filters["today"])]
    if agency:
        names = {i.agency for i in items}
        summary = [r for r in summary if r["name"] in names]
    with _open_output(output) as out:
        write_html(items, out, words, title=words["words"]["matrix"], summary=summary, today=filters["today"])


@cli.command()
@_agency_option
@_document_option
@_due_options
@_output_options(("md", "csv", "json", "xlsx", "ics", "html"), "md")
@click.pass_context
def checklist(
    ctx: click.Context, agency: str | None, document: str | None, fmt: str, output: str | None, lang: str,
    **due: Any,
) -> None:
    """A to-do list per agency: each task with its id, role, due date, status, co-agencies,
    outputs and source, grouped by agency then due date.

    md: "- [ ]" / "- [x]" items; xlsx: headers as in the plans (TT, Nhiệm vụ, Đơn vị chủ trì …),
    a status drop-down and overdue rows highlighted; ics: a to-do per deadline with a reminder
    a week before; html: one page with the status summary and the matrix.

    \b
    Example:
        planwatch checklist --agency "Sở Thông tin và Truyền thông" -o checklist.md
        planwatch checklist --agency "Sở TT&TT" --due-within 30d --format ics -o hạn.ics
        planwatch checklist --format xlsx -o checklist.xlsx
    """
    from store.checklist import checklist_items, labels
    from store.formats import text

    _needs_file(fmt, output)
    filters = _due_filters(due)
    if fmt == "html":
        _write_html(ctx, agency, document, filters, output, lang)
        return
    words = labels(lang)
    with _session(ctx) as session:
        items = checklist_items(session, agency=agency, document=document, **filters)
        summary = []
        if fmt == "xlsx":
            from store.tracking import status_summary

            summary = [r.to_dict() for r in status_summary(session, by="agency", document=document,
                                                               today=filters["today"])]
    if fmt == "xlsx":
        from store.formats.xlsx import write_checklist_xlsx

        write_checklist_xlsx(items, output, words, today=filters["today"], summary=summary)  # type: ignore[arg-type]
        return
    with _open_output(output) as out:
        if fmt == "ics":
            from store.formats.ics import write_ics

            write_ics(items, out, words)
        elif fmt == "md":
            text.write_markdown(items, out, words)
        elif fmt == "csv":
            text.write_csv(items, out, words)
        else:
            text.write_json(items, out)


@cli.command()
@click.option("--unresolved", is_flag=True, help="Only mentions no known agency matched.")
@_format_option(LIST_FORMATS, _default_format)
@_output_option
@click.pass_context
def agencies(ctx: click.Context, unresolved: bool, fmt: str, output: str | None) -> None:
    """List agencies with their aliases and task counts, or the unresolved mentions.

    \b
    Example:
        planwatch agencies --unresolved --format csv
    """
    from store import queries
    from store.render import write_rows

    with _session(ctx) as session:
        rows = [r.to_dict() for r in queries.agencies(session, unresolved=unresolved)]
    columns = ("name", "kind", "aliases", "lead_tasks", "cooperate_tasks", "resolved")
    with _open_output(output) as out:
        write_rows(rows, fmt, out, columns)


@cli.command()
@click.option("--indicator", metavar="I", help="Words of the indicator name or id.")
@click.option("--area", metavar="A", help="Words of the area (province, district, network).")
@_document_option
@_format_option(LIST_FORMATS, _default_format)
@_output_option
@click.pass_context
def targets(
    ctx: click.Context, indicator: str | None, area: str | None, document: str | None, fmt: str, output: str | None
) -> None:
    """List targets: indicator, comparator, value, unit, deadline and area.

    \b
    Example:
        planwatch targets --indicator "tốc độ tải xuống" --format csv
    """
    from store import queries
    from store.render import write_rows

    with _session(ctx) as session:
        rows = [r.to_dict() for r in queries.targets(session, indicator=indicator, area=area, document=document)]
    columns = ("document", "indicator", "comparator", "value", "value_max", "unit", "deadline", "area")
    with _open_output(output) as out:
        write_rows(rows, fmt, out, columns)


@cli.group()
def task() -> None:
    """Set and show what people own on one task: status, note, history.

    \b
    Example:
        planwatch task set 3kq7x2ma --status done --note "Báo cáo đã gửi"
        planwatch task show 3kq7x2ma
    """


@task.command("set")
@click.argument("task_id", metavar="ID")
@click.option("--status", type=click.Choice([*STATUS_CHOICES, "open"]), help="The new status.")
@click.option("--note", help="A note kept with the status.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The day the status became true [default: not recorded].")
@click.option("--by", metavar="WHO", help="Who made the change [default: the OS user].")
@click.pass_context
def task_set(
    ctx: click.Context, task_id: str, status: str | None, note: str | None, as_of: datetime | None, by: str | None
) -> None:
    """Set a task's status and/or note; each change goes to the audit trail.

    The status stays with the task across re-ingest and new versions of its document.

    \b
    Example:
        planwatch task set 3kq7x2ma --status in_progress --by "Nguyễn Văn A"
    """
    from store.status import set_status

    if status is None and note is None and as_of is None:
        raise click.UsageError("nothing to set: give --status, --note or --as-of")
    with _session(ctx) as session:
        uid, changes = set_status(session, task_id, status=status, note=note, as_of=_as_date(as_of), by=by)
    if not changes:
        click.echo(f"{uid}: unchanged", err=True)
    for change in changes:
        click.echo(f"{uid}: {change.field} {change.old or '-'} -> {change.new or '-'}", err=True)


@task.command("show")
@click.argument("task_id", metavar="ID")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The day the due date is counted from [default: today].")
@_format_option(("text", "json"), lambda: "text" if sys.stdout.isatty() else "json")
@click.pass_context
def task_show(ctx: click.Context, task_id: str, as_of: datetime | None, fmt: str) -> None:
    """Show one task: agencies and roles, provenance, confidence, flags, status and history.

    \b
    Example:
        planwatch task show 3kq7x2ma --format json
    """
    import json

    from store.status import show_task
    from store.tracking import write_task

    with _session(ctx) as session:
        data = show_task(session, task_id, today=_as_date(as_of))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        write_task(data, sys.stdout)


@cli.command()
@click.option("--by", "by", type=click.Choice(["document", "agency"]), default="document", show_default=True,
              help="One row per document, or per agency (lead and cooperating tasks).")
@_document_option
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The day due dates are counted from [default: today].")
@_format_option(LIST_FORMATS, _default_format)
@_output_option
@click.pass_context
def summary(
    ctx: click.Context, by: str, document: str | None, as_of: datetime | None, fmt: str, output: str | None
) -> None:
    """Status summary: tasks completed, in progress, on time and overdue, per document or agency.

    \b
    Example:
        planwatch summary --by agency --as-of 2026-01-01
    """
    from store.render import write_rows
    from store.tracking import status_summary

    with _session(ctx) as session:
        rows = status_summary(session, by=by, document=document, today=_as_date(as_of))
    columns = ("name", "total", "completed", "in_progress", "on_time", "overdue", "cancelled", "blocked")
    with _open_output(output) as out:
        write_rows([r.to_dict() for r in rows], fmt, out, columns)


@cli.command()
@_document_option
@click.option("--reason", "reasons", multiple=True, type=click.Choice(REVIEW_REASONS),
              help="Only items for this reason (repeatable).")
@_format_option(("table", "json", "md", "csv", "xlsx"), _default_format)
@_output_option
@click.pass_context
def review(ctx: click.Context, document: str | None, reasons: tuple[str, ...], fmt: str, output: str | None) -> None:
    """The queue of what needs a human: tasks changed since their status was set, truncated
    tasks, unresolved or ambiguous agencies, unparsed timeframes, garbled numbers and
    low-confidence facts, each with where it was read.

    \b
    Example:
        planwatch review --format md
        planwatch review --reason unresolved --format xlsx -o review.xlsx
    """
    from store.render import write_rows
    from store.review import COLUMNS, REASONS, review_queue, write_markdown

    if fmt == "xlsx" and not output:
        raise click.UsageError(XLSX_NEEDS_FILE)
    with _session(ctx) as session:
        items = review_queue(session, document=document, reasons=reasons or REASONS)
    if fmt == "xlsx":
        from store.formats.xlsx import write_table_xlsx

        write_table_xlsx(COLUMNS, [[i.reason, i.kind, i.id, i.document, i.where(), i.text, i.detail] for i in items],
                         output, sheet="Review")  # type: ignore[arg-type]
        return
    with _open_output(output) as out:
        if fmt == "md":
            write_markdown(items, out)
        else:
            write_rows([i.to_dict() for i in items], fmt, out, COLUMNS)


@cli.command()
@click.argument("document", metavar="DOC")
@click.argument("other", metavar="[OTHER]", required=False)
@_format_option(LIST_FORMATS, _default_format)
@_output_option
@click.pass_context
def diff(ctx: click.Context, document: str, other: str | None, fmt: str, output: str | None) -> None:
    """Tasks added, removed and changed (lead, cooperating, deadline, outputs) between a
    document and its previous version, or OTHER; tasks are matched by content, not row.

    \b
    Example:
        planwatch diff 34/KH-STTTT
        planwatch diff 5 3 --format json
    """
    from store.diff import compare
    from store.render import write_rows

    with _session(ctx) as session:
        old, new, changes = compare(session, document, other)
    click.echo(f"{old} -> {new}: {len(changes)} differences", err=True)
    rows = [{**c.to_dict(), "details": c.details()} for c in changes]
    with _open_output(output) as out:
        write_rows(rows, fmt, out, ("change", "id", "key", "title", "details"))


@cli.command()
@click.option("--indicator", metavar="I", help="Words of the indicator name or id.")
@_document_option
@_format_option(LIST_FORMATS, _default_format)
@_output_option
@click.pass_context
def observations(ctx: click.Context, indicator: str | None, document: str | None, fmt: str, output: str | None) -> None:
    """List reported figures (observations): indicator, value, unit, as of, area, where read.

    \b
    Example:
        planwatch observations --indicator "trạm BTS" --format csv
    """
    from store.facts import observations as listing
    from store.render import write_rows

    with _session(ctx) as session:
        rows = listing(session, indicator=indicator, document=document)
    with _open_output(output) as out:
        write_rows(rows, fmt, out, ("document", "indicator", "value", "unit", "as_of", "area", "where"))


@cli.command()
@_agency_option
@click.option("--role", type=click.Choice(["lead", "cooperate"]), help="The agency's role.")
@_document_option
@click.option("--references", "show_references", is_flag=True,
              help="List the documents each document cites instead (and whether they are stored).")
@_format_option(LIST_FORMATS, _default_format)
@_output_option
@click.pass_context
def duties(
    ctx: click.Context, agency: str | None, role: str | None, document: str | None, show_references: bool, fmt: str,
    output: str | None,
) -> None:
    """List responsibilities given in prose ("Sở X: chủ trì …"), per agency, with where read.

    \b
    Example:
        planwatch duties --agency "Sở TT&TT" --format md
        planwatch duties --references --format json
    """
    from store.facts import duties as listing
    from store.facts import references
    from store.render import write_rows

    with _session(ctx) as session:
        if show_references:
            rows = references(session, document=document)
            columns: tuple[str, ...] = ("document", "cites", "kind", "date", "stored")
        else:
            rows = listing(session, agency=agency, role=role, document=document)
            columns = ("document", "agency", "role", "duty", "where")
    with _open_output(output) as out:
        write_rows(rows, fmt, out, columns)


@cli.command()
@click.argument("query")
@_agency_option
@_document_option
@click.option("--kind", type=click.Choice(["task", "target", "duty"]), help="Only tasks, targets or duties.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most N results.")
@_format_option(LIST_FORMATS, _default_format)
@_output_option
@click.pass_context
def search(
    ctx: click.Context, query: str, agency: str | None, document: str | None, kind: str | None, limit: int, fmt: str,
    output: str | None,
) -> None:
    """Full-text search over tasks (titles, outputs), targets and duties, best match first.

    Marks are optional: "chuyen doi so" finds "chuyển đổi số". Every word must occur.

    \b
    Example:
        planwatch search "chuyen doi so" --kind task
        planwatch search "đo kiểm" --agency "Sở TT&TT" --format json
    """
    from store.render import write_rows
    from store.search import search as run_search

    with _session(ctx) as session:
        hits = run_search(session, query, agency=agency, document=document, kind=kind, limit=limit)
    with _open_output(output) as out:
        write_rows([h.to_dict() for h in hits], fmt, out, ("kind", "id", "document", "text", "agencies"))
