"""Counts a letter reports, and the size of a whole a goal names, are no goals.

Every sentence and row here is written for this test (none is copied from a corpus document);
the sentences are rendered from parts, so each rule is checked on many inputs.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from extract import extract_text
from extract.fields.target_figures import sentence_to_figures
from tests.news_reading import read_news

LETTER = """**BỘ KHOA HỌC VÀ CÔNG NGHỆ**

Số: 77/BKHCN-VP

*Hà Nội, ngày 12 tháng 3 năm 2026*

V/v đẩy nhanh tiến độ chuyển đổi số

{body}

Bộ Khoa học và Công nghệ yêu cầu các đơn vị khẩn trương triển khai các nhiệm vụ được giao.
"""

DOCUMENT_TYPES = [("Quyết định", 6), ("Kế hoạch", 2), ("Công văn", 5), ("Thông báo", 3)]
# the names [counted_units] gives them in the output; a type it does not name keeps its word
NAMES = {"Quyết định": "decisions", "Kế hoạch": "plans", "Công văn": "official letters", "Thông báo": "thông báo"}
OPENERS = ["Thời gian qua, để triển khai chỉ đạo của cấp trên, Bộ đã ban hành",
           "Những năm qua, Bộ đã ban hành các văn bản quan trọng gồm:",
           "Trong thời gian vừa qua, Bộ đã ban hành"]


@pytest.mark.parametrize("size", [1, 2, 3, 4])
@pytest.mark.parametrize("opener", OPENERS)
def test_counted_document_types_a_letter_looks_back_on_are_observations(opener: str, size: int) -> None:
    """ "06 Quyết định, 02 Kế hoạch": capitalised document types are counted nouns, and a sentence
    opening with "Thời gian qua" (over the past period) tells what has been done."""
    for chosen in itertools.permutations(DOCUMENT_TYPES, size):
        listed = ", ".join(f"{n:02d} {kind}" for kind, n in chosen)
        body = f"{opener} {listed} đôn đốc, giao nhiệm vụ (danh sách chi tiết kèm theo)."
        found = extract_text(LETTER.format(body=body), source="letter.md")
        assert found.targets == [], chosen
        assert [(o.value, o.unit) for o in found.observations] == [(n, NAMES[kind]) for kind, n in chosen]
        assert {o.as_of for o in found.observations} == {"2026-03"}


@pytest.mark.parametrize(("sentence", "counted"), [
    ("Đã ban hành 02 Kế hoạch và 03 Quyết định.", [(2, "kế hoạch"), (3, "quyết định")]),
    ("06 MANG LẠI HIỆU QUẢ", []),  # a heading in capitals: not a count of documents
    ("Các văn bản gồm: 06 Quyết định.", [(6, "quyết định")]),  # not "bản" (villages) read backwards
])
def test_a_capitalised_document_type_is_the_noun_a_number_counts(sentence: str, counted: list[tuple[int, str]]) -> None:
    figures, _ = sentence_to_figures(sentence, "vi")
    assert [(f.q.value, f.unit) for f in figures] == counted


PLAN = """**ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH**

Số: 40/KH-UBND

*Hòa Bình, ngày 5 tháng 1 năm 2026*

**KẾ HOẠCH**

Chuyển đổi số ngành giáo dục

**I. MỤC TIÊU**

{goal}

**II. NHIỆM VỤ**

| TT | Tên nhiệm vụ | Đơn vị chủ trì | Mục tiêu, quy mô | Thời gian thực hiện |
|---|---|---|---|---|
| 1 | Triển khai hệ thống quản lý trường học | Sở Giáo dục và Đào tạo | {cell} | 2026-2028 |
"""

WHOLES = [("tất cả các trường học trong tỉnh", "trường"), ("toàn bộ các bệnh viện công lập", "bệnh viện"),
          ("tất cả các xã trên địa bàn", "xã")]
SIZES = ["({approx}{n} {noun})", ", gồm {approx}{n} {noun}", ", bao gồm {approx}{n} {noun}"]
APPROX = ["", "khoảng ", "khoảng trên ", "gần "]


@pytest.mark.parametrize(("whole", "noun"), WHOLES)
@pytest.mark.parametrize("size", SIZES)
def test_the_size_of_a_whole_a_goal_names_is_no_goal(whole: str, noun: str, size: str) -> None:
    """ "tiến tới triển khai tại tất cả các trường học (khoảng trên 800 trường)": the share (all,
    100%) is the goal; the count only tells how large the whole is, in the goal part and in a
    task's outputs cell alike."""
    for approx, n in zip(APPROX, (800, 120, 95, 1500)):
        told = size.format(approx=approx, n=n, noun=noun)
        goal = f"Đến năm 2028, triển khai tại {whole} {told}."
        cell = f"Thí điểm tại 10 trường; tiến tới triển khai tại {whole} {told}"
        found = extract_text(PLAN.format(goal=goal, cell=cell), source="plan.md")
        values = sorted((t.value, t.deadline) for t in found.targets)
        assert (n, date(2028, 12, 31)) not in values, (told, values)
        assert (100, date(2028, 12, 31)) in values, (told, values)


def test_a_count_after_a_scope_word_without_a_whole_is_still_a_goal() -> None:
    """Only a whole sizes: "gồm 05 nền tảng" alone lists what the goal builds."""
    goal = "Đến năm 2028, xây dựng hệ thống nền tảng số của tỉnh, gồm 05 nền tảng."
    found = extract_text(PLAN.format(goal=goal, cell="Vận hành hệ thống"), source="plan.md")
    assert [(t.value, t.deadline) for t in found.targets] == [(5, date(2028, 12, 31))]


def test_english_news_the_size_of_all_schools_is_an_observation() -> None:
    targets, seen = read_news("By 2027 the city will connect all schools in the province (about 800 schools) "
                              "to fibre.", issued=date(2025, 5, 1))
    assert [t.value for t in targets] == [100]
    assert [o.value for o in seen] == [800]


PLEDGES_VI = ["vượt cam kết triển khai tối thiểu {v} trạm 5G", "hoàn thành chỉ tiêu {v} trạm 5G",
              "vượt mục tiêu {v} trạm 5G"]
PLEDGES_EN = ["exceeded its commitment to deploy at least {v} 5G stations", "beat its target of {v} 5G stations"]


@pytest.mark.parametrize(("lang", "pledge"), [("vi", p) for p in PLEDGES_VI] + [("en", p) for p in PLEDGES_EN])
@pytest.mark.parametrize("value", [20000, 1500])
def test_a_commitment_a_news_sentence_tells_was_met_is_a_goal(lang: str, pledge: str, value: int) -> None:
    """The figure a commitment names is its goal; the count reached beside it is the observation."""
    written = f"{value:,}".replace(",", "." if lang == "vi" else ",")
    reached = "22.758" if lang == "vi" else "22,758"
    if lang == "vi":
        text = f"Ngày 25/12/2025, Bộ đã ghi nhận Viettel {pledge.format(v=written)}, với tổng số {reached} trạm."
    else:
        text = (f"On 25 December 2025 the ministry confirmed that Viettel {pledge.format(v=written)}, "
                f"with {reached} stations.")
    targets, seen = read_news(text, lang=lang, issued=date(2025, 12, 26))
    assert [t.value for t in targets] == [value]
    assert [o.value for o in seen] == [22758]


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Mục tiêu của tỉnh là 80% hộ gia đình có cáp quang và 100% xã có sóng 5G."),
    ("en", "The target of the province is 80% of households on fibre and 100% of communes with 5G."),
])
def test_a_target_not_told_as_met_still_makes_every_figure_a_goal(lang: str, text: str) -> None:
    targets, seen = read_news(text, lang=lang, issued=date(2025, 12, 26))
    assert [t.value for t in targets] == [80, 100] and seen == []


@pytest.mark.parametrize(("whole", "noun"), [("tất cả các bệnh viện", "bệnh viện"), ("tất cả các xã", "xã"),
                                             ("toàn bộ các trường học", "trường học")])
def test_all_at_a_whole_is_one_goal_even_when_digits_say_it_again(whole: str, noun: str) -> None:
    """ "triển khai tại tất cả các X" is a 100% goal; "(100% X …)" beside it in the same sentence
    says it again in digits: one goal, not two."""
    alone = f"Đến năm 2028, triển khai hồ sơ điện tử tại {whole} trên địa bàn tỉnh."
    found = extract_text(PLAN.format(goal=alone, cell="Vận hành hệ thống"), source="plan.md")
    assert [(t.value, t.deadline) for t in found.targets] == [(100, date(2028, 12, 31))]
    again = f"Đến năm 2028, triển khai hồ sơ điện tử tại {whole} trên địa bàn tỉnh (100% {noun} phải triển khai)."
    found = extract_text(PLAN.format(goal=again, cell="Vận hành hệ thống"), source="plan.md")
    assert [(t.value, t.deadline) for t in found.targets] == [(100, date(2028, 12, 31))]
