"""Word tables through the whole pipeline: the shapes Word writes give their tasks."""

from __future__ import annotations

from pathlib import Path

from render_docx import spancells_to_docx

from extract import extract_file
from extract.load.grid import SpanCell

HEADER = [SpanCell("TT"), SpanCell("Nhiệm vụ"), SpanCell("Đơn vị chủ trì"), SpanCell("Đơn vị phối hợp"),
          SpanCell("Thời gian thực hiện")]
LEAD = "Bảng dưới đây phân công nhiệm vụ cho các cơ quan, đơn vị theo kế hoạch của Ủy ban nhân dân tỉnh."


def write(rows: list[list[SpanCell]], path: Path) -> Path:
    spancells_to_docx(rows, path)
    from docx import Document

    document = Document(str(path))
    document.element.body.insert(0, document.add_paragraph(LEAD)._p)
    document.save(str(path))
    return path


def task(n: int, title: str) -> list[SpanCell]:
    return [SpanCell(str(n)), SpanCell(title), SpanCell("Sở Tài chính"), SpanCell("Công an tỉnh"),
            SpanCell("Quý III/2026")]


def test_issue_6_group_rows_merged_across_the_whole_row(tmp_path: Path) -> None:
    rows = [HEADER, [SpanCell("I. HOÀN THIỆN THỂ CHẾ", colspan=5)], task(1, "Ban hành quy chế"),
            task(2, "Rà soát văn bản"), [SpanCell("II. PHÁT TRIỂN HẠ TẦNG", colspan=5)], task(1, "Nâng cấp mạng")]
    result = extract_file(write(rows, tmp_path / "groups.docx"))
    assert [(t.key, t.group.title if t.group else None, t.title) for t in result.tasks] == [
        ("I.1", "HOÀN THIỆN THỂ CHẾ", "Ban hành quy chế"), ("I.2", "HOÀN THIỆN THỂ CHẾ", "Rà soát văn bản"),
        ("II.1", "PHÁT TRIỂN HẠ TẦNG", "Nâng cấp mạng")]


def test_lead_merged_over_rows_applies_to_each(tmp_path: Path) -> None:
    rows = [HEADER,
            [SpanCell("1"), SpanCell("Nhiệm vụ một"), SpanCell("Sở Tư pháp", rowspan=2), SpanCell("Sở A"),
             SpanCell("Năm 2026")],
            [SpanCell("2"), SpanCell("Nhiệm vụ hai"), SpanCell("Sở B"), SpanCell("Năm 2027")]]
    result = extract_file(write(rows, tmp_path / "merged.docx"))
    assert [[m.mention for m in t.lead] for t in result.tasks] == [["Sở Tư pháp"], ["Sở Tư pháp"]]
    assert [t.source.page for t in result.tasks] == [None, None]  # no page marks in the file


def test_a_short_word_row_is_laid_out_like_a_short_row_elsewhere(tmp_path: Path) -> None:
    from docx_xml import p, tbl, tc, tr, write_docx

    header = tr(tc("TT"), tc("Đơn vị chủ trì"), tc("Nhiệm vụ"), tc("Đơn vị phối hợp"), tc("Thời gian thực hiện"))
    task_row = tr(tc("1"), tc("Sở Tài chính"), tc("Ban hành quy chế quản lý dữ liệu"), tc("Công an tỉnh"),
                  tc("Quý II/2026"))
    body = p(LEAD) + tbl(header, tr(tc("I"), tc("Hoàn thiện thể chế")), task_row, columns=5)
    result = extract_file(write_docx(tmp_path / "short.docx", body))
    assert [(t.key, t.group.title if t.group else None) for t in result.tasks] == [("I.1", "Hoàn thiện thể chế")]
