"""What every loader calls a heading: a short line a source marks as one (a Word outline level,
an HTML ``<h4>``, a Markdown ``####``); a whole paragraph so marked is body text."""

from __future__ import annotations

from schemas.blocks import BlockKind

HEADING_MAX_CHARS = 200  # a marked heading longer than this is body text styled as a heading


def marked_heading_kind(text: str) -> BlockKind:
    """``"heading"`` for text a source marks as a heading, or ``"paragraph"`` when it is too long
    or spans lines: offices style body paragraphs as Heading 4, which an HTML export prints as
    ``<h4>``, and goals written there must still be read as sentences."""
    return "heading" if len(text) <= HEADING_MAX_CHARS and "\n" not in text else "paragraph"
