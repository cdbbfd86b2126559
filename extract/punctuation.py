"""Punctuation a PDF converter pushed onto lines of its own, put back into the cell line above.

A sentence-final mark goes to the end of the line above; a comma goes there too unless that
would split a word running onto the next line, a final mark follows it, or the line holds a
clause starter — then it goes inside the line at a word boundary. Words in ``lang/vi/repair.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.lexicon import lexicon
from extract.pattern_cache import compile_cached
from extract.repair import repair_text
from extract.syllable_cost import repair_words

_WORD = compile_cached(r"\S+")
MAX_ATTACHED = 4  # marks-only lines placed with care after one line; the rest go to its end as they are


def _is_marks_line(line: str) -> bool:
    """True for a line of punctuation only (",", ", .", ",,"), as a PDF converter leaves them."""
    words = repair_words()
    marks = "".join(line.split())  # the non-space characters (``split`` spaces are ``isspace`` ones)
    return bool(marks) and all(c in words.sentence_final or c in words.separators for c in marks)


def _splits_word(words: list[str], k: int) -> bool:
    """True if a cut between ``words[k]`` and ``words[k + 1]`` falls inside a Viet74K word."""
    known = lexicon().words
    spans = [words[k : k + 2], words[max(k - 1, 0) : k + 2] if k else [], words[k : k + 3]]
    return any(len(span) > 1 and " ".join(span) in known for span in spans)


def _comma_slots(line: str, count: int, last_word_continues: bool = False) -> list[int]:
    """Offsets in ``line`` where ``count`` commas belong: before the rightmost clause starters,
    then at the rightmost word boundaries that split no Viet74K word and follow no linker.
    If the line's last syllable starts a word that ends on the next line, the boundary before
    that syllable is not used."""
    rules = repair_words()
    tokens = list(_WORD.finditer(line))
    lowered = [m.group().lower() for m in tokens]
    open_after = [  # a comma may follow token k: both sides are bare letters
        k < len(tokens) - 1 and lowered[k][-1].isalpha() and lowered[k + 1][0].isalpha()
        for k in range(len(tokens))
    ]
    starters: list[int] = []
    for k in range(1, len(tokens)):
        if not open_after[k - 1] or lowered[k - 1] in rules.linkers:
            continue
        if any(tuple(lowered[k : k + len(s)]) == s for s in rules.clause_starters):
            starters.append(k - 1)
    boundaries = [
        k for k in range(len(tokens) - 1)
        if open_after[k] and lowered[k] not in rules.linkers and not _splits_word(lowered, k)
        and not (last_word_continues and k == len(tokens) - 2)
    ]
    chosen: set[int] = set()
    for k in [*reversed(starters), *reversed(boundaries)]:
        if len(chosen) >= count:
            break
        chosen.add(k)
    return sorted(tokens[k].end() for k in chosen)


def _comma_goes_inside(line: str, marks: list[str], following: str | None) -> bool:
    rules = repair_words()
    commas = [i for i, c in enumerate(marks) if c in rules.separators]
    if len(commas) > 1 or any(c in rules.sentence_final for c in marks[commas[0] + 1 :]):
        return True  # ",," is a list inside the line; ", ." ends a sentence after an inner comma
    if _word_continues(line, following):
        return True  # "chống" / "chịu": the line break splits a word, so no comma there
    return _has_clause_starter(line)


def _word_continues(line: str, following: str | None) -> bool:
    """True if the last syllable of ``line`` and the first of ``following`` form a Viet74K word."""
    above, below = _WORD.findall(line.lower()), _WORD.findall((following or "").lower())
    return bool(above and below) and lexicon().is_pair(above[-1], below[0])


def _has_clause_starter(line: str) -> bool:
    rules = repair_words()
    lowered = _WORD.findall(line.lower())
    return any(
        tuple(lowered[k : k + len(s)]) == s and lowered[k - 1] not in rules.linkers
        for k in range(1, len(lowered))
        for s in rules.clause_starters
    )


def _attach(line: str, marks: list[str], following: str | None) -> str:
    """``line`` with ``marks`` put back: commas inside or at the end, sentence-final marks at the end."""
    rules = repair_words()
    commas = sum(c in rules.separators for c in marks)
    finals = "".join(c for c in marks if c not in rules.separators)
    line = line.rstrip()
    if not commas:
        return line + finals
    if not _comma_goes_inside(line, marks, following):
        return line + "".join(marks)
    slots = _comma_slots(line, commas, _word_continues(line, following))
    pieces, previous = [], 0
    for slot in slots:
        pieces.append(line[previous:slot] + ",")
        previous = slot
    pieces.append(line[previous:])
    return "".join(pieces) + "," * (commas - len(slots)) + finals


def reattach_punctuation(lines: Sequence[str]) -> list[str]:
    """Put punctuation that sits on lines of its own back into the line above.

    Each line is passed through ``repair_text`` first, so callers need not repair. A line of
    marks only (",", ", .", ",,") is removed. Its sentence-final marks (``. ; : …``) go to the end
    of the line above. A comma goes there too, unless a sentence-final mark follows it in the same
    line, the line break splits a Viet74K word ("chống" / "chịu"), the line above has a clause
    starter ("nâng cao") not at its start and not after a linker ("để"), or several commas come
    together (",,", a list). Then the comma goes before the rightmost clause starter, else at the
    rightmost word boundary that splits no Viet74K word. Lists are in ``lang/vi/repair.toml``.

    Args:
        lines: the lines of one table cell or paragraph, in order.

    Returns:
        The lines without punctuation-only lines, e.g. ["toàn cao nâng cao mức độ chống", ",",
        "chịu thảm họa"] -> ["toàn cao, nâng cao mức độ chống", "chịu thảm họa"].
    """
    repaired = [repair_text(line) for line in lines]
    marks_only = [_is_marks_line(line) for line in repaired]
    following: list[str | None] = [None] * len(repaired)  # the next line that is not marks only
    for index in range(len(repaired) - 2, -1, -1):
        following[index] = following[index + 1] if marks_only[index + 1] else repaired[index + 1]
    out: list[str] = []
    attached = 0  # marks lines put back into out[-1] so far
    overflow: list[str] = []  # marks past MAX_ATTACHED, appended as they stand
    for index, line in enumerate(repaired):
        if not out or not marks_only[index]:
            if overflow:
                out[-1] += "".join(overflow)
            out.append(line)
            attached, overflow = 0, []
            continue
        marks = [c for c in line if not c.isspace()]
        if attached >= MAX_ATTACHED:
            overflow.extend(marks)
            continue
        out[-1] = _attach(out[-1], marks, following[index])
        attached += 1
    if overflow:
        out[-1] += "".join(overflow)
    return out
