"""Issue 9 speed: `task set` on a SQLite file runs on sqlite3 alone, writing exactly what the
session path writes (on SQLite and PostgreSQL), and falls back to the full path when it must."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import make_plan
from fresh_process import run_fresh

from store.cli import cli
from store.ingest import save_result

STEPS: list[dict[str, Any]] = [
    {"status": "in_progress", "note": None, "as_of": None, "by": "An"},
    {"status": "done", "note": "Báo cáo đã gửi", "as_of": date(2026, 1, 2), "by": "Bình"},
    {"status": "done", "note": "Báo cáo đã gửi", "as_of": None, "by": "Bình"},  # nothing changes
    {"status": None, "note": "", "as_of": date(2026, 2, 1), "by": "An"},
]


def _store(url: str) -> str:
    """A store holding the small plan; the id of its first task."""
    from sqlmodel import Session, select

    from store.db import init_db, make_engine
    from store.tables import Task

    engine = make_engine(url)
    init_db(engine)
    with Session(engine) as session:
        save_result(session, make_plan())
        uid = session.exec(select(Task.uid).order_by(Task.id)).first()
    engine.dispose()
    assert uid
    return uid


def _cli_args(uid: str, step: dict[str, Any]) -> list[str]:
    args = ["task", "set", uid, "--by", step["by"]]
    if step["status"]:
        args += ["--status", step["status"]]
    if step["note"] is not None:
        args += ["--note", step["note"]]
    if step["as_of"]:
        args += ["--as-of", step["as_of"].isoformat()]
    return args


def _plain(row: Any) -> tuple[Any, ...]:
    return tuple(v.isoformat() if isinstance(v, date) else v for v in row)  # SQLite gives text


def _written(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """What status changes wrote, timestamps left out."""
    from sqlalchemy import text

    from store.db import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        out = {
            "state": [_plain(r) for r in conn.execute(text("SELECT uid, status, note, as_of, updated_by, fingerprint FROM taskstate"))],
            "events": [_plain(r) for r in conn.execute(text(
                'SELECT uid, "by", field, "old", "new", as_of, document, task FROM taskevent ORDER BY id'))],
            "tasks": [_plain(r) for r in conn.execute(text("SELECT uid, status, status_note FROM task ORDER BY id"))],
        }
    engine.dispose()
    return out


def test_task_set_on_a_sqlite_file_writes_what_the_session_path_writes(db_url: str, tmp_path: Path) -> None:
    from sqlmodel import Session

    from store.db import make_engine
    from store.status import set_status

    light = f"sqlite:///{tmp_path / 'light.db'}"
    uid = _store(light)
    assert _store(db_url) == uid
    outputs = []
    for step in STEPS:
        result = CliRunner().invoke(cli, ["--db", light, *_cli_args(uid, step)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outputs.append(result.stderr)
        engine = make_engine(db_url)
        with Session(engine) as session:
            set_status(session, uid[:5], **step)
        engine.dispose()
    assert outputs == [
        f"{uid}: status not_started -> in_progress\n",
        f"{uid}: status in_progress -> done\n{uid}: note - -> Báo cáo đã gửi\n{uid}: as_of - -> 2026-01-02\n",
        f"{uid}: unchanged\n",
        f"{uid}: note Báo cáo đã gửi -> -\n{uid}: as_of 2026-01-02 -> 2026-02-01\n",
    ]
    written = _written(light)
    assert len(written["events"]) == 6 and written["state"][0][1:4] == ("done", "", "2026-02-01")
    assert written == _written(db_url)
    shown = CliRunner().invoke(cli, ["--db", light, "task", "show", uid, "--format", "json"], catch_exceptions=False)
    assert '"status_as_of": "2026-02-01"' in shown.stdout and '"by": "Bình"' in shown.stdout


def test_task_set_on_sqlite_imports_neither_the_orm_nor_sqlalchemy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    uid = _store(url)
    _, err, loaded = run_fresh(["--db", url, "task", "set", uid, "--status", "done"])
    assert loaded == []
    assert err == f"{uid}: status not_started -> done\n"


def test_task_set_on_a_database_an_older_planwatch_made_takes_the_full_path(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    uid = _store(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE taskstate")
        conn.execute("PRAGMA user_version = 0")  # an older planwatch recorded no schema version
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{path}", "task", "set", uid, "--status", "blocked", "--by", "An"])
    assert (result.exit_code, result.stderr) == (0, f"{uid}: status not_started -> blocked\n")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT uid, status, updated_by FROM taskstate").fetchall() == [(uid, "blocked", "An")]


def test_task_set_on_a_missing_sqlite_file_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{path}", "task", "set", "abcd1234", "--status", "done"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: no planwatch database at {path};")
    assert not path.exists()


def test_task_set_unknown_id_on_the_light_path(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    _store(url)
    result = CliRunner().invoke(cli, ["--db", url, "task", "set", "zzzz9999", "--status", "done"])
    assert (result.exit_code, result.stderr) == (
        1, "Error: no task has the id 'zzzz9999'; run `planwatch tasks` to see the ids\n"
    )


@pytest.mark.parametrize(
    ("url", "file"),
    [("sqlite:///x.db", "x.db"), ("sqlite:////tmp/a b/x.db", "/tmp/a b/x.db"), ("sqlite+pysqlite:///d/x.db", "d/x.db"),
     ("sqlite://", None), ("sqlite:///:memory:", None), ("sqlite:///x.db?mode=ro", None),
     ("postgresql://u@h/db", None), ("sqlite:///x%20y.db", None)],
)
def test_plain_sqlite_urls_are_read_as_sqlalchemy_reads_them(url: str, file: str | None) -> None:
    from store.db import plain_sqlite_file, sqlite_path

    assert plain_sqlite_file(url) == (None if file is None else Path(file))
    if file is not None:
        assert sqlite_path(url) == Path(file)


def test_the_statements_name_the_tables_and_columns_of_the_models() -> None:
    from sqlmodel import SQLModel

    import store.tables  # noqa: F401
    from store.status_sql import USES

    for table, columns in USES.items():
        assert set(columns) <= set(SQLModel.metadata.tables[table].columns.keys()), table
