"""Agency identity is (canonical name, area): link decides it, the store persists it as is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from extract import extract_file
from store import queries
from store import tables as t
from store.errors import NotFound
from store.ingest import save_result

STTTT = "Sở Thông tin và Truyền thông"
PLAN = """{issuer}

Số: {number}/KH-UBND

{place}, ngày 5 tháng 3 năm 2024

# KẾ HOẠCH

Phát triển hạ tầng số năm 2024

| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |
|---|---|---|---|---|
| 1 | Phát triển trạm BTS | Sở TT&TT | Sở Tài chính | Quý II/2024 |
| 2 | Phủ sóng 5G | STTTT | UBND các huyện, thành phố | Năm 2024 |
| 3 | Số hóa hồ sơ | Sở Thông tin và Truyền thông | Sở Tài chánh | Năm 2024 |
| 4 | Chuyển đổi số nông nghiệp | Sở Nông nghiệp và PTNT | Bộ Nông nghiệp và Phát triển nông thôn | Năm 2024 |
| 5 | Hợp tác quốc tế về chuyển đổi số | Sở Ngoại giao | Bộ Ngoại giao | Năm 2024 |
| 6 | Tổng kết kế hoạch | UBND tỉnh | Sở Tài chính | Năm 2024 |
"""
PROVINCES = {"Lâm Đồng": ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "101"), "Đắk Nông": ("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "202")}


def _ingest(session: Session, folder: Path, province: str) -> None:
    issuer, number = PROVINCES[province]
    path = folder / f"plan-{number}.md"
    path.write_text(PLAN.format(issuer=issuer, number=number, place=province), encoding="utf-8")
    save_result(session, extract_file(path))
    session.commit()


@pytest.fixture
def two_provinces(session: Session, tmp_path: Path) -> Session:
    for province in PROVINCES:
        _ingest(session, tmp_path, province)
    return session


def _rows(session: Session, name: str) -> list[t.Agency]:
    return list(session.exec(select(t.Agency).where(t.Agency.name == name).order_by(t.Agency.area)).all())


def test_one_department_per_province_and_one_row_for_its_spellings(two_provinces: Session) -> None:
    rows = _rows(two_provinces, STTTT)
    assert [r.area for r in rows] == ["Lâm Đồng", "Đắk Nông"]
    assert all(set(r.aliases) >= {"Sở TT&TT", "STTTT"} for r in rows)
    matrix = queries.responsibility_matrix(two_provinces, document="101/KH-UBND")
    leads = {row.agency for row in matrix if row.role == "lead" and row.task_key in {"1", "2", "3"}}
    assert leads == {f"{STTTT} (Lâm Đồng)"}  # "Sở TT&TT", "STTTT" and the full name: one column


def test_national_bodies_are_one_row_across_provinces(two_provinces: Session) -> None:
    assert [r.area for r in _rows(two_provinces, "Bộ Nông nghiệp và Phát triển nông thôn")] == ["national"]


def test_fuzzy_and_unresolved_mentions_are_not_learned_as_aliases(two_provinces: Session) -> None:
    finance = _rows(two_provinces, "Sở Tài chính")
    assert len(finance) == 2 and all("Sở Tài chánh" not in r.aliases for r in finance)
    ministry = _rows(two_provinces, "Bộ Nông nghiệp và Phát triển nông thôn")[0]
    assert "Sở Nông nghiệp và PTNT" not in ministry.aliases  # the department of each province, not the ministry
    departments = _rows(two_provinces, "Sở Nông nghiệp và Phát triển nông thôn")
    assert [(r.area, "Sở Nông nghiệp và PTNT" in r.aliases) for r in departments] == [("Lâm Đồng", True), ("Đắk Nông", True)]
    foreign = _rows(two_provinces, "Bộ Ngoại giao")[0]
    assert "Sở Ngoại giao" not in foreign.aliases
    unresolved = _rows(two_provinces, "Sở Ngoại giao")
    assert [(r.resolved, r.area) for r in unresolved] == [(False, "Lâm Đồng"), (False, "Đắk Nông")]


@pytest.mark.parametrize(
    ("agency", "documents"),
    [
        ("Sở TT&TT Lâm Đồng", {"101/KH-UBND"}),
        ("STTTT tỉnh Đắk Nông", {"202/KH-UBND"}),
        ("Sở Thông tin và Truyền thông (Lâm Đồng)", {"101/KH-UBND"}),
        ("Sở TT&TT", {"101/KH-UBND", "202/KH-UBND"}),
        ("Bộ NN&PTNT", {"101/KH-UBND", "202/KH-UBND"}),
        ("Ủy ban nhân dân tỉnh Lâm Đồng", {"101/KH-UBND"}),
        ("UBND tỉnh Đắk Nông", {"202/KH-UBND"}),
        ("UBND tỉnh", {"101/KH-UBND", "202/KH-UBND"}),
    ],
)
def test_agency_filter_with_and_without_province(two_provinces: Session, agency: str, documents: set[str]) -> None:
    found = queries.tasks(two_provinces, agency=agency)
    assert {row.document for row in found} == documents
    matrix = queries.responsibility_matrix(two_provinces, agency=agency)
    assert {row.document for row in matrix} == documents


def test_agency_filter_for_a_province_without_that_agency_finds_nothing(two_provinces: Session) -> None:
    assert queries.tasks(two_provinces, agency="Sở TT&TT Bắc Ninh") == []
    with pytest.raises(NotFound):
        queries.tasks(two_provinces, agency="Hội Nông dân")


def test_agencies_listing_by_jurisdiction(two_provinces: Session) -> None:
    rows = queries.agencies(two_provinces, area="Đắk Nông")
    assert {r.area for r in rows} == {"Đắk Nông"}
    sttt = next(r for r in rows if r.name == STTTT)
    assert (sttt.lead_tasks, sttt.cooperate_tasks) == (3, 0)
    assert {r.name for r in queries.agencies(two_provinces, area="national")} == {"Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Ngoại giao"}


def test_a_database_from_before_areas_is_upgraded(db_url: str, tmp_path: Path) -> None:
    """Old agency table (name unique, no area): kept, gains the area, takes two provinces."""
    from store.db import init_db, make_engine
    from store.migrate import stamp_schema

    engine = make_engine(db_url)
    init_db(engine)
    with engine.begin() as conn:  # put the agency table back as an earlier release made it
        conn.execute(text("DROP TABLE assignment"))
        conn.execute(text("DROP TABLE taskperson"))  # that release had no persons either
        conn.execute(text("DROP TABLE responsibility"))
        conn.execute(text("DROP TABLE agency"))
        key = "SERIAL PRIMARY KEY" if engine.dialect.name == "postgresql" else "INTEGER PRIMARY KEY"
        conn.execute(text(
            f"CREATE TABLE agency (id {key}, name VARCHAR NOT NULL, kind VARCHAR, "
            "jurisdiction VARCHAR, parent VARCHAR, aliases JSON NOT NULL, resolved BOOLEAN NOT NULL)"
        ))
        conn.execute(text("CREATE UNIQUE INDEX ix_agency_name ON agency (name)"))
        stamp_schema(conn, 0)  # that release recorded no schema version
        conn.execute(text(
            "INSERT INTO agency (name, kind, jurisdiction, aliases, resolved) "
            "VALUES ('Sở Y tế', 'department', 'province', '[]', TRUE)"
        ))
    engine.dispose()
    engine = make_engine(db_url)
    init_db(engine)  # recreates the dropped tables and upgrades the old one
    init_db(engine)  # and is harmless the second time
    with Session(engine) as session:
        old: Any = session.exec(select(t.Agency)).one()
        assert (old.name, old.area) == ("Sở Y tế", "")
        for province in PROVINCES:
            _ingest(session, tmp_path, province)
        assert [r.area for r in _rows(session, STTTT)] == ["Lâm Đồng", "Đắk Nông"]
    engine.dispose()
