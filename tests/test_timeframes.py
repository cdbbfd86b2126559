from __future__ import annotations

from datetime import date

import pytest

from extract.fields.timeframes import header_year, text_to_timeframe

HORIZON = date(2025, 12, 31)


@pytest.mark.parametrize(
    ("lang", "text", "start", "end", "recurrence"),
    [
        ("vi", "2024-2025", date(2024, 1, 1), date(2025, 12, 31), None),
        ("vi", "Năm 2026", date(2026, 1, 1), date(2026, 12, 31), None),
        ("vi", "Xong trong Quý II/2026", date(2026, 4, 1), date(2026, 6, 30), None),
        ("vi", "Quý IV năm 2025", date(2025, 10, 1), date(2025, 12, 31), None),
        ("vi", "chậm nhất trước ngày 30/6/2025", None, date(2025, 6, 30), None),
        ("vi", "Tháng 6/2025", date(2025, 6, 1), date(2025, 6, 30), None),
        ("vi", "Trước tháng 9/2025", None, date(2025, 9, 30), None),
        ("vi", "Thường\nxuyên", None, HORIZON, "continuous"),
        ("vi", "Hằng năm", None, HORIZON, "yearly"),
        ("vi", "Hàng tháng", None, HORIZON, "monthly"),
        ("vi", "Khi có yêu cầu", None, None, None),
        ("vi", "Quý III/2026 - Quý I/2027", date(2026, 7, 1), date(2027, 3, 31), None),
        ("vi", "Quí II-2026", date(2026, 4, 1), date(2026, 6, 30), None),
        ("vi", "6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30), None),
        ("vi", "6 tháng cuối năm 2026", date(2026, 7, 1), date(2026, 12, 31), None),
        ("vi", "Tháng 12/2025", date(2025, 12, 1), date(2025, 12, 31), None),
        ("vi", "12/2025", date(2025, 12, 1), date(2025, 12, 31), None),
        ("vi", "Tháng 01 - 02/2026", date(2026, 1, 1), date(2026, 2, 28), None),
        ("vi", "Tháng 6 hằng năm", None, HORIZON, "yearly"),
        ("vi", "Giai đoạn 2025-2030, các giai đoạn 05 năm tiếp theo và hằng năm", date(2025, 1, 1), date(2030, 12, 31), "yearly"),
        # as OCR reads it: the tone mark over "ă" dropped
        ("vi", "Giai đoạn 2025-2030, các giai đoạn 05 năm tiêp theo và hăng năm", date(2025, 1, 1), date(2030, 12, 31), "yearly"),
        ("vi", "Báo cáo hăng quý", None, HORIZON, "quarterly"),
        ("vi", "Hăng tháng", None, HORIZON, "monthly"),
        ("vi", "Trước ngày 15/10/2026", None, date(2026, 10, 15), None),
        ("vi", "Từ 01/7/2025", date(2025, 7, 1), None, None),
        ("vi", "Từ 01/7/2025 đến 31/12/2025", date(2025, 7, 1), date(2025, 12, 31), None),
        ("vi", "Thường xuyên, hằng quý", None, HORIZON, "continuous"),
        ("vi", "Năm 2026 và các năm tiếp theo", date(2026, 1, 1), None, None),
        ("vi", "2026 - 2030", date(2026, 1, 1), date(2030, 12, 31), None),
        ("vi", "Trước năm 2030", None, date(2029, 12, 31), None),
        ("vi", "Chậm nhất năm 2025", None, date(2025, 12, 31), None),
        ("vi", "Sau khi có hướng dẫn của Bộ", None, None, None),
        ("vi", "Thí điểm trong giai đoạn 2026 - 2027 và mở rộng sau năm 2028", date(2026, 1, 1), date(2027, 12, 31), None),
        ("vi", "Hoàn thành trong năm 2026 và vận hành thường xuyên", date(2026, 1, 1), date(2026, 12, 31), "continuous"),
        ("vi", "01/01/2026", None, date(2026, 1, 1), None),
        ("vi", "29/6/2026 - 09/7/2026", date(2026, 6, 29), date(2026, 7, 9), None),
        ("vi", "10/7/2026 – 13/7/2026", date(2026, 7, 10), date(2026, 7, 13), None),
        ("vi", "Trước ngày 10/7/2026 - 13/7/2026", None, date(2026, 7, 13), None),
        ("en", "by 2030", None, date(2030, 12, 31), None),
        ("en", "Q3 2026", date(2026, 7, 1), date(2026, 9, 30), None),
        ("en", "before 2030", None, date(2029, 12, 31), None),
        ("en", "annually", None, HORIZON, "yearly"),
    ],
)
def test_timeframe_parsing(lang: str, text: str, start: date | None, end: date | None, recurrence: str | None) -> None:
    timeframe = text_to_timeframe(text, lang, HORIZON)
    assert timeframe is not None
    assert (timeframe.start, timeframe.end, timeframe.recurrence) == (start, end, recurrence)


def test_empty_cell_has_no_timeframe() -> None:
    assert text_to_timeframe("  \n", "vi", HORIZON) is None


def test_recurring_without_horizon_has_no_end() -> None:
    timeframe = text_to_timeframe("Thường xuyên", "vi", None)
    assert timeframe is not None and timeframe.end is None


def test_issue_6_unparseable_timeframe_is_kept_and_the_task_flagged() -> None:
    from extract import extract_text

    table = (
        "| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian thực hiện |\n|---|---|---|---|\n"
        "| 1 | Xây dựng CSDL | Sở Y tế | Sau khi có hướng dẫn của Bộ |\n"
    )
    task = extract_text("# Phụ lục\n\n" + table, source="t.md").tasks[0]
    assert task.timeframe is not None and task.timeframe.text == "Sau khi có hướng dẫn của Bộ"
    assert (task.timeframe.start, task.timeframe.end) == (None, None)
    assert "unparsed" in task.flags


@pytest.mark.parametrize(
    ("text", "year", "end"),
    [
        ("Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1", 2026, date(2026, 1, 23)),
        ("ngày 5 tháng 3 năm 2027", None, date(2027, 3, 5)),
        ("ngày 5 tháng 3 năm 2027", 2026, date(2027, 3, 5)),
        ("ngày 31 tháng 2", 2026, None),
        ("ngày 23 tháng 1", None, None),
    ],
)
def test_day_in_words_takes_the_year_the_header_names(text: str, year: int | None, end: date | None) -> None:
    timeframe = text_to_timeframe(text, "vi", None, year)
    assert timeframe is not None and timeframe.end == end


@pytest.mark.parametrize(
    ("header", "year"),
    [("Thời gian (Năm 2026)", 2026), ("Thời gian thực hiện", None), ("Giai đoạn 2026 - 2030", None)],
)
def test_header_year_is_the_one_year_a_header_names(header: str, year: int | None) -> None:
    assert header_year(header) == year


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh", None),
        ("Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ", None),
        ("Trước ngày 30/6/2026 theo Nghị định số 52/2015/NĐ-CP ngày 28/5/2015", date(2026, 6, 30)),
    ],
)
def test_a_date_after_a_document_number_is_its_issue_date_not_a_deadline(text: str, end: date | None) -> None:
    timeframe = text_to_timeframe(text, "vi", None)
    assert timeframe is not None and timeframe.end == end


def test_schedule_table_with_year_in_its_time_header_dates_each_slot() -> None:
    from extract import extract_text

    table = (
        "| TT | Nội dung | Trách nhiệm thực hiện | Thời gian (Năm 2026) |\n|---|---|---|---|\n"
        "| 1 | Đối thoại về cải cách hành chính | Lãnh đạo<br>Sở Y tế | Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 08 tháng 5 |\n"
    )
    task = extract_text("# Kế hoạch\n\n" + table, source="t.md").tasks[0]
    assert [m.mention for m in task.lead] == ["Lãnh đạo Sở Y tế"]
    assert task.timeframe is not None and task.timeframe.end == date(2026, 5, 8)


@pytest.mark.parametrize(
    ("lang", "text", "start", "end"),
    [
        ("vi", "Theo tiến độ được giao của Luật An ninh mạng 2025.", None, None),
        ("vi", "Theo lộ trình của Bộ luật Lao động năm 2019", None, None),
        ("vi", "Sửa đổi Luật Đất đai trước năm 2026", None, date(2025, 12, 31)),
        ("vi", "Triển khai Luật Dữ liệu trong năm 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("vi", "Theo luật, năm 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("en", "As scheduled under the Cybersecurity Law 2018", None, None),
        ("en", "Enforce the Data Act in 2025", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_a_year_closing_a_statutes_name_is_not_a_date(lang: str, text: str, start: date | None, end: date | None) -> None:
    frame = text_to_timeframe(text, lang)
    assert frame is not None and (frame.start, frame.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("Trước ngày 05 của tháng liền kề", "monthly"),
        ("Trước ngày 31/01 năm liền kề", "yearly"),
        ("Ban hành kế hoạch chậm nhất là ngày 31/12 năm trước liền kề", "yearly"),
    ],
)
def test_a_deadline_relative_to_the_next_period_recurs(text: str, recurrence: str) -> None:
    frame = text_to_timeframe(text, "vi")
    assert frame is not None and frame.recurrence == recurrence and frame.end is None


@pytest.mark.parametrize(
    ("lang", "text", "start", "end", "recurrence"),
    [
        ("vi", "Tối thiểu một lần/năm", None, None, "yearly"),
        ("vi", "02 lần/năm", None, None, "yearly"),
        ("vi", "ít nhất 01 lần/ năm", None, None, "yearly"),
        ("vi", "01 lần/quý", None, None, "quarterly"),
        ("vi", "2 lần mỗi tháng", None, None, "monthly"),
        ("vi", "Năm 2026, 02 lần/năm", date(2026, 1, 1), date(2026, 12, 31), "yearly"),
        ("vi", "Tối thiểu 2 lần/năm, trước 31/12/2025", None, date(2025, 12, 31), "yearly"),
        ("en", "At least twice a year", None, None, "yearly"),
        ("en", "3 times per quarter", None, None, "quarterly"),
    ],
)
def test_a_frequency_recurs_and_names_no_period_to_finish_by(
    lang: str, text: str, start: date | None, end: date | None, recurrence: str
) -> None:
    """"lần/năm" is how often, not a year: the cell recurs, its dates come only from a real date."""
    frame = text_to_timeframe(text, lang)
    assert frame is not None and (frame.start, frame.end, frame.recurrence) == (start, end, recurrence)
