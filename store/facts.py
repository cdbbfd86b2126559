"""Listings of what is stored but was unreachable: observations (reported figures), duties
(responsibilities given in prose) and references between documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.lookup import document_label, find_agencies
from store.names import name_key

if TYPE_CHECKING:
    from sqlmodel import Session


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _where(provenance: dict[str, Any]) -> str:
    return ", ".join(f"{k} {provenance[k]}" for k in ("page", "table", "row", "line") if k in provenance)


def observations(session: Session, *, indicator: str | None = None, document: str | None = None) -> list[dict[str, Any]]:
    """Reported figures of the current documents (or ``document``), with provenance."""
    from sqlmodel import col, select

    from store.queries import _current_documents
    from store.tables import Observation

    documents = _current_documents(session, document)
    query = select(Observation).where(col(Observation.document_id).in_(list(documents))).order_by(Observation.id)
    out = []
    for fact in session.exec(query).all():
        if indicator and name_key(indicator) not in name_key(f"{fact.indicator} {fact.indicator_id or ''}"):
            continue
        out.append({
            "document": document_label(documents[fact.document_id]), "indicator": fact.indicator,
            "value": _plain(fact.value), "unit": fact.unit, "as_of": fact.as_of, "area": fact.area,
            "text": fact.text, "where": _where(fact.provenance), "confidence": fact.confidence,
            "flags": list(fact.flags),
        })
    return out


def duties(
    session: Session, *, agency: str | None = None, role: str | None = None, document: str | None = None
) -> list[dict[str, Any]]:
    """Responsibilities given in prose, per agency, with provenance."""
    from sqlmodel import col, select

    from store.queries import _current_documents
    from store.tables import Agency, Responsibility

    documents = _current_documents(session, document)
    query = (
        select(Responsibility, Agency).join(Agency, Agency.id == Responsibility.agency_id)  # type: ignore[arg-type]
        .where(col(Responsibility.document_id).in_(list(documents))).order_by(Responsibility.id)
    )
    if agency:
        query = query.where(col(Responsibility.agency_id).in_(find_agencies(session, agency)))
    if role:
        query = query.where(Responsibility.role == role)
    return [
        {
            "document": document_label(documents[duty.document_id]), "agency": who.name, "mention": duty.mention,
            "role": duty.role, "duty": duty.duty, "where": _where(duty.provenance), "confidence": duty.confidence,
            "flags": list(duty.flags),
        }
        for duty, who in session.exec(query).all()
    ]


def references(session: Session, *, document: str | None = None) -> list[dict[str, Any]]:
    """Documents each stored document cites, and whether the cited one is stored too."""
    from store.queries import _current_documents

    documents = _current_documents(session, document)
    stored = {name_key(d.number): document_label(d) for d in documents.values() if d.number}
    return [
        {
            "document": document_label(doc), "cites": ref.get("number") or ref.get("text"), "kind": ref.get("kind"),
            "date": ref.get("date"), "stored": stored.get(name_key(ref.get("number") or "")),
            "text": ref.get("text"),
        }
        for doc in documents.values() for ref in doc.references
    ]
