"""A goal or result cell merged over several rows of a target table is one figure, read once.

Every table here is written for this test (none is copied from a corpus document); the merged
cell's height and place vary, so the rule is checked on many tables.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract import extract_text

ROWS = [("1", "Tỷ lệ dân số được phủ sóng di động", "%", "98", "Trên 99%"),
        ("1.1", "Trong đó: phủ sóng 4G", "%", "95", "Trên 99%"),
        ("1.2", "Trong đó: phủ sóng 5G", "%", "40", "Trên 99%"),
        ("2", "Thuê bao băng rộng cố định trên 100 dân", "Thuê bao/100 dân", "20", "30-35")]


def _html(first: int, height: int) -> str:
    """A target table whose goal cell is merged over ``height`` rows from row ``first``."""
    body = []
    for i, (tt, name, unit, result, goal) in enumerate(ROWS):
        cells = [tt, name, unit, result]
        if i == first:
            cells.append(f'<td rowspan="{height}">{goal}</td>')
        elif not first < i < first + height:
            cells.append(f"<td>{goal if i >= first + height or i < first else ''}</td>")
        body.append("<tr>" + "".join(f"<td>{c}</td>" if not c.startswith("<td") else c for c in cells) + "</tr>")
    return ("**BÁO CÁO**\n\nKết quả thực hiện các chỉ tiêu\n\n<table><tr><td>TT</td><td>Chỉ tiêu</td><td>Đơn vị</td>"
            "<td>Kết quả đạt được năm 2024</td><td>Mục tiêu đến năm 2025</td></tr>" + "".join(body) + "</table>\n")


@pytest.mark.parametrize(("first", "height"), [(0, 2), (0, 3), (1, 2)])
def test_a_goal_merged_over_rows_is_one_goal(first: int, height: int) -> None:
    found = extract_text(_html(first, height), source="report.md")
    goals = sorted((t.value, t.value_max, t.deadline) for t in found.targets)
    merged = 1
    single = len(ROWS) - 1 - height  # rows of the first three not covered, each with its own "Trên 99%"
    assert goals.count((99, None, date(2025, 12, 31))) == merged + single, goals
    assert (30, 35, date(2025, 12, 31)) in goals
    assert sorted(o.value for o in found.observations) == [20, 40, 95, 98]
