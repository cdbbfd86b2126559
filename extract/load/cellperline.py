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
followed by the next row's opening ``|``. An empty cell looks exactly like a row boundary; see
``_rows`` for how runs of lone pipes are read. Row spans are lost in this shape: a row that
gives fewer cells than the table's width says so in its ``RowOrigin`` (``cells``), and the
interpretation stage puts its cells in their columns.

An elision mark ("….......") after a whole row's cells closes that row and is a row of its own: a
saved page that hides part of a table puts it, and the next visible row, in the cells of the row
above. (Dots inside a row, a template's blanks, are cells like any other.)

A table ends at a lone ``|`` followed by a blank line, or before a "cell" holding a blank line
(the page's body text, which such pages wrap in a one-cell layout table) or a Markdown heading
line: a page saved with no blank line at all runs its footer ("## Văn bản liên quan" …) on from
the table's last ``|``, and that text is no cell of the last row.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.elision import is_elision
from extract.load.grid import SpanCell, spans_to_grid
from extract.pattern_cache import compile_cached
from schemas.blocks import Grid, RowOrigin

HEADER_MIN_CELLS = 3
HEADER_CELL_MAX = 80  # characters: a row of short cells may be a header, and gives the width
NUMBER_LIKE = compile_cached(r"^(?:\*\*)?\s*(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|\p{Lu})[.)]?\s*(?:\*\*)?$")
RUN_ON_CELLS = 3  # a row this much wider than the table holds cells run into it from outside
LONE_PIPE = compile_cached(r"^\s*\|\s*$")
HEADING_LINE = compile_cached(r"^\s{0,3}#{1,6}\s+\S")  # a Markdown heading: page text, never a cell


def is_lone_pipe(line: str) -> bool:
    return "|" in line and LONE_PIPE.match(line) is not None


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
            if not lines[i].strip() or HEADING_LINE.match(lines[i]):
                return tokens, end
            i += 1
        if i >= len(lines):
            break
        tokens.append(_Token(0, "\n".join(lines[chunk_start:i]), chunk_start + 1))
    return tokens, end


def _rows(tokens: list[_Token]) -> list[tuple[list[str], int]]:
    """Rows of cell texts (with the line each row starts on) from the tokens.

    ``width`` is the widest row so far that opens with a number (a task row) or holds only
    short cells (a header's names), leaving out a row wider than it by more than
    ``RUN_ON_CELLS``: the converter ran a caption and the next table's header into that row's
    cells, and the rows after it are no wider. A run of n >= 2
    lone pipes inside a row that opens with a number is n-1 empty cells when that makes the row
    exactly ``width`` cells; otherwise it ends the row: its n-2 empty cells end this row up to
    ``width`` and open the next row with the rest (an empty number cell).
    """
    rows: list[tuple[list[str], int]] = []
    current: list[str] = []
    first_line = 0
    width = 0
    after = _next_texts(tokens)
    for at, token in enumerate(tokens):
        if not token.pipes and is_elision(token.text) and width and len(current) >= width:
            rows.append((current, first_line))  # a mark of rows left out after a whole row closes it
            rows.append(([token.text], token.line))
            current = []
            continue
        if not token.pipes:
            if not any(c for c in current):
                first_line = token.line
            current.append(token.text)
            continue
        if not any(c.strip() for c in current) or token.pipes == 1:
            continue
        empties = _empties(tokens, at)
        following = after[at] or ""
        if (
            width
            and NUMBER_LIKE.match(current[0].strip())
            and not NUMBER_LIKE.match(following.strip())  # the next row's number, not a cell
            and _fills_row(tokens, at, len(current), width, after)
        ):
            current.extend([""] * (token.pipes - 1))
            continue
        fill = min(empties, max(0, width - len(current))) if width else empties
        rows.append((current + [""] * fill, first_line))
        if NUMBER_LIKE.match(current[0].strip()) or (len(current) >= HEADER_MIN_CELLS and all(len(c) <= HEADER_CELL_MAX for c in current)):
            if not width or len(current) + fill <= width + RUN_ON_CELLS:  # a task row, or a header's row of names
                width = max(width, len(current) + fill)
        current = [""] * (empties - fill)
    if any(c.strip() for c in current):
        rows.append((current, first_line))
    return rows


def _empties(tokens: list[_Token], at: int) -> int:
    """Empty cells a run of pipes that ends a row holds: the run closes the last cell and opens
    the next row (n-2 empty cells between), or, ending the table, only closes (n-1)."""
    return tokens[at].pipes - (1 if at == len(tokens) - 1 else 2)


def _next_texts(tokens: list[_Token]) -> list[str | None]:
    """For each token, the text of the first content token after it (None at the end)."""
    after: list[str | None] = [None] * len(tokens)
    text: str | None = None
    for at in range(len(tokens) - 1, -1, -1):
        after[at] = text
        if not tokens[at].pipes:
            text = tokens[at].text
    return after


def _fills_row(tokens: list[_Token], at: int, cells: int, width: int, after: list[str | None]) -> bool:
    """Whether reading the run at ``at`` (and any later runs) as empty cells inside the row
    makes the row exactly ``width`` cells, ending where the next row opens with a number or
    the table ends."""
    count = cells + tokens[at].pipes - 1
    for later in range(at + 1, len(tokens)):
        token = tokens[later]
        if not token.pipes:
            count += 1
        elif token.pipes > 1:
            nxt = after[later]
            if count + _empties(tokens, later) == width and (nxt is None or NUMBER_LIKE.match(nxt.strip())):
                return True
            count += token.pipes - 1
        if count > width:
            return False
    return count == width  # the table ends with this row


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
