"""Figures in table cells: a target table's goal and result columns, and counts in task titles.

Every row here is written for this test (none is copied from a corpus document).
"""

from __future__ import annotations

from datetime import date

from extract import extract_text
from extract.fields.targets import segmented_to_targets
from extract.load.grid import texts_to_grid
from schemas.blocks import Block, RawDocument, Section, Segmented
from schemas.records import DocumentInfo, Observation, Target


def _table(rows: tuple[tuple[str, ...], ...]) -> tuple[list[Target], list[Observation]]:
    blocks = (Block("table", "", grid=texts_to_grid(rows, index=1), line=1),)
    raw = RawDocument("t.md", "0" * 64, "markdown", blocks)
    seg = Segmented(raw, "vi", (Section(None, "", blocks),), ())
    info = DocumentInfo(source="t.md", sha256="0" * 64, format="markdown", language="vi", kind="other")
    found = segmented_to_targets(seg, info)
    return found[0], found[1]


def test_result_columns_of_a_target_table_are_observations_dated_by_their_header() -> None:
    rows = (("TT", "Nhóm chỉ tiêu", "Đơn vị", "Kết quả đạt được", "Kết quả đạt được", "Mục tiêu đến năm 2027"),
            ("TT", "Nhóm chỉ tiêu", "Đơn vị", "Năm 2023", "Đến tháng 6/2024", "Mục tiêu đến năm 2027"),
            ("1", "Thuê bao băng rộng cố định trên 100 dân", "Thuê bao/100 dân", "21.40", "23,05", "30-35"),
            ("2", "Tỷ lệ hộ dùng cáp quang", "%", "-", "74.10", "Trên 90%"))
    goals, seen = _table(rows)
    assert [(t.comparator, t.value, t.value_max, t.deadline) for t in goals] == [
        ("range", 30, 35, date(2027, 12, 31)), (">", 90, None, date(2027, 12, 31))]
    assert [(o.value, o.as_of) for o in seen] == [(21.4, "2023"), (23.05, "2024-06"), (74.1, "2024-06")]


def test_a_target_table_whose_value_column_is_named_result_still_sets_goals() -> None:
    rows = (("TT", "Chỉ tiêu", "Đơn vị", "Kết quả"), ("1", "Tỉ lệ giao dịch không tiền mặt", "%", "≥ 75"))
    goals, seen = _table(rows)
    assert [(t.comparator, t.value) for t in goals] == [(">=", 75)] and seen == []


TASKS = """KẾ HOẠCH

| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian hoàn thành |
|---|---|---|---|---|---|
| 1 | Triển khai xây dựng 04 nền tảng số dùng chung của tỉnh | Sở Khoa học và Công nghệ | Các sở, ngành | Nền tảng được vận hành | Tháng 12/2026 |
| 2 | Vận hành ổn định mô hình chính quyền địa phương 02 cấp | Sở Nội vụ | Các sở, ngành | Báo cáo | Năm 2026 |
"""


def test_a_count_a_building_verb_opens_in_a_task_title_is_a_goal_with_the_task_deadline() -> None:
    found = extract_text(TASKS, fmt="markdown")
    assert len(found.tasks) == 2
    assert [(t.value, t.unit, t.deadline) for t in found.targets] == [(4, "platforms", date(2026, 12, 31))]


PROGRESS = """THÔNG BÁO

| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả | Thời hạn |
|---|---|---|---|---|---|
| 1 | Rà soát thủ tục đất đai | Sở Nông nghiệp và Môi trường | Các xã | Có 30/30 xã hoàn thành việc rà soát, đạt tỷ lệ 100% | Tháng 10/2026 |
| 2 | Phát triển trạm phát sóng | Sở Khoa học và Công nghệ | Các doanh nghiệp | Kết quả đến nay có 12 trạm đang phát sóng. Trong đó có 4 điểm ở vùng cao | Tháng 11/2026 |
| 3 | Thu hút ngân hàng tham gia | Ngân hàng Nhà nước chi nhánh tỉnh | Các ngân hàng | Đến nay, 21 ngân hàng đã đăng ký tham gia. Tổng số tiền đăng ký là 900 tỷ đồng | Tháng 12/2026 |
| 4 | Thanh toán trực tuyến | Sở Tài chính | Các sở, ngành | 100% hồ sơ đang xử lý được thanh toán trực tuyến | Tháng 12/2026 |
"""


def test_a_results_cell_that_tells_what_has_been_done_gives_observations_not_goals() -> None:
    found = extract_text(PROGRESS, fmt="markdown")
    assert len(found.tasks) == 4
    # the cell's later sentences go on reporting ("Tổng số tiền đăng ký là 900 tỷ đồng")
    assert sorted(o.value for o in found.observations) == [4, 12, 21, 30, 100, 900e9]
    # a cell that opens with a share and no existential word still states the row's goal
    assert [(t.value, t.unit, t.deadline) for t in found.targets] == [(100, "%", date(2026, 12, 31))]
