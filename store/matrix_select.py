"""The responsibility matrix read in SQL: one row per assignment, from the columns it shows.

A matrix row needs a task's document, key, title and stable id, and its agencies with their
roles; nothing else of the task (dates, provenance, status) is read or computed, unless a
due-date filter asks for each task's due date, which only ``store.task_select`` computes.
Tasks are read as Core rows (no ORM instance), one per task with its agencies grouped by
the database, a bounded batch of documents at a time; Python sorts tasks, not assignments.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement

    from store.task_select import TaskFilter

ROLES = ("lead", "cooperate")
FETCH_ROWS = 5000  # rows taken from the driver's cursor at a time


@dataclass(slots=True)  # not frozen: that costs an object.__setattr__ per field, ~1 µs a row
class MatrixRow:
    """One assignment: the contract row of ``planwatch matrix --format json`` (read-only)."""

    document: str
    task_key: str
    task: str
    agency: str  # the agency's label; for a person row, the person as written
    role: str
    id: str | None = None  # the task's stable id
    persons: tuple[str, ...] = ()  # the people the task names for this agency and role
    person: bool = False  # a person the document gives no agency for: their own column, never an agency

    def to_dict(self) -> dict[str, Any]:
        data = {"document": self.document, "task_key": self.task_key, "task": self.task,
                "agency": None if self.person else self.agency, "role": self.role, "id": self.id}
        return {**data, "persons": list(self.persons)} if self.persons else data  # other rows stay as they were


def select_matrix_rows(
    session: Session, flt: TaskFilter, document_ids: Sequence[int] | None, labels: dict[int, str],
    agency_ids: Collection[int] | None = None,
) -> Iterator[MatrixRow]:
    """Matrix rows of the tasks ``flt`` keeps in the documents in scope (current versions when
    None), ordered by document label, task number, role (lead first), agency label, each with
    the people the task names for that agency, then a row per person given no agency; only the
    assignments of ``agency_ids`` when given (``flt.agency_ids`` then selects their tasks), and
    then no person rows.

    ``labels`` names agencies (``store.queries.agency_labels``)."""
    if flt.filters_due():  # exact due dates are computed per task by the task reader
        yield from _rows_of_tasks(session, flt, document_ids, labels, agency_ids)
        return
    from store.task_select import documents_in_order, in_documents, label_batches, scope_conditions

    named = {str(agency_id): label for agency_id, label in labels.items()}  # ids as the database lists them
    order = {agency_id: n for n, agency_id in enumerate(sorted(named, key=named.__getitem__))}
    documents = documents_in_order(session, document_ids)
    rank: dict[str, int] = {}  # documents sharing a label rank together, as listings sort them
    places = {doc_id: rank.setdefault(label, len(rank)) for label, doc_id in documents}
    scope = Scope({doc_id: label for label, doc_id in documents}, places, named, order, labels, agency_ids is None)
    conditions = flt.conditions()
    if flt.agency_ids is not None:  # the agency's own tasks: one pass, whatever the store's size
        found: list[tuple[Any, ...]] = []
        for where in scope_conditions(document_ids):
            found += _task_tuples(session, [*where, *conditions], scope, agency_ids)
        yield from _matrix_rows(found, scope)
        return
    for batch in label_batches(documents):
        where = [in_documents(batch), *conditions]
        yield from _matrix_rows(_task_tuples(session, where, scope, agency_ids), scope)


@dataclass(frozen=True)
class Scope:
    """How rows are named and ordered: documents by id, agencies by id as text."""

    documents: dict[int, str]  # label
    places: dict[int, int]  # rank of the label
    agencies: dict[str, str]  # label
    order: dict[str, int]  # rank of the label
    labels: dict[int, str]  # agency labels by id (``store.queries.agency_labels``)
    persons: bool  # rows for the people the document gives no agency for


def _task_tuples(
    session: Session, where: list[ColumnElement[bool]], scope: Scope, agency_ids: Collection[int] | None
) -> list[tuple[Any, ...]]:
    """(document rank, natural key, task id, document id, key, title, uid, lead ids, cooperate
    ids, people) of the tasks selected by ``where`` (over task joined to document) that have an agency
    (one of ``agency_ids`` when given) or that name people (``store.task_select.persons_where``);
    agency ids as text, in label order; then the people.

    One row per task: the database groups its assignments into two lists of ids, so Python
    handles tasks, not assignments."""
    from store.tables import Task
    from store.task_select import natural_key, persons_where

    connection = session.connection()
    people = persons_where(connection, where, scope.labels)
    query = tasks_with_agencies((Task.id, Task.document_id, Task.key, Task.title, Task.uid), where, agency_ids,
                                every_task=bool(people))  # a task may name people and no agency
    rank, place = scope.order.__getitem__, scope.places.__getitem__
    out = []
    add = out.append
    nobody: tuple[dict[str, Any], ...] = ()
    for part in _fetched(connection, query):
        for task_id, doc_id, key, title, uid, lead, helper in part:
            named = people.get(task_id, nobody) if people else nobody
            if not lead and not helper and (agency_ids is not None or not named):
                continue
            lead = lead.split(",") if lead else ()
            helper = helper.split(",") if helper else ()
            add((place(doc_id), natural_key(key), task_id, doc_id, key, title, uid,
                 sorted(lead, key=rank) if len(lead) > 1 else lead,
                 sorted(helper, key=rank) if len(helper) > 1 else helper, named))
    return out


def tasks_with_agencies(
    columns: Sequence[Any], where: Sequence[ColumnElement[bool]], agency_ids: Collection[int] | None = None, *,
    every_task: bool = False,
) -> Select[Any]:
    """``columns`` of the tasks selected by ``where`` (over task joined to document), then the
    ids of their lead and of their cooperating agencies, each as one comma-separated text (or
    None): one row per task, grouped by the database. Only tasks with an agency (one of
    ``agency_ids`` when given, and only those listed), or ``every_task``."""
    from sqlalchemy import String, and_, case, cast, func, select

    from store.tables import Assignment, Document, Task

    def ids(role: str) -> Any:
        return func.aggregate_strings(case((Assignment.role == role, cast(Assignment.agency_id, String))), ",")

    on = Assignment.task_id == Task.id
    if agency_ids is not None:
        on = and_(on, Assignment.agency_id.in_(agency_ids))  # type: ignore[attr-defined]
    return (
        select(*columns, ids("lead"), ids("cooperate"))
        .join(Document, Document.id == Task.document_id)  # type: ignore[arg-type]
        .join(Assignment, on, isouter=every_task)  # type: ignore[arg-type]
        .where(*where)
        .group_by(Task.document_id, Task.id, Document.id)  # ix_task_document_id order: no scan, no sort
    )


def _matrix_rows(tasks: list[tuple[Any, ...]], scope: Scope) -> Iterator[MatrixRow]:
    """The rows of ``tasks`` (as :func:`_task_tuples` gives them) in listing order."""
    tasks.sort()  # document, task number, task id: unique, so the rest is never compared
    row, name, document = MatrixRow, scope.agencies.__getitem__, scope.documents.__getitem__
    rows = []
    add = rows.append
    for _, _, _, doc_id, key, title, uid, lead, helper, people in tasks:
        label = document(doc_id)
        if not people:
            for agency_id in lead:
                add(row(label, key, title, name(agency_id), "lead", uid))
            for agency_id in helper:
                add(row(label, key, title, name(agency_id), "cooperate", uid))
            continue
        for role, ids in (("lead", lead), ("cooperate", helper)):
            for agency_id in ids:
                agency = name(agency_id)
                named = tuple(p["person"] for p in people if p["agency"] == agency and p["role"] == role)
                add(row(label, key, title, agency, role, uid, named))
        for p in people if scope.persons else ():
            if p["agency"] is None:
                add(row(label, key, title, p["person"], p["role"], uid, (p["person"],), True))
    return iter(rows)


def _fetched(connection: Any, query: Any) -> Iterator[Sequence[Any]]:
    """The rows of ``query`` a bounded batch at a time (a server-side cursor on PostgreSQL)."""
    yield from connection.execute(query.execution_options(yield_per=FETCH_ROWS)).partitions()


def _rows_of_tasks(
    session: Session, flt: TaskFilter, document_ids: Sequence[int] | None, labels: dict[int, str],
    agency_ids: Collection[int] | None,
) -> Iterator[MatrixRow]:
    """Matrix rows from full task rows (``store.task_select``), which carry their due dates."""
    from store.task_select import select_task_rows

    names = None if agency_ids is None else {labels[i] for i in agency_ids}
    for task in select_task_rows(session, flt, document_ids, labels):
        people = task.persons
        for role, agencies in (("lead", task.lead), ("cooperate", task.cooperate)):
            for name in agencies:
                if names is None or name in names:
                    named = tuple(p["person"] for p in people if p["agency"] == name and p["role"] == role)
                    yield MatrixRow(task.document, task.key, task.title, name, role, task.uid, named)
        for p in people if names is None else ():
            if p["agency"] is None:
                yield MatrixRow(task.document, task.key, task.title, p["person"], p["role"], task.uid,
                                (p["person"],), True)
