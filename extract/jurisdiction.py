"""Levels and territories of agencies: the head word's level, the tier a name names, the province.

An agency's identity is (canonical name, area): "Sở Thông tin và Truyền thông" of Lâm Đồng and
of Đắk Nông are two agencies. The words (head words, tiers) live in ``lang/<code>/language.toml``
under ``[agency_levels]``; the provinces, with their 2025 successors, in ``lang/vi/provinces.tsv``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from extract.langdata import LANG_DIR, load_language, nfc

if TYPE_CHECKING:
    import regex

NATIONAL = "national"  # the area of ministries and other national bodies
NAME_CACHE = 1 << 16  # names and keys whose province, level and tier are remembered
PROVINCES_FILE = LANG_DIR / "vi" / "provinces.tsv"


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city; ``successor`` names the one that absorbed it."""

    name: str
    aliases: tuple[str, ...]
    valid_until: str | None
    successor: str | None
    source: str


@cache
def _separators() -> regex.Pattern[str]:
    """The signs between the words of a place name, compiled on first use (reading the province
    list imports no pattern module)."""
    from extract.pattern_cache import compile_cached

    return compile_cached(r"[\s\-–.]+")


def _place_key(text: str) -> str:
    return _separators().sub(" ", nfc(text).casefold()).strip()


@cache
def provinces() -> tuple[Province, ...]:
    """Every province in the data file, current and merged away (read once)."""
    with PROVINCES_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return tuple(
            Province(
                name=nfc(row["name"]),
                aliases=tuple(nfc(a) for a in (row.get("aliases") or "").split("|") if a),
                valid_until=row.get("valid_until") or None,
                successor=nfc(row["successor"]) if row.get("successor") else None,
                source=row.get("source") or "",
            )
            for row in rows
        )


@cache
def _province_pattern() -> tuple[regex.Pattern[str], dict[str, str]]:
    import regex

    from extract.pattern_cache import compile_cached

    names: dict[str, str] = {}
    for province in provinces():
        for spelling in (province.name, *province.aliases):
            names.setdefault(_place_key(spelling), province.name)
    alternation = "|".join(regex.escape(k).replace(r"\ ", r"[\s\-–.]+") for k in sorted(names, key=len, reverse=True))
    return compile_cached(rf"(?<!\w)(?:{alternation})(?!\w)", regex.IGNORECASE), names


@lru_cache(maxsize=NAME_CACHE)
def province_in(text: str | None) -> str | None:
    """The first province ``text`` names ("UBND TỈNH LÂM ĐỒNG" -> "Lâm Đồng"), or None."""
    if not text:
        return None
    pattern, names = _province_pattern()
    match = pattern.search(nfc(text))
    return names.get(_place_key(match.group(0))) if match else None


def successor(name: str, as_of: str | None = None) -> str:
    """The province that carries ``name`` on at ``as_of`` (an ISO date; every recorded merger
    when None): itself when it was not merged by then."""
    by_name = {p.name: p for p in provinces()}
    seen: set[str] = set()
    while name in by_name and by_name[name].successor and name not in seen:
        until = by_name[name].valid_until
        if as_of is not None and until is not None and until > as_of:
            break
        seen.add(name)
        name = by_name[name].successor  # type: ignore[assignment]
    return name


@cache
def _heads(lang: str) -> tuple[tuple[str, str], ...]:
    table = load_language(lang).table("agency_levels", "heads")
    pairs = ((nfc(word).casefold(), level) for level, words in table.items() for word in words)
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@lru_cache(maxsize=NAME_CACHE)
def head_level(key: str, lang: str = "vi") -> str | None:
    """The level named by the head word of a lookup key ("sở nông nghiệp …" -> "department")."""
    for head, level in _heads(lang):
        if key == head or key.startswith(head + " "):
            return level
    return None


@cache
def _tier_pattern(lang: str) -> tuple[regex.Pattern[str] | None, dict[str, str]]:
    import regex

    from extract.pattern_cache import compile_cached

    table = load_language(lang).table("agency_levels", "tiers")
    tiers = {nfc(word).casefold(): name for name, words in table.items() for word in words}
    if not tiers:
        return None, tiers
    alternation = "|".join(regex.escape(t) for t in sorted(tiers, key=len, reverse=True))
    return compile_cached(rf"(?<!\w)(?:{alternation})(?!\w)"), tiers


@lru_cache(maxsize=NAME_CACHE)
def tier(key: str, lang: str = "vi") -> str | None:
    """The first territory tier a lookup key names ("ủy ban nhân dân huyện …" -> "district")."""
    pattern, tiers = _tier_pattern(lang)
    match = pattern.search(key) if pattern else None
    return tiers[match.group(0)] if match else None


def same_level(mention_key: str, agency_key: str, lang: str = "vi") -> bool:
    """Whether a mention may be the agency: same head level, no other tier, no other province."""
    if head_level(mention_key, lang) != head_level(agency_key, lang):
        return False
    tiers = (tier(mention_key, lang), tier(agency_key, lang))
    if None not in tiers and tiers[0] != tiers[1]:
        return False
    places = (province_in(mention_key), province_in(agency_key))
    return None in places or places[0] == places[1]


def area_of(jurisdiction: str | None, mention: str, key: str, document_area: str | None, lang: str = "vi") -> str | None:
    """The area an agency mention belongs to: the province it names, else national for national
    bodies, else the document's province for provincial and lower bodies, else None."""
    named = province_in(mention)
    if named:
        return named
    level = head_level(key, lang)
    data = load_language(lang)
    if jurisdiction == NATIONAL or level in data.words("agency_levels", "national"):
        return NATIONAL
    local = jurisdiction in {"province", "district", "commune"} or level in data.words("agency_levels", "provincial")
    return document_area if local and document_area != NATIONAL else None


def document_area(issuer: str | None, title: str | None) -> str | None:
    """The province a document belongs to, from its issuer, else its title; national when the
    issuer is a national body; None when neither says."""
    named = province_in(issuer) or province_in(title)
    if named:
        return named
    if issuer:
        from extract.directory import agency_key

        for lang in ("vi", "en"):
            if head_level(agency_key(issuer, lang), lang) in load_language(lang).words("agency_levels", "national"):
                return NATIONAL
    return None


def split_area(text: str, *, keep_tier: bool = False) -> tuple[str, str | None]:
    """A name and the province written after it: "Sở TT&TT tỉnh Lâm Đồng" -> ("Sở TT&TT",
    "Lâm Đồng"); (text, None) when no province closes the text. With ``keep_tier`` the tier
    word stays with the name ("Ủy ban nhân dân tỉnh", the name a provincial committee has)."""
    pattern, names = _province_pattern()
    text = nfc(text).strip()
    match = pattern.search(text)
    if not match or text[match.end() :].strip(" .,)"):
        return text, None
    rest = text[: match.start()].rstrip(" ,-–(")
    if keep_tier:
        return rest, names.get(_place_key(match.group(0)))
    tier_words = {
        nfc(word).casefold()
        for lang in ("vi", "en")
        for words in load_language(lang).table("agency_levels", "tiers").values()
        for word in words
    }
    for word in sorted(tier_words, key=len, reverse=True):
        if rest.casefold().endswith(" " + word):
            rest = rest[: -len(word)].rstrip()
            break
    return rest, names.get(_place_key(match.group(0)))
