"""Word styles (styles.xml): what a paragraph or run inherits from its style chain.

Only what reading needs: outline level (headings), alignment, automatic numbering, and the run
properties bold, all-caps, hidden and font (legacy encodings are named by the font). Direct
formatting overrides the character style, which overrides the paragraph style, which overrides
the document defaults; ``basedOn`` chains are followed (cycles and depth bounded).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import regex

from extract.pattern_cache import compile_cached

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = f"{W}val"
OFF = frozenset({"0", "false", "off", "none"})
BODY_OUTLINE = 9  # w:outlineLvl 9 is body text
MAX_CHAIN = 32
OUTLINE, JC, NUMPR, NUM_ID, ILVL = f"{W}outlineLvl", f"{W}jc", f"{W}numPr", f"{W}numId", f"{W}ilvl"
PAGE_BREAK_BEFORE = f"{W}pageBreakBefore"
HEADING_NAME = compile_cached(r"^heading\s*([1-9])$", regex.IGNORECASE)
TITLE_LEVELS = {"title": 0, "subtitle": 1}  # Word's built-in title styles, as outline levels


@dataclass(frozen=True, slots=True)
class RunProps:
    """Run formatting that matters for reading; None means "not said here"."""

    bold: bool | None = None
    caps: bool | None = None
    hidden: bool | None = None
    font: str | None = None

    def over(self, base: RunProps) -> RunProps:
        """These properties laid over ``base``."""
        return RunProps(
            self.bold if self.bold is not None else base.bold,
            self.caps if self.caps is not None else base.caps,
            self.hidden if self.hidden is not None else base.hidden,
            self.font if self.font is not None else base.font,
        )


@dataclass(frozen=True, slots=True)
class ParaProps:
    """Paragraph formatting that matters for reading."""

    outline: int | None = None  # 0-8 heading levels, 9 body text
    align: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    page_break_before: bool | None = None

    def over(self, base: ParaProps) -> ParaProps:
        return ParaProps(
            self.outline if self.outline is not None else base.outline,
            self.align if self.align is not None else base.align,
            self.num_id if self.num_id is not None else base.num_id,
            self.ilvl if self.ilvl is not None else base.ilvl,
            self.page_break_before if self.page_break_before is not None else base.page_break_before,
        )


EMPTY_RUN = RunProps()
EMPTY_PARA = ParaProps()


def _toggle(element: Any) -> bool | None:
    if element is None:
        return None
    return element.get(VAL, "1").lower() not in OFF


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def run_props(rpr: Any) -> RunProps:
    """The reading-relevant properties of one ``w:rPr`` (or None)."""
    if rpr is None:
        return EMPTY_RUN
    fonts = rpr.find(f"{W}rFonts")
    font = None
    if fonts is not None:
        font = fonts.get(f"{W}hAnsi") or fonts.get(f"{W}ascii")
    hidden = _toggle(rpr.find(f"{W}vanish"))
    return RunProps(_toggle(rpr.find(f"{W}b")), _toggle(rpr.find(f"{W}caps")), hidden, font)


def para_props(ppr: Any) -> ParaProps:
    """The reading-relevant properties of one ``w:pPr`` (or None)."""
    if ppr is None:
        return EMPTY_PARA
    outline = align = num_id = ilvl = page_break = None
    for child in ppr:
        tag = child.tag
        if tag == OUTLINE:
            outline = _int(child.get(VAL))
        elif tag == JC:
            align = child.get(VAL)
        elif tag == NUMPR:
            for part in child:
                if part.tag == NUM_ID:
                    num_id = part.get(VAL)
                elif part.tag == ILVL:
                    ilvl = _int(part.get(VAL))
        elif tag == PAGE_BREAK_BEFORE:
            page_break = _toggle(child)
    return ParaProps(outline, align, num_id, ilvl, page_break)


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    para: ParaProps
    run: RunProps


class Styles:
    """The style sheet of one document; a style is read when first used, then cached."""

    def __init__(self, root: Any | None) -> None:
        self._elements: dict[str, Any] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.defaults_run = EMPTY_RUN
        self.defaults_para = EMPTY_PARA
        self.paragraph = cache(self._paragraph)
        self.character = cache(self._character)
        self._style = cache(self._read_style)
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults")
        if defaults is not None:
            self.defaults_run = run_props(defaults.find(f"{W}rPrDefault/{W}rPr"))
            self.defaults_para = para_props(defaults.find(f"{W}pPrDefault/{W}pPr"))
        for style in root.iterchildren(f"{W}style"):
            sid = style.get(f"{W}styleId")
            if not sid:
                continue
            self._elements[sid] = style
            if style.get(f"{W}default") in ("1", "true", "on"):
                kind = style.get(f"{W}type")
                if kind == "paragraph":
                    self.default_para = sid
                elif kind == "character":
                    self.default_char = sid

    def _read_style(self, sid: str) -> _Style:
        style = self._elements[sid]
        name_el, based = style.find(f"{W}name"), style.find(f"{W}basedOn")
        name = (name_el.get(VAL) if name_el is not None else sid) or sid
        para = para_props(style.find(f"{W}pPr"))
        heading = HEADING_NAME.match(name.strip())
        if para.outline is None and heading:
            para = replace(para, outline=int(heading.group(1)) - 1)
        elif para.outline is None and name.strip().casefold() in TITLE_LEVELS:
            para = replace(para, outline=TITLE_LEVELS[name.strip().casefold()])
        return _Style(name, based.get(VAL) if based is not None else None, para, run_props(style.find(f"{W}rPr")))

    def _chain(self, sid: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while sid and sid in self._elements and sid not in seen and len(chain) < MAX_CHAIN:
            seen.add(sid)
            style = self._style(sid)
            chain.append(style)
            sid = style.based_on
        return chain

    def _paragraph(self, sid: str | None) -> tuple[ParaProps, RunProps]:
        """A paragraph style's resolved paragraph and run properties (defaults included)."""
        para, run = EMPTY_PARA, EMPTY_RUN
        for style in self._chain(sid if sid in self._elements else self.default_para):
            para, run = para.over(style.para), run.over(style.run)
        return para.over(self.defaults_para), run.over(self.defaults_run)

    def _character(self, sid: str | None) -> RunProps:
        run = EMPTY_RUN
        for style in self._chain(sid if sid in self._elements else self.default_char):
            run = run.over(style.run)
        return run
