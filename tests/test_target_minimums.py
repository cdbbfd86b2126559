"""Minimums that set goals: one a goal word asks for in a task's title, and one written as a word.

Every sentence and row here is written for this test (none is copied from a corpus document);
they are rendered from parts, so each rule is checked on many inputs.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract import extract_text
from tests.news_reading import read_news

PLAN = """**ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH**

Số: 41/KH-UBND

*Hòa Bình, ngày 5 tháng 1 năm 2026*

**KẾ HOẠCH**

Phát triển kinh tế số

**I. MỤC TIÊU**

{goal}

**II. NHIỆM VỤ**

| TT | Tên nhiệm vụ | Đơn vị chủ trì | Sản phẩm | Thời gian thực hiện |
|---|---|---|---|---|
| 1 | {title} | Sở Khoa học và Công nghệ | Báo cáo | 2026-2029 |
"""

CUES = ["bảo đảm", "đảm bảo", "phấn đấu"]
MINIMUMS = [("tối thiểu {v}%", 50), ("ít nhất {v}%", 70), ("tối thiểu {v} doanh nghiệp", 30)]


@pytest.mark.parametrize("cue", CUES)
@pytest.mark.parametrize(("written", "value"), MINIMUMS)
def test_a_minimum_a_goal_word_asks_for_in_a_task_title_is_a_goal(cue: str, written: str, value: int) -> None:
    title = (f"Xây dựng các chính sách hỗ trợ để {cue} tỷ lệ giao dịch trực tuyến chiếm "
             f"{written.format(v=value)} trong mỗi ngành, lĩnh vực")
    found = extract_text(PLAN.format(goal="Phát triển kinh tế số bền vững.", title=title), source="plan.md")
    assert [(t.value, t.comparator, t.deadline) for t in found.targets] == [(value, ">=", date(2029, 12, 31))]


@pytest.mark.parametrize("title", [
    "Tổ chức tiếp nhận hồ sơ, bảo đảm 100% hồ sơ được tiếp nhận tại bộ phận một cửa",  # a bare share restates
    "Rà soát quy định; tỷ lệ hồ sơ trực tuyến tối thiểu 50% theo quy định hiện hành",  # no goal word asks
])
def test_a_bare_share_or_an_unasked_minimum_in_a_title_is_no_goal(title: str) -> None:
    found = extract_text(PLAN.format(goal="Phát triển kinh tế số bền vững.", title=title), source="plan.md")
    assert found.targets == []


GOALS_ONE = [
    ("Đến năm 2028, tổ chức diễn tập ứng phó sự cố an toàn thông tin tối thiểu một lần/năm.", "times/year"),
    ("Đến năm 2028, mỗi sở tổ chức ít nhất một lần diễn tập phương án phòng ngừa sự cố.", "times"),
    ("Đến năm 2028, mỗi xã có không dưới một điểm truy cập Internet công cộng.", "điểm truy"),
]


@pytest.mark.parametrize(("goal", "unit"), GOALS_ONE)
def test_one_written_as_a_word_after_a_minimum_is_a_goal(goal: str, unit: str) -> None:
    found = extract_text(PLAN.format(goal=goal, title="Triển khai nhiệm vụ chuyển đổi số"), source="plan.md")
    assert [(t.value, t.comparator, t.unit, t.deadline) for t in found.targets] == [
        (1, ">=", unit, date(2028, 12, 31))]


@pytest.mark.parametrize("goal", [
    "Đến năm 2028, thực hiện cơ chế một cửa, một cửa liên thông tại một số cơ quan.",
    "Đến năm 2028, người dân chỉ khai báo thông tin một lần khi thực hiện thủ tục.",
])
def test_one_as_an_article_or_in_a_name_is_no_figure(goal: str) -> None:
    found = extract_text(PLAN.format(goal=goal, title="Triển khai nhiệm vụ chuyển đổi số"), source="plan.md")
    assert found.targets == []


def test_english_at_least_one_smartphone_per_household_is_no_goal_of_its_own() -> None:
    """ "95% of households … own at least one smartphone": the one says which households count."""
    targets, _ = read_news("Also, about 95% of households are expected to own at least one smartphone by 2027.",
                           issued=date(2025, 3, 1))
    assert [(t.value, t.comparator) for t in targets] == [(95, "=")]


@pytest.mark.parametrize(("written", "value"), MINIMUMS)
def test_a_title_repeating_a_goal_of_the_body_word_for_word_is_one_goal(written: str, value: int) -> None:
    """The body's goals part and the appendix task title say the same sentence: one goal, read
    from the body; a title that says something else still counts."""
    said = (f"Xây dựng các chính sách hỗ trợ để bảo đảm tỷ lệ giao dịch trực tuyến chiếm "
            f"{written.format(v=value)} trong mỗi ngành, lĩnh vực")
    found = extract_text(PLAN.format(goal=f"**1. Mục tiêu đến năm 2030**\n\n{said}.", title=said), source="plan.md")
    assert [(t.value, t.deadline) for t in found.targets] == [(value, date(2030, 12, 31))]
    other = said.replace("giao dịch trực tuyến", "hồ sơ điện tử")
    found = extract_text(PLAN.format(goal=f"**1. Mục tiêu đến năm 2030**\n\n{said}.", title=other), source="plan.md")
    assert sorted((t.value, t.deadline) for t in found.targets) == [(value, date(2029, 12, 31)),
                                                                    (value, date(2030, 12, 31))]
