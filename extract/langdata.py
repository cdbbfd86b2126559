"""Language data: the words planwatch looks for, read lazily from ``extract/lang/<code>/``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.errors import LanguageDataError

if TYPE_CHECKING:
    import regex

LANG_DIR = Path(__file__).parent / "lang"
LANGUAGES = ("vi", "en")
DATA_CACHE = "toml-1"  # the cached parsed files' format; raise when it changes


@dataclass(frozen=True, eq=False)
class LanguageData:
    """One language's rules and word lists, as read from its ``language.toml``.

    Loaded once per language and passed down as one object; hashed by identity, so stages
    may cache what they compile from it."""

    code: str
    data: dict[str, Any]

    def words(self, *keys: str) -> list[str]:
        """The word list at a dotted path, e.g. ``words("timeframes", "before")``; [] if absent."""
        node: Any = self.data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return []
            node = node[key]
        return list(node) if isinstance(node, list) else [node]

    def table(self, *keys: str) -> dict[str, Any]:
        """The sub-table at a dotted path; {} if absent."""
        node: Any = self.data
        for key in keys:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        return node if isinstance(node, dict) else {}

    def value(self, key: str, default: str = "") -> str:
        found = self.data.get(key, default)
        return found if isinstance(found, str) else default


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def data_path(code: str, name: str) -> Path:
    """Where a language's data file lives: ``extract/lang/<code>/<name>``."""
    return LANG_DIR / code / name


@cache
def read_data_file(code: str, name: str) -> dict[str, Any]:
    """A TOML file of ``extract/lang/<code>/``, NFC-normalised, read once; parsed once per
    version of the file and kept in the on-disk cache (``extract.lexicon_cache``), as parsing
    costs a short document's cold extraction more than reading the parsed form back.

    Raises:
        LanguageDataError: the file is missing or is not valid TOML.
    """
    from extract.lexicon_cache import cached_build

    def parsed() -> dict[str, Any]:
        import tomllib

        return {"data": tomllib.loads(nfc(raw.decode("utf-8")))}

    path = data_path(code, name)
    try:
        raw = path.read_bytes()
        return cached_build([raw], parsed, "data", lambda found: isinstance(found, dict), kind=DATA_CACHE)  # type: ignore[no-any-return]
    except FileNotFoundError as exc:
        raise LanguageDataError(f"no language data '{name}' for '{code}' (expected {path})") from exc
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, or not TOML (tomllib.TOMLDecodeError)
        raise LanguageDataError(f"{path}: {exc}; restore it from the repository") from exc


@cache
def load_language(code: str) -> LanguageData:
    """Read ``extract/lang/<code>/language.toml`` once.

    Raises:
        LanguageDataError: the language is unknown or its file is malformed.
    """
    return LanguageData(code, read_data_file(code, "language.toml"))


@cache
def _word_char() -> regex.Pattern[str]:
    """``\\w``, compiled on first use: reading language data imports no pattern module."""
    import regex

    return regex.compile(r"\w")


class LeadingWords:
    """Whether a text opens with one of some words as a whole word: what ``^(?:w1|w2|…)(?!\\w)``
    tells (longest first), without compiling that alternation, which for a long word list costs
    a cold process milliseconds. Texts and words are compared as given (casefold both)."""

    __slots__ = ("_word", "_words")

    def __init__(self, words: list[str] | set[str]) -> None:
        self._words = tuple(sorted({w for w in words if w}, key=len, reverse=True))
        self._word = _word_char()

    def match(self, text: str) -> bool:
        """``text`` starts with a word not followed by a word character."""
        if not text.startswith(self._words):
            return False
        return any(text.startswith(w) and not self._word.match(text, len(w)) for w in self._words)


def words_pattern(words: list[str], *, whole: bool = True) -> regex.Pattern[str]:
    """One case-insensitive alternation over ``words``, longest first."""
    import regex

    from extract.pattern_cache import compile_cached

    alternation = "|".join(regex.escape(nfc(w)) for w in sorted(words, key=len, reverse=True))
    if whole:
        alternation = rf"(?<!\w)(?:{alternation})(?!\w)"
    return compile_cached(alternation or r"(?!)", regex.IGNORECASE)


@cache
def compiled(code: str, *keys: str) -> regex.Pattern[str]:
    """``words_pattern`` over a language's word list at ``keys``, compiled once."""
    return words_pattern(load_language(code).words(*keys))
