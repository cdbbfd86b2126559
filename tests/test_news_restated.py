"""News facts told twice (headline and body, lead and body) are reported once; estimates of the
article's own year are figures; dates and stamps news pages print are no figures."""

from __future__ import annotations

from datetime import date

import pytest

from extract import extract_text
from extract.fields.restated import is_headline
from tests.news_reading import read_news

ISSUED = date(2024, 11, 15)


def _values(facts: list) -> list[tuple[float, int | None]]:
    return sorted((f.value, getattr(f, "deadline", None) and f.deadline.year) for f in facts)


@pytest.mark.parametrize(("lang", "headline", "body"), [
    ("en", "Province strives for top 10 position in digital transformation by 2028",
     "The province will strive to secure a top 10 position in digital transformation by 2028."),
    ("en", "City targets 80 percent fibre coverage by 2027",
     "By 2027, the city aims for fibre coverage of 80 percent of households."),
    ("vi", "Tỉnh đặt mục tiêu phủ sóng 5G đạt 90% vào năm 2027",
     "Đến năm 2027, tỉnh phấn đấu phủ sóng 5G đạt 90% dân số."),
    ("vi", "Thành phố phấn đấu 70% hộ gia đình có cáp quang đến năm 2028",
     "Thành phố phấn đấu đến năm 2028 có 70% hộ gia đình sử dụng cáp quang."),
])
def test_headline_restating_the_body_is_one_fact(lang: str, headline: str, body: str) -> None:
    targets, _ = read_news(headline, body, lang=lang, issued=ISSUED)
    assert len(targets) == 1 and targets[0].text.startswith(body[:20])


@pytest.mark.parametrize(("headline", "body"), [
    ("City targets 80 percent fibre coverage by 2027",
     "By 2027, 80 percent of schools will have smart classrooms."),
    ("Tỉnh đặt mục tiêu phủ sóng 5G đạt 90% vào năm 2027",
     "Đến năm 2027, 90% trường học có lớp học thông minh."),
])
def test_headline_with_another_fact_of_the_same_value_stays(headline: str, body: str) -> None:
    lang = "en" if body[0] == "B" else "vi"
    targets, _ = read_news(headline, body, lang=lang, issued=ISSUED)
    assert len(targets) == 2


@pytest.mark.parametrize(("lead", "body", "kept"), [
    ("Trong đó, mục tiêu là toàn tỉnh phủ sóng 5G đạt từ 60% trở lên ngay trong năm 2027.",
     "Đến hết năm 2027, tỉnh đặt mục tiêu tỷ lệ phủ sóng 5G đạt từ 60% trở lên, 100% trường học có cáp quang.", 2),
    ("Among the goals, 5G networks will cover at least 60 percent of the population by 2027.",
     "By 2027, 5G networks are to cover at least 60 percent of the population, and 100 percent of schools.", 2),
    # the same value for another indicator is another fact
    ("Trong đó, mục tiêu là toàn tỉnh phủ sóng 5G đạt 60% ngay trong năm 2027.",
     "Đến năm 2027, tỉnh phấn đấu 60% doanh nghiệp nhỏ và vừa sử dụng nền tảng số.", 2),
])
def test_lead_restated_by_the_body(lead: str, body: str, kept: int) -> None:
    lang = "vi" if "tỉnh" in body else "en"
    targets, _ = read_news(lead, body, lang=lang, issued=ISSUED)
    assert len(targets) == kept


def test_plans_keep_restated_goals() -> None:
    text = ("KẾ HOẠCH\n\nI. MỤC TIÊU\n\nĐến năm 2027, phủ sóng 5G đạt 90% dân số.\n\n"
            "II. NHIỆM VỤ\n\nĐến năm 2027, phủ sóng 5G đạt 90% dân số.\n")
    assert len(extract_text(text).targets) == 2


@pytest.mark.parametrize("text", [
    "Minister Nguyen estimates that the digital economy's share of GDP will reach 18.6 per cent in 2024.",
    "The ministry estimated that e-commerce revenue will reach 25 billion USD in 2024.",
    "Doanh thu thương mại điện tử năm 2024 ước đạt 25 tỷ USD.",
    "Năm 2024, tỷ trọng kinh tế số ước tính đạt 18,6% GDP.",
])
def test_estimate_of_the_articles_year_is_a_figure(text: str) -> None:
    lang = "vi" if "năm" in text.casefold() else "en"
    targets, observations = read_news(text, lang=lang, issued=ISSUED)
    assert not targets and len(observations) == 1 and observations[0].as_of == "2024"


@pytest.mark.parametrize("text", [
    "The ministry estimates that the digital economy will reach 30 per cent of GDP by 2030.",
    "Năm 2030, tỷ trọng kinh tế số ước đạt 30% GDP.",
])
def test_estimate_of_a_later_year_stays_a_goal(text: str) -> None:
    lang = "vi" if "năm" in text.casefold() else "en"
    targets, _ = read_news(text, lang=lang, issued=ISSUED)
    assert len(targets) == 1


def test_year_of_a_projection() -> None:
    _, observations = read_news("The digital economy accounted for 16.5 per cent of GDP in 2023, with "
                                "projections for 2024 rising to 18.6 per cent.", issued=ISSUED)
    assert sorted((o.value, o.as_of) for o in observations) == [(16.5, "2023"), (18.6, "2024")]


@pytest.mark.parametrize("stamp", ["November 15, 2024 - 13:45", "November 15, 2024 13:45", "november 15 2024, 13:45"])
def test_english_publication_stamp_dates_the_article(stamp: str) -> None:
    text = f"Digital economy grows\n\n{stamp}\n\nThe digital economy grew 19 per cent in 2023.\n"
    assert extract_text(text).document.issued == date(2024, 11, 15)


@pytest.mark.parametrize("when", ["Sáng 4/12", "Chiều 15/3", "Tối 2/9"])
def test_day_and_month_after_a_time_of_day_is_no_fraction(when: str) -> None:
    _, observations = read_news(f"{when}, tại Hà Nội, Bộ tổ chức hội thảo với 120 doanh nghiệp tham dự.",
                                lang="vi", issued=ISSUED)
    assert [o.value for o in observations] == [120]


@pytest.mark.parametrize(("text", "expected"), [
    ("Vinh Phuc climbs 43 places in provincial digital transformation", True),
    ("Tỉnh Tây Ninh đặt mục tiêu tới năm 2030 phủ sóng 5G đạt 100%, chuẩn bị triển khai 6G", True),
    ("The province ranked 12th.", False),
    ("Đến năm 2030, phủ sóng 5G đạt 100%. Tỷ lệ hộ gia đình có cáp quang đạt", False),
])
def test_is_headline(text: str, expected: bool) -> None:
    assert is_headline(text) is expected


@pytest.mark.parametrize(("lang", "headline", "body"), [
    ("vi", "Thanh toán di động tăng 3.000% trong 5 năm\n===========================",
     "Tính trong cả 5 năm qua, thanh toán di động tăng 1.000% về số lượng nhưng tăng tới 3.000% về giá trị."),
    ("en", "Mobile payments up 3,000% in five years\n-------------------------",
     "Over the past five years, mobile payments rose 1,000% in number and 3,000% in value."),
])
def test_underlined_headline_restating_a_result(lang: str, headline: str, body: str) -> None:
    targets, observations = read_news(headline, body, lang=lang, issued=ISSUED)
    assert not targets and sorted(o.value for o in observations) == [1000, 3000]


@pytest.mark.parametrize(("lang", "teaser", "body"), [
    ("vi", "Thanh toán di động tăng 3.000% về giá trị trong 5 năm.",
     "Tính trong cả 5 năm qua, thanh toán di động tăng tới 3.000% về giá trị."),
])
def test_result_told_again_is_no_goal(lang: str, teaser: str, body: str) -> None:
    targets, observations = read_news(teaser, body, lang=lang, issued=ISSUED)
    assert not targets and [o.value for o in observations] == [3000]


@pytest.mark.parametrize("photo", [
    '![Ảnh minh họa: trạm 5G](https://example.vn/uploads/2021/01/tram-5g.jpg "Ảnh minh họa")',
    "![Photo: a 5G base station](http://example.com/img/5g.png)",
])
def test_captioned_web_photo_makes_a_news_page(photo: str) -> None:
    text = (f"Tỉnh phát triển hạ tầng số\n\n{photo}\n\n"
            "Toàn tỉnh hiện có 3.890 trạm thu phát sóng di động.\n")
    assert extract_text(text).document.kind == "news"


def test_image_named_by_file_only_is_no_news_page() -> None:
    text = "Tỉnh phát triển hạ tầng số\n\n![](images/image_1.jpg)\n\nToàn tỉnh hiện có 3.890 trạm thu phát sóng.\n"
    assert extract_text(text).document.kind != "news"


@pytest.mark.parametrize(("lang", "first", "then"), [
    ("vi", "Kinh tế số chiếm khoảng 30% GDP cả nước.",
     "Chiến lược đặt mục tiêu kinh tế số chiếm khoảng 30% GDP cả nước vào năm 2030."),
    ("en", "The digital economy accounts for about 30 percent of national GDP.",
     "The strategy aims for the digital economy to account for about 30 percent of national GDP by 2030."),
])
def test_goal_told_with_a_goal_word_outweighs_a_bare_figure(lang: str, first: str, then: str) -> None:
    targets, observations = read_news(first, then, lang=lang, issued=ISSUED)
    assert [t.value for t in targets] == [30] and not observations
