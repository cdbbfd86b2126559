"""Target tables: a grid whose header names an indicator column and value columns, read one value
cell at a time with the row's indicator and unit and the deadline of the group row above it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from extract.fields.target_context import dates, text_deadline
from extract.fields.target_lang import FLAGS, bounded, section
from extract.pattern_cache import compile_cached
from schemas.blocks import Block, Grid, GridCell
from schemas.records import Provenance

EMPHASIS = compile_cached(r"^[*_]+|[*_]+$")
LINE_BREAKS = compile_cached(r"[ \t]*\n[ \t]*(?![-•*+] )")
MONTH_YEAR = compile_cached(r"(?<!\d)(1[0-2]|0?[1-9])/((?:19|20)\d\d)(?!\d)")
YEARS = compile_cached(r"(?<!\d)(?:19|20)\d\d(?!\d)")
Zone = str  # "goal" | "body" | "quiet" | "situation" | "rule" ("quiet_part" only while reading a heading)
MAX_HEADER_CHARS = 60  # a longer cell is content, not a column name
MAX_NUMBER_CHARS = 8  # a row number ("II.1", "12") in a target table's first column
MAX_TARGET_COLUMNS = 10  # a wider "table" is a page layout, not a list of indicators (2 + 5 years + goal fit)


@dataclass(frozen=True, slots=True)
class Piece:
    """A text to read for figures, where it sits, and what its figures default to."""

    text: str
    source: Provenance
    zone: Zone
    deadline: date | None = None
    table: bool = False  # a task's outputs cell: each figure in it is a goal
    dated: bool = False  # a heading or opening line above names the period ("Giai đoạn 2026 - 2030")
    unit: str | None = None  # a target table's unit column, for values written without one
    indicator: str | None = None  # a target table's indicator column
    as_of: str | None = None  # a target table's result column ("Kết quả đạt được / Năm 2018"): its date
    title: bool = False  # a task's title cell: only a count right after a building verb is a goal
    sole: bool = False  # a title in a table with no outputs column for goals: its shares and minimums are goals


def is_target_table(block: Block, lang: str) -> bool:
    """Whether a table block's header names an indicator column and value columns."""
    return _target_columns(_header(block_rows(block))[0], lang) is not None


def block_rows(block: Block) -> list[tuple[str, ...]]:
    """A table block's rows of cell texts, from its grid or its rendered table."""
    if block.grid is None:
        return []
    return [block.grid.texts(r) for r in range(block.grid.height)]


@cache
def _header_patterns(lang: str) -> dict[str, regex.Pattern[str]]:
    outline = section(lang, "outline")
    return {key: compile_cached(r"^\W*" + bounded(outline.get(f"table_{key}", [])), FLAGS)
            for key in ("indicator", "unit", "value", "result")}


def is_result_header(header: str, lang: str) -> bool:
    """Whether a column's header names results achieved ("Kết quả thực hiện"), not goals."""
    return _header_patterns(lang)["result"].search(LINE_BREAKS.sub(" ", EMPHASIS.sub("", header)).strip()) is not None


def _result_date(header: str, lang: str) -> str | None:
    """The date a result column's header names ("Năm 2018" -> "2018", "Đến tháng 5/2020" -> "2020-05")."""
    found = dates(header, lang, None)
    if found and found[-1].as_of:
        return found[-1].as_of
    m = MONTH_YEAR.search(header)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    years = YEARS.findall(header)
    return years[-1] if years else None


def _header(rows: list[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], int]:
    """A table's header as one row, and how many rows it spans. A second row that repeats the
    first one's opening cell (a cell spanning both rows) names the columns of a group above it
    ("Kết quả đạt được" over "Năm 2016 | Năm 2017"): each column's header joins both."""
    if len(rows) >= 3 and rows[1] and rows[0] and rows[1][0] == rows[0][0] and len(rows[1]) == len(rows[0]):
        joined = tuple(a if a == b else f"{a} {b}".strip() for a, b in zip(rows[0], rows[1]))
        return [joined], 2
    return rows[:1], 1


def _target_columns(header_rows: list[tuple[str, ...]], lang: str) -> tuple[int, int | None, list[int]] | None:
    """(indicator column, unit column, value columns) of a target table's header, or None."""
    if not header_rows:
        return None
    pats = _header_patterns(lang)
    header = [EMPHASIS.sub("", c).strip() for c in header_rows[0]]
    indicator = next((i for i, c in enumerate(header) if pats["indicator"].search(c)), None)
    unit = next((i for i, c in enumerate(header) if pats["unit"].search(c)), None)
    values = [i for i, c in enumerate(header) if i not in (indicator, unit)
              and (pats["value"].search(c) or text_deadline(c, lang, None))]
    if indicator is None or not values or len(header) > MAX_TARGET_COLUMNS:
        return None
    return indicator, unit, values


def grid_pieces(block: Block, lang: str, issued: date | None, deadline: date | None) -> Iterator[Piece]:
    """A target table: one piece per value cell, with the row's indicator and unit and the
    deadline of the group row above it ("Đến năm 2030") or of its year column."""
    rows = block_rows(block)
    head, spans = _header(rows)
    columns = _target_columns(head, lang) if len(rows) > spans else None
    if columns is None:
        return
    indicator, unit, values = columns
    header = [LINE_BREAKS.sub(" ", EMPHASIS.sub("", c)).strip() for c in head[0]]
    results = {col: _result_date(header[col], lang) for col in values if _header_patterns(lang)["result"].search(header[col])}
    group = deadline
    for r, row in enumerate(rows[spans:], start=spans):
        cells = [EMPHASIS.sub("", c).strip() for c in row]
        if len({c for c in cells[1:] if c}) <= 1 or not any(cells[i] for i in values if i < len(cells)):
            group = text_deadline(" ".join(cells), lang, issued) or group
            continue
        for col in values:
            if col >= len(cells) or not cells[col] or _spanned_from_above(block, r, col):
                continue
            source = Provenance(page=block.page, line=block.line, row=r, column=header[col] or None,
                                table=block.grid.index if block.grid else None)
            result = col in results
            yield Piece(cells[col], source, "situation" if result else "goal",
                        None if result else text_deadline(header[col], lang, issued) or group, table=not result,
                        unit=cells[unit] if unit is not None and unit < len(cells) and cells[unit] else None,
                        indicator=cells[indicator] if indicator < len(cells) else None,
                        as_of=results.get(col))


def _spanned_from_above(block: Block, row: int, col: int) -> bool:
    """A position a merged cell of an earlier row covers ("Trên 95% dân số" over rows 7 and 7.1):
    that cell's figure is read once, at its origin."""
    grid = block.grid
    if grid is None or row >= grid.height or col >= grid.width:
        return False
    origin = grid.rows[row][col].origin
    return origin is not None and origin[0] < row


@dataclass(frozen=True, slots=True)
class Embedded:
    """A target table inside a page-layout grid: its own block, the grid row its header sits in,
    the column the header opens at, and the grid row after its last one."""

    block: Block
    header_row: int
    header_column: int
    end: int


def embedded_target_table(block: Block, lang: str, task_rows: set[int]) -> Embedded | None:
    """A target table that a page-layout grid holds after other text (a converter ran a page's
    letterhead, body and appendices into one grid): its header fills the end of one row and its
    rows follow, each written from the grid's first column. The rows run until a task row (task
    rows count from 1), a row that runs on past the header into the next part, or, when the header
    opens with a number column, a row that does not open with a short number."""
    rows = block_rows(block)
    for r, row in enumerate(rows):
        found = _trailing_target_header(row, lang)
        if found is None:
            continue
        start, header, indicator = found
        width = len(header)
        numbered = indicator > 0  # a number column before the indicator: every row opens with its number
        body: list[tuple[str, ...]] = []
        end = r + 1
        while end < len(rows) and end + 1 not in task_rows:
            cells = [c for c in rows[end] if c.strip()]
            if cells and numbered and len(EMPHASIS.sub("", cells[0]).strip()) > MAX_NUMBER_CHARS:
                break
            end += 1
            if cells:
                body.append(tuple(cells[:width]) + ("",) * (width - min(width, len(cells))))
            if len(cells) > width:
                break  # the rest of the row opens the next part ("PHỤ LỤC II" and its header)
        if not body:
            return None
        grid = Grid(tuple(tuple(GridCell(t) for t in cells) for cells in (header, *body)),
                    index=block.grid.index if block.grid is not None else 0)
        origins = block.grid.origins if block.grid is not None else ()
        line = origins[r].line if r < len(origins) and origins[r].line is not None else block.line
        return Embedded(Block("table", page=block.page, line=line, grid=grid), r, start, end)
    return None


def _trailing_target_header(row: tuple[str, ...], lang: str) -> tuple[int, tuple[str, ...], int] | None:
    """(column, header cells, indicator column) of a target header filling a row's end after other text."""
    cells = [c.strip() for c in row]
    last = max((at for at, text in enumerate(cells) if text), default=-1)
    for start in range(1, last - 1):
        tail = tuple(cells[start : last + 1])
        if not all(tail) or any(len(c) > MAX_HEADER_CHARS for c in tail):
            continue
        columns = _target_columns([tail], lang)
        if columns is not None and (columns[0] == 0 or len(tail[0]) <= MAX_NUMBER_CHARS):
            return start, tail, columns[0]  # opening with its indicator or a number column ("TT"), not a caption
    return None
