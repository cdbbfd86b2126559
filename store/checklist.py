"""The tracking checklist: one item per task × agency, with role, due date, status and source.

Items are grouped by agency (Vietnamese name order), then by due date (no date last), then
document and task order. Writers for each file format live in ``store/formats/``; the words
they print come from ``extract/lang/<code>/labels.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session

    from store.queries import TaskRow

JSON_FIELDS = (
    "id", "agency", "role", "document", "key", "group", "task", "co_agencies", "outputs", "timeframe",
    "recurrence", "due", "status", "overdue", "note", "source",
)


@dataclass(frozen=True, slots=True)
class Item:
    """One thing one agency must do."""

    id: str | None
    agency: str
    role: str
    document: str
    key: str
    group: str | None
    task: str
    co_agencies: tuple[str, ...]
    lead: tuple[str, ...]
    cooperate: tuple[str, ...]
    outputs: str | None
    timeframe: str | None
    recurrence: str | None
    due: date | None
    status: str
    overdue: bool
    note: str | None
    source: dict[str, Any] = field(default_factory=dict)
    end: date | None = None  # the end of the task's timeframe (a recurring task's last occurrence)

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in JSON_FIELDS}
        data["due"] = self.due.isoformat() if self.due else None
        data["co_agencies"] = list(self.co_agencies)
        data["source"] = {k: v for k, v in self.source.items() if k != "text"}
        return data

    def where(self, words: dict[str, str]) -> str:
        """"34/KH-STTTT, page 5, row 3" in the labels' words."""
        parts = [self.document]
        for key in ("page", "row"):
            if self.source.get(key) is not None:
                parts.append(f"{words.get(key, key)} {self.source[key]}")
        return ", ".join(parts)


def labels(lang: str) -> dict[str, dict[str, str]]:
    """The export words of ``lang`` (``vi`` or ``en``)."""
    from extract.langdata import read_data_file

    return read_data_file(lang, "labels.toml")  # type: ignore[return-value]


def items_from_tasks(task_rows: list[TaskRow], *, agencies: set[str] | None = None) -> list[Item]:
    """One item per task × assigned agency (only ``agencies`` when given), sorted for reading."""
    from store.names import sort_key

    items = []
    for task in task_rows:
        everyone = tuple(dict.fromkeys((*task.lead, *task.cooperate)))
        for role, names in (("lead", task.lead), ("cooperate", task.cooperate)):
            for name in names:
                if agencies is not None and name not in agencies:
                    continue
                items.append(Item(
                    id=task.uid, agency=name, role=role, document=task.document, key=task.key, group=task.group,
                    task=task.title, co_agencies=tuple(a for a in everyone if a != name), lead=task.lead,
                    cooperate=task.cooperate, outputs=task.outputs, timeframe=task.timeframe,
                    recurrence=task.recurrence, due=task.due, status=task.status, overdue=task.overdue,
                    note=task.note, source=dict(task.source or {}), end=task.deadline,
                ))
    order = {name: sort_key(name) for name in {i.agency for i in items}}
    return sorted(items, key=lambda i: (order[i.agency], i.due is None, i.due or date.max))  # stable: task order kept


def checklist_items(
    session: Session,
    *,
    agency: str | None = None,
    document: str | None = None,
    status: str | None = None,
    overdue: bool = False,
    due_within: int | None = None,
    today: date | None = None,
) -> list[Item]:
    """The checklist of the current documents (or ``document``), for one agency or all,
    filtered as ``store.queries.tasks`` filters."""
    from store.lookup import find_agencies
    from store.queries import tasks
    from store.tables import Agency

    names = None
    if agency:
        names = {session.get(Agency, i).name for i in find_agencies(session, agency)}  # type: ignore[union-attr]
    rows = tasks(session, agency=agency, document=document, status=status, overdue=overdue,
                 due_within=due_within, today=today)
    return items_from_tasks(rows, agencies=names)
