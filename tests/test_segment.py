"""Sections from heading lines: Markdown ``#`` marks are one source of headings, not the only one."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract import extract_file, extract_text
from extract.load import load_text
from extract.normalize import raw_to_normalized
from extract.segment import line_heading_level, normalized_to_segmented

SEED = Path(__file__).parent.parent / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"
HASH_MARKS = regex.compile(r"(?m)^#{1,6}\s+")


@pytest.mark.skipif(not SEED.exists(), reason="seed 003 is not in corpus/docs")
def test_seed_003_without_hash_marks_keeps_its_targets_duties_and_tasks() -> None:
    marked = extract_file(SEED)
    bare = extract_text(HASH_MARKS.sub("", SEED.read_text(encoding="utf-8")), source="003-bare.txt")
    assert len(marked.targets) == 15 and len(marked.responsibilities) == 11
    assert sorted(str((t.comparator, t.value, t.unit, t.deadline)) for t in bare.targets) == sorted(
        str((t.comparator, t.value, t.unit, t.deadline)) for t in marked.targets)
    assert [(r.agency.mention, r.role, r.duty) for r in bare.responsibilities] == [
        (r.agency.mention, r.role, r.duty) for r in marked.responsibilities]
    assert [t.key for t in bare.tasks] == [t.key for t in marked.tasks]
    assert bare.document.kind == "plan" and bare.document.horizon == marked.document.horizon


def _sections(text: str) -> list[tuple[str | None, str]]:
    raw, lang = raw_to_normalized(load_text(text))
    return [(s.role, s.heading) for s in normalized_to_segmented(raw, lang).sections]


def test_upper_case_and_numbered_lines_open_sections() -> None:
    text = (
        "I. MỤC TIÊU\n\n1. Mục tiêu cụ thể\n\nĐạt 100% xã có cáp quang.\n\n"
        "Phần II. NHIỆM VỤ VÀ GIẢI PHÁP\n\nRà soát quy hoạch.\n\n"
        "TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\n- Chủ trì bố trí kinh phí.\n"
    )
    assert _sections(text) == [
        ("objectives", "I. MỤC TIÊU"),
        ("tasks", "Phần II. NHIỆM VỤ VÀ GIẢI PHÁP"),
        ("implementation", "TỔ CHỨC THỰC HIỆN"),
    ]


def test_bold_only_heading_line_is_a_heading() -> None:
    text = "Căn cứ Luật.\n\n**II. NHIỆM VỤ**\n\n**1. Nhiệm vụ chung**\n\nNâng cấp mạng.\n"
    assert ("tasks", "II. NHIỆM VỤ") in _sections(text)


def test_a_heading_cut_over_two_lines_is_one_heading() -> None:
    text = "MỤC TIÊU\n\nĐạt 90%.\n\nTỔ CHỨC THỰC HIỆN\n\nĐề nghị các Sở: Xây dựng, Công thương; Công ty\n\nĐiện lực Lâm Đồng\n\nChủ trì thực hiện.\n"
    raw, lang = raw_to_normalized(load_text(text))
    seg = normalized_to_segmented(raw, lang)
    headings = [b.text for b in seg.sections[-1].blocks if b.kind == "heading"]
    assert headings == ["Đề nghị các Sở: Xây dựng, Công thương; Công ty Điện lực Lâm Đồng"]


@pytest.mark.parametrize(
    ("line", "in_plan", "level"),
    [
        ("I. MỤC ĐÍCH,\nYÊU CẦU", False, 1),
        ("TỔ CHỨC THỰC HIỆN", False, 1),
        ("1. Mục tiêu cụ thể", False, 2),
        ("1.2. Hạ tầng số", False, 3),
        ("a) Nhóm nhiệm vụ về thể chế", False, 4),
        ("Phần II.", False, 1),
        ("Mục tiêu chung", True, 3),
        ("Mục tiêu chung", False, None),  # before any section: an article's short line
        ("1. 100% cán bộ được tập huấn.", True, None),  # a numbered sentence is body text
        ("Đạt 100% xã có cáp quang;", True, None),
        ("UBND TỈNH, CÁC SỞ,", False, None),
        ("(Chi tiết tại phụ lục đính kèm)", True, None),
        ("1. Tỷ lệ hộ gia đình có cáp quang đạt 100%", True, None),  # an objective, not a heading
        ("2. Phát triển mạng 5G giai đoạn 2026 - 2030", True, 2),
    ],
)
def test_line_heading_level(line: str, in_plan: bool, level: int | None) -> None:
    assert line_heading_level(line, "vi", in_plan=in_plan) == level


def test_numbered_list_item_keeps_its_number_as_a_heading() -> None:
    raw, lang = raw_to_normalized(load_text("TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\n- Chủ trì bố trí kinh phí.\n"))
    blocks = normalized_to_segmented(raw, lang).raw.blocks
    assert [(b.kind, b.text) for b in blocks][1] == ("heading", "1. Sở Tài chính")


def test_english_upper_case_heading() -> None:
    assert line_heading_level("IMPLEMENTATION", "en", in_plan=False) == 1


@pytest.mark.parametrize("item", ["a) Nhiệm vụ:", "b) Cơ quan thực hiện:", "c) nâng cấp mạng"])
def test_a_lettered_item_after_a_heading_is_not_its_continuation(item: str) -> None:
    """A line opening with 'a)' starts with a small letter, but it opens an item: the heading above
    ('1.2. Triển khai dữ liệu:') does not run on into it."""
    raw, lang = raw_to_normalized(load_text(f"II. NHIỆM VỤ\n\n**1.2. Triển khai dữ liệu:**\n\n{item}\n\n- Rà soát dữ liệu.\n"))
    blocks = normalized_to_segmented(raw, lang).raw.blocks
    assert "1.2. Triển khai dữ liệu:" in [b.text for b in blocks if b.kind == "heading"]
