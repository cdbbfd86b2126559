"""News reading: which figures an article reports and which it sets as goals, and their dates.

Every sentence here is written for this test (none is copied from a corpus document).
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from extract import extract_text
from tests.news_reading import read_news


news = partial(read_news, issued=date(2024, 3, 15))  # an article's date, unless a test gives its own


def test_a_year_after_a_comparison_word_dates_no_observation() -> None:
    _, seen = news("In 2019, the city ranked 9th of 40 cities, 12 places higher than in 2017.")
    assert [(o.value, o.unit, o.as_of) for o in seen] == [(9, "rank", "2019"), (12, "places", "2019")]


def test_a_statistics_sentence_in_an_undated_vietnamese_article_reports_its_year() -> None:
    _, seen = news("Theo số liệu thống kê, tỉ lệ hộ dùng cáp quang của huyện năm 2022 là 61,4% "
                   "(tăng 3,2% so với năm 2021).", lang="vi", issued=None)
    assert [(o.value, o.as_of) for o in seen] == [(61.4, "2022"), (3.2, "2022")]


def test_a_ranking_sentence_in_an_undated_vietnamese_article_is_no_goal() -> None:
    goals, seen = news("Đến năm 2021, chỉ số cải cách hành chính của huyện xếp thứ 7/25 và tăng 4 bậc so với năm 2020.",
                       lang="vi", issued=None)
    assert goals == [] and [(o.value, o.unit, o.as_of) for o in seen] == [(7, "rank", "2021"), (4, "places", "2021")]


def test_a_goal_word_keeps_a_ranking_a_goal() -> None:
    goals, _ = news("Huyện phấn đấu đến năm 2027 xếp thứ 5 trong tỉnh về chuyển đổi số.", lang="vi")
    assert [(t.value, t.deadline) for t in goals] == [(5, date(2027, 12, 31))]


def test_a_joined_date_phrase_belongs_to_the_goal_after_it() -> None:
    goals, _ = news("Huyện đặt mục tiêu đến năm 2026, thanh toán số chiếm khoảng 40% và đến năm 2029, "
                    "thanh toán số chiếm khoảng 65% tổng giao dịch.", lang="vi")
    assert [(t.value, t.deadline) for t in goals] == [(40, date(2026, 12, 31)), (65, date(2029, 12, 31))]
    goals, _ = news("The county aims for 40% cashless payments by 2026 and by 2029, 65% of all payments.")
    assert [(t.value, t.deadline) for t in goals] == [(40, date(2026, 12, 31)), (65, date(2029, 12, 31))]


def test_goals_of_a_paragraph_that_closes_on_a_deadline_take_it() -> None:
    goals, _ = news("The district plan for 2026 has a vision for 2035.",
                    "Under the plan, 90% of schools will have fibre; all households connect to the network. "
                    "Also, 70% of farms are expected to use sensors by 2026.")
    assert [(t.value, t.deadline) for t in goals] == [(90, date(2026, 12, 31)), (100, date(2026, 12, 31)),
                                                      (70, date(2026, 12, 31))]


def test_a_paragraph_deadline_in_an_earlier_sentence_is_not_shared() -> None:
    goals, _ = news("By 2026 the district will wire all schools. Later, 90% of farms will use sensors.")
    assert (90, date(2026, 12, 31)) in [(t.value, t.deadline) for t in goals]  # carried, as before
    goals, _ = news("The district will wire 90% of farms. By 2026 the district will wire all schools. "
                    "It will also build roads.")
    assert [(t.value, t.deadline) for t in goals if t.value == 90] == [(90, None)]


def test_a_currency_sign_before_the_digits_is_the_unit() -> None:
    _, seen = news("The sector earned US$3.5 billion last year.")
    assert [(o.value, o.unit) for o in seen] == [(3.5e9, "USD")]


def test_a_vietnamese_page_with_a_publication_stamp_is_news_dated_by_it() -> None:
    text = ("Huyện A đặt mục tiêu 60% hộ dùng cáp quang\n\nXã hội 03/04/2024 09:15\n\n"
            "Đến năm 2026, huyện phấn đấu 60% hộ gia đình sử dụng cáp quang.")
    doc = extract_text(text, fmt="text").document
    assert doc.kind == "news" and doc.issued == date(2024, 4, 3)


def test_a_vietnamese_text_quoting_speakers_without_a_letterhead_is_news() -> None:
    text = ("Phát biểu tại hội nghị, ông B cho biết huyện sẽ tập trung hạ tầng số.\n\n"
            "Ông B nhấn mạnh, đến năm 2026 huyện phấn đấu 60% hộ gia đình sử dụng cáp quang.")
    assert extract_text(text, fmt="text").document.kind == "news"
    one_verb = "Ông B cho biết huyện sẽ tập trung hạ tầng số.\n\nĐến năm 2026, 60% hộ dùng cáp quang."
    assert extract_text(one_verb, fmt="text").document.kind == "other"



def test_a_paragraph_that_opens_on_a_report_goes_on_reporting_until_a_goal() -> None:
    goals, seen = news("Theo báo cáo của UBND tỉnh, hiện nay 100% số thôn đã có sóng di động. Tỷ lệ hộ gia đình "
                       "dùng cáp quang đạt 91,5%, tốc độ trung bình 180 Mbps. Tỉnh phấn đấu đến năm 2030 đạt 100%.",
                       lang="vi", issued=date(2025, 9, 1))
    assert [(o.value, o.unit) for o in seen] == [(100, "%"), (91.5, "%"), (180, "Mbit/s")]
    assert [(g.value, g.deadline) for g in goals] == [(100, date(2030, 12, 31))]


def test_what_was_done_in_the_articles_own_year_is_a_report_and_a_total_is_a_quantity() -> None:
    goals, seen = news("Trong năm 2025, doanh nghiệp đã lắp đặt khoảng 600 trạm, với tổng số 12.345 trạm trên cả nước. "
                       "Dự kiến đến hết năm 2026, tổng số trạm sẽ đạt 20.000 trạm.",
                       lang="vi", issued=date(2025, 12, 20))
    assert [o.value for o in seen] == [600, 12345]
    assert [(g.value, g.deadline) for g in goals] == [(20000, date(2026, 12, 31))]


@pytest.mark.parametrize(("done", "total", "share", "day"), [(370, 944, 67, "13/11"), (12, 40, 55, "30/6")])
def test_a_sentence_that_tells_what_was_done_before_its_figures_reports_them_all(
    done: int, total: int, share: int, day: str,
) -> None:
    """No deadline and no firm goal word: 'đã xử lý xong' before the first figure makes the weak
    'đạt' after it a result too."""
    goals, seen = news(f"Theo đó, trước ngày {day}, các sở đã xử lý xong {done}/{total} hồ sơ, "
                       f"với tỷ lệ đúng hạn đạt {share}%.", lang="vi", issued=date(2025, 11, 16))
    assert goals == [] and [o.value for o in seen] == [done, share]


@pytest.mark.parametrize(("issued", "reported"), [(date(2025, 11, 16), True), (date(2024, 11, 16), False)])
def test_work_given_for_the_articles_own_year_and_done_so_far_is_a_report(issued: date, reported: bool) -> None:
    """'70 dự án được phê duyệt trong năm 2025, đến nay đã có 50 … khởi công': in 2025 a report of
    all three figures; an article of 2024 speaking so of 2025 still sets 70 as a goal."""
    goals, seen = news("Với 70 dự án được phê duyệt trong năm 2025, đến nay đã có 50 dự án khởi công, "
                       "trong đó 32 dự án vượt tiến độ.", lang="vi", issued=issued)
    if reported:
        assert goals == [] and [o.value for o in seen] == [70, 50, 32]
    else:
        assert 70 in [g.value for g in goals] and 50 in [o.value for o in seen]


@pytest.mark.parametrize("share", [70, 85])
def test_a_weak_goal_word_alone_reports_a_result_unless_its_paragraph_aims(share: int) -> None:
    """'đạt' with no date and no goal stated before it in its paragraph is a result; after
    'Đến năm 2026, tỉnh phấn đấu …' in the same paragraph it lists one more goal."""
    _, seen = news(f"Nhiều địa phương đạt tỷ lệ giải ngân trên {share}%, như Hà Tĩnh, Quảng Trị.",
                   lang="vi", issued=date(2025, 11, 16))
    assert [o.value for o in seen] == [share]
    goals, _ = news(f"Đến năm 2026, tỉnh phấn đấu 90% hồ sơ được xử lý trực tuyến. Tỷ lệ hài lòng đạt trên {share}%.",
                    lang="vi", issued=date(2025, 11, 16))
    assert [g.value for g in goals] == [90, share]


@pytest.mark.parametrize(("first", "second"), [("24/9", "13/11/2025"), ("1/10", "30/11/2025")])
def test_the_first_day_of_a_date_range_is_no_figure(first: str, second: str) -> None:
    _, seen = news(f"Trong đợt cao điểm ({first} - {second}), lực lượng chức năng đã kiểm tra 125 cơ sở "
                   "và xử phạt 81 cơ sở.", lang="vi", issued=date(2025, 11, 16))
    assert [o.value for o in seen] == [125, 81]
