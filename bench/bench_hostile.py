"""Hostile-input benchmark (not a test): time and peak memory of ``extract_file`` as input grows.

Run: ``python bench/bench_hostile.py [--sizes 25,50,100,200] [--families a,b] [--runs N]``.

Each family of hostile inputs is written at every size (KB of UTF-8) and extracted in a fresh
subprocess, which reports the seconds spent in ``extract_file`` and in writing its JSON, as
``planwatch extract`` does (median of ``--runs``, after a
warm-up extraction of a small clean file) and its peak RSS (``getrusage(RUSAGE_SELF)``). The child
runs under a wall-clock timeout and an address-space limit, so a bad case fails its row instead
of hanging the benchmark or the machine. Clean prose of the same size is the same-run baseline.

Pass marks (issue 5): from the second-largest to the largest size, time and peak RSS grow at most
``MAX_GROWTH``-fold; the largest input of each family finishes within ``MAX_SECONDS`` and under
``MAX_RSS_MB``; the 100,000-row table within ``BIG_TABLE_SECONDS`` and under ``MAX_RSS_MB``.
The script exits 1 if any row fails them. Growth in time is judged on CPU time
(``time.process_time``), which other processes on a shared machine do not inflate the way they
inflate wall-clock time; both are printed, and the time limits are wall-clock. The child writes
the JSON part by part, as ``planwatch extract`` does (``ExtractedDocument.json_parts``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MAX_GROWTH = 2.3
MAX_SECONDS = 10.0
MAX_RSS_MB = 500
BIG_TABLE_ROWS = 100_000  # one extra input past the sizes: a Markdown table this long
BIG_TABLE_SECONDS = 30.0  # it must finish within this (issue 11), under MAX_RSS_MB
TIMEOUT = 300  # seconds a child may run before its row is marked failed
GIVE_UP_SECONDS = 60.0  # a family whose input took this long is not run at larger sizes
MEMORY_LIMIT = 6 * 1024**3  # address space a child may take (bytes)

PROSE = (
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2025, xây dựng cơ sở dữ liệu dùng "
    "chung, cung cấp dịch vụ công trực tuyến toàn trình; Sở Thông tin và Truyền thông chủ trì, "
    "phối hợp với các sở, ban, ngành và UBND các huyện, thành phố triển khai thực hiện trước "
    "ngày 31/12/2025, phấn đấu tăng 15% số hồ sơ trực tuyến. "
)
SYLLABLES = (
    "xây dựng cơ sở dữ liệu dùng chung cung cấp dịch vụ công trực tuyến toàn trình chuyển đổi số "
    "nâng cao chất lượng nguồn nhân lực phát triển hạ tầng thông tin truyền thông "
)
HEADER = "| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |\n|---|---|---|---|---|\n"

# The child: warm up on a small clean file, then time extract_file on the hostile one.
CHILD = """
import json, statistics, sys, time
from bench.peak_memory import own_peak_kib
from extract import extract_file
from extract.errors import PlanwatchError
warm, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
extract_file(warm)
base = own_peak_kib()
times, cpu, outcome = [], [], "ok"
for _ in range(runs):
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        doc = extract_file(path)
        parts = doc.json_parts() if hasattr(doc, "json_parts") else [doc.to_json()]  # (older code: one string)
        size = sum(len(part) for part in parts)  # what `planwatch extract` writes, part by part
        outcome = f"{len(doc.tasks)}t {len(doc.targets)}g {len(doc.observations)}o {len(doc.warnings)}w {size // 1024}KB json"
    except PlanwatchError as exc:
        outcome = "error: " + str(exc)[-60:]
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
peak = own_peak_kib()
print(json.dumps({"seconds": statistics.median(times), "cpu": statistics.median(cpu), "rss_kb": peak, "base_kb": base,
                  "outcome": outcome}))
"""


def _fill(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` bytes of UTF-8 (whole units)."""
    return unit * max(1, size // len(unit.encode("utf-8")))


def _syllables_run_together(size: int) -> str:
    """Lower-case syllables with every space removed: one letter token as long as the file."""
    return _fill(SYLLABLES.replace(" ", ""), size)


def _syllables_broken(size: int) -> str:
    """Syllables split inside ("chuy ển đổ i"), as a PDF converter leaves them: one long broken run."""
    pieces = [w[: len(w) // 2] + " " + w[len(w) // 2 :] if len(w) > 3 else w for w in SYLLABLES.split()]
    return _fill(" ".join(pieces) + " ", size)


def _giant_sentence(size: int) -> str:
    return _fill(PROSE.replace(".", ",").replace(";", ","), size)


def _markdown_table(size: int) -> str:
    rows = []
    n, total = 0, len(HEADER.encode("utf-8"))
    while total < size:
        n += 1
        row = f"| {n} | Nhiệm vụ {n} | Sở Tài chính | UBND huyện | 2025 |\n"
        rows.append(row)
        total += len(row.encode("utf-8"))
    return HEADER + "".join(rows)


def _markdown_rows(rows: int) -> str:
    """A task table of ``rows`` short rows (100,000 rows is about 2 MB)."""
    return HEADER + "".join(f"| {n} | x | Sở | y | 2025 |\n" for n in range(1, rows + 1))


def _html_colspan(size: int) -> str:
    head = "<html><body><table><tr><th>TT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th></tr>"
    row = '<tr><td colspan="99999">Nhiệm vụ chuyển đổi số</td><td rowspan="99999">Sở</td></tr>'
    return head + _fill(row, size - len(head)) + "</table></body></html>"


def _html_rowspan(size: int) -> str:
    """Every row opens a cell spanning all rows below, pushing the next row's cells one column right."""
    head = "<html><body><table><tr><th>TT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th></tr>"
    return head + _fill('<tr><td>1</td><td rowspan="99999">Sở</td></tr>', size - len(head)) + "</table></body></html>"


def _html_nested(size: int) -> str:
    unit = "<div>mức "
    depth = max(1, size // (len(unit.encode("utf-8")) + len("</div>")))
    return "<html><body>" + unit * depth + "</div>" * depth + "</body></html>"


def _html_deep_then_wide(size: int) -> str:
    """2,000 nested containers, then paragraphs: every paragraph sits 2,000 levels deep."""
    head = "<html><body>" + "<div>" * 2000
    return head + _fill("<p>Sở Tài chính tăng 10%.</p>", size - len(head)) + "</div>" * 2000 + "</body></html>"


FAMILIES: dict[str, tuple[str, Callable[[int], str]]] = {
    "prose (baseline)": (".txt", lambda size: _fill(PROSE, size)),
    "tăng 10% repeated": (".txt", lambda size: _fill("tăng 10% ", size)),
    "run-together syllables": (".txt", _syllables_run_together),
    "broken syllables": (".txt", _syllables_broken),
    "digits 1*N": (".txt", lambda size: "1" * size),
    "one giant sentence": (".txt", _giant_sentence),
    "markdown pipe table": (".md", _markdown_table),
    "html colspan 99999": (".html", _html_colspan),
    "html rowspan 99999": (".html", _html_rowspan),
    "html nested divs": (".html", _html_nested),
    "html deep then wide": (".html", _html_deep_then_wide),
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def measure(path: Path, warm: Path, runs: int) -> dict[str, object]:
    """Run the child on ``path``: its median seconds, peak RSS, and outcome (or the failure)."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(warm), str(path), str(runs)],
            capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT, preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": float("inf"), "cpu": float("inf"), "rss_kb": 0, "base_kb": 0, "outcome": f"TIMEOUT after {TIMEOUT} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"seconds": float("inf"), "cpu": float("inf"), "rss_kb": 0, "base_kb": 0, "outcome": f"CRASH rc={done.returncode}: {last[:60]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="25,50,100,200", help="KB, comma-separated, ascending")
    parser.add_argument("--families", default="", help="substrings of family names to run (default all)")
    parser.add_argument("--runs", type=int, default=3, help="timed extractions per input (median)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    wanted = [f.strip() for f in args.families.split(",") if f.strip()]
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(PROSE * 3, encoding="utf-8")
        print(f"{'family':24} {'KB':>5} {'seconds':>8} {'cpu s':>7} {'peak MB':>8} {'+MB':>6}  outcome")
        for name, (suffix, make) in FAMILIES.items():
            if wanted and not any(w in name for w in wanted):
                continue
            results = []
            for kb in sizes:
                if results and results[-1]["seconds"] > GIVE_UP_SECONDS:  # type: ignore[operator]
                    results.append({"seconds": float("inf"), "cpu": float("inf"), "rss_kb": 0, "base_kb": 0, "outcome": "skipped"})
                    print(f"{name:24} {kb:>5}  skipped: the size before took over {GIVE_UP_SECONDS:g} s", flush=True)
                    continue
                path = Path(tmp) / f"input{suffix}"
                path.write_text(make(kb * 1024), encoding="utf-8")
                r = measure(path, warm, args.runs)
                results.append(r)
                extra = (r["rss_kb"] - r["base_kb"]) / 1024  # type: ignore[operator]
                print(f"{name:24} {kb:>5} {r['seconds']:>8.3f} {r['cpu']:>7.3f} {r['rss_kb'] / 1024:>8.1f} {extra:>6.1f}  "
                      f"{r['outcome']}", flush=True)
            last, before = results[-1], results[-2] if len(results) > 1 else None
            verdict = []
            if before is not None:
                wall = last["seconds"] / max(before["seconds"], 1e-3)  # type: ignore[operator]
                t_growth = last["cpu"] / max(before["cpu"], 1e-3)  # type: ignore[operator]
                m_growth = last["rss_kb"] / max(before["rss_kb"], 1)  # type: ignore[operator]
                verdict.append(f"growth {sizes[-2]}->{sizes[-1]} KB: cpu x{t_growth:.2f} (wall x{wall:.2f}), RSS x{m_growth:.2f}")
                if t_growth > MAX_GROWTH and last["cpu"] > 0.05:  # type: ignore[operator]
                    failures.append(f"{name}: time grows x{t_growth:.2f}")
                if m_growth > MAX_GROWTH:
                    failures.append(f"{name}: RSS grows x{m_growth:.2f}")
            if last["seconds"] > MAX_SECONDS:  # type: ignore[operator]
                failures.append(f"{name}: {last['seconds']:.1f} s at {sizes[-1]} KB")
            if not last["rss_kb"] or last["rss_kb"] / 1024 > MAX_RSS_MB:  # type: ignore[operator]
                failures.append(f"{name}: peak RSS {last['rss_kb'] / 1024:.0f} MB at {sizes[-1]} KB")  # type: ignore[operator]
            print(f"{'':24} {'; '.join(verdict)}", flush=True)
        if not wanted or any(w in "markdown 100,000 rows" for w in wanted):
            path = Path(tmp) / "rows.md"
            path.write_text(_markdown_rows(BIG_TABLE_ROWS), encoding="utf-8")
            r = measure(path, warm, 1)
            kb = path.stat().st_size // 1024
            print(f"{'markdown 100,000 rows':24} {kb:>5} {r['seconds']:>8.3f} {r['cpu']:>7.3f} {r['rss_kb'] / 1024:>8.1f} "
                  f"{'':>6}  {r['outcome']}")
            if r["seconds"] > BIG_TABLE_SECONDS or not r["rss_kb"] or r["rss_kb"] / 1024 > MAX_RSS_MB:  # type: ignore[operator]
                failures.append(f"markdown 100,000 rows: {r['seconds']:.1f} s, {r['rss_kb'] / 1024:.0f} MB")  # type: ignore[operator]
    print("\n".join(["", "FAIL:", *failures]) if failures else "\nall families within the limits")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
