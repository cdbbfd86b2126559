"""How a figure's unit and its part of the document are read, per language: the unit that follows
a number (and how far), units written before it, counted acronyms, headings that make a part quiet,
a heading in capitals run into its paragraph, and a task table's results column."""

from __future__ import annotations

import pytest

import extract
from extract.fields.target_figures import sentence_to_figures
from extract.fields.target_outline import zone_of


def _units(text: str, lang: str) -> list[tuple[float, str | None]]:
    figures, _ = sentence_to_figures(text, lang)
    return [(f.q.value, f.unit) for f in figures]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # Vietnamese writes the unit at once: a unit word further on belongs to another word or phrase
    ("vi", "Sửa đổi, bổ sung 322 văn bản quy phạm pháp luật", [(322, "văn bản")]),
    ("vi", "Kết nối với 42 đơn vị cung cấp dịch vụ", [(42, "đơn vị")]),
    ("vi", "Lắp đặt 1.125 trạm BTS", [(1125, "stations")]),
    # English puts adjectives between a number and its unit
    ("en", "The operators installed 1,422 new base stations", [(1422, "stations")]),
    ("en", "There are 300 internet subscribers", [(300, "subscribers")]),
])
def test_unit_follows_within_the_languages_gap(lang: str, text: str, expected: list[tuple[float, str]]) -> None:
    assert _units(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    # a unit word far back, or before a break, names something else ("đồng bộ", "văn bản")
    ("vi", "Sự điều hành đồng bộ của Chính phủ, Ban Chỉ đạo và ĐA 06."),
    ("vi", "Các văn bản hướng dẫn của Ban Chỉ đạo 06"),
    ("en", "Stations were upgraded across the country under Programme 06"),
])
def test_a_unit_word_far_before_a_number_is_not_its_unit(lang: str, text: str) -> None:
    assert _units(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("vi", "HIS đạt mức cao nhất - mức 7 theo quy định", [(7, "level")]),
    ("vi", "Huyện phấn đấu đến năm 2027 xếp thứ 5 trong tỉnh", [(5, "rank")]),
    ("en", "The province ranked 5 nationwide in 2024", [(5, "rank")]),
])
def test_a_unit_written_right_before_its_number(lang: str, text: str, expected: list[tuple[float, str]]) -> None:
    assert _units(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("vi", "Đến nay, 21 NHTM đã có văn bản đăng ký", [(21, "nhtm")]),
    ("vi", "có 28 ngân hàng và 04 TGTT đã triển khai", [(28, "ngân hàng"), (4, "tgtt")]),
    ("vi", "ĐỀ ÁN 06 MANG LẠI HIỆU QUẢ", []),  # a title in capitals: no acronym counted
    ("en", "So far 12 SOEs have joined the programme", [(12, "soes")]),
])
def test_a_number_counts_the_acronym_after_it(lang: str, text: str, expected: list[tuple[float, str]]) -> None:
    assert _units(text, lang) == expected


@pytest.mark.parametrize(("lang", "heading", "zone"), [
    ("vi", "V. TRÁCH NHIỆM THỰC HIỆN", "quiet"),
    ("vi", "Trách nhiệm của các sở, ngành", "quiet"),
    ("vi", "1. Quyết liệt trong chỉ đạo, điều hành, chịu trách nhiệm đến cùng:", None),
    ("vi", "2. Tăng cường trách nhiệm lãnh đạo, chỉ đạo", None),
    ("vi", "II. VỀ TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "situation"),
    ("en", "V. RESPONSIBILITIES", "quiet"),
    ("en", "2. Raise the responsibility of agencies for data sharing", None),
    ("en", "II. SHORTCOMINGS AND CAUSES", "situation"),
])
def test_a_responsibility_word_quiets_a_heading_it_opens(lang: str, heading: str, zone: str | None) -> None:
    assert zone_of(heading, lang) == zone


PLAN_VI = """**ỦY BAN NHÂN DÂN TỈNH HÀ GIANG**

Số: 12/KH-UBND

*Hà Giang, ngày 16 tháng 11 năm 2025*

**KẾ HOẠCH**

Triển khai chuyển đổi số năm 2025

**I. VỀ KẾT QUẢ ĐẠT ĐƯỢC**
Công tác chuyển đổi số được đẩy mạnh.
Chỉ 3/12 xã có cáp quang đến thôn.

**II. NHIỆM VỤ**

| STT | Tên nhiệm vụ | Đơn vị chủ trì | Thời hạn | Kết quả thực hiện |
|---|---|---|---|---|
| 1 | Tích hợp 100% dịch vụ công trực tuyến lên Cổng dịch vụ công | Sở Khoa học và Công nghệ | 30/9/2025 | Đã tích hợp 42 thủ tục |
| 2 | Lựa chọn ít nhất 02 cán bộ mỗi xã tham gia đào tạo | Sở Nội vụ | 31/12/2025 | Sở Nội vụ hướng dẫn 15 xã |
"""

PLAN_EN = """**PEOPLE'S COMMITTEE OF HA GIANG PROVINCE**

No. 12/KH-UBND

*Ha Giang, 16 November 2025*

**PLAN**

Digital transformation in 2025

**I. ACHIEVEMENTS SO FAR**
Digital transformation was pushed forward.
Only 3/12 communes have fibre to every village.

**II. TASKS**

| No. | Task | Lead agency | Deadline | Results achieved |
|---|---|---|---|---|
| 1 | Integrate 100% of online public services into the portal | Department of Science and Technology | 30/9/2025 | 42 procedures integrated |
| 2 | Select at least 2 officials per commune for training | Department of Home Affairs | 31/12/2025 | The department guided 15 communes |
"""


@pytest.mark.parametrize(("lang", "text"), [("vi", PLAN_VI), ("en", PLAN_EN)])
def test_a_capital_heading_run_into_its_paragraph_and_a_results_column(lang: str, text: str) -> None:
    """The results heading starts a situation part (its fraction is a current value); a results cell
    of a task due by the document's date reports, one due after it is the result expected; with no
    outputs column for goals, a title's share and minimum are the task's goals."""
    result = extract.extract_text(text, source=f"plan.{lang}.md")
    targets = sorted((t.value, t.deadline.isoformat() if t.deadline else None) for t in result.targets)
    observations = sorted(o.value for o in result.observations)
    assert targets == [(2, "2025-12-31"), (15, "2025-12-31"), (100, "2025-09-30")]
    assert observations == [3, 42]


@pytest.mark.parametrize(("lang", "text", "current"), [
    ("vi", "Thực hiện số hóa 100% hồ sơ thủ tục hành chính", False),  # "thực hiện": implement, not "now"
    ("vi", "Phát hiện 30 trạm phát sóng không phép", False),
    ("vi", "Hiện 87 trạm đã hoạt động", True),
    ("en", "Implement the digitisation of 100% of records", False),
    ("en", "Currently 87 stations are on air", True),
])
def test_now_is_a_word_of_its_own(lang: str, text: str, current: bool) -> None:
    figures, _ = sentence_to_figures(text, lang)
    assert [f.current for f in figures] == [current]


@pytest.mark.parametrize(("lang", "text", "values"), [
    ("vi", "Đạt 26 trạm trên 10.000 dân vào năm 2025", [26]),
    ("vi", "Đạt 30 thuê bao/100 dân", [30]),
    ("vi", "Hỗ trợ trên 800 trường học", [800]),  # "trên" before a count is "over"
    ("en", "The number of 5G base stations per 10,000 people will reach 26 by 2025", [26]),
    ("en", "There will be 30 stations per 100 people", [30]),
])
def test_a_rates_denominator_is_no_figure(lang: str, text: str, values: list[float]) -> None:
    figures, _ = sentence_to_figures(text, lang)
    assert [f.q.value for f in figures] == values


RULES_VI = """**ỦY BAN NHÂN DÂN TỈNH HÀ GIANG**

Số: 14/KH-UBND

*Hà Giang, ngày 16 tháng 11 năm 2025*

**KẾ HOẠCH**

Phát triển hạ tầng số giai đoạn 2025-2030

**I. MỤC TIÊU**
Tốc độ truy cập băng rộng di động tối thiểu 40 Mbit/s đến 2025; ít nhất 50% doanh nghiệp sử dụng hợp đồng điện tử; trên 80% hộ gia đình có cáp quang.

**II. NHIỆM VỤ VÀ GIẢI PHÁP**
{sentence}
"""

RULES_EN = """**PEOPLE'S COMMITTEE OF HA GIANG PROVINCE**

No. 14/KH-UBND

*Ha Giang, 16 November 2025*

**PLAN**

Digital infrastructure development 2025-2030

**I. TARGETS**
Mobile broadband speed of at least 40 Mbit/s by 2025; at least 50% of enterprises use e-contracts; over 80% of households have fibre.

**II. TASKS AND SOLUTIONS**
{sentence}
"""


@pytest.mark.parametrize(("lang", "sentence", "values"), [
    # a rule's requirement or eligibility condition, often citing a provision: no goal
    ("vi", ("Thương binh có tỷ lệ tổn thương cơ thể từ 81% trở lên thì được hưởng phụ cấp đặc biệt hằng tháng "
            "theo quy định tại điểm d khoản 1 Điều 24 Pháp lệnh."), []),
    ("vi", "b) Có ít nhất 02 kiểm định viên làm việc theo hợp đồng từ 12 tháng trở lên.", []),
    ("vi", "Kho ngoại quan phải có diện tích kho chứa hàng tối thiểu 1.000 m2.", []),
    ("vi", "a) Địa điểm tập kết hàng hóa có diện tích khu đất tối thiểu 10.000 m2.", []),
    ("vi", "b) Vi phạm pháp luật mà bị xử phạt vi phạm hành chính từ 03 lần trở lên trong một năm.", []),
    ("vi", "Hồ sơ của cổ đông dưới 10% vốn điều lệ: tài liệu quy định tại các điểm a, b, c khoản 4 Mục này.", []),
    # a plan's goal in its tasks part keeps being read, a goal word before the figure outweighing the frame
    ("vi", "Mục tiêu: 100% xã có ít nhất 01 điểm phục vụ bưu chính.", [100]),
    ("vi", "Phấn đấu tỷ lệ hồ sơ trực tuyến từ 80% trở lên.", [80]),
    ("vi", "Nâng cấp hệ thống thông tin để HIS đạt mức 7 (theo Thông tư số 54/2017/TT-BYT).", [7]),
    ("en", "Applicants must have at least 2 inspectors with contracts of 12 months or more.", []),
    ("en", ("Wounded soldiers with an injury rate of 81% or more are entitled to a monthly allowance under "
            "point d of clause 1 of Article 24."), []),
    ("en", "The province aims for 100% of communes to have at least one postal service point or more.", [100]),
    ("en", "Strive for a share of online applications of 80% or more.", [80]),
])
def test_a_rules_requirement_is_no_goal(lang: str, sentence: str, values: list[float]) -> None:
    """Thresholds and eligibility conditions of legal text are no goals; the plan's own goals (its
    "Mục tiêu" part, a goal word before the figure in the tasks part) keep being read."""
    text = (RULES_VI if lang == "vi" else RULES_EN).format(sentence=sentence)
    result = extract.extract_text(text, source=f"rules.{lang}.md")
    assert sorted(t.value for t in result.targets) == sorted([40, 50, 80, *values])
