"""Stage 5, link: resolve every agency mention and list the agencies the document names."""

from __future__ import annotations

from extract.agencies import agency_directory, resolve_agency
from schemas.records import AgencyInfo, AgencyMention, Responsibility, Task


def _resolved(mentions: list[AgencyMention], lang: str) -> list[AgencyMention]:
    return [resolve_agency(m.mention, lang) for m in mentions]


def tasks_to_linked(tasks: list[Task], lang: str) -> list[Task]:
    """Tasks with lead and cooperating mentions resolved to canonical agencies."""
    return [
        task.model_copy(update={"lead": _resolved(task.lead, lang), "cooperating": _resolved(task.cooperating, lang)})
        for task in tasks
    ]


def responsibilities_to_linked(duties: list[Responsibility], lang: str) -> list[Responsibility]:
    return [
        d.model_copy(update={"agency": resolve_agency(d.agency.mention, lang), "cooperating": _resolved(d.cooperating, lang)})
        for d in duties
    ]


def named_agencies(tasks: list[Task], duties: list[Responsibility], lang: str) -> tuple[list[AgencyInfo], list[str]]:
    """The directory entries of every resolved agency, and warnings for unresolved mentions."""
    directory = agency_directory(lang)
    names: dict[str, AgencyInfo] = {}
    warnings: list[str] = []
    mentions = [(t.key, m) for t in tasks for m in (*t.lead, *t.cooperating)]
    mentions += [("duty", d.agency) for d in duties]
    for where, mention in mentions:
        if mention.agency is None:
            warnings.append(f"agency '{mention.mention}' ({where}) matches no known agency; kept as written")
        elif mention.agency not in names and (info := directory.get(mention.agency)):
            names[mention.agency] = info
    return list(names.values()), list(dict.fromkeys(warnings))
