"""The tracking commands: ``task set|show``, ``summary``, ``review``, ``diff``, ``documents forget``,
``observations``, ``duties`` and ``search``."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

import click

from store.cli_db import _session
from store.cli_options import (
    LIST_FORMATS,
    XLSX_NEEDS_FILE,
    agency_option,
    as_date,
    default_format,
    document_option,
    format_option,
    open_output,
    output_option,
    save_xlsx,
)
from store.cli_db import DB_ERROR, NO_DATABASE
from store.cli_options import REVIEW_REASONS, STATUS_CHOICES

if TYPE_CHECKING:
    from datetime import date

    from store.status_sql import Change


@click.command("forget")
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


@click.group()
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
    from store.status import current_user, normalise_status

    if status is None and note is None and as_of is None:
        raise click.UsageError("nothing to set: give --status, --note or --as-of")
    status, day, by = normalise_status(status) if status else None, as_date(as_of), by or current_user()
    done = _set_on_sqlite_file(ctx, task_id, status=status, note=note, as_of=day, by=by)
    if done is None:
        from store.status import set_status

        with _session(ctx) as session:
            done = set_status(session, task_id, status=status, note=note, as_of=day, by=by)
    uid, changes = done
    if not changes:
        click.echo(f"{uid}: unchanged", err=True)
    for change in changes:
        click.echo(f"{uid}: {change.field} {change.old or '-'} -> {change.new or '-'}", err=True)


def _set_on_sqlite_file(
    ctx: click.Context, task_id: str, *, status: str | None, note: str | None, as_of: date | None, by: str
) -> tuple[str, list[Change]] | None:
    """``task set`` on a plain SQLite file through ``sqlite3`` alone (the ORM takes longer to
    import than the command may take); None when the URL or the file needs the full path
    (another database, or a schema an older planwatch made, which the full path upgrades)."""
    import sqlite3

    from store.db import database_url, plain_sqlite_file
    from store.migrate import sqlite_is_current
    from store.status_sql import SqliteSql, sqlite_transaction, write_status

    url = database_url(ctx.obj.db)
    path = plain_sqlite_file(url)
    if path is None:
        return None
    if not path.is_file():
        raise click.ClickException(NO_DATABASE.format(where=path))
    try:
        with sqlite_transaction(path) as connection:
            if not sqlite_is_current(connection):
                return None
            return write_status(SqliteSql(connection), task_id, status=status, note=note, as_of=as_of, by=by)
    except sqlite3.Error as error:
        raise click.ClickException(DB_ERROR.format(url=url, reason=str(error).splitlines()[0])) from error


@task.command("show")
@click.argument("task_id", metavar="ID")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The day the due date is counted from [default: today].")
@format_option(("text", "json"), lambda: "text" if sys.stdout.isatty() else "json")
@click.pass_context
def task_show(ctx: click.Context, task_id: str, as_of: datetime | None, fmt: str) -> None:
    """Show one task: agencies and roles, the persons it names (with their agencies),
    provenance, confidence, flags, status and history.

    \b
    Example:
        planwatch task show 3kq7x2ma --format json
    """
    import json

    from store.status import show_task
    from store.tracking import write_task

    with _session(ctx) as session:
        data = show_task(session, task_id, today=as_date(as_of))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        write_task(data, sys.stdout)


@click.command()
@click.option("--by", "by", type=click.Choice(["document", "agency"]), default="document", show_default=True,
              help="One row per document, or per agency (lead and cooperating tasks).")
@document_option
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The day due dates are counted from [default: today].")
@format_option(LIST_FORMATS, default_format)
@output_option
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
        rows = status_summary(session, by=by, document=document, today=as_date(as_of))
    columns = ("name", "total", "completed", "in_progress", "on_time", "overdue", "cancelled", "blocked")
    with open_output(output) as out:
        write_rows([r.to_dict() for r in rows], fmt, out, columns)


@click.command()
@document_option
@click.option("--reason", "reasons", multiple=True, type=click.Choice(REVIEW_REASONS),
              help="Only items for this reason (repeatable).")
@format_option(("table", "json", "md", "csv", "xlsx"), default_format)
@output_option
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

        table = [[i.reason, i.kind, i.id, i.document, i.where(), i.text, i.detail] for i in items]
        save_xlsx(lambda path: write_table_xlsx(COLUMNS, table, path, sheet="Review"), output=output)  # type: ignore[arg-type]
        return
    with open_output(output) as out:
        if fmt == "md":
            write_markdown(items, out)
        else:
            write_rows([i.to_dict() for i in items], fmt, out, COLUMNS)


@click.command()
@click.argument("document", metavar="DOC")
@click.argument("other", metavar="[OTHER]", required=False)
@format_option(LIST_FORMATS, default_format)
@output_option
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
    with open_output(output) as out:
        write_rows(rows, fmt, out, ("change", "id", "key", "title", "details"))


@click.command()
@click.option("--indicator", metavar="I", help="Words of the indicator name or id.")
@document_option
@format_option(LIST_FORMATS, default_format)
@output_option
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
    with open_output(output) as out:
        write_rows(rows, fmt, out, ("document", "indicator", "value", "unit", "as_of", "area", "where"))


@click.command()
@agency_option
@click.option("--role", type=click.Choice(["lead", "cooperate"]), help="The agency's role.")
@document_option
@click.option("--references", "show_references", is_flag=True,
              help="List the documents each document cites instead (and whether they are stored).")
@format_option(LIST_FORMATS, default_format)
@output_option
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
    with open_output(output) as out:
        write_rows(rows, fmt, out, columns)


@click.command()
@click.argument("query")
@agency_option
@document_option
@click.option("--kind", type=click.Choice(["task", "target", "duty"]), help="Only tasks, targets or duties.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most N results.")
@format_option(LIST_FORMATS, default_format)
@output_option
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
    with open_output(output) as out:
        write_rows([h.to_dict() for h in hits], fmt, out, ("kind", "id", "document", "text", "agencies"))
