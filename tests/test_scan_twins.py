"""Office scans: grey paper, grey blurred ink and faint rulings (what corpus/make/scan_twin.py
puts on a printed page), and the scan twins the gate scores against their source's gold."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest

import gate_floors

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "make" / "out"


def _png(image) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _grid_page(*, ruling: int, paper: int = 255, width: int = 2):  # type: ignore[no-untyped-def]
    """A 300 dpi page with a 3 x 3 ruled grid drawn in grey ``ruling`` on ``paper``."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (2480, 3508), paper)
    draw = ImageDraw.Draw(image)
    xs, ys = [300, 900, 1500, 2100], [500, 800, 1100, 1400]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=ruling, width=width)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=ruling, width=width)
    draw.rectangle((320, 2000, 2000, 2100), fill=20)  # some text-dark ink elsewhere on the page
    return image


@pytest.mark.parametrize(("ruling", "paper"), [(165, 255), (175, 250), (150, 225)])
def test_faint_rulings_still_make_a_table(ruling: int, paper: int) -> None:
    """Hairline rulings that print or scan light grey (lighter than the text's threshold) are
    found: a ruling is a long run, which text never makes, so a lighter threshold is safe."""
    pytest.importorskip("numpy")
    from extract.load.ocr_tables import scan_page

    page = scan_page(_png(_grid_page(ruling=ruling, paper=paper)), 300)
    assert len(page.cells) == 9


def test_a_page_without_rulings_gets_no_table_from_the_lighter_threshold() -> None:
    """Grey text-like strokes (short runs) on grey paper make no ruling."""
    pytest.importorskip("numpy")
    from PIL import Image, ImageDraw

    from extract.load.ocr_tables import scan_page

    image = Image.new("L", (2480, 3508), 230)
    draw = ImageDraw.Draw(image)
    for line in range(40):
        for word in range(12):
            x, y = 300 + word * 160, 300 + line * 70
            draw.rectangle((x, y, x + 120, y + 30), fill=150)  # a grey word, 120 px long
    assert scan_page(_png(image), 300).cells == []


def test_grey_paper_is_levelled_white_and_grey_ink_black() -> None:
    np = pytest.importorskip("numpy")
    from extract.load.ocr_tables import levelled

    rng = np.random.default_rng(1)
    page = np.clip(rng.normal(225, 3, (400, 300)), 0, 255).astype(np.uint8)
    page[100:110, 50:250] = 70  # a grey stroke
    out = levelled(page)
    assert (out[200:, :] >= 250).mean() > 0.95  # the paper, grain and all, is white
    assert out[100:110, 50:250].max() <= 10  # the ink is black
    white = np.full((50, 50), 255, dtype=np.uint8)
    assert (levelled(white) == white).all()  # nothing to tell apart: left as it is


def test_a_scan_twin_is_scored_against_its_sources_gold(tmp_path: Path) -> None:
    for folder in ("docs", "scans", "gold"):
        (tmp_path / folder).mkdir()
    (tmp_path / "docs" / "plan-a.docx").write_bytes(b"x")
    (tmp_path / "scans" / "plan-a.scan.pdf").write_bytes(b"x")
    (tmp_path / "scans" / "kh1-real-scan.pdf").write_bytes(b"x")
    pairs = {d.relative_to(tmp_path).as_posix(): g.name for d, g in gate_floors.corpus_files(tmp_path, scans=True)}
    assert pairs == {"docs/plan-a.docx": "plan-a.json", "scans/plan-a.scan.pdf": "plan-a.json",
                     "scans/kh1-real-scan.pdf": "kh1-real-scan.json"}


def _twin_pages(out: Path, pages: int) -> Path:
    """The generated plan's first pages through the scan twin recipe (seeded)."""
    pdfium = pytest.importorskip("pypdfium2")
    sys.path.insert(0, str(ROOT / "corpus" / "make"))
    import scan_twin

    rng = random.Random(11)
    document = pdfium.PdfDocument(str(PLAN / "long-plan.pdf"))
    images = [
        scan_twin.degrade(document[i].render(scale=200 / 72).to_pil().convert("RGB"), rng, 200, first=i == 0).convert("L")
        for i in range(pages)
    ]
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=200, quality=70)
    return out


def test_a_degraded_scan_keeps_its_table_and_row_numbers(tmp_path: Path) -> None:
    """Grey paper, grey blurred ink, noise, JPEG and a turned page: the table is found and its
    lone row numbers are read (the page is levelled before reading)."""
    import json

    from extract.load.ocr import default_engine
    from extract.load.pdf import pdf_to_raw

    if default_engine() is None:
        pytest.skip("tesseract with its Vietnamese model is not installed")
    pytest.importorskip("numpy")
    raw = pdf_to_raw(_twin_pages(tmp_path / "twin.pdf", 2), ocr_workers=2)
    grids = [b.grid for b in raw.blocks if b.grid is not None]
    assert len(grids) == 1
    rows = [[" ".join(t.split()) for t in grids[0].texts(r)] for r in range(grids[0].height)]
    expected = json.loads((PLAN / "long-plan.json").read_text(encoding="utf-8"))["rows"][: len(rows)]
    numbers = [got[0].rstrip(".") == want[0] for got, want in zip(rows, expected, strict=True) if want[0].isdigit()]
    assert len(numbers) >= 5 and sum(numbers) >= len(numbers) - 1


_TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(lines: list[list[str]], *, paragraph: int = 1) -> str:
    """Tesseract TSV of one paragraph: one row per word, lines 60 px apart, words 20 px apart."""
    rows = [_TSV_HEADER]
    for number, words in enumerate(lines, start=1):
        rows.append(f"4\t1\t1\t{paragraph}\t{number}\t0\t100\t{60 * number}\t1800\t40\t-1\t")
        left = 100
        for index, word in enumerate(words, start=1):
            width = 30 * len(word)
            rows.append(f"5\t1\t1\t{paragraph}\t{number}\t{index}\t{left}\t{60 * number}\t{width}\t40\t{60 if word == '-' else 92}\t{word}")
            left += width + 20
    return "\n".join(rows)


@pytest.mark.parametrize("dash", ["-", "–"])
def test_a_dash_opening_a_line_of_words_is_its_bullet_and_a_lone_dash_a_ruling(dash: str) -> None:
    from extract.load.ocr import tsv_to_words

    words = tsv_to_words(_tsv([[dash, "Đơn", "vị", "chủ", "trì:", "Sở", "Nội", "vụ."], [dash], ["x", dash, "Y"]]), 300)
    assert [w["text"] for w in words] == [dash, "Đơn", "vị", "chủ", "trì:", "Sở", "Nội", "vụ.", "x", "Y"]
    # between two words, before a number or a lower-case word, it is text ("2025 - 2030")
    words = tsv_to_words(_tsv([["2025", dash, "2030"], ["x", dash, "y"]]), 300)
    assert [w["text"] for w in words] == ["2025", dash, "2030", "x", dash, "y"]


@pytest.mark.parametrize("marker", ["-", "(3)", "a)", "2."])
def test_a_line_opening_with_a_list_marker_starts_its_own_ocr_paragraph(marker: str) -> None:
    """The engine puts list items of one indent in one paragraph; each item is its own block,
    as in a text layer, so a label line ('Thời gian hoàn thành: …') is not read into the one
    before it."""
    from extract.load.ocr import tsv_to_words
    from extract.load.pdf_text import ocr_words_to_blocks

    lines = [[marker, "Đơn", "vị", "chủ", "trì:", "Sở", "Nội", "vụ."], [marker, "Thời", "gian", "hoàn", "thành:", "Quý", "II/2026."],
             ["tiếp", "theo", "dòng."]]
    blocks = ocr_words_to_blocks(tsv_to_words(_tsv(lines), 300))
    assert [b.text for b in blocks] == [f"{marker} Đơn vị chủ trì: Sở Nội vụ.", f"{marker} Thời gian hoàn thành: Quý II/2026. tiếp theo dòng."]


def _line_words(text: str, line: int = 1) -> list[dict]:
    return [{"text": t, "ocr_line": (1, 1, 1, line)} for t in text.split()]


@pytest.mark.parametrize(
    ("read", "printed"),
    [("Tố chức kiếm tra kỹ thuật", "Tổ chức kiểm tra kỹ thuật"), ("Công ty cố phần Toàn Kim", "Công ty cổ phần Toàn Kim"),
     ("Đấy mạnh tuyên truyền, phố biến", "Đẩy mạnh tuyên truyền, phổ biến"), ("Sở Văn hóa, Thế thao", "Sở Văn hóa, Thể thao")],
)
def test_a_hook_read_as_an_acute_is_put_right_by_its_neighbours(read: str, printed: str) -> None:
    from extract.load.ocr_tones import mend_tone_confusions

    assert " ".join(w["text"] for w in mend_tone_confusions(_line_words(read))) == printed


@pytest.mark.parametrize(
    "text",
    ["trên địa bàn tỉnh", "danh tính số, phương tiện số", "Số người lao động", "Chỉ số cải cách", "tố cáo, khiếu nại",
     "Tố chức"],  # the last: its neighbour is on the next line
)
def test_good_text_and_words_across_lines_keep_their_marks(text: str) -> None:
    from extract.load.ocr_tones import mend_tone_confusions

    words = _line_words(text)
    if text == "Tố chức":
        words = _line_words("Tố", 1) + _line_words("chức", 2)
    assert [w["text"] for w in mend_tone_confusions(words)] == text.split()
