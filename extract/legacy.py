"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) converted to Unicode.

Before Unicode, Vietnamese text was typed in 8-bit fonts: the file holds Latin-1 characters and
the font draws Vietnamese letters in their place ("Kª ho¹ch" in ``.VnTime`` reads "Kế hoạch").
Word runs and PDF text carry the font name, so the encoding is known per run:
``encoding_of_font`` names it and ``legacy_to_unicode`` converts. The tables are data files under
``extract/lang/legacy/``. Used by the Word loader and the PDF loader alike.

Encodings: ``tcvn3`` (one byte per letter), ``tcvn3-upper`` (the ``.VnTimeH`` style fonts,
which draw the same codes as capitals), ``vni`` (a base letter followed by a mark character).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex

from extract.errors import LanguageDataError
from extract.pattern_cache import compile_cached

LEGACY_DIR = Path(__file__).parent / "lang" / "legacy"
ENCODINGS = ("tcvn3", "tcvn3-upper", "vni")
UPPER = "-upper"
SUBSET_TAG = compile_cached(r"^[A-Z]{6}\+")
STYLE_SUFFIX = compile_cached(r"(?:[,\-]|\s+)(?:bold|italic|oblique|regular|normal|bolditalic|boldoblique|b|i|bi)\b.*$",
                             regex.IGNORECASE)
LEGACY_RANGE = compile_cached(r"[\u00a1-\u00ff]")
UNICODE_ONLY = compile_cached(r"[^\u0000-\u00ff\u2018-\u201f\u2013\u2014\u2026\u2022\uf000-\uf0ff]")
# Content detection: a word is a run of letters (Latin-1 letters and TCVN3 symbol codes);
# the words a conversion changed must mostly be well-formed syllables.
WORD = compile_cached(r"[A-Za-z\u00a1-\u00ff]+")
MIN_CHANGED_WORDS = 3
MIN_WELL_FORMED = 0.8


def _rows(name: str) -> list[list[str]]:
    path = LEGACY_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LanguageDataError(f"{path}: {exc}; restore it from the repository") from exc
    return [line.rstrip("\n").split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def _table(encoding: str) -> dict[str, str]:
    """Legacy character sequence to Unicode letter, from the encoding's data file."""
    base = encoding.removesuffix(UPPER)
    if encoding not in ENCODINGS:
        raise LanguageDataError(f"unknown legacy encoding '{encoding}'; known: {', '.join(ENCODINGS)}")
    table: dict[str, str] = {}
    for row in _rows(f"{base}.tsv"):
        if len(row) < 3:
            raise LanguageDataError(f"{LEGACY_DIR / base}.tsv: a row needs codes, shown text and Unicode: {row}")
        table["".join(chr(int(code, 16)) for code in row[0].split())] = row[2]
    return table


@cache
def _pattern(encoding: str) -> regex.Pattern[str]:
    keys = sorted(_table(encoding), key=len, reverse=True)
    return compile_cached("|".join(regex.escape(k) for k in keys))


@cache
def _fonts() -> tuple[tuple[str, str, str], ...]:
    rows = [(r[0].casefold(), r[1], r[2] if len(r) > 2 else "") for r in _rows("fonts.tsv") if len(r) >= 2]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


def encoding_of_font(fontname: str) -> str | None:
    """The legacy encoding a font name implies (``tcvn3``, ``tcvn3-upper``, ``vni``), or None.

    Accepts Word run fonts (".VnTimeH") and PDF font names ("ABCDEF+VNI-Times,Bold").
    """
    name = SUBSET_TAG.sub("", fontname.strip())
    folded = name.casefold()
    for prefix, encoding, upper in _fonts():
        if folded.startswith(prefix):
            family = STYLE_SUFFIX.sub("", name).rstrip()
            if upper and family.endswith(upper) and len(family) > len(prefix) + len(upper):
                return encoding + UPPER
            return encoding
    return None


def legacy_to_unicode(text: str, encoding: str) -> str:
    """Text typed in a legacy-encoded font, as Unicode (NFC).

    Characters outside the encoding's table pass through unchanged; text that already holds
    letters only Unicode has (ơ, ư, ế …) is returned as it is, so a Unicode run that merely
    names an old font is not damaged.

    Raises:
        LanguageDataError: unknown encoding or a damaged table file.
    """
    table = _table(encoding)
    if not LEGACY_RANGE.search(text) and not encoding.endswith(UPPER):
        return text
    if UNICODE_ONLY.search(text):
        return text
    converted = _pattern(encoding).sub(lambda m: table[m.group(0)], text)
    return converted.upper() if encoding.endswith(UPPER) else converted


def guess_legacy_encoding(text: str) -> str | None:
    """The legacy encoding a text without font information seems to be in, or None.

    For text layers whose fonts say nothing (embedded fonts renamed): each candidate encoding
    converts the text, and wins when the words it changed are well-formed Vietnamese syllables
    (French "déjà vu" converts to no syllables and stays None).
    """
    if UNICODE_ONLY.search(text) or not LEGACY_RANGE.search(text):
        return None
    from extract.lexicon import is_well_formed

    best: tuple[float, str] | None = None
    for encoding in ("tcvn3", "vni"):
        changed = good = 0
        for word in WORD.findall(text):
            if not LEGACY_RANGE.search(word):
                continue
            converted = legacy_to_unicode(word, encoding).casefold()
            changed += 1
            good += is_well_formed(converted)
        if changed >= MIN_CHANGED_WORDS and good >= MIN_WELL_FORMED * changed:
            score = good / changed
            if best is None or score > best[0]:
                best = (score, encoding)
    return best[1] if best else None
