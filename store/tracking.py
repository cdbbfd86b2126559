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
    A ``TOTAL`` row closes the list."""
    from store.names import sort_key
    from store.queries import iter_tasks

    today = today or date.today()
    groups: dict[str, Summary] = {}
    total = Summary("TOTAL")
    for r in iter_tasks(session, document=document, today=today):  # streamed: memory follows the groups
        names = dict.fromkeys((*r.lead, *r.cooperate)) if by == "agency" else (r.document,)
        for name in names:
            groups.setdefault(name, Summary(name)).add(r.status, r.due, today)
        total.add(r.status, r.due, today)
    out = list(groups.values())
    if by == "agency":
        out.sort(key=lambda s: sort_key(s.name))
    return [*out, total]


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
    """``store.export.matrix_grid`` with the task's stable id as the first column."""
    from store.export import matrix_grid

    header, body = matrix_grid(rows)
    ids = {(r.document, r.task_key): r.id or "" for r in rows}
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
