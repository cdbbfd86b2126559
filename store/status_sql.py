"""``task set`` in plain SQL: the one implementation of a status change and its audit trail.

It runs over any ``store.sql.Sql``: a SQLAlchemy session (``SessionSql``, every database) or, for the
command line on a SQLite file, a bare ``sqlite3`` connection (``SqliteSql``), so that
``planwatch task set`` answers without importing the ORM (importing it alone takes longer than
the whole command may). Only the standard library is imported here. The statements name the
tables and columns of ``store.tables``; a test checks them against its metadata.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePath
from typing import Any

from store.errors import NotFound
from store.sql import SessionSql, Sql, SqliteSql

__all__ = ["Change", "SessionSql", "Sql", "SqliteSql", "TaskRow", "sqlite_transaction", "task_rows", "write_status"]

UNKNOWN_TASK = "no task has the id '{text}'; run `planwatch tasks` to see the ids"
AMBIGUOUS_TASK = "the id '{text}' is the start of several task ids ({ids}); give more letters"
MIN_PREFIX = 4
SQLITE_BUSY_SECONDS = 30  # as store.db: wait this long for another process's write
# What the statements below read and write, table -> columns (checked against store.tables).
USES = {
    "document": ("id", "status", "number", "title", "source"),
    "task": ("id", "uid", "document_id", "title", "status", "status_note", "fingerprint"),
    "taskstate": ("uid", "status", "note", "as_of", "updated_at", "updated_by", "fingerprint"),
    "taskevent": ("uid", "at", "by", "field", "old", "new", "as_of", "document", "task"),
}
FIND = (
    "SELECT t.id, t.uid, t.document_id, t.title, t.status, t.status_note, t.fingerprint,"
    " d.status, d.number, d.title, d.source FROM task t JOIN document d ON d.id = t.document_id WHERE "
)
STATE = "SELECT status, note, as_of FROM taskstate WHERE uid = :uid"
INSERT_STATE = (
    "INSERT INTO taskstate (uid, status, note, as_of, updated_at, updated_by, fingerprint)"
    " VALUES (:uid, :status, :note, :as_of, :at, :by, :fingerprint)"
)
UPDATE_STATE = (
    "UPDATE taskstate SET status = :status, note = :note, as_of = :as_of, updated_at = :at,"
    " updated_by = :by, fingerprint = :fingerprint WHERE uid = :uid"
)
INSERT_EVENT = (
    'INSERT INTO taskevent (uid, "at", "by", field, "old", "new", as_of, document, task)'
    " VALUES (:uid, :at, :by, :field, :old, :new, :as_of, :document, :task)"
)
UPDATE_TASKS = "UPDATE task SET status = :status, status_note = :note WHERE uid = :uid"


@dataclass(frozen=True, slots=True)
class Change:
    """One field a person changed, as the audit trail records it."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class TaskRow:
    """What a status change reads of one stored row of a task, and of its document."""

    id: int
    uid: str
    document_id: int
    title: str
    status: str
    status_note: str | None
    fingerprint: str | None
    document_status: str
    number: str | None
    document_title: str | None
    source: str

    @property
    def document_label(self) -> str:
        """As ``store.lookup.document_label`` names a document."""
        return self.number or self.document_title or PurePath(self.source).name


def task_rows(sql: Sql, text: str) -> list[TaskRow]:
    """Every stored row of the task ``text`` names (its id, or a unique prefix of at least
    ``MIN_PREFIX`` letters), the current document's row first.

    Raises:
        NotFound: no task, or several tasks, have that id.
    """
    key = text.strip().lower()
    rows = [TaskRow(*r) for r in sql.rows(FIND + "t.uid = :key", {"key": key})]
    if not rows and len(key) >= MIN_PREFIX:
        found = sql.rows(FIND + "substr(t.uid, 1, :n) = :key", {"key": key, "n": len(key)})
        rows = [TaskRow(*r) for r in found]
        ids = sorted({row.uid for row in rows})
        if len(ids) > 1:
            raise NotFound(AMBIGUOUS_TASK.format(text=text, ids=", ".join(ids[:5])))
    if not rows:
        raise NotFound(UNKNOWN_TASK.format(text=text))
    return sorted(rows, key=lambda r: (r.document_status != "current", -r.document_id))


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def write_status(
    sql: Sql, text: str, *, status: str | None, note: str | None, as_of: date | None, by: str
) -> tuple[str, list[Change]]:
    """Set a task's status and/or note with one audit event per changed field, in the caller's
    transaction; ``status`` is already one of the known statuses.

    Returns:
        The task id and the changes made (empty when nothing differed: nothing is written).
    """
    rows = task_rows(sql, text)
    task = rows[0]
    saved = sql.rows(STATE, {"uid": task.uid})
    old_status, old_note, old_as_of = saved[0] if saved else (task.status, task.status_note, None)
    old_as_of = _day(old_as_of)
    new_status, new_note, new_as_of = old_status, old_note, old_as_of
    changes = []
    if status is not None and status != old_status:
        changes.append(Change("status", old_status, status))
        new_status = status
    if note is not None and note != (old_note or ""):
        changes.append(Change("note", old_note, note))
        new_note = note
    if as_of is not None and as_of != old_as_of:
        changes.append(Change("as_of", old_as_of.isoformat() if old_as_of else None, as_of.isoformat()))
        new_as_of = as_of
    if not changes:
        return task.uid, []
    at = datetime.now(UTC)  # bound as the column holds it (store.sql)
    state = {"uid": task.uid, "status": new_status, "note": new_note, "as_of": new_as_of, "at": at,
             "by": by, "fingerprint": task.fingerprint}
    sql.rows(UPDATE_STATE if saved else INSERT_STATE, state)
    for change in changes:
        sql.rows(INSERT_EVENT, {"uid": task.uid, "at": at, "by": by, "field": change.field, "old": change.old,
                                "new": change.new, "as_of": as_of, "document": task.document_label,
                                "task": task.title})
    sql.rows(UPDATE_TASKS, {"status": new_status, "note": new_note, "uid": task.uid})
    return task.uid, changes


@contextmanager
def sqlite_transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the SQLite file ``path`` inside ``BEGIN IMMEDIATE`` (the read and the
    write of a status change are one step, even beside another writer); committed on success."""
    connection = sqlite3.connect(path, timeout=SQLITE_BUSY_SECONDS, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.close()
