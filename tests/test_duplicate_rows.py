"""Rows read before, found again exactly or with a slip (a letter read differently, spacing),
through the signature index rather than by comparing every pair; and tables split over pages
followed by such a copy read back once."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein
from tablegen import GeneratedTable, _is_task_row, _texts, render_pipe, task_tables

from extract import extract_text
from extract.tables import duplicates
from extract.tables.duplicates import (
    CANDIDATES,
    NEAR_MIN,
    RowIndex,
    allowed_edits,
    is_near_name,
    row_signature,
)

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
LETTERS = "abcdeghiklmnopqrstuvxyăâđêôơưàáảãạềếểễệ"
SIGNATURES = st.text(alphabet=LETTERS, min_size=NEAR_MIN + 1, max_size=160)  # still near-matched less a letter


def _edited(signature: str, at: int, kind: str, letter: str) -> str:
    """``signature`` with one edit at ``at``: a letter replaced, added or dropped."""
    if kind == "replace":
        return signature[:at] + letter + signature[at + 1 :]
    if kind == "insert":
        return signature[:at] + letter + signature[at:]
    return signature[:at] + signature[at + 1 :]


@SETTINGS
@given(SIGNATURES, st.data())
def test_a_row_with_one_edit_anywhere_is_found_again(signature: str, data: st.DataObject) -> None:
    index = RowIndex()
    index.add(signature)
    at = data.draw(st.integers(0, len(signature) - 1))
    kind = data.draw(st.sampled_from(["replace", "insert", "delete"]))
    letter = data.draw(st.sampled_from([c for c in LETTERS if c != signature[at]]))
    assert _edited(signature, at, kind, letter) in index


@SETTINGS
@given(SIGNATURES, st.data())
def test_several_edits_on_one_half_are_found_again_within_the_allowance(signature: str, data: st.DataObject) -> None:
    index = RowIndex()
    index.add(signature)
    edits = allowed_edits(len(signature) - 1)  # what the shortest edited form is allowed
    second_half = data.draw(st.booleans())
    copy = signature
    for _ in range(edits):
        half = len(signature) // 2
        at = data.draw(st.integers(half + 1, len(copy) - 1) if second_half else st.integers(0, half - edits - 1))
        copy = _edited(copy, at, "replace", "ð" if copy[at] != "ð" else "þ")
    assert copy in index


@SETTINGS
@given(SIGNATURES, SIGNATURES)
def test_a_row_is_taken_for_a_repeat_only_within_the_allowance(first: str, second: str) -> None:
    index = RowIndex()
    index.add(first)
    if second in index:
        assert Levenshtein.distance(first, second) <= min(allowed_edits(len(first)), allowed_edits(len(second)))
    assert first in index


def test_short_rows_repeat_only_exactly() -> None:
    index = RowIndex()
    index.add("quýi")
    assert "quýi" in index and "quýii" not in index
    index.add("hoànthiệnthểchế")  # 15 letters: a group title, one letter from another group's
    assert "hoànthiệnthểchê" not in index


def test_work_per_row_is_bounded_however_many_rows_share_a_half(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = "triểnkhainhiệmvụchuyểnđổisốcấp"  # 30 letters: the first half of every row below
    n = len(LETTERS)
    rows = [shared + "".join(LETTERS[(k // n**i) % n] for i in range(3)) * 10 for k in range(10 * CANDIDATES)]
    index = RowIndex()
    for row in rows:
        index.add(row)
    compared: list[str] = []

    def counting(a: str, b: str, score_cutoff: int) -> int:
        compared.append(b)
        return Levenshtein.distance(a, b, score_cutoff=score_cutoff)

    monkeypatch.setattr(duplicates, "_distance", lambda: counting)
    assert shared + "ð" * 30 not in index
    assert len(compared) == CANDIDATES  # every row shares the half: only the latest are compared
    oldest = rows[0]
    assert "ð" + oldest[1:] in index  # a slip in its shared half: found through its other half
def test_header_names_printed_again_with_a_slip_are_near() -> None:
    names = frozenset({"đơnvịchủtrì", "thờigianthựchiện", "nhiệmvụ"})
    assert is_near_name("đơnvịchủtri", names) and is_near_name("thờigianthưchiện", names)
    assert not is_near_name("nhiệmvu", names)  # too short for a slip to be told from a word
    assert not is_near_name("đơnvịphốihợp", names)


def _slipped(text: str, at: int) -> str:
    """``text`` with the marks of its ``at``-th letter (counting only letters with marks)
    dropped, the way a scan loses a diacritic, and its spaces doubled."""
    marked = [i for i, c in enumerate(text) if unicodedata.decomposition(c)]
    if marked:
        i = marked[at % len(marked)]
        text = text[:i] + unicodedata.normalize("NFD", text[i])[0] + text[i + 1 :]
    return text.replace(" ", "  ")


def _copy_with_slips(table: GeneratedTable, at: int) -> str:
    """The whole table again as one pipe table, each task row with one letter changed."""
    width = table.width
    printed = table.header + table.whole
    title = table.roles.index("title")
    lines = []
    for k, (row, cells) in enumerate(zip(printed, _texts(printed, width))):
        if k >= len(table.header) and _is_task_row(row, width) and len(row_signature(tuple(cells))) >= NEAR_MIN:
            cells[title] = _slipped(cells[title], at + k)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        if k == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines) + "\n"


@SETTINGS
@given(task_tables(spans=False, stacked_header=False), st.integers(0, 50))
def test_a_table_split_over_pages_then_copied_with_slips_is_read_once(table: GeneratedTable, at: int) -> None:
    rendered = render_pipe(table) + "\nBản sao\n\n" + _copy_with_slips(table, at)
    result = extract_text(rendered, source="t.md")
    assert [t.title for t in result.tasks] == [t.title for t in table.tasks], rendered
    assert any("another rendering of the same table" in w for w in result.warnings), rendered


def test_a_header_printed_again_with_slips_after_a_page_break_is_not_a_task() -> None:
    header = "| TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |\n|---|---|---|---|---|\n"
    again = "| TT | Nội dung công viêc | Đơn vị chủ tri | Đơn vị phối hơp | Thòi gian thực hiện |\n"
    text = (
        "# PHỤ LỤC\n\n" + header
        + "| 1 | Rà soát quy hoạch mạng cáp quang | Sở Xây dựng | Sở Tài chính | Quý II/2026 |\n\n4\n\n"
        + "| Col1 | Col2 | Col3 | Col4 | Col5 |\n|---|---|---|---|---|\n" + again
        + "| 2 | Đào tạo kỹ năng số cho cán bộ | Sở Nội vụ | Sở Tài chính | Năm 2026 |\n"
    )
    result = extract_text(text, source="t.md")
    assert [t.title for t in result.tasks] == ["Rà soát quy hoạch mạng cáp quang", "Đào tạo kỹ năng số cho cán bộ"]


def test_rows_that_differ_only_by_their_numbers_are_not_repeats() -> None:
    header = "| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian thực hiện |\n|---|---|---|---|\n"
    pages = []
    for page in range(4):
        rows = [f"| {k + 1} | Báo cáo kết quả tháng {k % 12 + 1} năm {2026 + k // 12} | Sở Tài chính | Tháng {k % 12 + 1}/{2026 + k // 12} |\n"
                for k in range(10 * page, 10 * page + 10)]
        pages.append(header + "".join(rows))
    result = extract_text("# PHỤ LỤC\n\n" + "\n5\n\n".join(pages), source="t.md")
    assert [t.key for t in result.tasks] == [str(k) for k in range(1, 41)]
    assert not any("another rendering" in w for w in result.warnings)
