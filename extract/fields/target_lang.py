"""Word lists for targets and numbers, read once from ``extract/lang/<code>/targets.toml``.

Every entry in that file is a regular-expression fragment in which a space matches any run of
whitespace; this module turns the lists into compiled, case-insensitive alternations.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import regex

from extract.langdata import nfc, read_data_file
from extract.pattern_cache import compile_cached

YEAR = r"(?:19|20)\d\d"
FLAGS = regex.IGNORECASE | regex.VERSION1
SIMPLE_CASE_GROUP = "(?-f:"  # opens a group matched with simple case folding (see ``alternation``)
SPACES = compile_cached(r" +")
YEAR_ANYWHERE = compile_cached(YEAR, FLAGS)  # what every {year} slot needs somewhere in the text


class LazyPatterns(Mapping[str, "regex.Pattern[str]"]):
    """Named pattern sources, each compiled with ``FLAGS`` the first time it is asked for.

    A language's patterns are many and a short document uses some of them: the rest need not
    be compiled (compiling is most of a cold extraction's cost).
    """

    def __init__(self, sources: dict[str, str]) -> None:
        self._sources = sources
        self._compiled: dict[str, regex.Pattern[str]] = {}

    def __getitem__(self, name: str) -> regex.Pattern[str]:
        found = self._compiled.get(name)
        if found is None:
            found = self._compiled[name] = compile_cached(self._sources[name], FLAGS)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


def section(lang: str, name: str) -> dict[str, Any]:
    """The ``[name]`` table of the language's ``targets.toml``; {} if absent."""
    found = read_data_file(lang, "targets.toml").get(name, {})
    return found if isinstance(found, dict) else {}


def fragment(entry: str) -> str:
    """One entry as a regex fragment: NFC, spaces match any whitespace run."""
    return SPACES.sub(r"\\s+", nfc(entry))


def alternation(entries: list[str] | tuple[str, ...]) -> str:
    """Longest-first alternation of entries, as a non-capturing group with simple case folding.

    ``(?-f:`` turns off the full case folding that ``VERSION1`` implies ("ß" = "ss"), which no
    word of ours needs and which doubles the time a word list takes to compile.
    """
    parts = sorted((fragment(e) for e in entries), key=len, reverse=True)
    return SIMPLE_CASE_GROUP + ("|".join(parts) or "(?!)") + ")"


def bounded(entries: list[str] | tuple[str, ...]) -> str:
    """An alternation that must start and end at word edges."""
    return rf"(?<!\w){alternation(entries)}(?!\w)"


@cache
def pattern(lang: str, table: str, key: str, *, whole: bool = True) -> regex.Pattern[str]:
    """The compiled alternation over ``[table].key`` of the language's data."""
    entries = section(lang, table).get(key, [])
    entries = entries if isinstance(entries, list) else [entries]
    return compile_cached(bounded(entries) if whole else alternation(entries), FLAGS)


@cache
def keyed_patterns(lang: str, table: str, *, whole: bool = True) -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """One compiled alternation per key of ``[table]`` whose value is a list, in file order."""
    found = []
    for key, entries in section(lang, table).items():
        if isinstance(entries, list):
            body = bounded(entries) if whole else alternation(entries)
            found.append((key, compile_cached(body, FLAGS)))
    return tuple(found)


@cache
def templated(lang: str, key: str, slot: str, slot_pattern: str) -> regex.Pattern[str]:
    """``[time].key`` entries with ``{slot}`` replaced by a named capturing group."""
    entries = section(lang, "time").get(key, [])
    parts = [fragment(e).replace("{" + slot + "}", f"(?P<{slot}>{slot_pattern})")
             .replace("{year0}", YEAR).replace("{d}", r"(?P<d>\d{1,2})").replace("{m}", r"(?P<m>\d{1,2})")
             for e in entries]
    parts.sort(key=len, reverse=True)
    return compile_cached(r"(?<!\w)" + SIMPLE_CASE_GROUP + ("|".join(parts) or "(?!)") + r")(?!\w)", FLAGS)


def year_templated(lang: str, key: str, text: str) -> list[regex.Match[str]]:
    """The matches of ``templated(lang, key, "year", YEAR)`` in ``text``. When every entry holds
    a ``{year}``, a text with no year cannot match, and the slow alternation is not run."""
    if _all_hold_year(lang, key) and YEAR_ANYWHERE.search(text) is None:
        return []
    return list(templated(lang, key, "year", YEAR).finditer(text))


@cache
def _all_hold_year(lang: str, key: str) -> bool:
    entries = section(lang, "time").get(key, [])
    return bool(entries) and all("{year}" in e for e in entries)


@cache
def words_regex(entries: tuple[str, ...], whole: bool = True) -> regex.Pattern[str]:
    """A compiled alternation over ``entries``, cached by the tuple."""
    return compile_cached(bounded(entries) if whole else alternation(entries), FLAGS)
