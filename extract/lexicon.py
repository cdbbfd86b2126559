"""Vietnamese syllable knowledge for text repair: the Viet74K lexicon and a syllable-structure check.

The word list ships with underthesea (``underthesea/corpus/data/Viet74K.txt``); it is read as a
plain file, never by importing underthesea, whose import takes seconds. Everything loads lazily on
first use and is cached; importing this module reads nothing.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from extract.errors import LanguageDataError, MissingDependency
from extract.langdata import data_path, read_data_file
from extract.lexicon_cache import cached_build
from extract.pattern_cache import compile_cached

SYLLABLES_FILE = "syllables.toml"
VIET74K_RELATIVE = Path("corpus") / "data" / "Viet74K.txt"
MISSING_UNDERTHESEA = (
    "the Vietnamese word list (Viet74K) comes with underthesea, which is not installed; "
    "install it with `pip install 'underthesea>=6.8'` to repair broken Vietnamese text"
)
MISSING_WORDLIST = "underthesea is installed at {path} but has no {name}; reinstall underthesea"

_SYLLABLE = compile_cached(r"\p{L}+")
_SPLIT = compile_cached(r"[\s\-]+")


class Lexicon:
    """Syllables and multi-syllable words of Viet74K, lower-case NFC.

    Attributes:
        syllables: every syllable that occurs in some entry ("thống", "quy").
        entries: how many Viet74K entries use each syllable, a stand-in for its frequency.
        words: multi-syllable entries as space-joined strings ("quy định", "hạ tầng"); hyphenated
            transliterations ("ca-li") are left out.
        pairs: adjacent syllable pairs inside some word, space-joined ("hạ tầng", and "cơ sở" and
            "sở dữ" from "cơ sở dữ liệu"); ask with ``is_pair``.

    ``words`` and ``pairs`` (nine tenths of the index) are each read on first use: text that
    needs no repair asks only whether its tokens are syllables, and repair asks for pairs only.
    """

    def __init__(self, syllables: frozenset[str], entries: Mapping[str, int], read: Callable[[str], frozenset[str]]) -> None:
        self.syllables = syllables
        self.entries = entries
        self._read = read

    @cached_property
    def words(self) -> frozenset[str]:
        return self._read("words")

    @cached_property
    def pairs(self) -> frozenset[str]:
        return self._read("pairs")

    def is_pair(self, left: str, right: str) -> bool:
        """True if the two lower-case syllables stand side by side in some Viet74K word."""
        return f"{left} {right}" in self.pairs


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

    The index is kept on disk between runs (``extract.lexicon_cache``), in three parts: a new
    process reads the syllables back at once, and the words and the pairs when first asked for.

    Raises:
        MissingDependency: underthesea (which ships the list) is not installed.
    """
    raw = viet74k_path().read_bytes()
    supplement = supplement_words()
    sources = [raw, "\n".join(supplement).encode("utf-8")]

    @cache
    def build() -> dict[str, tuple[Any, ...]]:
        syllables, words, pairs, entries = _built(raw, supplement)
        # A set of strings is read back fastest as one text split on newlines (a third of the
        # time marshal takes to rebuild the set); none of the strings holds a newline.
        return {"syllables": (syllables, entries), "words": ("\n".join(sorted(words)),), "pairs": ("\n".join(sorted(pairs)),)}

    def read(part: str) -> frozenset[str]:
        (text,) = cached_build(sources, build, part, _is_text)
        return frozenset(text.split("\n")) if text else frozenset()

    syllables, entries = cached_build(sources, build, "syllables", _is_syllables)
    return Lexicon(syllables, MappingProxyType(entries), read)


def _built(raw: bytes, supplement: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, int]]:
    """The index of Viet74K's text and the supplement's words."""
    syllables: set[str] = set()
    words: set[str] = set()
    pairs: set[str] = set()
    entries: Counter[str] = Counter()
    text = unicodedata.normalize("NFC", raw.decode("utf-8")).lower()
    for line in text.splitlines():
        parts = [p for p in _SPLIT.split(line.strip()) if _SYLLABLE.fullmatch(p)]
        syllables.update(parts)
        entries.update(parts)
        if len(parts) > 1 and "-" not in line:  # hyphens join transliterations ("ca-li")
            words.add(" ".join(parts))
            pairs.update(f"{a} {b}" for a, b in zip(parts, parts[1:]))
    for word in supplement:
        parts = word.split()
        syllables.update(parts)
        words.add(" ".join(parts))
        pairs.update(f"{a} {b}" for a, b in zip(parts, parts[1:]))
    return frozenset(syllables), frozenset(words), frozenset(pairs), dict(entries)


def _is_syllables(data: Any) -> bool:
    """What the cache gave back has the shape of the ``syllables`` part: (syllables, entries)."""
    return isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], frozenset) and isinstance(data[1], dict)


def _is_text(data: Any) -> bool:
    """What the cache gave back has the shape of the ``words`` or ``pairs`` part: (lines,)."""
    return isinstance(data, tuple) and len(data) == 1 and isinstance(data[0], str)


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
