"""Render rows of spanning cells as a Word table with real merges (for read-back tests).

``spancells_to_docx`` lays the cells out exactly as ``spans_to_grid`` does (each cell at the
first free position of its row, row spans reserving the positions below), then builds the
table with python-docx and merges each spanning cell with ``cell.merge`` (``w:gridSpan`` and
``w:vMerge`` in the file). Each line of a cell's text becomes one paragraph; header rows are
marked "repeat as header row". Cell lines should carry no leading or trailing spaces and no
empty lines: Word readers (planwatch's among them) trim them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from extract.load.grid import SpanCell, spans_to_grid


def spancells_to_docx(rows: Sequence[Sequence[SpanCell]], path: str | Path, header_rows: int = 1) -> None:
    """Write a .docx holding one table with the given cells and merges.

    Args:
        rows: rows of ``SpanCell(text, rowspan, colspan)``, as a loader hands them to
            ``spans_to_grid`` (a position covered by a span above is simply not listed).
        path: where to write the file.
        header_rows: how many leading rows to mark as repeated header rows.
    """
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    grid = spans_to_grid(rows)
    document = Document()
    table = document.add_table(rows=grid.height, cols=grid.width)
    table.style = "Table Grid"
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row):
            if cell.covered:
                continue
            target = table.cell(r, c)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            for extra in target.paragraphs[1:]:
                extra._element.getparent().remove(extra._element)
            lines = cell.text.split("\n") if cell.text else [""]
            target.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)
    for r in range(min(header_rows, grid.height)):
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
        assert tr_pr.find(qn("w:tblHeader")) is not None
    document.save(str(path))
