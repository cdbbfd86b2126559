"""The Word loader on generated files: merges, wrappers, tracked changes, headings, pages, layout."""

from __future__ import annotations

from pathlib import Path

from docx_xml import p, tbl, tc, tr, write_docx

from extract.load import load_file
from schemas.blocks import GridCell, RawDocument


def load(tmp_path: Path, body: str, **kwargs: str) -> RawDocument:
    return load_file(write_docx(tmp_path / "doc.docx", body, **kwargs))  # type: ignore[arg-type]


def only_grid(raw: RawDocument):  # type: ignore[no-untyped-def]
    [grid] = [b.grid for b in raw.blocks if b.grid is not None]
    return grid


TASK_HEADER = tr(tc("TT"), tc("Nhiệm vụ"), tc("Chủ trì"), tc("Phối hợp"))
LEAD_PARAGRAPH = p("Văn bản mở đầu có nội dung đủ dài để không phải là phần đầu trang của văn bản hành chính.")


def test_vmerge_grows_the_origin_and_gridspan_widens(tmp_path: Path) -> None:
    body = LEAD_PARAGRAPH + tbl(
        TASK_HEADER,
        tr(tc("I. Nhóm", tcpr='<w:gridSpan w:val="4"/>')),
        tr(tc("1"), tc("Nhiệm vụ một"), tc("Sở A", tcpr='<w:vMerge w:val="restart"/>'), tc("Sở B")),
        tr(tc("2"), tc("Nhiệm vụ hai"), tc(tcpr="<w:vMerge/>"), tc("Sở C")),
        tr(tc("3"), tc("Nhiệm vụ ba"), tc(tcpr='<w:vMerge w:val="continue"/>'), tc("Sở D")),
        columns=4,
    )
    grid = only_grid(load(tmp_path, body))
    assert (grid.height, grid.width) == (5, 4)
    assert grid.rows[1][0] == GridCell("I. Nhóm", 1, 4)
    assert grid.rows[1][3] == GridCell("I. Nhóm", 1, 1, (1, 0))
    assert grid.rows[2][2] == GridCell("Sở A", 3, 1)
    assert grid.rows[3][2] == grid.rows[4][2] == GridCell("Sở A", 1, 1, (2, 2))
    assert grid.texts(4) == ("3", "Nhiệm vụ ba", "Sở A", "Sở D")


def test_vmerge_continue_without_origin_is_a_plain_cell(tmp_path: Path) -> None:
    body = LEAD_PARAGRAPH + tbl(TASK_HEADER, tr(tc("1"), tc("A"), tc("Sở A", tcpr="<w:vMerge/>"), tc("Sở B")), columns=4)
    grid = only_grid(load(tmp_path, body))
    assert grid.rows[1][2] == GridCell("Sở A")


def test_grid_before_and_after_leave_empty_positions(tmp_path: Path) -> None:
    body = LEAD_PARAGRAPH + tbl(
        TASK_HEADER,
        tr(tc("Ghi chú chung", tcpr='<w:gridSpan w:val="2"/>'), trpr='<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'),
        tr(tc("1"), tc("A"), tc("Sở A"), tc("Sở B")),
        columns=4,
    )
    grid = only_grid(load(tmp_path, body))
    assert grid.texts(1) == ("", "Ghi chú chung", "Ghi chú chung", "")
    assert grid.rows[1][1] == GridCell("Ghi chú chung", 1, 2)


def test_legacy_hmerge_widens_the_cell_to_its_left(tmp_path: Path) -> None:
    body = LEAD_PARAGRAPH + tbl(
        TASK_HEADER,
        tr(tc("II. Nhóm hai", tcpr='<w:hMerge w:val="restart"/>'), tc(tcpr="<w:hMerge/>"), tc(tcpr="<w:hMerge/>"),
           tc(tcpr="<w:hMerge/>")),
        columns=4,
    )
    assert only_grid(load(tmp_path, body)).rows[1][0] == GridCell("II. Nhóm hai", 1, 4)


def test_nested_table_text_is_read_into_the_cell(tmp_path: Path) -> None:
    inner = tbl(tr(tc("Sở X"), tc("chủ trì")), tr(tc("Sở Y"), tc("phối hợp")), columns=2)
    body = LEAD_PARAGRAPH + tbl(TASK_HEADER, tr(tc("1"), tc("Nhiệm vụ"), tc("Các sở:", inner), tc("")), columns=4)
    grid = only_grid(load(tmp_path, body))
    assert grid.texts(1)[2] == "Các sở:\nSở X | chủ trì\nSở Y | phối hợp"
    assert grid.width == 4


def test_content_controls_hyperlinks_fields_and_tracked_changes(tmp_path: Path) -> None:
    run = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'.format
    paragraph = (
        "<w:p>" + run("Theo ")
        + f'<w:hyperlink r:id="rId9">{run("Quyết định số 12")}</w:hyperlink>'
        + f"<w:sdt><w:sdtPr/><w:sdtContent>{run(' ngày 01/02/2026')}</w:sdtContent></w:sdt>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run(", trang 3") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + f'<w:fldSimple w:instr=" DATE ">{run(" (bản sửa)")}</w:fldSimple>'
        + f'<w:ins w:id="1" w:author="a">{run(" đã bổ sung")}</w:ins>'
        + '<w:del w:id="2" w:author="a"><w:r><w:delText> đã xóa</w:delText></w:r></w:del>'
        + f'<w:moveFrom w:id="3" w:author="a">{run(" chuyển đi")}</w:moveFrom>'
        + '<w:r><w:rPr><w:vanish/></w:rPr><w:t> ẩn</w:t></w:r>'
        + run(".") + "</w:p>"
    )
    block_sdt = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('Đoạn trong điều khiển nội dung')}</w:sdtContent></w:sdt>"
    raw = load(tmp_path, paragraph + block_sdt)
    assert [b.text for b in raw.blocks] == [
        "Theo Quyết định số 12 ngày 01/02/2026, trang 3 (bản sửa) đã bổ sung.",
        "Đoạn trong điều khiển nội dung",
    ]


def test_rows_and_cells_inside_content_controls(tmp_path: Path) -> None:
    row = tr(tc("1"), f"<w:sdt><w:sdtContent>{tc('Nhiệm vụ')}</w:sdtContent></w:sdt>", tc("Sở A"), tc("Sở B"))
    body = LEAD_PARAGRAPH + tbl(TASK_HEADER, f"<w:sdt><w:sdtContent>{row}</w:sdtContent></w:sdt>", columns=4)
    assert only_grid(load(tmp_path, body)).texts(1) == ("1", "Nhiệm vụ", "Sở A", "Sở B")


def test_caps_runs_are_upper_cased_and_breaks_and_tabs_read(tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>tổ chức</w:t></w:r><w:r><w:tab/><w:t>thực hiện</w:t>'
            '<w:br/><w:t>dòng hai</w:t><w:noBreakHyphen/><w:t>nối</w:t></w:r></w:p>')
    assert load(tmp_path, body).blocks[0].text == "TỔ CHỨC thực hiện\ndòng hai-nối"


def test_text_box_paragraphs_are_read_once_after_their_host(tmp_path: Path) -> None:
    box = p("Số: 12/KH-UBND")
    body = (
        '<w:p><w:r><w:t>Đoạn chủ</w:t></w:r><w:r><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:textbox><w:txbxContent>{box}</w:txbxContent></v:textbox></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r></w:p>" + p("Đoạn sau")
    )
    assert [b.text for b in load(tmp_path, body).blocks] == ["Đoạn chủ", "Số: 12/KH-UBND", "Đoạn sau"]


def test_heading_styles_and_outline_levels(tmp_path: Path) -> None:
    long = "Nội dung " * 30
    body = (
        p("MỤC TIÊU", '<w:pStyle w:val="Heading1"/>')
        + p("Mục tiêu cụ thể", '<w:pStyle w:val="Heading2"/>')
        + p("Tiêu đề theo cấp dàn ý", '<w:outlineLvl w:val="2"/>')
        + p("- Gạch đầu dòng mang kiểu tiêu đề", '<w:pStyle w:val="Heading2"/>')
        + p(long.strip(), '<w:pStyle w:val="Heading2"/>')
        + p("Thân bài", '<w:pStyle w:val="Heading2"/><w:outlineLvl w:val="9"/>')
        + "".join(p(f"Đoạn văn thường thứ {n}.") for n in range(5))
    )
    raw = load(tmp_path, body)
    assert [(b.kind, b.level) for b in raw.blocks[:6]] == [
        ("heading", 1), ("heading", 2), ("heading", 3), ("list_item", 0), ("paragraph", 0), ("paragraph", 0)]


def test_outline_levels_on_most_paragraphs_mean_nothing(tmp_path: Path) -> None:
    body = "".join(p(f"Đoạn văn số {n} mang cấp dàn ý.", '<w:outlineLvl w:val="0"/>') for n in range(4))
    assert {b.kind for b in load(tmp_path, body + p("Đoạn không cấp.")).blocks} == {"paragraph"}


def test_bold_short_paragraphs_are_headings_with_levels_from_their_numbers(tmp_path: Path) -> None:
    bold = "<w:b/>"
    body = (
        p("KẾ HOẠCH", '<w:jc w:val="center"/>', bold)
        + p("I. MỤC ĐÍCH, YÊU CẦU", rpr=bold)
        + p("1. Mục đích", rpr=bold)
        + p("1.2. Sở Y tế", rpr=bold)
        + p("a) Nhiệm vụ nhỏ", rpr=bold)
        + p("Tiêu đề in đậm", '<w:pStyle w:val="Strong"/>')
        + p("Không đậm", rpr='<w:b w:val="0"/>')
        + p("ĐỀ MỤC QUA KIỂU KÝ TỰ", rpr='<w:rStyle w:val="Emph"/>')
        + '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Nhãn: </w:t></w:r><w:r><w:t>nội dung</w:t></w:r></w:p>'
    )
    raw = load(tmp_path, body)
    assert [(b.kind, b.level) for b in raw.blocks] == [
        ("heading", 1), ("heading", 1), ("heading", 2), ("heading", 3), ("heading", 3), ("heading", 2),
        ("paragraph", 0), ("heading", 1), ("paragraph", 0)]


def test_explicit_page_breaks_count_pages(tmp_path: Path) -> None:
    body = (p("Trang một") + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + p("Trang hai")
            + p("Trang ba", "<w:pageBreakBefore/>")
            + tbl(TASK_HEADER, tr(tc("1"), tc("A"), tc("Sở A"), tc("Sở B")), columns=4))
    raw = load(tmp_path, body)
    assert raw.pages == 3
    assert [b.page for b in raw.blocks] == [1, 2, 3, 3]
    assert raw.blocks[-1].grid is not None and raw.blocks[-1].grid.origins[1].page == 3


def test_rendered_page_breaks_win_over_explicit_ones(tmp_path: Path) -> None:
    body = (p("Một") + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
            + '<w:p><w:r><w:lastRenderedPageBreak/><w:t>Hai</w:t></w:r></w:p>'
            + '<w:p><w:r><w:t>Ba bắt đầu ở trang hai</w:t><w:lastRenderedPageBreak/><w:t> và sang trang ba</w:t></w:r></w:p>'
            + p("Bốn"))
    raw = load(tmp_path, body)
    assert [(b.text, b.page) for b in raw.blocks] == [
        ("Một", 1), ("Hai", 2), ("Ba bắt đầu ở trang hai và sang trang ba", 2), ("Bốn", 3)]
    assert raw.pages == 3


def test_no_page_marks_no_page_numbers(tmp_path: Path) -> None:
    raw = load(tmp_path, p("Một") + p("Hai"))
    assert raw.pages is None and {b.page for b in raw.blocks} == {None}


def test_letterhead_and_signature_tables_become_text_task_table_stays_a_grid(tmp_path: Path) -> None:
    letterhead = tbl(tr(tc("ỦY BAN NHÂN DÂN", "TỈNH X"), tc(""), tc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
                     tr(tc("Số: 12/KH-UBND"), tc(""), tc("X, ngày 15 tháng 3 năm 2026")))
    small_task_table = tbl(tr(tc("TT"), tc("Nhiệm vụ"), tc("Chủ trì")), tr(tc("1"), tc("Nhiệm vụ một"), tc("Sở A")),
                           tr(tc("2"), tc("Nhiệm vụ hai"), tc("Sở B")))
    signature = tbl(tr(tc("Nơi nhận:", "- Như trên;"), tc("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
                    tr(tc("- Lưu: VT."), tc("Nguyễn Văn A")), columns=2)
    one_row = tbl(tr(tc("Ghi chú một dòng"), tc("ở giữa văn bản")), columns=2)
    body = letterhead + p("KẾ HOẠCH", rpr="<w:b/>") + LEAD_PARAGRAPH + small_task_table + one_row + signature
    raw = load(tmp_path, body)
    assert [b.text for b in raw.blocks[:5]] == ["ỦY BAN NHÂN DÂN", "TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                "X, ngày 15 tháng 3 năm 2026", "Số: 12/KH-UBND"]
    grid = only_grid(raw)
    assert grid.index == 1 and grid.texts(2) == ("2", "Nhiệm vụ hai", "Sở B")
    tail = [b.text for b in raw.blocks[raw.blocks.index(next(b for b in raw.blocks if b.grid)) + 1:]]
    assert tail == ["Ghi chú một dòng", "ở giữa văn bản", "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
                    "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"]


def test_a_first_table_after_body_text_is_not_a_letterhead(tmp_path: Path) -> None:
    body = LEAD_PARAGRAPH + tbl(tr(tc("TT"), tc("Nhiệm vụ")), tr(tc("1"), tc("Nhiệm vụ một")), columns=2)
    assert only_grid(load(tmp_path, body)).height == 2


def test_body_order_interleaves_paragraphs_and_tables(tmp_path: Path) -> None:
    table = tbl(TASK_HEADER, tr(tc("1"), tc("A"), tc("Sở A"), tc("Sở B")), columns=4)
    raw = load(tmp_path, LEAD_PARAGRAPH + table + p("Giữa hai bảng") + table + p("Cuối"))
    assert [b.kind for b in raw.blocks] == ["paragraph", "table", "paragraph", "table", "paragraph"]
    assert [b.grid.index for b in raw.blocks if b.grid] == [1, 2]


def test_strict_open_xml_namespace_is_read(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "strict.docx", p("Kế hoạch theo định dạng Strict", rpr="<w:b/>") + p("Nội dung."))
    data = path.read_bytes()
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info).replace(
                b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                b"http://purl.oclc.org/ooxml/wordprocessingml/main"))
    path.write_bytes(out.getvalue())
    raw = load_file(path)
    assert [(b.kind, b.text) for b in raw.blocks] == [("heading", "Kế hoạch theo định dạng Strict"),
                                                      ("paragraph", "Nội dung.")]


def test_main_part_and_styles_found_through_relationships(tmp_path: Path) -> None:
    import zipfile

    source = write_docx(tmp_path / "plain.docx", p("Tiêu đề kiểu một", '<w:pStyle w:val="Heading1"/>') + p("Thân."))
    path = tmp_path / "renamed.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            name = {"word/document.xml": "word/main.xml", "word/styles.xml": "word/look.xml",
                    "word/_rels/document.xml.rels": "word/_rels/main.xml.rels"}.get(info.filename, info.filename)
            data = data.replace(b"word/document.xml", b"word/main.xml").replace(b'Target="styles.xml"', b'Target="look.xml"')
            new.writestr(name, data)
    raw = load_file(path)
    assert [(b.kind, b.level, b.text) for b in raw.blocks] == [("heading", 1, "Tiêu đề kiểu một"), ("paragraph", 0, "Thân.")]


def test_a_one_cell_frame_table_is_read_as_body(tmp_path: Path) -> None:
    inner = tbl(TASK_HEADER, tr(tc("1"), tc("Nhiệm vụ một"), tc("Sở A"), tc("Sở B")),
                tr(tc("2"), tc("Nhiệm vụ hai"), tc("Sở C"), tc("Sở D")), columns=4)
    frame = tbl(tr(tc(p("PHỤ LỤC", rpr="<w:b/>"), inner)), columns=1)
    raw = load(tmp_path, LEAD_PARAGRAPH + frame)
    assert [b.kind for b in raw.blocks] == ["paragraph", "heading", "table"]
    assert only_grid(raw).texts(2) == ("2", "Nhiệm vụ hai", "Sở C", "Sở D")


def test_joint_signature_with_two_signers_is_text(tmp_path: Path) -> None:
    signature = tbl(tr(tc("Nơi nhận:", "- Như trên;"), tc("TM. SỞ A", "GIÁM ĐỐC"), tc("TM. SỞ B", "GIÁM ĐỐC")),
                    tr(tc("- Lưu: VT."), tc("Nguyễn Văn A"), tc("Trần Văn B")))
    raw = load(tmp_path, LEAD_PARAGRAPH + signature)
    assert [b.grid for b in raw.blocks] == [None] * len(raw.blocks)
    assert [b.text for b in raw.blocks][-2:] == ["GIÁM ĐỐC", "Trần Văn B"]


def test_title_style_is_a_top_heading(tmp_path: Path) -> None:
    style = '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    body = p("KẾ HOẠCH CHUYỂN ĐỔI SỐ", '<w:pStyle w:val="Title"/>') + "".join(p(f"Đoạn {n}.") for n in range(3))
    raw = load(tmp_path, body, styles_extra=style)
    assert (raw.blocks[0].kind, raw.blocks[0].level) == ("heading", 1)


def test_a_title_typed_over_centred_paragraphs_is_one_block(tmp_path: Path) -> None:
    centred, bold = '<w:jc w:val="center"/>', "<w:b/>"
    body = (p("KẾ HOẠCH", centred, bold) + p("Triển khai chuyển đổi số", centred, bold)
            + p("trên địa bàn tỉnh năm 2026", centred, bold) + p("Căn cứ Luật Tổ chức chính quyền địa phương;")
            + p("căn cứ dòng thường viết thường ở đầu.", centred))
    raw = load(tmp_path, body)
    assert [(b.kind, b.text) for b in raw.blocks] == [
        ("heading", "KẾ HOẠCH"), ("heading", "Triển khai chuyển đổi số\ntrên địa bàn tỉnh năm 2026"),
        ("paragraph", "Căn cứ Luật Tổ chức chính quyền địa phương;"), ("paragraph", "căn cứ dòng thường viết thường ở đầu.")]
