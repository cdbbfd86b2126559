"""Legacy Vietnamese font encodings: the tables, the font names, and Word files typed in them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract.legacy import (
    ENCODINGS,
    _table,
    encoding_of_font,
    guess_legacy_encoding,
    legacy_to_unicode,
)
from extract.load import load_file

VIETNAMESE = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
SENTENCE = "Kế hoạch triển khai chuyển đổi số của Ủy ban nhân dân tỉnh Lâm Đồng năm 2026"


def encode(text: str, encoding: str) -> str:
    """Text as a legacy font stores it (the inverse of the table), for building test files."""
    inverse: dict[str, str] = {}
    for legacy, letter in _table(encoding).items():
        if letter not in inverse or len(legacy) < len(inverse[letter]):
            inverse[letter] = legacy
    return "".join(inverse.get(ch, ch) for ch in text)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_lower_case_letter_round_trips(encoding: str) -> None:
    encoded = encode(VIETNAMESE, encoding)
    assert all(ord(ch) < 256 for ch in encoded)
    assert legacy_to_unicode(encoded, encoding) == VIETNAMESE


def test_vni_upper_case_round_trips() -> None:
    upper = VIETNAMESE.upper()
    assert legacy_to_unicode(encode(upper, "vni"), "vni") == upper


def test_tables_are_nfc_and_tcvn3_matches_known_bytes() -> None:
    for encoding in ENCODINGS:
        assert all(unicodedata.is_normalized("NFC", letter) for letter in _table(encoding).values())
    tcvn3 = _table("tcvn3")
    assert (tcvn3["\u00b5"], tcvn3["\u00ae"], tcvn3["\u00d5"], tcvn3["\u00a7"]) == ("à", "đ", "ế", "Đ")
    assert legacy_to_unicode("KÕ ho¹ch", "tcvn3") == "Kế hoạch"
    assert legacy_to_unicode("Keá hoaïch", "vni") == "Kế hoạch"


def test_upper_case_fonts_draw_capitals() -> None:
    assert legacy_to_unicode("kÕ ho¹ch", "tcvn3-upper") == "KẾ HOẠCH"
    assert legacy_to_unicode("muc tieu", "tcvn3-upper") == "MUC TIEU"


def test_unicode_text_in_a_legacy_font_is_left_alone() -> None:
    assert legacy_to_unicode(SENTENCE, "tcvn3") == SENTENCE
    assert legacy_to_unicode(SENTENCE, "vni") == SENTENCE
    assert legacy_to_unicode("Số 12/KH-UBND", "tcvn3") == "Số 12/KH-UBND"


@pytest.mark.parametrize(("font", "encoding"), [
    (".VnTime", "tcvn3"), (".VnTimeH", "tcvn3-upper"), (".VnArial NarrowH", "tcvn3-upper"),
    ("ABCDEF+.VnTimeH,Bold", "tcvn3-upper"), ("VnTime-Italic", "tcvn3"), ("VNI-Times", "vni"),
    ("BCDEFG+VNI-Helve-Bold", "vni"), ("Times New Roman", None), ("Arial", None), ("", None),
])
def test_encoding_of_font(font: str, encoding: str | None) -> None:
    assert encoding_of_font(font) == encoding


def test_guess_from_content() -> None:
    assert guess_legacy_encoding(encode(SENTENCE.replace("Ủy", "ủy"), "tcvn3")) == "tcvn3"  # no toned capitals
    assert guess_legacy_encoding(encode(SENTENCE, "vni")) == "vni"
    assert guess_legacy_encoding(SENTENCE) is None
    assert guess_legacy_encoding("Café au lait, déjà vu, naïve façade à la crème brûlée") is None
    assert guess_legacy_encoding("Plain ASCII text about the plan") is None


def test_word_runs_in_legacy_fonts_are_converted(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    heading = document.add_paragraph()
    heading.add_run(encode("kế hoạch", "tcvn3")).font.name = ".VnTimeH"
    body = document.add_paragraph()
    body.add_run(encode("Triển khai ", "tcvn3")).font.name = ".VnTime"
    body.add_run(encode("chuyển đổi số ", "vni")).font.name = "VNI-Times"
    body.add_run("tỉnh Lâm Đồng").font.name = ".VnTime"  # Unicode typed with an old font chosen
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run(encode("Sở Tư pháp", "vni")).font.name = "VNI-Times"
    table.cell(0, 1).paragraphs[0].add_run(encode("Quý II/2026", "tcvn3")).font.name = ".VnTime"
    path = tmp_path / "legacy.docx"
    document.save(str(path))
    raw = load_file(path)
    assert [b.text for b in raw.blocks] == ["KẾ HOẠCH", "Triển khai chuyển đổi số tỉnh Lâm Đồng",
                                            "Sở Tư pháp", "Quý II/2026"]
    assert any("tcvn3" in w for w in raw.warnings) and any("vni" in w for w in raw.warnings)


def test_legacy_font_from_a_paragraph_style(tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    style = document.styles.add_style("Legacy", WD_STYLE_TYPE.PARAGRAPH)
    style.font.name = ".VnTime"
    document.add_paragraph(encode("Thời gian hoàn thành: tháng 8/2025", "tcvn3"), style="Legacy")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    assert load_file(path).blocks[0].text == "Thời gian hoàn thành: tháng 8/2025"


def test_legacy_text_without_a_legacy_font_name_is_recognised(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    for line in ("Kế hoạch thực hiện chuyển đổi số năm 2026", "Sở Thông tin và Truyền thông chủ trì"):
        document.add_paragraph(encode(line, "vni")).runs[0].font.name = "Times New Roman"
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = encode("Thường xuyên", "vni")
    path = tmp_path / "renamed.docx"
    document.save(str(path))
    raw = load_file(path)
    assert [b.text for b in raw.blocks] == ["Kế hoạch thực hiện chuyển đổi số năm 2026",
                                            "Sở Thông tin và Truyền thông chủ trì", "Thường xuyên"]
    assert any("no font says so" in w for w in raw.warnings)


def test_tasks_and_targets_of_a_converted_word_file_are_flagged_repaired(tmp_path: Path) -> None:
    from docx import Document

    from extract import extract_file

    document = Document()
    goal = document.add_paragraph()
    goal.add_run(encode("Đến năm 2026, 100% hồ sơ được số hóa.", "tcvn3")).font.name = ".VnTime"
    rows = [("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian thực hiện"),
            ("1", "Số hóa hồ sơ hành chính", "Sở Tư pháp", "Quý II/2026")]
    table = document.add_table(rows=2, cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).paragraphs[0].add_run(encode(text, "tcvn3")).font.name = ".VnTime"
    path = tmp_path / "legacy-plan.docx"
    document.save(str(path))
    plain = tmp_path / "plain-plan.docx"
    _unicode_twin(path, plain)
    converted, sound = extract_file(path), extract_file(plain)
    assert [t.title for t in converted.tasks] == [t.title for t in sound.tasks] == ["Số hóa hồ sơ hành chính"]
    assert [(t.value, t.unit) for t in converted.targets] == [(t.value, t.unit) for t in sound.targets]
    for fact, twin in zip([*converted.tasks, *converted.targets], [*sound.tasks, *sound.targets]):
        assert "repaired" in fact.flags and "repaired" not in twin.flags
        assert fact.confidence < twin.confidence


def _unicode_twin(path: Path, out: Path) -> None:
    """The same Word file with every run's text converted and a Unicode font named."""
    from docx import Document

    document = Document(str(path))
    runs = [run for p in document.paragraphs for run in p.runs]
    runs += [run for t in document.tables for row in t.rows for cell in row.cells
             for p in cell.paragraphs for run in p.runs]
    for run in runs:
        run.text = legacy_to_unicode(run.text, "tcvn3")
        run.font.name = "Times New Roman"
    document.save(str(out))
