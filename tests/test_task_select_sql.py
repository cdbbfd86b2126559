"""The task filters written once as SQL fit both a bare driver connection (the listings) and a
SQLAlchemy query over the task and document tables (``TaskFilter.conditions``,
``scope_conditions``): both select the same tasks, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from store import queries
from store.lookup import find_agencies, find_documents
from store.tables import Document, Task
from store.task_select import TaskFilter, scope_conditions

TODAY = date(2024, 8, 1)  # the small plan's I.2 ended on 2024-06-30
FILTERS: list[dict[str, Any]] = [
    {},
    {"status": "not_started"},
    {"overdue": True},
    {"due_within": 600},
    {"due_before": date(2024, 12, 31)},
    {"agency": "Sở TT&TT", "role": "lead"},
    {"agency": "STTTT", "overdue": True, "document": "34/KH-STTTT"},
]


@pytest.mark.parametrize("filters", FILTERS, ids=[",".join(f) or "none" for f in FILTERS])
def test_sqlalchemy_conditions_select_what_the_listing_selects(stored: Any, filters: dict[str, Any]) -> None:
    agency, document = filters.pop("agency", None), filters.pop("document", None)
    listed = {row.id for row in queries.iter_tasks(stored, agency=agency, document=document, today=TODAY, **filters)}
    flt = TaskFilter(today=TODAY, agency_ids=tuple(find_agencies(stored, agency)) if agency else None, **filters)
    scopes = scope_conditions(find_documents(stored, document) if document else None)
    selected = {
        task_id
        for where in scopes
        for task_id in stored.execute(
            select(Task.id).join(Document, Document.id == Task.document_id).where(*where, *flt.conditions())  # type: ignore[arg-type]
        ).scalars()
    }
    # SQL keeps a superset on due dates (recurring tasks); the listing keeps the exact rows
    assert listed
    assert listed <= selected
    if not flt.filters_due():
        assert listed == selected
