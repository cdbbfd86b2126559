"""When a sentence's years make its figures results rather than goals: news telling what was
done or estimated in the article's own year, and a plan's sentence dated before the plan."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from extract.fields.document import without_issue_years
from extract.fields.target_context import When, dates, has_firm_goal_cue
from extract.fields.target_figures import estimated, says_current, subject_done

if TYPE_CHECKING:
    from extract.fields.target_figures import Figure


def bygone(ends: list[When], text: str, first: Figure, issued: date | None, lang: str) -> bool:
    """News: a sentence dated no later than the article's year that tells what was done
    ("Trong năm 2025, Viettel đã … khoảng 800 trạm", in December 2025; "… 70 nhiệm vụ được giao
    trong năm 2025, đến nay đã có 50 nhiệm vụ hoàn thành"),
    or whose first figure is the subject of a completed verb ("More than 20 governments have
    emphasized … in their work plans for this year")."""
    if not ends or issued is None or any(w.day is None or w.day.year > issued.year for w in ends):
        return False
    return says_current(text, lang) or subject_done(text, first, lang)


def estimate(ends: list[When], text: str, issued: date | None, lang: str) -> bool:
    """News: an estimate of a year not after the article's ("estimates that … will reach 18.6
    per cent in 2024", in November 2024) reports a figure, whatever its verb's tense."""
    if issued is None or not estimated(text, lang):
        return False
    years = [w.day.year if w.day else None for w in ends]
    years += [int(w.as_of[:4]) for w in dates(text, lang, issued) if w.as_of and w.as_of[:4].isdigit()]
    return bool(years) and all(y is not None and y <= issued.year for y in years)


def past_dated(text: str, issued: date | None, lang: str) -> bool:
    """A plan's sentence dated by a year written before the document's own ("Chỉ số … năm 2025
    đạt 85,5%" in a decision of 2026; not a cited document's "Quyết định 12/QĐ-UBND năm 2023"),
    with no deadline and no firm goal word, sets no goal: its figures are past results."""
    if issued is None or has_firm_goal_cue(text, lang):
        return False
    text = without_issue_years(text, lang)
    return any(w.as_of is not None and w.as_of[:4].isdigit() and int(w.as_of[:4]) < issued.year
               and w.as_of[:4] in text[w.start : w.end] for w in dates(text, lang, issued))
