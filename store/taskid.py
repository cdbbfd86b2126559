"""Stable short task ids: the same task keeps its id across re-ingest and new versions.

A task's id is a hash of its document series (issuer and number, else issuer and title) and
its normalised title, so re-ingesting a file (or a forgotten file) gives the same ids. A new
version inherits the ids of the previous version's tasks matched by content: the same title
first, then the most similar title (rapidfuzz) above :data:`SIMILAR_TITLE`; row numbers
play no part, so inserted or removed rows move nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from store.names import name_key

if TYPE_CHECKING:
    from schemas.records import DocumentInfo
    from schemas.records import Task as TaskRecord

ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32: no i, l, o, u to misread
ID_LENGTH = 8  # 40 bits: a collision among a million tasks is a one-in-a-million event
SIMILAR_TITLE = 85.0  # rapidfuzz token_sort_ratio above which an edited title is the same task
_NOT_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 12)  # ingest asks three times per task: matching, new ids, fingerprint
def title_key(title: str) -> str:
    """The title as compared for identity: case, spacing and punctuation ignored."""
    return _NOT_WORD.sub(" ", name_key(title)).strip()


def series_key(info: DocumentInfo) -> str:
    """What stays the same from one version of a document to the next."""
    issuer = name_key(info.issuer or "")
    if info.number:
        return f"{issuer}|{name_key(info.number)}"
    if info.title:
        return f"{issuer}|{name_key(info.title)}"
    return info.sha256


def short_id(*parts: str) -> str:
    """An :data:`ID_LENGTH`-letter id from the parts' SHA-256."""
    number = int.from_bytes(hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()[:8], "big")
    letters = []
    for _ in range(ID_LENGTH):
        number, digit = divmod(number, len(ID_ALPHABET))
        letters.append(ID_ALPHABET[digit])
    return "".join(letters)


def fingerprint(task: TaskRecord) -> str:
    """A hash of what a person relied on when setting a status: text, agencies, deadline, outputs."""
    timeframe = task.timeframe
    parts = [
        title_key(task.title),
        title_key(task.outputs or ""),
        "|".join(sorted(name_key(m.agency or m.mention) for m in task.lead)),
        "|".join(sorted(name_key(m.agency or m.mention) for m in task.cooperating)),
        timeframe.text if timeframe else "",
        str(timeframe.end) if timeframe and timeframe.end else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def match_titles(new: Sequence[str], old: Sequence[str]) -> dict[int, int]:
    """Pair each new title with an old one by content: index in ``new`` -> index in ``old``.

    The same title (case, spacing and punctuation ignored) pairs first, in order; then the most
    similar remaining titles, best pairs first, above :data:`SIMILAR_TITLE`.
    """
    from rapidfuzz import fuzz

    new_keys = [title_key(t) for t in new]
    old_keys = [title_key(t) for t in old]
    pairs: dict[int, int] = {}
    by_title: dict[str, list[int]] = {}
    for j, key in enumerate(old_keys):
        by_title.setdefault(key, []).append(j)
    for i, key in enumerate(new_keys):
        if by_title.get(key):
            pairs[i] = by_title[key].pop(0)
    free = set(range(len(old))) - set(pairs.values())
    scored = sorted(
        ((fuzz.token_sort_ratio(new_keys[i], old_keys[j]), -i, -j) for i in range(len(new)) if i not in pairs
         for j in free),
        reverse=True,
    )
    for score, i, j in scored:
        if score < SIMILAR_TITLE:
            break
        if -i not in pairs and -j in free:
            pairs[-i] = -j
            free.discard(-j)
    return pairs


def assign_ids(
    info: DocumentInfo, tasks: Sequence[TaskRecord], previous: Sequence[tuple[str, str]] = ()
) -> list[str]:
    """One id per task, in order.

    Args:
        info: the document the tasks come from.
        tasks: its tasks.
        previous: ``(id, title)`` of the previous version's tasks, whose ids are inherited by
            the tasks matched to them by content (:func:`match_titles`).
    """
    matched = match_titles([t.title for t in tasks], [title for _, title in previous])
    series = series_key(info)
    taken = {uid for uid, _ in previous}
    out = []
    for i, task in enumerate(tasks):
        if i in matched:
            uid = previous[matched[i]][0]
        else:  # a new task: a hash of its content, and again on a clash
            key, n = title_key(task.title), 0
            uid = short_id(series, key)
            while uid in taken:
                n += 1
                uid = short_id(series, key, str(n))
        taken.add(uid)
        out.append(uid)
    return out
