"""Writing output and opening the database: one-line errors, nothing created or overwritten by
mistake."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import make_plan
from store.cli import cli
from store.ingest import save_result

READ_COMMANDS = (["documents"], ["tasks"], ["matrix"], ["checklist"], ["agencies"], ["targets"])


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["--silent", *args], catch_exceptions=False)


@pytest.fixture
def seeded(db_url: str, session: Any) -> str:
    save_result(session, make_plan())
    return db_url


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_read_command_on_a_missing_database_fails_and_creates_nothing(db_url: str, command: list[str]) -> None:
    result = run("--db", db_url, *command)
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: no planwatch database at ")
    if db_url.startswith("sqlite"):
        path = db_url.removeprefix("sqlite:///")
        assert line.startswith(f"Error: no planwatch database at {path};")
        assert not Path(path).exists()


def test_ingest_still_creates_the_database(db_url: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text("# Kế hoạch\n\nSở Y tế chủ trì.\n", encoding="utf-8")
    assert run("--db", db_url, "ingest", str(plan)).exit_code == 0
    assert run("--db", db_url, "documents", "--format", "json").exit_code == 0


@pytest.mark.parametrize(
    "args", [["matrix", "--format", "csv"], ["checklist", "--format", "xlsx"], ["tasks", "--format", "json"]]
)
def test_output_into_a_missing_folder_is_one_line(seeded: str, tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "no" / "such" / "out.file"
    result = run("--db", seeded, *args, "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: cannot write {target}: the folder {target.parent} does not exist"
    ]
    assert not target.parent.exists()


@pytest.mark.parametrize("name", ["planwatch.db", "./planwatch.db", "planwatch.db-wal"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_output_never_overwrites_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("ingest", str(write_plan(tmp_path))).exit_code == 0  # the default ./planwatch.db
    before = (tmp_path / "planwatch.db").read_bytes()
    result = run("matrix", "--format", fmt, "-o", name)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: will not write {name}: it is the database file; choose another name"]
    assert (tmp_path / "planwatch.db").read_bytes() == before
    result = run("--db", f"sqlite:///{tmp_path / 'planwatch.db'}", "documents", "--format", "json")
    assert result.exit_code == 0 and '"id": 1' in result.stdout


def test_output_next_to_the_database_is_fine(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "matrix.csv"
    assert run("--db", seeded, "matrix", "--format", "csv", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("id,document,task_key,task")  # the task id first


def write_plan(folder: Path) -> Path:
    path = folder / "plan.md"
    path.write_text(
        "# Kế hoạch số 5/KH-UBND\n\n| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |\n"
        "|---|---|---|---|---|\n| 1 | Rà soát hạ tầng | Sở Tài chính | Sở Y tế | Năm 2025 |\n",
        encoding="utf-8",
    )
    return path
