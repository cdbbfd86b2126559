"""Stage 5, link: resolve every agency mention to an identity (canonical name, area) and list
the agencies the document names."""

from __future__ import annotations

from extract.agencies import agency_directory, resolve_agency
from extract.jurisdiction import document_area
from schemas.records import AgencyInfo, AgencyMention, DocumentInfo, Responsibility, Task


def document_to_located(document: DocumentInfo) -> DocumentInfo:
    """The document with its ``area``: the province its issuer or title names, or national."""
    return document.model_copy(update={"area": document_area(document.issuer, document.title)})


def _resolved(mentions: list[AgencyMention], lang: str, area: str | None) -> list[AgencyMention]:
    return [resolve_agency(m.mention, lang, area) for m in mentions]


def tasks_to_linked(tasks: list[Task], lang: str, area: str | None = None) -> list[Task]:
    """Tasks with lead and cooperating mentions resolved; provincial bodies take ``area``."""
    return [
        task.replaced(lead=_resolved(task.lead, lang, area), cooperating=_resolved(task.cooperating, lang, area))
        for task in tasks
    ]


def responsibilities_to_linked(duties: list[Responsibility], lang: str, area: str | None = None) -> list[Responsibility]:
    return [
        d.model_copy(
            update={"agency": resolve_agency(d.agency.mention, lang, area), "cooperating": _resolved(d.cooperating, lang, area)}
        )
        for d in duties
    ]


def named_agencies(tasks: list[Task], duties: list[Responsibility], lang: str) -> tuple[list[AgencyInfo], list[str]]:
    """The directory entry of every resolved agency, once per (name, area), and warnings for
    unresolved mentions and for close spellings left for review."""
    directory = agency_directory(lang)
    named: dict[tuple[str, str | None], AgencyInfo] = {}
    warnings: list[str] = []
    mentions = [(t.key, m) for t in tasks for m in (*t.lead, *t.cooperating)]
    mentions += [("duty", m) for d in duties for m in (d.agency, *d.cooperating)]
    for where, mention in mentions:
        if mention.agency is None:
            warnings.append(f"agency '{mention.mention}' ({where}) matches no known agency; kept as written")
            continue
        if mention.reason == "fuzzy":
            warnings.append(f"agency '{mention.mention}' ({where}) read as '{mention.agency}' by a close spelling; review it")
        identity = (mention.agency, mention.area)
        if identity not in named and (info := directory.get(mention.agency)):
            named[identity] = info.model_copy(update={"area": mention.area})
    return list(named.values()), list(dict.fromkeys(warnings))
