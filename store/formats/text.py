"""Checklist as Markdown, CSV and JSON (CSV through the neutralising writer of ``store.export``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from store.export import csv_writer, indented_json, scalar_json, write_csv_row, write_json_texts

if TYPE_CHECKING:
    from store.checklist import Item

CSV_COLUMNS = ("id", "agency", "role", "task", "lead", "cooperate", "timeframe", "outputs", "status", "due",
               "document", "source")


def status_label(status: str, words: dict[str, dict[str, str]]) -> str:
    return words["statuses"].get(status, status)


def write_markdown(items: Iterable[Item], out: IO[str], words: dict[str, dict[str, str]]) -> None:
    """``- [ ]`` / ``- [x]`` items under ``##`` agency and ``###`` due-date headings."""
    w, roles, statuses = words["words"], words["roles"], words["statuses"]
    due_heading, no_deadline, overdue = w["due"].capitalize(), w["no_deadline"], f"**{w['overdue']}**"
    with_, outputs, source = f"{w['with']}: ", f"{w['outputs']}: ", f"{w['source']}: "
    out.write(f"# {w['checklist']}\n")
    agency = due = None
    lines: list[str] = []  # written a block at a time
    for item in items:
        if item.agency != agency:
            agency, due = item.agency, None
            lines.append(f"\n## {agency}\n")
        when = item.due.isoformat() if item.due else no_deadline
        if when != due:
            due = when
            lines.append(f"\n### {due_heading} {when}\n\n")
        status = item.status
        details = [f"{roles.get(item.role, item.role)}"]
        if item.timeframe:
            details.append(item.timeframe)
        if item.co_agencies:
            details.append(with_ + ", ".join(item.co_agencies))
        if item.outputs:
            details.append(outputs + _one_line(item.outputs))
        if status != "not_started" and status != "done":
            details.append(statuses.get(status, status))
        if item.overdue:
            details.append(overdue)
        details.append(source + item.where(w))
        box = "x" if status == "done" else " "
        lines.append(f"- [{box}] {_one_line(item.task)} — {'; '.join(details)} `{item.id}`\n")
        if len(lines) >= 1000:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def csv_cells(item: Item, words: dict[str, dict[str, str]]) -> list[str]:
    return [
        item.id or "", item.agency, words["roles"].get(item.role, item.role), item.task, "; ".join(item.lead),
        "; ".join(item.cooperate), item.timeframe or "", item.outputs or "", status_label(item.status, words),
        item.due.isoformat() if item.due else "", item.document, item.where(words["words"]),
    ]


def write_csv(items: Iterable[Item], out: IO[str], words: dict[str, dict[str, str]]) -> None:
    """UTF-8 with a BOM, headers in the labels' language, every cell neutralised."""
    writer = csv_writer(out)
    write_csv_row(writer, [words["columns"].get(c, c) for c in CSV_COLUMNS])
    for item in items:
        write_csv_row(writer, csv_cells(item, words))


def write_json(items: Iterable[Item], out: IO[str]) -> None:
    """A JSON list, one object per item (stable field names, English codes), item by item."""
    write_json_texts(items, out, item_json, lambda item: item.to_dict())


def item_json(item: Item) -> str:
    """``item.to_dict()`` as ``json.dumps(..., ensure_ascii=False, indent=1)`` writes it one level
    into a list, without building the dict (most of a large checklist's JSON time)."""
    s = scalar_json
    co, people = item.co_agencies, item.persons
    names = "[\n   " + ",\n   ".join([s(name) for name in co]) + "\n  ]" if co else "[]"
    persons = ',\n  "persons": [\n   ' + ",\n   ".join([s(name) for name in people]) + "\n  ]" if people else ""
    source = indented_json({k: v for k, v in item.source.items() if k != "text"}, 2)
    return (
        f'{{\n  "id": {s(item.id)},\n  "agency": {s(None if item.person else item.agency)},\n  "role": {s(item.role)},'
        f'\n  "document": {s(item.document)},\n  "key": {s(item.key)},\n  "group": {s(item.group)},'
        f'\n  "task": {s(item.task)},\n  "co_agencies": {names},\n  "outputs": {s(item.outputs)},'
        f'\n  "timeframe": {s(item.timeframe)},\n  "recurrence": {s(item.recurrence)},'
        f'\n  "due": {s(item.due.isoformat() if item.due else None)},\n  "status": {s(item.status)},'
        f'\n  "overdue": {s(item.overdue)},\n  "note": {s(item.note)},\n  "source": {source}{persons}\n }}'
    )
