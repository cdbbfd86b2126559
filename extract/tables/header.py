"""Header rows of a grid: where they are (1–3 rows, spans honoured) and what each column means.

A column's meaning is the concept whose longest synonym its header text contains (spaces and
punctuation ignored, so "Đơn vịchủ trì" reads as lead). Stacked header rows are read top-down:
a deeper cell names the column more precisely ("Đơn vị thực hiện" over "Chủ trì | Phối hợp").
"""

from __future__ import annotations

from dataclasses import dataclass
import unicodedata
from functools import cache, lru_cache

import regex

from extract.langdata import LanguageData, nfc
from extract.pattern_cache import compile_cached
from extract.tables.duplicates import is_near_name
from extract.tables.numbering import parse_number
from schemas.blocks import Grid

KEY_CHARS = compile_cached(r"[\s\p{P}\p{S}\d]+")
FOOTNOTE = compile_cached(r"\[\d{1,2}\]|\(\d{1,2}\)$")
_COLUMN_LABEL = r"\(?\s*(?:\d{1,2}|[a-zA-Z])\s*\)?"
# "(5)", "5", "a", or a column computed from others ("8=6x7", "(4) = (2) + (3)"): a column number
COLUMN_NUMBERING = compile_cached(rf"^{_COLUMN_LABEL}(?:\s*=\s*{_COLUMN_LABEL}(?:\s*[-+x×*/:.]\s*{_COLUMN_LABEL})+)?$")
MAX_HEADER_ROWS = 3
HELD_NAME_MIN = 8  # letters: a shorter column name ("tt", "ghichu") found inside a noisy cell proves nothing
HEADER_SEARCH_ROWS = 40  # captions, or a page's layout rows, may sit above the header
SHORT_SYNONYM = 3  # a synonym this short ("tt") names a column only as the whole cell
MAX_HEADER_CELL = 80  # characters: a longer cell is content, not a column name
LONG_HEADER_CELL = 200  # ... unless the row names the number and lead columns (a wordy column name)
OUTLINE_CAPTION = compile_cached(r"^\s*(?:\d{1,2}|[IVXLC]{1,5}|\p{L})[.)]\s+\S")  # "2. Tasks …": a numbered caption
CONCEPT_CACHE = 8192  # distinct cell keys whose concept is kept (header and body cells repeat)
TASK_ROLES = ("number", "title", "lead", "cooperating", "timeframe", "outputs", "notes")


@lru_cache(maxsize=CONCEPT_CACHE)
def header_key(text: str) -> str:
    """Casefolded, without spaces, digits or punctuation: "Đơn vịchủ trì" = "Đơn vị chủ trì"."""
    return KEY_CHARS.sub("", FOOTNOTE.sub("", nfc(text)).casefold())


@dataclass(frozen=True)
class Synonyms:
    """Header synonyms of one language, as keys, longest first.

    ``contained`` finds, at every position of a key, the first (longest) synonym longer than
    ``SHORT_SYNONYM`` that starts there; ``rank`` orders those synonyms as ``pairs`` does, so
    the best-ranked one found is the first pair whose word the key contains.
    """

    pairs: tuple[tuple[str, str], ...]
    exact: dict[str, str]
    contained: regex.Pattern[str]
    rank: dict[str, tuple[int, str]]


@cache
def _synonyms(lang: LanguageData) -> Synonyms:
    pairs = sorted(
        ((header_key(word), concept) for concept, words in lang.table("columns").items() for word in words),
        key=lambda pair: -len(pair[0]),
    )
    exact: dict[str, str] = {}
    for key, concept in pairs:
        exact.setdefault(key, concept)
    named = tuple(p for p in pairs if p[0])
    rank: dict[str, tuple[int, str]] = {}
    for at, (word, concept) in enumerate(named):
        if len(word) > SHORT_SYNONYM:
            rank.setdefault(word, (at, concept))
    contained = compile_cached("|".join(regex.escape(word) for word in rank) or r"(?!)")
    return Synonyms(named, exact, contained, rank)


@lru_cache(maxsize=CONCEPT_CACHE)
def _key_concept(key: str, lang: LanguageData) -> str | None:
    """The concept a non-empty header key names: an exact synonym, else the first-ranked one it
    contains (one scan of the key, however many synonyms the language has)."""
    synonyms = _synonyms(lang)
    if key in synonyms.exact:
        return synonyms.exact[key]
    found = [synonyms.rank[word] for word in synonyms.contained.findall(key, overlapped=True)]
    return min(found)[1] if found else None


@lru_cache(maxsize=CONCEPT_CACHE)
def cell_concept(text: str, lang: LanguageData) -> str | None:
    """The concept one header cell names, or None (cached: every body row is tried as a header,
    and spans repeat one text across a row)."""
    if len(text) > MAX_HEADER_CELL:
        return None
    key = header_key(text)
    return _key_concept(key, lang) if key else None


@dataclass(frozen=True)
class Header:
    """Where a grid's header is and the concept of each column (None: not read)."""

    first: int  # grid row of the first header row
    rows: int  # how many rows it takes
    columns: tuple[str | None, ...]
    texts: tuple[str, ...]  # each column's header text, stacked rows joined by " / "

    @property
    def body(self) -> int:
        return self.first + self.rows


def row_concepts(grid: Grid, row: int, lang: LanguageData) -> list[str | None]:
    return [cell_concept(c.text, lang) for c in grid.rows[row]]


def names_concept(text: str, concept: str, lang: LanguageData) -> bool:
    """Whether a header text contains a synonym of ``concept`` (not only its longest one)."""
    if len(text) > MAX_HEADER_CELL:
        return False
    key = header_key(text)
    return any(c == concept and len(word) > SHORT_SYNONYM and word in key for word, c in _synonyms(lang).pairs)


def with_title_stand_in(columns: tuple[str | None, ...], texts: tuple[str, ...], lang: LanguageData) -> tuple[str | None, ...]:
    """Columns where, when none is the task column, the first column read as a group or details
    concept whose header also holds a task-column word ("Task group and main content") is it.

    Failing that, a table that numbers its rows and names a lead column assigns the thing its
    rows name, whatever the header calls it ("Các văn bản cần sửa đổi, bổ sung", "Tên thủ tục"):
    the column right after the number column, when it is unnamed, is the task column (a target
    table's "TT | Chỉ tiêu | Đơn vị | … | Cơ quan chủ trì theo dõi" names its second column), unless
    it holds people's names (a list of people with the agency that pays or manages each).
    """
    if "title" in columns:
        return columns
    stand_ins = set(lang.words("tables", "title_stand_ins"))
    for at, (concept, text) in enumerate(zip(columns, texts)):
        if concept in stand_ins and any(names_concept(part, "title", lang) for part in text.split(" / ")):
            return columns[:at] + ("title",) + columns[at + 1 :]
    if "lead" in columns and "number" in columns:
        free = columns.index("number") + 1
        if free < columns.index("lead") and columns[free] is None and texts[free].strip() and not _names_a_person(texts[free], lang):
            return columns[:free] + ("title",) + columns[free + 1 :]
    return columns


def _names_a_person(text: str, lang: LanguageData) -> bool:
    """A column of people's names ("Họ và tên", "Họ tên, chức vụ"): its rows are people, not tasks."""
    key = header_key(text)
    return any(key.startswith(word) for name in lang.words("tables", "name_fields") if (word := header_key(name)))


def is_task_columns(columns: tuple[str | None, ...]) -> bool:
    """A task table names its task column and at least one of lead or timeframe."""
    return "title" in columns and ("lead" in columns or "timeframe" in columns or "submitter" in columns or "person" in columns)


def _stack(grid: Grid, first: int, rows: int, lang: LanguageData) -> tuple[tuple[str | None, ...], tuple[str, ...]]:
    """Column concepts of a header of ``rows`` rows; a deeper named cell wins, the first
    column to claim a concept keeps it."""
    columns: list[str | None] = []
    texts: list[str] = []
    for c in range(grid.width):
        concept: str | None = None
        parts: list[str] = []
        for r in range(first, first + rows):
            text = grid.rows[r][c].text.strip()
            if text and (not parts or parts[-1] != text):
                parts.append(text)
                concept = cell_concept(text, lang) or concept
        columns.append(concept)
        texts.append(" / ".join(parts))
    seen: set[str] = set()
    unique: list[str | None] = []
    for concept in columns:
        unique.append(concept if concept not in seen else None)
        if concept:
            seen.add(concept)
    return with_title_stand_in(tuple(unique), tuple(texts), lang), tuple(texts)


def _is_header_row(grid: Grid, row: int, lang: LanguageData) -> bool:
    """Most filled cells name a concept and none is long content; or the row opens with the
    number column's name and names a lead column, whatever its other (wordy, unnamed) column
    names say ("STT | Các văn bản cần sửa đổi | Điều, khoản … để cắt giảm TTHC | Cơ quan chủ trì")."""
    cells = [c.text.strip() for c in grid.rows[row]]
    filled = [t for t in dict.fromkeys(cells) if t]
    if not filled or any(len(t) > LONG_HEADER_CELL for t in filled):
        return False
    if (number := parse_number(cells[0])) is not None and number.scheme != "bullet":
        return False  # a numbered row (a task, with a header run on after it), not column names
    concepts = [cell_concept(t, lang) for t in filled]
    if concepts[0] == "number" and "lead" in concepts:
        return True
    if any(len(t) > MAX_HEADER_CELL for t in filled):
        return False
    named = sum(1 for c in concepts if c)
    return named >= 1 and named * 2 >= len(filled)


def _trailing_header(grid: Grid, row: int, lang: LanguageData) -> Header | None:
    """A header that fills the end of a row whose first cells are a page's layout text (a
    converter ran them into one row): its cells from the first one that opens a task header.

    The header opens at one of the row's own cells (not one spanned down from a row above), so
    the search costs the row's width once per cell the source really gave: a staircase of
    ``rowspan`` cells, whose rows repeat the spanned text across the whole grid, stays linear.
    """
    cells = [c.text.strip() for c in grid.rows[row]]
    last = max((at for at, text in enumerate(cells) if text), default=-1)
    if last < 3:
        return None
    long_at = max((at for at in range(last + 1) if len(cells[at]) > MAX_HEADER_CELL), default=-1)
    memo: dict[str, str | None] = {}
    concepts = [memo[t] if t in memo else memo.setdefault(t, cell_concept(t, lang)) for t in cells[: last + 1]]
    named_from = [0] * (last + 2)  # named cells from each position to ``last``
    for at in range(last, -1, -1):
        named_from[at] = named_from[at + 1] + (concepts[at] is not None)
    for start in range(max(1, long_at + 1), last - 1):
        cell = grid.rows[row][start]
        if concepts[start] is None or (cell.origin is not None and cell.origin[0] < row):
            continue
        if OUTLINE_CAPTION.match(cells[start]):
            continue  # a numbered caption above the header ("2. Tasks overdue"), not a column name
        if named_from[start] * 2 < last + 1 - start:
            continue
        tail = cells[start : last + 1]
        seen: set[str] = set()
        columns: list[str | None] = []
        for concept in concepts[start:]:
            columns.append(concept if concept not in seen else None)
            if concept:
                seen.add(concept)
        named = with_title_stand_in(tuple(columns), tuple(tail), lang)
        if is_task_columns(named):
            return Header(row, 1, named, tuple(tail))
    return None


def header_at(grid: Grid, first: int, lang: LanguageData, *, trailing: bool = True) -> Header | None:
    """A task-table header starting at row ``first`` (1–3 rows), or None."""
    if not _is_header_row(grid, first, lang):
        return _trailing_header(grid, first, lang) if trailing else None
    rows = 1
    while rows < MAX_HEADER_ROWS and first + rows < grid.height and _continues_header(grid, first + rows, lang, first):
        rows += 1
    columns, texts = _stack(grid, first, rows, lang)
    return Header(first, rows, columns, texts) if is_task_columns(columns) else None


def find_header(grid: Grid, lang: LanguageData) -> Header | None:
    """The task-table header of a grid, or None when no rows near the top name a task table."""
    for first in range(min(HEADER_SEARCH_ROWS, grid.height)):
        if header := header_at(grid, first, lang):
            return header
    return None


def _continues_header(grid: Grid, row: int, lang: LanguageData, first: int) -> bool:
    """A second or third header row: named cells, or short cells beside header cells that span
    down into it (budget sub-columns under "Funding" next to "No." spanning two rows)."""
    cells = grid.rows[row]
    if all(c.covered or not c.text.strip() for c in cells):
        return False
    if len({c.text.strip() for c in cells}) == 1 and cells[0].colspan == len(cells):
        return False  # one cell across the whole row is a group or caption row, not column names
    spanned = any(c.covered and c.origin is not None and first <= c.origin[0] < row for c in cells)
    own = [c.text.strip() for c in cells if not c.covered and c.text.strip()]
    if not spanned and len(own) == 1 and len(cells) > 2:
        return False  # one text among empty cells: a heading over the rows below, not column names
    if spanned and own and all(len(t) <= MAX_HEADER_CELL and parse_number(t) is None for t in own):
        return True
    if spanned and _is_header_row(grid, row, lang):
        return True
    return _is_header_row(grid, row, lang) and not is_numbering_row(tuple(c.text for c in cells))


def is_numbering_row(cells: tuple[str, ...]) -> bool:
    """The "(1) (2) (3)" row printed under a header to number the columns, a computed column's
    number given with its formula ("8=6x7")."""
    filled = [c.strip() for c in cells if c.strip()]
    return len(filled) >= 3 and all(COLUMN_NUMBERING.match(c) for c in filled)


def is_repeated_header(cells: tuple[str, ...], header: Header, lang: LanguageData) -> bool:
    """A row that repeats the header's column names (at a page break or before a group)."""
    filled = [t for t in dict.fromkeys(c.strip() for c in cells) if t]
    if len(filled) < 2 or any(len(t) > MAX_HEADER_CELL for t in filled):
        return False
    known, named = _header_names(header)
    missed = [key for t in filled if (key := header_key(t)) not in known and cell_concept(t, lang) not in named]
    hits, needed = len(filled) - len(missed), max(2, (len(filled) * 3 + 3) // 4)
    if hits < needed:  # a name printed again with a letter changed ("chủ tri") still repeats it
        hits += sum(1 for key in missed if is_near_name(key, known) or _holds_name(key, known))
    return hits >= needed


def _holds_name(key: str, known: frozenset[str]) -> bool:
    """A cell that holds one of the header's column names whole, its marks aside, among stray
    letters: a repeated header read by OCR through a stamp or seal ("&› NT Phôi hợp thực hiện
    rà" for "Phối hợp thực hiện")."""
    bare = bare_letters(key)
    return any(len(name) >= HELD_NAME_MIN and name in bare for name in _bare_names(known))


@lru_cache(maxsize=64)
def _bare_names(known: frozenset[str]) -> frozenset[str]:
    return frozenset(bare_letters(name) for name in known)


@lru_cache(maxsize=CONCEPT_CACHE)
def bare_letters(key: str) -> str:
    """A header key without its diacritics ("phốihợp" -> "phoihop"; "đ" stays a letter of its own)."""
    return "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))


@lru_cache(maxsize=64)
def _header_names(header: Header) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of a header's column names and the concepts it names (asked once per body row)."""
    known = frozenset(header_key(part) for text in header.texts for part in text.split(" / ") if part)
    return known, frozenset(c for c in header.columns if c)
