"""Splitting a cell or phrase into agency mentions; the directory and resolution live in
``extract.directory`` and are re-exported here."""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from extract.directory import AgencyDirectory, agency_directory, agency_key, resolve_agency
from extract.langdata import load_language, nfc

__all__ = ["AgencyDirectory", "agency_directory", "agency_key", "resolve_agency", "split_agencies"]

_SPACES = regex.compile(r"\s+")
BULLETS = "+-•*–·●○▪■◦‣"  # list-item marks that may open each agency of a cell
PERSON_MAX_WORDS = 5
_LINE_BREAK = regex.compile(r"<br\s*/?>|\r\n?|\n", regex.IGNORECASE)  # a stray <br> counts too
_BULLET = regex.compile(rf"^\s*([{regex.escape(BULLETS)}])\s+")


def split_agencies(text: str, lang: str = "vi") -> list[str]:
    """Split a cell naming several agencies into one mention per agency, as written.

    ";" always separates; a line break separates when the next line opens a new agency; a
    conjunction ("và") separates only when what follows opens a new agency; a comma only when
    what follows opens with an organisation word ("Sở", "UBND" …), so "UBND các huyện, thành
    phố" stays one collective agency. "Các Cục: A; B. Vụ C" gives "Cục A", "Cục B", "Vụ C".
    Bulleted lines ("+ Sở A" / "+ Sở B", one per line or after ``<br>``) are one agency each,
    bullets removed.
    """
    data = load_language(lang)
    comma_heads = data.words("agencies", "comma_heads")
    text = nfc(text)
    chunks = _bullet_items(text, comma_heads) if _BULLET.match(text) else _line_chunks(text, data, comma_heads)
    seps = "|".join(regex.escape(s) for s in data.words("agencies", "list_separators")) or ";"
    parts: list[str] = []
    for chunk in chunks:
        flat = _SPACES.sub(" ", chunk).strip()
        for piece in _distributed(flat, data.table("roles", "plural_heads")):
            for part in regex.split(seps, piece):
                parts.extend(_split_on(part, data.words("agencies", "conjunctions"), data.words("agencies", "conjunction_heads"), ignore_case=True))
    final: list[str] = []
    for part in parts:
        final.extend(_split_on(part, [","], comma_heads, ignore_case=False, spaced=False))
    return [p for p in (_SPACES.sub(" ", f).strip(" .,:;").lstrip("-+• ").strip() for f in final) if p]


def _line_chunks(text: str, data: Any, comma_heads: list[str]) -> list[str]:
    """Lines joined into one chunk per agency: a line opening a new agency starts a chunk, and so
    does a person's name below another person's name (one person per line, as cells list them)."""
    line_heads = tuple(h.casefold() for h in comma_heads)
    dangling = {w.casefold() for w in data.words("text", "dangling_words")}
    role_lines = {w.casefold() for w in data.words("agencies", "role_lines")}
    chunks: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        last_word = chunks[-1].rsplit(" ", 1)[-1].casefold() if chunks else ""
        opens_agency = line.lstrip("-+• ").casefold().startswith(line_heads)
        after_role = bool(chunks) and chunks[-1].strip().casefold() in role_lines
        if chunks and line and opens_agency and last_word not in dangling and not after_role and not chunks[-1].rstrip().endswith(","):
            chunks.append(line)
        elif chunks and _person_name(line, line_heads) and _person_name(chunks[-1], line_heads):
            chunks.append(line)
        elif chunks:
            chunks[-1] = f"{chunks[-1]} {line}"
        else:
            chunks.append(line)
    return chunks


def _person_name(text: str, heads: tuple[str, ...]) -> bool:
    """Two to five capitalised words and no organisation word: how a person's name is written
    ("Nguyễn Thị Loan"); an agency's name has lower-case words ("Sở Tài chính")."""
    words = text.split()
    return (2 <= len(words) <= PERSON_MAX_WORDS and all(w[:1].isupper() and w.isalpha() for w in words)
            and not text.casefold().startswith(heads) and not any(w.isupper() and len(w) > 1 for w in words))


def _distributed(text: str, plural_heads: dict[str, str]) -> list[str]:
    """"Các Cục: A; B. Vụ C" as ["Cục A; Cục B", "Vụ C"]; other text unchanged."""
    if not plural_heads:
        return [text]
    heads = "|".join(regex.escape(h) for h in sorted(plural_heads, key=len, reverse=True))
    match = regex.match(rf"^(?:{heads})\s*:\s*", text, flags=regex.IGNORECASE)
    if not match:
        return [text]
    singular = plural_heads[text[: match.end()].rstrip(": ").strip().casefold()]
    rest = text[match.end() :]
    end = regex.search(r"\.\s+(?=\p{Lu})", rest)
    listed, after = (rest[: end.start()], rest[end.end() :]) if end else (rest, "")
    items = [f"{singular} {item.strip()}" for item in listed.split(";" if ";" in listed else ",") if item.strip()]
    return ["; ".join(items)] + ([after] if after.strip() else [])


def _bullet_items(text: str, heads: list[str]) -> list[str]:
    """The cell as one flat string per bulleted item, bullets removed (the whole cell if none).

    A line that opens with a bullet starts an item and lines without one continue it, so a name
    wrapped over two lines stays whole. On one line, "+ Sở A + Sở B" splits at a repeat of the
    opening bullet only before an organisation word, so "- Sở Văn hóa - Thể thao" stays one.
    """
    items: list[str] = []
    bulleted = False
    for line in _LINE_BREAK.split(text):
        match = _BULLET.match(line)
        if match:
            bulleted = True
            items.append(line[match.end() :])
        elif items and bulleted:
            items[-1] += " " + line
        else:
            items.append(line)
    if not bulleted:
        items = [" ".join(items)]
    flat = [_SPACES.sub(" ", item).strip() for item in items]
    single = _BULLET.match(text)
    if len(flat) == 1 and single and heads:  # bullets run together on one line
        head = "|".join(regex.escape(h) for h in sorted(heads, key=len, reverse=True))
        flat = regex.split(rf"\s+{regex.escape(single.group(1))}\s+(?=(?:{head}))", flat[0])
    return [item for item in flat if item]


def _split_on(text: str, separators: list[str], heads: list[str], *, ignore_case: bool, spaced: bool = True) -> list[str]:
    """Split ``text`` at each separator followed by one of ``heads``."""
    if not separators or not heads:
        return [text]
    return _split_pattern(tuple(separators), tuple(heads), ignore_case, spaced).split(text)


@cache
def _split_pattern(separators: tuple[str, ...], heads: tuple[str, ...], ignore_case: bool, spaced: bool) -> regex.Pattern[str]:
    """The compiled splitting pattern of ``_split_on`` (built once per word lists)."""
    flags = regex.IGNORECASE if ignore_case else 0
    sep = "|".join(regex.escape(s) for s in separators)
    head = "|".join(regex.escape(h) for h in sorted(heads, key=len, reverse=True))
    pattern = rf"\s+(?:{sep})\s+(?=(?:{head}))" if spaced else rf"\s*(?:{sep})\s*(?=(?:{head}))"
    return regex.compile(pattern, flags=flags)


def is_person_name(text: str, lang: str = "vi") -> bool:
    """Whether a mention is written like a person's name ("Nguyễn Thị Loan"), not an agency's."""
    heads = tuple(h.casefold() for h in load_language(lang).words("agencies", "comma_heads"))
    return _person_name(nfc(text).strip(), heads)
