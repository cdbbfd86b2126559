"""Tables shaped like task tables that give a meeting's programme give no task: random task
tables whose time cells become times of day read back as nothing, in every shape documents come
in, while one clock time among deadlines leaves a plan's tasks alone; the real programmes (a
national conference's material and a province's conference) give none either."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extract import extract_file, extract_text
from extract.load.grid import SpanCell
from tablegen import SHAPES, GeneratedTable, _position, rendered_titles, task_tables

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
ROOT = Path(__file__).resolve().parent.parent
CLOCK = ["07h45 - 8h00", "14h00 -14h05", "10h30", "08h 00 - 08h 1 0", "8 giờ 30 - 9 giờ", "15h20 - 16h00", "9h"]


@st.composite
def programme_tables(draw: st.DrawFn) -> GeneratedTable:
    """A task table whose filled time cells are times of day (a meeting's programme)."""
    table = draw(task_tables(spans=False, stacked_header=False))

    def timed(row: list[SpanCell]) -> list[SpanCell]:
        at = _position(row, table.roles, "timeframe", table.width)
        if at is None or not row[at].text:
            return row
        return [*row[:at], SpanCell(draw(st.sampled_from(CLOCK))), *row[at + 1 :]]

    table = replace(table, pieces=[[timed(row) for row in piece] for piece in table.pieces], whole=[timed(row) for row in table.whole])
    at = [_position(row, table.roles, "timeframe", table.width) for row in table.whole]
    assume(sum(1 for row, i in zip(table.whole, at) if i is not None and row[i].text in CLOCK) >= 2)
    return table


@pytest.mark.parametrize("shape", sorted(SHAPES))
@SETTINGS
@given(table=programme_tables())
def test_times_of_day_make_a_programme_not_tasks(shape: str, table: GeneratedTable) -> None:
    assert rendered_titles(table, shape) == []


def test_one_clock_time_among_deadlines_keeps_the_tasks() -> None:
    text = (
        "| TT | Nội dung | Đơn vị thực hiện | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Chuẩn bị hội trường, âm thanh | Văn phòng UBND tỉnh | 14h00 |\n"
        "| 2 | Xây dựng báo cáo tổng kết | Sở Nội vụ | Trước ngày 15/01/2026 |\n"
        "| 3 | Gửi giấy mời đại biểu | Văn phòng UBND tỉnh | Tháng 01/2026 |\n"
    )
    assert [t.key for t in extract_text(text, source="t.md").tasks] == ["1", "2", "3"]


def test_an_english_programme_gives_no_task() -> None:
    text = (
        "| No. | Activity | Responsible agency | Time |\n|---|---|---|---|\n"
        "| 1 | Opening remarks | Ministry of Public Security | 8:00 - 8:10 |\n"
        "| 2 | Report on the programme | Government Office | 8:10 am to 8:40 am |\n"
        "| 3 | Discussion | Ministry of Health | 9:00 - 10:30 |\n"
    )
    assert list(extract_text(text, source="t.md").tasks) == []


@pytest.mark.parametrize(
    ("name", "targets"),
    [("tlhn-ctmtqg-pcmt-2030-chuongtrinh.docx", 15), ("ct-lamdong-hoinghi-cchc-2026.docx", 0)],
)
def test_real_conference_programmes_give_no_task(name: str, targets: int) -> None:
    result = extract_file(ROOT / "corpus" / "docs" / name)
    assert list(result.tasks) == []
    assert any("meeting's programme" in w for w in result.warnings)
    assert len(result.targets) == targets
