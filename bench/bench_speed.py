"""Speed figures of issues 2 and 11: start-up, cold `planwatch extract` of a short article, warm seed 003.

Run: python bench/bench_speed.py [--runs N]. Prints medians with a baseline measured in the
same run, and the ratio, so that a noisy machine still gives a fair comparison.
  - `planwatch --help` (a fresh process each time) vs `python -c pass`: target < 0.5 s.
  - `planwatch extract` of a 2 KB news article as a whole process, cold (a fresh process; the
    lexicon cache written by an earlier run in place, as after any first use): target <= 0.3 s
    (issue 11). Two articles: an English one from the corpus, and the first 2 KB of seed 003
    (Vietnamese, so syllable repair runs); the Vietnamese one also with the lexicon cache turned
    off (PLANWATCH_CACHE_DIR=""), the cost every process paid before. Wall time and the
    process's CPU time (user + system) are both printed: on a loaded machine the CPU time is the
    steadier figure.
  - extract_file(seed 003), warm, in process vs reading and NFC-normalising the same file:
    target < 0.3 s.
  - with --instructions (needs valgrind): the instructions the cold Vietnamese extract executes
    (callgrind's count, the same on a busy machine as on an idle one) and how they split:
    interpreter start, the CLI's imports, the record classes, the extraction
    modules, compiling the regular expressions the run compiles (replayed in a fresh process),
    the rest. Slow (valgrind runs each about 50 times slower).

The project's modules are byte-compiled first (``compileall`` into ``__pycache__``), as pip does
when it installs a wheel and as Python does on any first run; an editable checkout run with
PYTHONDONTWRITEBYTECODE=1 and never byte-compiled instead compiles every planwatch module from
source in every process (about 0.1 s of a cold extract, none of it planwatch's own work).
"""

from __future__ import annotations

import argparse
import compileall
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"
ARTICLE = ROOT / "corpus" / "docs" / "vietnamplus-quangninh-digital-transformation.txt"
ARTICLE_BYTES = 2048


def timed(command: list[str]) -> float:
    """Seconds one command takes as a whole process; a failing command stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return time.perf_counter() - start


def timed_cpu(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds one command takes as a whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_runs(commands: dict[str, tuple[list[str], dict[str, str] | None]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command, the commands run in turn (after one warm-up
    run each, which also writes the lexicon cache)."""
    for command, env in commands.values():
        timed_cpu(command, env)
    seen: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            seen[name].append(timed_cpu(command, env))
    return {name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got)) for name, got in seen.items()}


def first_bytes(path: Path, size: int) -> str:
    """The whole lines of ``path`` that fit in ``size`` bytes of UTF-8."""
    kept, total = [], 0
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        total += len(line.encode("utf-8"))
        if total > size:
            break
        kept.append(line)
    return "".join(kept)


def median_pair(first: list[str], second: list[str], runs: int) -> tuple[float, float, float]:
    """Medians of two commands run in turn, and the median of their pairwise ratios."""
    a, b, ratios = [], [], []
    timed(first), timed(second)  # warm-up
    for _ in range(runs):
        x, y = timed(first), timed(second)
        a.append(x), b.append(y), ratios.append(x / y)
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


RECORD_COMPILES = """
import pickle, sys
import regex._main as m
seen, compile_ = [], m._compile
def recorded(pattern, flags, *rest):
    seen.append((pattern, int(flags)))
    return compile_(pattern, flags, *rest)
m._compile = recorded
from extract import extract_file
extract_file(sys.argv[1])
pickle.dump(seen, open(sys.argv[2], "wb"))
"""
REPLAY_COMPILES = "import pickle, regex; [regex.compile(p, f) for p, f in pickle.load(open({path!r}, 'rb'))]"
LOAD_COMPILES = "import pickle, regex; pickle.load(open({path!r}, 'rb'))"


def instructions(command: list[str]) -> int:
    """Instructions ``command`` executes (valgrind's callgrind)."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                          capture_output=True, text=True, cwd=tempfile.gettempdir())
    if done.returncode != 0:
        raise SystemExit(f"valgrind {' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return int(next(line for line in done.stderr.splitlines() if "Collected" in line).split()[-1])


def instruction_split(planwatch: str, article: Path, folder: Path) -> None:
    """Print the cold extract's instruction count and its parts (each import figure includes
    the interpreter's start; the patterns' compiling is counted apart from its process's start)."""
    python, record = sys.executable, folder / "compiles.pickle"
    subprocess.run([python, "-c", RECORD_COMPILES, str(article), str(record)], check=True, cwd=folder)
    total = instructions([python, planwatch, "extract", str(article)])
    parts = {
        "start (python -c pass)": instructions([python, "-c", "pass"]),
        "start + CLI imports (click, logging)": instructions([python, "-c", "import store.cli"]),
        "start + the record classes": instructions([python, "-c", "import schemas.records"]),
        "start + CLI + records + extraction modules": instructions([python, "-c", "import store.cli, extract.load, extract.pipeline"]),
    }
    replayed = instructions([python, "-c", REPLAY_COMPILES.format(path=str(record))])
    loaded = instructions([python, "-c", LOAD_COMPILES.format(path=str(record))])
    print(f"instructions: cold extract (vi) {total / 1e6:7.0f} M")
    for name, count in parts.items():
        print(f"  {name:44} {count / 1e6:7.0f} M  ({count / total:4.0%})")
    compiles = len(pickle.loads(record.read_bytes()))
    name = f"compiling the run's {compiles} patterns (replayed)"
    print(f"  {name:44} {(replayed - loaded) / 1e6:7.0f} M  ({(replayed - loaded) / total:4.0%})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    args = parser.parse_args()
    planwatch = shutil.which("planwatch") or str(Path(sys.executable).with_name("planwatch"))
    for package in ("extract", "schemas", "store"):  # as an installed wheel has them
        compileall.compile_dir(ROOT / package, quiet=1)

    help_s, python_s, ratio = median_pair([planwatch, "--help"], [sys.executable, "-c", "pass"], args.runs)
    print(f"planwatch --help      median {help_s * 1000:7.1f} ms   (target < 500 ms)")
    print(f"python -c pass        median {python_s * 1000:7.1f} ms   baseline; ratio {ratio:.2f}x")

    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        vietnamese = Path(tmp) / "bai-viet-2kb.txt"
        vietnamese.write_text(first_bytes(SEED, ARTICLE_BYTES), encoding="utf-8")
        uncached = {**os.environ, "PLANWATCH_CACHE_DIR": ""}
        found = cold_runs({
            "python -c pass": ([sys.executable, "-c", "pass"], None),
            "planwatch --help": ([planwatch, "--help"], None),
            f"extract {ARTICLE.name[:24]} (en)": ([planwatch, "extract", str(ARTICLE)], None),
            "extract seed 003, 2 KB (vi)": ([planwatch, "extract", str(vietnamese)], None),
            "  same, lexicon cache off": ([planwatch, "extract", str(vietnamese)], uncached),
        }, max(3, args.runs // 2))
        if args.instructions:
            instruction_split(planwatch, vietnamese, Path(tmp))
    floor = found["python -c pass"]
    for name, (wall, cpu) in found.items():
        goal = "   (target <= 300 ms)" if name.startswith("extract") else ""
        print(f"cold {name:34} wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  "
              f"ratio to python {wall / floor[0]:4.1f}x / {cpu / max(floor[1], 1e-3):4.1f}x{goal}")

    from extract import extract_file

    extract_file(SEED)  # warm: language data, lexicon, compiled patterns
    work, base = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        extract_file(SEED)
        work.append(time.perf_counter() - start)
        start = time.perf_counter()
        unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8")).split()
        base.append(time.perf_counter() - start)
    print(f"extract seed 003 warm median {statistics.median(work) * 1000:7.1f} ms   (target < 300 ms)")
    print(f"read + NFC baseline   median {statistics.median(base) * 1000:7.1f} ms   ratio {statistics.median(work) / statistics.median(base):.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
