"""The link stage for figures: each target's and observation's indicator mention resolved to a
catalogue indicator (``extract.indicator_catalogue``), and targets restated in several places
linked to each other."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from extract.indicator_catalogue import resolve_indicator
from extract.pattern_cache import compile_cached
from extract.reading import CONFIDENCE_SHARE
from schemas.records import Observation, Provenance, Target

MAX_ALSO = 10  # other places a restated figure lists
NON_WORD = compile_cached(r"\W+")
UNLISTED = "unlisted_indicator"

Fact = TypeVar("Fact", Target, Observation)


def facts_to_linked(facts: Sequence[Fact], lang: str) -> list[Fact]:
    """Facts whose indicator is the catalogue row their mention resolves to (name and id), or,
    when none does, the mention's own words, flagged ``unlisted_indicator``."""
    out: list[Fact] = []
    for fact in facts:
        if fact.indicator_mention is None:  # built elsewhere with its indicator already given
            out.append(fact)
            continue
        mention = resolve_indicator(fact.indicator_mention, lang)
        if mention.indicator_id is None:
            flags = _flagged(fact.flags, UNLISTED)
            out.append(fact.replaced(indicator=mention.mention, indicator_id=None, indicator_mention=mention, flags=flags))
        else:
            out.append(fact.replaced(indicator=mention.indicator, indicator_id=mention.indicator_id,
                                     indicator_mention=mention))
    return out


def _flagged(flags: Sequence[str], flag: str) -> list[str]:
    """``flags`` with ``flag``: the fact's own flags sorted, the marks of how its source was read
    (``extract.reading``, added after them) still last."""
    read = [f for f in flags if f in CONFIDENCE_SHARE]
    return [*sorted({*(f for f in flags if f not in CONFIDENCE_SHARE), flag}), *read]


def targets_to_linked(targets: Sequence[Target], lang: str, news: bool = False) -> list[Target]:
    """Targets with their indicators resolved, then restated ones linked (``link_restated``), or,
    in news, merged into the first place that reads them (``merge_restated``)."""
    resolved = facts_to_linked(targets, lang)
    return merge_restated(resolved) if news else link_restated(resolved)


def _place(source: Provenance) -> tuple[object, ...]:
    return (source.page, source.table, source.row, source.column, source.line,
            source.char_start, source.char_end, source.text)


def link_restated(targets: list[Target]) -> list[Target]:
    """A figure restated in the same words in another place (the goals restated in a task's
    outputs, a lead sentence repeated in an article) keeps one record per place, as the gold
    annotations count them, and each record lists the other places in ``also``. The same place
    read twice is kept once. Same words: the same indicator name and the same quote (a catalogue
    indicator alone can cover different scopes, e.g. Full HD and Ultra HD video). Linear: a figure
    restated a thousand times lists at most ``MAX_ALSO`` other places."""
    groups: dict[tuple[object, ...], list[int]] = {}
    placed: dict[tuple[object, ...], set[tuple[object, ...]]] = {}
    out: list[Target] = []
    for t in targets:
        words = (t.indicator.casefold(), NON_WORD.sub(" ", t.text.casefold()))
        key = (words, t.comparator, t.value, t.value_max, t.unit, t.deadline)
        place = _place(t.source)
        seen = placed.setdefault(key, set())
        if place in seen:
            continue
        seen.add(place)
        groups.setdefault(key, []).append(len(out))
        out.append(t)
    for members in groups.values():
        if len(members) > 1:
            places = [out[i].source for i in members[: MAX_ALSO + 1]]
            for i in members:
                others = [p for p in places if p != out[i].source][:MAX_ALSO]
                out[i] = out[i].replaced(also=others)
    return out


def merge_restated(targets: list[Target]) -> list[Target]:
    """News: a goal an article restates (headline, lead, photo caption, body) is one goal, kept
    where it is first read, listing the other places in ``also``. Restated: the same indicator
    name, comparator, value, unit and deadline in another paragraph (two such figures in one
    paragraph are two goals whose names the reading could not tell apart)."""
    first: dict[tuple[object, ...], int] = {}
    others: dict[int, list[Provenance]] = {}
    out: list[Target] = []
    for t in targets:
        key = (t.indicator.casefold(), t.comparator, t.value, t.value_max, t.unit, t.deadline)
        if key in first and _block(out[first[key]].source) != _block(t.source):
            kept = others.setdefault(first[key], [])
            if t.source != out[first[key]].source and t.source not in kept and len(kept) < MAX_ALSO:
                kept.append(t.source)
            continue
        first.setdefault(key, len(out))
        out.append(t)
    for i, places in others.items():
        if places:
            out[i] = out[i].replaced(also=places)
    return out


def _block(source: Provenance) -> tuple[object, ...]:
    return (source.page, source.table, source.row, source.column, source.line)
