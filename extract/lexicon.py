"""Vietnamese syllable knowledge for text repair: the Viet74K lexicon and a syllable-structure check.

The word list ships with underthesea (``underthesea/corpus/data/Viet74K.txt``); it is read as a
plain file, never by importing underthesea, whose import takes seconds. Everything loads lazily on
first use and is cached; importing this module reads nothing.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import regex

from extract.errors import LanguageDataError, MissingDependency
from extract.langdata import data_path, read_data_file
from extract.lexicon_cache import cached_build

SYLLABLES_FILE = "syllables.toml"
VIET74K_RELATIVE = Path("corpus") / "data" / "Viet74K.txt"
MISSING_UNDERTHESEA = (
    "the Vietnamese word list (Viet74K) comes with underthesea, which is not installed; "
    "install it with `pip install 'underthesea>=6.8'` to repair broken Vietnamese text"
)
MISSING_WORDLIST = "underthesea is installed at {path} but has no {name}; reinstall underthesea"

_SYLLABLE = regex.compile(r"\p{L}+")
_SPLIT = regex.compile(r"[\s\-]+")


@dataclass(frozen=True)
class Lexicon:
    """Syllables and multi-syllable words of Viet74K, lower-case NFC.

    Attributes:
        syllables: every syllable that occurs in some entry ("thống", "quy").
        words: multi-syllable entries as space-joined strings ("quy định", "hạ tầng"); hyphenated
            transliterations ("ca-li") are left out.
        pairs: adjacent syllable pairs inside some word, as ``(left, right)``.
        entries: how many Viet74K entries use each syllable, a stand-in for its frequency.
    """

    syllables: frozenset[str]
    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    entries: Mapping[str, int]


@dataclass(frozen=True)
class SyllableRules:
    """The syllable-structure data of ``syllables.toml``, ready for matching."""

    onsets: tuple[str, ...]
    rhymes: frozenset[str]
    stop_codas: tuple[str, ...]
    stop_tones: frozenset[str]
    tone_marks: frozenset[str]
    onset_not_before: dict[str, frozenset[str]]


def viet74k_path() -> Path:
    """The Viet74K word list inside the installed underthesea package.

    Raises:
        MissingDependency: underthesea is not installed, or its word list is missing.
    """
    spec = importlib.util.find_spec("underthesea")
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise MissingDependency(MISSING_UNDERTHESEA)
    for location in locations:
        path = Path(location) / VIET74K_RELATIVE
        if path.is_file():
            return path
    raise MissingDependency(MISSING_WORDLIST.format(path=locations[0], name=VIET74K_RELATIVE))


@cache
def lexicon() -> Lexicon:
    """Read Viet74K once, add the supplement of ``syllables.toml``, and index syllables, words and pairs.

    The index is kept on disk between runs (``extract.lexicon_cache``): a new process reads it
    back instead of building it again.

    Raises:
        MissingDependency: underthesea (which ships the list) is not installed.
    """
    raw = viet74k_path().read_bytes()
    supplement = supplement_words()
    syllables, words, pairs, entries = cached_build(
        [raw, "\n".join(supplement).encode("utf-8")], lambda: _built(raw, supplement), _is_index
    )
    return Lexicon(syllables, words, pairs, MappingProxyType(entries))


def _built(raw: bytes, supplement: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, str]], dict[str, int]]:
    """The index of Viet74K's text and the supplement's words."""
    syllables: set[str] = set()
    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    entries: Counter[str] = Counter()
    text = unicodedata.normalize("NFC", raw.decode("utf-8")).lower()
    for line in text.splitlines():
        parts = [p for p in _SPLIT.split(line.strip()) if _SYLLABLE.fullmatch(p)]
        syllables.update(parts)
        entries.update(parts)
        if len(parts) > 1 and "-" not in line:  # hyphens join transliterations ("ca-li")
            words.add(" ".join(parts))
            pairs.update(zip(parts, parts[1:]))
    for word in supplement:
        parts = word.split()
        syllables.update(parts)
        words.add(" ".join(parts))
        pairs.update(zip(parts, parts[1:]))
    return frozenset(syllables), frozenset(words), frozenset(pairs), dict(entries)


def _is_index(data: Any) -> bool:
    """What the cache gave back has the shape ``_built`` returns."""
    return (
        isinstance(data, tuple) and len(data) == 4
        and all(isinstance(part, frozenset) for part in data[:3]) and isinstance(data[3], dict)
    )


@cache
def supplement_words() -> tuple[str, ...]:
    """Words that Viet74K lacks ("chống chịu"), from ``syllables.toml``, lower-case NFC."""
    data = _syllables_data()
    try:
        return tuple(unicodedata.normalize("NFC", w).lower() for w in data["supplement"]["words"])
    except KeyError as exc:
        raise _missing(exc) from exc


def _syllables_data() -> dict[str, Any]:
    return read_data_file("vi", SYLLABLES_FILE)


def _missing(key: KeyError) -> LanguageDataError:
    return LanguageDataError(f"{data_path('vi', SYLLABLES_FILE)}: missing {key}; restore it from the repository")


@cache
def syllable_rules() -> SyllableRules:
    """Read ``lang/vi/syllables.toml``.

    Raises:
        LanguageDataError: the file is missing or lacks a required key.
    """
    data = _syllables_data()
    try:
        tones: dict[str, str] = data["tones"]
        return SyllableRules(
            onsets=tuple(sorted(data["onsets"], key=len, reverse=True)),
            rhymes=frozenset(data["rhymes"]),
            stop_codas=tuple(data["stop_codas"]),
            stop_tones=frozenset(tones[name] for name in data["stop_tones"]),
            tone_marks=frozenset(tones.values()),
            onset_not_before={k: frozenset(v) for k, v in data["onset_not_before"].items()},
        )
    except KeyError as exc:
        raise _missing(exc) from exc


@cache
def is_well_formed(syllable: str) -> bool:
    """True if a lower-case NFC token is spelled like one Vietnamese syllable.

    Checks onset + rhyme against ``syllables.toml``, at most one tone mark, and that stop codas
    (c, ch, p, t) carry only the sắc or nặng tone. "thống" and "quy" pass; "tầ", "ng", "tquả" fail.
    """
    rules = syllable_rules()
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [c for c in decomposed if c in rules.tone_marks]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in rules.tone_marks))
    for onset in rules.onsets:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if rhyme not in rules.rhymes:
            continue
        if rhyme[0] in rules.onset_not_before.get(onset, frozenset()):
            continue
        if tones and rhyme.endswith(rules.stop_codas) and tones[0] not in rules.stop_tones:
            continue
        if not tones and rhyme.endswith(rules.stop_codas):
            continue
        return True
    return False


def is_syllable(token: str) -> bool:
    """True if a lower-case NFC token is a Viet74K syllable or a well-formed one."""
    return token in lexicon().syllables or is_well_formed(token)


def is_word(*syllables: str) -> bool:
    """True if the lower-case syllables, in order, form a multi-syllable Viet74K entry."""
    return " ".join(syllables) in lexicon().words
