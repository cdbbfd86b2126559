"""Options shared by several commands, where their output goes, and the global options' position (click only)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from extract.settings import ExtractSettings

NO_FOLDER = "cannot write {output}: the folder {folder} does not exist"
IS_DATABASE = "will not write {output}: it is the database file; choose another name"
CANNOT_WRITE = "cannot write {output} ({reason})"
DATABASE_FILES = ("", "-wal", "-shm", "-journal")
XLSX_NEEDS_FILE = "--format xlsx writes a file; give it with -o FILE"
LIST_FORMATS = ("table", "json", "csv", "md")
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


def _parse_size(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    """A size such as 50MB, 1.5GB, 500KB or a number of bytes, as bytes."""
    if value is None:
        return None
    from extract.errors import SettingsError
    from extract.settings import size_to_bytes

    try:
        return size_to_bytes(value)
    except SettingsError as error:
        raise click.BadParameter(str(error)) from error


max_file_size_option = click.option(
    "--max-file-size", metavar="SIZE", callback=_parse_size,
    help="Refuse a file larger than SIZE (50MB, 500KB) [default: 50MB for text and HTML, 200MB for PDF and Word].",
)


def settings_from_options(max_file_size: int | None) -> ExtractSettings | None:
    """The extraction settings the command-line options ask for (None: the library's defaults)."""
    if max_file_size is None:
        return None
    from extract.settings import ExtractSettings

    return ExtractSettings.with_max_size(max_file_size).validate()


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


def due_options(command: Callable[..., Any]) -> Callable[..., Any]:
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


def due_filters(options: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": options["status"], "overdue": options["overdue"], "due_within": options["due_within"],
        "today": as_date(options["as_of"]),
    }


def as_date(value: datetime | None) -> date | None:
    return value.date() if value else None


def default_format() -> str:
    return "table" if sys.stdout.isatty() else "json"


def format_option(choices: tuple[str, ...], default: Callable[[], str] | str) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default="table on a terminal, else json" if callable(default) else True,
        help="Output format.",
    )


def _checked_output(ctx: click.Context, _param: click.Parameter, output: str | None) -> str | None:
    """Refuse, in one line, an output file in a missing folder or on the database file."""
    if output is None:
        return None
    from pathlib import Path

    from store.db import database_url, sqlite_path

    target = Path(output)
    if not target.parent.is_dir():
        raise click.ClickException(NO_FOLDER.format(output=output, folder=target.parent))
    database = sqlite_path(database_url(ctx.obj.db if ctx.obj else None))
    if database is not None:
        taken = {Path(f"{database}{suffix}").resolve() for suffix in DATABASE_FILES}
        if target.resolve() in taken:
            raise click.ClickException(IS_DATABASE.format(output=output))
    return output


output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), callback=_checked_output,
    help="Write to FILE, not stdout.",
)
document_option = click.option(
    "--document", metavar="D", help="Document id, number, file name, SHA-256 prefix or title words."
)
agency_option = click.option(
    "--agency", metavar="A", help='Agency by name, alias or abbreviation ("Sở TT&TT", "STTTT").'
)
successors_option = click.option(
    "--successors", is_flag=True,
    help="With --agency: also the agencies it carries on after the 2025 mergers (Sở KH&CN takes in Sở TT&TT).",
)


@contextmanager
def open_output(output: str | None) -> Iterator[IO[str]]:
    """stdout, or the file ``output``; a write that fails is a one-line error."""
    if output is None:
        yield sys.stdout
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            yield fh
    except OSError as error:
        raise click.ClickException(CANNOT_WRITE.format(output=output, reason=error.strerror or error)) from error


def save_xlsx(write: Callable[..., None], *args: Any, output: str) -> None:
    try:
        write(*args, output)
    except OSError as error:
        raise click.ClickException(CANNOT_WRITE.format(output=output, reason=error.strerror or error)) from error
