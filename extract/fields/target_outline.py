"""Where a figure sits: which part of a plan sets goals, the deadline a heading or an opening line
carries to what follows it, and the blocks (letterhead, legal basis, front matter) never read.

Headings are recognised by their shape as well as their markup, because converters often give a
numbered heading ("II. MỤC TIÊU", "2.1. Đến năm 2030", "*- Thủy sản*") as a plain paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, partial

import regex

from extract.fields.document import is_body_table, without_issue_years
from extract.fields.target_context import deadlines, text_deadline
from extract.fields.target_lang import FLAGS, bounded, section
from extract.fields.target_tables import (
    EMPHASIS,
    LINE_BREAKS,
    MAX_TARGET_COLUMNS,
    Piece,
    Zone,
    block_rows,
    embedded_target_table,
    grid_pieces,
    is_result_header,
    is_target_table,
)
from extract.fields.timeframes import text_to_timeframe
from extract.pattern_cache import compile_cached
from schemas.blocks import Block, Segmented
from schemas.records import DocumentInfo, Provenance

HEADING_MARK = compile_cached(
    r"^(?:(?P<roman>[IVXLC]{1,6})[.)]|(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})[.)]?(?=\s)|(?P<letter>\p{Ll})[.)]"
    r"|(?P<dash>[-–+•]))\s*"
)
FRONT_MATTER = compile_cached(r"^(?:---\s*$|[\w-]{1,30}:\s.*$)")
MAX_HEADING_CHARS = 160
INLINE_HEADING_DEPTH = 4
CELL_BREAK = compile_cached(r"\n(?=\s*(?:[-+•*]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\p{Ll}\)\s|[IVXLC]{1,5}\.\s))|(?<=[.;:])\n")
PREAMBLE_BLOCKS = 30
MAX_LABEL_WORDS = 2  # words besides its period a period label line may hold ("- Giai đoạn 2025-2027:")
NO_RANK = 99  # an unmarked rule line: any marked line ends its conditions
UNMARKED_LABEL = 0  # an unmarked period label: only a heading or another label ends it, no list mark
READ_KINDS = ("paragraph", "list_item")


@dataclass(frozen=True, slots=True)
class Level:
    depth: int
    zone: Zone
    deadline: date | None


@cache
def _zone_patterns(lang: str) -> tuple[tuple[Zone, regex.Pattern[str]], ...]:
    outline = section(lang, "outline")
    opening = r"^\W*(?:(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2}){0,3}|\p{Ll})[.)]\s*)?"
    return tuple((zone, compile_cached((opening if key.endswith("_opening") else "") + bounded(outline.get(key, [])),
                                      FLAGS))
                 for zone, key in (("goal", "goal"), ("quiet", "quiet"), ("quiet", "quiet_opening"),
                                   ("quiet_part", "quiet_part"), ("situation", "situation"),
                                   ("rule", "rule_opening")))


@cache
def _rule_patterns(lang: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A line that opens with a rule's conditions, at any length ("I. Điều kiện công nhận … tại
    Điều 10 Nghị định …"), and the words of an opener line that lists them ("… phải đáp ứng các
    điều kiện sau đây:")."""
    outline = section(lang, "outline")
    opening = r"^\W*(?:(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2}){0,3}|\p{Ll})[.)]\s*)?"
    return (compile_cached(opening + bounded(outline.get("rule_opening", [])), FLAGS),
            compile_cached(bounded(outline.get("rule_opener", [])), FLAGS))


def opens_rule(text: str, lang: str) -> bool:
    """Whether a line starts a list of a rule's conditions: it opens with their name, or it is an
    opener line (ending with a colon) that announces them."""
    opening, opener = _rule_patterns(lang)
    flat = EMPHASIS.sub("", text).strip()
    return bool(opening.search(flat)) or (flat.endswith(":") and opener.search(flat) is not None)


@cache
def _skip_patterns(lang: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    outline = section(lang, "outline")
    return (compile_cached(r"^\W*" + bounded(outline.get("skip_openers", [])), FLAGS),
            compile_cached(bounded(outline.get("skip_contains", [])), FLAGS))


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


def mark_rank(text: str) -> int | None:
    """The rank of a line's list mark (roman 1, "1." 2, "1.1." 3 …, "a)" 5, "-" 6, "+" or "•" 7),
    or None for an unmarked line: a later line of the same or a higher rank is no longer under it."""
    m = HEADING_MARK.match(EMPHASIS.sub("", text.strip()).strip())
    if m is None:
        return None
    dash = m.group("dash")
    return _mark_depth(m) + (1 if dash and dash not in "-–" else 0)


def period_label(text: str, lang: str, issued: date | None) -> date | None:
    """The deadline of a line that only names a period ("- Giai đoạn 2025-2027", "Phase 2026-2028"):
    the items listed under it share it, up to the next line of its rank."""
    flat = EMPHASIS.sub("", text.strip()).strip()
    if m := HEADING_MARK.match(flat):
        flat = EMPHASIS.sub("", flat[m.end() :]).strip()
    if not flat or len(flat) > MAX_HEADING_CHARS // 2 or flat[-1] in ".;,":
        return None
    found = deadlines(flat, lang, issued)
    rest = flat
    for w in reversed(found):
        rest = rest[: w.start] + " " + rest[w.end :]
    days = [w.day for w in found if w.day is not None]
    if not days or len(rest.split()) > MAX_LABEL_WORDS or any(ch.isdigit() for ch in rest):
        return None
    return max(days)


def _title_line(text: str) -> bool:
    """A line of a title in capitals, with no number or list mark and no closing colon or stop
    ("KẾT QUẢ CHỈ SỐ … NĂM 2025", "CỦA CÁC CƠ QUAN …"): the next such heading continues it."""
    flat = EMPHASIS.sub("", text.strip()).strip()
    return HEADING_MARK.match(flat) is None and _capitals(flat) and not flat.endswith((":", "."))


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
    deadline named before the first numbered part ("KẾ HOẠCH … giai đoạn 2026 - 2030"). The
    opening ends there or at the first body table (text after one is a site's footer), and a
    cited document's issue year ("Quyết định 2629/QĐ-TTg năm 2025") names no deadline."""
    lang = seg.lang
    found: list[date] = []
    for sec in seg.sections:
        for block in sec.blocks[:PREAMBLE_BLOCKS]:
            depth = heading_depth(block)
            numbered = depth == 1 and HEADING_MARK.match(EMPHASIS.sub("", block.text.strip()))
            if numbered or is_body_table(block):
                return max(found) if found else None
            if block.kind in READ_KINDS and not skipped(block, lang) and len(block.text) <= MAX_HEADING_CHARS * 2:
                day = text_deadline(without_issue_years(block.text, lang), lang, document.issued)
                if day and (document.issued is None or day >= document.issued):
                    found.append(day)
        break
    return max(found) if found else None


def is_plan_like(document: DocumentInfo) -> bool:
    """Plans, decisions and letters are read by their outline; only news is read sentence by sentence."""
    return document.kind != "news"


def _capital_heading(block: Block) -> tuple[str, str] | None:
    """A paragraph opening with a marked heading in capitals over its first lines ("I. VỀ KẾT QUẢ
    ĐẠT ĐƯỢC" then "Thực hiện …", where a converter dropped the break): (heading, the rest)."""
    lines = block.text.split("\n")
    m = HEADING_MARK.match(EMPHASIS.sub("", lines[0].strip()))
    if block.kind != "paragraph" or len(lines) < 2 or m is None or m.group("dash") or m.group("letter"):
        return None
    count = next((i for i, line in enumerate(lines) if i and not _capitals(line)), len(lines))
    head = " ".join(line.strip() for line in lines[:count])
    if count == len(lines) or not _capitals(lines[0][m.end() :]) or len(head) > MAX_HEADING_CHARS:
        return None
    return head, "\n".join(lines[count:])


def _capitals(text: str) -> bool:
    letters = [c for c in EMPHASIS.sub("", text) if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _split_leading_headings(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """A list item whose first line is a bare title over a marked line ("Mục tiêu cụ thể đến 2030"
    then "a) …"), or a paragraph opening with a marked heading in capitals, is a heading followed
    by the rest."""
    for block in blocks:
        head, _, rest = block.text.partition("\n")
        if (capital := _capital_heading(block)) is not None:
            yield Block("heading", capital[0], level=1, page=block.page, line=block.line)
            yield Block("paragraph", capital[1], page=block.page, line=block.line)
        elif (block.kind == "list_item" and rest.strip() and len(head) <= MAX_HEADING_CHARS // 2
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
    """Every readable text in order, with its zone and the deadline its headings carry; a plan
    without a horizon takes the one its first dated goal heading names ("II. MỤC TIÊU ĐẾN NĂM 2030")."""
    lang = seg.lang
    issued = document.issued
    stack: list[Level] = []
    opener: date | None = None
    label_rank: int | None = None  # the list rank of a period label line the opener came from
    rule_rank: int | None = None  # the list rank of the line that opened a rule's conditions
    title = ""  # the unmarked heading just read, which an unmarked heading right after it continues
    for block in _reading_blocks(seg):
        depth = heading_depth(block) if plan else None
        if depth is not None:
            if rule_rank is not None and depth <= rule_rank:
                rule_rank = None  # a heading as high as the conditions' line ends their list
            text = block.text
            if title and stack and stack[-1].depth == depth and _title_line(text):
                text = f"{title} {text}"  # a title printed over several lines ("KẾT QUẢ … NĂM 2025" / "CỦA …")
            title = text if _title_line(text) else ""
            while stack and stack[-1].depth >= depth:
                stack.pop()
            parent = stack[-1] if stack else Level(0, "body", None)
            block = replace(block, text=text) if text != block.text else block
            zone = zone_of(block.text, lang) or ("rule" if opens_rule(block.text, lang) else parent.zone)
            if zone == "quiet_part":  # "IV. KINH PHÍ" is not read; "8. Bảo đảm kinh phí" under the tasks is
                zone = "quiet" if not stack or parent.zone == "quiet" else parent.zone
            if horizon is None and plan and zone == "goal":
                horizon = text_deadline(block.text, lang, issued)  # "II. MỤC TIÊU ĐẾN NĂM 2030": the plan's horizon
            stack.append(Level(depth, zone, text_deadline(block.text, lang, issued) or parent.deadline))
            opener, label_rank = None, None
            continue
        title = ""
        if block.kind == "table" and plan:
            level = stack[-1] if stack else Level(0, "body", None)
            yield from grid_pieces(block, lang, issued, level.deadline or horizon)
            continue
        if block.kind not in READ_KINDS or skipped(block, lang):
            continue
        text = LINE_BREAKS.sub(" ", block.text)
        level = stack[-1] if stack else Level(0, "body", None)
        rank = mark_rank(text)
        if label_rank is not None and rank is not None and rank <= label_rank:
            opener, label_rank = None, None  # a sibling or a higher item closes a period label's list
        if rule_rank is not None and rank is not None and rank <= rule_rank:
            rule_rank = None
        if plan and opens_rule(text, lang):
            rule_rank = rank if rank is not None else NO_RANK
        if text.rstrip().endswith(":"):
            opener = text_deadline(text, lang, issued) or opener
        elif (label := period_label(text, lang, issued)) is not None:
            opener, label_rank = label, rank if rank is not None else UNMARKED_LABEL
        deadline = opener or level.deadline or (horizon if plan else None)
        zone = "rule" if rule_rank is not None and level.zone == "body" else level.zone
        yield Piece(text, Provenance(page=block.page, line=block.line), zone, deadline,
                    dated=bool(opener or level.deadline))
        if (label := _trailing_label(text, lang, issued)) is not None:
            opener, label_rank = label, UNMARKED_LABEL  # a period label run onto the end of the item above it
    yield from _output_pieces(seg, horizon, issued)


def _trailing_label(text: str, lang: str, issued: date | None) -> date | None:
    """The deadline of a period label that ends a paragraph after its last full stop ("… quốc tế.
    Giai đoạn đến năm 2050"): a reader that lost the line break ran the label onto the item above."""
    head, stop, tail = text.rstrip().rpartition(". ")
    return period_label(tail, lang, issued) if stop and head.strip() else None


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
            if block.kind == "table" and not is_target_table(block, seg.lang):
                index = block.grid.index if block.grid is not None else -1
                inner = embedded_target_table(block, seg.lang, task_rows.get(index, set()))
                cells = partial(_cell_blocks, block, task_rows, task_cells)
                if inner is None:
                    yield from _split_leading_headings(tuple(cells()))
                    continue
                yield from _split_leading_headings(tuple(cells(range(inner.header_row + 1), inner.header_column)))
                yield inner.block
                yield from _split_leading_headings(tuple(cells(range(inner.end, len(block_rows(block))))))
            else:
                yield from _split_leading_headings((block,))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _cell_blocks(block: Block, task_rows: dict[int, set[int]], task_cells: set[str], only: range | None = None,
                 last_before: int | None = None) -> Iterator[Block]:
    """Paragraphs of a table's cells, split at list marks; none from a task table, and only the
    rows around the tasks of a page-layout grid that holds a whole document; a cell repeating a
    task's cell (a second rendering of the task table) is skipped. ``only`` limits the rows read,
    ``last_before`` the cells of the last one (a target table's header opens there)."""
    index = block.grid.index if block.grid is not None else -1
    origins = block.grid.origins if block.grid is not None else ()
    rows = block_rows(block)
    tasks = task_rows.get(index, set())
    if tasks and len(rows[0]) <= MAX_TARGET_COLUMNS:
        return  # a task table: its rows (and their page-break pieces) are the outputs reader's
    for r, row in enumerate(rows):
        if r + 1 in tasks or (only is not None and r not in only):  # task rows count from 1
            continue
        if only is not None and last_before is not None and r == only[-1]:
            row = row[:last_before]
        line = origins[r].line if r < len(origins) and origins[r].line is not None else block.line
        seen: set[str] = set()
        for cell in row:
            if not cell.strip() or cell in seen or _flat(cell) in task_cells:
                continue
            seen.add(cell)
            for part in CELL_BREAK.split(cell):
                if part.strip():
                    yield Block("paragraph", part.strip(), page=block.page, line=line)


def _output_pieces(seg: Segmented, horizon: date | None, issued: date | None) -> Iterator[Piece]:
    """The outputs cell of every task row, with the row's timeframe end as deadline (a yearly
    task's ends with the plan), and its title cell ("Triển khai xây dựng 03 nền tảng"), in a table
    without an outputs column too. An outputs column headed as results ("Kết quả thực hiện")
    reports what was done, as of the document's date, for a task due by then ("Kết quả thực hiện"
    of a task due after it is the result expected)."""
    lang = seg.lang
    for table in seg.tables:
        out = table.columns.index("outputs") if "outputs" in table.columns else None
        name = table.columns.index("title") if "title" in table.columns else None
        if out is None and name is None:
            continue
        results = out is not None and out < len(table.header) and is_result_header(table.header[out], lang)
        as_of = f"{issued:%Y-%m}" if results and issued else None
        when = table.columns.index("timeframe") if "timeframe" in table.columns else None
        for row in table.rows:
            if len(set(row.cells)) <= 1:
                continue  # a group row repeats its title in every cell
            frame = text_to_timeframe(row.cells[when], lang) if when is not None and when < len(row.cells) else None
            end = frame.end if frame else None
            if frame is not None and end is None and frame.recurrence not in (None, "continuous"):
                end = horizon  # "Hằng năm": every year until the plan ends; "Thường xuyên" names no end
            source = Provenance(page=row.page, table=row.table, row=row.row, column="outputs")
            output = row.cells[out] if out is not None and out < len(row.cells) else None
            if output is not None and results and issued and (end is None or end <= issued):
                yield Piece(LINE_BREAKS.sub(" ", output), source, "situation", as_of=as_of)
            elif output is not None:
                yield Piece(LINE_BREAKS.sub(" ", output), source, "goal", end, table=True)
            if name is not None and name < len(row.cells) and row.cells[name] != output:
                yield Piece(LINE_BREAKS.sub(" ", row.cells[name]), source.replaced(column="title"),
                            "goal", end, table=True, title=True, sole=out is None or results)
