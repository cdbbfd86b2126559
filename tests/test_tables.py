"""Task tables in the shapes real plans come in, through the real loaders and the one interpretation stage."""

from __future__ import annotations

import pytest

from extract import extract_text
from schemas.records import Task

HEADER = "| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |\n|---|---|---|---|---|\n"


def _tasks(text: str, fmt: str = "markdown") -> list[Task]:
    return extract_text(text, source=f"t.{'html' if fmt == 'html' else 'md'}", fmt=fmt).tasks


def _brief(task: Task) -> tuple[str, str, list[str], list[str], str | None]:
    return (
        task.key,
        task.title,
        [m.mention for m in task.lead],
        [m.mention for m in task.cooperating],
        task.timeframe.end.isoformat() if task.timeframe and task.timeframe.end else None,
    )


def test_issue_6_padded_pipe_row_is_read_by_meaning() -> None:
    tasks = _tasks("# Phụ lục\n\n" + HEADER + "| 1 | Xây dựng CSDL | Sở Y tế | Sở TT&TT | Quý II/2025 |\n")
    assert [_brief(t) for t in tasks] == [("1", "Xây dựng CSDL", ["Sở Y tế"], ["Sở TT&TT"], "2025-06-30")]


def test_pipe_table_without_outer_pipes_with_escaped_pipe_and_br() -> None:
    text = (
        "TT | Nhiệm vụ | Chủ trì | Thời hạn\n---|---|---|---\n"
        "1 | Số hóa hồ sơ \\| dữ liệu<br>đất đai | Sở Nông nghiệp và Môi trường | 2026\n"
    )
    (task,) = _tasks(text)
    assert task.title == "Số hóa hồ sơ | dữ liệu đất đai"
    assert [m.mention for m in task.lead] == ["Sở Nông nghiệp và Môi trường"]


def test_columns_in_another_order_and_no_number_column() -> None:
    text = (
        "| Thời hạn hoàn thành | Cơ quan phối hợp | Nội dung công việc | Cơ quan chủ trì |\n|---|---|---|---|\n"
        "| 2026 | Sở Tài chính | Lập quy hoạch | Sở Xây dựng |\n"
        "| Quý I/2027 | Sở Nội vụ | Đào tạo cán bộ | Sở Y tế |\n"
    )
    assert [_brief(t) for t in _tasks(text)] == [
        ("1", "Lập quy hoạch", ["Sở Xây dựng"], ["Sở Tài chính"], "2026-12-31"),
        ("2", "Đào tạo cán bộ", ["Sở Y tế"], ["Sở Nội vụ"], "2027-03-31"),
    ]


def test_html_two_header_rows_groups_numbering_row_and_merged_lead() -> None:
    html = """<table>
    <tr><th rowspan="2">STT</th><th rowspan="2">Nhiệm vụ</th><th colspan="2">Đơn vị thực hiện</th><th rowspan="2">Thời gian</th></tr>
    <tr><th>Chủ trì</th><th>Phối hợp</th></tr>
    <tr><td>(1)</td><td>(2)</td><td>(3)</td><td>(4)</td><td>(5)</td></tr>
    <tr><td>I</td><td colspan="4">Hạ tầng số</td></tr>
    <tr><td>1</td><td>Phủ sóng 5G</td><td rowspan="2">Sở Khoa học và Công nghệ</td><td>Viettel</td><td>2026</td></tr>
    <tr><td>2</td><td>Cáp quang thôn bản</td><td>VNPT</td><td>2027</td></tr>
    <tr><td>II</td><td colspan="4">Dữ liệu số</td></tr>
    <tr><td>1</td><td>Kho dữ liệu dùng chung</td><td>Sở Tài chính</td><td></td><td>Thường xuyên</td></tr>
    </table>"""
    tasks = _tasks(html, "html")
    assert [_brief(t) for t in tasks] == [
        ("I.1", "Phủ sóng 5G", ["Sở Khoa học và Công nghệ"], ["Viettel"], "2026-12-31"),
        ("I.2", "Cáp quang thôn bản", ["Sở Khoa học và Công nghệ"], ["VNPT"], "2027-12-31"),
        ("II.1", "Kho dữ liệu dùng chung", ["Sở Tài chính"], [], None),
    ]
    assert tasks[0].group is not None and tasks[0].group.title == "Hạ tầng số"
    assert tasks[2].timeframe is not None and tasks[2].timeframe.recurrence == "continuous"


@pytest.mark.parametrize("numbers", [
    ("1", "2", "3", "4", "5", "6=4+5"), ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)=(4)+(5)"),
    ("A", "B", "1", "2", "3", "4 = 2 x 3"), ("1", "2", "3", "4", "5", "6=4×5"),
])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_column_numbering_row_with_a_computed_column_is_no_task(numbers: tuple[str, ...], fmt: str) -> None:
    """'1 | 2 | … | 6=4+5' under a header numbers the columns, a computed one with its formula."""
    header = ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian", "Ngân sách tỉnh", "Tổng kinh phí")
    rows = [header, numbers, ("1", "Xây dựng kho dữ liệu", "Sở Tài chính", "2026", "100", "100"),
            ("2", "Đào tạo kỹ năng số", "Sở Nội vụ", "2027", "50", "50")]
    if fmt == "markdown":
        text = "\n".join("| " + " | ".join(r) + " |" for r in [rows[0], ("---",) * 6, *rows[1:]]) + "\n"
    else:
        text = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    assert [(t.key, t.title) for t in _tasks(text, fmt)] == [("1", "Xây dựng kho dữ liệu"), ("2", "Đào tạo kỹ năng số")]


CELL_PER_LINE = """**PHỤ LỤC**

|
**TT**
|
**Nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian hoàn thành**
|
**Kết quả**
|
|
**I**
|
**Hoàn thiện
thể chế**
|
|
1
|
Rà soát quy định
về dữ liệu
|
Sở Tài chính
|
Các sở, ngành
|
Quý IV/2025
|
Báo cáo
|
|
Xây dựng hạ tầng dự phòng
|
Trung tâm Chuyển đổi số
|
|
2
|
Tập huấn cán bộ
|
Sở Nội vụ
|
Sở Tài chính
|
Hằng năm.
|
|
|
|
"""


def test_group_and_content_header_is_the_task_column_under_a_two_row_header_with_sub_columns() -> None:
    # One header names both a task group and the main content; no other column names the task.
    # The budget header spans three sub-columns in a second header row that names no concept, and
    # one outputs cell spans two tasks.
    html = """<table>
    <tr><th rowspan="2">TT</th><th rowspan="2">Nhóm nhiệm vụ và nội dung chính</th><th rowspan="2">Đơn vị chủ trì</th>
    <th rowspan="2">Mục tiêu, quy mô</th><th rowspan="2">Thời gian thực hiện</th><th colspan="3">Vốn (dự kiến)</th></tr>
    <tr><th>Nguồn A</th><th>Nguồn B</th><th>Nguồn C</th></tr>
    <tr><td>I</td><td colspan="7">Hạ tầng số</td></tr>
    <tr><td>1</td><td>Xây dựng kho dữ liệu dùng chung</td><td>Sở Tài chính</td><td rowspan="2">Kết nối toàn bộ các xã</td><td>2025-2027</td><td>1,0</td><td></td><td></td></tr>
    <tr><td>2</td><td>Lắp đặt camera giao thông</td><td>Công an tỉnh</td><td>2026</td><td></td><td>2,0</td><td></td></tr>
    </table>"""
    tasks = _tasks(html, "html")
    assert [(t.key, t.title, [m.mention for m in t.lead], t.outputs) for t in tasks] == [
        ("I.1", "Xây dựng kho dữ liệu dùng chung", ["Sở Tài chính"], "Kết nối toàn bộ các xã"),
        ("I.2", "Lắp đặt camera giao thông", ["Công an tỉnh"], "Kết nối toàn bộ các xã"),
    ]


def test_cell_per_line_table_with_group_sub_row_and_empty_cells() -> None:
    tasks = _tasks(CELL_PER_LINE)
    assert [(t.key, t.title, [m.mention for m in t.lead], t.outputs) for t in tasks] == [
        ("I.1", "Rà soát quy định về dữ liệu", ["Sở Tài chính"], "Báo cáo"),
        ("I.1-2", "Xây dựng hạ tầng dự phòng", ["Trung tâm Chuyển đổi số"], "Báo cáo"),
        ("I.2", "Tập huấn cán bộ", ["Sở Nội vụ"], None),
    ]
    assert tasks[1].timeframe is not None and tasks[1].timeframe.end is not None  # merged from I.1
    assert tasks[2].timeframe is not None and tasks[2].timeframe.recurrence == "yearly"


def test_letters_romans_and_dotted_numbers_make_the_key_and_restart_per_group() -> None:
    text = "# Phụ lục\n\n" + HEADER + "".join(
        f"| {n} | {t} | {lead} | | {'2026' if lead else ''} |\n"
        for n, t, lead in [
            ("A", "PHẦN MỘT", ""), ("I", "Thể chế", ""), ("1.1", "Rà soát văn bản", "Sở Tư pháp"),
            ("5.1", "Thương mại", ""), ("5.1.1", "Sàn thương mại điện tử", "Sở Công Thương"),
            ("B", "PHẦN HAI", ""), ("I", "Hạ tầng", ""), ("1.1", "Trạm 5G", "Sở Khoa học và Công nghệ"),
            ("G", "BỘ GIÁO DỤC", ""), ("H", "BỘ Y TẾ", ""), ("I.", "BỘ CÔNG AN", ""), ("1", "Tuần tra", "Công an tỉnh"),
        ]
    )
    keys = [t.key for t in _tasks(text)]
    assert keys == ["A.I.1.1", "A.I.5.1.1", "B.I.1.1", "I.1"]


def test_table_cut_by_page_breaks_is_stitched_and_a_repeated_rendering_dropped() -> None:
    piece = "<table><tr><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời gian</th></tr>{}</table>"
    first = piece.format("<tr><td>1</td><td>Khảo sát hiện trạng</td><td>Sở Xây dựng</td><td>2026</td></tr><tr><td>2</td><td>Lập đề án chuyển</td><td>Sở Nội vụ</td><td>2027</td></tr>")
    second = ("<table><tr><th>Col1</th><th>Col2</th><th>Col3</th><th>Col4</th></tr>"
              "<tr><td></td><td>đổi số</td><td></td><td></td></tr>"
              "<tr><td>3</td><td>Đánh giá kết quả</td><td>Sở Tài chính</td><td>2028</td></tr></table>")
    copy = "| 1 | Khảo sát hiện trạng | Sở Xây dựng | 2026 |\n|---|---|---|---|\n| 2 | Lập đề án chuyển đổi số | Sở Nội vụ | 2027 |\n| 3 | Đánh giá kết quả | Sở Tài chính | 2028 |\n"
    result = extract_text("# Phụ lục\n\n" + first + "\n" + second + "\n\n" + copy, source="t.md")
    assert [(t.key, t.title) for t in result.tasks] == [
        ("1", "Khảo sát hiện trạng"), ("2", "Lập đề án chuyển đổi số"), ("3", "Đánh giá kết quả"),
    ]
    assert "continued" in result.tasks[1].flags
    assert any("another rendering of the same table" in w for w in result.warnings)


def test_responsible_person_column_is_kept_apart_from_the_lead() -> None:
    text = (
        "| STT | Tên nhiệm vụ | Người đứng đầu chịu trách nhiệm | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |\n"
        "|---|---|---|---|---|---|\n| 1 | Số hóa di sản | Cục trưởng Cục Di sản | Cục Di sản văn hóa | Văn phòng Bộ | Tháng 12/2025 |\n"
    )
    (task,) = _tasks(text)
    assert [m.mention for m in task.lead] == ["Cục Di sản văn hóa"]


def test_issue_6_english_task_table_gives_tasks() -> None:
    text = (
        "# Annex: action plan\n\n| No. | Task | Lead agency | Coordinating agencies | Timeline |\n|---|---|---|---|---|\n"
        "| 1 | Build the provincial data centre | Department of Science and Technology | Department of Finance | Q2 2026 |\n"
        "| 2 | Train officials in digital skills | Department of Home Affairs | | 2026-2027 |\n"
    )
    assert [_brief(t) for t in _tasks(text)] == [
        ("1", "Build the provincial data centre", ["Department of Science and Technology"], ["Department of Finance"], "2026-06-30"),
        ("2", "Train officials in digital skills", ["Department of Home Affairs"], [], "2027-12-31"),
    ]


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        ("| TT | Chỉ tiêu | Đơn vị | Kết quả |\n|---|---|---|---|\n| 1 | Tỷ lệ hộ có cáp quang | % | 80 |\n", "no task column"),
        ("| TT | Nhiệm vụ | Kết quả |\n|---|---|---|\n| 1 | Xây dựng CSDL | Báo cáo |\n", "no lead or timeframe column"),
    ],
)
def test_issue_6_a_table_with_no_tasks_says_which_table_and_why(table: str, reason: str) -> None:
    result = extract_text("# Kế hoạch\n\nỦy ban nhân dân tỉnh ban hành kế hoạch.\n\n" + table, source="t.md")
    assert result.tasks == []
    warning = next(w for w in result.warnings if w.startswith("no tasks found"))
    assert "table 1" in warning and reason in warning


def test_an_agency_cell_deferring_to_another_document_names_no_agency() -> None:
    """'Theo phân công tại Quyết định số …' in the lead and cooperating cells: no agency, the
    text kept in the task's notes; a plain cell beside it still gives its agencies."""
    text = (
        "| TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |\n|---|---|---|---|---|\n"
        "| 1 | Triển khai Quyết định số 1441/QĐ-UBND | Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 "
        "| Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 | Năm 2026 |\n"
        "| 2 | Rà soát thủ tục hành chính | Sở Tư pháp | Sở Nội vụ, Doanh nghiệp, nhà đầu tư | Năm 2026 |\n"
    )
    first, second = extract_text(text, source="x.md").tasks
    assert first.lead == [] and first.cooperating == []
    assert first.notes == "Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025"
    assert [m.mention for m in second.lead] == ["Sở Tư pháp"]
    assert [m.mention for m in second.cooperating] == ["Sở Nội vụ", "Doanh nghiệp", "nhà đầu tư"]


# A saved page that shows part of a long table: the hidden rows become one "…......" cell, which
# the converter wrote inside the row above together with the next visible row (no row break).
ELIDED_CELLS = "\n".join([
    "|", "TT", "|", "Nội dung", "|", "Cơ quan chủ trì", "|", "Cơ quan phối hợp", "|", "Thời gian", "|",
    "|", "**I**", "|", "**KIỆN TOÀN BỘ MÁY**", "|",
    "|", "1", "|", "Tổ chức lại Ban Chỉ huy", "|", "Sở Nội vụ", "|", "Các sở, ngành", "|", "2025", "|",
    "|", "2", "|", "Ban hành quy chế", "|", "Sở Tư pháp", "|", "Các sở, ngành", "|", "2026",
    "|", "….................", "|", "4", "|", "Lập Quỹ", "|", "Sở Tài chính", "|", "Cơ quan liên quan", "|", "2025", "|",
    "|", "5", "|", "Duy trì Tổng đài 112", "|", "Công an tỉnh", "|", "Cơ quan liên quan", "|", "2025", "|",
    "|", "**III**", "|", "**DIỄN TẬP**", "|",
    "|", "1", "|", "Diễn tập các cấp", "|", "Bộ Chỉ huy Quân sự tỉnh", "|", "Cơ quan liên quan", "|", "2027", "|",
    "",
])


def test_cell_per_line_elision_ends_the_row_and_the_rows_after_it_have_no_group() -> None:
    tasks = _tasks("# Phụ lục\n\n" + ELIDED_CELLS)
    assert [(t.key, t.group.number if t.group else None, t.title, [m.mention for m in t.lead]) for t in tasks] == [
        ("I.1", "I", "Tổ chức lại Ban Chỉ huy", ["Sở Nội vụ"]),
        ("I.2", "I", "Ban hành quy chế", ["Sở Tư pháp"]),
        ("4", None, "Lập Quỹ", ["Sở Tài chính"]),
        ("5", None, "Duy trì Tổng đài 112", ["Công an tỉnh"]),
        ("III.1", "III", "Diễn tập các cấp", ["Bộ Chỉ huy Quân sự tỉnh"]),
    ]


def test_html_elision_row_leaves_the_group_above_it() -> None:
    html = (
        "<table><tr><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời gian</th></tr>"
        "<tr><td>I</td><td colspan='3'>Thể chế</td></tr>"
        "<tr><td>1</td><td>Ban hành quy chế</td><td>Sở Tư pháp</td><td>2025</td></tr>"
        "<tr><td colspan='4'>......</td></tr>"
        "<tr><td>7</td><td>Lập Quỹ</td><td>Sở Tài chính</td><td>2026</td></tr></table>"
    )
    tasks = _tasks(html, "html")
    assert [(t.key, t.group.number if t.group else None) for t in tasks] == [("I.1", "I"), ("7", None)]


def test_dotted_roman_sub_groups_are_groups_and_head_the_keys() -> None:
    """Sub-groups numbered under their group ("III.1", "III.1.1") are group rows, and the tasks
    under them are keyed from the innermost one; numbering may run on across sub-groups."""
    text = "# Phụ lục\n\n" + HEADER + "".join(
        f"| {a} | {b} | {c} | {d} | {e} |\n"
        for a, b, c, d, e in [
            ("**III**", "**Phát triển nền tảng số**", "", "", ""),
            ("**III.1**", "**Nền tảng quy mô quốc gia**", "", "", ""),
            ("*III.1.1*", "*Nền tảng giải quyết thủ tục hành chính*", "", "", ""),
            ("1", "Triển khai Cổng Dịch vụ công quốc gia", "Bộ Công an", "Các bộ, ngành", "Tháng 02/2026"),
            ("*III.1.2*", "*Nền tảng phục vụ quản lý*", "", "", ""),
            ("2", "Xây dựng Hệ thống Từ điển dữ liệu", "Bộ Công an", "Các bộ, ngành", "Tháng 12/2026"),
            ("**III.2**", "**Nền tảng cấp bộ, tỉnh**", "", "", ""),
            ("3", "Phát triển Kho dữ liệu dùng chung", "Các bộ, ngành, địa phương", "Bộ Công an", "2026"),
            ("**IV**", "**Phát triển hạ tầng**", "", "", ""),
            ("1", "Xây dựng Trung tâm Dữ liệu quốc gia", "Bộ Công an", "Bộ Tài chính", "2027"),
        ]
    )
    tasks = _tasks(text)
    assert [(t.key, t.group.number if t.group else None) for t in tasks] == [
        ("III.1.1.1", "III.1.1"), ("III.1.2.2", "III.1.2"), ("III.2.3", "III.2"), ("IV.1", "IV"),
    ]


def test_cell_per_line_template_blanks_stay_cells_of_their_row() -> None:
    """Dots that stand for a blank to fill in (a template) are cells, not rows left out."""
    template = "\n".join([
        "|", "TT", "|", "Nhiệm vụ", "|", "Đơn vị chủ trì", "|", "Thời gian", "|",
        "|", "1", "|", "Báo cáo kết quả", "|", "……………", "|", "……………", "|",
        "|", "2", "|", "Tổng kết", "|", "Sở Nội vụ", "|", "2026", "|",
        "",
    ])
    tasks = _tasks("# Phụ lục\n\n" + template)
    assert [(t.key, t.title, t.group) for t in tasks] == [("1", "Báo cáo kết quả", None), ("2", "Tổng kết", None)]


def test_a_numbered_table_with_a_lead_column_reads_its_first_unnamed_column_as_the_task() -> None:
    """A Government resolution lists the legal documents to amend: the header names only the
    number and the lead column; the wordy article columns in between name nothing."""
    text = (
        "| STT | Các văn bản cần sửa đổi, bổ sung | Điều, khoản, điểm cần sửa đổi, bổ sung, bãi bỏ để phân quyền "
        "thẩm quyền giải quyết thủ tục hành chính cho chính quyền địa phương | Điều, khoản, điểm cần sửa đổi "
        "để cắt giảm điều kiện kinh doanh | Cơ quan chủ trì soạn thảo |\n|---|---|---|---|---|\n"
        "| I | LUẬT | | | |\n"
        "| 1 | Luật Thủy sản số 18/2017/QH14 | | Điều 33 | Bộ Nông nghiệp và Môi trường |\n"
        "| II | NGHỊ ĐỊNH | | | |\n"
        "| 1. | Nghị định số 41/2026/NĐ-CP | Điều 12 | Điều 11 | Bộ Nông nghiệp và Môi trường |\n"
    )
    tasks = _tasks(text)
    assert [_brief(t) for t in tasks] == [
        ("I.1", "Luật Thủy sản số 18/2017/QH14", ["Bộ Nông nghiệp và Môi trường"], [], None),
        ("II.1", "Nghị định số 41/2026/NĐ-CP", ["Bộ Nông nghiệp và Môi trường"], [], None),
    ]
    assert [t.group.title if t.group else None for t in tasks] == ["LUẬT", "NGHỊ ĐỊNH"]


def test_rows_a_page_break_cut_inside_one_converted_table_rejoin_their_task() -> None:
    text = "# Phụ lục\n\n" + HEADER + (
        "| **I.** | Hạ tầng số |  |  |  |\n"
        "| 1. | Triển khai các nền tảng: (1) định danh; (2) địa chỉ số; | Sở Tài chính, Sở Xây dựng |  | 2025 |\n"
        "|  | (3) bản đồ số. |  | dựng |  |\n"
        "| 2. | Xây dựng công cụ đánh giá, công bố kết quả | Sở Nội vụ |  | 2026 |\n"
        "|  | trực tuyến hằng quý. |  |  |  |\n"
        "| **II.** | Dữ liệu số |  |  | hằng năm |\n"
        "| 3. | Cập nhật dữ liệu dân cư | Công an tỉnh |  | Quý II/2025 |\n"
    )
    tasks = _tasks(text)
    assert [_brief(t) for t in tasks] == [
        ("I.1", "Triển khai các nền tảng: (1) định danh; (2) địa chỉ số; (3) bản đồ số.", ["Sở Tài chính", "Sở Xây dựng"], [],
         "2025-12-31"),
        ("I.2", "Xây dựng công cụ đánh giá, công bố kết quả trực tuyến hằng quý.", ["Sở Nội vụ"], [], "2026-12-31"),
        ("II.3", "Cập nhật dữ liệu dân cư", ["Công an tỉnh"], [], "2025-06-30"),
    ]
    assert tasks[2].group is not None and tasks[2].group.title == "Dữ liệu số"


def test_an_unnumbered_row_with_its_own_lead_stays_a_sub_row() -> None:
    text = "# Phụ lục\n\n" + HEADER + (
        "| 1. | Rà soát quy hoạch; | Sở Xây dựng |  | 2025 |\n"
        "|  | cập nhật bản đồ | Sở Nông nghiệp và Môi trường |  | 2026 |\n"
    )
    assert [t.key for t in _tasks(text)] == ["1", "1-2"]


def test_a_column_naming_both_roles_gives_the_first_agency_the_lead() -> None:
    """'Đơn vị chủ trì/phối hợp' (one column for both roles): the lead is listed first, its
    partners after it; a cell that labels the roles itself is left to its labels."""
    text = (
        "# Phụ lục\n\n| TT | Nội dung công việc | Thời gian thực hiện | Đơn vị chủ trì/phối hợp |\n|---|---|---|---|\n"
        "| 1 | Ban hành kế hoạch | Trước ngày 27/6/2026 | Phòng Đào tạo; Trung tâm Quản lý chất lượng |\n"
        "| 2 | Trình báo cáo | Trước ngày 15/7/2026 | Trung tâm Quản lý chất lượng |\n"
        "| 3 | Tổng hợp dữ liệu | 10/7/2026 - 13/7/2026 | Chủ trì: Phòng Đào tạo; phối hợp: các khoa |\n"
    )
    briefs = [_brief(t) for t in _tasks(text)]
    assert briefs[:2] == [
        ("1", "Ban hành kế hoạch", ["Phòng Đào tạo"], ["Trung tâm Quản lý chất lượng"], "2026-06-27"),
        ("2", "Trình báo cáo", ["Trung tâm Quản lý chất lượng"], [], "2026-07-15"),
    ]
    assert briefs[2][3] == [] and briefs[2][4] == "2026-07-13"


def test_separate_lead_and_cooperating_columns_keep_every_lead() -> None:
    (task,) = _tasks("# Phụ lục\n\n" + HEADER + "| 1 | Xây dựng CSDL | Sở Y tế; Sở Tài chính | Sở Nội vụ | 2026 |\n")
    assert _brief(task)[2:4] == (["Sở Y tế", "Sở Tài chính"], ["Sở Nội vụ"])


@pytest.mark.parametrize("mark", ["Như trên", "Như trên.", "-nt-", "nt", "(như trên)"])
def test_a_cell_that_says_as_above_repeats_the_cell_of_the_task_above(mark: str) -> None:
    text = (
        "| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n"
        "| 1 | Ban hành kế hoạch xử lý ô nhiễm | Sở Nông nghiệp và Môi trường | Sở Tài chính | Quý II/2026 |\n"
        f"| 2 | Xây dựng kế hoạch phục hồi môi trường | {mark} | {mark} | {mark} |\n"
        f"| 3 | Công bố sự cố môi trường | UBND cấp xã | | {mark} |\n"
    )
    assert [_brief(t) for t in _tasks(text)] == [
        ("1", "Ban hành kế hoạch xử lý ô nhiễm", ["Sở Nông nghiệp và Môi trường"], ["Sở Tài chính"], "2026-06-30"),
        ("2", "Xây dựng kế hoạch phục hồi môi trường", ["Sở Nông nghiệp và Môi trường"], ["Sở Tài chính"], "2026-06-30"),
        ("3", "Công bố sự cố môi trường", ["UBND cấp xã"], [], "2026-06-30"),
    ]
