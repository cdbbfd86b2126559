"""Stage 3, segment: top-level sections by role, and the task tables stitched together."""

from __future__ import annotations

import regex

from extract.langdata import load_language, nfc
from extract.tables import blocks_to_task_tables
from schemas.blocks import Block, RawDocument, Section, Segmented

NUMBERING = regex.compile(r"^(?:[IVXLC]+|\d{1,2}|\p{Ll})[.)]\s*", regex.IGNORECASE)


def strip_numbering(text: str, lang: str) -> str:
    """A heading without its number: "5. PHỤ LỤC", "Phần II. NHIỆM VỤ" -> the name."""
    words = load_language(lang).words("headings", "numbering_words")
    if words:
        named = "|".join(regex.escape(w) for w in words)
        text = regex.sub(rf"^(?:{named})\s+(?:[IVXLC]+|\d{{1,2}})\s*[.:]?\s*", "", text, flags=regex.IGNORECASE)
    return NUMBERING.sub("", text)


def heading_role(text: str, level: int, lang: str) -> str | None:
    """The section a heading opens ("objectives", "tasks", "implementation" …), if any.

    A level-1 heading opens a section when it starts with a section name; a deeper heading
    only when it is exactly one (so "Mục tiêu cụ thể đến 2025" stays inside its section).
    """
    key = strip_numbering(nfc(text).strip(), lang).casefold().rstrip(" :.")
    best: tuple[int, str] | None = None
    for role, names in load_language(lang).table("sections").items():
        for name in names:
            name = name.casefold()
            if key == name or (level <= 1 and key.startswith(name + " ")):
                if best is None or len(name) > best[0]:
                    best = (len(name), role)
    return best[1] if best else None


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
    """Sections and task tables of a normalized document."""
    tables, warnings = blocks_to_task_tables(raw.blocks, load_language(lang))
    return Segmented(raw, lang, blocks_to_sections(raw.blocks, lang), tables, tuple(warnings))
