"""The stages in order: normalize -> segment -> fields -> link, over a loaded document."""

from __future__ import annotations

import logging

from extract.fields.document import segmented_to_document
from extract.fields.prose_tasks import segmented_to_prose_tasks
from extract.fields.tasks import table_to_tasks
from extract.langdata import load_language
from extract.link import document_to_located, named_agencies, responsibilities_to_linked, tasks_to_linked
from extract.normalize import raw_to_normalized
from extract.reading import blocks_to_readings, facts_to_read
from extract.segment import normalized_to_segmented
from schemas.blocks import RawDocument
from schemas.records import ExtractedDocument, Task

logger = logging.getLogger(__name__)


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
            task = task.model_copy(update={"key": key})
        seen.add(key)
        out.append(task)
    return out, notes


def raw_to_extraction(raw: RawDocument) -> ExtractedDocument:
    """Run every stage after loading; the result carries all warnings."""
    from extract.fields.responsibilities import sections_to_responsibilities
    from extract.fields.targets import segmented_to_targets

    normalized, lang = raw_to_normalized(raw)
    seg = normalized_to_segmented(normalized, lang)
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
        document = document.model_copy(update={"kind": "plan"})  # an assignment letter with tasks
    tasks, key_notes = unique_keys(tasks)
    warnings.extend(key_notes)
    document = document_to_located(document)
    tasks = tasks_to_linked(tasks, lang, document.area)
    duties = responsibilities_to_linked(sections_to_responsibilities(seg), lang, document.area)
    targets, observations, target_notes = segmented_to_targets(seg, document)
    warnings.extend(target_notes)
    readings = blocks_to_readings(raw.blocks)
    tasks, targets, observations = facts_to_read(tasks, readings), facts_to_read(targets, readings), facts_to_read(observations, readings)
    agencies, agency_notes = named_agencies(tasks, duties, lang)
    warnings.extend(agency_notes)
    if not tasks and document.kind != "news":
        why = next((w for w in warnings if w.startswith("no task table: ")), "")
        reason = why.removeprefix("no task table: ") if why else "no table has a task column with a lead or timeframe column"
        warnings.append(f"no tasks found: {reason}")
    logger.info("%s: %d tasks, %d targets, %d warnings", raw.source, len(tasks), len(targets), len(warnings))
    return ExtractedDocument(
        document=document,
        tasks=tasks,
        targets=targets,
        observations=observations,
        responsibilities=duties,
        agencies=agencies,
        warnings=warnings,
    )
