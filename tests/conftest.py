"""Shared fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``PLANWATCH_TEST_PG_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); each test gets a fresh schema, chosen
through the URL's ``options=-csearch_path=…`` so the CLI can use the very same URL, and the
schema is dropped afterwards. An unreachable server skips those tests, unless
``PLANWATCH_REQUIRE_PG=1``, which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from schemas.records import (
    AgencyInfo,
    AgencyMention,
    DocumentInfo,
    ExtractedDocument,
    Provenance,
    Reference,
    Responsibility,
    Target,
    Task,
    TaskGroup,
    Timeframe,
)

PG_URL = os.environ.get("PLANWATCH_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("PLANWATCH_REQUIRE_PG") == "1"

STTTT = "Sở Thông tin và Truyền thông"
VNPT = "Doanh nghiệp viễn thông"
UBND = "Ủy ban nhân dân các huyện, thành phố"
VAGUE = "các đơn vị có liên quan"


_pg_down: list[str] = []  # the reason, once the server was found unreachable


def _postgres_schema_url() -> Iterator[str]:
    from sqlalchemy import make_url, text

    from store.db import make_engine

    if _pg_down:  # do not wait for the same timeout in every test
        pytest.fail(_pg_down[0]) if REQUIRE_PG else pytest.skip(_pg_down[0])
    admin = make_engine(PG_URL, connect_args={"connect_timeout": 3})
    schema = f"pw_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # noqa: BLE001  any failure to reach the server
        admin.dispose()
        reason = f"PostgreSQL not reachable at {PG_URL} ({type(error).__name__}); set PLANWATCH_TEST_PG_URL"
        _pg_down.append(reason)
        if REQUIRE_PG:
            pytest.fail(reason + " (PLANWATCH_REQUIRE_PG=1)")
        pytest.skip(reason)
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A URL of an empty database: a temporary SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'planwatch.db'}"
    else:
        yield from _postgres_schema_url()


@pytest.fixture
def engine(db_url: str) -> Iterator[Any]:
    from store.db import init_db, make_engine

    engine = make_engine(db_url)
    init_db(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Any) -> Iterator[Any]:
    from sqlmodel import Session

    with Session(engine) as session:
        yield session


def mention(text: str, agency: str | None, kind: str | None = None, flags: list[str] | None = None) -> AgencyMention:
    return AgencyMention(
        mention=text, agency=agency, kind=kind, confidence=0.97 if agency else 0.3, flags=flags or []
    )


def plan_tasks() -> list[Task]:
    group = TaskGroup(number="I", title="Phát triển hạ tầng mạng di động")
    return [
        Task(
            key="I.1",
            group=group,
            number="1",
            title="Rà soát, phát triển trạm BTS tại các khu vực lõm sóng",
            outputs="Báo cáo kết quả rà soát",
            lead=[mention("Các doanh nghiệp viễn thông", VNPT, "collective")],
            cooperating=[
                mention("Sở TT&TT", STTTT, "department"),
                mention("UBND các huyện, thành phố", UBND, "collective"),
            ],
            timeframe=Timeframe(text="2024-2025", start=date(2024, 1, 1), end=date(2025, 12, 31)),
            source=Provenance(page=5, table=1, row=2),
        ),
        Task(
            key="I.2",
            group=group,
            number="2",
            title="Kiểm tra, đo kiểm chất lượng dịch vụ 4G",
            lead=[mention("Sở Thông tin và Truyền thông", STTTT, "department")],
            cooperating=[
                mention("Các doanh nghiệp viễn thông", VNPT, "collective"),
                mention(VAGUE, None, "vague", ["vague"]),
            ],
            timeframe=Timeframe(text="Quý II/2024", start=date(2024, 4, 1), end=date(2024, 6, 30)),
            source=Provenance(page=5, table=1, row=3),
        ),
        Task(
            key="II.1",
            group=TaskGroup(number="II", title="Tuyên truyền"),
            number="1",
            title="Tuyên truyền về chuyển đổi số",
            lead=[mention("Đài Phát thanh tỉnh", None, None, ["unresolved"])],
            cooperating=[mention("STTTT", STTTT, "department")],
            timeframe=Timeframe(text="Thường xuyên", recurrence="continuous"),
            source=Provenance(page=6, table=1, row=5),
        ),
    ]


def make_plan(
    *, sha256: str = "a" * 64, source: str = "ke-hoach-34.md", number: str | None = "34/KH-STTTT",
    title: str = "Kế hoạch nâng cao chất lượng mạng viễn thông di động tỉnh Đắk Nông đến năm 2025",
    tasks: list[Task] | None = None,
) -> ExtractedDocument:
    """A small, realistic plan as the extraction would return it."""
    return ExtractedDocument(
        document=DocumentInfo(
            source=source, sha256=sha256, format="markdown", language="vi", kind="plan",
            title=title, number=number, issuer=STTTT, issued=date(2024, 8, 12), horizon=date(2025, 12, 31),
            references=[Reference(text="Quyết định số 1110/QĐ-BTTTT ngày 02/7/2024", number="1110/QĐ-BTTTT",
                                  kind="Quyết định", date=date(2024, 7, 2))],
        ),
        tasks=plan_tasks() if tasks is None else tasks,
        targets=[
            Target(indicator="Tốc độ tải xuống trung bình 4G", text="Tốc độ tải xuống trung bình tối thiểu 40 Mbit/s",
                   comparator=">=", value=40, unit="Mbit/s", deadline=date(2025, 12, 31), area="tỉnh Đắk Nông"),
        ],
        responsibilities=[
            Responsibility(agency=mention("Sở TT&TT", STTTT, "department"), role="lead",
                           duty="Chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch"),
        ],
        agencies=[AgencyInfo(name=STTTT, kind="department", jurisdiction="province", aliases=["Sở TT&TT", "STTTT"])],
        warnings=["bảng bị ngắt trang ở trang 5"],
    )


@pytest.fixture
def plan() -> ExtractedDocument:
    return make_plan()


@pytest.fixture
def stored(session: Any, plan: ExtractedDocument) -> Any:
    """The session with the small plan saved in it."""
    from store.ingest import save_result

    save_result(session, plan)
    return session


PlanFactory = Callable[..., ExtractedDocument]
