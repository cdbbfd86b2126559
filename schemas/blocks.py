"""Records passed between extraction stages: what a loader reads, before fields are found.

Plain frozen dataclasses (cheap to build by the thousand); a stage that changes one returns a
new object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table"]


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rendered in the source. Cell text keeps its line breaks as ``\\n``."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 1
    index: int = 0
    page: int | None = None
    line: int | None = None
    rendering: str = "html"  # html | pipe | docx | pdf


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the document in reading order: a heading, paragraph, list item or table."""

    kind: BlockKind
    text: str = ""
    level: int = 0
    page: int | None = None
    line: int | None = None
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A loaded file: its blocks in reading order and what the loader learnt on the way."""

    source: str
    sha256: str
    format: str
    blocks: tuple[Block, ...]
    pages: int | None = None
    dateline: str | None = None  # a leading date line such as " date 2021-05-02"
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class TableRow:
    """One logical row of a task table, after page-break pieces were put back together."""

    cells: tuple[str, ...]
    page: int | None
    table: int
    row: int
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TaskTable:
    """A task table stitched from the tables a converter cut it into.

    ``columns`` names each position's meaning (number, title, lead, cooperating, timeframe,
    outputs, notes) or None for a column planwatch does not read.
    """

    columns: tuple[str | None, ...]
    rows: tuple[TableRow, ...]
    tables: tuple[int, ...]
    header: tuple[str, ...] = ()
    ends_document: bool = False  # nothing but tables follows it: its last row may be cut off


@dataclass(frozen=True, slots=True)
class Section:
    """A run of blocks under one top-level heading, with the heading's role if known."""

    role: str | None
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Segmented:
    """A normalized document cut into sections and stitched task tables."""

    raw: RawDocument
    lang: str
    sections: tuple[Section, ...]
    tables: tuple[TaskTable, ...]
    warnings: tuple[str, ...] = ()
