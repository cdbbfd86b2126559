"""Tasks from task rows: cells by meaning, agency mentions, timeframes, provenance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from extract.agencies import split_agencies
from extract.fields.persons import cell_to_persons, named_persons
from extract.fields.timeframes import header_year, text_to_timeframe
from extract.langdata import LanguageData, compiled
from extract.pattern_cache import compile_cached
from extract.tables.header import names_concept
from schemas.blocks import TableRow, TaskTable
from schemas.records import AgencyMention, PersonMention, Provenance, Task, TaskGroup

SPACES = compile_cached(r"[ \t]*\n[ \t]*|[ \t]{2,}")
TRUNCATED_CONFIDENCE = 0.5
TASK_CONFIDENCE = 0.95
UNNUMBERED_CONFIDENCE = 0.85
REVIEW_CONFIDENCE = 0.7
ROW_FLAGS = ("continued", "review", "truncated")
MENTION_CACHE = 4096  # distinct agency cells whose mentions are kept (tables repeat the same cells)


def joined(cell: str) -> str:
    """A multi-line cell as one line."""
    if "\t" not in cell and "  " not in cell and " \n" not in cell and "\n " not in cell:
        return cell.replace("\n", " ").strip()  # most cells: each match would be a lone line break
    return SPACES.sub(" ", cell).strip()


def mentions(cell: str, lang: LanguageData) -> list[AgencyMention]:
    """Agency mentions as written, not yet resolved (``link`` resolves them); none from a cell
    that defers to another document ("Theo phân công tại Quyết định số …")."""
    if defers(cell, lang):
        return []
    return list(_mentions(cell, lang.code))


@lru_cache(maxsize=MENTION_CACHE)
def _mentions(cell: str, code: str) -> tuple[AgencyMention, ...]:
    """``mentions`` per distinct cell: the records are frozen, so rows repeating a cell share them."""
    return tuple(AgencyMention(mention=m, confidence=0.0) for m in split_agencies(cell, code))


def defers(cell: str, lang: LanguageData) -> bool:
    """Whether an agency cell points to another document's assignment instead of naming one."""
    return bool(compiled(lang.code, "agencies", "deferrals").match(joined(cell)))


def _notes(row: TableRow, cell: Callable[[TableRow, str], str], lang: LanguageData) -> str | None:
    """The notes cell, with an agency cell that defers to another document kept after it."""
    parts = [joined(cell(row, "notes"))]
    for concept in ("lead", "cooperating"):
        text = joined(cell(row, concept))
        if text and defers(text, lang) and text not in parts:
            parts.append(text)
    return "; ".join(p for p in parts if p) or None


def _persons(person_cell: str, lead: list[AgencyMention], cooperating: list[AgencyMention],
             lang: LanguageData) -> list[PersonMention]:
    """The people a row names: its responsible-person column (each head as leading), then the
    entries of its agency cells written as people's names."""
    people = cell_to_persons(person_cell, "lead", lang.code) if person_cell.strip() else []
    return [*people, *named_persons(lead, "lead", lang.code), *named_persons(cooperating, "cooperate", lang.code)]


def _names_both_roles(table: TaskTable, col: dict[str, int], lang: LanguageData) -> bool:
    """Whether the lead column is the only agency column and its header names both roles
    ("Đơn vị chủ trì/phối hợp"): such a cell lists the lead first and its partners after it."""
    at = col.get("lead")
    if at is None or "cooperating" in col or at >= len(table.header):
        return False
    return names_concept(table.header[at], "cooperating", lang)


def _names_a_role(cell: str, lang: LanguageData) -> bool:
    """Whether an agency cell labels its entries' roles itself ("Chủ trì: X; phối hợp: Y")."""
    return bool(compiled(lang.code, "tables", "role_labels").search(joined(cell)))


def _cut_off(row: TableRow, lang: LanguageData) -> bool:
    """A row whose text stops on a word that cannot end it ("… với các")."""
    dangling = {w.casefold() for w in lang.words("text", "dangling_words")}
    for cell in row.cells:
        words = joined(cell).rstrip().split(" ")
        if words and words[-1].casefold() in dangling:
            return True
    return False


def table_to_tasks(table: TaskTable, lang: LanguageData, horizon: date | None) -> tuple[list[Task], list[str]]:
    """The tasks of one stitched table, with warnings for rows that could not be read."""
    col = {concept: i for i, concept in enumerate(table.columns) if concept}

    def cell(row: TableRow, concept: str) -> str:
        at = col.get(concept)
        return row.cells[at] if at is not None and at < len(row.cells) else ""

    at = col.get("timeframe")
    year = header_year(table.header[at]) if at is not None and at < len(table.header) else None
    both_roles = _names_both_roles(table, col, lang)
    tasks: list[Task] = []
    warnings: list[str] = []
    for index, row in enumerate(table.rows):
        title = joined(cell(row, "title"))
        if not title:
            continue
        flags = [f for f in row.flags if f in ROW_FLAGS]
        confidence = TASK_CONFIDENCE if row.numbered else UNNUMBERED_CONFIDENCE
        if "review" in flags:
            confidence = REVIEW_CONFIDENCE
        if table.ends_document and index == len(table.rows) - 1 and _cut_off(row, lang):
            flags.append("truncated")
            confidence = TRUNCATED_CONFIDENCE
            warnings.append(f"task {row.key} is cut off at the end of the document (table {row.table}, row {row.row}); kept and flagged truncated")
        timeframe = text_to_timeframe(cell(row, "timeframe"), lang, horizon, year)
        if timeframe is not None and timeframe.start is None and timeframe.end is None and timeframe.recurrence is None:
            flags.append("unparsed")
            warnings.append(f"task {row.key}: timeframe '{timeframe.text[:60]}' gives no date; kept as text")
        group = TaskGroup(number=row.group[0] or None, title=row.group[1]) if row.group and row.group[1] else None
        source_text = " | ".join(joined(c) for c in dict.fromkeys(row.cells) if c.strip())
        lead, cooperating = mentions(cell(row, "lead"), lang), mentions(cell(row, "cooperating"), lang)
        if both_roles and not _names_a_role(cell(row, "lead"), lang):
            lead, cooperating = lead[:1], lead[1:]
        tasks.append(
            Task(
                key=row.key,
                group=group,
                number=row.number or None,
                title=title,
                outputs=joined(cell(row, "outputs")) or None,
                notes=_notes(row, cell, lang),
                lead=lead,
                cooperating=cooperating,
                persons=_persons(cell(row, "person"), lead, cooperating, lang),
                timeframe=timeframe,
                source=Provenance(page=row.page, table=row.table, row=row.row, text=source_text),
                confidence=confidence,
                flags=list(dict.fromkeys(flags)),  # type: ignore[arg-type]
            )
        )
    return tasks, warnings
