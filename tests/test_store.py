"""Saving extractions: one transaction per document, idempotent, versions keep human status."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from conftest import STTTT, make_plan, plan_tasks
from store import tables as t
from store.ingest import save_result

ALL_TABLES = (t.Document, t.Task, t.Agency, t.Assignment, t.Target, t.Observation, t.Responsibility)


def counts(session: Session) -> dict[str, int]:
    return {table.__name__: session.exec(select(func.count()).select_from(table)).one() for table in ALL_TABLES}


def test_save_result_stores_document_tasks_assignments_targets(stored: Session) -> None:
    assert counts(stored) == {
        "Document": 1, "Task": 3, "Agency": 5, "Assignment": 8, "Target": 1, "Observation": 0, "Responsibility": 1,
    }
    doc = stored.exec(select(t.Document)).one()
    assert (doc.number, doc.version, doc.status, doc.previous_id) == ("34/KH-STTTT", 1, "current", None)
    assert doc.references[0]["number"] == "1110/QĐ-BTTTT"
    assert doc.warnings == ["bảng bị ngắt trang ở trang 5"]
    task = stored.exec(select(t.Task).where(t.Task.key == "I.2")).one()
    assert (task.timeframe_text, task.timeframe_end.isoformat(), task.status) == ("Quý II/2024", "2024-06-30", "not_started")
    assert task.provenance == {"page": 5, "table": 1, "row": 3}


def test_abbreviated_mentions_resolve_to_one_agency_with_aliases(stored: Session) -> None:
    agency = stored.exec(select(t.Agency).where(t.Agency.name == STTTT)).one()
    assert agency.resolved and agency.kind == "department" and agency.jurisdiction == "province"
    assert set(agency.aliases) == {"Sở TT&TT", "STTTT"}


def test_aliases_differing_only_in_case_or_spacing_are_kept_once(session: Session) -> None:
    from conftest import mention
    from schemas.records import Task

    cells = [mention(text, STTTT) for text in ("Sở TT&TT", "sở tt&tt", "Sở  TT&TT", "Sở thông tin và truyền thông")]
    save_result(session, make_plan(tasks=[Task(key="1", title="Báo cáo", lead=cells)]))
    agency = session.exec(select(t.Agency).where(t.Agency.name == STTTT)).one()
    assert set(agency.aliases) == {"Sở TT&TT", "STTTT"}
    assert session.exec(select(func.count()).select_from(t.Assignment)).one() == 1


def test_unresolved_and_vague_mentions_are_kept_as_unresolved_agencies(stored: Session) -> None:
    rows = stored.exec(select(t.Agency.name, t.Agency.kind).where(t.Agency.resolved == False)).all()  # noqa: E712
    assert sorted(rows) == [("các đơn vị có liên quan", "vague"), ("Đài Phát thanh tỉnh", None)]


def test_reingesting_the_same_bytes_changes_nothing(stored: Session, plan: Any) -> None:
    before = counts(stored)
    first = stored.exec(select(t.Document)).one()
    again = save_result(stored, plan)
    assert again.id == first.id
    assert counts(stored) == before


def test_failure_mid_save_rolls_back_the_whole_document(session: Session) -> None:
    duplicate_keys = [*plan_tasks(), plan_tasks()[0]]  # two tasks "I.1": violates uq_task_document_key
    with pytest.raises(IntegrityError):
        save_result(session, make_plan(tasks=duplicate_keys))
    assert set(counts(session).values()) == {0}


def test_exception_after_rows_are_written_leaves_no_rows(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    import store.write

    def broken_index(*_: Any) -> int:  # the last step, after every other row is written
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store.write, "add_entries", broken_index)
    with pytest.raises(RuntimeError):
        save_result(session, make_plan())
    assert set(counts(session).values()) == {0}


def test_new_version_keeps_human_status_where_task_keys_match(stored: Session) -> None:
    task = stored.exec(select(t.Task).where(t.Task.key == "I.2")).one()
    task.status, task.status_note = "done", "Đã đo kiểm xong tháng 5"
    stored.add(task)
    stored.commit()

    revised = make_plan(sha256="b" * 64, source="ke-hoach-34-sua-doi.md")
    new = save_result(stored, revised)

    old = stored.exec(select(t.Document).where(t.Document.sha256 == "a" * 64)).one()
    assert (new.version, new.previous_id, new.status) == (2, old.id, "current")
    assert old.status == "superseded"
    carried = stored.exec(select(t.Task).where(t.Task.document_id == new.id, t.Task.key == "I.2")).one()
    assert (carried.status, carried.status_note) == ("done", "Đã đo kiểm xong tháng 5")
    untouched = stored.exec(select(t.Task).where(t.Task.document_id == new.id, t.Task.key == "I.1")).one()
    assert untouched.status == "not_started"
    assert counts(stored)["Agency"] == 5  # agencies are shared, not duplicated per version


def test_same_title_and_issuer_without_number_is_a_new_version(session: Session) -> None:
    save_result(session, make_plan(number=None))
    second = save_result(session, make_plan(number=None, sha256="c" * 64))
    assert second.version == 2


def test_other_document_is_not_a_version(session: Session) -> None:
    save_result(session, make_plan())
    other = save_result(session, make_plan(sha256="d" * 64, number="12/KH-UBND", title="Kế hoạch khác"))
    assert (other.version, other.previous_id) == (1, None)


def test_unresolved_mention_matching_a_settled_alias_uses_that_agency(session: Session) -> None:
    first = save_result(session, make_plan())
    agency = session.exec(select(t.Agency).where(t.Agency.name == STTTT)).one()
    agency.aliases = [*agency.aliases, "Sở Thông tin - Truyền thông"]  # a person's alias decision
    session.add(agency)
    session.commit()
    from conftest import mention
    from schemas.records import Task

    task = Task(key="1", title="Báo cáo định kỳ", lead=[mention("Sở Thông tin - Truyền thông", None)])
    doc = save_result(session, make_plan(sha256="e" * 64, number="99/KH", title="Khác", tasks=[task]))
    assert doc.id != first.id
    assignment = session.exec(
        select(t.Assignment).join(t.Task).where(t.Task.document_id == doc.id)
    ).one()
    assert assignment.agency_id == agency.id
