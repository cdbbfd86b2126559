"""Loading: formats, converter artefacts, and bad input refused with a one-line reason."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract import extract_file
from extract.errors import LoadError, UnsupportedFormat
from extract.load import load_file, load_text

SEED = Path(__file__).parent.parent / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"


def test_empty_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(LoadError) as error:
        extract_file(path)
    assert str(error.value) == f"{path}: the file is empty"


def test_binary_garbage_with_markdown_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.md"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(LoadError, match="binary data, not text"):
        extract_file(path)


def to_cp1258(text: str) -> bytes:
    """Encode as legacy Vietnamese Windows files do: base letters precomposed, tones combining."""
    out = b""
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        for cut in (len(decomposed), 2, 1):
            head = unicodedata.normalize("NFC", decomposed[:cut])
            try:
                out += head.encode("cp1258") + decomposed[cut:].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
    return out


def test_cp1258_text_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(to_cp1258("Kế hoạch số 12/KH-UBND về chuyển đổi số của tỉnh"))
    result = extract_file(path)
    assert any("Windows-1258" in w for w in result.warnings)
    assert result.document.language == "vi"
    from extract.normalize import raw_to_normalized

    normalized, _ = raw_to_normalized(load_file(path))
    assert normalized.blocks[0].text == "Kế hoạch số 12/KH-UBND về chuyển đổi số của tỉnh"


def test_unsupported_suffix_says_what_is_read(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xls"
    path.write_bytes(b"x")
    with pytest.raises(UnsupportedFormat, match=r"unsupported format '.xls'; planwatch reads Markdown"):
        load_file(path)


def test_markdown_without_table_warns_that_no_tasks_were_found(tmp_path: Path) -> None:
    path = tmp_path / "prose.md"
    path.write_text("# Kế hoạch\n\nỦy ban nhân dân tỉnh ban hành kế hoạch chuyển đổi số.\n", encoding="utf-8")
    result = extract_file(path)
    assert result.tasks == []
    assert any(w.startswith("no tasks found") for w in result.warnings)


def test_html_table_with_ragged_rows_keeps_rows_and_warns() -> None:
    html = """<html><body><h1>Phụ lục</h1><table>
    <tr><th>TT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th><th>Thời gian</th></tr>
    <tr><td>1</td><td>Xây dựng cơ sở dữ liệu</td><td>Sở TT&TT;</td></tr>
    <tr><td>2</td><td>Đào tạo kỹ năng số</td><td>Sở Nội vụ</td><td>2025</td><td>thừa</td></tr>
    </table></body></html>"""
    result = load_text(html, source="ragged.html", fmt="html")
    grid = next(b.grid for b in result.blocks if b.grid)
    assert grid.texts(1)[2] == "Sở TT&TT;"  # lxml keeps the text as written
    from extract.pipeline import raw_to_extraction

    extraction = raw_to_extraction(result)
    assert [t.key for t in extraction.tasks] == ["1", "2"]
    assert extraction.tasks[0].timeframe is None
    assert any("row 3 has 5 cells where the header has 4" in w for w in extraction.warnings)


def test_printed_page_numbers_become_pages_and_leave_the_text() -> None:
    raw = load_file(SEED)
    assert raw.pages == 8
    texts = [b.text for b in raw.blocks if b.kind != "table"]
    assert not any(t.strip().isdigit() for t in texts)
    duty = next(b for b in raw.blocks if b.text.startswith("Chủ trì, phối hợp với các cơ quan"))
    assert duty.kind == "list_item" and duty.page == 4  # "3       - Chủ trì" was page 3's number


def test_leading_dateline_is_the_date_not_text() -> None:
    raw = load_file(SEED.with_name("000_f3d760a5877f9be0.txt"))
    assert raw.dateline == "2021-05-02"
    assert not raw.blocks[0].text.lstrip().startswith("date")


def test_one_line_pipe_table_is_split_into_rows() -> None:
    raw = load_text("|---|---|---| |1|Nhiệm vụ A|Sở Y tế| |2|Nhiệm vụ B|| ", fmt="markdown")
    grid = raw.blocks[0].grid
    assert grid is not None and [grid.texts(r) for r in range(grid.height)] == [("1", "Nhiệm vụ A", "Sở Y tế"), ("2", "Nhiệm vụ B", "")]


def test_utf16_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("Kế hoạch chuyển đổi số".encode("utf-16"))
    raw = load_file(path)
    assert raw.blocks[0].text == "Kế hoạch chuyển đổi số"
    assert any("UTF-16" in w for w in raw.warnings)


def test_two_task_tables_numbered_from_one_keep_distinct_keys() -> None:
    table = "<table><tr><th>TT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th></tr><tr><td>1</td><td>{}</td><td>Sở Y tế</td></tr></table>"
    text = "# Phụ lục I\n\n" + table.format("Khám sàng lọc") + "\n\n# Phụ lục II\n\n" + table.format("Tiêm chủng")
    from extract import extract_text

    result = extract_text(text, source="two.md")
    assert [t.key for t in result.tasks] == ["1", "1@t2"]
    assert any("task key 1 appears again in table 2" in w for w in result.warnings)


def test_html_toolbar_text_between_controls_is_page_chrome() -> None:
    """A document viewer's zoom widget ("−  100%  +") is not text of the document; a paragraph
    beside a button (a long text) still is."""
    html = """<html><body>
    <div class="flex"><button type="button"><svg></svg></button><span>100%</span><button type="button">+</button></div>
    <div><p>Mục tiêu: 100% xã có sóng 5G vào năm 2030.</p><button>In</button></div>
    </body></html>"""
    texts = [b.text for b in load_text(html, source="viewer.html", fmt="html").blocks]
    assert texts == ["Mục tiêu: 100% xã có sóng 5G vào năm 2030."]
