"""Rules restated in a plan-like text (a resolution amending business conditions) set no goals; a
goal's "of which" sentence stays a goal; news figures told as done or as the paragraph's dated
statistics are observations.

Every sentence here is written for this test (none is copied from a corpus document). The goal
sentences are rendered from parts (indicator, comparator words, value, unit, deadline), so each
rule is checked on many inputs, not on one document's wording.
"""

from __future__ import annotations

import random
from datetime import date
from functools import partial

import pytest

import extract
from tests.news_reading import read_news

LETTERHEAD_VI = """**CHÍNH PHỦ**

Số: 12/2026/NQ-CP

*Hà Nội, ngày 10 tháng 4 năm 2026*

**NGHỊ QUYẾT**

Cắt giảm, đơn giản hóa điều kiện kinh doanh

**I. MỤC TIÊU**
Đến năm 2027, cắt giảm ít nhất 30% điều kiện kinh doanh.

**II. NỘI DUNG**
{body}
"""

LETTERHEAD_EN = """**THE GOVERNMENT**

No. 12/2026/NQ-CP

*Hanoi, 10 April 2026*

**RESOLUTION**

On cutting business conditions

**I. TARGETS**
By 2027, cut at least 30% of business conditions.

**II. CONTENTS**
{body}
"""

# Parts of a legal threshold: (subject, measure, value as written, value, unit)
THRESHOLDS_VI = [
    ("Kho ngoại quan chuyên dùng có diện tích kho chứa hàng", "tối thiểu", "1.000 m2", 1000),
    ("Doanh nghiệp có vốn điều lệ", "tối thiểu", "500 tỷ đồng", 500e9),
    ("Địa điểm cách cảng hàng không quốc tế", "không quá", "50 km", 50),
    ("Tổ chức có thỏa thuận kết nối với", "ít nhất", "30 ngân hàng", 30),
    ("Số người có trình độ sơ cấp chiếm", "không quá", "30% đội ngũ", 30),
]
THRESHOLDS_EN = [
    ("A bonded warehouse has a storage area of", "at least", "1,000 m2", 1000),
    ("The enterprise has a charter capital of", "at least", "500 billion dong", 500e9),
    ("The site lies from the international airport", "no more than", "50 km", 50),
    ("Junior staff make up", "no more than", "30% of the team", 30),
]


OPENERS = {
    ("vi", True): ("III. Điều kiện đối với doanh nghiệp kinh doanh kho bãi tại Điều 10 Nghị định số 68/2016/NĐ-CP "
                   "được sửa đổi như sau"),
    ("vi", False): "1. Doanh nghiệp phải đáp ứng các điều kiện sau đây:",
    ("en", True): "III. Conditions for warehouse businesses under Article 10 of Decree 68/2016/ND-CP are amended as follows",
    ("en", False): "1. The enterprise must meet the following conditions:",
}


def _conditions(lang: str, heading: bool, rows: list[tuple[str, str, str, float]]) -> str:
    """A conditions part: a heading (or an opener line ending with a colon) and lettered items."""
    items = [f"{chr(ord('a') + i)}) {subject} {measure} {written};"
             for i, (subject, measure, written, _) in enumerate(rows)]
    return "\n\n".join([OPENERS[lang, heading], *items])


@pytest.mark.parametrize("heading", [True, False])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_thresholds_under_a_rules_conditions_are_no_goals(lang: str, heading: bool) -> None:
    """Every subset of thresholds, in any order, under a conditions heading or an opener line: only
    the text's own goal (30% by 2027) is read."""
    rows = THRESHOLDS_VI if lang == "vi" else THRESHOLDS_EN
    rng = random.Random(7)
    for size in range(1, len(rows) + 1):
        chosen = rng.sample(rows, size)
        text = (LETTERHEAD_VI if lang == "vi" else LETTERHEAD_EN).format(body=_conditions(lang, heading, chosen))
        result = extract.extract_text(text, source=f"rules.{lang}.md")
        assert [(t.value, t.deadline) for t in result.targets] == [(30, date(2027, 12, 31))], chosen


def test_a_goal_word_or_a_later_part_still_sets_goals_after_conditions() -> None:
    """The conditions' list ends at the next part of the same rank; a goal word inside it still counts."""
    body = "\n\n".join([
        "III. Điều kiện đối với doanh nghiệp tại Điều 5 Nghị định số 84/2016/NĐ-CP",
        "a) Có vốn điều lệ tối thiểu 300 tỷ đồng;",
        "b) Phấn đấu 100% hồ sơ được nộp trực tuyến;",
        "IV. Nhiệm vụ",
        "Triển khai dịch vụ công trực tuyến cho tối thiểu 80% thủ tục hành chính.",
    ])
    result = extract.extract_text(LETTERHEAD_VI.format(body=body), source="rules.vi.md")
    assert sorted(t.value for t in result.targets) == [30, 80, 100]


@pytest.mark.parametrize(("lang", "sentence"), [
    ("vi", ("đ) Văn phòng phải thông báo cho Bộ Ngoại giao bằng văn bản ít nhất 15 ngày làm việc trước khi "
            "chấm dứt hoạt động.")),
    ("vi", "Cơ quan kiểm dịch cấp Giấy chứng nhận theo mẫu 14 TS hoặc mẫu 15 TS quy định tại Phụ lục V."),
])
def test_a_notice_period_and_a_form_number_are_no_goals(lang: str, sentence: str) -> None:
    result = extract.extract_text(LETTERHEAD_VI.format(body=sentence), source="rules.vi.md")
    assert [t.value for t in result.targets] == [30]


CITIES = [("Hà Nội", 200), ("Thành phố Hồ Chí Minh", 500), ("Đà Nẵng", 80)]


@pytest.mark.parametrize("n", [1, 2, 3])
def test_an_of_which_sentence_after_a_goal_keeps_its_minimums(n: int) -> None:
    """ "Trong đó, X có tối thiểu N …" after a goal sentence splits the goal: its minimums are goals,
    though "có … tối thiểu" alone frames a rule's requirement."""
    parts = ", ".join(f"{city} có tối thiểu {v} công trình" for city, v in CITIES[:n])
    body = f"h) Phấn đấu đạt mục tiêu 1.200 công trình xanh vào năm 2030. Trong đó, {parts}."
    result = extract.extract_text(LETTERHEAD_VI.format(body=body), source="rules.vi.md")
    assert sorted(t.value for t in result.targets) == sorted([30, 1200, *(v for _, v in CITIES[:n])])


news = partial(read_news, issued=date(2022, 2, 10))  # an article's date, unless a test gives its own


@pytest.mark.parametrize(("subject", "value"), [
    ("More than 20 provincial governments", 20), ("Some 15 cities in the region", 15), ("Nearly 30 operators", 30),
])
@pytest.mark.parametrize(("verb", "done"), [
    ("have emphasized", True), ("have announced", True), ("will announce", False), ("are set to unveil", False),
])
def test_a_count_that_is_the_subject_of_a_done_verb_reports(subject: str, value: float, verb: str, done: bool) -> None:
    """ "More than 20 governments have emphasized … in their plans for this year" tells what was done;
    "will announce … this year" states what is to come."""
    goals, seen = news(f"{subject} {verb} new 5G projects in their work plans for this year.")
    reported, planned = ([o.value for o in seen], [g.value for g in goals])
    assert (reported, planned) == (([value], []) if done else ([], [value]))


def test_figures_after_a_dated_statistic_in_its_paragraph_share_its_date() -> None:
    goals, seen = news("Operators can use more than 1.4 million 5G base stations that stood in the country by the "
                       "end of last year. 5G signals are already available in urban areas of all prefecture-level "
                       "cities, 98 percent of county towns and 80 percent of rural towns, data showed.",
                       "Shanghai plans to build 25,000 base stations this year.")
    assert [(o.value, o.as_of) for o in seen] == [(1.4e6, "2021"), (100, "2021"), (98, "2021"), (80, "2021")]
    assert [(g.value, g.deadline) for g in goals] == [(25000, date(2022, 12, 31))]


def test_a_paragraph_without_a_dated_figure_keeps_the_article_date() -> None:
    _, seen = news("Operators can use 1.4 million base stations, data showed.",
                   "98 percent of county towns already have 5G signals.")
    assert [(o.value, o.as_of) for o in seen] == [(1.4e6, "2022"), (98, "2022")]


def test_a_present_count_after_a_dated_figure_without_a_credit_is_todays() -> None:
    """Only a sentence crediting statistics shares the dated figure's date; "There are 658 …" after
    "revenue in 2020 topped …" is a count of today."""
    _, seen = news("Total revenue in 2020 topped 1.9 trillion VND. There are 658 IT enterprises in the province.")
    assert [(o.value, o.as_of) for o in seen] == [(1.9e12, "2020"), (658, "2022")]


@pytest.mark.parametrize("caption", [
    "Các doanh nghiệp tăng tốc phát triển hạ tầng số giai đoạn 2025-2030",
    "Doanh nghiệp viễn thông triển khai hạ tầng giai đoạn 2025 - 2030 ẢNH: NAM LONG",
])
def test_a_caption_naming_a_period_does_not_date_the_goals_after_it(caption: str) -> None:
    goals, _ = news("Theo kế hoạch, đến hết năm 2025, tỉnh sẽ mở rộng vùng phủ sóng 5G đạt trên 10%.", caption,
                    "Hoàn thành hợp nhất nền tảng dữ liệu; phấn đấu đạt tỷ lệ 50% dân số trưởng thành có chữ ký số.",
                    lang="vi", issued=date(2025, 11, 18))
    assert [(g.value, g.deadline) for g in goals] == [(10, date(2025, 12, 31)), (50, date(2025, 12, 31))]


@pytest.mark.parametrize(("headline", "copy"), [
    ("Government Targets 40% Fibre Coverage, 30 Mbps by 2026", "Government Targets 40 Fibre Coverage 30 Mbps By 2026"),
    ("Tỉnh phấn đấu 60% phủ sóng 5G, 100% khu công nghiệp năm 2026",
     "Tỉnh phấn đấu 60 phủ sóng 5G 100 khu công nghiệp năm 2026"),
])
def test_a_headline_repeated_without_its_punctuation_is_read_once(headline: str, copy: str) -> None:
    once, _ = news(headline, issued=date(2025, 3, 1), lang="en" if "Government" in headline else "vi")
    twice, _ = news(headline, copy, issued=date(2025, 3, 1), lang="en" if "Government" in headline else "vi")
    assert [(g.value, g.unit) for g in twice] == [(g.value, g.unit) for g in once] != []
