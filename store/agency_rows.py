"""Agency rows while one document is written: get-or-create by name, learning aliases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.names import name_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from schemas.records import AgencyInfo, AgencyMention
    from store.tables import Agency


class AgencyRows:
    """Get-or-create agency rows within one transaction; learns aliases as it goes."""

    def __init__(self, session: Session) -> None:
        from sqlmodel import select

        from store.tables import Agency

        self.session = session
        self.by_name: dict[str, Agency] = {}
        self.by_alias: dict[str, Agency] = {}
        for agency in session.exec(select(Agency)).all():
            self._index(agency)

    def _index(self, agency: Agency) -> None:
        self.by_name[name_key(agency.name)] = agency
        if agency.resolved:
            for alias in agency.aliases:
                self.by_alias.setdefault(name_key(alias), agency)

    def _get_or_create(self, name: str, *, resolved: bool, kind: str | None) -> Agency:
        from store.tables import Agency

        agency = self.by_name.get(name_key(name))
        if agency is None:
            agency = Agency(name=name, kind=kind, resolved=resolved)
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
            self.by_alias.setdefault(name_key(alias), agency)

    def learn(self, info: AgencyInfo) -> Agency:
        agency = self._get_or_create(info.name, resolved=True, kind=info.kind)
        agency.kind = agency.kind or info.kind
        agency.jurisdiction = agency.jurisdiction or info.jurisdiction
        agency.parent = agency.parent or info.parent
        for alias in info.aliases:
            self._add_alias(agency, alias)
        self.session.add(agency)
        return agency

    def for_mention(self, mention: AgencyMention) -> Agency:
        if mention.agency:
            agency = self._get_or_create(mention.agency, resolved=True, kind=mention.kind)
            self._add_alias(agency, mention.mention)
            return agency
        known = self.by_alias.get(name_key(mention.mention))
        if known is not None:  # an alias people (or another document) already settled
            return known
        kind = mention.kind or ("vague" if "vague" in mention.flags else None)
        return self._get_or_create(mention.mention.strip(), resolved=False, kind=kind)
