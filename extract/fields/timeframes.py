"""Timeframes: "2024-2025", "Quý III/2026 - Quý I/2027", "29/6/2026 - 09/7/2026", "trước ngày 30/6/2025", "Thường xuyên" …

The first dated expression in the text gives the dates (later ones describe follow-up work:
"Thí điểm trong giai đoạn 2026 - 2027 và mở rộng sau năm 2028"); the word before it says
whether it is a deadline ("trước"), a start ("từ") or an end ("đến"). The first recurrence word
gives the recurrence. Year-only ends are the year's last day; "before year Y" ends on Y-1's last
day, while "before" a month, quarter or date reads as "by" it (the period's last day). A recurring timeframe with no end runs to the plan's horizon when the document gives one.
Words live in ``lang/<code>/language.toml`` under ``[timeframes]``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import regex

from extract.langdata import LanguageData, load_language, nfc, words_pattern
from extract.pattern_cache import compile_cached
from schemas.records import Timeframe

ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
YEAR = r"(?:19|20)\d\d"
DASH = r"\s*[-–—]\s*"
YEAR_RANGE = compile_cached(rf"(?<!\d)({YEAR})\s*[-–—]\s*({YEAR})(?!\d)")
FULL_DATE = compile_cached(rf"(?<!\d)(\d{{1,2}})[/.-](\d{{1,2}})[/.-]({YEAR})(?!\d)")
LONE_YEAR = compile_cached(rf"(?<![\d/.])({YEAR})(?![\d/])")
# A document number ("52/2015/NĐ-CP", "1441/QĐ-UBND") and at most one word before a date: the
# date is when that document was issued, not when the task is due.
AFTER_DOCUMENT_NUMBER = compile_cached(r"\d+/(?:\d{4}/)?\p{Lu}[\p{Lu}\-]*\p{Lu}\s+(?:\p{L}+\s+)?$")
PREFIX_WINDOW = 24  # characters before an expression searched for "trước", "từ", "đến"
SPACES = compile_cached(r"\s+")
QUARTER_NUMBER = compile_cached(r"(IV|I{1,3}|[1-4])(?!\w)", regex.IGNORECASE)
PARSED_CACHE = 4096  # distinct timeframe texts whose reading is kept (columns repeat them)
STATUTE_WINDOW = 80  # characters before a bare year searched for a statute's name


def year_end(year: int) -> date:
    return date(year, 12, 31)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(nfc(w)) for w in sorted(words, key=len, reverse=True)) or r"(?!)"


@dataclass(frozen=True)
class _Patterns:
    expressions: regex.Pattern[str]
    before: regex.Pattern[str]
    by: regex.Pattern[str]
    since: regex.Pattern[str]
    until: regex.Pattern[str]
    open_end: regex.Pattern[str]
    statute: regex.Pattern[str]
    statute_breaks: regex.Pattern[str]
    recurrence: tuple[tuple[str, regex.Pattern[str]], ...]


@cache
def _patterns(lang: LanguageData) -> _Patterns:
    data = lang.table("timeframes")
    quarter = _alternation(lang.words("timeframes", "quarter"))
    month = _alternation(lang.words("timeframes", "month"))
    year_word = _alternation(lang.words("timeframes", "year"))
    day_word = _alternation(data.get("day", []))
    first_half = _alternation(data.get("half_year", {}).get("first", []))
    second_half = _alternation(data.get("half_year", {}).get("second", []))
    sep = rf"\s*(?:/|-|–|,|\.|\s(?:{year_word})\s|\s)\s*"
    q = rf"(?:{quarter})\s*(IV|I{{1,3}}|[1-4])(?!\w)"
    expressions = compile_cached(
        "|".join(
            [
                rf"(?P<qrange>{q}{sep}(?P<qy1>{YEAR}){DASH}{q.replace('(IV', '(?P<q2>IV', 1)}{sep}(?P<qy2>{YEAR}))",
                rf"(?P<quarter>(?<!\w){q.replace('(IV', '(?P<q>IV', 1)}(?:{sep}(?P<qy>{YEAR}))?)",
                rf"(?P<half>(?:(?P<first>{first_half})|(?P<second>{second_half}))\s*(?P<hy>{YEAR}))",
                rf"(?P<wdate>(?<!\w)(?:{day_word})\s+(?P<wd>\d{{1,2}})\s+(?:{month})\s+(?P<wm>\d{{1,2}})(?!\d)(?:{sep}(?P<wy>{YEAR}))?)",
                rf"(?P<mrange>(?<!\w)(?:{month})\s+(?P<m1>\d{{1,2}}){DASH}(?P<m2>\d{{1,2}}){sep}(?P<mry>{YEAR}))",
                rf"(?P<month>(?<!\w)(?:{month})\s+(?P<m>\d{{1,2}}){sep}(?P<my>{YEAR}))",
                rf"(?P<drange>(?<!\d)(?P<d1>\d{{1,2}})[/.](?P<dm1>\d{{1,2}})[/.](?P<dy1>{YEAR}){DASH}(?P<d2>\d{{1,2}})[/.](?P<dm2>\d{{1,2}})[/.](?P<dy2>{YEAR})(?!\d))",
                rf"(?P<date>(?<!\d)(?P<d>\d{{1,2}})[/.-](?P<dm>\d{{1,2}})[/.-](?P<dy>{YEAR})(?!\d))",
                rf"(?P<monthyear>(?<![\d/.])(?P<mm>\d{{1,2}})/(?P<mmy>{YEAR})(?![\d/]))",
                rf"(?P<range>(?<![\d/.])(?P<y1>{YEAR}){DASH}(?P<y2>{YEAR})(?![\d/]))",
                rf"(?P<year>(?<![\d/.])(?P<y>{YEAR})(?![\d/]))",
            ]
        ),
        regex.IGNORECASE,
    )
    recurrence = tuple(
        (kind, words_pattern(words)) for kind, words in data.get("recurrence", {}).items() if words
    )
    return _Patterns(
        expressions,
        compile_cached(rf"(?<!\w)(?:{_alternation(lang.words('timeframes', 'before'))})(?!\w)[^\d]*$", regex.IGNORECASE),
        compile_cached(rf"(?<!\w)(?:{_alternation(lang.words('timeframes', 'by'))})(?!\w)[^\d]*$", regex.IGNORECASE),
        compile_cached(rf"(?<!\w)(?:{_alternation(lang.words('timeframes', 'from'))})(?!\w)[^\d]*$", regex.IGNORECASE),
        compile_cached(rf"(?<!\w)(?:{_alternation(lang.words('timeframes', 'until'))})(?!\w)[^\d]*$", regex.IGNORECASE),
        compile_cached(rf"^[\s.,;]*(?:{_alternation(lang.words('timeframes', 'open_end'))})(?!\w)", regex.IGNORECASE),
        # case-sensitive: a named statute opens with its capitalised kind ("Luật An ninh mạng 2025")
        compile_cached(rf"(?<!\w)(?:{_alternation(lang.words('timeframes', 'statute'))})(?:\s+\p{{L}}+){{0,8}}\s+$"),
        words_pattern(lang.words("timeframes", "statute_breaks")),
        recurrence,
    )


def _language(lang: str | LanguageData) -> LanguageData:
    return lang if isinstance(lang, LanguageData) else load_language(lang)


def header_year(text: str) -> int | None:
    """The one year a column header or caption names ("Thời gian (Năm 2026)"), else None."""
    years = {int(m.group(1)) for m in LONE_YEAR.finditer(nfc(text))}
    return years.pop() if len(years) == 1 else None


def text_to_timeframe(
    text: str, lang: str | LanguageData, horizon: date | None = None, year: int | None = None
) -> Timeframe | None:
    """Parse a timeframe cell or phrase; None for an empty one.

    ``year`` dates a day written without one ("ngày 23 tháng 1") when the column header names
    the year. Text that gives no date and no recurrence is kept as written with no dates (the
    caller flags it).
    """
    flat = SPACES.sub(" ", nfc(text)).strip()
    if not flat:
        return None
    return _read(flat, _language(lang), horizon, year)


@lru_cache(maxsize=PARSED_CACHE)
def _read(flat: str, lang: LanguageData, horizon: date | None, year: int | None) -> Timeframe:
    """The timeframe of a flattened text (records are frozen: tasks with the same text share one)."""
    patterns = _patterns(lang)
    recurrence = None
    first_at = len(flat) + 1
    for kind, pattern in patterns.recurrence:
        if (match := pattern.search(flat)) and match.start() < first_at:
            recurrence, first_at = kind, match.start()
    start, end = _dates(flat, patterns, year)
    if recurrence and end is None and start is None and horizon is not None:
        end = horizon
    return Timeframe(text=flat, start=start, end=end, recurrence=recurrence)  # type: ignore[arg-type]


def _period(match: regex.Match[str], default_year: int | None = None) -> tuple[date | None, date | None, bool]:
    """The first and last day an expression covers, and whether it is one day."""
    g = match.groupdict()
    if g["wdate"]:
        year = int(g["wy"]) if g["wy"] else default_year
        if year is None:
            return None, None, False
        try:
            day = date(year, int(g["wm"]), int(g["wd"]))
        except ValueError:
            return None, None, False
        return day, day, True
    if g["qrange"]:
        q1, q2 = ROMAN_QUARTER[_q1(match)], ROMAN_QUARTER[g["q2"].casefold()]
        y1, y2 = int(g["qy1"]), int(g["qy2"])
        return date(y1, 3 * q1 - 2, 1), month_end(y2, 3 * q2), False
    if g["quarter"]:
        if not g["qy"]:
            return None, None, False
        quarter, year = ROMAN_QUARTER[g["q"].casefold()], int(g["qy"])
        return date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter), False
    if g["half"]:
        year = int(g["hy"])
        return (date(year, 1, 1), date(year, 6, 30), False) if g["first"] else (date(year, 7, 1), date(year, 12, 31), False)
    if g["mrange"]:
        first, last, year = int(g["m1"]), int(g["m2"]), int(g["mry"])
        if 1 <= first <= last <= 12:
            return date(year, first, 1), month_end(year, last), False
        return None, None, False
    if g["month"] or g["monthyear"]:
        month, year = (int(g["m"]), int(g["my"])) if g["month"] else (int(g["mm"]), int(g["mmy"]))
        if 1 <= month <= 12:
            return date(year, month, 1), month_end(year, month), False
        return None, None, False
    if g["drange"]:
        try:
            first = date(int(g["dy1"]), int(g["dm1"]), int(g["d1"]))
            last = date(int(g["dy2"]), int(g["dm2"]), int(g["d2"]))
        except ValueError:
            return None, None, False
        return (first, last, False) if first <= last else (None, None, False)
    if g["date"]:
        try:
            day = date(int(g["dy"]), int(g["dm"]), int(g["d"]))
        except ValueError:
            return None, None, False
        return day, day, True
    if g["range"]:
        first, last = int(g["y1"]), int(g["y2"])
        if first <= last:
            return date(first, 1, 1), year_end(last), False
        return None, None, False
    year = int(g["y"])
    return date(year, 1, 1), year_end(year), False


def _q1(match: regex.Match[str]) -> str:
    """The first quarter number of a quarter range (the first unnamed group of the match)."""
    text = match.group("qrange")
    found = QUARTER_NUMBER.search(text)
    return found.group(1).casefold() if found else "1"


def _dates(flat: str, patterns: _Patterns, year: int | None = None) -> tuple[date | None, date | None]:
    matches = [m for m in patterns.expressions.finditer(flat)]
    for at, match in enumerate(matches):
        start, end, one_day = _period(match, year)
        if start is None and end is None or AFTER_DOCUMENT_NUMBER.search(flat, 0, match.start()):
            continue
        if match.group("year") and _names_statute(flat[: match.start()], patterns):
            continue
        before = flat[max(0, match.start() - PREFIX_WINDOW) : match.start()]
        if patterns.by.search(before):
            return None, end
        if patterns.before.search(before):
            return None, (_day_before(start) if match.group("year") or match.group("range") else end)
        if patterns.since.search(before):
            later = next((m for m in matches[at + 1 :] if patterns.until.search(flat[max(0, m.start() - PREFIX_WINDOW) : m.start()])), None)
            return start, (_period(later, year)[1] if later else None)
        if patterns.until.search(before):
            return None, end
        if patterns.open_end.match(flat[match.end() :]):
            return start, None
        if one_day:
            return None, end  # a single date in a deadline column is the deadline
        return start, end
    return None, None


def _names_statute(before: str, patterns: _Patterns) -> bool:
    """Whether a bare year closes a statute's name ("Luật An ninh mạng 2025", "Cybersecurity Law
    2018"): the statute word and only words after it, none of them a timeframe cue."""
    found = patterns.statute.search(before[-STATUTE_WINDOW:])
    if found is None:
        return False
    tail = found.group(0)
    cues = (patterns.before, patterns.by, patterns.since, patterns.until, patterns.statute_breaks)
    return not any(p.search(tail) for p in cues)


def _day_before(day: date | None) -> date | None:
    if day is None:
        return None
    from datetime import timedelta

    return day - timedelta(days=1)
