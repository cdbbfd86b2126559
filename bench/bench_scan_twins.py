"""Scan twins of gold documents read by OCR: scores against the source's gold and OCR time per page.

Run: python bench/bench_scan_twins.py [TWIN.scan.pdf ...] [--make DIR]. Needs tesseract-ocr-vie.
Without twins named, the twins of ``corpus/make/scan_twin.py``'s list are made into ``--make``
(a temporary folder by default; making them needs LibreOffice). Each twin ``<stem>.scan.pdf``
is scored against ``corpus/gold/<stem>.json`` with the gate's scorer (tasks matched by key; ``--out``
keeps each extraction for other scorers) and
per page the OCR's wall and CPU seconds (this process and the engine's) are measured; the
medians are printed. The gate keeps a twin whose OCR takes more than 20 s out of CI.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "corpus" / "make"))
SHOWN = ("tasks", "title", "lead", "cooperating", "timeframe", "targets")


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_pages(path: Path) -> tuple[object, list[tuple[float, float]]]:
    """The raw document read from ``path``, and (wall, cpu) seconds for each OCR-read page."""
    import extract.load.pdf as pdf_loader

    original = pdf_loader.ocr_pages
    times: list[tuple[float, float]] = []

    def one_at_a_time(name, indexes, engine, *, workers=1, **kwargs):  # type: ignore[no-untyped-def]
        out = {}
        for index in indexes:
            wall, cpu = time.perf_counter(), _cpu()
            out.update(original(name, [index], engine, workers=1, **kwargs))
            times.append((time.perf_counter() - wall, _cpu() - cpu))
        return out

    pdf_loader.ocr_pages = one_at_a_time
    try:
        return pdf_loader.pdf_to_raw(path), times
    finally:
        pdf_loader.ocr_pages = original


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("twins", nargs="*", type=Path)
    parser.add_argument("--make", type=Path, default=None, help="folder to make the twins in")
    parser.add_argument("--out", type=Path, default=None, help="folder to write each extraction's JSON to")
    args = parser.parse_args()
    import json

    from gate_floors import gold_stem
    from scoring import score_document

    from extract.load.ocr import default_engine
    from extract.pipeline import raw_to_extraction

    if default_engine() is None:
        print("tesseract with the Vietnamese model is not installed")
        return 1
    twins = args.twins
    if not twins:
        import scan_twin

        folder = args.make or Path(tempfile.mkdtemp(prefix="scan-twins-"))
        folder.mkdir(parents=True, exist_ok=True)
        twins = [scan_twin.twin(ROOT / "corpus" / name, folder, seed=7, dpi=200) for name in scan_twin.TWINS]
    walls: list[float] = []
    cpus: list[float] = []
    print(f"{'twin':48} pages  wall/p  cpu/p  " + "  ".join(f"{f:>11}" for f in SHOWN))
    for path in twins:
        gold = json.loads((ROOT / "corpus" / "gold" / f"{gold_stem(path)}.json").read_text(encoding="utf-8"))
        raw, times = timed_pages(path)
        extraction = raw_to_extraction(raw).to_dict()
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{path.stem}.json").write_text(json.dumps(extraction, ensure_ascii=False, default=str), encoding="utf-8")
        score = score_document(gold, extraction, file=path.name)
        walls += [w for w, _ in times]
        cpus += [c for _, c in times]
        cells = []
        for name in SHOWN:
            field = score.fields[name]
            cells.append(f"{field.f1:5.2f} {field.tp:>2}/{field.tp + field.fn:<2}")
        wall = statistics.median([w for w, _ in times]) if times else 0.0
        cpu = statistics.median([c for _, c in times]) if times else 0.0
        print(f"{path.name[:48]:48} {len(times):5}  {wall:6.1f}  {cpu:5.1f}  " + "  ".join(cells), flush=True)
    if walls:
        print(f"median OCR seconds per page: wall {statistics.median(walls):.1f}, cpu {statistics.median(cpus):.1f} "
              f"({len(walls)} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
