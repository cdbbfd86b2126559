"""HTML tables to ``Table`` records (lxml: keeps "Sở TT&TT;" as written)."""

from __future__ import annotations

from typing import Any

import regex

_SPACES = regex.compile(r"[ \t\u00a0]+")
_EMPHASIS = regex.compile(r"\*\*|__")


def cell_text(cell: Any) -> str:
    """A cell's text with ``<br>`` as line breaks and Markdown emphasis removed."""
    for br in cell.iter("br"):
        br.tail = "\n" + (br.tail or "")
    text = _EMPHASIS.sub("", cell.text_content())
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def element_to_rows(table: Any) -> tuple[list[tuple[str, ...]], int]:
    """Rows of an lxml ``<table>`` (colspans repeated) and how many are header rows."""
    rows: list[tuple[str, ...]] = []
    header_rows = 0
    for tr in table.iter("tr"):
        cells: list[str] = []
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            text = cell_text(cell)
            span = int(cell.get("colspan", "1") or 1) if str(cell.get("colspan", "1")).isdigit() else 1
            cells.extend([text] * max(1, min(span, 50)))
        if not cells:
            continue
        in_head = tr.getparent() is not None and tr.getparent().tag.lower() == "thead"
        if in_head or (header_rows == len(rows) and all(c.tag.lower() == "th" for c in tr if isinstance(c.tag, str))):
            header_rows = len(rows) + 1
        rows.append(tuple(cells))
    return rows, header_rows


def html_tables(fragment: str) -> list[tuple[list[tuple[str, ...]], int]]:
    """Every table in an HTML fragment, in order, as (rows, header_rows)."""
    import lxml.html

    root = lxml.html.fromstring(f"<div>{fragment}</div>")
    return [element_to_rows(t) for t in root.iter("table") if not _has_table_ancestor(t)]


def _has_table_ancestor(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == "table":
            return True
        parent = parent.getparent()
    return False
