"""``planwatch tasks --format json`` written straight from the task rows.

The listing is ``json.dumps([row.to_dict() …], ensure_ascii=False, indent=1)``, byte for byte;
json's indenting encoder is pure Python, and building each row's dict first costs as much again.
Here each row is one template over its fields, each field encoded by the C function json itself
uses for text (:data:`store.export._TEXT`); what the template does not cover (a task naming
people, a provenance holding lists, a field of an unexpected type) is left to json
(:class:`store.export.Unusual`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import IO, TYPE_CHECKING, Any

from store.export import _TEXT, Unusual, indented_json, scalar_json, write_json_texts

if TYPE_CHECKING:
    from store.queries import TaskRow

__all__ = ["task_row_json", "write_task_rows", "write_tasks_json"]

_NESTED = (dict, list, tuple)


def write_task_rows(rows: Iterable[TaskRow], fmt: str, out: IO[str], columns: Sequence[str]) -> None:
    """``store.render.write_rows`` of the rows' dicts; json straight from the rows."""
    if fmt == "json":
        write_tasks_json(rows, out)
    else:
        from store.render import write_rows

        write_rows((row.to_dict() for row in rows), fmt, out, columns)


def write_tasks_json(rows: Iterable[TaskRow], out: IO[str]) -> None:
    """``write_json_list(row.to_dict() for row in rows)``, row by row, without the dicts."""
    write_json_texts(rows, out, task_row_json, lambda row: row.to_dict())


def task_row_json(row: TaskRow) -> str:
    """``row.to_dict()`` as ``json.dumps(..., ensure_ascii=False, indent=1)`` writes it one level
    into a list; :class:`Unusual` for a row the template does not cover."""
    if row.persons:  # the rare tasks naming people: json writes them
        raise Unusual
    try:
        return (
            f'{{\n  "id": {_text(row.uid)},\n  "document": {_TEXT(row.document)},\n  "key": {_TEXT(row.key)},'
            f'\n  "group": {_text(row.group)},\n  "title": {_TEXT(row.title)},\n  "outputs": {_text(row.outputs)},'
            f'\n  "timeframe": {_text(row.timeframe)},\n  "start": {_day(row.start)},'
            f'\n  "deadline": {_day(row.deadline)},\n  "recurrence": {_text(row.recurrence)},'
            f'\n  "status": {_TEXT(row.status)},\n  "lead": {_names(row.lead)},'
            f'\n  "cooperate": {_names(row.cooperate)},\n  "due": {_day(row.due)},'
            f'\n  "overdue": {_flag(row.overdue)},\n  "note": {_text(row.note)},'
            f'\n  "source": {_source(row.source)}\n }}'
        )
    except TypeError:  # a field that is no text: json decides
        raise Unusual from None


def _text(value: str | None) -> str:
    return "null" if value is None else _TEXT(value)  # type: ignore[no-any-return]


def _day(value: date | None) -> str:
    if value is None:
        return "null"
    if not isinstance(value, date):
        raise Unusual
    return f'"{value.isoformat()}"'


def _flag(value: bool) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise Unusual


def _names(names: tuple[str, ...]) -> str:
    """A tuple of agency labels as the list json writes two levels in."""
    if type(names) is not tuple:
        raise Unusual
    return "[\n   " + ",\n   ".join(map(_TEXT, names)) + "\n  ]" if names else "[]"


def _source(source: dict[str, Any] | None) -> str:
    """A provenance as json writes it two levels in: page, table, row and quote, each a scalar."""
    if source is None:
        return "null"
    if type(source) is not dict:
        raise Unusual
    parts = []
    for key, value in source.items():
        if type(key) is not str:
            raise Unusual  # json converts such a key
        if isinstance(value, _NESTED):
            return indented_json(source, 2)
        parts.append(f"\n   {_TEXT(key)}: {_TEXT(value) if type(value) is str else scalar_json(value)}")
    return "{" + ",".join(parts) + "\n  }" if parts else "{}"
