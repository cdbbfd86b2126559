"""Markdown and plain text (including HTML tables a converter left inside) to blocks.

Converter artefacts are read here because they carry layout: a line holding only a number is
a page number (it advances the page and is dropped); a table that directly follows another
table starts a new page (PDF converters cut tables at page breaks); a number that opens a line
before wide spacing ("3       - Chủ trì") is a page number that leaked into the text.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import chain

import regex

from extract.langdata import LANGUAGES, load_language
from extract.load.cellperline import is_lone_pipe, lines_to_grid
from extract.load.gfm import gfm_tokens
from extract.load.grid import grid_text, texts_to_grid
from extract.load.headings import marked_heading_kind
from extract.load.htmltables import element_to_grid, fragment_tables
from extract.pattern_cache import compile_cached
from schemas.blocks import Block, Grid, RawDocument, RowOrigin

PAGE_NUMBER = compile_cached(r"^\s*\d{1,3}(?:\s+\d{1,3})*\s*$")
LEADING_PAGE_NUMBER = compile_cached(r"^(\d{1,3})\s{3,}(?=\S)")
HEADING = compile_cached(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = compile_cached(r"^\s*(?:[*+•]|-(?!\d)|(?P<marker>\d{1,2}[.)]))\s+")
TABLE_OPEN = compile_cached(r"<table\b", regex.IGNORECASE)
TABLE_CLOSE = compile_cached(r"</table\s*>", regex.IGNORECASE)
PIPE_SEPARATOR = compile_cached(r"^\s*:?-{3,}:?\s*$")
EMPHASIS = compile_cached(r"\*\*|__")
UNDERSCORE_PAIR = compile_cached(r"_\s+_")
ITALIC = compile_cached(r"(?<![\w_])_(\S(?:.*?\S)?)_(?![\w_])")
STAR_ITALIC = compile_cached(r"(?<![\w*])\*(?=[^\s*])(.*?[^\s*])\*(?![\w*])", regex.DOTALL)  # *emphasis*, over wrapped lines too
BR = compile_cached(r"<br\s*/?>", regex.IGNORECASE)
GFM_DELIMITER = compile_cached(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def plain(text: str) -> str:
    """Markdown emphasis markers removed (**bold**, _italic_, *italic*)."""
    if "*" not in text and "_" not in text:
        return text.strip()  # no marker: most lines, spared four passes
    text = UNDERSCORE_PAIR.sub(" ", EMPHASIS.sub("", text))
    return STAR_ITALIC.sub(r"\1", ITALIC.sub(r"\1", text)).strip()


def _dateline(lines: list[str]) -> tuple[str | None, int]:
    """A leading date line (" date 2021-05-02 …"): the date and how many chars to cut."""
    first = next((line for line in lines if line.strip()), "")
    for code in LANGUAGES:
        pattern = load_language(code).value("dateline")
        if pattern and (match := regex.match(pattern, first)):
            return match.group(1), match.end()
    return None, 0


class _Builder:
    """Accumulates blocks while walking the lines."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.page = 1
        self.printed_pages: list[int] = []
        self.open: dict[str, object] | None = None  # the paragraph or list item being built
        self.tables = 0

    def page_marker(self, text: str) -> None:
        """A printed page number: what follows is on the next page."""
        numbers = [int(n) for n in text.split()]
        self.printed_pages.extend(numbers)
        self.page = max(self.page, numbers[-1] + 1)

    def close(self) -> None:
        if self.open:
            text = "\n".join(self.open["lines"])  # type: ignore[arg-type]
            marker = str(self.open.get("marker") or "")
            self.blocks.append(Block(self.open["kind"], plain(text), 0, self.open["page"], self.open["line"], marker=marker))  # type: ignore[arg-type]
        self.open = None

    def text_line(self, kind: str, text: str, line: int, marker: str = "") -> None:
        if kind == "list_item" or self.open is None:
            self.close()
            self.open = {"kind": kind, "lines": [text], "page": self.page, "line": line, "marker": marker}
        else:
            self.open["lines"].append(text)  # type: ignore[union-attr]

    def next_index(self, *, page_break: bool = False) -> int:
        """The next table's number; a table right after another starts a new page when the
        converter cut them apart at a page break (HTML fragments)."""
        self.close()
        if page_break and self.blocks and self.blocks[-1].kind == "table":
            self.page += 1
        self.tables += 1
        return self.tables

    def grid(self, grid: Grid | None, line: int) -> None:
        if grid is None or not grid.height:
            return
        self.close()
        self.blocks.append(Block("table", grid_text(grid), 0, self.page, line, grid))


def _cell(text: str) -> str:
    if "<" in text:
        text = BR.sub("\n", text)
    if "*" in text or "_" in text:
        text = STAR_ITALIC.sub(r"\1", EMPHASIS.sub("", text))  # emphasis a converter wrapped over lines
    return "\n".join(line for line in (plain(x) for x in text.split("\n")) if line)


def _pipe_rows(lines: list[str], first_line: int, builder: _Builder) -> None:
    """The one-line pipe form a converter writes (rows split by ``| |``, no header line), with
    printed page numbers between rows."""
    rows: list[list[str]] = []
    cells: list[str] = []

    def end_row() -> None:
        nonlocal cells
        if cells:
            rows.append(cells)
        cells = []

    def end_table(page_break: str) -> None:
        nonlocal rows
        end_row()
        if rows:
            index = builder.next_index()
            origins = [RowOrigin(page=builder.page, line=first_line)] * len(rows)
            builder.grid(texts_to_grid(rows, origins=origins, index=index, loader="markdown-pipe"), first_line)
        if page_break:
            builder.page_marker(page_break)
        rows = []

    for raw in lines:
        tokens = raw.strip().split("|")[1:]
        if tokens and tokens[-1].strip() == "":
            tokens = tokens[:-1]
        for token in tokens:
            if PIPE_SEPARATOR.match(token):
                if not cells or all(PIPE_SEPARATOR.match(c) for c in cells):
                    cells = []
                continue
            if token and not token.strip():
                end_row()
            elif PAGE_NUMBER.match(token) and token != token.strip():
                end_table(page_break=token)
            else:
                cells.append(_cell(token))
        end_row()
    end_table(page_break="")


def _gfm_table(lines: list[str], first_line: int, builder: _Builder) -> bool:
    """A GFM pipe table read by markdown-it; False when the lines are not one."""
    tokens = gfm_tokens(lines)
    first = next(tokens, None)
    if first is None:
        return False
    if first[0].type != "table_open":  # a table may still start further down
        rest = [first, *tokens]
        if not any(token.type == "table_open" for token, _ in rest):
            return False
        tokens = iter(rest)
    else:
        tokens = chain([first], tokens)
    rows: list[list[str]] = []
    origins: list[RowOrigin] = []
    for token, offset in tokens:
        if token.type == "table_open" and rows:
            _flush_gfm(rows, origins, builder)
            rows, origins = [], []
        elif token.type == "tr_open":
            rows.append([])
            line = first_line + offset + token.map[0] if token.map else first_line
            origins.append(RowOrigin(page=builder.page, line=line))
        elif token.type == "inline" and rows:
            rows[-1].append(_cell(token.content.replace("\\|", "|")))
    _flush_gfm(rows, origins, builder)
    return True


def _flush_gfm(rows: list[list[str]], origins: list[RowOrigin], builder: _Builder) -> None:
    if rows:
        index = builder.next_index()
        builder.grid(texts_to_grid(rows, origins=origins, index=index, loader="markdown-pipe"), origins[0].line or 0)


def _is_gfm_start(lines: list[str], i: int) -> bool:
    """A header line with a pipe followed by a delimiter line ("---|:---:")."""
    return i + 1 < len(lines) and "|" in lines[i] and "|" in lines[i + 1] and GFM_DELIMITER.match(lines[i + 1]) is not None


def markdown_to_raw(text: str, *, source: str, sha256: str, warnings: tuple[str, ...] = ()) -> RawDocument:
    """Read Markdown or plain text into blocks with page and line provenance."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    date, cut = _dateline(lines)
    if date:
        index = next(i for i, line in enumerate(lines) if line.strip())
        lines[index] = lines[index][cut:]
    builder = _Builder()
    i = 0
    while i < len(lines):
        line, number = lines[i], i + 1
        if "<" in line and TABLE_OPEN.search(line):
            chunk = [line]
            while not TABLE_CLOSE.search(chunk[-1]) and i + 1 < len(lines):
                i += 1
                chunk.append(lines[i])
            for element in fragment_tables("\n".join(chunk)):
                index = builder.next_index(page_break=True)
                builder.grid(element_to_grid(element, index=index, line_offset=number - 1, page=builder.page, loader="markdown-html"), number)
        elif is_lone_pipe(line):
            grid, after = lines_to_grid(lines, i, index=builder.tables + 1, page=builder.page, clean=_cell)
            if grid is not None:
                builder.next_index()
                builder.grid(grid, number)
            i = after
            continue
        elif _is_gfm_start(lines, i):
            chunk = [line]
            while i + 1 < len(lines) and lines[i + 1].strip() and "|" in lines[i + 1]:
                i += 1
                chunk.append(lines[i])
            _gfm_table(chunk, number, builder)
        elif line.lstrip().startswith("|"):
            chunk = [line]
            while i + 1 < len(lines) and lines[i + 1].lstrip().startswith("|") and not is_lone_pipe(lines[i + 1]):
                i += 1
                chunk.append(lines[i])
            _pipe_rows(chunk, number, builder)
        elif not line.strip():
            builder.close()
        elif PAGE_NUMBER.match(line):
            builder.page_marker(line)
        elif heading := HEADING.match(line):
            builder.close()
            content = plain(heading.group(2))
            kind = marked_heading_kind(content)
            builder.blocks.append(Block(kind, content, len(heading.group(1)) if kind == "heading" else 0, builder.page, number))
        else:
            if leaked := LEADING_PAGE_NUMBER.match(line):
                builder.page_marker(leaked.group(1))
                line = line[leaked.end() :]
            item = LIST_ITEM.match(line)
            kind = "list_item" if item else "paragraph"
            text = LIST_ITEM.sub("", line, count=1) if item else line.strip()
            builder.text_line(kind, text, number, (item.group("marker") or "") if item else "")
        i += 1
    builder.close()
    blocks = tuple(builder.blocks)
    pages = max(builder.printed_pages) if builder.printed_pages else None
    if not pages:
        blocks = tuple(replace(b, page=None, grid=_no_page(b.grid)) for b in blocks)
    fmt = "markdown" if any(b.kind in ("heading", "table") for b in blocks) else "text"
    return RawDocument(source, sha256, fmt, blocks, pages, date, warnings)


def _no_page(grid: Grid | None) -> Grid | None:
    """A grid whose rows carry no page (the document printed no page numbers)."""
    if grid is None:
        return None
    origins = tuple(replace(o, page=None) for o in grid.origins)
    return replace(grid, origins=origins)
