"""The tracking loop on real documents: stable ids, status with history, deadlines, review,
diff and forget, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from store.cli import cli

ROOT = Path(__file__).parent.parent
SEED = ROOT / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"
LAOCAI = ROOT / "corpus" / "docs" / "laocai-kh-ct11-khoangsan-2026.docx"
# the changed copy of the seed: task 2's lead changed, task 4 replaced by another task
LEAD_2 = re.compile(r"(Xây dựng Quy hoạch hạ tầng<br>viễn thông thụ động(?:</td>\s*<td>|\|))Sở Thông tin và<br>Truyền thông")
OLD_4 = "Tăng cường khả năng chống<br>chịu và phục hồi của mạng lưới"
NEW_4 = "Tổ chức diễn tập ứng cứu<br>sự cố mạng viễn thông di động"


def run(db_url: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db_url, "--silent", *args], catch_exceptions=False)
    return result


def rows(db_url: str, *args: str) -> list[dict[str, Any]]:
    result = run(db_url, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def changed_seed(tmp_path: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    changed, n = LEAD_2.subn(r"\1Các doanh nghiệp<br>viễn thông", text)
    assert n >= 1 and OLD_4 in changed
    path = tmp_path / "003-sua-doi.txt"
    path.write_text(changed.replace(OLD_4, NEW_4), encoding="utf-8")
    return path


@pytest.fixture
def both(db_url: str) -> str:
    result = run(db_url, "ingest", str(SEED), str(LAOCAI))
    assert result.exit_code == 0, result.output
    return db_url


def by_key(items: list[dict[str, Any]], document_part: str) -> dict[str, dict[str, Any]]:
    return {r["key"]: r for r in items if document_part in r["document"]}


def test_ids_are_short_unique_and_shown_by_tasks_checklist_and_matrix(both: str) -> None:
    tasks = rows(both, "tasks")
    ids = [t["id"] for t in tasks]
    assert len(tasks) == 21 and len(set(ids)) == 21
    assert all(re.fullmatch(r"[0-9a-z]{8}", i) for i in ids)
    assert set(ids) >= {r["id"] for r in rows(both, "checklist")}
    assert {r["id"] for r in rows(both, "matrix")} == set(ids) - {
        t["id"] for t in tasks if not t["lead"] and not t["cooperate"]
    }


def test_done_when_statuses_and_history_survive_reingest_and_overdue_is_exact(both: str) -> None:
    seed = by_key(rows(both, "tasks"), "Đắk Nông")
    laocai = by_key(rows(both, "tasks"), "laocai")
    done_seed, done_laocai = seed["I.2"]["id"], laocai["1"]["id"]
    assert run(both, "task", "set", done_seed, "--status", "done", "--note", "Đã xong", "--by", "Lan").exit_code == 0
    assert run(both, "task", "set", done_laocai, "--status", "done", "--as-of", "2026-03-01").exit_code == 0
    assert run(both, "task", "set", seed["I.3"]["id"], "--status", "in_progress", "--by", "Lan").exit_code == 0

    assert run(both, "ingest", str(SEED), str(LAOCAI)).exit_code == 0  # same bytes: skipped
    assert run(both, "documents", "forget", "Đắk Nông").exit_code == 0  # and a real re-ingest
    assert {r["kind"] for r in rows(both, "documents")} == {"plan"} and len(rows(both, "documents")) == 1
    assert run(both, "ingest", str(SEED)).exit_code == 0

    after = {t["id"]: t for t in rows(both, "tasks")}
    assert after[done_seed]["status"] == "done" and after[done_seed]["note"] == "Đã xong"
    assert after[done_laocai]["status"] == "done" and after[seed["I.3"]["id"]]["status"] == "in_progress"
    shown = rows(both, "task", "show", done_seed)
    assert isinstance(shown, dict)
    assert [(h["field"], h["old"], h["new"], h["by"]) for h in shown["history"]] == [
        ("status", "not_started", "done", "Lan"), ("note", None, "Đã xong", "Lan")
    ]
    overdue = rows(both, "tasks", "--overdue", "--as-of", "2026-01-01")
    # every seed task is due by 31/12/2025; none of Lào Cai's 2026 tasks is; the done one is never overdue
    assert sorted(t["id"] for t in overdue) == sorted(t["id"] for k, t in seed.items() if k != "I.2")
    assert all(t["overdue"] for t in overdue)
    assert rows(both, "tasks", "--overdue", "--as-of", "2025-06-01") == []
    assert {t["id"] for t in rows(both, "tasks", "--status", "done")} == {done_seed, done_laocai}


def test_task_show_gives_agencies_provenance_confidence_and_flags(both: str) -> None:
    seed = by_key(rows(both, "tasks"), "Đắk Nông")
    shown = rows(both, "task", "show", seed["I.2"]["id"][:5])  # a unique prefix is enough
    assert shown["key"] == "I.2" and shown["due"] == "2025-12-31"
    assert {(a["role"], a["name"]) for a in shown["agencies"]} >= {
        ("lead", "Sở Thông tin và Truyền thông"), ("cooperate", "Doanh nghiệp viễn thông")
    }
    assert shown["provenance"]["source"].endswith("003_c754e10d2d6fc772.txt")
    assert shown["provenance"]["row"] and "Xây dựng Quy hoạch" in shown["provenance"]["text"]
    assert 0 < shown["confidence"] <= 1 and isinstance(shown["flags"], list) and shown["history"] == []
    text = run(both, "task", "show", seed["I.2"]["id"], "--format", "text").stdout
    assert "lead: Sở Thông tin và Truyền thông" in text and "history: none" in text
    unknown = run(both, "task", "show", "zzzzzzzz")
    assert unknown.exit_code == 1 and "no task has the id 'zzzzzzzz'" in unknown.output


def test_task_set_by_defaults_to_the_os_user_and_rejects_nothing_to_set(both: str) -> None:
    from store.status import current_user

    uid = rows(both, "tasks")[0]["id"]
    assert run(both, "task", "set", uid).exit_code == 2
    assert run(both, "task", "set", uid, "--status", "blocked").exit_code == 0
    result = run(both, "task", "set", uid, "--status", "blocked")
    assert "unchanged" in result.output
    assert [h["by"] for h in rows(both, "task", "show", uid)["history"]] == [current_user()]


def test_new_version_keeps_ids_status_and_flags_changed_tasks_for_review(both: str, tmp_path: Path) -> None:
    seed = by_key(rows(both, "tasks"), "Đắk Nông")
    run(both, "task", "set", seed["I.2"]["id"], "--status", "done")
    run(both, "task", "set", seed["I.1"]["id"], "--status", "done")
    assert run(both, "ingest", str(changed_seed(tmp_path))).exit_code == 0
    new = by_key(rows(both, "tasks", "--document", "Đắk Nông"), "Đắk Nông")
    assert len(rows(both, "documents")) == 3  # the seed's second version is stored beside the first
    assert new["I.1"]["id"] == seed["I.1"]["id"] and new["I.2"]["id"] == seed["I.2"]["id"]
    assert new["I.2"]["status"] == "done" and new["II.4"]["id"] != seed["II.4"]["id"]
    changed = [i for i in rows(both, "review") if i["reason"] == "changed"]
    assert [(i["id"], i["detail"]) for i in changed] == [(seed["I.2"]["id"], "changed since you marked it done")]


def test_diff_of_a_changed_copy_shows_exactly_the_three_differences(both: str, tmp_path: Path) -> None:
    assert run(both, "ingest", str(changed_seed(tmp_path))).exit_code == 0
    changes = rows(both, "diff", "003-sua-doi.txt")
    assert [(c["change"], c["key"]) for c in changes] == [("removed", "II.4"), ("changed", "I.2"), ("added", "II.4")]
    assert changes[1]["fields"] == [{
        "field": "lead", "old": ["Sở Thông tin và Truyền thông"], "new": ["Doanh nghiệp viễn thông"]
    }]
    assert "chống chịu" in changes[0]["title"] and "diễn tập" in changes[2]["title"]
    documents = rows(both, "documents")
    first, second = (str(d["id"]) for d in documents if "Đắk Nông" in d["label"])
    assert rows(both, "diff", first, second) == changes  # either order, the older first
    assert rows(both, "diff", second, first) == changes
    assert run(both, "diff", "laocai").exit_code == 1  # no earlier version


def test_forget_removes_everything_read_and_restores_the_previous_version(both: str, tmp_path: Path) -> None:
    run(both, "ingest", str(changed_seed(tmp_path)))
    uid = by_key(rows(both, "tasks"), "Đắk Nông")["I.2"]["id"]
    run(both, "task", "set", uid, "--status", "in_progress")
    assert run(both, "documents", "forget", "003-sua-doi.txt").exit_code == 0
    documents = rows(both, "documents")
    assert [d["status"] for d in documents] == ["current", "current"]
    assert len(rows(both, "tasks")) == 21 and rows(both, "task", "show", uid)["history"]
    assert run(both, "documents", "forget", LAOCAI.name).exit_code == 0
    assert len(rows(both, "tasks")) == 7 and not any(t["document"].startswith("laocai") for t in rows(both, "tasks"))
    assert run(both, "documents", "forget", LAOCAI.name).exit_code == 1


def test_due_within_and_summary_per_document_and_agency(both: str) -> None:
    seed = by_key(rows(both, "tasks"), "Đắk Nông")
    run(both, "task", "set", seed["I.1"]["id"], "--status", "done")
    run(both, "task", "set", seed["I.3"]["id"], "--status", "in_progress")
    soon = rows(both, "tasks", "--due-within", "30d", "--as-of", "2025-12-15", "--document", "Đắk Nông")
    assert sorted(t["key"] for t in soon) == sorted(k for k in seed if k != "I.1")
    summary = {r["name"]: r for r in rows(both, "summary", "--as-of", "2026-01-01")}
    dak_nong = next(v for k, v in summary.items() if "Đắk Nông" in k)
    assert (dak_nong["total"], dak_nong["completed"], dak_nong["overdue"], dak_nong["on_time"]) == (7, 1, 6, 0)
    assert summary["TOTAL"]["total"] == 21
    by_agency = {r["name"]: r for r in rows(both, "summary", "--by", "agency", "--as-of", "2025-06-01")}
    sttt = by_agency["Sở Thông tin và Truyền thông"]
    assert sttt["completed"] == 1 and sttt["in_progress"] == 1 and sttt["overdue"] == 0
    assert sttt["total"] == sum(1 for t in seed.values() if "Sở Thông tin và Truyền thông" in t["lead"] + t["cooperate"])


def test_documents_warnings_shows_the_text(both: str) -> None:
    warnings = rows(both, "documents", "--warnings")
    assert warnings and all(w["warning"] and isinstance(w["warning"], str) for w in warnings)
    counts = {d["id"]: d["warnings"] for d in rows(both, "documents")}
    assert sum(counts.values()) == len(warnings)


def test_review_lists_unresolved_agencies_with_provenance(db_url: str, session: Any) -> None:
    from conftest import make_plan
    from store.ingest import save_result

    save_result(session, make_plan())
    items = rows(db_url, "review")
    unresolved = [i for i in items if i["reason"] == "unresolved"]
    assert [(i["text"], i["detail"], i["where"]) for i in unresolved] == [
        ("Tuyên truyền về chuyển đổi số", "lead: Đài Phát thanh tỉnh", "page 6, table 1, row 5")
    ]  # the vague "các đơn vị có liên quan" names no one: not queued
    md = run(db_url, "review", "--format", "md").stdout
    assert "## unresolved" in md and "Đài Phát thanh tỉnh" in md


def test_due_dates_for_recurring_tasks_are_the_next_occurrence_within_the_horizon() -> None:
    from store.deadlines import category, due_date, parse_period

    today = date(2025, 5, 10)
    assert due_date(None, date(2025, 6, 30), None, None, today) == date(2025, 6, 30)
    assert due_date(None, None, "monthly", date(2025, 12, 31), today) == date(2025, 5, 31)
    assert due_date(None, None, "quarterly", date(2025, 12, 31), today) == date(2025, 6, 30)
    assert due_date(None, None, "yearly", date(2025, 12, 31), today) == date(2025, 12, 31)
    assert due_date(None, None, "yearly", date(2025, 3, 31), today) == date(2025, 3, 31)  # bounded
    assert due_date(date(2025, 9, 1), None, "monthly", None, today) == date(2025, 9, 30)  # not started yet
    assert due_date(None, None, "continuous", date(2025, 12, 31), today) == date(2025, 12, 31)
    assert due_date(None, None, "continuous", None, today) is None
    assert category("done", date(2020, 1, 1), today) == "completed"  # never overdue
    assert category("blocked", date(2025, 5, 9), today) == "overdue"
    assert category("in_progress", date(2025, 5, 10), today) == "in_progress"
    assert [parse_period(p) for p in ("30d", "2w", "3m", "1y", "7")] == [30, 14, 90, 365, 7]
    with pytest.raises(ValueError):
        parse_period("soon")


def test_observations_duties_and_references_are_listed_with_provenance(db_url: str, session: Any) -> None:
    from conftest import STTTT, make_plan
    from store.ingest import save_result

    save_result(session, make_plan())
    news = ROOT / "corpus" / "docs" / "000_f3d760a5877f9be0.txt"
    assert run(db_url, "ingest", str(news)).exit_code == 0
    observed = rows(db_url, "observations", "--document", news.name)
    assert observed and all(o["value"] is not None and o["text"] for o in observed)
    assert rows(db_url, "observations", "--indicator", "base transceiver")
    duties = rows(db_url, "duties", "--agency", "STTTT")
    assert [(d["agency"], d["role"], d["duty"]) for d in duties] == [
        (STTTT, "lead", "Chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch")
    ]
    assert rows(db_url, "duties", "--role", "cooperate") == []
    cited = rows(db_url, "duties", "--references")
    assert [(c["cites"], c["date"]) for c in cited] == [("1110/QĐ-BTTTT", "2024-07-02")]


def test_search_is_diacritic_aware_ranked_filtered_and_kept_in_step(db_url: str, session: Any, tmp_path: Path) -> None:
    from conftest import make_plan
    from store.ingest import save_result

    save_result(session, make_plan())
    hits = rows(db_url, "search", "chuyen doi so")
    assert [(h["kind"], h["text"]) for h in hits] == [("task", "Tuyên truyền về chuyển đổi số")]
    assert hits[0]["id"] and hits[0]["agencies"]
    assert [h["id"] for h in rows(db_url, "search", "CHUYỂN ĐỔI")] == [hits[0]["id"]]  # case and marks either way
    assert run(db_url, "ingest", str(SEED)).exit_code == 0
    found = rows(db_url, "search", "do kiem chat luong", "--kind", "task")
    assert {h["text"] for h in found[:2]} == {  # the plan's and the seed's "đo kiểm chất lượng" first
        "Đo kiểm chất lượng mạng viễn thông di động", "Kiểm tra, đo kiểm chất lượng dịch vụ 4G"
    }
    assert all(h["kind"] == "task" for h in found)
    assert {h["kind"] for h in rows(db_url, "search", "tốc độ tải xuống")} >= {"target"}
    led = rows(db_url, "search", "viễn thông", "--agency", "Sở TT&TT", "--kind", "task")
    assert led and all("Sở Thông tin và Truyền thông" in h["agencies"] for h in led)
    assert rows(db_url, "search", "theo dõi đôn đốc", "--kind", "duty")[0]["kind"] == "duty"
    assert run(db_url, "ingest", str(changed_seed(tmp_path))).exit_code == 0  # a new version replaces the old
    again = rows(db_url, "search", "do kiem chat luong", "--kind", "task")
    assert [h["text"] for h in again].count("Đo kiểm chất lượng mạng viễn thông di động") == 1
    assert rows(db_url, "search", "dien tap ung cuu")[0]["text"] == "Tổ chức diễn tập ứng cứu sự cố mạng viễn thông di động"
    assert run(db_url, "documents", "forget", "003-sua-doi.txt").exit_code == 0
    assert rows(db_url, "search", "dien tap ung cuu") == []
    assert run(db_url, "documents", "forget", SEED.name).exit_code == 0
    assert [h["text"] for h in rows(db_url, "search", "do kiem chat luong", "--kind", "task")] == [
        "Kiểm tra, đo kiểm chất lượng dịch vụ 4G"
    ]
    assert rows(db_url, "search", "!!!") == []


def test_global_options_after_the_subcommand_json_report_and_did_you_mean(db_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(SEED), "--db", db_url, "-q", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert (report["status"], report["tasks"], report["path"]) == ("ok", 7, str(SEED))
    assert report["warnings"] and all(isinstance(w, str) for w in report["warnings"])
    again = CliRunner().invoke(cli, ["ingest", "--json", str(SEED), f"--db={db_url}"], catch_exceptions=False)
    assert [(r["status"], r["reason"]) for r in json.loads(again.stdout)] == [("skipped", "already ingested")]
    listed = CliRunner().invoke(cli, ["tasks", "--format", "json", "--db", db_url, "-v"], catch_exceptions=False)
    assert len(json.loads(listed.stdout)) == 7
    typo = CliRunner().invoke(cli, ["tasks", "--agency", "So Thong tin va Truyen thon", "--db", db_url])
    assert typo.exit_code == 1 and "(did you mean 'Sở Thông tin và Truyền thông'?)" in typo.output
    nothing_close = CliRunner().invoke(cli, ["tasks", "--document", "99/KH", "--db", db_url])
    assert nothing_close.exit_code == 1 and "did you mean" not in nothing_close.output


def test_ctrl_c_exits_130(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import os, signal, threading, sys\n"
        "from store.cli import cli\n"
        "threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()\n"
        f"cli.main(['--db', 'sqlite:///{tmp_path}/x.db', '-q', 'ingest', '{ROOT / 'corpus'}'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 130, done.stderr[-500:]
    assert done.stderr.rstrip().endswith("interrupted")


def test_ctrl_c_ends_running_extractions_without_waiting_for_them(tmp_path: Path) -> None:
    """An extraction can run for minutes (an OCR of a long scan): Ctrl-C stops the workers
    instead of waiting for them, and nothing of the files in flight is stored."""
    import subprocess
    import sys
    import time

    for n in range(3):
        (tmp_path / f"plan{n}.md").write_text(f"# Kế hoạch {n}\n", encoding="utf-8")
    code = (
        "import os, signal, threading, time\n"
        "from pathlib import Path\n"
        "from sqlalchemy import text\n"
        "from store.db import init_db, make_engine\n"
        "from store.ingest import ingest_files\n"
        "def slow(path):\n"
        "    path.with_suffix('.started').touch()\n"
        "    time.sleep(120)\n"
        "def interrupt_once_running():\n"  # not on a timer: a loaded machine may not have started them
        f"    while not any(Path('{tmp_path}').glob('*.started')):\n"
        "        time.sleep(0.05)\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        f"engine = make_engine('sqlite:///{tmp_path}/x.db')\n"
        "init_db(engine)\n"
        f"paths = sorted(Path('{tmp_path}').glob('*.md'))\n"
        "threading.Thread(target=interrupt_once_running, daemon=True).start()\n"
        "try:\n"
        "    list(ingest_files(engine, paths, workers=2, extract_one=slow))\n"
        "except KeyboardInterrupt:\n"
        "    with engine.connect() as db:\n"
        "        print('interrupted', db.execute(text('SELECT count(*) FROM document')).scalar())\n"
    )
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=100, cwd=ROOT)
    assert done.stdout.split() == ["interrupted", "0"], done.stderr[-500:]
    assert time.monotonic() - start < 60  # the workers' sleep is 120 s
    assert list(tmp_path.glob("*.started")), "no extraction was running when Ctrl-C came"
