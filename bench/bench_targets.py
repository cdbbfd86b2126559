"""Speed of target and observation extraction (issue 8): throughput, a short article, linearity.

Run: python bench/bench_targets.py [--runs N]. Times ``segmented_to_targets`` and the link
stage's indicator resolution of what it read (``read_targets``) alone (documents
are loaded and segmented once, outside the timing) and prints medians with a same-run baseline
(a plain digit scan of the same text) and the ratio.
  - corpus throughput: every readable corpus document; target >= 200 KB of text per second.
  - a 2 KB news article, warm: target <= 10 ms.
  - hostile inputs at 50, 100 and 200 KB ("tăng 10% " repeated, digits only, one giant
    sentence of figures): time per KB must stay flat (linear), not grow with size.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.errors import PlanwatchError  # noqa: E402
from extract.fields.document import segmented_to_document  # noqa: E402
from extract.fields.targets import segmented_to_targets  # noqa: E402
from extract.link_targets import facts_to_linked, targets_to_linked  # noqa: E402
from extract.load import load_file  # noqa: E402
from extract.normalize import raw_to_normalized  # noqa: E402
from extract.segment import normalized_to_segmented  # noqa: E402
from schemas.blocks import Block, RawDocument, Section, Segmented  # noqa: E402
from schemas.records import DocumentInfo  # noqa: E402

CORPORA = (ROOT / "corpus" / "docs", ROOT.parent.parent / "shared" / "corpus")
DIGITS = re.compile(r"\d+")
ARTICLE = ROOT / "corpus" / "docs" / "000_f3d760a5877f9be0.txt"
HOSTILE = {
    "repeated 'tăng 10% '": lambda n: "tăng 10% " * (n // 9),
    "digits only": lambda n: "7" * n,
    "one giant sentence": lambda n: ("the province will reach 45.5 percent of 1,200 villages by 2030 and " * (n // 67)),
}



def read_targets(seg: Any, info: Any) -> tuple[list[Any], list[Any]]:
    """Targets and observations as the pipeline has them: read by fields, resolved by link."""
    targets, observations, _ = segmented_to_targets(seg, info)
    return targets_to_linked(targets, seg.lang, news=info.kind == "news"), facts_to_linked(observations, seg.lang)

def median_time(work: Callable[[], object], runs: int) -> float:
    work()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def prepared(path: Path) -> tuple[Segmented, DocumentInfo, int] | None:
    try:
        raw = load_file(path)
    except PlanwatchError:
        return None
    normalized, lang = raw_to_normalized(raw)
    seg = normalized_to_segmented(normalized, lang)
    size = sum(len(b.text.encode()) for s in seg.sections for b in s.blocks)
    return seg, segmented_to_document(seg), size


def synthetic(text: str, lang: str) -> tuple[Segmented, DocumentInfo]:
    blocks = (Block("paragraph", text, line=1),)
    raw = RawDocument("hostile.txt", "0" * 64, "text", blocks)
    info = DocumentInfo(source="hostile.txt", sha256="0" * 64, format="text", language=lang, kind="news",
                        issued=date(2024, 1, 1))
    return Segmented(raw, lang, (Section(None, "", blocks),), ()), info


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    calibration = median_time(lambda: sum(range(1_000_000)), args.runs)
    print(f"machine reference: sum(range(10**6)) median {calibration * 1000:.1f} ms "
          f"(about 15-20 ms on an idle core; scale the figures below by the same factor)")
    docs = [p for folder in CORPORA if folder.exists() for p in sorted(folder.rglob("*")) if p.is_file()
            and p.suffix in (".md", ".txt", ".html")]
    loaded = [d for d in (prepared(p) for p in docs) if d is not None]
    total = sum(size for _, _, size in loaded)
    texts = ["\n".join(b.text for s in seg.sections for b in s.blocks) for seg, _, _ in loaded]
    spent = median_time(lambda: [read_targets(seg, info) for seg, info, _ in loaded], args.runs)
    base = median_time(lambda: [DIGITS.findall(t) for t in texts], args.runs)
    print(f"corpus: {len(loaded)} documents, {total / 1024:.0f} KB: median {spent * 1000:.1f} ms = "
          f"{total / 1024 / spent:.0f} KB/s (target >= 200 KB/s); digit-scan baseline {base * 1000:.1f} ms, "
          f"ratio {spent / base:.0f}x")

    article = prepared(ARTICLE)
    if article is not None:
        seg, info, size = article
        spent = median_time(lambda: read_targets(seg, info), args.runs * 20)
        print(f"article {ARTICLE.name} ({size / 1024:.1f} KB): median {spent * 1000:.2f} ms warm (target <= 10 ms)")

    for name, make in HOSTILE.items():
        per_kb = []
        for kb in (50, 100, 200):
            seg, info = synthetic(make(kb * 1024), "vi" if "tăng" in name else "en")
            spent = median_time(lambda: read_targets(seg, info), max(args.runs // 2, 1))
            base = median_time(lambda: DIGITS.findall(seg.sections[0].blocks[0].text), args.runs)
            per_kb.append(spent / kb)
            print(f"{name:24s} {kb:4d} KB: median {spent * 1000:8.1f} ms ({kb / spent:6.0f} KB/s), "
                  f"digit-scan {base * 1000:6.1f} ms, ratio {spent / base:5.0f}x")
        print(f"{'':24s} time per KB, 200 KB vs 50 KB: {per_kb[-1] / per_kb[0]:.2f} (1.0 = linear)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
