"""Selecting tasks in SQL: every filter a WHERE clause, rows streamed in bounded batches.

The cost of a listing follows what it returns, not the size of the store:
- an agency filter starts from the assignments of that agency (index on ``assignment.agency_id``);
- without one, the documents in scope are read in label order, a bounded batch of them per
  query (index on ``task.document_id``), each batch sorted in memory and handed on;
- no IN list grows with the store: document batches hold at most :data:`BATCH_DOCUMENTS` ids,
  and a task's agencies are read by a join on the same conditions, not by a list of task ids.

Due dates of recurring tasks depend on the day asked (``store.deadlines.due_date``); SQL
selects a superset by the deadline bound of each task and Python keeps the exact rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement

    from store.queries import TaskRow

BATCH_DOCUMENTS = 100  # documents per query when a listing walks the whole store
BATCH_IDS = 500  # at most this many bound ids in one IN list
STREAM_ROWS = 2000  # rows fetched from the server at a time


@dataclass(frozen=True)
class TaskFilter:
    """What a listing keeps; ``today`` is the day due dates are computed against."""

    today: date
    sources: bool = True  # read each task's provenance (a matrix shows none)
    agency_ids: tuple[int, ...] | None = None
    role: str | None = None
    status: str | None = None
    overdue: bool = False
    due_within: int | None = None
    due_before: date | None = None
    unplaced_persons: bool = False  # only tasks naming a person the document gives no agency for

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE clauses: exact for agency, role and status, a superset for due dates."""
        from sqlalchemy import and_, or_, select

        from store.tables import CLOSED_STATUSES, Assignment, Task, TaskPerson

        out: list[Any] = []
        if self.unplaced_persons:
            out.append(Task.id.in_(select(TaskPerson.task_id).where(TaskPerson.agency_id.is_(None))))  # type: ignore[union-attr]
        if self.agency_ids is not None or self.role is not None:
            linked = select(Assignment.task_id)
            if self.agency_ids is not None:
                linked = linked.where(Assignment.agency_id.in_(self.agency_ids))  # type: ignore[attr-defined]
            if self.role is not None:
                linked = linked.where(Assignment.role == self.role)
            out.append(Task.id.in_(linked))  # type: ignore[union-attr]
        if self.status is not None:
            out.append(Task.status == self.status)
        if self.overdue or self.due_within is not None:
            out.append(Task.status.not_in(CLOSED_STATUSES))  # type: ignore[attr-defined]
        recurring, bound = _recurring(), _bound()
        if self.overdue:  # exact: a recurring task's next occurrence is never before today
            out.append(bound < self.today)
        if self.due_within is not None:
            last = self.today + timedelta(days=self.due_within)
            out.append(or_(
                and_(~recurring, Task.timeframe_end.between(self.today, last)),  # type: ignore[union-attr]
                and_(recurring, or_(bound.is_(None), bound >= self.today)),
            ))
        if self.due_before is not None:
            out.append(or_(recurring, Task.timeframe_end <= self.due_before))  # type: ignore[operator]
        return out

    def filters_due(self) -> bool:
        """Whether :meth:`keeps` can drop a row (a due-date filter is set)."""
        return self.due_before is not None or self.overdue or self.due_within is not None

    def keeps(self, status: str, due: date | None) -> bool:
        """The exact test on a row SQL selected, with its due date."""
        from store.deadlines import due_within, is_overdue

        if self.due_before is not None and (due is None or due > self.due_before):
            return False
        if self.overdue and not is_overdue(status, due, self.today):
            return False
        return self.due_within is None or due_within(status, due, self.today, self.due_within)


def _recurring() -> ColumnElement[bool]:
    from sqlalchemy import func

    from store.tables import Task

    return func.coalesce(Task.timeframe_recurrence, "") != ""


def _bound() -> ColumnElement[Any]:
    """The last day a task can be due: its end; for a recurring task without one, the horizon."""
    from sqlalchemy import case, func

    from store.tables import Document, Task

    return case(
        (_recurring(), func.coalesce(Task.timeframe_end, Document.horizon)), else_=Task.timeframe_end
    )


def _raw(column: Any) -> Any:
    """A date column as the driver returns it (SQLite: ISO text, parsed by :func:`_day`, which
    is much faster than the generic per-row processor; PostgreSQL: a date already)."""
    from sqlalchemy import String, type_coerce

    return type_coerce(column, String).label(column.key)


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return _iso_day(value)


@lru_cache(maxsize=4096)  # a plan's dates repeat from row to row
def _iso_day(value: str) -> date:
    return date.fromisoformat(value[:10])


def label_of(number: str | None, title: str | None, source: str) -> str:
    """``store.lookup.document_label`` from the three columns it reads."""
    return number or title or PurePath(source).name


def scope_conditions(document_ids: Sequence[int] | None) -> list[list[ColumnElement[bool]]]:
    """One WHERE clause per query: the current versions, or ``document_ids`` in bounded batches."""
    from store.tables import Document

    if document_ids is None:
        return [[Document.status == "current"]]
    ids = list(dict.fromkeys(document_ids))
    return [[Document.id.in_(ids[i : i + BATCH_IDS])] for i in range(0, len(ids), BATCH_IDS)]  # type: ignore[union-attr]


def documents_in_order(session: Session, document_ids: Sequence[int] | None) -> list[tuple[str, int]]:
    """(label, id) of the documents in scope, ordered as listings show them."""
    from sqlalchemy import select

    from store.tables import Document

    out = []
    for where in scope_conditions(document_ids):
        query = select(Document.id, Document.number, Document.title, Document.source).where(*where)
        out += [(label_of(n, t, s), i) for i, n, t, s in session.execute(query)]
    return sorted(out)


def _label_batches(documents: list[tuple[str, int]]) -> Iterator[list[int]]:
    """Ids in batches of about :data:`BATCH_DOCUMENTS`; documents sharing a label stay together."""
    batch: list[int] = []
    for n, (label, doc_id) in enumerate(documents):
        batch.append(doc_id)
        if len(batch) >= BATCH_DOCUMENTS and (n + 1 == len(documents) or documents[n + 1][0] != label):
            yield batch
            batch = []
    if batch:
        yield batch


@lru_cache(maxsize=8192)  # keys repeat across documents ("1.1", "II.3")
def natural_key(key: str) -> tuple[Any, ...]:
    """Sort task keys as people number them: I.2 before I.10, II after I."""
    roman = {"I": 1, "V": 5, "X": 10, "L": 50}
    parts: list[Any] = []
    for part in key.replace("-", ".").split("."):
        if part.isdigit():
            parts.append((0, int(part), ""))
        elif part and all(c in roman for c in part):
            values = [roman[c] for c in part]
            total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
            parts.append((0, total, ""))
        else:
            parts.append((1, 0, part))
    return tuple(parts)


def row_order(row: TaskRow) -> tuple[Any, ...]:
    return row.document, natural_key(row.key), row.id


def select_task_rows(
    session: Session, flt: TaskFilter, document_ids: Sequence[int] | None, labels: dict[int, str]
) -> Iterator[TaskRow]:
    """Task rows matching ``flt`` in the documents in scope (current versions when None), in
    listing order (document label, task number), read batch by batch.

    ``labels`` names agencies (``store.queries.agency_labels``)."""
    if flt.agency_ids is not None:  # the agency's own rows: one pass over its assignments
        found: list[TaskRow] = []
        for where in scope_conditions(document_ids):
            found += task_rows(session, [*where, *flt.conditions()], flt, labels)
        yield from sorted(found, key=row_order)
        return
    from store.tables import Task

    conditions = flt.conditions()
    for batch in _label_batches(documents_in_order(session, document_ids)):
        rows = task_rows(session, [Task.document_id.in_(batch), *conditions], flt, labels)  # type: ignore[attr-defined]
        yield from sorted(rows, key=row_order)


def task_rows(
    session: Session, where: Iterable[ColumnElement[bool]], flt: TaskFilter, labels: dict[int, str]
) -> list[TaskRow]:
    """The rows of the tasks selected by ``where`` (over task joined to document) that
    ``flt`` keeps, with their agencies; in no particular order."""
    from sqlalchemy import null, select

    from store.deadlines import due_date, is_overdue
    from store.queries import TaskRow
    from store.tables import Assignment, Document, Task

    where = list(where)
    columns = (Task.id, Task.document_id, Task.key, Task.group_title, Task.title, Task.outputs,
               Task.timeframe_text, _raw(Task.timeframe_start), _raw(Task.timeframe_end), Task.timeframe_recurrence,
               Task.status, Task.status_note, Task.uid, _raw(Task.provenance) if flt.sources else null(),
               Document.number, Document.title, Document.source, _raw(Document.issued), _raw(Document.horizon))
    query = select(*columns).join(Document, Document.id == Task.document_id).where(*where)  # type: ignore[arg-type]
    connection = session.connection()  # Core rows: no ORM bookkeeping per row
    today, keeps, filtered = flt.today, flt.keeps, flt.filters_due()
    kept = []
    for part in connection.execute(query.execution_options(yield_per=STREAM_ROWS)).partitions():
        for raw in part:
            start, end, issued = _day(raw[7]), _day(raw[8]), _day(raw[17])
            # a recurring task runs from the plan's issue at the earliest
            due = due_date(start or issued, end, raw[9], _day(raw[18]), today)
            if not filtered or keeps(raw[10], due):
                kept.append((raw, start, end, due))
    if not kept:
        return []
    leads: dict[int, list[str]] = defaultdict(list)
    helpers: dict[int, list[str]] = defaultdict(list)
    linked = (
        select(Assignment.task_id, Assignment.agency_id, Assignment.role)
        .join(Task, Task.id == Assignment.task_id)  # type: ignore[arg-type]
        .join(Document, Document.id == Task.document_id)  # type: ignore[arg-type]
        .where(*where)
    )
    for part in connection.execute(linked.execution_options(yield_per=STREAM_ROWS * 3)).partitions():
        for task_id, agency_id, role in part:
            if role == "lead":
                leads[task_id].append(labels[agency_id])
            elif role == "cooperate":
                helpers[task_id].append(labels[agency_id])
    people = _persons(connection, where, labels)
    out = []
    labelled: dict[tuple[Any, Any, Any], str] = {}
    no_names: list[str] = []
    for raw, start, end, due in kept:
        task_id, status = raw[0], raw[10]
        names = raw[14], raw[15], raw[16]
        document = labelled.get(names)
        if document is None:
            document = labelled[names] = label_of(*names)
        out.append(TaskRow(
            task_id, document, raw[2], raw[3], raw[4], raw[5], raw[6], start, end, raw[9], status,
            tuple(sorted(leads.get(task_id, no_names))), tuple(sorted(helpers.get(task_id, no_names))),
            raw[12], due, is_overdue(status, due, today), raw[11], _json(raw[13]), people.get(task_id, ()),
        ))
    return out


def _persons(connection: Any, where: list[ColumnElement[bool]], labels: dict[int, str]) -> dict[int, tuple[dict[str, Any], ...]]:
    """The people of the tasks selected by ``where``: person as written, role, and the label of
    the agency the document gives for them (None when it gives none), in the order read."""
    from sqlalchemy import select

    from store.tables import Document, Task, TaskPerson

    query = (
        select(TaskPerson.task_id, TaskPerson.mention, TaskPerson.role, TaskPerson.agency_id)
        .join(Task, Task.id == TaskPerson.task_id)  # type: ignore[arg-type]
        .join(Document, Document.id == Task.document_id)  # type: ignore[arg-type]
        .where(*where)
        .order_by(TaskPerson.id)
    )
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for task_id, mention, role, agency_id in connection.execute(query):
        found[task_id].append({"person": mention, "role": role, "agency": labels.get(agency_id) if agency_id else None})
    return {task_id: tuple(people) for task_id, people in found.items()}


def _json(value: Any) -> Any:
    """A JSON column read raw: SQLite gives its text, PostgreSQL's driver the value itself."""
    return json.loads(value) if isinstance(value, str) else value
