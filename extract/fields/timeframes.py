"""Timeframes: "2024-2025", "Quý II/2026", "trước ngày 30/6/2025", "Thường xuyên" …"""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache

import regex

from extract.langdata import load_language, nfc, words_pattern
from schemas.records import Timeframe

ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
YEAR = r"(?:19|20)\d\d"
YEAR_RANGE = regex.compile(rf"(?<!\d)({YEAR})\s*[-–—]\s*({YEAR})(?!\d)")
SINGLE_YEAR = regex.compile(rf"(?<![\d/.])({YEAR})(?![\d/])")
FULL_DATE = regex.compile(rf"(?<!\d)(\d{{1,2}})[/.-](\d{{1,2}})[/.-]({YEAR})(?!\d)")


def year_end(year: int) -> date:
    return date(year, 12, 31)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@cache
def _patterns(lang: str) -> dict[str, regex.Pattern[str]]:
    data = load_language(lang)
    quarter = regex.escape(data.table("timeframes")["quarter"])
    month = regex.escape(data.table("timeframes")["month"])
    year = regex.escape(data.table("timeframes")["year"])
    sep = rf"\s*(?:/|{year}|,)\s*"
    return {
        "quarter": regex.compile(rf"{quarter}\s+(IV|I{{1,3}}|[1-4])(?!\w)(?:{sep}({YEAR}))?", regex.IGNORECASE),
        "month": regex.compile(rf"{month}\s+(\d{{1,2}}){sep}({YEAR})", regex.IGNORECASE),
        "before": words_pattern(data.words("timeframes", "before")),
    }


def text_to_timeframe(text: str, lang: str, horizon: date | None = None) -> Timeframe | None:
    """Parse a timeframe cell or phrase; None for an empty one.

    Year-only ends are the year's last day; a recurring timeframe ("Thường xuyên", "Hằng năm")
    runs until the plan's horizon when the document gives one. Text that cannot be parsed is
    kept with no dates.
    """
    flat = regex.sub(r"\s+", " ", nfc(text)).strip()
    if not flat:
        return None
    data = load_language(lang)
    recurrence = None
    for kind, words in data.table("timeframes", "recurrence").items():
        if words and words_pattern(words).search(flat):
            recurrence = kind
            break
    start, end = _dates(flat, lang)
    if recurrence and end is None and horizon is not None:
        end = horizon
    return Timeframe(text=flat, start=start, end=end, recurrence=recurrence)  # type: ignore[arg-type]


def _dates(flat: str, lang: str) -> tuple[date | None, date | None]:
    patterns = _patterns(lang)
    if match := FULL_DATE.search(flat):
        day, month, year = (int(g) for g in match.groups())
        try:
            when = date(year, month, day)
        except ValueError:
            return None, None
        if patterns["before"].search(flat[: match.start()]) or len(FULL_DATE.findall(flat)) == 1:
            return None, when
    if match := patterns["quarter"].search(flat):
        quarter = ROMAN_QUARTER[match.group(1).casefold()]
        year_text = match.group(2) or (m.group(1) if (m := SINGLE_YEAR.search(flat)) else None)
        if year_text:
            year = int(year_text)
            return date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)
    if match := patterns["month"].search(flat):
        month, year = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            if patterns["before"].search(flat[: match.start()]):
                return None, month_end(year, month)
            return date(year, month, 1), month_end(year, month)
    if match := YEAR_RANGE.search(flat):
        first, last = int(match.group(1)), int(match.group(2))
        if first <= last:
            return date(first, 1, 1), year_end(last)
    years = SINGLE_YEAR.findall(flat)
    if len(years) == 1:
        year = int(years[0])
        if patterns["before"].search(flat):
            return None, year_end(year)
        return date(year, 1, 1), year_end(year)
    return None, None
