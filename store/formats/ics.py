"""The checklist as an iCalendar file (RFC 5545): a VTODO per task with a due date.

A recurring task gets an RRULE (FREQ=MONTHLY … UNTIL its end), a done task STATUS:COMPLETED,
and every open task a VALARM :data:`REMINDER_DAYS` days before it is due. UIDs are the
tasks' stable ids, so a calendar re-imports the file as updates, not duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from store.checklist import Item

REMINDER_DAYS = 7
UID_DOMAIN = "planwatch"
FREQUENCIES = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "quarterly": "MONTHLY",
               "yearly": "YEARLY"}
INTERVALS = {"quarterly": 3}
ICS_STATUS = {"done": "COMPLETED", "in_progress": "IN-PROCESS", "cancelled": "CANCELLED",
              "not_started": "NEEDS-ACTION", "blocked": "NEEDS-ACTION"}


def write_ics(items: Sequence[Item], out: IO[str], words: dict[str, dict[str, str]], *,
              stamp: datetime | None = None) -> int:
    """Write one VTODO per task (the first item of each task id) that has a due date.

    Returns:
        The number of VTODOs written.
    """
    from icalendar import Alarm, Calendar, Todo, vRecur

    calendar = Calendar()
    calendar.add("prodid", "-//planwatch//checklist//EN")
    calendar.add("version", "2.0")
    stamp = stamp or datetime.now(timezone.utc)
    seen: set[str | None] = set()
    w = words["words"]
    for item in items:
        if item.due is None or item.id in seen:
            continue
        seen.add(item.id)
        todo = Todo()
        todo.add("uid", f"{item.id}@{UID_DOMAIN}")
        todo.add("dtstamp", stamp)
        todo.add("summary", item.task)
        lines = [f"{words['columns']['lead']}: {', '.join(item.lead)}"]
        if item.cooperate:
            lines.append(f"{words['columns']['cooperate']}: {', '.join(item.cooperate)}")
        if item.outputs:
            lines.append(f"{words['columns']['outputs']}: {item.outputs}")
        if item.timeframe:
            lines.append(f"{words['columns']['timeframe']}: {item.timeframe}")
        lines.append(f"{w['source']}: {item.where(w)}; id {item.id}")
        todo.add("description", "\n".join(lines))
        todo.add("categories", [item.document])
        todo.add("status", ICS_STATUS.get(item.status, "NEEDS-ACTION"))
        todo.add("due", item.due)
        if item.recurrence in FREQUENCIES:
            rule: dict[str, object] = {"freq": FREQUENCIES[item.recurrence]}
            if item.recurrence in INTERVALS:
                rule["interval"] = INTERVALS[item.recurrence]
            if item.end and item.end >= item.due:
                rule["until"] = item.end
            todo.add("rrule", vRecur(rule))
        if item.status not in ("done", "cancelled"):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{w['reminder']}: {item.task}")
            alarm.add("trigger", timedelta(days=-REMINDER_DAYS))
            todo.add_component(alarm)
        calendar.add_component(todo)
    out.write(calendar.to_ical().decode("utf-8"))
    return len(seen)
