"""The tracking checklist: one item per task × agency, with role, due date, status and source.

Items are grouped by agency (Vietnamese name order), then by due date (no date last), then
document and task order. Writers for each file format live in ``store/formats/``; the words
they print come from ``extract/lang/<code>/labels.toml``.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.deadlines import Summary
    from store.queries import TaskRow
    from store.sql import Sql

JSON_FIELDS = (
    "id", "agency", "role", "document", "key", "group", "task", "co_agencies", "outputs", "timeframe",
    "recurrence", "due", "status", "overdue", "note", "source",
)


@dataclass(slots=True)  # not frozen: that costs an object.__setattr__ per field, 60 ms per 20,000 items
class Item:
    """One thing one agency must do (treated as read-only)."""

    id: str | None
    agency: str
    role: str
    document: str
    key: str
    group: str | None
    task: str
    co_agencies: tuple[str, ...]
    lead: tuple[str, ...]
    cooperate: tuple[str, ...]
    outputs: str | None
    timeframe: str | None
    recurrence: str | None
    due: date | None
    status: str
    overdue: bool
    note: str | None
    source: dict[str, Any] = field(default_factory=dict)
    end: date | None = None  # the end of the task's timeframe (a recurring task's last occurrence)
    persons: tuple[str, ...] = ()  # the people the task names for this agency and role
    person: bool = False  # ``agency`` is a person the document gives no agency for

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in JSON_FIELDS}
        data["agency"] = None if self.person else self.agency
        data["due"] = self.due.isoformat() if self.due else None
        data["co_agencies"] = list(self.co_agencies)
        data["source"] = {k: v for k, v in self.source.items() if k != "text"}
        if self.persons:  # only where the task names people: other items stay as they were
            data["persons"] = list(self.persons)
        return data

    def where(self, words: dict[str, str]) -> str:
        """"34/KH-STTTT, page 5, row 3" in the labels' words."""
        return where_text(self.document, self.source, words)


def where_text(document: str, source: dict[str, Any], words: dict[str, str]) -> str:
    """``document`` with the page and row of ``source`` (a provenance) in the labels' words."""
    page, row = source.get("page"), source.get("row")
    if page is None and row is None:
        return document
    parts = [document]
    if page is not None:
        parts.append(f"{words.get('page', 'page')} {page}")
    if row is not None:
        parts.append(f"{words.get('row', 'row')} {row}")
    return ", ".join(parts)


def labels(lang: str) -> dict[str, dict[str, str]]:
    """The export words of ``lang`` (``vi`` or ``en``)."""
    from extract.langdata import read_data_file

    return read_data_file(lang, "labels.toml")  # type: ignore[return-value]


def items_from_tasks(task_rows: Iterable[TaskRow], *, agencies: set[str] | None = None,
                     persons: bool | None = None) -> list[Item]:
    """One item per task × assigned agency (only ``agencies`` when given), each with the people
    the task names for that agency, and (with ``persons``, by default when no ``agencies`` are
    given) one per person the document gives no agency for; sorted for reading: agencies by
    name (Vietnamese order), then those persons by name, then due date (none last), then task order."""
    persons = agencies is None if persons is None else persons
    items = [Item(*record) for record in task_records(task_rows, agencies, persons)]
    order = OrderKeys()
    return sorted(items, key=lambda i: (order(i.person, i.agency), i.due is None, i.due or date.max))  # stable


def task_records(task_rows: Iterable[TaskRow], agencies: set[str] | None, persons: bool, *,
                 ordinals: bool = False) -> Iterator[tuple[Any, ...]]:
    """The items of :func:`items_from_tasks` in task order, unsorted, each as the tuple of its
    fields (``Item(*record)``); with ``ordinals``, due and end dates as day numbers
    (``date.toordinal``), so that ``marshal`` can write them."""
    empty: dict[str, Any] = {}
    for task in task_rows:
        source = task.source or empty  # shared by the task's items: an item never changes it
        due: Any = task.due
        end: Any = task.deadline
        if ordinals:
            due, end = due and due.toordinal(), end and end.toordinal()
        for name, role, others, people, person in task_items(task, agencies, persons):
            yield (task.uid, name, role, task.document, task.key, task.group, task.title, others, task.lead,
                   task.cooperate, task.outputs, task.timeframe, task.recurrence, due, task.status,
                   task.overdue, task.note, source, end, people, person)


def task_items(task: TaskRow, agencies: set[str] | None,
               persons: bool) -> Iterator[tuple[str, str, tuple[str, ...], tuple[str, ...], bool]]:
    """(agency or person, role, co-agencies, people, whether a person) of each item of one
    task, as :func:`task_records` makes them: one per assigned agency (only ``agencies`` when
    given), then with ``persons`` one per person the document gives no agency for."""
    everyone = tuple(dict.fromkeys((*task.lead, *task.cooperate)))
    for role, names in (("lead", task.lead), ("cooperate", task.cooperate)):
        for name in names:
            if agencies is not None and name not in agencies:
                continue
            at = everyone.index(name)  # names in ``everyone`` are distinct
            people = tuple(p["person"] for p in task.persons
                           if p["agency"] == name and p["role"] == role) if task.persons else ()
            yield name, role, everyone[:at] + everyone[at + 1 :], people, False
    for p in task.persons if persons else ():
        if p["agency"] is None:
            yield p["person"], p["role"], everyone, (p["person"],), True


class OrderKeys:
    """The reading order of an item's agency (or person): each name's sort key made once."""

    def __init__(self) -> None:
        self.known: dict[tuple[bool, str], tuple[bool, Any]] = {}

    def __call__(self, person: bool, name: str) -> tuple[bool, Any]:
        key = self.known.get((person, name))
        if key is None:
            from store.names import sort_key

            key = self.known[(person, name)] = (person, sort_key(name))
        return key


def iter_checklist_items(
    db: Session | Sql,
    *,
    agency: str | None = None,
    document: str | None = None,
    status: str | None = None,
    overdue: bool = False,
    due_within: int | None = None,
    today: date | None = None,
    tally: AgencyTally | None = None,
) -> Iterator[Item]:
    """The checklist of the current documents (or ``document``), for one agency or all,
    filtered as ``store.queries.iter_tasks`` filters, in reading order.

    For all agencies, each task is read once, in task order, and its items are put in order
    by :func:`in_reading_order`, which holds at most :data:`SPILL_ITEMS` of them in memory.
    ``tally``, for all agencies without a filter only, counts each task as it is read: it is
    complete once the first item is taken (or none is left).

    Raises:
        ValueError: a ``tally`` with an agency or a filter (it would miss the tasks left out)."""
    from store.lookup import find_agencies
    from store.queries import agency_labels, iter_tasks
    from store.sql import as_sql

    sql = as_sql(db)
    labels = agency_labels(sql)  # names are looked up now: an unknown one fails before any output
    filters = {"status": status, "overdue": overdue, "due_within": due_within, "today": today}
    if agency and tally is not None:
        raise ValueError("a tally counts every task in scope: give it no agency and no filter")
    if agency:
        names = {labels[i] for i in find_agencies(sql, agency)}
        rows = iter_tasks(sql, agency=agency, document=document, **filters)
        return iter(items_from_tasks(rows, agencies=names))
    rows = all_agency_rows(sql, document=document, tally=tally, labels=labels, **filters)
    return in_reading_order(task_records(rows, None, True, ordinals=True))


def all_agency_rows(
    db: Session | Sql,
    *,
    document: str | None = None,
    status: str | None = None,
    overdue: bool = False,
    due_within: int | None = None,
    today: date | None = None,
    tally: AgencyTally | None = None,
    labels: dict[int, str] | None = None,
) -> Iterator[TaskRow]:
    """The task rows a checklist of all agencies reads, in task order (see
    :func:`iter_checklist_items`); ``labels``: the agency names, when already read.

    Raises:
        ValueError: a ``tally`` with a filter."""
    from store.lookup import find_documents
    from store.queries import agency_labels
    from store.sql import as_sql
    from store.status import normalise_status
    from store.task_select import TaskFilter, select_task_rows

    if tally is not None and (status or overdue or due_within is not None):
        raise ValueError("a tally counts every task in scope: give it no agency and no filter")
    sql = as_sql(db)
    labels = agency_labels(sql) if labels is None else labels
    document_ids = find_documents(sql, document) if document is not None else None
    flt = TaskFilter(today=today or date.today(), status=normalise_status(status) if status else None,
                     overdue=overdue, due_within=due_within, quotes=False)  # no checklist shows a quote
    rows = select_task_rows(sql, flt, document_ids, labels)
    return tally.counted(rows) if tally is not None else rows


class AgencyTally:
    """What ``store.tracking.status_summary(by="agency")`` gives, counted from the task rows a
    checklist reads (in listing order): each task once under each of its agencies, and once
    in the ``TOTAL``; saves the summary its own pass over the tasks."""

    def __init__(self, today: date) -> None:
        from store.deadlines import Summary

        self.today = today
        self.groups: dict[str, Summary] = {}
        self.total = Summary("TOTAL")

    def counted(self, rows: Iterable[TaskRow]) -> Iterator[TaskRow]:
        """``rows``, each counted as it passes."""
        from store.deadlines import Summary

        from store.deadlines import category

        today, groups, total = self.today, self.groups, self.total
        for row in rows:
            kind, blocked = category(row.status, row.due, today), row.status == "blocked"  # once per task
            for name in dict.fromkeys((*row.lead, *row.cooperate)):
                summary = groups.get(name)
                if summary is None:
                    summary = groups[name] = Summary(name)
                summary.total += 1  # as Summary.add
                summary.counts[kind] += 1
                summary.blocked += blocked
            total.add(row.status, row.due, today)
            yield row

    def summary(self) -> list[Summary]:
        """The agencies in name order, then the ``TOTAL``."""
        from store.names import sort_key

        return [*sorted(self.groups.values(), key=lambda s: sort_key(s.name)), self.total]


SPILL_ITEMS = 20_000  # items an all-agency checklist holds in memory; past that they wait in a temporary file
NO_DAY = date.max.toordinal() + 1  # sorts after every day


def in_reading_order(records: Iterable[tuple[Any, ...]]) -> Iterator[Item]:
    """Items from ``records`` (:func:`task_records` with ``ordinals``, in task order) sorted as
    :func:`items_from_tasks` sorts them (:func:`held_in_order`)."""
    order = OrderKeys()
    days: dict[int, date] = {}
    for record in held_in_order(((order(r[20], r[1]), r) for r in records), _due_order):
        item = Item(*record)
        due, end = record[13], record[18]  # day numbers
        if due is not None:
            item.due = days.get(due) or days.setdefault(due, date.fromordinal(due))
        if end is not None:
            item.end = days.get(end) or days.setdefault(end, date.fromordinal(end))
        yield item


def held_in_order(keyed: Iterable[tuple[Any, Any]], due: Callable[[Any], int]) -> Iterator[Any]:
    """The values of ``keyed`` ((reading-order key, value) pairs, values in task order) by key,
    then by ``due`` (a day number; stable, so task order is kept within a day). Each key's
    values are kept apart as they come; past :data:`SPILL_ITEMS` held, they are sorted and
    written to a temporary file (:class:`_Spill`, so values must be what ``marshal`` writes).
    A key with at most :data:`SPILL_ITEMS` values is read back whole and sorted; a larger one
    (a very busy agency) is merged from its sorted runs, :data:`SPILL_PIECE` values of each
    read at a time, so memory stays flat in the number of values."""
    import heapq

    held: dict[Any, list[Any]] = {}
    count = 0
    spill = _Spill()
    try:
        for key, value in keyed:
            bucket = held.get(key)
            if bucket is None:
                bucket = held[key] = []
            bucket.append(value)
            count += 1
            if count >= SPILL_ITEMS:
                for key, bucket in held.items():
                    bucket.sort(key=due)  # stable: task order kept
                    spill.write(key, bucket)
                held, count = {}, 0
        for key in sorted(spill.pieces.keys() | held.keys()):
            last = held.pop(key, [])
            last.sort(key=due)
            if spill.counts.get(key, 0) + len(last) <= SPILL_ITEMS:
                group = [value for run in spill.read(key) for value in run] + last
                group.sort(key=due)  # runs in task order, each sorted: a merge for the sort
                yield from group
            else:  # runs in task order: the merge takes the earlier run's value first on a tie
                yield from heapq.merge(*spill.read(key), last, key=due)
    finally:
        spill.close()


SPILL_PIECE = 100  # values of one run read back at a time when a key's runs are merged


class _Spill:
    """Sorted runs of values by key in a temporary file (``marshal``, :data:`SPILL_PIECE`
    values a record), made at the first write. Each key's pieces are listed in one array of
    (run, offset, length) numbers, so the index stays small when every spill writes a run for
    each of a thousand agencies."""

    def __init__(self) -> None:
        self.file: IO[bytes] | None = None
        self.pieces: dict[Any, array[int]] = {}
        self.counts: dict[Any, int] = {}  # values written under each key
        self.written = 0  # runs written

    def write(self, key: Any, values: list[Any]) -> None:
        import marshal

        if self.file is None:
            import tempfile

            self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close(), once read)
        pieces = self.pieces.get(key)
        if pieces is None:
            pieces = self.pieces[key] = array("q")
        self.written += 1
        for at in range(0, len(values), SPILL_PIECE):
            data = marshal.dumps(values[at : at + SPILL_PIECE])
            pieces.extend((self.written, self.file.tell(), len(data)))
            self.file.write(data)
        self.counts[key] = self.counts.get(key, 0) + len(values)

    def read(self, key: Any) -> list[Iterator[Any]]:
        """The runs written under ``key``, in the order written, each read as it is iterated."""
        pieces = self.pieces.get(key, array("q"))
        runs: dict[int, list[tuple[int, int]]] = {}
        for at in range(0, len(pieces), 3):
            runs.setdefault(pieces[at], []).append((pieces[at + 1], pieces[at + 2]))
        return [self._run(run) for run in runs.values()]  # in the order written

    def _run(self, pieces: list[tuple[int, int]]) -> Iterator[Any]:
        import marshal

        for offset, size in pieces:
            assert self.file is not None
            self.file.seek(offset)
            yield from marshal.loads(self.file.read(size))

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def _due_order(record: tuple[Any, ...]) -> int:
    return NO_DAY if record[13] is None else record[13]  # type: ignore[no-any-return]


def checklist_items(db: Session | Sql, **filters: Any) -> list[Item]:
    """:func:`iter_checklist_items` as a list."""
    return list(iter_checklist_items(db, **filters))
