"""Finding agency names in prose: spaCy's PhraseMatcher (blank pipeline, patterns from the agency
directory) measured against what the prose-duty reading does today (issue 10).

Run: python bench/bench_phrase_matcher.py [--runs N] [--names N]   (needs spaCy installed; it is
not a planwatch dependency). On the prose plans (kh987 Nghệ An, kh3260, seed 003) it reads the
implementation sections ("TỔ CHỨC THỰC HIỆN", "PHÂN CÔNG NHIỆM VỤ") and reports, per document:
  - today: ``sections_to_responsibilities`` (agency headings, "X: …" lines, "X chủ trì …"
    sentences, "phối hợp với Y" partners), each name resolved by the directory;
  - spaCy: a ``PhraseMatcher(attr="LOWER")`` over ``spacy.blank("xx")`` (the Vietnamese blank
    pipeline without pyvi splits on spaces only, so "Sở Xây dựng." would not match), its
    patterns every name and alias of the directory, each match resolved the same way;
  - regex: one case-insensitive alternation of the same names (the matcher planwatch could
    build without spaCy), as a second baseline.
Recall is over the gold duties' agencies (resolved the same way); "extra" counts names found
that no gold duty has (partners, names in passing). Speed: the median time of each reading over
the three documents, the matcher's build time with the real directory and with ``--names``
directory names (bench_agencies' synthetic directory), and spaCy's import time, in a fresh
process. Prints the load average: figures on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DOCS = ("kh987-nghean-5g-iot-kcn-prose.md", "kh3260-ddqh-nq57-prose.md", "003_c754e10d2d6fc772.txt")


def median_time(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def segmented(name: str) -> Any:
    from extract.load import load_file
    from extract.normalize import raw_to_normalized
    from extract.segment import normalized_to_segmented

    normalized, lang = raw_to_normalized(load_file(ROOT / "corpus" / "docs" / name))
    return normalized_to_segmented(normalized, lang)


def section_text(seg: Any) -> str:
    """The implementation sections' text: what both readings look at."""
    return "\n".join(b.text for s in seg.sections if s.role == "implementation" for b in s.blocks)


def identity(name: str) -> str:
    from extract.directory import agency_key, resolve_agency

    found = resolve_agency(name, "vi")
    return found.agency or agency_key(name)


def today(seg: Any) -> set[str]:
    from extract.fields.responsibilities import sections_to_responsibilities

    duties = sections_to_responsibilities(seg)
    return {identity(m.mention) for d in duties for m in (d.agency, *d.cooperating)}


def spacy_matcher(names: list[str]) -> tuple[Any, Any]:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("xx")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("AGENCY", list(nlp.tokenizer.pipe(names)))
    return nlp, matcher


def spacy_found(nlp: Any, matcher: Any, text: str) -> set[str]:
    from spacy.util import filter_spans

    doc = nlp.make_doc(text)
    spans = filter_spans([doc[start:end] for _, start, end in matcher(doc)])  # longest, no overlaps
    return {identity(span.text) for span in spans}


def regex_matcher(names: list[str]) -> Any:
    import regex

    alternation = "|".join(regex.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?:{alternation})(?!\w)", regex.IGNORECASE)


def regex_found(pattern: Any, text: str) -> set[str]:
    return {identity(m.group()) for m in pattern.finditer(text)}


def gold(name: str) -> set[str]:
    data = json.loads((ROOT / "corpus" / "gold" / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    return {identity(d["agency"]) for d in data.get("responsibilities", [])}


def import_seconds() -> float:
    code = "import time; t = time.perf_counter(); import spacy; spacy.blank('xx'); print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(3)]
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--names", type=int, default=5000, help="names of the large synthetic directory")
    args = parser.parse_args()
    try:
        import spacy  # noqa: F401
    except ImportError:
        print("spaCy is not installed (it is no planwatch dependency): pip install spacy", file=sys.stderr)
        return 2
    from bench_agencies import build_directory

    from extract.directory import directory_rows

    print(f"load average at start: {os.getloadavg()}")
    names = [n for row in directory_rows("vi") for n in (row.name, *row.aliases)]
    segs = {name: segmented(name) for name in DOCS}
    texts = {name: section_text(seg) for name, seg in segs.items()}
    build = median_time(lambda: spacy_matcher(names), args.runs)
    nlp, matcher = spacy_matcher(names)
    pattern = regex_matcher(names)
    _, infos = build_directory(args.names, random.Random(7))
    big = [n for info in infos for n in (info.name, *info.aliases)]
    build_big = median_time(lambda: spacy_matcher(big), max(1, args.runs // 2))
    regex_big = median_time(lambda: regex_matcher(big).search("x"), max(1, args.runs // 2))
    print(f"directory: {len(names)} names and aliases; spaCy matcher built in {build * 1000:.1f} ms "
          f"({len(big)} names: {build_big * 1000:.1f} ms; the regex alternation {regex_big * 1000:.1f} ms)")
    print(f"spaCy import + blank pipeline in a fresh process: {import_seconds():.2f} s (median of 3)")
    readings = {
        "today": lambda name: today(segs[name]),
        "spaCy": lambda name: spacy_found(nlp, matcher, texts[name]),
        "regex": lambda name: regex_found(pattern, texts[name]),
    }
    for label, read in readings.items():
        spent = median_time(lambda read=read: [read(name) for name in DOCS], args.runs)  # type: ignore[misc]
        parts = []
        for name in DOCS:
            found, expected = read(name), gold(name)
            hit = len(found & expected)
            recall = f"recall {hit}/{len(expected)}" if expected else "no gold duties"
            parts.append(f"{name.split('-')[0].split('_')[0]}: {len(found)} agencies, {recall}, extra {len(found - expected)}")
        print(f"{label:6s} {spent * 1000:7.1f} ms for the 3 sections | " + " | ".join(parts))
    for name in DOCS:
        missed = {label: sorted(gold(name) - read(name)) for label, read in readings.items() if gold(name)}
        if missed:
            print(f"missed in {name}: {json.dumps(missed, ensure_ascii=False)}")
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
