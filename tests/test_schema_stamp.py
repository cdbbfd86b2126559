"""The schema version a database records: a current one skips the schema check, an older one
(or none) is upgraded and stamped; read commands on a SQLite file answer through sqlite3 alone,
with the very output of the session path (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import STTTT, make_plan
from fresh_process import run_fresh
from sqlalchemy import event, inspect, text

from store.cli import cli
from store.db import init_db, make_engine
from store.migrate import (
    ADDED_INDEXES,
    SCHEMA_DIGEST,
    SCHEMA_VERSION,
    STAMP_TABLE,
    schema_digest,
    schema_stamp,
    stamp_schema,
)
from store.search import PG_TABLE, SQLITE_TABLE


def _statements(engine: Any) -> list[str]:
    """Every statement ``init_db(engine)`` sends."""
    sent: list[str] = []

    def grab(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", grab)
    init_db(engine)
    event.remove(engine, "before_cursor_execute", grab)
    return sent


def _store(url: str) -> None:
    from sqlmodel import Session

    from store.ingest import save_result

    engine = make_engine(url)
    init_db(engine)
    with Session(engine) as session:
        save_result(session, make_plan())
    engine.dispose()


def test_the_schema_version_is_raised_with_the_schema() -> None:
    assert schema_digest() == SCHEMA_DIGEST, (
        f"the tables, columns or indexes changed: raise SCHEMA_VERSION and set SCHEMA_DIGEST = {schema_digest()!r}"
    )


def test_a_new_database_records_the_schema_and_is_not_inspected_again(db_url: str) -> None:
    engine = make_engine(db_url)
    assert schema_stamp(engine) == 0
    init_db(engine)
    assert schema_stamp(engine) == SCHEMA_VERSION
    again = _statements(engine)
    assert len(again) <= 2, again  # the stamp alone: no catalogue reads, no DDL
    assert not any("CREATE" in s or "sqlite_master" in s or "pg_catalog" in s for s in again), again
    engine.dispose()


def test_an_older_database_is_upgraded_then_stamped(db_url: str) -> None:
    engine = make_engine(db_url)
    init_db(engine)
    search = SQLITE_TABLE if engine.dialect.name == "sqlite" else PG_TABLE
    with engine.begin() as conn:  # as a database made before the search index and the filter indexes
        conn.execute(text(f"DROP TABLE {search}"))
        for indexes in ADDED_INDEXES.values():
            for name, _ in indexes:
                conn.execute(text(f"DROP INDEX {name}"))
        stamp_schema(conn, 0)  # which recorded no schema version
    init_db(engine)
    inspector = inspect(engine)
    assert search in inspector.get_table_names()
    for table, indexes in ADDED_INDEXES.items():
        assert {name for name, _ in indexes} <= {i["name"] for i in inspector.get_indexes(table)}
    assert schema_stamp(engine) == SCHEMA_VERSION
    engine.dispose()


def test_a_complete_database_without_a_stamp_is_stamped_without_ddl(db_url: str) -> None:
    engine = make_engine(db_url)
    init_db(engine)
    with engine.begin() as conn:
        stamp_schema(conn, 0)
    sent = [s for s in _statements(engine) if STAMP_TABLE not in s]  # PostgreSQL keeps its stamp in a table
    assert not any(s.lstrip().upper().startswith(("CREATE", "ALTER", "DROP")) for s in sent), sent
    assert schema_stamp(engine) == SCHEMA_VERSION
    engine.dispose()


def test_a_database_a_newer_planwatch_stamped_is_left_alone(db_url: str) -> None:
    engine = make_engine(db_url)
    init_db(engine)
    with engine.begin() as conn:
        stamp_schema(conn, SCHEMA_VERSION + 1)
    init_db(engine)
    assert schema_stamp(engine) == SCHEMA_VERSION + 1
    engine.dispose()


READS = (
    ("tasks", "--format", "json"),
    ("tasks", "--agency", "Sở TT&TT", "--format", "csv"),
    ("tasks", "--document", "34/KH-STTTT", "--overdue", "--as-of", "2025-01-01", "--format", "json"),
    ("checklist", "--format", "md", "--as-of", "2024-05-01"),
    ("checklist", "--agency", "STTTT", "--format", "json", "--as-of", "2024-05-01"),
    ("checklist", "--due-within", "90d", "--format", "csv", "--as-of", "2024-05-01"),
)


def _read(url: str, args: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, ["--db", url, "-q", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("args", READS, ids=[" ".join(a[:3]) for a in READS])
def test_reads_through_the_driver_give_what_the_session_path_gives(
    db_url: str, tmp_path: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same store on a plain SQLite file (sqlite3 alone), through a session on that file
    (a URL with an option), and on the database under test: through its driver alone (on
    PostgreSQL the standard library's client, then psycopg), then through a session."""
    import store.db

    file = tmp_path / "light.db"
    _store(f"sqlite:///{file}")
    _store(db_url)
    light = _read(f"sqlite:///{file}", args)
    assert STTTT in light or "Sở Thông tin" in light
    assert light == _read(f"sqlite:///{file}?timeout=30", args)
    assert light == _read(db_url, args)
    if db_url.startswith("postgresql"):  # psycopg, for a URL the standard library's client leaves to libpq
        monkeypatch.setenv("PGAPPNAME", "planwatch-test")
        assert light == _read(db_url, args)
    monkeypatch.setattr(store.db, "postgres_uri", lambda _url: None)
    monkeypatch.setattr(store.db, "plain_sqlite_file", lambda _url: None)
    assert light == _read(db_url, args)


def test_reads_on_a_current_sqlite_file_import_neither_sqlalchemy_nor_pydantic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    _store(url)
    out, _, loaded = run_fresh(["--db", url, "-q", "tasks", "--document", "34/KH-STTTT", "--format", "json"],
                               ["--db", url, "-q", "tasks", "--agency", "Sở TT&TT", "--format", "csv"],
                               ["--db", url, "-q", "checklist", "--format", "md", "-o", str(tmp_path / "c.md")])
    assert loaded == []
    assert "34/KH-STTTT" in out and "34/KH-STTTT" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_a_read_on_an_older_sqlite_file_upgrades_it_first(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _store(f"sqlite:///{path}")
    before = _read(f"sqlite:///{path}", READS[0])
    with sqlite3.connect(path) as conn:  # an older planwatch: no status index, no stamp
        conn.execute("DROP INDEX ix_task_status")
        conn.execute("PRAGMA user_version = 0")
    assert _read(f"sqlite:///{path}", READS[0]) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ix_task_status'").fetchall() == [(1,)]


@pytest.mark.postgres
def test_reads_on_postgresql_use_the_standard_library_alone_once_stamped(db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    if any(name.startswith("PG") for name in os.environ):
        pytest.skip("PG* environment variables: libpq (psycopg) opens the database")
    _store(db_url)
    listing = tmp_path / "t.json"  # an output file too: checking it is not the database needs no URL parser
    out, _, loaded = run_fresh(["--db", db_url, "-q", "tasks", "--agency", "Sở TT&TT", "--format", "json"],
                               ["--db", db_url, "-q", "tasks", "--document", "34/KH-STTTT", "-o", str(listing)])
    assert [m for m in loaded if m != "store.tables"] == []
    assert "34/KH-STTTT" in out and "34/KH-STTTT" in listing.read_text(encoding="utf-8")


def test_a_read_on_an_older_database_upgrades_it_first(db_url: str) -> None:
    _store(db_url)
    before = _read(db_url, READS[0])
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_task_status"))
        stamp_schema(conn, 0)
    assert _read(db_url, READS[0]) == before
    assert schema_stamp(engine) == SCHEMA_VERSION
    assert "ix_task_status" in {i["name"] for i in inspect(engine).get_indexes("task")}
    engine.dispose()


def test_a_read_of_a_missing_sqlite_file_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{path}", "tasks", "--format", "json"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: no planwatch database at {path};")
    assert not path.exists()
