"""``tasks --format json`` written from the rows' fields is byte for byte json's own text of the
rows' dicts: for rows of every shape, and for the listings the command prints on both databases
(driver path) against the dicts read through a session."""

from __future__ import annotations

import io
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlmodel import Session

from store import queries
from store.cli import cli
from store.db import make_engine
from store.queries import TaskRow
from store.task_json import task_row_json, write_tasks_json

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from make_store import make_store  # noqa: E402  the benchmark's generator of synthetic stores


def _row(n: int, **changes: Any) -> TaskRow:
    fields: dict[str, Any] = dict(
        id=n, document="34/KH-UBND", key=f"I.{n}", group=None if n % 2 else "Nhóm \"1\"\t",
        title="Rà soát \\ báo cáo </tag>\ndòng 2", outputs=None if n % 3 else "- Báo cáo",
        timeframe="Quý 1/2026", start=date(2026, 1, n % 28 + 1) if n % 2 else None,
        deadline=date(2026, 3, 31) if n % 4 else None, recurrence="yearly" if n % 5 == 0 else None,
        status=("not_started", "done", "in_progress")[n % 3],
        lead=("Sở Tài chính",)[: n % 2], cooperate=("Sở A", "Sở \"B\"", "\u2028")[: n % 4],
        uid=f"t-{n}" if n % 3 else None, due=date(2026, 3, 31) if n % 4 else None, overdue=n % 2 == 0,
        note="ghi chú\x00" if n % 6 == 0 else None,
        source={"page": n, "table": 1, "row": n + 1, "text": "dòng 1\ndòng 2 ☃"} if n % 5 else None,
    )
    fields.update(changes)
    return TaskRow(**fields)


ROWS = [
    *(_row(n) for n in range(12)),
    _row(20, source={}),
    _row(21, source={"page": 2.0, "row": 1.5, "x": None, "y": True, "z": float("inf")}),
    _row(22, source={"page": 1, "cells": [1, {"k": None}], "text": "t"}),  # nested: json writes it
    _row(23, source={1: "a key json converts"}),
    _row(24, persons=({"person": "Nguyễn Văn A", "role": "lead", "agency": None},)),
    _row(25, start=datetime(2026, 1, 2, 3, 4, 5)),
    _row(26, key=7, title=None),  # values of another type than the columns': json decides
    _row(27, lead=["Sở A"]),
]


def _dump(rows: list[TaskRow]) -> str:
    out = io.StringIO()
    json.dump([r.to_dict() for r in rows], out, ensure_ascii=False, indent=1)
    return out.getvalue() + "\n"


@pytest.mark.parametrize("rows", [[], ROWS[:1], ROWS], ids=["none", "one", "every shape"])
def test_rows_written_from_fields_equal_json_of_their_dicts(rows: list[TaskRow]) -> None:
    out = io.StringIO()
    write_tasks_json(iter(rows), out)
    assert out.getvalue() == _dump(rows)


def test_the_template_covers_the_usual_rows() -> None:
    """The common rows are written by the template, not handed back to json."""
    for row in ROWS[:13]:
        assert json.loads("[" + task_row_json(row) + "]")[0] == json.loads(json.dumps(row.to_dict()))


@pytest.fixture
def synthetic(db_url: str) -> str:
    make_store(db_url, 900, per_plan=30)
    return db_url


def test_listings_equal_json_of_the_rows_read_through_a_session(synthetic: str) -> None:
    engine = make_engine(synthetic)
    with engine.connect() as conn:
        number = conn.exec_driver_sql("SELECT number FROM document WHERE status = 'current' ORDER BY id LIMIT 1").scalar_one()
        name, area = conn.exec_driver_sql(
            "SELECT a.name, a.area FROM agency a JOIN assignment s ON s.agency_id = a.id WHERE a.area NOT IN ('', 'national') "
            "GROUP BY a.id, a.name, a.area ORDER BY count(*) DESC, a.id LIMIT 1").one()
    filters: list[dict[str, Any]] = [{}, {"document": number}, {"agency": f"{name} {area}"},
                                     {"agency": f"{name} {area}", "role": "lead"}]
    for flt in filters:
        with Session(engine) as session:
            expected = _dump(list(queries.iter_tasks(session, **flt)))
        args = [a for key, value in flt.items() for a in (f"--{key}", value)]
        result = CliRunner().invoke(cli, ["--db", synthetic, "-q", "tasks", *args, "--format", "json"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert result.stdout == expected, flt
        assert len(json.loads(result.stdout)) > (10 if flt else 800)
    engine.dispose()
