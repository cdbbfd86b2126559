"""Document identity (DESIGN §8): which stored documents a new one is a version of, and which
version is current.

A new version needs the same issuer and number, or the same title and issuer. Anything less
certain (the same number from another or an unknown issuer, as every province has its
"01/KH-UBND") is a separate document, with a warning naming the look-alike. Among the versions
of one document, "current" goes by issue date, then ingest time, so an old version ingested
after a new one is stored as superseded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from store.names import name_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from schemas.records import DocumentInfo
    from store.tables import Document

SAME_NUMBER_OTHER_ISSUER = (
    "number {number} is also document {id} ({issuer}); the issuers differ or are unknown, so this "
    "is stored as a separate document, not a new version"
)
SAME_TITLE_OTHER_ISSUER = (
    "title is also document {id} ({issuer}); the issuers differ or are unknown, so this is stored "
    "as a separate document, not a new version"
)
OLDER_THAN_CURRENT = (
    "issued {issued}, before document {id} (issued {current_issued}); stored as an older, superseded version"
)
UNKNOWN = "issuer unknown"


@dataclass
class Lineage:
    """The stored versions of one document (ingest order) and warnings about look-alikes."""

    versions: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def latest(self) -> Document | None:
        """The most recently ingested version: the new one points back to it."""
        return self.versions[-1] if self.versions else None

    @property
    def current(self) -> Document | None:
        return next((doc for doc in self.versions if doc.status == "current"), None)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and name_key(a) == name_key(b))


def find_lineage(session: Session, info: DocumentInfo) -> Lineage:
    """The stored versions ``info`` continues, and warnings for same-number or same-title
    documents that are not versions of it (other or unknown issuer)."""
    from sqlmodel import col, or_, select

    from store.tables import Document

    clues = []
    if info.number:
        clues.append(Document.number == info.number)
    if info.title:
        clues.append(Document.title == info.title)
    lineage = Lineage()
    if not clues:
        return lineage
    query = select(Document).where(or_(*clues)).order_by(col(Document.id))
    for doc in session.exec(query).all():
        same_issuer = _same(doc.issuer, info.issuer)
        if same_issuer and (_same(doc.number, info.number) or _same(doc.title, info.title)):
            lineage.versions.append(doc)
        elif _same(doc.number, info.number):
            lineage.warnings.append(
                SAME_NUMBER_OTHER_ISSUER.format(number=info.number, id=doc.id, issuer=doc.issuer or UNKNOWN)
            )
        elif _same(doc.title, info.title):
            lineage.warnings.append(SAME_TITLE_OTHER_ISSUER.format(id=doc.id, issuer=doc.issuer or UNKNOWN))
    lineage.versions.sort(key=lambda doc: (doc.version, doc.id or 0))
    return lineage


def _recency(doc: Document, undated: date) -> tuple[date, datetime, int]:
    """Sort key of "current": issue date (an undated version counts as of the latest known
    date, so ingest time decides for it), then ingest time, then id."""
    ingested = doc.ingested_at or datetime.min
    if ingested.tzinfo is not None:  # the new row in memory; stored ones come back naive UTC
        ingested = ingested.astimezone(timezone.utc).replace(tzinfo=None)
    return doc.issued or undated, ingested, doc.id or 0


def settle_current(session: Session, versions: list[Document]) -> Document:
    """Mark the most recent of ``versions`` (all of one document) current, the others
    superseded, and return the current one. Rows are added to ``session``, not committed."""
    undated = max((doc.issued for doc in versions if doc.issued), default=date.min)
    current = max(versions, key=lambda doc: _recency(doc, undated))
    for doc in versions:
        status = "current" if doc is current else "superseded"
        if doc.status != status:
            doc.status = status
            session.add(doc)
    return current


def older_warning(document: Document, current: Document) -> str | None:
    """The warning for a version stored superseded because a later-issued one is current."""
    if current is document or not (document.issued and current.issued):
        return None
    return OLDER_THAN_CURRENT.format(
        issued=document.issued.isoformat(), id=current.id, current_issued=current.issued.isoformat()
    )
