"""Issue 5: a table's size is bounded where its grid is built, and a cut table says so."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.load import grid as gridmod
from extract.load import load_text
from extract.load.grid import (
    CUT,
    MAX_SPANNED_CELLS,
    MAX_WIDTH,
    SpanCell,
    spans_to_grid,
    texts_to_grid,
)
from schemas.blocks import Grid

HEAD = "<tr><th>TT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th></tr>"


def _only_grid(html: str) -> Grid:
    grids = [b.grid for b in load_text(html, source="t.html", fmt="html").blocks if b.grid is not None]
    assert len(grids) == 1
    return grids[0]


def _spanned(grid: Grid) -> int:
    """Positions of the grid that no source cell gave: covered by a span, or padding."""
    return sum(1 for row in grid.rows for cell in row if cell.covered or not cell.text)


def test_issue_5_rowspan_staircase_is_cut_at_the_spanned_cells_limit_with_a_warning() -> None:
    # Every row opens a cell spanning all rows below, so row n repeats n spanned cells.
    rows = "".join(f'<tr><td>{n}</td><td rowspan="99999">Đơn vị chủ trì</td></tr>' for n in range(1, 1500))
    html = f"<table>{HEAD}{rows}</table>"
    grid = _only_grid(html)
    assert CUT in grid.flags and "clamped" in grid.flags
    assert grid.width == MAX_WIDTH
    assert _spanned(grid) <= MAX_SPANNED_CELLS < _spanned(grid) + MAX_WIDTH
    doc = extract_text(html, fmt="html")
    assert doc.warnings[0] == (
        f"table 1 (line 1) is too large to read whole: only its first {grid.height} rows were read "
        "(a table may fill at most 1,000,000 cells, 100,000 of them by row or column spans and padding); "
        "split the table or check its rowspan and colspan values"
    )


def test_issue_5_one_cell_spanning_a_long_empty_table_is_cut_before_it_is_laid_out() -> None:
    rows = [[SpanCell("Sở", 99999, 99999)]] + [[] for _ in range(20_000)]
    grid = spans_to_grid(rows)
    assert CUT in grid.flags
    assert grid.height * (MAX_WIDTH - 1) <= MAX_SPANNED_CELLS + MAX_WIDTH
    assert grid.rows[0][0] == gridmod.GridCell("Sở", 20_001, 1)  # trimmed to the one real column


def test_issue_5_colspan_99999_rows_cost_their_real_columns_only() -> None:
    row = '<tr><td colspan="99999">Nhiệm vụ chuyển đổi số</td><td rowspan="99999">Sở</td></tr>'
    rows = row * 3000
    grid = _only_grid(f"<table>{HEAD}{rows}</table>")
    assert (grid.width, grid.height) == (3, 3001)
    assert CUT not in grid.flags and "clamped" in grid.flags


def test_issue_5_table_over_the_cell_limit_is_cut_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gridmod, "MAX_CELLS", 40)
    header = ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian thực hiện"]
    grid = texts_to_grid([header] + [[str(n), f"Việc {n}", "Sở Y tế", "2025"] for n in range(1, 20)])
    assert (grid.height, CUT in grid.flags) == (10, True)
    assert gridmod.grid_warnings(grid)[0].startswith("table 0 (line None) is too large to read whole: only its first 10 rows were read")


def test_spans_within_the_limits_are_laid_out_whole_without_warning() -> None:
    first = [SpanCell("1"), SpanCell("Việc 1"), SpanCell("Sở Y tế", 50), SpanCell("2025")]
    rows = [[SpanCell("I. Nhóm", 1, 4)], first] + [[SpanCell(str(n)), SpanCell(f"Việc {n}"), SpanCell("2025")] for n in range(2, 51)]
    grid = spans_to_grid(rows)
    assert (grid.width, grid.height, grid.flags) == (4, 51, ())
    assert grid.rows[50][2].origin == (1, 2) and grid.rows[50][3].text == "2025"
    assert gridmod.grid_warnings(grid) == []


def test_header_after_layout_cells_of_the_same_row_is_found() -> None:
    layout = ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI", "Độc lập - Tự do"]
    head = "".join(f"<td>{t}</td>" for t in [*layout, "TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian thực hiện"])
    body = "".join(f"<tr><td>{n}</td><td>Nhiệm vụ số {n}</td><td>Sở Tài chính</td><td>2025</td></tr>" for n in range(1, 4))
    doc = extract_text(f"<table><tr>{head}</tr>{body}</table>", fmt="html")
    assert [(t.key, t.title, [a.mention for a in t.lead]) for t in doc.tasks] == [
        (str(n), f"Nhiệm vụ số {n}", ["Sở Tài chính"]) for n in range(1, 4)
    ]
