"""``planwatch documents forget``: remove a document and everything read from it.

The audit trail (``TaskEvent``) and what people set (``TaskState``) stay: they belong to the
task ids, so re-ingesting the file brings its statuses back. When the forgotten document was
the current version, the most recent remaining version becomes current again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.errors import NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from store.tables import Document

SEVERAL = "'{text}' names {n} documents ({ids}); give the id from `planwatch documents`"


def forget_document(session: Session, text: str) -> tuple[str, int]:
    """Delete one document and its tasks, assignments, persons, targets, observations and duties; commits.

    Returns:
        The document's label and the number of tasks removed.

    Raises:
        NotFound: ``text`` names no document, or several.
    """
    from sqlalchemy import delete, update
    from sqlmodel import select

    from store.lookup import document_label, find_documents
    from store.search import drop_document
    from store.versions import settle_current
    from store.tables import Assignment, Document, Observation, Responsibility, Target, Task, TaskPerson

    ids = find_documents(session, text)
    if len(ids) > 1:
        raise NotFound(SEVERAL.format(text=text, n=len(ids), ids=", ".join(map(str, ids))))
    document = session.get(Document, ids[0])
    assert document is not None
    label = document_label(document)
    others = [d for d in _versions(session, document) if d.id != document.id]
    task_ids = list(session.exec(select(Task.id).where(Task.document_id == document.id)).all())
    try:
        if task_ids:
            session.exec(delete(Assignment).where(Assignment.task_id.in_(task_ids)))  # type: ignore[call-overload, attr-defined]
            session.exec(delete(TaskPerson).where(TaskPerson.task_id.in_(task_ids)))  # type: ignore[call-overload, attr-defined]
        for table in (Task, Target, Observation, Responsibility):
            session.exec(delete(table).where(table.document_id == document.id))  # type: ignore[call-overload]
        session.exec(  # type: ignore[call-overload]
            update(Document).where(Document.previous_id == document.id).values(previous_id=document.previous_id)
        )
        if others:
            settle_current(session, others)  # the most recent remaining version is current
        drop_document(session, document.id)  # type: ignore[arg-type]
        session.delete(document)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return label, len(task_ids)


def _versions(session: Session, document: Document) -> list[Document]:
    """Every stored version linked to ``document`` through ``previous_id``, both ways."""
    from sqlmodel import select

    from store.tables import Document

    seen: dict[int, Document] = {}
    todo = [document]
    while todo:
        doc = todo.pop()
        if doc.id in seen:
            continue
        seen[doc.id] = doc  # type: ignore[index]
        if doc.previous_id is not None and (older := session.get(Document, doc.previous_id)) is not None:
            todo.append(older)
        todo.extend(session.exec(select(Document).where(Document.previous_id == doc.id)).all())
    return list(seen.values())
