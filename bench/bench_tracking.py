"""Speed figures of the tracking issue: checklists of 10,000 tasks and `task set`.

Run: python bench/bench_tracking.py [--runs N] [--tasks N]. Builds a temporary SQLite store of
N tasks (default 10,000: 20 plans of 500 tasks, three agencies each), then prints medians:
  - `planwatch checklist --format F -o FILE` for md, csv, json, xlsx, ics, html, as a whole
    command (a fresh process; median wall and CPU seconds) and in process (query + write);
    targets: xlsx <= 3 s, md/csv/json <= 1 s;
  - `planwatch task set ID --status …` as a whole command; target <= 0.3 s.
On a SQLite file `task set` and the md/csv/json/ics checklists answer through sqlite3 alone
(store.sql); each is also timed in the same run, in turn with it, on the full path (a session,
forced by a URL with a query option: what every format paid before) with the ratio, and
against `python -c pass` and `python -c "import sqlmodel"`. `--task-set-only` skips the checklists.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_speed import cold_runs, median_pair, timed  # the same whole-process timing as the speed benchmark

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("md", "csv", "json", "xlsx", "ics", "html")
TARGETS = {"md": 1.0, "csv": 1.0, "json": 1.0, "xlsx": 3.0}
AGENCIES = ("Sở Thông tin và Truyền thông", "Sở Tài chính", "Ủy ban nhân dân các huyện, thành phố", "Sở Nội vụ")


def build_store(url: str, n_tasks: int) -> None:
    """Save synthetic plans through the real ingest path (save_result)."""
    from sqlmodel import Session

    from schemas.records import AgencyMention, DocumentInfo, ExtractedDocument, Provenance, Task, TaskGroup, Timeframe
    from store.db import init_db, make_engine
    from store.ingest import save_result

    engine = make_engine(url)
    init_db(engine)
    per_plan = 500
    for p in range((n_tasks + per_plan - 1) // per_plan):
        tasks = []
        for i in range(min(per_plan, n_tasks - p * per_plan)):
            lead, other = AGENCIES[i % 4], AGENCIES[(i + 1) % 4]
            recurring = i % 5 == 0
            tasks.append(Task(
                key=f"{i // 50 + 1}.{i % 50 + 1}", group=TaskGroup(number=str(i // 50 + 1), title=f"Nhóm {i // 50}"),
                number=str(i % 50 + 1), title=f"Nhiệm vụ số {i} của kế hoạch {p}: rà soát, báo cáo kết quả thực hiện",
                outputs=f"- Báo cáo {i}", lead=[AgencyMention(mention=lead, agency=lead, confidence=0.95)],
                cooperating=[AgencyMention(mention=other, agency=other, confidence=0.95)],
                timeframe=Timeframe(text="Hằng năm", recurrence="yearly", end=date(2030, 12, 31)) if recurring
                else Timeframe(text=f"Quý {i % 4 + 1}/2026", end=date(2026, (i % 4 + 1) * 3, 28)),
                source=Provenance(page=i // 20 + 1, table=1, row=i % 20 + 1),
            ))
        document = DocumentInfo(source=f"plan-{p}.md", sha256=f"{p:064x}", format="markdown", language="vi",
                                kind="plan", title=f"Kế hoạch thử số {p}", number=f"{p}/KH-UBND", issuer="UBND tỉnh")
        with Session(engine) as session:
            save_result(session, ExtractedDocument(document=document, tasks=tasks))
    engine.dispose()


def in_process(url: str, fmt: str, out: Path, runs: int) -> float:
    from click.testing import CliRunner

    from store.cli import cli

    args = ["--db", url, "-q", "checklist", "--format", fmt, "-o", str(out), "--as-of", "2026-06-01"]
    CliRunner().invoke(cli, args, catch_exceptions=False)  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        times.append(time.perf_counter() - start)
        assert result.exit_code == 0, result.output
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--task-set-only", action="store_true", help="time only `task set`")
    args = parser.parse_args()
    planwatch = shutil.which("planwatch") or str(Path(sys.executable).with_name("planwatch"))
    folder = Path(tempfile.mkdtemp(prefix="planwatch-bench-"))
    url = f"sqlite:///{folder}/bench.db"
    start = time.perf_counter()
    build_store(url, args.tasks)
    print(f"store of {args.tasks} tasks built in {time.perf_counter() - start:.1f} s")
    baseline = [sys.executable, "-c", "import sqlmodel"]
    if not args.task_set_only:
        base = cold_runs({"pass": ([sys.executable, "-c", "pass"], None), "sqlmodel": (baseline, None)}, args.runs)
        print(f"baselines: python -c pass {base['pass'][0]:5.2f} s, python -c 'import sqlmodel' {base['sqlmodel'][0]:5.2f} s")
    for fmt in () if args.task_set_only else FORMATS:
        out = folder / f"checklist.{fmt}"
        tail = ["-q", "checklist", "--format", fmt, "-o", str(out), "--as-of", "2026-06-01"]
        got = cold_runs({"light": ([planwatch, "--db", url, *tail], None),
                         "full": ([planwatch, "--db", url + "?timeout=30", *tail], None)}, args.runs)
        (whole, cpu), (full, full_cpu) = got["light"], got["full"]
        inside = in_process(url, fmt, out, args.runs)
        target = f"(target <= {TARGETS[fmt]:.0f} s)" if fmt in TARGETS else ""
        print(f"checklist {fmt:5} whole {whole:6.2f} s (cpu {cpu:5.2f})  in process {inside:6.2f} s  "
              f"full path {full:5.2f} s (cpu {full_cpu:5.2f}, x{full / whole:.2f} of it)  "
              f"{out.stat().st_size // 1024} KiB {target}")
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        uid = conn.execute(text("SELECT uid FROM task LIMIT 1")).scalar_one()
    engine.dispose()
    statuses = iter(["done", "in_progress"] * (2 * args.runs + 2))
    light, full = [], []
    for _ in range(args.runs + 1):
        light.append(timed([planwatch, "--db", url, "-q", "task", "set", uid, "--status", next(statuses), "--by", "bench"]))
        full.append(timed([planwatch, "--db", url + "?timeout=30", "-q", "task", "set", uid, "--status", next(statuses),
                           "--by", "bench"]))
    _, base, _ = median_pair(baseline, baseline, args.runs)
    _, bare, _ = median_pair([sys.executable, "-c", "pass"], [sys.executable, "-c", "pass"], args.runs)
    whole, orm = statistics.median(light[1:]), statistics.median(full[1:])
    print(f"task set          whole {whole:6.2f} s  (target <= 0.3 s)\n"
          f"  same run: full ORM path {orm:5.2f} s (x{orm / whole:.1f} of it), import-sqlmodel {base:5.2f} s, "
          f"python -c pass {bare:5.2f} s; ratio to import-sqlmodel {whole / base:4.2f}x")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
