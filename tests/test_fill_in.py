"""Form templates: dotted fill-in blanks state nothing, so a form's labels and tables give no task."""

from __future__ import annotations

import random

import pytest

from extract import extract_text
from extract.fill_in import has_fill_in

BLANKS = ["………", "……..", "....", "…………………………", "______", "ngày … tháng … năm …", "từ ngày ……..đến ngày….."]
WORDS = ["Sở Y tế", "Quý II/2026", "Thường xuyên", "Sở Tài chính, Sở Xây dựng, …", "các nhiệm vụ... khác", "Sở A_B", "2025 - 2030"]


@pytest.mark.parametrize("seed", range(20))
def test_a_value_has_a_fill_in_exactly_when_a_blank_was_written_into_it(seed: int) -> None:
    rng = random.Random(seed)
    words = [rng.choice(WORDS) for _ in range(rng.randint(0, 3))]
    assert not has_fill_in(" ".join(words))
    at = rng.randint(0, len(words))
    assert has_fill_in(" ".join(words[:at] + [rng.choice(BLANKS)] + words[at:]))


def _tasks(text: str) -> list[tuple[str, list[str], str | None]]:
    doc = extract_text(text, source="x.md")
    return [(t.title, [m.mention for m in t.lead], t.timeframe.text if t.timeframe else None) for t in doc.tasks]


LABELLED = (
    "II. NHIỆM VỤ\n\n**1. Tổ chức thực hiện đề tài**\n\n- {title_1}\n\n*Đơn vị chủ trì: *{lead_1}\n\n"
    "*Thời gian thực hiện: *{time_1}\n\n**2. Báo cáo kết quả**\n\n- {title_2}\n\n*Đơn vị chủ trì: *{lead_2}\n\n"
    "*Thời gian thực hiện: *{time_2}\n"
)


@pytest.mark.parametrize("blank", [b for b in BLANKS if "_" not in b])  # Markdown reads "__" as emphasis
def test_a_form_whose_labels_are_left_blank_gives_no_task(blank: str) -> None:
    text = LABELLED.format(title_1="Nội dung đề tài:", lead_1=blank, time_1=blank,
                           title_2="Kết quả đạt được:", lead_2=blank, time_2=blank)
    assert _tasks(text) == []


def test_a_filled_label_set_beside_a_blank_lead_keeps_its_task_without_the_blank_agency() -> None:
    text = LABELLED.format(title_1="Khảo sát hiện trạng.", lead_1="Sở Y tế.", time_1="Quý II/2026.",
                           title_2="Báo cáo kết quả.", lead_2="………………", time_2="Tháng 12/2026.")
    assert _tasks(text) == [
        ("Tổ chức thực hiện đề tài", ["Sở Y tế"], "Quý II/2026."),
        ("Báo cáo kết quả", [], "Tháng 12/2026."),
    ]


TABLE = "| TT | Nội dung | Đơn vị chủ trì | Thời gian thực hiện | Ghi chú |\n|---|---|---|---|---|\n"


@pytest.mark.parametrize("cell", ["", "………", "...........", "ngày … tháng … năm …"])
def test_a_table_whose_role_cells_are_all_blank_is_a_form(cell: str) -> None:
    text = "# Phụ lục\n\n" + TABLE + "".join(f"| {n} | Ý kiến {n} | {cell} | {cell} | |\n" for n in (1, 2, 3))
    assert _tasks(text) == []


def test_one_filled_row_keeps_the_table_a_task_table() -> None:
    text = "# Phụ lục\n\n" + TABLE + "| 1 | Ý kiến 1 | | | |\n| 2 | Rà soát quy chế | Sở Nội vụ | Quý II/2026 | |\n"
    assert [t[0] for t in _tasks(text)] == ["Ý kiến 1", "Rà soát quy chế"]
