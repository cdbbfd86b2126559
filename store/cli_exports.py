"""The export commands, ``matrix`` and ``checklist``, with their shared output options."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from store.cli_db import _reader, _session
from store.cli_options import (
    agency_option,
    default_format,
    document_option,
    due_filters,
    due_options,
    format_option,
    open_output,
    output_option,
    save_xlsx,
    successors_option,
)


def _output_options(formats: tuple[str, ...], default: Callable[[], str] | str) -> Callable[..., Any]:
    """--format, -o/--output and --lang, shared by the exports (as sqlite-utils' output_options)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
                               help="Language of headers, roles and statuses in exported files.")(command)
        command = output_option(command)
        return format_option(formats, default)(command)

    return decorate


def _needs_file(fmt: str, output: str | None) -> None:
    if fmt in FILE_FORMATS and not output:
        raise click.UsageError(f"--format {fmt} writes a file; give it with -o FILE")


FILE_FORMATS = ("xlsx",)


@click.command()
@document_option
@agency_option
@successors_option
@due_options
@_output_options(("table", "csv", "json", "md", "xlsx", "html"), default_format)
@click.pass_context
def matrix(
    ctx: click.Context, document: str | None, agency: str | None, successors: bool, fmt: str, output: str | None,
    lang: str, **due: Any,
) -> None:
    """The responsibility matrix: tasks × agencies, L = lead, C = cooperate, with task ids.

    --format json prints one row per assignment: document, task_key, task, agency, role, id,
    and persons (the people the task names for that agency) where there are any. A person
    the document gives no agency for has a column of their own (agency null in JSON).
    --format html writes one self-contained page with the status summary and the matrix
    (cells Chủ trì / Phối hợp).

    \b
    Example:
        planwatch matrix --document 34/KH-STTTT --format xlsx -o matrix.xlsx
        planwatch matrix --format html -o matrix.html
        planwatch matrix --agency "Sở KH&CN Lâm Đồng" --successors --format md
    """
    from store import export, queries
    from store.render import write_matrix_table
    from store.tracking import grid_with_ids

    _needs_file(fmt, output)
    filters = due_filters(due)
    if successors and fmt == "html":
        raise click.UsageError("--successors is not available with --format html yet; use xlsx, csv, md or json")
    if fmt == "html":
        _write_html(ctx, agency, document, filters, output, lang)
        return
    with _session(ctx) as session:
        rows = queries.iter_matrix(session, document=document, agency=agency, successors=successors, **filters)
        if fmt == "json":  # streamed: rows are written as they are read
            with open_output(output) as out:
                export.write_matrix_json(rows, out)
            return
        header, body = grid_with_ids(list(rows))
    if fmt == "xlsx":
        from store.formats.xlsx import write_table_xlsx

        save_xlsx(lambda path: write_table_xlsx(header, body, path, sheet="Matrix"), output=output)  # type: ignore[arg-type]
        return
    with open_output(output) as out:
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
    with open_output(output) as out:
        write_html(items, out, words, title=words["words"]["matrix"], summary=summary, today=filters["today"])


@click.command()
@agency_option
@document_option
@due_options
@_output_options(("md", "csv", "json", "xlsx", "ics", "html"), "md")
@click.pass_context
def checklist(
    ctx: click.Context, agency: str | None, document: str | None, fmt: str, output: str | None, lang: str,
    **due: Any,
) -> None:
    """A to-do list per agency: each task with its id, role, due date, status, co-agencies,
    outputs and source (json: and the persons named for it), grouped by agency then due date;
    people the document names without an agency are listed last, each as their own group.

    md: "- [ ]" / "- [x]" items; xlsx: headers as in the plans (TT, Nhiệm vụ, Đơn vị chủ trì …),
    a status drop-down and overdue rows highlighted; ics: a to-do per deadline with a reminder
    a week before; html: one page with the status summary and the matrix.

    \b
    Example:
        planwatch checklist --agency "Sở Thông tin và Truyền thông" -o checklist.md
        planwatch checklist --agency "Sở TT&TT" --due-within 30d --format ics -o hạn.ics
        planwatch checklist --format xlsx -o checklist.xlsx
    """
    from store.checklist import iter_checklist_items, labels
    from store.formats import text

    _needs_file(fmt, output)
    filters = due_filters(due)
    if fmt == "html":
        _write_html(ctx, agency, document, filters, output, lang)
        return
    words = labels(lang)
    if fmt == "xlsx":  # with the status summary
        _write_checklist_xlsx(ctx, agency, document, filters, output, words)
        return
    with _reader(ctx) as db:  # streamed: items are written as they are read
        items = iter_checklist_items(db, agency=agency, document=document, **filters)
        with open_output(output) as out:
            if fmt == "ics":
                from store.formats.ics import write_ics

                write_ics(items, out, words)
            elif fmt == "md":
                text.write_markdown(items, out, words)
            elif fmt == "csv":
                text.write_csv(items, out, words)
            else:
                text.write_json(items, out)


def _write_checklist_xlsx(
    ctx: click.Context, agency: str | None, document: str | None, filters: dict[str, Any], output: str | None,
    words: dict[str, dict[str, str]],
) -> None:
    """The checklist and its status summary; without an agency or a filter the summary is
    counted from the tasks the checklist reads (read through the driver alone, ``_reader``),
    otherwise read on its own (every task in scope, through the ORM). Without an agency the
    rows are made from the tasks (``store.formats.xlsx.write_task_checklist_xlsx``)."""
    from datetime import date

    from store.checklist import AgencyTally, all_agency_rows, iter_checklist_items
    from store.formats.xlsx import write_checklist_xlsx, write_task_checklist_xlsx

    today = filters["today"]
    if not (agency or filters["status"] or filters["overdue"] or filters["due_within"] is not None):
        tally = AgencyTally(today or date.today())
        with _reader(ctx) as db:  # streamed: the rows are made as the tasks are read
            tasks = all_agency_rows(db, document=document, tally=tally, **filters)
            summary = lambda: [r.to_dict() for r in tally.summary()]  # noqa: E731 (complete once read)
            save_xlsx(lambda path: write_task_checklist_xlsx(tasks, path, words, today=today, summary=summary),
                       output=output)  # type: ignore[arg-type]
        return
    from store.tracking import status_summary

    with _session(ctx) as session:  # names are looked up first: an unknown one fails before the summary
        if agency:
            items = iter_checklist_items(session, agency=agency, document=document, **filters)
        else:
            tasks = all_agency_rows(session, document=document, **filters)
        rows = [r.to_dict() for r in status_summary(session, by="agency", document=document, today=today)]
        if agency:
            save_xlsx(lambda path: write_checklist_xlsx(items, path, words, today=today, summary=rows),
                       output=output)  # type: ignore[arg-type]
        else:
            save_xlsx(lambda path: write_task_checklist_xlsx(tasks, path, words, today=today, summary=rows),
                       output=output)  # type: ignore[arg-type]
