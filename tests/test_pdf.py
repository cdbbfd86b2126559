"""The PDF loader on real PDFs (corpus/pdf) and on damaged files made here."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract_file
from extract.errors import LoadError
from extract.load import load_file
from extract.load.ocr import default_engine
from extract.load.pdf import pdf_to_raw
from schemas.blocks import RawDocument

PDFS = Path(__file__).parent.parent / "corpus" / "pdf"
KH2242 = PDFS / "kh2242-laocai-sct-kiemtra-vlncn-2026.pdf"
CT11 = PDFS / "laocai-kh-ct11-khoangsan-2026.pdf"
GARBLED = PDFS / "kh1105-laocai-garbled-font.pdf"
SCAN = PDFS / "cv4214-bca-scanned.pdf"
FAKE_TABLES = [
    PDFS / "cv-lamdong-bcd-cqdp2cap-2025.pdf",
    PDFS / "tb-quangngai-ketluan-ctmtqg-2024.pdf",
    PDFS / "cv-laocai-vlncn-giamsat-2026.pdf",
]
needs_ocr = pytest.mark.skipif(default_engine() is None, reason="tesseract with its Vietnamese model is not installed")


def _grids(raw: RawDocument) -> list:
    return [b.grid for b in raw.blocks if b.grid is not None]


def _pdf_bytes(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A minimal PDF with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PAGE_TREE = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
]


def test_ruled_table_becomes_one_grid_with_row_pages_and_boxes() -> None:
    raw = load_file(KH2242)
    assert raw.format == "pdf" and raw.pages == 4
    (grid,) = _grids(raw)
    assert (grid.height, grid.width) == (10, 4)
    assert grid.texts(0) == ("TT", "Nhiệm vụ thực hiện", "Người thực hiện", "Ghi chú")
    assert [grid.texts(r)[0] for r in range(1, 10)] == [f"{n}." for n in range(1, 10)]
    # One person per line in the cell stays one per line; a wrapped title is one line.
    assert grid.texts(1)[1:3] == ("Rà soát việc đáp ứng các điều kiện của học viên", "Đỗ Mạnh Cường\nVũ Việt Linh\nNguyễn Thị Loan")
    tops = [o.bbox[1] for o in grid.origins]
    assert all(o.page == 4 and o.bbox is not None for o in grid.origins) and tops == sorted(tops)


def test_table_across_three_pages_is_one_grid_with_cut_rows_rejoined() -> None:
    raw = load_file(CT11)
    (grid,) = _grids(raw)
    numbers = [grid.texts(r)[0] for r in range(grid.height)]
    assert numbers == ["TT", "", *[str(n) for n in range(1, 15)]]  # the header is not repeated
    assert {o.page for o in grid.origins} == {15, 16, 17}
    row = {grid.texts(r)[0]: grid.texts(r) for r in range(grid.height)}
    # Fragments that the page breaks pushed to the top of pages 16 and 17, back in their rows.
    assert row["4"][1].endswith("thẩm quyền cấp phép của Chủ tịch UBND tỉnh")
    assert row["8"][1].endswith("để tham mưu UBND tỉnh tổ chức bồi dưỡng chuyên môn, nghiệp vụ.")
    assert row["6"][2] == "Sở Công Thương; Sở Xây dựng"


def test_vietnamese_words_are_not_cut_at_font_fallback_and_page_numbers_are_dropped() -> None:
    raw = load_file(CT11)
    texts = [b.text for b in raw.blocks if b.grid is None]
    assert texts[:2] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert not [t for t in texts if t.strip().isdigit()]
    headings = [b.text for b in raw.blocks if b.kind == "heading" and b.level == 1]
    assert "II. NHIỆM VỤ, GIẢI PHÁP" in headings and "IV. TỔ CHỨC THỰC HIỆN" in headings


def test_tasks_from_the_pdf_table_carry_their_page() -> None:
    doc = extract_file(CT11)
    assert [t.key for t in doc.tasks] == [str(n) for n in range(1, 15)]
    assert all(t.source.page in (15, 16, 17) for t in doc.tasks)


@pytest.mark.parametrize("path", FAKE_TABLES, ids=lambda p: p.name)
def test_invisible_rectangles_make_no_table_and_no_task(path: Path) -> None:
    raw = load_file(path)
    assert _grids(raw) == []
    # No task from a table; a letter's labelled prose items are tasks of their own (column "prose").
    assert all(t.source.table is None and t.source.column == "prose" for t in extract_file(path).tasks)


def test_garbled_text_layer_is_refused_without_ocr() -> None:
    with pytest.raises(LoadError) as error:
        pdf_to_raw(GARBLED, ocr=None)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{GARBLED}: unreadable PDF text: 6 of 6 pages have a garbled text layer")
    assert message.endswith("install planwatch[ocr] (tesseract-ocr-vie) to read them")


def test_scan_without_ocr_says_so() -> None:
    with pytest.raises(LoadError) as error:
        pdf_to_raw(SCAN, ocr=None)
    assert str(error.value) == (
        f"{SCAN}: scanned PDF: 5 of 5 pages have no text layer; install planwatch[ocr] (tesseract-ocr-vie) to read them"
    )


@needs_ocr
def test_scan_is_read_by_ocr_and_says_so() -> None:
    raw = pdf_to_raw(SCAN, ocr_workers=2)
    text = "\n".join(b.text for b in raw.blocks)
    assert "4214/BCA" in text and "Chương trình mục tiêu quốc gia" in text
    assert {b.page for b in raw.blocks} == {1, 2, 3, 4, 5}
    assert {b.reading for b in raw.blocks} == {"ocr"}
    assert any("read by OCR" in w for w in raw.warnings)


def test_truncated_pdf_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(KH2242.read_bytes()[:30000])
    with pytest.raises(LoadError) as error:
        load_file(path)
    assert str(error.value).startswith(f"{path}: not a readable PDF") and "\n" not in str(error.value)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    path.write_bytes(_pdf_bytes([*PAGE_TREE, encrypt], b"/Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] "))
    with pytest.raises(LoadError) as error:
        load_file(path)
    assert str(error.value) == f"{path}: the PDF is encrypted (password needed); save an unprotected copy"


def test_ten_thousand_empty_pages_are_refused_by_the_page_cap(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    path = tmp_path / "empty-pages.pdf"
    document = pdfium.PdfDocument.new()
    for _ in range(10_000):
        document.new_page(595, 842)
    document.save(str(path))
    document.close()
    with pytest.raises(LoadError) as error:
        load_file(path)
    assert str(error.value) == f"{path}: the PDF has 10000 pages, more than the 2000 planwatch reads"


def test_blank_pages_are_no_text_not_a_scan(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    path.write_bytes(_pdf_bytes(PAGE_TREE))
    with pytest.raises(LoadError) as error:
        pdf_to_raw(path, ocr=None)
    assert str(error.value) == f"{path}: the PDF has no text"


def test_not_a_pdf_with_a_pdf_name(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_text("Kính gửi", encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load_file(path)
    assert str(error.value) == f"{path}: not a PDF (no %PDF- header)"


LONG_PLAN = Path(__file__).parent.parent / "corpus" / "make" / "out"


def test_generated_long_plan_recovers_every_row_exactly() -> None:
    """48 pages printed by LibreOffice: rows cut by page breaks, merged group rows, lead cells
    merged down over rows and cut by page breaks; made by corpus/make/long_plan.py."""
    import json

    expected = json.loads((LONG_PLAN / "long-plan.json").read_text(encoding="utf-8"))["rows"]
    raw = load_file(LONG_PLAN / "long-plan.pdf")
    (grid,) = _grids(raw)
    got = [[" ".join(t.split()) for t in grid.texts(r)] for r in range(grid.height)]
    assert got == expected
    assert raw.pages is not None and raw.pages >= 40 and len({o.page for o in grid.origins}) >= 40
    doc = extract_file(LONG_PLAN / "long-plan.pdf")
    assert len(doc.tasks) == sum(1 for row in expected[1:] if row[0].isdigit()) >= 150


def _legacy_pdf(text: str, font: str) -> bytes:
    """One page of ``text`` (Latin-1 characters) set in a font of that name, not embedded."""
    body = "BT /F1 12 Tf 72 700 Td (" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj ET"
    stream = body.encode("latin-1")
    return _pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /" + font.encode() + b" /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>",
            b"<< /Type /FontDescriptor /FontName /" + font.encode() + b" /Flags 32 /FontBBox [0 -200 1000 900]"
            b" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        ]
    )


@pytest.mark.parametrize(
    ("font", "typed", "expected"),
    [
        (".VnTime", "KÕ ho¹ch triÓn khai thùc hiÖn nhiÖm vô n¨m 2026", "Kế hoạch triển khai thực hiện nhiệm vụ năm 2026"),
        (".VnTimeH", "kÕ ho¹ch triÓn khai thùc hiÖn", "KẾ HOẠCH TRIỂN KHAI THỰC HIỆN"),
        ("VNI-Times", "Keá hoaïch trieån khai thöïc hieän nhieäm vuï", "Kế hoạch triển khai thực hiện nhiệm vụ"),
    ],
)
def test_legacy_font_text_is_converted(tmp_path: Path, font: str, typed: str, expected: str) -> None:
    path = tmp_path / "legacy.pdf"
    path.write_bytes(_legacy_pdf(typed, font))
    raw = pdf_to_raw(path, ocr=None)
    assert [b.text for b in raw.blocks] == [expected]
    assert [b.reading for b in raw.blocks] == ["repaired"]  # facts read from it say so
    assert any("legacy Vietnamese font" in w for w in raw.warnings)


class _CountingEngine:
    """The installed OCR engine, counting the page images it is given."""

    def __init__(self) -> None:
        self.engine = default_engine()
        self.name = "tesseract"
        self.pages = 0

    def image_to_words(self, png: bytes, dpi: int, *, block: bool = False) -> list:
        self.pages += 0 if block else 1
        return self.engine.image_to_words(png, dpi, block=block)  # type: ignore[union-attr]


@needs_ocr
def test_only_pages_without_text_go_to_ocr(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(KH2242)), [0, 1])
    mixed.import_pages(pdfium.PdfDocument(str(SCAN)), [0], index=1)
    mixed.save(str(tmp_path / "mixed.pdf"))
    counting = _CountingEngine()
    raw = pdf_to_raw(tmp_path / "mixed.pdf", ocr=counting)  # type: ignore[arg-type]
    assert counting.pages == 1
    assert any(w.endswith("page(s) 2 read by OCR (tesseract); check the text") for w in raw.warnings)
    assert {b.reading for b in raw.blocks if b.page == 2} == {"ocr"}
    assert {b.reading for b in raw.blocks if b.page != 2} == {""} and raw.pages == 3
