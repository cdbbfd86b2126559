"""Tasks from stitched task tables: group rows, numbering hierarchy, cells by meaning."""

from __future__ import annotations

from datetime import date

import regex

from extract.agencies import split_agencies
from extract.fields.timeframes import text_to_timeframe
from extract.langdata import load_language
from extract.tables import is_group_row, number_kind
from schemas.blocks import TableRow, TaskTable
from schemas.records import AgencyMention, Provenance, Task, TaskGroup

SPACES = regex.compile(r"\s+")
TRUNCATED_CONFIDENCE = 0.5
TASK_CONFIDENCE = 0.95


def joined(cell: str) -> str:
    """A multi-line cell as one line."""
    return SPACES.sub(" ", cell).strip()


def mentions(cell: str, lang: str) -> list[AgencyMention]:
    """Agency mentions as written, not yet resolved (``link`` resolves them)."""
    return [AgencyMention(mention=m, confidence=0.0) for m in split_agencies(cell, lang)]


def _cut_off(row: TableRow, lang: str) -> bool:
    """A row whose text stops on a word that cannot end it ("… với các")."""
    dangling = {w.casefold() for w in load_language(lang).words("text", "dangling_words")}
    for cell in row.cells[1:]:
        words = joined(cell).rstrip().split(" ")
        if words and words[-1].casefold() in dangling:
            return True
    return False


def table_to_tasks(table: TaskTable, lang: str, horizon: date | None) -> tuple[list[Task], list[str]]:
    """The tasks of one stitched table, with warnings for rows that could not be read."""
    col = {concept: i for i, concept in enumerate(table.columns) if concept}
    number_at = col.get("number", 0)

    def cell(row: TableRow, concept: str) -> str:
        return row.cells[col[concept]] if concept in col and col[concept] < len(row.cells) else ""

    tasks: list[Task] = []
    warnings: list[str] = []
    group: TaskGroup | None = None
    parent: str | None = None
    for index, row in enumerate(table.rows):
        number = joined(row.cells[number_at]).rstrip(".")
        if is_group_row(row.cells, number_at):
            title = next((joined(c) for i, c in enumerate(row.cells) if i != number_at and c.strip()), "")
            group, parent = TaskGroup(number=number, title=title), None
            continue
        kind = number_kind(number)
        if kind == "item" and parent:
            key_number = f"{parent}.{number}"
        else:
            key_number, parent = number, number if kind == "task" else parent
        key = f"{group.number}.{key_number}" if group and group.number else key_number
        flags = list(row.flags)
        confidence = TASK_CONFIDENCE if kind else 0.7
        if kind is None:
            flags.append("review")
            warnings.append(f"table {row.table} row {row.row}: number '{number}' is not a task number; read as a task, please check")
        if table.ends_document and index == len(table.rows) - 1 and _cut_off(row, lang):
            flags.append("truncated")
            confidence = TRUNCATED_CONFIDENCE
            warnings.append(f"task {key} is cut off at the end of the document (table {row.table}, row {row.row}); kept and flagged truncated")
        title = joined(cell(row, "title"))
        if not title:
            continue
        source_text = " | ".join(joined(c) for c in row.cells if c.strip())
        tasks.append(
            Task(
                key=key,
                group=group,
                number=key_number,
                title=title,
                outputs=joined(cell(row, "outputs")) or None,
                notes=joined(cell(row, "notes")) or None,
                lead=mentions(cell(row, "lead"), lang),
                cooperating=mentions(cell(row, "cooperating"), lang),
                timeframe=text_to_timeframe(cell(row, "timeframe"), lang, horizon),
                source=Provenance(page=row.page, table=row.table, row=row.row, text=source_text),
                confidence=confidence,
                flags=list(dict.fromkeys(flags)),  # type: ignore[arg-type]
            )
        )
    return tasks, warnings
