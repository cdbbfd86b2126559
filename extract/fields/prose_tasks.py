"""Tasks written as labelled prose instead of a table.

An item (a numbered heading, a "(1)" paragraph, or bullets) followed by label lines::

    1. Rà soát, kiện toàn đội ngũ …            <- numbered heading: the group (or the task)
    - Thường xuyên rà soát, kiện toàn …        <- the item: the task's title
    Đơn vị chủ trì thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.
    Đơn vị phối hợp: Sở Nội vụ, Sở Tư pháp.
    Thời gian thực hiện: Thường xuyên.

The label words are the task-table column names of the language data (``[columns]``: a label
is a short phrase that starts with a lead, cooperating or timeframe header), so a table header
and a label are read by one vocabulary. A lead value "X chủ trì, phối hợp với Y thực hiện …"
gives X as lead and Y as cooperating.

Keys follow the printed numbering: when some heading carries several label sets, each label set
is one task keyed "<heading number>.<item number>" (the item's own "(3)" or its position);
otherwise each numbered heading directly above a label set is the task, keyed by its number.

Labels may be lettered items themselves ("a) Nhiệm vụ: …", "b) Cơ quan thực hiện:", "c) Thời gian thực
hiện: …"); a field named for the task (``[prose] task_fields``: "Nhiệm vụ:") gives the title, and the
heading above, often only a topic ("Về các nền tảng số"), becomes its group; a content field
("Nội dung:") only describes the task its heading names. Lettered items that each carry their own label set ("a) Nghị định …" + labels, "b) …" + labels)
are separate tasks keyed "<heading>.a"; a heading whose labels follow it directly is the task.

A label set whose every value is a form's fill-in blank ("Đơn vị chủ trì: ………") belongs to a
template, not a task. Label sets that never name an agency anywhere in the document (a scheme describing each project's
"Thời gian triển khai:" and funding) describe work, they do not assign it: no tasks. A timeframe
label left empty and filled by two or more list items that each carry their own date ("+ Các bộ
gửi kết quả trước ngày 15/12/2025." / "+ Bộ Công an tổng hợp … trước ngày 31/12/2025.") gives
one task per item ("4-1", "4-2"), led by the agencies the item opens with.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

import regex

from extract.agencies import split_agencies
from extract.agency_lists import not_after_kind, without_scope
from extract.fields.prose_labels import describes_procedure, label_lines
from extract.fields.timeframes import text_to_timeframe
from extract.fill_in import has_fill_in
from extract.langdata import load_language
from extract.pattern_cache import compile_cached
from extract.spaces import collapse_spaces
from schemas.blocks import Block, Segmented
from schemas.records import AgencyMention, Provenance, Task, TaskGroup

HEADING_NUMBER = compile_cached(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=\S)")
ITEM_MARKER = compile_cached(r"^[-–•*+\s]*(?:\((?P<paren>\d{1,2}|\p{Ll})\)|(?P<plain>\d{1,2}|\p{Ll})\))\s+(?=\S)")
HEADING_MAX = 300  # characters: a numbered paragraph longer than this is an item, not a heading
MIN_LABEL_SETS = 2  # one lone "Thời gian: …" line is not a task list
CONFIDENCE = 0.85  # labelled prose is explicit, but item boundaries are inferred
UNLABELLED_CONFIDENCE = 0.5  # a sibling heading with no labels: a task, its agencies unread


@dataclass
class _Heading:
    number: str
    title: str
    sets: int = 0  # label sets seen under it


@dataclass
class _Item:
    """One label set and the item text above it."""

    heading: _Heading | None
    parent: _Heading | None
    body: list[Block]
    labels: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    position: int = 0
    steps: dict[str, list[str]] = field(default_factory=dict)  # list items that filled an empty label



def _unnumbered(block: Block) -> bool:
    """A heading below the section level with no outline number ("b) Cơ quan thực hiện:"): it may be
    a label whose value follows on the next lines."""
    return block.level > 1 and _heading_number(block.text) is None



def _heading_number(text: str) -> tuple[str, str] | None:
    flat = collapse_spaces(text).strip()
    if match := HEADING_NUMBER.match(flat):
        return match.group("num"), flat[match.end() :].strip()
    return None


@cache
def _lead_then_partner(lang: str) -> regex.Pattern[str] | None:
    roles = load_language(lang).table("roles")
    lead, coop, with_ = roles.get("lead", [])[:1], roles.get("cooperate", [])[:1], roles.get("with_words", [])
    if not lead or not coop:
        return None
    actions = "|".join(regex.escape(w) for w in sorted(roles.get("action_words", []), key=len, reverse=True)) or r"(?!)"
    with_part = "|".join(regex.escape(w) for w in with_) or r"(?!)"
    return compile_cached(
        rf"^(?P<lead>.+?)\s+{regex.escape(lead[0])}\s*,?\s*{regex.escape(coop[0])}(?:\s+(?:{with_part}))?\s+"
        rf"(?P<partner>.+?)(?:\s+(?:{actions})\b.*)?$",
        regex.IGNORECASE | regex.DOTALL,
    )


def lead_value_to_roles(value: str, lang: str) -> tuple[list[str], list[str]]:
    """Lead and cooperating agencies of a lead label's value.

    "Sở Y tế chủ trì, phối hợp với Công an Thành phố thực hiện" gives (["Sở Y tế"],
    ["Công an Thành phố"]); a plain list gives every name as lead, and clauses split by ';' each give
    their subject ("Sở A tiến hành rà soát …; các sở, ngành liên quan rà soát …" gives both).
    """
    flat = without_scope(collapse_spaces(value).strip().rstrip(".;"), lang)  # "trong phạm vi …" is no verb
    pattern = _lead_then_partner(lang)
    if pattern and (match := pattern.match(flat)):
        return split_agencies(match.group("lead"), lang), split_agencies(match.group("partner").rstrip(".;, "), lang)
    subjects = [n for part in flat.split(";") if (n := _names_only(part.strip(), lang).strip(" ,."))]
    return split_agencies("; ".join(subjects), lang), []


@cache
def _action(lang: str) -> regex.Pattern[str]:
    roles = load_language(lang).table("roles")
    words = sorted({*roles.get("action_words", []), *roles.get("lead", [])}, key=lambda w: (-len(w), w))
    return compile_cached(not_after_kind(lang) + r"\s+(?:" + ("|".join(regex.escape(w) for w in words) or r"(?!)") + r")(?!\w)")


def _names_only(value: str, lang: str) -> str:
    """An agency list without the work a label value may run on into ("X chủ động đề xuất …");
    verbs are matched in lower case, so "Sở Xây dựng" stays whole."""
    match = _action(lang).search(value)
    return value[: match.start()] if match else value


def _next_in_sequence(text: str, stack: list[_Heading]) -> bool:
    """A numbered line that continues the heading numbering ("5." after "4.", "3.2" after "3.1")."""
    numbered = _heading_number(text)
    if numbered is None or not stack or len(text) > HEADING_MAX:
        return False
    number = numbered[0].split(".")
    for heading in stack:
        previous = heading.number.split(".")
        if len(previous) == len(number) and previous[:-1] == number[:-1] and int(previous[-1]) + 1 == int(number[-1]):
            return True
    return False


def _continues_item(item: _Item, stack: list[_Heading], labels: list[tuple[str, str]]) -> bool:
    """Labels that complete the item above (same heading, only roles it lacks)."""
    same_heading = item.heading is (stack[-1] if stack else None)
    return same_heading and not ({role for role, _ in labels} & set(item.labels))


def _items(blocks: tuple[Block, ...], lang: str, headings: list[_Item] | None = None) -> list[_Item]:
    """Label sets in reading order, each with its item text and enclosing headings."""
    items: list[_Item] = []
    stack: list[_Heading] = []
    body: list[Block] = []
    current: _Item | None = None
    filling: str | None = None  # the label whose empty value the blocks below fill
    for block in blocks:
        if block.kind == "table":
            current, body, filling = None, [], None
            continue
        labels = label_lines(block, lang) if block.kind != "heading" or _unnumbered(block) else None
        if labels:
            filling = None
            if current is None and items and _continues_item(items[-1], stack, labels):
                current = items[-1]  # a remark between two labels of one item ("- Sở Y tế theo dõi …")
            if current is None:
                heading = stack[-1] if stack else None
                parent = stack[-2] if len(stack) > 1 else None
                if heading is not None:
                    heading.sets += 1
                current = _Item(heading, parent, body, position=heading.sets if heading else len(items) + 1)
                items.append(current)
                body = []
            for role, value in labels:
                current.labels.setdefault(role, []).append(value)
            current.blocks.append(block)
            continue
        if current is not None and block.kind != "heading" and current.labels and (
            filling is not None or not list(current.labels.values())[-1][-1]
        ):
            # "Thời gian thực hiện:" with its value in the list items below it
            filling = filling or list(current.labels)[-1]
            value = current.labels[filling][-1]
            current.labels[filling][-1] = f"{value} {block.text}".strip()
            step = collapse_spaces(block.text).strip()
            if block.kind == "list_item" and (not value or filling in current.steps):
                current.steps.setdefault(filling, []).append(step)
            elif filling in current.steps:
                current.steps[filling][-1] += " " + step  # a step's text broken by a blank line
            continue
        filling = None
        if (current is not None and block.kind == "paragraph" and block.text[:1].islower() and current.labels
                and not ITEM_MARKER.match(block.text)):  # "b) …" is the next item, not a broken value
            role = list(current.labels)[-1]  # a label value broken by a blank line
            current.labels[role][-1] = f"{current.labels[role][-1]} {block.text}"
            continue
        current = None
        printed = f"{block.marker} {block.text}" if block.marker else block.text
        if block.kind != "heading" and _next_in_sequence(printed, stack):
            block = replace(block, kind="heading")  # "5. …" after heading 4: a heading ending in a full stop
        if block.kind == "heading":
            numbered = _heading_number(printed)
            body = []
            if numbered is None:
                if block.level <= 1:
                    stack = []  # a new section: its numbering starts again
                continue
            number, title = numbered
            depth = number.count(".")
            stack = [h for h in stack if h.number.count(".") < depth and number.startswith(h.number + ".")]
            stack.append(_Heading(number, title))
            if headings is not None:  # every numbered heading, as an item without labels
                headings.append(_Item(stack[-1], stack[-2] if len(stack) > 1 else None, [], blocks=[block]))
            continue
        body.append(block)
    return items


def _blank_form(item: _Item) -> bool:
    """Whether every value of an item's labels is a form's fill-in blank ("Đơn vị chủ trì: ………")."""
    values = [value for role in ("lead", "cooperating", "timeframe") for value in item.labels.get(role, [])]
    return bool(values) and all(has_fill_in(value) for value in values)


def _text(blocks: list[Block]) -> str:
    return " ".join(collapse_spaces(ITEM_MARKER.sub("", b.text)).strip() for b in blocks).strip()


def _marker(blocks: list[Block]) -> str | None:
    if blocks and (match := ITEM_MARKER.match(blocks[0].text)):
        return match.group("paren") or match.group("plain")
    if blocks and blocks[0].marker:
        return blocks[0].marker.rstrip(".)")
    return None


def _with_unlabelled_siblings(items: list[_Item], headings: list[_Item]) -> list[_Item]:
    """Numbered leaf headings without labels whose siblings are tasks (the "3.5" among "3.1"–"3.6"
    that says who does what only in its sentences) are tasks too, in reading order."""
    tasked = {id(i.heading) for i in items}
    numbers = [h.heading.number for h in headings if h.heading]
    parents_with_tasks = {(i.parent.number if i.parent else None) for i in items}
    out: list[_Item] = []
    by_heading = {id(i.heading): i for i in items}
    for entry in headings:
        heading = entry.heading
        if heading is None:
            continue
        if id(heading) in tasked:
            out.append(by_heading[id(heading)])
            continue
        parent = entry.parent.number if entry.parent else None
        leaf = not any(n.startswith(heading.number + ".") for n in numbers)
        if leaf and entry.parent is not None and parent in parents_with_tasks:
            out.append(entry)
    out.extend(i for i in items if i.heading is None)
    return out


def segmented_to_prose_tasks(seg: Segmented, horizon: date | None) -> list[Task]:
    """Tasks from labelled prose items, agency mentions not yet resolved."""
    lang = seg.lang
    headings: list[_Item] = []
    items = [
        i for i in _items(seg.raw.blocks, lang, headings)
        if ("lead" in i.labels or "timeframe" in i.labels) and not _blank_form(i) and not describes_procedure(i.labels)
    ]
    if len(items) < MIN_LABEL_SETS or not any({"lead", "cooperating"} & set(i.labels) for i in items):
        return []
    # One heading holding several label sets means the items, not the headings, are the tasks.
    by_item = any(i.heading is not None and i.heading.sets > 1 for i in items)
    if not by_item:
        items = _with_unlabelled_siblings(items, headings)
    tasks: list[Task] = []
    for item in items:
        named = " ".join(collapse_spaces(v).strip() for v in item.labels.get("title", []) if v.strip())
        if item.heading is None or not item.heading.title or (by_item and item.body):
            title = _text(item.body) or (item.heading.title if item.heading else "")
            number = _marker(item.body) or str(item.position)
            key = f"{item.heading.number}.{number}" if item.heading else number
            group = TaskGroup(number=item.heading.number, title=item.heading.title) if item.heading else None
        elif named:  # "2. Về các nền tảng số" / "a) Nhiệm vụ: …": the field is the task, the heading its group
            title, number, key = named, item.heading.number, item.heading.number
            group = TaskGroup(number=item.heading.number, title=item.heading.title.rstrip(" :"))
            named = ""
        else:  # labels right under a heading (no item text): the heading is the task
            title, number, key = item.heading.title, item.heading.number, item.heading.number
            group = TaskGroup(number=item.parent.number, title=item.parent.title) if item.parent else None
        if not title:
            continue
        lead: list[str] = []
        cooperating: list[str] = []
        for value in item.labels.get("lead", []):
            if has_fill_in(value):
                continue
            found_lead, partners = lead_value_to_roles(value, lang)
            lead += found_lead
            cooperating += partners
        for value in item.labels.get("cooperating", []):
            if has_fill_in(value):
                continue
            cooperating += split_agencies(collapse_spaces(value).strip().rstrip(".;"), lang)
        when = " ".join(item.labels.get("timeframe", []))
        details = named or " ".join(item.labels.get("details", [])) or None
        first = (item.body or item.blocks or [Block("paragraph")])[0]
        task = Task(
            key=key,
            group=group,
            number=number,
            title=title,
            notes=details,
            lead=[AgencyMention(mention=m, confidence=0.0) for m in lead],
            cooperating=[AgencyMention(mention=m, confidence=0.0) for m in cooperating],
            timeframe=text_to_timeframe(when, lang, horizon) if when else None,
            source=Provenance(page=first.page, line=first.line, column="prose", text=title),
            confidence=CONFIDENCE if item.labels else UNLABELLED_CONFIDENCE,
            flags=[] if item.labels else ["review"],
        )
        tasks.extend(_dated_steps(task, item.steps.get("timeframe", []), lang, horizon))
    return tasks


def _dated_steps(task: Task, steps: list[str], lang: str, horizon: date | None) -> list[Task]:
    """The task split into one task per dated list item under its timeframe label, each led by
    the agencies the item opens with (else the task's own); the task itself when fewer than two
    items each carry a date."""
    frames = [text_to_timeframe(step, lang, horizon) for step in steps]
    if len(steps) < 2 or not all(f is not None and (f.start or f.end) for f in frames):
        return [task]
    out: list[Task] = []
    for index, (step, frame) in enumerate(zip(steps, frames, strict=True), start=1):
        named = _names_only(step, lang)
        opener = split_agencies(named, lang) if named != step else []
        lead = [AgencyMention(mention=m, confidence=0.0) for m in opener] or task.lead
        out.append(task.replaced(key=f"{task.key}-{index}", lead=lead, timeframe=frame))
    return out
