"""Text repair after PDF conversion: re-split run-together syllables and re-join broken ones.
(Punctuation that the converter pushed onto lines of its own: ``extract.punctuation``.)

Only the whitespace between runs of letters changes; every other character, Markdown and HTML
markup included, is kept. Word lists live in ``lang/vi/repair.toml``; syllable knowledge in
``extract.lexicon``. Nothing is read at import time.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from extract.errors import LanguageDataError
from extract.langdata import data_path, read_data_file
from extract.lexicon import is_well_formed, lexicon

REPAIR_FILE = "repair.toml"

# Scoring of a segmentation, as a cost (lower is better).
LEXICON_PIECE = 1.0  # a Viet74K syllable
RARE_PIECE = 0.4  # added for a syllable found in few Viet74K entries ("bằn" against "bằng")
COMMON_ENTRIES = 100  # entries from which a syllable counts as common
SHAPE_PIECE = 3.0  # well-formed but not in Viet74K
BROKEN_TOKEN = 12.0  # an original token that is no syllable at all
WORD_PAIR = -0.6  # two adjacent syllables that form a Viet74K word; less than a piece costs
MIN_GAIN = 2.0  # a repair must lower the cost by at least this much
MAX_SYLLABLE = 8  # letters in the longest syllable ("nghiêng" has 7)
MAX_EXTEND = 2  # sound tokens a repair may absorb on each side of a run of broken ones
FRAGMENT = 1.5  # added to a sound token that looks broken off its syllable ("bi ệt")
WEAK_LETTER = 2.5  # a one-letter syllable that rarely stands alone ("kha i" for "khai")

_LETTERS = regex.compile(r"\p{L}[\p{L}\p{M}]*")
# An e-mail is tried only where a run of non-spaces starts: the same matches, in linear time.
_MASK = regex.compile(r"<[^<>\n]*>|(?:https?://|www\.)\S+|(?<!\S)\S+@\S+")
_MASK_HINT = regex.compile(r"[<@]|://|www\.")
_VOWEL = regex.compile(r"[aeiouy]")
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}(?=\p{Ll})")
_GAP = regex.compile(r"[ \t\u00a0]+")
_CONNECTORS = frozenset("-/&@_.'’")
_ASCII_FOREIGN = regex.compile(r"[fjwz]|([a-z])\1", regex.IGNORECASE)

# Bounds that keep repair linear in the text on any input (a long run of broken tokens, a page of
# letters with no space): a repair window spans at most MAX_WINDOW_TOKENS tokens and at most
# MAX_WINDOW_LETTERS letters besides the broken token it is built around; per-token caches are
# bounded so a file of distinct garbage cannot grow them without limit.
MAX_WINDOW_TOKENS = 8
MAX_WINDOW_LETTERS = 64
CACHE_SIZE = 1 << 16


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


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    lower: str
    sound: bool  # a syllable that needs no repair
    fragment: bool = False  # sound, but likely the tail of the syllable before it ("bi ệt")


@lru_cache(maxsize=CACHE_SIZE)
def _piece_cost(piece: str) -> float | None:
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


def _pair_bonus(left: str | None, right: str | None) -> float:
    if left is None or right is None:
        return 0.0
    return WORD_PAIR if (left, right) in lexicon().pairs else 0.0


Links = list[dict[str | None, tuple[float, int, str | None]]]


def _segment_prefixes(text: str, before: str | None, strict: bool) -> Links:
    """Best splits of every prefix of ``text`` into syllables, for ``_segment_end`` to read.

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
            cost = _piece_cost(piece)
            if cost is None or (strict and cost >= SHAPE_PIECE):
                continue
            for last, (total, _, _) in best[i].items():
                new = total + cost + _pair_bonus(last, piece)
                held = best[j].get(piece)
                if held is None or new < held[0]:
                    best[j][piece] = (new, i, last)
    return best


def _segment_end(best: Links, n: int, after: str | None) -> tuple[float, list[int]] | None:
    """Best split of the first ``n`` letters followed by ``after``: (cost, cut offsets), or None."""
    if not best[n]:
        return None
    cost, start, last = min(
        ((total + _pair_bonus(piece, after), begin, previous) for piece, (total, begin, previous) in best[n].items()),
        key=lambda item: item[0],
    )
    cuts: list[int] = []
    while start > 0:
        cuts.append(start)
        _, start, last = best[start][last]
    cuts.reverse()
    return cost, cuts


def _token_cost(lower: str) -> float:
    """Cost of an original token as it stands."""
    if not _valid(lower):
        return BROKEN_TOKEN
    cost = _piece_cost(lower)
    return LEXICON_PIECE if cost is None else cost


def _original_cost(tokens: Sequence[_Token], before: str | None, after: str | None) -> float:
    total = 0.0
    last = before
    for token in tokens:
        total += _token_cost(token.lower) + _pair_bonus(last, token.lower)
        total += FRAGMENT if token.fragment else 0.0
        last = token.lower
    return total + _pair_bonus(last, after)


def _ascii_split_allowed(pieces: list[str], before: str | None, after: str | None) -> bool:
    """A pure-ASCII split needs a Viet74K word with an accented neighbour ("theo quy|định")."""
    left = before is not None and not before.isascii() and _pair_bonus(before, pieces[0]) != 0.0
    right = after is not None and not after.isascii() and _pair_bonus(pieces[-1], after) != 0.0
    return left or right


def _lower(word: str) -> str:
    """Lower case with the length kept, so offsets stay valid."""
    lower = word.lower()
    if len(lower) == len(word):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


@lru_cache(maxsize=CACHE_SIZE)
def _valid(lower: str) -> bool:
    """A syllable: well-formed, a listed foreign word, or an ASCII Viet74K entry with a vowel ("video")."""
    if is_well_formed(lower) or lower in repair_words().foreign_words:
        return True
    return lower.isascii() and lower in lexicon().syllables and bool(_VOWEL.search(lower))


@lru_cache(maxsize=CACHE_SIZE)
def _sound(lower: str) -> bool:
    """A token that needs no repair: a Viet74K syllable, not a lone letter that rarely stands alone."""
    return _valid(lower) and _token_cost(lower) < SHAPE_PIECE and _token_cost(lower) < WEAK_LETTER


def _frozen(text: str, scan: str, start: int, end: int, lower: str) -> bool:
    """A token never changed: inner capitals (UBND, iSpeed; but "vớiSở" is split), glued to a digit (4G) or to a
    connector inside a word (i-Speed, đo/xã), a listed foreign word, or English-looking ASCII."""
    word = text[start:end]
    if lower in repair_words().foreign_words:
        return True
    inner_capitals = sum(c.isupper() for c in word[1:])
    if inner_capitals and (word.isascii() or len(_CAMEL.findall(word)) != inner_capitals):
        return True  # "ĐắkNông"-style run-together words may be split at their capitals
    for edge, beyond in ((start - 1, start - 2), (end, end + 1)):
        if 0 <= edge < len(scan):
            char = scan[edge]
            if char.isdigit() or (char in _CONNECTORS and 0 <= beyond < len(scan) and scan[beyond].isalnum()):
                return True
    return not _valid(lower) and lower.isascii() and bool(_ASCII_FOREIGN.search(lower))


def _is_fragment(lowers: list[str], i: int) -> bool:
    """True if short sound token ``i`` reads as the tail of token ``i - 1``: joined they make a
    Viet74K syllable that forms a word with a neighbour ("đặc bi ệt" -> "đặc biệt"), and neither
    part does so on its own."""
    joined = lowers[i - 1] + lowers[i]
    if joined not in lexicon().syllables or _pair_bonus(lowers[i - 1], lowers[i]):
        return False
    before = lowers[i - 2] if i > 1 else None
    after = lowers[i + 1] if i + 1 < len(lowers) else None
    if _pair_bonus(before, lowers[i - 1]) or _pair_bonus(lowers[i], after):
        return False
    return bool(_pair_bonus(before, joined) or _pair_bonus(joined, after))


def _chains(text: str) -> list[list[_Token]]:
    """Runs of non-frozen letter tokens separated only by spaces, around each broken token.

    Fast path: one set lookup per token; only the neighbourhood of a broken token is classified.
    """
    scan = _MASK.sub(lambda m: "\x00" * len(m.group()), text) if _MASK_HINT.search(text) else text
    lowers = [_lower(w) for w in _LETTERS.findall(scan)]
    fragments = {i for i in range(1, len(lowers)) if len(lowers[i]) <= 2 and _is_fragment(lowers, i)}
    broken = sorted({i for i, lower in enumerate(lowers) if not _sound(lower)} | fragments)
    if not broken:
        return []
    spans = [m.span() for m in _LETTERS.finditer(scan)]
    frozen: dict[int, bool] = {}

    def is_frozen(i: int) -> bool:
        if i not in frozen:
            frozen[i] = _frozen(text, scan, spans[i][0], spans[i][1], lowers[i])
        return frozen[i]

    def joined(i: int) -> bool:  # token i and i + 1 are separated by spaces only
        return _GAP.fullmatch(scan, spans[i][1], spans[i + 1][0]) is not None

    chains: list[list[_Token]] = []
    covered = -1
    for i in broken:
        if i <= covered or is_frozen(i):
            continue
        lo = i
        while lo > covered + 1 and joined(lo - 1) and not is_frozen(lo - 1):
            lo -= 1
        hi = i
        while hi + 1 < len(spans) and joined(hi) and not is_frozen(hi + 1):
            hi += 1
        chains.append([
            _Token(*spans[k], lowers[k], _sound(lowers[k]) and k not in fragments, k in fragments)
            for k in range(lo, hi + 1)
        ])
        covered = hi
    return chains


def _splits_ascii(window: Sequence[_Token], cuts: list[int], strict: bool) -> bool:
    """True if a cut falls inside a pure-ASCII token ("theoquy" -> "theo quy") that keeps all its
    pieces to itself. Unless ``strict``, a token whose edge piece joins a broken neighbour
    ("thiể uchi" -> "thiểu chi") does not count."""
    offset, edges, total = 0, {0, *cuts}, sum(t.end - t.start for t in window)
    for token in window:
        size = token.end - token.start
        if token.lower.isascii() and any(offset < cut < offset + size for cut in cuts):
            crosses = offset not in edges or (offset + size not in edges and offset + size != total)
            if strict or not crosses:
                return True
        offset += size
    return False


def _plausible(
    text: str, window: Sequence[_Token], cuts: list[int], pieces: list[str], before: str | None, after: str | None
) -> bool:
    """Reject splits that read like a transliterated name ("Caribê" -> "Ca ri bê"): a capitalised
    token is never cut in three; two or more new cuts, or a cut inside a capitalised token, need a
    new piece that forms a Viet74K word."""
    spans, offset = set(), 0
    for token in window:
        spans.add((offset, offset + token.end - token.start))
        offset += token.end - token.start
    bounds = [0, *cuts, offset]
    changed = [False, *((a, b) not in spans for a, b in zip(bounds, bounds[1:])), False]
    offset = 0
    for token in window:  # a capitalised token cut in three or more is a name ("Bô lô via")
        size = token.end - token.start
        if text[token.start].isupper() and sum(offset < cut < offset + size for cut in cuts) > 1:
            return False
        offset += size
    chain = [before, *pieces, after]
    if any(
        (changed[k] or changed[k + 1]) and _pair_bonus(chain[k], chain[k + 1]) for k in range(len(chain) - 1)
    ):
        return True  # a new piece forms a Viet74K word
    if len(pieces) >= len(window) + 2:
        return False
    offset = 0
    for token in window:
        size = token.end - token.start
        if text[token.start].isupper() and any(offset < cut < offset + size for cut in cuts):
            return False
        offset += size
    return True


def _keeps_capitals(text: str, window: Sequence[_Token], cuts: list[int]) -> bool:
    """False if a capital letter would land inside a piece ("at Hoa" -> "a tHo a")."""
    offset, starts = 0, {0, *cuts}
    for token in window:
        word = text[token.start : token.end]
        for k, char in enumerate(word):
            if char.isupper() and offset + k not in starts:
                return False
        offset += len(word)
    return True


def _render(text: str, window: Sequence[_Token], cuts: list[int]) -> str:
    """The window's letters with a space at each cut; an original gap is kept where a cut falls on it."""
    gaps: dict[int, str] = {}
    offset = 0
    for token, following in zip(window, window[1:]):
        offset += token.end - token.start
        gaps[offset] = text[token.end : following.start]
    joined = "".join(text[t.start : t.end] for t in window)
    out: list[str] = []
    previous = 0
    for cut in cuts:
        out.append(joined[previous:cut])
        out.append(gaps.get(cut, " "))
        previous = cut
    out.append(joined[previous:])
    return "".join(out)


def _best_window(
    text: str, chain: list[_Token], i: int, free_from: int, run_end: int
) -> tuple[int, int, list[int]] | None:
    """The best repair of a window of ``chain`` holding unsound token ``i``: (lo, hi, cuts).

    ``run_end`` is the last unsound token of the run holding ``i``. A window holds at most
    ``MAX_WINDOW_TOKENS`` tokens and ``MAX_WINDOW_LETTERS`` letters besides token ``i``.
    """
    best: tuple[float, int, int, list[int]] | None = None
    top = min(len(chain), run_end + MAX_EXTEND + 1)
    for lo in range(i, max(free_from, i - MAX_EXTEND) - 1, -1):
        size = sum(t.end - t.start for t in chain[lo : i + 1])
        extra = size - (chain[i].end - chain[i].start)  # letters besides token i
        ends = [size]  # letters from chain[lo] to the end of chain[hi], for hi = i, i + 1, …
        for hi in range(i + 1, min(top, lo + MAX_WINDOW_TOKENS)):
            grow = chain[hi].end - chain[hi].start
            if extra + grow > MAX_WINDOW_LETTERS:
                break
            size, extra = size + grow, extra + grow
            ends.append(size)
        before = chain[lo - 1].lower if lo > 0 else None
        whole = "".join(t.lower for t in chain[lo : i + len(ends)])
        tables: dict[bool, Links] = {}
        strict = all(t.lower.isascii() for t in chain[lo:i] if not t.sound)
        for hi, size in zip(range(i, i + len(ends)), ends):
            strict = strict and (chain[hi].sound or chain[hi].lower.isascii())
            if hi > run_end and hi + 1 < len(chain) and not chain[hi + 1].sound:
                continue  # never end inside the next run of broken tokens
            if strict not in tables:
                tables[strict] = _segment_prefixes(whole, before, strict)
            after = chain[hi + 1].lower if hi + 1 < len(chain) else None
            found = _segment_end(tables[strict], size, after)
            if found is None:
                continue
            window = chain[lo : hi + 1]
            if not _keeps_capitals(text, window, found[1]):
                continue
            cost, cuts = found
            joined = whole[:size]
            bounds = [0, *cuts, len(joined)]
            pieces = [joined[x:y] for x, y in zip(bounds, bounds[1:])]
            if _splits_ascii(window, cuts, strict) and not _ascii_split_allowed(pieces, before, after):
                continue
            if not _plausible(text, window, cuts, pieces, before, after):
                continue
            gain = _original_cost(window, before, after) - cost
            if gain >= MIN_GAIN and (best is None or gain > best[0]):
                best = (gain, lo, hi, cuts)
    return best[1:] if best else None


def _repair_chain(text: str, chain: list[_Token]) -> list[tuple[int, int, str]]:
    """Edits (start, end, replacement) for one chain, left to right, windows not overlapping."""
    edits: list[tuple[int, int, str]] = []
    run_ends = [0] * len(chain)  # for each token, the last unsound token of the run it starts
    for k in range(len(chain) - 1, -1, -1):
        run_ends[k] = run_ends[k + 1] if k + 1 < len(chain) and not chain[k + 1].sound else k
    free_from = 0  # tokens before this index were used by an earlier repair
    for i, token in enumerate(chain):
        if i < free_from or token.sound:
            continue
        found = _best_window(text, chain, i, free_from, run_ends[i])
        if found is not None:
            lo, hi, cuts = found
            edits.append((chain[lo].start, chain[hi].end, _render(text, chain[lo : hi + 1], cuts)))
            free_from = hi + 1
    return edits


def repair_text(text: str) -> str:
    """Re-split run-together syllables and re-join broken ones in Vietnamese text.

    The text is NFC-normalised; after that only spaces between runs of letters change.
    Tokens touching digits or symbols (``4G``, ``i-Speed``, ``QĐ-BTTTT``), tokens with a capital
    after the first letter (``UBND``, ``iSpeed``), HTML tags, URLs and listed foreign words are
    never changed. Pure-ASCII tokens ("theoquy") are split only into Viet74K syllables that form a
    Viet74K word with a neighbour ("quy định").

    Args:
        text: one line or several; newlines and markup are kept.

    Returns:
        The repaired text ("Đơn vịphốihợp" -> "Đơn vị phối hợp", "hạ tầ ng" -> "hạ tầng").

    Raises:
        MissingDependency: underthesea, which ships the Viet74K word list, is not installed.
    """
    text = unicodedata.normalize("NFC", text)
    edits = [edit for chain in _chains(text) for edit in _repair_chain(text, chain)]
    if not edits:
        return text
    out, previous = [], 0
    for start, end, replacement in edits:
        out.append(text[previous:start])
        out.append(replacement)
        previous = end
    out.append(text[previous:])
    return "".join(out)
