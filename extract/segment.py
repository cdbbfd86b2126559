"""Stage 3, segment: heading lines found, top-level sections by role, task tables stitched.

Headings come from the loader (Markdown ``#``, Word outline levels) or, format-free, from the
text itself: an upper-case line ("I. MỤC TIÊU", "TỔ CHỨC THỰC HIỆN"), a numbered short line
with no closing full stop ("1. Mục tiêu cụ thể", "Phần II.", "a) Nhóm nhiệm vụ"), and, inside
a plan's sections, a short unpunctuated line standing alone ("Mục tiêu chung").
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import regex

from extract.langdata import load_language, nfc
from extract.pattern_cache import compile_cached
from extract.spaces import collapse_spaces
from schemas.blocks import Block, RawDocument, Section, Segmented, TaskTable

NUMBERING = compile_cached(r"^(?:[IVXLC]+|\d{1,2}|\p{Ll})[.)]\s*", regex.IGNORECASE)
ROMAN = compile_cached(r"^(?P<num>[IVXLC]{1,6})[.)]\s+(?=\S)")
ARABIC = compile_cached(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?[)]?\s+(?=\S)")
LETTER_ITEM = compile_cached(r"^(?P<num>\p{Ll})[)]\s+(?=\S)")
LETTER = compile_cached(r"\p{L}")
NOT_LETTERS = compile_cached(r"\P{L}+")
# A figure other than a year ("100%", "40 Mbit/s", "1.125 trạm"): a line stating one is body text
# (an objective to read), not a heading; "5G" and "2026 - 2030" are not figures.
FIGURE = compile_cached(r"%|(?<![\p{L}\d.,/])(?!(?:19|20)\d\d(?![\d.,]))\d+(?:[.,]\d+)*(?![\p{L}\d])")
HEADING_MAX = 200  # characters: a longer numbered or upper-case line is body text
PLAIN_HEADING_MAX = 120  # characters: an unnumbered mixed-case heading line is shorter still
PLAIN_HEADING_LINES = 2  # source lines an unnumbered heading may wrap over
UPPER_SHARE = 0.9  # share of upper-case letters that makes a line an upper-case heading
COMMON_LOWER = "nhtiacg"  # frequent lower-case letters, counted to refuse most lines early (any set is exact)
MIN_UPPER_LETTERS = 4
SENTENCE_END = (".", ";", ",", "!", "?", "…")


def strip_numbering(text: str, lang: str) -> str:
    """A heading without its number: "5. PHỤ LỤC", "Phần II. NHIỆM VỤ" -> the name."""
    named = _numbering_words(lang)
    if named is not None:
        text = named.sub("", text)
    return NUMBERING.sub("", text)


@cache
def _numbering_words(lang: str) -> regex.Pattern[str] | None:
    words = load_language(lang).words("headings", "numbering_words")
    if not words:
        return None
    named = "|".join(regex.escape(w) for w in words)
    return compile_cached(rf"^(?:{named})\s+(?:[IVXLC]+|\d{{1,2}})\s*[.:]?\s*", regex.IGNORECASE)


def heading_role(text: str, level: int, lang: str) -> str | None:
    """The section a heading opens ("objectives", "tasks", "implementation" …), if any.

    A level-1 heading opens a section when it starts with a section name; a deeper heading
    only when it is exactly one (so "Mục tiêu cụ thể đến 2025" stays inside its section).
    """
    key = strip_numbering(collapse_spaces(nfc(text)).strip(), lang).casefold().rstrip(" :.")
    best: tuple[int, str] | None = None
    for role, names in load_language(lang).table("sections").items():
        for name in names:
            name = name.casefold()
            matches = key == name or (level <= 1 and key.startswith(name + " "))
            if matches and (best is None or len(name) > best[0]):
                best = (len(name), role)
    return best[1] if best else None


def _upper(text: str) -> bool:
    # Fast refusal, exact: these lower-case letters are letters that are not upper case, and a
    # text holds at most len(text) letters, so more of them than the share left to lower case
    # of len(text) (plus one, a margin for rounding) leave less than UPPER_SHARE upper case.
    # Most lines are refused here, without a pattern.
    if sum(map(text.count, COMMON_LOWER)) > (1 - UPPER_SHARE) * len(text) + 1:
        return False
    letters = NOT_LETTERS.sub("", text)  # one string, not one match per letter
    return len(letters) >= MIN_UPPER_LETTERS and sum(map(str.isupper, letters)) >= UPPER_SHARE * len(letters)


def line_heading_level(text: str, lang: str, *, in_plan: bool) -> int | None:
    """The outline level a text line has as a heading, or None for body text.

    Upper-case lines and Roman or "Phần/Chương" numbers are level 1 (an upper-case line with
    an Arabic number too: "1. MỤC TIÊU"); "1." is 2, "1.1" 3, "1.1.1" and "a)" 4; an
    unnumbered short line inside a plan's sections is 3.
    """
    flat = collapse_spaces(text).strip()
    if not flat or len(flat) > HEADING_MAX or not LETTER.search(flat):
        return None
    words = _numbering_words(lang)
    if words is not None and words.match(flat):
        return 1
    if flat.endswith((";", ",")):
        return None  # body text, upper-case or not
    closed = flat.endswith(SENTENCE_END) and not (flat.endswith(".") and len(flat.split()) <= 2)
    if _upper(flat):
        return None if flat.endswith((";", ",")) else 1
    if closed:
        return None
    numbered = ROMAN.match(flat) or ARABIC.match(flat) or LETTER_ITEM.match(flat)
    if FIGURE.search(flat[numbered.end() :] if numbered else flat):
        return None
    if ROMAN.match(flat):
        return 1
    if match := ARABIC.match(flat):
        return 1 + min(match.group("num").count(".") + 1, 3)
    if LETTER_ITEM.match(flat):
        return 4
    first = flat[0]
    if in_plan and first.isupper() and len(flat) <= PLAIN_HEADING_MAX and text.count("\n") < PLAIN_HEADING_LINES:
        return 3
    return None


def _continues(previous: str, lang: str) -> bool:
    endings = [w.casefold() for w in load_language(lang).words("headings", "continuation_endings")]
    tail = previous.casefold().rstrip()
    return any(tail.endswith(" " + e) for e in endings)


def _split_at_section_lines(blocks: tuple[Block, ...], lang: str) -> tuple[Block, ...]:
    """A block a converter ran together (no blank lines) cut before each line that names a
    section ("I. MỤC TIÊU" at the end of a letterhead paragraph)."""
    out: list[Block] = []
    for block in blocks:
        lines = block.text.split("\n")
        if block.kind not in ("paragraph", "list_item") or len(lines) < 2:
            out.append(block)
            continue
        start = 0
        for at, line in enumerate(lines):
            if at == 0 or line_heading_level(line, lang, in_plan=False) != 1 or heading_role(line, 1, lang) is None:
                continue
            if start < at:
                out.append(replace(block, text="\n".join(lines[start:at]), line=_offset(block.line, start),
                                   marker=block.marker if start == 0 else "", kind=block.kind if start == 0 else "paragraph"))
            out.append(replace(block, kind="heading", text=line.strip(), level=1, line=_offset(block.line, at), marker=""))
            start = at + 1
        if start == 0:
            out.append(block)
        elif start < len(lines):
            out.append(replace(block, kind="paragraph", text="\n".join(lines[start:]), line=_offset(block.line, start), marker=""))
    return tuple(out)


def _offset(line: int | None, by: int) -> int | None:
    return None if line is None else line + by


def blocks_to_headed(blocks: tuple[Block, ...], lang: str) -> tuple[Block, ...]:
    """Paragraphs that are heading lines made headings; a heading cut over two lines rejoined.

    An unnumbered line is only taken for a heading once a section heading was seen (so an
    article's short opening lines stay paragraphs) and when body text follows it.
    """
    blocks = _split_at_section_lines(blocks, lang)
    out: list[Block] = []
    in_plan = False
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            in_plan = in_plan or heading_role(block.text, block.level, lang) is not None
            out.append(block)
            continue
        level = None
        text = f"{block.marker} {block.text}" if block.marker else block.text
        if block.kind == "paragraph" or (block.kind == "list_item" and block.marker):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            level = line_heading_level(text, lang, in_plan=in_plan and following is not None and not block.marker)
        if level is None:
            out.append(block)
            continue
        text = text.strip()  # line breaks kept: a letterhead reader needs them
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "heading" and prev.line != block.line and (
            _continues(prev.text, lang) or (text[0].islower() and not LETTER_ITEM.match(text))
        ):  # "a) Nhiệm vụ:" under a heading opens an item; it does not finish the heading
            out[-1] = replace(prev, text=f"{prev.text} {text}")
            continue
        out.append(replace(block, kind="heading", text=text, level=level, marker=""))  # the number is in the text now
        in_plan = in_plan or heading_role(text, level, lang) is not None
    return tuple(out)


def blocks_to_sections(blocks: tuple[Block, ...], lang: str) -> tuple[Section, ...]:
    sections: list[Section] = []
    role: str | None = None
    heading = ""
    current: list[Block] = []
    for block in blocks:
        if block.kind == "heading" and (new_role := heading_role(block.text, block.level, lang)):
            if current or heading:
                sections.append(Section(role, heading, tuple(current)))
            role, heading, current = new_role, block.text, []
            continue
        current.append(block)
    sections.append(Section(role, heading, tuple(current)))
    return tuple(sections)


def normalized_to_segmented(raw: RawDocument, lang: str) -> Segmented:
    """Sections and task tables of a normalized document; its heading lines marked as such.

    The table stage (its modules, classes and patterns) is imported only for a document that
    has grids: a short article or a prose plan has none and would only pay its import."""
    tables: tuple[TaskTable, ...] = ()
    warnings: list[str] = []
    if any(block.grid is not None for block in raw.blocks):
        from extract.tables import blocks_to_task_tables

        tables, warnings = blocks_to_task_tables(raw.blocks, load_language(lang))
    headed = replace(raw, blocks=blocks_to_headed(raw.blocks, lang))
    return Segmented(headed, lang, blocks_to_sections(headed.blocks, lang), tables, tuple(warnings))
