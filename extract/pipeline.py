"""The stages in order: normalize -> segment -> fields -> link, over a loaded document."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from extract.fields.document import segmented_to_document
from extract.fields.prose_tasks import segmented_to_prose_tasks
from extract.fields.tasks import table_to_tasks
from extract.langdata import LanguageData, load_language
from extract.link import document_to_located, named_agencies, responsibilities_to_linked, tasks_to_linked
from extract.normalize import raw_to_normalized
from extract.segment import normalized_to_segmented
from schemas.blocks import RawDocument, TaskTable
from schemas.records import ExtractedDocument, Task

logger = logging.getLogger(__name__)

SLICE_ROWS = 1000  # task rows turned into tasks and linked at a time


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


def _linked_table_tasks(table: TaskTable, language: LanguageData, horizon: date | None, area: str | None) -> tuple[list[Task], list[str]]:
    """One table's tasks with their agencies resolved, read ``SLICE_ROWS`` rows at a time.

    ``table_to_tasks`` reads each row on its own (only the last row of a table that ends the
    document is looked at for a cut-off), so slices give the same tasks and warnings in the same
    order; the unresolved copies of a slice's tasks go before the next slice is read.
    """
    tasks: list[Task] = []
    warnings: list[str] = []
    for at in range(0, max(len(table.rows), 1), SLICE_ROWS):
        rows = table.rows[at : at + SLICE_ROWS]
        part = replace(table, rows=rows, ends_document=table.ends_document and at + SLICE_ROWS >= len(table.rows))
        found, notes = table_to_tasks(part, language, horizon)
        tasks.extend(tasks_to_linked(found, language.code, area))
        warnings.extend(notes)
    return tasks, warnings


def raw_to_extraction(raw: RawDocument) -> ExtractedDocument:
    """Run every stage after loading; the result carries all warnings."""
    from extract.fields.responsibilities import sections_to_responsibilities
    from extract.fields.targets import segmented_to_targets

    source = raw.source
    normalized, lang = raw_to_normalized(raw)
    del raw  # the loaded grids are not read again; a large table need not be held twice
    seg = normalized_to_segmented(normalized, lang)
    del normalized
    language = load_language(lang)
    document = segmented_to_document(seg)
    area = document_to_located(document).area
    warnings = list(seg.raw.warnings) + list(seg.warnings)
    tasks: list[Task] = []
    for table in seg.tables:  # each table's tasks linked as they come: one copy of them at a time
        found, notes = _linked_table_tasks(table, language, document.horizon, area)
        tasks.extend(found)
        warnings.extend(notes)
    tasks.extend(tasks_to_linked(segmented_to_prose_tasks(seg, document.horizon), lang, area))
    if tasks and document.kind != "plan":
        document = document.model_copy(update={"kind": "plan"})  # an assignment letter with tasks
    tasks, key_notes = unique_keys(tasks)
    warnings.extend(key_notes)
    document = document_to_located(document)
    duties = responsibilities_to_linked(sections_to_responsibilities(seg), lang, document.area)
    targets, observations, target_notes = segmented_to_targets(seg, document)
    warnings.extend(target_notes)
    agencies, agency_notes = named_agencies(tasks, duties, lang)
    warnings.extend(agency_notes)
    if not tasks and document.kind != "news":
        why = next((w for w in warnings if w.startswith("no task table: ")), "")
        reason = why.removeprefix("no task table: ") if why else "no table has a task column with a lead or timeframe column"
        warnings.append(f"no tasks found: {reason}")
    logger.info("%s: %d tasks, %d targets, %d warnings", source, len(tasks), len(targets), len(warnings))
    return ExtractedDocument(
        document=document,
        tasks=tasks,
        targets=targets,
        observations=observations,
        responsibilities=duties,
        agencies=agencies,
        warnings=warnings,
    )
