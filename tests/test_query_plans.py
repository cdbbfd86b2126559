"""The filtered listings are served by indexes, on SQLite and PostgreSQL (EXPLAIN of the very
statements the listings send), and no statement binds more parameters than a bounded batch."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlmodel import Session

from store import queries
from store.checklist import iter_checklist_items
from store.db import make_engine
from store.tables import Document
from store.task_select import BATCH_IDS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from make_store import make_store  # noqa: E402  the benchmark's generator of synthetic stores

AGENCY = "Sở Giao thông Vận tải"
TABLE_READ = re.compile(r"FROM (?:task|assignment|taskperson)\b")


@pytest.fixture
def synthetic(db_url: str) -> Iterator[str]:
    make_store(db_url, 1500, per_plan=30)
    yield db_url


def _statements(url: str, run: Any) -> list[tuple[str, Any]]:
    """The SQL statements (with parameters) ``run(session)`` sends that read tasks, assignments
    or the tasks' persons."""
    engine = make_engine(url)
    caught: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, params: Any, _context: Any, _many: bool) -> None:
        caught.append((statement, params))

    with Session(engine) as session:
        event.listen(engine, "before_cursor_execute", grab)
        run(session)
        event.remove(engine, "before_cursor_execute", grab)
    engine.dispose()
    return [(s, p) for s, p in caught if TABLE_READ.search(s)]


def _plan(url: str, statement: str, params: Any) -> str:
    engine = make_engine(url)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            text = "\n".join(str(r[-1]) for r in rows)
        else:
            # a test store is small enough for a sequential scan to win; forbidding it shows
            # whether an index can serve the statement at all
            conn.exec_driver_sql("SET enable_seqscan = off")
            text = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, params).all())
    engine.dispose()
    return text


def _agency_in(url: str) -> str:
    engine = make_engine(url)
    with engine.connect() as conn:
        area = conn.exec_driver_sql("SELECT area FROM agency WHERE name = ? AND area <> '' LIMIT 1"
                                    if conn.dialect.name == "sqlite" else
                                    "SELECT area FROM agency WHERE name = %s AND area <> '' LIMIT 1", (AGENCY,)).scalar_one()
    engine.dispose()
    return f"{AGENCY} {area}"


def test_agency_filter_starts_from_the_agency_index(synthetic: str) -> None:
    agency = _agency_in(synthetic)
    statements = _statements(synthetic, lambda s: list(queries.iter_tasks(s, agency=agency)))
    assert statements
    for statement, params in statements:
        plan = _plan(synthetic, statement, params)
        assert "ix_assignment_agency_id" in plan, plan


def test_document_batches_use_the_task_document_index(synthetic: str) -> None:
    statements = _statements(synthetic, lambda s: list(queries.iter_tasks(s, status="blocked", overdue=True)))
    task_reads = [(s, p) for s, p in statements if re.search(r"FROM task\b", s)]
    assert task_reads
    for statement, params in task_reads:
        plan = _plan(synthetic, statement, params)
        assert "ix_task_document_id" in plan or "ix_task_status" in plan, plan


def test_task_agencies_are_read_through_the_assignment_key(synthetic: str) -> None:
    statements = _statements(synthetic, lambda s: list(queries.iter_tasks(s, document="1/KH-UBND")))
    links = [(s, p) for s, p in statements if "FROM assignment a WHERE a.task_id = task.id" in s]
    assert links
    for statement, params in links:
        plan = _plan(synthetic, statement, params)
        assert "sqlite_autoindex_assignment_1" in plan or "assignment_pkey" in plan, plan
        assert not re.search(r"SCAN assignment\b|Seq Scan on assignment\b", plan), plan  # never every assignment
        if "postgresql" in synthetic:  # both roles in one lookup of the key per task (a lateral aggregate)
            assert statement.count("FROM assignment a WHERE a.task_id = task.id") == 1, statement
            assert plan.count("assignment_pkey") == 1, plan


@pytest.mark.parametrize("column, index", [("status", "ix_document_status"),
                                           ("previous_id", "ix_document_previous_id")])
def test_document_lookups_have_their_index(synthetic: str, column: str, index: str) -> None:
    engine = make_engine(synthetic)
    value = "superseded" if column == "status" else 1
    statement = select(Document.id).where(getattr(Document, column) == value)
    compiled = statement.compile(engine)
    engine.dispose()
    params = tuple(compiled.params.values()) if "sqlite" in synthetic else compiled.params
    assert index in _plan(synthetic, str(compiled), params)


def test_no_statement_binds_more_than_a_batch(synthetic: str) -> None:
    def everything(session: Session) -> None:
        list(queries.iter_matrix(session))
        list(iter_checklist_items(session))

    for _, params in _statements(synthetic, everything):
        assert len(params or ()) <= BATCH_IDS + 10


def test_task_persons_are_read_through_an_index(synthetic: str) -> None:
    """The persons of a batch are found by index (by task, or the persons table's own key when
    it is near empty), never by scanning the tasks."""
    statements = _statements(synthetic, lambda s: list(queries.iter_tasks(s, document="1/KH-UBND")))
    persons = [(s, p) for s, p in statements if re.search(r"FROM taskperson\b", s)]
    assert persons
    for statement, params in persons:
        plan = _plan(synthetic, statement, params)
        assert "ix_taskperson_task_id" in plan or "taskperson_pkey" in plan, plan
        assert not re.search(r"SCAN task\b|Seq Scan on task\b", plan), plan
