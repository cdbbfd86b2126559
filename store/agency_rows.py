"""Agency rows while one document is written: get-or-create by (name, area), as link decided.

The store does not match names: a mention resolved by extraction goes to its canonical agency
of its area; an unresolved one becomes (or joins) an unresolved row of its own name and area.
Only an alias a person settled is applied: one taught with ``planwatch agencies alias`` (an
unresolved or close-spelling mention of that spelling goes to the taught agency), or an
unresolved mention spelled exactly like an alias on a resolved agency of the same area. Close
spellings (reason ``fuzzy``) are never learned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.agency_index import AgencyIndex, AgencyRow, Key, alias_area, identity
from store.names import name_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from schemas.records import AgencyInfo, AgencyMention

LEARNED_REASONS = ("name", "alias", "acronym")  # how a mention must match to be kept as an alias


class AgencyRows:
    """Get-or-create agency rows within one transaction.

    Rows are looked up in ``index`` (a writer's :class:`~store.agency_index.AgencyIndex`, made
    current here; a new one, read now, when none is given) and what this transaction creates or
    changes is kept apart until :meth:`stage` hands it to the index. A row is changed through
    its ORM object, loaded by id when needed.
    """

    def __init__(self, session: Session, index: AgencyIndex | None = None) -> None:
        self.session = session
        self.index = index if index is not None else AgencyIndex()
        self.index.refresh(session)
        self.taught_names = self.index.taught_names
        self.rows: dict[int, AgencyRow] = {}  # created or changed in this transaction
        self.by_identity: dict[Key, int] = {}
        self.by_alias: dict[Key, int] = {}

    def stage(self) -> None:
        """Hand what this transaction wrote to the index (merged once it commits)."""
        self.index.stage(self.session, self.rows, self.by_identity, self.by_alias)

    def _row(self, agency_id: int) -> AgencyRow:
        return self.rows.get(agency_id) or self.index.rows[agency_id]

    def _find(self, key: Key, *, alias: bool = False) -> AgencyRow | None:
        mine, theirs = (self.by_alias, self.index.by_alias) if alias else (self.by_identity, self.index.by_identity)
        agency_id = theirs.get(key) if alias else mine.get(key)  # an alias keeps its first agency
        if agency_id is None:
            agency_id = mine.get(key) if alias else theirs.get(key)
        return None if agency_id is None else self._row(agency_id)

    def _index(self, row: AgencyRow) -> None:
        self.rows[row.id] = row
        self.by_identity[identity(row.name, row.area)] = row.id
        if row.resolved:
            for alias in row.aliases:
                self._index_alias(alias, row)

    def _index_alias(self, alias: str, row: AgencyRow) -> None:
        key = identity(alias, row.area)
        if key not in self.index.by_alias:
            self.by_alias.setdefault(key, row.id)

    def _change(self, row: AgencyRow, **values: Any) -> AgencyRow:
        """``row`` with ``values`` written to its ORM object (only those that differ)."""
        from store.tables import Agency

        values = {name: value for name, value in values.items() if getattr(row, name) != value}
        if not values:
            return row
        agency = self.session.get(Agency, row.id)
        assert agency is not None, f"agency {row.id} vanished under the write lock"
        for name, value in values.items():
            setattr(agency, name, list(value) if name == "aliases" else value)
        self.session.add(agency)
        row = row.changed(**values)
        self.rows[row.id] = row
        return row

    def _get_or_create(self, name: str, area: str | None, *, resolved: bool, kind: str | None) -> AgencyRow:
        from sqlalchemy import insert

        from store.tables import Agency

        row = self._find(identity(name, area))
        if row is None:  # a plain INSERT: no ORM object to build and flush, only its id is needed
            row = AgencyRow(0, name, area or "", kind, None, None, (), resolved)
            values: dict[str, Any] = {"name": row.name, "area": row.area, "kind": kind, "aliases": [], "resolved": resolved}
            done = self.session.connection().execute(insert(Agency).values(values))
            row = row.changed(id=done.inserted_primary_key[0])  # type: ignore[index]
        elif resolved and not row.resolved:  # the directory now knows it
            row = self._change(row, resolved=True, kind=row.kind or kind)
        self._index(row)
        return row

    def _add_alias(self, row: AgencyRow, alias: str) -> AgencyRow:
        alias = alias.strip()
        known = {name_key(row.name), *(name_key(a) for a in row.aliases)}
        if alias and name_key(alias) not in known:  # "Các DNVT" and "các DNVT" are one alias
            row = self._change(row, aliases=(*row.aliases, alias))
            self._index_alias(alias, row)
        return row

    def learn(self, info: AgencyInfo) -> AgencyRow:
        row = self._get_or_create(info.name, info.area, resolved=True, kind=info.kind)
        row = self._change(row, kind=row.kind or info.kind, jurisdiction=row.jurisdiction or info.jurisdiction,
                           parent=row.parent or info.parent)
        for alias in info.aliases:
            row = self._add_alias(row, alias)
        return row

    def taught(self, name: str, mention: str, area: str | None) -> AgencyRow:
        """The row of directory agency ``name`` in ``area``, with ``mention`` as one of its aliases
        (a person taught it)."""
        from extract.directory import agency_directory

        info = agency_directory().get(name)
        row = self._get_or_create(name, area, resolved=True, kind=info.kind if info else None)
        if info is not None:
            row = self._change(row, jurisdiction=row.jurisdiction or info.jurisdiction, parent=row.parent or info.parent)
        return self._add_alias(row, mention)

    def for_mention(self, mention: AgencyMention) -> AgencyRow:
        """The row of the agency link resolved ``mention`` to, in the mention's area; an
        unresolved or close-spelling mention a person taught goes to the taught agency."""
        if mention.agency is None or mention.reason == "fuzzy":
            if taught := self.taught_names.get(name_key(mention.mention)):
                return self.taught(taught, mention.mention, alias_area(taught, mention.mention, mention.area))
        if mention.agency:
            row = self._get_or_create(mention.agency, mention.area, resolved=True, kind=mention.kind)
            if mention.reason is None or mention.reason in LEARNED_REASONS:
                row = self._add_alias(row, mention.mention)
            return row
        settled = self._find(identity(mention.mention, mention.area), alias=True)
        if settled is not None:  # an alias a person settled for this area
            return settled
        kind = mention.kind or ("vague" if "vague" in mention.flags else None)
        return self._get_or_create(mention.mention.strip(), mention.area, resolved=False, kind=kind)
