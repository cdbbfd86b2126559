"""HTML ``<table>`` elements to ``Grid``s, rowspan and colspan honoured (lxml keeps "Sở TT&TT;")."""

from __future__ import annotations

from typing import Any

from extract.load.grid import SpanCell, spans_to_grid
from extract.pattern_cache import compile_cached
from schemas.blocks import Grid, RowOrigin

_SPACES = compile_cached(r"[ \t\u00a0]+")
_EMPHASIS = compile_cached(r"\*\*|__")
_DIGITS = compile_cached(r"^\s*(\d{1,6})")


def cell_text(cell: Any) -> str:
    """A cell's text with ``<br>`` and block children as line breaks, Markdown emphasis removed."""
    for br in cell.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in cell.iter("p", "div", "li"):
        block.tail = "\n" + (block.tail or "")
    text = _EMPHASIS.sub("", cell.text_content())
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _span(value: Any) -> int:
    match = _DIGITS.match(str(value or "1"))
    return int(match.group(1)) if match else 1


def element_to_grid(table: Any, *, index: int = 0, line_offset: int = 0, page: int | None = None, loader: str = "html") -> Grid:
    """The grid of one lxml ``<table>`` (nested tables are read as the text of their cell)."""
    rows: list[list[SpanCell]] = []
    origins: list[RowOrigin] = []
    for tr in table.iter("tr"):
        if _owner(tr) is not table:
            continue
        cells = [
            SpanCell(cell_text(cell), _span(cell.get("rowspan")), _span(cell.get("colspan")))
            for cell in tr
            if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")
        ]
        rows.append(cells)
        line = tr.sourceline + line_offset if tr.sourceline else None
        origins.append(RowOrigin(page=page, line=line))
    return spans_to_grid(rows, origins=origins, index=index, loader=loader)


def _owner(element: Any) -> Any:
    """The nearest ``<table>`` above an element."""
    parent = element.getparent()
    while parent is not None and not (isinstance(parent.tag, str) and parent.tag.lower() == "table"):
        parent = parent.getparent()
    return parent


def fragment_tables(fragment: str) -> list[Any]:
    """The outermost ``<table>`` elements of an HTML fragment, in order."""
    import lxml.html

    root = lxml.html.fromstring(f"<div>{fragment}</div>")
    return [t for t in root.iter("table") if _owner(t) is None]
