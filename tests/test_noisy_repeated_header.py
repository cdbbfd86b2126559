"""A header printed again at a page break and read by OCR through a seal: its cells hold the
column names whole, marks dropped, among stray letters. It is the same header, so the rows
after it keep their lead, cooperating and deadline columns."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.langdata import load_language
from extract.tables.header import Header, is_repeated_header

HEADERS = [
    ("TT", "Tên nhiệm vụ", "Chủ trì thực hiện", "Phối hợp thực hiện", "Thời gian thực hiện"),
    ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"),
    ("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"),
]


def _noisy(name: str, left: str, right: str) -> str:
    """The name with its marks partly lost ("Phối" read "Phôi") between stray letters."""
    return f"{left} {name.replace('ố', 'ô').replace('ờ', 'ờï')} {right}"


def _plan(header: tuple[str, ...], repeat: tuple[str, ...]) -> str:
    rows = [
        ("1", "Rà soát quy định về đào tạo nhân lực", "Sở Nội vụ", "Sở Tài chính", "2025 - 2026"),
        ("2", "Xây dựng kế hoạch bồi dưỡng cán bộ", "Sở Nội vụ", "Các cơ quan liên quan", "Hằng năm"),
        repeat,
        ("3", "Tổ chức lựa chọn cơ sở đào tạo", "Sở Giáo dục và Đào tạo", "Sở Tư pháp", "2026 - 2027"),
        ("4", "Cập nhật chương trình đào tạo", "Sở Y tế", "Sở Nội vụ", "Hằng năm"),
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "KẾ HOẠCH đào tạo nhân lực\n\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("header", HEADERS)
@pytest.mark.parametrize("noise", [("&›\"NT", "rà"), ("~", "vÁ TY để"), ("", ".,")])
def test_rows_after_a_noisy_repeated_header_keep_their_columns(header: tuple[str, ...], noise: tuple[str, str]) -> None:
    repeat = (*header[:3], _noisy(header[3], *noise), _noisy(header[4], *reversed(noise)))
    found = extract_text(_plan(header, repeat), source="plan.md")
    assert [t.key for t in found.tasks] == ["1", "2", "3", "4"]
    assert [len(t.cooperating) for t in found.tasks] == [1, 1, 1, 1]
    assert all(t.timeframe is not None for t in found.tasks)


def test_a_short_name_inside_a_long_cell_proves_nothing() -> None:
    """Only a column name of eight letters or more counts when it is found inside other text: a
    body row whose cells merely contain "TT" or "Ghi chú" is not the header again."""
    lang = load_language("vi")
    header = Header(0, 1, ("number", "title", "lead", "notes"), ("TT", "Nhiệm vụ", "Chủ trì", "Ghi chú"))
    assert not is_repeated_header(("5", "Báo cáo TT tuần", "Sở A", "ghi chú thêm"), header, lang)
    assert is_repeated_header(("TT", "Nhiệm vụ", "x Chủ trì y", "Ghi chú"), header, lang)
