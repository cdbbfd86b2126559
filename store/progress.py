"""Progress against targets: each target beside the latest observation of the same indicator
and area (``same_place``), the gap, and a status.

Status: ``met`` (the observation satisfies the comparator), ``on track`` (not met, but at least
where a straight line from the baseline to the target would be at the observation's date),
``behind`` (below that line, past the deadline, or no baseline to draw the line from: the note
says which), ``no data`` (no observation of the indicator in that area).
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from store.lookup import document_label
from store.names import name_key
from store.queries import _current_documents, _jsonable

if TYPE_CHECKING:
    from sqlmodel import Session

    from store.tables import Observation, Target

DOWN = ("<", "<=")
STATUS_ORDER = ("behind", "on track", "met", "no data")


@dataclass(frozen=True, slots=True)
class ProgressRow:
    document: str
    indicator: str
    area: str | None
    comparator: str
    target: float
    unit: str | None
    deadline: date | None
    baseline: float | None
    observed: float | None
    as_of: str | None
    observed_in: str | None
    gap: float | None
    status: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def as_of_date(as_of: str | None) -> date | None:
    """The last day an as-of text covers: "2024" -> 2024-12-31, "2024-06" -> 2024-06-30."""
    if not as_of:
        return None
    parts = as_of.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 12, 31)
        month = int(parts[1])
        day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def indicator_key(indicator: str, indicator_id: str | None) -> str:
    """Catalogue id when there is one (a vi plan and an en article share it), else the name."""
    return indicator_id or name_key(indicator)


def same_place(target: Target, observed: Observation) -> bool:
    """Whether ``observed`` measures the target's area: both name it, or neither does, or one
    leaves it to the document they share. A figure with no area from another document (a national
    article) says nothing of a province's target, nor a province's figure of a national target."""
    if target.area is not None and observed.area is not None:
        return name_key(target.area) == name_key(observed.area)
    return (target.area is None and observed.area is None) or target.document_id == observed.document_id


def units_fit(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def is_met(comparator: str, value: float, observed: float) -> bool:
    """Whether ``observed`` satisfies the target ``comparator value`` ("=" means reached)."""
    return {
        ">=": observed >= value, ">": observed > value, "<=": observed <= value, "<": observed < value,
        "range": observed >= value, "=": observed >= value,
    }[comparator]


def expected_at(baseline: float, start: date, value: float, deadline: date, when: date) -> float:
    """The value a straight line from (start, baseline) to (deadline, value) has at ``when``."""
    span = (deadline - start).days
    if span <= 0:
        return value
    share = min(max((when - start).days / span, 0.0), 1.0)
    return baseline + (value - baseline) * share


def status_of(target: Target, start: date | None, observed: Observation | None) -> tuple[str, float | None, str]:
    """(status, gap, note) of one target against its latest observation."""
    if observed is None:
        return "no data", None, ""
    down = target.comparator in DOWN
    gap = (observed.value - target.value) if down else (target.value - observed.value)
    if is_met(target.comparator, target.value, observed.value):
        return "met", 0.0, ""
    when = as_of_date(observed.as_of)
    if target.deadline and when and when >= target.deadline:
        return "behind", gap, "deadline passed"
    if target.baseline is None or start is None or target.deadline is None or when is None:
        return "behind", gap, "no baseline or date to measure the pace from"
    line = expected_at(target.baseline, start, target.value, target.deadline, when)
    ahead = observed.value <= line if down else observed.value >= line
    return ("on track" if ahead else "behind"), gap, f"expected {round(line, 2)} by {when.isoformat()}"


def progress(
    session: Session, *, indicator: str | None = None, area: str | None = None, document: str | None = None
) -> list[ProgressRow]:
    """Every target of the current documents (or ``document``) with its latest observation."""
    from sqlmodel import select

    from store.tables import Observation, Target

    documents = _current_documents(session, document)
    everywhere = _current_documents(session, None)
    targets = session.exec(select(Target).where(Target.document_id.in_(list(documents)))  # type: ignore[attr-defined]
                           .order_by(Target.id)).all()
    observations = session.exec(select(Observation).where(
        Observation.document_id.in_(list(everywhere | documents)))).all()  # type: ignore[attr-defined]
    by_key: dict[str, list[Observation]] = {}
    for obs in observations:
        by_key.setdefault(indicator_key(obs.indicator, obs.indicator_id), []).append(obs)
    rows = []
    for target in targets:
        if indicator and name_key(indicator) not in name_key(f"{target.indicator} {target.indicator_id or ''}"):
            continue
        if area and name_key(area) not in name_key(target.area or ""):
            continue
        found = [o for o in by_key.get(indicator_key(target.indicator, target.indicator_id), [])
                 if same_place(target, o) and units_fit(target.unit, o.unit)]
        latest = max(found, key=lambda o: (as_of_date(o.as_of) or date.min, o.id or 0), default=None)
        doc = documents[target.document_id]
        status, gap, note = status_of(target, doc.issued, latest)
        source = (everywhere | documents).get(latest.document_id) if latest else None
        rows.append(ProgressRow(
            document=document_label(doc), indicator=target.indicator, area=target.area,
            comparator=target.comparator, target=target.value, unit=target.unit, deadline=target.deadline,
            baseline=target.baseline, observed=latest.value if latest else None,
            as_of=latest.as_of if latest else None, observed_in=document_label(source) if source else None,
            gap=round(gap, 6) if gap is not None else None, status=status, note=note,
        ))
    return rows
