"""Score an extraction against a gold file (the corpus gate built on it: ``gate_floors``).

One scorer for every document (STYLE.md B2.13): a gold file (``corpus/gold/*.json``, format of
the gold guide (``shared/gold/GUIDE.md`` beside the repository) plus ``document.title/horizon/references``) is compared with an
extraction, the contract JSON as a dict (``ExtractedDocument.to_dict()``).

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

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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


def as_dict(extraction: Any) -> dict[str, Any]:
    """An extraction (record or contract JSON dict) as a plain dict."""
    if hasattr(extraction, "to_dict"):
        return dict(extraction.to_dict())
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
    ext = as_dict(extraction)
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
