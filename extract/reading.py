"""How a fact's source was read, carried onto the fact: text layer > repaired layer > OCR.

Loaders mark each block with its reading (``Block.reading``): a sound text layer, a layer that
was repaired or converted (legacy fonts, damaged encodings), or OCR of a page image. Facts keep
only their provenance (page, table), so the marks are gathered by table and by page, and each
task or target read from a marked table or page is flagged and its confidence lowered. Nothing
here knows the file format.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from schemas.blocks import Block
from schemas.records import Observation, Target, Task

# Confidence kept, as a share, for a fact read through each path (a sound layer keeps it all).
CONFIDENCE_SHARE = {"repaired": 0.9, "ocr": 0.75}
RANK = {"": 0, "repaired": 1, "ocr": 2}  # the worse reading wins where two meet

Fact = TypeVar("Fact", Task, Target, Observation)


@dataclass(frozen=True, slots=True)
class Readings:
    """The worst reading of each table (by its grid index), of each page, and of the text
    outside tables that has no page (a Word file without page breaks)."""

    tables: dict[int, str] = field(default_factory=dict)
    pages: dict[int, str] = field(default_factory=dict)
    unpaged: str = ""

    def of(self, table: int | None, page: int | None) -> str:
        """The reading of a fact found in ``table`` (when from a table) or on ``page``; a fact
        with neither takes the worst reading of the unpaged text."""
        if table is not None and table in self.tables:
            return self.tables[table]
        return self.pages.get(page, "") if page is not None else self.unpaged


def _worse(a: str, b: str) -> str:
    return a if RANK.get(a, 0) >= RANK.get(b, 0) else b


def blocks_to_readings(blocks: Iterable[Block]) -> Readings:
    """The readings the loader marked on its blocks, by table and by page."""
    tables: dict[int, str] = {}
    pages: dict[int, str] = {}
    unpaged = ""
    for block in blocks:
        if not block.reading:
            continue
        if block.grid is not None:
            tables[block.grid.index] = _worse(tables.get(block.grid.index, ""), block.reading)
            for origin in block.grid.origins:
                if origin.page is not None:
                    pages[origin.page] = _worse(pages.get(origin.page, ""), block.reading)
        elif block.page is not None:
            pages[block.page] = _worse(pages.get(block.page, ""), block.reading)
        else:
            unpaged = _worse(unpaged, block.reading)
    return Readings(tables, pages, unpaged)


def facts_to_read(facts: Sequence[Fact], readings: Readings) -> list[Fact]:
    """Facts with their source's reading: flagged ``repaired`` or ``ocr``, confidence lowered."""
    if not readings.tables and not readings.pages and not readings.unpaged:
        return list(facts)
    out: list[Fact] = []
    for fact in facts:
        reading = readings.of(fact.source.table, fact.source.page)
        if not reading:
            out.append(fact)
            continue
        flags = list(dict.fromkeys([*fact.flags, reading]))
        confidence = round(fact.confidence * CONFIDENCE_SHARE[reading], 3)
        out.append(fact.replaced(flags=flags, confidence=confidence))
    return out
