"""The writer's agency index: read once per run, kept in step with what the writer commits,
and read again when another writer changed agencies in between."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from schemas.records import Provenance, Task
from store import tables as t
from store.agency_index import AgencyIndex
from store.ingest import write_extraction
from tests.conftest import STTTT, make_plan, mention


def _plan(n: int, *mentions: Any) -> Any:
    tasks = [Task(key=str(k + 1), number=str(k + 1), title=f"Nhiệm vụ {n}.{k}", lead=[m], source=Provenance(row=k))
             for k, m in enumerate(mentions)]
    return make_plan(sha256=f"{n:064x}", source=f"plan-{n}.md", number=f"{n}/KH-UBND", title=f"Kế hoạch {n}",
                     tasks=tasks)


def _write(engine: Any, plan: Any, index: AgencyIndex | None) -> None:
    outcome = write_extraction(engine, Path(plan.document.source), plan, agencies=index)
    assert outcome.status == "ok", outcome.line()


def _as_read_now(engine: Any) -> AgencyIndex:
    fresh = AgencyIndex()
    with Session(engine) as session:
        fresh.refresh(session)
    return fresh


def _same(index: AgencyIndex, engine: Any) -> None:
    fresh = _as_read_now(engine)
    assert (index.rows, index.by_identity, index.by_alias) == (fresh.rows, fresh.by_identity, fresh.by_alias)


def test_one_writer_reads_agencies_once_and_keeps_them_as_stored(engine: Any) -> None:
    index = AgencyIndex()
    _write(engine, _plan(1, mention("Ban Quản lý dự án", None, None, ["unresolved"]), mention("Sở TT&TT", STTTT)), index)
    _write(engine, _plan(2, mention("ban quản lý  dự án", None, None, ["unresolved"]), mention("Sở TTTT", STTTT)), index)
    _write(engine, _plan(3, mention("Trung tâm Dữ liệu", None, None, ["unresolved"])), index)
    assert index.loads == 1
    _same(index, engine)
    with Session(engine) as session:
        names = sorted(session.exec(select(t.Agency.name).where(t.Agency.resolved == False)).all())  # noqa: E712
        sttt = session.exec(select(t.Agency).where(t.Agency.name == STTTT)).one()
    assert names == ["Ban Quản lý dự án", "Trung tâm Dữ liệu"]  # one row for both spellings
    assert "Sở TTTT" in sttt.aliases


def test_what_another_writer_changed_is_read_before_writing(engine: Any) -> None:
    index = AgencyIndex()
    _write(engine, _plan(1, mention("Sở TT&TT", STTTT)), index)
    _write(engine, _plan(2, mention("Sở TT-TT", STTTT)), None)  # another writer teaches an alias
    _write(engine, _plan(3, mention("Sở TT-TT", None, None, ["unresolved"]), mention("Sở TTTT", STTTT)), index)
    assert index.loads == 2
    _same(index, engine)
    with Session(engine) as session:
        agencies = session.exec(select(t.Agency)).all()
    assert [a.name for a in agencies if not a.resolved] == []  # the alias settled the unresolved spelling
    sttt = next(a for a in agencies if a.name == STTTT)
    assert {"Sở TT-TT", "Sở TTTT"} <= set(sttt.aliases)  # neither writer's alias lost


def test_a_rolled_back_write_leaves_the_index_to_be_read_again(engine: Any) -> None:
    index = AgencyIndex()
    _write(engine, _plan(1, mention("Sở TT&TT", STTTT)), index)
    with Session(engine) as session:
        from store.write import write_document

        write_document(session, _plan(2, mention("Phòng Văn hóa", None, None, ["unresolved"])), index)
        session.rollback()
    index.rolled_back()
    _write(engine, _plan(3, mention("Phòng Văn hóa", None, None, ["unresolved"])), index)
    assert index.loads == 2
    _same(index, engine)
