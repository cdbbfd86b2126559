"""The rows of one extraction, written in bulk: one statement per table, not one per task.

The document row and any new agency go through the ORM (a handful of rows, their ids needed at
once); tasks, assignments, targets, observations, duties and search entries are built as plain
rows and sent with one multi-row ``INSERT`` per table (``RETURNING`` their ids, in the order
sent, where a later table points at them). Runs inside the caller's transaction
(``store.ingest.store_result``), which holds the write lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from store.agency_rows import AgencyRows
from store.bulk import insert_rows, new_ids
from store.search import add_entries, duty_text, target_text, task_text
from store.status import human_states
from store.taskid import assign_ids, fingerprint

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlmodel import Session

    from schemas.records import AgencyMention, ExtractedDocument
    from schemas.records import Task as TaskRecord
    from store.agency_index import AgencyIndex
    from store.tables import Document

Row = dict[str, Any]


def write_document(session: Session, result: ExtractedDocument, index: AgencyIndex | None = None) -> Document:
    """Add the rows of ``result`` to the session's transaction and return its document row.

    The new row continues the stored versions of the same document (``store.versions``); the
    status people set is carried over by task id; agencies are rows as link decided them,
    looked up in the writer's ``index`` (a new one when none is given), to which the rows
    this transaction made are staged at the end.
    """
    from store import tables as t
    from store.versions import find_lineage, older_warning, settle_current

    info = result.document
    lineage = find_lineage(session, info)
    previous = lineage.latest
    agencies = AgencyRows(session, index)  # before this document's row: the index compares newest ids
    document = t.Document(
        source=info.source, sha256=info.sha256, format=info.format, language=info.language, kind=info.kind,
        title=info.title, number=info.number, issuer=info.issuer, issued=info.issued, horizon=info.horizon,
        pages=info.pages, references=[r.to_dict() for r in info.references],
        warnings=[*result.warnings, *lineage.warnings],
        version=previous.version + 1 if previous else 1, previous_id=previous.id if previous else None,
    )
    session.add(document)
    session.flush()
    document_id: int = document.id  # type: ignore[assignment]
    for agency_info in result.agencies:
        agencies.learn(agency_info)
    kept = _human_fields(session, lineage.current or previous)
    uids = assign_ids(info, result.tasks, [(uid, title) for uid, (title, _, _) in kept.items()])
    states = human_states(session, uids)
    agency_id = _agency_ids(agencies)
    task_rows, links, people = [], [], []
    for task, uid in zip(result.tasks, uids):
        _, status, note = kept.get(uid, (None, t.DEFAULT_STATUS, None))
        if uid in states:
            status, note = states[uid].status, states[uid].note
        task_rows.append(_task_row(document_id, task, uid, status, note))
        links.append(_assignments(agency_id, task))
        people.append(_persons(agency_id, task))
    target_rows = [_fact_row(t.Target.__table__, document_id, target) for target in result.targets]  # type: ignore[attr-defined]
    observation_rows = [_fact_row(t.Observation.__table__, document_id, fact) for fact in result.observations]  # type: ignore[attr-defined]
    duty_rows = [
        {"document_id": document_id, "agency_id": agency_id(duty.agency), "mention": duty.agency.mention,
         "role": duty.role, "duty": duty.duty, "confidence": duty.confidence, "provenance": _provenance(duty.source),
         "flags": list(duty.flags)}
        for duty in result.responsibilities
    ]
    session.flush()  # agency rows created or taught an alias above, before rows point at them
    connection = session.connection()
    tables = (t.Task.__table__, t.Target.__table__, t.Responsibility.__table__)  # type: ignore[attr-defined]
    task_ids, target_ids, duty_ids = new_ids(connection, list(zip(tables, (len(task_rows), len(target_rows), len(duty_rows)))))
    assignments = [{"task_id": task_id, **link} for task_id, task_links in zip(task_ids, links) for link in task_links]
    persons = [{"task_id": task_id, **person} for task_id, task_people in zip(task_ids, people) for person in task_people]
    insert_rows(connection, [
        (tables[0], _with_ids(task_ids, task_rows)), (t.Assignment.__table__, assignments),  # type: ignore[attr-defined]
        (t.TaskPerson.__table__, persons),  # type: ignore[attr-defined]
        (tables[1], _with_ids(target_ids, target_rows)), (t.Observation.__table__, observation_rows),  # type: ignore[attr-defined]
        (tables[2], _with_ids(duty_ids, duty_rows)),
    ])
    current = settle_current(session, [*lineage.versions, document])
    if warning := older_warning(document, current):
        document.warnings = [*document.warnings, warning]
        session.add(document)
    session.flush()
    agencies.stage()
    add_entries(session, document_id, [
        *(("task", ref, task_text(row["title"], row["outputs"], row["group_title"], row["notes"]))
          for ref, row in zip(task_ids, task_rows)),
        *(("target", ref, target_text(row["indicator"], row["text"])) for ref, row in zip(target_ids, target_rows)),
        *(("duty", ref, duty_text(row["mention"], row["duty"])) for ref, row in zip(duty_ids, duty_rows)),
    ])
    return document


def _with_ids(ids: list[int], rows: list[Row]) -> list[Row]:
    return [{"id": row_id, **row} for row_id, row in zip(ids, rows)]


def _agency_ids(agencies: AgencyRows) -> Callable[[AgencyMention], int]:
    """The agency row id of a mention (``AgencyRows.for_mention``), remembered for resolved
    mentions: a document names the same few agencies in every row, and a resolved mention
    always goes to the same row. Unresolved ones are asked each time (an alias learnt from a
    later row may settle them)."""
    known: dict[tuple[str, str, str | None, str | None, str | None], int] = {}

    def agency_id(mention: AgencyMention) -> int:
        if not mention.agency:
            return agencies.for_mention(mention).id
        key = (mention.mention, mention.agency, mention.area, mention.kind, mention.reason)
        if key not in known:
            known[key] = agencies.for_mention(mention).id
        return known[key]

    return agency_id


def _task_row(document_id: int, task: TaskRecord, uid: str, status: str, note: str | None) -> Row:
    timeframe, group = task.timeframe, task.group
    return {
        "document_id": document_id, "key": task.key,
        "group_number": group.number if group else None, "group_title": group.title if group else None,
        "number": task.number, "title": task.title, "outputs": task.outputs, "notes": task.notes,
        "timeframe_text": timeframe.text if timeframe else None,
        "timeframe_start": timeframe.start if timeframe else None,
        "timeframe_end": timeframe.end if timeframe else None,
        "timeframe_recurrence": timeframe.recurrence if timeframe else None,
        "provenance": _provenance(task.source), "confidence": task.confidence, "flags": list(task.flags),
        "status": status, "status_note": note, "uid": uid, "fingerprint": fingerprint(task),
    }


def _assignments(agency_id: Callable[[AgencyMention], int], task: TaskRecord) -> list[Row]:
    """The task's (agency, role) links, each once ("Sở TT&TT" and its full name in one cell);
    an entry link kept as a person is no agency (it is one of the task's persons)."""
    seen: set[tuple[int, str]] = set()
    rows = []
    for role, mentions in (("lead", task.lead), ("cooperate", task.cooperating)):
        for mention in mentions:
            if mention.reason == "person":
                continue
            link = (agency_id(mention), role)
            if link in seen:
                continue
            seen.add(link)
            rows.append({"agency_id": link[0], "role": role, "mention": mention.mention,
                         "confidence": mention.confidence})
    return rows


def _persons(agency_id: Callable[[AgencyMention], int], task: TaskRecord) -> list[Row]:
    """The task's people, each with the agency row of the agency its cell gives (or none)."""
    return [
        {"role": p.role, "mention": p.mention, "name": p.name, "title": p.title,
         "agency_id": agency_id(p.agency) if p.agency is not None else None,
         "agency_mention": p.agency.mention if p.agency is not None else None, "confidence": p.confidence}
        for p in task.persons
    ]


def _fact_row(table: Table, document_id: int, fact: Any) -> Row:
    """A target or observation as a row of ``table``: its fields the table has, and provenance."""
    row = {name: getattr(fact, name) for name in table.c.keys() if name != "source" and name in fact.__dataclass_fields__}
    row.update(document_id=document_id, provenance=_provenance(fact.source), flags=list(fact.flags))
    return row


def _provenance(source: Any) -> dict[str, object]:
    return {name: value for name, value in source.to_dict().items() if value is not None}


def _human_fields(session: Session, previous: Document | None) -> dict[str, tuple[str, str, str | None]]:
    """Task id -> (title, status, status_note) of the previous version, to match and carry over."""
    if previous is None:
        return {}
    from sqlmodel import select

    from store.tables import Task

    query = select(Task.uid, Task.key, Task.title, Task.status, Task.status_note).where(
        Task.document_id == previous.id)
    return {uid or key: (title, status, note) for uid, key, title, status, note in session.exec(query).all()}
