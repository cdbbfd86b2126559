"""Rows already read, found again exactly or nearly, without comparing every pair of rows.

A table rendered twice (a pipe-table copy after the HTML one, a page printed again) repeats its
rows; a scan or a converter may change a letter or two of the copy ("Sở Tài chính" read as
"Sở Tải chính", "chủ trì" as "chủ tri"). Rows are compared by their signatures (casefolded,
without spaces, digits or punctuation, so spacing slips are already equal). An exact repeat is
one set lookup. A near repeat, within ``allowed_edits`` of a row seen before, is found through
an index of each signature's two halves: an edit, or several on one side, leaves the other half
as it was, so looking up the halves of a new row proposes the few earlier rows that share one,
and only those are compared, by edit distance (rapidfuzz). Each row costs a bounded number of
lookups and comparisons, so reading stays linear in the rows of a document.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

from extract.pattern_cache import compile_cached

NEAR_MIN = 16  # a signature shorter than this is matched exactly only ("quýi" is not "quýii")
CHARS_PER_EDIT = 40  # one edit allowed per this many characters of a signature, at least one
CANDIDATES = 32  # earlier rows compared per half looked up (the latest ones), bounding the work
NAME_MIN = 8  # a header's column name this long may be printed again with one letter changed
NOT_COMPARED = compile_cached(r"[\s\p{P}\p{S}]+")  # spacing, punctuation and symbols


@cache
def _distance() -> Callable[..., int]:
    """rapidfuzz's edit distance, imported when a first pair is compared (a tenth of a second
    that a document without near candidates never pays)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance


def row_signature(cells: tuple[str, ...]) -> str:
    """A row as compared with others: its distinct filled cells, NFC, casefolded, without spaces,
    punctuation or symbols ("Đơn vịchủ trì" = "Đơn vị chủ trì"). Digits stay: rows that differ
    only by their numbers, dates or figures are different rows."""
    text = "".join(dict.fromkeys(c for c in cells if c.strip()))
    return NOT_COMPARED.sub("", unicodedata.normalize("NFC", text).casefold())


def allowed_edits(length: int) -> int:
    """How many single-character edits a signature of ``length`` may differ by and still repeat."""
    return 0 if length < NEAR_MIN else 1 + length // CHARS_PER_EDIT


class RowIndex:
    """Signatures of the rows read so far; ``signature in index`` is true for a row read before,
    exactly or within ``allowed_edits``."""

    def __init__(self) -> None:
        self._exact: set[str] = set()
        self._halves: dict[str, list[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._exact)

    def add(self, signature: str) -> None:
        """Remember one row's signature."""
        if signature in self._exact:
            return
        self._exact.add(signature)
        if len(signature) >= NEAR_MIN:
            half = len(signature) // 2
            self._halves.setdefault("<" + signature[:half], []).append(signature)
            self._halves.setdefault(">" + signature[-half:], []).append(signature)

    def __contains__(self, signature: object) -> bool:
        if not isinstance(signature, str):
            return False
        return signature in self._exact or self._near(signature)

    def _near(self, signature: str) -> bool:
        edits = allowed_edits(len(signature))
        if not edits:
            return False
        halves = {length // 2 for length in range(len(signature) - edits, len(signature) + edits + 1)}
        for half in sorted(halves):
            if not 0 < half <= len(signature):
                continue
            for key in ("<" + signature[:half], ">" + signature[-half:]):
                for earlier in self._halves.get(key, ())[-CANDIDATES:]:
                    limit = min(edits, allowed_edits(len(earlier)))
                    if limit and _distance()(signature, earlier, score_cutoff=limit) <= limit:
                        return True
        return False


def is_near_name(key: str, names: frozenset[str]) -> bool:
    """True if a header cell's key is one edit away from one of a header's column names
    ("chủtri" for "chủtrì"), both long enough for that to be a slip and not another word."""
    if len(key) < NAME_MIN:
        return False
    distance = _distance()
    return any(len(name) >= NAME_MIN and distance(key, name, score_cutoff=1) <= 1 for name in names)
