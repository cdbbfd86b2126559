"""Selecting tasks in SQL: every filter a WHERE clause, rows streamed in bounded batches.

The statements are plain SQL over ``store.sql``, naming the tables themselves (``task``,
``document``, ``assignment``, ``taskperson``), so the same code runs on a bare driver
connection (the read commands) or a session, and its conditions fit a SQLAlchemy query over
those tables (:meth:`TaskFilter.conditions`, :func:`scope_conditions`).

The cost of a listing follows what it returns, not the size of the store:
- an agency filter starts from the assignments of that agency (index on ``assignment.agency_id``);
- without one, the documents in scope are read in label order, a bounded batch of them per
  query (index on ``task.document_id``), each batch sorted in memory and handed on;
- no IN list grows with the store: document batches hold at most :data:`BATCH_DOCUMENTS` ids,
  and a task's agencies and persons are read by a join on the same conditions, not by a list
  of task ids.

Due dates of recurring tasks depend on the day asked (``store.deadlines.due_date``); SQL
selects a superset by the deadline bound of each task and Python keeps the exact rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from store.deadlines import CLOSED, due_date, is_overdue
from store.deadlines import due_within as is_due_within
from store.sql import NAMED_PARAMETER, Sql, as_sql, in_list, json_value

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import TextClause

    from store.queries import TaskRow

BATCH_DOCUMENTS = 100  # documents per query when a listing walks the whole store
BATCH_IDS = 500  # at most this many bound ids in one IN list
STREAM_ROWS = 2000  # rows fetched from the server at a time


# A task's deadline bound, over task joined to document: its end; for a recurring task without
# one, the plan's horizon (the last day it can be due).
RECURRING = "COALESCE(task.timeframe_recurrence, '') <> ''"
BOUND = f"CASE WHEN {RECURRING} THEN COALESCE(task.timeframe_end, document.horizon) ELSE task.timeframe_end END"
TASKS = "FROM task JOIN document ON document.id = task.document_id"
ASSIGNMENTS = "FROM assignment JOIN task ON task.id = assignment.task_id JOIN document ON document.id = task.document_id"
PERSONS = "FROM taskperson JOIN task ON task.id = taskperson.task_id JOIN document ON document.id = task.document_id"


@dataclass(frozen=True)
class TaskFilter:
    """What a listing keeps; ``today`` is the day due dates are computed against."""

    today: date
    sources: bool = True  # read each task's provenance (a matrix shows none)
    quotes: bool = True  # with the text the provenance quotes (a checklist shows none; see task_rows)
    agency_ids: tuple[int, ...] | None = None
    role: str | None = None
    status: str | None = None
    overdue: bool = False
    due_within: int | None = None
    due_before: date | None = None
    unplaced_persons: bool = False  # only tasks naming a person the document gives no agency for

    def conditions(self) -> list[TextClause]:
        """:meth:`where` for a SQLAlchemy query over task joined to document."""
        return _clauses(self.where)

    def where(self, params: dict[str, Any], dialect: str = "sqlite") -> list[str]:
        """The WHERE clauses over task joined to document, their parameters added to
        ``params``: exact for agency, role, status and persons, a superset for due dates.
        On PostgreSQL the agency's tasks are an array computed first, which the planner looks
        up by primary key; given the subquery, it scanned every task of the store instead."""
        out: list[str] = []
        if self.unplaced_persons:
            out.append("task.id IN (SELECT p.task_id FROM taskperson p WHERE p.agency_id IS NULL)")
        if self.agency_ids is not None or self.role is not None:
            linked = []
            if self.agency_ids is not None:
                linked.append("x.agency_id IN " + in_list("f_agency", self.agency_ids, params))
            if self.role is not None:
                linked.append("x.role = :f_role")
                params["f_role"] = self.role
            linked_tasks = f"SELECT x.task_id FROM assignment x WHERE {' AND '.join(linked)}"
            out.append(f"task.id = ANY(ARRAY({linked_tasks}))" if dialect == "postgresql"
                       else f"task.id IN ({linked_tasks})")
        if self.status is not None:
            out.append("task.status = :f_status")
            params["f_status"] = self.status
        if self.overdue or self.due_within is not None:
            out.append("task.status NOT IN " + in_list("f_closed", CLOSED, params))
            params["f_today"] = self.today
        if self.overdue:  # exact: a recurring task's next occurrence is never before today
            out.append(f"{BOUND} < :f_today")
        if self.due_within is not None:
            params["f_last"] = self.today + timedelta(days=self.due_within)
            out.append(f"((NOT {RECURRING} AND task.timeframe_end BETWEEN :f_today AND :f_last)"
                       f" OR ({RECURRING} AND ({BOUND} IS NULL OR {BOUND} >= :f_today)))")
        if self.due_before is not None:
            out.append(f"({RECURRING} OR task.timeframe_end <= :f_due_before)")
            params["f_due_before"] = self.due_before
        return out

    def filters_due(self) -> bool:
        """Whether :meth:`keeps` can drop a row (a due-date filter is set)."""
        return self.due_before is not None or self.overdue or self.due_within is not None

    def keeps(self, status: str, due: date | None) -> bool:
        """The exact test on a row SQL selected, with its due date."""
        if self.due_before is not None and (due is None or due > self.due_before):
            return False
        if self.overdue and not is_overdue(status, due, self.today):
            return False
        return self.due_within is None or is_due_within(status, due, self.today, self.due_within)


def driver_value(column: Any) -> Any:
    """A date column of a SQLAlchemy query as the driver returns it (SQLite: ISO text, parsed by
    :func:`as_day`, which is much faster than the generic per-row processor; PostgreSQL: a date
    already), for the readers that build Core queries (``store.tracking``)."""
    from sqlalchemy import String, type_coerce

    return type_coerce(column, String).label(column.key)


def as_day(value: Any) -> date | None:
    """A date as a driver returns it (SQLite: ISO text, PostgreSQL: a date) as a date; None stays None."""
    if value is None or isinstance(value, date):
        return value
    return _iso_day(value)


@lru_cache(maxsize=4096)  # a plan's dates repeat from row to row
def _iso_day(value: str) -> date:
    return date.fromisoformat(value[:10])


def label_of(number: str | None, title: str | None, source: str) -> str:
    """``store.lookup.document_label`` from the three columns it reads."""
    return number or title or PurePath(source).name


def scope_sql(document_ids: Sequence[int] | None) -> list[tuple[str, dict[str, Any]]]:
    """One WHERE clause over document, with its parameters, per query: the current versions,
    or ``document_ids`` in bounded batches."""
    if document_ids is None:
        return [("document.status = 'current'", {})]
    ids = list(dict.fromkeys(document_ids))
    out = []
    for i in range(0, len(ids), BATCH_IDS):
        params: dict[str, Any] = {}
        out.append(("document.id IN " + in_list("s_doc", ids[i : i + BATCH_IDS], params), params))
    return out


def scope_conditions(document_ids: Sequence[int] | None) -> list[list[TextClause]]:
    """:func:`scope_sql` for SQLAlchemy queries over document: one list of conditions per query."""
    from sqlalchemy import text

    return [[text(where).bindparams(**params)] for where, params in scope_sql(document_ids)]


def in_documents(document_ids: Sequence[int]) -> TextClause:
    """``task.document_id IN (…)`` for a SQLAlchemy query over task (a batch of documents)."""
    from sqlalchemy import bindparam, text

    return text("task.document_id IN :s_doc").bindparams(bindparam("s_doc", list(document_ids), expanding=True))


def _clauses(where: Callable[[dict[str, Any]], list[str]]) -> list[TextClause]:
    """The clauses ``where`` writes, as SQLAlchemy text with their parameters bound."""
    from sqlalchemy import text

    params: dict[str, Any] = {}
    clauses = where(params)
    return [text(c).bindparams(**{k: params[k] for k in set(NAMED_PARAMETER.findall(c))}) for c in clauses]


def documents_in_order(db: Session | Sql, document_ids: Sequence[int] | None) -> list[tuple[str, int]]:
    """(label, id) of the documents in scope, ordered as listings show them."""
    sql = as_sql(db)
    out = []
    for where, params in scope_sql(document_ids):
        rows = sql.rows(f"SELECT id, number, title, source FROM document WHERE {where}", params)
        out += [(label_of(n, t, s), i) for i, n, t, s in rows]
    return sorted(out)


def label_batches(documents: list[tuple[str, int]]) -> Iterator[list[int]]:
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
    db: Session | Sql, flt: TaskFilter, document_ids: Sequence[int] | None, labels: dict[int, str]
) -> Iterator[TaskRow]:
    """Task rows matching ``flt`` in the documents in scope (current versions when None), in
    listing order (document label, task number), read batch by batch.

    ``labels`` names agencies (``store.queries.agency_labels``)."""
    sql = as_sql(db)
    if flt.agency_ids is not None:  # the agency's own rows: one pass over its assignments
        found: list[TaskRow] = []
        for where, params in scope_sql(document_ids):
            found += task_rows(sql, [where, *flt.where(params, sql.dialect)], params, flt, labels)
        yield from sorted(found, key=row_order)
        return
    params: dict[str, Any] = {}
    conditions = flt.where(params, sql.dialect)
    for batch in label_batches(documents_in_order(sql, document_ids)):
        scoped = dict(params)
        where = "task.document_id IN " + in_list("s_doc", batch, scoped)
        rows = task_rows(sql, [where, *conditions], scoped, flt, labels)
        yield from sorted(rows, key=row_order)


TASK_COLUMNS = (
    "task.id, task.document_id, task.key, task.group_title, task.title, task.outputs, task.timeframe_text,"
    " task.timeframe_start, task.timeframe_end, task.timeframe_recurrence, task.status, task.status_note, task.uid,"
    " {provenance}, document.number, document.title, document.source, document.issued, document.horizon"
)


def task_rows(
    db: Sql, where: Iterable[str], params: dict[str, Any], flt: TaskFilter, labels: dict[int, str]
) -> list[TaskRow]:
    """The rows of the tasks selected by ``where`` (clauses over task joined to document, with
    their ``params``) that ``flt`` keeps, with their agencies; in no particular order."""
    from store.queries import TaskRow

    condition = " AND ".join(where) or "1 = 1"
    columns = TASK_COLUMNS.format(provenance=_provenance_column(db.dialect, flt))
    agencies, joined = task_agencies(db.dialect)
    # one row per task, each task read once; its agencies by a lookup of the assignment key per
    # task, not a join grouped afterwards (PostgreSQL hashed every assignment of the store for that)
    query = f"SELECT {columns}, {agencies} {TASKS}{joined} WHERE {condition}"
    named = {str(agency_id): label for agency_id, label in labels.items()}.__getitem__
    today, keeps, filtered = flt.today, flt.keeps, flt.filters_due()
    kept = []
    for part in db.batches(query, params, STREAM_ROWS):
        for raw in part:
            start, end, issued = as_day(raw[7]), as_day(raw[8]), as_day(raw[17])
            # a recurring task runs from the plan's issue at the earliest
            due = due_date(start or issued, end, raw[9], as_day(raw[18]), today)
            if not filtered or keeps(raw[10], due):
                kept.append((raw, start, end, due))
    if not kept:
        return []
    people = select_persons(db, condition, params, labels)
    out = []
    labelled: dict[tuple[Any, Any, Any], str] = {}
    # without its quote a provenance is a few numbers that repeat from task to task: decoded once
    # each, and the dict shared by the rows (read-only, as items share their task's)
    decoded: dict[Any, Any] | None = None if flt.quotes or db.dialect != "sqlite" else {}
    for raw, start, end, due in kept:
        task_id, status = raw[0], raw[10]
        names = raw[14], raw[15], raw[16]
        document = labelled.get(names)
        if document is None:
            document = labelled[names] = label_of(*names)
        out.append(TaskRow(
            task_id, document, raw[2], raw[3], raw[4], raw[5], raw[6], start, end, raw[9], status,
            _names(raw[19], named), _names(raw[20], named),
            raw[12], due, is_overdue(status, due, today), raw[11], _source(raw[13], decoded), people.get(task_id, ()),
        ))
    return out


def _provenance_column(dialect: str, flt: TaskFilter) -> str:
    """The provenance as :func:`task_rows` reads it: none without ``flt.sources``; on SQLite
    without its quoted text unless ``flt.quotes`` (PostgreSQL's driver decodes it whole: a
    ``jsonb`` without the key would reorder the others)."""
    if not flt.sources:
        return "NULL"
    return "task.provenance" if flt.quotes or dialect != "sqlite" else "json_remove(task.provenance, '$.text')"


def _source(value: Any, decoded: dict[Any, Any] | None) -> Any:
    """A provenance as read, decoded (through ``decoded``, when given, once per distinct text)."""
    if decoded is None or value is None:
        return json_value(value)
    found = decoded.get(value)
    if found is None:
        found = decoded[value] = json_value(value)
    return found


def task_agencies(dialect: str) -> tuple[str, str]:
    """The two columns of a task's lead and cooperating agency ids (:func:`agency_ids_text`),
    and what joins them to task. On PostgreSQL one lookup of the assignment key per task gives
    both (a lateral aggregate: a third fewer buffers read than a subquery per role); SQLite,
    which has no LATERAL, runs a subquery per role."""
    if dialect != "postgresql":
        return f"{agency_ids_text(dialect, 'lead')}, {agency_ids_text(dialect, 'cooperate')}", ""
    ids = "string_agg(CAST(a.agency_id AS TEXT), ',')"
    both = (f"SELECT {ids} FILTER (WHERE a.role = 'lead') AS lead, {ids} FILTER (WHERE a.role = 'cooperate')"
            " AS cooperate FROM assignment a WHERE a.task_id = task.id")
    return "agencies.lead, agencies.cooperate", f" CROSS JOIN LATERAL ({both}) AS agencies"


def agency_ids_text(dialect: str, role: str) -> str:
    """The ids of a task's agencies in ``role`` as one comma-separated text (None for none): a
    subquery per task row over the assignment primary key (task id first); in no particular order."""
    ids = "CAST(a.agency_id AS TEXT)"
    aggregate = f"string_agg({ids}, ',')" if dialect == "postgresql" else f"group_concat({ids}, ',')"
    return f"(SELECT {aggregate} FROM assignment a WHERE a.task_id = task.id AND a.role = '{role}')"


def _names(ids: str | None, named: Callable[[str], str]) -> tuple[str, ...]:
    """The sorted labels of the agency ids in ``ids`` (as :func:`agency_ids_text` gives them)."""
    if not ids:
        return ()
    if "," not in ids:
        return (named(ids),)
    return tuple(sorted(map(named, ids.split(","))))


PERSON_COLUMNS = ("taskperson.task_id", "taskperson.mention", "taskperson.role", "taskperson.agency_id")


def select_persons(
    db: Sql, condition: str, params: dict[str, Any], labels: dict[int, str]
) -> dict[int, tuple[dict[str, Any], ...]]:
    """The people of the tasks selected by ``condition`` (over task joined to document): person
    as written, role, and the label of the agency the document gives for them (None when it
    gives none), in the order read."""
    query = f"SELECT {', '.join(PERSON_COLUMNS)} {PERSONS} WHERE {condition} ORDER BY taskperson.id"
    return _people_by_task(db.rows(query, params), labels)


def persons_where(connection: Any, where: Sequence[TextClause], labels: dict[int, str]) -> dict[int, tuple[dict[str, Any], ...]]:
    """:func:`select_persons` for a SQLAlchemy query's conditions, each written in SQL over task
    joined to document (:meth:`TaskFilter.conditions`, :func:`scope_conditions`,
    :func:`in_documents`): the same statement, run on ``connection``."""
    from sqlalchemy import literal_column, select, text

    query = (select(*map(literal_column, PERSON_COLUMNS)).select_from(text(PERSONS.removeprefix("FROM ")))
             .where(*where).order_by(literal_column("taskperson.id")))
    return _people_by_task(connection.execute(query), labels)


def _people_by_task(rows: Iterable[Sequence[Any]], labels: dict[int, str]) -> dict[int, tuple[dict[str, Any], ...]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for task_id, mention, role, agency_id in rows:
        found[task_id].append({"person": mention, "role": role, "agency": labels.get(agency_id) if agency_id else None})
    return {task_id: tuple(people) for task_id, people in found.items()}
