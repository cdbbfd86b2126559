"""The planwatch tables (SQLModel, ``table=True``), portable between SQLite and PostgreSQL.

Extracted facts are rewritten only by a new version of their document; ``Task.status`` and
``Task.status_note`` belong to people and are carried over from one version to the next.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

TASK_STATUSES = ("not_started", "in_progress", "blocked", "done", "cancelled")
CLOSED_STATUSES = ("done", "cancelled")
DEFAULT_STATUS = "not_started"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _json(default: Any = list) -> Any:
    return Field(default_factory=default, sa_column=Column(JSON, nullable=False))


class Document(SQLModel, table=True):
    """One ingested file; a new version of the same plan is a new row pointing back."""

    id: int | None = Field(default=None, primary_key=True)
    source: str
    sha256: str = Field(unique=True, index=True, max_length=64)
    format: str
    language: str
    kind: str
    title: str | None = None
    number: str | None = Field(default=None, index=True)
    issuer: str | None = None
    issued: date | None = None
    horizon: date | None = None
    pages: int | None = None
    references: list[dict[str, Any]] = _json()
    warnings: list[str] = _json()
    status: str = Field(default="current", index=True)  # current | superseded
    ingested_at: datetime = Field(default_factory=_now)
    version: int = 1
    previous_id: int | None = Field(default=None, foreign_key="document.id", index=True)


class Agency(SQLModel, table=True):
    """A canonical agency, or (``resolved`` false) a mention no directory entry matched.

    Its identity is (``name``, ``area``): the same department of two provinces is two rows.
    ``area`` is the province, ``national``, or "" when unknown (not NULL, so the pair is unique);
    ``jurisdiction`` is the level (province, district …) as the directory gives it.
    """

    __table_args__ = (UniqueConstraint("name", "area", name="uq_agency_name_area"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    area: str = Field(default="", index=True)
    kind: str | None = None
    jurisdiction: str | None = None
    parent: str | None = None
    aliases: list[str] = _json()
    resolved: bool = True


class AgencyAlias(SQLModel, table=True):
    """An alias a person taught (``planwatch agencies alias``): a mention spelled ``mention``
    (compared by ``key``, its case-folded form) means the agency ``canonical``. One row per
    decision, never deleted, so it is also the audit trail; the newest row of a key is in force.
    ``repointed`` counts the stored assignments and duties the decision moved."""

    id: int | None = Field(default=None, primary_key=True)
    mention: str
    key: str = Field(index=True)
    canonical: str
    at: datetime = Field(default_factory=_now)
    by: str
    repointed: int = 0


class Task(SQLModel, table=True):
    """A task from a plan's task table; ``status`` and ``status_note`` are set by people."""

    __table_args__ = (UniqueConstraint("document_id", "key", name="uq_task_document_key"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    key: str
    group_number: str | None = None
    group_title: str | None = None
    number: str | None = None
    title: str
    outputs: str | None = None
    notes: str | None = None
    timeframe_text: str | None = None
    timeframe_start: date | None = None
    timeframe_end: date | None = Field(default=None, index=True)
    timeframe_recurrence: str | None = None
    provenance: dict[str, Any] = _json(dict)
    confidence: float = 1.0
    flags: list[str] = _json()
    status: str = Field(default=DEFAULT_STATUS, index=True)
    status_note: str | None = None
    uid: str | None = Field(default=None, index=True, max_length=16)  # the stable short id people copy
    fingerprint: str | None = Field(default=None, max_length=16)  # content hash (store.taskid.fingerprint)


class TaskState(SQLModel, table=True):
    """What people set on a task, by its stable id: survives re-ingest, new versions and forget.

    ``fingerprint`` is the task's content when the status was last set, so a later version
    whose text changed under a human status can be sent to review.
    """

    uid: str = Field(primary_key=True, max_length=16)
    status: str = DEFAULT_STATUS
    note: str | None = None
    as_of: date | None = None
    updated_at: datetime = Field(default_factory=_now)
    updated_by: str | None = None
    fingerprint: str | None = None


class TaskEvent(SQLModel, table=True):
    """The audit trail: one row per field a person changed; never deleted."""

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(index=True, max_length=16)
    at: datetime = Field(default_factory=_now)
    by: str
    field: str = Field(max_length=32)
    old: str | None = None
    new: str | None = None
    as_of: date | None = None
    document: str | None = None  # label of the document the task was read in, kept after forget
    task: str | None = None  # the task title at the time


class Assignment(SQLModel, table=True):
    """Task × agency × role (``lead`` | ``cooperate``), with the mention as written."""

    task_id: int = Field(foreign_key="task.id", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True, index=True)
    role: str = Field(primary_key=True, max_length=16)
    mention: str
    confidence: float = 1.0


class TaskPerson(SQLModel, table=True):
    """A person a task names as responsible (by name, or by office), with the agency the
    document gives for them (``agency_id``; none when it gives none). People are never agency
    rows: a plan's persons are its own, so each is stored with its task."""

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    role: str = Field(max_length=16)
    mention: str  # as written ("Cục trưởng Cục Du lịch …", "Nguyễn Thị Loan")
    name: str | None = None  # the person's own name, when written
    title: str | None = None  # the office, when written
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    agency_mention: str | None = None  # the agency as written (what a taught alias is matched on)
    confidence: float = 1.0


class Target(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    indicator: str
    indicator_id: str | None = None
    text: str
    comparator: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    deadline: date | None = None
    area: str | None = None
    baseline: float | None = None
    confidence: float = 1.0
    provenance: dict[str, Any] = _json(dict)
    flags: list[str] = _json()


class Observation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    indicator: str
    indicator_id: str | None = None
    value: float
    unit: str | None = None
    as_of: str | None = None
    area: str | None = None
    text: str
    confidence: float = 1.0
    provenance: dict[str, Any] = _json(dict)
    flags: list[str] = _json()


class Responsibility(SQLModel, table=True):
    """A duty given to an agency in prose ("Sở X: Chủ trì, phối hợp với … thực hiện …")."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    mention: str
    role: str = Field(max_length=16)
    duty: str
    confidence: float = 1.0
    provenance: dict[str, Any] = _json(dict)
    flags: list[str] = _json()
