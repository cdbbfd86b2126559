"""A paragraph a source marks as a heading (Word's Heading 4 exported as ``<h4>``, a Markdown
``####`` over a whole paragraph) is body text: its goals are read like any sentence's."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.load import load_text
from extract.load.headings import HEADING_MAX_CHARS

GOAL = "Phấn đấu đến năm 2030 tỷ lệ hộ gia đình sử dụng cáp quang đạt {v}%."
FILLER = "Tổ chức thực hiện rà soát, đánh giá các nội dung trọng tâm trên địa bàn tỉnh theo đúng quy định. "
PLAN = "KẾ HOẠCH\n\nPhát triển hạ tầng số\n\n"


def _shapes(text: str) -> list[tuple[str, str, str]]:
    """(source name, format, document) with ``text`` marked as a heading of each level."""
    out = []
    for level in (2, 4, 6):
        out.append(("t.html", "html", f"<html><body><p>{PLAN}</p><h{level}>{text}</h{level}></body></html>"))
        out.append(("t.md", "markdown", f"{PLAN}{'#' * level} {text}\n"))
    return out


@pytest.mark.parametrize("fillers", [2, 3, 5])
@pytest.mark.parametrize("value", [80, 95])
def test_a_long_marked_heading_is_a_paragraph_whose_goal_is_read(fillers: int, value: int) -> None:
    text = FILLER * fillers + GOAL.format(v=value)
    assert len(text) > HEADING_MAX_CHARS
    for source, fmt, document in _shapes(text):
        blocks = [b for b in load_text(document, source=source, fmt=fmt).blocks if "cáp quang" in b.text]
        assert [b.kind for b in blocks] == ["paragraph"], source
        targets = extract_text(document, source=source, fmt=fmt).targets
        assert [(t.value, t.deadline.year if t.deadline else None) for t in targets] == [(value, 2030)], source


@pytest.mark.parametrize("text", ["II. NHIỆM VỤ VÀ GIẢI PHÁP", "1. Phát triển hạ tầng số", "Mục tiêu đến năm 2030"])
def test_a_short_marked_heading_stays_a_heading(text: str) -> None:
    for source, fmt, document in _shapes(text):
        blocks = [b for b in load_text(document, source=source, fmt=fmt).blocks if b.text == text]
        assert [b.kind for b in blocks] == ["heading"], source
