"""Status people own: ``task set`` with its audit trail, and ``task show``.

The state lives in ``TaskState`` under the task's stable id, so it outlives re-ingest, new
versions and ``documents forget``; each change is also written to every stored row of the task
(``Task.status``) so listings read it without a join. Every changed field is one ``TaskEvent``.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from store.status_sql import Change, SessionSql, task_rows, write_status

if TYPE_CHECKING:
    from sqlmodel import Session

    from store.tables import Task, TaskEvent, TaskState

STATUS_ALIASES = {"open": "not_started", "todo": "not_started", "doing": "in_progress"}


def current_user() -> str:
    """Who is acting, when ``--by`` is not given: the OS login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return os.environ.get("USER") or "unknown"


def normalise_status(status: str) -> str:
    """The stored status for what a person typed (``open`` is ``not_started``)."""
    return STATUS_ALIASES.get(status, status)


def human_states(session: Session, uids: Iterable[str]) -> dict[str, TaskState]:
    """The saved state of each of these task ids that has one."""
    from sqlmodel import select

    from store.tables import TaskState

    wanted = list(dict.fromkeys(uids))
    out: dict[str, TaskState] = {}
    for start in range(0, len(wanted), 500):
        query = select(TaskState).where(TaskState.uid.in_(wanted[start : start + 500]))  # type: ignore[attr-defined]
        out.update({s.uid: s for s in session.exec(query).all()})
    return out


def find_task_rows(session: Session, text: str) -> list[Task]:
    """Every stored row of the task ``text`` names (its id, or a unique prefix of at least
    ``store.status_sql.MIN_PREFIX`` letters), the current document's row first.

    Raises:
        NotFound: no task, or several tasks, have that id.
    """
    from store.tables import Task

    return [task for row in task_rows(SessionSql(session), text) if (task := session.get(Task, row.id)) is not None]


def set_status(
    session: Session,
    text: str,
    *,
    status: str | None = None,
    note: str | None = None,
    as_of: date | None = None,
    by: str | None = None,
) -> tuple[str, list[Change]]:
    """Set a task's status and/or note, recording each change in the audit trail; commits.

    Args:
        session: an open session.
        text: the task id (or a unique prefix).
        status: one of ``store.tables.TASK_STATUSES`` (``open`` is read as ``not_started``).
        note: free text kept with the status.
        as_of: the date the status is true from (default: not recorded).
        by: who; default the OS user.

    Returns:
        The task id and the changes made (empty when nothing differed).
    """
    from store.tables import TASK_STATUSES

    if status is not None:
        status = normalise_status(status)
        if status not in TASK_STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(TASK_STATUSES)}")
    uid, changes = write_status(SessionSql(session), text, status=status, note=note, as_of=as_of, by=by or current_user())
    session.commit()
    session.expire_all()  # rows read before the change hold the old status
    return uid, changes


def history(session: Session, uid: str) -> list[TaskEvent]:
    """The audit trail of one task id, oldest first."""
    from sqlmodel import col, select

    from store.tables import TaskEvent

    query = select(TaskEvent).where(TaskEvent.uid == uid).order_by(col(TaskEvent.at), col(TaskEvent.id))
    return list(session.exec(query).all())


def event_dict(event: TaskEvent) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(timespec="seconds"),
        "by": event.by,
        "field": event.field,
        "old": event.old,
        "new": event.new,
        "as_of": event.as_of.isoformat() if event.as_of else None,
        "document": event.document,
    }


def task_persons(session: Session, task_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The people each of ``task_ids`` names, in the order read: person as written, name,
    office, role and the agency the document gives (its listing label, or None)."""
    from sqlmodel import col, select

    from store.queries import agency_labels
    from store.tables import TaskPerson

    found: dict[int, list[dict[str, Any]]] = {}
    if not task_ids:
        return found
    query = select(TaskPerson).where(col(TaskPerson.task_id).in_(task_ids)).order_by(col(TaskPerson.id))
    rows = session.exec(query).all()
    labels = agency_labels(session) if any(r.agency_id is not None for r in rows) else {}
    for row in rows:
        found.setdefault(row.task_id, []).append({
            "person": row.mention, "name": row.name, "title": row.title, "role": row.role,
            "agency": labels.get(row.agency_id) if row.agency_id is not None else None,
            "agency_mention": row.agency_mention,
        })
    return found


def show_task(session: Session, text: str, *, today: date | None = None) -> dict[str, Any]:
    """One task in full: text, agencies with roles, the persons it names (with their agencies),
    provenance, confidence, flags, due date, status and its history; ``versions`` lists every
    document the task was read in."""
    from sqlmodel import select

    from store.deadlines import due_date
    from store.lookup import document_label
    from store.tables import Agency, Assignment, Document, TaskState

    rows = find_task_rows(session, text)
    task = rows[0]
    document = session.get(Document, task.document_id)
    assert document is not None
    people = task_persons(session, [task.id])  # type: ignore[list-item]
    links = session.exec(
        select(Assignment, Agency).join(Agency, Agency.id == Assignment.agency_id)  # type: ignore[arg-type]
        .where(Assignment.task_id == task.id)
    ).all()
    state = session.get(TaskState, task.uid)
    due = due_date(task.timeframe_start or document.issued, task.timeframe_end, task.timeframe_recurrence, document.horizon,
                   today or date.today())
    return {
        "id": task.uid,
        "document": document_label(document),
        "key": task.key,
        "group": task.group_title,
        "title": task.title,
        "outputs": task.outputs,
        "notes": task.notes,
        "timeframe": task.timeframe_text,
        "recurrence": task.timeframe_recurrence,
        "due": due.isoformat() if due else None,
        "status": task.status,
        "status_note": task.status_note,
        "status_as_of": state.as_of.isoformat() if state and state.as_of else None,
        "agencies": [
            {"name": agency.name, "role": link.role, "mention": link.mention, "confidence": link.confidence,
             "resolved": agency.resolved}
            for link, agency in sorted(links, key=lambda la: (la[0].role != "lead", la[1].name))
        ],
        "persons": people.get(task.id, []),  # type: ignore[arg-type]
        "provenance": {"document": document_label(document), "source": document.source, **task.provenance},
        "confidence": task.confidence,
        "flags": list(task.flags),
        "changed_since_status": bool(state and state.fingerprint and state.fingerprint != task.fingerprint),
        "history": [event_dict(e) for e in history(session, task.uid)],  # type: ignore[arg-type]
        "versions": [
            document_label(d) + f" (version {d.version}, {d.status})"
            for d in (session.get(Document, r.document_id) for r in rows) if d is not None
        ],
    }
