"""Word tables read from their XML: real cells with their spans, not python-docx's grid copies.

``w:tc`` is one real cell; ``w:gridSpan`` widens it; ``w:vMerge`` "restart" opens a cell that
the ``w:vMerge`` continue cells below extend (the origin's row span grows, the continue cells
are dropped); ``w:gridBefore``/``w:gridAfter`` leave grid columns empty at a row's ends;
legacy ``w:hMerge`` continue cells widen the cell to their left. Rows and cells inside content
controls (``w:sdt``) or custom XML are read in place. A table nested in a cell is read into the
cell's text, one line per nested row. The result goes through ``spans_to_grid``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.load.docxstyles import VAL, W
from extract.load.docxtext import ParagraphReader, ParagraphText
from extract.load.grid import SpanCell

TR, TC, P, TBL = f"{W}tr", f"{W}tc", f"{W}p", f"{W}tbl"
TRPR, TCPR, GRID_BEFORE = f"{W}trPr", f"{W}tcPr", f"{W}gridBefore"
GRID_SPAN, VMERGE, HMERGE = f"{W}gridSpan", f"{W}vMerge", f"{W}hMerge"
SDT, SDT_CONTENT, CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
MAX_NESTING = 8
MAX_SPAN = 1000
NESTED_CELL_SEPARATOR = " | "


@dataclass(slots=True)
class _Cell:
    lines: list[str]
    column: int
    colspan: int
    rowspan: int = 1


@dataclass(slots=True)
class TableRead:
    """A Word table as rows of spanning cells and each row's page."""

    rows: list[list[SpanCell]]
    pages: list[int | None]
    widths: list[int]  # grid columns each row reaches (a short row stops before the table's width)
    given: list[int]  # cells each row holds (w:tc), merged continuations included


def _int(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return max(0, min(int(element.get(VAL, default)), MAX_SPAN))
    except (TypeError, ValueError):
        return default


def unwrap(element: Any, tag: str) -> list[Any]:
    """Children with ``tag``, looking through content controls and custom XML."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                found.extend(unwrap(content, tag))
        elif child.tag == CUSTOM_XML:
            found.extend(unwrap(child, tag))
    return found


def _blocks(element: Any) -> list[Any]:
    """Paragraphs and tables of a cell (or content control) in order."""
    found = []
    for child in element:
        if child.tag in (P, TBL):
            found.append(child)
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                found.extend(_blocks(content))
        elif child.tag == CUSTOM_XML:
            found.extend(_blocks(child))
    return found


def cell_content(tc: Any, reader: ParagraphReader, depth: int) -> tuple[list[str], list[ParagraphText]]:
    """A cell's text lines (paragraphs, text boxes, nested tables) and its paragraphs."""
    lines: list[str] = []
    paragraphs: list[ParagraphText] = []
    for block in _blocks(tc):
        if block.tag == P:
            para = reader.paragraph(block)
            paragraphs.append(para)
            for item in (para, *para.textboxes):
                if item.text:
                    lines.append(item.text)
        elif depth < MAX_NESTING:
            nested = read_table(block, reader, depth + 1)
            for row in nested.rows:
                texts = [cell.text.replace("\n", " ") for cell in row if cell.text]
                if texts:
                    lines.append(NESTED_CELL_SEPARATOR.join(texts))
        else:
            text = " ".join(t.strip() for t in block.itertext() if t.strip())
            if text:
                lines.append(text)
    return lines, paragraphs


def _cell_props(tc: Any) -> tuple[int, str | None, str | None]:
    """A cell's grid span and its vertical and horizontal merge values ("restart"/"continue")."""
    span, vmerge, hmerge = 1, None, None
    tcpr = tc.find(TCPR)
    if tcpr is not None:
        for child in tcpr:
            if child.tag == GRID_SPAN:
                span = max(1, _int(child, 1))
            elif child.tag == VMERGE:
                vmerge = child.get(VAL, "continue")
            elif child.tag == HMERGE:
                hmerge = child.get(VAL, "continue")
    return span, vmerge, hmerge


def read_table(tbl: Any, reader: ParagraphReader, depth: int = 0) -> TableRead:
    """Rows of spanning cells of one ``w:tbl`` (its paragraphs are read in document order)."""
    rows: list[list[_Cell]] = []
    pages: list[int | None] = []
    widths: list[int] = []
    given: list[int] = []
    open_merges: dict[int, _Cell] = {}  # grid column -> the vMerge origin cell still growing
    for tr in unwrap(tbl, TR):
        trpr = tr.find(TRPR)
        before = _int(trpr.find(GRID_BEFORE), 0) if trpr is not None else 0
        start_page = reader.page
        page: int | None = None
        cells: list[_Cell] = [_Cell([], 0, before)] if before else []
        column = before
        kept: set[int] = set()  # merges continued or opened in this row
        for tc in unwrap(tr, TC):
            span, vmerge, hmerge = _cell_props(tc)
            lines, paras = cell_content(tc, reader, depth)
            if page is None and paras and paras[0].page is not None:
                page = paras[0].page
            if vmerge == "continue" and column in open_merges:
                origin = open_merges[column]
                origin.rowspan += 1
                origin.lines.extend(line for line in lines if line not in origin.lines)
                kept.add(column)
            elif hmerge == "continue" and cells:
                cells[-1].colspan += span
                cells[-1].lines.extend(lines)
            else:
                cell = _Cell(lines, column, span)
                cells.append(cell)
                for covered in range(column, column + span):
                    open_merges.pop(covered, None)
                if vmerge == "restart":
                    open_merges[column] = cell
                    kept.add(column)
            column += span
        for stale in [c for c in open_merges if c not in kept]:
            del open_merges[stale]
        rows.append(cells)
        pages.append(page if page is not None else start_page)
        widths.append(column)
        given.append(len(unwrap(tr, TC)))
    span_rows = [[SpanCell("\n".join(c.lines), c.rowspan, c.colspan) for c in row] for row in rows]
    return TableRead(span_rows, pages, widths, given)
