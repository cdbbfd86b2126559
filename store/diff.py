"""``planwatch diff``: tasks added, removed and changed between two documents, matched by content.

Tasks pair by stable id first (ids are inherited by content from one version to the next), then
by title (``store.taskid.match_titles``); row numbers play no part. A pair is changed when its
lead or cooperating agencies, deadline, outputs or title differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.errors import NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from store.queries import TaskRow
    from store.tables import Document

NO_PREVIOUS = "'{text}' has no earlier version stored; name the document to compare it with"
COMPARED = (
    ("title", lambda r: r.title),
    ("lead", lambda r: sorted(r.lead)),
    ("cooperating", lambda r: sorted(r.cooperate)),
    ("deadline", lambda r: f"{r.timeframe or ''} ({r.deadline.isoformat() if r.deadline else '-'})"),
    ("outputs", lambda r: r.outputs or ""),
)


@dataclass(frozen=True, slots=True)
class TaskChange:
    """One task added, removed or changed; ``fields`` holds (field, old, new) for a change."""

    change: str
    id: str | None
    key: str
    title: str
    fields: tuple[tuple[str, Any, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change, "id": self.id, "key": self.key, "title": self.title,
            "fields": [{"field": f, "old": o, "new": n} for f, o, n in self.fields],
        }

    def details(self) -> str:
        return "; ".join(f"{f}: {_text(o)} -> {_text(n)}" for f, o, n in self.fields)


def _text(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def _latest(session: Session, text: str) -> Document:
    from store.tables import Document
    from store.lookup import find_documents

    ids = find_documents(session, text)
    documents = [session.get(Document, i) for i in ids]
    return max((d for d in documents if d is not None), key=lambda d: (d.status == "current", d.version, d.id))


def compare(session: Session, document: str, other: str | None = None) -> tuple[str, str, list[TaskChange]]:
    """The changes from the older document to the newer one.

    Args:
        session: an open session.
        document: the newer document (or, with ``other``, either of the two).
        other: the document to compare with; default the version before ``document``.

    Returns:
        The older and newer labels, and the changes: removed, changed, then added.

    Raises:
        NotFound: a document names nothing, or ``document`` has no earlier version.
    """
    from store.lookup import document_label
    from store.queries import tasks
    from store.tables import Document
    from store.taskid import match_titles

    new = _latest(session, document)
    if other is None:
        if new.previous_id is None:
            raise NotFound(NO_PREVIOUS.format(text=document))
        old = session.get(Document, new.previous_id)
        assert old is not None
    else:
        old = _latest(session, other)
        if (old.version, old.id) > (new.version, new.id):
            old, new = new, old
    old_rows = tasks(session, document_ids=[old.id])  # type: ignore[list-item]
    new_rows = tasks(session, document_ids=[new.id])  # type: ignore[list-item]
    pairs: dict[int, int] = {}
    old_by_uid = {r.uid: j for j, r in enumerate(old_rows) if r.uid}
    for i, row in enumerate(new_rows):
        if row.uid in old_by_uid:
            pairs[i] = old_by_uid.pop(row.uid)
    rest_new = [i for i in range(len(new_rows)) if i not in pairs]
    rest_old = sorted(old_by_uid.values())
    by_title = match_titles([new_rows[i].title for i in rest_new], [old_rows[j].title for j in rest_old])
    pairs.update({rest_new[a]: rest_old[b] for a, b in by_title.items()})
    matched_old = set(pairs.values())
    changes = [_one("removed", r) for j, r in enumerate(old_rows) if j not in matched_old]
    for i, j in sorted(pairs.items()):
        fields = _fields(old_rows[j], new_rows[i])
        if fields:
            changes.append(_one("changed", new_rows[i], fields))
    changes += [_one("added", r) for i, r in enumerate(new_rows) if i not in pairs]
    return document_label(old), document_label(new), changes


def _one(change: str, row: TaskRow, fields: tuple[tuple[str, Any, Any], ...] = ()) -> TaskChange:
    return TaskChange(change, row.uid, row.key, row.title, fields)


def _fields(old: TaskRow, new: TaskRow) -> tuple[tuple[str, Any, Any], ...]:
    from store.taskid import title_key

    out = []
    for name, read in COMPARED:
        before, after = read(old), read(new)
        same = title_key(before) == title_key(after) if name in ("title", "outputs") else before == after
        if not same:
            out.append((name, before, after))
    return tuple(out)
