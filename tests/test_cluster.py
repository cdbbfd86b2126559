"""`ingest --engine dask`: extraction on a real Dask LocalCluster of two worker processes,
written to PostgreSQL, gives the store a serial ingest of the same folder gives."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import _postgres_schema_url
from store.cli import cli
from test_concurrency import CORPUS, PLAN_TEMPLATE

pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[test]'")


def run(url: str, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--db", url, "--silent", *args], catch_exceptions=False)


def folder_of_plans(tmp_path: Path) -> Path:
    """Seed documents, plans, a new version of one of them, and a file that fails."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    for path in sorted(CORPUS.glob("00[0-9]_*.txt"))[2:]:  # a news report and a plan
        shutil.copy2(path, folder / path.name)
    for n in range(1, 8):
        (folder / f"plan-{n:02d}.md").write_text(PLAN_TEMPLATE.format(n=n, q="I" * (1 + n % 3)), encoding="utf-8")
    revised = PLAN_TEMPLATE.format(n=3, q="III").replace("Năm 2025", "Năm 2026")  # plan 3, other bytes
    (folder / "plan-08-revised.md").write_text(revised, encoding="utf-8")
    (folder / "zz-empty.md").write_bytes(b"")
    return folder


def store_content(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Everything ingest wrote, without row ids or ingest times, in a stable order."""
    from sqlalchemy import text

    from store.db import make_engine

    queries = {
        "documents": "SELECT d.source, d.sha256, d.kind, d.title, d.number, d.issuer, d.issued, d.version, "
                     "d.status, p.sha256, CAST(d.warnings AS TEXT), CAST(d.\"references\" AS TEXT) "
                     "FROM document d LEFT JOIN document p ON p.id = d.previous_id",
        "tasks": "SELECT d.sha256, t.key, t.uid, t.title, t.outputs, t.group_title, t.timeframe_text, "
                 "t.timeframe_end, t.status, t.fingerprint, CAST(t.provenance AS TEXT), CAST(t.flags AS TEXT) "
                 "FROM task t JOIN document d ON d.id = t.document_id",
        "assignments": "SELECT d.sha256, t.key, a.name, a.area, a.resolved, s.role, s.mention FROM assignment s "
                       "JOIN task t ON t.id = s.task_id JOIN document d ON d.id = t.document_id "
                       "JOIN agency a ON a.id = s.agency_id",
        "targets": "SELECT d.sha256, g.indicator, g.text, g.value, g.deadline FROM target g "
                   "JOIN document d ON d.id = g.document_id",
        "search": "SELECT d.sha256, e.kind, e.body FROM search_entry e JOIN document d ON d.id = e.document_id",
    }
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {name: sorted(map(tuple, conn.execute(text(sql))), key=repr) for name, sql in queries.items()}
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_dask_ingest_on_a_local_cluster_equals_a_serial_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = folder_of_plans(tmp_path).relative_to(tmp_path)  # stored as named, though workers get absolute paths
    monkeypatch.chdir(tmp_path)
    serial_urls, cluster_urls = _postgres_schema_url(), _postgres_schema_url()
    serial, cluster = next(serial_urls), next(cluster_urls)
    try:
        done = run(serial, "ingest", "--workers", "1", str(folder))
        assert done.exit_code == 1 and done.stderr.splitlines()[-2].startswith("error ")  # the empty file
        expected = store_content(serial)
        assert len(expected["documents"]) == 10 and expected["assignments"] and expected["search"]

        first = sorted(folder.iterdir())[:4]  # a run stopped part-way: the rerun finishes the job
        assert run(cluster, "ingest", "--workers", "1", *map(str, first)).exit_code == 0
        spread = run(cluster, "ingest", "--engine", "dask", "--workers", "2", str(folder))
        assert spread.exit_code == 1
        lines = spread.stderr.splitlines()
        assert lines[:4] == [f"skipped {path}: already ingested" for path in first]
        assert lines[4:] == done.stderr.splitlines()[4:]  # the same lines, in input order
        assert store_content(cluster) == expected
    finally:
        for urls in (serial_urls, cluster_urls):
            urls.close()  # drops the schema


def test_engine_dask_without_dask_installed_says_how_to_install(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(PLAN_TEMPLATE.format(n=1, q="I"), encoding="utf-8")
    code = ("import sys; sys.modules['distributed'] = None; from store.cli import cli; "  # as if not installed
            "sys.exit(cli(['--db', sys.argv[1], 'ingest', '--engine', 'dask', sys.argv[2]]))")
    done = subprocess.run([sys.executable, "-c", code, f"sqlite:///{tmp_path / 'x.db'}", str(plan)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "Error: --engine dask needs Dask: pip install 'planwatch[dask]'\n"


def test_scheduler_without_engine_dask_is_a_usage_error(tmp_path: Path) -> None:
    result = run(f"sqlite:///{tmp_path / 'x.db'}", "ingest", "--scheduler", "tcp://127.0.0.1:8786", str(tmp_path))
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.stderr
