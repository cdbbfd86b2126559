"""Records passed between extraction stages: what a loader reads, before fields are found.

Plain frozen dataclasses (cheap to build by the thousand); a stage that changes one returns a
new object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table"]
# How a block's text was read: "" from a sound text layer as written, "repaired" converted from a
# legacy-font or damaged layer, "ocr" recognised from a page image. Facts read from a block keep
# the mark (a flag, and a lower confidence) whatever the format.
Reading = Literal["", "repaired", "ocr"]


@dataclass(frozen=True, slots=True)
class GridCell:
    """One position of a ``Grid``.

    A cell that spans several positions stands once as its origin (``rowspan``/``colspan`` > 1)
    and at every other position it covers as a cell whose ``origin`` is the (row, column) of
    that origin, with the origin's text repeated so a reader of one row sees what it covers.
    """

    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    origin: tuple[int, int] | None = None  # set on a covered position only

    @property
    def covered(self) -> bool:
        return self.origin is not None


@dataclass(frozen=True, slots=True)
class RowOrigin:
    """Where one grid row came from: page, source line, and (PDF) its bounding box in points."""

    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    cells: int | None = None  # cells the source row really gave, when a converter lost its spans


ROWS_CUT_AT_PAGES = "rows-cut-at-pages"  # grid flag: a row on a later page than the one above may be its rest


@dataclass(frozen=True, slots=True)
class Grid:
    """The one table model every loader builds; nothing after loading knows the format.

    ``rows`` is rectangular (every row has ``width`` cells). ``origins`` has one entry per row.
    ``loader`` names the loader that built it, for messages and provenance only: interpretation
    must never branch on it. ``flags`` say how far to trust it: ``ROWS_CUT_AT_PAGES`` that the
    source printed it over pages and may have cut a row at a page break into two grid rows.
    """

    rows: tuple[tuple[GridCell, ...], ...]
    origins: tuple[RowOrigin, ...] = ()
    index: int = 0
    loader: str = ""
    flags: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def page(self) -> int | None:
        return self.origins[0].page if self.origins else None

    @property
    def line(self) -> int | None:
        return self.origins[0].line if self.origins else None

    def texts(self, row: int) -> tuple[str, ...]:
        """The text at each position of one row (a spanning cell's text at every position)."""
        return tuple(cell.text for cell in self.rows[row])


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the document in reading order: a heading, paragraph, list item or table."""

    kind: BlockKind
    text: str = ""
    level: int = 0
    page: int | None = None
    line: int | None = None
    grid: Grid | None = None
    marker: str = ""  # a list item's printed number or letter ("1.", "a)", "3.2"); bullets give ""
    reading: Reading = ""


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
    """One task row of a task table, after page-break pieces were put back together.

    ``cells`` has one text per column of the task table. ``key`` is built from the printed
    hierarchy ("A.I.1.1"; a sub-row of a task gets "-2", "-3" …); ``group`` is the (number,
    title) of the group row it sits under.
    """

    cells: tuple[str, ...]
    page: int | None
    table: int
    row: int
    flags: tuple[str, ...] = ()
    key: str = ""
    number: str = ""
    group: tuple[str, str] | None = None
    numbered: bool = True  # False: the row printed no number of its own


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
    warnings: tuple[str, ...] = ()


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
