"""Positioned words to lines, paragraphs and headings, in reading order.

Words come from pdfplumber (or an OCR engine) as dicts with ``text``, ``x0``, ``x1``, ``top``,
``bottom`` and, when known, ``fontname`` and ``size``. A line is cut into segments at wide gaps
(the two columns of a letterhead); segments that follow each other in one column join into a
paragraph unless a first-line indent, a short last line, a list marker or a change of weight
says a new one starts. Wrapped lines join with a space: a PDF line break is layout, not text
(with nothing after a line ending in a hyphen glued to its word: "…/NĐ-" / "CP" is "NĐ-CP").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from extract.pattern_cache import compile_cached

LINE_TOLERANCE = 0.45  # of the font size: words whose tops differ less share a line
COLUMN_GAP = 2.2  # font sizes of empty space that cut a line into two segments
MIN_COLUMN_GAP = 18.0
GAP_OUTLIER = 3.0  # times the line's median gap  # points
PARAGRAPH_GAP = 0.9  # font sizes of extra space between lines that starts a new paragraph
INDENT = 8.0  # points of first-line indent that start a new paragraph
SHORT_LINE = 0.82  # a line ending before this share of its column width ends a paragraph
HEADING_MAX_CHARS = 250
DEFAULT_SIZE = 12.0
LIST_MARKER = compile_cached(r"^(?:[-+•–—*·▪■●◦]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|\p{Ll})[.)])(?:\s|$)")
ROMAN = compile_cached(r"^[IVXLC]{1,6}[.)]\s")
DECIMAL_2 = compile_cached(r"^\d{1,3}\.\d{1,3}[.)]?\s")
DECIMAL_1 = compile_cached(r"^\d{1,3}[.)]\s")
LETTER_ITEM = compile_cached(r"^\p{Ll}[.)]\s")
BOLD_FONT = compile_cached(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)
OPEN_END = compile_cached(r"[,;]$")
CUT_AT_HYPHEN = compile_cached(r"[\p{L}\p{N}]-$")  # "NĐ-" ending a line, the rest of "NĐ-CP" on the next


@dataclass(slots=True)
class Segment:
    """Words of one line within one column."""

    words: list[Mapping[str, Any]]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def text(self) -> str:
        return " ".join(str(w["text"]) for w in self.words)

    @property
    def bold(self) -> bool:
        return all(_word_bold(w) for w in self.words)


@dataclass(slots=True)
class TextBlock:
    """A paragraph or heading of one page, with the position it was read from (no words: a
    document's worth of word dicts would make memory grow with the page count)."""

    kind: str
    text: str
    level: int
    top: float
    bottom: float
    x0: float
    x1: float


def _word_bold(word: Mapping[str, Any]) -> bool:
    share = word.get("bold_share")
    if isinstance(share, (int, float)):
        return share >= 0.5
    return BOLD_FONT.search(str(word.get("fontname", ""))) is not None


def _size(word: Mapping[str, Any]) -> float:
    size = word.get("size")
    if isinstance(size, (int, float)) and size > 0:
        return float(size)
    return max(float(word["bottom"]) - float(word["top"]), 1.0) or DEFAULT_SIZE


def words_to_lines(words: Iterable[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Words grouped into lines by their tops, each line sorted left to right.

    Words an OCR engine already put on lines (``ocr_line``) keep its lines, which survive skew.
    """
    words = list(words)
    if words and all("ocr_line" in w for w in words):
        by_line: dict[Any, list[Mapping[str, Any]]] = {}
        for word in words:
            by_line.setdefault(word["ocr_line"], []).append(word)
        grouped = sorted(by_line.values(), key=lambda ws: min(float(w["top"]) for w in ws))
        return [sorted(line, key=lambda w: float(w["x0"])) for line in grouped]
    ordered = sorted(words, key=lambda w: (float(w["top"]), float(w["x0"])))
    lines: list[list[Mapping[str, Any]]] = []
    ref_top = ref_size = 0.0
    for word in ordered:
        top, size = float(word["top"]), _size(word)
        if lines and abs(top - ref_top) <= LINE_TOLERANCE * max(ref_size, size):
            lines[-1].append(word)
            continue
        lines.append([word])
        ref_top, ref_size = top, size
    return [sorted(line, key=lambda w: float(w["x0"])) for line in lines]


def line_to_segments(line: Sequence[Mapping[str, Any]]) -> list[Segment]:
    """One line cut at wide gaps into column segments.

    A gap cuts when it is wide for the font and stands out from the line's other gaps: a
    justified line spreads its spaces evenly, a letterhead has one gulf between its columns.
    """
    gaps = [float(b["x0"]) - float(a["x1"]) for a, b in zip(line, line[1:], strict=False)]
    typical = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    segments: list[Segment] = []
    current: list[Mapping[str, Any]] = []
    for i, word in enumerate(line):
        if current:
            size = max(_size(current[-1]), _size(word))
            gap = gaps[i - 1]
            if gap > max(MIN_COLUMN_GAP, COLUMN_GAP * size) and (len(gaps) < 3 or gap > GAP_OUTLIER * typical):
                segments.append(_segment(current))
                current = []
        current.append(word)
    if current:
        segments.append(_segment(current))
    return segments


def _segment(words: list[Mapping[str, Any]]) -> Segment:
    sizes = sorted(_size(w) for w in words)
    return Segment(
        words,
        min(float(w["x0"]) for w in words),
        max(float(w["x1"]) for w in words),
        min(float(w["top"]) for w in words),
        max(float(w["bottom"]) for w in words),
        sizes[len(sizes) // 2],
    )


def words_to_segments(words: Iterable[Mapping[str, Any]]) -> list[Segment]:
    """Every column segment of every line, top to bottom, left to right."""
    return [seg for line in words_to_lines(words) for seg in line_to_segments(line)]


def join_wrapped(segments: Sequence[Segment], width: float) -> str:
    """Lines of one cell as text: wrapped lines joined by a space, real breaks kept.

    ``width`` is the room a line has (the cell's inner width). A line after which the next
    line's first word would still have fitted was broken on purpose (``\n``: one name or item
    per line, centred or not); so is a line before a list marker.
    """
    if not segments:
        return ""
    room = max(width, max(s.x1 - s.x0 for s in segments))
    parts = [segments[0].text]
    for prev, seg in zip(segments, segments[1:], strict=False):
        first = seg.words[0]
        needed = (prev.x1 - prev.x0) + 0.3 * seg.size + (float(first["x1"]) - float(first["x0"]))
        broke = LIST_MARKER.match(seg.text) is not None or needed < room - 0.5 * seg.size
        parts.append(("\n" if broke else line_joint(prev.text, seg.text)) + seg.text)
    return "".join(parts)


def line_joint(before: str, after: str) -> str:
    """What joins two wrapped lines: a space, or nothing after a hyphen that ends a line with
    no space before it ("…/NĐ-" then "CP…"): the line was wrapped inside a compound, whose
    hyphen would have had a space before it had the writer meant a dash."""
    return "" if CUT_AT_HYPHEN.search(before) and after[:1].isalnum() else " "


def _heading_level(text: str) -> int:
    if ROMAN.match(text):
        return 1
    if DECIMAL_2.match(text):
        return 3
    if DECIMAL_1.match(text):
        return 2
    if LETTER_ITEM.match(text):
        return 4
    letters = [c for c in text if c.isalpha()]
    return 1 if letters and all(c.isupper() for c in letters) else 2


def _is_heading(segments: Sequence[Segment], text: str) -> bool:
    if len(text) > HEADING_MAX_CHARS or OPEN_END.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return False
    if all(seg.bold for seg in segments):
        return True
    return all(c.isupper() for c in letters) and len(letters) >= 4


def segments_to_blocks(segments: Sequence[Segment], *, left: float, right: float) -> list[TextBlock]:
    """Paragraphs and headings of one page (``left``/``right``: the text column's edges)."""
    width = max(right - left, 1.0)
    groups: list[list[Segment]] = []
    for seg in segments:
        target = None
        for group in reversed(groups[-4:]):
            last = group[-1]
            if _continues(group, last, seg, left, width):
                target = group
                break
        if target is None:
            groups.append([seg])
        else:
            target.append(seg)
    return _reading_order([_segments_to_block(group) for group in groups])


def _continues(group: Sequence[Segment], last: Segment, seg: Segment, left: float, width: float) -> bool:
    """Does ``seg`` carry on the paragraph whose last line is ``last``?"""
    if seg.top < last.bottom - 1:
        return False
    if min(last.x1, seg.x1) - max(last.x0, seg.x0) <= 0:
        return False
    if seg.top - last.bottom > PARAGRAPH_GAP * max(seg.size, last.size):
        return False
    if abs(seg.size - last.size) > 1.5 or seg.bold != last.bold:
        return False
    if LIST_MARKER.match(seg.text):
        return False
    if seg.x0 > last.x0 + INDENT and seg.x0 > min(s.x0 for s in group) + INDENT:
        return False
    column_right = max(max(s.x1 for s in group), seg.x1)
    column_left = min(min(s.x0 for s in group), seg.x0)
    column_width = max(column_right - column_left, 1.0)
    # A last line that stops short ended its paragraph (ragged right), unless the lines are
    # short because the column is narrow and centred (a letterhead), where width says nothing.
    if column_width > 0.5 * width and last.x1 < column_left + SHORT_LINE * column_width:
        return False
    return True


def ocr_words_to_blocks(words: Sequence[Mapping[str, Any]]) -> list[TextBlock]:
    """Paragraphs as the OCR engine found them (``ocr_line`` = page, block, paragraph, line).

    An engine's own paragraphs follow a skewed page better than grouping by position does;
    a line that opens with a list marker ("- Thời gian …", "(3) …") starts a paragraph of its
    own, as it does in a text layer (the engine runs indented list items together).
    """
    paragraphs: dict[Any, list[Mapping[str, Any]]] = {}
    for word in words:
        paragraphs.setdefault(tuple(word["ocr_line"])[:3], []).append(word)
    blocks = []
    for group in paragraphs.values():
        run: list[Segment] = []
        for line in (_segment(words) for words in words_to_lines(group)):
            if run and LIST_MARKER.match(line.text):
                blocks.append(_segments_to_block(run))
                run = []
            run.append(line)
        blocks.append(_segments_to_block(run))
    return _reading_order(blocks)


def segments_to_block_text(segments: Sequence[Segment]) -> str:
    """The lines of one paragraph as one line of text."""
    text = segments[0].text if segments else ""
    for prev, seg in zip(segments, segments[1:], strict=False):
        text += line_joint(prev.text, seg.text) + seg.text
    return text


def _segments_to_block(segments: Sequence[Segment]) -> TextBlock:
    """One paragraph or heading from the lines it spans, with its bounding box."""
    text = segments_to_block_text(segments)
    kind = "heading" if _is_heading(segments, text) else "paragraph"
    return TextBlock(
        kind,
        text,
        _heading_level(text) if kind == "heading" else 0,
        min(s.top for s in segments),
        max(s.bottom for s in segments),
        min(s.x0 for s in segments),
        max(s.x1 for s in segments),
    )


def _reading_order(blocks: list[TextBlock]) -> list[TextBlock]:
    return sorted(blocks, key=lambda b: (round(b.top), b.x0))
