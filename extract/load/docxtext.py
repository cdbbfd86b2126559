"""The text of Word paragraphs as a reader sees it, with pages counted on the way.

Runs are read through the wrappers Word puts around them (hyperlinks, content controls, smart
tags, simple fields, tracked insertions and moves); tracked deletions, moved-away text, hidden
runs and field instructions are left out, field results kept. Automatic numbers are written in
front of the text. A run in a legacy Vietnamese font is converted to Unicode; an all-caps run
is upper-cased as Word draws it. Text-box paragraphs are collected to be read after their host.

Pages: Word records where it last broke pages (``w:lastRenderedPageBreak``); when a file has
those marks they are counted, otherwise explicit breaks (page breaks, page-break-before,
section breaks) are. A file with neither has no page numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extract.legacy import encoding_of_font, legacy_to_unicode
from extract.load.docxnumbering import Numbering
from extract.load.docxstyles import (
    EMPTY_RUN,
    VAL,
    ParaProps,
    RunProps,
    Styles,
    W,
    para_props,
    run_props,
)

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
P, R, T, TBL = f"{W}p", f"{W}r", f"{W}t", f"{W}tbl"
PPR, RPR, SDT, SDT_CONTENT = f"{W}pPr", f"{W}rPr", f"{W}sdt", f"{W}sdtContent"
TRANSPARENT = frozenset(f"{W}{t}" for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple",
                                              "bdo", "dir"))
DROPPED = frozenset(f"{W}{t}" for t in ("del", "moveFrom"))
MATH = frozenset({f"{M}oMath", f"{M}oMathPara"})
SPACE_LIKE = frozenset(f"{W}{t}" for t in ("tab", "ptab"))
LINE_BREAKS = frozenset({f"{W}cr"})
BR, FLD_CHAR, LAST_RENDERED = f"{W}br", f"{W}fldChar", f"{W}lastRenderedPageBreak"
NO_BREAK_HYPHEN = f"{W}noBreakHyphen"
GRAPHICS = frozenset({f"{W}drawing", f"{W}pict", f"{MC}AlternateContent", f"{W}object"})
TEXTBOX = f"{W}txbxContent"
FALLBACK = f"{MC}Fallback"
SECTION_BREAK_TYPES = frozenset({"nextPage", "oddPage", "evenPage"})
MAX_FIELD_DEPTH = 32
MAX_TEXTBOX_DEPTH = 4
BULLET_MARKS = frozenset({"-", "+", "\u2022"})


@dataclass(slots=True)
class ParagraphText:
    """One paragraph as read: its text (number included) and what classifies it."""

    text: str
    page: int | None
    label: str | None = None  # the automatic number, if any
    outline: int | None = None  # 0-8 from style or paragraph; 9 or None body text
    bold: bool = False  # every visible letter bold
    align: str | None = None
    textboxes: list[ParagraphText] = field(default_factory=list)


@dataclass(slots=True)
class _Runs:
    """What the runs of one paragraph gave so far."""

    parts: list[str] = field(default_factory=list)
    bold: bool = True
    seen_text: bool = False
    start_page: int | None = None
    fields: list[bool] = field(default_factory=list)  # per open field: still in its instructions
    textboxes: list[Any] = field(default_factory=list)


class ParagraphReader:
    """Reads paragraphs in document order, advancing list counters and the page count."""

    def __init__(self, styles: Styles, numbering: Numbering, rendered_breaks: bool) -> None:
        self.styles = styles
        self.numbering = numbering
        self.rendered_breaks = rendered_breaks
        self.page = 1
        self.breaks = 0
        self.legacy_runs: dict[str, int] = {}
        self.textbox_depth = 0

    def _break(self) -> None:
        self.page += 1
        self.breaks += 1

    def paragraph(self, p: Any) -> ParagraphText:
        """Read one ``w:p`` (the counters and page advance as a side effect)."""
        ppr = p.find(PPR)
        direct = para_props(ppr)
        style_el = ppr.find(f"{W}pStyle") if ppr is not None else None
        style_id = style_el.get(VAL) if style_el is not None else None
        style_para, style_run = self.styles.paragraph(style_id)
        props: ParaProps = direct.over(style_para)
        if props.page_break_before and not self.rendered_breaks:
            self._break()
        runs = _Runs(start_page=self.page)
        self._inline(p, runs, style_run)
        label = self.numbering.label(props.num_id, props.ilvl)
        text = "".join(runs.parts)
        lines = (" ".join(line.split()) for line in text.split("\n"))
        text = "\n".join(line for line in lines if line)
        if label and text:
            text = label + text
        elif label and label.strip() not in BULLET_MARKS:
            text = label.strip()  # an empty numbered paragraph still shows its number ("1.")
        if ppr is not None and not self.rendered_breaks:
            sect = ppr.find(f"{W}sectPr")
            if sect is not None:
                kind = sect.find(f"{W}type")
                if kind is None or kind.get(VAL, "nextPage") in SECTION_BREAK_TYPES:
                    self._break()
        result = ParagraphText(text, runs.start_page, label.strip() if label else None, props.outline,
                               runs.bold and runs.seen_text, props.align)
        if runs.textboxes and self.textbox_depth < MAX_TEXTBOX_DEPTH:
            self.textbox_depth += 1
            for box in runs.textboxes:
                result.textboxes.extend(self.paragraph(q) for q in box.iter(P) if _nearest_box(q) is box)
            self.textbox_depth -= 1
        return result

    def _inline(self, element: Any, runs: _Runs, base: RunProps) -> None:
        for child in element:
            tag = child.tag
            if tag == R:
                self._run(child, runs, base)
            elif tag in TRANSPARENT:
                self._inline(child, runs, base)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._inline(content, runs, base)
            elif tag in MATH:
                runs.parts.append("".join(t.text or "" for t in child.iter(f"{M}t")))
            # w:del, w:moveFrom, bookmarks, proofing marks, comments: nothing to read

    def _run(self, r: Any, runs: _Runs, base: RunProps) -> None:
        rpr = r.find(RPR)
        props = EMPTY_RUN
        if rpr is not None:
            style = rpr.find(f"{W}rStyle")
            char = self.styles.character(style.get(VAL) if style is not None else None)
            props = run_props(rpr).over(char).over(base)
        else:
            props = base
        pieces: list[str] = []
        for child in r:
            tag = child.tag
            if tag == T:
                if not (runs.fields and runs.fields[-1]):
                    pieces.append(child.text or "")
            elif tag in SPACE_LIKE:
                pieces.append(" ")
            elif tag == BR:
                kind = child.get(f"{W}type")
                if kind == "page":
                    if not self.rendered_breaks:
                        self._page_in_paragraph(runs, pieces)
                    pieces.append("\n")
                else:
                    pieces.append("\n")
            elif tag in LINE_BREAKS:
                pieces.append("\n")
            elif tag == NO_BREAK_HYPHEN:
                pieces.append("-")
            elif tag == LAST_RENDERED:
                if self.rendered_breaks:
                    self._page_in_paragraph(runs, pieces)
            elif tag == FLD_CHAR:
                kind = child.get(f"{W}fldCharType")
                if kind == "begin" and len(runs.fields) < MAX_FIELD_DEPTH:
                    runs.fields.append(True)
                elif kind == "separate" and runs.fields:
                    runs.fields[-1] = False
                elif kind == "end" and runs.fields:
                    runs.fields.pop()
            elif tag in GRAPHICS:
                runs.textboxes.extend(box for box in child.iter(TEXTBOX) if not _in_fallback(box, child))
        if props.hidden:
            return
        text = "".join(pieces)
        if props.font and text:
            encoding = encoding_of_font(props.font)
            if encoding:
                converted = legacy_to_unicode(text, encoding)
                if converted != text:
                    self.legacy_runs[encoding] = self.legacy_runs.get(encoding, 0) + 1
                text = converted
        if props.caps:
            text = text.upper()
        if text.strip():
            runs.seen_text = True
            if not props.bold:
                runs.bold = False
        runs.parts.append(text)

    def _page_in_paragraph(self, runs: _Runs, pieces: list[str]) -> None:
        """A page break inside a paragraph; before any text it moves the paragraph's page."""
        self._break()
        if not runs.seen_text and not "".join(pieces).strip():
            runs.start_page = self.page


def _in_fallback(box: Any, top: Any) -> bool:
    """True if a text box sits in the fallback copy of alternate content (read once, not twice)."""
    node = box.getparent()
    while node is not None and node is not top:
        if node.tag == FALLBACK:
            return True
        node = node.getparent()
    return bool(top.tag == FALLBACK)


def _nearest_box(p: Any) -> Any:
    node = p.getparent()
    while node is not None and node.tag != TEXTBOX:
        node = node.getparent()
    return node
