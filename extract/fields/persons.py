"""People a task names as responsible, kept as persons (never as agencies).

Two shapes are read. A column of responsible people ("Người đứng đầu chịu trách nhiệm") names
each by office and agency: "Cục trưởng Cục Du lịch Quốc gia Việt Nam", or "Cục trưởng các Cục:
A, B" for the head of each; the agency is split as agency cells are (``split_agencies``) and
left for ``link`` to resolve. A lead or cooperating cell may name people instead of agencies
("Đỗ Mạnh Cường" / "Vũ Việt Linh", one a line): those entries are persons with no agency, as the
cell gives none. The office words live in the language data (``[persons] titles``).
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from extract.agencies import is_person_name, split_agencies
from extract.jurisdiction import province_in
from extract.langdata import load_language, nfc
from extract.pattern_cache import compile_cached
from schemas.records import AgencyMention, PersonMention, Role

SPACES = compile_cached(r"\s+")
EDGE = " ;.,:-–+•"
TITLED_CONFIDENCE = 0.95  # an office word followed by an agency
NAMED_CONFIDENCE = 0.8  # a text shaped like a person's name (capitalised words, no office word)
PERSON_CACHE = 2048  # distinct person cells whose reading is kept (tables repeat cells)


@cache
def _titles(lang: str) -> regex.Pattern[str] | None:
    """An office word opening an entry: at the start, after ";" or ".", or after "(1)"."""
    titles = sorted(load_language(lang).words("persons", "titles"), key=len, reverse=True)
    if not titles:
        return None
    words = "|".join(regex.escape(nfc(t)) for t in titles)
    return compile_cached(rf"(?:^|(?<=[;.])\s*|\(\d{{1,2}}\)\s*)(?P<title>{words})(?=\s|$)", regex.IGNORECASE)


@cache
def _joiners(lang: str) -> regex.Pattern[str] | None:
    words = sorted(load_language(lang).words("persons", "joiners"), key=len, reverse=True)
    return compile_cached(rf"^(?:{'|'.join(regex.escape(w) for w in words)})\s+", regex.IGNORECASE) if words else None


def _joined_off(rest: str, lang: str) -> str:
    """The agency after an office without the words joining them ("of the")."""
    pattern = _joiners(lang)
    return pattern.sub("", rest, count=1) if pattern is not None else rest


def cell_to_persons(cell: str, role: Role, lang: str) -> list[PersonMention]:
    """The people of a responsible-person cell, each with the agency its office heads."""
    return list(_cell_to_persons(cell, role, lang))


@lru_cache(maxsize=PERSON_CACHE)
def _cell_to_persons(cell: str, role: Role, lang: str) -> tuple[PersonMention, ...]:
    text = SPACES.sub(" ", nfc(cell)).strip()
    pattern = _titles(lang)
    found = list(pattern.finditer(text)) if pattern is not None and text else []
    people: list[PersonMention] = []
    if not found:
        return tuple(_named(part, role) for part in split_agencies(text, lang) if is_personal_name(part, lang))
    for at, match in enumerate(found):
        end = found[at + 1].start() if at + 1 < len(found) else len(text)
        title = match.group("title")
        rest = _joined_off(regex.sub(r"\(\d{1,2}\)\s*$", "", text[match.end() : end]).strip(EDGE), lang)
        agencies = split_agencies(rest, lang) if rest else []
        if not agencies:
            people.append(PersonMention(mention=title, title=title, role=role, confidence=TITLED_CONFIDENCE))
        written = regex.sub(r"\(\d{1,2}\)\s*$", "", text[match.start("title") : end]).strip(EDGE)
        for agency in agencies:  # one head per agency of a list ("Cục trưởng các Cục: A, B")
            people.append(PersonMention(
                mention=written if len(agencies) == 1 else f"{title} {agency}", title=title, role=role,
                confidence=TITLED_CONFIDENCE,
                agency=AgencyMention(mention=agency, confidence=0.0),
            ))
    return tuple(people)


@cache
def _family_names(lang: str) -> frozenset[str]:
    return frozenset(nfc(w).casefold() for w in load_language(lang).words("persons", "family_names"))


def is_personal_name(text: str, lang: str) -> bool:
    """Whether a cell entry is a person's name: written like one (``is_person_name``), opening
    with a family name of the language data, and naming no province ("Hà Nội" is a place)."""
    first = text.split(" ", 1)[0].casefold()
    return first in _family_names(lang) and is_person_name(text, lang) and province_in(text) is None


def _named(name: str, role: Role) -> PersonMention:
    return PersonMention(mention=name, name=name, role=role, confidence=NAMED_CONFIDENCE)


def named_persons(mentions: list[AgencyMention], role: Role, lang: str) -> list[PersonMention]:
    """The entries of a lead or cooperating cell written as people's names, as persons."""
    return [_named(m.mention, role) for m in mentions if is_personal_name(m.mention, lang)]
