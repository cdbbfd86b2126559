"""What a scan read by OCR does to a plan's structure, on generated plans: stamp ink read as a
scrap of text between two pieces of a table, group rows whose Roman numbers the engine misreads,
and a period label run onto the end of the item above it."""

from __future__ import annotations

from datetime import date

import pytest

from extract import extract_text
from extract.langdata import load_language
from extract.tables.numbering import roman_value, to_roman
from extract.tables.rows import BodyRow, body_to_task_rows

COLUMNS = ("number", "title", "lead", "cooperating", "outputs", "timeframe")
GROUPS = ["Hoàn thiện thể chế", "Phát triển hạ tầng", "Liên kết vùng", "Phát triển thị trường",
          "Nâng cao năng lực", "Chuyển đổi số", "Phát triển nhân lực", "Vai trò hiệp hội", "Nhiệm vụ khác"]


def _rows(numbers: list[str], ocr: bool) -> list[BodyRow]:
    rows: list[BodyRow] = []
    for g, (printed, title) in enumerate(zip(numbers, GROUPS)):
        rows.append(BodyRow([printed, *[title] * 5], [False] * 6, 1, 1, len(rows) + 1, ocr=ocr))
        for n in (1, 2):
            cells = [f"{n}.", f"Nhiệm vụ {n} của nhóm {g + 1}", "Bộ Công Thương", "Các bộ, ngành", "Quyết định", "2025 - 2030"]
            rows.append(BodyRow(cells, [False] * 6, 1, 1, len(rows) + 1, ocr=ocr))
    return rows


ROMAN = ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX."]
MISREAD = ["1.", "H.", "HI.", "IV.", "V.", "VỊ.", "VỊ.", "VHI.", "IX."]


@pytest.mark.parametrize("count", [2, 3, 6, 9])
def test_a_row_spread_over_every_column_is_a_group_and_misread_romans_are_mended(count: int) -> None:
    lang = load_language("vi")
    rows, _ = body_to_task_rows(_rows(MISREAD[:count], ocr=True), COLUMNS, lang)
    assert len(rows) == 2 * count  # no group row read as a task
    assert [r.key for r in rows] == [f"{g.rstrip('.')}.{n}" for g in ROMAN[:count] for n in (1, 2)]
    assert [r.group[1] for r in rows[::2]] == GROUPS[:count]


def test_numbers_are_mended_only_on_a_scan() -> None:
    """A typed table's 'H.' is what it says; and a spread row stays a group either way."""
    lang = load_language("vi")
    rows, _ = body_to_task_rows(_rows(MISREAD[:3], ocr=False), COLUMNS, lang)
    assert len(rows) == 6 and rows[2].key.startswith("H.")


@pytest.mark.parametrize("value", [1, 2, 3, 4, 8, 9, 14, 19, 40, 49])
def test_roman_round_trip(value: int) -> None:
    assert roman_value(to_roman(value)) == value


def _plan(between: str) -> str:
    head = "| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |\n|---|---|---|---|---|\n"
    first = "".join(f"| {n} | Nhiệm vụ số {n} về logistics | Bộ Công Thương | Bộ Tài chính | 2025 - 2030 |\n" for n in (1, 2))
    second = "".join(f"| {n} | Nhiệm vụ số {n} về logistics | Bộ Xây dựng | Bộ Tài chính | 2025 - 2035 |\n" for n in (3, 4))
    second = second.replace("2035 |\n", "2035 |\n|---|---|---|---|---|\n", 1)  # a piece with no header of its own
    return "KẾ HOẠCH phát triển logistics\n\n" + head + first + "\n" + between + "\n\n" + second


@pytest.mark.parametrize("scrap", ["HC", "2", "- 3 -", "~ ,", "Tp"])
def test_a_scrap_between_two_pieces_does_not_end_the_table(scrap: str) -> None:
    found = extract_text(_plan(scrap), source="plan.md")
    assert [t.key for t in found.tasks] == ["1", "2", "3", "4"]


def test_a_caption_between_two_grids_still_ends_the_table() -> None:
    found = extract_text(_plan("Bảng này là bảng khác"), source="plan.md")
    assert [t.key for t in found.tasks] == ["1", "2"]


@pytest.mark.parametrize("label, year", [("Giai đoạn đến năm 2050", 2050), ("Giai đoạn 2031 - 2040", 2040), ("Đến năm 2045", 2045)])
def test_a_period_label_run_onto_the_item_above_dates_the_items_after_it(label: str, year: int) -> None:
    text = (
        "KẾ HOẠCH phát triển logistics\n\nII. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\nGiai đoạn 2025 - 2035\n\n"
        "Tỷ lệ doanh nghiệp thuê ngoài dịch vụ logistics đạt 70%.\n\n"
        f"Xây dựng được ít nhất 05 trung tâm logistics ngang tầm khu vực và quốc tế. {label}\n\n"
        "Tỷ lệ doanh nghiệp thuê ngoài dịch vụ logistics đạt 85%.\n"
    )
    found = extract_text(text, source="plan.md")
    by_value = {t.value: t.deadline for t in found.targets}
    assert by_value[70] == date(2035, 12, 31) and by_value[5] == date(2035, 12, 31)
    assert by_value[85] == date(year, 12, 31)
