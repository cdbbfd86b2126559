"""Aliases people teach: ``planwatch agencies alias MENTION CANONICAL``.

A close spelling or an unresolved mention never becomes an alias on its own; a person decides.
The decision is one :class:`store.tables.AgencyAlias` row (kept forever: the audit trail), it
moves the stored assignments and duties written with that spelling to the agency, in the
area of each (a national agency is ``national``, a provincial one stays in its province), and
:class:`store.agency_rows.AgencyRows` applies it to every later ingest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.errors import StoreError
from store.agency_index import alias_area
from store.names import name_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from store.agency_rows import AgencyRows

UNKNOWN_CANONICAL = "'{text}' is no agency of the directory; give a canonical name or one of its aliases (`planwatch agencies`)"
CLOSE_CANONICAL = "'{text}' is only a close spelling of '{name}'; give the agency's name or an exact alias"
ALREADY_OTHER = "'{mention}' already means '{other}' in the directory; an alias cannot send it to '{canonical}'"


class AliasRefused(StoreError):
    """The alias cannot be taught as given."""


@dataclass(frozen=True, slots=True)
class AliasResult:
    mention: str
    canonical: str
    repointed: int  # assignments and duties moved to the agency, or confirmed on it
    removed: int  # unresolved agency rows left with nothing, deleted

    def to_dict(self) -> dict[str, object]:
        return {"mention": self.mention, "canonical": self.canonical, "repointed": self.repointed, "removed": self.removed}


def canonical_name(text: str, lang: str = "vi") -> str:
    """The directory's canonical name for ``text`` (a name or an exact alias).

    Raises:
        AliasRefused: ``text`` is no agency, or only a close spelling of one.
    """
    from extract.directory import resolve_agency

    found = resolve_agency(text, lang)
    if found.agency is None:
        raise AliasRefused(UNKNOWN_CANONICAL.format(text=text))
    if found.reason == "fuzzy":
        raise AliasRefused(CLOSE_CANONICAL.format(text=text, name=found.agency))
    return found.agency


def teach_alias(session: Session, mention: str, canonical: str, *, by: str, lang: str = "vi") -> AliasResult:
    """Record that ``mention`` means ``canonical`` and move what is stored under that spelling.

    Raises:
        AliasRefused: ``canonical`` is not a directory agency, or the directory already reads
            ``mention`` exactly as another agency.
    """
    from extract.directory import resolve_agency
    from store.agency_rows import AgencyRows
    from store.tables import AgencyAlias

    name = canonical_name(canonical, lang)
    mention = " ".join(mention.split())
    now = resolve_agency(mention, lang)
    if now.agency is not None and now.reason != "fuzzy" and now.agency != name:
        raise AliasRefused(ALREADY_OTHER.format(mention=mention, other=now.agency, canonical=name))
    rows = AgencyRows(session)
    repointed, emptied = _repoint(session, rows, mention, name, lang)
    removed = _remove_empty(session, emptied)
    session.add(AgencyAlias(mention=mention, key=name_key(mention), canonical=name, by=by, repointed=repointed))
    session.commit()
    return AliasResult(mention, name, repointed, removed)


def _repoint(session: Session, rows: AgencyRows, mention: str, name: str, lang: str) -> tuple[int, set[int]]:
    """Move assignments, duties and persons' agencies written ``mention`` (any case) to
    ``name`` in their area; returns how many moved and the ids of the agency rows they left."""
    from sqlmodel import select

    from store.tables import Agency, Assignment, Responsibility, TaskPerson

    key = name_key(mention)
    agencies = {a.id: a for a in session.exec(select(Agency)).all()}
    moved, left = 0, set[int]()
    for assignment in session.exec(select(Assignment)).all():
        old = agencies[assignment.agency_id]
        if name_key(assignment.mention) != key:
            continue
        if old.name == name and old.resolved:  # a close spelling that guessed right: confirmed
            rows.taught(name, assignment.mention, old.area)
            assignment.confidence = 1.0
            session.add(assignment)
            moved += 1
            continue
        target = rows.taught(name, assignment.mention, alias_area(name, assignment.mention, old.area, lang))
        clash = session.get(Assignment, (assignment.task_id, target.id, assignment.role))
        session.delete(assignment)
        if clash is None:
            session.add(Assignment(task_id=assignment.task_id, agency_id=target.id, role=assignment.role,
                                   mention=assignment.mention, confidence=1.0))
        moved, left = moved + 1, left | {old.id}  # type: ignore[arg-type]
    for duty in session.exec(select(Responsibility)).all():
        old = agencies[duty.agency_id]
        if name_key(duty.mention) != key:
            continue
        area = old.area if old.name == name and old.resolved else alias_area(name, duty.mention, old.area, lang)
        duty.agency_id = rows.taught(name, duty.mention, area).id  # type: ignore[assignment]
        duty.confidence = 1.0
        session.add(duty)
        moved, left = moved + 1, left | {old.id}  # type: ignore[arg-type]
    for person in session.exec(select(TaskPerson).where(TaskPerson.agency_id.is_not(None))).all():  # type: ignore[union-attr]
        old = agencies[person.agency_id]  # type: ignore[index]
        if name_key(person.agency_mention or "") != key:
            continue
        area = old.area if old.name == name and old.resolved else alias_area(name, person.agency_mention, old.area, lang)  # type: ignore[arg-type]
        person.agency_id = rows.taught(name, person.agency_mention, area).id  # type: ignore[arg-type]
        session.add(person)
        moved, left = moved + 1, left | {old.id}  # type: ignore[arg-type]
    session.flush()
    return moved, left


def _remove_empty(session: Session, ids: set[int]) -> int:
    """Delete the unresolved rows among ``ids`` that no assignment, duty or person points to any more."""
    from sqlmodel import select

    from store.tables import Agency, Assignment, Responsibility, TaskPerson

    removed = 0
    for agency_id in sorted(ids):
        agency: Agency | None = session.get(Agency, agency_id)
        if agency is None or agency.resolved:
            continue
        used = session.exec(select(Assignment.task_id).where(Assignment.agency_id == agency_id).limit(1)).first()
        used = used or session.exec(select(Responsibility.id).where(Responsibility.agency_id == agency_id).limit(1)).first()
        used = used or session.exec(select(TaskPerson.id).where(TaskPerson.agency_id == agency_id).limit(1)).first()
        if used is None:
            session.delete(agency)
            removed += 1
    session.flush()
    return removed
