"""Checklists and matrix grids: pure row builders, then one writer per file format."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import IO, TYPE_CHECKING, Any

from store.formats.cells import FIRSTS, PLAIN_NUMBER
from store.names import sort_key

if TYPE_CHECKING:
    from pathlib import Path

    from sqlmodel import Session

    from store.matrix_select import Assignment
    from store.queries import TaskRow

CHECKLIST_COLUMNS = (
    "agency", "role", "document", "task_key", "task", "deadline", "timeframe", "co_agencies", "status"
)
ROLE_CELL = {"lead": "L", "cooperate": "C"}
CSV_BOM = "\ufeff"  # so Excel reads the file as UTF-8 and shows Vietnamese letters


def csv_writer(out: IO[str]) -> Any:
    """A CSV writer on ``out`` after a UTF-8 byte order mark; write rows through :func:`write_csv_row`.

    Rows end in CRLF (RFC 4180, as Excel writes them), which also makes the writer quote a
    field holding a lone CR; with a plain LF terminator such a field would split the row.
    """
    out.write(CSV_BOM)
    return csv.writer(out, lineterminator="\r\n")


def write_csv_row(writer: Any, row: Iterable[Any]) -> None:
    """One CSV row, every cell (header cells too) neutralised."""
    writer.writerow([
        "'" + cell if isinstance(cell, str) and cell[:1] in FIRSTS and PLAIN_NUMBER.fullmatch(cell) is None else cell
        for cell in row
    ])  # neutralise_cell inlined: two calls per cell were most of a large CSV's time




@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One thing one agency must do: a task, its role in it, when, and with whom."""

    agency: str
    role: str
    document: str
    task_key: str
    task: str
    deadline: date | None
    timeframe: str | None
    co_agencies: tuple[str, ...]
    status: str

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        data["co_agencies"] = list(self.co_agencies)
        return data

    def when(self) -> str:
        """"2025-12-31 (2024-2025)", "Thường xuyên", or "no deadline"."""
        if self.deadline and self.timeframe and self.timeframe != self.deadline.isoformat():
            return f"{self.deadline.isoformat()} ({self.timeframe})"
        if self.deadline:
            return self.deadline.isoformat()
        return self.timeframe or "no deadline"


def checklist_rows(
    task_rows: Iterable[TaskRow], *, agencies: Collection[str] | None = None
) -> list[ChecklistItem]:
    """One item per task × assigned agency, grouped by agency (Vietnamese name order), tasks in order.

    Args:
        task_rows: tasks as ``store.queries.tasks`` returns them.
        agencies: canonical names to keep; ``None`` keeps every agency.
    """
    items: list[ChecklistItem] = []
    for task in task_rows:
        everyone = (*task.lead, *task.cooperate)
        for role, names in (("lead", task.lead), ("cooperate", task.cooperate)):
            for name in names:
                if agencies is not None and name not in agencies:
                    continue
                items.append(
                    ChecklistItem(
                        agency=name,
                        role=role,
                        document=task.document,
                        task_key=task.key,
                        task=task.title,
                        deadline=task.deadline,
                        timeframe=task.timeframe,
                        co_agencies=tuple(dict.fromkeys(a for a in everyone if a != name)),
                        status=task.status,
                    )
                )
    order = {name: i for i, name in enumerate(sorted({i.agency for i in items}, key=sort_key))}
    return sorted(items, key=lambda i: order[i.agency])  # stable: task order kept


def checklist(
    session: Session, *, agency: str | None = None, document: str | None = None
) -> list[ChecklistItem]:
    """The checklist of the current documents (or ``document``), for one agency or all."""
    from store.queries import find_agencies, tasks
    from store.tables import Agency

    names = None
    if agency:
        names = {session.get(Agency, i).name for i in find_agencies(session, agency)}  # type: ignore[union-attr]
    return checklist_rows(tasks(session, agency=agency, document=document), agencies=names)


def write_json(rows: Iterable[Any], out: IO[str]) -> None:
    """A JSON list of the rows' ``to_dict()``, UTF-8 with real characters, written row by row."""
    write_json_list((r.to_dict() for r in rows), out)


def write_matrix_json(rows: Iterable[Assignment], out: IO[str]) -> None:
    """:func:`write_json` of the matrix's (task, cell) pairs (``store.matrix_select``) as
    ``MatrixRow.to_dict()`` gives them, each written straight from its fields."""
    from store.matrix_select import MatrixRow

    write_json_texts(rows, out, matrix_row_json, lambda pair: MatrixRow.of(pair).to_dict())


def matrix_row_json(pair: Assignment) -> str:
    """``MatrixRow.of(pair).to_dict()`` as ``json.dumps(..., ensure_ascii=False, indent=1)``
    writes it one level into a list, without building the dict (most of a large matrix's JSON time)."""
    (document, key, title, uid), (agency, role, persons, person) = pair
    if persons or person:  # the rare rows with people: json writes them
        raise Unusual
    try:
        return (
            f'{{\n  "document": {_TEXT(document)},\n  "task_key": {_TEXT(key)},'
            f'\n  "task": {_TEXT(title)},\n  "agency": {_TEXT(agency)},\n  "role": {_TEXT(role)},'
            f'\n  "id": {"null" if uid is None else _TEXT(uid)}\n }}'
        )
    except TypeError:  # a field that is no text: json decides
        raise Unusual from None


def write_json_list(items: Iterable[Any], out: IO[str]) -> None:
    """``json.dump(list(items), out, ensure_ascii=False, indent=1)`` and a newline, byte for
    byte, but one item at a time, so memory does not grow with the number of items."""
    write_json_texts(items, out, lambda item: indented_json(item, 1), lambda item: item)


def write_json_texts(
    items: Iterable[Any], out: IO[str], text: Callable[[Any], str], plain: Callable[[Any], Any]
) -> None:
    """:func:`write_json_list` of ``plain(item)`` for each item, where ``text(item)`` writes an
    item as that list holds it (one level in), or raises :class:`Unusual` to leave it to json.

    Items go to ``out`` :data:`JSON_BATCH` at a time (two writes per item cost a tenth of the time)."""
    batch: list[str] = []
    add = batch.append
    first = True
    for item in items:
        try:
            add(text(item))
        except Unusual:
            add(json.dumps(plain(item), ensure_ascii=False, indent=1).replace("\n", "\n "))
        if len(batch) >= JSON_BATCH:
            out.write(("[\n " if first else ",\n ") + ",\n ".join(batch))
            batch.clear()
            first = False
    if batch:
        out.write(("[\n " if first else ",\n ") + ",\n ".join(batch))
        first = False
    out.write("[]\n" if first else "\n]\n")


JSON_BATCH = 1000


class Unusual(Exception):
    """A key json would convert (not a string): leave the item to json itself."""


_SCALAR = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder: json's indenting one is pure Python
_TEXT = json.encoder.encode_basestring  # type: ignore[attr-defined]  # what that encoder does to a str
_CONTAINERS = (dict, list, tuple)


def scalar_json(value: Any) -> str:
    if isinstance(value, str):
        return _TEXT(value)  # type: ignore[no-any-return]
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    return _SCALAR(value)  # floats (nan, inf) and whatever else json decides


def indented_json(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=1)`` writes it ``depth`` levels in."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad = "\n" + " " * (depth + 1)
        parts = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise Unusual
            text = indented_json(item, depth + 1) if isinstance(item, _CONTAINERS) else scalar_json(item)
            parts.append(f"{pad}{_TEXT(key)}: {text}")
        return "{" + ",".join(parts) + "\n" + " " * depth + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        pad = "\n" + " " * (depth + 1)
        return "[" + ",".join(
            pad + (indented_json(item, depth + 1) if isinstance(item, _CONTAINERS) else scalar_json(item)) for item in value
        ) + "\n" + " " * depth + "]"
    return scalar_json(value)


def write_csv(items: Iterable[ChecklistItem], out: IO[str]) -> None:
    """The checklist as CSV: UTF-8 with a BOM, formula-like cells neutralised."""
    writer = csv_writer(out)
    write_csv_row(writer, CHECKLIST_COLUMNS)
    for item in items:
        write_csv_row(writer, _flat(item))


def _flat(item: ChecklistItem) -> list[str]:
    data = item.to_dict()
    data["co_agencies"] = "; ".join(item.co_agencies)
    return ["" if data[c] is None else str(data[c]) for c in CHECKLIST_COLUMNS]


def write_markdown(items: Iterable[ChecklistItem], out: IO[str], *, title: str = "Checklist") -> None:
    """``- [ ]`` items under one ``##`` heading per agency."""
    out.write(f"# {title}\n")
    current = None
    for item in items:
        if item.agency != current:
            current = item.agency
            out.write(f"\n## {current}\n\n")
        details = [item.role, f"due {item.when()}"]
        if item.co_agencies:
            details.append("with " + ", ".join(item.co_agencies))
        details.append(f"source {item.document}")
        box = "x" if item.status == "done" else " "
        out.write(f"- [{box}] {item.task_key} {item.task} ({'; '.join(details)})\n")


def write_xlsx(items: Iterable[ChecklistItem], path: str | Path) -> None:
    """One sheet, a header row and one row per item; dates as Excel dates (write-only: rows
    go to the file as they come)."""
    from store.formats.xlsx import write_table_xlsx

    deadline = CHECKLIST_COLUMNS.index("deadline")

    def rows() -> Iterable[list[Any]]:
        for item in items:
            row: list[Any] = _flat(item)
            row[deadline] = item.deadline
            yield row

    write_table_xlsx(list(CHECKLIST_COLUMNS), rows(), path, sheet="Checklist")


def matrix_grid(rows: Iterable[Assignment]) -> tuple[list[str], list[list[str]]]:
    """Tasks × agencies from the matrix's (task, cell) pairs: the header (document, task_key,
    task, agencies in order of first appearance) and one row per task with ``L`` (lead) or ``C``
    (cooperate) cells."""
    agencies: dict[str, None] = {}
    tasks: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
    for (document, key, title, _), (agency, role, _, _) in rows:
        agencies.setdefault(agency)
        _, cells = tasks.setdefault((document, key), (title, {}))
        if cells.get(agency) != "L":
            cells[agency] = ROLE_CELL.get(role, "?")
    header = ["document", "task_key", "task", *agencies]
    body = [
        [document, key, title, *(cells.get(a, "") for a in agencies)]
        for (document, key), (title, cells) in tasks.items()
    ]
    return header, body


def write_grid_csv(header: list[str], body: list[list[str]], out: IO[str]) -> None:
    """The matrix as CSV: UTF-8 with a BOM; agency names in the header are neutralised too."""
    writer = csv_writer(out)
    write_csv_row(writer, header)
    for row in body:
        write_csv_row(writer, row)


def write_grid_markdown(header: list[str], body: Iterable[list[str]], out: IO[str]) -> None:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |\n"

    out.write(line(header))
    out.write("|" + "---|" * len(header) + "\n")
    for row in body:
        out.write(line(row))


def write_grid_xlsx(header: list[str], body: Iterable[list[str]], path: str | Path) -> None:
    """The grid as one write-only sheet, the task columns frozen (see ``store.formats.xlsx``)."""
    from store.formats.xlsx import write_table_xlsx

    write_table_xlsx(header, body, path, sheet="Matrix", freeze="D2")


