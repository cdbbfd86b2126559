"""Markdown and plain text (including HTML tables a converter left inside) to blocks.

Converter artefacts are read here because they carry layout: a line holding only a number is
a page number (it advances the page and is dropped); a table that directly follows another
table starts a new page (PDF converters cut tables at page breaks); a number that opens a line
before wide spacing ("3       - Chủ trì") is a page number that leaked into the text.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from extract.langdata import LANGUAGES, load_language
from extract.load.htmltables import html_tables
from schemas.blocks import Block, RawDocument, Table

PAGE_NUMBER = regex.compile(r"^\s*\d{1,3}(?:\s+\d{1,3})*\s*$")
LEADING_PAGE_NUMBER = regex.compile(r"^(\d{1,3})\s{3,}(?=\S)")
HEADING = regex.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = regex.compile(r"^\s*(?:[*+•]|-(?!\d)|(?P<marker>\d{1,2}[.)]))\s+")
TABLE_OPEN = regex.compile(r"<table\b", regex.IGNORECASE)
TABLE_CLOSE = regex.compile(r"</table\s*>", regex.IGNORECASE)
PIPE_SEPARATOR = regex.compile(r"^\s*:?-{3,}:?\s*$")
EMPHASIS = regex.compile(r"\*\*|__")
UNDERSCORE_PAIR = regex.compile(r"_\s+_")
ITALIC = regex.compile(r"(?<![\w_])_(\S(?:.*?\S)?)_(?![\w_])")
BR = regex.compile(r"<br\s*/?>", regex.IGNORECASE)


def plain(text: str) -> str:
    """Markdown emphasis markers removed (**bold**, _italic_)."""
    text = UNDERSCORE_PAIR.sub(" ", EMPHASIS.sub("", text))
    return ITALIC.sub(r"\1", text).strip()


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

    def table(self, rows: list[tuple[str, ...]], header_rows: int, line: int, rendering: str) -> None:
        self.close()
        if self.blocks and self.blocks[-1].kind == "table" and rendering == "html":
            self.page += 1
        self.tables += 1
        table = Table(tuple(rows), header_rows, self.tables, self.page, line, rendering)
        self.blocks.append(Block("table", "", 0, self.page, line, table))


def _pipe_rows(lines: list[str], first_line: int, builder: _Builder) -> None:
    """Pipe tables, including the one-line form where rows are split by ``| |``."""
    rows: list[tuple[str, ...]] = []
    header_rows = 0
    cells: list[str] = []

    def end_row() -> None:
        nonlocal cells
        if cells:
            rows.append(tuple(cells))
        cells = []

    def end_table(page_break: str) -> None:
        nonlocal rows, header_rows
        end_row()
        if rows:
            builder.table(rows, header_rows, first_line, "pipe")
        if page_break:
            builder.page_marker(page_break)
        rows, header_rows = [], 0

    for raw in lines:
        tokens = raw.strip().split("|")[1:]
        if tokens and tokens[-1].strip() == "":
            tokens = tokens[:-1]
        for token in tokens:
            if PIPE_SEPARATOR.match(token):
                if cells and all(PIPE_SEPARATOR.match(c) for c in cells):
                    continue
                end_row() if not cells or not PIPE_SEPARATOR.match(token) else None
                if rows and header_rows == 0 and not cells:
                    header_rows = len(rows)
                continue
            if token and not token.strip():
                end_row()
            elif PAGE_NUMBER.match(token) and token != token.strip():
                end_table(page_break=token)
            else:
                cells.append(plain(BR.sub("\n", token)))
        end_row()
    end_table(page_break="")


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
        if TABLE_OPEN.search(line):
            chunk = [line]
            while not TABLE_CLOSE.search(chunk[-1]) and i + 1 < len(lines):
                i += 1
                chunk.append(lines[i])
            for rows, header_rows in html_tables("\n".join(chunk)):
                builder.table(rows, header_rows, number, "html")
        elif line.lstrip().startswith("|"):
            chunk = [line]
            while i + 1 < len(lines) and lines[i + 1].lstrip().startswith("|"):
                i += 1
                chunk.append(lines[i])
            _pipe_rows(chunk, number, builder)
        elif not line.strip():
            builder.close()
        elif PAGE_NUMBER.match(line):
            builder.page_marker(line)
        elif heading := HEADING.match(line):
            builder.close()
            builder.blocks.append(Block("heading", plain(heading.group(2)), len(heading.group(1)), builder.page, number))
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
        blocks = tuple(replace(b, page=None, table=_no_page(b.table)) for b in blocks)
    fmt = "markdown" if any(b.kind in ("heading", "table") for b in blocks) else "text"
    return RawDocument(source, sha256, fmt, blocks, pages, date, warnings)


def _no_page(table: Table | None) -> Table | None:
    if table is None:
        return None
    return Table(table.rows, table.header_rows, table.index, None, table.line, table.rendering)
