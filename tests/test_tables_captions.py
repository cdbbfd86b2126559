"""Task tables of saved legal pages (cell-per-line Markdown) whose captions and headings sit in the
table's own cells: a numbered caption run into the last row of the table above together with the
next table's header, and group headings padded with empty bold cells."""

from __future__ import annotations

from extract import extract_text
from schemas.records import Task


def _cells(*rows: list[str], run_on: list[str] | None = None) -> list[str]:
    """Cell-per-line lines of ``rows``; ``run_on`` cells continue the last row (a caption and a
    header a converter ran into it)."""
    lines: list[str] = []
    for at, row in enumerate(rows):
        lines.append("|")
        for cell in row:
            lines += [cell, "|"]
        if at == len(rows) - 1 and run_on:
            for cell in run_on:
                lines += [cell, "|"]
    return lines


def _tasks(lines: list[str]) -> list[Task]:
    return extract_text("# Phụ lục\n\n" + "\n".join(lines) + "\n", source="t.md", fmt="markdown").tasks


HEADER = ["**STT**", "**Nhiệm vụ**", "**Cơ quan chủ trì**", "**Thời hạn**"]
LETTERHEAD = ("Văn phòng Chính phủ trân trọng thông báo để các cơ quan biết, chỉ đạo tổ chức thực hiện "
              "các nhiệm vụ nêu tại Phụ lục kèm theo.\n**PHỤ LỤC I**\n**1. Các nhiệm vụ về dữ liệu\nquá hạn chưa hoàn thành**")


def test_numbered_captions_run_into_rows_group_and_key_the_tables_under_them() -> None:
    """Each caption ("1. …", "2. …") heads the table under it and its rows restart at 1: the
    caption is the group and its number heads the keys; the row the next caption and header
    were run into is still a task, and the tables keep their width (an empty cell stays a cell)."""
    lines = _cells(
        [LETTERHEAD, *HEADER],
        ["1.", "Xây dựng CSDL đất đai", "Bộ Nông nghiệp và Môi trường", "30/09/2025"],
        ["2.", "Ban hành chiến lược dữ liệu", "Các bộ, ngành", "30/06/2025"],
        run_on=["**2. Các nhiệm vụ về chuyển đổi số quá hạn chưa hoàn thành**", *HEADER],
    ) + _cells(
        ["1.", "Kết nối CSDL hộ tịch", "Bộ Tư pháp", "31/10/2025"],
        ["2.", "Số hóa hồ sơ thủ tục hành chính"],
    ) + ["|", "30/09/2025", "|", "|", "3.", "|", "Tích hợp dịch vụ công", "|", "Các địa phương", "|", "15/10/2025", "|", ""]
    tasks = _tasks(lines)
    assert [(t.key, t.group.title if t.group else None, t.title, [m.mention for m in t.lead]) for t in tasks] == [
        ("1.1", "Các nhiệm vụ về dữ liệu quá hạn chưa hoàn thành", "Xây dựng CSDL đất đai", ["Bộ Nông nghiệp và Môi trường"]),
        ("1.2", "Các nhiệm vụ về dữ liệu quá hạn chưa hoàn thành", "Ban hành chiến lược dữ liệu", ["Các bộ, ngành"]),
        ("2.1", "Các nhiệm vụ về chuyển đổi số quá hạn chưa hoàn thành", "Kết nối CSDL hộ tịch", ["Bộ Tư pháp"]),
        ("2.2", "Các nhiệm vụ về chuyển đổi số quá hạn chưa hoàn thành", "Số hóa hồ sơ thủ tục hành chính", []),
        ("2.3", "Các nhiệm vụ về chuyển đổi số quá hạn chưa hoàn thành", "Tích hợp dịch vụ công", ["Các địa phương"]),
    ]
    assert tasks[3].timeframe is not None and tasks[3].timeframe.text == "30/09/2025"


def test_a_heading_padded_with_empty_bold_cells_is_a_group_whatever_its_words() -> None:
    """A row with only its task-column cell filled, every other cell given and empty ("** **"),
    above a numbered row, is a group heading; numbering runs on across such groups."""
    header = ["**STT**", "**Tên nhiệm vụ**", "**Đơn vị chủ trì**", "**Thời hạn**", "**Tiến độ**"]
    lines = _cells(
        header,
        ["** **", "**Nhiệm vụ giao Bộ trưởng Bộ Y tế chỉ đạo**", "** **", "** **", "** **"],
        ["1", "Xây dựng CSDL y tế", "Bộ Y tế", "31/12/2025", "Đang thực hiện"],
        ["** **", "**Tập đoàn Điện lực Việt Nam (EVN)**", "** **", "** **", "** **"],
        ["2", "Cấp điện cho các thôn chưa có điện", "EVN", "30/11/2025", "Chưa hoàn thành"],
    ) + [""]
    tasks = _tasks(lines)
    assert [(t.key, t.group.title if t.group else None, t.title) for t in tasks] == [
        ("1", "Nhiệm vụ giao Bộ trưởng Bộ Y tế chỉ đạo", "Xây dựng CSDL y tế"),
        ("2", "Tập đoàn Điện lực Việt Nam (EVN)", "Cấp điện cho các thôn chưa có điện"),
    ]


def test_italic_markers_wrapped_over_lines_leave_a_cell() -> None:
    """``*…*`` emphasis that a converter wrapped over two lines is markup, not text."""
    header = ["**TT**", "**Nhiệm vụ**", "**Cơ quan chủ trì**", "**Thời gian**"]
    lines = _cells(
        header,
        ["**I**", "**Phát triển nền tảng số**", "", ""],
        ["*I.1*", "*Nhóm các nền tảng giải quyết thủ tục hành chính và tương tác với\nngười dân, doanh nghiệp*", "", ""],
        ["1", "Triển khai Cổng Dịch vụ công *(tại Trung tâm\nDữ liệu quốc gia)*", "Bộ Công an", "Tháng 02/2026"],
    ) + [""]
    (task,) = _tasks(lines)
    assert task.group is not None
    assert task.group.title == "Nhóm các nền tảng giải quyết thủ tục hành chính và tương tác với người dân, doanh nghiệp"
    assert task.title == "Triển khai Cổng Dịch vụ công (tại Trung tâm Dữ liệu quốc gia)"


def test_a_footnote_under_the_table_is_not_a_sub_row() -> None:
    """The text of a footnote mark ("[1] Tuyên Quang, …") after the last row is no task, even
    when its row is short and would take that row's number and lead."""
    header = ["**STT**", "**Tên nhiệm vụ**", "**Đơn vị chủ trì**", "**Thời hạn**"]
    lines = _cells(
        header,
        ["43", "11 địa phương [1] thành lập Ban Chỉ đạo", "Ủy ban nhân dân các tỉnh, thành phố", "31/10/2025"],
        ["** **\n[1] Tuyên Quang, Cao Bằng, Sơn La", "Văn bản này chưa cập nhật nội dung Tiếng Anh"],
    ) + [""]
    assert [t.key for t in _tasks(lines)] == ["43"]
