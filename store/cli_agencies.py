"""The ``agencies`` commands: the directory as stored (with history on request) and ``alias``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from store.cli_db import _session
from store.cli_options import (
    LIST_FORMATS,
    as_date,
    default_format,
    format_option,
    open_output,
    output_option,
)


@click.group(invoke_without_command=True)
@click.option("--unresolved", is_flag=True, help="Only mentions no known agency matched.")
@click.option("--jurisdiction", metavar="P", help='Only agencies of this province (or "national").')
@click.option("--successors", is_flag=True,
              help="Add the agency that carries each one on after the 2025 mergers (ministry, department and province).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Only agencies that existed on DATE (YYYY-MM-DD); successors as of DATE.")
@format_option(LIST_FORMATS, default_format)
@output_option
@click.pass_context
def agencies(
    ctx: click.Context, unresolved: bool, jurisdiction: str | None, successors: bool, as_of: datetime | None,
    fmt: str, output: str | None,
) -> None:
    """List agencies with their area, aliases and task counts, or the unresolved mentions.

    History is kept: an agency merged away stays listed under its own name; --successors shows
    who carries it on, --as-of DATE lists the agencies of that day.

    \b
    Example:
        planwatch agencies --unresolved --format csv
        planwatch agencies --jurisdiction "Lâm Đồng"
        planwatch agencies --successors --as-of 2025-08-01
        planwatch agencies alias "Sở NN&PTNT tỉnh" "Sở Nông nghiệp và Phát triển nông thôn"
    """
    if ctx.invoked_subcommand is not None:
        return
    from store import queries
    from store.agency_history import with_history
    from store.render import write_rows

    with _session(ctx) as session:
        rows = [r.to_dict() for r in queries.agencies(session, unresolved=unresolved, area=jurisdiction)]
    day = as_date(as_of)
    columns: tuple[str, ...] = ("name", "kind", "aliases", "lead_tasks", "cooperate_tasks", "resolved", "area")
    if successors or day:
        rows = with_history(rows, day, successors=successors)
        columns += ("valid_from", "valid_until") + (("successor", "successor_area") if successors else ())
    with open_output(output) as out:
        write_rows(rows, fmt, out, columns)


@agencies.command("alias")
@click.argument("mention")
@click.argument("canonical")
@click.option("--by", metavar="WHO", help="Who decided [default: the OS user].")
@format_option(LIST_FORMATS, default_format)
@click.pass_context
def agencies_alias(ctx: click.Context, mention: str, canonical: str, by: str | None, fmt: str) -> None:
    """Teach the directory that MENTION means the agency CANONICAL (a name or an exact alias).

    Stored in the database with who and when; the assignments and duties already stored under
    that spelling (any case) move to the agency, in each one's province, and later ingests
    apply it to unresolved and close-spelling mentions. A close spelling never becomes an
    alias without this command.

    \b
    Example:
        planwatch agencies alias "Sở Tài chánh" "Sở Tài chính"
        planwatch agencies alias "Sở NN&PTNT tỉnh" "Sở NN&PTNT" --by "Nguyễn Văn A"
    """
    from store.agency_alias import teach_alias
    from store.render import write_rows
    from store.status import current_user

    with _session(ctx) as session:
        result = teach_alias(session, mention, canonical, by=by or current_user())
    row: dict[str, Any] = result.to_dict()
    click.echo(f"'{result.mention}' now means '{result.canonical}': {result.repointed} stored mention(s) moved", err=True)
    with open_output(None) as out:
        write_rows([row], fmt, out, ("mention", "canonical", "repointed", "removed"))
