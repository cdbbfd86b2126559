"""Due dates and the categories officials report, computed against a given day.

The clock lives here (``store/``), never in ``extract/``: every function takes ``today``.
A one-off task is due at the end of its timeframe; a recurring one at its next occurrence
(the end of the current month, quarter or year), never past the end of its timeframe or the
plan's horizon; a continuous task at that end. A closed task (done, cancelled) is never overdue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

CLOSED = ("done", "cancelled")
CATEGORIES = ("completed", "in_progress", "on_time", "overdue", "cancelled")
_PERIOD = re.compile(r"^\s*(\d+)\s*([dwmy]?)\s*$", re.IGNORECASE)
_DAYS_PER_UNIT = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def next_occurrence(recurrence: str, today: date) -> date | None:
    """The end of the period of ``recurrence`` that contains ``today`` (None: no periods)."""
    if recurrence == "monthly":
        return _month_end(today.year, today.month)
    if recurrence == "quarterly":
        return _month_end(today.year, (today.month - 1) // 3 * 3 + 3)
    if recurrence == "yearly":
        return date(today.year, 12, 31)
    if recurrence == "weekly":
        return today + timedelta(days=6 - today.weekday())
    if recurrence == "daily":
        return today
    return None  # continuous: due at the end of its span


def due_date(
    start: date | None, end: date | None, recurrence: str | None, horizon: date | None, today: date
) -> date | None:
    """The date a task is due as of ``today`` (None when nothing bounds it).

    Args:
        start, end: the task's timeframe.
        recurrence: None, or ``continuous``, ``daily``, ``weekly``, ``monthly``, ``quarterly``, ``yearly``.
        horizon: the plan's horizon, bounding a recurring task without an end.
        today: the day of the question.
    """
    if not recurrence:
        return end
    bound = end or horizon
    if start and today < start:
        today = start
    occurrence = next_occurrence(recurrence, today)
    if occurrence is None:
        return bound
    if bound and occurrence > bound:
        return bound
    return occurrence


def is_overdue(status: str, due: date | None, today: date) -> bool:
    """Past due and not closed."""
    return due is not None and due < today and status not in CLOSED


def category(status: str, due: date | None, today: date) -> str:
    """One of :data:`CATEGORIES`: completed, in_progress (and not late), on_time, overdue, cancelled."""
    if status == "done":
        return "completed"
    if status == "cancelled":
        return "cancelled"
    if is_overdue(status, due, today):
        return "overdue"
    return "in_progress" if status == "in_progress" else "on_time"


def parse_period(text: str) -> int:
    """Days in ``30d``, ``2w``, ``3m`` (30-day months), ``1y`` or a bare number of days.

    Raises:
        ValueError: not one of those forms.
    """
    match = _PERIOD.match(text)
    if match is None:
        raise ValueError(f"'{text}' is not a period such as 30d, 2w, 3m or 1y")
    return int(match.group(1)) * _DAYS_PER_UNIT[match.group(2).lower()]


def due_within(status: str, due: date | None, today: date, days: int) -> bool:
    """Open and due between ``today`` and ``today + days`` (inclusive)."""
    return due is not None and status not in CLOSED and today <= due <= today + timedelta(days=days)


@dataclass
class Summary:
    """Counts of one document's or one agency's tasks in each category."""

    name: str
    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    blocked: int = 0

    def add(self, status: str, due: date | None, today: date) -> None:
        self.total += 1
        self.counts[category(status, due, today)] += 1
        self.blocked += status == "blocked"

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "total": self.total, **self.counts, "blocked": self.blocked}


def summarise(items: Iterable[tuple[str, str, date | None]], today: date) -> list[Summary]:
    """One :class:`Summary` per name from ``(name, status, due)`` triples, in first-seen order."""
    out: dict[str, Summary] = {}
    for name, status, due in items:
        out.setdefault(name, Summary(name)).add(status, due, today)
    return list(out.values())
