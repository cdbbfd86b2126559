"""The status summary read from the columns a due date needs (store.tracking) counts what the
full task listing counts, group by group and in the same order, on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from store.db import make_engine
from store.deadlines import Summary
from store.names import sort_key
from store.queries import iter_tasks
from store.tracking import status_summary

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from make_store import make_store  # the benchmark's generator of synthetic stores

TODAY = date(2026, 6, 1)


@pytest.fixture
def synthetic(db_url: str) -> Iterator[Session]:
    make_store(db_url, 3000, per_plan=12)  # more documents than one batch holds
    engine = make_engine(db_url)
    with engine.begin() as conn:  # a task nobody is assigned to still counts in its document and the total
        conn.execute(text("DELETE FROM assignment WHERE task_id = 5"))
    with Session(engine) as session:
        yield session
    engine.dispose()


def _listed(session: Session, by: str, document: str | None = None) -> list[dict[str, object]]:
    """The summary counted from the full task rows, as it was before the lean read."""
    groups: dict[str, Summary] = {}
    total = Summary("TOTAL")
    for r in iter_tasks(session, document=document, today=TODAY, sources=False):
        for name in dict.fromkeys((*r.lead, *r.cooperate)) if by == "agency" else (r.document,):
            groups.setdefault(name, Summary(name)).add(r.status, r.due, TODAY)
        total.add(r.status, r.due, TODAY)
    out = list(groups.values())
    if by == "agency":
        out.sort(key=lambda s: sort_key(s.name))
    return [s.to_dict() for s in [*out, total]]


@pytest.mark.parametrize("by", ["agency", "document"])
def test_summary_counts_what_the_listing_counts(synthetic: Session, by: str) -> None:
    got = [s.to_dict() for s in status_summary(synthetic, by=by, today=TODAY)]
    assert len(got) > 20
    assert got == _listed(synthetic, by)


def test_summary_of_one_document_and_its_versions(synthetic: Session) -> None:
    for by in ("agency", "document"):
        got = [s.to_dict() for s in status_summary(synthetic, by=by, document="1/KH-UBND", today=TODAY)]
        assert got == _listed(synthetic, by, "1/KH-UBND")
        assert got[-1]["total"] > 0
