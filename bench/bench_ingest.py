"""Speed figures of the ingest part of the scale issue: the writer, the writer's memory, workers.

Run: python bench/bench_ingest.py [--runs N] [--plans N] [--pg URL] [--copies N]. Prints medians,
each beside a baseline measured in the same run, and the machine's load (`uptime`):
  - writer: synthetic plans (bench/synthetic_plans.py: 100 tasks, 300 assignments each),
    extraction excluded: prepared extraction results go straight to the writer's step
    (`store.ingest.write_extraction`, what `planwatch ingest` runs per file), on SQLite and, with
    --pg (default $PLANWATCH_TEST_PG_URL when it answers), PostgreSQL, each in a fresh store.
    Target: >= 2,000 tasks/s on SQLite, >= 1,500 on PostgreSQL. Baseline: the same task and
    assignment rows written the way ingest used to, through the ORM with one flush per task;
  - writer memory: peak RSS of the writer process ingesting N and 4N files through
    `ingest_files --workers 2`, the files holding prepared extraction JSON (extraction faster
    than writing, so a backlog would pile up in the writer); target: flat (ratio near 1);
  - writer cost per file vs store size: ms per synthetic plan written into stores already
    holding 0, 5,000 and 20,000 agency rows (as a store of many plans and provinces does), by
    one writer keeping its agency index for the run (what `planwatch ingest` does) and, as the
    same-run baseline, reading the agency rows again for every file; target: flat;
  - end to end: `planwatch ingest --workers 2` vs `--workers 1` on copies of the corpus's
    Markdown, text and HTML documents (distinct bytes), fresh SQLite store per run; target
    >= 1.7x on 2 cores (an idle machine: the load average says how idle it was). Also the CPU
    seconds each used: twice their ratio bounds what 2 free cores could give.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from peak_memory import own_peak_kib
from synthetic_plans import DEPARTMENTS, synthetic_plan

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "docs"
TEXT_SUFFIXES = (".md", ".txt", ".html")


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def fresh_store(url: str) -> Any:
    from store.db import init_db, make_engine

    engine = make_engine(url)
    init_db(engine)
    return engine


def write_plans(url: str, plans: list[Any]) -> float:
    """Seconds the writer takes to store ``plans`` (after one warm-up plan) in a fresh store."""
    from store.ingest import write_extraction

    engine = fresh_store(url)
    write_extraction(engine, Path("warm-up.md"), synthetic_plan(10**6, tasks=10))  # compile statements once
    start = time.perf_counter()
    for plan in plans:
        outcome = write_extraction(engine, Path(plan.document.source), plan)
        assert outcome.status == "ok", outcome.line()
    seconds = time.perf_counter() - start
    engine.dispose()
    return seconds


def orm_per_task(url: str, plans: list[Any]) -> float:
    """Baseline: the same documents, tasks and assignments through the ORM, one flush per task."""
    from sqlmodel import Session

    from store import tables as t

    engine = fresh_store(url)
    with Session(engine) as session:
        agencies = {name: t.Agency(name=name, area="bench") for name in DEPARTMENTS}
        session.add_all(agencies.values())
        session.commit()
        ids = {name: agency.id for name, agency in agencies.items()}
    start = time.perf_counter()
    for plan in plans:
        with Session(engine) as session:
            doc = t.Document(source=plan.document.source, sha256=plan.document.sha256, format="markdown",
                             language="vi", kind="plan", title=plan.document.title)
            session.add(doc)
            session.flush()
            for task in plan.tasks:
                row = t.Task(document_id=doc.id, key=task.key, title=task.title, outputs=task.outputs,
                             provenance={k: v for k, v in task.source.to_dict().items() if v is not None})
                session.add(row)
                session.flush()
                links = {(ids.get(m.agency or "", ids[DEPARTMENTS[0]]), role): m for role, mentions in
                         (("lead", task.lead), ("cooperate", task.cooperating)) for m in mentions}
                for (agency_id, role), mention in links.items():
                    session.add(t.Assignment(task_id=row.id, agency_id=agency_id, role=role, mention=mention.mention))
            session.commit()
    seconds = time.perf_counter() - start
    engine.dispose()
    return seconds


def pg_schema(base: str) -> tuple[str, Any]:
    """A fresh schema on the PostgreSQL server at ``base``: its URL and a function dropping it."""
    from sqlalchemy import make_url, text

    from store.db import make_engine

    admin = make_engine(base)
    schema = f"pw_bench_{uuid.uuid4().hex[:10]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False), drop


def bench_writer(name: str, new_url: Any, plans: list[Any], runs: int, target: int) -> None:
    tasks = sum(len(plan.tasks) for plan in plans)
    rates, base_rates, ratios = [], [], []
    for _ in range(runs):
        url, done = new_url()
        rate = tasks / write_plans(url, plans)
        done()
        url, done = new_url()
        base = tasks / orm_per_task(url, plans)
        done()
        rates.append(rate), base_rates.append(base), ratios.append(rate / base)
    print(f"writer {name:10} median {statistics.median(rates):7.0f} tasks/s  (target >= {target})  "
          f"ORM flush-per-task baseline {statistics.median(base_rates):6.0f} tasks/s  "
          f"ratio {statistics.median(ratios):4.1f}x  [{len(plans)} plans, {tasks} tasks, {tasks * 3} assignments]")


# ---- writer cost per file vs store size ----------------------------------------------------

def filled_store(url: str, agencies: int) -> Any:
    """A fresh store already holding ``agencies`` agency rows, in 60 areas, a third of them
    resolved with two aliases each."""
    from store import tables as t
    from store.bulk import insert_rows

    engine = fresh_store(url)
    rows = [{"id": i + 1, "name": f"Đơn vị số {i}", "area": f"tỉnh {i % 60}", "kind": None, "jurisdiction": None,
             "parent": None, "aliases": [f"ĐV {i}", f"DV{i}"] if i % 3 == 0 else [], "resolved": i % 3 == 0}
            for i in range(agencies)]
    with engine.begin() as connection:
        insert_rows(connection, [(t.Agency.__table__, rows)])  # type: ignore[attr-defined]
    return engine


def per_file_ms(url: str, agencies: int, plans: list[Any], keep_index: bool) -> float:
    """Median ms the writer takes per plan of ``plans`` in a store of ``agencies`` agency rows."""
    from store.ingest import write_extraction

    engine = filled_store(url, agencies)
    kept: dict[str, Any] = {}
    if keep_index:
        from store.agency_index import AgencyIndex

        kept["agencies"] = AgencyIndex()
    write_extraction(engine, Path("warm-up.md"), synthetic_plan(10**6, tasks=10), **kept)
    times = []
    for plan in plans:
        start = time.perf_counter()
        outcome = write_extraction(engine, Path(plan.document.source), plan, **kept)
        times.append(time.perf_counter() - start)
        assert outcome.status == "ok", outcome.line()
    engine.dispose()
    return 1000 * statistics.median(times)


def bench_growth(folder: Path, runs: int) -> None:
    plans = [synthetic_plan(p, tasks=20) for p in range(20)]
    sizes = (0, 5000, 20000)
    kept: dict[int, list[float]] = {n: [] for n in sizes}
    reread: dict[int, list[float]] = {n: [] for n in sizes}
    for run in range(runs):
        for n in sizes:
            kept[n].append(per_file_ms(f"sqlite:///{folder / f'grow-k-{n}-{run}.db'}", n, plans, True))
            reread[n].append(per_file_ms(f"sqlite:///{folder / f'grow-r-{n}-{run}.db'}", n, plans, False))
    line = "  ".join(f"{n:>6} agencies {statistics.median(kept[n]):6.1f} ms ({statistics.median(reread[n]):6.1f})"
                     for n in sizes)
    print(f"writer per file   {line}  [SQLite, plans of 20 tasks; index kept for the run "
          f"(baseline: agency rows read for every file)]; target: flat")


# ---- writer memory ------------------------------------------------------------------------

def read_prepared(path: Path) -> tuple[Any, str]:
    """The "extraction" of a file holding an extraction's JSON (runs in the pool's workers)."""
    from schemas.contract import extraction_from_json

    return extraction_from_json(path.read_bytes()), ""


def prepare_files(files: int, folder: Path) -> list[Path]:
    """``files`` files holding synthetic plans' extraction JSON."""
    paths = []
    for p in range(files):
        path = folder / f"plan-{p:05d}.json"
        if not path.exists():
            plan = synthetic_plan(p)
            document = plan.document.replaced(source=str(path))
            path.write_text(plan.replaced(document=document).to_json(indent=None), encoding="utf-8")
        paths.append(path)
    return paths


def memory_child(files: int, folder: Path) -> None:
    """Ingest the first ``files`` prepared files with 2 workers; print this (writer) process's
    peak RSS in KiB."""
    from store.ingest import ingest_files

    paths = [folder / f"plan-{p:05d}.json" for p in range(files)]
    engine = fresh_store(f"sqlite:///{folder / f'memory-{files}.db'}")
    statuses = [outcome.status for outcome in ingest_files(engine, paths, workers=2, extract_one=read_prepared)]
    assert statuses == ["ok"] * files, statuses[:5]
    print(own_peak_kib())


def bench_memory(files: int, folder: Path, runs: int) -> None:
    prepare_files(4 * files, folder)  # here, so the measured writer only ingests
    peaks: dict[int, list[float]] = {files: [], 4 * files: []}
    for _ in range(runs):
        for n in peaks:
            command = [sys.executable, __file__, "--memory-child", str(n), "--folder", str(folder)]
            done = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).parent)
            if done.returncode != 0:
                raise SystemExit(f"memory run failed: {done.stderr.strip()[-800:]}")
            peaks[n].append(int(done.stdout.split()[-1]) / 1024)
            (folder / f"memory-{n}.db").unlink()
    small, large = statistics.median(peaks[files]), statistics.median(peaks[4 * files])
    print(f"writer memory     peak RSS {small:6.1f} MiB for {files} files, {large:6.1f} MiB for {4 * files} files: "
          f"ratio {large / small:4.2f}x  (target: flat)")


# ---- end to end ---------------------------------------------------------------------------

def corpus_copies(folder: Path, copies: int) -> int:
    """Copies of the corpus's text documents, each with distinct bytes; returns their number."""
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in TEXT_SUFFIXES)
    count = 0
    for k in range(copies):
        for source in sources:
            data = source.read_bytes() + f"\n\n{k}\n".encode()
            (folder / f"{k:02d}-{source.name}").write_bytes(data)
            count += 1
    return count


def bench_workers(folder: Path, copies: int, runs: int) -> None:
    inputs = folder / "inputs"
    inputs.mkdir()
    count = corpus_copies(inputs, copies)
    planwatch = shutil.which("planwatch") or str(Path(sys.executable).with_name("planwatch"))

    def timed(workers: int, run: int) -> tuple[float, float]:
        """Wall seconds and CPU seconds (the process and its workers, user + system)."""
        db = folder / f"e2e-{workers}-{run}.db"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([planwatch, "--db", f"sqlite:///{db}", "-q", "ingest", "--workers", str(workers),
                               str(inputs)], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(f"ingest failed: {done.stderr.strip()[-800:]}")
        return seconds, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    one, two, ratios, cpu_one, cpu_two = [], [], [], [], []
    for run in range(runs):
        (a, cpu_a), (b, cpu_b) = timed(1, run), timed(2, run)
        one.append(a), two.append(b), ratios.append(a / b), cpu_one.append(cpu_a), cpu_two.append(cpu_b)
    print(f"end to end        --workers 1 median {statistics.median(one):6.2f} s  --workers 2 median "
          f"{statistics.median(two):6.2f} s  ratio {statistics.median(ratios):4.2f}x  (target >= 1.7x on 2 idle cores; "
          f"{count} files, {os.cpu_count()} cores)")
    work = statistics.median(cpu_one) / statistics.median(cpu_two)
    print(f"                  CPU seconds: --workers 1 {statistics.median(cpu_one):6.2f}, --workers 2 "
          f"{statistics.median(cpu_two):6.2f}; with the same work spread on 2 free cores the ratio would be "
          f"at most {2 * work:4.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plans", type=int, default=100, help="synthetic plans for the writer (100 tasks each)")
    parser.add_argument("--pg", default=os.environ.get("PLANWATCH_TEST_PG_URL"), help="PostgreSQL URL (a schema is made and dropped)")
    parser.add_argument("--memory-files", type=int, default=150)
    parser.add_argument("--copies", type=int, default=8, help="copies of the corpus's text documents, end to end")
    parser.add_argument("--only", choices=("writer", "growth", "memory", "workers"))
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.folder)
        return 0
    print(f"load before: {load()}")
    folder = Path(tempfile.mkdtemp(prefix="planwatch-bench-ingest-"))
    try:
        if args.only in (None, "writer"):
            plans = [synthetic_plan(p) for p in range(args.plans)]
            counter = iter(range(10**6))

            def sqlite_url() -> tuple[str, Any]:
                return f"sqlite:///{folder / f'writer-{next(counter)}.db'}", lambda: None

            bench_writer("SQLite", sqlite_url, plans, args.runs, 2000)
            if args.pg:
                bench_writer("PostgreSQL", lambda: pg_schema(args.pg), plans, args.runs, 1500)
        if args.only in (None, "growth"):
            bench_growth(folder, args.runs)
        if args.only in (None, "memory"):
            memory = folder / "memory"
            memory.mkdir()
            bench_memory(args.memory_files, memory, args.runs)
        if args.only in (None, "workers"):
            bench_workers(folder, args.copies, args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"load after:  {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
