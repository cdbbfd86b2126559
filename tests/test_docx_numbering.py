"""Word automatic numbering written into the text, counted as Word counts it."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_xml import abstract, level, num, numbering, numpr, p, tbl, tc, tr, write_docx

from extract.load import load_file
from extract.load.docxnumbering import format_number

DECIMAL_ROMAN_LETTER = abstract(
    1,
    level(0, "upperRoman", "%1."),
    level(1, "decimal", "%2."),
    level(2, "lowerLetter", "%3)"),
)
OUTLINE = abstract(2, level(0, "decimal", "%1."), level(1, "decimal", "%1.%2."), level(2, "decimal", "%1.%2.%3."))


def texts(tmp_path: Path, body: str, definitions: str) -> list[str]:
    """Each block as printed: a list item's Word number is its marker, put back in front here."""
    raw = load_file(write_docx(tmp_path / "n.docx", body, numbering_xml=definitions))
    return [f"{b.marker} {b.text}" if b.marker else b.text for b in raw.blocks if b.kind != "table"]


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (4, "upperRoman", "IV"), (1994, "upperRoman", "MCMXCIV"), (9, "lowerRoman", "ix"),
    (1, "lowerLetter", "a"), (26, "upperLetter", "Z"), (27, "lowerLetter", "aa"), (3, "decimalZero", "03"),
    (12, "decimal", "12"), (2, "decimalEnclosedCircle", "\u2461"), (5, "ordinalText", "5"), (7, "none", ""),
])
def test_format_number(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_levels_formats_and_restart_of_deeper_levels(tmp_path: Path) -> None:
    body = (p("MỤC TIÊU", numpr(1, 0)) + p("Mục tiêu chung", numpr(1, 1)) + p("ý một", numpr(1, 2))
            + p("ý hai", numpr(1, 2)) + p("Mục tiêu cụ thể", numpr(1, 1)) + p("ý mới", numpr(1, 2))
            + p("NHIỆM VỤ", numpr(1, 0)) + p("Nhiệm vụ đầu", numpr(1, 1)))
    assert texts(tmp_path, body, numbering(DECIMAL_ROMAN_LETTER, num(1, 1))) == [
        "I. MỤC TIÊU", "1. Mục tiêu chung", "a) ý một", "b) ý hai", "2. Mục tiêu cụ thể", "a) ý mới",
        "II. NHIỆM VỤ", "1. Nhiệm vụ đầu"]


def test_multi_level_text_and_legal_numbering(tmp_path: Path) -> None:
    legal = abstract(3, level(0, "upperRoman", "%1."), level(1, "decimal", "%1.%2.", extra="<w:isLgl/>"))
    body = (p("A", numpr(2, 0)) + p("B", numpr(2, 1)) + p("C", numpr(2, 2)) + p("D", numpr(2, 1))
            + p("E", numpr(3, 0)) + p("F", numpr(3, 1)))
    assert texts(tmp_path, body, numbering(OUTLINE, legal, num(2, 2), num(3, 3))) == [
        "1. A", "1.1. B", "1.1.1. C", "1.2. D", "I. E", "1.1. F"]


def test_lists_sharing_a_definition_continue_unless_restarted(tmp_path: Path) -> None:
    simple = abstract(4, level(0, "decimal", "%1."))
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    body = (p("một", numpr(10)) + p("hai", numpr(10)) + p("ba", numpr(11)) + p("lại một", numpr(12))
            + p("lại hai", numpr(12)) + p("không số", numpr(0)))
    definitions = numbering(simple, num(10, 4), num(11, 4), num(12, 4, restart))
    assert texts(tmp_path, body, definitions) == ["1. một", "2. hai", "3. ba", "1. lại một", "2. lại hai", "không số"]


def test_start_values_level_restart_and_suffixes(tmp_path: Path) -> None:
    definition = abstract(
        5,
        level(0, "decimal", "Điều %1.", start=5, extra='<w:suff w:val="space"/>'),
        level(1, "lowerLetter", "%2)", extra='<w:lvlRestart w:val="0"/><w:suff w:val="nothing"/>'),
    )
    body = p("X", numpr(5, 0)) + p("x", numpr(5, 1)) + p("Y", numpr(5, 0)) + p("y", numpr(5, 1))
    assert texts(tmp_path, body, numbering(definition, num(5, 5))) == ["Điều 5. X", "a) x", "Điều 6. Y", "b) y"]


def test_bullets_make_list_items_without_marks(tmp_path: Path) -> None:
    bullets = abstract(6, level(0, "bullet", "-"), level(1, "bullet", "\uf0b7"), level(2, "bullet", ""))
    body = p("gạch", numpr(6, 0)) + p("chấm", numpr(6, 1)) + p("không dấu", numpr(6, 2))
    raw = load_file(write_docx(tmp_path / "b.docx", body, numbering_xml=numbering(bullets, num(6, 6))))
    assert [(b.kind, b.text) for b in raw.blocks] == [
        ("list_item", "gạch"), ("list_item", "chấm"), ("paragraph", "không dấu")]


def test_numbers_in_empty_table_cells_as_in_kh2242(tmp_path: Path) -> None:
    definition = abstract(7, level(0, "decimal", "%1."))
    rows = [tr(tc("TT"), tc("Nhiệm vụ"), tc("Người thực hiện"))]
    rows += [tr(tc(p("", numpr(7))), tc(f"Nhiệm vụ {n}"), tc("Nguyễn Văn A")) for n in range(1, 4)]
    body = p("Phân công nhiệm vụ của tổ công tác trong kế hoạch kiểm tra năm nay.") + tbl(*rows)
    raw = load_file(write_docx(tmp_path / "t.docx", body, numbering_xml=numbering(definition, num(7, 7))))
    [grid] = [b.grid for b in raw.blocks if b.grid]
    assert [grid.texts(r)[0] for r in range(grid.height)] == ["TT", "1.", "2.", "3."]


def test_numbering_through_a_paragraph_style(tmp_path: Path) -> None:
    style = ('<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/>'
             '<w:pPr><w:numPr><w:numId w:val="8"/></w:numPr></w:pPr></w:style>')
    body = p("một", '<w:pStyle w:val="ListNumber"/>') + p("hai", '<w:pStyle w:val="ListNumber"/>')
    path = write_docx(tmp_path / "s.docx", body, numbering_xml=numbering(abstract(8, level(0, "lowerLetter", "%1.")),
                                                                          num(8, 8)), styles_extra=style)
    assert [(b.kind, b.marker, b.text) for b in load_file(path).blocks] == [("list_item", "a.", "một"),
                                                                             ("list_item", "b.", "hai")]


def test_undefined_lists_and_levels_give_no_number(tmp_path: Path) -> None:
    body = p("không có danh sách", numpr(99)) + p("cấp không định nghĩa", numpr(9, 4))
    definitions = numbering(abstract(9, level(0, "decimal", "%1.")), num(9, 9))
    assert texts(tmp_path, body, definitions) == ["không có danh sách", "cấp không định nghĩa"]
