"""Reading the store: documents, tasks, the responsibility matrix and agencies.

Every function takes a session and keyword filters and returns plain frozen rows, so the CLI
and the exports only render. Without ``document``, only the current version of each document
is read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from store.lookup import document_label, find_agencies, find_documents
from store.matrix_select import Assignment, MatrixRow
from store.names import name_key, sort_key
from store.sql import Sql, as_sql

if TYPE_CHECKING:
    from sqlmodel import Session

    from store.tables import Document
    from store.task_select import TaskFilter

__all__ = [
    "AgencyRow", "Assignment", "DocumentRow", "MatrixRow", "TargetRow", "TaskRow", "agencies", "document_label",
    "documents", "find_agencies", "find_documents", "iter_matrix", "iter_tasks", "responsibility_matrix", "targets",
    "tasks",
]

logger = logging.getLogger(__name__)

ROLES = ("lead", "cooperate")


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    label: str
    source: str
    sha256: str
    kind: str
    number: str | None
    title: str | None
    issuer: str | None
    issued: date | None
    version: int
    status: str
    tasks: int
    targets: int
    warnings: int

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


@dataclass(slots=True)  # not frozen: that costs an object.__setattr__ per field on every row read
class TaskRow:
    id: int
    document: str
    key: str
    group: str | None
    title: str
    outputs: str | None
    timeframe: str | None
    start: date | None
    deadline: date | None
    recurrence: str | None
    status: str
    lead: tuple[str, ...]
    cooperate: tuple[str, ...]
    uid: str | None = None  # the stable id people copy (shown as "id")
    due: date | None = None  # the deadline as of the day asked (store.deadlines.due_date)
    overdue: bool = False
    note: str | None = None
    source: dict[str, Any] | None = None  # provenance: page, table, row, text
    persons: tuple[dict[str, Any], ...] = ()  # people named: {"person", "role", "agency" (label or None)}

    def to_dict(self) -> dict[str, Any]:
        data = {name: _plain(getattr(self, name)) for name in _TASK_FIELDS}  # asdict deep-copies: slow
        if self.persons:  # only where the task names people: other rows stay as they were
            data["persons"] = list(self.persons)
        return {"id": data.pop("uid"), **data}


_TASK_FIELDS = tuple(name for name in TaskRow.__dataclass_fields__ if name not in ("id", "persons"))


@dataclass(frozen=True, slots=True)
class AgencyRow:
    name: str
    kind: str | None
    jurisdiction: str | None
    aliases: tuple[str, ...]
    resolved: bool
    lead_tasks: int
    cooperate_tasks: int
    area: str | None = None  # the province, "national", or None when unknown

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 40, not 40.0, as the extraction JSON writes it
    return value


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in data.items()}


def _current_documents(
    session: Session, document: str | None, document_ids: list[int] | None = None
) -> dict[int, Document]:
    from sqlmodel import select

    from store.tables import Document

    query = select(Document)
    if document_ids is not None:
        query = query.where(Document.id.in_(document_ids))  # type: ignore[union-attr]
    elif document is not None:
        query = query.where(Document.id.in_(find_documents(session, document)))  # type: ignore[union-attr]
    else:
        query = query.where(Document.status == "current")
    return {doc.id: doc for doc in session.exec(query).all()}  # type: ignore[misc]


def agency_labels(db: Session | Sql) -> dict[int, str]:
    """Agency id -> how listings name it: its name, with its area after it when another row
    has the same name ("Sở Thông tin và Truyền thông (Lâm Đồng)"), so each identity is one column."""
    sql = as_sql(db)
    shared = {name for (name,) in sql.rows("SELECT name FROM agency GROUP BY name HAVING count(*) > 1", {})}
    return {
        agency_id: f"{name} ({area})" if name in shared and area else name
        for agency_id, name, area in sql.rows("SELECT id, name, area FROM agency", {})
    }


def _natural(key: str) -> tuple[Any, ...]:
    """Sort task keys as people number them: I.2 before I.10, II after I."""
    from store.task_select import natural_key

    return natural_key(key)


def iter_tasks(
    db: Session | Sql,
    *,
    agency: str | None = None,
    role: str | None = None,
    document: str | None = None,
    due_before: date | None = None,
    overdue: bool = False,
    today: date | None = None,
    status: str | None = None,
    due_within: int | None = None,
    document_ids: list[int] | None = None,
    successors: bool = False,
    sources: bool = True,
) -> Iterator[TaskRow]:
    """Tasks matching every filter given, ordered by document then task key, read from the
    database a bounded batch at a time (``store.task_select``).

    Args:
        db: an open session, or plain SQL over the database (``store.sql``).
        agency: only tasks assigned to this agency (any name or alias).
        role: ``lead`` or ``cooperate``: with ``agency``, the agency's role; alone, tasks that
            have an agency in that role.
        document: only this document (see :func:`find_documents`); default: current versions.
        due_before: only tasks whose deadline is on or before this date.
        overdue: only open tasks whose due date (``store.deadlines.due_date``) is before ``today``.
        today: the date due dates are computed against; default the system date.
        status: only tasks with this status (``open`` is ``not_started``).
        due_within: only open tasks due between ``today`` and ``today`` + this many days.
        document_ids: only these documents, by database id (instead of ``document``).
        successors: with ``agency``, also the agencies it carries on after a merger.
        sources: read each task's provenance (``source``); False leaves it None.

    Raises:
        NotFound: ``agency`` or ``document`` names nothing known (raised before the first row).
    """
    from store.task_select import select_task_rows

    sql = as_sql(db)
    if document_ids is None and document is not None:
        document_ids = find_documents(sql, document)
    agency_ids = find_agencies(sql, agency, successors=successors) if agency else None
    flt = _task_filter(agency_ids, role=role, due_before=due_before, overdue=overdue, today=today, status=status,
                       due_within=due_within, sources=sources)
    return select_task_rows(sql, flt, document_ids, agency_labels(sql))


def _task_filter(
    agency_ids: list[int] | None,
    *,
    role: str | None = None,
    due_before: date | None = None,
    overdue: bool = False,
    today: date | None = None,
    status: str | None = None,
    due_within: int | None = None,
    sources: bool = True,
) -> TaskFilter:
    """The filters of :func:`iter_tasks` as SQL conditions (``store.task_select.TaskFilter``);
    ``agency_ids`` are the agencies found for the agency filter."""
    from store.status import normalise_status
    from store.task_select import TaskFilter

    return TaskFilter(
        today=today or date.today(),
        sources=sources,
        agency_ids=tuple(agency_ids) if agency_ids is not None else None,
        role=role,
        status=normalise_status(status) if status is not None else None,
        overdue=overdue,
        due_within=due_within,
        due_before=due_before,
    )


def tasks(session: Session, **filters: Any) -> list[TaskRow]:
    """:func:`iter_tasks` as a list (for callers that read the rows more than once)."""
    return list(iter_tasks(session, **filters))


def iter_matrix(
    session: Session,
    *,
    document: str | None = None,
    agency: str | None = None,
    successors: bool = False,
    **filters: Any,
) -> Iterator[Assignment]:
    """The matrix as the renderers read it: one (task, cell) pair per task × agency × role
    (``store.matrix_select.Assignment``), ordered by document, task key, role, agency, each cell
    with the people the task names for that agency, then a cell per person given no agency;
    pairs come a batch of documents at a time. With ``agency``, only that agency's assignments;
    ``filters`` are those of :func:`iter_tasks` (status, due dates); with ``successors``, also
    the assignments of the agencies ``agency`` carries on after a merger."""
    from store.matrix_select import select_matrix_rows

    labels = agency_labels(session)
    agency_ids = find_agencies(session, agency, successors=successors) if agency else None  # fails now if unknown
    document_ids = filters.pop("document_ids", None)
    if document_ids is None and document is not None:
        document_ids = find_documents(session, document)
    flt = _task_filter(agency_ids, sources=False, **filters)
    return select_matrix_rows(session, flt, document_ids, labels, agency_ids)


def responsibility_matrix(
    session: Session, *, document: str | None = None, agency: str | None = None, **filters: Any
) -> list[MatrixRow]:
    """:func:`iter_matrix` as a list of named rows (``MatrixRow``), for callers that read fields
    by name; the CLI renders the pairs themselves."""
    return [MatrixRow.of(pair) for pair in iter_matrix(session, document=document, agency=agency, **filters)]


def documents(session: Session) -> list[DocumentRow]:
    """Every stored document (all versions), oldest first, with its counts."""
    from sqlalchemy import func
    from sqlmodel import select

    from store.tables import Document, Target, Task

    def counts(table: Any) -> dict[int, int]:
        query = select(table.document_id, func.count()).group_by(table.document_id)
        return dict(session.exec(query).all())  # type: ignore[arg-type]

    n_tasks, n_targets = counts(Task), counts(Target)
    return [
        DocumentRow(
            id=doc.id,  # type: ignore[arg-type]
            label=document_label(doc),
            source=doc.source,
            sha256=doc.sha256,
            kind=doc.kind,
            number=doc.number,
            title=doc.title,
            issuer=doc.issuer,
            issued=doc.issued,
            version=doc.version,
            status=doc.status,
            tasks=n_tasks.get(doc.id, 0),  # type: ignore[arg-type]
            targets=n_targets.get(doc.id, 0),  # type: ignore[arg-type]
            warnings=len(doc.warnings),
        )
        for doc in session.exec(select(Document).order_by(Document.id)).all()
    ]


def agencies(session: Session, *, unresolved: bool = False, area: str | None = None) -> list[AgencyRow]:
    """Agencies with aliases and task counts (current documents); ``unresolved`` lists only
    the mentions no directory entry matched; ``area`` only those of one province (any spelling
    the province list knows) or ``national``."""
    from sqlalchemy import func
    from sqlmodel import select

    from store.tables import Agency, Assignment, Document, Task

    query = (
        select(Assignment.agency_id, Assignment.role, func.count())
        .join(Task, Task.id == Assignment.task_id)  # type: ignore[arg-type]
        .join(Document, Document.id == Task.document_id)  # type: ignore[arg-type]
        .where(Document.status == "current")
        .group_by(Assignment.agency_id, Assignment.role)
    )
    counts = {(agency_id, role): n for agency_id, role, n in session.exec(query).all()}
    listing = select(Agency)
    if unresolved:
        listing = listing.where(Agency.resolved == False)  # noqa: E712
    if area:
        from extract.jurisdiction import province_in

        listing = listing.where(Agency.area == (province_in(area) or area))
    # sorted here, not in SQL: SQLite and PostgreSQL collate Vietnamese differently
    found = sorted(session.exec(listing).all(), key=lambda a: (sort_key(a.name), a.name))
    return [
        AgencyRow(
            name=a.name,
            kind=a.kind,
            jurisdiction=a.jurisdiction,
            aliases=tuple(a.aliases),
            resolved=a.resolved,
            lead_tasks=counts.get((a.id, "lead"), 0),
            cooperate_tasks=counts.get((a.id, "cooperate"), 0),
            area=a.area or None,
        )
        for a in found
    ]


@dataclass(frozen=True, slots=True)
class TargetRow:
    document: str
    indicator: str
    comparator: str
    value: float
    value_max: float | None
    unit: str | None
    deadline: date | None
    area: str | None
    baseline: float | None
    text: str
    flags: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def targets(
    session: Session, *, indicator: str | None = None, area: str | None = None, document: str | None = None
) -> list[TargetRow]:
    """Targets of the current documents (or ``document``); ``indicator`` and ``area`` match
    words of the indicator name or id and of the area, ignoring case."""
    from sqlmodel import select

    from store.tables import Target

    documents = _current_documents(session, document)
    query = select(Target).where(Target.document_id.in_(list(documents)))  # type: ignore[attr-defined]
    rows = []
    for target in session.exec(query.order_by(Target.id)).all():
        if indicator and name_key(indicator) not in name_key(f"{target.indicator} {target.indicator_id or ''}"):
            continue
        if area and name_key(area) not in name_key(target.area or ""):
            continue
        rows.append(
            TargetRow(
                document=document_label(documents[target.document_id]),
                indicator=target.indicator,
                comparator=target.comparator,
                value=target.value,
                value_max=target.value_max,
                unit=target.unit,
                deadline=target.deadline,
                area=target.area,
                baseline=target.baseline,
                text=target.text,
                flags=tuple(target.flags),
            )
        )
    return rows
