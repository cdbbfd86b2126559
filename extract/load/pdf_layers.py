"""What a PDF page's drawing and text layer are worth: visible rulings, and readable text.

Word and Aspose export paragraph shading and signature boxes as white rectangles, and some
producers draw white table borders: pdfplumber takes every edge for a ruling and reports tables
of prose or grids of nothing. Only edges a reader can see count here.

A page's text layer is one of: ``text`` (readable), ``none`` (a scan), ``garbage`` (glyph codes
such as ``(cid:54)``, mojibake, or Vietnamese without a single diacritic, like a bad OCR layer)
or ``legacy`` (a pre-Unicode Vietnamese font such as .VnTime or VNI-Times, to be converted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from extract.langdata import load_language
from extract.legacy import encoding_of_font
from extract.pattern_cache import compile_cached

DARK_LUMINANCE = 0.95  # an edge lighter than this is paper-white shading (light grey still counts)
THIN = 3.0  # points: a filled rectangle thinner than this is drawn as a line
SCAN_IMAGE_SHARE = 0.3  # images covering this share of a page without text make it a scan
MIN_TEXT_CHARS = 20  # a page with fewer readable characters has no text layer
GARBAGE_SHARE = 0.10  # share of glyph codes or mojibake from which a layer is garbage
MIN_LETTERS_FOR_DIACRITICS = 300  # letters before "no Vietnamese diacritic at all" is judged
DIACRITIC_SHARE = 0.01  # below this share of Vietnamese-only letters a Vietnamese page is bare
CID = compile_cached(r"\(cid:\d+\)")
# Bytes of UTF-8 or Windows-1258 read as Latin-1: "Ã¡", "Æ°", "á»‹"; private-use glyphs; U+FFFD.
MOJIBAKE = compile_cached(r"[\u00c2-\u00c6][\u0080-\u00bf\u2018-\u203a]|[\ue000-\uf8ff\ufffd]")


def luminance(colour: Any) -> float:
    """0 (black) to 1 (white) for a pdfplumber colour: gray, RGB, CMYK, or a pattern (dark)."""
    if colour is None:
        return 0.0
    if isinstance(colour, (int, float)):
        return float(colour)
    if isinstance(colour, str):
        return 0.0
    values = [float(v) for v in colour if isinstance(v, (int, float))]
    if len(values) == 1:
        return values[0]
    if len(values) == 3:
        r, g, b = values
        return 0.299 * r + 0.587 * g + 0.114 * b
    if len(values) == 4:
        c, m, y, k = values
        return (1 - k) * (0.299 * (1 - c) + 0.587 * (1 - m) + 0.114 * (1 - y))
    return 0.0


def is_visible_ruling(obj: Mapping[str, Any]) -> bool:
    """True for a line, curve or rectangle that draws a visible edge on white paper."""
    kind = obj.get("object_type")
    if kind not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke") and luminance(obj.get("stroking_color")) < DARK_LUMINANCE:
        return True
    if kind == "rect" and obj.get("fill") and luminance(obj.get("non_stroking_color")) < DARK_LUMINANCE:
        return min(float(obj.get("width", 0)), float(obj.get("height", 0))) <= THIN
    return False


def image_share(images: Iterable[Mapping[str, Any]], width: float, height: float) -> float:
    """Share of the page that its largest image covers (0 with no image)."""
    area = max(width * height, 1.0)
    return max((float(i.get("width", 0)) * float(i.get("height", 0)) / area for i in images), default=0.0)


def font_is_legacy(fontname: str) -> bool:
    """A pre-Unicode Vietnamese font (.VnTime, .VnTimeH, VnArial, VNI-Times …) by its name."""
    return encoding_of_font(fontname) is not None


def classify_layer(
    chars: Iterable[Mapping[str, Any]], *, vietnamese: bool | None = None, image_share: float = 1.0
) -> tuple[str, str]:
    """The kind of a page's text layer and a short reason: (kind, reason).

    ``vietnamese`` says whether the document is Vietnamese (None: unknown, then a page with no
    diacritic at all is not held against it). ``image_share``: how much of the page images
    cover; a page with neither text nor images is ``blank``, not a scan.
    """
    texts: list[str] = []
    legacy = 0
    for ch in chars:
        text = ch.get("text", "")
        if text.isspace():
            continue
        texts.append(text)
        if font_is_legacy(str(ch.get("fontname", ""))):
            legacy += 1
    if len(texts) < MIN_TEXT_CHARS:
        if image_share < SCAN_IMAGE_SHARE:
            return "blank", ""
        return "none", "no text layer"
    cids = sum(1 for t in texts if CID.fullmatch(t))
    if cids > GARBAGE_SHARE * len(texts):
        return "garbage", f"{cids} of {len(texts)} characters are glyph codes (cid:…)"
    joined = "".join(t for t in texts if not CID.fullmatch(t))
    if legacy > GARBAGE_SHARE * len(texts):
        return "legacy", "legacy Vietnamese font"
    broken = len(MOJIBAKE.findall(joined))
    if broken > GARBAGE_SHARE * len(joined) / 2:
        return "garbage", f"{broken} mojibake sequences"
    if vietnamese:
        letters = [c for c in joined.casefold() if c.isalpha()]
        own = set(load_language("vi").value("letters"))
        if len(letters) >= MIN_LETTERS_FOR_DIACRITICS and sum(c in own for c in letters) < DIACRITIC_SHARE * len(letters):
            return "garbage", "Vietnamese text without diacritics (a bad OCR layer?)"
    return "text", ""


def looks_vietnamese(text: str) -> bool:
    """True when Vietnamese-only letters are common in ``text`` (a sample of the document)."""
    letters = [c for c in text.casefold() if c.isalpha()]
    if not letters:
        return False
    own = set(load_language("vi").value("letters"))
    return sum(c in own for c in letters) >= 0.05 * len(letters)
