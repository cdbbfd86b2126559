"""The body of a large sheet written as XML text straight into the xlsx package.

openpyxl builds a cell object for every value (several microseconds a cell), which is most of
the time of a 300,000-row checklist. The workbook is still made by openpyxl — styles, frozen
header, filter, column widths, validation list, conditional format — with one sample row whose
cells register the styles the body needs; the package is then copied with the sample row
replaced by the real rows, written as text as they come, and the references to the last row
(filter, validation, formats) set to the real one. What Excel and openpyxl read back is what
``SheetWriter.append`` would have written: inline strings, Excel's quote prefix on formula-like
text, real dates, control characters dropped.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from operator import getitem
from pathlib import Path
from typing import IO, Any

from store.formats.cells import is_formula_like

PLACEHOLDER_ROW = 1048575  # the last row the sheet claims until the real count is known
EXCEL_EPOCH = date(1899, 12, 30)
SHORT_TEXT = 10  # as store.formats.xlsx: short one-line text goes in unstyled
COMPRESSION = 3  # zlib level: files about as small as the default's, written in less time
TAIL_CACHE = 5_000  # distinct values a column remembers in a generation (two are kept)
_ROW = re.compile(rb'<row r="2"[^>]*>.*?</row>', re.DOTALL)
_STYLE = re.compile(rb'<c r="[A-Z]+2"(?: s="(\d+)")?')


def sample_row() -> list[Any]:
    """The values of the row that registers the body's styles: wrapped text, quoted text, date."""
    return ["sample text longer than short", "=sample", date(2000, 1, 1)]


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text  # a raw CR would be read back as LF


MARK = "\x00"  # the row number's place in a cell made ahead: no cell text keeps a control character
CACHED = (str, date)  # values that repeat from row to row (names, roles, statuses, days); numbers are made each time


class RowText:
    """Rows as ``<row>`` XML with the styles read from the sample row.

    Each column keeps the XML of the values it has seen lately, with :data:`MARK` where the
    row number goes, so a row is its cells looked up and joined, then the number put in."""

    def __init__(self, letters: Sequence[str], styles: Sequence[str | None]) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self.letters = letters
        wrap, quoted, when = (f' s="{s}"' if s else "" for s in styles)
        self.wrap, self.quoted, self.when = wrap, quoted, when
        self.illegal = ILLEGAL_CHARACTERS_RE
        self.columns = [_Column(self, f'<c r="{letter}{MARK}"') for letter in letters]

    def row(self, number: int, values: Sequence[Any]) -> str:
        cells = "".join(map(getitem, self.columns, values))  # a miss makes the cell (_Column.__missing__)
        return f'<row r="{MARK}">{cells}</row>'.replace(MARK, str(number))

    def cell(self, start: str, value: Any) -> str:
        """The XML of ``value`` in the column whose cells begin with ``start``."""
        if value is None:
            return ""
        if type(value) is str:
            return start + self._tail(value)
        if isinstance(value, bool):
            return f'{start} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)):
            return f'{start} t="n"><v>{value!r}</v></c>'
        if isinstance(value, date) and not isinstance(value, datetime):
            return f'{start}{self.when} t="n"><v>{(value - EXCEL_EPOCH).days}</v></c>'
        return start + self._tail(str(value))

    def _tail(self, raw: str) -> str:
        """A text cell's XML after its reference."""
        if not raw:
            return ' t="inlineStr"></c>'  # as openpyxl writes an empty string
        printable = raw.isprintable()  # then no control character to drop either
        text = raw if printable else self.illegal.sub("", raw)
        if is_formula_like(text):
            style = self.quoted
        elif len(raw) <= SHORT_TEXT and printable:
            style = ""
        else:
            style = self.wrap
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        return f'{style} t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'


class _Column(dict[Any, str]):
    """One column's cells by value; when :data:`TAIL_CACHE` are kept they become the older
    generation and the one before is forgotten, so names, roles and statuses stay while each
    item's own texts (titles, sources) pass through."""

    def __init__(self, text: RowText, start: str) -> None:
        super().__init__({None: ""})
        self.text, self.start = text, start
        self.older: dict[Any, str] = {}

    def __missing__(self, value: Any) -> str:
        if type(value) not in CACHED:
            return self.text.cell(self.start, value)
        cell = self.older.get(value)
        if cell is None:
            cell = self.text.cell(self.start, value)
        if len(self) >= TAIL_CACHE:
            self.older = dict(self)
            self.clear()
            self[None] = ""
        self[value] = cell
        return cell


def fill_sheet(package: str | Path, path: str | Path, sheet: int, letters: Sequence[str],
               rows: Iterable[Sequence[Any]]) -> int:
    """Copy the xlsx ``package`` to ``path`` with the sample row of sheet number ``sheet``
    (1-based) replaced by ``rows`` (from row 2); returns the number of rows written."""

    def body(out: IO[bytes], styles: list[str | None]) -> int:
        text = RowText(letters, styles[:3])
        written = 0
        batch: list[str] = []
        for written, values in enumerate(rows, start=1):
            batch.append(text.row(written + 1, values))
            if len(batch) >= 1000:
                out.write("".join(batch).encode())
                batch = []
        out.write("".join(batch).encode())
        return written

    return _copy_package(package, path, sheet, body)


def fill_sheet_xml(package: str | Path, path: str | Path, sheet: int, rows: Iterable[bytes]) -> int:
    """:func:`fill_sheet` with rows already written as ``<row>`` XML, numbered from 2 (the
    styles they name are read from the sample row's cells before the package is saved)."""

    def body(out: IO[bytes], styles: list[str | None]) -> int:
        written = 0
        batch: list[bytes] = []
        for written, row in enumerate(rows, start=1):
            batch.append(row)
            if len(batch) >= 1000:
                out.write(b"".join(batch))
                batch = []
        out.write(b"".join(batch))
        return written

    return _copy_package(package, path, sheet, body)


def _copy_package(package: str | Path, path: str | Path, sheet: int,
                  body: Callable[[IO[bytes], list[str | None]], int]) -> int:
    """Copy ``package`` to ``path``, the sample row of sheet number ``sheet`` replaced by what
    ``body`` writes (given the styles of the sample's cells; it returns the rows written) and
    the references to the last row set to the real one."""
    name = f"xl/worksheets/sheet{sheet}.xml"
    archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION)
    with zipfile.ZipFile(package) as source, archive as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename))
                continue
            xml = source.read(name)
            sample = _ROW.search(xml)
            if sample is None:
                raise ValueError(f"{package}: no sample row in {name}")
            styles = [(m.group(1) or b"").decode() or None for m in _STYLE.finditer(sample.group(0))]
            with target.open(name, "w", force_zip64=True) as out:  # deflated at the archive's level
                out.write(xml[: sample.start()])
                written = body(out, styles)
                last = str(max(written + 1, 2)).encode()
                out.write(xml[sample.end() :].replace(str(PLACEHOLDER_ROW).encode(), last))
    return written
