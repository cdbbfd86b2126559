"""The Word loader on real plans (tests/data/docx/, copies of the shared corpus files).

Expected grids and blocks were written by reading each document in Word's XML, cell by cell,
not by running the loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract_file
from extract.load import load_file
from schemas.blocks import Block, Grid, RawDocument

DATA = Path(__file__).parent / "data" / "docx"
KH2242 = DATA / "kh2242-laocai-sct-kiemtra-vlncn-2026.docx"
LAOCAI = DATA / "laocai-kh-ct11-khoangsan-2026.docx"
CV_LAMDONG = DATA / "cv-lamdong-bcd-cqdp2cap-2025.docx"
KH_LAMDONG = DATA / "kh-lamdong-ctmtqg-pcmt-2030.docx"
DEAN08 = DATA / "laocai-sct-dean08-congnghiep-2026-2030.docx"


def grids(raw: RawDocument) -> list[Grid]:
    return [b.grid for b in raw.blocks if b.grid is not None]


def texts(raw: RawDocument) -> list[str]:
    return [b.text for b in raw.blocks if b.kind != "table"]


def block(raw: RawDocument, text: str) -> Block:
    return next(b for b in raw.blocks if b.text == text)


def test_kh2242_task_table_numbers_come_from_word_numbering() -> None:
    raw = load_file(KH2242)
    [grid] = grids(raw)
    assert (grid.height, grid.width) == (10, 4)
    assert grid.texts(0) == ("TT", "Nhiệm vụ thực hiện", "Người thực hiện", "Ghi chú")
    assert [grid.texts(r)[0] for r in range(1, 10)] == [f"{n}." for n in range(1, 10)]
    assert grid.texts(1) == ("1.", "Rà soát việc đáp ứng các điều kiện của học viên",
                             "Đỗ Mạnh Cường\nVũ Việt Linh\nNguyễn Thị Loan", "")
    assert grid.texts(9) == ("9.", "Trình ký chứng chỉ", "Đỗ Mạnh Cường", "")
    assert grid.index == 1 and grid.loader == "docx"


def test_kh2242_letterhead_is_text_in_reading_order() -> None:
    raw = load_file(KH2242)
    assert texts(raw)[:6] == [
        "UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG",  # the issuer block right above the motto
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Lào Cai, ngày tháng 4 năm 2026", "Số: /KH-SCT",
    ]
    assert all(b.kind == "paragraph" for b in raw.blocks[:6])


def test_kh2242_signature_block_is_text_and_task_table_follows_its_heading() -> None:
    raw = load_file(KH2242)
    body = texts(raw)
    assert body.index("Nơi nhận:") < body.index("Hoàng Văn Thuân")
    kinds = [(b.kind, b.text) for b in raw.blocks]
    title = "PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC KIỂM TRA, CẤP GIẤY CHỨNG NHẬN HUẤN LUYỆN KỸ THUẬT AN TOÀN VLNCN"
    heading = ("heading", title)
    assert kinds.index(heading) < len(kinds) - 1
    assert kinds[-1][0] == "table"


def test_kh2242_headings_by_bold_and_numbering() -> None:
    raw = load_file(KH2242)
    assert (block(raw, "KẾ HOẠCH").kind, block(raw, "KẾ HOẠCH").level) == ("heading", 1)
    title = "Kiểm tra, cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn\nvật liệu nổ công nghiệp, tiền chất thuốc nổ trên địa bàn tỉnh Lào Cai"
    assert block(raw, title).kind == "heading"
    assert (block(raw, "I. MỤC ĐÍCH, YÊU CẦU").kind, block(raw, "I. MỤC ĐÍCH, YÊU CẦU").level) == ("heading", 1)
    assert (block(raw, "1. Mục đích").kind, block(raw, "1. Mục đích").level) == ("heading", 2)
    assert block(raw, "III. TỔ CHỨC THỰC HIỆN").kind == "heading"
    dash = "Đối tượng tham gia kiểm tra đầy đủ, đúng thành phần đã được đăng ký kiểm tra với Sở Công Thương."
    assert block(raw, dash).kind == "list_item"  # typed "- " dropped, as Markdown list items drop it


def test_laocai_appendix_table_with_numbering_row() -> None:
    raw = load_file(LAOCAI)
    [grid] = grids(raw)
    assert (grid.height, grid.width) == (16, 6)
    assert grid.texts(0) == ("TT", "Tên nhiệm vụ", "Sở, ngành chủ trì tham mưu", "Đơn vị phối hợp thực hiện",
                             "Thời gian thực hiện", "Ghi chú")
    assert grid.texts(1) == ("", "(1)", "(2)", "(3)", "(4)", "(5)")
    assert [grid.texts(r)[0] for r in range(2, 16)] == [str(n) for n in range(1, 15)]
    assert grid.texts(2)[2:5] == ("Các Sở, ban, ngành; UBND các xã, phường",
                                  "Các Sở, ban, ngành và các cơ quan, đơn vị, địa phương liên quan",
                                  "Xong trong Quý II/2026")
    assert grid.texts(7)[2] == "Sở Công Thương; Sở Xây dựng"
    assert grid.texts(15)[4] == "Thường xuyên"


def test_laocai_heading_styled_bullets_stay_list_items() -> None:
    raw = load_file(LAOCAI)
    first = next(b for b in raw.blocks if b.text.startswith("Tổ chức quán triệt sâu rộng Chỉ thị 11"))
    assert first.kind == "list_item"
    styled = block(raw, "1. Công tác tuyên truyền, phổ biến pháp luật về khoáng sản")
    assert styled.kind == "heading"
    assert block(raw, "II. NHIỆM VỤ, GIẢI PHÁP").level == 1
    assert texts(raw)[:5] == ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                              "Độc lập - Tự do - Hạnh phúc", "Lào Cai, ngày tháng năm 2026", "Số: /KH-UBND"]


def test_cv_lamdong_outline_level_on_every_paragraph_is_ignored() -> None:
    raw = load_file(CV_LAMDONG)
    assert grids(raw) == []
    item = next(b for b in raw.blocks if b.text.startswith("(1) Tiếp tục phối hợp với các doanh nghiệp"))
    assert item.kind == "paragraph"
    assert block(raw, "Đơn vị chủ trì thực hiện: Sở Khoa học và Công nghệ.").kind == "list_item"
    group = block(raw, "1. Hoàn thiện hạ tầng công nghệ thông tin")
    assert (group.kind, group.level) == ("heading", 2)
    assert raw.pages == 5  # the LibreOffice print of this file has 5 pages too
    assert texts(raw)[:8] == ["UBND TỈNH LÂM ĐỒNG",
                              "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO,",
                              "CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                              "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày tháng 8 năm 2025", "Số: /BCĐ",
                              "V/v triển khai thực hiện các nhiệm vụ"]
    assert "Nguyễn Ngọc Phúc" in texts(raw)


def test_kh_lamdong_has_only_layout_tables() -> None:
    raw = load_file(KH_LAMDONG)
    assert grids(raw) == []
    assert texts(raw)[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG",
                              "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                              "Lâm Đồng, ngày tháng 10 năm 2025", "Số: /KH-UBND"]
    agency = block(raw, "1.2. Công an tỉnh")
    assert (agency.kind, agency.level) == ("heading", 3)
    assert block(raw, "II. CHỈ TIÊU CHỦ YẾU THỰC HIỆN ĐẾN NĂM 2030").level == 1


def test_dean08_report_templates_are_grids_layout_tables_are_text() -> None:
    raw = load_file(DEAN08)
    found = grids(raw)
    assert [(g.height, g.width) for g in found] == [(8, 8), (6, 8)]
    assert found[0].texts(0)[:3] == ("TT", "Tên nhiệm vụ /Dự án", "Vai trò (Chủ trì/ Phối hợp)")
    assert all(not any(found[0].texts(r)) for r in range(1, 8))
    assert texts(raw)[0] == "UBND TỈNH LÀO CAI"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.docx")), ids=lambda p: p.name)
def test_every_corpus_docx_extracts(path: Path) -> None:
    result = extract_file(path)
    assert result.document.format == "docx"
    assert result.document.language == "vi"
