"""The matrix read from the columns it shows (store.matrix_select) gives the rows the full task
reader gives, in the same order, on SQLite and PostgreSQL, through the indexes."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session

from store import queries
from store.db import make_engine
from store.matrix_select import MatrixRow, _rows_of_tasks, select_matrix_rows
from store.queries import _task_filter, agency_labels
from store.task_select import BATCH_DOCUMENTS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from make_store import make_store  # noqa: E402  the benchmark's generator of synthetic stores


@pytest.fixture
def synthetic(db_url: str) -> Iterator[Session]:
    make_store(db_url, 3000, per_plan=12)  # more documents than one batch holds
    engine = make_engine(db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def _busiest_agency(session: Session) -> tuple[int, str]:
    from sqlalchemy import func, select

    from store.tables import Agency, Assignment

    query = (select(Agency.id, Agency.name, Agency.area).join(Assignment, Assignment.agency_id == Agency.id)
             .where(Agency.area != "").group_by(Agency.id, Agency.name, Agency.area).order_by(func.count().desc()))
    agency_id, name, area = session.execute(query.limit(1)).one()
    return agency_id, f"{name} {area}"


def _both(session: Session, agency_ids: list[int] | None = None, document_ids: list[int] | None = None,
          **filters: Any) -> tuple[list[Any], list[Any]]:
    flt = _task_filter(agency_ids, sources=False, **filters)
    labels = agency_labels(session)
    lean = list(select_matrix_rows(session, flt, document_ids, labels, agency_ids))
    full = list(_rows_of_tasks(session, flt, document_ids, labels, agency_ids))
    assert lean == full  # the (task, cell) pairs the renderers read
    return [MatrixRow.of(pair) for pair in lean], [MatrixRow.of(pair) for pair in full]


def test_the_store_spans_several_document_batches(synthetic: Session) -> None:
    from sqlalchemy import func, select

    from store.tables import Document

    current = synthetic.execute(select(func.count()).where(Document.status == "current")).scalar_one()
    assert current > 2 * BATCH_DOCUMENTS


@pytest.mark.parametrize("filters", [{}, {"status": "done"}, {"role": "lead"}, {"status": "open"}])
def test_lean_rows_equal_the_task_reader_rows(synthetic: Session, filters: dict[str, Any]) -> None:
    lean, full = _both(synthetic, **filters)
    assert len(lean) > 100
    assert [r.to_dict() for r in lean] == [r.to_dict() for r in full]


def test_lean_rows_of_one_agency_and_of_some_documents(synthetic: Session) -> None:
    agency_id, _ = _busiest_agency(synthetic)
    lean, full = _both(synthetic, agency_ids=[agency_id])
    assert lean and [r.to_dict() for r in lean] == [r.to_dict() for r in full]
    lean, full = _both(synthetic, document_ids=[3, 1, 250, 2])
    assert lean and [r.to_dict() for r in lean] == [r.to_dict() for r in full]


def test_due_filters_take_the_task_reader(synthetic: Session) -> None:
    today = date(2026, 6, 1)
    rows = queries.responsibility_matrix(synthetic, overdue=True, today=today)
    lean, full = _both(synthetic, overdue=True, today=today)
    assert rows and rows == lean == full


def test_matrix_of_an_agency_keeps_only_its_assignments(synthetic: Session) -> None:
    _, agency = _busiest_agency(synthetic)
    rows = queries.responsibility_matrix(synthetic, agency=agency)
    assert rows and {r.agency for r in rows} == {rows[0].agency}


def _statements(session: Session, run: Any) -> list[tuple[str, Any]]:
    caught: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, params: Any, _context: Any, _many: bool) -> None:
        caught.append((statement, params))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", grab)
    try:
        run(session)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    return [(s, p) for s, p in caught if "FROM task " in s]  # not the task's people (FROM taskperson)


def _plan(session: Session, statement: str, params: Any) -> str:
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        return "\n".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
    conn.exec_driver_sql("SET enable_seqscan = off")  # a small store: show an index can serve it
    try:
        return "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, params))
    finally:
        conn.exec_driver_sql("SET enable_seqscan = on")


def _reads_assignments(statement: str) -> bool:
    return bool(re.search(r"(?:FROM|JOIN) assignment\b", statement))


def test_matrix_statements_use_the_indexes(synthetic: Session) -> None:
    whole = _statements(synthetic, lambda s: list(queries.iter_matrix(s)))
    assert len(whole) > 4  # the tasks, then their assignments, per batch of documents
    for statement, params in whole:
        plan = _plan(synthetic, statement, params)
        assert "ix_task_document_id" in plan, plan
        if _reads_assignments(statement):
            assert "sqlite_autoindex_assignment_1" in plan or "assignment_pkey" in plan, plan
            assert not re.search(r"SCAN assignment\b|Seq Scan on assignment\b", plan), plan  # never all of them
    assert sum(map(_reads_assignments, (statement for statement, _ in whole))) == len(whole) // 2
    _, agency = _busiest_agency(synthetic)
    for statement, params in _statements(synthetic, lambda s: list(queries.iter_matrix(s, agency=agency))):
        assert "ix_assignment_agency_id" in _plan(synthetic, statement, params)


def test_lean_rows_carry_the_people_a_task_names(synthetic: Session) -> None:
    from sqlalchemy import insert, select

    from store.tables import Assignment, TaskPerson

    task_id, agency_id, role = synthetic.execute(select(Assignment.task_id, Assignment.agency_id, Assignment.role)
                                                 .where(Assignment.task_id == 7).limit(1)).one()
    synthetic.execute(insert(TaskPerson), [
        {"task_id": task_id, "role": role, "mention": "Giám đốc Sở", "agency_id": agency_id},
        {"task_id": task_id, "role": "lead", "mention": "Nguyễn Văn A"},
        {"task_id": 9, "role": "cooperate", "mention": "Trần Thị B"},
    ])
    synthetic.execute(Assignment.__table__.delete().where(Assignment.task_id == 9))  # people, no agency
    lean, full = _both(synthetic)
    assert [r.to_dict() for r in lean] == [r.to_dict() for r in full]
    people = [r for r in lean if r.persons]
    assert {r.agency for r in people if r.person} == {"Nguyễn Văn A", "Trần Thị B"}
    assert [r.persons for r in people if not r.person] == [("Giám đốc Sở",)]
    agency_id, _ = _busiest_agency(synthetic)
    lean, full = _both(synthetic, agency_ids=[agency_id])
    assert [r.to_dict() for r in lean] == [r.to_dict() for r in full] and not any(r.person for r in lean)


def test_tasks_stored_out_of_number_order_are_listed_in_number_order(synthetic: Session) -> None:
    from sqlalchemy import select, update

    from store.tables import Task

    ids = synthetic.execute(select(Task.id).where(Task.document_id == 1).order_by(Task.id)).scalars().all()
    keys = ["II", "I.10", "I.2", "I.1", "10", "9", "1.b", "1.a", "III-2", "III.1", "X", "a"][: len(ids)]
    assert len(ids) >= 8
    for n, task_id in enumerate(ids):  # free the keys first: (document, key) is unique
        synthetic.execute(update(Task).where(Task.id == task_id).values(key=f"tmp{n}"))
    for task_id, key in zip(ids, keys):
        synthetic.execute(update(Task).where(Task.id == task_id).values(key=key))
    lean, full = _both(synthetic, document_ids=[1])
    assert [r.task_key for r in lean] == [r.task_key for r in full]
    listed = list(dict.fromkeys(r.task_key for r in lean))
    assert listed.index("I.1") < listed.index("I.2") < listed.index("I.10") < listed.index("II")
    assert listed.index("9") < listed.index("10") and listed.index("1.a") < listed.index("1.b")


def test_the_collector_runs_while_the_caller_reads_the_rows(synthetic: Session) -> None:
    import gc

    rows = queries.iter_matrix(synthetic)
    next(rows)
    assert gc.isenabled()  # paused only while a batch is built, never across a yield
    assert sum(1 for _ in rows) > 100 and gc.isenabled()


def test_task_ids_too_large_to_pack_read_the_same_rows(synthetic: Session) -> None:
    """On SQLite an assignment is read as one integer, task id × span + code; a task id whose
    product could pass 64 bits (SQLite would make it a float) is read as a pair instead."""
    from sqlalchemy import select, text

    from store.matrix_select import PACKED_LIMIT
    from store.tables import Task

    if synthetic.connection().dialect.name != "sqlite":
        pytest.skip("only the SQLite read packs; PostgreSQL's task ids are 32-bit")
    task_id = synthetic.execute(select(Task.id).where(Task.document_id == 1).limit(1)).scalar_one()
    huge = PACKED_LIMIT // 4 + 12345  # past the limit for any span (2 × agencies + 2 ≥ 4)
    columns = [c.name for c in Task.__table__.columns if c.name not in ("id", "key", "uid")]  # type: ignore[attr-defined]
    synthetic.execute(text(f"INSERT INTO task (id, key, uid, {', '.join(columns)}) "
                           f"SELECT :huge, 'Z.1', NULL, {', '.join(columns)} FROM task WHERE id = :id"),
                      {"huge": huge, "id": task_id})
    synthetic.execute(text("INSERT INTO assignment (task_id, agency_id, role, mention, confidence) "
                           "SELECT :huge, agency_id, role, mention, confidence FROM assignment WHERE task_id = :id"),
                      {"huge": huge, "id": task_id})
    lean, full = _both(synthetic, document_ids=[1, 2])
    assert [r.to_dict() for r in lean] == [r.to_dict() for r in full]
    assert "Z.1" in {r.task_key for r in lean} and len({r.task_key for r in lean}) > 5
    lean, full = _both(synthetic)
    assert [r.to_dict() for r in lean] == [r.to_dict() for r in full]
