"""Write a synthetic planwatch store straight into its tables: N plans, tasks and assignments.

Run: python bench/make_store.py URL [--tasks 100000] [--per-plan 100] [--seed 1]. URL is a
SQLite URL or file path, or a PostgreSQL URL. The store is realistic enough for the query
benchmarks: plans of the provinces in extract/lang/vi/provinces.tsv (large provinces issue more),
the agencies of extract/lang/vi/agencies.tsv (ministries national, departments per province),
three assignments per task (one lead, two cooperating; some agencies far busier than others),
one-off, yearly, quarterly and continuous deadlines between 2022 and 2030, statuses as people
set them, and one plan in ten with an older, superseded version. Rows go in by bulk insert
(``executemany``; ``COPY`` on PostgreSQL), one table at a time, in chunks, so memory stays
flat in the store's size. The tables must be empty (a new file or schema).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LANG = ROOT / "extract" / "lang" / "vi"
CHUNK = 20_000
STATUSES = (("not_started", 70), ("in_progress", 15), ("done", 10), ("blocked", 3), ("cancelled", 2))
VERB = ("Triển khai", "Rà soát", "Xây dựng", "Hoàn thiện", "Tổ chức", "Nâng cấp", "Đánh giá", "Hướng dẫn")
OBJECT = ("hạ tầng số", "chuyển đổi số", "dịch vụ công trực tuyến", "cơ sở dữ liệu dùng chung",
          "an toàn thông tin", "nền tảng số", "chính quyền số", "kinh tế số", "kỹ năng số cho người dân")


def _tsv(name: str) -> list[list[str]]:
    lines = (LANG / name).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return rows[1:]  # header


def provinces() -> list[str]:
    """The provinces still in force (empty valid_until)."""
    return [row[0] for row in _tsv("provinces.tsv") if len(row) < 3 or not row[2]]


def agency_rows(areas: list[str]) -> list[dict[str, Any]]:
    """Agency rows: national ones once, provincial ones once per province."""
    out = []
    for row in _tsv("agencies.tsv"):
        name, kind, jurisdiction = row[0], row[1], row[2]
        aliases = [a for a in (row[3].split("|") if len(row) > 3 else []) if a]
        if jurisdiction in ("province", "district", "commune") and kind != "enterprise":
            for area in areas:
                out.append({"name": name, "area": area, "kind": kind, "jurisdiction": jurisdiction,
                            "aliases": aliases, "resolved": True})
        else:
            out.append({"name": name, "area": "national" if jurisdiction == "national" else "",
                        "kind": kind, "jurisdiction": jurisdiction, "aliases": aliases,
                        "resolved": kind != "vague"})
    return out


def _uid(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:8]


def _timeframe(rng: random.Random, year: int) -> tuple[str | None, date | None, date | None, str | None]:
    """(text, start, end, recurrence) as the timeframe parser stores them."""
    pick = rng.random()
    if pick < 0.6:
        y, q = rng.randint(year, year + 4), rng.randint(1, 4)
        end = date(y, q * 3, 30 if q in (2, 3) else 31)
        return f"Quý {q}/{y}", None, end, None
    if pick < 0.8:
        return "Hằng năm", date(year, 1, 1), date(year + 4, 12, 31) if rng.random() < 0.5 else None, "yearly"
    if pick < 0.9:
        return "Hằng quý", None, None, "quarterly"
    if pick < 0.95:
        return "Thường xuyên", None, None, "continuous"
    return None, None, None, None


class Generator:
    """Rows of every table, produced in order, chunk by chunk."""

    def __init__(self, n_tasks: int, per_plan: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.areas = provinces()
        self.agencies = agency_rows(self.areas)
        self.n_tasks, self.per_plan = n_tasks, per_plan
        by_area: dict[str, list[int]] = {}
        for i, a in enumerate(self.agencies, start=1):
            by_area.setdefault(a["area"], []).append(i)
        self.by_area = by_area
        # big provinces issue more plans; within a province some departments carry most tasks
        self.area_weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(self.areas))]
        self.national = by_area.get("national", [])
        self.documents: list[dict[str, Any]] = []

    def plan_documents(self) -> list[dict[str, Any]]:
        n_plans = max(1, (self.n_tasks + self.per_plan - 1) // self.per_plan)
        docs, serial = [], {}
        for p in range(n_plans):
            area = self.rng.choices(self.areas, self.area_weights)[0]
            serial[area] = serial.get(area, 0) + 1
            year = self.rng.randint(2022, 2026)
            base = {
                "source": f"plans/{area}/kh-{serial[area]}-{year}.docx", "format": "docx", "language": "vi",
                "kind": "plan", "title": f"Kế hoạch {OBJECT[p % len(OBJECT)]} tỉnh {area} năm {year}",
                "number": f"{serial[area]}/KH-UBND", "issuer": f"UBND tỉnh {area}",
                "issued": date(year, self.rng.randint(1, 12), self.rng.randint(1, 28)),
                "horizon": date(year + 5, 12, 31), "pages": self.rng.randint(5, 40), "references": [],
                "warnings": [], "ingested_at": datetime(2026, 1, 1, tzinfo=timezone.utc), "area": area,
            }
            versions = 2 if p % 10 == 9 else 1
            for v in range(1, versions + 1):
                doc = dict(base, version=v, status="current" if v == versions else "superseded",
                           sha256=hashlib.sha256(f"{p}/{v}".encode()).hexdigest(),
                           previous_id=len(docs) if v > 1 else None)  # ids are 1-based: the row before
                docs.append(doc)
        self.documents = docs
        return docs

    def _agency_weights(self, ids: list[int]) -> list[float]:
        return [1.0 / (rank + 1) for rank in range(len(ids))]

    def tasks_and_assignments(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """(task row, its assignments) for every task; ids are 1-based in order."""
        task_id = 0
        status_names, status_weights = zip(*STATUSES)
        remaining = self.n_tasks
        sizes = self._plan_sizes()
        for doc_id, (doc, size) in enumerate(zip(self.documents, sizes), start=1):
            local = self.by_area[doc["area"]]
            weights = self._agency_weights(local)
            year = doc["issued"].year
            for i in range(min(size, remaining)):
                task_id += 1
                group = i // 10 + 1
                text, start, end, recurrence = _timeframe(self.rng, year)
                title = f"{self.rng.choice(VERB)} {self.rng.choice(OBJECT)} ({doc['area']}, mục {group}.{i % 10 + 1})"
                uid = _uid(doc["issuer"], doc["number"], title, i)
                task = {
                    "id": task_id, "document_id": doc_id, "key": f"{group}.{i % 10 + 1}", "group_number": str(group),
                    "group_title": f"Nhóm nhiệm vụ {group}", "number": str(i % 10 + 1), "title": title,
                    "outputs": f"Báo cáo kết quả {OBJECT[i % len(OBJECT)]}", "notes": None, "timeframe_text": text,
                    "timeframe_start": start, "timeframe_end": end, "timeframe_recurrence": recurrence,
                    "provenance": {"page": i // 15 + 1, "table": 1, "row": i % 15 + 1, "text": title},
                    "confidence": 0.95, "flags": [], "uid": uid, "fingerprint": uid[::-1],
                    "status": self.rng.choices(status_names, status_weights)[0] if doc["status"] == "current"
                    else "not_started", "status_note": None,
                }
                lead = self.rng.choices(local, weights)[0]
                others = {self.rng.choices(local, weights)[0], self.rng.choice(self.national or local)}
                others.discard(lead)
                while len(others) < 2:
                    others.add(self.rng.choice(local))
                    others.discard(lead)
                links = [{"task_id": task_id, "agency_id": lead, "role": "lead",
                          "mention": self.agencies[lead - 1]["name"], "confidence": 0.95}]
                links += [{"task_id": task_id, "agency_id": a, "role": "cooperate",
                           "mention": self.agencies[a - 1]["name"], "confidence": 0.9} for a in sorted(others)]
                yield task, links
            remaining -= min(size, remaining)

    def _plan_sizes(self) -> list[int]:
        """Tasks per stored document: about ``per_plan``, summing to ``n_tasks``."""
        n = len(self.documents)
        base = [max(1, int(self.per_plan * self.rng.uniform(0.5, 1.5))) for _ in range(n)]
        scale = self.n_tasks / sum(base)
        sizes = [max(1, round(b * scale)) for b in base]
        sizes[-1] += self.n_tasks - sum(sizes)
        return sizes


def _chunks(rows: Iterator[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write(conn: Any, table: Any, chunk: list[dict[str, Any]]) -> None:
    if conn.dialect.name == "postgresql":
        columns = list(chunk[0])
        json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
        raw = conn.connection.dbapi_connection
        names = ", ".join(f'"{c}"' for c in columns)
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in chunk:
                copy.write_row([json.dumps(row[c], ensure_ascii=False) if c in json_columns else row[c]
                                for c in columns])
    else:
        conn.execute(table.insert(), chunk)


def make_store(url: str, n_tasks: int, per_plan: int = 100, seed: int = 1) -> dict[str, int]:
    """Fill the empty store at ``url``; returns the row counts written."""
    from sqlalchemy import func, select, text

    from store.db import init_db, make_engine
    from store.tables import Agency, Assignment, Document, Task

    engine = make_engine(url)
    init_db(engine)
    gen = Generator(n_tasks, per_plan, seed)
    counts = {"documents": 0, "tasks": 0, "assignments": 0, "agencies": 0}
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(Document)).scalar_one():
            raise SystemExit(f"{url} already holds documents; give an empty store")
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
        _write(conn, Agency.__table__, [dict(a, id=i) for i, a in enumerate(gen.agencies, start=1)])
        counts["agencies"] = len(gen.agencies)
        docs = [{k: v for k, v in d.items() if k != "area"} | {"id": i}
                for i, d in enumerate(gen.plan_documents(), start=1)]
        for chunk in _chunks(iter(docs)):
            _write(conn, Document.__table__, chunk)
        counts["documents"] = len(docs)
        links: list[dict[str, Any]] = []
        tasks: list[dict[str, Any]] = []
        for task, assigned in gen.tasks_and_assignments():
            tasks.append(task)
            links.extend(assigned)
            if len(tasks) >= CHUNK:
                _write(conn, Task.__table__, tasks)
                _write(conn, Assignment.__table__, links)
                counts["tasks"] += len(tasks)
                counts["assignments"] += len(links)
                tasks, links = [], []
        if tasks:
            _write(conn, Task.__table__, tasks)
            _write(conn, Assignment.__table__, links)
            counts["tasks"] += len(tasks)
            counts["assignments"] += len(links)
        if conn.dialect.name == "postgresql":
            for table in ("agency", "document", "task"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
            conn.execute(text("ANALYZE"))
        else:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="SQLite URL or file, or PostgreSQL URL (an empty store)")
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--per-plan", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    url = args.url if "://" in args.url else f"sqlite:///{args.url}"
    start = time.perf_counter()
    counts = make_store(url, args.tasks, args.per_plan, args.seed)
    print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
