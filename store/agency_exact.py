"""Agencies named exactly as the store names them: the fast path of ``store.lookup.find_agencies``.

People name an agency the way listings show it: a stored name alone ("Bộ Công an"), or with its
province after it ("Sở Y tế Lâm Đồng", "Sở Y tế (Lâm Đồng)"). For such a text the full resolver
(the province split, the directory's canonical name, close spellings) keeps the rows whose name
or an alias has the text's key, in that province or, without one, in any: this module finds
them with two queries and the province list alone, without importing the resolver, its
patterns or rapidfuzz (a third of a `tasks --agency` on PostgreSQL). Whenever the text could
mean more, it answers None and the full resolver decides:
- another province spelled anywhere in the name (the resolver would split there, or not at all);
- a name whose last word or two, cut off, leave a trailing sign or a name stored in the province
  (the resolver first tries the name without its tier word: "Ủy ban nhân dân tỉnh" -> "Ủy ban
  nhân dân");
- a text that is no stored resolved name, or is written otherwise (case, spaces, an alias).
It rests on two facts of the directory that ``tests/test_agency_exact.py`` checks on every
entry: a canonical name resolves to itself, and a name without its tier word resolves to
nothing or to the name. The same test compares both paths on every agency of a synthetic store.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from store.names import name_key
from store.sql import Sql, json_value

_SEPARATORS = re.compile(r"[\s\-–.]+")  # how a province is spelled loosely (extract.jurisdiction)
_TRAILING = " ,-–("  # what the province split strips before the province
NO_AREA = ("", "national")


def _place(text: str) -> str:
    return _SEPARATORS.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


@cache
def _province_places() -> tuple[frozenset[str], frozenset[str]]:
    """The loose spellings of every province name and alias, and the provinces' names."""
    from extract.jurisdiction import provinces

    listed = provinces()
    return (frozenset(_place(s) for p in listed for s in (p.name, *p.aliases)),
            frozenset(p.name for p in listed))


def _names_a_province(text: str, after: int = -1) -> bool:
    """Whether any province name or alias appears in ``text`` (loosely: anywhere, any case),
    starting at or before the place ``after`` of its loose spelling when given."""
    place = _place(text)
    for spelling in _province_places()[0]:
        at = place.find(spelling)
        if at != -1 and (after < 0 or at <= after):
            return True
    return False


def exact_agencies(sql: Sql, text: str) -> list[int] | None:
    """``find_agencies(sql, text)`` when ``text`` is a stored resolved agency's name, alone or
    followed by its province (see the module); None when the full resolver must decide."""
    wanted = unicodedata.normalize("NFC", text).strip()
    if not wanted or "  " in wanted:
        return None
    rows = sql.rows(
        "SELECT name, area FROM agency WHERE resolved = :yes AND (name = :text OR name || ' ' || area = :text"
        " OR name || ' (' || area || ')' = :text)", {"yes": True, "text": wanted})
    if not _names_a_province(wanted):
        return _named(sql, wanted, None) if any(name == wanted for name, _ in rows) else None
    areas = {(name, area) for name, area in rows if name != wanted and area not in NO_AREA}
    if len(areas) != 1:
        return None
    ((name, area),) = areas
    # the province is the first one spelled in the text: none starts in the name or across its end
    if area not in _province_places()[1] or _names_a_province(wanted, after=len(_place(name))) \
            or name != name.rstrip(_TRAILING):
        return None
    words = name.split(" ")
    cuts = [" ".join(words[:-n]) for n in (1, 2) if len(words) > n]
    if any(not cut[-1].isalnum() for cut in cuts):
        return None
    return _named(sql, name, area, also=cuts)


def _named(sql: Sql, name: str, area: str | None, also: list[str] | None = None) -> list[int] | None:
    """Ids of the agencies (of ``area`` when given) whose name or an alias has the key of
    ``name``, by id; None when one has the key of a name in ``also`` instead."""
    key, others = name_key(name), {name_key(n) for n in also or ()}
    where, params = (" WHERE area = :area", {"area": area}) if area is not None else ("", {})
    found = []
    for agency_id, stored, aliases in sql.rows(f"SELECT id, name, aliases FROM agency{where} ORDER BY id", params):
        keys = {name_key(stored), *(name_key(a) for a in json_value(aliases))}
        if keys & others:
            return None
        if key in keys:
            found.append(agency_id)
    return found
