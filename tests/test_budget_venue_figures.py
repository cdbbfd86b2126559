"""A budget and a meeting's venue hold figures that are no goals: a sum after a funding word
("Tổng kinh phí … là hơn 22.450 tỷ đồng") allocates money, and a venue line ("Địa điểm: … nhà làm
việc 9 tầng") counts floors; a revenue goal in tỷ đồng beside them is still read."""

from __future__ import annotations

import pytest

from extract import extract_text

HEAD = "KẾ HOẠCH\nPhát triển dịch vụ số tỉnh đến năm 2030\n\nI. MỤC TIÊU ĐẾN NĂM 2030\n\n"
GOAL = "- Phấn đấu 80% hồ sơ thủ tục hành chính được xử lý trực tuyến.\n"
BUDGETS = [
    "Tổng kinh phí thực hiện Kế hoạch là hơn {n} tỷ đồng, từ ngân sách trung ương và địa phương.",
    "Kinh phí dự kiến khoảng {n} triệu đồng.",
    "Tổng nguồn lực thực hiện ước tính khoảng {n} tỷ đồng.",
    "Dự toán kinh phí của Đề án là {n} tỷ đồng.",
    "Tổng mức đầu tư dự kiến trên {n} tỷ đồng.",
]


@pytest.mark.parametrize("sentence", BUDGETS)
@pytest.mark.parametrize("amount", ["22.450", "1.200", "350"])
def test_a_budget_is_no_target(sentence: str, amount: str) -> None:
    text = HEAD + GOAL + "- " + sentence.format(n=amount) + "\n"
    assert [t.value for t in extract_text(text, source="t.md").targets] == [80]


def test_a_revenue_goal_in_money_is_still_a_target() -> None:
    text = HEAD + GOAL + "- Doanh thu dịch vụ số đạt trên 1.200 tỷ đồng.\n" + "- Tổng kinh phí thực hiện là 300 tỷ đồng.\n"
    assert sorted(t.value for t in extract_text(text, source="t.md").targets) == [80, 1.2e12]


@pytest.mark.parametrize(
    "venue",
    [
        "Địa điểm, hình thức: Hội nghị trực tuyến từ Phòng Hội đàm tầng 2, nhà làm việc 9 tầng đến 124 điểm cầu.",
        "Địa điểm: Hội trường 100 chỗ (Tầng 3), Trung tâm Hành chính tỉnh.",
        "Địa điểm: Nhà văn hóa 5 tầng, 02 phòng họp trực tuyến.",
    ],
)
def test_a_venue_line_holds_no_target(venue: str) -> None:
    text = HEAD + "Thời gian: 8h00, ngày 09/10/2025\n\n" + venue + "\n\n" + GOAL
    assert [t.value for t in extract_text(text, source="t.md").targets] == [80]


def test_an_english_budget_is_no_target() -> None:
    text = ("PLAN\nDigital services to 2030\n\nI. TARGETS TO 2030\n\n- By 2030, 80% of dossiers are processed online.\n"
            "- The total budget of the plan is over VND 1,200 billion.\n")
    assert [t.value for t in extract_text(text, source="t.md").targets] == [80]
