"""Body rows of a task table to task rows: groups, continuations, sub-rows, printed hierarchy.

- A row that gave fewer cells than the table has columns (its spans were lost) has its cells
  put in their columns by content (``columns.place_cells``); the columns it left out were
  merged from the task row above and take its text.
- A group row holds one text (a spanning cell, the same text repeated, or a number and a
  title with the other cells empty) and is numbered as a group (Roman, letter) or is followed
  by its children ("5.1" before "5.1.1").
- A row whose only text is an elision mark ("…....") stands for rows the source left out (a
  saved page that hides part of the table): the group and numbering above it say nothing about
  the rows after it, which start with no group.
- A row with an empty number cell that opens a continued piece of the table ends the task row
  before it (a page break cut that row); so does one right after a page break inside a table
  printed over pages (a PDF) with no lead and no timeframe of its own; so does one, anywhere,
  with no lead and no timeframe of its own whose task text carries on the text above (it
  opens with a small letter, or the text above stops at ',', ';' or ':') — a converter that
  joined the pieces into one table. Its cells join those of the task above, except a cell
  that only repeats the end of one of them. Elsewhere an unnumbered row is a sub-row of the
  task above with its own cells: one task each, keyed "<key>-2", "<key>-3" ….
- A group row may carry the end of a word cut from the row above it ("… những năm" / "tiếp
  theo" in the timeframe column); such a small-letter fragment does not make it a task.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.elision import is_elision
from extract.langdata import LanguageData
from extract.pattern_cache import compile_cached
from extract.tables.columns import place_cells
from extract.tables.header import is_numbering_row
from extract.tables.numbering import GROUP_SCHEMES, Hierarchy, Number, is_child, parse_number, roman_lookalike, roman_value, to_roman
from schemas.blocks import TableRow

SHORT_GROUP_CELLS = 2
SPAN_GROUP_CELLS = 4  # number, title and two more columns: a narrower row spread wide proves no span
DITTO_COLUMNS = ("lead", "cooperating", "timeframe", "outputs")  # columns where "as above" repeats the cell above
OPEN_ENDING = (",", ";", ":")  # a task text stopping here goes on in the next row
FOOTNOTE_OPENING = compile_cached(r"^\s*\[\d{1,2}\]\s")  # "[1] …": the text of a footnote mark used above
GROUP_TITLE_MAX = 200  # characters: a longer lone cell under a table is stray text, not a group  # a short row of at most this many cells, number first, is a group row


@dataclass
class BodyRow:
    """One grid row under a task-table header, its cells laid out on the table's columns."""

    cells: list[str]
    covered: list[bool]  # the cell repeats a cell merged down from a row above
    page: int | None
    table: int
    row: int
    given: int | None = None  # cells the source gave when fewer than the columns
    opens_piece: bool = False  # first body row of a table continued from an earlier piece
    flags: tuple[str, ...] = ()
    after_cut: bool = False  # first row on a new page of a table whose rows a page break may cut
    ocr: bool = False  # read by OCR from a scan: its numbers may carry the engine's confusions


def is_spread(cells: Sequence[str], at: int) -> bool:
    """Whether the cell at ``at`` repeats another cell of its row: a group or caption row whose one
    text a span spread across the row, not a value of that column."""
    text = cells[at].strip()
    return any(i != at and cell.strip() == text for i, cell in enumerate(cells))


def own_cells(rows: Sequence[BodyRow], at: int) -> list[str]:
    """The filled cells of column ``at`` that are a row's own: not a spread group text, not a
    column-numbering row's "(5)"."""
    return [
        cell
        for row in rows
        if at < len(row.cells) and (cell := row.cells[at].strip())
        and not is_spread(row.cells, at) and not is_numbering_row(tuple(row.cells))
    ]


def _filled(cells: list[str], skip: int | None) -> list[str]:
    return list(dict.fromkeys(c.strip() for i, c in enumerate(cells) if i != skip and c.strip()))


def _number_at(columns: tuple[str | None, ...]) -> int | None:
    return columns.index("number") if "number" in columns else None


def _word_end(text: str) -> bool:
    """Text that opens with a small letter: the end of a sentence or word cut from above."""
    text = text.strip()
    return bool(text) and text[0].islower()


def _append(target: list[str], cells: list[str], covered: list[bool]) -> None:
    ends = [" ".join(t.split()).casefold() for t in target]
    for at, text in enumerate(cells):
        if not text.strip() or covered[at] or at >= len(target):
            continue
        if any(end.endswith(" ".join(text.split()).casefold()) for end in ends):
            continue  # the converter repeated the end of a cell above
        target[at] = f"{target[at]}\n{text}" if target[at].strip() else text


class RowReader:
    """Reads body rows in order; holds the hierarchy and the task row being built."""

    def __init__(self, columns: tuple[str | None, ...], lang: LanguageData) -> None:
        self.columns = columns
        self.lang = lang
        self.number_at = _number_at(columns)
        self.title_at = columns.index("title") if "title" in columns else None
        self.hierarchy = Hierarchy()
        self.group: tuple[str, str] | None = None
        self.tasks: list[TableRow] = []
        self.last_cells: list[str] | None = None  # the previous task row's cells, for merged columns
        self.last_key = ""
        self.sub_count = 0
        self.ordinal = 0
        self.keys: set[str] = set()
        self.warnings: list[str] = []

    # --- one row -----------------------------------------------------------------------------

    def read(self, body: BodyRow, following: list[BodyRow]) -> None:
        cells, covered = body.cells, body.covered
        if is_numbering_row(tuple(cells)) or not any(c.strip() for c in cells):
            return
        if all(is_elision(c) for c in cells if c.strip()):
            self._gap(body)
            return
        if len(cells) > 1 and len({c.strip() for c in cells}) == 1:  # one text across the row: a group row
            head, _, rest = cells[0].strip().partition(" ")
            number = parse_number(head) if rest else None
            self._enter_group(head if number else "", rest if number else cells[0].strip(), body, number)
            return
        if body.given == 1:
            text = body.cells[0].strip()
            if len(text) <= GROUP_TITLE_MAX:
                head, _, rest = text.partition(" ")
                number = parse_number(head) if rest else None
                if number is not None and number.scheme == "arabic" and not self._parent_of_next(number, following):
                    self._enter_group(head, rest, body, Number("section", number.text))  # "2. Tasks …" over rows 1, 2 …
                else:
                    self._enter_group("", text, body)
            else:
                self.warnings.append(f"table {body.table} row {body.row}: one long cell under the table ({text[:40]!r}…); not read as a task")
            return
        if body.given is not None and body.given < len(self.columns):
            if self._short_group(body, following):
                self._enter_group(cells[0] if self.number_at is not None else "", _filled(cells, 0)[0] if len(_filled(cells, 0)) else cells[0], body)
                return
            cells, covered = self._placed(body)
        number_text = cells[self.number_at].strip() if self.number_at is not None else ""
        number = parse_number(number_text)
        if self._spans_row(cells):
            self._enter_group(number_text, cells[self.title_at or 0].strip(), body, self._group_number(number, number_text, body))
            return
        if number is not None:
            number = self.hierarchy.resolve(number)
        if self._is_group(cells, number, following):
            title = next(iter(_filled(cells, self.number_at)), "")
            self._enter_group(number_text, title, body, number)
            return
        if number is None and "review" in body.flags:
            self.warnings.append(f"table {body.table} row {body.row}: no task number and more cells than the header; not read as a task")
            return
        if not number_text and body.opens_piece and self.tasks and self._continues(cells):
            self._continue_last(cells, covered, body)
            return
        if not number_text and self._carries_on(cells, covered):
            self._continue_last(cells, covered, body)
            return
        if body.after_cut and (not number_text or covered[self.number_at or 0]) and self._owns_nothing(cells, covered):
            self._continue_last(cells, covered, body)
            return
        own_number = bool(number_text) and not (self.number_at is not None and covered[self.number_at])
        if not own_number and self.title_at is not None and FOOTNOTE_OPENING.match(cells[self.title_at]):
            self.warnings.append(f"table {body.table} row {body.row}: a footnote under the table ({cells[self.title_at].strip()[:40]!r}…); not read as a task")
            return
        if not number_text and self._padded_heading(cells, covered, body, following):
            self._enter_group("", cells[self.title_at or 0].strip(), body)
            return
        if self.title_at is not None and not cells[self.title_at].strip():
            return  # no task text: nothing to read as a task
        self._task(cells, covered, number, number_text, body)

    def _padded_heading(self, cells: list[str], covered: list[bool], body: BodyRow, following: list[BodyRow]) -> bool:
        """An unnumbered row whose only text is in the task column, every other cell given and
        empty (not merged from above), above a numbered row: a heading padded with empty cells
        ("** **" on a saved page) over the rows it groups, whatever its words. A sub-row of a task
        has cells of its own (a lead, a deadline) or cells merged from the row above."""
        if self.number_at is None or self.title_at is None or body.given is not None or not cells[self.title_at].strip():
            return False
        if any(c.strip() or covered[at] for at, c in enumerate(cells) if at != self.title_at):
            return False
        nxt = next((r for r in following if any(c.strip() for c in r.cells)), None)
        return nxt is not None and parse_number(nxt.cells[self.number_at]) is not None

    def _continues(self, cells: list[str]) -> bool:
        """An unnumbered row opening a continued piece ends the row before it: always when the
        table numbers its rows; without a number column, only when it names no lead and no
        timeframe of its own (or they read as the ends of words cut by the break)."""
        if self.number_at is not None:
            return True
        own = [cells[self.columns.index(role)].strip() for role in ("lead", "timeframe") if role in self.columns]
        return all(not text or text[0].islower() for text in own)

    def _owns_nothing(self, cells: list[str], covered: list[bool]) -> bool:
        """A row right after a page break, in a table printed over pages, with no number of its
        own (none, or the one above merged down) and no lead and no timeframe of its own (or
        only the ends of words cut by the break): the rest of the task row the break cut,
        whatever its task text opens with. A sub-row has a lead or a deadline of its own."""
        if self.title_at is None or self.number_at is None or not self.tasks:
            return False
        roles = [self.columns.index(role) for role in ("lead", "timeframe") if role in self.columns]
        return bool(roles) and all(covered[at] or not cells[at].strip() or _word_end(cells[at]) for at in roles)

    def _carries_on(self, cells: list[str], covered: list[bool]) -> bool:
        """An unnumbered row with no lead and no timeframe of its own (nor cells merged from
        above) whose task text goes on with the task text above: the rest of a row a page
        break cut, in a table whose pieces a converter joined."""
        if self.title_at is None or self.number_at is None or not self.tasks or any(covered):
            return False
        text = cells[self.title_at].strip()
        own = [cells[self.columns.index(role)].strip() for role in ("lead", "timeframe") if role in self.columns]
        if not text or any(t and not _word_end(t) for t in own):
            return False
        above = self.tasks[-1].cells[self.title_at].rstrip()
        return _word_end(text) or above.endswith(OPEN_ENDING)

    def _placed(self, body: BodyRow) -> tuple[list[str], list[bool]]:
        """A short row's cells in their columns; left-out columns merged from the row above."""
        given = [c for c in body.cells[: body.given]]
        spots = place_cells(given, self.columns, self.lang)
        cells = ["" for _ in self.columns]
        covered = [True for _ in self.columns]
        for text, spot in zip(given, spots):
            cells[spot], covered[spot] = text, False
        if self.last_cells is not None:
            for at in range(len(cells)):
                if covered[at]:
                    cells[at] = self.last_cells[at]
        else:
            covered = [False for _ in self.columns]
        return cells, covered

    def _short_group(self, body: BodyRow, following: list[BodyRow]) -> bool:
        given = [c.strip() for c in body.cells[: body.given or 0]]
        filled = [c for c in given if c]
        if len(given) > SHORT_GROUP_CELLS or not filled or self.number_at is None:
            return False
        number = parse_number(given[0]) if len(given) == 2 else None
        if number is not None:
            number = self.hierarchy.resolve(number)
        if number is not None and number.scheme == "arabic":
            return self._parent_of_next(number, following)
        return number is not None and number.scheme in GROUP_SCHEMES

    def _parent_of_next(self, number: Number, following: list[BodyRow]) -> bool:
        """The next numbered row is numbered under ``number`` ("5.1" after "5")."""
        if self.number_at is None:
            return False
        nxt = next((parse_number(r.cells[self.number_at]) for r in following[:3] if r.cells[self.number_at].strip()), None)
        return nxt is not None and is_child(number, nxt)

    def _is_group(self, cells: list[str], number: Number | None, following: list[BodyRow]) -> bool:
        texts = _filled(cells, self.number_at)
        title_at = self.columns.index("title") if "title" in self.columns else None
        if number is not None and number.scheme in GROUP_SCHEMES and title_at is not None and len(texts) > 1:
            lead = cells[self.columns.index("lead")].strip() if "lead" in self.columns else ""
            if not lead:  # a spilled word end beside a group title
                texts = [t for t in texts if t == cells[title_at].strip() or not _word_end(t)]
        if len(texts) != 1:
            return False
        if title_at is not None and not cells[title_at].strip():
            return False
        if number is None:
            return False
        if number.scheme in GROUP_SCHEMES:
            return True
        return number.scheme == "arabic" and self._parent_of_next(number, following)

    def _spans_row(self, cells: list[str]) -> bool:
        """A number and one text spread over every other column (a cell spanning the row): a group
        row whatever its number says, since a task keeps its lead and deadline in cells of their own."""
        if self.number_at is None or self.title_at is None or len(cells) < SPAN_GROUP_CELLS:
            return False
        title = cells[self.title_at].strip()
        return bool(title) and all(c.strip() == title for i, c in enumerate(cells) if i != self.number_at)

    def _group_number(self, number: Number | None, number_text: str, body: BodyRow) -> Number | None:
        """A group number as printed; on a page read by OCR, a Roman number misread with the
        engine's usual confusions ("1." or "|" for "I", "H" for "II", "Ị" for "I") is mended when
        the mended number is the one that follows the group before it ("VỊ" after "VI" is "VII")."""
        if number is not None and number.scheme == "roman" or not body.ocr:
            return number
        mended = "".join(roman_lookalike(c) for c in number_text.rstrip(".)").strip())
        previous = roman_value(self.group[0]) if self.group else 0
        if previous is None or (value := roman_value(mended)) is None:
            return number
        if value == previous:
            value += 1
        return Number("roman", to_roman(value)) if value == previous + 1 else number

    def _enter_group(self, number_text: str, title: str, body: BodyRow, number: Number | None = None) -> None:
        number = number or parse_number(number_text)
        if number is not None:
            self.hierarchy.push(self.hierarchy.resolve(number))
        self.group = (number.text if number else number_text.strip(), " ".join(title.split()))
        self.last_cells = None
        self.last_key = ""
        self.ordinal = 0

    def _gap(self, body: BodyRow) -> None:
        """Rows left out by the source: what follows has no known group or parent number."""
        self.warnings.append(f"table {body.table} row {body.row}: rows left out in the source ('…'); the rows after it are read without a group")
        self.hierarchy = Hierarchy()
        self.group = None
        self.last_cells = None
        self.last_key = ""
        self.ordinal = 0

    def _continue_last(self, cells: list[str], covered: list[bool], body: BodyRow) -> None:
        last = self.tasks[-1]
        merged = list(last.cells)
        _append(merged, cells, covered)
        flags = last.flags if "continued" in last.flags else (*last.flags, "continued")
        self.tasks[-1] = TableRow(tuple(merged), last.page, last.table, last.row, flags, last.key, last.number, last.group, last.numbered)
        self.last_cells = merged

    def _task(self, cells: list[str], covered: list[bool], number: Number | None, number_text: str, body: BodyRow) -> None:
        flags = list(body.flags)
        inherited = self.number_at is not None and covered[self.number_at]
        if number is not None:
            self.hierarchy.push(number)
        elif number_text:
            flags.append("review")
            self.warnings.append(f"table {body.table} row {body.row}: number '{number_text}' is not a task number; read as a task, please check")
        base = self.hierarchy.key()
        if self.number_at is None:
            self.ordinal += 1
            key = f"{base}.{self.ordinal}" if base else str(self.ordinal)
            self.sub_count = 1
        elif (number is not None and not inherited) or base != self.last_key or not self.tasks:
            key, self.sub_count = base or str(len(self.tasks) + 1), 1
        else:
            self.sub_count += 1
            key = f"{base or self.tasks[-1].key}-{self.sub_count}"
        self.last_key = base
        printed = number.text if number is not None and number.scheme != "bullet" else key.rsplit(".", 1)[-1]
        given_number = number is not None and not inherited
        self.tasks.append(TableRow(tuple(cells), body.page, body.table, body.row, tuple(flags), key, printed, self.group, given_number))
        self.last_cells = list(cells)


def body_to_task_rows(rows: list[BodyRow], columns: tuple[str | None, ...], lang: LanguageData) -> tuple[list[TableRow], list[str]]:
    """Task rows of one task table's body rows (all pieces, in order), with warnings."""
    reader = RowReader(columns, lang)
    for at, row in enumerate(rows):
        reader.read(row, rows[at + 1 : at + 4])
    return _dittos_filled(reader.tasks, columns, lang), reader.warnings


def _dittos_filled(tasks: list[TableRow], columns: tuple[str | None, ...], lang: LanguageData) -> list[TableRow]:
    """Task rows where an agency, time or output cell that only says "as above" ("Như trên")
    holds the cell of the task row above it."""
    marks = {_ditto_key(word) for word in lang.words("tables", "ditto")}
    at = [i for i, concept in enumerate(columns) if concept in DITTO_COLUMNS]
    out: list[TableRow] = []
    for task in tasks:
        cells = list(task.cells)
        if out:
            for i in at:
                if i < len(cells) and cells[i] and _ditto_key(cells[i]) in marks and i < len(out[-1].cells):
                    cells[i] = out[-1].cells[i]
        out.append(replace(task, cells=tuple(cells)) if cells != list(task.cells) else task)
    return out


def _ditto_key(text: str) -> str:
    return " ".join(text.strip(" \t\n.,;:-–()\"'“”").casefold().split())
