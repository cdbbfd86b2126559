"""GFM pipe tables read by markdown-it, a window of rows at a time.

markdown-it returns every token of what it parses at once: about 17 tokens, 6 KB, per row of a
five-column table, so a 100,000-row table would hold 600 MB of tokens before the first grid
cell is built. markdown-it reads a table body line by line (a row's cells depend only on its
own line and the header's column count; the table ends at a line that opens another block),
so a long table is parsed as its header and delimiter lines followed by one window of body
lines after another, and gives the same rows. Whenever the windows could differ from one
parse of all the lines, all the lines are parsed at once, as before:
- the table does not run through its first window (it ends early, or it is no table);
- markdown-it's bound on the empty cells it adds to short rows (``MAX_AUTOCOMPLETED_CELLS``)
  might be reached, over the whole table or within a window (which counts afresh).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

WINDOW_ROWS = 1000  # body lines parsed at once


@cache
def _parser() -> MarkdownIt:
    """markdown-it with GFM tables, built once; cells are read as written (their ``content``),
    so inline parsing, whose tokens nobody reads, is turned off."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


def gfm_tokens(lines: list[str]) -> Iterator[tuple[Token, int]]:
    """The tokens of ``lines`` parsed as Markdown, each with the offset to add to its line
    ``map`` to number lines from ``lines[0]``.

    A long table's rows come window by window; its closing tokens are left out.
    """
    parse = _parser().parse
    if len(lines) <= 2 + WINDOW_ROWS:
        yield from ((token, 0) for token in parse("\n".join(lines)))
        return
    first = parse("\n".join(lines[: 2 + WINDOW_ROWS]))
    if not _runs_through(first, 2 + WINDOW_ROWS) or not _bound_kept(lines, _columns(first)):
        del first
        yield from ((token, 0) for token in parse("\n".join(lines)))
        return
    yield from ((token, 0) for token in first[: _body_end(first)])
    del first
    head = lines[:2]
    start = 2 + WINDOW_ROWS
    while start < len(lines):
        window = lines[start : start + WINDOW_ROWS]
        tokens = parse("\n".join(head + window))
        offset = start - 2  # the window's body starts at its line 2
        opened = next((at for at, t in enumerate(tokens) if t.type == "tbody_open"), None)
        if opened is not None:
            yield from ((token, offset) for token in tokens[opened + 1 : _body_end(tokens)])
        end = tokens[0].map[1] if tokens[0].map else 2
        if end < 2 + len(window):  # the table ends inside this window: read on from there whole
            rest = offset + end
            del tokens
            yield from ((token, rest) for token in parse("\n".join(lines[rest:])))
            return
        start += WINDOW_ROWS


def _runs_through(tokens: list[Token], lines: int) -> bool:
    """The tokens open with a table that takes every one of ``lines`` lines."""
    return bool(tokens) and tokens[0].type == "table_open" and tokens[0].map == [0, lines]


def _columns(tokens: list[Token]) -> int:
    """The header's column count."""
    return sum(1 for t in tokens[: next(at for at, t in enumerate(tokens) if t.type == "thead_close")] if t.type == "th_open")


def _body_end(tokens: list[Token]) -> int:
    """The index of the first table's ``tbody_close`` (its rows end there)."""
    return next(at for at, t in enumerate(tokens) if t.type == "tbody_close")


def _bound_kept(lines: list[str], columns: int) -> bool:
    """Whether markdown-it's count of the empty cells it adds to short rows surely stays within
    its bound, both over the whole table and within each window (which counts afresh): a row of
    ``p`` unescaped pipes has at least ``p - 1`` cells. Rows with more cells than the header
    lower the count, so the whole table's count and a window's may differ."""
    from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS

    whole = window = 0
    for at, line in enumerate(lines[2:]):
        if at % WINDOW_ROWS == 0:
            window = 0
        added = columns + 1 - (line.count("|") - line.count("\\|"))
        whole, window = whole + added, window + added
        if whole > MAX_AUTOCOMPLETED_CELLS or window > MAX_AUTOCOMPLETED_CELLS:
            return False
    return True
