"""Printed row numbers of task tables and the hierarchy they build.

Schemes: ``roman`` (I, II …; a sub-group "III.1", "III.1.1" is roman too, so that it takes the
place of its parent group in the key), ``letter`` (A, B …; "I." after "H." is a letter), ``arabic``
(1, 1.1, 5.1.1 — one scheme, the dots give the depth), ``item`` (a, b, a) …), ``bullet`` ("-",
"+", "•"). Keys come from the printed hierarchy: "A.I.1.1", "II.3", "1.a".
"""

from __future__ import annotations

import unicodedata

from dataclasses import dataclass, field

from extract.pattern_cache import compile_cached

ROMAN = compile_cached(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
ARABIC = compile_cached(r"^\d{1,3}(?:\.\d{1,3}){0,4}$")
DOTTED_TAIL = compile_cached(r"^\d{1,3}(?:\.\d{1,3}){0,2}$")  # the "1.1" of a sub-group "III.1.1"
UPPER_LETTER = compile_cached(r"^\p{Lu}$")
LOWER_LETTER = compile_cached(r"^\p{Ll}$")
BULLETS = ("-", "+", "•", "–", "*")
DECORATION = compile_cached(r"^[\s(*_]+|[\s.):*_]+$")
GROUP_SCHEMES = ("letter", "roman", "section")  # the schemes of group rows (A, B …; I, II …; a numbered caption "2. …")
ROMAN_LETTERS = set("IVX")  # single letters read as Roman numbers unless they follow a letter


@dataclass(frozen=True)
class Number:
    scheme: str
    text: str  # as printed, without decoration ("1.1", "II", "a")


def parse_number(cell: str) -> Number | None:
    """The numbering of a number cell, or None when it holds no number."""
    raw = cell.strip()
    if not raw or len(raw) > 14:
        return None
    if raw in BULLETS:
        return Number("bullet", raw)
    text = DECORATION.sub("", raw)
    if not text:
        return None
    if ARABIC.match(text):
        return Number("arabic", text)
    if len(text) == 1 and text in ROMAN_LETTERS or (len(text) > 1 and ROMAN.match(text)):
        return Number("roman", text)
    head, dot, tail = text.partition(".")
    if dot and DOTTED_TAIL.match(tail) and (head in ROMAN_LETTERS or (len(head) > 1 and ROMAN.match(head))):
        return Number("roman", text)
    if UPPER_LETTER.match(text):
        return Number("letter", text)
    if LOWER_LETTER.match(text):
        return Number("item", text)
    return None


def next_letter(letter: str) -> str:
    return chr(ord(letter) + 1)


@dataclass
class Hierarchy:
    """The stack of printed numbers above the current row: [("letter", "A"), ("roman", "I") …]."""

    levels: list[tuple[str, str]] = field(default_factory=list)
    bullets: int = 0

    def resolve(self, number: Number) -> Number:
        """A single Roman-looking letter that follows a letter ("I" after "H") is a letter."""
        if number.scheme == "roman" and len(number.text) == 1:
            for scheme, text in self.levels:
                if scheme == "letter" and len(text) == 1 and next_letter(text) == number.text:
                    return Number("letter", number.text)
        return number

    def push(self, number: Number) -> None:
        """Enter a numbered row: same scheme replaces its level and drops deeper ones."""
        if number.scheme == "bullet":
            self.bullets += 1
            return
        self.bullets = 0
        for at, (scheme, _) in enumerate(self.levels):
            if scheme == number.scheme:
                del self.levels[at:]
                break
        else:
            if number.scheme in GROUP_SCHEMES:  # a group is never numbered under a task number
                while self.levels and self.levels[-1][0] not in GROUP_SCHEMES:
                    self.levels.pop()
        self.levels.append((number.scheme, number.text))

    def key(self) -> str:
        parts = [text for _, text in self.levels]
        if self.bullets:
            parts.append(str(self.bullets))
        return ".".join(parts)

    def copy(self) -> Hierarchy:
        return Hierarchy(list(self.levels), self.bullets)


def is_child(parent: Number, child: Number) -> bool:
    """``child`` is numbered under ``parent`` ("5.1" under "5", "5.1.1" under "5.1", "1" under "I")."""
    if parent.scheme == "arabic" and child.scheme == "arabic":
        return child.text.startswith(parent.text + ".")
    order = ("letter", "roman", "arabic", "item", "bullet")
    return parent.scheme in order and child.scheme in order and order.index(child.scheme) > order.index(parent.scheme)


ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ROMAN_LOOKALIKES = {"1": "I", "l": "I", "|": "I", "!": "I", "H": "II"}  # and any marked i (see roman_lookalike)


def roman_lookalike(char: str) -> str:
    """The Roman letters an OCR engine's reading of one character stands for: an i under any mark is I."""
    if char in ROMAN_LOOKALIKES:
        return ROMAN_LOOKALIKES[char]
    return "I" if unicodedata.normalize("NFD", char)[:1] in ("I", "i") and len(char) == 1 and char not in "Ii" else char


def roman_value(text: str) -> int | None:
    """The value of a Roman number ("VIII" -> 8), or None."""
    number = parse_number(text)
    if number is None or number.scheme != "roman":
        return None
    values = [ROMAN_VALUES[c] for c in number.text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def to_roman(value: int) -> str:
    out = ""
    for step, letters in ((90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= step:
            out, value = out + letters, value - step
    return out
