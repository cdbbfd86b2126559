"""Tables shaped like task tables that lay out an administrative procedure's internal steps
give no task: random task tables turned into procedure workflows (a step column, or times in
working days) read back as nothing, in every shape documents come in; the real decisions that
publish such workflows (three provinces) give none either."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_file, extract_text
from extract.load.grid import SpanCell
from tablegen import SHAPES, GeneratedTable, _position, rendered_titles, task_tables

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
ROOT = Path(__file__).resolve().parent.parent
STEP_NAMES = ["Thứ tự công việc", "Bước thực hiện", "Các bước"]
DURATIONS = ["0,25 ngày làm việc", "01 ngày làm việc", "0,5 ngày làm việc", "08 giờ làm việc", "02 ngày làm việc"]
UNDATED = ["02 ngày", "Trong ngày", "05 ngày", "0,5 ngày"]
BARE = ["0,5 ngày", "10,5 ngày", "1/4 ngày", "02 giờ", "Trong 01 ngày", "04 giờ.", "1 buổi"]


def _with_rows(table: GeneratedTable, change) -> GeneratedTable:  # type: ignore[no-untyped-def]
    return replace(table, pieces=[[change(row) for row in piece] for piece in table.pieces], whole=[change(row) for row in table.whole])


@st.composite
def working_time_tables(draw: st.DrawFn) -> GeneratedTable:
    """A task table whose time cells count working days or hours (a procedure's steps)."""
    return _timed(draw, draw(task_tables(spans=False, stacked_header=False)), DURATIONS)


def _timed(draw: st.DrawFn, table: GeneratedTable, durations: list[str]) -> GeneratedTable:
    def timed(row: list[SpanCell]) -> list[SpanCell]:
        at = _position(row, table.roles, "timeframe", table.width)
        if at is None or not row[at].text:
            return row
        return [*row[:at], SpanCell(draw(st.sampled_from(durations))), *row[at + 1 :]]

    return _with_rows(table, timed)


@st.composite
def bare_duration_tables(draw: st.DrawFn) -> GeneratedTable:
    """A task table whose time cells are bare durations ("0,5 ngày", "Trong 01 ngày")."""
    return _timed(draw, draw(task_tables(spans=False, stacked_header=False)), BARE)


@st.composite
def step_column_tables(draw: st.DrawFn, *, dated: bool = False) -> GeneratedTable:
    """A numbered task table whose number column is a procedure's step column, its times
    undated durations ("02 ngày", "Trong ngày"), or left as the generated deadlines."""
    table = draw(task_tables(spans=False, stacked_header=False).filter(lambda t: "number" in t.roles))
    name = draw(st.sampled_from(STEP_NAMES))
    at = table.roles.index("number")
    header = [[SpanCell(name) if i == at else cell for i, cell in enumerate(row)] if r == 0 else row for r, row in enumerate(table.header)]
    table = replace(table, header=header)
    return table if dated else _timed(draw, table, UNDATED)


@pytest.mark.parametrize("shape", sorted(SHAPES))
@SETTINGS
@given(table=working_time_tables())
def test_times_in_working_days_make_a_procedure_not_tasks(shape: str, table: GeneratedTable) -> None:
    assert rendered_titles(table, shape) == []


@pytest.mark.parametrize("shape", sorted(SHAPES))
@SETTINGS
@given(table=bare_duration_tables())
def test_times_that_are_bare_durations_make_a_procedure_not_tasks(shape: str, table: GeneratedTable) -> None:
    assert rendered_titles(table, shape) == []


@pytest.mark.parametrize("shape", sorted(SHAPES))
@SETTINGS
@given(table=step_column_tables())
def test_a_step_column_makes_a_procedure_not_tasks(shape: str, table: GeneratedTable) -> None:
    assert rendered_titles(table, shape) == []


@SETTINGS
@given(table=step_column_tables(dated=True))
def test_steps_with_dated_deadlines_are_tasks(table: GeneratedTable) -> None:
    """A roadmap whose first column is named "Các bước" but whose times are deadlines is a plan."""
    dated = [t for t in table.tasks if t.end is not None]
    if len(dated) * 2 > len(table.tasks):
        assert rendered_titles(table, "cells") == [t.title for t in table.tasks]


def test_a_dated_time_cell_that_counts_working_days_is_still_a_deadline() -> None:
    text = (
        "| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
        "| 1 | Cấu hình quy trình điện tử | Sở Khoa học và Công nghệ | 03 ngày làm việc, trước 30/6/2026 |\n"
        "| 2 | Niêm yết công khai danh mục | Văn phòng UBND tỉnh | Quý III/2026 |\n"
    )
    assert [t.key for t in extract_text(text, source="t.md").tasks] == ["1", "2"]


def test_deadlines_counted_in_working_days_from_an_event_are_a_plans_tasks() -> None:
    """A plan may give each task so many working days from an event: a deadline, not a step's
    processing time, however many rows say so."""
    text = (
        "| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
        "| 1 | Rà soát danh mục thủ tục | Sở Tư pháp | Trong thời hạn 10 ngày làm việc kể từ ngày Kế hoạch được ban hành |\n"
        "| 2 | Công bố quy trình nội bộ | Văn phòng UBND tỉnh | Trong vòng 15 ngày làm việc sau khi có kết quả rà soát |\n"
    )
    assert [t.key for t in extract_text(text, source="t.md").tasks] == ["1", "2"]


@pytest.mark.parametrize(
    ("name", "number", "issuer"),
    [
        ("qd2031-caobang-quytrinh-tthc-vhttdl-2025.md", "2031/QĐ-UBND", "Ủy ban nhân dân tỉnh Cao Bằng"),
        ("qd2682-vinhlong-quytrinh-cainghien-2025.md", "2682/QĐ-UBND", "Ủy ban nhân dân tỉnh Vĩnh Long"),
    ],
)
def test_real_procedure_workflows_give_no_task(name: str, number: str, issuer: str) -> None:
    result = extract_file(ROOT / "corpus" / "docs" / name)
    assert (result.document.number, result.document.issuer) == (number, issuer)
    assert list(result.tasks) == []
    assert any("procedure's steps" in w for w in result.warnings)
