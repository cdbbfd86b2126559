"""Random task tables with their truth, and renderers to the shapes real documents come in.

A ``GeneratedTable`` holds the rows of ``SpanCell``s a document would print (header rows with
spans, group rows, task rows with merged lead cells, continuation pieces after a page break)
and the tasks a perfect reader finds in them. Renderers write it as a GFM pipe table, HTML, or
the "cell-per-line" Markdown of HTML-to-Markdown converters; page breaks cut the table into
pieces the way converters do (a placeholder "Col1 …" header or none on the next piece).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

from hypothesis import strategies as st

from extract import extract_text
from extract.load.grid import SpanCell

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = ["A", "B", "C", "D", "E"]

HEADER_WORDS = {
    "number": ["TT", "STT"],
    "title": ["Nhiệm vụ", "Tên nhiệm vụ", "Nội dung công việc", "Nhiệm vụ, giải pháp"],
    "lead": ["Đơn vị chủ trì", "Cơ quan chủ trì", "Chủ trì"],
    "cooperating": ["Đơn vị phối hợp", "Cơ quan phối hợp", "Phối hợp"],
    "timeframe": ["Thời gian thực hiện", "Thời hạn hoàn thành", "Tiến độ"],
    "outputs": ["Sản phẩm", "Kết quả dự kiến", "Sản phẩm đầu ra"],
    "notes": ["Ghi chú"],
    "funding": ["Nguồn kinh phí", "Kinh phí"],
    "person": ["Người đứng đầu chịu trách nhiệm"],
}
VERBS = ["Xây dựng", "Triển khai", "Rà soát", "Nâng cấp", "Tổ chức", "Hoàn thiện", "Đào tạo", "Số hóa", "Đầu tư", "Thí điểm"]
OBJECTS = [
    "cơ sở dữ liệu đất đai", "hạ tầng viễn thông thụ động", "nền tảng dịch vụ công", "trạm phát sóng 5G",
    "hệ thống quan trắc không khí", "kho dữ liệu dùng chung", "kỹ năng số cho người dân", "bệnh án điện tử",
    "chợ nông sản trực tuyến", "mạng cáp quang thôn bản", "chữ ký số cho doanh nghiệp", "thư viện số",
]
PLACES = ["trên địa bàn tỉnh", "tại các xã vùng sâu", "cho cán bộ, công chức", "ở khu công nghiệp", "đến năm 2030", ""]
AGENCIES = [
    "Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Sở Xây dựng", "Sở Công Thương",
    "Sở Giáo dục và Đào tạo", "Công an tỉnh", "Văn phòng UBND tỉnh", "Ban Quản lý các khu công nghiệp",
    "Trung tâm Chuyển đổi số", "Viettel Đồng Nai",
]
GROUP_TITLES = ["Hoàn thiện thể chế", "Phát triển hạ tầng số", "Phát triển dữ liệu số", "Nhân lực số", "Kinh tế số", "An toàn thông tin"]
PART_TITLES = ["PHÁT TRIỂN NỀN MÓNG", "PHÁT TRIỂN NGÀNH, LĨNH VỰC", "GIẢI PHÁP CHUNG"]
TIMEFRAMES = [
    ("Quý II/2026", date(2026, 6, 30)), ("Năm 2026", date(2026, 12, 31)), ("2025 - 2030", date(2030, 12, 31)),
    ("Tháng 12/2025", date(2025, 12, 31)), ("Trước ngày 30/9/2026", date(2026, 9, 30)),
    ("Quý III/2026 - Quý I/2027", date(2027, 3, 31)), ("6 tháng đầu năm 2027", date(2027, 6, 30)),
    ("Trước năm 2030", date(2029, 12, 31)), ("Thường xuyên", None),
]
OUTPUTS = ["Báo cáo", "Kế hoạch được ban hành", "Hệ thống vận hành", "Quyết định của UBND tỉnh", "Cơ sở dữ liệu", ""]
SCHEMES = ("flat", "roman", "letter_roman", "arabic_groups", "none")


@dataclass
class TruthTask:
    key: str
    title: str
    lead: list[str]
    cooperating: list[str]
    end: date | None
    outputs: str | None


@dataclass
class GeneratedTable:
    """A task table as printed: header rows, then pieces of body rows (cut at page breaks)."""

    roles: list[str]
    header: list[list[SpanCell]]
    pieces: list[list[list[SpanCell]]]
    tasks: list[TruthTask]
    continues: list[bool] = field(default_factory=list)  # piece i>0 opens with a continuation row
    placeholder: bool = True  # later pieces open with a converter's "Col1 …" header
    whole: list[list[SpanCell]] = field(default_factory=list)  # the body before any page break

    @property
    def width(self) -> int:
        return len(self.roles)


@st.composite
def _title(draw: st.DrawFn) -> str:
    place = draw(st.sampled_from(PLACES))
    return " ".join(x for x in (draw(st.sampled_from(VERBS)), draw(st.sampled_from(OBJECTS)), place) if x)


@st.composite
def task_tables(
    draw: st.DrawFn, *, spans: bool = True, stacked_header: bool = True,
    agency_cells: st.SearchStrategy[tuple[str, list[str]]] | None = None,
) -> GeneratedTable:
    """A random task table. ``stacked_header`` False keeps the header to one row of names (plus
    perhaps a column-numbering row) and merges no cells: a cell-per-line page loses the spans a
    stacked header needs, and a row that lost a merged agency cell cannot tell from its text
    whether the agency it still gives leads or cooperates (merged cells are tested through
    HTML, and through the real converter pages of the corpus gate). ``agency_cells`` draws each
    lead and cooperating cell as (text as printed, the agencies it names); by default a cell
    names one agency, or several joined by "; "."""
    scheme = draw(st.sampled_from(SCHEMES))
    extras = draw(st.lists(st.sampled_from(["outputs", "notes", "funding", "person"]), unique=True, max_size=4))
    roles = ["title", "lead", "cooperating", "timeframe", *extras]
    if scheme != "none":
        roles.append("number")
    while len(roles) < 5:
        roles.append(draw(st.sampled_from([r for r in ("outputs", "notes", "funding") if r not in roles])))
    roles = draw(st.permutations(roles))
    if "number" in roles:  # the number column opens the table in every real plan seen
        roles = ["number", *[r for r in roles if r != "number"]]
    width = len(roles)
    header = _header(draw, roles, spans and stacked_header)

    groups = _group_plan(draw, scheme)
    body: list[list[SpanCell]] = []
    tasks: list[TruthTask] = []
    used_titles: set[str] = set()
    for prefix, group_rows, count, numbers in groups:
        body.extend(group_rows)
        values: list[dict[str, str]] = []
        for at in range(count):
            title = draw(_title().filter(lambda t: t not in used_titles))
            used_titles.add(title)
            if agency_cells is not None:
                lead, leads = draw(agency_cells)
                coop_text, coop = draw(agency_cells)
            else:
                lead = draw(st.sampled_from(AGENCIES))
                leads = [lead]
                coop = draw(st.lists(st.sampled_from([a for a in AGENCIES if a != lead]), unique=True, max_size=2))
                coop_text = "; ".join(coop)
            frame, end = draw(st.sampled_from(TIMEFRAMES))
            outputs = draw(st.sampled_from(OUTPUTS)) if "outputs" in roles else ""
            values.append({
                "number": numbers[at], "title": title, "lead": lead, "cooperating": coop_text,
                "timeframe": frame, "outputs": outputs, "notes": draw(st.sampled_from(["", "Ưu tiên"])),
                "funding": draw(st.sampled_from(["Ngân sách tỉnh", "Xã hội hóa", ""])), "person": "Giám đốc Sở",
            })
            key = f"{prefix}.{numbers[at]}" if prefix else numbers[at]
            tasks.append(TruthTask(key or str(len(tasks) + 1), title, leads, coop, end, outputs or None))
        # a lead cell merged over consecutive rows of the group applies to each of them
        spans_of = [1] * count
        at = 0
        while spans and stacked_header and at < count - 1:
            if draw(st.booleans()):
                run = draw(st.integers(2, min(3, count - at)))
                spans_of[at] = run
                for later in range(at + 1, at + run):
                    spans_of[later] = 0
                    values[later]["lead"] = values[at]["lead"]
                    tasks[len(tasks) - count + later].lead = list(tasks[len(tasks) - count + at].lead)
                at += run
            else:
                at += 1
        for at, value in enumerate(values):
            if not stacked_header and (spans_of[at] == 0 or "number" not in roles):
                # on a cell-per-line page an empty cell looks like a row boundary; a row opening
                # with its number tells them apart, a row with no number cannot: such rows are filled
                truth = tasks[len(tasks) - count + at]
                if not value["cooperating"]:
                    value["cooperating"] = next(a for a in AGENCIES if a != value["lead"])
                    truth.cooperating = [value["cooperating"]]
                if not value["outputs"] and "outputs" in roles:
                    value["outputs"] = truth.outputs = "Báo cáo"
                value["notes"] = value["notes"] or "Ưu tiên"
                value["funding"] = value["funding"] or "Ngân sách tỉnh"
            body.append([
                SpanCell(value[role], rowspan=spans_of[at] if role == "lead" else 1)
                for role in roles
                if not (role == "lead" and spans_of[at] == 0)
            ])
    pieces, continues = _cut(draw, body, width, roles, spans)
    return GeneratedTable(list(roles), header, pieces, tasks, continues, draw(st.booleans()), body)


def _header(draw: st.DrawFn, roles: list[str], spans: bool) -> list[list[SpanCell]]:
    names = [draw(st.sampled_from(HEADER_WORDS[r])) for r in roles]
    depth = draw(st.integers(1, 3))
    rows: list[list[SpanCell]] = []
    lead_at, coop_at = roles.index("lead"), roles.index("cooperating")
    if not spans:
        depth = 1 if depth == 1 else 2  # names, then perhaps the column-numbering row
    if depth >= 2 and abs(lead_at - coop_at) == 1 and spans:
        first, second = sorted((lead_at, coop_at))
        top: list[SpanCell] = []
        for at, name in enumerate(names):
            if at == first:
                top.append(SpanCell("Đơn vị thực hiện", colspan=2) if spans else SpanCell("Đơn vị thực hiện"))
            elif at == second:
                if not spans:
                    top.append(SpanCell("Đơn vị thực hiện"))
            else:
                top.append(SpanCell(name, rowspan=2) if spans else SpanCell(name))
        bottom = [SpanCell("Chủ trì" if roles[i] == "lead" else "Phối hợp") for i in (first, second)]
        if not spans:
            bottom = [SpanCell("Chủ trì" if r == "lead" else "Phối hợp" if r == "cooperating" else "") for r in roles]
        rows = [top, bottom]
    else:
        rows = [[SpanCell(n) for n in names]]
    if depth == 3 or (depth == 2 and len(rows) == 1):
        rows.append(_numbering_row(draw, len(roles)))
    return rows


def _numbering_row(draw: st.DrawFn, width: int) -> list[SpanCell]:
    """The column-numbering row: "(1) (2) …" or "1 2 …", its last column perhaps computed from two
    others and numbered with the formula ("(5)=(3)+(4)", "5=3x4")."""
    label = draw(st.sampled_from(["({})", "{}"]))
    cells = [label.format(i + 1) for i in range(width)]
    if width >= 3 and draw(st.booleans()):
        sign = draw(st.sampled_from(["+", "x", "-", " x "]))
        cells[-1] += "=" + label.format(width - 2) + sign + label.format(width - 1)
    return [SpanCell(c) for c in cells]


def _group_plan(draw: st.DrawFn, scheme: str) -> list[tuple[str, list[list[SpanCell]], int, list[str]]]:
    """Per group: key prefix, the group rows printed before it, its task count, task numbers."""
    plan: list[tuple[str, list[list[SpanCell]], int, list[str]]] = []
    if scheme in ("flat", "none"):
        count = draw(st.integers(1, 6))
        numbers = [str(i + 1) for i in range(count)] if scheme == "flat" else [""] * count
        return [("", [], count, numbers)]
    parts = LETTERS[: draw(st.integers(1, 2))] if scheme == "letter_roman" else [""]
    for part_at, part in enumerate(parts):
        part_rows = [_group_row(draw, part, PART_TITLES[part_at])] if part else []
        for g in range(draw(st.integers(1, 3))):
            count = draw(st.integers(1, 3))
            title = draw(st.sampled_from(GROUP_TITLES))
            if scheme == "arabic_groups":
                number = str(g + 1)
                rows = [_group_row(draw, number, title)]
                numbers = [f"{number}.{i + 1}" for i in range(count)]
                plan.append(("", part_rows + rows, count, numbers))
            else:
                rows = [_group_row(draw, ROMAN[g], title)]
                numbers = [str(i + 1) for i in range(count)]
                prefix = ".".join(x for x in (part, ROMAN[g]) if x)
                plan.append((prefix, part_rows + rows, count, numbers))
            part_rows = []
    return plan


def _group_row(draw: st.DrawFn, number: str, title: str) -> list[SpanCell]:
    """A group row: the number, then its title spanning the rest (the renderer decides how)."""
    return [SpanCell(number), SpanCell(title, colspan=-1)]  # colspan -1: to the table's edge


def _cut(draw: st.DrawFn, body: list[list[SpanCell]], width: int, roles: list[str], spans: bool) -> tuple[list[list[list[SpanCell]]], list[bool]]:
    """The body cut at page breaks; a cut may split a task row's title over the break."""
    pieces: list[list[list[SpanCell]]] = []
    continues: list[bool] = []
    start = 0
    covered: set[int] = set()  # rows a merged cell from above reaches: no page break before them
    for r, row in enumerate(body):
        for cell in row:
            covered.update(range(r + 1, r + cell.rowspan))
    allowed = [i for i in range(1, len(body)) if i not in covered]
    cuts = sorted(set(draw(st.lists(st.sampled_from(allowed), max_size=2)))) if len(body) > 2 and allowed else []
    for cut in [*cuts, len(body)]:
        piece = [list(r) for r in body[start:cut]]
        if not piece:
            continue
        split = False
        if pieces and piece and _is_task_row(piece[0], width) and draw(st.booleans()) and not _has_rowspan(pieces[-1][-1]):
            # move the end of the previous task row's title into a continuation row here
            last = pieces[-1][-1]
            title_at = _position(last, roles, "title", width)
            words = last[title_at].text.split(" ") if title_at is not None else []
            if title_at is not None and len(words) > 2:
                head, tail = " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])
                pieces[-1][-1] = [SpanCell(head) if i == title_at else c for i, c in enumerate(last)]
                cont = [SpanCell(tail if i == title_at else "") for i in range(width)]
                piece.insert(0, cont)
                split = True
        pieces.append(piece)
        continues.append(split)
        start = cut
    return pieces, continues


def _is_task_row(row: list[SpanCell], width: int) -> bool:
    return not any(c.colspan == -1 for c in row)


def _has_rowspan(row: list[SpanCell]) -> bool:
    return any(c.rowspan > 1 for c in row)


def _position(row: list[SpanCell], roles: list[str], role: str, width: int) -> int | None:
    """The index in ``row`` of the cell for ``role`` (rows with a covered cell are shorter)."""
    if len(row) == width:
        return roles.index(role)
    return None


# --- renderers ---------------------------------------------------------------------------------


def _expand(row: list[SpanCell], width: int) -> list[SpanCell]:
    """A group row's title spanning to the table's edge."""
    out: list[SpanCell] = []
    for cell in row:
        if cell.colspan == -1:
            out.append(SpanCell(cell.text, cell.rowspan, width - sum(c.colspan for c in out)))
        else:
            out.append(cell)
    return out


def _texts(rows: list[list[SpanCell]], width: int) -> list[list[str]]:
    """Rows laid out without spans: a merged cell's text printed at every position it covers."""
    grid: list[list[str | None]] = [[None] * width for _ in rows]
    for r, row in enumerate(rows):
        col = 0
        for cell in _expand(row, width):
            while col < width and grid[r][col] is not None:
                col += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if r + dr < len(rows) and col + dc < width:
                        grid[r + dr][col + dc] = cell.text
            col += cell.colspan
    return [[c or "" for c in row] for row in grid]


def whole_rows(table: GeneratedTable) -> list[list[SpanCell]]:
    """The header and the body before any page break, spans resolved: one table as a word
    processor holds it (a Word file has no converter's page-break pieces)."""
    return [_expand(row, table.width) for row in table.header + table.whole]


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", "<br>") for c in cells) + " |"


def render_pipe(table: GeneratedTable, *, page: int = 3) -> str:
    """GFM pipe tables; each later piece opens with a placeholder header (or its first row)."""
    width = table.width
    out: list[str] = []
    header = _texts(table.header, width)
    for at, piece in enumerate(table.pieces):
        rows = _texts(piece, width)
        if at == 0:
            lines = [_pipe_row(header[0]), "|" + "---|" * width] + [_pipe_row(r) for r in header[1:] + rows]
        else:
            out.append(str(page + at))
            top = [f"Col{i + 1}" for i in range(width)] if table.placeholder else rows.pop(0)
            lines = [_pipe_row(top), "|" + "---|" * width] + [_pipe_row(r) for r in rows]
        out.append("\n".join(lines))
    return "# PHỤ LỤC\n\n" + "\n\n".join(out) + "\n"


def _html_rows(rows: list[list[SpanCell]], width: int, tag: str) -> str:
    out = []
    for row in rows:
        cells = []
        for cell in _expand(row, width):
            attrs = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
            cells.append(f"<{tag}{attrs}>{html.escape(cell.text)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out)


def render_html(table: GeneratedTable) -> str:
    """An HTML page: one ``<table>`` per piece, spans as printed; later pieces may open with a
    placeholder header row."""
    width = table.width
    parts = []
    for at, piece in enumerate(table.pieces):
        head = _html_rows(table.header, width, "th") if at == 0 else (
            "<tr>" + "".join(f"<th>Col{i + 1}</th>" for i in range(width)) + "</tr>" if table.placeholder else ""
        )
        parts.append(f"<table>\n{head}\n{_html_rows(piece, width, 'td')}\n</table>")
    return "<html><body><h1>PHỤ LỤC</h1>\n" + "\n".join(parts) + "\n</body></html>"


def render_cells(table: GeneratedTable) -> str:
    """Cell-per-line Markdown as an HTML-to-Markdown converter writes a saved web page: each
    cell between lone pipes, spans lost (a covered cell vanishes, a spanning cell is written
    once). Such pages have no page breaks, so the whole body is one table."""
    width = table.width
    lines: list[str] = []
    for row in table.header + table.whole:
        for cell in _expand(row, width):
            lines.append("|")
            if cell.text:
                lines.append(f"**{cell.text}**" if row in table.header else cell.text)
        lines.append("|")
    return "**PHỤ LỤC**\n\n" + "\n".join(lines) + "\n"


# Each shape a generated table is rendered in: (renderer, file name, format passed to extract_text).
SHAPES = {"html": (render_html, "t.html", "html"), "pipe": (render_pipe, "t.md", None), "cells": (render_cells, "t.md", None)}


def rendered_titles(table: GeneratedTable, shape: str) -> list[str]:
    """The task titles planwatch reads from ``table`` rendered in ``shape`` (a key of SHAPES)."""
    render, source, fmt = SHAPES[shape]
    rendered = render(table)
    result = extract_text(rendered, source=source, fmt=fmt) if fmt else extract_text(rendered, source=source)
    return [t.title for t in result.tasks]

