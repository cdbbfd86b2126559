"""Finding what a filter names: documents by number, file or title; agencies by any alias."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from store.errors import NotFound
from store.names import name_key
from store.sql import Sql, as_sql, json_value

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.tables import Document


def document_label(document: Document) -> str:
    """How a document is named in listings: its number, else its title, else its file name."""
    return document.number or document.title or PurePath(document.source).name


def find_documents(db: Session | Sql, text: str) -> list[int]:
    """Ids of the documents ``text`` names: id, number, SHA-256 prefix, file name or title words.

    Raises:
        NotFound: nothing matches.
    """
    key = name_key(text)
    found = []
    # one light pass over every document: the id, number and title, which are compared after
    # normalising; the hash and the file only where SQL finds the text in them (a LIKE matches
    # at least what the exact comparison below does), so most rows carry two NULLs
    params = {"anywhere": f"%{_like(text)}%", "prefix": f"{_like(text.lower())}%" if len(text) >= 6 else ""}
    rows = as_sql(db).rows(
        "SELECT id, number, title, CASE WHEN sha256 LIKE :prefix ESCAPE '!' THEN sha256 END,"
        " CASE WHEN source LIKE :anywhere ESCAPE '!' THEN source END FROM document ORDER BY id", params)
    for doc_id, number, title, sha256, source in rows:
        if (
            text == str(doc_id)
            or (number and name_key(number) == key)
            or (sha256 is not None and sha256.startswith(text.lower()))
            or (source is not None and (source == text or PurePath(source).name == text))
            or (title and key in name_key(title))
        ):
            found.append(doc_id)
    if not found:
        from store.suggest import did_you_mean

        known = [n for _, number, title, _, _ in rows for n in (number, title) if n]
        raise NotFound(NotFound.DOCUMENT.format(text=text) + did_you_mean(text, known, partial=True))
    return found


def _like(text: str) -> str:
    """``text`` as a LIKE pattern matching it literally (escape character ``!``)."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def find_agencies(db: Session | Sql, text: str, *, lang: str = "vi", successors: bool = False) -> list[int]:
    """Ids of the agencies ``text`` names: a canonical name, an alias or an abbreviation, with
    or without the province after it ("Sở TT&TT Lâm Đồng" is only Lâm Đồng's department).

    The language directory (``extract.directory.canonical_agency``) and the names and aliases
    stored in the database are both consulted, so an agency known only from a document matches.
    With ``successors``, the agencies it carries on after the 2025 mergers match too ("Sở
    KH&CN Lâm Đồng" takes in Lâm Đồng's and Đắk Nông's "Sở Thông tin và Truyền thông").

    Raises:
        NotFound: neither the directory nor the store knows the name.
    """
    sql = as_sql(db)
    if not successors and lang == "vi":  # a stored name as listings write it: no resolver to import
        from store.agency_exact import exact_agencies

        exact = exact_agencies(sql, text)
        if exact is not None:
            return exact
    return resolved_agencies(sql, text, lang=lang, successors=successors)


def resolved_agencies(sql: Sql, text: str, *, lang: str = "vi", successors: bool = False) -> list[int]:
    """:func:`find_agencies` through the language's resolver alone (province split, canonical
    name, close spellings), which its fast path (``store.agency_exact``) must agree with."""
    from extract.jurisdiction import split_area

    name, area = split_area(text)
    if area and name:
        found, canonical = _matching(sql, name, lang, area)
        if not (found or canonical):  # "Ủy ban nhân dân tỉnh Lai Châu": the tier is part of the name
            found, canonical = _matching(sql, split_area(text, keep_tier=True)[0], lang, area)
        if found or canonical:
            return _with_predecessors(sql, found, (canonical, area), lang) if successors else found
    found, canonical = _matching(sql, text, lang, None)
    if successors and canonical:
        return _with_predecessors(sql, found, (canonical, None), lang)
    if not found and not canonical:
        from store.suggest import did_you_mean

        rows = sql.rows("SELECT name, aliases FROM agency ORDER BY id", {})
        known = [n for name, aliases in rows for n in (name, *json_value(aliases))]
        raise NotFound(NotFound.AGENCY.format(text=text) + did_you_mean(text, known))
    return found


def _with_predecessors(sql: Sql, found: list[int], named: tuple[str | None, str | None], lang: str) -> list[int]:
    """``found`` and every stored agency whose successor (as the directory and the province
    list record it) is one of them, or is ``named`` (canonical name, area or None for any)."""
    from extract.directory import agency_directory

    directory = agency_directory(lang)
    rows = sql.rows("SELECT id, name, area FROM agency WHERE resolved = :yes ORDER BY id", {"yes": True})
    targets = {(name, area) for agency_id, name, area in rows if agency_id in found}
    out = list(found)
    for agency_id, name, stored_area in rows:
        if agency_id in found:
            continue
        later, area = directory.carried_on(name, stored_area or None)
        if (later, area or "") in targets or (later == named[0] and named[1] in (None, area)):
            out.append(agency_id)
    return out


def _matching(sql: Sql, text: str, lang: str, area: str | None) -> tuple[list[int], str | None]:
    """Ids of stored agencies (of ``area``, when given) named ``text``, and its canonical name."""
    keys = {name_key(text)}
    canonical = _resolve_canonical(text, lang)
    if canonical:
        keys.add(name_key(canonical))
    where, params = (" WHERE area = :area", {"area": area}) if area is not None else ("", {})
    found = [
        agency_id
        for agency_id, name, aliases in sql.rows(f"SELECT id, name, aliases FROM agency{where} ORDER BY id", params)
        if {name_key(name), *(name_key(a) for a in json_value(aliases))} & keys
    ]
    return found, canonical


def _resolve_canonical(text: str, lang: str) -> str | None:
    from extract.directory import canonical_agency

    return canonical_agency(text, lang)
