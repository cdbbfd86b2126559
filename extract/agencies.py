"""Splitting a cell or phrase into agency mentions; the directory and resolution live in
``extract.directory`` and are re-exported here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from extract.agency_lists import comma_items, named_after_conjunction, shared_qualifier, without_scope
from extract.directory import AgencyDirectory, agency_directory, agency_key, resolve_agency
from extract.langdata import load_language, nfc
from extract.pattern_cache import compile_cached

__all__ = ["AgencyDirectory", "agency_directory", "agency_key", "resolve_agency", "split_agencies"]

_SPACES = compile_cached(r"\s+")
BULLETS = "+-•*–·●○▪■◦‣"  # list-item marks that may open each agency of a cell
PERSON_MAX_WORDS = 5
SPLIT_CACHE = 4096  # distinct agency cells whose split is kept (tables repeat the same cells)
_LINE_BREAK = compile_cached(r"<br\s*/?>|\r\n?|\n", regex.IGNORECASE)  # a stray <br> counts too
_BULLET = compile_cached(rf"^\s*([{regex.escape(BULLETS)}])\s+")
_LIST_END = compile_cached(r"\.\s+(?=\p{Lu})")  # where a distributive list ("Các Cục: A; B.") ends


def split_agencies(text: str, lang: str = "vi") -> list[str]:
    """Split a cell naming several agencies into one mention per agency, as written.

    ";" always separates; a line break separates when the next line opens a new agency; a
    conjunction ("và") separates only when what follows opens a new agency; a comma only when
    what follows opens with an organisation word ("Sở", "UBND" …), so "UBND các huyện, thành
    phố" stays one collective agency. "Các Cục: A; B. Vụ C" gives "Cục A", "Cục B", "Vụ C".
    Bulleted lines ("+ Sở A" / "+ Sở B", one per line or after ``<br>``) are one agency each,
    bullets removed.
    """
    return list(_split_agencies(text, lang))


@lru_cache(maxsize=SPLIT_CACHE)
def _split_agencies(text: str, lang: str) -> tuple[str, ...]:
    """``split_agencies``, kept per distinct cell."""
    words = _splitting(lang)
    text = without_scope(nfc(text), lang)
    chunks = _bullet_items(text, words.comma_heads) if _BULLET.match(text) else _line_chunks(text, words)
    parts: list[str] = []
    for chunk in chunks:
        flat = _SPACES.sub(" ", chunk).strip()
        for piece in _distributed(flat, words.plural_heads, words.plural_pattern):
            for part in words.separators.split(piece):
                joins = _split_on(part, words.conjunctions, words.conjunction_heads, ignore_case=True)
                for joined in shared_qualifier(joins, words.conjunctions[0], lang) if words.conjunctions else joins:
                    for named in named_after_conjunction(joined, lang):
                        parts.extend(words.final_conjunction.split(named) if words.final_conjunction else [named])
    final: list[str] = []
    for part in parts:
        for piece in _split_on(part, [","], words.comma_heads + words.comma_only_heads, ignore_case=False, spaced=False):
            final.extend(comma_items(piece, lang))
    cleaned = (_SPACES.sub(" ", f).strip(" .,:;*_").lstrip("-+• ").strip() for f in final)  # "*" "_": emphasis marks left at an edge
    return tuple(piece for part in cleaned if part for piece in _run_together(part, words, lang))


# At most this many agencies run together without a separator are looked for in one mention; a
# longer run (no real cell has one) is kept whole, so a hostile cell costs linear time.
RUN_LIMIT = 12


def _run_together(text: str, words: _Splitting, lang: str) -> list[str]:
    """Agencies written one after another with no separator ("Bộ A Bộ B") as one mention each.

    A mention the directory names stays whole ("Văn phòng Ủy ban nhân dân tỉnh"); otherwise it
    is cut before organisation words (``comma_heads``) only when every piece is a directory
    agency, the longest first piece winning; a piece read as a name and a place holds no
    organisation word after its first. Anything else is returned unchanged.
    """
    starts = [m.start() for m in words.run_heads.finditer(text)] if words.run_heads else []
    if not starts or len(starts) >= RUN_LIMIT:  # the search below is quadratic in the cuts
        return [text]
    directory = agency_directory(lang)
    if directory.knows(text, place=False):  # a place after a name may run on: "tỉnh X Sở Y"
        return [text]
    cuts = [0, *starts, len(text)]

    @cache
    def pieces(first: int) -> tuple[str, ...] | None:
        for last in range(len(cuts) - (2 if first == 0 else 1), first, -1):  # never the whole
            piece = text[cuts[first] : cuts[last]].strip()
            # a place ("… tỉnh Đồng Nai") may close a piece, but never hide another agency
            if not directory.knows(piece, place=last == first + 1):
                continue
            if last == len(cuts) - 1:
                return (piece,)
            if (rest := pieces(last)) is not None:
                return (piece, *rest)
        return None

    found = pieces(0)
    return list(found) if found is not None else [text]


@dataclass(frozen=True)
class _Splitting:
    """The word lists and patterns ``split_agencies`` reads, built once per language."""

    comma_heads: list[str]
    comma_only_heads: list[str]  # heads that open an agency after a comma, never after a line break
    final_conjunction: regex.Pattern[str] | None  # "và" before a head that ends the mention
    heads: tuple[str, ...]
    line_heads: tuple[str, ...]
    dangling: frozenset[str]
    role_lines: frozenset[str]
    separators: regex.Pattern[str]
    conjunctions: list[str]
    conjunction_heads: list[str]
    plural_heads: dict[str, str]
    plural_pattern: regex.Pattern[str] | None
    run_heads: regex.Pattern[str] | None  # where a second agency may open inside a mention


@cache
def _splitting(lang: str) -> _Splitting:
    data = load_language(lang)
    comma_heads = data.words("agencies", "comma_heads")
    seps = "|".join(regex.escape(s) for s in data.words("agencies", "list_separators")) or ";"
    plural_heads = data.table("roles", "plural_heads")
    heads = "|".join(regex.escape(h) for h in sorted(plural_heads, key=len, reverse=True))
    finals = "|".join(regex.escape(h) for h in sorted(data.words("agencies", "conjunction_final_heads"), key=len, reverse=True))
    joins = "|".join(regex.escape(c) for c in data.words("agencies", "conjunctions"))
    return _Splitting(
        comma_heads=comma_heads,
        comma_only_heads=data.words("agencies", "comma_only_heads"),
        final_conjunction=compile_cached(rf"\s+(?:{joins})\s+(?=(?:{finals})\W*$)", flags=regex.IGNORECASE) if finals and joins else None,
        heads=tuple(comma_heads),
        line_heads=tuple(h.casefold() for h in comma_heads),
        dangling=frozenset(w.casefold() for w in data.words("text", "dangling_words")),
        role_lines=frozenset(w.casefold() for w in data.words("agencies", "role_lines")),
        separators=compile_cached(seps),
        conjunctions=data.words("agencies", "conjunctions"),
        conjunction_heads=data.words("agencies", "conjunction_heads"),
        plural_heads=plural_heads,
        plural_pattern=compile_cached(rf"^(?:{heads})\s*:\s*", flags=regex.IGNORECASE) if plural_heads else None,
        run_heads=_run_heads(comma_heads, data.words("agencies", "leading_words")),
    )


def _run_heads(heads: list[str], plural: list[str]) -> regex.Pattern[str] | None:
    """Where a capitalised organisation word, or a plural of one ("các Ủy ban"), opens after a
    space, inside a mention."""
    markers = tuple(p.casefold() + " " for p in plural)
    opening = sorted({h.strip(" ,") for h in heads if h[:1].isupper() or h.casefold().startswith(markers)}, key=lambda h: (-len(h), h))
    if not opening:
        return None
    return compile_cached(rf"(?<=\s)(?:{'|'.join(regex.escape(h) for h in opening)})(?!\w)")


def _line_chunks(text: str, words: _Splitting) -> list[str]:
    """Lines joined into one chunk per agency: a line opening a new agency starts a chunk, and so
    does a person's name below another person's name (one person per line, as cells list them)."""
    line_heads, dangling, role_lines = words.line_heads, words.dangling, words.role_lines
    chunks: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        last_word = chunks[-1].rsplit(" ", 1)[-1].casefold() if chunks else ""
        opened = line.lstrip("-+• ")
        # a head as written, or in other case when the line opens with a capital ("SỞ Y TẾ"): a
        # lower-case line is the rest of a name the converter wrapped ("Bộ Quốc" / "phòng")
        opens_agency = opened.startswith(words.heads) or (opened[:1].isupper() and opened.casefold().startswith(line_heads))
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


def _distributed(text: str, plural_heads: dict[str, str], pattern: regex.Pattern[str] | None) -> list[str]:
    """"Các Cục: A; B. Vụ C" as ["Cục A; Cục B", "Vụ C"]; other text unchanged."""
    match = pattern.match(text) if pattern is not None else None
    if not match:
        return [text]
    singular = plural_heads[text[: match.end()].rstrip(": ").strip().casefold()]
    rest = text[match.end() :]
    end = _LIST_END.search(rest)
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
    return compile_cached(pattern, flags=flags)


def is_person_name(text: str, lang: str = "vi") -> bool:
    """Whether a mention is written like a person's name ("Nguyễn Thị Loan"), not an agency's."""
    heads = tuple(h.casefold() for h in load_language(lang).words("agencies", "comma_heads"))
    return _person_name(nfc(text).strip(), heads)
