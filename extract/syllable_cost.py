"""What a split of letters into Vietnamese syllables costs, and the cheapest split.

The cost model of ``extract.repair``: a Viet74K syllable is cheap, a well-formed unknown one dear,
a broken token dearest, and two syllables that form a Viet74K word earn a bonus. Word lists come
from ``lang/vi/repair.toml``, syllables from ``extract.lexicon``; nothing is read at import time.
Caches are bounded, so a file of distinct garbage cannot grow them without limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.errors import LanguageDataError
from extract.langdata import data_path, read_data_file
from extract.lexicon import is_well_formed, lexicon
from extract.pattern_cache import compile_cached

REPAIR_FILE = "repair.toml"
CACHE_SIZE = 1 << 16  # entries in each per-token cache

# Scoring of a segmentation, as a cost (lower is better).
LEXICON_PIECE = 1.0  # a Viet74K syllable
RARE_PIECE = 0.4  # added for a syllable found in few Viet74K entries ("bằn" against "bằng")
COMMON_ENTRIES = 100  # entries from which a syllable counts as common
SHAPE_PIECE = 3.0  # well-formed but not in Viet74K
BROKEN_TOKEN = 12.0  # an original token that is no syllable at all
WORD_PAIR = -0.6  # two adjacent syllables that form a Viet74K word; less than a piece costs
MAX_SYLLABLE = 8  # letters in the longest syllable ("nghiêng" has 7)
WEAK_LETTER = 2.5  # a one-letter syllable that rarely stands alone ("kha i" for "khai")

_VOWEL = compile_cached(r"[aeiouy]")


@dataclass(frozen=True)
class RepairWords:
    """The word lists of ``repair.toml``; multi-word entries as tuples of lower-case syllables."""

    sentence_final: frozenset[str]
    separators: frozenset[str]
    clause_starters: tuple[tuple[str, ...], ...]
    linkers: frozenset[str]
    foreign_words: frozenset[str]
    standalone_letters: frozenset[str]


@cache
def repair_words() -> RepairWords:
    """Read ``lang/vi/repair.toml``.

    Raises:
        LanguageDataError: the file is missing or lacks a required key.
    """
    try:
        data = read_data_file("vi", REPAIR_FILE)
        return RepairWords(
            sentence_final=frozenset(data["sentence_final"]),
            separators=frozenset(data["separators"]),
            clause_starters=tuple(tuple(s.lower().split()) for s in data["clause_starters"]),
            linkers=frozenset(w.lower() for w in data["linkers"]),
            foreign_words=frozenset(w.lower() for w in data["foreign_words"]),
            standalone_letters=frozenset(w.lower() for w in data["standalone_letters"]),
        )
    except KeyError as exc:
        raise LanguageDataError(f"{data_path('vi', REPAIR_FILE)}: missing {exc}; restore it from the repository") from exc


@lru_cache(maxsize=CACHE_SIZE)
def piece_cost(piece: str) -> float | None:
    """Cost of one piece of a segmentation; None if it cannot be a syllable.

    Listed foreign words ("video") count as Viet74K syllables; rarer syllables cost a little more.
    """
    lex = lexicon()
    if not is_well_formed(piece):
        return LEXICON_PIECE if piece in repair_words().foreign_words else None
    if piece not in lex.syllables:
        return SHAPE_PIECE
    if len(piece) == 1 and piece not in repair_words().standalone_letters:
        return WEAK_LETTER
    common = min(1.0, math.log1p(lex.entries.get(piece, 0)) / math.log1p(COMMON_ENTRIES))
    return LEXICON_PIECE + RARE_PIECE * (1.0 - common)


def pair_bonus(left: str | None, right: str | None) -> float:
    """``WORD_PAIR`` if the two syllables form a Viet74K word, else 0."""
    if left is None or right is None:
        return 0.0
    return WORD_PAIR if lexicon().is_pair(left, right) else 0.0


Links = list[dict[str | None, tuple[float, int, str | None]]]


def segment_prefixes(text: str, before: str | None, strict: bool) -> Links:
    """Best splits of every prefix of ``text`` into syllables, for ``segment_end`` to read.

    ``best[j]`` maps the last piece of a split of ``text[:j]`` to (cost, start of that piece, the
    piece before it). One table serves every window end, so a window is split once however many
    ends are tried, and its links keep time and memory linear in ``text``.
    ``strict`` (for pure-ASCII tokens) admits only Viet74K syllables.
    """
    n = len(text)
    best: Links = [{} for _ in range(n + 1)]
    best[0][before] = (0.0, 0, None)
    for i in range(n):
        if not best[i]:
            continue
        for j in range(i + 1, min(n, i + MAX_SYLLABLE) + 1):
            piece = text[i:j]
            cost = piece_cost(piece)
            if cost is None or (strict and cost >= SHAPE_PIECE):
                continue
            for last, (total, _, _) in best[i].items():
                new = total + cost + pair_bonus(last, piece)
                held = best[j].get(piece)
                if held is None or new < held[0]:
                    best[j][piece] = (new, i, last)
    return best


def segment_end(best: Links, n: int, after: str | None) -> tuple[float, list[int]] | None:
    """Best split of the first ``n`` letters followed by ``after``: (cost, cut offsets), or None."""
    if not best[n]:
        return None
    cost, start, last = min(
        ((total + pair_bonus(piece, after), begin, previous) for piece, (total, begin, previous) in best[n].items()),
        key=lambda item: item[0],
    )
    cuts: list[int] = []
    while start > 0:
        cuts.append(start)
        _, start, last = best[start][last]
    cuts.reverse()
    return cost, cuts


def token_cost(lower: str) -> float:
    """Cost of an original token as it stands."""
    if not is_valid(lower):
        return BROKEN_TOKEN
    cost = piece_cost(lower)
    return LEXICON_PIECE if cost is None else cost


@lru_cache(maxsize=CACHE_SIZE)
def is_valid(lower: str) -> bool:
    """A syllable: well-formed, a listed foreign word, or an ASCII Viet74K entry with a vowel ("video")."""
    if is_well_formed(lower) or lower in repair_words().foreign_words:
        return True
    return lower.isascii() and lower in lexicon().syllables and bool(_VOWEL.search(lower))


@lru_cache(maxsize=CACHE_SIZE)
def is_sound(lower: str) -> bool:
    """A token that needs no repair: a Viet74K syllable, not a lone letter that rarely stands alone."""
    return is_valid(lower) and token_cost(lower) < SHAPE_PIECE and token_cost(lower) < WEAK_LETTER
