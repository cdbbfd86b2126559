"""The responsibility matrix read in SQL and built column-wise: one (task, cell) pair per assignment.

A matrix row needs a task's document, key, title and stable id, and its agencies with their
roles; nothing else of the task (dates, provenance, status) is read or computed, unless a
due-date filter asks for each task's due date, which only ``store.task_select`` computes.

Per bounded batch of documents, two statements read the tasks and their assignments (each an
agency id and a role folded into one integer, from the primary key index): on SQLite each
column of a batch as one JSON array, built inside SQLite (which runs without the interpreter's
lock) and parsed in C, where a row per result costs a tuple and a trip through the driver; on
PostgreSQL as the driver's plain tuples. Python then orders every assignment with one sort of integers (the task's place
× the width of a task, plus the column's code: role, then agency label) and pairs each with its
task's tuple and a cell tuple shared by every row of that column. The work is done by builtins
over whole columns (``map``, ``zip``, ``sorted``), not by Python code per row, and the rows are
plain tuples, which the garbage collector stops tracking: at 300,000 assignments the interpreter
no longer outweighs the database.
"""

from __future__ import annotations

import gc
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import chain, repeat
from operator import add, floordiv, mod
from typing import TYPE_CHECKING, Any

from store.read_ahead import built_reading_ahead

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement

    from store.task_select import TaskFilter

ROLES = ("lead", "cooperate")

Task = tuple[str, str, str, "str | None"]  # document label, task key, title, the task's stable id
Cell = tuple[str, str, tuple[str, ...], bool]  # agency label (or the person), role, persons named, person column
Assignment = tuple[Task, Cell]  # one row of the matrix: what the renderers read
Columns = tuple[Sequence[Any], ...]  # a query's result read column-wise: one sequence per column
# what :func:`_read` finds: the tasks' columns, their assignments' task ids and codes, the people by task
Found = tuple[Columns, tuple[Iterable[int], Iterable[int]], dict[int, tuple[dict[str, Any], ...]]]


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

    @classmethod
    def of(cls, pair: Assignment) -> MatrixRow:
        """The row of a (task, cell) pair as :func:`select_matrix_rows` gives it."""
        (document, key, title, uid), (agency, role, persons, person) = pair
        return cls(document, key, title, agency, role, uid, persons, person)

    def pair(self) -> Assignment:
        """This row as a (task, cell) pair, the form the renderers read."""
        return (self.document, self.task_key, self.task, self.id), (self.agency, self.role, self.persons, self.person)

    def to_dict(self) -> dict[str, Any]:
        data = {"document": self.document, "task_key": self.task_key, "task": self.task,
                "agency": None if self.person else self.agency, "role": self.role, "id": self.id}
        return {**data, "persons": list(self.persons)} if self.persons else data  # other rows stay as they were


def select_matrix_rows(
    session: Session, flt: TaskFilter, document_ids: Sequence[int] | None, labels: dict[int, str],
    agency_ids: Collection[int] | None = None,
) -> Iterator[Assignment]:
    """(task, cell) pairs of the tasks ``flt`` keeps in the documents in scope (current versions
    when None), ordered by document label, task number, role (lead first), agency label, each
    cell with the people the task names for that agency, then a cell per person given no agency;
    only the assignments of ``agency_ids`` when given (``flt.agency_ids`` then selects their
    tasks), and then no person cells. A batch of documents is read and built whole when the
    iteration reaches it.

    ``labels`` names agencies (``store.queries.agency_labels``)."""
    if flt.filters_due():  # exact due dates are computed per task by the task reader
        return _rows_of_tasks(session, flt, document_ids, labels, agency_ids)
    return chain.from_iterable(_batches(session, flt, document_ids, labels, agency_ids))


def _batches(
    session: Session, flt: TaskFilter, document_ids: Sequence[int] | None, labels: dict[int, str],
    agency_ids: Collection[int] | None,
) -> Iterator[list[Assignment]]:
    """:func:`select_matrix_rows` a list of pairs at a time, one per batch of documents."""
    from store.task_select import documents_in_order, in_documents, label_batches, scope_conditions

    documents = documents_in_order(session, document_ids)
    scope = Scope.of(documents, labels, persons=agency_ids is None)
    conditions = flt.conditions()
    if flt.agency_ids is not None:  # the agency's own tasks: one pass, whatever the store's size
        tasks: Columns = ([], [], [], [], [])
        task_ids: list[int] = []
        codes: list[int] = []
        people: dict[int, tuple[dict[str, Any], ...]] = {}
        with collector_paused():
            for where in scope_conditions(document_ids):
                found = _read(session.connection(), [*where, *conditions], scope, agency_ids)
                for column, more in zip(tasks, found[0]):
                    column += more  # type: ignore[operator]
                task_ids += found[1][0]
                codes += found[1][1]
                people.update(found[2])
            pairs = _pairs(tasks, (task_ids, codes), people, scope)
        yield pairs
        return
    connection = session.connection()
    reads = (partial(_read, connection, [in_documents(batch), *conditions], scope, agency_ids)
             for batch in label_batches(documents))
    build = partial(_built, scope=scope)  # the caller runs with the collector on: paused per batch, not across a yield
    yield from built_reading_ahead(reads, build, ahead=_reads_ahead(connection), pause=collector_paused)


def _built(found: Found, scope: Scope) -> list[Assignment]:
    """:func:`_pairs` of what :func:`_read` found."""
    return _pairs(*found, scope)


def _reads_ahead(connection: Any) -> bool:
    """Whether the next batch is read in a thread: on a SQLite file, whose reads (JSON arrays
    built by SQLite) run outside the interpreter's lock. Not on PostgreSQL, where the driver
    builds its rows under the lock, so a second thread only contends with the build (slower,
    measured), nor on an in-memory SQLite, whose one connection belongs to the thread that opened it."""
    return connection.dialect.name == "sqlite" and connection.engine.url.database not in (None, "", ":memory:")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a batch is read and built. A batch is tens of
    thousands of new tuples of text and numbers, which hold no cycle (reference counting frees
    them as ever) but, while they are young, make the collector run full passes that walk the
    whole heap and every long list in it: a third of the matrix's time at 100,000 tasks."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass(frozen=True)
class Scope:
    """How rows are named and ordered: documents by id; columns by code (role × agencies +
    rank of the agency's label), the code of an assignment as SQL folds it (agency id × 2 + role)."""

    documents: dict[int, str]  # label
    places: dict[int, int]  # rank of the label
    labels: dict[int, str]  # agency labels by id (``store.queries.agency_labels``)
    codes: dict[int, int]  # column code by the code SQL gives
    cells: list[Cell]  # by column code: (label, role, no persons, no person column)
    persons: bool  # cells for the people the document gives no agency for

    @classmethod
    def of(cls, documents: list[tuple[str, int]], labels: dict[int, str], *, persons: bool) -> Scope:
        """The scope of ``documents`` ((label, id) in listing order) named by ``labels``."""
        rank: dict[str, int] = {}  # documents sharing a label rank together, as listings sort them
        places = {doc_id: rank.setdefault(label, len(rank)) for label, doc_id in documents}
        ordered = sorted(labels, key=labels.__getitem__)
        codes: dict[int, int] = {}
        cells: list[Cell] = []
        for bit, role in enumerate(ROLES):
            for agency_id in ordered:
                codes[agency_id * 2 + bit] = len(cells)
                cells.append((labels[agency_id], role, (), False))
        return cls({doc_id: label for label, doc_id in documents}, places, labels, codes, cells, persons)


def _read(
    connection: Any, where: list[Any], scope: Scope, agency_ids: Collection[int] | None
) -> Found:
    """The columns id, document id, key, title, uid of the tasks selected by ``where`` (over task
    joined to document); task id and agency id × 2 + role of their assignments (of ``agency_ids``
    when given), lead and cooperate only; and the people they name (``store.task_select.persons_where``)."""
    from sqlalchemy import and_, case, func, select

    from store.tables import Assignment, Document, Task
    from store.task_select import persons_where

    columns = (Task.id, Task.document_id, Task.key, Task.title, Task.uid)
    tasks = select(*columns).join(Document, Document.id == Task.document_id).where(*where)  # type: ignore[call-overload]
    on = and_(Assignment.task_id == Task.id, Assignment.role.in_(ROLES))  # type: ignore[arg-type, attr-defined]
    if agency_ids is not None:
        on = and_(on, Assignment.agency_id.in_(agency_ids))  # type: ignore[attr-defined]
    code = Assignment.agency_id * 2 + case((Assignment.role == ROLES[0], 0), else_=1)  # type: ignore[arg-type]
    people = persons_where(connection, where, scope.labels)
    if connection.dialect.name == "postgresql":
        # the tasks' ids as an array first, then looked up in the assignment key: given the join,
        # PostgreSQL hashed every assignment of the store for each batch of documents
        task_ids = tasks.with_only_columns(Task.id).scalar_subquery()  # type: ignore[arg-type]
        keep = [Assignment.role.in_(ROLES), Assignment.task_id == func.any(func.array(task_ids))]  # type: ignore[attr-defined]
        if agency_ids is not None:
            keep.append(Assignment.agency_id.in_(agency_ids))  # type: ignore[attr-defined]
        found = _driver_rows(connection, select(Assignment.task_id, code).where(*keep))  # type: ignore[call-overload]
        pairs = tuple(zip(*found)) or ((), ())
        return tuple(zip(*_driver_rows(connection, tasks))), pairs, people  # type: ignore[return-value]
    task_columns = _json_columns(connection, tasks.with_only_columns(*map(func.json_group_array, columns)))
    if not task_columns[0]:
        return task_columns, ((), ()), people
    # one integer per assignment, task id × span + code: SQLite builds one array of numbers,
    # cheaper to read than a row of two per assignment; a span that could overflow 64 bits is not used
    span = 2 * (max(scope.labels, default=0) + 1)
    packed = max(task_columns[0]) < PACKED_LIMIT // span
    value = Assignment.task_id * span + code if packed else func.json_array(Assignment.task_id, code)
    assignments = (select(func.json_group_array(value)).select_from(Task)  # type: ignore[call-overload]
                   .join(Document, Document.id == Task.document_id)  # type: ignore[arg-type]
                   .join(Assignment, on).where(*where))  # type: ignore[arg-type]
    (values,) = _json_columns(connection, assignments)
    if packed:
        return task_columns, (map(floordiv, values, repeat(span)), map(mod, values, repeat(span))), people
    return task_columns, tuple(zip(*values)) or ((), ()), people  # type: ignore[return-value]


PACKED_LIMIT = 2**62  # SQLite's integers are 64-bit; past that it turns them into floats


def _json_columns(connection: Any, query: Any) -> Columns:
    """The columns of ``query``, one JSON array each (``json_group_array``), as lists: SQLite
    writes a column of a whole batch as one text and ``json.loads`` reads it back in C, where
    a row per result costs a tuple and a call through the driver each."""
    from json import loads

    result = connection.execute(query)
    try:
        row = result.cursor.fetchone()
    finally:
        result.close()
    return tuple(map(loads, row))


def _driver_rows(connection: Any, query: Any) -> list[Any]:
    """Every row of ``query`` as the driver's cursor gives it: plain tuples (SQLAlchemy's ``Row``
    objects cost as much again as reading the rows on SQLite). SQLAlchemy still compiles the
    statement, binds its parameters and sees it run; a batch of documents bounds the rows."""
    result = connection.execute(query)
    try:
        return result.cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        result.close()


def _pairs(
    tasks: Columns, assignments: tuple[Iterable[int], Iterable[int]], people: dict[int, tuple[dict[str, Any], ...]],
    scope: Scope,
) -> list[Assignment]:
    """The matrix of ``tasks`` and ``assignments`` as :func:`_read` gives them, in listing order.

    Each assignment's place is one integer, its task's place × ``width`` + its column code, so
    one sort of integers orders tasks and, within a task, roles and agencies."""
    from store.task_select import natural_key

    if not tasks or not tasks[0]:
        return []
    ids, documents, keys, titles, uids = tasks
    number = {key: n for n, key in enumerate(sorted(set(keys), key=natural_key))}  # I.2 before I.10
    place = list(zip(map(scope.places.__getitem__, documents), map(number.__getitem__, keys), ids))
    order = sorted(range(len(ids)), key=place.__getitem__)  # document, task number, task id
    unordered = list(zip(map(scope.documents.__getitem__, documents), keys, titles, uids))
    ordered: list[Task] = list(map(unordered.__getitem__, order))  # one lookup a task, not one a column
    width = len(scope.cells) + max(map(len, people.values()), default=0)  # room for person columns
    first = dict(zip(map(ids.__getitem__, order), range(0, width * len(order), width)))
    task_ids, codes = assignments
    places = sorted(map(add, map(first.__getitem__, task_ids), map(scope.codes.__getitem__, codes)))
    pairs = list(zip(map(ordered.__getitem__, map(floordiv, places, repeat(width))),
                     map(scope.cells.__getitem__, map(mod, places, repeat(width)))))
    for task_id in sorted(people, key=first.__getitem__, reverse=True):  # later tasks first: places stay put
        start = first[task_id]
        lo, hi = bisect_left(places, start), bisect_left(places, start + width)
        pairs[lo:hi] = _with_people(ordered[start // width], [cell for _, cell in pairs[lo:hi]], people[task_id], scope)
    return pairs  # type: ignore[return-value]


def _with_people(task: Task, cells: list[Cell], people: tuple[dict[str, Any], ...], scope: Scope) -> list[Assignment]:
    """A task's pairs when it names people: each cell with the people named for its agency and
    role, then a cell per person given no agency (when ``scope`` shows them)."""
    out: list[Assignment] = []
    for agency, role, _, _ in cells:
        named = tuple(p["person"] for p in people if p["agency"] == agency and p["role"] == role)
        out.append((task, (agency, role, named, False)))
    for p in people if scope.persons else ():
        if p["agency"] is None:
            out.append((task, (p["person"], p["role"], (p["person"],), True)))
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


def _rows_of_tasks(
    session: Session, flt: TaskFilter, document_ids: Sequence[int] | None, labels: dict[int, str],
    agency_ids: Collection[int] | None,
) -> Iterator[Assignment]:
    """Matrix pairs from full task rows (``store.task_select``), which carry their due dates."""
    from store.task_select import select_task_rows

    names = None if agency_ids is None else {labels[i] for i in agency_ids}
    for row in select_task_rows(session, flt, document_ids, labels):
        task: Task = (row.document, row.key, row.title, row.uid)
        people = row.persons
        for role, agencies in (("lead", row.lead), ("cooperate", row.cooperate)):
            for name in agencies:
                if names is None or name in names:
                    named = tuple(p["person"] for p in people if p["agency"] == name and p["role"] == role)
                    yield task, (name, role, named, False)
        for p in people if names is None else ():
            if p["agency"] is None:
                yield task, (p["person"], p["role"], (p["person"],), True)
