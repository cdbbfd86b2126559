"""The agency directory and resolution of a mention to an identity (names live in lang data).

Resolution goes cheapest first: the lookup key of the mention in a dict of every name and alias
(abbreviations are aliases too), then the key without a trailing "tỉnh …", then a close spelling
among the directory keys of the same level only (rapidfuzz, with a score cutoff), and the answer
is cached per normalised mention and area.

Entries are plain :class:`DirectoryEntry` rows, and the records are imported only when
a mention is resolved into one (``resolve``): a store query that only needs an agency's
canonical name (:func:`canonical_agency`) does not pay for importing them.
"""

from __future__ import annotations

import csv
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import regex

from extract.jurisdiction import NATIONAL, area_of, head_level, province_in, tier
from extract.langdata import LANG_DIR, load_language, nfc
from extract.pattern_cache import compile_cached

if TYPE_CHECKING:
    from schemas.records import AgencyInfo, AgencyMention, MatchReason

FUZZY_MIN = 90  # rapidfuzz ratio below which a mention stays unresolved
KEY_CACHE = 1 << 16  # lookup keys remembered (agency_key is called for every distinct mention)
RESOLVED_CACHE = 1 << 14  # resolved mentions remembered; the memo starts afresh when it is full
_ACRONYM = compile_cached(r"(?<!\w)\p{Lu}[\p{Lu}&]+(?!\w)")  # "STTTT", "TT&TT", "UBND"
_PUNCT = compile_cached(r"[\p{P}--[&/-]]+", regex.VERSION1)
_SPACES = compile_cached(r"\s+")


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """One agency of the directory (the fields of ``schemas.records.AgencyInfo`` but its area,
    which a document gives; a test checks every row validates as one)."""

    name: str
    kind: str | None = None
    jurisdiction: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    successor: str | None = None
    source: str | None = None

    def info(self, area: str | None = None) -> AgencyInfo:
        """The entry as the extraction's record of an agency, in ``area``."""
        from schemas.records import AgencyInfo

        return AgencyInfo(
            name=self.name, kind=self.kind, jurisdiction=self.jurisdiction, aliases=list(self.aliases),  # type: ignore[arg-type]
            parent=self.parent, area=area, valid_from=self.valid_from, valid_until=self.valid_until,
            successor=self.successor, source=self.source,
        )


@dataclass(frozen=True)
class _Candidates:
    """Directory keys of one head level, for close spellings: the keys by length (a ratio of 90
    needs lengths within 9/11 of each other, so only a slice is scored), and each key's tier and
    province (so a candidate of another tier or province is skipped without re-reading it)."""

    keys: list[str]
    lengths: list[int]
    places: dict[str, tuple[str | None, str | None]]
    order: dict[str, int]  # a key's place in the directory: of equal scores, the earlier wins

    def near(self, key: str) -> list[str]:
        """The keys long enough and short enough to score at least :data:`FUZZY_MIN` against ``key``."""
        share = FUZZY_MIN / (200 - FUZZY_MIN)  # ratio = 2*shorter/(sum) >= FUZZY_MIN/100
        low = bisect_left(self.lengths, len(key) * share - 1)  # one letter of slack for rounding
        high = bisect_right(self.lengths, len(key) / share + 1)
        return self.keys[low:high]


@dataclass(frozen=True, eq=False)
class AgencyDirectory:
    """Agencies by name and by the lookup key of every name and alias, with resolution."""

    agencies: tuple[DirectoryEntry, ...]
    by_key: dict[str, DirectoryEntry]
    lang: str = "vi"
    spelled: dict[str, str] = field(default_factory=dict)  # key -> the name or alias it came from
    by_name: dict[str, DirectoryEntry] = field(default_factory=dict)
    name_keys: dict[str, str] = field(default_factory=dict)  # canonical name -> its key
    levels: dict[str | None, _Candidates] = field(default_factory=dict)
    _resolved: dict[tuple[str, str | None], AgencyMention] = field(default_factory=dict)

    @classmethod
    def build(cls, agencies: Iterable[DirectoryEntry], lang: str = "vi") -> AgencyDirectory:
        """A directory of ``agencies``: the first agency to claim a key keeps it."""
        listed = tuple(agencies)
        by_key: dict[str, DirectoryEntry] = {}
        spelled: dict[str, str] = {}
        for info in listed:
            for name in (info.name, *info.aliases):
                key = agency_key(name, lang)
                if key not in by_key:
                    by_key[key], spelled[key] = info, name
        grouped: dict[str | None, _Candidates] = {}
        order = {key: i for i, key in enumerate(by_key)}
        for key in sorted(by_key, key=len):
            group = grouped.setdefault(head_level(key, lang), _Candidates([], [], {}, {}))
            group.keys.append(key)
            group.lengths.append(len(key))
            group.places[key] = (tier(key, lang), province_in(key))
            group.order[key] = order[key]
        return cls(
            agencies=listed, by_key=by_key, lang=lang, spelled=spelled,
            by_name={info.name: info for info in reversed(listed)},
            name_keys={info.name: agency_key(info.name, lang) for info in listed}, levels=grouped,
        )

    def get(self, name: str) -> DirectoryEntry | None:
        return self.by_name.get(name)

    def successor(self, name: str, as_of: date | None = None) -> str:
        """The agency that carries ``name`` on at ``as_of`` (every recorded merger when None):
        the successor chain followed while each link's ``valid_until`` is on or before the date."""
        seen = {name}
        while (info := self.by_name.get(name)) and info.successor and info.valid_until:
            if (as_of is not None and info.valid_until > as_of) or info.successor in seen:
                break
            name = info.successor
            seen.add(name)
        return name

    def carried_on(self, name: str, area: str | None, as_of: date | None = None) -> tuple[str, str | None]:
        """The identity that carries (``name``, ``area``) on at ``as_of`` (every recorded change
        when None): the agency's successor, in its province's successor ("Sở Thông tin và
        Truyền thông" of Đắk Nông is, after 2025, "Sở Khoa học và Công nghệ" of Lâm Đồng)."""
        from extract.jurisdiction import successor as province_successor

        later = self.successor(name, as_of)
        if area and area != NATIONAL:
            area = province_successor(area, as_of.isoformat() if as_of else None)
        return later, area

    def valid_on(self, name: str, day: date) -> bool:
        """False when the directory says ``name`` did not exist yet, or no longer, on ``day``
        (an agency it does not know is taken as valid)."""
        info = self.by_name.get(name)
        if info is None:
            return True
        return (info.valid_from is None or info.valid_from <= day) and (info.valid_until is None or day < info.valid_until)

    def resolve(self, text: str, area: str | None = None) -> AgencyMention:
        """Resolve a mention as written (see :func:`resolve_agency`); cached per normalised
        mention and area."""
        found = self._resolved.get((text, area))
        if found is None:
            mention = _SPACES.sub(" ", nfc(text)).strip()
            found = self._resolved.get((mention, area)) or self._resolve(mention, area)
            if len(self._resolved) >= RESOLVED_CACHE:  # bounded: a process reads many documents
                self._resolved.clear()
            self._resolved[(text, area)] = self._resolved[(mention, area)] = found
        return found

    def canonical(self, text: str) -> str | None:
        """The canonical name of the agency ``text`` names, as :meth:`resolve` finds it; None
        when it names none. Builds no record."""
        found = self._resolved.get((text, None))
        if found is not None:
            return found.agency
        info, _ = self._match(_SPACES.sub(" ", nfc(text)).strip())
        return info.name if info is not None else None

    def knows(self, text: str, *, place: bool = True) -> bool:
        """Whether ``text`` names a directory agency by its name or an alias, followed by a place
        ("Sở Y tế tỉnh Đồng Nai") when ``place``; a close spelling is not enough."""
        key = agency_key(_SPACES.sub(" ", nfc(text)).strip(), self.lang)
        return key in self.by_key or (place and any(short in self.by_key for short in _tailless(key, self.lang)))

    def _match(self, mention: str) -> tuple[DirectoryEntry | None, tuple[float, list[str], MatchReason | None]]:
        """The entry ``mention`` names, with the confidence, flags and reason of the match."""
        lang = self.lang
        key = agency_key(mention, lang)
        info = self.by_key.get(key)
        confidence, flags, reason = 0.97, [], None
        if info is not None:
            reason = self._reason(mention, key, info)
        else:  # "Sở TT&TT tỉnh Lâm Đồng" as "sở tt&tt", then "UBND thành phố Hà Nội" as "… thành phố"
            for short in _tailless(key, lang):
                if (info := self.by_key.get(short)) is not None:
                    confidence, reason = 0.93, self._reason(mention, short, info)
                    break
        if info is None and key and (best := self._close(key)):
            info, confidence, flags, reason = self.by_key[best[0]], round(best[1] / 100 * 0.85, 2), ["review"], "fuzzy"
        return info, (confidence, flags, reason)

    def _resolve(self, mention: str, area: str | None) -> AgencyMention:
        from schemas.records import AgencyMention

        lang = self.lang
        info, (confidence, flags, reason) = self._match(mention)
        if info is None:
            where = area_of(None, mention, agency_key(mention, lang), area, lang)
            return AgencyMention(mention=mention, agency=None, kind=None, confidence=0.3,
                                 flags=["unresolved"], reason="unresolved", area=where)
        if info.name == mention:
            confidence = 0.99
        if info.kind == "vague":
            flags = [*flags, "vague"]
        where = area_of(info.jurisdiction, mention, self.name_keys[info.name], area, lang)
        return AgencyMention(mention=mention, agency=info.name, kind=info.kind, confidence=confidence,
                             flags=flags, reason=reason, area=where)

    def _reason(self, mention: str, key: str, info: DirectoryEntry) -> MatchReason:
        """How a mention matched: through an abbreviation, the canonical name, or another alias."""
        if _ACRONYM.search(mention):
            return "acronym"
        return "name" if key == self.name_keys[info.name] else "alias"

    def _close(self, key: str) -> tuple[str, float] | None:
        """The closest directory key of the same level, no other tier and no other province,
        scoring at least :data:`FUZZY_MIN`; only keys of the mention's head level are scored."""
        from rapidfuzz import fuzz, process

        group = self.levels.get(head_level(key, self.lang))
        if group is None:
            return None
        mine = (tier(key, self.lang), province_in(key))
        fitting = [
            (score, -group.order[candidate], candidate)
            for candidate, score, _ in process.extract(key, group.near(key), scorer=fuzz.ratio, limit=None, score_cutoff=FUZZY_MIN)
            if all(a is None or b is None or a == b for a, b in zip(mine, group.places[candidate], strict=True))
        ]
        if not fitting:
            return None
        score, _, candidate = max(fitting)
        return candidate, score


@cache
def _key_rules(lang: str) -> tuple[tuple[tuple[regex.Pattern[str], str], ...], tuple[str, ...]]:
    data = load_language(lang)
    expansions = tuple(
        (compile_cached(rf"(?<!\w){regex.escape(short)}(?!\w)"), full)
        for short, full in data.table("agency_keys", "expansions").items()
    )
    leading = tuple(sorted((w.casefold() for w in data.words("agencies", "leading_words")), key=len, reverse=True))
    return expansions, leading


@lru_cache(maxsize=KEY_CACHE)
def agency_key(text: str, lang: str = "vi") -> str:
    """The lookup key of a name: casefolded, punctuation and leading articles removed."""
    expansions, leading = _key_rules(lang)
    key = _SPACES.sub(" ", _PUNCT.sub(" ", nfc(text).casefold())).strip()
    for pattern, full in expansions:
        key = pattern.sub(full, key)
    changed = True
    while changed:
        changed = False
        for word in leading:
            if key.startswith(word + " "):
                key, changed = key[len(word) + 1 :], True
    return key


@cache
def _tail_patterns(lang: str) -> tuple[tuple[regex.Pattern[str], str], ...]:
    tails = load_language(lang).words("agency_keys", "jurisdiction_tails")
    return tuple((compile_cached(rf"\s{regex.escape(t.casefold())}\s\S.*$"), t.casefold()) for t in tails)


def _tailless(key: str, lang: str) -> list[str]:
    """The key without the place after its first jurisdiction word, then, when that place is a
    province, with the province word ("ủy ban nhân dân thành phố hà nội" -> "ủy ban nhân dân",
    "ủy ban nhân dân tỉnh"; a city that is no province, "thành phố đà lạt", gives only the first)."""
    patterns = _tail_patterns(lang)
    for pattern, _ in patterns:
        if match := pattern.search(key):
            head = key[: match.start()]
            return [head, f"{head} {patterns[0][1]}"] if province_in(match.group(0)) else [head]
    return []


def _as_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def directory_rows(lang: str = "vi") -> list[DirectoryEntry]:
    """The agencies of ``lang/<code>/agencies.tsv``, in file order ([] when there is none)."""
    path = LANG_DIR / lang / "agencies.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [
            DirectoryEntry(
                name=nfc(row["name"]),
                kind=row.get("kind") or None,
                jurisdiction=row.get("jurisdiction") or None,
                aliases=tuple(nfc(a) for a in (row.get("aliases") or "").split("|") if a),
                parent=nfc(row["parent"]) if row.get("parent") else None,
                valid_from=_as_date(row.get("valid_from")),
                valid_until=_as_date(row.get("valid_until")),
                successor=nfc(row["successor"]) if row.get("successor") else None,
                source=row.get("source") or None,
            )
            for row in rows
        ]


@cache
def agency_directory(lang: str = "vi") -> AgencyDirectory:
    """The agencies known for a language, from ``lang/<code>/agencies.tsv`` (read once)."""
    return AgencyDirectory.build(directory_rows(lang), lang)


def canonical_agency(text: str, lang: str = "vi") -> str | None:
    """The canonical name of the agency ``text`` names (``resolve_agency(text, lang).agency``),
    without building a record."""
    return agency_directory(lang).canonical(text)


def resolve_agency(text: str, lang: str = "vi", area: str | None = None) -> AgencyMention:
    """Resolve a mention as written to a canonical agency, with a confidence, a reason and flags.

    Exact names and aliases resolve with high confidence (reason ``name``, ``alias`` or
    ``acronym``); a close spelling (rapidfuzz ratio >= 90) of an agency of the same level
    (a "Sở" never resolves to a "Bộ"), tier and province resolves lower, reason ``fuzzy``,
    flagged ``review``; anything else stays ``unresolved``. Vague mentions ("các đơn vị có
    liên quan") resolve to their vague entry, flagged ``vague``. ``area`` is the document's
    province: provincial bodies take it, national ones are ``national``.
    """
    return agency_directory(lang).resolve(text, area)
