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
    w = words["words"]
    out.write(f"# {w['checklist']}\n")
    agency = due = None
    for item in items:
        if item.agency != agency:
            agency, due = item.agency, None
            out.write(f"\n## {agency}\n")
        when = item.due.isoformat() if item.due else w["no_deadline"]
        if when != due:
            due = when
            out.write(f"\n### {w['due'].capitalize()} {when}\n\n")
        box = "x" if item.status == "done" else " "
        details = [f"{words['roles'].get(item.role, item.role)}"]
        if item.timeframe:
            details.append(item.timeframe)
        if item.co_agencies:
            details.append(f"{w['with']}: " + ", ".join(item.co_agencies))
        if item.outputs:
            details.append(f"{w['outputs']}: {_one_line(item.outputs)}")
        if item.status not in ("not_started", "done"):
            details.append(status_label(item.status, words))
        if item.overdue:
            details.append(f"**{w['overdue']}**")
        details.append(f"{w['source']}: {item.where(w)}")
        out.write(f"- [{box}] {_one_line(item.task)} — {'; '.join(details)} `{item.id}`\n")


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
    co = item.co_agencies
    names = "[\n   " + ",\n   ".join([s(name) for name in co]) + "\n  ]" if co else "[]"
    source = indented_json({k: v for k, v in item.source.items() if k != "text"}, 2)
    return (
        f'{{\n  "id": {s(item.id)},\n  "agency": {s(item.agency)},\n  "role": {s(item.role)},'
        f'\n  "document": {s(item.document)},\n  "key": {s(item.key)},\n  "group": {s(item.group)},'
        f'\n  "task": {s(item.task)},\n  "co_agencies": {names},\n  "outputs": {s(item.outputs)},'
        f'\n  "timeframe": {s(item.timeframe)},\n  "recurrence": {s(item.recurrence)},'
        f'\n  "due": {s(item.due.isoformat() if item.due else None)},\n  "status": {s(item.status)},'
        f'\n  "overdue": {s(item.overdue)},\n  "note": {s(item.note)},\n  "source": {source}\n }}'
    )
