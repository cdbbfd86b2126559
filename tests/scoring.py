"""Score an extraction against a gold file, and the corpus gate built on those scores.

One scorer for every document (STYLE.md B2.13): a gold file (``corpus/gold/*.json``, format of
the gold guide (``shared/gold/GUIDE.md`` beside the repository) plus ``document.title/horizon/references``) is compared with an
extraction, the contract JSON as a dict (``ExtractedDocument.model_dump(mode="json")``).

Per document and per field the scorer counts true positives, false positives (extracted, not in
gold) and false negatives (in gold, not extracted), and gives precision, recall and F1:

- ``tasks``: the multiset of task keys ("I.2"). A key extracted twice is one false positive.
- ``title``, ``group``, ``outputs``, ``timeframe``: per *matched* task (key in both), the gold
  value against the extracted one; equal is a hit, otherwise the gold value is missing and the
  extracted value is extra. Tasks that are not matched count only under ``tasks``.
  ``group`` is the group's title; ``timeframe`` is equal only if text, start, end and
  recurrence are all equal.
- ``lead``, ``cooperating``: per matched task, the multiset of mentions as written
  (gold list vs ``[m["mention"] for m in task["lead"]]``), summed over tasks.
- ``references``: the set of (number, date) pairs.
- ``issuer``, ``horizon``, ``issued``, ``number``, ``doc_title``: one value each.
- ``targets`` (comparator, value, value_max, unit, deadline) and ``observations`` (value, unit,
  as_of): multisets; reported for information, never pinned yet.

A field with no gold items and no extracted items scores 1.0 on P, R and F1 (nothing to find,
nothing wrongly found). With items on one side only, the empty side's ratio is 1.0 and F1 is 0.

Text is compared after NFC, collapsing whitespace runs to one space and stripping: nothing
else. Punctuation, case and diacritics all count, so a misplaced comma fails the field.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TASK_FIELDS = ("title", "group", "lead", "cooperating", "timeframe", "outputs")
DOCUMENT_FIELDS = ("references", "issuer", "horizon")
PINNED_EXTRA = ("issued", "number", "doc_title", "targets", "observations")
INFO_FIELDS = PINNED_EXTRA
FIELDS = ("tasks", *TASK_FIELDS, *DOCUMENT_FIELDS, *INFO_FIELDS)
METRICS = ("precision", "recall", "f1")

# Fields the gate pins, by the gold's document kind. Plans: the task table and document facts.
# News: tasks are expected to be none; issuer, references, dates, targets and observations as
# the gold says. Every field is pinned now that every one is extracted.
PINNED: dict[str, tuple[str, ...]] = {
    "plan": ("tasks", *TASK_FIELDS, *DOCUMENT_FIELDS, *PINNED_EXTRA),
    "news": ("tasks", "issuer", "references", *PINNED_EXTRA),
    "other": ("tasks", "issuer", "references", *PINNED_EXTRA),
}

MAX_ITEMS_SHOWN = 12
MAX_ITEM_CHARS = 400


def norm(text: Any) -> str | None:
    """NFC, collapse whitespace, strip. ``None`` stays ``None``; nothing else is changed."""
    if text is None:
        return None
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


@dataclass(frozen=True)
class FieldScore:
    """Counts for one field of one document, with the items that differ."""

    field: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missing: tuple[str, ...] = ()  # in gold, not extracted
    extra: tuple[str, ...] = ()  # extracted, not in gold

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def metric(self, name: str) -> float:
        return float(getattr(self, name))

    def describe_differences(self) -> str:
        """The differing items, for a failure message."""
        parts = []
        for label, items in (("missing (gold, not extracted)", self.missing),
                             ("extra (extracted, not in gold)", self.extra)):
            if not items:
                continue
            shown = [_clip(i) for i in items[:MAX_ITEMS_SHOWN]]
            hidden = len(items) - MAX_ITEMS_SHOWN
            more = f"\n      … and {hidden} more" if hidden > 0 else ""
            parts.append(f"    {label}:\n" + "\n".join(f"      - {s}" for s in shown) + more)
        return "\n".join(parts) if parts else "    (no differing items)"


@dataclass(frozen=True)
class DocScore:
    """All field scores for one document."""

    file: str
    kind: str
    fields: dict[str, FieldScore] = field(default_factory=dict)
    error: str | None = None  # the extraction raised; scored as an empty extraction

    @property
    def pinned(self) -> tuple[str, ...]:
        return PINNED.get(self.kind, PINNED["other"])


def _clip(text: str) -> str:
    return text if len(text) <= MAX_ITEM_CHARS else text[: MAX_ITEM_CHARS - 1] + "…"


def _compare_multisets(name: str, gold: Iterable[str], got: Iterable[str]) -> FieldScore:
    g, e = Counter(gold), Counter(got)
    common = g & e
    missing = g - common
    extra = e - common
    return FieldScore(
        name,
        tp=sum(common.values()),
        fp=sum(extra.values()),
        fn=sum(missing.values()),
        missing=tuple(sorted(missing.elements())),
        extra=tuple(sorted(extra.elements())),
    )


def _sum(name: str, scores: Iterable[FieldScore]) -> FieldScore:
    tp = fp = fn = 0
    missing: list[str] = []
    extra: list[str] = []
    for s in scores:
        tp, fp, fn = tp + s.tp, fp + s.fp, fn + s.fn
        missing += s.missing
        extra += s.extra
    return FieldScore(name, tp, fp, fn, tuple(missing), tuple(extra))


def _compare_values(name: str, gold: str | None, got: str | None, label: str = "") -> FieldScore:
    """One value each side; ``None`` means no item."""
    prefix = f"{label}: " if label else ""
    if gold is None and got is None:
        return FieldScore(name)
    if gold == got:
        return FieldScore(name, tp=1)
    return FieldScore(
        name,
        fp=0 if got is None else 1,
        fn=0 if gold is None else 1,
        missing=() if gold is None else (prefix + gold,),
        extra=() if got is None else (prefix + got,),
    )


def _timeframe(tf: Mapping[str, Any] | None) -> str | None:
    if not tf:
        return None
    return (f"text={norm(tf.get('text'))!r} start={tf.get('start')} end={tf.get('end')} "
            f"recurrence={tf.get('recurrence')}")


def _group_title(group: Any) -> str | None:
    if isinstance(group, Mapping):
        return norm(group.get("title"))
    return norm(group)


def _number(v: Any) -> str | None:
    if v is None:
        return None
    return repr(round(float(v), 6))


def _target(t: Mapping[str, Any]) -> str:
    return (f"{t.get('comparator')} {_number(t.get('value'))}"
            f"{'' if t.get('value_max') is None else '-' + str(_number(t.get('value_max')))}"
            f" {norm(t.get('unit'))} by {t.get('deadline')}")


def _observation(o: Mapping[str, Any]) -> str:
    return f"{_number(o.get('value'))} {norm(o.get('unit'))} as of {o.get('as_of')}"


def _reference(r: Mapping[str, Any]) -> str:
    return f"{norm(r.get('number'))} / {r.get('date')}"


def _as_dict(extraction: Any) -> dict[str, Any]:
    if hasattr(extraction, "model_dump"):
        return dict(extraction.model_dump(mode="json"))
    return dict(extraction)


def score_document(gold: Mapping[str, Any], extraction: Any, *, error: str | None = None,
                   file: str | None = None) -> DocScore:
    """Score one extraction against one gold file.

    Args:
        gold: the gold file's JSON (GUIDE.md format).
        extraction: the contract JSON as a dict, or an ``ExtractedDocument``.
        error: set when the extraction raised (then pass an empty extraction).
        file: the document's file name; defaults to the gold's ``file``.

    Returns:
        A ``DocScore`` with one ``FieldScore`` per name in ``FIELDS``.
    """
    ext = _as_dict(extraction)
    gdoc: Mapping[str, Any] = gold.get("document") or {}
    edoc: Mapping[str, Any] = ext.get("document") or {}
    scores: dict[str, FieldScore] = {}

    gold_tasks = {norm(t["key"]): t for t in gold.get("tasks") or []}
    ext_tasks: dict[str | None, Mapping[str, Any]] = {}
    for t in ext.get("tasks") or []:
        ext_tasks.setdefault(norm(t.get("key")), t)  # first occurrence; repeats are fp in "tasks"
    scores["tasks"] = _compare_multisets(
        "tasks", [str(norm(t["key"])) for t in gold.get("tasks") or []],
        [str(norm(t.get("key"))) for t in ext.get("tasks") or []])

    matched = [k for k in gold_tasks if k in ext_tasks]
    per_task: dict[str, list[FieldScore]] = {f: [] for f in TASK_FIELDS}
    for key in matched:
        g, e = gold_tasks[key], ext_tasks[key]
        label = str(key)
        per_task["title"].append(
            _compare_values("title", norm(g.get("title")), norm(e.get("title")), label))
        per_task["group"].append(
            _compare_values("group", _group_title(g.get("group")), _group_title(e.get("group")),
                            label))
        per_task["outputs"].append(
            _compare_values("outputs", norm(g.get("outputs")), norm(e.get("outputs")), label))
        per_task["timeframe"].append(
            _compare_values("timeframe", _timeframe(g.get("timeframe")),
                            _timeframe(e.get("timeframe")), label))
        for role in ("lead", "cooperating"):
            gm = [f"{label}: {norm(m)}" for m in g.get(role) or []]
            em = [f"{label}: {norm(m.get('mention'))}" for m in e.get(role) or []]
            per_task[role].append(_compare_multisets(role, gm, em))
    for f in TASK_FIELDS:
        scores[f] = _sum(f, per_task[f])

    gold_refs = {_reference(r) for r in gdoc.get("references") or []}
    ext_refs = {_reference(r) for r in edoc.get("references") or []}
    scores["references"] = _compare_multisets("references", gold_refs, ext_refs)
    scores["issuer"] = _compare_values("issuer", norm(gdoc.get("issuer")), norm(edoc.get("issuer")))
    scores["horizon"] = _compare_values("horizon", gdoc.get("horizon"), edoc.get("horizon"))
    scores["issued"] = _compare_values("issued", gdoc.get("issued"), edoc.get("issued"))
    scores["number"] = _compare_values("number", norm(gdoc.get("number")), norm(edoc.get("number")))
    scores["doc_title"] = _compare_values(
        "doc_title", norm(gdoc.get("title")), norm(edoc.get("title")))
    scores["targets"] = _compare_multisets(
        "targets", [_target(t) for t in gold.get("targets") or []],
        [_target(t) for t in ext.get("targets") or []])
    scores["observations"] = _compare_multisets(
        "observations", [_observation(o) for o in gold.get("observations") or []],
        [_observation(o) for o in ext.get("observations") or []])

    return DocScore(file=file or str(gold.get("file", "")), kind=str(gold.get("kind", "other")),
                    fields=scores, error=error)


# --- the corpus gate -------------------------------------------------------------------------

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


def corpus_files(corpus: Path = CORPUS_DIR, *, scans: bool | None = None) -> list[tuple[Path, Path]]:
    """Each document in ``docs/`` with its gold file ``gold/<stem>.json`` (which may be absent),
    and those in ``scans/`` (documents only OCR reads) when ``scans`` is true, or by default
    when OCR is available. ``scans/`` stays out of ``docs/`` so that ingesting ``docs/`` (the
    quick start) needs no OCR."""
    folders = ["docs"]
    if scans if scans is not None else ((corpus / "scans").is_dir() and ocr_available()):
        folders.append("scans")
    return [(d, corpus / "gold" / f"{d.stem}.json")
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

        return _as_dict(extract.extract_file(doc)), None
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
