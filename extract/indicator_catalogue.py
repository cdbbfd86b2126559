"""The indicator catalogue (``extract/lang/indicators.tsv``) and resolution of an indicator
mention to a catalogue row: the link stage's side of targets, as ``extract.directory`` is for
agencies.

Each catalogue row has an id, a unit, a direction (up: more is better; down: less is better) and
names in every language, with ``|``-separated aliases: the same indicator read from a Vietnamese
plan and an English article gets one id. A mention whose words match no row keeps its own words
and is flagged ``unlisted_indicator`` for review, never forced into a row.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

import regex

from extract.langdata import LANG_DIR, nfc
from extract.pattern_cache import compile_cached
from schemas.records import IndicatorMention

FLAGS = regex.IGNORECASE | regex.VERSION1
WORD = compile_cached(r"[\p{L}\d]+(?:[-/][\p{L}\d]+)*")
GAP = 3  # words allowed between a catalogue name's words ("tốc độ tải xuống trung bình tối thiểu")
LANGS = ("vi", "en")
# Confidence of a resolution: a table's indicator cell naming a row in order, a row's own name or
# one of its aliases among the words around a figure, and no row at all.
CELL_CONFIDENCE = 0.95
NAME_CONFIDENCE = 0.9
ALIAS_CONFIDENCE = 0.85
UNLISTED_CONFIDENCE = 0.3


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    names: dict[str, tuple[str, ...]]  # language -> name and aliases
    unit: str
    direction: str  # "up" or "down"

    def name(self, lang: str) -> str:
        names = self.names.get(lang) or next(iter(self.names.values()))
        return names[0]


@cache
def indicators() -> tuple[Indicator, ...]:
    """All catalogue rows, read once."""
    with (LANG_DIR / "indicators.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return tuple(
        Indicator(r["id"], {lang: tuple(nfc(n).strip() for n in r[lang].split("|") if n.strip())
                            for lang in LANGS if r.get(lang)},
                  r["unit"], r.get("direction") or "up")
        for r in rows
    )


def by_id(ind_id: str) -> Indicator | None:
    return next((i for i in indicators() if i.id == ind_id), None)


def _words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in WORD.findall(text))


@cache
def _name_words(lang: str) -> tuple[tuple[Indicator, bool, frozenset[str], str], ...]:
    """Each name's row, whether it is the row's own name (not an alias), its words, and a
    pattern (source) finding them in order with at most GAP words between; patterns are
    compiled when first searched (a run may never need one)."""
    found = []
    for ind in indicators():
        for at, name in enumerate(ind.names.get(lang, ())):
            words = [regex.escape(w) for w in WORD.findall(name)]
            gap = rf"(?:\W+[\p{{L}}\d]+){{0,{GAP}}}?\W+"
            found.append((ind, at == 0, _words(name), r"(?<!\w)" + gap.join(words) + r"(?!\w)"))
    return tuple(found)


@cache
def _ordered(source: str) -> regex.Pattern[str]:
    return compile_cached(source, FLAGS)


def _unit_fits(catalogue: str, unit: str | None) -> bool:
    if unit is None:
        return False
    return catalogue == unit or unit.startswith(catalogue + "/") or catalogue.startswith(unit + "/")


def match_indicator(context: str, unit: str | None, lang: str, ordered: bool = False) -> tuple[Indicator, bool] | None:
    """The row with this unit whose name's (or alias's) words all occur in ``context`` (with
    ``ordered``: in order, few words between, for a table's indicator cell), and whether its own
    name matched (not an alias); the longest name wins."""
    have = _words(context)
    best: tuple[int, Indicator, bool] | None = None
    for ind, own, words, pattern in _name_words(lang):
        if (words and words <= have and _unit_fits(ind.unit, unit) and (best is None or len(words) > best[0])
                and (not ordered or _ordered(pattern).search(context))):
            best = (len(words), ind, own)
    return (best[1], best[2]) if best else None


def resolve_indicator(mention: IndicatorMention, lang: str) -> IndicatorMention:
    """The mention with its catalogue indicator (id and name in ``lang``), a confidence and a
    reason: ``name`` or ``alias`` (which of the row's names matched), or ``unlisted`` (no row)."""
    found = match_indicator(mention.context, mention.unit, lang, ordered=mention.in_order)
    if found is None:
        return mention.replaced(indicator=None, indicator_id=None, confidence=UNLISTED_CONFIDENCE, reason="unlisted")
    ind, own = found
    confidence = CELL_CONFIDENCE if mention.in_order else NAME_CONFIDENCE if own else ALIAS_CONFIDENCE
    return mention.replaced(indicator=ind.name(lang), indicator_id=ind.id, confidence=confidence,
                            reason="name" if own else "alias")
