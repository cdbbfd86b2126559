"""`planwatch agencies alias` and the directory's history (`--successors`, `--as-of`), on SQLite
and PostgreSQL: a person's alias is stored, moves stored mentions and applies to later ingests;
close spellings are never aliases before that."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlmodel import Session, select

from store import tables as t
from store.cli import cli

PLAN = """ỦY BAN NHÂN DÂN TỈNH {province}

Số: {number}/KH-UBND

ngày 5 tháng 3 năm 2024

# KẾ HOẠCH

Phát triển hạ tầng số năm 2024

| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |
|---|---|---|---|---|
| 1 | Phát triển trạm BTS | Sở TT&TT | Sở Tài chánh | Quý II/2024 |
| 2 | Hợp tác quốc tế về chuyển đổi số | Sở Ngoại giao | UBND các huyện, thành phố | Năm 2024 |
"""
FOREIGN = "Sở Ngoại vụ"


def _run(db_url: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db_url, "--silent", *args])


def _ingest(db_url: str, folder: Path, province: str, number: str) -> None:
    path = folder / f"plan-{number}.md"
    path.write_text(PLAN.format(province=province, number=number), encoding="utf-8")
    result = _run(db_url, "ingest", str(path))
    assert result.exit_code == 0, result.output


@pytest.fixture
def stored(db_url: str, tmp_path: Path) -> str:
    _ingest(db_url, tmp_path, "LÂM ĐỒNG", "101")
    _ingest(db_url, tmp_path, "ĐẮK NÔNG", "202")
    return db_url


def _agencies(engine: Any, name: str) -> list[tuple[str, bool, list[str]]]:
    with Session(engine) as session:
        rows = session.exec(select(t.Agency).where(t.Agency.name == name).order_by(t.Agency.area)).all()
        return [(r.area, r.resolved, list(r.aliases)) for r in rows]


def _leads(engine: Any, name: str) -> list[tuple[str, str, str]]:
    with Session(engine) as session:
        rows = session.exec(
            select(t.Agency.area, t.Assignment.mention, t.Assignment.role)
            .join(t.Assignment, t.Assignment.agency_id == t.Agency.id)  # type: ignore[arg-type]
            .where(t.Agency.name == name)
        ).all()
        return sorted((area, mention, role) for area, mention, role in rows)


def test_an_unresolved_mention_taught_moves_in_each_province(stored: str, engine: Any) -> None:
    assert [(area, resolved) for area, resolved, _ in _agencies(engine, "Sở Ngoại giao")] == [("Lâm Đồng", False), ("Đắk Nông", False)]
    result = _run(stored, "agencies", "alias", "sở ngoại giao", FOREIGN, "--by", "Nguyễn Văn A", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"mention": "sở ngoại giao", "canonical": FOREIGN, "repointed": 2, "removed": 2}]
    assert _agencies(engine, "Sở Ngoại giao") == []  # the unresolved rows had nothing else
    assert _leads(engine, FOREIGN) == [("Lâm Đồng", "Sở Ngoại giao", "lead"), ("Đắk Nông", "Sở Ngoại giao", "lead")]
    assert all("Sở Ngoại giao" in aliases for _, _, aliases in _agencies(engine, FOREIGN))
    with Session(engine) as session:
        audit = session.exec(select(t.AgencyAlias)).all()
        assert [(a.mention, a.key, a.canonical, a.by, a.repointed) for a in audit] == [
            ("sở ngoại giao", "sở ngoại giao", FOREIGN, "Nguyễn Văn A", 2)
        ]
    listed = json.loads(_run(stored, "agencies", "--unresolved", "--format", "json").stdout)
    assert "Sở Ngoại giao" not in {row["name"] for row in listed}


def test_a_close_spelling_is_no_alias_until_a_person_teaches_it(stored: str, engine: Any) -> None:
    finance = _agencies(engine, "Sở Tài chính")
    assert len(finance) == 2 and not any("Sở Tài chánh" in aliases for _, _, aliases in finance)
    assert _run(stored, "agencies", "alias", "Sở Tài chánh", "STC").exit_code == 0  # the canonical by an alias
    assert all("Sở Tài chánh" in aliases for _, _, aliases in _agencies(engine, "Sở Tài chính"))
    with Session(engine) as session:
        confidences = session.exec(select(t.Assignment.confidence).where(t.Assignment.mention == "Sở Tài chánh")).all()
    assert confidences == [1.0, 1.0]  # a person's decision, no longer a guess


def test_later_ingests_apply_the_alias(stored: str, engine: Any, tmp_path: Path) -> None:
    assert _run(stored, "agencies", "alias", "Sở Ngoại giao", FOREIGN).exit_code == 0
    _ingest(stored, tmp_path, "BẮC NINH", "303")
    assert _leads(engine, FOREIGN) == [
        ("Bắc Ninh", "Sở Ngoại giao", "lead"), ("Lâm Đồng", "Sở Ngoại giao", "lead"), ("Đắk Nông", "Sở Ngoại giao", "lead")
    ]
    assert _agencies(engine, "Sở Ngoại giao") == []


@pytest.mark.parametrize(
    ("mention", "canonical", "message"),
    [
        ("Sở Ngoại giao", "Sở Hợp tác quốc tế", "is no agency of the directory"),
        ("Sở Ngoại giao", "Sở Tài chánh", "only a close spelling of 'Sở Tài chính'"),
        ("STTTT", "Sở Tài chính", "already means 'Sở Thông tin và Truyền thông'"),
    ],
)
def test_an_alias_that_cannot_be_right_is_refused(stored: str, engine: Any, mention: str, canonical: str, message: str) -> None:
    result = _run(stored, "agencies", "alias", mention, canonical)
    assert result.exit_code == 1 and message in result.output
    with Session(engine) as session:
        assert session.exec(select(t.AgencyAlias)).all() == []


def test_successors_and_as_of(stored: str) -> None:
    def listing(*args: str) -> dict[tuple[str, str], dict[str, Any]]:
        rows = json.loads(_run(stored, "agencies", "--format", "json", *args).stdout)
        return {(row["name"], row["area"]): row for row in rows}

    now = listing("--successors")
    ict = now[("Sở Thông tin và Truyền thông", "Đắk Nông")]
    assert (ict["valid_until"], ict["successor"], ict["successor_area"]) == ("2025-03-01", "Sở Khoa học và Công nghệ", "Lâm Đồng")
    assert now[("Sở Tài chính", "Lâm Đồng")]["successor"] is None  # still itself
    assert now[("Sở Tài chính", "Đắk Nông")]["successor_area"] == "Lâm Đồng"  # its province merged
    spring = listing("--successors", "--as-of", "2025-04-01")  # departments merged, provinces not yet
    assert ("Sở Thông tin và Truyền thông", "Đắk Nông") not in spring
    assert spring[("Sở Tài chính", "Đắk Nông")]["successor"] is None
    before = listing("--as-of", "2024-06-01")
    assert ("Sở Thông tin và Truyền thông", "Lâm Đồng") in before and "successor" not in before[("Sở Tài chính", "Lâm Đồng")]
    after = listing("--as-of", "2025-08-01")
    assert ("Ủy ban nhân dân các huyện, thành phố", "Lâm Đồng") not in after  # district level abolished
    assert ("Sở Ngoại giao", "Lâm Đồng") in after  # unresolved: nothing known against it


def test_an_agency_filter_with_successors_takes_in_the_agencies_it_carries_on(stored: str) -> None:
    def documents(command: str, *args: str) -> set[str]:
        result = _run(stored, command, "--agency", "Sở KH&CN Lâm Đồng", "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return {row["document"] for row in json.loads(result.stdout)}

    assert documents("tasks") == set()  # no plan names the department of science and technology
    assert documents("tasks", "--successors") == {"101/KH-UBND", "202/KH-UBND"}  # both provinces' Sở TT&TT
    rows = json.loads(_run(stored, "matrix", "--agency", "Sở KH&CN", "--successors", "--format", "json").stdout)
    assert {(row["document"], row["agency"], row["role"]) for row in rows} == {
        ("101/KH-UBND", "Sở Thông tin và Truyền thông (Lâm Đồng)", "lead"),
        ("202/KH-UBND", "Sở Thông tin và Truyền thông (Đắk Nông)", "lead"),
    }
    assert _run(stored, "matrix", "--agency", "Sở KH&CN", "--successors", "--format", "html", "-o", "m.html").exit_code == 2
