"""A Word file written by LibreOffice (another writer's XML habits) reads like the HTML it came from."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extract.load import load_file
from schemas.blocks import GridCell

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HTML = """<html><body>
<p>Văn bản mở đầu giới thiệu bảng phân công nhiệm vụ của các cơ quan, đơn vị trong kế hoạch.</p>
<h1>PHỤ LỤC</h1>
<ol><li>Mục một</li><li>Mục hai</li></ol>
<table border="1">
<tr><th rowspan="2">TT</th><th rowspan="2">Nhiệm vụ</th><th colspan="2">Đơn vị thực hiện</th></tr>
<tr><th>Chủ trì</th><th>Phối hợp</th></tr>
<tr><td>I</td><td colspan="3">Nhóm một</td></tr>
<tr><td>1</td><td>Nhiệm vụ một</td><td rowspan="2">Sở Tư pháp</td><td>Sở A</td></tr>
<tr><td>2</td><td>Nhiệm vụ hai</td><td>Sở B</td></tr>
</table>
<p>Kết thúc.</p>
</body></html>"""


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian libreoffice-writer-nogui)")
def test_libreoffice_docx_keeps_spans_numbering_and_order(tmp_path: Path) -> None:
    source = tmp_path / "plan.html"
    source.write_text(HTML, encoding="utf-8")
    subprocess.run([str(SOFFICE), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    raw = load_file(tmp_path / "plan.docx")
    assert [(b.kind, b.marker, b.text) for b in raw.blocks if b.grid is None] == [
        ("paragraph", "", "Văn bản mở đầu giới thiệu bảng phân công nhiệm vụ của các cơ quan, đơn vị trong kế hoạch."),
        ("heading", "", "PHỤ LỤC"), ("list_item", "1.", "Mục một"), ("list_item", "2.", "Mục hai"),
        ("paragraph", "", "Kết thúc.")]
    [grid] = [b.grid for b in raw.blocks if b.grid is not None]
    assert raw.blocks[4].grid is grid
    assert grid.rows[0][0] == GridCell("TT", 2, 1) and grid.rows[0][2] == GridCell("Đơn vị thực hiện", 1, 2)
    assert grid.rows[2][1] == GridCell("Nhóm một", 1, 3)
    assert grid.rows[3][2] == GridCell("Sở Tư pháp", 2, 1) and grid.texts(4) == ("2", "Nhiệm vụ hai", "Sở Tư pháp", "Sở B")
