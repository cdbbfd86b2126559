"""Tables printed without rulings: columns from the header's gaps, rows from the number column."""

from __future__ import annotations

import json
from pathlib import Path

from extract import extract_file
from extract.load.pdf import pdf_to_raw
from extract.load.pdf_unruled import words_to_unruled_tables

UNRULED = Path(__file__).parent.parent / "corpus" / "make" / "out"


def _line(texts: list[tuple[float, str]], top: float) -> list[dict]:
    """Words of one line: each (x, text) run set at 6 pt a letter, words a space apart."""
    words = []
    for x, text in texts:
        for token in text.split():
            words.append({"text": token, "x0": x, "x1": x + 6.0 * len(token), "top": top, "bottom": top + 12, "size": 12.0})
            x += 6.0 * len(token) + 3
    return words


def test_generated_unruled_plan_reads_like_its_ruled_twin() -> None:
    """Eleven pages printed by LibreOffice from a Word table with every border off: centred
    header repeated on each page, group rows across the columns, rows cut by page breaks;
    made by corpus/make/unruled_plan.py."""
    expected = json.loads((UNRULED / "unruled-plan.json").read_text(encoding="utf-8"))["rows"]
    raw = pdf_to_raw(UNRULED / "unruled-plan.pdf", ocr=None)
    grids = [b.grid for b in raw.blocks if b.grid is not None]
    assert len(grids) == 1
    got = [[" ".join(t.split()) for t in grids[0].texts(r)] for r in range(grids[0].height)]
    assert got == expected
    assert len({o.page for o in grids[0].origins}) == raw.pages == 11
    # The prose after the table stays prose.
    assert raw.blocks[-1].grid is None and raw.blocks[-1].text.startswith("Các sở, ban, ngành")
    doc = extract_file(UNRULED / "unruled-plan.pdf")
    assert len(doc.tasks) == sum(1 for row in expected[1:] if row[0].isdigit())
    assert doc.tasks[0].key == "I.1" and doc.tasks[0].lead[0].agency == expected[2][2]


def test_columns_of_text_without_numbered_rows_are_no_table() -> None:
    signature = _line([(60, "Nơi nhận:"), (250, "KT. CHỦ TỊCH"), (420, "PHÓ CHỦ TỊCH")], 100)
    items = _line([(60, "- Như trên;")], 116) + _line([(60, "- Lưu: VT.")], 132)
    assert words_to_unruled_tables(signature + items) == []
    # A numbered list in prose runs across every gap of the line above: no table either.
    prose = [_line([(60, f"{n}. Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành liên quan tham mưu")], 116 + 16 * n) for n in (1, 2, 3)]
    assert words_to_unruled_tables(signature + [w for line in prose for w in line]) == []


def test_numbered_rows_under_a_header_make_cells() -> None:
    header = _line([(60, "TT"), (100, "Nhiệm vụ"), (300, "Chủ trì"), (420, "Thời gian")], 100)
    rows = [
        _line([(60, "1"), (100, "Rà soát quy hoạch"), (300, "Sở Xây dựng"), (420, "Năm 2026")], 124),
        _line([(100, "đô thị")], 140),
        _line([(60, "2"), (100, "Số hóa hồ sơ"), (300, "Sở Nội vụ"), (420, "Quý II/2026")], 164),
    ]
    (boxes,) = words_to_unruled_tables(header + [w for line in rows for w in line])
    assert len(boxes) == 12  # header row and two task rows of four columns
    lefts = sorted({round(b[0]) for b in boxes})
    assert len(lefts) == 4 and lefts[1] < 100 < lefts[2] and lefts[2] < 300 < lefts[3] < 420
