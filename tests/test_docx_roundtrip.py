"""Tables rendered to Word with real merges (tests/render_docx.py) read back exactly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_docx import spancells_to_docx

from extract.load import load_file
from extract.load.grid import SpanCell, spans_to_grid
from schemas.blocks import Grid

WORDS = ["Sở", "Tư", "pháp", "Ủy", "ban", "nhân", "dân", "tỉnh", "Quý", "II/2026", "phối", "hợp", "chủ", "trì",
         "Thường", "xuyên", "Đồng", "năm", "2025", "I.", "1.1", "a)", "-", "(1)", "Nghệ", "An"]
LEAD = "Bảng dưới đây phân công nhiệm vụ cho các cơ quan, đơn vị theo kế hoạch của Ủy ban nhân dân tỉnh."


def read_back(rows: list[list[SpanCell]], path: Path, header_rows: int = 1) -> Grid:
    spancells_to_docx(rows, path, header_rows)
    from docx import Document

    document = Document(str(path))  # the renderer's table after a paragraph, so it is not a letterhead
    document.element.body.insert(0, document.add_paragraph(LEAD)._p)
    document.save(str(path))
    grids = [b.grid for b in load_file(path).blocks if b.grid is not None]
    assert len(grids) == 1
    return grids[0]


def same(found: Grid, rows: list[list[SpanCell]]) -> None:
    expected = spans_to_grid(rows)
    assert found.rows == expected.rows


def test_task_table_with_group_rows_merged_leads_and_two_header_rows(tmp_path: Path) -> None:
    rows = [
        [SpanCell("TT", rowspan=2), SpanCell("Nhiệm vụ", rowspan=2), SpanCell("Đơn vị thực hiện", colspan=2),
         SpanCell("Thời gian", rowspan=2)],
        [SpanCell("Chủ trì"), SpanCell("Phối hợp")],
        [SpanCell("I"), SpanCell("Hoàn thiện thể chế", colspan=4)],
        [SpanCell("1"), SpanCell("Xây dựng quy định\nvề dữ liệu"), SpanCell("Sở Tư pháp", rowspan=2),
         SpanCell("Các sở, ngành"), SpanCell("Quý II/2026")],
        [SpanCell("2"), SpanCell("Rà soát văn bản"), SpanCell("UBND cấp xã"), SpanCell("Thường xuyên")],
        [SpanCell(""), SpanCell("(tiếp) nội dung bổ sung"), SpanCell(""), SpanCell(""), SpanCell("")],
    ]
    found = read_back(rows, tmp_path / "t.docx", header_rows=2)
    same(found, rows)
    assert found.texts(4) == ("2", "Rà soát văn bản", "Sở Tư pháp", "UBND cấp xã", "Thường xuyên")


@st.composite
def span_tables(draw: st.DrawFn) -> list[list[SpanCell]]:
    """A rectangular table cut into non-overlapping spanning cells, listed row by row."""
    height = draw(st.integers(2, 7))
    width = draw(st.integers(2, 6))
    taken = [[False] * width for _ in range(height)]
    rows: list[list[SpanCell]] = [[] for _ in range(height)]
    for r in range(height):
        for c in range(width):
            if taken[r][c]:
                continue
            max_cols = 1
            while c + max_cols < width and not taken[r][c + max_cols]:
                max_cols += 1
            colspan = draw(st.integers(1, max_cols)) if draw(st.booleans()) else 1
            rowspan = draw(st.integers(1, height - r)) if draw(st.integers(0, 3)) == 0 else 1
            # every row has text in its first column, so no generated table is a one-line layout table
            words = draw(st.lists(st.sampled_from(WORDS), min_size=1 if c == 0 else 0, max_size=4))
            lines = draw(st.integers(1, 2))
            text = "\n".join(" ".join(words[i::lines]) for i in range(lines) if words[i::lines])
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[r + dr][c + dc] = True
            rows[r].append(SpanCell(text, rowspan, colspan))
    return rows


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=span_tables(), header_rows=st.integers(0, 2))
def test_any_span_layout_reads_back_exactly(tmp_path: Path, rows: list[list[SpanCell]], header_rows: int) -> None:
    same(read_back(rows, tmp_path / "p.docx", header_rows), rows)
