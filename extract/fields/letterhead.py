"""The letterhead of an official document, read format-free from its first lines.

Vietnamese administrative documents open the same way whatever the file format: the issuer
block ("ỦY BAN NHÂN DÂN / TỈNH ĐỒNG NAI", or a parent and the issuer: "UBND TỈNH LÀO CAI /
SỞ CÔNG THƯƠNG") beside a motto, the number ("Số: 179/KH-UBND"), the place and date ("Đồng
Nai, ngày 18 tháng 11 năm 2025", often wrapped or emphasised), then the kind line ("KẾ HOẠCH")
and the title lines under it. A saved web page may put site chrome first: the letterhead is
found by its motto, not by its position. Words and patterns live in ``[letterhead]`` of the
language data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from extract.langdata import LeadingWords, load_language, nfc
from extract.pattern_cache import compile_cached
from extract.spaces import collapse_spaces
from schemas.blocks import Block

DASH = compile_cached(r"\\?[-–—]")  # an escaped dash in a motto matches any dash
DECORATION = compile_cached(r"^[\s*_`|#>]+|[\s*_`|#]+$")
DECORATION_EDGE = compile_cached(r"[\s*_`|#>]")  # a character DECORATION may strip (">" only in front)
RULE_LINE = compile_cached(r"^[-–—_=.\s]{3,}$")
# A serial may carry a sub-number ("66.19/2026/NQ-CP", the Government's 66.x series).
NUMBER = compile_cached(r"\d{1,5}(?:\.\d{1,3})?(?:/\d{4})?[-/][\p{Lu}\d][\p{L}\d&\-/.]*[\p{L}\d]")
# A serial typed into the blank after signing is often spaced ("1 0 5 9 /QĐ-TTPVHCC", "79 /KH").
SPACED_SERIAL = compile_cached(r"^(\d(?: ?\d)*)\s*(?=/)")
NOT_LETTERS = compile_cached(r"\P{L}+")
WORDS_SPLIT = compile_cached(r"(\p{L}+)")  # split() keeps the words, at odd indices
HEAD_BLOCKS = 200  # the letterhead is looked for among the first blocks only
HEAD_LINES = 2000  # and among their first lines (a long table among them is not all read)
BEFORE_MOTTO = 8  # lines above a motto that may hold the issuer
AFTER_MOTTO = 30  # lines below a motto that may hold the number, date, kind and title
NO_MOTTO_LINES = 40  # without a motto, the first lines of the document are the letterhead
TITLE_MAX = 400  # characters: a longer block under the kind line is body text
UPPER_SHARE = 0.9


@dataclass(frozen=True)
class Line:
    """One line of the opening text, with where it came from."""

    text: str
    block: int
    line: int | None


@dataclass(frozen=True)
class Letterhead:
    """What a letterhead says; what it does not say stays None."""

    number: str | None = None
    issued: date | None = None
    month: date | None = None  # the first day of the month a dateline with a blank day names ("ngày   tháng 3 năm 2026")
    issuer: str | None = None
    doc_type: str | None = None  # the kind line as the language data spells it ("Kế hoạch")
    title: str | None = None  # the title lines under the kind line, as printed
    is_plan: bool = False
    line: int | None = None  # source line of the letterhead's first line


def _clean(text: str) -> str:
    text = nfc(text)
    if text and (DECORATION_EDGE.match(text) or DECORATION_EDGE.match(text, len(text) - 1)):
        text = DECORATION.sub("", text)  # only a line with a decoration character at an edge has any
    return collapse_spaces(text).strip()


def _upper(text: str) -> bool:
    letters = NOT_LETTERS.sub("", text)  # one string, not one match per letter
    return len(letters) >= 2 and sum(map(str.isupper, letters)) >= UPPER_SHARE * len(letters)


def blocks_to_lines(blocks: tuple[Block, ...]) -> list[Line]:
    """The opening lines in reading order: text blocks line by line, table cells row by row
    (at most ``HEAD_LINES``)."""
    lines: list[Line] = []
    for index, block in enumerate(blocks[:HEAD_BLOCKS]):
        for text in _block_texts(block):
            for raw in text.split("\n"):
                clean = _clean(raw)
                if clean and not RULE_LINE.match(clean):
                    lines.append(Line(clean, index, block.line))
                    if len(lines) >= HEAD_LINES:
                        return lines
    return lines


def _block_texts(block: Block) -> Iterator[str]:
    """A text block's text, or a grid's cell texts row by row (each merged cell once)."""
    if block.grid is None:
        yield f"{block.marker} {block.text}" if block.marker else block.text
        return
    for row in block.grid.rows:
        for cell in row:
            if not cell.covered:
                yield cell.text


@dataclass(frozen=True)
class _Vocabulary:
    mottos: regex.Pattern[str]
    number_label: regex.Pattern[str]
    datelines: tuple[regex.Pattern[str], ...]
    months: dict[str, int]
    kinds: dict[str, str]  # casefolded kind line -> the type as spelled in the data
    plan_types: frozenset[str]
    jurisdictions: tuple[str, ...]
    spellings: dict[str, str]
    body_openers: tuple[str, ...]
    continuation_endings: tuple[str, ...]
    agency_heads: LeadingWords  # what opens a new name in the issuer block ("SỞ", "BAN")


@cache
def _vocabulary(lang: str) -> _Vocabulary:
    data = load_language(lang)
    head = data.table("letterhead")
    mottos = [r"\s+".join(DASH.sub("[-–—]", regex.escape(w)) for w in m.split()) for m in head.get("mottos", [])]
    kinds = {t.casefold(): t for t in [*data.words("document_types"), *head.get("plan_types", [])]}
    kinds = {k: v[0].upper() + v[1:] for k, v in kinds.items()}
    return _Vocabulary(
        mottos=compile_cached("|".join(mottos) or r"(?!)", regex.IGNORECASE),
        number_label=compile_cached(head.get("number_label", r"(?!)"), regex.IGNORECASE),
        datelines=tuple(compile_cached(p, regex.IGNORECASE) for p in head.get("datelines", [])),
        months={m.casefold(): i + 1 for i, m in enumerate(head.get("month_names", []))},
        kinds=kinds,
        plan_types=frozenset(t.casefold() for t in head.get("plan_types", [])),
        jurisdictions=tuple(sorted((w.casefold() for w in head.get("jurisdiction_words", [])), key=len, reverse=True)),
        spellings={old.casefold(): new for old, new in head.get("spellings", [])},
        body_openers=tuple(w.casefold() for w in head.get("body_openers", [])),
        continuation_endings=tuple(w.casefold() for w in data.words("headings", "continuation_endings")),
        agency_heads=_heads(data.words("agencies", "comma_heads") + data.words("roles", "heading_heads") + head.get("issuer_heads", [])),
    )


def _heads(words: list[str]) -> LeadingWords:
    return LeadingWords({nfc(w).casefold().strip() for w in words})


def _window(lines: list[Line], vocab: _Vocabulary) -> tuple[list[Line], list[Line], int]:
    """Lines that may hold the issuer (before and around the motto) and the rest of the head.

    Returns (issuer candidates, following lines, index of the first following line).
    """
    joined = ""
    starts: list[int] = []
    for item in lines:
        starts.append(len(joined))
        joined += item.text + "\n"
    match = vocab.mottos.search(joined)
    if match is None:
        return [], lines[:NO_MOTTO_LINES], 0
    first = max(i for i, s in enumerate(starts) if s <= match.start())
    motto_lines: set[int] = set()
    for found in vocab.mottos.finditer(joined, match.start(), starts[min(first + AFTER_MOTTO, len(lines) - 1)]):
        lo = max(i for i, s in enumerate(starts) if s <= found.start())
        hi = max(i for i, s in enumerate(starts) if s < found.end())
        motto_lines.update(range(lo, hi + 1))
    before: list[Line] = []
    for i in range(first - 1, max(-1, first - 1 - BEFORE_MOTTO), -1):
        if not _upper(lines[i].text):
            if before:
                break
            continue  # "Số: …" or a "V/v …" subject between the issuer column and the motto
        before.insert(0, lines[i])
    # The part of the motto's own line before the motto (a PDF line holding both columns).
    prefix = joined[starts[first] : match.start()].strip()
    if prefix and _upper(prefix):
        before.append(Line(prefix, lines[first].block, lines[first].line))
    after = [line for i, line in enumerate(lines[first : first + AFTER_MOTTO], first) if i not in motto_lines]
    # Issuer lines a converter put after the motto (two columns read across, or a party letterhead).
    # Counted, not looked up: lines of one table cell share their provenance, so an issuer name
    # printed again in the title ("… CỦA / BỘ NỘI VỤ") would compare equal to the issuer line.
    taken = 0
    for line in after:
        if not _upper(line.text) or line.text.casefold() in vocab.kinds or _number_label_end(line.text, vocab) is not None:
            break
        before.append(line)
        taken += 1
    return before, after[taken:], first


def _number_label_end(text: str, vocab: _Vocabulary) -> int | None:
    """Where the number label of a line ends: "Số: …", or "Nghị quyết số: …" (the type first,
    as a page that prints the heading on one line puts it); None when the line has no label."""
    if match := vocab.number_label.match(text):
        return match.end()
    folded = text.casefold()
    for kind in vocab.kinds:
        if folded.startswith(kind + " ") and (match := vocab.number_label.match(text[len(kind) + 1 :])):
            return len(kind) + 1 + match.end()
    return None


def _number(lines: list[Line], vocab: _Vocabulary) -> tuple[str | None, int | None]:
    for i, item in enumerate(lines):
        if (end := _number_label_end(item.text, vocab)) is not None:
            rest = item.text[end:].strip()
            if not rest and i + 1 < len(lines):
                rest = lines[i + 1].text  # "Số:" alone, the number on the next line
            rest = SPACED_SERIAL.sub(lambda m: m.group(1).replace(" ", ""), rest)
            found = NUMBER.match(rest)
            return (found.group(0) if found else None), i
    return None, None


def _issued(lines: list[Line], vocab: _Vocabulary) -> tuple[date | None, int | None, bool]:
    """The place-and-date line, also when wrapped over two or three lines; a day left blank for
    the signing gives the month's first day (see ``Letterhead.month``)."""
    for i in range(len(lines)):
        text = " ".join(item.text for item in lines[i : i + 3])
        for pattern in vocab.datelines:
            match = pattern.match(text) if i else pattern.search(text)
            if match is None or match.start() >= len(lines[i].text):
                continue
            parts = match.groupdict()
            month = int(parts["month"]) if parts.get("month") else vocab.months.get((parts.get("monthname") or "").casefold())
            try:
                return date(int(parts["year"]), int(month or 0), int(parts.get("day") or 1)), i, not parts.get("day")
            except ValueError:
                continue
    return None, None, False


def _ends_title(text: str, title_lines: list[str], stops: set[str], vocab: _Vocabulary) -> bool:
    folded = text.casefold()
    return (
        folded.startswith(vocab.body_openers)
        or collapse_spaces(folded) in stops
        or bool(vocab.mottos.search(text))
        or bool(title_lines and _upper(" ".join(title_lines)) and not _upper(text))
    )


def _kind_and_title(lines: list[Line], stops: set[str], vocab: _Vocabulary) -> tuple[str | None, str | None, int | None]:
    """The kind line ("KẾ HOẠCH") and the title lines that follow it: the rest of its block and
    the next block, up to the body ("Căn cứ …") or the issuer's name repeated above it."""
    for i, item in enumerate(lines):
        kind = vocab.kinds.get(item.text.casefold())
        if kind is None or not _upper(item.text):
            continue
        title_lines: list[str] = []
        block = item.block
        for follow in lines[i + 1 :]:
            if _ends_title(follow.text, title_lines, stops, vocab):
                break
            if follow.block == item.block or block == item.block or follow.block == block:
                block = follow.block
                title_lines.append(follow.text)
                continue
            break
        title = " ".join(title_lines).strip()
        folded = title.casefold()
        if (
            not title
            or len(title) > TITLE_MAX
            or folded.startswith(vocab.body_openers)
            or title.endswith((".", ";", ":"))
            or vocab.mottos.search(title)
        ):
            title = ""
        return kind, title or None, i
    return None, None, None


def _entities(lines: list[Line], vocab: _Vocabulary) -> list[str]:
    """Issuer-block lines grouped into names: a wrapped line ("ỦY BAN NHÂN" / "DÂN"), a
    territory ("TỈNH ĐỒNG NAI") or a line after a dangling word continues the name above."""
    names: list[str] = []
    for item in lines:
        text = item.text
        folded = text.casefold()
        if names and (
            not vocab.agency_heads.match(folded)
            or folded.startswith(tuple(j + " " for j in vocab.jurisdictions))
            or len(names[-1].split()) == 1
            or names[-1].rstrip().endswith(",")
            or names[-1].casefold().endswith(tuple(" " + e for e in vocab.continuation_endings))
        ):
            names[-1] = f"{names[-1]} {text}"
        else:
            names.append(text)
    return names


def _jurisdiction(name: str, vocab: _Vocabulary) -> str | None:
    """The territory at the end of a name: "UBND TỈNH LÀO CAI" -> "TỈNH LÀO CAI"."""
    folded = name.casefold()
    for word in vocab.jurisdictions:
        at = folded.find(" " + word + " ")
        if at >= 0:
            return name[at + 1 :]
    return None


def _respell(text: str, vocab: _Vocabulary) -> str:
    folded = text.casefold()
    if not any(old in folded for old in vocab.spellings):
        return text  # no word can be an old spelling: a word's casefold lies inside the text's
    parts = WORDS_SPLIT.split(text)  # the words at odd indices: no call back per word
    for i in range(1, len(parts), 2):
        word = parts[i]
        modern = vocab.spellings.get(word.casefold())
        if modern is None:
            continue
        if word.isupper():
            parts[i] = modern.upper()
        else:
            parts[i] = modern[0].upper() + modern[1:] if word[0].isupper() else modern
    return "".join(parts)


def _cased(name: str, texts: list[str], vocab: _Vocabulary) -> str:
    """An upper-case name as the document writes it elsewhere in mixed case; failing that,
    sentence case with the place name after a territory word capitalised."""
    name = _respell(name, vocab)
    if not _upper(name):
        return name
    words = [regex.escape(w) for w in name.split()]
    pattern = regex.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", regex.IGNORECASE)
    for text in texts:
        for match in pattern.finditer(_respell(text, vocab)):
            if not _upper(match.group(0)):
                return collapse_spaces(match.group(0))
    lowered = name.casefold()
    out = lowered[0].upper() + lowered[1:]
    for word in vocab.jurisdictions:
        out = regex.sub(
            rf"(?<=\b{regex.escape(word)} )(\p{{L}}+(?: \p{{L}}+)*)$",
            lambda m: " ".join(w[0].upper() + w[1:] for w in m.group(1).split()),
            out,
            flags=regex.IGNORECASE,
        )
    return out


def _issuer(before: list[Line], texts: list[str], vocab: _Vocabulary) -> str | None:
    names = _entities(before, vocab)
    if not names:
        return None
    issuer = names[-1]
    if _jurisdiction(issuer, vocab) is None:
        parent = next((j for n in reversed(names[:-1]) if (j := _jurisdiction(n, vocab))), None)
        if parent:
            cased = _cased(parent, texts, vocab)  # one scan of the texts, not two
            return f"{_cased(issuer, texts, vocab)} {cased[0].lower()}{cased[1:]}"
    return _cased(issuer, texts, vocab)


def _is_plan(kind: str | None, title: str | None, vocab: _Vocabulary) -> bool:
    """A plan by its kind line, or a decision whose title approves or issues one."""
    if kind is None:
        return False
    if kind.casefold() in vocab.plan_types:
        return True
    folded = (title or "").casefold()
    return any(regex.search(rf"(?<!\w){regex.escape(t)}(?!\w)", folded) for t in vocab.plan_types)


def _body_texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if block.text:
            yield block.text


def blocks_to_letterhead(blocks: tuple[Block, ...], lang: str) -> Letterhead:
    """The letterhead's facts; an empty ``Letterhead`` when the document has none."""
    vocab = _vocabulary(lang)
    lines = blocks_to_lines(blocks)
    if not lines:
        return Letterhead()
    before, after, _first = _window(lines, vocab)
    number, number_at = _number(after, vocab)
    issued, date_at, blank_day = _issued(after, vocab)
    month, issued = (issued, None) if blank_day else (None, issued)
    stops = {collapse_spaces(n.casefold()) for n in _entities(before, vocab)}
    kind, title, _kind_at = _kind_and_title(after, stops, vocab)
    if not before and number_at is None and date_at is None:
        return Letterhead(doc_type=kind, title=title, is_plan=_is_plan(kind, title, vocab))
    if not before:
        # No motto: the issuer block is the run of upper-case lines just above the number or date.
        stop = min(x for x in (number_at, date_at) if x is not None)
        for item in reversed(after[:stop]):
            if not _upper(item.text) or item.text.casefold() in vocab.kinds:
                break
            before.insert(0, item)
    issuer = _issuer(before, list(_body_texts(blocks)), vocab)
    head_line = (before or after)[0].line
    return Letterhead(
        number=number,
        issued=issued,
        month=month,
        issuer=issuer,
        doc_type=kind,
        title=title,
        is_plan=_is_plan(kind, title, vocab),
        line=head_line,
    )
