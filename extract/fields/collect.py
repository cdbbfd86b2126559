"""Stage 4 as one call: every field the segmented document gives, before any linking."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.fields.document import segmented_to_document
from extract.fields.prose_tasks import segmented_to_prose_tasks
from extract.fields.tasks import table_to_tasks
from extract.jurisdiction import document_area
from extract.langdata import load_language
from extract.reading import blocks_to_readings, facts_to_read
from schemas.blocks import Segmented
from schemas.records import DocumentInfo, Observation, Responsibility, Target, Task


@dataclass(frozen=True)
class Fields:
    """What the fields stage read: agency, person and indicator mentions still as written (link
    resolves them), task keys as numbered in the document (link makes them unique)."""

    lang: str
    document: DocumentInfo
    tasks: list[Task]
    duties: list[Responsibility]
    targets: list[Target]
    observations: list[Observation]
    warnings: list[str] = field(default_factory=list)  # loading, segmenting and task tables
    target_warnings: list[str] = field(default_factory=list)


def document_to_located(document: DocumentInfo) -> DocumentInfo:
    """The document with its ``area``: the province its issuer or title names, or national."""
    return document.replaced(area=document_area(document.issuer, document.title))


def segmented_to_fields(seg: Segmented, lang: str) -> Fields:
    """Document facts, tasks (tables, then prose), prose duties, targets and observations."""
    from extract.fields.responsibilities import sections_to_responsibilities
    from extract.fields.targets import segmented_to_targets

    language = load_language(lang)
    document = segmented_to_document(seg)
    warnings = list(seg.raw.warnings) + list(seg.warnings)
    tasks: list[Task] = []
    for table in seg.tables:
        found, notes = table_to_tasks(table, language, document.horizon)
        tasks.extend(found)
        warnings.extend(notes)
    tasks.extend(segmented_to_prose_tasks(seg, document.horizon))
    if tasks and document.kind != "plan":
        document = document.replaced(kind="plan")  # an assignment letter with tasks
    document = document_to_located(document)
    duties = sections_to_responsibilities(seg)
    targets, observations, target_notes = segmented_to_targets(seg, document)
    readings = blocks_to_readings(seg.raw.blocks)  # text layer > repaired layer > OCR
    tasks, targets = facts_to_read(tasks, readings), facts_to_read(targets, readings)
    observations = facts_to_read(observations, readings)
    return Fields(lang, document, tasks, duties, targets, observations, warnings, list(target_notes))
