"""Agency rows while one document is written: get-or-create by (name, area), as link decided.

The store does not match names: a mention resolved by extraction goes to its canonical agency
of its area; an unresolved one becomes (or joins) an unresolved row of its own name and area.
Only an alias a person settled is applied: one taught with ``planwatch agencies alias`` (an
unresolved or close-spelling mention of that spelling goes to the taught agency), or an
unresolved mention spelled exactly like an alias on a resolved agency of the same area. Close
spellings (reason ``fuzzy``) are never learned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.names import name_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from schemas.records import AgencyInfo, AgencyMention
    from store.tables import Agency

LEARNED_REASONS = ("name", "alias", "acronym")  # how a mention must match to be kept as an alias


def identity(name: str, area: str | None) -> tuple[str, str]:
    """The row key of an agency: its name's key and its area ("" when unknown)."""
    return name_key(name), area or ""


class AgencyRows:
    """Get-or-create agency rows within one transaction."""

    def __init__(self, session: Session) -> None:
        from sqlmodel import select

        from store.tables import Agency

        from store.agency_alias import taught_aliases

        self.session = session
        self.by_identity: dict[tuple[str, str], Agency] = {}
        self.by_alias: dict[tuple[str, str], Agency] = {}
        self.taught_names = taught_aliases(session)  # mention key -> canonical name people taught
        for agency in session.exec(select(Agency)).all():
            self._index(agency)

    def _index(self, agency: Agency) -> None:
        self.by_identity[identity(agency.name, agency.area)] = agency
        if agency.resolved:
            for alias in agency.aliases:
                self.by_alias.setdefault(identity(alias, agency.area), agency)

    def _get_or_create(self, name: str, area: str | None, *, resolved: bool, kind: str | None) -> Agency:
        from store.tables import Agency

        agency = self.by_identity.get(identity(name, area))
        if agency is None:
            agency = Agency(name=name, area=area or "", kind=kind, resolved=resolved)
            self.session.add(agency)
            self.session.flush()
        elif resolved and not agency.resolved:  # the directory now knows it
            agency.resolved = True
            agency.kind = agency.kind or kind
            self.session.add(agency)
        self._index(agency)
        return agency

    def _add_alias(self, agency: Agency, alias: str) -> None:
        alias = alias.strip()
        known = {name_key(agency.name), *(name_key(a) for a in agency.aliases)}
        if alias and name_key(alias) not in known:  # "Các DNVT" and "các DNVT" are one alias
            agency.aliases = [*agency.aliases, alias]
            self.session.add(agency)
            self.by_alias.setdefault(identity(alias, agency.area), agency)

    def learn(self, info: AgencyInfo) -> Agency:
        agency = self._get_or_create(info.name, info.area, resolved=True, kind=info.kind)
        agency.kind = agency.kind or info.kind
        agency.jurisdiction = agency.jurisdiction or info.jurisdiction
        agency.parent = agency.parent or info.parent
        for alias in info.aliases:
            self._add_alias(agency, alias)
        self.session.add(agency)
        return agency

    def taught(self, name: str, mention: str, area: str | None) -> Agency:
        """The row of directory agency ``name`` in ``area``, with ``mention`` as one of its aliases
        (a person taught it)."""
        from extract.directory import agency_directory

        info = agency_directory().get(name)
        agency = self._get_or_create(name, area, resolved=True, kind=info.kind if info else None)
        if info is not None:
            agency.jurisdiction = agency.jurisdiction or info.jurisdiction
            agency.parent = agency.parent or info.parent
        self._add_alias(agency, mention)
        return agency

    def for_mention(self, mention: AgencyMention) -> Agency:
        """The row of the agency link resolved ``mention`` to, in the mention's area; an
        unresolved or close-spelling mention a person taught goes to the taught agency."""
        if mention.agency is None or mention.reason == "fuzzy":
            if taught := self.taught_names.get(name_key(mention.mention)):
                from store.agency_alias import alias_area

                return self.taught(taught, mention.mention, alias_area(taught, mention.mention, mention.area))
        if mention.agency:
            agency = self._get_or_create(mention.agency, mention.area, resolved=True, kind=mention.kind)
            if mention.reason is None or mention.reason in LEARNED_REASONS:
                self._add_alias(agency, mention.mention)
            return agency
        settled = self.by_alias.get(identity(mention.mention, mention.area))
        if settled is not None:  # an alias a person settled for this area
            return settled
        kind = mention.kind or ("vague" if "vague" in mention.flags else None)
        return self._get_or_create(mention.mention.strip(), mention.area, resolved=False, kind=kind)
