"""Stage 2, normalize: clean text once, before anything reads it.

NFC; legacy "Ð" (U+00D0, Icelandic eth) as "Đ"; slash look-alikes as "/"; invisible characters and odd spaces; broken
and run-together Vietnamese syllables repaired (``extract.repair``); punctuation that a PDF
converter pushed onto lines of their own put back in table cells; headings split over two
lines rejoined; web-page boilerplate after the text dropped.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from functools import cache, lru_cache

import regex

from extract.langdata import load_language
from extract.load.grid import grid_text, grid_warnings, map_grid_texts
from extract.pattern_cache import compile_cached
from schemas.blocks import Block, Grid, RawDocument

LEGACY_LETTERS = {0x00D0: 0x0110, 0x00F0: 0x0111}  # Icelandic eth as Vietnamese D with stroke
# Slash look-alikes OCR and some PDF fonts give for "/" ("Số: 1105⁄KH-ĐKT"): fraction, division, fullwidth.
SLASHES = {0x2044: 0x2F, 0x2215: 0x2F, 0xFF0F: 0x2F}
INVISIBLE = compile_cached(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
ODD_SPACE = compile_cached(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Every character the four replacements above change, for a cheap test before running them.
_RARE_CHARS = "".join(
    map(chr, [*LEGACY_LETTERS, *SLASHES, *range(0x200B, 0x2010), 0x2060, 0xFEFF, 0x00AD, 0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000])
)
_WIDE_GAP = compile_cached(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
RUN_OF_SPACES = compile_cached(r"[ \t]{2,}")
LETTER = compile_cached(r"\p{L}")
LETTERS = compile_cached(r"\p{L}+")
CELL_CACHE = 4096  # distinct cell texts whose normalised form is kept
VIETNAMESE_SHARE = 0.05  # share of Vietnamese-only letters from which a text is Vietnamese


def _has_any(text: str, chars: str) -> bool:
    """True if ``text`` holds one of ``chars``: one fast substring scan per character, where
    ``str.translate`` or a character-class pattern visits every character of the text."""
    return any(char in text for char in chars)


def clean_chars(text: str) -> str:
    """NFC, legacy eth as Đ, slash look-alikes as "/", invisible characters removed, odd spaces made plain.

    Each step runs only on a text that holds a character it changes (most texts hold none).
    """
    text = unicodedata.normalize("NFC", text)
    if _has_any(text, _RARE_CHARS):
        text = text.translate(LEGACY_LETTERS).translate(SLASHES)
        text = ODD_SPACE.sub(" ", INVISIBLE.sub("", text))
    return text


def detect_language(raw: RawDocument) -> str:
    """``vi`` when Vietnamese-only letters are common enough, else ``en``."""
    sample = " ".join(b.text[:2000] for b in raw.blocks[:200]).casefold()
    letters = sum(map(len, LETTERS.findall(sample)))  # runs of letters, not one match per letter
    if not letters:
        return "vi"
    own = sum(map(sample.count, _own_letters()))
    return "vi" if own / letters >= VIETNAMESE_SHARE else "en"


@cache
def _own_letters() -> tuple[str, ...]:
    """The Vietnamese-only letters, each counted in a text with one fast ``str.count``."""
    return tuple(c for c in set(load_language("vi").value("letters")) if len(c) == 1 and LETTER.match(c))


def _lines(text: str) -> list[str]:
    text = clean_chars(text)
    if "  " not in text and "\t" not in text:  # no run of spaces anywhere: nothing to collapse
        return [line.strip() for line in text.split("\n")]
    return [RUN_OF_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def _text(text: str, lang: str) -> str:
    lines = _lines(text)
    if lang == "vi":
        from extract.repair import repair_text

        lines = [repair_text(line) for line in lines]
    return "\n".join(lines)


@lru_cache(maxsize=CELL_CACHE)
def _cell(text: str, lang: str) -> str:
    """A table cell's text, clean and repaired (cached: spans and lists repeat the same cells).
    A run of spaces inside a cell's line is the line break a converter joined it with
    (markitdown writes a Word cell's paragraphs "A  B"), so the cell keeps its lines."""
    lines = [line for line in _lines(_WIDE_GAP.sub("\n", text)) if line]
    if lang != "vi":
        return "\n".join(lines)
    from extract.punctuation import reattach_punctuation

    return "\n".join(reattach_punctuation(lines)) if lines else ""  # repaired once, by reattach_punctuation


def _grid(grid: Grid, lang: str) -> Grid:
    return map_grid_texts(grid, lambda text: _cell(text, lang))


def _rejoin_headings(blocks: list[Block], lang: str) -> list[Block]:
    """A heading continued by the next, deeper heading ("… thúc đẩy" / "### nâng cấp …").

    The parts of a heading are joined once, at its end, so a long run of continuations costs
    what its text costs.
    """
    endings = [" " + w.casefold() for w in load_language(lang).words("headings", "continuation_endings")]
    reach = max((len(e) for e in endings), default=1)
    out: list[Block] = []
    parts: list[str] = []  # the texts joined into out[-1] so far
    tail = ""  # the last ``reach`` characters of those texts joined, casefolded

    def close() -> None:
        if len(parts) > 1:
            out[-1] = replace(out[-1], text=" ".join(parts))

    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "heading"
            and block.kind == "heading"
            and block.level > prev.level
            and block.text
            and (block.text[0].islower() or any(tail.endswith(e) for e in endings))
        ):
            parts.append(block.text)
            tail = (tail + " " + block.text[-reach:].casefold())[-reach:]
            continue
        close()
        out.append(block)
        parts, tail = [block.text], block.text[-reach:].casefold()
    close()
    return out


@cache
def _boilerplate_markers() -> regex.Pattern[str]:
    """Every language's chrome markers as one pattern: a line matches it when it matches any."""
    markers = [m for code in ("vi", "en") for m in load_language(code).words("boilerplate", "markers")]
    return compile_cached("|".join(f"(?:{m})" for m in markers) or r"(?!)", regex.IGNORECASE)


def _cut_boilerplate(blocks: list[Block], lang: str) -> tuple[list[Block], list[str]]:
    """Drop everything from the first web-page chrome line on ("Recent news", "Comment")."""
    marker = _boilerplate_markers()
    for index, block in enumerate(blocks):
        if block.kind == "table":
            continue
        lines = block.text.split("\n")
        for at, line in enumerate(lines):
            if marker.search(line.strip()):
                kept = blocks[:index] + ([replace(block, text="\n".join(lines[:at]))] if at else [])
                dropped = len(blocks) - index
                return kept, [f"dropped {dropped} blocks of web-page boilerplate from line {block.line} ('{line.strip()[:40]}')"]
    return blocks, []


def raw_to_normalized(raw: RawDocument) -> tuple[RawDocument, str]:
    """The document with clean text, and its language code."""
    lang = detect_language(raw)
    blocks: list[Block] = []
    warnings: list[str] = []
    for block in raw.blocks:
        if block.grid is not None:
            warnings.extend(grid_warnings(block.grid))
            grid = _grid(block.grid, lang)
            blocks.append(replace(block, text=grid_text(grid), grid=grid))
        else:
            text = _text(block.text, lang)
            if text.strip():
                blocks.append(replace(block, text=text))
    blocks = _rejoin_headings(blocks, lang)
    blocks, cut = _cut_boilerplate(blocks, lang)
    return replace(raw, blocks=tuple(blocks), warnings=raw.warnings + tuple(warnings + cut)), lang
