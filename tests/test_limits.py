"""Issue 5: hard limits on hostile input, each refused or reported with a one-line message."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract_file, extract_text
from extract.errors import LoadError, PlanwatchError, SettingsError
from extract.load import load_file, load_text
from extract.settings import DEFAULT_MAX_FILE_BYTES, ExtractSettings

PARAGRAPH = "Sở Thông tin và Truyền thông chủ trì triển khai kế hoạch chuyển đổi số năm 2025.\n"


def test_issue_5_file_over_the_size_limit_is_refused_naming_file_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text(PARAGRAPH * 40, encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(LoadError) as error:
        extract_file(path, settings=ExtractSettings(max_file_bytes=512))
    assert str(error.value) == (
        f"{path}: {size} bytes is over the 512 bytes limit for text and HTML files; "
        "split the file, or raise the limit (planwatch --max-file-size, ExtractSettings.max_file_bytes)"
    )


def test_issue_5_default_limit_refuses_a_file_just_over_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (DEFAULT_MAX_FILE_BYTES + 1))
    with pytest.raises(LoadError, match=r"huge\.txt: 50 MB is over the 50 MB limit for text and HTML files"):
        load_file(path)


def test_issue_5_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "exact.md"
    data = (PARAGRAPH * 3).encode("utf-8")
    path.write_bytes(data)
    raw = load_file(path, ExtractSettings(max_file_bytes=len(data)))
    assert raw.blocks


def test_issue_5_text_over_the_limit_is_refused() -> None:
    with pytest.raises(LoadError, match=r"^memo: 1050 bytes is over the 100 bytes limit"):
        load_text(PARAGRAPH * 10, source="memo", settings=ExtractSettings(max_file_bytes=100))


@pytest.mark.parametrize("value", [0, -1, True, 1.5, "50"])
def test_settings_out_of_range_are_refused_with_a_named_error(value: object) -> None:
    settings = ExtractSettings(max_file_bytes=value)  # type: ignore[arg-type]
    with pytest.raises(SettingsError, match="max_file_bytes must be a positive number of bytes"):
        settings.validate()
    with pytest.raises(PlanwatchError):
        extract_text(PARAGRAPH, settings=settings)


def _nested(depth: int, open_tag: str, close_tag: str, inner: str) -> str:
    return "<html><body>" + open_tag * depth + inner + close_tag * depth + "<p>Đoạn cuối trang.</p></body></html>"


def test_issue_5_html_nested_deeper_than_the_parser_limit_is_read_with_a_warning() -> None:
    html = _nested(3000, "<div><span>mức ", "</span></div>", "<p>Nội dung sâu nhất.</p>")
    raw = load_text(html, source="deep.html", fmt="html")
    texts = [block.text for block in raw.blocks]
    assert "Nội dung sâu nhất." in texts
    assert texts[-1] == "Đoạn cuối trang."  # the text after the deep part is not lost either
    assert sum(t.count("mức") for t in texts) == 3000
    assert [w for w in raw.warnings if "nested deeper than 2048 levels" in w] == [
        "deep.html: HTML nested deeper than 2048 levels from line 1; read with its div/span nesting removed"
    ]


def test_issue_5_html_lists_nested_too_deep_to_read_say_where_reading_stops() -> None:
    html = _nested(3000, "<ul><li>mục ", "</li></ul>", "cuối")
    raw = load_text(html, source="lists.html", fmt="html")
    assert any(
        w.startswith("lists.html: HTML nested deeper than 2048 levels from line 1; the page is not read past line")
        for w in raw.warnings
    )


def test_html_nested_within_the_parser_limit_reads_everything_without_warning() -> None:
    html = _nested(1000, "<div>", "</div>", "<p>Nội dung sâu.</p>")
    raw = load_text(html, source="ok.html", fmt="html")
    assert [b.text for b in raw.blocks] == ["Nội dung sâu.", "Đoạn cuối trang."]
    assert not any("nested deeper" in w for w in raw.warnings)


def test_issue_5_html_colspan_99999_costs_what_its_content_costs() -> None:
    rows = "".join(f'<tr><td>{n}</td><td colspan="99999">Nhiệm vụ {n}</td></tr>' for n in range(1, 200))
    html = f"<table><tr><th>TT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th></tr>{rows}</table>"
    raw = load_text(html, source="wide.html", fmt="html")
    tables = [b for b in raw.blocks if b.kind == "table"]
    assert len(tables) == 1
    table = tables[0].grid if getattr(tables[0], "grid", None) is not None else tables[0].table
    assert table is not None and max(len(row) for row in table.rows) <= 200


@pytest.mark.parametrize(("open_tag", "close_tag"), [("<h2>", "</h2>"), ("<div><span>", "</span></div>"), ("<li><p>", "</p></li>")])
def test_issue_5_nested_html_reads_each_text_once(open_tag: str, close_tag: str) -> None:
    text = "Sở Tài chính chủ trì, tăng 10% số hồ sơ trực tuyến."
    raw = load_text(_nested(500, open_tag, close_tag, text), source="nested.html", fmt="html")
    assert sum(block.text.count(text) for block in raw.blocks) == 1
