"""Word automatic numbering (numbering.xml): the "1.", "a)", "II." that exist only as definitions.

A numbered paragraph names a list (``w:numId``) and a level (``w:ilvl``); the list points at an
abstract definition whose level says the format (decimal, upperRoman, lowerLetter …), the
start value and the text pattern ("%1.", "%1.%2.", "(%1)"). Counters run in document order:
lists that share an abstract definition share counters unless the list restarts them
(``w:startOverride``); using a level restarts the levels below it (``w:lvlRestart`` can say
otherwise). ``Numbering.label`` returns the number as Word would draw it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from extract.load.docxstyles import VAL, Styles, W
from extract.pattern_cache import compile_cached

LEVEL_REF = compile_cached(r"%([1-9])")
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212\uf02d")
PLUS = frozenset("+\uf02b")
BULLET = "\u2022"
MAX_LEVELS = 9
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
CIRCLED_ONE = 0x2460
CIRCLED_MAX = 20


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False  # w:isLgl: every level's number shown as decimal
    suffix: str = " "


@dataclass(slots=True)
class _List:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # w:lvlOverride/w:lvl per level


def _roman(n: int) -> str:
    out = []
    for value, letters in ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """One counter as a level format draws it (decimal for formats that need words)."""
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(n) if n > 0 else str(n)
        return text.upper() if fmt == "upperRoman" else text
    if fmt in ("upperLetter", "lowerLetter"):
        if n <= 0:
            return str(n)
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalEnclosedCircle" and 0 < n <= CIRCLED_MAX:
        return chr(CIRCLED_ONE + n - 1)
    if fmt == "none":
        return ""
    return str(n)


def _bullet(text: str) -> str:
    mark = text.strip()
    if mark and mark[0] in DASHES:
        return "-"
    if mark and mark[0] in PLUS:
        return "+"
    return BULLET


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl: Any) -> Level:
    def val(tag: str) -> str | None:
        el = lvl.find(f"{W}{tag}")
        return el.get(VAL) if el is not None else None

    restart = val("lvlRestart")
    legal = lvl.find(f"{W}isLgl")
    suffix = {"nothing": "", "space": " "}.get(val("suff") or "tab", " ")
    text = val("lvlText")
    fmt = val("numFmt") or "decimal"
    if lvl.find(f"{W}lvlPicBulletId") is not None:
        fmt = "bullet"
    return Level(
        start=_int(val("start"), 1 if fmt != "bullet" else 0),
        fmt=fmt,
        text=text if text is not None else "",
        restart=_int(restart, 0) if restart is not None else None,
        legal=legal is not None and legal.get(VAL, "1") not in ("0", "false", "off"),
        suffix=suffix,
    )


class Numbering:
    """The list definitions of one document and the counters as paragraphs are read in order."""

    def __init__(self, root: Any | None, styles: Styles) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstract id -> numbering style it defers to
        self.lists: dict[str, _List] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = styles
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId")
            if aid is None:
                continue
            self.abstracts[aid] = {
                _int(lvl.get(f"{W}ilvl"), 0): _level(lvl) for lvl in abstract.findall(f"{W}lvl")
            }
            link = abstract.find(f"{W}numStyleLink")
            if link is not None and link.get(VAL):
                self.style_links[aid] = link.get(VAL)
        for num in root.iter(f"{W}num"):
            nid, ref = num.get(f"{W}numId"), num.find(f"{W}abstractNumId")
            if nid is None or ref is None or ref.get(VAL) is None:
                continue
            entry = _List(ref.get(VAL))
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                start = override.find(f"{W}startOverride")
                if start is not None:
                    entry.starts[ilvl] = _int(start.get(VAL), 1)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self.lists[nid] = entry

    def _abstract_levels(self, aid: str, depth: int = 0) -> dict[int, Level]:
        """An abstract definition's levels, following a numbering-style link once or twice."""
        link = self.style_links.get(aid)
        if link and depth < 2:
            num_id = self.styles.paragraph(link)[0].num_id
            target = self.lists.get(num_id or "")
            if target and target.abstract != aid:
                return self._abstract_levels(target.abstract, depth + 1)
        return self.abstracts.get(aid, {})

    def label(self, num_id: str | None, ilvl: int | None) -> str | None:
        """Advance the list's counter and return the number as drawn ("2.", "1.3.", "b)", "-").

        None when the paragraph is not numbered (no list, ``numId`` 0, or an undefined level).
        """
        if not num_id or num_id == "0" or num_id not in self.lists:
            return None
        entry = self.lists[num_id]
        levels = self._abstract_levels(entry.abstract)
        ilvl = min(max(ilvl or 0, 0), MAX_LEVELS - 1)
        level = entry.levels.get(ilvl) or levels.get(ilvl)
        if level is None:
            return None
        if level.fmt == "bullet":
            return _bullet(level.text) + level.suffix if level.text.strip() else None
        key = f"n{num_id}" if entry.starts or entry.levels else f"a{entry.abstract}"
        counts = self.counters.setdefault(key, {})

        def definition(k: int) -> Level:
            return entry.levels.get(k) or levels.get(k) or Level()

        def start(k: int) -> int:
            return entry.starts.get(k, definition(k).start)

        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else start(ilvl)
        for deeper in [k for k in counts if k > ilvl]:
            restart = definition(deeper).restart
            if restart is None or (restart > 0 and ilvl + 1 <= restart):
                del counts[deeper]

        def number(match: regex.Match[str]) -> str:
            k = int(match.group(1)) - 1
            value = counts.get(k, start(k))
            fmt = "decimal" if level.legal and definition(k).fmt != "none" else definition(k).fmt
            return format_number(value, fmt)

        text = LEVEL_REF.sub(number, level.text)
        return text + level.suffix if text.strip() else None
