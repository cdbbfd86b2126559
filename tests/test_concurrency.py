"""Several planwatch processes on one database, on SQLite and PostgreSQL: nothing fails that
another process merely did first."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, inspect
from sqlmodel import Session, select

from store.db import init_db, make_engine

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "docs"
PLAN_TEMPLATE = """# Kế hoạch số {n}/KH-UBND

## Phụ lục: nhiệm vụ

| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |
|---|---|---|---|---|
| 1 | Rà soát hạ tầng viễn thông đợt {n} | Sở Tài chính | Sở Y tế; Sở Nội vụ | Quý {q}/2025 |
| 2 | Báo cáo kết quả thực hiện đợt {n} | Sở Y tế | Sở Tài chính | Năm 2025 |
"""


def planwatch_command() -> list[str]:
    """The installed ``planwatch`` script beside this Python, else the same entry point."""
    script = Path(sys.executable).parent / "planwatch"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from store.cli import cli; sys.exit(cli())"]


def batch_folder(tmp_path: Path, plans: int = 8) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for path in sorted(CORPUS.glob("00[0-9]_*.txt")):  # the seeds: enough to race on
        shutil.copy2(path, folder / path.name)
    for n in range(1, plans + 1):
        (folder / f"plan-{n:02d}.md").write_text(PLAN_TEMPLATE.format(n=n, q="I" * (1 + n % 3)), encoding="utf-8")
    return folder


def test_schema_creation_is_safe_when_many_start_at_once(db_url: str) -> None:
    starters = 6
    barrier = threading.Barrier(starters)
    errors: list[BaseException] = []

    def start() -> None:
        engine = make_engine(db_url)
        try:
            barrier.wait()
            init_db(engine)
        except BaseException as error:  # noqa: BLE001  collected and asserted below
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(starters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = make_engine(db_url)
    assert {"document", "task", "agency", "assignment"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_two_ingest_processes_on_a_fresh_database(db_url: str, tmp_path: Path) -> None:
    folder = batch_folder(tmp_path)
    files = sorted(p.name for p in folder.iterdir())
    command = [*planwatch_command(), "--db", db_url, "--silent", "ingest", str(folder)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, stderr) in zip(runs, outputs):
        assert run.returncode == 0, stderr
    lines = [line for _, stderr in outputs for line in stderr.splitlines() if line.strip()]
    assert all(line.startswith(("ok ", "skipped ")) for line in lines), lines
    stored_by = [line.split(":")[0].split("/")[-1] for line in lines if line.startswith("ok ")]
    assert sorted(stored_by) == files  # each file stored exactly once, by one of the two

    from store import tables as t

    engine = make_engine(db_url)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(t.Document)).one() == len(files)
        names = session.exec(select(t.Agency.name)).all()
        assert len(names) == len(set(names))
    engine.dispose()



def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_kill_9_of_ingest_leaves_no_worker_behind(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    plan = (CORPUS / "003_c754e10d2d6fc772.txt").read_text(encoding="utf-8")
    for n in range(24):  # distinct bytes, so each is extracted: work enough to outlast the kill
        (folder / f"plan-{n:02d}.md").write_text(plan + f"\n\nBản sao {n}\n", encoding="utf-8")
    command = [*planwatch_command(), "--db", db_url, "--silent", "ingest", "--workers", "2", str(folder)]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2 and parent.poll() is None:
            workers |= children_of(parent.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool never started"
    finally:
        parent.kill()  # SIGKILL: no clean-up code of the parent runs
        parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.1)
    survivors = [pid for pid in workers if alive(pid)]
    for pid in survivors:  # do not leave them running if the test fails
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
