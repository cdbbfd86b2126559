"""The tracking checklist: one item per task × agency, with role, due date, status and source.

Items are grouped by agency (Vietnamese name order), then by due date (no date last), then
document and task order. Writers for each file format live in ``store/formats/``; the words
they print come from ``extract/lang/<code>/labels.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.queries import TaskRow
    from store.sql import Sql

JSON_FIELDS = (
    "id", "agency", "role", "document", "key", "group", "task", "co_agencies", "outputs", "timeframe",
    "recurrence", "due", "status", "overdue", "note", "source",
)


@dataclass(slots=True)  # not frozen: that costs an object.__setattr__ per field, 60 ms per 20,000 items
class Item:
    """One thing one agency must do (treated as read-only)."""

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
    persons: tuple[str, ...] = ()  # the people the task names for this agency and role
    person: bool = False  # ``agency`` is a person the document gives no agency for

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in JSON_FIELDS}
        data["agency"] = None if self.person else self.agency
        data["due"] = self.due.isoformat() if self.due else None
        data["co_agencies"] = list(self.co_agencies)
        data["source"] = {k: v for k, v in self.source.items() if k != "text"}
        if self.persons:  # only where the task names people: other items stay as they were
            data["persons"] = list(self.persons)
        return data

    def where(self, words: dict[str, str]) -> str:
        """"34/KH-STTTT, page 5, row 3" in the labels' words."""
        page, row = self.source.get("page"), self.source.get("row")
        if page is None and row is None:
            return self.document
        parts = [self.document]
        if page is not None:
            parts.append(f"{words.get('page', 'page')} {page}")
        if row is not None:
            parts.append(f"{words.get('row', 'row')} {row}")
        return ", ".join(parts)


def labels(lang: str) -> dict[str, dict[str, str]]:
    """The export words of ``lang`` (``vi`` or ``en``)."""
    from extract.langdata import read_data_file

    return read_data_file(lang, "labels.toml")  # type: ignore[return-value]


def items_from_tasks(task_rows: Iterable[TaskRow], *, agencies: set[str] | None = None,
                     persons: bool | None = None) -> list[Item]:
    """One item per task × assigned agency (only ``agencies`` when given), each with the people
    the task names for that agency, and (with ``persons``, by default when no ``agencies`` are
    given) one per person the document gives no agency for; sorted for reading: agencies by
    name (Vietnamese order), then those persons by name, then due date (none last), then task order."""
    from store.names import sort_key

    persons = agencies is None if persons is None else persons
    items = []
    empty: dict[str, Any] = {}
    for task in task_rows:
        everyone = tuple(dict.fromkeys((*task.lead, *task.cooperate)))
        source = task.source or empty  # shared by the task's items: an item never changes it
        for role, names in (("lead", task.lead), ("cooperate", task.cooperate)):
            for name in names:
                if agencies is not None and name not in agencies:
                    continue
                at = everyone.index(name)  # names in ``everyone`` are distinct
                others = everyone[:at] + everyone[at + 1 :]
                people = tuple(p["person"] for p in task.persons
                               if p["agency"] == name and p["role"] == role) if task.persons else ()
                items.append(Item(
                    task.uid, name, role, task.document, task.key, task.group, task.title, others, task.lead,
                    task.cooperate, task.outputs, task.timeframe, task.recurrence, task.due, task.status,
                    task.overdue, task.note, source, task.deadline, people,
                ))
        for p in task.persons if persons else ():
            if p["agency"] is None:
                items.append(Item(
                    task.uid, p["person"], p["role"], task.document, task.key, task.group, task.title, everyone,
                    task.lead, task.cooperate, task.outputs, task.timeframe, task.recurrence, task.due, task.status,
                    task.overdue, task.note, source, task.deadline, (p["person"],), person=True,
                ))
    order: dict[tuple[bool, str], tuple[bool, Any]] = {}
    for i in items:  # a name's sort key once, not once per item
        if (i.person, i.agency) not in order:
            order[(i.person, i.agency)] = (i.person, sort_key(i.agency))
    return sorted(items, key=lambda i: (order[(i.person, i.agency)], i.due is None, i.due or date.max))  # stable: task order kept


def iter_checklist_items(
    db: Session | Sql,
    *,
    agency: str | None = None,
    document: str | None = None,
    status: str | None = None,
    overdue: bool = False,
    due_within: int | None = None,
    today: date | None = None,
) -> Iterator[Item]:
    """The checklist of the current documents (or ``document``), for one agency or all,
    filtered as ``store.queries.iter_tasks`` filters, in reading order.

    For all agencies, the agencies are read in name order a group at a time (at most
    :data:`GROUP_ITEMS` assignments per group, counted in SQL first), so memory follows the
    largest group, not the store."""
    from store.lookup import find_agencies, find_documents
    from store.queries import agency_labels, iter_tasks
    from store.sql import as_sql
    from store.status import normalise_status
    from store.task_select import TaskFilter, select_task_rows

    sql = as_sql(db)
    labels = agency_labels(sql)  # names are looked up now: an unknown one fails before any output
    filters = {"status": status, "overdue": overdue, "due_within": due_within, "today": today}
    if agency:
        names = {labels[i] for i in find_agencies(sql, agency)}
        rows = iter_tasks(sql, agency=agency, document=document, **filters)
        return iter(items_from_tasks(rows, agencies=names))
    document_ids = find_documents(sql, document) if document is not None else None
    flt = TaskFilter(today=today or date.today(), status=normalise_status(status) if status else None,
                     overdue=overdue, due_within=due_within, quotes=False)  # no checklist shows a quote

    def by_group() -> Iterator[Item]:
        groups = list(_agency_groups(sql, flt, document_ids, labels))
        if len(groups) == 1:  # every agency in scope: no agency condition to test per task
            yield from items_from_tasks(select_task_rows(sql, flt, document_ids, labels))
            return
        for group in groups:
            rows = select_task_rows(sql, replace(flt, agency_ids=tuple(group)), document_ids, labels)
            yield from items_from_tasks(rows, agencies={labels[i] for i in group})
        rows = select_task_rows(sql, replace(flt, unplaced_persons=True), document_ids, labels)
        yield from items_from_tasks(rows, agencies=set(), persons=True)  # persons without an agency, last

    return by_group()


GROUP_ITEMS = 20_000  # assignments read per query by an all-agency checklist


def _agency_groups(
    sql: Sql, flt: Any, document_ids: list[int] | None, labels: dict[int, str]
) -> Iterator[list[int]]:
    """Ids of the agencies with tasks in scope, in name order, grouped by :data:`GROUP_ITEMS`
    assignments and at most ``BATCH_IDS`` agencies."""
    from store.names import sort_key
    from store.task_select import ASSIGNMENTS, BATCH_IDS, scope_sql

    counts: dict[int, int] = {}
    for where, params in scope_sql(document_ids):
        condition = " AND ".join([where, *flt.where(params)])
        query = f"SELECT assignment.agency_id, count(*) {ASSIGNMENTS} WHERE {condition} GROUP BY assignment.agency_id"
        for agency_id, n in sql.rows(query, params):
            counts[agency_id] = counts.get(agency_id, 0) + n
    group: list[int] = []
    size = 0
    previous = None
    for agency_id in sorted(counts, key=lambda i: (sort_key(labels[i]), labels[i])):
        # agencies shown under one name stay in one group, so their items sort together
        full = size + counts[agency_id] > GROUP_ITEMS or len(group) >= BATCH_IDS  # ids are bound in one IN list
        if group and full and labels[agency_id] != previous:
            yield group
            group, size = [], 0
        group.append(agency_id)
        size += counts[agency_id]
        previous = labels[agency_id]
    if group:
        yield group


def checklist_items(db: Session | Sql, **filters: Any) -> list[Item]:
    """:func:`iter_checklist_items` as a list."""
    return list(iter_checklist_items(db, **filters))
