"""Deadlines a period label line gives the goals listed under it, and target tables a page-layout
grid holds after other text.

Every line and row here is written for this test (none is copied from a corpus document).
"""

from __future__ import annotations

from datetime import date

import pytest

from extract.fields.targets import segmented_to_targets
from extract.load.grid import texts_to_grid
from schemas.blocks import Block, RawDocument, Section, Segmented
from schemas.records import DocumentInfo, Target

HORIZON = date(2030, 12, 31)


def _read(blocks: tuple[Block, ...], lang: str) -> list[Target]:
    raw = RawDocument("plan.md", "0" * 64, "markdown", blocks)
    seg = Segmented(raw, lang, (Section(None, "", blocks),), ())
    info = DocumentInfo(source="plan.md", sha256="0" * 64, format="markdown", language=lang, kind="plan",
                        issued=date(2025, 3, 1), horizon=HORIZON)
    return segmented_to_targets(seg, info)[0]


def _lines(*texts: str, heading: str, lang: str = "vi") -> list[tuple[float, date | None]]:
    blocks = (Block("heading", heading, level=2, line=1),
              *(Block("paragraph", text, line=i + 2) for i, text in enumerate(texts)))
    return [(t.value, t.deadline) for t in _read(blocks, lang)]


def test_a_period_label_line_dates_the_goals_listed_under_it() -> None:
    found = _lines("- Giai đoạn 2025-2027", "+ 100% hồ sơ được số hóa.", "+ 95% người dân hài lòng.",
                   "- Giai đoạn 2028-2030", "+ 80% dữ liệu được khai thác.", heading="Mục tiêu cụ thể")
    assert found == [(100, date(2027, 12, 31)), (95, date(2027, 12, 31)), (80, HORIZON)]


def test_a_period_label_ends_at_the_next_item_of_its_rank() -> None:
    found = _lines("a) Dịch vụ số", "- Giai đoạn 2025-2027", "+ 100% hồ sơ được số hóa.",
                   "- 90% thủ tục được giải quyết trực tuyến.", "b) Dữ liệu số", "- 70% dữ liệu được chia sẻ.",
                   heading="Mục tiêu cụ thể")
    assert found == [(100, date(2027, 12, 31)), (90, HORIZON), (70, HORIZON)]


def test_english_period_label_lines() -> None:
    found = _lines("- By 2027", "+ 90% of public services are provided online.", "- By 2030",
                   "+ 60% of adults use digital payments.", heading="Specific targets", lang="en")
    assert found == [(90, date(2027, 12, 31)), (60, HORIZON)]


@pytest.mark.parametrize("line", ["- Giai đoạn 2025-2027 hoàn thành xây dựng hạ tầng dùng chung",
                                  "- Giai đoạn 2025-2027 có 3 nền tảng"])
def test_a_line_saying_more_than_its_period_is_no_label(line: str) -> None:
    found = _lines(line, "+ 100% hồ sơ được số hóa.", heading="Mục tiêu cụ thể")
    assert (100, HORIZON) in found


LAYOUT_VI = (
    ("THỦ TƯỚNG CHÍNH PHỦ", "", "", "", "", "", "", "", ""),
    ("Số: 12/QĐ-TTg", "Điều 1. Phê duyệt Chương trình chuyển đổi số với các chỉ tiêu tại Phụ lục kèm theo.",
     "PHỤ LỤC I DANH MỤC CHỈ TIÊU", "TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan theo dõi", ""),
    ("I", "Giai đoạn 2025-2027", "", "", "", "", "", "", ""),
    ("", "", "1", "Tỉ lệ hồ sơ được số hóa", "%", "100%", "Bộ Nội vụ", "", ""),
    ("2", "Tỉ lệ người dân hài lòng", "%", "95%", "Bộ Nội vụ", "", "", "", ""),
    ("II", "Giai đoạn 2028-2030", "", "", "", "", "", "", ""),
    ("1", "Tỉ lệ dữ liệu được khai thác", "%", "80%", "Bộ Công an", "Nơi nhận: các bộ", "", "", ""),
    ("Văn phòng Chính phủ lưu 12 bản tại kho lưu trữ, 3 bản gửi Cổng thông tin.", "", "", "", "", "", "", "", ""),
)

LAYOUT_EN = (
    ("PRIME MINISTER", "", "", "", "", "", ""),
    ("No. 12/QD-TTg", "Article 1. The programme and the targets in the Appendix are approved.",
     "No.", "Indicator", "Unit", "Target", ""),
    ("I", "In the 2025-2027 period", "", "", "", "", ""),
    ("1", "Share of records digitised", "%", "100%", "", "", ""),
    ("II", "In the 2028-2030 period", "", "", "", "", ""),
    ("1", "Share of data reused", "%", "80%", "", "", ""),
    ("Note: the ministry reports on 15 indicators every year to the Prime Minister's office.", "", "", "", "", "", ""),
)


@pytest.mark.parametrize(("rows", "lang", "expected"), [
    (LAYOUT_VI, "vi", [(100, date(2027, 12, 31)), (95, date(2027, 12, 31)), (80, HORIZON)]),
    (LAYOUT_EN, "en", [(100, date(2027, 12, 31)), (80, HORIZON)]),
])
def test_a_target_table_inside_a_page_layout_grid_is_read_with_its_group_deadlines(
        rows: tuple[tuple[str, ...], ...], lang: str, expected: list[tuple[float, date]]) -> None:
    found = _read((Block("table", "", grid=texts_to_grid(rows, index=1), line=1),), lang)
    # the row of running text after the table ("… 12 bản …", "Note: …") is none of its rows
    assert [(t.value, t.deadline) for t in found if t.source.table is not None] == expected
    assert all(t.unit == "%" for t in found if t.source.table is not None)


def _outline(items: tuple[tuple[str, str], ...], lang: str, horizon: date | None = None) -> list[tuple[float, date | None]]:
    """Targets of a plan given as (kind, text) blocks, a title naming no year and the given horizon."""
    blocks = tuple(Block(kind, text, level=2 if kind == "heading" else 0, line=i + 1) for i, (kind, text) in enumerate(items))
    raw = RawDocument("plan.md", "0" * 64, "markdown", blocks)
    seg = Segmented(raw, lang, (Section(None, "", blocks),), ())
    info = DocumentInfo(source="plan.md", sha256="0" * 64, format="markdown", language=lang, kind="plan",
                        issued=date(2025, 3, 1), horizon=horizon, title="Chương trình phát triển Chính phủ số")
    return [(t.value, t.deadline) for t in segmented_to_targets(seg, info)[0]]


@pytest.mark.parametrize(("items", "lang"), [
    ((("paragraph", "II. MỤC TIÊU ĐẾN NĂM 2030"), ("paragraph", "- 100% hồ sơ được số hóa."),
      ("paragraph", "III. NHIỆM VỤ, GIẢI PHÁP"), ("paragraph", "- Hình thành tối thiểu 03 cụm trung tâm dữ liệu.")), "vi"),
    ((("paragraph", "II. TARGETS BY 2030"), ("paragraph", "- 100% of records are digitised."),
      ("paragraph", "III. TASKS"), ("paragraph", "- Build at least 3 data centre clusters.")), "en"),
])
def test_a_goal_part_heading_gives_the_horizon_to_a_plan_whose_title_names_none(
        items: tuple[tuple[str, str], ...], lang: str) -> None:
    assert _outline(items, lang) == [(100, HORIZON), (3, HORIZON)]


@pytest.mark.parametrize(("items", "lang", "expected"), [
    ((("paragraph", "III. NHIỆM VỤ, GIẢI PHÁP"), ("paragraph", "8. Bảo đảm kinh phí"),
      ("paragraph", "- Bố trí tối thiểu 03% ngân sách cho chuyển đổi số.")), "vi", [(3, HORIZON)]),
    ((("paragraph", "IV. KINH PHÍ THỰC HIỆN"), ("paragraph", "- Bố trí tối thiểu 03% ngân sách cho chuyển đổi số.")),
     "vi", []),
    ((("paragraph", "III. TASKS"), ("paragraph", "8. Ensuring funding"),
      ("paragraph", "- Allocate at least 3% of the budget to digital transformation.")), "en", [(3, HORIZON)]),
    ((("paragraph", "IV. FUNDING"), ("paragraph", "- Allocate at least 3% of the budget to digital transformation.")),
     "en", []),
])
def test_a_funding_heading_is_quiet_as_a_part_but_read_inside_the_tasks(
        items: tuple[tuple[str, str], ...], lang: str, expected: list[tuple[float, date]]) -> None:
    assert _outline(items, lang, HORIZON) == expected


@pytest.mark.parametrize(("item", "lang", "expected"), [
    ("+ 100% bộ, ngành đạt cấp độ 4 và 90% đạt cấp độ 5 mức độ trưởng thành về quản trị dữ liệu.", "vi", [100, 90]),
    ("+ 100% dịch vụ công trực tuyến mức độ 4 được cung cấp.", "vi", [100]),
    ("+ 100% cơ quan, tổ chức sử dụng ít nhất 01 ứng dụng AI để phục vụ điều hành.", "vi", [100]),
    ("+ Mỗi xã có ít nhất 01 điểm phục vụ dịch vụ công.", "vi", [1]),
    ("+ 100% xã hoàn thành chuyển đổi số, tối thiểu 5 huyện đạt chuẩn huyện thông minh.", "vi", [100, 5]),
    ("+ 80% of households have at least 1 member with basic digital skills.", "en", [80]),
    ("+ 100% of agencies use level 4 services.", "en", [100]),
])
def test_levels_and_counts_that_qualify_a_share_are_no_goals(item: str, lang: str, expected: list[float]) -> None:
    found = _outline((("paragraph", "II. MỤC TIÊU" if lang == "vi" else "II. TARGETS"), ("paragraph", item)), lang, HORIZON)
    assert [value for value, _ in found] == expected


@pytest.mark.parametrize("mark", ["- ", "+ ", "a) ", "1. ", ""])
@pytest.mark.parametrize("label", [("Giai đoạn 2026 - 2028",), ("b) Phát triển hạ tầng số", "Giai đoạn 2026 - 2028"),
                                   ("Hạ tầng được đầu tư đồng bộ. Giai đoạn 2026 - 2028",)])
def test_an_unmarked_period_label_dates_every_item_under_it_whatever_its_marks(label: tuple[str, ...], mark: str) -> None:
    """An unmarked label (alone, or run onto the item above it) is ended by a heading or another
    label, never by the list marks of the items it heads."""
    found = _lines(*label, f"{mark}100% hồ sơ được số hóa.", f"{mark}95% người dân hài lòng.", heading="Mục tiêu cụ thể")
    assert found == [(100, date(2028, 12, 31)), (95, date(2028, 12, 31))]
