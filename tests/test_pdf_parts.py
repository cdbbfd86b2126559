"""The PDF loader's parts on hand-made input: visible rulings, layer checks, stitching, text."""

from __future__ import annotations

import pytest

from extract.load.pdf_layers import classify_layer, font_is_legacy, is_visible_ruling, luminance
from extract.load.pdf_tables import cells_to_table, is_real_table, stitch, table_to_grid
from extract.load.pdf_text import join_wrapped, line_joint, segments_to_block_text, words_to_segments


def word(text: str, x0: float, top: float, size: float = 12.0, font: str = "Times") -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 6.0 * len(text), "top": top, "bottom": top + size, "size": size, "fontname": font}


@pytest.mark.parametrize(
    ("colour", "expected"),
    [(None, 0.0), (1.0, 1.0), ((1.0,), 1.0), ((1.0, 1.0, 1.0), 1.0), ((0.0, 0.0, 0.0, 0.0), 1.0), ((0, 0, 0, 1), 0.0), ("P0", 0.0)],
)
def test_luminance_of_gray_rgb_cmyk_and_patterns(colour: object, expected: float) -> None:
    assert luminance(colour) == pytest.approx(expected)


def test_only_dark_edges_are_rulings() -> None:
    white_fill = {"object_type": "rect", "fill": True, "stroke": False, "non_stroking_color": (1.0, 1.0, 1.0), "width": 400, "height": 15}
    white_line = {"object_type": "line", "stroke": True, "stroking_color": 1.0, "width": 400, "height": 0}
    black_line = {"object_type": "line", "stroke": True, "stroking_color": (0.0, 0.0, 0.0), "width": 400, "height": 0}
    thin_black_rect = {"object_type": "rect", "fill": True, "stroke": False, "non_stroking_color": 0.0, "width": 400, "height": 0.5}
    big_gray_rect = {"object_type": "rect", "fill": True, "stroke": False, "non_stroking_color": 0.3, "width": 400, "height": 40}
    assert not is_visible_ruling(white_fill) and not is_visible_ruling(white_line)
    assert is_visible_ruling(black_line) and is_visible_ruling(thin_black_rect)
    assert not is_visible_ruling(big_gray_rect)
    assert is_visible_ruling({"object_type": "char", "text": "a"})


def test_layer_kinds() -> None:
    good = [{"text": c, "fontname": "Times"} for c in "Kế hoạch triển khai thực hiện nhiệm vụ"]
    cids = [{"text": "(cid:54)", "fontname": "Times"}] * 30 + good
    legacy = [{"text": c, "fontname": "ABCDEF+.VnTime"} for c in "KÕ ho¹ch triÓn khai thùc hiÖn"]
    assert classify_layer(good)[0] == "text"
    assert classify_layer(cids)[0] == "garbage"
    assert classify_layer(legacy)[0] == "legacy"
    assert classify_layer([], image_share=0.9)[0] == "none"
    assert classify_layer([], image_share=0.0)[0] == "blank"
    bare = [{"text": c, "fontname": "Times"} for c in "Ke hoach trien khai thuc hien nhiem vu " * 12]
    assert classify_layer(bare, vietnamese=True)[0] == "garbage"
    assert classify_layer(bare, vietnamese=False)[0] == "text"


@pytest.mark.parametrize("name", ["IEMIUK+VnTime", ".VnTimeH", "VNI-Times", "ABCDEF+.VnArial"])
def test_legacy_font_names(name: str) -> None:
    assert font_is_legacy(name)


@pytest.mark.parametrize("name", ["TimesNewRomanPSMT", "BAAAAA+LiberationSerif", "Calibri"])
def test_unicode_font_names(name: str) -> None:
    assert not font_is_legacy(name)


COLUMNS = (50.0, 80.0, 300.0, 450.0)


def _table(rows: list[list[str]], page: int, top: float = 100.0, merged: tuple[int, int, int] | None = None):
    """A ruled table on ``COLUMNS``: each row 30 pt high; ``merged`` = (column, first row, rows)."""
    boxes, words = [], []
    for r, texts in enumerate(rows):
        y = top + 30 * r
        for c, text in enumerate(texts):
            if merged and c == merged[0] and merged[1] < r < merged[1] + merged[2]:
                continue
            height = 30 * (merged[2] if merged and c == merged[0] and r == merged[1] else 1)
            boxes.append((COLUMNS[c], y, COLUMNS[c + 1], y + height))
            x = COLUMNS[c] + 5
            for token in text.split():
                words.append(word(token, x, y + 8))
                x += 6.0 * len(token) + 3
    return cells_to_table(boxes, words, page)


def test_merged_lead_cell_applies_to_each_row() -> None:
    table = _table([["TT", "Nhiệm vụ", "Chủ trì"], ["1", "Việc một", "Sở A"], ["2", "Việc hai", ""], ["3", "Việc ba", ""]], 1, merged=(2, 1, 3))
    grid = table_to_grid(table, 1)
    assert [grid.texts(r)[2] for r in range(4)] == ["Chủ trì", "Sở A", "Sở A", "Sở A"]
    assert grid.rows[1][2].rowspan == 3 and grid.rows[3][2].origin == (1, 2)


def test_stitch_drops_repeated_header_and_rejoins_cut_row() -> None:
    first = _table([["TT", "Nhiệm vụ", "Chủ trì"], ["1", "Việc một", "Sở Khoa học và Công"]], 1)
    second = _table([["TT", "Nhiệm vụ", "Chủ trì"], ["", "", "nghệ"], ["2", "Việc hai", "Sở B"]], 2, top=50.0)
    assert stitch(first, second)
    grid = table_to_grid(first, 1)
    assert [grid.texts(r) for r in range(grid.height)] == [
        ("TT", "Nhiệm vụ", "Chủ trì"),
        ("1", "Việc một", "Sở Khoa học và Công nghệ"),
        ("2", "Việc hai", "Sở B"),
    ]
    assert [o.page for o in grid.origins] == [1, 1, 2]


def test_a_header_repeated_with_ocr_slips_is_still_dropped() -> None:
    header = ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì"]
    first = _table([header, ["1", "Việc một", "Sở Khoa học và Công"]], 1)
    second = _table([["TT", "Nội dung nhiêm vu", "Đơn vị chủ trì"], ["", "", "nghệ"], ["2", "Việc hai", "Sở B"]], 2, top=50.0)
    assert stitch(first, second)
    assert [table_to_grid(first, 1).texts(r)[2] for r in range(3)] == ["Đơn vị chủ trì", "Sở Khoa học và Công nghệ", "Sở B"]
    # A first row that only looks like the header (other cells filled) is kept.
    first = _table([header, ["1", "Việc một", "Sở A"]], 1)
    second = _table([["1", "Nội dung nhiệm vụ", "Đơn vị chủ trì"], ["2", "Việc hai", "Sở B"]], 2, top=50.0)
    assert stitch(first, second) and table_to_grid(first, 1).height == 4


def test_stitch_extends_a_merged_cell_cut_by_the_page_break() -> None:
    first = _table([["TT", "Nhiệm vụ", "Chủ trì"], ["1", "Việc một", "Sở A"], ["2", "Việc hai", ""]], 1, merged=(2, 1, 2))
    second = _table([["3", "Việc ba", ""], ["4", "Việc bốn", "Sở B"]], 2, top=50.0)
    assert stitch(first, second)
    grid = table_to_grid(first, 1)
    assert [grid.texts(r)[2] for r in range(grid.height)] == ["Chủ trì", "Sở A", "Sở A", "Sở A", "Sở B"]


def test_tables_with_other_columns_are_not_stitched() -> None:
    first = _table([["TT", "Nhiệm vụ", "Chủ trì"], ["1", "Việc một", "Sở A"]], 1)
    boxes = [(50.0, 50.0, 200.0, 80.0), (200.0, 50.0, 450.0, 80.0), (50.0, 80.0, 200.0, 110.0), (200.0, 80.0, 450.0, 110.0)]
    other = cells_to_table(boxes, [word("Bảng", 60, 58), word("khác", 210, 58), word("x", 60, 88), word("y", 210, 88)], 2)
    assert not stitch(first, other)


def test_one_column_box_and_empty_grid_are_not_tables() -> None:
    prose = cells_to_table([(50.0, 100.0 + 20 * r, 500.0, 120.0 + 20 * r) for r in range(5)], [word("Dòng", 60, 104 + 20 * r) for r in range(5)], 1)
    assert prose is not None and not is_real_table(prose)
    empty = _table([["", "", ""]] * 10 + [["a", "b", ""]], 1)
    assert not is_real_table(empty)


def test_wrapped_lines_join_and_one_item_per_line_stays() -> None:
    wrapped = words_to_segments([word("Rà", 10, 0), word("soát", 30, 0), word("việc", 10, 15)])
    assert join_wrapped(wrapped, 60) == "Rà soát việc"
    names = words_to_segments([word("Đỗ", 10, 0), word("Cường", 30, 0), word("Vũ", 10, 15), word("Linh", 30, 15)])
    assert join_wrapped(names, 150) == "Đỗ Cường\nVũ Linh"


def _line(texts: list[str], top: float) -> list[dict]:
    words, x = [], 10.0
    for text in texts:
        words.append(word(text, x, top))
        x += 6.0 * len(text) + 3.0
    return words


@pytest.mark.parametrize(
    ("first", "rest", "joined"),
    [("52/2015/NĐ-", "CP", "52/2015/NĐ-CP"), ("1441/QĐ-", "UBND", "1441/QĐ-UBND"), ("giai đoạn 2026-", "2030", "giai đoạn 2026-2030"),
     ("kinh tế -", "xã hội", "kinh tế - xã hội"), ("Sở Tư pháp", "Sở Nội vụ", "Sở Tư pháp Sở Nội vụ"), ("số 12/KH-", "UBND ngày", "số 12/KH-UBND ngày")],
)
def test_a_line_wrapped_after_a_glued_hyphen_joins_without_a_space(first: str, rest: str, joined: str) -> None:
    assert first + line_joint(first, rest) + rest == joined
    words = _line(first.split(), 0) + _line(rest.split(), 15)
    segments = words_to_segments(words)
    assert len(segments) == 2
    assert join_wrapped(segments, segments[0].x1 - segments[0].x0 + 4) == joined  # wrapped in a cell
    assert segments_to_block_text(segments) == joined  # wrapped in a paragraph


def _ruled_page_png(merge_right_of_middle: bool) -> bytes:
    """A 300 dpi page image with a 3 x 3 ruled grid; optionally the middle cell merged right."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = [300, 900, 1500, 2100], [500, 800, 1100, 1400]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=4)
    for i, x in enumerate(xs):
        if merge_right_of_middle and i == 2:
            draw.line([(x, ys[0]), (x, ys[1])], fill=0, width=4)
            draw.line([(x, ys[2]), (x, ys[3])], fill=0, width=4)
        else:
            draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_scanned_rulings_give_cells_and_merged_cells() -> None:
    pytest.importorskip("numpy")
    from extract.load.ocr_tables import scan_page

    page = scan_page(_ruled_page_png(False), 300)
    assert len(page.cells) == 9 and page.sheet is None  # cells without ink are not read
    page = scan_page(_ruled_page_png(True), 300)
    assert len(page.cells) == 8
    wide = [c for c in page.cells if c[2] - c[0] > 200]  # points: the merged middle row cell
    assert len(wide) == 1 and wide[0][0] == pytest.approx(900 * 72 / 300, abs=2)


def test_short_rows_keep_their_rulings_and_letters_do_not_make_one() -> None:
    """A row lower than a ruling run's window (the end of a table cut by the page) keeps its
    column rulings; a merged cell whose letters stand where a ruling would be stays merged."""
    pytest.importorskip("numpy")
    import io

    from PIL import Image, ImageDraw

    from extract.load.ocr_tables import scan_page

    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = [300, 900, 1500, 2100], [400, 1200, 1260, 1400]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=4)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[1])], fill=0, width=4)
        draw.line([(x, ys[2]), (x, ys[3])], fill=0, width=4)
    draw.line([(xs[0], ys[1]), (xs[0], ys[2])], fill=0, width=4)
    draw.line([(xs[-1], ys[1]), (xs[-1], ys[2])], fill=0, width=4)
    for x in range(xs[0] + 40, xs[-1] - 40, 30):  # a merged row's letters: strokes 40 px high
        draw.line([(x, ys[1] + 10), (x, ys[1] + 50)], fill=0, width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    page = scan_page(buffer.getvalue(), 300)
    rows = sorted({round(c[1]) for c in page.cells})
    assert len(page.cells) == 7 and len(rows) == 3
    assert [c for c in page.cells if round(c[1]) == rows[1]][0][2] == pytest.approx(xs[-1] * 72 / 300, abs=2)
    assert len([c for c in page.cells if round(c[1]) == rows[2]]) == 3  # 140 px high, still three cells
    assert page.sheet is not None and len(page.placements) == 1


def test_a_thin_ruling_a_pixel_off_straight_still_bounds_a_short_table() -> None:
    """A short table's side ruling drawn in two halves two pixels apart (what a fraction of a
    degree of skew leaves of a thin line) is one ruling: its last column keeps its cells."""
    pytest.importorskip("numpy")
    import io

    from PIL import Image, ImageDraw

    from extract.load.ocr_tables import scan_page

    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = [300, 900, 1500, 2100], [500, 650, 800, 940]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1] + 2, y)], fill=0, width=2)
    for x in xs[:-1]:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=2)
    middle = (ys[0] + ys[-1]) // 2
    draw.line([(xs[-1], ys[0]), (xs[-1], middle)], fill=0, width=2)
    draw.line([(xs[-1] + 2, middle), (xs[-1] + 2, ys[-1])], fill=0, width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    page = scan_page(buffer.getvalue(), 300)
    assert len(page.cells) == 9
    assert max(c[2] for c in page.cells) == pytest.approx(xs[-1] * 72 / 300, abs=2)


def test_despeckle_removes_lone_specks_and_keeps_strokes() -> None:
    np = pytest.importorskip("numpy")
    from extract.load.ocr_tables import despeckle

    pixels = np.full((40, 40), 255, dtype=np.uint8)
    pixels[5, 5] = 0  # a speck
    pixels[20:30, 20:24] = 0  # a stroke with a hole
    pixels[25, 22] = 255
    cleaned = despeckle(pixels)
    assert cleaned[5, 5] == 255 and cleaned[25, 22] == 0 and (cleaned[20:30, 20:24] == 0).all()


def test_skew_of_a_turned_page() -> None:
    pytest.importorskip("numpy")
    import io

    from PIL import Image

    from extract.load.ocr_tables import scan_page, skew_of

    page = Image.open(io.BytesIO(_ruled_page_png(False))).convert("L")
    turned = page.rotate(-0.6, fillcolor=255)
    assert skew_of(turned) == pytest.approx(0.6, abs=0.11)
    buffer = io.BytesIO()
    turned.save(buffer, format="PNG")
    assert len(scan_page(buffer.getvalue(), 300).cells) == 9


def test_a_lone_dash_is_a_dash_on_a_cell_sheet_and_a_ruling_on_a_page() -> None:
    """On a cell sheet the rulings are painted out, so a lone '-' is the dash of a range
    ("29/6/2026 - 09/7/2026"); on a whole page it may be a piece of ruling."""
    from extract.load.ocr import tsv_to_words

    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t10\t10\t100\t30\t90\t29/6/2026",
        "5\t1\t1\t1\t1\t2\t120\t10\t15\t30\t40\t-",
        "5\t1\t1\t1\t2\t1\t10\t50\t100\t30\t90\t09/7/2026",
    ]
    tsv = "\n".join([header, *rows])
    assert [w["text"] for w in tsv_to_words(tsv, 300, min_confidence=0.0, ruled=False)] == ["29/6/2026", "-", "09/7/2026"]
    assert [w["text"] for w in tsv_to_words(tsv, 300)] == ["29/6/2026", "09/7/2026"]


@pytest.mark.parametrize("left, right", [("2025", "2030"), ("đầu máy", "toa xe"), ("5%", "7%"), ("29/6/2026", "09/7/2026")])
def test_a_lone_dash_between_two_words_of_its_line_on_a_page_is_text(left: str, right: str) -> None:
    """Page text keeps a dash with a word of its own line on each side ("giai đoạn 2025 - 2030":
    dropped, the period's range is lost); a dash that ends its line or stands alone on a line
    is still taken for a piece of ruling."""
    from extract.load.ocr import tsv_to_words

    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        f"5\t1\t1\t1\t1\t1\t10\t10\t100\t30\t90\t{left}",
        "5\t1\t1\t1\t1\t2\t120\t10\t15\t30\t90\t-",
        f"5\t1\t1\t1\t1\t3\t140\t10\t100\t30\t90\t{right}",
        "5\t1\t1\t1\t1\t4\t250\t10\t15\t30\t90\t–",
        "5\t1\t1\t1\t2\t1\t10\t50\t15\t30\t90\t—",
        "5\t1\t1\t1\t3\t1\t10\t90\t100\t30\t90\tnăm",
    ]
    tsv = "\n".join([header, *rows])
    assert [w["text"] for w in tsv_to_words(tsv, 300)] == [left, "-", right, "năm"]



def test_a_dash_before_a_capitalised_word_on_a_page_is_dropped_as_before() -> None:
    """The motto 'Độc lập - Tự do - Hạnh phúc' and names ('Bắc - Nam') read as before."""
    from extract.load.ocr import tsv_to_words

    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    texts = ["Độc", "lập", "-", "Tự", "do", "-", "Hạnh", "phúc"]
    rows = [f"5\t1\t1\t1\t1\t{i + 1}\t{10 + 40 * i}\t10\t30\t30\t90\t{t}" for i, t in enumerate(texts)]
    assert [w["text"] for w in tsv_to_words("\n".join([header, *rows]), 300)] == ["Độc", "lập", "Tự", "do", "Hạnh", "phúc"]


def test_ocr_misread_row_numbers_are_mended_only_where_the_column_counts_on() -> None:
    """'h)' between 1 and 3 is 2, '2,' between 6 and 8 is 7, and 'l' above 2 and 3 is 1; a group row 'I' above 1, 2, a
    header 'TT' and a letter between numbers that do not leave a gap stay as read."""
    from extract.load.pdf_tables import PdfCell, PdfTable, mend_misread_numbers

    def table(numbers: list[str]) -> PdfTable:
        cells = [PdfCell(r, 0, 1, 1, (0, r * 10, 10, r * 10 + 10), text=t) for r, t in enumerate(numbers)]
        return PdfTable(cells, [0.0, 10.0], len(numbers), [], (0, 0, 10, 10 * len(numbers)))

    def mended(numbers: list[str]) -> list[str]:
        t = table(numbers)
        mend_misread_numbers(t)
        return [c.text for c in t.cells]

    assert mended(["TT", "l", "2", "3", "h)", "5"]) == ["TT", "1", "2", "3", "4", "5"]
    assert mended(["TT", "I", "1", "2", "II", "3"]) == ["TT", "I", "1", "2", "II", "3"]
    assert mended(["TT", "1", "a)", "2", "3"]) == ["TT", "1", "a)", "2", "3"]
    assert mended(["TT", "1", "2", "II", "4"]) == ["TT", "1", "2", "II", "4"]
    # A digit misread as another digit: the neighbours still say which it is.
    assert mended(["TT", "6.", "2,", "8.", "9."]) == ["TT", "6.", "7", "8.", "9."]
    assert mended(["TT", "7", "2", "3"]) == ["TT", "1", "2", "3"]
    assert mended(["TT", "6.", "7.", "8.", "3."]) == ["TT", "6.", "7.", "8.", "3."]  # nothing below to say it is 9
