"""News facts told twice: a headline or caption that sums up the body, and a lead whose figures
the body states again.

An article repeats its main figures: the headline ("Vinh Phuc Strives for Top 10 Position … by
2025"), a photo caption or a related-link line, and the lead paragraph state what the body states.
Each fact is reported once:

- a fact of a line with no closing punctuation (a headline, caption or link title) that a body
  sentence states too (same value and unit, no other year, and at least ``HEADLINE_SHARED`` of the
  line's words in that sentence) is dropped, whatever either was read as (a goal or a figure);
- a body fact is dropped when an earlier one of the same value, unit and year (or no year) was
  told in other words around the same figure: at least ``NEAR_SHARED`` of the ``NEAR_WORDS``
  words on each side of the figure are the same ("5G networks will cover at least 60 percent of the
  population" in the lead and again in the body). Told once as a goal and once as a result, the
  result is dropped when only the goal's sentence tells what the figure is (a goal word there, no
  words of a result reached in the other), else the goal.

Words that say nothing of the figure's meaning ([restated].common_words: "the", "of") and the
figure's own digits are not counted. Plans are not read so: a plan's appendix restates a goal of
its body on purpose, and the gold keeps both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extract.fields.target_context import text_to_sentences
from extract.fields.target_lang import section
from extract.pattern_cache import compile_cached

NEAR_WORDS = 5  # words read on each side of a figure
NEAR_SHARED = 3  # shared words around two figures that make them one fact told twice
HEADLINE_SHARED = 2  # words a headline shares with the body sentence that tells its fact
CLOSED = compile_cached(r"[.!?…:;\"”')\]]\s*$")
WORD = compile_cached(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*")
DIGITS = compile_cached(r"[\d.,]+")
UNDERLINE = compile_cached(r"\n\s*(?:=+|-+)\s*$")  # a Markdown headline's underline
TARGET = "target"


@dataclass(frozen=True, slots=True)
class Told:
    """One fact as a sentence told it: what it is, and the words around its figure."""

    kind: str  # "target" or "observation"
    index: int  # its place in the reader's list of that kind
    value: float
    unit: str | None
    year: str | None  # the deadline's or the as-of date's year
    headline: bool  # its line has no closing punctuation
    sentence: int  # the sentence's place in the document, in reading order
    near: frozenset[str]  # words around the figure
    words: frozenset[str]  # words of its whole sentence
    sure: bool = True  # its sentence's own words tell it: a goal word, or words of a result reached


def is_headline(text: str) -> bool:
    """One sentence on a line of its own that ends with no closing punctuation: a headline, a photo
    caption, a link title (not the last paragraph of an excerpt cut off mid-sentence)."""
    text = UNDERLINE.sub("", text.strip()).strip()
    return bool(text) and not CLOSED.search(text) and "\n" not in text and len(text_to_sentences(text)) == 1


def figure_words(text: str, start: int, end: int, lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The meaningful words near a figure at ``start:end`` of ``text``, and of the whole text."""
    common = _common(lang)
    before = [w for w in WORD.findall(text[:start]) if _counts(w, common)][-NEAR_WORDS:]
    after = [w for w in WORD.findall(text[end:]) if _counts(w, common)][:NEAR_WORDS]
    whole = [w for w in WORD.findall(text) if _counts(w, common)]
    return frozenset(w.casefold() for w in before + after), frozenset(w.casefold() for w in whole)


def restated(told: list[Told]) -> set[tuple[str, int]]:
    """(kind, index) of each fact that another one in ``told`` states already."""
    drop: set[tuple[str, int]] = set()
    body = [t for t in told if not t.headline]
    for t in told:
        if t.headline:
            if any(_same(t, b) and len(t.words & b.words) >= HEADLINE_SHARED for b in body):
                drop.add((t.kind, t.index))
            continue
        for earlier in body:
            if earlier.sentence >= t.sentence:
                break
            if ((earlier.kind, earlier.index) not in drop and _same(t, earlier)
                    and len(t.near & earlier.near) >= NEAR_SHARED):
                drop.add(_restatement(earlier, t))
                break
    return drop


def _restatement(earlier: Told, later: Told) -> tuple[str, int]:
    """Which of two tellings of one fact to drop: the later, unless one is a goal and the other a
    result: then the result when only the goal's words tell what it is, else the goal."""
    if earlier.kind == later.kind:
        return later.kind, later.index
    goal, result = (earlier, later) if earlier.kind == TARGET else (later, earlier)
    drop = result if goal.sure and not result.sure else goal
    return drop.kind, drop.index


def _same(a: Told, b: Told) -> bool:
    """Same value and unit, and no two different years."""
    return (abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value)) and a.unit == b.unit
            and (a.year is None or b.year is None or a.year == b.year))


def _counts(word: str, common: frozenset[str]) -> bool:
    return not DIGITS.fullmatch(word) and word.casefold() not in common


@cache
def _common(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in section(lang, "restated").get("common_words", []))

