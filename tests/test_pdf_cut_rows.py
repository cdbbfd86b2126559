"""A task row that a page break cut in a PDF: its rest on the next page joins it, whatever its
text opens with, when it has no lead and no deadline of its own; a sub-row with its own stays one."""

from __future__ import annotations

import pytest

from extract.load.grid import grid_text
from extract.load.pdf_tables import PdfTable, cells_to_table, stitch, table_to_grid
from extract.pipeline import raw_to_extraction
from schemas.blocks import ROWS_CUT_AT_PAGES, Block, Grid, RawDocument

EDGES = (40.0, 70.0, 300.0, 420.0, 540.0, 640.0)
HEADER = ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]


def _word(text: str, x0: float, top: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 6.0 * len(text), "top": top, "bottom": top + 12.0, "size": 12.0, "fontname": "Times"}


def _page(rows: list[list[str]], page: int, top: float) -> PdfTable:
    """One page piece of a ruled five-column table, each row 30 pt high."""
    boxes, words = [], []
    for r, texts in enumerate(rows):
        y = top + 30 * r
        for c, text in enumerate(texts):
            boxes.append((EDGES[c], y, EDGES[c + 1], y + 30))
            x = EDGES[c] + 5
            for token in text.split():
                words.append(_word(token, x, y + 8))
                x += 6.0 * len(token) + 3
    table = cells_to_table(boxes, words, page)
    assert table is not None
    return table


def _tasks(first: list[list[str]], second: list[list[str]], *, cut: bool = True) -> list[tuple[str, str, list[str], list[str], str | None]]:
    table = _page([HEADER, *first], 1, 500.0)
    assert stitch(table, _page([HEADER, *second], 2, 60.0))
    grid = table_to_grid(table, 1)
    if not cut:  # the same grid from a source whose rows no page break cuts
        grid = Grid(grid.rows, grid.origins, grid.index, grid.loader, tuple(f for f in grid.flags if f != ROWS_CUT_AT_PAGES))
    raw = RawDocument("t.pdf", "0" * 64, "pdf", (Block("heading", "PHỤ LỤC", 1, 1), Block("table", grid_text(grid), 0, 1, None, grid)), pages=2)
    return [
        (t.key, t.title, [m.mention for m in t.lead], [m.mention for m in t.cooperating], t.timeframe.text if t.timeframe else None)
        for t in raw_to_extraction(raw).tasks
    ]


FIRST = [["1", "Giao Công an tỉnh tham mưu", "Công an tỉnh", "Sở Khoa học", "Năm 2026"]]
CLOSED = [["1", "Giao Công an tỉnh tham mưu.", "Công an tỉnh", "Sở Khoa học", "Năm 2026"]]  # a text the break cut after a full stop
NEXT = ["2", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Sở Nội vụ", "Năm 2027"]


@pytest.mark.parametrize(
    ("first", "rest", "title", "cooperating"),
    [
        (FIRST, ["", "UBND tỉnh triển khai ứng dụng AI.", "", "và Công nghệ", ""], "Giao Công an tỉnh tham mưu UBND tỉnh triển khai ứng dụng AI.", ["Sở Khoa học và Công nghệ"]),
        (CLOSED, ["", "Đồng thời, chủ động rà soát quy định.", "", "", ""], "Giao Công an tỉnh tham mưu. Đồng thời, chủ động rà soát quy định.", ["Sở Khoa học"]),
    ],
)
def test_the_rest_of_a_cut_row_joins_it_whatever_it_opens_with(first: list[list[str]], rest: list[str], title: str, cooperating: list[str]) -> None:
    tasks = _tasks(first, [rest, NEXT])
    assert [t[0] for t in tasks] == ["1", "2"]
    assert tasks[0] == ("1", title, ["Công an tỉnh"], cooperating, "Năm 2026")


def test_a_sub_row_with_its_own_lead_or_deadline_after_the_break_stays_a_task() -> None:
    for own in (["", "Tổ chức tập huấn.", "Sở Nội vụ", "", ""], ["", "Tổ chức tập huấn.", "", "", "Năm 2027"]):
        tasks = _tasks(FIRST, [own, NEXT])
        assert [t[0] for t in tasks] == ["1", "1-2", "2"]
        assert tasks[1][1] == "Tổ chức tập huấn."


def test_without_the_flag_a_new_page_joins_nothing() -> None:
    """A Word table's rows are whole however its pages fall: a new page there cuts nothing."""
    tasks = _tasks(CLOSED, [["", "Đồng thời, chủ động rà soát quy định.", "", "", ""], NEXT], cut=False)
    assert tasks[0][1] == "Giao Công an tỉnh tham mưu."
