"""The tracking views: status summaries per document or agency, and one task as text."""

from __future__ import annotations

from datetime import date
from typing import IO, TYPE_CHECKING, Any

from store.deadlines import Summary

if TYPE_CHECKING:
    from sqlmodel import Session


def status_summary(
    session: Session, *, by: str = "document", document: str | None = None, today: date | None = None
) -> list[Summary]:
    """Counts per document (``by="document"``) or per agency (every task it leads or cooperates
    on, once) in the categories officials report: completed, in progress, on time, overdue.
    A ``TOTAL`` row closes the list.

    Tasks are read a batch of documents at a time, only the columns a due date needs and their
    agencies' ids (``store.matrix_select.tasks_with_agencies``), in listing order, so groups
    come in the order the task listing would first show them."""
    from store.deadlines import due_date
    from store.lookup import find_documents
    from store.matrix_select import tasks_with_agencies
    from store.names import sort_key
    from store.queries import agency_labels
    from store.tables import Document, Task
    from store.task_select import as_day, documents_in_order, driver_value, label_batches, natural_key

    today = today or date.today()
    documents = documents_in_order(session, find_documents(session, document) if document is not None else None)
    labels = {str(i): name for i, name in agency_labels(session).items()}  # ids as the database lists them
    rank: dict[str, int] = {}
    places = {doc_id: rank.setdefault(label, len(rank)) for label, doc_id in documents}
    titles = {doc_id: label for label, doc_id in documents}
    columns = (Task.id, Task.document_id, Task.key, Task.status, driver_value(Task.timeframe_start),
               driver_value(Task.timeframe_end), Task.timeframe_recurrence, driver_value(Document.issued),
               driver_value(Document.horizon))
    groups: dict[str, Summary] = {}
    total = Summary("TOTAL")
    for batch in label_batches(documents):  # memory follows a batch and the groups
        where = [Task.document_id.in_(batch)]  # type: ignore[attr-defined]
        rows = session.connection().execute(tasks_with_agencies(columns, where, every_task=True)).all()
        rows.sort(key=lambda r: (places[r[1]], natural_key(r[2]), r[0]))
        for _, doc_id, _, status, start, end, recurrence, issued, horizon, lead, helper in rows:
            due = due_date(as_day(start) or as_day(issued), as_day(end), recurrence, as_day(horizon), today)
            if by == "agency":
                names: Any = dict.fromkeys((*_named(lead, labels), *_named(helper, labels)))
            else:
                names = (titles[doc_id],)
            for name in names:
                summary = groups.get(name)
                if summary is None:
                    summary = groups[name] = Summary(name)
                summary.add(status, due, today)
            total.add(status, due, today)
    out = list(groups.values())
    if by == "agency":
        out.sort(key=lambda s: sort_key(s.name))
    return [*out, total]


def _named(ids: str | None, labels: dict[str, str]) -> list[str]:
    """The labels of comma-separated agency ids, sorted as task rows list them."""
    return sorted(labels[i] for i in ids.split(",")) if ids else []


def write_task(data: dict[str, Any], out: IO[str]) -> None:
    """``planwatch task show`` on a terminal: one field a line, agencies and history indented."""
    lines = [f"{data['id']}  {data['key']}  {data['title']}"]
    for label, key in (("document", "document"), ("group", "group"), ("outputs", "outputs"),
                       ("notes", "notes"), ("timeframe", "timeframe"), ("recurrence", "recurrence"),
                       ("due", "due"), ("status", "status"), ("status note", "status_note"),
                       ("confidence", "confidence")):
        if data.get(key) not in (None, ""):
            lines.append(f"{label}: {data[key]}")
    if data["flags"]:
        lines.append("flags: " + ", ".join(data["flags"]))
    if data["changed_since_status"]:
        lines.append("review: the task's text changed since its status was set")
    lines.append("agencies:")
    for agency in data["agencies"]:
        resolved = "" if agency["resolved"] else " (unresolved)"
        lines.append(f"  {agency['role']}: {agency['name']}{resolved}  [as written: {agency['mention']}]")
    if data.get("persons"):
        lines.append("persons:")
    for person in data.get("persons", []):
        agency = f" ({person['agency']})" if person["agency"] else ""
        lines.append(f"  {person['role']}: {person['person']}{agency}")
    source = data["provenance"]
    where = ", ".join(f"{k} {source[k]}" for k in ("page", "table", "row", "column", "line") if k in source)
    lines.append(f"source: {source['source']}" + (f" ({where})" if where else ""))
    if source.get("text"):
        lines.append(f"  text: {source['text']}")
    lines.append("history:" if data["history"] else "history: none")
    for event in data["history"]:
        as_of = f" (as of {event['as_of']})" if event["as_of"] else ""
        lines.append(f"  {event['at']} {event['by']}: {event['field']} {event['old'] or '-'} -> "
                     f"{event['new'] or '-'}{as_of}")
    if len(data["versions"]) > 1:
        lines.append("versions: " + "; ".join(data["versions"]))
    out.write("\n".join(lines) + "\n")


def grid_with_ids(rows: list[Any]) -> tuple[list[str], list[list[str]]]:
    """``store.export.matrix_grid`` of the matrix's (task, cell) pairs with the task's stable id
    as the first column."""
    from store.export import matrix_grid

    header, body = matrix_grid(rows)
    ids = {(document, key): uid or "" for (document, key, _, uid), _ in rows}
    return ["id", *header], [[ids[(row[0], row[1])], *row] for row in body]


def ingest_report(session: Session, outcomes: list[Any]) -> str:
    """``ingest --json``: one object per file (path, status, reason, document id, counts and the
    warnings' text), as a JSON list."""
    import json

    from store.tables import Document

    report = []
    for outcome in outcomes:
        document = session.get(Document, outcome.document_id) if outcome.document_id else None
        report.append({
            "path": str(outcome.path), "status": outcome.status, "reason": outcome.reason or None,
            "document_id": outcome.document_id, "tasks": outcome.tasks, "targets": outcome.targets,
            "warnings": list(document.warnings) if document else [],
        })
    return json.dumps(report, ensure_ascii=False, indent=1)
