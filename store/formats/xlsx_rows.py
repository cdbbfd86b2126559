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
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from store.export import is_formula_like

PLACEHOLDER_ROW = 1048575  # the last row the sheet claims until the real count is known
EXCEL_EPOCH = date(1899, 12, 30)
SHORT_TEXT = 10  # as store.formats.xlsx: short one-line text goes in unstyled
COMPRESSION = 3  # zlib level: files about as small as the default's, written in less time
TAIL_CACHE = 25_000  # distinct cell texts remembered in a generation (two are kept)
_ROW = re.compile(rb'<row r="2"[^>]*>.*?</row>', re.DOTALL)
_STYLE = re.compile(rb'<c r="[A-Z]+2"(?: s="(\d+)")?')


def sample_row() -> list[Any]:
    """The values of the row that registers the body's styles: wrapped text, quoted text, date."""
    return ["sample text longer than short", "=sample", date(2000, 1, 1)]


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text  # a raw CR would be read back as LF


class RowText:
    """Rows as ``<row>`` XML with the styles read from the sample row."""

    def __init__(self, letters: Sequence[str], styles: Sequence[str | None]) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self.letters = letters
        self.starts = [f'<c r="{letter}' for letter in letters]  # a cell's XML up to its row number
        wrap, quoted, when = (f' s="{s}"' if s else "" for s in styles)
        self.wrap, self.quoted, self.when = wrap, quoted, when
        self.illegal = ILLEGAL_CHARACTERS_RE
        self.tails: dict[str, str] = {}  # the texts seen lately
        self.older: dict[str, str] = {}  # the generation before: texts still in use move back

    def row(self, number: int, values: Sequence[Any]) -> str:
        n = str(number)
        cells = [f'<row r="{n}">']
        add, tails = cells.append, self.tails
        for start, value in zip(self.starts, values):
            if value is None:
                continue
            if type(value) is str:  # most cells: their XML after the reference is made once per text
                tail = tails.get(value)
                if tail is None:
                    tail = self._remember(value)
                add(f'{start}{n}"{tail}')
            elif isinstance(value, bool):
                add(f'{start}{n}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float)):
                add(f'{start}{n}" t="n"><v>{value!r}</v></c>')
            elif isinstance(value, date) and not isinstance(value, datetime):
                add(f'{start}{n}"{self.when} t="n"><v>{(value - EXCEL_EPOCH).days}</v></c>')
            else:
                add(f'{start}{n}"{self._remember(str(value))}')
        add("</row>")
        return "".join(cells)

    def _remember(self, raw: str) -> str:
        """The tail of ``raw``, remembered; when :data:`TAIL_CACHE` texts are remembered, they
        become the older generation and the one before is forgotten, so names, roles and
        statuses stay while each item's own texts (titles, sources) pass through."""
        tail = self.older.get(raw)
        if tail is None:
            tail = self._tail(raw)
        if len(self.tails) >= TAIL_CACHE:
            self.older, self.tails = self.tails, {}
        self.tails[raw] = tail
        return tail

    def _tail(self, raw: str) -> str:
        """The cell's XML after its reference (names, roles, statuses repeat: made once each)."""
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


def fill_sheet(package: str | Path, path: str | Path, sheet: int, letters: Sequence[str],
               rows: Iterable[Sequence[Any]]) -> int:
    """Copy the xlsx ``package`` to ``path`` with the sample row of sheet number ``sheet``
    (1-based) replaced by ``rows`` (from row 2); returns the number of rows written."""
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
            text = RowText(letters, styles[:3])
            written = 0
            with target.open(name, "w", force_zip64=True) as out:  # deflated at the archive's level
                out.write(xml[: sample.start()])
                batch: list[str] = []
                for written, values in enumerate(rows, start=1):
                    batch.append(text.row(written + 1, values))
                    if len(batch) >= 1000:
                        out.write("".join(batch).encode())
                        batch = []
                out.write("".join(batch).encode())
                last = str(max(written + 1, 2)).encode()
                out.write(xml[sample.end() :].replace(str(PLACEHOLDER_ROW).encode(), last))
    return written
