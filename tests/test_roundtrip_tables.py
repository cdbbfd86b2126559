"""Render-and-read-back: random task tables, rendered in each shape real documents come in, must
read back as the tasks they were generated from. This is the test that says the reader is general
rather than tuned to the corpus."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from extract import extract_file, extract_text
from extract.load import load_text
from extract.load.grid import SpanCell, spans_to_grid
from schemas.records import ExtractedDocument
from tablegen import GeneratedTable, TruthTask, render_cells, render_html, render_pipe, task_tables, whole_rows

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def _read(result: ExtractedDocument) -> list[TruthTask]:
    return [
        TruthTask(
            t.key,
            t.title,
            [m.mention for m in t.lead],
            [m.mention for m in t.cooperating],
            t.timeframe.end if t.timeframe and not t.timeframe.recurrence else None,
            t.outputs,
        )
        for t in result.tasks
    ]


def _check(table: GeneratedTable, result: ExtractedDocument, rendered: str) -> None:
    found = _read(result)
    assert [t.title for t in found] == [t.title for t in table.tasks], rendered
    assert found == table.tasks, rendered


@SETTINGS
@given(task_tables())
def test_html_tables_read_back(table: GeneratedTable) -> None:
    rendered = render_html(table)
    _check(table, extract_text(rendered, source="t.html", fmt="html"), rendered)


@SETTINGS
@given(task_tables(spans=False))
def test_pipe_tables_read_back(table: GeneratedTable) -> None:
    rendered = render_pipe(table)
    _check(table, extract_text(rendered, source="t.md"), rendered)


@SETTINGS
@given(task_tables(stacked_header=False))
def test_cell_per_line_tables_read_back(table: GeneratedTable) -> None:
    rendered = render_cells(table)
    _check(table, extract_text(rendered, source="t.md"), rendered)


FOOTER = "__Ghi chú:__ số liệu là số liệu năm 2025.\n** **\n## Văn bản liên quan\nBan hành:\n08/10/2025\n|\nĐịa chỉ:\n|\n"


@SETTINGS
@given(task_tables(stacked_header=False))
def test_cell_per_line_table_with_the_page_footer_run_on(table: GeneratedTable) -> None:
    """A page saved with no blank line runs its footer (a note, "## Văn bản liên quan", more
    cells) on from the table's last pipe: the footer is no cell of the last row."""
    rendered = render_cells(table).replace("\n\n", "\n") + FOOTER
    _check(table, extract_text(rendered, source="t.md"), rendered)


def _docx_renderer():  # type: ignore[no-untyped-def]
    try:
        from render_docx import spancells_to_docx  # written by the Word loader's engineer
    except ImportError:
        return None
    return spancells_to_docx


@pytest.mark.skipif(_docx_renderer() is None, reason="no DOCX renderer (tests/render_docx.py) in this tree")
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture], derandomize=True)
@given(table=task_tables())
def test_docx_tables_read_back(table: GeneratedTable, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = Path(tmp_path_factory.mktemp("docx")) / "t.docx"
    _docx_renderer()(whole_rows(table), path, header_rows=len(table.header))
    _check(table, extract_file(path), str(path))


def _number_over_two_columns(rows: list[list[SpanCell]]) -> str:
    """The table as an HTML page whose number column is printed over two grid columns (a Word
    table's narrow helper column under a merged "STT", kept by an HTML export): every cell that
    starts in the first column spans one column more."""
    grid = spans_to_grid(rows, merge_spacers=False)
    out = []
    for row in grid.rows:
        cells = []
        for c, cell in enumerate(row):
            if cell.covered:
                continue
            colspan = cell.colspan + (c == 0)
            attrs = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            cells.append(f"<td{attrs}>{html.escape(cell.text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "<html><body><h1>PHỤ LỤC</h1>\n<table>\n" + "\n".join(out) + "\n</table></body></html>"


@SETTINGS
@given(task_tables())
def test_a_number_column_over_two_grid_columns_reads_as_one(table: GeneratedTable) -> None:
    rows = whole_rows(table)
    assert spans_to_grid(rows) == spans_to_grid(rows, merge_spacers=False)  # nothing to merge in the table as made
    rendered = _number_over_two_columns(rows)
    grid = next(b.grid for b in load_text(rendered, source="t.html", fmt="html").blocks if b.grid is not None)
    assert [[c.text for c in row] for row in grid.rows] == [[c.text for c in row] for row in spans_to_grid(rows).rows]
    _check(table, extract_text(rendered, source="t.html", fmt="html"), rendered)


def test_a_column_no_cell_has_to_itself_is_merged_and_every_cell_keeps_a_column() -> None:
    rows = [[SpanCell("STT", colspan=2), SpanCell("Nhiệm vụ"), SpanCell("Chủ trì")],
            [SpanCell("I"), SpanCell("LUẬT", colspan=3)],
            [SpanCell("1.", colspan=2), SpanCell("Sửa Luật A"), SpanCell("Bộ Tư pháp")]]
    grid = spans_to_grid(rows)
    assert [[c.text for c in row] for row in grid.rows] == [
        ["STT", "Nhiệm vụ", "Chủ trì"], ["I", "LUẬT", "LUẬT"], ["1.", "Sửa Luật A", "Bộ Tư pháp"]]
    assert (grid.rows[1][1].colspan, grid.rows[1][2].origin) == (2, (1, 1))
    # one cell over three columns in every row: it keeps one
    assert [[c.text for c in row] for row in spans_to_grid([[SpanCell("A", colspan=3)]] * 2).rows] == [["A"], ["A"]]
