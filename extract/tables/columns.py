"""Column roles and what a cell's content looks like, for rows whose cells lost their places.

Roles come from the header (``header.py``); a missing role may be stood in for by a kept column
(a submitting agency or a responsible person for the lead; a "main content" column for the
outputs), as the language data's ``[tables] fallbacks`` says.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.langdata import LanguageData, words_pattern
from extract.pattern_cache import compile_cached
from extract.tables.numbering import parse_number

YEAR = compile_cached(r"(?<!\d)(?:19|20)\d\d(?!\d)")
DATE = compile_cached(r"(?<!\d)\d{1,2}/\d{1,2}(?:/(?:19|20)\d\d)?(?!\d)")
LONG_TEXT = 40  # characters from which a cell reads as a task's text
TIMEFRAME_MAX = 160


def with_fallbacks(columns: tuple[str | None, ...], lang: LanguageData) -> tuple[str | None, ...]:
    """Columns where a missing task role is taken by the first present stand-in column."""
    out = list(columns)
    for role, stand_ins in lang.table("tables", "fallbacks").items():
        if role in out:
            continue
        for stand_in in stand_ins:
            if stand_in in out:
                out[out.index(stand_in)] = role
                break
    return tuple(out)


def missing_title_reason(texts: tuple[str, ...], columns: tuple[str | None, ...]) -> str:
    """Why a table gave no task column, for the warning that says so."""
    named = ", ".join(f"'{t}' = {c}" for t, c in zip(texts, columns) if c) or "none"
    return f"header {' | '.join(t for t in texts if t)[:160]!r}; columns recognised: {named}"


@cache
def _patterns(lang: LanguageData) -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    heads = lang.words("agencies", "comma_heads") + lang.words("agencies", "conjunction_heads")
    agency = words_pattern([h.strip() for h in heads if h.strip()], whole=False)
    words: list[str] = []
    table = lang.table("timeframes")
    for key in ("quarter", "month", "year"):
        words.extend(lang.words("timeframes", key))
    for recurring in table.get("recurrence", {}).values():
        words.extend(recurring)
    words.extend(table.get("before", []))
    words.extend(table.get("by", []))
    return agency, words_pattern(words), words_pattern(lang.words("tables", "cooperating_hints"))


def looks_like_agency(text: str, lang: LanguageData) -> bool:
    flat = text.strip().lstrip("-+•* ").strip()
    agency, _, _ = _patterns(lang)
    return bool(flat) and len(flat) < 300 and agency.match(flat) is not None


def looks_like_timeframe(text: str, lang: LanguageData) -> bool:
    flat = text.strip()
    if not flat or len(flat) > TIMEFRAME_MAX:
        return False
    _, words, _ = _patterns(lang)
    return bool(YEAR.search(flat) or DATE.search(flat) or words.search(flat[:40]))


def fit(text: str, role: str | None, lang: LanguageData) -> float:
    """How well a cell's content suits a column role (higher is better)."""
    number = parse_number(text)
    if role == "number":
        return 3.0 if number else -5.0
    if number:
        return -3.0
    timeframe = looks_like_timeframe(text, lang)
    agency = looks_like_agency(text, lang)
    if role == "timeframe":
        return 2.0 if timeframe else -2.0
    if role in ("lead", "cooperating", "person", "submitter", "reviewer", "co_reviewer"):
        hint = role == "cooperating" and _patterns(lang)[2].search(text) is not None
        return (1.5 + (0.25 if hint else 0.0)) if agency else (-2.0 if timeframe else -1.5)
    if role == "title":
        return (2.0 if len(text) >= LONG_TEXT else 0.5) - (1.0 if agency or timeframe else 0.0)
    if role in ("task_group", "funding", "status"):
        return -0.25  # kept columns are rarely the ones a short row gives
    return -0.5 if timeframe else 0.0


def place_cells(cells: list[str], columns: tuple[str | None, ...], lang: LanguageData) -> list[int]:
    """The column of each cell of a row that gave fewer cells than the table has columns.

    Cells keep their order; the placement with the best total ``fit`` wins, and among equals the
    one that packs cells to the left (covered columns usually trail).
    """
    n, width = len(cells), len(columns)
    if n >= width:
        return list(range(n))
    scores = [[fit(cell, role, lang) for role in columns] for cell in cells]
    neg = float("-inf")
    # best[i][j]: best total placing cells[i:] into columns[j:]
    best = [[neg] * (width + 1) for _ in range(n + 1)]
    for j in range(width + 1):
        best[n][j] = 0.0
    for i in range(n - 1, -1, -1):
        for j in range(width - 1, -1, -1):
            take = scores[i][j] + best[i + 1][j + 1] if best[i + 1][j + 1] != neg else neg
            skip = best[i][j + 1]
            best[i][j] = take if take >= skip else skip
    placed: list[int] = []
    i = j = 0
    while i < n:
        take = scores[i][j] + best[i + 1][j + 1] if best[i + 1][j + 1] != neg else neg
        if take >= best[i][j + 1]:
            placed.append(j)
            i += 1
        j += 1
    return placed
