"""The agency rows a writer knows, kept for the writer's lifetime instead of read per document.

Reading every agency row of the store for every document made the writer's cost per file grow
with the store. A batch writer (``store.ingest.ingest_files``) keeps one :class:`AgencyIndex`:
read once, as plain values (no ORM objects), and kept in step with what the writer itself
commits. Other processes may change agencies too (several writers on PostgreSQL, a Dask run,
``planwatch agencies alias``): every such change comes with a new document, agency or taught
alias row, so under the write lock the index compares a small fingerprint of those tables with
the one it saw at its own last commit and reads everything again when they differ. A rolled
back transaction (a unique violation when another writer made the same agency first) drops
what it staged and forces the same re-read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from store.names import name_key

if TYPE_CHECKING:
    from sqlmodel import Session

Key = tuple[str, str]  # (name key, area): an agency's identity


def identity(name: str, area: str | None) -> Key:
    """The row key of an agency: its name's key and its area ("" when unknown)."""
    return name_key(name), area or ""


def taught_aliases(session: Session) -> dict[str, str]:
    """Every alias in force: mention key -> canonical name (the newest decision per key)."""
    from sqlmodel import select

    from store.tables import AgencyAlias

    rows = session.exec(select(AgencyAlias).order_by(AgencyAlias.at, AgencyAlias.id)).all()  # type: ignore[arg-type]
    return {row.key: row.canonical for row in rows}


def alias_area(canonical: str, mention: str, area: str | None, lang: str = "vi") -> str | None:
    """The area of ``canonical`` named by ``mention`` in a document of ``area``."""
    from extract.directory import agency_directory, agency_key
    from extract.jurisdiction import area_of

    info = agency_directory(lang).get(canonical)
    return area_of(info.jurisdiction if info else None, mention, agency_key(canonical, lang), area or None, lang)


@dataclass(frozen=True, slots=True)
class AgencyRow:
    """One agency row's values as stored."""

    id: int
    name: str
    area: str
    kind: str | None
    jurisdiction: str | None
    parent: str | None
    aliases: tuple[str, ...]
    resolved: bool

    def changed(self, **values: Any) -> AgencyRow:
        return replace(self, **values)


class AgencyIndex:
    """Agency rows by id, by identity and (resolved rows) by alias; taught aliases by key."""

    def __init__(self) -> None:
        self.rows: dict[int, AgencyRow] = {}
        self.by_identity: dict[Key, int] = {}
        self.by_alias: dict[Key, int] = {}
        self.taught_names: dict[str, str] = {}  # mention key -> canonical name people taught
        self.loads = 0  # how many times the rows were read (a writer alone: once)
        self._seen: tuple[Any, ...] | None = None  # fingerprint at our last read or commit
        self._staged: tuple[dict[int, AgencyRow], dict[Key, int], dict[Key, int], tuple[Any, ...]] | None = None

    def refresh(self, session: Session) -> None:
        """Make the index match the store, in the caller's transaction (which holds the write
        lock): read it again only if someone else changed agencies since we last looked."""
        seen = fingerprint(session)
        if seen != self._seen:
            self._load(session)
            self._seen = seen

    def stage(self, session: Session, rows: dict[int, AgencyRow], by_identity: dict[Key, int],
              by_alias: dict[Key, int]) -> None:
        """What this transaction wrote, to be merged by :meth:`committed` (after its commit)."""
        self._staged = (rows, by_identity, by_alias, fingerprint(session))

    def committed(self) -> None:
        if self._staged is None:
            return
        rows, by_identity, by_alias, seen = self._staged
        self._staged = None
        for row in rows.values():
            self.rows[row.id] = row
        self.by_identity.update(by_identity)
        for key, agency_id in by_alias.items():
            self.by_alias.setdefault(key, agency_id)
        self._seen = seen

    def rolled_back(self) -> None:
        """Forget what the transaction staged, and read the store again next time."""
        self._staged = None
        self._seen = None

    def _load(self, session: Session) -> None:
        from sqlmodel import select

        from store.tables import Agency

        self.rows.clear()
        self.by_identity.clear()
        self.by_alias.clear()
        columns = (Agency.id, Agency.name, Agency.area, Agency.kind, Agency.jurisdiction, Agency.parent,
                   Agency.aliases, Agency.resolved)
        query: Any = select(*columns).order_by(Agency.id)  # type: ignore[call-overload]
        for agency_id, name, area, kind, jurisdiction, parent, aliases, resolved in session.exec(query):
            row = AgencyRow(agency_id, name, area, kind, jurisdiction, parent, tuple(aliases or ()), resolved)
            self.rows[row.id] = row
            self.by_identity[identity(row.name, row.area)] = row.id
            if row.resolved:
                for alias in row.aliases:
                    self.by_alias.setdefault(identity(alias, row.area), row.id)
        self.taught_names = taught_aliases(session)
        self.loads += 1


def fingerprint(session: Session) -> tuple[Any, ...]:
    """The newest ids of the tables whose rows come with every change to agencies, and the
    newest document's hash (a forgotten newest document and the one that took its id differ).
    Each is one index lookup, whatever the size of the store."""
    from sqlalchemy import text

    from store.tables import Agency, AgencyAlias, Document

    tables = [Document.__tablename__, Agency.__tablename__, AgencyAlias.__tablename__]
    parts = ", ".join(f"(SELECT max(id) FROM {name})" for name in tables)
    newest = f"(SELECT sha256 FROM {tables[0]} ORDER BY id DESC LIMIT 1)"
    return tuple(session.exec(text(f"SELECT {parts}, {newest}")).one())  # type: ignore[call-overload]
