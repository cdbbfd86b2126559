"""Documents that lay down rules set no goals; a blank-day letterhead still dates a document's
figures by its month, and figures of a year before that are results, not goals.

Every sentence and letterhead here is written for this test (none is copied from a corpus
document); they are rendered from parts (document type, subject, threshold wording, value, unit,
dateline shape), so each rule is checked on many inputs, not on one document's wording.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from extract import extract_text
from extract.fields.letterhead import blocks_to_letterhead
from schemas.blocks import Block

HEAD = """**{issuer}**

Số: {number}

*Hà Nội, ngày 12 tháng 3 năm 2026*

**{kind}**

{subject}

{body}
"""

# (kind line, subject line, number): documents whose title says they lay down rules
RULE_TITLES = [
    ("NGHỊ ĐỊNH", "Quy định chi tiết một số điều của Luật Quảng cáo", "25/2026/NĐ-CP"),
    ("THÔNG TƯ", "Sửa đổi, bổ sung một số điều của Thông tư số 13/2020/TT-BTC", "08/2026/TT-BTC"),
    ("QUYẾT ĐỊNH", "Ban hành Quy chế quản lý cụm công nghiệp", "14/2026/QĐ-UBND"),
    ("QUYẾT ĐỊNH", "Phê duyệt Điều lệ Hiệp hội Du lịch", "301/QĐ-UBND"),
    ("NGHỊ QUYẾT", "Quy định mức thu phí thẩm định hồ sơ", "06/2026/NQ-HĐND"),
    ("QUYẾT ĐỊNH", "Về tiêu chí công nhận xã đạt chuẩn tiếp cận pháp luật", "09/2026/QĐ-TTg"),
]

# (threshold wording, value): conditions, limits, fees, time limits and penalties
THRESHOLDS = [
    ("Doanh nghiệp phải có vốn điều lệ tối thiểu {v} tỷ đồng.", 5),
    ("Cơ sở có diện tích sàn tối thiểu {v} m2 và ít nhất 02 nhân viên kỹ thuật.", 20),
    ("Thời hạn giải quyết hồ sơ không quá {v} ngày làm việc.", 30),
    ("Tỷ lệ hồ sơ quá hạn không vượt quá {v}% tổng số hồ sơ.", 1),
    ("Mức hỗ trợ tối đa {v}% chi phí đầu tư.", 50),
    ("Tổ chức đạt từ {v} điểm trở lên được xếp loại tốt.", 90),
    ("Phạt tiền từ {v} triệu đồng đến 10 triệu đồng đối với hành vi vi phạm.", 5),
    ("Tỷ lệ hài lòng năm 2027 đạt {v}% trở lên.", 95),
]


def _article(sentence: str) -> str:
    return f"**Điều 3. Điều kiện áp dụng**\n\n1. {sentence}\n"


@pytest.mark.parametrize(("title", "threshold"), list(itertools.product(RULE_TITLES, THRESHOLDS)))
def test_a_rule_document_sets_no_goal(title: tuple[str, str, str], threshold: tuple[str, int]) -> None:
    kind, subject, number = title
    wording, value = threshold
    text = HEAD.format(issuer="CHÍNH PHỦ", number=number, kind=kind, subject=subject,
                       body=_article(wording.format(v=value)))
    assert extract_text(text, source="rule.md").targets == []


GOALS = [
    ("Phấn đấu đến năm 2030, tối thiểu {v}% doanh nghiệp nhỏ và vừa sử dụng nền tảng số.", 80),
    ("Mục tiêu đến năm 2028 có ít nhất {v} doanh nghiệp công nghệ số.", 500),
]


@pytest.mark.parametrize(("goal", "kind", "subject"), [
    (g, "KẾ HOẠCH", "Phát triển kinh tế số năm 2026") for g in GOALS] + [
    (g, "QUYẾT ĐỊNH", "Phê duyệt Chương trình chuyển đổi số") for g in GOALS] + [
    (g, "NGHỊ ĐỊNH", "Quy định về phát triển doanh nghiệp công nghệ số") for g in GOALS])
def test_a_goal_word_keeps_its_goal(goal: tuple[str, int], kind: str, subject: str) -> None:
    """A plan's minimum stays a goal; so does one a goal word leads to in a rule document."""
    wording, value = goal
    text = HEAD.format(issuer="ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", number="41/KH-UBND", kind=kind,
                       subject=subject, body=f"**I. NỘI DUNG**\n\n1. {wording.format(v=value)}\n")
    assert [t.value for t in extract_text(text, source="goal.md").targets] == [value]


@pytest.mark.parametrize(("threshold", "kind", "subject"), [
    (t, "KẾ HOẠCH", "Phát triển kinh tế số năm 2026") for t in THRESHOLDS[:1]])
def test_a_plan_keeps_its_goals_beside_a_rule_it_restates(threshold: tuple[str, int], kind: str,
                                                           subject: str) -> None:
    wording, value = threshold
    body = (f"**I. MỤC TIÊU**\n\nĐến năm 2028, tối thiểu 80% doanh nghiệp sử dụng nền tảng số.\n\n"
            f"**II. ĐIỀU KIỆN HỖ TRỢ**\n\n{wording.format(v=value)}\n")
    text = HEAD.format(issuer="ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", number="41/KH-UBND", kind=kind, subject=subject,
                       body=body)
    assert [(t.value, t.deadline) for t in extract_text(text, source="plan.md").targets] == [(80, date(2028, 12, 31))]


# Datelines with the day left blank for the signing, in the shapes converters leave them
BLANK_DAYS = [
    "Lâm Đồng, ngày     tháng 3 năm 2026",
    "Lâm Đồng, ngày tháng 03 năm 2026",
    "Hà Nội, ngày … tháng 3 năm 2026",
    "Đà Nẵng, ngày ..... tháng 3 năm 2026",
    "Cần Thơ, ngày ___ tháng 3 năm 2026",
    "Huế, ngày   /3/2026",
]


def _letterhead(dateline: str) -> tuple[Block, ...]:
    return tuple(Block("paragraph", t) for t in (
        "ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: /QĐ-UBND", dateline, "QUYẾT ĐỊNH", "Về việc công bố kết quả"))


@pytest.mark.parametrize("dateline", BLANK_DAYS)
def test_a_blank_day_dates_by_the_month_and_leaves_the_issue_date_unknown(dateline: str) -> None:
    head = blocks_to_letterhead(_letterhead(dateline), "vi")
    assert (head.issued, head.month) == (None, date(2026, 3, 1))


@pytest.mark.parametrize(("dateline", "issued"), [
    ("Lâm Đồng, ngày 5 tháng 3 năm 2026", date(2026, 3, 5)), ("Hà Nội, ngày tháng năm 2026", None)])
def test_a_full_date_is_the_issue_date_and_a_blank_month_dates_nothing(dateline: str, issued: date | None) -> None:
    head = blocks_to_letterhead(_letterhead(dateline), "vi")
    assert (head.issued, head.month) == (issued, None)


RESULTS = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: /QĐ-UBND

{dateline}

**QUYẾT ĐỊNH**

Công bố Chỉ số {index} năm {year} của các sở, ngành

**Điều 1.** Công bố kết quả Chỉ số {index} năm {year} của các sở, ngành tại Phụ lục kèm theo.

**PHỤ LỤC**

| Thứ hạng | Đơn vị | Điểm đạt được | Chỉ số chung |
|---|---|---|---|
| 1 | Sở Tư pháp | 82,78 | {a}% |
| 2 | Sở Nội vụ | 78,95 | {b}% |
"""

INDEXES = ["cải cách hành chính", "hài lòng của người dân", "chuyển đổi số"]


@pytest.mark.parametrize(("dateline", "index"), list(itertools.product(BLANK_DAYS, INDEXES)))
def test_figures_of_a_year_before_a_blank_day_letterhead_are_no_goals(dateline: str, index: str) -> None:
    text = RESULTS.format(dateline=dateline, index=index, year=2025, a="93,01", b="90,75")
    found = extract_text(text, source="results.md")
    assert found.targets == []
    assert found.document.issued is None
    assert {o.as_of for o in found.observations} <= {"2025"}


@pytest.mark.parametrize("index", INDEXES)
def test_a_sentence_dated_by_a_past_year_reports_a_result(index: str) -> None:
    body = (f"**I. KẾT LUẬN**\n\n1. Chỉ số {index} năm 2025 của tỉnh đạt 85,5%, tăng 2 bậc.\n\n"
            f"2. Năm 2027, Chỉ số {index} của tỉnh đạt 90%.\n")
    text = HEAD.format(issuer="ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", number="15/TB-UBND", kind="THÔNG BÁO",
                       subject="Kết luận của Chủ tịch UBND tỉnh", body=body)
    assert [(t.value, t.deadline) for t in extract_text(text, source="past.md").targets] == [(90, date(2027, 12, 31))]


@pytest.mark.parametrize("cited", ["Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024", "Nghị quyết số 57-NQ/TW năm 2024"])
def test_a_cited_document_year_in_the_title_is_no_reported_period(cited: str) -> None:
    """A plan implementing a document of last year keeps its goals: the cited date is not the
    period the title reports on."""
    text = (f"**CHÍNH PHỦ**\n\nSố: 03/NQ-CP\n\n*Hà Nội, ngày 9 tháng 1 năm 2025*\n\n**NGHỊ QUYẾT**\n\n"
            f"Ban hành Chương trình hành động thực hiện {cited}\n\n**I. NHIỆM VỤ**\n\n"
            "a) Phấn đấu bố trí tỷ lệ cán bộ có chuyên môn khoa học kỹ thuật, hướng tới tối thiểu đạt 25%.\n")
    assert [t.value for t in extract_text(text, source="cited.md").targets] == [25]
