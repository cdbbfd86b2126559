"""Task tables: map headers by meaning, stitch page-break pieces, drop repeated renderings.

A PDF-to-Markdown converter cuts a task table at every page break. The next piece may carry a
fake header row ("Col1 … Col7") in which a cell is really the end of the previous row's cell;
its first row may continue the previous row (empty number cell); and the whole table may be
rendered a second time (a pipe-table copy). ``blocks_to_task_tables`` undoes all of that.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import regex

from extract.langdata import load_language, nfc
from schemas.blocks import Block, Table, TableRow, TaskTable

logger = logging.getLogger(__name__)

ROMAN = regex.compile(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
ARABIC = regex.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
LETTER_ITEM = regex.compile(r"^\p{Ll}[).]?$")
COLUMN_NUMBERING = regex.compile(r"^\(?\d{1,2}\)?$")
KEY_CHARS = regex.compile(r"[\s\p{P}]+")
DUPLICATE_RATIO = 90  # rapidfuzz ratio from which two rows are the same row rendered twice
DUPLICATE_SHARE = 0.8  # share of a table's rows seen before, from which it is a repeat


def header_key(text: str) -> str:
    """Casefolded, without spaces or punctuation: "Đơn vịchủ trì" and "Đơn vị chủ trì" agree."""
    return KEY_CHARS.sub("", nfc(text).casefold())


def map_header(cells: tuple[str, ...], lang: str) -> tuple[str | None, ...]:
    """Each header cell's meaning: the concept whose longest synonym the cell contains."""
    synonyms = [
        (header_key(word), concept)
        for concept, words in load_language(lang).table("columns").items()
        for word in words
    ]
    mapped: list[str | None] = []
    for cell in cells:
        key = header_key(cell)
        if not key:
            mapped.append(None)
            continue
        exact = [c for w, c in synonyms if w == key]
        hits = sorted(((len(w), c) for w, c in synonyms if w and w in key), reverse=True)
        mapped.append(exact[0] if exact else (hits[0][1] if hits else None))
    seen: set[str] = set()
    unique: list[str | None] = []
    for concept in mapped:  # a concept names one column: the first one that claims it
        unique.append(concept if concept not in seen else None)
        if concept:
            seen.add(concept)
    return tuple(unique)


def is_task_header(columns: tuple[str | None, ...]) -> bool:
    return "title" in columns and ("lead" in columns or "timeframe" in columns)


def row_signature(cells: tuple[str, ...]) -> str:
    return header_key(" ".join(cells))


@dataclass
class _Building:
    columns: tuple[str | None, ...]
    header: tuple[str, ...]
    rows: list[TableRow] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)


def _padded(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    return cells + ("",) * (width - len(cells)) if len(cells) < width else cells


def _append_to_cell(row: TableRow, column: int, text: str) -> TableRow:
    cells = list(_padded(row.cells, column + 1))
    cells[column] = f"{cells[column]}\n{text}" if cells[column] else text
    flags = row.flags if "continued" in row.flags else (*row.flags, "continued")
    return TableRow(tuple(cells), row.page, row.table, row.row, flags)


def _is_placeholder(cell: str, lang: str) -> bool:
    """A converter's stand-in header cell ("Col3")."""
    pattern = load_language(lang).table("tables").get("placeholder_header", "")
    return bool(pattern) and regex.match(pattern, cell.strip(), regex.IGNORECASE) is not None


def _is_placeholder_row(cells: tuple[str, ...], lang: str) -> bool:
    return sum(1 for c in cells if _is_placeholder(c, lang)) >= max(2, len(cells) // 2)


def _repeats(table: Table, seen: list[str]) -> bool:
    """True when most rows of ``table`` were already read from an earlier rendering."""
    if not seen:
        return False
    from rapidfuzz import fuzz, process

    rows = [row_signature(r) for r in table.rows if any(c.strip() for c in r)]
    if not rows:
        return False
    hits = sum(1 for r in rows if (m := process.extractOne(r, seen, scorer=fuzz.ratio)) and m[1] >= DUPLICATE_RATIO)
    return hits / len(rows) >= DUPLICATE_SHARE


def blocks_to_task_tables(blocks: tuple[Block, ...], lang: str) -> tuple[tuple[TaskTable, ...], list[str]]:
    """Stitch the document's tables into task tables, with warnings for what was dropped."""
    built: list[_Building] = []
    warnings: list[str] = []
    seen: list[str] = []
    current: _Building | None = None
    last_text = max((i for i, b in enumerate(blocks) if b.table is None and b.text.strip()), default=-1)
    last_used: dict[int, int] = {}
    for position_in_doc, block in enumerate(blocks):
        table = block.table
        if table is None:
            if block.kind in ("heading", "paragraph") and block.text.strip():
                current = None  # text between two tables: the next table is not a continuation
            continue
        if _repeats(table, seen):
            warnings.append(f"table {table.index} (line {table.line}) repeats rows already read; it is another rendering of the same table and was not counted again")
            continue
        rows = list(table.rows)
        header = rows[: table.header_rows]
        body = rows[table.header_rows :]
        columns = map_header(header[0], lang) if header else ()
        if header and is_task_header(columns):
            current = _Building(columns, header[0])
            built.append(current)
        elif current is not None and (not header or _is_placeholder_row(header[0], lang)):
            if header:  # a fake header: its real cells end the previous row's cells
                for column, cell in enumerate(header[0]):
                    if cell.strip() and not _is_placeholder(cell, lang) and current.rows:
                        current.rows[-1] = _append_to_cell(current.rows[-1], column, cell)
        else:
            if header or body:
                logger.info("table %s is not a task table (header %s)", table.index, header[:1])
            current = None
            continue
        current.tables.append(table.index)
        last_used[id(current)] = position_in_doc
        width = len(current.columns)
        number_at = current.columns.index("number") if "number" in current.columns else 0
        for offset, cells in enumerate(body):
            position = table.header_rows + offset + 1
            if all(COLUMN_NUMBERING.match(c.strip()) for c in cells if c.strip()) and len(cells) > 2:
                continue  # a "(1) (2) (3)" numbering row under the header
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > width:
                warnings.append(f"table {table.index} row {position} has {len(cells)} cells where the header has {width}; the extra cells were kept as notes")
            cells = _padded(tuple(cells), width)
            seen.append(row_signature(cells))
            if not cells[number_at].strip() and current.rows:
                last = current.rows[-1]
                for column, cell in enumerate(cells):
                    if cell.strip():
                        last = _append_to_cell(last, column, cell)
                current.rows[-1] = last
                continue
            current.rows.append(TableRow(cells, table.page, table.index, position))
    tables = tuple(
        TaskTable(tuple(b.columns), tuple(b.rows), tuple(b.tables), b.header, last_used.get(id(b), -1) > last_text)
        for b in built
        if b.rows
    )
    return tables, warnings


def number_kind(number: str) -> str | None:
    """``group`` (I, II …), ``task`` (1, 2, 1.1 …), ``item`` (a, b …) or None."""
    text = number.strip().rstrip(".")
    if ROMAN.match(text):
        return "group"
    if ARABIC.match(text + "."):
        return "task"
    if LETTER_ITEM.match(text):
        return "item"
    return None


def is_group_row(cells: tuple[str, ...], number_at: int) -> bool:
    """A group row: a Roman number and one title, repeated across merged cells or alone."""
    rest = {c.strip() for i, c in enumerate(cells) if i != number_at and c.strip()}
    return number_kind(cells[number_at]) == "group" and len(rest) <= 1
