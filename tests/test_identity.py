"""Document identity (DESIGN §8): nothing lost, nothing merged by mistake, on both databases."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, select

from conftest import make_plan
from store import queries
from store import tables as t
from store.ingest import save_result

LAO_CAI = "Ủy ban nhân dân tỉnh Lào Cai"
DAK_NONG = "Ủy ban nhân dân tỉnh Đắk Nông"


def plan(sha: str, *, issuer: str | None, issued: date | None, number: str | None = "01/KH-UBND",
         title: str = "Kế hoạch chuyển đổi số năm 2025") -> Any:
    result = make_plan(sha256=sha * 64, source=f"{sha}.md", number=number, title=title)
    document = result.document.replaced(issuer=issuer, issued=issued)
    return result.replaced(document=document)


def task_documents(session: Session) -> set[int]:
    return {session.exec(select(t.Task.document_id).where(t.Task.id == row.id)).one()
            for row in queries.tasks(session)}


def test_two_provinces_same_number_are_two_documents(session: Session) -> None:
    first = save_result(session, plan("a", issuer=LAO_CAI, issued=date(2025, 1, 10)))
    second = save_result(session, plan("b", issuer=DAK_NONG, issued=date(2025, 1, 5)))
    assert (first.status, second.status) == ("current", "current")
    assert (second.version, second.previous_id) == (1, None)
    assert any("01/KH-UBND" in w and f"document {first.id}" in w for w in second.warnings)
    assert task_documents(session) == {first.id, second.id}  # neither disappears from queries


def test_same_number_with_an_unknown_issuer_is_not_merged(session: Session) -> None:
    first = save_result(session, plan("a", issuer=LAO_CAI, issued=date(2025, 1, 10)))
    second = save_result(session, plan("b", issuer=None, issued=date(2025, 3, 1)))
    session.refresh(first)
    assert (first.status, second.status, second.version) == ("current", "current", 1)
    assert any("issuer" in w for w in second.warnings)


def test_same_issuer_and_number_is_a_new_version(session: Session) -> None:
    first = save_result(session, plan("a", issuer=LAO_CAI, issued=date(2025, 1, 10)))
    second = save_result(session, plan("b", issuer=LAO_CAI, issued=date(2025, 6, 1), title="Kế hoạch (sửa đổi)"))
    session.refresh(first)
    assert (second.version, second.previous_id, second.status, first.status) == (2, first.id, "current", "superseded")
    assert task_documents(session) == {second.id}


def test_old_version_ingested_after_the_new_one_stays_superseded(session: Session) -> None:
    new = save_result(session, plan("a", issuer=LAO_CAI, issued=date(2025, 6, 1)))
    old = save_result(session, plan("b", issuer=LAO_CAI, issued=date(2025, 1, 10)))
    session.refresh(new)
    assert (new.status, old.status) == ("current", "superseded")
    assert old.version == 2  # versions count arrivals; "current" goes by issue date
    assert any("2025-01-10" in w and "superseded" in w for w in old.warnings)
    assert task_documents(session) == {new.id}


def test_undated_versions_go_by_ingest_time(session: Session) -> None:
    first = save_result(session, plan("a", issuer=LAO_CAI, issued=None))
    second = save_result(session, plan("b", issuer=LAO_CAI, issued=None))
    session.refresh(first)
    assert (first.status, second.status) == ("superseded", "current")


def test_people_status_carries_over_from_the_current_version(session: Session) -> None:
    new = save_result(session, plan("a", issuer=LAO_CAI, issued=date(2025, 6, 1)))
    task = session.exec(select(t.Task).where(t.Task.document_id == new.id, t.Task.key == "I.1")).one()
    task.status = "done"
    session.add(task)
    session.commit()
    old = save_result(session, plan("b", issuer=LAO_CAI, issued=date(2025, 1, 10)))
    carried = session.exec(select(t.Task).where(t.Task.document_id == old.id, t.Task.key == "I.1")).one()
    assert carried.status == "done"
