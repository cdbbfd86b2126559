"""Text repair after PDF conversion: re-split run-together syllables and re-join broken ones.
(Punctuation that the converter pushed onto lines of its own: ``extract.punctuation``.)

Only the whitespace between runs of letters changes; every other character, Markdown and HTML
markup included, is kept. Word lists live in ``lang/vi/repair.toml``; syllable knowledge in
``extract.lexicon``. Nothing is read at import time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extract.lexicon import lexicon
from extract.pattern_cache import compile_cached
from extract.syllable_cost import (
    Links,
    is_sound,
    is_valid,
    pair_bonus,
    repair_words,
    segment_end,
    segment_prefixes,
    token_cost,
)

MIN_GAIN = 2.0  # a repair must lower the cost by at least this much
MAX_EXTEND = 2  # sound tokens a repair may absorb on each side of a run of broken ones
FRAGMENT = 1.5  # added to a sound token that looks broken off its syllable ("bi ệt")

_LETTERS = compile_cached(r"\p{L}[\p{L}\p{M}]*")
# An e-mail is tried only where a run of non-spaces starts: the same matches, in linear time.
_MASK = compile_cached(r"<[^<>\n]*>|(?:https?://|www\.)\S+|(?<!\S)\S+@\S+")
_CAMEL = compile_cached(r"\p{Ll}\p{Lu}(?=\p{Ll})")
_GAP = compile_cached(r"[ \t\u00a0]+")
_CONNECTORS = frozenset("-/&@_.'’")
_ASCII_FOREIGN = compile_cached(r"[fjwz]|([a-z])\1", regex.IGNORECASE)

# Bounds that keep repair linear in the text on any input (a long run of broken tokens, a page of
# letters with no space): a repair window spans at most MAX_WINDOW_TOKENS tokens and at most
# MAX_WINDOW_LETTERS letters besides the broken token it is built around; per-token caches are
# bounded (``extract.syllable_cost``) so a file of distinct garbage cannot grow them without limit.
MAX_WINDOW_TOKENS = 8
MAX_WINDOW_LETTERS = 64


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    lower: str
    sound: bool  # a syllable that needs no repair
    fragment: bool = False  # sound, but likely the tail of the syllable before it ("bi ệt")


def _original_cost(tokens: Sequence[_Token], before: str | None, after: str | None) -> float:
    total = 0.0
    last = before
    for token in tokens:
        total += token_cost(token.lower) + pair_bonus(last, token.lower)
        total += FRAGMENT if token.fragment else 0.0
        last = token.lower
    return total + pair_bonus(last, after)


def _ascii_split_allowed(pieces: list[str], before: str | None, after: str | None) -> bool:
    """A pure-ASCII split needs a Viet74K word with an accented neighbour ("theo quy|định")."""
    left = before is not None and not before.isascii() and pair_bonus(before, pieces[0]) != 0.0
    right = after is not None and not after.isascii() and pair_bonus(pieces[-1], after) != 0.0
    return left or right


def _lower(word: str) -> str:
    """Lower case with the length kept, so offsets stay valid."""
    lower = word.lower()
    if len(lower) == len(word):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


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
    return not is_valid(lower) and lower.isascii() and bool(_ASCII_FOREIGN.search(lower))


def _is_fragment(lowers: list[str], i: int) -> bool:
    """True if short sound token ``i`` reads as the tail of token ``i - 1``: joined they make a
    Viet74K syllable that forms a word with a neighbour ("đặc bi ệt" -> "đặc biệt"), and neither
    part does so on its own."""
    joined = lowers[i - 1] + lowers[i]
    if joined not in lexicon().syllables or pair_bonus(lowers[i - 1], lowers[i]):
        return False
    before = lowers[i - 2] if i > 1 else None
    after = lowers[i + 1] if i + 1 < len(lowers) else None
    if pair_bonus(before, lowers[i - 1]) or pair_bonus(lowers[i], after):
        return False
    return bool(pair_bonus(before, joined) or pair_bonus(joined, after))


def _chains(text: str) -> list[list[_Token]]:
    """Runs of non-frozen letter tokens separated only by spaces, around each broken token.

    Fast path: one set lookup per token; only the neighbourhood of a broken token is classified.
    """
    # Every _MASK match holds "<", "@", "://" or "www.": substring tests are cheaper than a pattern.
    masked = "<" in text or "@" in text or "://" in text or "www." in text
    scan = _MASK.sub(lambda m: "\x00" * len(m.group()), text) if masked else text
    lowered = scan.lower()
    # Lower-casing that keeps every character one character keeps letters letters and marks
    # marks, so the tokens of the lowered text are the lowered tokens (one pass, no per-token call).
    lowers = _LETTERS.findall(lowered) if len(lowered) == len(scan) else [_lower(w) for w in _LETTERS.findall(scan)]
    syllables = lexicon().syllables  # the first test of ``_is_fragment``, made here for every short token
    fragments = {
        i for i in range(1, len(lowers))
        if len(lowers[i]) <= 2 and lowers[i - 1] + lowers[i] in syllables and _is_fragment(lowers, i)
    }
    if not fragments and all(map(is_sound, lowers)):
        return []  # most lines: every token sound, found without a Python step per token
    broken = sorted({i for i, sound in enumerate(map(is_sound, lowers)) if not sound} | fragments)
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
            _Token(*spans[k], lowers[k], is_sound(lowers[k]) and k not in fragments, k in fragments)
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
        (changed[k] or changed[k + 1]) and pair_bonus(chain[k], chain[k + 1]) for k in range(len(chain) - 1)
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
                tables[strict] = segment_prefixes(whole, before, strict)
            after = chain[hi + 1].lower if hi + 1 < len(chain) else None
            found = segment_end(tables[strict], size, after)
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
