"""Where a comma-written agency list breaks into agencies, and what inside it names nobody.

``extract.agencies`` splits a cell at ";", at "và" and at commas before an organisation word
("Sở", "UBND" …). What it leaves whole may still hold several agencies, written in shapes that
the separators alone cannot tell from one collective name ("các sở, ban, ngành"):

- a comma before a generic kind of actor ("cơ quan", "đơn vị", "các …") opens a new agency
  when what precedes it is a complete name: a directory agency named by its organisation word
  ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương, cơ quan, tổ chức khác"), an item
  closed by a proper name or place ("Đài Phát thanh và Truyền hình Thành phố, cơ quan thông
  tấn"), or an item too long to be one word of an enumeration ("Cơ quan quản lý cấp trên của
  đơn vị sự nghiệp công lập, đơn vị …"); "các cơ quan, đơn vị" stays one;
- a comma between two bare acronyms ("VTV, VOV, TTXVN") separates them;
- a comma before a province name, after an item naming a province ("các địa phương Bắc Ninh,
  Bình Dương"), separates the places;
- a scope phrase inside the list ("… trong phạm vi chức năng, nhiệm vụ của mình và …") qualifies
  the agency before it and is dropped, so the list goes on after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.directory import agency_directory
from extract.jurisdiction import province_in
from extract.langdata import load_language, nfc
from extract.pattern_cache import compile_cached

_ACRONYM_ITEM = compile_cached(r"\p{Lu}[\p{Lu}&]+")  # a bare acronym, the whole item
_COMMA = compile_cached(r"\s*,\s*")
_SPACES = compile_cached(r"\s+")


@dataclass(frozen=True)
class _ListWords:
    """The word lists the comma rules read, built once per language."""

    kinds: regex.Pattern[str] | None  # a generic actor opening the text after a comma
    heads: tuple[str, ...]  # organisation words that open a named agency (case as written)
    leading: tuple[str, ...]  # plural markers stripped before an item is judged ("các", "một số")
    long_item: int  # words from which an item is a name, not one word of an enumeration
    scope: regex.Pattern[str] | None
    bare_kinds: regex.Pattern[str]  # a kind of actor opening a text, no plural marker ("doanh nghiệp")


@cache
def _list_words(lang: str) -> _ListWords:
    data = load_language(lang)
    kinds = data.words("agencies", "comma_kinds")
    # a named agency opens with an organisation word and a space ("Bộ Tài chính"), not "Bộ, ngành"
    heads = tuple(h if h.endswith(" ") else h + " " for h in data.words("agencies", "comma_heads") if h[:1].isupper() and not h.endswith(","))
    leading = tuple(sorted((w.casefold() + " " for w in data.words("agencies", "plural_markers")), key=len, reverse=True))
    return _ListWords(
        kinds=_alternation(kinds, r"\s*,\s*(?=(?:{})(?!\w))") if kinds else None,
        heads=heads,
        leading=leading,
        long_item=int(data.table("agencies").get("long_item_words", 0)),
        scope=_scope_pattern(lang),
        bare_kinds=_alternation([k.casefold() for k in kinds if k.casefold() + " " not in leading], r"(?:{})(?!\w)"),
    )


def _alternation(words: list[str], template: str, flags: int = 0) -> regex.Pattern[str]:
    words = sorted({nfc(w) for w in words}, key=lambda w: (-len(w), w))
    return compile_cached(template.format("|".join(regex.escape(w) for w in words)), flags=flags)


@cache
def _scope_pattern(lang: str) -> regex.Pattern[str] | None:
    """A scope phrase after some text: opener, nouns joined by commas or "và", optional tails."""
    data = load_language(lang)
    openers = data.words("agencies", "scope_openers")
    nouns = data.words("agencies", "scope_nouns")
    if not openers or not nouns:
        return None
    tails = data.words("agencies", "scope_tails")
    joins = data.words("agencies", "conjunctions")

    def alt(words: list[str]) -> str:
        return "|".join(regex.escape(nfc(w)) for w in sorted(set(words), key=lambda w: (-len(w), w)))

    join = rf"(?:\s*,\s*|\s+(?:{alt(joins)})\s+|\s+)" if joins else r"(?:\s*,\s*|\s+)"
    tail = rf"(?:\s+(?:{alt(tails)}))*" if tails else ""
    return compile_cached(
        rf"(?<=\S)\s*,?\s+(?:{alt(openers)})\s+(?:{alt(nouns)})(?:{join}(?:{alt(nouns)}))*{tail}(?!\w)",
        flags=regex.IGNORECASE,
    )


def without_scope(text: str, lang: str = "vi") -> str:
    """``text`` without the scope phrases that qualify its agencies ("Sở A trong phạm vi chức
    năng, nhiệm vụ của mình và Sở B" -> "Sở A và Sở B"); a text that opens with one is kept."""
    pattern = _list_words(lang).scope
    return pattern.sub("", text) if pattern is not None else text


def comma_items(text: str, lang: str = "vi") -> list[str]:
    """``text`` cut at each comma that ends a complete agency before a new one (see the module
    docstring); the text itself when there is none."""
    words = _list_words(lang)
    cuts: list[int] = []
    start = 0
    for comma in _COMMA.finditer(text):
        before, after = text[start : comma.start()], text[comma.end() :]
        item = text[max(start, _last_comma(text, comma.start())) : comma.start()]
        nxt = _COMMA.split(after, maxsplit=1)[0]
        if (_acronym(item) and _acronym(nxt)) or (province_in(item) and _is_place(nxt)) or (
            words.kinds is not None and words.kinds.match(text, comma.start()) and _complete(before, item, words, lang)
        ):
            cuts.append(comma.start())
            start = comma.end()
    if not cuts:
        return [text]
    pieces, begin = [], 0
    for cut in cuts:
        pieces.append(text[begin:cut])
        begin = _COMMA.match(text, cut).end()  # type: ignore[union-attr]
    pieces.append(text[begin:])
    return [p.strip() for p in pieces if p.strip()]


def _last_comma(text: str, end: int) -> int:
    at = text.rfind(",", 0, end)
    return at + 1 if at >= 0 else 0


def _acronym(item: str) -> bool:
    return bool(_ACRONYM_ITEM.fullmatch(item.strip()))


def _is_place(item: str) -> bool:
    """The item is a province's name and nothing else ("Bình Dương")."""
    item = item.strip(" .")
    found = province_in(item)
    return found is not None and len(item.split()) <= len(found.split()) + 1 and item[:1].isupper()


def _complete(before: str, item: str, words: _ListWords, lang: str) -> bool:
    """Whether the text before a comma is a whole agency, not the first words of an enumeration."""
    before, item = _SPACES.sub(" ", before).strip(), _SPACES.sub(" ", item).strip()
    bare = _bare(item, words)
    if len(bare.split()) >= 2 and any(w[:1].isupper() for w in bare.split()[1:]):
        return True  # closed by a proper name or place: "Bộ Tài chính", "… ngành Thành phố"
    if words.long_item and len(item.split()) >= words.long_item:
        return True
    # a directory agency named by its organisation word; a plural ("Các cơ quan") may go on
    return before.startswith(words.heads) and not _plural(before, words) and agency_directory(lang).knows(before)


def _bare(item: str, words: _ListWords) -> str:
    """The item without its plural marker ("các Sở" -> "Sở")."""
    low = item.casefold()
    for lead in words.leading:
        if low.startswith(lead):
            return item[len(lead) :]
    return item


def _plural(text: str, words: _ListWords) -> bool:
    return text.casefold().startswith(words.leading)



def shared_qualifier(pieces: list[str], joiner: str, lang: str = "vi") -> list[str]:
    """Pieces a conjunction split joined again where one qualifier ends both: "các Hiệp hội và
    Doanh nghiệp công nghệ số" (associations and enterprises, both of digital technology), as a
    comma list of kinds is one ("Tập đoàn, doanh nghiệp công nghệ số"). The first piece is a
    plural of bare kinds (each item one or two words), the second a kind without its own plural
    marker, followed by lower-case words; "Sở Tư pháp và các đơn vị có liên quan" stays two."""
    words = _list_words(lang)
    if len(pieces) < 2 or words.kinds is None:
        return pieces
    out = [pieces[0]]
    for piece in pieces[1:]:
        if _bare_plural(out[-1], words) and _qualified_kind(piece, words):
            out[-1] = f"{out[-1]} {joiner} {piece}"
        else:
            out.append(piece)
    return out


def _bare_plural(text: str, words: _ListWords) -> bool:
    """The text ends with a plural of bare kinds ("…, các Hiệp hội", "Các bộ, ngành")."""
    text = _SPACES.sub(" ", text).strip()
    starts = [0] + [m.end() for m in _COMMA.finditer(text)]
    tail = next((text[at:] for at in reversed(starts) if _plural(text[at:], words)), None)
    if tail is None:
        return False
    return all(0 < len(i.split()) <= 2 for i in _bare(tail, words).split(","))


def _qualified_kind(text: str, words: _ListWords) -> bool:
    """A kind of actor then lower-case words ("Doanh nghiệp công nghệ số", "địa phương có liên quan")."""
    text = _SPACES.sub(" ", text).strip()
    if _plural(text, words) or not words.bare_kinds.match(text.casefold()):
        return False
    rest = text[words.bare_kinds.match(text.casefold()).end() :].split()  # type: ignore[union-attr]
    return bool(rest) and rest[0][:1].islower() and rest[0].isalpha()


def named_after_conjunction(text: str, lang: str = "vi") -> list[str]:
    """``text`` cut at a conjunction followed by a directory agency named by its organisation
    word ("Bộ Công an và Văn phòng Chính phủ"), which the conjunction's own heads may not list;
    the rest of a name ("Sở Văn hóa, Thể thao và Du lịch") opens with no organisation word."""
    pattern = _named_conjunction(lang)
    if pattern is None:
        return [text]
    directory = agency_directory(lang)
    for match in pattern.finditer(text):
        rest = text[match.end() :].strip(" .;,")
        if directory.knows(rest):
            return [*named_after_conjunction(text[: match.start()], lang), rest]
    return [text]


@cache
def _named_conjunction(lang: str) -> regex.Pattern[str] | None:
    data = load_language(lang)
    joins, heads = data.words("agencies", "conjunctions"), _list_words(lang).heads
    if not joins or not heads:
        return None
    return _alternation(joins, r"\s+(?:{})\s+" + rf"(?=(?:{'|'.join(regex.escape(h) for h in heads)}))")


def not_after_kind(lang: str = "vi") -> str:
    """A guard placed before a verb: a verb that is also a noun (``noun_verbs``: "tổ chức",
    organise / organisation) after a plural marker, or after a kind of actor and a comma, names
    actors ("các tổ chức chính trị - xã hội", "các cơ quan, tổ chức khác"); other verbs pass."""
    data = load_language(lang)
    nouns = data.words("agencies", "noun_verbs")
    if not nouns:
        return ""
    behind = ""
    for words, tail in ((data.words("agencies", "comma_kinds"), ","), (data.words("agencies", "plural_markers"), "")):
        if words:
            behind += rf"(?<!(?<!\w)(?:{'|'.join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))}){tail})"
    noun = rf"\s+(?:{'|'.join(regex.escape(w) for w in nouns)})(?!\w)"
    return rf"(?:(?={noun}){behind}|(?!{noun}))"
