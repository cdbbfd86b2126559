""""Cell-per-line" tables: every cell on its own line(s) between lone ``|`` lines.

This is how HTML-to-Markdown converters write saved legal-document pages (thuvienphapluat):

    |
    TT
    |
    Nhiệm vụ
    |
    |
    1
    |
    ...

A cell is the text between two lone ``|`` lines; a row ends where a closing ``|`` is directly
followed by the next row's opening ``|``. An empty cell looks exactly like a row boundary, so a
run of n lone pipes is read as n-2 empty cells ending the row. Row spans are lost in this
shape: a row that gives fewer cells than the table's width says so in its ``RowOrigin``
(``cells``), and the interpretation stage puts its cells in their columns.

A table ends at a lone ``|`` followed by a blank line, or before a "cell" holding a blank line
(the page's body text, which such pages wrap in a one-cell layout table).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.load.grid import SpanCell, spans_to_grid
from schemas.blocks import Grid, RowOrigin

LONE_PIPE = regex.compile(r"^\s*\|\s*$")


def is_lone_pipe(line: str) -> bool:
    return LONE_PIPE.match(line) is not None


@dataclass
class _Token:
    pipes: int  # 0 for a content chunk
    text: str
    line: int  # 1-based line of the token's first line


def _tokens(lines: list[str], start: int) -> tuple[list[_Token], int]:
    """Tokens of the table opening at ``lines[start]`` and the index after its last line."""
    tokens: list[_Token] = []
    i = start
    end = start
    while i < len(lines):
        if is_lone_pipe(lines[i]):
            run = i
            while i < len(lines) and is_lone_pipe(lines[i]):
                i += 1
            tokens.append(_Token(i - run, "", run + 1))
            end = i
            if i >= len(lines) or not lines[i].strip():
                break
            continue
        chunk_start = i
        while i < len(lines) and not is_lone_pipe(lines[i]):
            if not lines[i].strip():
                return tokens, end
            i += 1
        if i >= len(lines):
            break
        tokens.append(_Token(0, "\n".join(lines[chunk_start:i]), chunk_start + 1))
    return tokens, end


def _rows(tokens: list[_Token]) -> list[tuple[list[str], int]]:
    """Rows of cell texts (with the line each row starts on) from the tokens.

    A run of n >= 2 lone pipes after a cell closes the row after n-2 empty cells; a run that
    opens a row adds nothing (an empty first cell cannot be told from the boundary).
    """
    rows: list[tuple[list[str], int]] = []
    current: list[str] = []
    first_line = 0
    for token in tokens:
        if not token.pipes:
            if not current:
                first_line = token.line
            current.append(token.text)
        elif current and token.pipes > 1:
            if any(c.strip() for c in current):
                rows.append((current + [""] * (token.pipes - 2), first_line))
            current = []
    if any(c.strip() for c in current):
        rows.append((current, first_line))
    return rows


def lines_to_grid(lines: list[str], start: int, *, index: int, page: int | None, clean: object) -> tuple[Grid | None, int]:
    """The table opening at ``lines[start]`` as a grid, and the index of the line after it.

    ``clean`` turns a cell's raw Markdown into text (emphasis, ``<br>``). None when the lone
    pipes hold no row with two cells or more (layout, not a table).
    """
    tokens, end = _tokens(lines, start)
    rows = _rows(tokens)
    if not any(len(cells) >= 2 for cells, _ in rows):
        return None, max(end, start + 1)
    spans = [[SpanCell(clean(c)) for c in cells] for cells, _ in rows]  # type: ignore[operator]
    origins = [RowOrigin(page=page, line=line, cells=len(cells)) for cells, line in rows]
    return spans_to_grid(spans, origins=origins, index=index, loader="markdown-cells"), end
