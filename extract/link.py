"""Stage 5, link: task keys made unique, every agency mention resolved to an identity
(canonical name, area), the agencies the document names listed, and every figure's indicator
mention resolved to the catalogue (``extract.link_targets``)."""

from __future__ import annotations

import logging

from extract.directory import agency_directory, resolve_agency
from extract.fields.collect import Fields, document_to_located
from extract.link_targets import facts_to_linked, targets_to_linked
from schemas.records import (
    AgencyInfo,
    AgencyMention,
    ExtractedDocument,
    PersonMention,
    Responsibility,
    Task,
)

__all__ = ["document_to_located", "fields_to_extraction", "named_agencies", "persons_to_linked",
           "responsibilities_to_linked", "tasks_to_linked", "unique_keys"]

logger = logging.getLogger(__name__)
NO_TABLE = "no task table: "
NO_TASK_COLUMNS = "no table has a task column with a lead or timeframe column"
NO_MATCH = "matches no known agency"  # the reasons an unresolved mention is listed with
PERSON_CONFIDENCE = 0.8  # a lead or cooperating entry kept as a person (its shape says so)
SLICE_TASKS = 1000  # tasks linked at a time (see link_in_slices)


def unique_keys(tasks: list[Task]) -> tuple[list[Task], list[str]]:
    """Task keys made unique: a key seen before (a second table numbered from 1 again) gets the
    table number appended ("1@t2"), with a warning."""
    seen: set[str] = set()
    next_suffix: dict[str, int] = {}  # per "key@tN": the suffix to try next, so k repeats cost k
    out: list[Task] = []
    notes: list[str] = []
    for task in tasks:
        key = task.key
        if key in seen:
            base = key = f"{task.key}@t{task.source.table}"
            suffix = next_suffix.get(base, 2)
            while key in seen:
                key, suffix = f"{base}.{suffix}", suffix + 1
            next_suffix[base] = suffix
            notes.append(f"task key {task.key} appears again in table {task.source.table}; stored as {key}")
            task = task.replaced(key=key)
        seen.add(key)
        out.append(task)
    return out, notes


def _resolved(mentions: list[AgencyMention], lang: str, area: str | None,
              persons: frozenset[str] = frozenset()) -> list[AgencyMention]:
    """Each mention resolved to an agency, but an entry the task keeps as a person (``persons``:
    their mentions in this role) is marked so (reason ``person``), never looked up as an agency."""
    return [
        AgencyMention(mention=m.mention, agency=None, kind=None, confidence=PERSON_CONFIDENCE,
                      flags=[], reason="person", area=None)
        if m.mention in persons else resolve_agency(m.mention, lang, area)
        for m in mentions
    ]


def persons_to_linked(persons: list[PersonMention], lang: str, area: str | None = None) -> list[PersonMention]:
    """People with the agency their cell names resolved like any agency mention."""
    return [p.replaced(agency=resolve_agency(p.agency.mention, lang, area)) if p.agency else p for p in persons]


def _named(persons: list[PersonMention], role: str) -> frozenset[str]:
    return frozenset(p.mention for p in persons if p.role == role and p.name is not None)


def tasks_to_linked(tasks: list[Task], lang: str, area: str | None = None) -> list[Task]:
    """Tasks with lead and cooperating mentions and their persons' agencies resolved;
    provincial bodies take ``area``."""
    linked = []
    for task in tasks:
        if not task.persons:
            linked.append(task.replaced(lead=_resolved(task.lead, lang, area),
                                        cooperating=_resolved(task.cooperating, lang, area)))
            continue
        linked.append(task.replaced(
            lead=_resolved(task.lead, lang, area, _named(task.persons, "lead")),
            cooperating=_resolved(task.cooperating, lang, area, _named(task.persons, "cooperate")),
            persons=persons_to_linked(task.persons, lang, area),
        ))
    return linked


def link_in_slices(tasks: list[Task], lang: str, area: str | None = None) -> None:
    """``tasks_to_linked`` in place, ``SLICE_TASKS`` tasks at a time: the unresolved copies of a
    slice go before the next is linked, so a table of 100,000 rows is held once, not twice."""
    for at in range(0, len(tasks), SLICE_TASKS):
        tasks[at : at + SLICE_TASKS] = tasks_to_linked(tasks[at : at + SLICE_TASKS], lang, area)


def responsibilities_to_linked(duties: list[Responsibility], lang: str, area: str | None = None) -> list[Responsibility]:
    return [
        d.replaced(agency=resolve_agency(d.agency.mention, lang, area), cooperating=_resolved(d.cooperating, lang, area))
        for d in duties
    ]


def named_agencies(tasks: list[Task], duties: list[Responsibility], lang: str) -> tuple[list[AgencyInfo], list[str]]:
    """The directory entry of every resolved agency, once per (name, area), and warnings for
    unresolved mentions and for close spellings left for review. The directory is read only
    when some mention was resolved (an article or a table-less report often has none)."""
    named: dict[tuple[str, str | None], AgencyInfo] = {}
    warnings: list[str] = []
    mentions = [(t.key, m) for t in tasks for m in (*t.lead, *t.cooperating)]
    mentions += [(t.key, p.agency) for t in tasks for p in t.persons if p.agency is not None]
    mentions += [("duty", m) for d in duties for m in (d.agency, *d.cooperating)]
    for where, mention in mentions:
        if mention.reason == "person":
            continue  # kept in the task's persons
        if mention.agency is None:
            warnings.append(f"agency '{mention.mention}' ({where}) {NO_MATCH}; kept as written")
            continue
        if mention.reason == "fuzzy":
            warnings.append(f"agency '{mention.mention}' ({where}) read as '{mention.agency}' by a close spelling; review it")
        identity = (mention.agency, mention.area)
        if identity not in named and (info := agency_directory(lang).get(mention.agency)):
            named[identity] = info.info(mention.area)
    return list(named.values()), list(dict.fromkeys(warnings))


def fields_to_extraction(found: Fields) -> ExtractedDocument:
    """The link stage over everything the fields stage read: the extraction of one document."""
    lang, document = found.lang, found.document
    link_in_slices(found.tasks, lang, document.area)  # the fields' own list: no one else reads it
    tasks, key_notes = unique_keys(found.tasks)
    duties = responsibilities_to_linked(found.duties, lang, document.area)
    agencies, agency_notes = named_agencies(tasks, duties, lang)
    targets, observations = targets_to_linked(found.targets, lang, news=document.kind == "news"), facts_to_linked(found.observations, lang)
    warnings = [*found.warnings, *key_notes, *found.target_warnings, *agency_notes]
    if not tasks and document.kind != "news":
        why = next((w for w in warnings if w.startswith(NO_TABLE)), "")
        warnings.append(f"no tasks found: {why.removeprefix(NO_TABLE) if why else NO_TASK_COLUMNS}")
    logger.info("%s: %d tasks, %d targets, %d warnings", document.source, len(tasks), len(targets), len(warnings))
    return ExtractedDocument(
        document=document, tasks=tasks, targets=targets, observations=observations,
        responsibilities=duties, agencies=agencies, warnings=warnings,
    )
