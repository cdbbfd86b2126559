"""Where a figure sits: which part of a plan sets goals, the deadline a heading or an opening line
carries to what follows it, and the blocks (letterhead, legal basis, front matter) never read.

Headings are recognised by their shape as well as their markup, because converters often give a
numbered heading ("II. MỤC TIÊU", "2.1. Đến năm 2030", "*- Thủy sản*") as a plain paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from extract.fields.target_context import dates, deadlines
from extract.fields.target_lang import FLAGS, bounded, section
from extract.fields.timeframes import text_to_timeframe
from schemas.blocks import Block, Segmented
from schemas.records import DocumentInfo, Provenance

HEADING_MARK = regex.compile(
    r"^(?:(?P<roman>[IVXLC]{1,6})[.)]|(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})[.)]?(?=\s)|(?P<letter>\p{Ll})[.)]"
    r"|(?P<dash>[-–+•]))\s*"
)
EMPHASIS = regex.compile(r"^[*_]+|[*_]+$")
MONTH_YEAR = regex.compile(r"(?<!\d)(1[0-2]|0?[1-9])/((?:19|20)\d\d)(?!\d)")
YEARS = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
FRONT_MATTER = regex.compile(r"^(?:---\s*$|[\w-]{1,30}:\s.*$)")
LINE_BREAKS = regex.compile(r"[ \t]*\n[ \t]*(?![-•*+] )")
MAX_HEADING_CHARS = 160
INLINE_HEADING_DEPTH = 4
MAX_TARGET_COLUMNS = 10  # a wider "table" is a page layout, not a list of indicators (2 + 5 years + goal fit)
CELL_BREAK = regex.compile(r"\n(?=\s*(?:[-+•*]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\p{Ll}\)\s|[IVXLC]{1,5}\.\s))|(?<=[.;:])\n")
PREAMBLE_BLOCKS = 30
READ_KINDS = ("paragraph", "list_item")
Zone = str  # "goal" | "body" | "quiet" | "situation"


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


@dataclass(frozen=True, slots=True)
class Level:
    depth: int
    zone: Zone
    deadline: date | None


@cache
def _zone_patterns(lang: str) -> tuple[tuple[Zone, regex.Pattern[str]], ...]:
    outline = section(lang, "outline")
    return tuple((zone, regex.compile(bounded(outline.get(key, [])), FLAGS))
                 for zone, key in (("goal", "goal"), ("quiet", "quiet"), ("situation", "situation")))


@cache
def _skip_patterns(lang: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    outline = section(lang, "outline")
    return (regex.compile(r"^\W*" + bounded(outline.get("skip_openers", [])), FLAGS),
            regex.compile(bounded(outline.get("skip_contains", [])), FLAGS))


def heading_depth(block: Block) -> int | None:
    """The depth of a heading-like block (1 = part "II.", 2 = "1.", 3 = "2.1." …), or None."""
    flat = EMPHASIS.sub("", block.text.strip()).strip()
    if block.kind == "heading":
        m = HEADING_MARK.match(flat)
        return _mark_depth(m) if m and m.group("dash") is None else max(block.level, 1)
    if block.kind not in READ_KINDS or not flat or len(flat) > MAX_HEADING_CHARS or flat[-1] in ".;,":
        return None
    m = HEADING_MARK.match(flat)
    emphasised = block.text.strip().startswith(("*", "_")) and block.text.strip().endswith(("*", "_"))
    if m and (m.group("dash") is None or emphasised) and block.kind == "paragraph":
        return _mark_depth(m)
    if emphasised or (flat.isupper() and len(flat) > 3):
        return 6 if emphasised else 1
    return None


def _mark_depth(m: regex.Match[str]) -> int:
    if m.group("roman"):
        return 1
    if m.group("num"):
        return 2 + m.group("num").count(".")
    return 5 if m.group("letter") else 6


def zone_of(text: str, lang: str) -> Zone | None:
    """The zone a heading's words name, the earliest-named one first."""
    best: tuple[int, Zone] | None = None
    for zone, pattern in _zone_patterns(lang):
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), zone)
    return best[1] if best else None


def text_deadline(text: str, lang: str, issued: date | None) -> date | None:
    """The latest deadline a heading or title names ("Giai đoạn 2026 - 2030", "đến năm 2035")."""
    found = [w.day for w in deadlines(text, lang, issued) if w.day is not None]
    return max(found) if found else None


def skipped(block: Block, lang: str) -> bool:
    """Letterhead, legal basis ("Căn cứ …", "Pursuant to …") and YAML front matter."""
    opener, contains = _skip_patterns(lang)
    text = block.text.strip()
    if opener.search(text[:60]) or contains.search(text[:400]):
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(FRONT_MATTER.match(line.strip()) for line in lines)


def preamble_horizon(seg: Segmented, document: DocumentInfo) -> date | None:
    """The plan's horizon from its title lines when the document facts have none: the latest
    deadline named before the first numbered part ("KẾ HOẠCH … giai đoạn 2026 - 2030")."""
    lang = seg.lang
    found: list[date] = []
    for sec in seg.sections:
        for block in sec.blocks[:PREAMBLE_BLOCKS]:
            depth = heading_depth(block)
            if depth == 1 and HEADING_MARK.match(EMPHASIS.sub("", block.text.strip())):
                return max(found) if found else None
            if block.kind in READ_KINDS and not skipped(block, lang) and len(block.text) <= MAX_HEADING_CHARS * 2:
                day = text_deadline(block.text, lang, document.issued)
                if day and (document.issued is None or day >= document.issued):
                    found.append(day)
        break
    return max(found) if found else None


def is_plan_like(document: DocumentInfo) -> bool:
    """Plans, decisions and letters are read by their outline; only news is read sentence by sentence."""
    return document.kind != "news"


def _split_leading_headings(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """A list item whose first line is a bare title over a marked line ("Mục tiêu cụ thể đến 2030"
    then "a) …") is a heading followed by the rest."""
    for block in blocks:
        head, _, rest = block.text.partition("\n")
        if (block.kind == "list_item" and rest.strip() and len(head) <= MAX_HEADING_CHARS // 2
                and head.strip() and head.strip()[-1] not in ".;,:" and HEADING_MARK.match(rest.lstrip())
                and not HEADING_MARK.match(rest.lstrip()).group("dash")):
            yield Block("heading", head, level=INLINE_HEADING_DEPTH, page=block.page, line=block.line)
            yield Block("list_item", rest, page=block.page, line=block.line)
        else:
            yield block


def _heading_block(text: str) -> tuple[Block, ...]:
    return (Block("heading", text, level=1),) if text else ()


def document_to_pieces(seg: Segmented, document: DocumentInfo, horizon: date | None,
                       plan: bool) -> Iterator[Piece]:
    """Every readable text in order, with its zone and the deadline its headings carry."""
    lang = seg.lang
    issued = document.issued
    stack: list[Level] = []
    opener: date | None = None
    for block in _reading_blocks(seg):
        depth = heading_depth(block) if plan else None
        if depth is not None:
            while stack and stack[-1].depth >= depth:
                stack.pop()
            parent = stack[-1] if stack else Level(0, "body", None)
            zone = zone_of(block.text, lang) or parent.zone
            stack.append(Level(depth, zone, text_deadline(block.text, lang, issued) or parent.deadline))
            opener = None
            continue
        if block.kind == "table" and plan:
            level = stack[-1] if stack else Level(0, "body", None)
            yield from _grid_pieces(block, lang, issued, level.deadline or horizon)
            continue
        if block.kind not in READ_KINDS or skipped(block, lang):
            continue
        text = LINE_BREAKS.sub(" ", block.text)
        level = stack[-1] if stack else Level(0, "body", None)
        if text.rstrip().endswith(":"):
            opener = text_deadline(text, lang, issued) or opener
        deadline = opener or level.deadline or (horizon if plan else None)
        yield Piece(text, Provenance(page=block.page, line=block.line), level.zone, deadline,
                    dated=bool(opener or level.deadline))
    yield from _output_pieces(seg, horizon)


def _reading_blocks(seg: Segmented) -> Iterator[Block]:
    """The document's blocks in order; a table that holds neither targets nor tasks (a page
    layout, a letter's appendix not read as a task table) gives its cells as paragraphs, and the
    rows of a task table are left to the outputs reader."""
    task_rows: dict[int, set[int]] = {}  # table index -> its task rows: one lookup per table
    for table in seg.tables:
        for row in table.rows:
            task_rows.setdefault(row.table, set()).add(row.row)
    task_cells = {_flat(c) for t in seg.tables for r in t.rows for c in r.cells}
    for sec in seg.sections:
        yield from _split_leading_headings(_heading_block(sec.heading))
        for block in sec.blocks:
            if block.kind == "table" and _target_columns(_header(block_rows(block))[0], seg.lang) is None:
                yield from _split_leading_headings(tuple(_cell_blocks(block, task_rows, task_cells)))
            else:
                yield from _split_leading_headings((block,))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _cell_blocks(block: Block, task_rows: dict[int, set[int]], task_cells: set[str]) -> Iterator[Block]:
    """Paragraphs of a table's cells, split at list marks; none from a task table, and only the
    rows around the tasks of a page-layout grid that holds a whole document; a cell repeating a
    task's cell (a second rendering of the task table) is skipped."""
    index = block.grid.index if block.grid is not None else -1
    origins = block.grid.origins if block.grid is not None else ()
    rows = block_rows(block)
    tasks = task_rows.get(index, set())
    if tasks and len(rows[0]) <= MAX_TARGET_COLUMNS:
        return  # a task table: its rows (and their page-break pieces) are the outputs reader's
    for r, row in enumerate(rows):
        if r + 1 in tasks:  # task rows count from 1
            continue
        line = origins[r].line if r < len(origins) and origins[r].line is not None else block.line
        seen: set[str] = set()
        for cell in row:
            if not cell.strip() or cell in seen or _flat(cell) in task_cells:
                continue
            seen.add(cell)
            for part in CELL_BREAK.split(cell):
                if part.strip():
                    yield Block("paragraph", part.strip(), page=block.page, line=line)


def block_rows(block: Block) -> list[tuple[str, ...]]:
    """A table block's rows of cell texts, from its grid or its rendered table."""
    if block.grid is None:
        return []
    return [block.grid.texts(r) for r in range(block.grid.height)]


@cache
def _header_patterns(lang: str) -> dict[str, regex.Pattern[str]]:
    outline = section(lang, "outline")
    return {key: regex.compile(r"^\W*" + bounded(outline.get(f"table_{key}", [])), FLAGS)
            for key in ("indicator", "unit", "value", "result")}


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


def _grid_pieces(block: Block, lang: str, issued: date | None, deadline: date | None) -> Iterator[Piece]:
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
            if col >= len(cells) or not cells[col]:
                continue
            source = Provenance(page=block.page, line=block.line, row=r, column=header[col] or None,
                                table=block.grid.index if block.grid else None)
            result = col in results
            yield Piece(cells[col], source, "situation" if result else "goal",
                        None if result else text_deadline(header[col], lang, issued) or group, table=not result,
                        unit=cells[unit] if unit is not None and unit < len(cells) and cells[unit] else None,
                        indicator=cells[indicator] if indicator < len(cells) else None,
                        as_of=results.get(col))


def _output_pieces(seg: Segmented, horizon: date | None) -> Iterator[Piece]:
    """The outputs cell of every task row, with the row's timeframe end as deadline (a yearly
    task's ends with the plan), and its title cell ("Triển khai xây dựng 03 nền tảng")."""
    lang = seg.lang
    for table in seg.tables:
        if "outputs" not in table.columns:
            continue
        out = table.columns.index("outputs")
        name = table.columns.index("title") if "title" in table.columns else None
        when = table.columns.index("timeframe") if "timeframe" in table.columns else None
        for row in table.rows:
            if len(set(row.cells)) <= 1 or out >= len(row.cells):
                continue  # a group row repeats its title in every cell
            frame = text_to_timeframe(row.cells[when], lang) if when is not None and when < len(row.cells) else None
            end = frame.end if frame else None
            if frame is not None and end is None and frame.recurrence not in (None, "continuous"):
                end = horizon  # "Hằng năm": every year until the plan ends; "Thường xuyên" names no end
            source = Provenance(page=row.page, table=row.table, row=row.row, column="outputs")
            yield Piece(LINE_BREAKS.sub(" ", row.cells[out]), source, "goal", end, table=True)
            if name is not None and name < len(row.cells) and row.cells[name] != row.cells[out]:
                yield Piece(LINE_BREAKS.sub(" ", row.cells[name]), source.model_copy(update={"column": "title"}),
                            "goal", end, table=True, title=True)
