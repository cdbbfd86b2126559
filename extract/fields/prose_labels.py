"""The label lines of labelled prose: which task field a label names, and what it says.

A label is a short phrase that starts with a task-table column name of the language data
(``[columns]``: "Đơn vị chủ trì thực hiện:", "Thời gian hoàn thành:"), so a table header and a
label are read by one vocabulary.

The same label words also describe a published administrative procedure ("d) Thời hạn giải
quyết: Trong 10 ngày…", "đ) Cơ quan thực hiện thủ tục hành chính: Sở Nội vụ"): there they say how
long any application takes and who processes it, not who does a task by when. A label that names
a procedure (``[prose] procedure_labels``) is also read as the field ``procedure``, and a label set
holding one gives no task unless its time value holds a year ("Thời hạn giải quyết: trước
30/6/2026" is a plan's deadline, as a procedure table's dated time column is).
"""

from __future__ import annotations

from functools import cache

import regex

from extract.langdata import load_language, nfc
from extract.pattern_cache import compile_cached
from extract.spaces import collapse_spaces
from extract.tables.columns import YEAR
from schemas.blocks import Block

LABEL_MAX_WORDS = 8
ROLES = ("lead", "cooperating", "timeframe", "title")  # a "Nội dung:" label belongs to the label set
PROCEDURE = "procedure"  # the field of a label that describes an administrative procedure


@cache
def _labels(lang: str) -> tuple[tuple[str, str], ...]:
    """(casefolded header synonym, role) pairs, longest first."""
    columns = load_language(lang).table("columns")
    pairs = [(nfc(w).casefold(), role) for role in ROLES for w in columns.get(role, [])]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def label_role(label: str, lang: str) -> str | None:
    """``lead``, ``cooperating`` or ``timeframe`` for a label such as "Đơn vị chủ trì thực hiện"."""
    key = collapse_spaces(nfc(label)).strip(" -–•*").casefold()
    if not key or len(key.split()) > LABEL_MAX_WORDS:
        return None
    for name, role in _labels(lang):
        if key == name or key.startswith(name + " "):
            return role
    return None


@cache
def _label_start(lang: str) -> regex.Pattern[str]:
    """A label at the start of a line or after a ';' ("Đơn vị chủ trì: X; Đơn vị phối hợp: Y"), its words
    possibly wrapped ("Đơn vị chủ trì tham mưu thực\nhiện:"), possibly after an item marker ("c) Thời
    gian thực hiện: …", "(2) Đơn vị chủ trì: …")."""
    # longest first, ties by name: the same source in every process (see extract.pattern_cache)
    names = sorted({name for name, _ in _labels(lang)}, key=lambda name: (-len(name), name))
    alternation = "|".join(r"\s+".join(regex.escape(w) for w in name.split()) for name in names) or r"(?!)"
    return compile_cached(
        rf"(?m)(?:^|(?<=;))[-–•*+\s]*(?:\(?(?:\p{{Ll}}|\d{{1,2}})\)\s+)?(?P<label>(?:{alternation})(?:[ \t\n]+[^\W\d][\w]*){{0,5}}?)[\s*_]*:[\s*_]*",
        regex.IGNORECASE,
    )


def label_lines(block: Block, lang: str) -> list[tuple[str, str]] | None:
    """The (role, value) pairs of a block made of label lines; None when it is not one."""
    text = block.text
    starts = list(_label_start(lang).finditer(text))
    if not starts or text[: starts[0].start()].strip(" -–•*+\n\t"):
        return None
    found: list[tuple[str, str]] = []
    for index, match in enumerate(starts):
        role = label_role(match.group("label"), lang)
        if role == "title" and not names_task(match.group("label"), lang):
            role = "details"  # "Nội dung: …" describes the task its heading names
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        value = collapse_spaces(text[match.end() : end]).strip(" *_")
        if role is not None and names_procedure(match.group("label"), lang):
            found.append((PROCEDURE, value))  # before the role: a wrapped value continues the role's
        if role is None:
            if not found:
                return None
            found[-1] = (found[-1][0], f"{found[-1][1]} {match.group(0)}{value}".strip())
            continue
        found.append((role, value))
    return found or None


def names_task(label: str, lang: str) -> bool:
    """A label naming the task itself ("Nhiệm vụ"), not its content ("Nội dung thực hiện")."""
    key = collapse_spaces(nfc(label)).strip(" -–•*").casefold()
    return key in {nfc(w).casefold() for w in load_language(lang).words("prose", "task_fields")}

@cache
def _procedure_label(lang: str) -> regex.Pattern[str]:
    """Any procedure word of the language data inside a label, as whole words."""
    words = sorted({nfc(w).casefold() for w in load_language(lang).words("prose", "procedure_labels")}, key=lambda w: (-len(w), w))
    alternation = "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in words) or r"(?!)"
    return compile_cached(rf"(?<!\w)(?:{alternation})(?!\w)", regex.IGNORECASE)


def names_procedure(label: str, lang: str) -> bool:
    """Whether a label names an administrative procedure ("Thời hạn giải quyết", "Cơ quan thực hiện
    thủ tục hành chính") rather than a task's field."""
    return bool(_procedure_label(lang).search(collapse_spaces(nfc(label))))


def describes_procedure(labels: dict[str, list[str]]) -> bool:
    """Whether a label set describes an administrative procedure: a label names one and no time
    value gives a year (a dated one is a plan's deadline, as in a procedure table)."""
    return PROCEDURE in labels and not any(YEAR.search(value) for value in labels.get("timeframe", []))


__all__ = ["LABEL_MAX_WORDS", "PROCEDURE", "ROLES", "describes_procedure", "label_lines", "label_role", "names_procedure", "names_task"]
