"""Tables shaped like task tables that hold no tasks: a numbered list with no role column, catalogues
of procedures, lists of people, target tables watched by an agency."""

from __future__ import annotations

import pytest

from extract import extract_text
from schemas.records import Task


def _tasks(text: str, fmt: str = "markdown") -> list[Task]:
    return extract_text(text, source=f"t.{'html' if fmt == 'html' else 'md'}", fmt=fmt).tasks


def test_a_numbered_table_without_a_lead_column_stays_no_task_table() -> None:
    """A list of procedures (time limits, places, fees) names no lead: it gives no task."""
    text = (
        "| TT | Tên thủ tục hành chính | Thời hạn giải quyết | Địa điểm thực hiện | Phí, lệ phí |\n|---|---|---|---|---|\n"
        "| 1 | Thủ tục chứng nhận chuẩn đo lường | 10 ngày | Chi nhánh Trung tâm Phục vụ hành chính công số 1 | Không |\n"
    )
    assert _tasks(text) == []


@pytest.mark.parametrize("header", ["Tên thủ tục hành chính", "Tên thủ tục", "Thủ tục hành chính", "Tên TTHC"])
@pytest.mark.parametrize("lead", ["Cơ quan thực hiện", "Cơ quan chủ trì"])
def test_a_catalogue_of_procedures_with_an_agency_column_gives_no_task(header: str, lead: str) -> None:
    """A decision publishing procedures lists them with the agency that handles each: its rows are
    procedures, not tasks, whatever the agency column is called."""
    text = (
        f"| STT | {header} | Lĩnh vực | {lead} |\n|---|---|---|---|\n"
        "| | **A. Thủ tục hành chính cấp tỉnh** | | |\n"
        "| 1. | Thủ tục cấp giấy phép hoạt động | Y tế | Sở Y tế |\n"
        "| 2. | Thủ tục đăng ký kinh doanh | Kế hoạch, đầu tư | Sở Tài chính |\n"
    )
    assert _tasks(text) == []


@pytest.mark.parametrize(("named", "cells"), [
    ("Thời hạn giải quyết", ("Trong thời hạn 15 (mười lăm) ngày kể từ ngày nhận đủ hồ sơ hợp lệ", "Không quy định")),
    ("Phí, lệ phí", ("500.000 đồng/hồ sơ", "Không")),
    ("Mã TTHC", ("1.012507.H05", "1.012509.H05")),
])
@pytest.mark.parametrize("title", ["Nội dung", "Nội dung sửa đổi, bổ sung"])
def test_a_catalogue_named_by_its_procedure_columns_gives_no_task(named: str, cells: tuple[str, str], title: str) -> None:
    """A catalogue whose procedure-name column the converter cut off the header (or that calls it
    "Nội dung") still names columns only a procedure has: its time limit, fee or code."""
    text = (
        f"| STT | {title} | Cơ quan thực hiện | {named} | Thời gian |\n|---|---|---|---|---|\n"
        f"| 1 | Cấp chứng chỉ nghiệp vụ chuyên môn về đấu thầu | Sở Tài chính | {cells[0]} | Trong giờ hành chính các ngày làm việc trong tuần |\n"
        f"| 2 | Gia hạn chứng chỉ nghiệp vụ chuyên môn | Sở Tài chính | {cells[1]} | Trong giờ hành chính các ngày làm việc trong tuần |\n"
    )
    assert _tasks(text) == []


def test_a_plan_to_simplify_procedures_with_dated_deadlines_keeps_its_tasks() -> None:
    """The same task column over dated deadlines is a plan's work on those procedures."""
    text = (
        "| STT | Tên thủ tục hành chính | Cơ quan chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
        "| 1 | Thủ tục cấp giấy phép hoạt động | Sở Y tế | Quý II/2026 |\n"
        "| 2 | Thủ tục đăng ký kinh doanh | Sở Tài chính | Tháng 12/2026 |\n"
    )
    assert [t.title for t in _tasks(text)] == ["Thủ tục cấp giấy phép hoạt động", "Thủ tục đăng ký kinh doanh"]


@pytest.mark.parametrize("name", ["Họ và tên", "- Họ và tên;\n- Giới tính:", "Họ tên, chức vụ", "Họ, tên người được đề nghị"])
@pytest.mark.parametrize("lead", ["Đơn vị thực hiện chế độ", "Cơ quan thực hiện", "Đơn vị chủ trì"])
@pytest.mark.parametrize("render", ["pipe", "html"])
def test_a_numbered_list_of_people_with_an_agency_column_gives_no_task(name: str, lead: str, render: str) -> None:
    """A list of people (veterans, experts, nominees) with the agency that pays or manages each
    names no task column; the names after the number column do not stand in for one."""
    header = ["STT", name, "Năm sinh", "Nơi thường trú", lead, "Ghi chú"]
    rows = [["1", "Nguyễn Văn A", "1954", "Xã Minh Hà, thành phố Hải Phòng", "UBND xã Minh Hà", ""],
            ["2", "Phạm Thị B", "1957", "Phường Hai Bà Trưng, Hà Nội", "UBND phường Hai Bà Trưng", "Di chuyển"]]
    if render == "pipe":
        text = "\n".join("| " + " | ".join(c.replace("\n", " ") for c in row) + " |" for row in [header, ["---"] * 6, *rows]) + "\n"
        doc = extract_text(text, source="t.md")
    else:
        cells = lambda row, tag: "".join(f"<{tag}>{c.replace(chr(10), '<br>')}</{tag}>" for c in row)  # noqa: E731
        html = f"<table><tr>{cells(header, 'th')}</tr>" + "".join(f"<tr>{cells(r, 'td')}</tr>" for r in rows) + "</table>"
        doc = extract_text(html, source="t.html", fmt="html")
    assert list(doc.tasks) == []


def test_a_target_table_with_a_monitoring_lead_column_stays_no_task_table() -> None:
    """'TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi': the column after the number
    is named (an indicator), so no unnamed column stands in for the task."""
    text = (
        "| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi, đánh giá |\n|---|---|---|---|---|\n"
        "| 1 | Tỷ lệ hộ gia đình có cáp quang | % | ≥ 80 | Bộ Khoa học và Công nghệ |\n"
    )
    assert _tasks(text) == []
