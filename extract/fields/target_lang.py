"""Word lists for targets and numbers, read once from ``extract/lang/<code>/targets.toml``.

Every entry in that file is a regular-expression fragment in which a space matches any run of
whitespace; this module turns the lists into compiled, case-insensitive alternations.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

import regex

from extract.errors import LanguageDataError
from extract.langdata import LANG_DIR, nfc

YEAR = r"(?:19|20)\d\d"
FLAGS = regex.IGNORECASE | regex.VERSION1
SPACES = regex.compile(r" +")


@cache
def target_data(lang: str) -> dict[str, Any]:
    """The language's ``targets.toml`` as a dict.

    Raises:
        LanguageDataError: the file is missing or malformed.
    """
    path = LANG_DIR / lang / "targets.toml"
    if not path.is_file():
        raise LanguageDataError(f"no target words for '{lang}' (expected {path})")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise LanguageDataError(f"{path}: {exc}") from exc


def section(lang: str, name: str) -> dict[str, Any]:
    found = target_data(lang).get(name, {})
    return found if isinstance(found, dict) else {}


def fragment(entry: str) -> str:
    """One entry as a regex fragment: NFC, spaces match any whitespace run."""
    return SPACES.sub(r"\\s+", nfc(entry))


def alternation(entries: list[str] | tuple[str, ...]) -> str:
    """Longest-first alternation of entries, as a non-capturing group."""
    parts = sorted((fragment(e) for e in entries), key=len, reverse=True)
    return "(?:" + ("|".join(parts) or "(?!)") + ")"


def bounded(entries: list[str] | tuple[str, ...]) -> str:
    """An alternation that must start and end at word edges."""
    return rf"(?<!\w){alternation(entries)}(?!\w)"


@cache
def pattern(lang: str, table: str, key: str, *, whole: bool = True) -> regex.Pattern[str]:
    """The compiled alternation over ``[table].key`` of the language's data."""
    entries = section(lang, table).get(key, [])
    entries = entries if isinstance(entries, list) else [entries]
    return regex.compile(bounded(entries) if whole else alternation(entries), FLAGS)


@cache
def keyed_patterns(lang: str, table: str, *, whole: bool = True) -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """One compiled alternation per key of ``[table]`` whose value is a list, in file order."""
    found = []
    for key, entries in section(lang, table).items():
        if isinstance(entries, list):
            body = bounded(entries) if whole else alternation(entries)
            found.append((key, regex.compile(body, FLAGS)))
    return tuple(found)


@cache
def templated(lang: str, key: str, slot: str, slot_pattern: str) -> regex.Pattern[str]:
    """``[time].key`` entries with ``{slot}`` replaced by a named capturing group."""
    entries = section(lang, "time").get(key, [])
    parts = [fragment(e).replace("{" + slot + "}", f"(?P<{slot}>{slot_pattern})") for e in entries]
    parts.sort(key=len, reverse=True)
    return regex.compile(r"(?<!\w)(?:" + ("|".join(parts) or "(?!)") + r")(?!\w)", FLAGS)


@cache
def words_regex(entries: tuple[str, ...], whole: bool = True) -> regex.Pattern[str]:
    """A compiled alternation over ``entries``, cached by the tuple."""
    return regex.compile(bounded(entries) if whole else alternation(entries), FLAGS)
