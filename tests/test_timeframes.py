from __future__ import annotations

from datetime import date

import pytest

from extract.fields.timeframes import text_to_timeframe

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
        ("en", "by 2030", None, date(2030, 12, 31), None),
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
