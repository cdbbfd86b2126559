"""A place whose name ends in a number ("Xã Bảo Lâm 1", "Phường 2 - Bảo Lộc", "thôn Tân Hà 3")
is a name, not a count: lists of such places under a dated heading give no target, while a count
of communes in a goal beside them is still read."""

from __future__ import annotations

import pytest

from extract import extract_text

HEAD = "KẾ HOẠCH\nXây dựng xã, phường không ma túy đến năm 2030\n\nI. MỤC TIÊU ĐẾN NĂM 2030\n\n"
GOAL = "- Phấn đấu 50% số xã, phường đạt tiêu chí không ma túy.\n"


@pytest.mark.parametrize("unit", ["Xã", "xã", "Phường", "Thôn", "Thị trấn", "Tổ dân phố"])
@pytest.mark.parametrize("name", ["Bảo Lâm", "Đạ Tẻh", "Cát Tiên", "B’Lao", "Đam Rông"])
def test_numbered_place_names_are_no_targets(unit: str, name: str) -> None:
    places = "".join(f"- {unit} {name} {n}\n" for n in (1, 2, 3, 12))
    text = HEAD + GOAL + "\nII. ĐỊA BÀN TRỌNG ĐIỂM NĂM 2030\n\n" + places + f"- {unit} {name} 4 - Bảo Lộc.\n"
    assert [t.value for t in extract_text(text, source="t.md").targets] == [50]


def test_a_count_of_places_after_a_name_is_still_read() -> None:
    text = HEAD + "- Đến năm 2030, xã Bảo Lâm có 12 thôn đạt chuẩn không ma túy.\n"
    assert [t.value for t in extract_text(text, source="t.md").targets] == [12]
