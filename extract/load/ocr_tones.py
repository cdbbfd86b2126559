"""Tone marks an OCR engine confuses, put right where the words around say which was printed.

On a blurred scan the engine reads the hook above (dấu hỏi) over a circumflex (â, ê, ô) as an
acute (dấu sắc): "tố chức" for "tổ chức", "kiếm tra" for "kiểm tra", "cố phần" for "cổ
phần". Such a syllable is changed only when, as read, it makes a word with neither neighbour
on its line, and with the hook it makes one with a neighbour (Viet74K). The other way round
(a hook read as an acute) is not seen, and changing it would spoil good text ("địa bàn tỉnh"
is no entry, "bàn tính" is). Nor is a syllable far more common than its hooked form changed
("số" in "danh tính số" stays, though "tính sổ" is an entry).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from extract.lexicon import is_syllable, is_word, lexicon
from extract.pattern_cache import compile_cached

ACUTE, HOOK, CIRCUMFLEX = "\u0301", "\u0309", "\u0302"
RIVAL_SHARE = 0.5  # the hooked form must be in at least this share of the entries the form as read is in
CORE = compile_cached(r"^(\W*)(\w+)(\W*)$")  # a word's letters between its punctuation

Word = Mapping[str, Any]


def _other_tone(syllable: str) -> str | None:
    """The syllable with the acute over its circumflex vowel made a hook, else None."""
    decomposed = unicodedata.normalize("NFD", syllable)
    if decomposed.count(ACUTE) != 1 or CIRCUMFLEX + ACUTE not in decomposed:
        return None
    return unicodedata.normalize("NFC", decomposed.replace(ACUTE, HOOK))


def _core(text: str) -> tuple[str, str, str] | None:
    found = CORE.match(text)
    return (found.group(1), found.group(2), found.group(3)) if found else None


def _makes_word(syllable: str, before: str | None, after: str | None) -> bool:
    return (before is not None and is_word(before, syllable)) or (after is not None and is_word(syllable, after))


def mend_tone_confusions(words: Sequence[Word]) -> list[Word]:
    """The words (dicts with ``text`` and ``ocr_line``, in reading order) with hooks read as
    acutes put right (see the module docstring); everything else as it was."""
    lines: dict[Any, list[int]] = {}
    for index, word in enumerate(words):
        lines.setdefault(tuple(word.get("ocr_line", ())), []).append(index)
    out = list(words)
    for indexes in lines.values():
        cores = [_core(words[i]["text"]) for i in indexes]
        lowers = [c[1].lower() if c else None for c in cores]
        for at, index in enumerate(indexes):
            core = cores[at]
            syllable = lowers[at]
            if core is None or syllable is None:
                continue
            # A neighbour across punctuation (a comma between them) is no part of the same word.
            before = lowers[at - 1] if at > 0 and cores[at - 1] and not cores[at - 1][2] and not core[0] else None
            after = lowers[at + 1] if at + 1 < len(indexes) and cores[at + 1] and not core[2] and not cores[at + 1][0] else None
            if (before is None and after is None) or _makes_word(syllable, before, after):
                continue
            other = _other_tone(syllable)
            if other is None or not is_syllable(other) or not _makes_word(other, before, after):
                continue
            entries = lexicon().entries
            if entries.get(other, 0) < RIVAL_SHARE * entries.get(syllable, 0):
                continue
            letters = _other_tone(core[1]) or core[1]
            out[index] = {**words[index], "text": core[0] + letters + core[2]}
            lowers[at] = other
    return out
