"""``planwatch review``: the queue of what needs a human, each item with its provenance.

Reasons, in the order the queue lists them: ``changed`` (a task's content changed while it had
a human status), ``truncated``, ``unresolved`` / ``ambiguous`` agencies, ``unparsed`` timeframes,
``garbled`` numbers, ``low_confidence`` facts. Only the current versions are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session

LOW_CONFIDENCE = 0.6
REASONS = ("changed", "truncated", "unresolved", "ambiguous", "unparsed", "garbled", "low_confidence")
COLUMNS = ("reason", "kind", "id", "document", "where", "text", "detail")


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One thing to look at: why, what (task, target, observation, duty), where it was read."""

    reason: str
    kind: str
    id: str | None
    document: str
    provenance: dict[str, Any]
    text: str
    detail: str = ""

    def where(self) -> str:
        return ", ".join(f"{k} {self.provenance[k]}" for k in ("page", "table", "row", "column", "line")
                         if k in self.provenance)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reason": self.reason, "kind": self.kind, "id": self.id, "document": self.document,
            "where": self.where(), "text": self.text, "detail": self.detail, "provenance": self.provenance,
        }


def review_queue(session: Session, *, document: str | None = None, reasons: tuple[str, ...] = REASONS) -> list[ReviewItem]:
    """Every item needing a human in the current documents (or ``document``), ordered by
    reason (:data:`REASONS`), then document and position."""
    from sqlmodel import select

    from store.lookup import document_label
    from store.queries import _current_documents
    from store.tables import Agency, Assignment, Document, Observation, Responsibility, Target, Task, TaskState
    from store.task_select import scope_conditions

    documents = _current_documents(session, document)
    # the current versions by a join, or the named documents in bounded batches: no IN list of every id
    scopes = scope_conditions(None if document is None else list(documents))
    label = {i: document_label(d) for i, d in documents.items()}
    items: list[ReviewItem] = []
    task_rows = [task for where in scopes for task in session.exec(
        select(Task).join(Document, Document.id == Task.document_id).where(*where)).all()]  # type: ignore[arg-type]
    states = {s.uid: s for s in session.exec(select(TaskState)).all()}
    for task in task_rows:
        def add(reason: str, detail: str = "", task: Task = task) -> None:
            items.append(ReviewItem(reason, "task", task.uid, label[task.document_id], task.provenance,
                                    task.title, detail))

        state = states.get(task.uid or "")
        if state and state.fingerprint and state.fingerprint != task.fingerprint and state.status != "not_started":
            add("changed", f"changed since you marked it {state.status}")
        for flag in ("truncated", "ambiguous"):
            if flag in task.flags:
                add(flag)
        if "unparsed" in task.flags or (
            task.timeframe_text and task.timeframe_end is None and not task.timeframe_recurrence
        ):
            add("unparsed", f"timeframe: {task.timeframe_text or '-'}")
        if task.confidence < LOW_CONFIDENCE:
            add("low_confidence", f"confidence {task.confidence:.2f}")
    by_task = {t.id: t for t in task_rows}
    links = [link for where in scopes for link in session.exec(
        select(Assignment, Agency).join(Agency, Agency.id == Assignment.agency_id)  # type: ignore[arg-type]
        .join(Task, Task.id == Assignment.task_id).join(Document, Document.id == Task.document_id)  # type: ignore[arg-type]
        .where(*where, Agency.resolved == False)  # noqa: E712
    ).all()]
    for link, agency in links:
        if agency.kind == "vague":  # "các đơn vị có liên quan" names no one: nothing to resolve
            continue
        task = by_task[link.task_id]
        items.append(ReviewItem("unresolved", "task", task.uid, label[task.document_id], task.provenance,
                                task.title, f"{link.role}: {link.mention}"))
    for table, kind in ((Target, "target"), (Observation, "observation"), (Responsibility, "duty")):
        facts = [fact for where in scopes for fact in session.exec(
            select(table).join(Document, Document.id == table.document_id).where(*where)).all()]  # type: ignore[attr-defined]
        for fact in facts:
            text = getattr(fact, "text", None) or getattr(fact, "duty", "")
            where = label[fact.document_id]
            for flag in ("garbled", "truncated", "ambiguous", "unparsed"):
                if flag in fact.flags:
                    items.append(ReviewItem(flag, kind, None, where, fact.provenance, text))
            if fact.confidence < LOW_CONFIDENCE:
                items.append(ReviewItem("low_confidence", kind, None, where, fact.provenance, text,
                                        f"confidence {fact.confidence:.2f}"))
    items = [i for i in items if i.reason in reasons]
    items.sort(key=lambda i: (REASONS.index(i.reason), i.document, i.provenance.get("page") or 0,
                              i.provenance.get("row") or 0))
    return items


def write_markdown(items: list[ReviewItem], out: Any) -> None:
    """The queue as Markdown: one ``##`` section per reason, one line per item."""
    out.write("# Review\n")
    current = None
    for item in items:
        if item.reason != current:
            current = item.reason
            out.write(f"\n## {current}\n\n")
        ident = f"`{item.id}` " if item.id else ""
        detail = f" — {item.detail}" if item.detail else ""
        where = f", {item.where()}" if item.where() else ""
        out.write(f"- [ ] {ident}{item.kind}: {item.text}{detail} ({item.document}{where})\n")
