"""Document facts from a letterhead, whatever the format put around it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract import extract_file, extract_text
from extract.fields.letterhead import blocks_to_letterhead
from extract.load.grid import texts_to_grid
from schemas.blocks import Block

ROOT = Path(__file__).resolve().parent.parent
# Real documents: the gated corpus, and test data for the one without gold (kh3260).
REAL_DIRS = (ROOT / "corpus" / "docs", ROOT / "tests" / "data" / "prose")


def _real(name: str) -> Path:
    return next(d / name for d in REAL_DIRS if (d / name).exists())


def _doc(text: str) -> tuple[str | None, date | None, str | None, str, str | None]:
    d = extract_text(text, source="x.md").document
    return d.number, d.issued, d.issuer, d.kind, d.title


def test_converter_letterhead_with_wrapped_date_and_emphasis() -> None:
    text = (
        "|\n**ỦY BAN NHÂN DÂN**\nTỈNH ĐỒNG NAI\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\n|\n|\nSố: 12/KH-UBND\n|\n*Đồng Nai, ngày 15\ntháng 3 năm 2026*\n|\n\n"
        "**KẾ HOẠCH**\n\nPHÁT TRIỂN HẠ TẦNG SỐ GIAI ĐOẠN 2026 - 2030\n\nCăn cứ Luật Viễn thông;\n\n"
        "I. MỤC TIÊU\n\nPhủ sóng 5G toàn tỉnh.\n"
    )
    number, issued, issuer, kind, title = _doc(text)
    assert (number, issued, issuer, kind) == ("12/KH-UBND", date(2026, 3, 15), "Ủy ban nhân dân tỉnh Đồng Nai", "plan")
    assert title == "Kế hoạch PHÁT TRIỂN HẠ TẦNG SỐ GIAI ĐOẠN 2026 - 2030"
    assert extract_text(text, source="x.md").document.horizon == date(2030, 12, 31)


def test_number_line_led_by_the_document_type() -> None:
    """A web page that prints the heading on one line: "Nghị quyết số: 119/2026/UBTVQH15"."""
    text = (
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh Phúc\n\n"
        "Nghị quyết số: 119/2026/UBTVQH15\n\nNGHỊ QUYẾT\n\nĐiều chỉnh Chương trình lập pháp năm 2026\n\n"
        "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;\n"
    )
    number, _, _, _, title = _doc(text)
    assert (number, title) == ("119/2026/UBTVQH15", "Nghị quyết Điều chỉnh Chương trình lập pháp năm 2026")


def test_parent_and_issuer_lines_give_the_department_of_that_province() -> None:
    text = (
        "UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: /KH-SCT\n\nLào Cai, ngày     tháng 4 năm 2026\n\nKẾ HOẠCH\n\nKiểm tra vật liệu nổ công nghiệp\n\n"
        "Sở Công Thương ban hành kế hoạch kiểm tra.\n"
    )
    number, issued, issuer, kind, _ = _doc(text)
    assert (number, issued, issuer, kind) == (None, None, "Sở Công Thương tỉnh Lào Cai", "plan")


def test_letterhead_table_with_both_columns() -> None:
    """A Word letterhead is a layout table: issuer and number left, motto and date right."""
    grid = texts_to_grid([["ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
                          ["Số: 34/TB-UBND", "Lâm Đồng, ngày 2 tháng 8 năm 2025"]])
    blocks = (Block("table", grid=grid), Block("paragraph", "THÔNG BÁO"), Block("paragraph", "Kết luận của Phó Chủ tịch"))
    head = blocks_to_letterhead(blocks, "vi")
    assert (head.number, head.issued, head.issuer, head.doc_type, head.is_plan) == (
        "34/TB-UBND", date(2025, 8, 2), "Ủy ban nhân dân tỉnh Lâm Đồng", "Thông báo", False)


def test_pdf_line_holding_both_columns() -> None:
    blocks = (Block("paragraph", "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                                 "Số: 5/QĐ-BTC Hà Nội, ngày 3/2/2026"),)
    head = blocks_to_letterhead(blocks, "vi")
    assert (head.number, head.issued, head.issuer) == ("5/QĐ-BTC", date(2026, 2, 3), "Bộ tài chính")


def test_site_chrome_before_the_letterhead_is_passed_over() -> None:
    text = (
        "Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT.\n\nCÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN\n\n"
        "Số hiệu: 9/QĐ-TTg\n\nTHỦ\nTƯỚNG CHÍNH PHỦ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 9/QĐ-TTg\n\n"
        "Hà Nội, ngày 19 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\nPHÊ DUYỆT KẾ HOẠCH HÀNH ĐỘNG QUỐC GIA\n\n"
        "THỦ TƯỚNG CHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nĐiều 1. Thủ tướng Chính phủ phê duyệt.\n"
    )
    number, issued, issuer, kind, title = _doc(text)
    assert (number, issued, issuer, kind) == ("9/QĐ-TTg", date(2025, 11, 19), "Thủ tướng Chính phủ", "plan")
    assert title == "Quyết định PHÊ DUYỆT KẾ HOẠCH HÀNH ĐỘNG QUỐC GIA"


def test_english_letterhead() -> None:
    blocks = (Block("paragraph", "MINISTRY OF FINANCE\nSOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness"),
              Block("paragraph", "No.: 12/KH-BTC"), Block("paragraph", "Hanoi, March 15, 2026"),
              Block("paragraph", "PLAN"), Block("paragraph", "DIGITAL TRANSFORMATION TO 2030"))
    head = blocks_to_letterhead(blocks, "en")
    assert (head.number, head.issued, head.doc_type, head.is_plan) == ("12/KH-BTC", date(2026, 3, 15), "Plan", True)
    assert head.issuer == "Ministry of finance"


def test_no_letterhead_no_facts() -> None:
    blocks = (Block("paragraph", "Hà Nội (TTXVN) - Sáng nay, 100 trạm 5G được lắp đặt."),)
    head = blocks_to_letterhead(blocks, "vi")
    assert (head.number, head.issued, head.issuer) == (None, None, None)


GOLD_FACTS = [
    ("kh141-bacninh-phapluat-nhanluc-labelled.md", "141/KH-UBND", date(2025, 11, 20), "Ủy ban nhân dân tỉnh Bắc Ninh"),
    ("kh179-dongnai-kinhteso-2026-2030.md", "179/KH-UBND", date(2025, 11, 18), "Ủy ban nhân dân tỉnh Đồng Nai"),
    ("kh552-dongthap-doimoicongnghe-2035.md", "552/KH-UBND", date(2025, 11, 19), "Ủy ban nhân dân tỉnh Đồng Tháp"),
    ("kh987-nghean-5g-iot-kcn-prose.md", "987/KH-UBND", date(2025, 11, 20), "Ủy ban nhân dân tỉnh Nghệ An"),
    ("qd2530-ttg-khongkhi-2phuluc.md", "2530/QĐ-TTg", date(2025, 11, 19), "Thủ tướng Chính phủ"),
    ("qd2597-ttg-cds-hatangxaydung.md", "2597/QĐ-TTg", date(2025, 11, 27), "Thủ tướng Chính phủ"),
    ("qd2820-hcm-csdl-quyhoach.md", "2820/QĐ-UBND", date(2025, 11, 19), "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("cv6225-bvhttdl-cds-nguoichiutrachnhiem.md", "6225/BVHTTDL-VP", date(2025, 11, 18), "Bộ Văn hóa, Thể thao và Du lịch"),
    ("kh3260-ddqh-nq57-prose.md", "3260-KH/ĐĐQH15", date(2025, 1, 10), "Đảng đoàn Quốc hội"),
    ("qd1383-bnv-lichphobien-thongke-2026.md", "1383/QĐ-BNV", date(2025, 11, 26), "Bộ Nội vụ"),
]


@pytest.mark.parametrize(("name", "number", "issued", "issuer"), GOLD_FACTS)
def test_real_letterheads(name: str, number: str, issued: date, issuer: str) -> None:
    doc = extract_file(_real(name)).document
    assert (doc.number, doc.issued, doc.issuer) == (number, issued, issuer)
    assert doc.kind == "plan" or not name.startswith(("kh", "qd"))  # a letter is a plan by its task table


def test_word_letterhead_read_column_by_column() -> None:
    """A Word letterhead table comes out left column first: issuer, number, subject, then motto and date."""
    blocks = tuple(Block("paragraph", t) for t in (
        "UBND TỈNH LÂM ĐỒNG", "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ,", "CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06", "Số: /BCĐ",
        "V/v triển khai các nhiệm vụ", "trọng tâm", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
        "Lâm Đồng, ngày    tháng 8 năm 2025", "Kính gửi: Các sở, ban, ngành",
        "Ban Chỉ đạo phát triển khoa học, công nghệ, chuyển đổi số và Đề án 06 tỉnh đề nghị:"))
    head = blocks_to_letterhead(blocks, "vi")
    assert (head.number, head.issued) == (None, None)
    assert head.issuer == "Ban Chỉ đạo phát triển khoa học, công nghệ, chuyển đổi số và Đề án 06 tỉnh Lâm Đồng"  # cased as the body writes it


def test_pdf_letterhead_with_the_province_under_the_motto() -> None:
    blocks = tuple(Block("paragraph", t) for t in (
        "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", "THÀNH PHỐ HÀ NỘI",
        "Số: /KH-UBND Hà Nội, ngày tháng năm 2025", "KẾ HOẠCH", "Triển khai hồ sơ bệnh án điện tử"))
    head = blocks_to_letterhead(blocks, "vi")
    assert (head.number, head.issued, head.issuer, head.is_plan) == (None, None, "Ủy ban nhân dân thành phố Hà Nội", True)


@pytest.mark.parametrize("slash", ["\u2044", "\u2215", "\uff0f"])
def test_a_slash_look_alike_in_the_number_line_is_a_slash(slash: str) -> None:
    """OCR and some PDF fonts give a fraction or division slash for '/' ("Số: 1105⁄KH-ĐKT")."""
    text = (f"SỞ CÔNG THƯƠNG\n\nSố: 1105{slash}KH-ĐKT\n\nLào Cai, ngày 10 tháng 3 năm 2026\n\n"
            "KẾ HOẠCH\n\nKiểm tra việc chấp hành quy định pháp luật\n")
    assert extract_text(text, source="x.md").document.number == "1105/KH-ĐKT"


@pytest.mark.parametrize(
    ("number_line", "number"),
    [
        ("Số: 1 0 5 9 /QĐ-TTPVHCC", "1059/QĐ-TTPVHCC"),  # typed letter-spaced into the blank after signing
        ("Số: 79 /KH-UBND", "79/KH-UBND"),
        ("Số: 66.19/2026/NQ-CP", "66.19/2026/NQ-CP"),  # the Government's 66.x series
        ("Số: /KH-UBND", None),
    ],
)
def test_spaced_and_dotted_serials_are_read_whole(number_line: str, number: str | None) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        f"{number_line}\n\nHà Nội, ngày 18 tháng 5 năm 2026\n\nQUYẾT ĐỊNH\n\nVề việc công bố danh mục\n"
    )
    assert _doc(text)[0] == number


def test_real_pdf_with_a_letter_spaced_serial_and_a_blank_date() -> None:
    document = extract_file(_real("qd1059-hanoi-ttpvhcc-danhmuc-tthc-2025.pdf")).document
    assert (document.number, document.issued) == ("1059/QĐ-TTPVHCC", None)


@pytest.mark.parametrize(
    ("issuer_lines", "title_end", "number", "issuer"),
    [
        ("**BỘ NỘI VỤ**", "NĂM 2026 CỦA\nBỘ NỘI VỤ", "1383/QĐ-BNV", "Bộ Nội vụ"),
        ("**ỦY BAN NHÂN DÂN**\nTỈNH CAO BẰNG", "CỦA\nỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG", "12/QĐ-UBND", "Ủy ban nhân dân tỉnh Cao Bằng"),
    ],
)
def test_issuer_repeated_in_the_title_of_a_page_with_no_blank_line(issuer_lines: str, title_end: str, number: str, issuer: str) -> None:
    """A saved page with no blank line puts the whole body in one table cell, so the title's
    lines share the issuer line's provenance: the issuer printed again at the end of the title
    must not hide the number line."""
    text = (
        f"|\n{issuer_lines}\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
        f"---------------\n|\n|\nSố: {number}\n|\n*Hà Nội, ngày 26\ntháng 11 năm 2025*\n|\n**QUYẾT ĐỊNH**\n"
        f"VỀ VIỆC BAN HÀNH LỊCH PHỔ BIẾN THÔNG TIN {title_end}\nCăn cứ quy định về tổ chức của {issuer};\n**QUYẾT ĐỊNH:**\n|\n"
    )
    got_number, issued, got_issuer, _, _ = _doc(text)
    assert (got_number, issued, got_issuer) == (number, date(2025, 11, 26), issuer)
