"""Finding what a filter names: documents by number, file or title; agencies by any alias."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from store.errors import NotFound
from store.names import name_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from store.tables import Document



def document_label(document: Document) -> str:
    """How a document is named in listings: its number, else its title, else its file name."""
    return document.number or document.title or PurePath(document.source).name


def find_documents(session: Session, text: str) -> list[int]:
    """Ids of the documents ``text`` names: id, number, SHA-256 prefix, file name or title words.

    Raises:
        NotFound: nothing matches.
    """
    from sqlmodel import select

    from store.tables import Document

    key = name_key(text)
    found = []
    # the five columns compared, not whole rows: a store of many documents is read in one light pass
    columns = select(Document.id, Document.number, Document.title, Document.sha256, Document.source)
    rows = session.execute(columns.order_by(Document.id)).all()  # type: ignore[arg-type]
    for doc_id, number, title, sha256, source in rows:
        if (
            text == str(doc_id)
            or (number and name_key(number) == key)
            or (len(text) >= 6 and sha256.startswith(text.lower()))
            or source == text
            or PurePath(source).name == text
            or (title and key in name_key(title))
        ):
            found.append(doc_id)
    if not found:
        from store.suggest import did_you_mean

        known = [n for _, number, title, _, _ in rows for n in (number, title) if n]
        raise NotFound(NotFound.DOCUMENT.format(text=text) + did_you_mean(text, known, partial=True))
    return found  # type: ignore[return-value]


def find_agencies(session: Session, text: str, *, lang: str = "vi", successors: bool = False) -> list[int]:
    """Ids of the agencies ``text`` names: a canonical name, an alias or an abbreviation, with
    or without the province after it ("Sở TT&TT Lâm Đồng" is only Lâm Đồng's department).

    The language directory (``extract.agencies.resolve_agency``) and the names and aliases
    stored in the database are both consulted, so an agency known only from a document matches.
    With ``successors``, the agencies it carries on after the 2025 mergers match too ("Sở
    KH&CN Lâm Đồng" takes in Lâm Đồng's and Đắk Nông's "Sở Thông tin và Truyền thông").

    Raises:
        NotFound: neither the directory nor the store knows the name.
    """
    from extract.jurisdiction import split_area

    name, area = split_area(text)
    if area and name:
        found, canonical = _matching(session, name, lang, area)
        if not (found or canonical):  # "Ủy ban nhân dân tỉnh Lai Châu": the tier is part of the name
            found, canonical = _matching(session, split_area(text, keep_tier=True)[0], lang, area)
        if found or canonical:
            return _with_predecessors(session, found, (canonical, area), lang) if successors else found
    found, canonical = _matching(session, text, lang, None)
    if successors and canonical:
        return _with_predecessors(session, found, (canonical, None), lang)
    if not found and not canonical:
        from sqlmodel import select

        from store.suggest import did_you_mean
        from store.tables import Agency

        known = [n for agency in session.exec(select(Agency)).all() for n in (agency.name, *agency.aliases)]
        raise NotFound(NotFound.AGENCY.format(text=text) + did_you_mean(text, known))
    return found


def _with_predecessors(session: Session, found: list[int], named: tuple[str | None, str | None], lang: str) -> list[int]:
    """``found`` and every stored agency whose successor (as the directory and the province
    list record it) is one of them, or is ``named`` (canonical name, area or None for any)."""
    from sqlmodel import select

    from extract.directory import agency_directory
    from store.tables import Agency

    directory = agency_directory(lang)
    rows = session.exec(select(Agency).where(Agency.resolved == True).order_by(Agency.id)).all()  # noqa: E712
    targets = {(a.name, a.area) for a in rows if a.id in found}
    out = list(found)
    for agency in rows:
        if agency.id in found:
            continue
        later, area = directory.carried_on(agency.name, agency.area or None)
        if (later, area or "") in targets or (later == named[0] and named[1] in (None, area)):
            out.append(agency.id)  # type: ignore[arg-type]
    return out


def _matching(session: Session, text: str, lang: str, area: str | None) -> tuple[list[int], str | None]:
    """Ids of stored agencies (of ``area``, when given) named ``text``, and its canonical name."""
    from sqlmodel import select

    from store.tables import Agency

    keys = {name_key(text)}
    canonical = _resolve_canonical(text, lang)
    if canonical:
        keys.add(name_key(canonical))
    query = select(Agency).order_by(Agency.id)
    if area is not None:
        query = query.where(Agency.area == area)
    found = [
        agency.id
        for agency in session.exec(query).all()
        if {name_key(agency.name), *(name_key(a) for a in agency.aliases)} & keys
    ]
    return found, canonical  # type: ignore[return-value]


def _resolve_canonical(text: str, lang: str) -> str | None:
    from extract.agencies import resolve_agency

    return resolve_agency(text, lang).agency
