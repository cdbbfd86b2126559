"""The corpus gate on the scorer (``scoring``): which documents it scores (``corpus/docs``, and
``corpus/scans`` when OCR is installed), their pinned hashes and F1 floors (``baseline.json``),
raising the floors, and the printed table. ``corpus/gate.py`` is its command line."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from scoring import FIELDS, METRICS, DocScore, as_dict, score_document

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
BASELINE_NAME = "baseline.json"
EPSILON = 1e-9


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ocr_available() -> bool:
    """Whether scanned pages can be read here (the ocr extra and Tesseract's Vietnamese model)."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    from extract.load.ocr import default_engine

    return default_engine() is not None


TWIN_MARK = ".scan"  # corpus/make/scan_twin.py: `<stem>.scan.pdf` is a scan twin of `<stem>.*`


def gold_stem(doc: Path) -> str:
    """The stem of a document's gold file: its own, or for a rendered scan twin
    (``<stem>.scan.pdf``) its source's, against whose gold it is scored."""
    stem = doc.stem
    return stem[: -len(TWIN_MARK)] if stem.endswith(TWIN_MARK) else stem


def corpus_files(corpus: Path = CORPUS_DIR, *, scans: bool | None = None) -> list[tuple[Path, Path]]:
    """Each document in ``docs/`` with its gold file ``gold/<stem>.json`` (which may be absent),
    and those in ``scans/`` (documents only OCR reads) when ``scans`` is true, or by default
    when OCR is available. ``scans/`` stays out of ``docs/`` so that ingesting ``docs/`` (the
    quick start) needs no OCR."""
    folders = ["docs"]
    if scans if scans is not None else ((corpus / "scans").is_dir() and ocr_available()):
        folders.append("scans")
    return [(d, corpus / "gold" / f"{gold_stem(d)}.json")
            for folder in folders if (corpus / folder).is_dir()
            for d in sorted((corpus / folder).iterdir())
            if d.is_file() and not d.name.startswith(".")]


def current_hashes(corpus: Path = CORPUS_DIR) -> dict[str, str]:
    """SHA-256 of every document and gold file, keyed by path relative to the corpus folder."""
    out: dict[str, str] = {}
    for doc, gold in corpus_files(corpus, scans=True):
        out[doc.relative_to(corpus).as_posix()] = file_sha256(doc)
        if gold.exists():
            out[gold.relative_to(corpus).as_posix()] = file_sha256(gold)
    return out


def load_baseline(corpus: Path = CORPUS_DIR) -> dict[str, Any]:
    path = corpus / BASELINE_NAME
    if not path.exists():
        return {"sha256": {}, "floors": {}}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def pin_problems(baseline: Mapping[str, Any], corpus: Path = CORPUS_DIR) -> list[str]:
    """Why the pinned hashes do not match the corpus (empty when they match)."""
    pinned: Mapping[str, str] = baseline.get("sha256") or {}
    now = current_hashes(corpus)
    problems = []
    for doc, gold in corpus_files(corpus):
        if not gold.exists():
            problems.append(
                f"{doc.name}: no gold file {gold.relative_to(corpus)}; write one (GUIDE.md)")
    for name in sorted(set(pinned) | set(now)):
        if name not in now:
            problems.append(f"{name}: pinned in {BASELINE_NAME} but no longer in the corpus")
        elif name not in pinned:
            problems.append(f"{name}: in the corpus but not pinned")
        elif pinned[name] != now[name]:
            problems.append(f"{name}: changed since it was pinned (sha256 {now[name][:12]}…, "
                            f"pinned {pinned[name][:12]}…)")
    for doc, _ in corpus_files(corpus):
        if doc.name not in (baseline.get("floors") or {}):
            problems.append(f"{doc.name}: no floors in {BASELINE_NAME}")
    if problems:
        problems.append("If the change is deliberate and reviewed, re-pin with "
                        "`python corpus/gate.py --update` "
                        "(add --allow-regression to lower a floor).")
    return problems


def floor_failures(score: DocScore, floors: Mapping[str, Mapping[str, float]]) -> list[str]:
    """One message per pinned field below its floor: field, scores, floor, differing items."""
    out = []
    for name, floor in floors.items():
        fs = score.fields.get(name)
        if fs is None:
            out.append(f"{score.file}: field {name!r} has a floor but the scorer has no such field")
            continue
        below = [m for m in METRICS if m in floor and fs.metric(m) + EPSILON < floor[m]]
        if below:
            got = ", ".join(f"{m} {fs.metric(m):.3f} < floor {floor[m]:.3f}" for m in below)
            out.append(f"{score.file}: field {name!r}: {got} (tp {fs.tp}, fp {fs.fp}, fn {fs.fn})\n"
                       + fs.describe_differences())
    if score.error and out:
        out.insert(0, f"{score.file}: extraction raised {score.error}")
    return out


def _round_down(x: float) -> float:
    return math.floor(x * 10_000 + EPSILON) / 10_000


def updated_baseline(baseline: Mapping[str, Any], scores: Iterable[DocScore],
                     corpus: Path = CORPUS_DIR, *, allow_regression: bool = False,
                     ) -> tuple[dict[str, Any], list[str]]:
    """Floors set to the current scores of the pinned fields, and hashes re-pinned.

    Returns:
        The new baseline, and the floors it would lower. When that list is not empty and
        ``allow_regression`` is false, the caller must not write the new baseline.
    """
    old_floors: Mapping[str, Mapping[str, Mapping[str, float]]] = baseline.get("floors") or {}
    floors: dict[str, dict[str, dict[str, float]]] = {}
    lowered = []
    for s in scores:
        doc_floors: dict[str, dict[str, float]] = {}
        for name in s.pinned:
            fs = s.fields[name]
            new = {m: _round_down(fs.metric(m)) for m in METRICS}
            old = (old_floors.get(s.file) or {}).get(name) or {}
            for m in METRICS:
                if m in old and new[m] + EPSILON < old[m]:
                    lowered.append(f"{s.file}: {name} {m} {old[m]:.4f} -> {new[m]:.4f}")
            doc_floors[name] = new
        floors[s.file] = doc_floors
    result = dict(baseline)
    result["sha256"] = current_hashes(corpus)
    result["floors"] = floors
    return result, (lowered if not allow_regression else [])


def write_baseline(baseline: Mapping[str, Any], corpus: Path = CORPUS_DIR) -> None:
    text = json.dumps(baseline, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    (corpus / BASELINE_NAME).write_text(text, encoding="utf-8")


def score_table(scores: Iterable[DocScore], baseline: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows of the printed table: document, field, counts, P/R/F1, F1 floor and status."""
    floors: Mapping[str, Mapping[str, Mapping[str, float]]] = baseline.get("floors") or {}
    rows = []
    for s in scores:
        doc_floors = floors.get(s.file) or {}
        for name in FIELDS:
            fs = s.fields[name]
            floor = doc_floors.get(name)
            if floor is None:
                status = "info"
            elif any(fs.metric(m) + EPSILON < floor[m] for m in METRICS if m in floor):
                status = "BELOW"
            else:
                status = "ok"
            rows.append({"document": s.file, "field": name, "tp": fs.tp, "fp": fs.fp, "fn": fs.fn,
                         "precision": fs.precision, "recall": fs.recall, "f1": fs.f1,
                         "floor": None if floor is None else floor.get("f1"), "status": status})
    return rows


def format_table(rows: Iterable[Mapping[str, Any]]) -> str:
    """Plain-text table of ``score_table`` rows."""
    head = (f"{'document':<28} {'field':<13} {'tp':>4} {'fp':>4} {'fn':>4} "
            f"{'P':>6} {'R':>6} {'F1':>6} {'floor':>6}  status")
    lines = [head, "-" * len(head)]
    last = None
    for r in rows:
        doc = r["document"] if r["document"] != last else ""
        last = r["document"]
        floor = "" if r["floor"] is None else f"{r['floor']:.3f}"
        lines.append(f"{doc:<28} {r['field']:<13} {r['tp']:>4} {r['fp']:>4} {r['fn']:>4} "
                     f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} {floor:>6}  "
                     f"{r['status']}")
    return "\n".join(lines)


def run_extraction(doc: Path) -> tuple[dict[str, Any], str | None]:
    """``extract.extract_file`` as contract JSON; on an exception, an empty one and the error."""
    try:
        import extract

        return as_dict(extract.extract_file(doc)), None
    except Exception as exc:  # noqa: BLE001 - the gate reports any failure as a score of zero
        return {"document": {}, "tasks": []}, f"{type(exc).__name__}: {exc}"


def score_corpus(corpus: Path = CORPUS_DIR) -> list[DocScore]:
    """Extract every corpus document and score it against its gold file."""
    out = []
    for doc, gold_path in corpus_files(corpus):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        extraction, error = run_extraction(doc)
        out.append(score_document(gold, extraction, error=error, file=doc.name))
    return out
