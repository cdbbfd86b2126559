"""The link stage for figures: each target's and observation's indicator mention resolved to a
catalogue indicator (``extract.indicator_catalogue``), and targets restated in several places
linked to each other."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import regex

from extract.indicator_catalogue import resolve_indicator
from extract.reading import CONFIDENCE_SHARE
from schemas.records import Observation, Provenance, Target

MAX_ALSO = 10  # other places a restated figure lists
NON_WORD = regex.compile(r"\W+")
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


def targets_to_linked(targets: Sequence[Target], lang: str) -> list[Target]:
    """Targets with their indicators resolved, then restated ones linked (``link_restated``)."""
    return link_restated(facts_to_linked(targets, lang))


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
                out[i] = out[i].model_copy(update={"also": others})
    return out
