"""Terminal output for the CLI: row listings in four formats and an optional progress bar."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

import click

from store.export import csv_writer, write_csv_row, write_grid_markdown, write_json_list


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str], columns: Sequence[str]) -> None:
    """Write dict rows as ``json`` (all fields), or ``csv``/``md``/``table`` (``columns``);
    json, csv and md are written row by row as ``rows`` yields them.

    CSV is UTF-8 with a byte order mark, formula-like cells neutralised (see ``store.export``)."""
    if fmt == "json":
        write_json_list(rows, out)
    elif fmt == "csv":
        writer = csv_writer(out)
        write_csv_row(writer, columns)
        for r in rows:
            write_csv_row(writer, [cell_text(r.get(c)) for c in columns])
    elif fmt == "md":
        write_grid_markdown(list(columns), ([cell_text(r.get(c)) for c in columns] for r in rows), out)
    else:
        write_table(list(columns), [[cell_text(r.get(c)) for c in columns] for r in rows], out)


def write_table(header: list[str], body: list[list[str]], out: IO[str]) -> None:
    """A boxed terminal grid (rich); plain text when ``out`` is not a terminal."""
    from rich.console import Console
    from rich.table import Table

    table = Table(*header, show_lines=False, highlight=False)
    for row in body:
        table.add_row(*row)
    Console(file=out, width=None if out.isatty() else 160).print(table)


def write_matrix_table(header: list[str], body: list[list[str]], out: IO[str]) -> None:
    """The matrix grid on a terminal; the document column only when there are several."""
    if len({row[0] for row in body}) <= 1:
        header, body = header[1:], [row[1:] for row in body]
    write_table(header, body, out)


class _Reporter:
    """Per-file lines on stderr, above a progress bar when one is shown."""

    def __init__(self, progress: Any = None, task: Any = None) -> None:
        self.progress = progress
        self.task = task

    def log(self, line: str) -> None:
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(line, err=True)

    def advance(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)


@contextmanager
def progress_bar(total: int, *, silent: bool, label: str = "ingesting") -> Iterator[_Reporter]:
    """A rich progress bar on stderr, unless ``silent`` or stderr is not a terminal."""
    if silent or not sys.stderr.isatty():
        yield _Reporter()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        yield _Reporter(progress, progress.add_task(label, total=total))
