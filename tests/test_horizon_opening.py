"""A plan's horizon comes from its own opening, never from a cited document's issue year or
from a site's footer after the body (a saved page that repeats the title under "Văn bản liên quan")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from extract.fields.document import segmented_to_document, without_issue_years
from extract.fields.target_outline import preamble_horizon
from extract.fields.targets import segmented_to_targets
from extract.load.grid import texts_to_grid
from schemas.blocks import Block, RawDocument, Section, Segmented


@pytest.mark.parametrize(("text", "expected"), [
    ("Quyết định 2629/QĐ-TTg năm 2025 phê duyệt Chương trình phát triển Chính phủ số",
     "Quyết định 2629/QĐ-TTg phê duyệt Chương trình phát triển Chính phủ số"),
    ("Kế hoạch 15/KH-UBND năm 2026 về chuyển đổi số", "Kế hoạch 15/KH-UBND về chuyển đổi số"),
    ("Nghị quyết 03/NQ-CP Năm 2025", "Nghị quyết 03/NQ-CP"),
    # a year that does not follow a number is the text's own
    ("Kế hoạch chuyển đổi số năm 2026", "Kế hoạch chuyển đổi số năm 2026"),
    ("Kế hoạch số 15/KH-UBND thực hiện đến năm 2030", "Kế hoạch số 15/KH-UBND thực hiện đến năm 2030"),
    ("Quyết định 2629/QĐ-TTg ngày 01/12/2025", "Quyết định 2629/QĐ-TTg ngày 01/12/2025"),
])
def test_a_cited_documents_issue_year_is_dropped(text: str, expected: str) -> None:
    assert without_issue_years(text, "vi") == expected


def _page(opening: list[str], footer: list[str], year: int) -> Segmented:
    """A saved page: opening paragraphs, the body in one long layout table, then the footer."""
    body = texts_to_grid([[f"Dòng {n} của văn bản"] for n in range(8)] + [["II. MỤC TIÊU ĐẾN NĂM 2030"],
                                                                          ["- Phủ sóng 5G đạt 100% số xã."]])
    blocks = (
        *(Block("paragraph", t, line=i + 1) for i, t in enumerate(opening)),
        Block("table", "\n".join(c.text for row in body.rows for c in row), grid=body, line=20),
        *(Block("paragraph", t, line=40 + i) for i, t in enumerate(footer)),
        Block("heading", "Văn bản liên quan", level=2, line=60),
        Block("paragraph", f"Ban hành: 19/11/{year}", line=61),
    )
    raw = RawDocument("page.md", "0" * 64, "markdown", blocks)
    roles = (Section("objectives", "I. MỤC TIÊU", ()), Section("tasks", "II. NHIỆM VỤ", ()))
    return Segmented(raw, "vi", (Section(None, "", blocks), *roles), ())


@pytest.mark.parametrize(("footer", "year"), [
    ("Quyết định {n}/QĐ-TTg năm {y} phê duyệt Chương trình phát triển Chính phủ số", 2025),
    ("Kế hoạch {n}/KH-UBND năm {y} về chuyển đổi số do Ủy ban nhân dân tỉnh ban hành", 2026),
    ("Chương trình {n}/CTr-UBND thực hiện đến năm {y}", 2035),
])
def test_a_footer_after_the_body_gives_no_horizon(footer: str, year: int) -> None:
    seg = _page(["Số: 12/QĐ-TTg"], [footer.format(n=12, y=year)], year)
    document = segmented_to_document(seg)
    assert document.kind == "plan" and document.horizon is None
    assert preamble_horizon(seg, document) is None


def test_the_opening_still_gives_the_horizon() -> None:
    seg = _page(["Số: 12/QĐ-TTg", "KẾ HOẠCH PHÁT TRIỂN HẠ TẦNG SỐ GIAI ĐOẠN 2026 - 2030"],
                ["Kế hoạch 12/KH-UBND năm 2025 về hạ tầng số"], 2025)
    assert segmented_to_document(seg).horizon == date(2030, 12, 31)


def test_a_title_naming_its_issue_year_gives_targets_no_deadline() -> None:
    """"Quyết định 2629/QĐ-TTg năm 2025 …" as the title: its year is when it was issued."""
    blocks = (Block("paragraph", "- Phủ sóng 5G đạt 100% số xã.", line=1),)
    raw = RawDocument("plan.md", "0" * 64, "markdown", blocks)
    seg = Segmented(raw, "vi", (Section(None, "", blocks),), ())
    document = replace(segmented_to_document(seg), kind="plan", issued=date(2025, 3, 1),
                       title="Quyết định 2629/QĐ-TTg năm 2025 phê duyệt Chương trình phát triển Chính phủ số")
    assert [t.deadline for t in segmented_to_targets(seg, document)[0]] == [None]


def _plan(title: str, issued: date | None) -> Segmented:
    """A plan with the given letterhead title (and dateline when issued is given)."""
    blocks: list[Block] = [Block("paragraph", "Số: 12/KH-UBND", line=1), Block("paragraph", "KẾ HOẠCH", line=2),
                           Block("paragraph", title, line=3)]
    if issued is not None:
        dateline = f"Hà Nội, ngày {issued.day} tháng {issued.month} năm {issued.year}"
        blocks.insert(1, Block("paragraph", dateline, line=1))
    raw = RawDocument("plan.md", "0" * 64, "markdown", tuple(blocks))
    roles = (Section("objectives", "I. MỤC TIÊU", ()), Section("tasks", "II. NHIỆM VỤ", ()))
    return Segmented(raw, "vi", (Section(None, "", tuple(blocks)), *roles), ())


@pytest.mark.parametrize(("title", "issued", "expected"), [
    ("TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2026", None, date(2026, 12, 31)),
    ("Chương trình lập pháp năm 2027", date(2026, 12, 20), date(2027, 12, 31)),
    ("Lịch phổ biến thông tin thống kê năm 2026 của Bộ Nội vụ", date(2026, 1, 5), date(2026, 12, 31)),
    # a cited document's date or issue year, or a year before the plan's own, is no horizon
    ("Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị", date(2025, 1, 9), None),
    ("Thực hiện Quyết định 2629/QĐ-TTg năm 2025 của Thủ tướng Chính phủ", date(2025, 12, 20), None),
    ("Tổng kết công tác năm 2024", date(2025, 1, 9), None),
])
def test_the_year_an_annual_plans_title_names_is_its_horizon(title: str, issued: date | None,
                                                              expected: date | None) -> None:
    assert segmented_to_document(_plan(title, issued)).horizon == expected



@pytest.mark.parametrize("number", ["12/QĐ-TTg", "1383/QĐ-BNV"])
def test_a_page_footer_after_the_table_holding_the_document_cites_nothing(number: str) -> None:
    """A saved page wraps the whole document, number and all, in one layout table; a notice after
    it ("Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân") is the site's, not a reference."""
    rows = [[f"Số: {number}"], ["QUYẾT ĐỊNH"], ["Căn cứ Nghị định số 62/2024/NĐ-CP ngày 07/6/2024;"],
            *([f"Điều {n}. Nội dung"] for n in range(1, 6))]
    body = texts_to_grid(rows)
    blocks = (Block("table", "\n".join(r[0] for r in rows), grid=body, line=1),
              Block("paragraph", "Căn cứ Nghị định số 94/2022/NĐ-CP ngày 07/11/2022;", line=30),
              Block("paragraph", "Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân", line=40))
    seg = Segmented(RawDocument("page.md", "0" * 64, "markdown", blocks), "vi", (Section(None, "", blocks),), ())
    assert [r.number for r in segmented_to_document(seg).references] == []
    # the same text with no table holding the number: every citation is the document's own
    loose = Segmented(RawDocument("page.md", "0" * 64, "markdown", blocks[1:]), "vi", (Section(None, "", blocks[1:]),), ())
    assert [r.number for r in segmented_to_document(loose).references] == ["94/2022/NĐ-CP", "13/2023/NĐ-CP"]


@pytest.mark.parametrize("opener", ["Thực hiện", "Căn cứ", "Triển khai"])
@pytest.mark.parametrize(("background", "period", "expected"), [
    # the documents after the first ';' are background: their periods are not the plan's
    ("Quyết định số 142/QĐ-TTg phê duyệt Chiến lược dữ liệu quốc gia đến năm 2030", "", None),
    ("Quyết định 749/QĐ-TTg phê duyệt Chương trình giai đoạn 2021 - 2025", "", None),
    # the document the plan carries out names the plan's period
    ("Quyết định số 142/QĐ-TTg phê duyệt Chiến lược dữ liệu quốc gia đến năm 2030", " giai đoạn 2026 - 2028",
     date(2028, 12, 31)),
    ("Nghị định số 278/2025/NĐ-CP của Chính phủ", " đến năm 2027", date(2027, 12, 31)),
])
def test_only_the_carried_out_document_of_a_basis_paragraph_gives_the_horizon(
        opener: str, background: str, period: str, expected: date | None) -> None:
    basis = f"{opener} Đề án số 08 về phát triển công nghiệp tỉnh{period}; {background}; Kế hoạch số 5/KH-UBND"
    seg = _page(["Số: 12/KH-UBND", "KẾ HOẠCH", basis], [], 2025)
    assert segmented_to_document(seg).horizon == expected
